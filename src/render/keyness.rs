//! Renders a keyness comparison: ranked tables as text, CSV or JSON, and a
//! self-contained HTML report with the z-score against frequency plot (inline
//! SVG, top terms labelled) whose terms link to their lines in context.

use std::collections::HashMap;
use std::io::{self, Write};

use super::escape::{self, csv_row, html};
use super::labels::{text_width, Placed, Placer, Rect};
use super::{count, Painter, Style};
use crate::analysis::keyness::{Keyness, Line, Order, Point, Term, TermLines, Which};

fn order_name(n: usize) -> &'static str {
    match n {
        1 => "words",
        2 => "two-word phrases",
        _ => "three-word phrases",
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The groups' labels: (a, b).
fn labels(k: &Keyness) -> (&str, &str) {
    (&k.a.label, &k.b.label)
}

/// "1 word", "12,345 words".
fn words(n: u64) -> String {
    format!("{} {}", thousands(n), if n == 1 { "word" } else { "words" })
}

/// "1 time", "3 times".
fn times(n: u64) -> String {
    format!("{n} {}", if n == 1 { "time" } else { "times" })
}

/// Plain-text tables, one per group and n-gram length.
pub fn text(out: &mut dyn Write, k: &Keyness, p: Painter) -> io::Result<()> {
    let (la, lb) = labels(k);
    writeln!(
        out,
        "{} {} ({}, {}) against {} ({}, {})",
        p.paint(Style::Heading, "Keyness:"),
        p.paint(Style::OwnLeft, la),
        count(k.a.statements, "statement"),
        words(k.a.words),
        p.paint(Style::OwnRight, lb),
        count(k.b.statements, "statement"),
        words(k.b.words),
    )?;
    let prior = format!(
        "prior: {} ({}, {}); terms used at least {}",
        k.prior.label,
        count(k.prior.statements, "statement"),
        words(k.prior.words),
        times(k.min_count),
    );
    writeln!(out, "{}", p.paint(Style::Dim, &prior))?;
    let method = format!("method: {}", k.method);
    writeln!(out, "{}", p.paint(Style::Dim, &method))?;
    for o in &k.orders {
        table(out, k, o, Which::A, p)?;
        table(out, k, o, Which::B, p)?;
    }
    Ok(())
}

fn table(out: &mut dyn Write, k: &Keyness, o: &Order, which: Which, p: Painter) -> io::Result<()> {
    let (la, lb) = labels(k);
    let (terms, title, style) = match which {
        Which::A => (&o.top_a, format!("{la} more than {lb}"), Style::OwnLeft),
        Which::B => (&o.top_b, format!("{lb} more than {la}"), Style::OwnRight),
    };
    writeln!(out)?;
    writeln!(
        out,
        "{} {}",
        p.paint(style, &title),
        p.paint(Style::Dim, &format!("· {}", order_name(o.n)))
    )?;
    if terms.is_empty() {
        return writeln!(out, "  (none)");
    }
    let (la, lb) = (escape::terminal(la), escape::terminal(lb));
    let wa = la.chars().count().max(6);
    let wb = lb.chars().count().max(6);
    writeln!(
        out,
        "{}",
        p.paint(
            Style::Dim,
            &format!("  {:>7}  {la:>wa$}  {lb:>wb$}  term", "z")
        )
    )?;
    for t in terms {
        writeln!(
            out,
            "  {:>+7.2}  {:>wa$}  {:>wb$}  {}",
            t.z,
            t.count_a,
            t.count_b,
            p.paint(style, &t.term)
        )?;
    }
    Ok(())
}

/// One CSV row per listed term; the last two columns say which prior the
/// counts in `prior` come from and how many words it holds.
pub fn csv(out: &mut dyn Write, k: &Keyness) -> io::Result<()> {
    writeln!(
        out,
        "group,n,rank,term,stems,count_a,count_b,prior,delta,z,prior_label,prior_words"
    )?;
    let prior_words = k.prior.words.to_string();
    for o in &k.orders {
        for (which, terms, label) in [
            (Which::A, &o.top_a, &k.a.label),
            (Which::B, &o.top_b, &k.b.label),
        ] {
            let _ = which;
            for (rank, t) in terms.iter().enumerate() {
                writeln!(
                    out,
                    "{}",
                    csv_row(&[
                        label.as_str(),
                        &t.n.to_string(),
                        &(rank + 1).to_string(),
                        &t.term,
                        &t.stems,
                        &t.count_a.to_string(),
                        &t.count_b.to_string(),
                        &t.prior.to_string(),
                        &format!("{:.6}", t.delta),
                        &format!("{:.6}", t.z),
                        &k.prior.label,
                        &prior_words,
                    ])
                )?;
            }
        }
    }
    Ok(())
}

/// The whole comparison as JSON.
pub fn json(out: &mut dyn Write, k: &Keyness) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, k)?;
    writeln!(out)
}

const CSS: &str = "body{font:15px/1.45 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}\
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}h3{font-size:1rem}\
.a{color:#1f5fa8}.b{color:#b35c00}.dim{color:#666}\
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.15rem .6rem;text-align:right}\
td.t,th.t{text-align:left}.cols{display:flex;gap:3rem;flex-wrap:wrap}\
.kwic td{text-align:left;font-size:.9rem}.kwic td.l{text-align:right}mark{background:#ffe58a}\
svg text{font-size:11px}svg a text{text-decoration:underline}";

/// A self-contained HTML report: summary, plot, tables and context lines.
pub fn html_page(out: &mut dyn Write, k: &Keyness, lines: &[TermLines]) -> io::Result<()> {
    let (la, lb) = labels(k);
    let title = format!("Keyness: {la} against {lb}");
    super::page::open(out, &title, CSS)?;
    writeln!(
        out,
        "<h1>Keyness: <span class=\"a\">{}</span> against <span class=\"b\">{}</span></h1>",
        html(la),
        html(lb)
    )?;
    writeln!(
        out,
        "<p><span class=\"a\">{}</span>: {}, {}. <span class=\"b\">{}</span>: {}, {}. Prior: {} ({}, {}). Terms used at least {}.</p>\n<p class=\"dim\">Method: {}. Positive z: more typical of {}; negative: of {}.</p>",
        html(la),
        count(k.a.statements, "statement"),
        words(k.a.words),
        html(lb),
        count(k.b.statements, "statement"),
        words(k.b.words),
        html(&k.prior.label),
        count(k.prior.statements, "statement"),
        words(k.prior.words),
        times(k.min_count),
        html(k.method),
        html(la),
        html(lb)
    )?;
    svg(out, k, lines)?;
    for o in &k.orders {
        writeln!(out, "<h2>{}</h2>\n<div class=\"cols\">", order_name(o.n))?;
        html_table(out, k, &o.top_a, Which::A, lines)?;
        html_table(out, k, &o.top_b, Which::B, lines)?;
        writeln!(out, "</div>")?;
    }
    writeln!(out, "<h2>Terms in context</h2>")?;
    for (i, t) in lines.iter().enumerate() {
        kwic(out, k, i, t)?;
    }
    super::page::close(out)
}

/// The anchor of a listed term's context section, if it has one.
fn anchor(lines: &[TermLines], n: usize, term: &str) -> Option<String> {
    lines
        .iter()
        .position(|l| l.n == n && l.term == term)
        .map(|i| format!("kwic-{i}"))
}

fn class(which: Which) -> &'static str {
    match which {
        Which::A => "a",
        Which::B => "b",
    }
}

fn html_table(
    out: &mut dyn Write,
    k: &Keyness,
    terms: &[Term],
    which: Which,
    lines: &[TermLines],
) -> io::Result<()> {
    let (la, lb) = labels(k);
    let head = match which {
        Which::A => format!("{la} more than {lb}"),
        Which::B => format!("{lb} more than {la}"),
    };
    writeln!(
        out,
        "<table><caption class=\"{}\">{}</caption>\n<tr><th>z</th><th>{}</th><th>{}</th><th class=\"t\">term</th></tr>",
        class(which),
        html(&head),
        html(la),
        html(lb)
    )?;
    for t in terms {
        let term = match anchor(lines, t.n, &t.term) {
            Some(id) => format!("<a href=\"#{id}\">{}</a>", html(&t.term)),
            None => html(&t.term),
        };
        writeln!(
            out,
            "<tr><td>{:+.2}</td><td>{}</td><td>{}</td><td class=\"t {}\">{term}</td></tr>",
            t.z,
            t.count_a,
            t.count_b,
            class(which)
        )?;
    }
    if terms.is_empty() {
        writeln!(
            out,
            "<tr><td colspan=\"4\" class=\"t dim\">(none)</td></tr>"
        )?;
    }
    writeln!(out, "</table>")
}

/// Listed points labelled in the plot: the strongest of each group.
const LABELS_PER_GROUP: usize = 12;

fn svg(out: &mut dyn Write, k: &Keyness, lines: &[TermLines]) -> io::Result<()> {
    let (w, h, left, right, top, bottom) = (900.0, 520.0, 56.0, 20.0, 16.0, 44.0);
    let points = &k.plot;
    let max_x = points
        .iter()
        .map(|p| (p.count as f64).log10())
        .fold(1.0, f64::max);
    let max_z = points.iter().map(|p| p.z.abs()).fold(2.0, f64::max) * 1.05;
    let x = |p: &Point| left + (p.count as f64).log10() / max_x * (w - left - right);
    let y = |z: f64| top + (max_z - z) / (2.0 * max_z) * (h - top - bottom);
    writeln!(
        out,
        "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" aria-label=\"z-score against frequency\">"
    )?;
    axes(out, (w, h, left, right, top, bottom), max_x, max_z, &y)?;
    for p in points.iter().filter(|p| p.listed.is_none()) {
        writeln!(
            out,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"1.6\" fill=\"#bbb\"><title>{} ({}, z {:+.2})</title></circle>",
            x(p),
            y(p.z),
            html(&p.term),
            p.count,
            p.z
        )?;
    }
    let bounds = Rect {
        x0: left + 2.0,
        y0: top,
        x1: w - right,
        y1: h - bottom - 2.0,
    };
    let mut placer = Placer::new(bounds);
    let note_at = (left + 8.0, top + 12.0);
    placer.reserve(Rect {
        x0: note_at.0,
        y0: note_at.1 - 12.0,
        x1: note_at.0 + text_width(&more_note(points.len()), LABEL_PX),
        y1: note_at.1 + 4.0,
    });
    for p in points.iter().filter(|p| p.listed.is_some()) {
        let (cx, cy) = (x(p), y(p.z));
        placer.reserve(Rect {
            x0: cx - 3.0,
            y0: cy - 3.0,
            x1: cx + 3.0,
            y1: cy + 3.0,
        });
    }
    let mut placed: HashMap<(usize, &str), Placed> = HashMap::new();
    let mut dropped = 0;
    for p in strongest(points) {
        match placer.place((x(p), y(p.z)), 3.0, &p.term, LABEL_PX) {
            Some(spot) => {
                placed.insert((p.n, p.term.as_str()), spot);
            }
            None => dropped += 1,
        }
    }
    for p in points.iter().filter(|p| p.listed.is_some()) {
        let colour = if p.listed == Some(Which::A) {
            "#1f5fa8"
        } else {
            "#b35c00"
        };
        let (cx, cy) = (x(p), y(p.z));
        let mut mark = format!(
            "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"3\" fill=\"{colour}\"><title>{} ({}, z {:+.2})</title></circle>",
            html(&p.term),
            p.count,
            p.z
        );
        if let Some(spot) = placed.get(&(p.n, p.term.as_str())) {
            mark.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{}\" fill=\"{colour}\">{}</text>",
                spot.x,
                spot.y,
                spot.anchor.svg(),
                html(&p.term)
            ));
        }
        match anchor(lines, p.n, &p.term) {
            Some(id) => writeln!(out, "<a href=\"#{id}\">{mark}</a>")?,
            None => writeln!(out, "{mark}")?,
        }
    }
    if dropped > 0 {
        writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#666\">{}</text>",
            note_at.0,
            note_at.1,
            more_note(dropped)
        )?;
    }
    writeln!(
        out,
        "</svg>\n<figcaption class=\"dim\">Each dot is a term: across, how often both groups use it (log scale); up, its z-score. Coloured dots are listed terms; click one for its lines in context. The strongest terms of each group are labelled where a label fits without covering another.</figcaption>\n</figure>"
    )
}

/// Font size of the plot's labels (the page's CSS sets `svg text` to it).
const LABEL_PX: f64 = 11.0;

/// The plot's note on labels that found no room.
fn more_note(n: usize) -> String {
    format!(
        "+{n} more {} (see the tables)",
        if n == 1 { "label" } else { "labels" }
    )
}

/// The strongest listed points of each group (by |z|), strongest first.
fn strongest(points: &[Point]) -> Vec<&Point> {
    let mut out = Vec::new();
    for which in [Which::A, Which::B] {
        let mut listed: Vec<&Point> = points.iter().filter(|p| p.listed == Some(which)).collect();
        listed.sort_by(|a, b| b.z.abs().total_cmp(&a.z.abs()));
        listed.truncate(LABELS_PER_GROUP);
        out.extend(listed);
    }
    out.sort_by(|a, b| b.z.abs().total_cmp(&a.z.abs()));
    out
}

type Frame = (f64, f64, f64, f64, f64, f64);

fn axes(
    out: &mut dyn Write,
    (w, h, left, right, top, bottom): Frame,
    max_x: f64,
    max_z: f64,
    y: &dyn Fn(f64) -> f64,
) -> io::Result<()> {
    let base = h - bottom;
    writeln!(
        out,
        "<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{base}\" stroke=\"#999\"/><line x1=\"{left}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#999\"/>",
        w - right
    )?;
    let zero = y(0.0);
    writeln!(
        out,
        "<line x1=\"{left}\" y1=\"{zero:.1}\" x2=\"{}\" y2=\"{zero:.1}\" stroke=\"#ddd\"/>",
        w - right
    )?;
    for z in [-1.96, 1.96] {
        writeln!(
            out,
            "<line x1=\"{left}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\" stroke=\"#eee\" stroke-dasharray=\"4 3\"/>",
            y(z),
            w - right
        )?;
    }
    let step = (max_z / 4.0).ceil().max(1.0);
    let mut z = -(max_z / step).floor() * step;
    while z <= max_z {
        writeln!(
            out,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            left - 6.0,
            y(z) + 4.0,
            z_label(z)
        )?;
        z += step;
    }
    for decade in 0..=(max_x.floor() as u32) {
        let label = thousands(10u64.pow(decade));
        let half = text_width(&label, LABEL_PX) / 2.0;
        let px = left + f64::from(decade) / max_x * (w - left - right);
        writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{label}</text>",
            px.min(w - half - 1.0),
            base + 16.0,
        )?;
    }
    writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">uses in both groups</text><text x=\"14\" y=\"{}\" transform=\"rotate(-90 14 {})\" text-anchor=\"middle\">z-score</text>",
        (left + w - right) / 2.0,
        h - 6.0,
        (top + base) / 2.0,
        (top + base) / 2.0
    )
}

/// A z tick: `+2`, `-4`, and `0` unsigned.
fn z_label(z: f64) -> String {
    if z.abs() < 0.5 {
        "0".into()
    } else {
        format!("{z:+.0}")
    }
}

fn kwic(out: &mut dyn Write, k: &Keyness, i: usize, t: &TermLines) -> io::Result<()> {
    writeln!(
        out,
        "<section id=\"kwic-{i}\">\n<h3 class=\"{}\">{}</h3>",
        class(t.which),
        html(&t.term)
    )?;
    for (label, list) in [(&k.a.label, &t.a), (&k.b.label, &t.b)] {
        writeln!(
            out,
            "<p class=\"dim\">{} ({} lines shown)</p>",
            html(label),
            list.len()
        )?;
        if list.is_empty() {
            continue;
        }
        writeln!(out, "<table class=\"kwic\">")?;
        for l in list {
            kwic_row(out, l)?;
        }
        writeln!(out, "</table>")?;
    }
    writeln!(out, "</section>")
}

fn kwic_row(out: &mut dyn Write, l: &Line) -> io::Result<()> {
    writeln!(
        out,
        "<tr><td class=\"dim\">{} · {} · bytes {}–{}</td><td class=\"l\">{}</td><td><mark>{}</mark>{}</td></tr>",
        html(&l.statement),
        l.date,
        l.start,
        l.end,
        html(&l.before),
        html(&l.hit),
        html(&l.after)
    )
}
