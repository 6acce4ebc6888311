//! Grouping statement scores by side, issuer, period or event (`--by
//! side,year`), pooling their tallies into group rates. Kept apart from the
//! formula so the grouping rules (partial dates especially) are stated once.
//!
//! Partial dates: a statement dated only by year (as in the UN corpus) has no
//! quarter or month; grouped by quarter or month it falls in the group
//! `YYYY (month unknown)`, which sorts before that year's known months.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{round6, Rates, StatementScore, Tallies};
use crate::corpus::Date;

/// A dimension to group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dim {
    Side,
    Issuer,
    Year,
    Quarter,
    Month,
    Event,
}

impl Dim {
    pub const ALL: [Dim; 6] = [
        Dim::Side,
        Dim::Issuer,
        Dim::Year,
        Dim::Quarter,
        Dim::Month,
        Dim::Event,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Dim::Side => "side",
            Dim::Issuer => "issuer",
            Dim::Year => "year",
            Dim::Quarter => "quarter",
            Dim::Month => "month",
            Dim::Event => "event",
        }
    }

    pub fn parse(raw: &str) -> Option<Dim> {
        Dim::ALL
            .into_iter()
            .find(|d| d.name().eq_ignore_ascii_case(raw.trim()))
    }

    /// Whether the dimension is a period of time.
    pub fn is_period(self) -> bool {
        matches!(self, Dim::Year | Dim::Quarter | Dim::Month)
    }

    /// The group label of a statement along this dimension.
    pub fn label(self, s: &StatementScore) -> String {
        match self {
            Dim::Side => s.side.as_str().to_string(),
            Dim::Issuer => s.issuer.clone(),
            Dim::Event => s.event_id.clone(),
            period => period_label(period, s.date),
        }
    }
}

/// `2020`, `2020-Q3`, `2020-08`, or `2020 (month unknown)` for a year-only date.
pub fn period_label(dim: Dim, date: Date) -> String {
    match (dim, date.month) {
        (Dim::Quarter, Some(_)) => format!("{}-Q{}", date.year, date.quarter().unwrap_or(0)),
        (Dim::Month, Some(m)) => format!("{}-{m:02}", date.year),
        (Dim::Quarter | Dim::Month, None) => format!("{} (month unknown)", date.year),
        _ => format!("{}", date.year),
    }
}

/// Whether a label is the year-only fallback of [`period_label`].
pub fn is_unknown_period(label: &str) -> bool {
    label.ends_with("(month unknown)")
}

/// Pooled figures of one group of statements.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// One label per `--by` dimension, in the order given.
    pub key: Vec<String>,
    pub statements: usize,
    pub words: usize,
    pub tallies: Tallies,
    /// Pooled rates: 1000 · Σweight / Σwords.
    pub rates: Rates,
    /// Plain mean of the statements' tones (statements with words only).
    pub mean_tone: f64,
    pub max_concern: u8,
    pub negated: usize,
}

/// Running sums for one group.
#[derive(Debug, Clone, Default)]
pub struct Acc {
    pub statements: usize,
    pub words: usize,
    pub tallies: Tallies,
    tone_sum: f64,
    toned: usize,
    max_concern: u8,
    negated: usize,
}

impl Acc {
    pub fn add(&mut self, s: &StatementScore) {
        self.statements += 1;
        self.words += s.words;
        self.tallies.add(&s.tallies);
        if s.words > 0 {
            // Unrounded statement tone, so the mean is not a mean of roundings.
            let w = s.words as f64;
            self.tone_sum +=
                1000.0 * (s.tallies.cooperative.weight - s.tallies.confrontational.weight) / w;
            self.toned += 1;
        }
        self.max_concern = self.max_concern.max(s.max_concern);
        self.negated += s.negated;
    }

    pub fn rates(&self) -> Rates {
        Rates::of(&self.tallies, self.words)
    }

    pub fn finish(&self, key: Vec<String>) -> Group {
        Group {
            key,
            statements: self.statements,
            words: self.words,
            tallies: self.tallies,
            rates: self.rates(),
            mean_tone: if self.toned == 0 {
                0.0
            } else {
                round6(self.tone_sum / self.toned as f64)
            },
            max_concern: self.max_concern,
            negated: self.negated,
        }
    }
}

/// Groups statements by `by` (no dimension: one group of everything), in key order.
pub fn group(scores: &[StatementScore], by: &[Dim]) -> Vec<Group> {
    let mut accs: BTreeMap<Vec<String>, Acc> = BTreeMap::new();
    for s in scores {
        let key: Vec<String> = by.iter().map(|d| d.label(s)).collect();
        accs.entry(key).or_default().add(s);
    }
    accs.into_iter().map(|(k, a)| a.finish(k)).collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{hit, input};
    use super::super::{score, Category::*};
    use super::*;

    fn scores() -> Vec<StatementScore> {
        vec![
            // USA 2020-08: 200 words, cooperative 2 → tone 10.
            score(input(
                "a",
                "USA",
                "2020-08-25",
                200,
                vec![hit(Cooperative, "progress", 2.0, false)],
            )),
            // USA 2020 (year only): 100 words, confrontational 1 → tone −10.
            score(input(
                "b",
                "USA",
                "2020",
                100,
                vec![hit(Confrontational, "unfair", 1.0, false)],
            )),
            // CHN 2020-08: 50 words, cooperative 1, demand 1 → tone 20.
            score(input(
                "a",
                "CHN",
                "2020-08-25",
                50,
                vec![
                    hit(Cooperative, "constructive", 1.0, false),
                    hit(Demand, "urged", 1.0, false),
                ],
            )),
        ]
    }

    #[test]
    fn groups_pool_words_and_weights() {
        let g = group(&scores(), &[Dim::Side]);
        let keys: Vec<&str> = g.iter().map(|g| g.key[0].as_str()).collect();
        assert_eq!(keys, ["CHN", "USA"]);
        let usa = &g[1];
        assert_eq!((usa.statements, usa.words), (2, 300));
        // pooled: 1000·(2 − 1)/300 = 3.333333; mean of (10, −10) = 0.
        assert_eq!(usa.rates.tone, 3.333333);
        assert_eq!(usa.mean_tone, 0.0);
        assert_eq!(usa.rates.cooperative, 6.666667);
        assert_eq!(g[0].rates.demand, 20.0);
    }

    #[test]
    fn year_only_dates_get_an_unknown_month_group() {
        let g = group(&scores(), &[Dim::Side, Dim::Month]);
        let keys: Vec<String> = g.iter().map(|g| g.key.join(" ")).collect();
        assert_eq!(
            keys,
            ["CHN 2020-08", "USA 2020 (month unknown)", "USA 2020-08"]
        );
        assert!(is_unknown_period(&g[1].key[1]));
        let q = group(&scores(), &[Dim::Quarter]);
        let keys: Vec<&str> = q.iter().map(|g| g.key[0].as_str()).collect();
        assert_eq!(keys, ["2020 (month unknown)", "2020-Q3"]);
    }

    #[test]
    fn no_dimension_is_one_group_of_everything() {
        let g = group(&scores(), &[]);
        assert_eq!(g.len(), 1);
        assert_eq!((g[0].statements, g[0].words), (3, 350));
        // 1000·(3 − 1)/350
        assert_eq!(g[0].rates.tone, 5.714286);
        // mean of 10, −10, 20
        assert_eq!(g[0].mean_tone, 6.666667);
    }

    #[test]
    fn dimensions_parse_by_name() {
        assert_eq!(Dim::parse("Year"), Some(Dim::Year));
        assert_eq!(Dim::parse("decade"), None);
    }
}
