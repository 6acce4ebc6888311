//! Field mapping for the generic importers (`import jsonl`, `import csv`): an
//! archive of official releases names its columns its own way (`publish_time`,
//! `content`, `source_url`), so the user says which source field fills which
//! corpus field (`--map date=publish_time,text=content`) and may fix a value
//! for every row (`--set side=USA,issuer=State Department`). Each row becomes
//! one statement; rows that cannot are reported with their line and skipped,
//! or, with `--strict`, refuse the whole import. Ids come from the row (its
//! URL, else its date, title and text), never from the input file's name.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::dates::{parse_published, DateRules};
use super::output::short_hash;
use super::{write_import, Error, Line, Options, Report, Skipped};
use crate::corpus::Side;

/// Corpus fields a mapping may fill.
pub const TARGETS: &[&str] = &[
    "event",
    "date",
    "kind",
    "event_title",
    "side",
    "issuer",
    "title",
    "language",
    "url",
    "coverage",
    "notes",
    "text",
];

/// Why a mapping given on the command line is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    #[error("`{0}` is not FIELD=SOURCE; write e.g. date=publish_time")]
    Malformed(String),
    #[error("`{0}` is not a corpus field; map one of {list}", list = TARGETS.join(", "))]
    UnknownTarget(String),
    #[error("nothing gives the {0}: add --map {0}=SOURCE_FIELD or --set {0}=VALUE")]
    Missing(&'static str),
}

/// Which source field (or fixed value) fills each corpus field, and how dates read.
#[derive(Debug, Clone)]
pub struct Mapping {
    fields: BTreeMap<String, String>,
    fixed: BTreeMap<String, String>,
    dates: DateRules,
}

/// The publisher's time zone when none is given.
pub const DEFAULT_TZ: &str = "America/New_York";

impl Mapping {
    /// From `--map` pairs (`date=publish_time`) and `--set` pairs (`side=USA`).
    /// Each argument may hold several pairs joined by commas; a comma starts a
    /// new pair only where a corpus field name and `=` follow it, so
    /// `issuer=Antony J. Blinken, Secretary of State` is one value.
    /// Dates are read in [`DEFAULT_TZ`] until [`Mapping::with_dates`].
    pub fn new(map: &[String], set: &[String]) -> Result<Mapping, MappingError> {
        let mut m = Mapping {
            fields: BTreeMap::new(),
            fixed: BTreeMap::new(),
            dates: DateRules::new(DEFAULT_TZ, None)
                .expect("the bundled zone database has New York"),
        };
        for (args, into) in [(map, &mut m.fields), (set, &mut m.fixed)] {
            for pair in args.iter().flat_map(|a| split_pairs(a)) {
                let pair = &pair;
                let (target, source) = pair
                    .split_once('=')
                    .ok_or_else(|| MappingError::Malformed(pair.to_string()))?;
                let target = target.trim();
                if !TARGETS.contains(&target) {
                    return Err(MappingError::UnknownTarget(target.to_string()));
                }
                into.insert(target.to_string(), source.trim().to_string());
            }
        }
        for needed in ["date", "text", "side", "issuer"] {
            if !m.fields.contains_key(needed) && !m.fixed.contains_key(needed) {
                return Err(MappingError::Missing(needed));
            }
        }
        Ok(m)
    }

    /// Reads dates with `rules` (the publisher's zone, `--date-format`).
    pub fn with_dates(mut self, rules: DateRules) -> Mapping {
        self.dates = rules;
        self
    }

    /// The value of corpus field `target` in `row`: mapped source field first, then fixed value.
    fn get<'r>(&'r self, row: &'r HashMap<String, String>, target: &str) -> Option<&'r str> {
        self.fields
            .get(target)
            .and_then(|source| row.get(source))
            .or_else(|| self.fixed.get(target))
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }
}

/// `date=a,text=b` → [`date=a`, `text=b`]; a comma followed by anything but
/// `FIELD=` (FIELD a corpus field) stays inside the value.
fn split_pairs(arg: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in arg.match_indices(',') {
        let rest = arg[i + 1..].trim_start();
        let starts_pair = rest
            .split_once('=')
            .is_some_and(|(field, _)| TARGETS.contains(&field.trim()));
        if starts_pair {
            out.push(&arg[start..i]);
            start = i + 1;
        }
    }
    out.push(&arg[start..]);
    out
}

/// One source row: its line number and its fields as strings.
pub struct Row {
    pub line: usize,
    pub fields: HashMap<String, String>,
}

/// A statement made from a row, owning its strings (borrowed into a `Line` to write).
#[derive(Debug, Clone, PartialEq)]
struct Owned {
    event: String,
    date: String,
    kind: String,
    event_title: String,
    side: String,
    issuer: String,
    title: String,
    language: String,
    coverage: String,
    url: Option<String>,
    notes: Option<String>,
    text: String,
}

/// Turns rows into statements and writes them to the source's own file under
/// `<into>/import/` ([`write_import`]). Unusable rows land in the report's
/// `skipped` (or refuse the import when `strict`); when no row is usable
/// nothing is written and the error carries every skipped row.
pub fn import_rows(
    source: &Path,
    rows: Vec<Result<Row, Skipped>>,
    mapping: &Mapping,
    into: &Path,
    options: Options,
) -> Result<Report, Error> {
    let mut report = Report::default();
    let mut made: Vec<(usize, Owned)> = Vec::new();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for row in rows {
        let result = row.and_then(|row| {
            let skip = |reason| Skipped {
                path: source.to_path_buf(),
                line: row.line,
                reason,
            };
            let owned = statement(&row, mapping).map_err(skip)?;
            let key = (owned.event.clone(), owned.side.clone());
            if let Some(&at) = seen.get(&key) {
                return Err(skip(collision(&made[at], &owned)));
            }
            seen.insert(key, made.len());
            Ok((row.line, owned))
        });
        match result {
            Ok(done) => made.push(done),
            Err(skip) if options.strict => {
                return Err(Error::NotASource {
                    path: skip.path,
                    what: "a clean import (--strict)",
                    why: format!("line {}: {}", skip.line, skip.reason),
                })
            }
            Err(skip) => report.skipped.push(skip),
        }
    }
    if made.is_empty() {
        return Err(Error::Nothing {
            path: source.to_path_buf(),
            skipped: report.skipped,
        });
    }
    let mut made: Vec<Owned> = made.into_iter().map(|(_, o)| o).collect();
    made.sort_by(|a, b| (&a.date, &a.event, &a.side).cmp(&(&b.date, &b.event, &b.side)));
    let lines: Vec<Line<'_>> = made.iter().map(line).collect();
    let path = write_import(into, source, &lines, options.force)?;
    report.statements = lines.len();
    let mut events: Vec<&str> = made.iter().map(|o| o.event.as_str()).collect();
    events.sort_unstable();
    events.dedup();
    report.events = events.len();
    report.files_written.push(path);
    Ok(report)
}

/// Why a row with the event and side of an earlier one is not imported:
/// a plain duplicate, or a conflict naming what differs.
fn collision((first_line, first): &(usize, Owned), new: &Owned) -> String {
    let what = format!("event `{}` and side {}", new.event, new.side);
    if first.date != new.date {
        format!(
            "conflict with line {first_line}: same {what} but date {} there and {} here",
            first.date, new.date
        )
    } else if first.text != new.text {
        format!("conflict with line {first_line}: same {what} and date but a different text")
    } else {
        format!("duplicate of line {first_line} (same {what}, date and text)")
    }
}

fn statement(row: &Row, m: &Mapping) -> Result<Owned, String> {
    let get = |t: &str| m.get(&row.fields, t).map(str::to_string);
    let need = |t: &str| {
        get(t).ok_or_else(|| match m.fields.get(t) {
            Some(src) => format!("no value for {t} (source field `{src}` is missing or empty)"),
            None => format!("no value for {t}"),
        })
    };
    let raw_date = need("date")?;
    let date = parse_published(&raw_date, &m.dates).map_err(|e| format!("date: {e}"))?;
    let side = Side::parse(&need("side")?).map_err(|e| e.to_string())?;
    let text = need("text")?;
    let title = get("title").unwrap_or_default();
    let url = get("url");
    if let Some(u) = &url {
        let lower = u.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return Err(format!("url `{u}` does not start with http:// or https://"));
        }
    }
    let date = date.to_string();
    let event = match get("event") {
        Some(e) => event_id_of(&e),
        None => derived_event_id(url.as_deref(), &date, &title, &text),
    };
    let coverage = get("coverage").unwrap_or_else(|| "full".into());
    if coverage != "full" && coverage != "excerpt" {
        return Err(format!("coverage `{coverage}` is neither full nor excerpt"));
    }
    Ok(Owned {
        event_title: get("event_title").unwrap_or_else(|| {
            if title.is_empty() {
                format!("Release of {date}")
            } else {
                title.clone()
            }
        }),
        event,
        date,
        kind: get("kind").unwrap_or_else(|| "statement".into()),
        side: side.as_str().to_string(),
        issuer: need("issuer")?,
        title,
        language: get("language").unwrap_or_else(|| "en".into()),
        coverage,
        url,
        notes: get("notes"),
        text,
    })
}

/// Longest slug kept in a derived id.
const ID_SLUG: usize = 48;

/// A mapped event value as an id: kept when it already is one, else its slug
/// and a hash of the value (so values that differ only in letters a slug
/// drops, such as Chinese titles, stay apart).
fn event_id_of(value: &str) -> String {
    let s = slug(value);
    if s == value {
        s
    } else {
        format!("{}-{}", cut(&s), short_hash(value))
    }
}

/// An id from the release itself: the URL's last path part and a hash of the
/// URL when there is one, else the date, a title slug and a hash of the text.
pub fn derived_event_id(url: Option<&str>, date: &str, title: &str, text: &str) -> String {
    match url {
        Some(u) => {
            let path = u
                .split(['?', '#'])
                .next()
                .unwrap_or(u)
                .trim_end_matches('/');
            let last = path.rsplit('/').next().unwrap_or(path);
            let last = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
            format!("{}-{}", cut(&slug(last)), short_hash(u))
        }
        None => format!("{date}-{}-{}", cut(&slug(title)), short_hash(text)),
    }
}

/// At most [`ID_SLUG`] bytes of an ASCII slug, without a trailing `-`.
fn cut(s: &str) -> &str {
    s[..s.len().min(ID_SLUG)].trim_end_matches(['-', '.', '_'])
}

fn line(o: &Owned) -> Line<'_> {
    Line {
        event: &o.event,
        date: o.date.clone(),
        kind: &o.kind,
        event_title: &o.event_title,
        side: o.side.clone(),
        issuer: &o.issuer,
        title: o.title.clone(),
        language: &o.language,
        coverage: &o.coverage,
        url: o.url.as_deref(),
        notes: o.notes.clone(),
        text: &o.text,
        turns: &[],
    }
}

/// Lower-case letters, digits and single hyphens: a valid event id part.
pub fn slug(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() || (!out.is_empty() && (c == '.' || c == '_')) {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "release".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(m: &[&str], s: &[&str]) -> Result<Mapping, MappingError> {
        let owned = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        Mapping::new(&owned(m), &owned(s))
    }

    #[test]
    fn mappings_are_checked_up_front() {
        assert!(map(&["date=t", "text=c", "side=s"], &["issuer=State"]).is_ok());
        let err = |m: &[&str], s: &[&str]| map(m, s).unwrap_err();
        assert_eq!(
            err(&["date=t", "text=c"], &["issuer=x"]),
            MappingError::Missing("side")
        );
        assert_eq!(
            err(&["dat=t"], &[]),
            MappingError::UnknownTarget("dat".into())
        );
        assert_eq!(err(&["date"], &[]), MappingError::Malformed("date".into()));
    }

    #[test]
    fn commas_split_pairs_only_before_a_field_name() {
        let m = map(
            &["date=d,text=body, title=t"],
            &[
                "issuer=Antony J. Blinken, Secretary of State,side=USA",
                "notes=a=b, c",
            ],
        )
        .unwrap();
        assert_eq!(m.fields["text"], "body");
        assert_eq!(m.fields["title"], "t");
        assert_eq!(m.fixed["issuer"], "Antony J. Blinken, Secretary of State");
        assert_eq!(m.fixed["side"], "USA");
        assert_eq!(m.fixed["notes"], "a=b, c");
    }

    #[test]
    fn ids_come_from_the_release_not_the_file() {
        let by_url = derived_event_id(
            Some("https://www.state.gov/secretary-call-with-wang/"),
            "2022-08-03",
            "x",
            "y",
        );
        assert!(by_url.starts_with("secretary-call-with-wang-"), "{by_url}");
        assert_eq!(
            by_url,
            derived_event_id(
                Some("https://www.state.gov/secretary-call-with-wang/"),
                "2021",
                "z",
                "w"
            )
        );
        let page = derived_event_id(
            Some("https://www.fmprc.gov.cn/eng/t1234.shtml"),
            "2020",
            "",
            "",
        );
        assert!(page.starts_with("t1234-"), "{page}");
        let plain = derived_event_id(None, "2022-08-03", "Secretary's Call", "text");
        assert!(plain.starts_with("2022-08-03-secretary-s-call-"), "{plain}");
        assert_ne!(
            plain,
            derived_event_id(None, "2022-08-03", "Secretary's Call", "other text")
        );
        assert!(derived_event_id(None, "2022", "外交部", "t").starts_with("2022-release-"));
        assert_eq!(event_id_of("2022-08-03-call"), "2022-08-03-call");
        assert_ne!(event_id_of("外交部声明"), event_id_of("外交部答问"));
        assert!(event_id_of(&"Long title ".repeat(40)).len() < 60);
        assert_eq!(slug("_State Dept (2020)"), "state-dept-2020");
    }
}
