//! Output of `readouts tone`: one [`ToneReport`] in five formats. Text and
//! Markdown are for reading, CSV and JSON for a spreadsheet or a script (they
//! carry the same, unrounded-for-display numbers), HTML is a self-contained
//! report with inline SVG charts for a paper's appendix.
//!
//! Every format opens with the report's provenance: corpus, selection, lexicon
//! fingerprint, tool version and the exact command line.

mod axis;
pub mod csv;
pub mod html;
pub mod json;
pub mod md;
mod svg;
pub mod text;

use crate::analysis::tone::{Dim, EventTone, Provenance, ToneReport};
use crate::corpus::Date;

/// Which rows the CSV holds (the other formats show everything).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    /// One row per `--by` group.
    Groups,
    /// One row per event and side, with the gap.
    Events,
    /// One row per hit (what `--explain` lists).
    Hits,
}

/// A figure for reading: two decimals.
pub(crate) fn fmt2(x: f64) -> String {
    let s = format!("{x:.2}");
    if s == "-0.00" {
        "0.00".into()
    } else {
        s
    }
}

/// A signed figure for reading: `+1.50`, `-2.00`, `0.00`.
pub(crate) fn signed(x: f64) -> String {
    let s = fmt2(x);
    if x > 0.0 && s != "0.00" {
        format!("+{s}")
    } else {
        s
    }
}

fn span(first: Option<Date>, last: Option<Date>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} to {b}"),
        _ => "no dates".into(),
    }
}

/// The provenance as `(label, value)` lines, shared by every format.
pub(crate) fn provenance_lines(p: &Provenance) -> Vec<(&'static str, String)> {
    vec![
        (
            "corpus",
            format!(
                "{} ({}, {}, {})",
                p.corpus,
                crate::render::count(p.corpus_events, "event"),
                crate::render::count(p.corpus_statements, "statement"),
                span(p.first, p.last)
            ),
        ),
        (
            "selection",
            format!(
                "{}, {}, {}",
                crate::render::count(p.selected_events, "event"),
                crate::render::count(p.selected_statements, "statement"),
                span(p.selected_first, p.selected_last)
            ),
        ),
        ("lexicon", p.lexicon.clone()),
        ("version", format!("readouts {}", p.version)),
        ("command", p.command.clone()),
    ]
}

/// Column headings of the group tables (after the `--by` labels).
pub(crate) const GROUP_HEADINGS: [&str; 10] = [
    "statements",
    "words",
    "tone",
    "mean tone",
    "cooperative",
    "confrontational",
    "disagreement",
    "demand",
    "commitment",
    "concern",
];

/// The `--by` headings, or `all` when the report is not grouped.
pub(crate) fn by_headings(by: &[Dim]) -> Vec<&'static str> {
    if by.is_empty() {
        vec!["all"]
    } else {
        by.iter().map(|d| d.name()).collect()
    }
}

/// One group's row for the text and Markdown tables: its labels, then the
/// figures in `GROUP_HEADINGS` order.
pub(crate) fn group_cells(g: &crate::analysis::tone::Group) -> Vec<String> {
    let mut cells = key_cells(&g.key);
    cells.extend([
        g.statements.to_string(),
        g.words.to_string(),
        signed(g.rates.tone),
        signed(g.mean_tone),
        fmt2(g.rates.cooperative),
        fmt2(g.rates.confrontational),
        fmt2(g.rates.disagreement_code),
        fmt2(g.rates.demand),
        fmt2(g.rates.commitment),
        fmt2(g.rates.concern_ladder),
    ]);
    cells
}

/// A group's labels, or `all`.
pub(crate) fn key_cells(key: &[String]) -> Vec<String> {
    if key.is_empty() {
        vec!["all".into()]
    } else {
        key.to_vec()
    }
}

/// `USA − CHN` for headings.
pub(crate) fn gap_label(report: &ToneReport) -> Option<String> {
    report
        .gap
        .as_ref()
        .map(|(a, b)| format!("{} − {}", a.as_str(), b.as_str()))
}

/// The tone of one side of an event, for reading.
pub(crate) fn side_tone(e: &EventTone, side: &crate::corpus::Side) -> String {
    e.side(side)
        .map(|s| signed(s.rates.tone))
        .unwrap_or_else(|| "–".into())
}

/// The initiator of an event, for reading.
pub(crate) fn initiator_label(e: &EventTone) -> String {
    match &e.initiator {
        Some(i) => i
            .side
            .as_ref()
            .map(|s| s.as_str().to_string())
            .unwrap_or_else(|| "unknown".into()),
        None => "unknown".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_for_reading_have_two_decimals_and_a_sign() {
        assert_eq!(fmt2(3.333333), "3.33");
        assert_eq!(fmt2(-0.0001), "0.00");
        assert_eq!(signed(1.5), "+1.50");
        assert_eq!(signed(-2.0), "-2.00");
        assert_eq!(signed(0.001), "0.00");
    }
}
