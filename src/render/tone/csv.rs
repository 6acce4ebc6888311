//! `readouts tone --format csv`: one row per group (or per event side, or per
//! hit with `--explain`), numbers exactly as in the JSON. The provenance is
//! written first as `# label: value` comment lines (pandas `comment="#"`,
//! R `comment.char = "#"`).

use std::io::{self, Write};

use super::{by_headings, key_cells, provenance_lines, rated, Rows};
use crate::analysis::tone::{Tallies, ToneReport};
use crate::render::escape::csv_row;

pub fn render(out: &mut dyn Write, r: &ToneReport, rows: Rows) -> io::Result<()> {
    for (label, value) in provenance_lines(&r.provenance) {
        writeln!(out, "# {label}: {}", value.replace(['\n', '\r'], " "))?;
    }
    writeln!(out, "# formula: {}", r.formula)?;
    match rows {
        Rows::Groups => groups(out, r),
        Rows::Events => events(out, r),
        Rows::Hits => hits(out, r),
    }
}

fn tally_headings() -> Vec<String> {
    let mut head = Vec::new();
    for c in rated() {
        let n = c.name().replace('-', "_");
        head.extend([
            format!("{n}_hits"),
            format!("{n}_weight"),
            format!("{n}_rate"),
        ]);
    }
    head
}

fn tally_cells(t: &Tallies, rates: &crate::analysis::tone::Rates) -> Vec<String> {
    let mut cells = Vec::new();
    for c in rated() {
        let tally = t.get(c);
        cells.extend([
            tally.hits.to_string(),
            tally.weight.to_string(),
            rates.get(c).unwrap_or(0.0).to_string(),
        ]);
    }
    cells
}

fn groups(out: &mut dyn Write, r: &ToneReport) -> io::Result<()> {
    let mut head: Vec<String> = by_headings(&r.by).iter().map(|s| s.to_string()).collect();
    head.extend(["statements", "words", "tone", "mean_tone"].map(String::from));
    head.extend(tally_headings());
    head.extend(["max_concern", "initiative_hits", "negated_hits"].map(String::from));
    writeln!(out, "{}", csv_row(&head))?;
    for g in &r.groups {
        let mut row = key_cells(&g.key);
        row.extend([
            g.statements.to_string(),
            g.words.to_string(),
            g.rates.tone.to_string(),
            g.mean_tone.to_string(),
        ]);
        row.extend(tally_cells(&g.tallies, &g.rates));
        row.extend([
            g.max_concern.to_string(),
            g.tallies.initiative.hits.to_string(),
            g.negated.to_string(),
        ]);
        writeln!(out, "{}", csv_row(&row))?;
    }
    Ok(())
}

fn events(out: &mut dyn Write, r: &ToneReport) -> io::Result<()> {
    let head = [
        "event",
        "date",
        "kind",
        "initiator",
        "side",
        "statements",
        "words",
        "tone",
        "cooperative_rate",
        "confrontational_rate",
        "disagreement_code_rate",
        "demand_rate",
        "commitment_rate",
        "concern_ladder_rate",
        "gap",
    ];
    writeln!(out, "{}", csv_row(&head))?;
    for e in &r.events {
        let initiator = e
            .initiator
            .as_ref()
            .and_then(|i| i.side.as_ref())
            .map(|s| s.as_str().to_string())
            .unwrap_or_default();
        let gap = e.gap.map(|g| g.to_string()).unwrap_or_default();
        for s in &e.sides {
            let mut row = vec![
                e.id.clone(),
                e.date.to_string(),
                e.kind.clone(),
                initiator.clone(),
                s.side.as_str().to_string(),
                s.statements.to_string(),
                s.words.to_string(),
                s.rates.tone.to_string(),
            ];
            row.extend(rated().map(|c| s.rates.get(c).unwrap_or(0.0).to_string()));
            row.push(gap.clone());
            writeln!(out, "{}", csv_row(&row))?;
        }
    }
    Ok(())
}

fn hits(out: &mut dyn Write, r: &ToneReport) -> io::Result<()> {
    let head = [
        "statement",
        "event",
        "side",
        "date",
        "words",
        "surface",
        "entry",
        "category",
        "weight",
        "negated",
        "start_byte",
        "end_byte",
        "start_char",
        "end_char",
        "sentence",
    ];
    writeln!(out, "{}", csv_row(&head))?;
    for s in &r.statements {
        for h in &s.hits {
            let row = [
                s.id.clone(),
                s.event_id.clone(),
                s.side.as_str().to_string(),
                s.date.to_string(),
                s.words.to_string(),
                h.shown.surface.clone(),
                h.shown.entry.to_string(),
                h.category.name().to_string(),
                h.weight.to_string(),
                h.negated.to_string(),
                h.shown.start_byte.to_string(),
                h.shown.end_byte.to_string(),
                h.shown.start_char.to_string(),
                h.shown.end_char.to_string(),
                h.sentence.to_string(),
            ];
            writeln!(out, "{}", csv_row(&row))?;
        }
    }
    Ok(())
}
