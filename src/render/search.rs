//! Output of `readouts search`: ranked hits with a highlighted snippet
//! (terminal colours, `<b>` in HTML, byte offsets in JSON and CSV), each
//! naming its statement (title, date, side, issuer, id), and the frequency
//! tables of `--count-by`.

use std::io::{self, Write};

use serde::Serialize;

use super::{escape, json, Painter, Style};
use crate::index::query::Found;
use crate::index::{Count, CountKey, Hit, Snippet, UpdateReport};

/// The snippet on one line, with the matches styled by `mark`.
fn marked(
    snippet: &Snippet,
    mut mark: impl FnMut(&str) -> String,
    mut plain: impl FnMut(&str) -> String,
) -> String {
    let text: String = snippet
        .text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut out = String::new();
    let mut at = 0;
    for r in snippet.local_highlights() {
        if r.start < at || r.end > text.len() {
            continue;
        }
        out.push_str(&plain(&text[at..r.start]));
        out.push_str(&mark(&text[r.clone()]));
        at = r.end;
    }
    out.push_str(&plain(&text[at..]));
    out
}

pub fn text(out: &mut dyn Write, found: &Found, painter: Painter) -> io::Result<()> {
    for (n, hit) in found.hits.iter().enumerate() {
        writeln!(
            out,
            "{}. {}",
            n + 1,
            painter.paint(Style::Heading, &escape::terminal(title_of(hit)))
        )?;
        let meta = format!(
            "{} · {} · {} · {}",
            hit.date,
            escape::terminal(&hit.side),
            escape::terminal(&hit.issuer),
            escape::terminal(&hit.statement)
        );
        writeln!(
            out,
            "   {}  {}",
            painter.paint(Style::Path, &meta),
            painter.paint(Style::Dim, &format!("score {:.2}", hit.score))
        )?;
        let line = marked(
            &hit.snippet,
            |m| painter.paint(Style::Hit, m),
            |s| escape::terminal(s).into_owned(),
        );
        writeln!(out, "   {}", line.trim())?;
    }
    let summary = shown_line(found);
    let summary = if found.hits.len() < found.total {
        format!("{summary} (--limit N for more)")
    } else {
        summary
    };
    writeln!(out, "{}", painter.paint(Style::Dim, &summary))
}

/// The title, or a placeholder for a statement without one.
fn title_of(hit: &Hit) -> &str {
    if hit.title.trim().is_empty() {
        "(untitled)"
    } else {
        &hit.title
    }
}

/// "17 matching statements", or "showing 10 of 17 matching statements".
fn shown_line(found: &Found) -> String {
    let all = format!("{} matching {}", found.total, statements(found.total));
    if found.hits.len() < found.total {
        format!("showing {} of {all}", found.hits.len())
    } else {
        all
    }
}

fn statements(n: usize) -> &'static str {
    if n == 1 {
        "statement"
    } else {
        "statements"
    }
}

/// The search as one JSON document: the query, how many statements matched,
/// how many are listed, and the hits (snippet offsets are bytes in the text).
#[derive(Serialize)]
struct SearchDocument<'a> {
    query: &'a str,
    total: usize,
    shown: usize,
    hits: &'a [Hit],
}

pub fn json(out: &mut dyn Write, query: &str, found: &Found) -> io::Result<()> {
    let doc = SearchDocument {
        query,
        total: found.total,
        shown: found.hits.len(),
        hits: &found.hits,
    };
    json::document(out, &doc)
}

/// One JSON object per hit (JSON Lines); offsets are bytes in the statement's text.
pub fn jsonl(out: &mut dyn Write, found: &Found) -> io::Result<()> {
    json::lines(out, &found.hits)
}

/// The CSV columns of `search`, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "rank",
    "score",
    "title",
    "date",
    "side",
    "issuer",
    "event",
    "statement",
    "url",
    "snippet_start_byte",
    "highlight_byte_ranges",
    "snippet",
];

pub fn csv(out: &mut dyn Write, found: &Found) -> io::Result<()> {
    writeln!(out, "{}", escape::csv_row(CSV_COLUMNS))?;
    for (n, hit) in found.hits.iter().enumerate() {
        let ranges: Vec<String> = hit
            .snippet
            .highlights
            .iter()
            .map(|r| format!("{}-{}", r.start, r.end))
            .collect();
        let row = [
            (n + 1).to_string(),
            format!("{:.4}", hit.score),
            hit.title.clone(),
            hit.date.clone(),
            hit.side.clone(),
            hit.issuer.clone(),
            hit.event.clone(),
            hit.statement.clone(),
            hit.url.clone().unwrap_or_default(),
            hit.snippet.start.to_string(),
            ranges.join(" "),
            hit.snippet.text.clone(),
        ];
        writeln!(out, "{}", escape::csv_row(&row))?;
    }
    Ok(())
}

/// A self-contained HTML page; corpus text escaped, matches in `<b>`, each
/// title linked to the statement's source when its URL is a web link.
pub fn html(out: &mut dyn Write, query: &str, found: &Found) -> io::Result<()> {
    super::page::open(
        out,
        &format!("readouts search: {query}"),
        "body{font-family:sans-serif;max-width:50em;margin:2em auto} .meta{color:#555} b{background:#fe6} h2{font-size:1.05em;margin-bottom:.2em}",
    )?;
    writeln!(
        out,
        "<h1>Search: {}</h1>\n<p>{}</p>\n<ol>",
        escape::html(query),
        escape::html(&shown_line(found))
    )?;
    for hit in &found.hits {
        writeln!(out, "{}", html_hit(hit))?;
    }
    writeln!(out, "</ol>")?;
    super::page::close(out)
}

fn html_hit(hit: &Hit) -> String {
    let snippet = marked(
        &hit.snippet,
        |m| format!("<b>{}</b>", escape::html(m)),
        escape::html,
    );
    let title = escape::html(title_of(hit));
    let heading = match hit.url.as_deref().and_then(escape::safe_url) {
        Some(href) => format!("<a href=\"{href}\">{title}</a>"),
        None => title,
    };
    format!(
        "<li><h2>{heading}</h2><p class=\"meta\">{} · {} · {} · <code>{}</code> · score {:.2}</p><p>{}</p></li>",
        escape::html(&hit.date),
        escape::html(&hit.side),
        escape::html(&hit.issuer),
        escape::html(&hit.statement),
        hit.score,
        snippet
    )
}

/// A frequency table: key and number of matching statements.
pub fn counts_text(
    out: &mut dyn Write,
    key: CountKey,
    counts: &[Count],
    painter: Painter,
) -> io::Result<()> {
    let keys: Vec<_> = counts.iter().map(|c| escape::terminal(&c.key)).collect();
    let width = keys
        .iter()
        .map(|k| unicode_width::UnicodeWidthStr::width(k.as_ref()))
        .chain([key.name().len(), "total".len()])
        .max()
        .unwrap_or(0);
    let head = format!("{:<width$}  statements", key.name());
    writeln!(out, "{}", painter.paint(Style::Heading, &head))?;
    for (c, k) in counts.iter().zip(&keys) {
        let pad = width - unicode_width::UnicodeWidthStr::width(k.as_ref());
        writeln!(out, "{k}{}  {:>10}", " ".repeat(pad), c.statements)?;
    }
    let total: usize = counts.iter().map(|c| c.statements).sum();
    writeln!(
        out,
        "{}",
        painter.paint(Style::Dim, &format!("{:<width$}  {total:>10}", "total"))
    )
}

#[derive(Serialize)]
struct CountRow<'a> {
    #[serde(flatten)]
    count: &'a Count,
    by: CountKey,
}

/// The frequency table as one JSON document.
#[derive(Serialize)]
struct CountsDocument<'a> {
    by: CountKey,
    total: usize,
    counts: &'a [Count],
}

pub fn counts_json(out: &mut dyn Write, key: CountKey, counts: &[Count]) -> io::Result<()> {
    let total = counts.iter().map(|c| c.statements).sum();
    json::document(
        out,
        &CountsDocument {
            by: key,
            total,
            counts,
        },
    )
}

/// One JSON object per row (JSON Lines).
pub fn counts_jsonl(out: &mut dyn Write, key: CountKey, counts: &[Count]) -> io::Result<()> {
    json::lines(out, counts.iter().map(|count| CountRow { count, by: key }))
}

pub fn counts_csv(out: &mut dyn Write, key: CountKey, counts: &[Count]) -> io::Result<()> {
    writeln!(out, "{},statements", key.name())?;
    for c in counts {
        writeln!(
            out,
            "{}",
            escape::csv_row(&[c.key.clone(), c.statements.to_string()])
        )?;
    }
    Ok(())
}

/// One line saying what an index update did, e.g.
/// "indexed 1 changed statement and 0 new, removed 0, unchanged 13".
pub fn update_line(r: &UpdateReport) -> String {
    let indexed = r.added + r.changed;
    if indexed + r.removed == 0 {
        return format!(
            "index up to date: {} {} unchanged",
            r.unchanged,
            statements(r.unchanged)
        );
    }
    let what = if r.changed > 0 && r.added == 0 {
        format!("{} changed {}", r.changed, statements(r.changed))
    } else if r.changed == 0 {
        format!("{} new {}", r.added, statements(r.added))
    } else {
        format!(
            "{indexed} {} ({} new, {} changed)",
            statements(indexed),
            r.added,
            r.changed
        )
    };
    format!(
        "indexed {what}, removed {}, unchanged {}",
        r.removed, r.unchanged
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_marked_and_line_breaks_flattened() {
        let s = Snippet {
            text: "we oppose\nbullying <now>".into(),
            start: 100,
            highlights: std::iter::once(110..118).collect(),
        };
        let html = marked(&s, |m| format!("<b>{}</b>", escape::html(m)), escape::html);
        assert_eq!(html, "we oppose <b>bullying</b> &lt;now&gt;");
        let text = marked(&s, |m| format!("[{m}]"), str::to_string);
        assert_eq!(text, "we oppose [bullying] <now>");
    }

    #[test]
    fn update_lines_say_what_was_indexed() {
        let mut r = UpdateReport {
            changed: 1,
            unchanged: 13,
            ..UpdateReport::default()
        };
        assert_eq!(
            update_line(&r),
            "indexed 1 changed statement, removed 0, unchanged 13"
        );
        r.added = 2;
        assert_eq!(
            update_line(&r),
            "indexed 3 statements (2 new, 1 changed), removed 0, unchanged 13"
        );
        r.changed = 0;
        assert_eq!(
            update_line(&r),
            "indexed 2 new statements, removed 0, unchanged 13"
        );
        r.added = 0;
        assert_eq!(update_line(&r), "index up to date: 13 statements unchanged");
    }
}
