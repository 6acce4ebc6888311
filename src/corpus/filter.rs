//! Choosing statements by their metadata: side, issuer, kind and date range.
//! Every analysis command offers these filters (`--side`, `--issuer`,
//! `--kind`, `--from`, `--to`). Full-text `--query` selection runs in the
//! index layer and arrives here as the set of statement ids it matched.

use super::{Date, Event, Side, Statement};

/// Metadata conditions; an empty list means "any".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub sides: Vec<Side>,
    /// Issuers, matched case-insensitively as whole names.
    pub issuers: Vec<String>,
    /// Kinds or kind families: `readout` matches `call-readout` and
    /// `meeting-readout`, `call` matches `call` and `call-readout` (see [`kind_matches`]).
    pub kinds: Vec<String>,
    /// Inclusive; a partial date (`2020`) covers its whole span.
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Only these statement ids (the matches of a full-text query), when set.
    pub ids: Option<std::collections::HashSet<String>>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// The conditions of both filters, which must set different keys (both
    /// holding a side list, say, would leave the user to guess whether one
    /// narrows or widens the other): `Err` names the key set twice. Query
    /// matches (`ids`) are intersected.
    pub fn and(mut self, other: Filter) -> Result<Filter, &'static str> {
        fn one<T>(a: &mut Vec<T>, b: Vec<T>, key: &'static str) -> Result<(), &'static str> {
            match (a.is_empty(), b.is_empty()) {
                (_, true) => Ok(()),
                (true, false) => {
                    *a = b;
                    Ok(())
                }
                (false, false) => Err(key),
            }
        }
        fn date(
            a: &mut Option<Date>,
            b: Option<Date>,
            key: &'static str,
        ) -> Result<(), &'static str> {
            match (&a, b) {
                (_, None) => Ok(()),
                (None, b) => {
                    *a = b;
                    Ok(())
                }
                (Some(_), Some(_)) => Err(key),
            }
        }
        one(&mut self.sides, other.sides, "side")?;
        one(&mut self.issuers, other.issuers, "issuer")?;
        one(&mut self.kinds, other.kinds, "kind")?;
        date(&mut self.from, other.from, "from")?;
        date(&mut self.to, other.to, "to")?;
        self.ids = match (self.ids, other.ids) {
            (Some(a), Some(b)) => Some(a.intersection(&b).cloned().collect()),
            (a, b) => a.or(b),
        };
        Ok(self)
    }

    pub fn accepts(&self, event: &Event, statement: &Statement) -> bool {
        self.accepts_parts(
            &event.kind,
            &statement.side,
            &statement.issuer,
            statement.date,
            &statement.id,
        )
    }

    /// [`Filter::accepts`] from the fields it looks at (event kind; the
    /// statement's side, issuer, date and id), for choosing statements before
    /// they are read.
    pub fn accepts_parts(
        &self,
        kind: &str,
        side: &Side,
        issuer: &str,
        date: Date,
        id: &str,
    ) -> bool {
        (self.sides.is_empty() || self.sides.contains(side))
            && (self.issuers.is_empty()
                || self.issuers.iter().any(|i| i.eq_ignore_ascii_case(issuer)))
            && (self.kinds.is_empty() || self.kinds.iter().any(|k| kind_matches(k, kind)))
            && self
                .from
                .is_none_or(|from| date.last_day() >= from.first_day())
            && self.to.is_none_or(|to| date.first_day() <= to.last_day())
            && self.ids.as_ref().is_none_or(|ids| ids.contains(id))
    }
}

/// Whether `--kind wanted` selects an event of `kind`: the same kind, or a
/// kind whose first or last hyphen-separated part it is (case ignored).
pub fn kind_matches(wanted: &str, kind: &str) -> bool {
    let (w, k) = (wanted.to_lowercase(), kind.to_lowercase());
    k == w
        || k.strip_prefix(&w).is_some_and(|rest| rest.starts_with('-'))
        || k.strip_suffix(&w).is_some_and(|rest| rest.ends_with('-'))
}

/// The same choice as [`kind_matches`] as a regular expression over whole
/// lower-cased kinds (for the index's term dictionary).
pub fn kind_pattern(wanted: &str) -> String {
    let w = regex::escape(&wanted.to_lowercase());
    format!("{w}|{w}-.*|.*-{w}")
}

impl super::Corpus {
    /// The statements `filter` accepts, in corpus order (date, then event id).
    pub fn select<'c>(
        &'c self,
        filter: &'c Filter,
    ) -> impl Iterator<Item = (&'c Event, &'c Statement)> + 'c {
        self.statements().filter(move |(e, s)| filter.accepts(e, s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::sample;

    fn statement(side: &str, issuer: &str, date: &str) -> (Event, Statement) {
        let mut s = sample::statement("e", side, date, "text");
        s.issuer = issuer.into();
        (sample::event("e", date, vec![s.clone()]), s)
    }

    #[test]
    fn filters_by_side_issuer_kind_and_dates() {
        let (e, s) = statement("CHN", "MOFCOM", "2020-08-25");
        let mut f = Filter {
            sides: vec![Side::parse("cn").unwrap()],
            ..Filter::default()
        };
        assert!(f.accepts(&e, &s));
        f.issuers = vec!["mofcom".into()];
        f.kinds = vec!["CALL".into()];
        assert!(f.accepts(&e, &s));
        f.from = Some("2020-08-26".parse().unwrap());
        assert!(!f.accepts(&e, &s));
        f.from = Some("2020".parse().unwrap());
        f.to = Some("2020-08".parse().unwrap());
        assert!(f.accepts(&e, &s));
        f.sides = vec![Side::parse("USA").unwrap()];
        assert!(!f.accepts(&e, &s));
    }

    #[test]
    fn kinds_match_whole_or_by_family() {
        assert!(kind_matches("readout", "call-readout"));
        assert!(kind_matches("Readout", "meeting-readout"));
        assert!(kind_matches("call", "call-readout"));
        assert!(kind_matches("call-readout", "call-readout"));
        assert!(!kind_matches("call", "meeting-readout"));
        assert!(!kind_matches("read", "call-readout"));
        assert!(!kind_matches("statement", "statements"));
        let re = regex::Regex::new(&format!("^(?:{})$", kind_pattern("readout"))).unwrap();
        assert!(re.is_match("call-readout") && !re.is_match("readouts"));
    }

    #[test]
    fn query_matches_restrict_to_their_ids() {
        let (e, s) = statement("CHN", "MOFCOM", "2020-08-25");
        let mut f = Filter {
            ids: Some(["e/CHN".to_string()].into()),
            ..Filter::default()
        };
        assert!(f.accepts(&e, &s));
        f.ids = Some(Default::default());
        assert!(!f.accepts(&e, &s));
    }

    #[test]
    fn partial_statement_dates_overlap_ranges() {
        let (e, s) = statement("USA", "White House", "2026-02");
        let f = Filter {
            from: Some("2026-02-10".parse().unwrap()),
            to: Some("2026-03-01".parse().unwrap()),
            ..Filter::default()
        };
        assert!(f.accepts(&e, &s));
    }

    #[test]
    fn and_joins_conditions_on_different_keys_and_refuses_a_key_twice() {
        let side = Filter {
            sides: vec![Side::parse("CHN").unwrap()],
            ..Filter::default()
        };
        let from = Filter {
            from: Some("1990".parse().unwrap()),
            ids: Some(["a".to_string(), "b".to_string()].into()),
            ..Filter::default()
        };
        let both = side.clone().and(from.clone()).unwrap();
        assert_eq!(
            (both.sides.clone(), both.from),
            (side.sides.clone(), from.from)
        );
        assert_eq!(side.clone().and(side.clone()), Err("side"));
        assert_eq!(from.clone().and(from.clone()).unwrap_err(), "from");
        let only_b = Filter {
            ids: Some(["b".to_string(), "c".to_string()].into()),
            ..Filter::default()
        };
        assert_eq!(
            both.and(only_b).unwrap().ids,
            Some(["b".to_string()].into())
        );
    }
}
