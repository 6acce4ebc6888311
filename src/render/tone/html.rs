//! `readouts tone --format html`: one self-contained page (inline CSS and SVG,
//! no scripts, no network requests) with the provenance, tone over time per
//! side, the framing gap per period, the group table, the events with the
//! largest gaps (linked to `DIR/<event>.html` with `--with-diffs DIR`) and each
//! side's most frequent framing phrases. All corpus text is escaped.

use std::io::{self, Write};

use super::svg::{bar_chart, line_chart, Line};
use super::{
    by_headings, fmt2, gap_label, initiator_label, key_cells, provenance_lines, side_tone, signed,
    GROUP_HEADINGS,
};
use crate::analysis::lexicon::shown::forms_cell;
use crate::analysis::lexicon::Category;
use crate::analysis::tone::ToneReport;
use crate::render::escape::{href_path, html};

const STYLE: &str = "body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}\
h1{margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;margin:.5em 0;font-size:14px}\
th,td{border:1px solid #ccc;padding:3px 8px}th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}\
dl.prov{display:grid;grid-template-columns:max-content auto;gap:2px 12px;font-size:14px}dl.prov dt{font-weight:bold}dl.prov dd{margin:0}\
code{background:#f5f5f5;padding:1px 3px}.pos{color:#0a6a2f}.neg{color:#b02a1a}\
.phr{display:flex;flex-wrap:wrap;gap:1.5em}.note{color:#7a5a00}figure{margin:1em 0}figcaption{font-size:14px;color:#555}";

pub fn render(out: &mut dyn Write, r: &ToneReport) -> io::Result<()> {
    crate::render::page::open(out, "readouts tone report", STYLE)?;
    writeln!(out, "<h1>Tone report</h1>")?;
    writeln!(out, "<dl class=\"prov\">")?;
    for (label, value) in provenance_lines(&r.provenance) {
        let value = if label == "command" {
            format!("<code>{}</code>", html(&value))
        } else {
            html(&value)
        };
        writeln!(out, "<dt>{label}</dt><dd>{value}</dd>")?;
    }
    writeln!(out, "<dt>formula</dt><dd>{}</dd></dl>", html(r.formula))?;
    notes(out, r)?;
    over_time(out, r)?;
    gap_chart(out, r)?;
    groups(out, r)?;
    largest_gaps(out, r)?;
    phrases(out, r)?;
    crate::render::page::close(out)
}

fn num_cell(text: String, x: f64) -> String {
    let class = if x > 0.0 && text != "+0.00" {
        "n pos"
    } else if x < 0.0 && text != "0.00" {
        "n neg"
    } else {
        "n"
    };
    format!("<td class=\"{class}\">{text}</td>")
}

fn notes(out: &mut dyn Write, r: &ToneReport) -> io::Result<()> {
    for n in &r.notes {
        writeln!(out, "<p class=\"note\">Note: {}</p>", html(n))?;
    }
    Ok(())
}

fn over_time(out: &mut dyn Write, r: &ToneReport) -> io::Result<()> {
    let ts = &r.over_time;
    let period = ts.period.name();
    writeln!(out, "<h2>Tone over time, by side</h2>")?;
    if ts.periods.is_empty() {
        return writeln!(out, "<p>No statements.</p>");
    }
    let labels: Vec<String> = ts
        .series
        .iter()
        .map(|s| format!("{} ({})", s.side.as_str(), s.statements))
        .collect();
    let lines: Vec<Line<'_>> = ts
        .series
        .iter()
        .zip(&labels)
        .map(|(s, label)| Line {
            label,
            values: &s.tone,
        })
        .collect();
    let svg = line_chart(
        "Tone over time by side",
        (ts.period, &ts.periods),
        &lines,
        period,
        "tone per 1,000 words",
    );
    writeln!(
        out,
        "<figure>{svg}<figcaption>Pooled tone (cooperative − confrontational weight per 1,000 words) \
         per {period} and side; legend: side (statements). Above 0: cooperative framing outweighs \
         confrontational. A dotted stretch: the side has no statement in the {period}s it spans.</figcaption></figure>"
    )
}

fn gap_chart(out: &mut dyn Write, r: &ToneReport) -> io::Result<()> {
    let Some(label) = gap_label(r) else {
        return Ok(());
    };
    let ts = &r.over_time;
    let period = ts.period.name();
    writeln!(out, "<h2>Framing gap per {period}: {}</h2>", html(&label))?;
    let svg = bar_chart(
        "Framing gap per period",
        (ts.period, &ts.periods),
        &ts.gap,
        &label,
        (period, "tone gap per 1,000 words"),
    );
    writeln!(
        out,
        "<figure>{svg}<figcaption>Tone of {} per {period}. A missing bar: one side has no \
         statement that {period}.</figcaption></figure>",
        html(&label)
    )
}

fn groups(out: &mut dyn Write, r: &ToneReport) -> io::Result<()> {
    writeln!(out, "<h2>Rates per 1,000 words</h2><table><tr>")?;
    for h in by_headings(&r.by).iter().chain(GROUP_HEADINGS.iter()) {
        write!(out, "<th>{h}</th>")?;
    }
    writeln!(out, "</tr>")?;
    for g in &r.groups {
        write!(out, "<tr>")?;
        for k in key_cells(&g.key) {
            write!(out, "<td>{}</td>", html(&k))?;
        }
        write!(
            out,
            "<td class=\"n\">{}</td><td class=\"n\">{}</td>{}{}",
            g.statements,
            g.words,
            num_cell(signed(g.rates.tone), g.rates.tone),
            num_cell(signed(g.mean_tone), g.mean_tone)
        )?;
        for c in Category::RATED {
            write!(
                out,
                "<td class=\"n\">{}</td>",
                fmt2(g.rates.get(c).unwrap_or(0.0))
            )?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</table>")
}

fn largest_gaps(out: &mut dyn Write, r: &ToneReport) -> io::Result<()> {
    let (Some((a, b)), Some(label)) = (&r.gap, gap_label(r)) else {
        return writeln!(
            out,
            "<h2>Framing gaps</h2><p>No gap: choose two sides with <code>--gap A,B</code>.</p>"
        );
    };
    writeln!(
        out,
        "<h2>Events with the largest gaps ({})</h2><table><tr><th>date</th><th>event</th>\
         <th>initiator</th><th>{}</th><th>{}</th><th>gap</th></tr>",
        html(&label),
        html(a.as_str()),
        html(b.as_str())
    )?;
    for &i in &r.largest_gaps {
        let e = &r.events[i];
        let name = match &r.diffs_dir {
            Some(dir) => format!(
                "<a href=\"{}\">{}</a>",
                href_path(dir, &diff_page_name(&e.id)),
                html(&e.title)
            ),
            None => html(&e.title),
        };
        let gap = e.gap.unwrap_or(0.0);
        writeln!(
            out,
            "<tr><td>{}</td><td>{name}<br><small>{}</small></td><td>{}</td>{}{}{}</tr>",
            html(&e.date.to_string()),
            html(&e.id),
            html(&initiator_label(e)),
            num_cell(side_tone(e, a), e.side(a).map_or(0.0, |s| s.rates.tone)),
            num_cell(side_tone(e, b), e.side(b).map_or(0.0, |s| s.rates.tone)),
            num_cell(signed(gap), gap)
        )?;
    }
    writeln!(out, "</table>")
}

/// Event ids longer than this get a shortened page name.
const PAGE_ID_MAX: usize = 100;

/// The file name of an event's diff page in the `--with-diffs` folder:
/// `<id>.html`, or for an id longer than `PAGE_ID_MAX` bytes its first 80
/// bytes, `-` and a 64-bit FNV-1a hash of the whole id in hex (always under
/// the 255-byte limit of file names, and still telling long ids apart).
pub fn diff_page_name(id: &str) -> String {
    if id.len() <= PAGE_ID_MAX {
        return format!("{id}.html");
    }
    let mut cut = 80;
    while !id.is_char_boundary(cut) {
        cut -= 1;
    }
    let hash = crate::hash::fnv1a(id.as_bytes());
    format!("{}-{hash:016x}.html", &id[..cut])
}

fn phrases(out: &mut dyn Write, r: &ToneReport) -> io::Result<()> {
    writeln!(
        out,
        "<h2>Most frequent framing phrases per side</h2><div class=\"phr\">"
    )?;
    for side in &r.top_phrases {
        writeln!(
            out,
            "<table><tr><th colspan=\"4\">{}</th></tr><tr><th>words as written (hits)</th><th>lexicon entry</th><th>category</th><th>hits</th></tr>",
            html(side.side.as_str())
        )?;
        if side.phrases.is_empty() {
            writeln!(out, "<tr><td colspan=\"4\">no counted hits</td></tr>")?;
        }
        for p in &side.phrases {
            writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                html(&forms_cell(&p.forms)),
                html(&p.entry),
                p.category.as_str(),
                p.hits
            )?;
        }
        writeln!(out, "</table>")?;
    }
    writeln!(out, "</div>")
}
