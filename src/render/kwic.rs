//! Output of `readouts kwic`: one concordance line per occurrence, left
//! context right-aligned so the keywords form a column. Each line names its
//! statement: in text by a number `[n]` keyed to a list of the statements
//! (date, side, issuer, id, title) after the lines; CSV and JSON carry the
//! statement's id, title and byte offsets on every line.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{escape, json, Painter, Style};
use crate::index::KwicLine;

/// Numbers the statements in the order their first line appears.
fn statement_numbers(lines: &[KwicLine]) -> (Vec<usize>, Vec<&KwicLine>) {
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    let mut firsts = Vec::new();
    let numbers = lines
        .iter()
        .map(|l| {
            *seen
                .entry((l.event.as_str(), l.statement.as_str()))
                .or_insert_with(|| {
                    firsts.push(l);
                    firsts.len()
                })
        })
        .collect();
    (numbers, firsts)
}

pub fn text(
    out: &mut dyn Write,
    lines: &[KwicLine],
    width: usize,
    painter: Painter,
) -> io::Result<()> {
    let (numbers, statements) = statement_numbers(lines);
    let side_width = lines.iter().map(|l| l.side.width()).max().unwrap_or(0);
    let date_width = lines.iter().map(|l| l.date.len()).max().unwrap_or(0);
    let number_width = statements.len().to_string().len() + 2;
    for (l, n) in lines.iter().zip(&numbers) {
        let left = escape::terminal(&l.left);
        let pad = width.saturating_sub(left.width());
        let tag = format!("[{n}]");
        let meta = format!(
            "{:<date_width$} {:<side_width$} {tag:<number_width$}",
            l.date,
            escape::terminal(&l.side)
        );
        writeln!(
            out,
            "{}  {}{left}{}{}",
            painter.paint(Style::Dim, &meta),
            " ".repeat(pad),
            painter.paint(Style::Hit, &escape::terminal(&l.keyword)),
            escape::terminal(&l.right)
        )?;
    }
    if statements.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    for (n, l) in statements.iter().enumerate() {
        let meta = format!(
            "[{}] {} · {} · {} · {}",
            n + 1,
            l.date,
            escape::terminal(&l.side),
            escape::terminal(&l.issuer),
            escape::terminal(&l.statement)
        );
        writeln!(
            out,
            "{}  {}",
            painter.paint(Style::Path, &meta),
            escape::terminal(&l.title)
        )?;
    }
    Ok(())
}

/// The concordance as one JSON document.
#[derive(Serialize)]
struct KwicDocument<'a> {
    pattern: &'a str,
    count: usize,
    lines: &'a [KwicLine],
}

pub fn json(out: &mut dyn Write, pattern: &str, lines: &[KwicLine]) -> io::Result<()> {
    let doc = KwicDocument {
        pattern,
        count: lines.len(),
        lines,
    };
    json::document(out, &doc)
}

/// One JSON object per concordance line (JSON Lines).
pub fn jsonl(out: &mut dyn Write, lines: &[KwicLine]) -> io::Result<()> {
    json::lines(out, lines)
}

/// The CSV columns of `kwic`, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "date",
    "side",
    "issuer",
    "title",
    "event",
    "statement",
    "start_byte",
    "end_byte",
    "left",
    "keyword",
    "right",
];

pub fn csv(out: &mut dyn Write, lines: &[KwicLine]) -> io::Result<()> {
    writeln!(out, "{}", escape::csv_row(CSV_COLUMNS))?;
    for l in lines {
        let row = [
            l.date.clone(),
            l.side.clone(),
            l.issuer.clone(),
            l.title.clone(),
            l.event.clone(),
            l.statement.clone(),
            l.start.to_string(),
            l.end.to_string(),
            l.left.clone(),
            l.keyword.clone(),
            l.right.clone(),
        ];
        writeln!(out, "{}", escape::csv_row(&row))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(event: &str, statement: &str) -> KwicLine {
        KwicLine {
            statement: statement.into(),
            event: event.into(),
            date: "2020-01-02".into(),
            side: "USA".into(),
            issuer: "State".into(),
            title: format!("Title of {statement}"),
            start: 0,
            end: 3,
            left: "a".into(),
            keyword: "key".into(),
            right: "b".into(),
        }
    }

    #[test]
    fn lines_are_keyed_to_their_statement() {
        let lines = [line("e1", "s1"), line("e1", "s2"), line("e1", "s1")];
        let mut out = Vec::new();
        text(&mut out, &lines, 5, Painter::new(false)).unwrap();
        let text = String::from_utf8(out).unwrap();
        let rows: Vec<&str> = text.lines().collect();
        assert!(rows[0].contains("[1]") && rows[1].contains("[2]") && rows[2].contains("[1]"));
        assert_eq!(rows[3], "");
        assert_eq!(rows[4], "[1] 2020-01-02 · USA · State · s1  Title of s1");
        assert_eq!(rows[5], "[2] 2020-01-02 · USA · State · s2  Title of s2");
        assert_eq!(rows.len(), 6);
    }
}
