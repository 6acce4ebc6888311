//! The time axis of the tone charts: days mapped to x in proportion, and tick
//! marks at calendar steps (months, quarters, years, decades, …) chosen by the
//! span so that no two tick labels can overlap. Labels are laid flat; the step
//! grows until each label, at a generous width estimate per character, fits
//! between its neighbours.

use crate::analysis::tone::calendar::{month_start, period_span, PeriodSpan};
use crate::analysis::tone::Dim;

/// Steps between ticks, in months.
const STEPS: [i64; 14] = [
    1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000,
];

/// A width no 13 px sans-serif digit or hyphen exceeds (digits are ~7.2 px).
pub const CHAR_PX: f64 = 8.0;
/// Free space kept between two tick labels.
const LABEL_GAP: f64 = 10.0;

/// A tick: where (days since 1970-01-01) and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub day: i64,
    pub label: String,
}

/// Days mapped onto the pixels `left..right`.
#[derive(Debug, Clone, Copy)]
pub struct TimeScale {
    pub lo: i64,
    pub hi: i64,
    pub left: f64,
    pub right: f64,
}

impl TimeScale {
    pub fn x(&self, day: f64) -> f64 {
        let span = (self.hi - self.lo).max(1) as f64;
        self.left + (self.right - self.left) * (day - self.lo as f64) / span
    }
}

/// The calendar spans of the periods; a label that cannot be read (there is
/// none today) makes every period one year-wide slot in list order instead.
pub fn spans(dim: Dim, periods: &[String]) -> Vec<PeriodSpan> {
    let read: Option<Vec<PeriodSpan>> = periods.iter().map(|p| period_span(dim, p)).collect();
    read.unwrap_or_else(|| {
        (0..periods.len() as i64)
            .map(|i| PeriodSpan {
                ordinal: None,
                start: i * 365,
                end: (i + 1) * 365,
            })
            .collect()
    })
}

/// The scale from the first period's first day to the last period's end.
pub fn scale(spans: &[PeriodSpan], left: f64, right: f64) -> TimeScale {
    let lo = spans.iter().map(|s| s.start).min().unwrap_or(0);
    let hi = spans.iter().map(|s| s.end).max().unwrap_or(lo + 365);
    TimeScale {
        lo,
        hi: hi.max(lo + 1),
        left,
        right,
    }
}

/// Ticks at the smallest calendar step whose labels do not touch.
pub fn ticks(scale: &TimeScale) -> Vec<Tick> {
    let first = month_of(scale.lo);
    let last = month_of(scale.hi) + 1;
    let mut fallback = Vec::new();
    for step in STEPS {
        let ticks = ticks_at(scale, first, last, step);
        if fits(scale, &ticks) {
            return ticks;
        }
        fallback = ticks;
    }
    fallback.truncate(1);
    fallback
}

/// Every `step`-month boundary inside the scale, labelled `YYYY-MM` below a
/// year and `YYYY` from a year up.
fn ticks_at(scale: &TimeScale, first: i64, last: i64, step: i64) -> Vec<Tick> {
    let start = first.div_euclid(step) * step;
    (0..)
        .map(|k| start + k * step)
        .take_while(|m| *m <= last)
        .map(|m| (m, month_start(m)))
        .filter(|(_, day)| (scale.lo..=scale.hi).contains(day))
        .map(|(m, day)| {
            let (year, month) = (m.div_euclid(12), m.rem_euclid(12) + 1);
            let label = if step < 12 {
                format!("{year}-{month:02}")
            } else {
                year.to_string()
            };
            Tick { day, label }
        })
        .collect()
}

/// Whether every two neighbouring labels (centred on their ticks) keep apart.
fn fits(scale: &TimeScale, ticks: &[Tick]) -> bool {
    ticks.windows(2).all(|w| {
        let room = scale.x(w[1].day as f64) - scale.x(w[0].day as f64);
        let need = (label_px(&w[0].label) + label_px(&w[1].label)) / 2.0 + LABEL_GAP;
        room >= need
    })
}

/// The width a tick label may take at most.
pub fn label_px(label: &str) -> f64 {
    label.chars().count() as f64 * CHAR_PX
}

/// The month index (months since January of year 0) holding `day`.
fn month_of(day: i64) -> i64 {
    // Close enough for a start (months average 30.436875 days), then exact.
    let mut m = 1970 * 12 + (day as f64 / 30.436875).floor() as i64;
    while month_start(m) > day {
        m -= 1;
    }
    while month_start(m + 1) <= day {
        m += 1;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tone::calendar::days;

    fn scale_of(lo: i64, hi: i64) -> TimeScale {
        TimeScale {
            lo,
            hi,
            left: 80.0,
            right: 830.0,
        }
    }

    #[test]
    fn month_of_finds_the_month_holding_a_day() {
        assert_eq!(month_of(days(2020, 3, 1)), 2020 * 12 + 2);
        assert_eq!(month_of(days(2020, 2, 29)), 2020 * 12 + 1);
        assert_eq!(month_of(days(1946, 1, 1)), 1946 * 12);
    }

    #[test]
    fn the_step_follows_the_span_and_labels_keep_apart() {
        let un = scale_of(days(1946, 1, 1), days(2023, 1, 1));
        let t = ticks(&un);
        assert_eq!(t[0].label, "1950");
        assert_eq!(t[1].label, "1955");
        assert!(fits(&un, &t));
        let year = scale_of(days(2020, 1, 1), days(2021, 1, 1));
        let t = ticks(&year);
        assert_eq!(t.first().unwrap().label, "2020-01");
        assert_eq!(t.len(), 7, "every two months over one year: {t:?}");
        let six = scale_of(days(2019, 11, 1), days(2026, 3, 1));
        let labels: Vec<String> = ticks(&six).into_iter().map(|t| t.label).collect();
        assert_eq!(
            labels,
            ["2020", "2021", "2022", "2023", "2024", "2025", "2026"]
        );
    }

    #[test]
    fn a_scale_puts_days_in_proportion() {
        let s = scale_of(0, 100);
        assert_eq!(s.x(0.0), 80.0);
        assert_eq!(s.x(50.0), 455.0);
        assert_eq!(s.x(100.0), 830.0);
    }
}
