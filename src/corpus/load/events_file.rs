//! Events files (`*.events.toml`): events assembled from statements that were
//! imported one-sided, by id, as `readouts pair --apply` writes them. They let
//! a scholar pair two archives without rewriting either import: after every
//! other file is read, each `[[event]]` here takes its statements out of their
//! own events. Problems (unknown ids, a statement claimed twice, sides or
//! languages that do not match) are diagnostics at the line that says so.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use super::record::Checker;
use crate::corpus::diagnostic::{Diagnostic, LineIndex};
use crate::corpus::model::{Event, Origin};
use crate::corpus::{Date, Side};

/// The name ending that marks an events file.
pub const SUFFIX: &str = ".events.toml";

const KEYS: &[&str] = &[
    "id",
    "date",
    "kind",
    "title",
    "sides",
    "languages",
    "statements",
    "notes",
];

/// Whether `path` is an events file rather than an event.
pub fn is_events_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(SUFFIX))
}

/// A `[[event]]` entry, with the line of every part a message may point at.
#[derive(Debug, Clone)]
pub struct Grouping {
    pub id: String,
    pub date: Date,
    pub kind: String,
    pub title: String,
    pub notes: Option<String>,
    pub sides: Vec<Side>,
    pub languages: Vec<String>,
    pub statements: Vec<(String, usize)>,
    pub path: PathBuf,
    pub line: usize,
}

/// Reads one events file.
pub fn read(path: &Path, text: &str, checker: &mut Checker<'_>) -> Vec<Grouping> {
    let lines = LineIndex::new(text);
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in errors {
            let (line, col) = e.span().map_or((1, 1), |s| lines.locate(s.start));
            let msg = e.message().trim().replace('\n', " ");
            checker.error_at(line, col, format!("TOML syntax error: {msg}"));
        }
        return Vec::new();
    }
    let doc = doc.into_inner();
    let Some(DeValue::Array(items)) = doc.get("event").map(|v| v.get_ref()) else {
        checker.error_at(
            1,
            1,
            "an events file holds [[event]] tables and nothing else",
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items.iter() {
        let (line, col) = lines.locate(item.span().start);
        match item.get_ref() {
            DeValue::Table(t) => out.extend(grouping(path, t, line, &lines, checker)),
            _ => checker.error_at(line, col, "each entry of `event` must be a table"),
        }
    }
    out
}

fn grouping(
    path: &Path,
    table: &DeTable<'_>,
    line: usize,
    lines: &LineIndex<'_>,
    checker: &mut Checker<'_>,
) -> Option<Grouping> {
    for (key, _) in table.iter() {
        if !KEYS.contains(&key.get_ref().as_ref()) {
            let (l, c) = lines.locate(key.span().start);
            checker.error_at(
                l,
                c,
                format!(
                    "unknown field `{}` in an event; allowed fields are {}",
                    key.get_ref(),
                    KEYS.join(", ")
                ),
            );
        }
    }
    let text = |key: &str, checker: &mut Checker<'_>| match table.get(key).map(|v| v.get_ref()) {
        Some(DeValue::String(s)) if !s.trim().is_empty() => Some(s.to_string()),
        _ => {
            checker.error_at(line, 1, format!("the event needs a string field `{key}`"));
            None
        }
    };
    let id = text("id", checker);
    let kind = text("kind", checker);
    let title = text("title", checker);
    let date = text("date", checker).and_then(|d| match d.parse::<Date>() {
        Ok(date) => Some(date),
        Err(e) => {
            checker.error_at(line, 1, format!("bad `date`: {e}"));
            None
        }
    });
    let notes = match table.get("notes").map(|v| v.get_ref()) {
        Some(DeValue::String(s)) => Some(s.to_string()),
        _ => None,
    };
    let sides = strings(table, "sides", lines, checker)
        .into_iter()
        .filter_map(|(s, l)| match Side::parse(&s) {
            Ok(side) => Some(side),
            Err(e) => {
                checker.error_at(l, 1, e.to_string());
                None
            }
        })
        .collect();
    let languages = strings(table, "languages", lines, checker)
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    let statements = strings(table, "statements", lines, checker);
    if statements.len() < 2 {
        checker.error_at(
            line,
            1,
            "an event of an events file names at least two statements",
        );
        return None;
    }
    Some(Grouping {
        id: id?,
        date: date?,
        kind: kind?,
        title: title?,
        notes,
        sides,
        languages,
        statements,
        path: path.to_path_buf(),
        line,
    })
}

/// A list of strings, each with its line.
fn strings(
    table: &DeTable<'_>,
    key: &str,
    lines: &LineIndex<'_>,
    checker: &mut Checker<'_>,
) -> Vec<(String, usize)> {
    let Some(value) = table.get(key) else {
        return Vec::new();
    };
    let DeValue::Array(items) = value.get_ref() else {
        let (l, c) = lines.locate(value.span().start);
        checker.error_at(l, c, format!("field `{key}` must be a list of strings"));
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items.iter() {
        let (l, c) = lines.locate(item.span().start);
        match item.get_ref() {
            DeValue::String(s) => out.push((s.to_string(), l)),
            _ => checker.error_at(l, c, format!("each entry of `{key}` must be a string")),
        }
    }
    out
}

/// Moves the statements each grouping names into a new event. A grouping
/// with any problem is reported and left out whole; events emptied by the
/// move are dropped (their statements live on in the new event).
pub fn apply(groupings: Vec<Grouping>, events: &mut Vec<Event>, diagnostics: &mut Vec<Diagnostic>) {
    let mut taken: HashMap<String, (String, PathBuf, usize)> = HashMap::new();
    let mut new_events = Vec::new();
    let mut emptied = BTreeSet::new();
    for g in groupings {
        let problems = problems(&g, events, &taken);
        if !problems.is_empty() {
            diagnostics.extend(
                problems
                    .into_iter()
                    .map(|(line, msg)| Diagnostic::error(&g.path, line, 1, msg)),
            );
            continue;
        }
        for (id, _) in &g.statements {
            taken.insert(id.clone(), (g.id.clone(), g.path.clone(), g.line));
        }
        new_events.push(assemble(g, events, &mut emptied));
    }
    events.retain(|e| !(e.statements.is_empty() && emptied.contains(&e.id)));
    events.append(&mut new_events);
    events.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
}

type Taken = HashMap<String, (String, PathBuf, usize)>;

fn problems(g: &Grouping, events: &[Event], taken: &Taken) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    if events.iter().any(|e| e.id == g.id) {
        out.push((
            g.line,
            format!("event id `{}` is already used in the corpus", g.id),
        ));
    }
    let mut seen_sides = BTreeSet::new();
    let mut seen_languages = BTreeSet::new();
    for (i, (id, line)) in g.statements.iter().enumerate() {
        if g.statements[..i].iter().any(|(other, _)| other == id) {
            out.push((*line, format!("statement `{id}` is listed twice")));
            continue;
        }
        if let Some((event, path, at)) = taken.get(id) {
            out.push((*line, format!("statement `{id}` is already in event `{event}` ({}:{at}); a statement belongs to one event", path.display())));
            continue;
        }
        let Some(s) = events
            .iter()
            .flat_map(|e| &e.statements)
            .find(|s| &s.id == id)
        else {
            out.push((*line, format!("unknown statement id `{id}`")));
            continue;
        };
        seen_sides.insert(s.side.clone());
        seen_languages.insert(s.language.clone());
        if !g.sides.is_empty() && !g.sides.contains(&s.side) {
            out.push((
                *line,
                format!(
                    "statement `{id}` is from {}, not one of the event's sides ({})",
                    s.side,
                    join(&g.sides)
                ),
            ));
        }
        if !g.languages.is_empty() && !g.languages.contains(&s.language) {
            out.push((
                *line,
                format!(
                    "statement `{id}` is in `{}`, not one of the event's languages ({})",
                    s.language,
                    g.languages.join(", ")
                ),
            ));
        }
    }
    if out.is_empty() {
        for side in g.sides.iter().filter(|s| !seen_sides.contains(*s)) {
            out.push((
                g.line,
                format!("the event lists side {side} but none of its statements is from {side}"),
            ));
        }
        for lang in g.languages.iter().filter(|l| !seen_languages.contains(*l)) {
            out.push((
                g.line,
                format!("the event lists language `{lang}` but none of its statements is in it"),
            ));
        }
    }
    out
}

fn join(sides: &[Side]) -> String {
    sides
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn assemble(g: Grouping, events: &mut [Event], emptied: &mut BTreeSet<String>) -> Event {
    let mut statements = Vec::new();
    for (id, _) in &g.statements {
        for e in events.iter_mut() {
            if let Some(at) = e.statements.iter().position(|s| &s.id == id) {
                let mut s = e.statements.remove(at);
                emptied.insert(e.id.clone());
                s.event_id = g.id.clone();
                statements.push(s);
                break;
            }
        }
    }
    Event {
        id: g.id,
        date: g.date,
        kind: g.kind,
        title: g.title,
        participants: Vec::new(),
        notes: g.notes,
        statements,
        origin: Origin {
            path: g.path,
            line: g.line,
        },
    }
}
