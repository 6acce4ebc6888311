//! Output of `readouts kwic`: one concordance line per occurrence, left
//! context right-aligned so the keywords form a column; CSV and JSON Lines
//! carry the statement id and byte offsets for every line.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::{escape, Painter, Style};
use crate::index::KwicLine;

pub fn text(
    out: &mut dyn Write,
    lines: &[KwicLine],
    width: usize,
    painter: Painter,
) -> io::Result<()> {
    let side_width = lines.iter().map(|l| l.side.len()).max().unwrap_or(0);
    let date_width = lines.iter().map(|l| l.date.len()).max().unwrap_or(0);
    for l in lines {
        let left = escape::terminal(&l.left);
        let pad = width.saturating_sub(left.width());
        let meta = format!("{:<date_width$} {:<side_width$}", l.date, l.side);
        writeln!(
            out,
            "{}  {}{left}{}{}",
            painter.paint(Style::Dim, &meta),
            " ".repeat(pad),
            painter.paint(Style::Hit, &l.keyword),
            escape::terminal(&l.right)
        )?;
    }
    Ok(())
}

pub fn json(out: &mut dyn Write, lines: &[KwicLine]) -> io::Result<()> {
    for l in lines {
        serde_json::to_writer(&mut *out, l)?;
        writeln!(out)?;
    }
    Ok(())
}

pub fn csv(out: &mut dyn Write, lines: &[KwicLine]) -> io::Result<()> {
    writeln!(
        out,
        "statement,event,date,side,issuer,start,end,left,keyword,right"
    )?;
    for l in lines {
        let row = [
            l.statement.clone(),
            l.event.clone(),
            l.date.clone(),
            l.side.clone(),
            l.issuer.clone(),
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
