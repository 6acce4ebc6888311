//! Inline SVG charts drawn by the project (no JavaScript, no network): a line
//! chart with one line per side, and a bar chart of the framing gap. Both have
//! labelled axes, tick values, a zero line and a legend, and every point has a
//! `<title>` tooltip with its exact value. Time runs to scale (`axis.rs`):
//! a stretch with no value is as wide as it lasted, and drawn dotted. All
//! labels are HTML-escaped.

use std::fmt::Write as _;

use super::axis::{self, TimeScale};
use crate::analysis::tone::calendar::PeriodSpan;
use crate::analysis::tone::Dim;
use crate::render::escape::html;

/// Colour-blind-safe line colours (Okabe–Ito), with dash patterns as a second cue.
const COLOURS: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999",
];
const DASHES: [&str; 4] = ["", "6 3", "2 3", "8 3 2 3"];

const W: f64 = 1000.0;
const H: f64 = 440.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 170.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 95.0;

/// One line of a chart.
pub struct Line<'a> {
    pub label: &'a str,
    pub values: &'a [Option<f64>],
}

/// Tick values from `lo` to `hi` at a round step (1, 2 or 5 × 10ⁿ), about 6 ticks.
pub fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let (lo, hi) = if hi - lo < 1e-9 {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi)
    };
    let raw = (hi - lo) / 6.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).floor() as i64;
    let last = (hi / step).ceil() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

fn tick_label(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

struct Frame {
    y0: f64,
    y1: f64,
    spans: Vec<PeriodSpan>,
    time: TimeScale,
}

impl Frame {
    fn new(values: impl Iterator<Item = f64>, dim: Dim, periods: &[String]) -> Frame {
        let (mut lo, mut hi) = (0.0f64, 0.0f64);
        for v in values {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        let t = ticks(lo, hi);
        let spans = axis::spans(dim, periods);
        let time = axis::scale(&spans, LEFT, W - RIGHT);
        Frame {
            y0: t[0],
            y1: *t.last().unwrap_or(&1.0),
            spans,
            time,
        }
    }

    /// The middle of period `i`.
    fn x(&self, i: usize) -> f64 {
        self.time.x(self.spans[i].mid())
    }

    /// Where period `i` starts and ends.
    fn x_range(&self, i: usize) -> (f64, f64) {
        let s = &self.spans[i];
        (self.time.x(s.start as f64), self.time.x(s.end as f64))
    }

    fn y(&self, v: f64) -> f64 {
        TOP + (H - TOP - BOTTOM) * (self.y1 - v) / (self.y1 - self.y0)
    }
}

fn open(svg: &mut String, title: &str) {
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-label="{}" font-family="sans-serif" font-size="13">"#,
        html(title)
    );
}

/// Axes, horizontal grid with tick values, the zero line, calendar ticks on
/// the time axis and the axis titles.
fn axes(svg: &mut String, f: &Frame, x_title: &str, y_title: &str) {
    for t in ticks(f.y0, f.y1) {
        let y = f.y(t);
        let zero = t.abs() < 1e-12;
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-width="{}"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            W - RIGHT,
            if zero { "#444" } else { "#ddd" },
            if zero { 1.5 } else { 1.0 },
            LEFT - 8.0,
            y + 4.0,
            tick_label(t)
        );
    }
    for tick in axis::ticks(&f.time) {
        let x = f.time.x(tick.day as f64);
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="#444"/><text x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            H - BOTTOM,
            H - BOTTOM + 6.0,
            H - BOTTOM + 22.0,
            html(&tick.label)
        );
    }
    let _ = write!(
        svg,
        r##"<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{:.1}" stroke="#444"/><line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#444"/>"##,
        H - BOTTOM,
        H - BOTTOM,
        W - RIGHT,
        H - BOTTOM
    );
    let mid_y = TOP + (H - TOP - BOTTOM) / 2.0;
    let _ = write!(
        svg,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-weight="bold">{}</text><text x="18" y="{mid_y:.1}" text-anchor="middle" font-weight="bold" transform="rotate(-90 18 {mid_y:.1})">{}</text>"#,
        LEFT + (W - LEFT - RIGHT) / 2.0,
        H - 8.0,
        html(x_title),
        html(y_title)
    );
}

/// A series' path: solid between points of adjoining periods, and a dotted
/// bridge over every stretch of time with no value (a missing period, or
/// periods where nobody spoke, which are not listed at all). Points of a
/// year-only fallback period stand alone.
fn paths(f: &Frame, values: &[Option<f64>]) -> (String, String) {
    let (mut d, mut bridges) = (String::new(), String::new());
    let mut last: Option<(usize, f64, f64)> = None;
    for (i, v) in values.iter().enumerate() {
        let Some(v) = v else { continue };
        if f.spans[i].ordinal.is_none() {
            continue;
        }
        let (x, y) = (f.x(i), f.y(*v));
        match last {
            Some((j, _, _)) if f.spans[j].adjoins(&f.spans[i]) => {
                let _ = write!(d, "L{x:.1} {y:.1} ");
            }
            Some((_, lx, ly)) => {
                let _ = write!(d, "M{x:.1} {y:.1} ");
                let _ = write!(bridges, "M{lx:.1} {ly:.1} L{x:.1} {y:.1} ");
            }
            None => {
                let _ = write!(d, "M{x:.1} {y:.1} ");
            }
        }
        last = Some((i, x, y));
    }
    (d.trim_end().to_string(), bridges.trim_end().to_string())
}

/// A line chart: one line per series over `periods` of `dim`, drawn to the
/// scale of time, dotted where a side has no value.
pub fn line_chart(
    title: &str,
    (dim, periods): (Dim, &[String]),
    lines: &[Line<'_>],
    x_title: &str,
    y_title: &str,
) -> String {
    let f = Frame::new(
        lines
            .iter()
            .flat_map(|l| l.values.iter().flatten().copied()),
        dim,
        periods,
    );
    let mut svg = String::new();
    open(&mut svg, title);
    axes(&mut svg, &f, x_title, y_title);
    for (k, line) in lines.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let dash = DASHES[(k / 2) % DASHES.len()];
        let (d, bridges) = paths(&f, line.values);
        let _ = write!(
            svg,
            r#"<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.5" stroke-dasharray="{dash}"/>"#
        );
        if !bridges.is_empty() {
            let _ = write!(
                svg,
                r#"<path d="{bridges}" fill="none" stroke="{colour}" stroke-width="1.5" stroke-dasharray="1 4" opacity="0.8"/>"#
            );
        }
        for (i, v) in line.values.iter().enumerate() {
            if let Some(v) = v {
                let _ = write!(
                    svg,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{colour}"><title>{} {}: {v}</title></circle>"#,
                    f.x(i),
                    f.y(*v),
                    html(line.label),
                    html(&periods[i])
                );
            }
        }
        let ly = TOP + 10.0 + 24.0 * k as f64;
        let lx = W - RIGHT + 20.0;
        let _ = write!(
            svg,
            r#"<line x1="{lx}" y1="{ly}" x2="{:.1}" y2="{ly}" stroke="{colour}" stroke-width="3" stroke-dasharray="{dash}"/><text x="{:.1}" y="{:.1}">{}</text>"#,
            lx + 34.0,
            lx + 42.0,
            ly + 4.5,
            html(line.label)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A bar chart of signed values (positive up, negative down), one bar per
/// period, each as wide as its period on the scale of time.
pub fn bar_chart(
    title: &str,
    (dim, periods): (Dim, &[String]),
    values: &[Option<f64>],
    legend: &str,
    (x_title, y_title): (&str, &str),
) -> String {
    let f = Frame::new(values.iter().flatten().copied(), dim, periods);
    let mut svg = String::new();
    open(&mut svg, title);
    axes(&mut svg, &f, x_title, y_title);
    for (i, v) in values.iter().enumerate() {
        let Some(v) = v else { continue };
        let (x0, x1) = f.x_range(i);
        let width = ((x1 - x0) * 0.8).max(1.5);
        let x = (x0 + x1 - width) / 2.0;
        let (y_top, y_bottom) = (f.y(v.max(0.0)), f.y(v.min(0.0)));
        let colour = if *v >= 0.0 { COLOURS[0] } else { COLOURS[1] };
        let _ = write!(
            svg,
            r#"<rect x="{x:.1}" y="{y_top:.1}" width="{width:.1}" height="{:.1}" fill="{colour}"><title>{}: {v}</title></rect>"#,
            (y_bottom - y_top).max(0.5),
            html(&periods[i])
        );
    }
    let lx = W - RIGHT + 20.0;
    for (k, text) in [format!("{legend} > 0"), format!("{legend} < 0")]
        .iter()
        .enumerate()
    {
        let ly = TOP + 10.0 + 24.0 * k as f64;
        let _ = write!(
            svg,
            r#"<rect x="{lx}" y="{:.1}" width="14" height="14" fill="{}"/><text x="{:.1}" y="{:.1}">{}</text>"#,
            ly - 7.0,
            COLOURS[k],
            lx + 20.0,
            ly + 4.5,
            html(text)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(0.0, 10.0), [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        let t = ticks(-3.2, 7.9);
        assert!(t[0] <= -3.2 && *t.last().unwrap() >= 7.9);
        assert_eq!(ticks(0.0, 0.0), [-1.0, -0.5, 0.0, 0.5, 1.0]);
        assert_eq!(tick_label(-0.0), "0");
        assert_eq!(tick_label(2.5), "2.5");
    }

    fn chart(periods: &[&str], values: &[Option<f64>]) -> String {
        let periods: Vec<String> = periods.iter().map(|p| p.to_string()).collect();
        line_chart(
            "t",
            (Dim::Year, &periods),
            &[Line {
                label: "<b>",
                values,
            }],
            "year",
            "tone",
        )
    }

    /// The x of every `M` or `L` of a path's `d`.
    fn xs(d: &str) -> Vec<f64> {
        d.split(['M', 'L'])
            .filter_map(|p| p.split_whitespace().next()?.parse().ok())
            .collect()
    }

    fn path_ds(svg: &str) -> Vec<&str> {
        svg.split(r#"<path d=""#)
            .skip(1)
            .map(|p| p.split('"').next().unwrap())
            .collect()
    }

    #[test]
    fn labels_are_escaped_and_missing_values_break_the_line() {
        let svg = chart(&["2019", "2020", "2021"], &[Some(1.0), None, Some(2.0)]);
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
        let paths = path_ds(&svg);
        assert!(
            !paths[0].contains('L'),
            "no solid line over the gap: {}",
            paths[0]
        );
        assert_eq!(xs(paths[1]).len(), 2, "one dotted bridge over the gap");
        assert!(svg.contains(r#"stroke-dasharray="1 4""#));
        assert_eq!(svg.matches("<circle").count(), 2);
    }

    #[test]
    fn time_runs_to_scale_and_unlisted_years_are_dotted() {
        let svg = chart(
            &["2019", "2020", "2025"],
            &[Some(1.0), Some(2.0), Some(3.0)],
        );
        let paths = path_ds(&svg);
        let solid = xs(paths[0]);
        let dotted = xs(paths[1]);
        assert_eq!(
            solid.len(),
            3,
            "2019→2020 drawn, then a fresh start at 2025"
        );
        assert_eq!(dotted.len(), 2, "2020→2025 bridged: {}", paths[1]);
        let one_year = solid[1] - solid[0];
        let five_years = dotted[1] - dotted[0];
        assert!(
            (five_years / one_year - 5.0).abs() < 0.02,
            "{five_years} px for five years, {one_year} for one"
        );
        for year in ["2019", "2020", "2025"] {
            assert!(svg.contains(&format!(">{year}</text>")), "tick {year}");
        }
    }
}
