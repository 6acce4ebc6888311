//! The HTML page of a diff: one self-contained file (inline CSS, no scripts,
//! no fonts or images fetched) with a summary, a legend, the topics only one
//! side mentions and the side-by-side table. Every text from the corpus goes
//! through [`escape::html`]; only http(s) URLs become links.

use std::io::{self, Write};

use super::{initiator_text, method_text, shared_share, topic_label};
use crate::analysis::diff::{Diff, FramingAt, Passage, Row, RowKind, SideReport, Topic};
use crate::analysis::lexicon::Category;
use crate::corpus::{Event, Statement};
use crate::render::escape;

const CSS: &str = r#"
:root { --left: #1d4ed8; --left-bg: #dbeafe; --right: #a16207; --right-bg: #fef3c7; --muted: #6b7280; --line: #e5e7eb; }
* { box-sizing: border-box; }
body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif; color: #111827; margin: 0; background: #f9fafb; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.55rem; margin: 0 0 4px; }
h2 { font-size: 1.05rem; margin: 28px 0 10px; text-transform: uppercase; letter-spacing: .06em; color: #374151; }
.meta { color: var(--muted); margin: 0 0 18px; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.card.left { border-top: 4px solid var(--left); } .card.right { border-top: 4px solid var(--right); }
.card h3 { margin: 0 0 6px; font-size: 1.05rem; }
.card dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; font-size: .9rem; }
.card dt { color: var(--muted); } .card dd { margin: 0; }
.facts { display: flex; flex-wrap: wrap; gap: 8px 22px; margin: 14px 0 0; padding: 0; list-style: none; }
.facts li { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px; }
.facts b { font-size: 1.1rem; }
.legend { display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center; font-size: .9rem; margin: 6px 0 0; }
.topics { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0 0; padding: 0; list-style: none; }
.chips li { border-radius: 999px; padding: 2px 10px; font-size: .88rem; border: 1px solid var(--line); background: #fff; }
.left .chips li { border-color: var(--left); color: var(--left); } .right .chips li { border-color: var(--right); color: var(--right); }
.chips li.entity { font-weight: 600; }
table.diff { width: 100%; border-collapse: separate; border-spacing: 0; background: #fff; border: 1px solid var(--line); border-radius: 10px; overflow: hidden; table-layout: fixed; }
table.diff th { text-align: left; padding: 10px 14px; background: #f3f4f6; font-size: .95rem; }
table.diff th.l { color: var(--left); } table.diff th.r { color: var(--right); }
table.diff td { vertical-align: top; padding: 10px 14px; border-top: 1px solid var(--line); }
table.diff col.mark { width: 92px; }
td.mark { font-size: .78rem; color: var(--muted); white-space: nowrap; }
td.mark .kind { display: inline-block; border-radius: 6px; padding: 1px 6px; font-weight: 600; }
tr.pair td.mark .kind { background: #e5e7eb; color: #111827; }
tr.left_only td.mark .kind { background: var(--left-bg); color: var(--left); }
tr.right_only td.mark .kind { background: var(--right-bg); color: var(--right); }
td.mark .terms { display: block; margin-top: 4px; white-space: normal; }
tr.left_only td.l { background: #f5f8ff; } tr.right_only td.r { background: #fffbeb; }
td.empty { color: #d1d5db; }
.shared { color: #4b5563; }
.own.left, .sw.left { background: var(--left-bg); color: #1e3a8a; border-radius: 3px; }
.own.right, .sw.right { background: var(--right-bg); color: #78350f; border-radius: 3px; }
.sw { display: inline-block; padding: 0 6px; }
.sw.shared { border: 1px dashed #9ca3af; border-radius: 3px; }
.sentence + .sentence { margin-left: .25em; }
.sn { font-size: .7rem; color: #9ca3af; vertical-align: super; margin-right: 2px; }
mark { background: none; color: inherit; border-bottom: 3px solid #9ca3af; padding: 0 1px; }
mark.cooperative { border-color: #16a34a; } mark.confrontational { border-color: #dc2626; }
mark.disagreement { border-color: #9333ea; } mark.demand { border-color: #0891b2; }
mark.commitment { border-color: #15803d; } mark.concern { border-color: #c026d3; } mark.initiative { border-color: #111827; }
.framings { font-size: .9rem; } .framings li { margin: 2px 0; }
footer { margin-top: 28px; color: var(--muted); font-size: .85rem; }
@media (max-width: 800px) { .sides, .topics { grid-template-columns: 1fr; } table.diff col.mark { width: 60px; } }
"#;

/// One pairing on a page of choices: the diff page `file` (a name in the
/// same folder) compares statement `left` with statement `right`.
#[derive(Debug, Clone)]
pub struct Choice<'s> {
    pub file: String,
    pub left: &'s Statement,
    pub right: &'s Statement,
}

/// The page of an event whose sides have several statements
/// (`tone --with-diffs`): each pairing with its statements' issuers, titles
/// and ids, linked to its own diff page, so no statement is chosen silently.
pub fn choices_html(out: &mut dyn Write, event: &Event, choices: &[Choice<'_>]) -> io::Result<()> {
    let e = escape::html;
    head(out, &format!("{} — diffs", event.title))?;
    writeln!(out, "<h1>{}</h1>", e(&event.title))?;
    writeln!(
        out,
        "<p class=\"meta\">{} · {} · a side has several statements: one diff per pairing</p>\n<ul>",
        e(&event.id),
        event.date
    )?;
    let label = |s: &Statement| {
        format!(
            "{} ({}, {}: {})",
            e(&s.id),
            e(s.side.as_str()),
            e(&s.issuer),
            e(&s.title)
        )
    };
    for c in choices {
        writeln!(
            out,
            "<li><a href=\"{}\">{}</a> and {}</li>",
            escape::href_path("", &c.file),
            label(c.left),
            label(c.right)
        )?;
    }
    writeln!(out, "</ul>\n</main>")?;
    crate::render::page::close(out)
}

/// The page's head (the shared shell, which escapes `title`), up to the opening `<main>`.
fn head(out: &mut dyn Write, title: &str) -> io::Result<()> {
    crate::render::page::open(out, title, CSS)?;
    writeln!(out, "<main>")
}

/// Writes the page.
pub fn html(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    let e = escape::html;
    let (l, r) = (&diff.left, &diff.right);
    head(
        out,
        &format!(
            "{} — {} and {}",
            diff.title,
            l.side.as_str(),
            r.side.as_str()
        ),
    )?;
    writeln!(out, "<h1>{}</h1>", e(&diff.title))?;
    let when = if l.event_id == r.event_id {
        format!("{} · {}", e(&l.event_id), l.date)
    } else {
        format!(
            "{} ({}) and {} ({})",
            e(&l.event_id),
            l.date,
            e(&r.event_id),
            r.date
        )
    };
    writeln!(
        out,
        "<p class=\"meta\">{when} · {}</p>",
        e(&initiator_text(diff))
    )?;
    writeln!(out, "<section class=\"sides\">")?;
    card(out, l, "left", diff)?;
    card(out, r, "right", diff)?;
    writeln!(out, "</section>")?;
    facts(out, diff)?;
    legend(out, diff)?;
    writeln!(
        out,
        "<h2>Topics only one side mentions</h2>\n<section class=\"topics\">"
    )?;
    topics(out, l, "left")?;
    topics(out, r, "right")?;
    writeln!(out, "</section>")?;
    writeln!(out, "<h2>Side by side</h2>")?;
    table(out, diff)?;
    if !l.framings.is_empty() || !r.framings.is_empty() {
        writeln!(
            out,
            "<h2>Framing phrases</h2>\n<section class=\"topics framings\">"
        )?;
        framing_list(out, l, "left")?;
        framing_list(out, r, "right")?;
        writeln!(out, "</section>")?;
    }
    writeln!(
        out,
        "<footer>Method: {}. Offsets are byte ranges in each statement's text.</footer>",
        e(&method_text(diff))
    )?;
    writeln!(out, "</main>")?;
    crate::render::page::close(out)
}

fn card(out: &mut dyn Write, s: &SideReport, class: &str, diff: &Diff) -> io::Result<()> {
    let e = escape::html;
    writeln!(
        out,
        "<div class=\"card {class}\"><h3>{}</h3><dl>",
        e(&s.label(diff.mode))
    )?;
    let name = if s.side_name.is_empty() {
        s.side.to_string()
    } else {
        format!("{} ({})", s.side_name, s.side)
    };
    writeln!(out, "<dt>side</dt><dd>{}</dd>", e(&name))?;
    writeln!(out, "<dt>issuer</dt><dd>{}</dd>", e(&s.issuer))?;
    if !s.title.is_empty() {
        let title = match s.url.as_deref().and_then(escape::safe_url) {
            Some(href) => format!("<a href=\"{href}\" rel=\"noreferrer\">{}</a>", e(&s.title)),
            None => e(&s.title),
        };
        writeln!(out, "<dt>statement</dt><dd>{title}</dd>")?;
    }
    writeln!(
        out,
        "<dt>id</dt><dd><code>{}</code></dd>",
        e(&s.statement_id)
    )?;
    writeln!(out, "<dt>date</dt><dd>{}</dd>", s.date)?;
    writeln!(
        out,
        "<dt>text</dt><dd>{} · {} · {}</dd>",
        s.coverage.as_str(),
        crate::render::count(s.words, "word"),
        crate::render::count(s.sentences, "sentence")
    )?;
    writeln!(out, "</dl></div>")
}

fn facts(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    let (l, r) = (&diff.left, &diff.right);
    writeln!(out, "<ul class=\"facts\">")?;
    writeln!(
        out,
        "<li><b>{}</b> aligned {}</li>",
        diff.pairs,
        crate::render::noun(diff.pairs, "pair", "pairs")
    )?;
    for s in [l, r] {
        writeln!(
            out,
            "<li><b>{}</b> of {} {} {} only on its side</li>",
            s.unmatched,
            s.sentences,
            escape::html(&s.who),
            crate::render::noun(s.sentences, "sentence", "sentences")
        )?;
    }
    for s in [l, r] {
        writeln!(
            out,
            "<li>{} shares <b>{}</b> of its wording in aligned sentences</li>",
            escape::html(&s.who),
            shared_share(s)
        )?;
    }
    writeln!(out, "</ul>")
}

fn legend(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    let mut cats: Vec<Category> = diff
        .left
        .framings
        .iter()
        .chain(&diff.right.framings)
        .map(|f| f.framing.category())
        .collect();
    cats.sort_unstable_by_key(|c| c.as_str());
    cats.dedup();
    write!(
        out,
        "<h2>Legend</h2>\n<p class=\"legend\"><span class=\"sw shared\">shared wording</span>"
    )?;
    write!(
        out,
        "<span class=\"sw left\">{}'s own wording</span>",
        diff.left.side
    )?;
    write!(
        out,
        "<span class=\"sw right\">{}'s own wording</span>",
        diff.right.side
    )?;
    for c in cats {
        write!(
            out,
            "<span><mark class=\"{}\">{}</mark> framing</span>",
            c.as_str(),
            c.as_str()
        )?;
    }
    writeln!(
        out,
        "<span>Rows: <b>=</b> both sides report it · <b>only</b> one side does</span></p>"
    )
}

fn topics(out: &mut dyn Write, s: &SideReport, class: &str) -> io::Result<()> {
    writeln!(
        out,
        "<div class=\"card {class}\"><h3>Only {} mentions</h3>",
        s.side
    )?;
    if s.one_sided.is_empty() {
        writeln!(
            out,
            "<p class=\"meta\">nothing the other side leaves out</p></div>"
        )?;
        return Ok(());
    }
    writeln!(out, "<ul class=\"chips\">")?;
    for t in &s.one_sided {
        writeln!(
            out,
            "<li class=\"{}\" title=\"{}\">{}</li>",
            kind_class(t),
            escape::html(&where_(t)),
            escape::html(&topic_label(t))
        )?;
    }
    writeln!(out, "</ul></div>")
}

fn kind_class(t: &Topic) -> &'static str {
    match t.kind {
        crate::analysis::diff::TopicKind::Entity => "entity",
        crate::analysis::diff::TopicKind::Term => "term",
    }
}

fn where_(t: &Topic) -> String {
    format!(
        "first in sentence {}, bytes {}–{}; weight {}",
        t.sentence + 1,
        t.start,
        t.end,
        t.weight
    )
}

fn table(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    let e = escape::html;
    writeln!(
        out,
        "<table class=\"diff\"><colgroup><col class=\"mark\"><col><col></colgroup>"
    )?;
    writeln!(
        out,
        "<thead><tr><th></th><th class=\"l\">{}</th><th class=\"r\">{}</th></tr></thead><tbody>",
        e(&diff.left.label(diff.mode)),
        e(&diff.right.label(diff.mode))
    )?;
    for row in &diff.rows {
        row_html(out, diff, row)?;
    }
    if diff.rows.is_empty() {
        writeln!(out, "<tr><td></td><td colspan=\"2\" class=\"empty\">neither statement has a sentence</td></tr>")?;
    }
    writeln!(out, "</tbody></table>")
}

fn row_html(out: &mut dyn Write, diff: &Diff, row: &Row) -> io::Result<()> {
    let kind = match row.kind {
        RowKind::Pair => "pair",
        RowKind::LeftOnly => "left_only",
        RowKind::RightOnly => "right_only",
    };
    let mark = match row.kind {
        RowKind::Pair => format!(
            "<span class=\"kind\">= {}</span><span class=\"terms\">{}</span>",
            row.score.unwrap_or(0.0),
            escape::html(&row.shared_terms.join(" · "))
        ),
        RowKind::LeftOnly => format!("<span class=\"kind\">only {}</span>", diff.left.side),
        RowKind::RightOnly => format!("<span class=\"kind\">only {}</span>", diff.right.side),
    };
    let pair = row.kind == RowKind::Pair;
    writeln!(
        out,
        "<tr class=\"{kind}\"><td class=\"mark\">{mark}</td><td class=\"l\">{}</td><td class=\"r\">{}</td></tr>",
        cell(&row.left, pair, "left"),
        cell(&row.right, pair, "right")
    )
}

fn cell(passages: &[Passage], pair: bool, side: &str) -> String {
    if passages.is_empty() {
        return "<span class=\"empty\">—</span>".to_string();
    }
    let mut out = String::new();
    for p in passages {
        out.push_str(&format!(
            "<span class=\"sentence\" title=\"sentence {}, bytes {}–{}\"><span class=\"sn\">{}</span>",
            p.sentence + 1,
            p.start,
            p.end,
            p.sentence + 1
        ));
        for seg in &p.segments {
            let class = if !pair || !seg.shared {
                format!("own {side}")
            } else {
                "shared".to_string()
            };
            let class = if pair { class } else { String::new() };
            let body = escape::html(&seg.text);
            let body = match &seg.framing {
                Some(c) => format!(
                    "<mark class=\"{}\" title=\"{}\">{body}</mark>",
                    c.as_str(),
                    c.as_str()
                ),
                None => body,
            };
            if class.is_empty() {
                out.push_str(&body);
            } else {
                out.push_str(&format!("<span class=\"{class}\">{body}</span>"));
            }
        }
        out.push_str("</span>");
    }
    out
}

fn framing_list(out: &mut dyn Write, s: &SideReport, class: &str) -> io::Result<()> {
    writeln!(out, "<div class=\"card {class}\"><h3>{}</h3><ul>", s.side)?;
    for f in &s.framings {
        writeln!(out, "<li>{}</li>", framing_item(f))?;
    }
    if s.framings.is_empty() {
        writeln!(out, "<li class=\"meta\">none</li>")?;
    }
    writeln!(out, "</ul></div>")
}

fn framing_item(f: &FramingAt) -> String {
    let place = f
        .sentence
        .map(|i| format!("sentence {}, ", i + 1))
        .unwrap_or_default();
    // The words as written first, then the entry (when it differs) and category.
    let shown = &f.framing.shown;
    format!(
        "{} · <mark class=\"{}\">{}</mark> <span class=\"meta\">({place}bytes {}–{}, chars {}–{})</span>",
        escape::html(&shown.words_and_entry()),
        f.framing.category().as_str(),
        f.framing.category().as_str(),
        shown.start_byte,
        shown.end_byte,
        shown.start_char,
        shown.end_char
    )
}
