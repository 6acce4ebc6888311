//! The one selection language of the command line: which statements a
//! command works on, written as metadata conditions, a full-text query, or
//! both. Every analysis command takes it as `--select`; keyness also takes it
//! for its groups (`--a`, `--b`, `--prior`). This module only reads what was
//! written; the query part is answered by the index (`crate::index::select`),
//! the conditions by [`Filter`].
//!
//! - comma-separated `key=value` conditions, all of which must hold:
//!   `side=CHN,from=1990,to=1999`. Keys are `side`, `issuer`, `kind`, `from`
//!   and `to`; repeating `side`, `issuer` or `kind` accepts any of the values
//!   (`side=CHN,side=RUS`);
//! - `query=TEXT` as the last condition: a full-text query (tantivy syntax,
//!   as in `search`) that takes the rest of the selection, commas included:
//!   `side=CHN,query=hegemonism OR "power politics"`;
//! - anything that does not begin with a word and `=` is a full-text query
//!   on its own: `hegemonism OR hegemony` (a misspelt key, `colour=red`, is
//!   refused rather than searched for);
//! - except a query made only of metadata terms, `side:USA` or
//!   `side:USA issuer:"State Department"` (each field once, all of which must
//!   hold): it is the same question as `side=USA` and becomes the same
//!   conditions, so it never goes through the full-text index and gives the
//!   same answer at the same cost ([`metadata_query`]).

use super::{Date, Filter, Side};

/// Why a selection could not be read or used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    #[error("selection `{spec}`: {why}")]
    Spec { spec: String, why: String },
    #[error("selection `{0}`: its full-text query was not answered by the index")]
    Unanswered(String),
}

/// A selection as written: metadata conditions and, optionally, a full-text
/// query still to be answered by the index.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selection {
    pub filter: Filter,
    pub query: Option<String>,
    /// A metadata-only query as the user wrote it (for its label), when it
    /// was turned into conditions.
    pub written: Option<String>,
}

impl Selection {
    /// The metadata filter, once a query has been answered into `filter.ids`.
    pub fn answered(&self) -> Result<&Filter, SelectionError> {
        match (&self.query, &self.filter.ids) {
            (Some(_), None) => Err(SelectionError::Unanswered(self.label())),
            _ => Ok(&self.filter),
        }
    }

    /// The selection written back, for labels: conditions, then `query=…`
    /// (or the bare query when there are no conditions).
    pub fn label(&self) -> String {
        if let Some(written) = &self.written {
            return written.clone();
        }
        let conditions = describe(&self.filter);
        match (&self.query, conditions.is_empty()) {
            (None, _) => conditions,
            (Some(q), true) => q.clone(),
            (Some(q), false) => format!("{conditions},query={q}"),
        }
    }
}

/// Whether `spec` is written as conditions: it begins with a word of ASCII
/// letters and `=` (a known key or a misspelt one, which is then refused).
fn is_conditions(spec: &str) -> bool {
    spec.split_once('=').is_some_and(|(key, _)| {
        let key = key.trim();
        !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphabetic())
    })
}

/// Reads a selection: `side=CHN,from=1990`, `side=CHN,query=hegemonism`, or
/// a bare full-text query such as `hegemonism OR hegemony`.
pub fn parse_selection(spec: &str) -> Result<Selection, SelectionError> {
    let spec = spec.trim();
    let fail = |why: String| SelectionError::Spec {
        spec: spec.to_string(),
        why,
    };
    if spec.is_empty() {
        return Err(fail(
            "empty; write conditions such as side=CHN,from=1990 or a full-text query".into(),
        ));
    }
    if !is_conditions(spec) {
        if let Some(filter) = metadata_query(spec) {
            return Ok(Selection {
                filter,
                query: None,
                written: Some(spec.to_string()),
            });
        }
        return Ok(Selection {
            filter: Filter::default(),
            query: Some(spec.to_string()),
            written: None,
        });
    }
    let mut selection = Selection::default();
    let mut rest = spec;
    while !rest.is_empty() {
        if let Some(q) = rest.trim_start().strip_prefix("query=") {
            let q = q.trim();
            if q.is_empty() {
                return Err(fail("`query=` needs a full-text query after it".into()));
            }
            selection.query = Some(q.to_string());
            break;
        }
        let (part, next) = rest.split_once(',').unwrap_or((rest, ""));
        rest = next;
        condition(&mut selection.filter, part.trim()).map_err(fail)?;
    }
    Ok(selection)
}

/// The conditions a query of metadata terms alone asks for: `side:CODE` and
/// `issuer:NAME` (or `issuer:"A NAME"`), each at most once, separated by
/// spaces or `AND`. The index matches these fields as whole values, case
/// ignored, as the conditions do. `None` for anything else (a word of text,
/// `OR`, a field twice, which the index would read as "both at once").
pub fn metadata_query(spec: &str) -> Option<Filter> {
    let mut filter = Filter::default();
    let mut rest = spec.trim();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("AND ") {
            rest = after.trim_start();
            continue;
        }
        let (key, after) = rest.split_once(':')?;
        let (value, next) = match after.strip_prefix('"') {
            Some(quoted) => {
                let (v, next) = quoted.split_once('"')?;
                (v, next)
            }
            None => after.split_once(char::is_whitespace).unwrap_or((after, "")),
        };
        if value.is_empty() || value.contains(['"', '(', ')', '*', '\\']) {
            return None;
        }
        match key {
            "side" if filter.sides.is_empty() => filter.sides.push(Side::parse(value).ok()?),
            "issuer" if filter.issuers.is_empty() => filter.issuers.push(value.to_string()),
            _ => return None,
        }
        if !next.is_empty() && !next.starts_with(char::is_whitespace) {
            return None;
        }
        rest = next.trim_start();
    }
    (!filter.is_empty()).then_some(filter)
}

/// Adds one `key=value` condition (empty parts are skipped).
fn condition(filter: &mut Filter, part: &str) -> Result<(), String> {
    if part.is_empty() {
        return Ok(());
    }
    let keys = "keys: side, issuer, kind, from, to, and query last";
    let (key, value) = part
        .split_once('=')
        .ok_or_else(|| format!("`{part}` is not key=value ({keys})"))?;
    let value = value.trim();
    match key.trim() {
        "side" => filter
            .sides
            .push(Side::parse(value).map_err(|e| e.to_string())?),
        "issuer" => filter.issuers.push(value.to_string()),
        "kind" => filter.kinds.push(value.to_string()),
        "from" => filter.from = Some(date(value)?),
        "to" => filter.to = Some(date(value)?),
        other => return Err(format!("unknown key `{other}` ({keys})")),
    }
    Ok(())
}

fn date(value: &str) -> Result<Date, String> {
    value.parse::<Date>().map_err(|e| e.to_string())
}

/// A selection written back as `key=value` conditions, for labels.
pub fn describe(filter: &Filter) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(filter.sides.iter().map(|s| format!("side={s}")));
    parts.extend(filter.issuers.iter().map(|s| format!("issuer={s}")));
    parts.extend(filter.kinds.iter().map(|s| format!("kind={s}")));
    parts.extend(filter.from.map(|d| format!("from={d}")));
    parts.extend(filter.to.map(|d| format!("to={d}")));
    parts.join(",")
}
