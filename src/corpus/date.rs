//! Calendar dates as readouts carry them: often exact (`2020-08-25`), sometimes
//! known only to the month or year (`2026-02`, `1946`). A partial date is kept
//! partial rather than padded with an invented day, and sorts before the exact
//! dates it contains.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// A Gregorian date with optional month and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Why a date string was refused; the message says how to write it instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DateError(String);

impl Date {
    /// An exact date; `None` when the day does not exist (e.g. 2020-02-30).
    pub fn ymd(year: u16, month: u8, day: u8) -> Option<Date> {
        let ok = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        ok.then_some(Date {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// The first day this date can mean (for range filters).
    pub fn first_day(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date can mean (for range filters).
    pub fn last_day(&self) -> (u16, u8, u8) {
        let month = self.month.unwrap_or(12);
        (
            self.year,
            month,
            self.day.unwrap_or_else(|| days_in_month(self.year, month)),
        )
    }

    /// Calendar quarter (1–4) when the month is known.
    pub fn quarter(&self) -> Option<u8> {
        self.month.map(|m| (m - 1) / 3 + 1)
    }
}

fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn number<T: FromStr>(part: &str, digits: usize, what: &str, whole: &str) -> Result<T, DateError> {
    if part.len() != digits || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError(format!(
            "`{whole}` is not a date: the {what} must be {digits} digits (write YYYY-MM-DD, YYYY-MM or YYYY)"
        )));
    }
    part.parse()
        .map_err(|_| DateError(format!("`{whole}` is not a date")))
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let parts: Vec<&str> = s.split('-').collect();
        if parts.is_empty() || parts.len() > 3 {
            return Err(DateError(format!(
                "`{s}` is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)"
            )));
        }
        let year: u16 = number(parts[0], 4, "year", s)?;
        let month: Option<u8> = parts.get(1).map(|p| number(p, 2, "month", s)).transpose()?;
        let day: Option<u8> = parts.get(2).map(|p| number(p, 2, "day", s)).transpose()?;
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError(format!(
                    "`{s}` is not a date: there is no month {m}"
                )));
            }
            if let Some(d) = day {
                let max = days_in_month(year, m);
                if d == 0 || d > max {
                    return Err(DateError(format!(
                        "`{s}` is not a date: {year}-{m:02} has {max} days"
                    )));
                }
            }
        }
        Ok(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exact_and_partial_dates() {
        assert_eq!(
            "2020-08-25".parse::<Date>().unwrap(),
            Date::ymd(2020, 8, 25).unwrap()
        );
        let month: Date = "2026-02".parse().unwrap();
        assert_eq!((month.year, month.month, month.day), (2026, Some(2), None));
        assert_eq!("1946".parse::<Date>().unwrap().to_string(), "1946");
    }

    #[test]
    fn refuses_impossible_days_with_a_reason() {
        let err = "2020-02-30".parse::<Date>().unwrap_err().to_string();
        assert_eq!(err, "`2020-02-30` is not a date: 2020-02 has 29 days");
        assert!("2019-02-29".parse::<Date>().is_err());
        assert!("2020-13-01".parse::<Date>().is_err());
        assert!("20-01-01".parse::<Date>().is_err());
        assert!("2020/01/01".parse::<Date>().is_err());
        assert!("".parse::<Date>().is_err());
    }

    #[test]
    fn partial_dates_sort_before_their_days_and_span_them() {
        let month: Date = "2026-02".parse().unwrap();
        let day: Date = "2026-02-04".parse().unwrap();
        assert!(month < day);
        assert_eq!(month.last_day(), (2026, 2, 28));
        assert_eq!(month.quarter(), Some(1));
    }
}
