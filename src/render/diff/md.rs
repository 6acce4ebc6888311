//! Markdown output of a diff: a summary list and one table row per aligned
//! pair or one-sided sentence. Own wording in a pair is **bold**, framing
//! phrases are _italic_ with their category; all corpus text is escaped so it
//! cannot break the table or turn into markup.

use std::io::{self, Write};

use super::{initiator_text, method_text, shared_share, topic_label};
use crate::analysis::diff::{Diff, Passage, RowKind, SideReport};
use crate::render::escape::md_cell;

/// Escapes a cell ([`md_cell`]: HTML, pipes, link brackets) and the inline
/// markers this renderer uses.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in md_cell(text).chars() {
        if matches!(c, '*' | '_' | '`' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn md(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    let (l, r) = (&diff.left, &diff.right);
    writeln!(out, "# {}\n", cell(&diff.title))?;
    side_line(out, "Left", l)?;
    side_line(out, "Right", r)?;
    writeln!(out, "- {}", cell(&initiator_text(diff)))?;
    writeln!(
        out,
        "- {}; {} of {} {} {} and {} of {} {} {} have no counterpart",
        crate::render::count_as(diff.pairs, "aligned pair", "aligned pairs"),
        l.unmatched,
        l.sentences,
        l.who,
        crate::render::noun(l.sentences, "sentence", "sentences"),
        r.unmatched,
        r.sentences,
        r.who,
        crate::render::noun(r.sentences, "sentence", "sentences")
    )?;
    if diff.pairs > 0 {
        writeln!(
            out,
            "- in aligned sentences {} shares {} of its words, {} {}",
            l.who,
            shared_share(l),
            r.who,
            shared_share(r)
        )?;
    }
    for s in [l, r] {
        let list: Vec<String> = s.one_sided.iter().map(|t| cell(&topic_label(t))).collect();
        writeln!(
            out,
            "- only {} mentions: {}",
            s.who,
            if list.is_empty() {
                "—".into()
            } else {
                list.join(", ")
            }
        )?;
    }
    for s in [l, r] {
        writeln!(out, "- {} framing: {}", s.side, framing_list(s))?;
    }
    writeln!(out, "- method: {}\n", method_text(diff))?;
    writeln!(
        out,
        "Own wording of a pair is **bold**; framing phrases are _italic_ with their category.\n"
    )?;
    writeln!(
        out,
        "| | {} | {} |",
        cell(&l.label(diff.mode)),
        cell(&r.label(diff.mode))
    )?;
    writeln!(out, "|---|---|---|")?;
    for row in &diff.rows {
        let (mark, pair) = match row.kind {
            RowKind::Pair => (format!("= {}", row.score.unwrap_or(0.0)), true),
            RowKind::LeftOnly => (format!("only {}", l.who), false),
            RowKind::RightOnly => (format!("only {}", r.who), false),
        };
        writeln!(
            out,
            "| {mark} | {} | {} |",
            passages(&row.left, pair),
            passages(&row.right, pair)
        )?;
    }
    Ok(())
}

fn side_line(out: &mut dyn Write, which: &str, s: &SideReport) -> io::Result<()> {
    let url = s
        .url
        .as_deref()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    let link = url
        .map(|u| format!(" <{}>", u.replace('>', "%3E")))
        .unwrap_or_default();
    writeln!(
        out,
        "- {which}: {} ({}), {}, {} `{}` ({}, {} words){link}",
        s.side,
        cell(&s.side_name),
        cell(&s.issuer),
        s.date,
        s.statement_id.replace('`', "'"),
        s.coverage.as_str(),
        s.words
    )
}

fn passages(list: &[Passage], pair: bool) -> String {
    let mut out = Vec::new();
    for p in list {
        let mut text = String::new();
        for seg in &p.segments {
            let body = cell(&seg.text);
            let trimmed = body.trim();
            if trimmed.is_empty() {
                text.push_str(&body);
                continue;
            }
            let lead = &body[..body.len() - body.trim_start().len()];
            let trail = &body[body.trim_end().len()..];
            let mut inner = trimmed.to_string();
            if pair && !seg.shared {
                inner = format!("**{inner}**");
            }
            if let Some(c) = &seg.framing {
                inner = format!("_{inner}_ ({})", c.as_str());
            }
            text.push_str(&format!("{lead}{inner}{trail}"));
        }
        out.push(text);
    }
    out.join(" ")
}

/// A side's framing phrases: the words as written first, then the entry
/// (when it differs), category and offsets into the stored text.
fn framing_list(s: &SideReport) -> String {
    if s.framings.is_empty() {
        return "—".into();
    }
    let items: Vec<String> = s
        .framings
        .iter()
        .map(|f| {
            let h = &f.framing.shown;
            format!(
                "{}, bytes {}–{}, chars {}–{}",
                cell(&h.label()),
                h.start_byte,
                h.end_byte,
                h.start_char,
                h.end_char
            )
        })
        .collect();
    items.join("; ")
}
