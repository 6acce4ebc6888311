//! The whole tone report as plain data: provenance (so a figure can be
//! regenerated), the groups asked for, per-event tones and gaps, and the chart
//! figures. Every renderer (text, CSV, JSON, Markdown, HTML) reads this one
//! struct, so the formats cannot disagree.

use serde::Serialize;

use super::events::{event_tones, largest_gaps, EventMeta, EventTone};
use super::group::{group, Dim, Group};
use super::overview::{chart_sides, time_series, PhraseTallies, SidePhrases, TimeSeries};
use super::StatementScore;
use crate::corpus::{Date, Side};

/// What the report was computed from, and how to compute it again.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    /// The corpus folder as given.
    pub corpus: String,
    /// The whole corpus.
    pub corpus_events: usize,
    pub corpus_statements: usize,
    pub first: Option<Date>,
    pub last: Option<Date>,
    /// The statements the report covers (after filters).
    pub selected_events: usize,
    pub selected_statements: usize,
    pub selected_first: Option<Date>,
    pub selected_last: Option<Date>,
    /// The lexicon's fingerprint (hash of its entries).
    pub lexicon: String,
    /// `readouts` version.
    pub version: String,
    /// The exact command line.
    pub command: String,
}

/// How to build the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ToneOptions {
    pub by: Vec<Dim>,
    /// `(A, B)`: gap = A's tone − B's tone on the same event or period.
    pub gap: Option<(Side, Side)>,
    /// Keep every statement's score and hits in the report.
    pub explain: bool,
    /// Phrases listed per side in the overview.
    pub top_phrases: usize,
    /// Events listed in the largest-gaps table.
    pub top_gaps: usize,
    /// Sides drawn in the tone-over-time chart.
    pub max_sides: usize,
    /// Folder of side-by-side diffs to link (`--with-diffs DIR`).
    pub diffs_dir: Option<String>,
}

impl Default for ToneOptions {
    fn default() -> ToneOptions {
        ToneOptions {
            by: vec![Dim::Side],
            gap: None,
            explain: false,
            top_phrases: 10,
            top_gaps: 15,
            max_sides: 8,
            diffs_dir: None,
        }
    }
}

/// A tone report over a selection of statements.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToneReport {
    pub provenance: Provenance,
    /// The formula, in words (see `analysis::tone`).
    pub formula: &'static str,
    pub by: Vec<Dim>,
    pub groups: Vec<Group>,
    pub gap: Option<(Side, Side)>,
    pub events: Vec<EventTone>,
    /// Indices into `events`, largest absolute gap first.
    pub largest_gaps: Vec<usize>,
    pub over_time: TimeSeries,
    pub top_phrases: Vec<SidePhrases>,
    pub diffs_dir: Option<String>,
    /// Every statement with its hits (`--explain` only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<StatementScore>,
    /// Things a reader must know (partial dates, omitted sides, …).
    pub notes: Vec<String>,
}

/// The formula as printed in every report.
pub const FORMULA: &str = "tone = 1000 x (cooperative weight - confrontational weight) / words; \
rate(category) = 1000 x weight / words; weights summed over non-negated hits; \
groups pool weights and words; mean_tone = mean of statement tones";

/// The time dimension of the over-time chart: the finest in `by`, else year.
pub fn chart_period(by: &[Dim]) -> Dim {
    [Dim::Month, Dim::Quarter, Dim::Year]
        .into_iter()
        .find(|d| by.contains(d))
        .unwrap_or(Dim::Year)
}

/// Builds the report from scored statements (in corpus order) and the events they belong to.
pub fn build(
    scores: Vec<StatementScore>,
    events: &[EventMeta],
    options: &ToneOptions,
    provenance: Provenance,
) -> ToneReport {
    let phrases = PhraseTallies::of(&scores);
    build_tallied(scores, &phrases, events, options, provenance)
}

/// [`build`] with the phrases already tallied (statement by statement, in
/// corpus order): the scores' hits are then needed only with `explain`.
pub fn build_tallied(
    mut scores: Vec<StatementScore>,
    tallies: &PhraseTallies,
    events: &[EventMeta],
    options: &ToneOptions,
    provenance: Provenance,
) -> ToneReport {
    let gap = options.gap.as_ref();
    let groups = group(&scores, &options.by);
    let event_tones = event_tones(&scores, events, gap);
    let largest = largest_gaps(&event_tones, options.top_gaps);
    let (sides, omitted) = chart_sides(&scores, gap, options.max_sides);
    let period = chart_period(&options.by);
    let over_time = time_series(&scores, period, &sides, gap, omitted);
    let phrases = tallies.top(&sides, options.top_phrases);
    let notes = notes(&scores, &options.by, period, &over_time);
    if options.explain {
        for s in &mut scores {
            s.hits
                .sort_by_key(|h| (h.shown.start_byte, h.shown.end_byte));
        }
    } else {
        scores.clear();
    }
    ToneReport {
        provenance,
        formula: FORMULA,
        by: options.by.clone(),
        groups,
        gap: options.gap.clone(),
        events: event_tones,
        largest_gaps: largest,
        over_time,
        top_phrases: phrases,
        diffs_dir: options.diffs_dir.clone(),
        statements: scores,
        notes,
    }
}

fn notes(scores: &[StatementScore], by: &[Dim], period: Dim, ts: &TimeSeries) -> Vec<String> {
    let mut notes = Vec::new();
    let partial = scores.iter().filter(|s| s.date.month.is_none()).count();
    let sub_year = by.iter().any(|d| matches!(d, Dim::Quarter | Dim::Month))
        || matches!(period, Dim::Quarter | Dim::Month);
    if partial > 0 && sub_year {
        notes.push(format!(
            "{partial} statements are dated by year only; by quarter or month they are grouped as \"YYYY (month unknown)\""
        ));
    }
    if ts.omitted_sides > 0 {
        notes.push(format!(
            "the tone-over-time chart shows {} sides; {} more are in the tables (choose with --side or --gap)",
            ts.series.len(),
            ts.omitted_sides
        ));
    }
    let empty = scores.iter().filter(|s| s.words == 0).count();
    if empty > 0 {
        notes.push(format!(
            "{empty} statements have no words and score 0 (left out of mean_tone)"
        ));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::super::tests::{hit, input};
    use super::super::{score, Category::*};
    use super::*;

    pub fn provenance() -> Provenance {
        Provenance {
            corpus: "corpus".into(),
            corpus_events: 1,
            corpus_statements: 2,
            first: None,
            last: None,
            selected_events: 1,
            selected_statements: 2,
            selected_first: None,
            selected_last: None,
            lexicon: "test".into(),
            version: "0".into(),
            command: "readouts tone".into(),
        }
    }

    #[test]
    fn hits_are_kept_only_when_explaining_and_partial_dates_are_noted() {
        let scores = vec![score(input(
            "a",
            "USA",
            "2019",
            100,
            vec![hit(Cooperative, "progress", 1.0, false)],
        ))];
        let meta = [EventMeta {
            id: "a".into(),
            date: "2019".parse().unwrap(),
            kind: "call".into(),
            title: "A".into(),
            initiator: None,
        }];
        let mut opts = ToneOptions {
            by: vec![Dim::Side, Dim::Month],
            ..ToneOptions::default()
        };
        let r = build(scores.clone(), &meta, &opts, provenance());
        assert!(r.statements.is_empty());
        assert_eq!(r.top_phrases[0].phrases[0].entry, "progress");
        assert_eq!(r.over_time.period, Dim::Month);
        assert!(
            r.notes[0].starts_with("1 statements are dated by year only"),
            "{:?}",
            r.notes
        );
        opts.explain = true;
        let r = build(scores, &meta, &opts, provenance());
        assert_eq!(r.statements[0].hits.len(), 1);
    }
}
