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

    pub fn accepts(&self, event: &Event, statement: &Statement) -> bool {
        (self.sides.is_empty() || self.sides.contains(&statement.side))
            && (self.issuers.is_empty()
                || self
                    .issuers
                    .iter()
                    .any(|i| i.eq_ignore_ascii_case(&statement.issuer)))
            && (self.kinds.is_empty()
                || self
                    .kinds
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(&event.kind)))
            && self
                .from
                .is_none_or(|from| statement.date.last_day() >= from.first_day())
            && self
                .to
                .is_none_or(|to| statement.date.first_day() <= to.last_day())
            && self
                .ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&statement.id))
    }
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
}
