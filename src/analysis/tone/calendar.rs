//! Periods as stretches of days, so a chart can draw time to scale: five
//! empty months as five months, 2020→2025 five times as wide as 2025→2026.
//! The period labels are the ones [`super::group::period_label`] makes; this
//! module reads them back into calendar terms in one place.

use super::group::{is_unknown_period, Dim};

/// The calendar stretch of one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodSpan {
    /// Consecutive periods differ by one (years, quarters or months counted
    /// from year 0); `None` for the year-only fallback of a quarter or month,
    /// which has no neighbours.
    pub ordinal: Option<i64>,
    /// The first day, as days since 1970-01-01.
    pub start: i64,
    /// The day after the last day, as days since 1970-01-01.
    pub end: i64,
}

impl PeriodSpan {
    /// The middle of the stretch, in days.
    pub fn mid(&self) -> f64 {
        (self.start + self.end) as f64 / 2.0
    }

    /// Whether `next` is the period right after this one.
    pub fn adjoins(&self, next: &PeriodSpan) -> bool {
        matches!((self.ordinal, next.ordinal), (Some(a), Some(b)) if b == a + 1)
    }
}

/// Days since 1970-01-01 of a Gregorian date (proleptic; `month` 1–12).
pub fn days(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The first day of the month `index` months after January of year 0.
pub fn month_start(index: i64) -> i64 {
    days(index.div_euclid(12), (index.rem_euclid(12) + 1) as u32, 1)
}

/// The span of a period label of `dim` (`2020`, `2020-Q3`, `2020-08`,
/// `2020 (month unknown)`); `None` for a label that is none of these.
pub fn period_span(dim: Dim, label: &str) -> Option<PeriodSpan> {
    let digits = label.bytes().take_while(u8::is_ascii_digit).count();
    let year: i64 = label.get(..digits)?.parse().ok()?;
    let rest = &label[digits..];
    let year_span = |ordinal| PeriodSpan {
        ordinal,
        start: days(year, 1, 1),
        end: days(year + 1, 1, 1),
    };
    if rest.is_empty() {
        return Some(year_span((dim == Dim::Year).then_some(year)));
    }
    if is_unknown_period(label) {
        return Some(year_span(None));
    }
    let (first_month, months) = match (dim, rest.strip_prefix("-Q"), rest.strip_prefix('-')) {
        (Dim::Quarter, Some(q), _) => (year * 12 + (q.parse::<i64>().ok()? - 1) * 3, 3),
        (Dim::Month, _, Some(m)) => (year * 12 + m.parse::<i64>().ok()? - 1, 1),
        _ => return None,
    };
    Some(PeriodSpan {
        ordinal: Some(first_month / months),
        start: month_start(first_month),
        end: month_start(first_month + months),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_from_the_unix_epoch() {
        assert_eq!(days(1970, 1, 1), 0);
        assert_eq!(days(2000, 3, 1), 11_017);
        assert_eq!(days(1946, 1, 1), -8_766);
        assert_eq!(days(2021, 1, 1) - days(2020, 1, 1), 366);
    }

    #[test]
    fn periods_span_their_days_and_neighbours_adjoin() {
        let y = period_span(Dim::Year, "2020").unwrap();
        assert_eq!(y.end - y.start, 366);
        assert!(y.adjoins(&period_span(Dim::Year, "2021").unwrap()));
        assert!(!y.adjoins(&period_span(Dim::Year, "2022").unwrap()));
        let q4 = period_span(Dim::Quarter, "2019-Q4").unwrap();
        assert_eq!((q4.start, q4.end), (days(2019, 10, 1), days(2020, 1, 1)));
        assert!(q4.adjoins(&period_span(Dim::Quarter, "2020-Q1").unwrap()));
        let dec = period_span(Dim::Month, "2019-12").unwrap();
        assert_eq!(dec.end - dec.start, 31);
        assert!(dec.adjoins(&period_span(Dim::Month, "2020-01").unwrap()));
        let unknown = period_span(Dim::Month, "2019 (month unknown)").unwrap();
        assert_eq!(unknown.ordinal, None);
        assert_eq!(unknown.start, days(2019, 1, 1));
        assert_eq!(period_span(Dim::Month, "soon"), None);
    }
}
