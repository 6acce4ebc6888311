//! Field mapping for the generic importers (`import jsonl`, `import csv`): an
//! archive of official releases names its columns its own way (`publish_time`,
//! `content`, `source_url`), so the user says which source field fills which
//! corpus field (`--map date=publish_time,text=content`) and may fix a value
//! for every row (`--set side=USA,issuer=State Department`). Each row becomes
//! one statement; rows that cannot are reported with their line and skipped,
//! or, with `--strict`, refuse the whole import.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::{write_jsonl, Error, Line, Report, Skipped};
use crate::corpus::{Date, Side};

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

/// Which source field (or fixed value) fills each corpus field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    fields: BTreeMap<String, String>,
    fixed: BTreeMap<String, String>,
}

impl Mapping {
    /// From `--map` pairs (`date=publish_time`) and `--set` pairs (`side=USA`).
    pub fn new(map: &[String], set: &[String]) -> Result<Mapping, MappingError> {
        let mut m = Mapping::default();
        for (pairs, into) in [(map, &mut m.fields), (set, &mut m.fixed)] {
            for pair in pairs {
                let (target, source) = pair
                    .split_once('=')
                    .ok_or_else(|| MappingError::Malformed(pair.clone()))?;
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

/// Turns rows into statements and writes them to `<into>/import/<name>.jsonl`.
/// Rows that are unusable land in the report's `skipped`, or refuse the
/// import when `strict`; a re-run rewrites the same file.
pub fn import_rows(
    source: &Path,
    rows: Vec<Result<Row, Skipped>>,
    mapping: &Mapping,
    into: &Path,
    strict: bool,
) -> Result<Report, Error> {
    let name = slug(
        &source
            .file_stem()
            .map_or_else(|| "import".into(), |s| s.to_string_lossy()),
    );
    let mut report = Report::default();
    let mut made: Vec<Owned> = Vec::new();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for row in rows {
        let result = row.and_then(|row| {
            let owned = statement(&name, &row, mapping).map_err(|reason| Skipped {
                path: source.to_path_buf(),
                line: row.line,
                reason,
            })?;
            let key = (owned.event.clone(), owned.side.clone());
            if let Some(first) = seen.get(&key) {
                return Err(Skipped {
                    path: source.to_path_buf(),
                    line: row.line,
                    reason: format!(
                        "the same event and side as line {first} (event `{}`, side {})",
                        key.0, key.1
                    ),
                });
            }
            seen.insert(key, row.line);
            Ok(owned)
        });
        match result {
            Ok(owned) => made.push(owned),
            Err(skip) if strict => {
                return Err(Error::NotASource {
                    path: skip.path,
                    what: "a clean import (--strict)",
                    why: format!("line {}: {}", skip.line, skip.reason),
                })
            }
            Err(skip) => report.skipped.push(skip),
        }
    }
    made.sort_by(|a, b| (&a.date, &a.event, &a.side).cmp(&(&b.date, &b.event, &b.side)));
    let lines: Vec<Line<'_>> = made.iter().map(line).collect();
    let path: PathBuf = into.join("import").join(format!("{name}.jsonl"));
    write_jsonl(&path, &lines)?;
    report.statements = lines.len();
    let mut events: Vec<&str> = made.iter().map(|o| o.event.as_str()).collect();
    events.dedup();
    events.sort_unstable();
    events.dedup();
    report.events = events.len();
    report.files_written.push(path);
    Ok(report)
}

fn statement(name: &str, row: &Row, m: &Mapping) -> Result<Owned, String> {
    let get = |t: &str| m.get(&row.fields, t).map(str::to_string);
    let need = |t: &str| {
        get(t).ok_or_else(|| match m.fields.get(t) {
            Some(src) => format!("no value for {t} (source field `{src}` is missing or empty)"),
            None => format!("no value for {t}"),
        })
    };
    let raw_date = need("date")?;
    let date = parse_date(&raw_date).ok_or_else(|| {
        format!("date `{raw_date}` is not YYYY, YYYY-MM or YYYY-MM-DD (a time after it is ignored)")
    })?;
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
    let event = match get("event") {
        Some(e) => slug(&e),
        None => {
            let basis = url.clone().unwrap_or_else(|| format!("{title}\n{text}"));
            format!("{name}-{date}-{:08x}", stable_hash(&basis) as u32)
        }
    };
    let coverage = get("coverage").unwrap_or_else(|| "full".into());
    if coverage != "full" && coverage != "excerpt" {
        return Err(format!("coverage `{coverage}` is neither full nor excerpt"));
    }
    Ok(Owned {
        event_title: get("event_title").unwrap_or_else(|| {
            if title.is_empty() {
                format!("{name} release of {date}")
            } else {
                title.clone()
            }
        }),
        event,
        date: date.to_string(),
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

/// FNV-1a: the same id for the same release on every run, so re-imports do not duplicate.
fn stable_hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A date from the start of a timestamp: `2020-08-25T10:00:00Z` gives 2020-08-25.
fn parse_date(raw: &str) -> Option<Date> {
    let head = raw.split(['T', ' ']).next().unwrap_or(raw);
    head.parse().ok()
}

/// Lower-case letters, digits and single hyphens: a valid event id part.
pub fn slug(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "import".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mappings_are_checked_up_front() {
        let map = |m: &[&str], s: &[&str]| {
            Mapping::new(
                &m.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
                &s.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
            )
        };
        assert!(map(&["date=t", "text=c", "side=s"], &["issuer=State"]).is_ok());
        assert_eq!(
            map(&["date=t", "text=c"], &["issuer=x"]),
            Err(MappingError::Missing("side"))
        );
        assert_eq!(
            map(&["dat=t"], &[]),
            Err(MappingError::UnknownTarget("dat".into()))
        );
        assert_eq!(
            map(&["date"], &[]),
            Err(MappingError::Malformed("date".into()))
        );
    }

    #[test]
    fn timestamps_give_dates_and_names_give_ids() {
        assert_eq!(
            parse_date("2020-08-25T10:00:00Z").unwrap().to_string(),
            "2020-08-25"
        );
        assert_eq!(
            parse_date("2020-08-25 10:00").unwrap().to_string(),
            "2020-08-25"
        );
        assert!(parse_date("25/08/2020").is_none());
        assert_eq!(
            slug("State Dept Releases (2020)"),
            "state-dept-releases-2020"
        );
    }
}
