//! The figures behind the report's charts: tone over time per side, the
//! framing gap per period, and each side's most frequent framing phrases.
//! Computed here, not in the HTML renderer, so every plotted number is also
//! in the JSON and can be checked.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::group::{period_label, Acc, Dim};
use super::{round6, Category, StatementScore};
use crate::analysis::lexicon::shown::{forms_by_count, FormCount};
use crate::corpus::Side;

/// One side's pooled tone per period (`None`: the side did not speak then).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub side: Side,
    pub statements: usize,
    pub tone: Vec<Option<f64>>,
}

/// Tone over time for the charted sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeSeries {
    /// year, quarter or month.
    pub period: Dim,
    pub periods: Vec<String>,
    pub series: Vec<Series>,
    /// First charted side's tone minus the second's, per period (with `--gap`).
    pub gap: Vec<Option<f64>>,
    /// Sides left out of the chart (only the `max_sides` largest are drawn).
    pub omitted_sides: usize,
}

/// A lexicon entry and how often one side used it (counted hits only),
/// with the words as written that it counts: "malign" 55 may be
/// "aggression" 40 and "malign" 15.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhraseCount {
    pub entry: String,
    pub category: Category,
    pub hits: usize,
    pub weight: f64,
    /// The surface forms (folded to one line, lower-cased), most frequent first.
    pub forms: Vec<FormCount>,
}

/// A side's most frequent framing phrases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SidePhrases {
    pub side: Side,
    pub phrases: Vec<PhraseCount>,
}

/// The sides to chart: the `--gap` pair first, then the sides with most
/// statements (ties by code), at most `max`.
pub fn chart_sides(
    scores: &[StatementScore],
    gap: Option<&(Side, Side)>,
    max: usize,
) -> (Vec<Side>, usize) {
    let mut counts: BTreeMap<&Side, usize> = BTreeMap::new();
    for s in scores {
        *counts.entry(&s.side).or_default() += 1;
    }
    let mut order: Vec<(&Side, usize)> = counts.into_iter().collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut sides: Vec<Side> = Vec::new();
    if let Some((a, b)) = gap {
        sides.extend([a.clone(), b.clone()]);
    }
    for (s, _) in &order {
        if !sides.contains(s) {
            sides.push((*s).clone());
        }
    }
    let total = order.len();
    sides.truncate(max.max(2).min(sides.len()));
    let charted = sides.iter().filter(|s| order.iter().any(|(o, _)| o == s));
    (sides.clone(), total - charted.count())
}

/// Pooled tone per side and period for `sides`.
pub fn time_series(
    scores: &[StatementScore],
    period: Dim,
    sides: &[Side],
    gap: Option<&(Side, Side)>,
    omitted_sides: usize,
) -> TimeSeries {
    let mut cells: BTreeMap<String, HashMap<&Side, Acc>> = BTreeMap::new();
    for s in scores {
        let label = period_label(period, s.date);
        let row = cells.entry(label).or_default();
        if sides.contains(&s.side) {
            row.entry(&s.side).or_default().add(s);
        }
    }
    let periods: Vec<String> = cells.keys().cloned().collect();
    let tone_of = |p: &String, side: &Side| {
        cells[p]
            .get(side)
            .filter(|a| a.words > 0)
            .map(|a| a.rates().tone)
    };
    let series = sides
        .iter()
        .map(|side| Series {
            side: side.clone(),
            statements: cells
                .values()
                .filter_map(|r| r.get(side))
                .map(|a| a.statements)
                .sum(),
            tone: periods.iter().map(|p| tone_of(p, side)).collect(),
        })
        .collect();
    let gap = periods
        .iter()
        .map(|p| {
            let (a, b) = gap?;
            Some(round6(tone_of(p, a)? - tone_of(p, b)?))
        })
        .collect();
    TimeSeries {
        period,
        periods,
        series,
        gap,
        omitted_sides,
    }
}

/// The `n` most frequent counted phrases of each side in `sides`.
pub fn top_phrases(scores: &[StatementScore], sides: &[Side], n: usize) -> Vec<SidePhrases> {
    PhraseTallies::of(scores).top(sides, n)
}

/// One phrase's hits, summed weight and hits per form as written.
type PhraseCounts = (usize, f64, BTreeMap<String, usize>);

/// Counted (not negated) phrases per side, entry and category: hits, summed
/// weight and the words as written. Added statement by statement in corpus
/// order, so the sums are those of one pass over the scores, and a caller
/// that scores a corpus in parts can drop each statement's hits once added.
#[derive(Debug, Clone, Default)]
pub struct PhraseTallies {
    counts: HashMap<(Side, std::sync::Arc<str>, Category), PhraseCounts>,
}

impl PhraseTallies {
    /// The tallies of every statement of `scores`.
    pub fn of(scores: &[StatementScore]) -> PhraseTallies {
        let mut tallies = PhraseTallies::default();
        for s in scores {
            tallies.add(s);
        }
        tallies
    }

    /// Adds the counted hits of one statement.
    pub fn add(&mut self, s: &StatementScore) {
        for h in s.hits.iter().filter(|h| !h.negated) {
            let key = (s.side.clone(), h.shown.entry.clone(), h.shown.category);
            let c = self.counts.entry(key).or_default();
            c.0 += 1;
            c.1 += h.weight;
            *c.2.entry(h.shown.form()).or_insert(0) += 1;
        }
    }

    /// The `n` most frequent phrases of each side in `sides`.
    pub fn top(&self, sides: &[Side], n: usize) -> Vec<SidePhrases> {
        sides
            .iter()
            .map(|side| {
                let mut phrases: Vec<PhraseCount> = self
                    .counts
                    .iter()
                    .filter(|((s, _, _), _)| s == side)
                    .map(|((_, p, c), (hits, w, forms))| PhraseCount {
                        entry: p.to_string(),
                        category: *c,
                        hits: *hits,
                        weight: round6(*w),
                        forms: forms_by_count(forms),
                    })
                    .collect();
                phrases.sort_by(|a, b| {
                    b.hits
                        .cmp(&a.hits)
                        .then(a.entry.cmp(&b.entry))
                        .then(a.category.cmp(&b.category))
                });
                phrases.truncate(n);
                SidePhrases {
                    side: side.clone(),
                    phrases,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{hit, input};
    use super::super::{score, Category::*};
    use super::*;

    fn side(s: &str) -> Side {
        Side::parse(s).unwrap()
    }

    fn scores() -> Vec<StatementScore> {
        vec![
            score(input(
                "a",
                "USA",
                "2019",
                100,
                vec![hit(Cooperative, "progress", 1.0, false)],
            )),
            score(input(
                "a",
                "CHN",
                "2019",
                100,
                vec![
                    hit(Cooperative, "constructive", 1.0, false),
                    hit(Cooperative, "constructive", 1.0, false),
                    hit(Cooperative, "win-win", 1.0, true),
                ],
            )),
            score(input(
                "b",
                "CHN",
                "2020",
                50,
                vec![hit(Confrontational, "bullying", 1.0, false)],
            )),
            score(input("b", "FRA", "2020", 50, vec![])),
        ]
    }

    #[test]
    fn series_hold_one_value_per_period_and_side() {
        let pair = (side("USA"), side("CHN"));
        let (sides, omitted) = chart_sides(&scores(), Some(&pair), 2);
        assert_eq!(sides, [side("USA"), side("CHN")]);
        assert_eq!(omitted, 1, "FRA is not charted");
        let ts = time_series(&scores(), Dim::Year, &sides, Some(&pair), omitted);
        assert_eq!(ts.periods, ["2019", "2020"]);
        assert_eq!(ts.series[0].tone, [Some(10.0), None]);
        assert_eq!(ts.series[1].tone, [Some(20.0), Some(-20.0)]);
        assert_eq!(ts.gap, [Some(-10.0), None]);
    }

    #[test]
    fn top_phrases_count_only_counted_hits() {
        let top = top_phrases(&scores(), &[side("CHN")], 5);
        let chn: Vec<(&str, usize)> = top[0]
            .phrases
            .iter()
            .map(|p| (p.entry.as_str(), p.hits))
            .collect();
        assert_eq!(chn, [("constructive", 2), ("bullying", 1)]);
    }
}
