//! The terminal view of a diff: two columns fitted to a width, aligned pairs
//! side by side, sentences only one side has in their own column. With colour,
//! shared wording is dim and each side's own wording has its side's colour;
//! without colour, a row marker says whose sentence it is (`=` both, `<` left
//! only, `>` right only), own wording in a pair is `*starred*` and framing
//! phrases are `[bracketed]`, so the view reads the same in a pipe.

use std::io::{self, Write};

use super::wrap::{wrap, Piece};
use super::{initiator_text, method_text, shared_share, topic_label};
use crate::analysis::diff::{Diff, FramingAt, Passage, Row, RowKind, SideReport};
use crate::analysis::lexicon::Category;
use crate::render::escape::terminal;
use crate::render::{Painter, Style};

/// Narrowest column the layout accepts; narrower terminals get this anyway.
const MIN_COLUMN: usize = 12;
/// Row marker (3 cells) and column separator (3 cells).
const CHROME: usize = 6;

/// Writes the two-column view, `width` terminal cells wide.
pub fn text(out: &mut dyn Write, diff: &Diff, painter: Painter, width: usize) -> io::Result<()> {
    let col = (width.saturating_sub(CHROME) / 2).max(MIN_COLUMN);
    header(out, diff, &painter)?;
    writeln!(out)?;
    let heads = [
        vec![(diff.left.label(diff.mode), Some(Style::Heading))],
        vec![(diff.right.label(diff.mode), Some(Style::Heading))],
    ];
    columns(out, &painter, col, "   ", &heads[0], &heads[1])?;
    writeln!(
        out,
        "{}",
        painter.paint(
            Style::Dim,
            &format!("{}┼{}", "─".repeat(col + 4), "─".repeat(col + 1))
        )
    )?;
    for (i, row) in diff.rows.iter().enumerate() {
        if i > 0 {
            writeln!(
                out,
                "{}",
                painter.paint(Style::Dim, &format!("{}│", " ".repeat(col + 4)))
            )?;
        }
        let marker = match row.kind {
            RowKind::Pair => "=  ",
            RowKind::LeftOnly => "<  ",
            RowKind::RightOnly => ">  ",
        };
        let left = pieces(row, &row.left, Style::OwnLeft, &painter);
        let right = pieces(row, &row.right, Style::OwnRight, &painter);
        columns(out, &painter, col, marker, &left, &right)?;
    }
    if diff.rows.is_empty() {
        writeln!(out, "   (neither statement has a sentence)")?;
    }
    writeln!(out)?;
    summary(out, diff, &painter)
}

fn header(out: &mut dyn Write, diff: &Diff, painter: &Painter) -> io::Result<()> {
    writeln!(out, "{}", painter.paint(Style::Heading, &diff.title))?;
    let (l, r) = (&diff.left, &diff.right);
    let line = if l.event_id == r.event_id {
        format!(
            "{} · {} · {} and {} · {}",
            l.event_id,
            l.date,
            l.side,
            r.side,
            initiator_text(diff)
        )
    } else {
        format!(
            "{} ({}) and {} ({}) · {}",
            l.event_id, l.date, r.event_id, r.date, l.side
        )
    };
    writeln!(out, "{}", terminal(&line))?;
    let legend = if painter.color {
        format!(
            "{} shared wording · {} · {} · framing phrases in their category's colour",
            painter.paint(Style::Shared, "dim:"),
            painter.paint(Style::OwnLeft, &format!("{}'s own wording", l.who)),
            painter.paint(Style::OwnRight, &format!("{}'s own wording", r.who)),
        )
    } else {
        format!(
            "= both sides report it (*own wording* starred, the rest is shared) · < only {} · > only {} · [framing phrase]",
            l.who, r.who
        )
    };
    writeln!(out, "{}", painter.paint(Style::Dim, "Legend: ") + &legend)
}

/// The pieces of one column of a row: markers and styles per segment.
fn pieces(row: &Row, passages: &[Passage], own: Style, painter: &Painter) -> Vec<Piece> {
    let pair = row.kind == RowKind::Pair;
    let mut out: Vec<Piece> = Vec::new();
    for (i, p) in passages.iter().enumerate() {
        if i > 0 {
            out.push((" ".into(), None));
        }
        let (mut was_own, mut was_framing) = (false, None::<Category>);
        for seg in &p.segments {
            let is_own = pair && !seg.shared;
            let framing = seg.framing;
            if painter.color {
                let style = match (framing, seg.shared && pair) {
                    (Some(c), _) => Style::from(c),
                    (None, true) => Style::Shared,
                    (None, false) => own,
                };
                out.push((seg.text.clone(), Some(style)));
                continue;
            }
            if was_framing.is_some() && was_framing != framing {
                out.push(("]".into(), None));
            }
            if was_own && !is_own {
                out.push(("*".into(), None));
            }
            if is_own && !was_own {
                out.push(("*".into(), None));
            }
            if framing.is_some() && was_framing != framing {
                out.push(("[".into(), None));
            }
            out.push((seg.text.clone(), None));
            (was_own, was_framing) = (is_own, framing);
        }
        if !painter.color {
            if was_framing.is_some() {
                out.push(("]".into(), None));
            }
            if was_own {
                out.push(("*".into(), None));
            }
        }
    }
    out
}

/// Writes two wrapped columns side by side; `marker` starts the first line.
fn columns(
    out: &mut dyn Write,
    painter: &Painter,
    col: usize,
    marker: &str,
    left: &[Piece],
    right: &[Piece],
) -> io::Result<()> {
    let l = wrap(left, col);
    let r = wrap(right, col);
    let sep = painter.paint(Style::Dim, "│");
    for i in 0..l.len().max(r.len()) {
        let m = if i == 0 { marker } else { "   " };
        let lt = l
            .get(i)
            .map(|x| x.render(painter, col))
            .unwrap_or_else(|| " ".repeat(col));
        match r.get(i) {
            Some(x) => writeln!(out, "{m}{lt} {sep} {}", x.render(painter, 0))?,
            None => writeln!(out, "{m}{lt} {sep}")?,
        }
    }
    Ok(())
}

fn summary(out: &mut dyn Write, diff: &Diff, painter: &Painter) -> io::Result<()> {
    let (l, r) = (&diff.left, &diff.right);
    writeln!(out, "{}", painter.paint(Style::Heading, "Summary"))?;
    writeln!(
        out,
        "  {} aligned {}; {}: {}, {} only there; {}: {}, {} only there.",
        diff.pairs,
        crate::render::noun(diff.pairs, "pair", "pairs"),
        l.who,
        crate::render::count(l.sentences, "sentence"),
        l.unmatched,
        r.who,
        crate::render::count(r.sentences, "sentence"),
        r.unmatched
    )?;
    if diff.pairs > 0 {
        writeln!(
            out,
            "  In aligned sentences {} shares {} of its words with {}, and {} {}.",
            l.who,
            shared_share(l),
            r.who,
            r.who,
            shared_share(r)
        )?;
    }
    topics(out, l, painter)?;
    topics(out, r, painter)?;
    framings(out, l, painter)?;
    framings(out, r, painter)?;
    let initiator = initiator_text(diff);
    let mut chars = initiator.chars();
    let first: String = chars
        .next()
        .map(char::to_uppercase)
        .into_iter()
        .flatten()
        .collect();
    writeln!(out, "  {}.", terminal(&(first + chars.as_str())))?;
    writeln!(
        out,
        "{}",
        painter.paint(Style::Dim, &format!("  Method: {}.", method_text(diff)))
    )
}

fn topics(out: &mut dyn Write, s: &SideReport, painter: &Painter) -> io::Result<()> {
    let list: Vec<String> = s.one_sided.iter().map(topic_label).collect();
    let list = if list.is_empty() {
        "nothing the other side leaves out".to_string()
    } else {
        list.join(", ")
    };
    writeln!(
        out,
        "  {} {}",
        painter.paint(Style::Heading, &format!("Only {} mentions:", s.who)),
        terminal(&list)
    )
}

fn framings(out: &mut dyn Write, s: &SideReport, painter: &Painter) -> io::Result<()> {
    if s.framings.is_empty() {
        return writeln!(
            out,
            "  {} none",
            painter.paint(Style::Heading, &format!("{} framing:", s.who))
        );
    }
    let list: Vec<String> = s
        .framings
        .iter()
        .map(|f| framing_label(f, painter))
        .collect();
    writeln!(
        out,
        "  {} {}",
        painter.paint(Style::Heading, &format!("{} framing:", s.who)),
        list.join(", ")
    )
}

fn framing_label(f: &FramingAt, painter: &Painter) -> String {
    let place = f
        .sentence
        .map(|i| format!(", sentence {}", i + 1))
        .unwrap_or_default();
    // The words as written first, then the entry (when it differs) and category.
    let shown = &f.framing.shown;
    format!(
        "{} · {} (bytes {}–{}, chars {}–{}{place})",
        terminal(&shown.words_and_entry()),
        painter.paint(
            Style::from(f.framing.category()),
            f.framing.category().as_str()
        ),
        shown.start_byte,
        shown.end_byte,
        shown.start_char,
        shown.end_char
    )
}
