//! `readouts tone` for the terminal: provenance, the group table, the events
//! with their gap, and with `--explain` every hit behind every score.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::{
    by_headings, gap_label, group_cells, initiator_label, provenance_lines, side_tone, signed,
    GROUP_HEADINGS,
};
use crate::analysis::tone::{StatementScore, ToneReport};
use crate::render::escape::terminal;
use crate::render::{Painter, Style};

pub fn render(out: &mut dyn Write, r: &ToneReport, painter: Painter) -> io::Result<()> {
    for (label, value) in provenance_lines(&r.provenance) {
        writeln!(
            out,
            "{} {}",
            painter.paint(Style::Dim, &format!("{label}:")),
            terminal(&value)
        )?;
    }
    writeln!(
        out,
        "{} {}",
        painter.paint(Style::Dim, "formula:"),
        r.formula
    )?;
    writeln!(out)?;
    groups(out, r, painter)?;
    if r.gap.is_some() {
        writeln!(out)?;
        events(out, r, painter)?;
    }
    if !r.statements.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            painter.paint(Style::Heading, "Hits behind every score")
        )?;
        for s in &r.statements {
            explain(out, s, painter)?;
        }
    }
    for n in &r.notes {
        writeln!(
            out,
            "{} {}",
            painter.paint(Style::Warning, "note:"),
            terminal(n)
        )?;
    }
    Ok(())
}

fn tone_style(x: f64) -> Style {
    if x > 0.0 {
        Style::Cooperative
    } else if x < 0.0 {
        Style::Confrontational
    } else {
        Style::Dim
    }
}

/// Writes rows padded to column widths; numeric columns (index ≥ `left`) right-aligned.
/// `styles[i][j]` colours a cell after padding.
fn table(
    out: &mut dyn Write,
    head: &[String],
    rows: &[Vec<String>],
    left: usize,
    painter: Painter,
    style_of: &dyn Fn(usize, &str) -> Option<Style>,
) -> io::Result<()> {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| terminal(c).into_owned()).collect())
        .collect();
    let mut widths: Vec<usize> = head.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let pad = |i: usize, cell: &str| {
        let fill = " ".repeat(widths[i].saturating_sub(cell.width()));
        if i < left {
            format!("{cell}{fill}")
        } else {
            format!("{fill}{cell}")
        }
    };
    let line: Vec<String> = head.iter().enumerate().map(|(i, h)| pad(i, h)).collect();
    writeln!(
        out,
        "{}",
        painter.paint(Style::Heading, line.join("  ").trim_end())
    )?;
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let padded = pad(i, c);
                match style_of(i, c) {
                    Some(st) => painter.paint(st, &padded),
                    None => padded,
                }
            })
            .collect();
        writeln!(out, "{}", cells.join("  ").trim_end())?;
    }
    Ok(())
}

fn groups(out: &mut dyn Write, r: &ToneReport, painter: Painter) -> io::Result<()> {
    let by = by_headings(&r.by);
    let mut head: Vec<String> = by.iter().map(|s| s.to_string()).collect();
    head.extend(GROUP_HEADINGS.iter().map(|s| s.to_string()));
    let rows: Vec<Vec<String>> = r.groups.iter().map(group_cells).collect();
    let tone_cols = [by.len() + 2, by.len() + 3];
    let style = |i: usize, c: &str| {
        tone_cols
            .contains(&i)
            .then(|| tone_style(c.parse().unwrap_or(0.0)))
    };
    writeln!(
        out,
        "{}",
        painter.paint(Style::Heading, "Rates per 1,000 words")
    )?;
    table(out, &head, &rows, by.len(), painter, &style)
}

fn events(out: &mut dyn Write, r: &ToneReport, painter: Painter) -> io::Result<()> {
    let Some((a, b)) = &r.gap else { return Ok(()) };
    let label = gap_label(r).unwrap_or_default();
    writeln!(
        out,
        "{}",
        painter.paint(Style::Heading, &format!("Events (gap = tone {label})"))
    )?;
    let head: Vec<String> = [
        "date".to_string(),
        "event".into(),
        "initiator".into(),
        a.as_str().into(),
        b.as_str().into(),
        "gap".into(),
    ]
    .to_vec();
    let rows: Vec<Vec<String>> = r
        .events
        .iter()
        .map(|e| {
            vec![
                e.date.to_string(),
                e.id.clone(),
                initiator_label(e),
                side_tone(e, a),
                side_tone(e, b),
                e.gap.map(signed).unwrap_or_else(|| "–".into()),
            ]
        })
        .collect();
    let style = |i: usize, c: &str| (i >= 3).then(|| tone_style(c.parse().unwrap_or(0.0)));
    table(out, &head, &rows, 3, painter, &style)
}

fn explain(out: &mut dyn Write, s: &StatementScore, painter: Painter) -> io::Result<()> {
    writeln!(
        out,
        "{} {} words, tone {}",
        painter.paint(Style::Path, &s.id),
        s.words,
        painter.paint(tone_style(s.rates.tone), &signed(s.rates.tone))
    )?;
    if s.hits.is_empty() {
        writeln!(out, "  {}", painter.paint(Style::Dim, "no hits"))?;
    }
    for h in &s.hits {
        let negated = if h.negated {
            painter.paint(Style::Warning, " NEGATED, not counted")
        } else {
            String::new()
        };
        // The words as written first, then the entry (when it differs) and category.
        writeln!(
            out,
            "  {} · {} ×{}{}{negated}",
            painter.paint(Style::Hit, &terminal(&h.shown.words_and_entry())),
            h.shown.category.as_str(),
            h.weight,
            painter.paint(
                Style::Dim,
                &format!(
                    " bytes {}–{} chars {}–{}",
                    h.shown.start_byte, h.shown.end_byte, h.shown.start_char, h.shown.end_char
                )
            ),
        )?;
        // A line break inside the sentence is folded like any other space.
        let sentence = h.sentence.split_whitespace().collect::<Vec<_>>().join(" ");
        writeln!(out, "      {}", painter.paint(Style::Dim, &sentence))?;
    }
    Ok(())
}
