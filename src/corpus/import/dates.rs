//! Publication dates as archives and feeds print them. A release stamped
//! `Wed, 03 Aug 2022 01:30:00 +0000` was issued on the evening of August 2 in
//! Washington, so the date a scholar cites is the publisher's local date, not
//! the UTC one. Every importer turns its raw date strings into a corpus
//! [`Date`] here, with the publisher's time zone (`--tz`) and, for odd house
//! styles, a strftime pattern (`--date-format`).

use jiff::civil;
use jiff::fmt::rfc2822::DateTimeParser;
use jiff::fmt::strtime;
use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::corpus::Date;

/// How to read the dates of one source.
#[derive(Debug, Clone)]
pub struct DateRules {
    /// The publisher's time zone: instants are converted into it before the
    /// calendar date is taken.
    pub tz: TimeZone,
    /// A strftime pattern tried before the built-in forms.
    pub format: Option<String>,
}

impl DateRules {
    /// Rules for an IANA time zone name such as `America/New_York` or `UTC`.
    pub fn new(tz_name: &str, format: Option<String>) -> Result<DateRules, String> {
        let tz = TimeZone::get(tz_name).map_err(|e| {
            format!("unknown time zone `{tz_name}` (use an IANA name such as America/New_York, Asia/Shanghai or UTC): {e}")
        })?;
        Ok(DateRules { tz, format })
    }
}

/// What the error message lists as accepted.
const ACCEPTED: &str = "expected RFC 2822 (Wed, 03 Aug 2022 01:30:00 +0000), \
RFC 3339 (2022-08-03T01:30:00Z), YYYY, YYYY-MM, YYYY-MM-DD, `August 3, 2022`, \
`Aug. 3, 2022`, `3 August 2022`, 2022/08/03, 2022年8月3日, or a pattern given with --date-format";

static RFC2822: DateTimeParser = DateTimeParser::new();

/// The calendar date a publisher meant: RFC 2822, RFC 3339 / ISO with time and offset
/// (converted into rules.tz before taking the date), plain ISO YYYY[-MM[-DD]], `August 3, 2022`,
/// `3 August 2022`, `Aug. 3, 2022`, `2022/08/03`, `2022年8月3日`, or rules.format (strftime).
pub fn parse_published(raw: &str, rules: &DateRules) -> Result<Date, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(format!("the date is empty; {ACCEPTED}"));
    }
    if let Some(format) = &rules.format {
        if let Some(date) = with_format(s, format, &rules.tz) {
            return Ok(date);
        }
    }
    if let Ok(date) = s.parse::<Date>() {
        return Ok(date);
    }
    instant(s, &rules.tz)
        .or_else(|| {
            s.parse::<civil::DateTime>()
                .ok()
                .and_then(|dt| civil_date(dt.date()))
        })
        .or_else(|| words(s))
        .or_else(|| slashed(s))
        .or_else(|| cjk(s))
        .ok_or_else(|| match &rules.format {
            Some(f) => {
                format!("`{s}` does not match --date-format `{f}` nor a known form; {ACCEPTED}")
            }
            None => format!("`{s}` is not a date; {ACCEPTED}"),
        })
}

/// A moment with an offset (RFC 2822 or RFC 3339), as a date in `tz`.
fn instant(s: &str, tz: &TimeZone) -> Option<Date> {
    let ts = RFC2822
        .parse_timestamp(s)
        .ok()
        .or_else(|| s.parse::<Timestamp>().ok())?;
    civil_date(ts.to_zoned_datetime(tz.clone()).date())
}

/// The user's strftime pattern; an offset in it makes the value an instant.
fn with_format(s: &str, format: &str, tz: &TimeZone) -> Option<Date> {
    let parsed = strtime::parse(format, s).ok()?;
    if parsed.offset().is_some() {
        let ts = parsed.to_timestamp().ok()?;
        return civil_date(ts.to_zoned_datetime(tz.clone()).date());
    }
    if let Ok(date) = parsed.to_date() {
        return civil_date(date);
    }
    let year = u16::try_from(parsed.year()?).ok()?;
    match parsed.month() {
        Some(m) => Some(Date {
            year,
            month: Some(u8::try_from(m).ok()?),
            day: None,
        }),
        None => Some(Date {
            year,
            month: None,
            day: None,
        }),
    }
}

fn civil_date(d: civil::Date) -> Option<Date> {
    Date::ymd(
        u16::try_from(d.year()).ok()?,
        u8::try_from(d.month()).ok()?,
        u8::try_from(d.day()).ok()?,
    )
}

/// `August 3, 2022`, `Aug. 3, 2022`, `3 August 2022`, with an optional
/// leading weekday (`Wednesday, August 3, 2022`).
fn words(s: &str) -> Option<Date> {
    // A missing space between month and day (`June11, 2018`, seen on
    // fmprc.gov.cn) splits where letters turn into digits.
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .flat_map(split_letters_digits)
        .collect();
    let tokens = match tokens.as_slice() {
        [first, rest @ ..] if rest.len() == 3 && weekday(first) => rest,
        all => all,
    };
    let [a, b, c] = tokens else { return None };
    let year: u16 = digits(c, 4)?;
    let (month, day) = match (month_name(a), month_name(b)) {
        (Some(m), None) => (m, day_number(b)?),
        (None, Some(m)) => (m, day_number(a)?),
        _ => return None,
    };
    Date::ymd(year, month, day)
}

/// `June11` → `June`, `11`; any other token as it is.
fn split_letters_digits(t: &str) -> Vec<&str> {
    let at = t.find(|c: char| c.is_ascii_digit());
    match at {
        Some(i) if i >= 3 && t[..i].chars().all(|c| c.is_alphabetic() || c == '.') => {
            vec![&t[..i], &t[i..]]
        }
        _ => vec![t],
    }
}

fn weekday(t: &str) -> bool {
    let t = t.trim_end_matches('.').to_ascii_lowercase();
    let days = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    t.len() >= 3 && days.iter().any(|d| d.starts_with(&t))
}

/// A full month name or an abbreviation of at least three letters (`Sept.`).
fn month_name(t: &str) -> Option<u8> {
    let t = t.trim_end_matches('.').to_ascii_lowercase();
    if t.len() < 3 {
        return None;
    }
    let i = crate::text::MONTHS
        .iter()
        .position(|m| m.get(..t.len()).is_some_and(|p| p.eq_ignore_ascii_case(&t)))?;
    u8::try_from(i + 1).ok()
}

/// `3`, `03` or `3rd`.
fn day_number(t: &str) -> Option<u8> {
    let t = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| t.strip_suffix(suffix))
        .unwrap_or(t);
    if t.is_empty() || t.len() > 2 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// Exactly `n` ASCII digits.
fn digits<T: std::str::FromStr>(t: &str, n: usize) -> Option<T> {
    (t.len() == n && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// `2022/08/03` or `2022/8/3`.
fn slashed(s: &str) -> Option<Date> {
    let mut parts = s.split('/');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    Date::ymd(digits(y, 4)?, day_number(m)?, day_number(d)?)
}

/// `2022年8月3日`, `2022年8月` or `2022年`.
fn cjk(s: &str) -> Option<Date> {
    let (y, rest) = s.split_once('年')?;
    let year: u16 = digits(y.trim(), 4)?;
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(Date {
            year,
            month: None,
            day: None,
        });
    }
    let (m, rest) = rest.split_once('月')?;
    let month = day_number(m.trim()).filter(|m| (1..=12).contains(m))?;
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(Date {
            year,
            month: Some(month),
            day: None,
        });
    }
    let d = rest.strip_suffix('日')?;
    Date::ymd(year, month, day_number(d.trim())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ny() -> DateRules {
        DateRules::new("America/New_York", None).unwrap()
    }

    fn parse(raw: &str) -> String {
        parse_published(raw, &ny()).unwrap().to_string()
    }

    #[test]
    fn rfc2822_evening_release_falls_on_the_previous_new_york_day() {
        assert_eq!(parse("Wed, 03 Aug 2022 01:30:00 +0000"), "2022-08-02");
        assert_eq!(parse("Wed, 03 Aug 2022 14:00:00 +0000"), "2022-08-03");
        assert_eq!(parse("Wed, 03 Aug 2022 01:30:00 GMT"), "2022-08-02");
        let utc = DateRules::new("UTC", None).unwrap();
        let d = parse_published("Wed, 03 Aug 2022 01:30:00 +0000", &utc).unwrap();
        assert_eq!(d.to_string(), "2022-08-03");
    }

    #[test]
    fn rfc3339_is_converted_into_the_zone() {
        assert_eq!(parse("2022-08-03T01:30:00Z"), "2022-08-02");
        assert_eq!(parse("2022-08-03T01:30:00+00:00"), "2022-08-02");
        assert_eq!(parse("2022-08-03T21:30:00-04:00"), "2022-08-03");
        let shanghai = DateRules::new("Asia/Shanghai", None).unwrap();
        let d = parse_published("2022-08-03T20:00:00Z", &shanghai).unwrap();
        assert_eq!(d.to_string(), "2022-08-04");
    }

    #[test]
    fn iso_without_offset_is_already_local() {
        assert_eq!(parse("2022-08-03T23:30:00"), "2022-08-03");
        assert_eq!(parse("2022-08-03 23:30"), "2022-08-03");
    }

    #[test]
    fn plain_iso_keeps_its_precision() {
        assert_eq!(parse("2022-08-03"), "2022-08-03");
        assert_eq!(parse("2022-08"), "2022-08");
        assert_eq!(parse("1946"), "1946");
        assert_eq!(parse("  2022-08-03 "), "2022-08-03");
    }

    #[test]
    fn english_month_names() {
        assert_eq!(parse("August 3, 2022"), "2022-08-03");
        assert_eq!(parse("Aug. 3, 2022"), "2022-08-03");
        assert_eq!(parse("Sept. 30, 2021"), "2021-09-30");
        assert_eq!(parse("3 August 2022"), "2022-08-03");
        assert_eq!(parse("03 Aug 2022"), "2022-08-03");
        assert_eq!(parse("Wednesday, August 3, 2022"), "2022-08-03");
        assert_eq!(parse("August 3rd, 2022"), "2022-08-03");
        assert_eq!(parse("June11, 2018"), "2018-06-11");
    }

    #[test]
    fn slashes_and_chinese() {
        assert_eq!(parse("2022/08/03"), "2022-08-03");
        assert_eq!(parse("2022/8/3"), "2022-08-03");
        assert_eq!(parse("2022年8月3日"), "2022-08-03");
        assert_eq!(parse("2022年08月03日"), "2022-08-03");
        assert_eq!(parse("2022年8月"), "2022-08");
    }

    #[test]
    fn a_user_format_is_tried_first() {
        let rules = DateRules::new("America/New_York", Some("%d.%m.%Y".into())).unwrap();
        assert_eq!(
            parse_published("03.08.2022", &rules).unwrap().to_string(),
            "2022-08-03"
        );
        // the built-in forms still work beside it
        assert_eq!(
            parse_published("2022-08-03", &rules).unwrap().to_string(),
            "2022-08-03"
        );
        let zoned = DateRules::new("America/New_York", Some("%d/%m/%Y %H:%M %z".into())).unwrap();
        let d = parse_published("03/08/2022 01:30 +0000", &zoned).unwrap();
        assert_eq!(d.to_string(), "2022-08-02");
        let err = parse_published("3rd of Aug", &rules).unwrap_err();
        assert!(err.contains("--date-format `%d.%m.%Y`"), "{err}");
    }

    #[test]
    fn bad_dates_say_what_is_accepted() {
        for bad in [
            "",
            "yesterday",
            "2022-02-30",
            "February 30, 2022",
            "2022/13/01",
            "2022年13月1日",
            "Foo 3, 2022",
            "3 4 2022",
        ] {
            let err = parse_published(bad, &ny()).unwrap_err();
            assert!(
                err.contains("RFC 2822") && err.contains("YYYY-MM-DD"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn unknown_time_zone_is_refused_by_name() {
        let err = DateRules::new("America/Nowhere", None).unwrap_err();
        assert!(
            err.contains("America/Nowhere") && err.contains("IANA"),
            "{err}"
        );
    }
}
