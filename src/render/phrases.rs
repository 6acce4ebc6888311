//! Output of `readouts phrases`: each statement's hits with the sentence they
//! occur in, each event's initiator, and the per-side summary, as coloured
//! text, JSON, CSV (one row per hit, or per side with `--summary`) or
//! Markdown tables.

use std::io::{self, Write};

use super::escape::{csv_row, md_cell, terminal};
use super::{Painter, Style};
use crate::analysis::lexicon::initiator::Status;
use crate::analysis::lexicon::report::{PhrasesReport, ReportedHit, SideSummary, StatementPhrases};
use crate::analysis::lexicon::{Category, Initiator};

fn short(c: Category) -> &'static str {
    match c {
        Category::DisagreementCode => "disagreement",
        Category::ConcernLadder => "concern",
        c => c.as_str(),
    }
}

fn lexicon_line(r: &PhrasesReport) -> String {
    format!(
        "lexicon {} ({} entries, fingerprint {})",
        r.lexicon.version, r.lexicon.entries, r.lexicon.fingerprint
    )
}

pub fn text(
    out: &mut dyn Write,
    r: &PhrasesReport,
    summary_only: bool,
    p: Painter,
) -> io::Result<()> {
    writeln!(out, "{}", p.paint(Style::Dim, &lexicon_line(r)))?;
    if !summary_only {
        for s in &r.statements {
            writeln!(out)?;
            let head = format!(
                "{} · {} · {} · {} words",
                s.statement, s.issuer, s.date, s.words
            );
            writeln!(out, "{}", p.paint(Style::Heading, &head))?;
            if s.hits.is_empty() {
                writeln!(out, "  {}", p.paint(Style::Dim, "no phrases"))?;
            }
            for h in &s.hits {
                text_hit(out, h, p)?;
            }
        }
        let known: Vec<&Initiator> = r
            .initiators
            .iter()
            .filter(|i| !i.evidence.is_empty())
            .collect();
        if !known.is_empty() {
            writeln!(out)?;
            writeln!(out, "{}", p.paint(Style::Heading, "who asked for the call"))?;
            for i in known {
                text_initiator(out, i, p)?;
            }
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        p.paint(
            Style::Heading,
            "per side: hits per 1,000 words (negated hits not counted)"
        )
    )?;
    text_summary(out, &r.summary)
}

fn text_hit(out: &mut dyn Write, h: &ReportedHit, p: Painter) -> io::Result<()> {
    let (hit, shown) = (&h.hit, &h.shown);
    // The words as written first, then the entry (when it differs) and category.
    let mut line = format!("  {}", terminal(&shown.words_and_entry()));
    line.push_str(&format!(
        " · {}",
        p.paint(Style::from(shown.category), short(shown.category))
    ));
    if let Some(g) = hit.grade {
        line.push_str(&format!(" grade {g}"));
    }
    line.push_str(&p.paint(
        Style::Dim,
        &format!(
            " bytes {}–{} chars {}–{}",
            shown.start_byte, shown.end_byte, shown.start_char, shown.end_char
        ),
    ));
    if let Some(n) = &hit.negator {
        line.push_str(&format!(
            " {}",
            p.paint(Style::Warning, &format!("NEGATED by “{n}”"))
        ));
    }
    writeln!(out, "{line}")?;
    let s = &h.sentence_text;
    let (a, b) = (hit.start - hit.sentence.start, hit.end - hit.sentence.start);
    let (left, right) = (tail(&s[..a], CONTEXT), head(&s[b..], CONTEXT));
    // White space becomes plain spaces before escaping, so a line break in a
    // sentence is folded like any other space instead of shown as `\n`.
    let spaced = |t: &str| -> String {
        t.chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect()
    };
    let shown = format!(
        "{}{}{}",
        terminal(&spaced(&left)),
        p.paint(Style::Hit, &spaced(&s[a..b])),
        terminal(&spaced(&right))
    );
    writeln!(
        out,
        "      {}",
        shown.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

/// Characters of sentence shown on each side of a hit in text output.
const CONTEXT: usize = 100;

/// The last `n` characters of `s`, with `…` when cut.
fn tail(s: &str, n: usize) -> String {
    match s.char_indices().rev().nth(n) {
        Some((i, c)) => format!("…{}", &s[i + c.len_utf8()..]),
        None => s.to_string(),
    }
}

/// The first `n` characters of `s`, with `…` when cut.
fn head(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn text_initiator(out: &mut dyn Write, i: &Initiator, p: Painter) -> io::Result<()> {
    let verdict = match (&i.side, i.status) {
        (Some(side), _) => side.as_str().to_string(),
        (None, Status::Conflicting) => "conflicting evidence".to_string(),
        (None, _) => "unknown".to_string(),
    };
    writeln!(
        out,
        "  {}: {}",
        terminal(&i.event),
        p.paint(Style::Initiative, &verdict)
    )?;
    for e in &i.evidence {
        let to = e.points_to.as_ref().map_or("no side named", |s| s.as_str());
        writeln!(
            out,
            "      {} “{}” → {to} ({}): {}",
            terminal(&e.statement),
            terminal(&e.shown.words()),
            e.rule.as_str(),
            p.paint(Style::Dim, &e.sentence)
        )?;
    }
    Ok(())
}

fn text_summary(out: &mut dyn Write, summary: &[SideSummary]) -> io::Result<()> {
    let mut header = vec!["side".to_string(), "stmts".into(), "words".into()];
    header.extend(Category::ALL.iter().map(|c| short(*c).to_string()));
    header.extend(["negated".to_string(), "max grade".into()]);
    let mut rows = vec![header];
    for s in summary {
        rows.push(summary_cells(s));
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| {
                if i == 0 {
                    format!("{c:<w$}")
                } else {
                    format!("{c:>w$}")
                }
            })
            .collect();
        writeln!(out, "{}", terminal(cells.join("  ").trim_end()))?;
    }
    Ok(())
}

fn summary_cells(s: &SideSummary) -> Vec<String> {
    let mut cells = vec![
        s.side.as_str().to_string(),
        s.statements.to_string(),
        s.words.to_string(),
    ];
    cells.extend(
        s.categories
            .iter()
            .map(|c| format!("{:.1}", c.per_1000_words)),
    );
    cells.push(s.negated.to_string());
    cells.push(s.max_grade.map_or("-".into(), |g| g.to_string()));
    cells
}

pub fn json(out: &mut dyn Write, r: &PhrasesReport, summary_only: bool) -> io::Result<()> {
    if summary_only {
        serde_json::to_writer_pretty(
            &mut *out,
            &serde_json::json!({"lexicon": r.lexicon, "summary": r.summary}),
        )?;
    } else {
        serde_json::to_writer_pretty(&mut *out, r)?;
    }
    writeln!(out)
}

const HIT_COLUMNS: &[&str] = &[
    "statement",
    "event",
    "side",
    "issuer",
    "date",
    "surface",
    "entry",
    "category",
    "start_byte",
    "end_byte",
    "start_char",
    "end_char",
    "grade",
    "weight",
    "negated",
    "negator",
    "sentence",
    "title",
];

/// The CSV and Markdown cells of each hit, made one row at a time (a whole
/// corpus has hundreds of thousands of hits; collecting their cells first
/// doubled the memory of `phrases --format csv`).
fn hit_cells<'r>(statements: &'r [StatementPhrases<'_>]) -> impl Iterator<Item = Vec<String>> + 'r {
    statements.iter().flat_map(|s| {
        s.hits.iter().map(move |h| {
            let (hit, shown) = (&h.hit, &h.shown);
            vec![
                s.statement.clone(),
                s.event.clone(),
                s.side.as_str().to_string(),
                s.issuer.clone(),
                s.date.to_string(),
                shown.surface.clone(),
                shown.entry.to_string(),
                shown.category.as_str().to_string(),
                shown.start_byte.to_string(),
                shown.end_byte.to_string(),
                shown.start_char.to_string(),
                shown.end_char.to_string(),
                hit.grade.map_or(String::new(), |g| g.to_string()),
                hit.weight.to_string(),
                hit.negated.to_string(),
                hit.negator.clone().unwrap_or_default(),
                h.sentence_text.to_string(),
                s.title.clone(),
            ]
        })
    })
}

/// The summary's columns: per category the hits and hits per 1,000 words
/// (snake_case, as in every CSV of the tool), then `negated_hits` and
/// `max_concern` (the highest concern-ladder grade reached, 0 for none, as in
/// `tone`).
fn summary_header() -> Vec<String> {
    let mut h = vec!["side".to_string(), "statements".into(), "words".into()];
    for c in Category::ALL {
        let name = c.as_str().replace('-', "_");
        h.extend([
            format!("{name}_hits"),
            format!("{name}_hits_per_1000_words"),
        ]);
    }
    h.extend(["negated_hits".to_string(), "max_concern".into()]);
    h
}

/// The Markdown summary's headings: hits per 1,000 words, as in the text table.
fn summary_md_header() -> Vec<String> {
    let mut h = vec!["side".to_string(), "statements".into(), "words".into()];
    h.extend(
        Category::ALL
            .iter()
            .map(|c| format!("{}_per_1000", c.as_str())),
    );
    h.extend(["negated".to_string(), "max_grade".into()]);
    h
}

/// The summary's cells, in the order of [`summary_header`].
fn summary_csv_cells(s: &SideSummary) -> Vec<String> {
    let mut cells = vec![
        s.side.as_str().to_string(),
        s.statements.to_string(),
        s.words.to_string(),
    ];
    for c in &s.categories {
        cells.extend([c.hits.to_string(), format!("{:.3}", c.per_1000_words)]);
    }
    cells.push(s.negated.to_string());
    cells.push(s.max_grade.unwrap_or(0).to_string());
    cells
}

pub fn csv(out: &mut dyn Write, r: &PhrasesReport, summary_only: bool) -> io::Result<()> {
    if summary_only {
        writeln!(out, "{}", csv_row(&summary_header()))?;
        for s in &r.summary {
            writeln!(out, "{}", csv_row(&summary_csv_cells(s)))?;
        }
        return Ok(());
    }
    csv_header(out)?;
    csv_hits(out, &r.statements)
}

/// The header row of the hits CSV, for a report written in parts.
pub fn csv_header(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", csv_row(HIT_COLUMNS))
}

/// The hits of `r` as CSV rows, no header: one part of a report written in
/// parts after [`csv_header`].
pub fn csv_hits(out: &mut dyn Write, statements: &[StatementPhrases]) -> io::Result<()> {
    for row in hit_cells(statements) {
        writeln!(out, "{}", csv_row(&row))?;
    }
    Ok(())
}

/// Writes a Markdown table; rows are written as they come (one hit's row at a
/// time: a long sentence is never held once per hit).
fn md_table<R: AsRef<[String]>>(
    out: &mut dyn Write,
    header: &[String],
    rows: impl IntoIterator<Item = R>,
) -> io::Result<()> {
    let cells = |r: &[String]| r.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | ");
    writeln!(out, "| {} |", cells(header))?;
    writeln!(out, "|{}", "---|".repeat(header.len()))?;
    for r in rows {
        writeln!(out, "| {} |", cells(r.as_ref()))?;
    }
    Ok(())
}

pub fn md(out: &mut dyn Write, r: &PhrasesReport, summary_only: bool) -> io::Result<()> {
    writeln!(out, "{}\n", md_cell(&lexicon_line(r)))?;
    if !summary_only {
        writeln!(out, "## Hits\n")?;
        let header: Vec<String> = [
            "statement",
            "surface",
            "entry",
            "category",
            "bytes",
            "chars",
            "negated",
            "sentence",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let rows = hit_cells(&r.statements).map(|c| {
            let grade = if c[12].is_empty() {
                String::new()
            } else {
                format!(" (grade {})", c[12])
            };
            vec![
                c[0].clone(),
                c[5].split_whitespace().collect::<Vec<_>>().join(" "),
                c[6].clone(),
                format!("{}{grade}", c[7]),
                format!("{}–{}", c[8], c[9]),
                format!("{}–{}", c[10], c[11]),
                if c[14] == "true" {
                    format!("yes ({})", c[15])
                } else {
                    "no".into()
                },
                c[16].clone(),
            ]
        });
        md_table(out, &header, rows)?;
        writeln!(out, "\n## Initiators\n")?;
        let header: Vec<String> = ["event", "initiator", "evidence"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let rows: Vec<Vec<String>> = r
            .initiators
            .iter()
            .map(|i| {
                let verdict = i.side.as_ref().map_or_else(
                    || format!("{:?}", i.status).to_lowercase(),
                    |s| s.as_str().to_string(),
                );
                let ev: Vec<String> = i
                    .evidence
                    .iter()
                    .map(|e| format!("{}: “{}”", e.statement, e.sentence))
                    .collect();
                vec![i.event.clone(), verdict, ev.join("; ")]
            })
            .collect();
        md_table(out, &header, rows)?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "## Per side (hits per 1,000 words; negated hits not counted)\n"
    )?;
    md_table(
        out,
        &summary_md_header(),
        r.summary.iter().map(summary_cells),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_context_is_cut_on_character_boundaries() {
        assert_eq!(tail("abcdé", 2), "…dé");
        assert_eq!(tail("dé", 2), "dé");
        assert_eq!(head("éabcd", 2), "éa…");
        assert_eq!(head("éa", 2), "éa");
    }
}
