//! Machine-written statements: JSON Lines, one statement per line carrying its
//! event's fields (`event`, `date`, `kind`, `event_title`, ...). Large imports
//! use this form. A broken line is reported with its number and skipped; the
//! lines around it are still read.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::record::{
    Checker, EventHead, Field, Record, Scalar, Value, JSONL_EVENT_KEYS, STATEMENT_KEYS,
};
use crate::corpus::model::{Event, Statement};

/// Event-level keys of a JSON line, then the statement keys.
pub const EVENT_KEYS: &[&str] = &[
    "event",
    "date",
    "kind",
    "event_title",
    "participants",
    "event_notes",
];

/// Events grouped from the lines of one file, in order of first appearance.
pub fn read(text: &str, checker: &mut Checker<'_>) -> Vec<Event> {
    read_lines(
        text.lines().enumerate().map(|(n, line)| (n + 1, line)),
        checker,
    )
}

/// [`read`] over some lines of a file, each with its 1-based number: reading
/// a file's lines in order gives what reading the file gives, and a subset
/// gives the events of those lines alone (the partial loader, `partial.rs`).
pub fn read_lines<'t>(
    lines: impl Iterator<Item = (usize, &'t str)>,
    checker: &mut Checker<'_>,
) -> Vec<Event> {
    let allowed: Vec<&str> = EVENT_KEYS.iter().chain(STATEMENT_KEYS).copied().collect();
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<String, (EventHead, Vec<Statement>, usize)> = BTreeMap::new();
    for (lineno, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let Some(rec) = parse_line(line, lineno, checker) else {
            continue;
        };
        checker.unknown_keys(&rec, &allowed, "the statement");
        let Some(head) = checker.event_head(&rec, &JSONL_EVENT_KEYS) else {
            checker.statement(&rec, &EventHead::placeholder());
            continue;
        };
        if let Some((first, _, first_line)) = groups.get(&head.id) {
            if let Some(field) = disagreement(first, &head) {
                checker.error_at(lineno, 1, format!(
                    "`{field}` of event `{}` differs from line {first_line}; every line of one event must carry the same event fields",
                    head.id
                ));
                continue;
            }
        }
        let Some(statement) = checker.statement(&rec, &head) else {
            continue;
        };
        let entry = groups.entry(head.id.clone()).or_insert_with(|| {
            order.push(head.id.clone());
            (head, Vec::new(), lineno)
        });
        entry.1.push(statement);
    }
    order
        .into_iter()
        .filter_map(|id| groups.remove(&id))
        .map(|(head, statements, _)| checker.event(head, statements))
        .collect()
}

fn disagreement(a: &EventHead, b: &EventHead) -> Option<&'static str> {
    if a.date != b.date {
        Some("date")
    } else if a.kind != b.kind {
        Some("kind")
    } else if a.title != b.title {
        Some("event_title")
    } else {
        None
    }
}

fn parse_line(line: &str, lineno: usize, checker: &mut Checker<'_>) -> Option<Record> {
    let json: Json = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            let msg = e.to_string();
            let msg = msg.split(" at line").next().unwrap_or(&msg);
            checker.error_at(
                lineno,
                e.column().max(1),
                format!("not valid JSON: {msg}; this line is skipped"),
            );
            return None;
        }
    };
    let Json::Object(map) = json else {
        checker.error_at(
            lineno,
            1,
            "each line must be a JSON object holding one statement",
        );
        return None;
    };
    let mut rec = Record {
        line: lineno,
        column: 1,
        ..Record::default()
    };
    for (key, value) in map {
        if value.is_null() {
            continue; // null is how JSON writers say "absent"
        }
        let (key_column, column) = columns(line, &key);
        let field = Field {
            value: convert(value),
            line: lineno,
            column,
            key_line: lineno,
            key_column,
        };
        rec.fields.insert(key, field);
    }
    Some(rec)
}

/// Character columns of `"key"` and of its value within one JSON line.
fn columns(line: &str, key: &str) -> (usize, usize) {
    let Some(at) = line.find(&format!("\"{key}\"")) else {
        return (1, 1);
    };
    let after_key = at + key.len() + 2;
    let rest = &line[after_key..];
    let value = after_key + rest.len()
        - rest
            .trim_start_matches(|c: char| c == ':' || c.is_whitespace())
            .len();
    (
        line[..at].chars().count() + 1,
        line[..value].chars().count() + 1,
    )
}

fn convert(value: Json) -> Value {
    match value {
        Json::String(s) => Value::Str(s),
        Json::Array(items) if !items.is_empty() && items.iter().all(Json::is_object) => {
            Value::Tables(
                items
                    .into_iter()
                    .filter_map(|item| match item {
                        Json::Object(map) => {
                            Some(map.into_iter().map(|(k, v)| (k, scalar(v))).collect())
                        }
                        _ => None,
                    })
                    .collect(),
            )
        }
        Json::Array(items) => {
            let strings: Option<Vec<String>> = items
                .into_iter()
                .map(|v| match v {
                    Json::String(s) => Some(s),
                    _ => None,
                })
                .collect();
            strings.map_or(Value::Other("a list with non-string items"), Value::List)
        }
        Json::Null => Value::Other("null"),
        Json::Bool(_) => Value::Other("a boolean"),
        Json::Number(_) => Value::Other("a number"),
        Json::Object(_) => Value::Other("an object"),
    }
}

fn scalar(value: Json) -> Scalar {
    match value {
        Json::String(s) => Scalar::Str(s),
        Json::Number(n) => n
            .as_i64()
            .map_or(Scalar::Other("a fractional number"), Scalar::Int),
        Json::Null => Scalar::Other("null"),
        Json::Bool(_) => Scalar::Other("a boolean"),
        Json::Array(_) => Scalar::Other("a list"),
        Json::Object(_) => Scalar::Other("an object"),
    }
}
