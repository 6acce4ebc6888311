//! `readouts tone --format csv`: one row per group (or per event side, or per
//! hit with `--explain`), numbers exactly as in the JSON. Only a header row
//! and data rows, so `pandas.read_csv(path)` and R's `read.csv(path)` open it
//! as is; the provenance goes to the `--provenance FILE` JSON sidecar. Rates
//! are named for their unit: `<category>_weight_per_1000_words`.

use std::io::{self, Write};

use super::{by_headings, key_cells, Rows};
use crate::analysis::lexicon::Category;
use crate::analysis::tone::{Tallies, ToneReport};
use crate::render::escape::csv_row;

pub fn render(out: &mut dyn Write, r: &ToneReport, rows: Rows) -> io::Result<()> {
    match rows {
        Rows::Groups => groups(out, r),
        Rows::Events => events(out, r),
        Rows::Hits => hits(out, r),
    }
}

/// A category name as a column-name part: `disagreement-code` → `disagreement_code`.
fn snake(name: &str) -> String {
    name.replace('-', "_")
}

fn tally_headings() -> Vec<String> {
    let mut head = Vec::new();
    for c in Category::RATED {
        let n = snake(c.as_str());
        head.extend([
            format!("{n}_hits"),
            format!("{n}_weight"),
            format!("{n}_weight_per_1000_words"),
        ]);
    }
    head
}

fn tally_cells(t: &Tallies, rates: &crate::analysis::tone::Rates) -> Vec<String> {
    let mut cells = Vec::new();
    for c in Category::RATED {
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
    let mut head: Vec<String> = [
        "event",
        "title",
        "date",
        "kind",
        "initiator",
        "side",
        "statements",
        "words",
        "tone",
    ]
    .map(String::from)
    .to_vec();
    head.extend(Category::RATED.map(|c| format!("{}_weight_per_1000_words", snake(c.as_str()))));
    head.push("gap".into());
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
                e.title.clone(),
                e.date.to_string(),
                e.kind.clone(),
                initiator.clone(),
                s.side.as_str().to_string(),
                s.statements.to_string(),
                s.words.to_string(),
                s.rates.tone.to_string(),
            ];
            row.extend(Category::RATED.map(|c| s.rates.get(c).unwrap_or(0.0).to_string()));
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
        "title",
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
                s.title.clone(),
                s.side.as_str().to_string(),
                s.date.to_string(),
                s.words.to_string(),
                h.shown.surface.clone(),
                h.shown.entry.to_string(),
                h.shown.category.as_str().to_string(),
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
