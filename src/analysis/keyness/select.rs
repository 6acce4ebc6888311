//! Choosing the two groups (and the prior) of a keyness comparison. A group is
//! just a labelled set of statements, so any selection — by side, issuer,
//! period, metadata conditions or a full-text query — plugs in the same way.
//!
//! The groups are written in the tool's one selection language
//! ([`crate::corpus::selection`]): metadata conditions, a full-text query
//! (answered by the index outside this module: the caller narrows
//! [`Selection::filter`] to the matching statement ids), or both.

use std::collections::BTreeSet;

use rustc_hash::FxHashSet;

use super::Group;
pub use crate::corpus::selection::{describe, parse_selection, Selection};
use crate::corpus::{Corpus, Date, Filter, Side};

/// Why two groups could not be formed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    #[error(transparent)]
    Selection(#[from] crate::corpus::selection::SelectionError),
    #[error("comparing by {by} needs exactly two {by}s, but the selected statements have {found}: {names}; choose two with --{by}s A,B")]
    NotTwo {
        by: &'static str,
        found: usize,
        names: String,
    },
}

/// The statements of `corpus` that both `base` and `filter` accept.
pub fn select<'c>(corpus: &'c Corpus, base: &Filter, filter: &Filter, label: String) -> Group<'c> {
    Group {
        label,
        statements: in_base(corpus, base)
            .filter(|(e, s)| filter.accepts(e, s))
            .map(|(_, s)| s)
            .collect(),
    }
}

/// The statements `base` accepts (for any lifetime of `base`).
fn in_base<'c, 'f>(
    corpus: &'c Corpus,
    base: &'f Filter,
) -> impl Iterator<Item = (&'c crate::corpus::Event, &'c crate::corpus::Statement)> + 'f
where
    'c: 'f,
{
    corpus.statements().filter(move |(e, s)| base.accepts(e, s))
}

/// Group a and group b by selection; `b = None` means "the rest": every
/// statement `base` accepts that is not in group a. A selection with a
/// full-text query must have been answered first ([`Selection::answered`]).
pub fn by_selections<'c>(
    corpus: &'c Corpus,
    base: &Filter,
    a: &Selection,
    b: Option<&Selection>,
) -> Result<(Group<'c>, Group<'c>), SelectError> {
    let ga = select(corpus, base, a.answered()?, a.label());
    let gb = match b {
        Some(b) => select(corpus, base, b.answered()?, b.label()),
        None => {
            let in_a: FxHashSet<*const _> = ga.statements.iter().map(|s| *s as *const _).collect();
            Group {
                label: match (&a.query, &a.written) {
                    (Some(_), _) | (_, Some(_)) => format!("not ({})", ga.label),
                    (None, None) => format!("not {}", ga.label),
                },
                statements: in_base(corpus, base)
                    .map(|(_, s)| s)
                    .filter(|s| !in_a.contains(&(*s as *const _)))
                    .collect(),
            }
        }
    };
    Ok((ga, gb))
}

/// One side against another; with `sides = None`, the two sides the selected
/// statements have (an error unless there are exactly two).
pub fn by_side<'c>(
    corpus: &'c Corpus,
    base: &Filter,
    sides: Option<(Side, Side)>,
) -> Result<(Group<'c>, Group<'c>), SelectError> {
    let (x, y) = match sides {
        Some(pair) => pair,
        None => {
            let found: BTreeSet<&Side> = in_base(corpus, base).map(|(_, s)| &s.side).collect();
            let names: Vec<String> = found.iter().map(|s| s.to_string()).collect();
            two("side", names)?
        }
    };
    let group = |side: &Side| select(corpus, base, &side_filter(side), side.to_string());
    Ok((group(&x), group(&y)))
}

fn side_filter(side: &Side) -> Filter {
    Filter {
        sides: vec![side.clone()],
        ..Filter::default()
    }
}

/// One issuing office against another, as `by_side`.
pub fn by_issuer<'c>(
    corpus: &'c Corpus,
    base: &Filter,
    issuers: Option<(String, String)>,
) -> Result<(Group<'c>, Group<'c>), SelectError> {
    let (x, y) = match issuers {
        Some(pair) => pair,
        None => {
            let found: BTreeSet<&str> = in_base(corpus, base)
                .map(|(_, s)| s.issuer.as_str())
                .collect();
            two("issuer", found.into_iter().map(String::from).collect())?
        }
    };
    let group = |issuer: &str| {
        let f = Filter {
            issuers: vec![issuer.to_string()],
            ..Filter::default()
        };
        select(corpus, base, &f, issuer.to_string())
    };
    Ok((group(&x), group(&y)))
}

fn two<T: std::str::FromStr>(by: &'static str, names: Vec<String>) -> Result<(T, T), SelectError> {
    let not_two = || SelectError::NotTwo {
        by,
        found: names.len(),
        names: shorten(&names),
    };
    if names.len() != 2 {
        return Err(not_two());
    }
    match (names[0].parse::<T>(), names[1].parse::<T>()) {
        (Ok(x), Ok(y)) => Ok((x, y)),
        _ => Err(not_two()),
    }
}

fn shorten(names: &[String]) -> String {
    if names.len() <= 8 {
        return names.join(", ");
    }
    format!("{}, … ({} more)", names[..8].join(", "), names.len() - 8)
}

/// Statements dated before `split` against those from `split` on. A statement
/// belongs to the period its date starts in (a statement dated `2000` is in
/// the later period of `--split 2000-06`).
pub fn by_split<'c>(corpus: &'c Corpus, base: &Filter, split: Date) -> (Group<'c>, Group<'c>) {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for (_, s) in in_base(corpus, base) {
        if s.date.first_day() < split.first_day() {
            before.push(s);
        } else {
            after.push(s);
        }
    }
    (
        Group {
            label: format!("before {split}"),
            statements: before,
        },
        Group {
            label: format!("{split} on"),
            statements: after,
        },
    )
}

/// Keeps only statements of events in which both groups have a statement.
pub fn paired<'c>(a: Group<'c>, b: Group<'c>) -> (Group<'c>, Group<'c>) {
    let events = |g: &Group<'c>| -> FxHashSet<String> {
        g.statements.iter().map(|s| s.event_id.clone()).collect()
    };
    let (ea, eb) = (events(&a), events(&b));
    let keep = |g: Group<'c>| Group {
        label: g.label,
        statements: g
            .statements
            .into_iter()
            .filter(|s| ea.contains(&s.event_id) && eb.contains(&s.event_id))
            .collect(),
    };
    (keep(a), keep(b))
}
