//! Output of `readouts check`: every diagnostic on its own line as
//! `file:line:column: message` (errors only with `--quiet`), the warnings
//! grouped by kind with a count each, then a one-line summary of the corpus.

use std::io::{self, Write};

use serde::Serialize;

use super::{count, escape, Painter, Style};
use crate::corpus::diagnostic::KindCount;
use crate::corpus::{Diagnostic, Summary};

/// What `check` found, ready to render.
#[derive(Debug, Serialize)]
pub struct CheckReport<'a> {
    pub ok: bool,
    pub errors: usize,
    pub warnings: usize,
    /// The diagnostics listed (the errors only with `--quiet`).
    pub diagnostics: Vec<&'a Diagnostic>,
    /// Every warning, grouped by kind, most frequent first.
    pub warning_kinds: Vec<KindCount>,
    pub summary: Summary,
}

/// One line describing the corpus: events, statements, sides and dates.
pub fn summary_line(s: &Summary) -> String {
    let sides: Vec<&str> = s.sides.iter().map(|s| s.as_str()).collect();
    let span = match (s.first, s.last) {
        (Some(a), Some(b)) => format!(", {a} to {b}"),
        _ => String::new(),
    };
    let mut line = format!(
        "{}, {}, {} ({}){span}",
        count(s.events, "event"),
        count(s.statements, "statement"),
        count(sides.len(), "side"),
        abbreviate(&sides, 12)
    );
    if !s.one_sided.is_empty() {
        let ids: Vec<&str> = s.one_sided.iter().map(String::as_str).collect();
        line.push_str(&format!(
            "; {} with one side only: {}",
            ids.len(),
            abbreviate(&ids, 8)
        ));
    }
    line
}

fn abbreviate(items: &[&str], max: usize) -> String {
    if items.len() <= max {
        items.join(", ")
    } else {
        format!(
            "{}, … and {} more",
            items[..max].join(", "),
            items.len() - max
        )
    }
}

pub fn text(out: &mut dyn Write, report: &CheckReport<'_>, painter: Painter) -> io::Result<()> {
    for d in &report.diagnostics {
        let style = if d.is_error() {
            Style::Error
        } else {
            Style::Warning
        };
        let place = format!("{}:{}:{}:", d.path.display(), d.line, d.column);
        let label = if d.is_error() { "" } else { "warning: " };
        writeln!(
            out,
            "{} {}{}",
            painter.paint(Style::Path, &place),
            painter.paint(style, label),
            escape::terminal(&d.message)
        )?;
    }
    if !report.warning_kinds.is_empty() {
        writeln!(
            out,
            "{}",
            painter.paint(Style::Heading, "warnings by kind:")
        )?;
        for k in &report.warning_kinds {
            writeln!(
                out,
                "  {:>6}  {}  {}",
                k.count,
                escape::terminal(&k.kind),
                painter.paint(
                    Style::Dim,
                    &format!("(first: {})", escape::terminal(&k.first))
                )
            )?;
        }
    }
    let summary = summary_line(&report.summary);
    let summary = escape::terminal(&summary);
    if report.ok {
        writeln!(out, "{} {summary}", painter.paint(Style::Ok, "ok:"))
    } else {
        let head = format!(
            "{}, {}:",
            count(report.errors, "error"),
            count(report.warnings, "warning")
        );
        writeln!(
            out,
            "{} valid part: {summary}",
            painter.paint(Style::Error, &head)
        )
    }
}

pub fn json(out: &mut dyn Write, report: &CheckReport<'_>) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}
