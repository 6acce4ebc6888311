//! `readouts tone --format md`: the report as Markdown tables, to paste into
//! notes or a paper draft. Corpus text is escaped for table cells.

use std::io::{self, Write};

use super::{
    by_headings, gap_label, group_cells, initiator_label, provenance_lines, side_tone, signed,
    GROUP_HEADINGS,
};
use crate::analysis::tone::ToneReport;
use crate::render::escape::md_cell;

fn row(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    let cells: Vec<String> = cells.iter().map(|c| md_cell(c)).collect();
    writeln!(out, "| {} |", cells.join(" | "))
}

fn head(out: &mut dyn Write, cells: &[String], left: usize) -> io::Result<()> {
    row(out, cells)?;
    let rule: Vec<&str> = (0..cells.len())
        .map(|i| if i < left { "---" } else { "---:" })
        .collect();
    writeln!(out, "| {} |", rule.join(" | "))
}

pub fn render(out: &mut dyn Write, r: &ToneReport) -> io::Result<()> {
    writeln!(out, "# Tone report\n")?;
    for (label, value) in provenance_lines(&r.provenance) {
        writeln!(out, "- **{label}**: {}", md_cell(&value))?;
    }
    writeln!(out, "- **formula**: {}\n", r.formula)?;
    writeln!(out, "## Rates per 1,000 words\n")?;
    let by = by_headings(&r.by);
    let mut h: Vec<String> = by.iter().map(|s| s.to_string()).collect();
    h.extend(GROUP_HEADINGS.iter().map(|s| s.to_string()));
    head(out, &h, by.len())?;
    for g in &r.groups {
        row(out, &group_cells(g))?;
    }
    if let (Some((a, b)), Some(label)) = (&r.gap, gap_label(r)) {
        writeln!(out, "\n## Events (gap = tone {label})\n")?;
        let h = ["date", "event", "initiator", a.as_str(), b.as_str(), "gap"].map(String::from);
        head(out, &h, 3)?;
        for e in &r.events {
            row(
                out,
                &[
                    e.date.to_string(),
                    e.id.clone(),
                    initiator_label(e),
                    side_tone(e, a),
                    side_tone(e, b),
                    e.gap.map(signed).unwrap_or_else(|| "–".into()),
                ],
            )?;
        }
    }
    if !r.statements.is_empty() {
        writeln!(out, "\n## Hits behind every score\n")?;
        let h = [
            "statement",
            "surface",
            "entry",
            "category",
            "weight",
            "counted",
            "sentence",
        ]
        .map(String::from);
        head(out, &h, 3)?;
        for s in &r.statements {
            for hit in &s.hits {
                row(
                    out,
                    &[
                        s.id.clone(),
                        hit.shown.words(),
                        hit.shown.entry.to_string(),
                        hit.shown.category.as_str().into(),
                        hit.weight.to_string(),
                        if hit.negated { "no (negated)" } else { "yes" }.into(),
                        hit.sentence.to_string(),
                    ],
                )?;
            }
        }
    }
    if !r.notes.is_empty() {
        writeln!(out, "\n## Notes\n")?;
        for n in &r.notes {
            writeln!(out, "- {}", md_cell(n))?;
        }
    }
    Ok(())
}
