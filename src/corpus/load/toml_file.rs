//! Hand-written events: one TOML file per event, with `[[statements]]` tables.
//! Parsing keeps spans so every problem names its line and column; syntax
//! errors are recovered from where the parser can, so one file can report
//! several problems at once.

use std::path::Path;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::record::{
    Checker, EventHead, Field, Record, Scalar, Value, STATEMENT_KEYS, TOML_EVENT_KEYS,
};
use crate::corpus::diagnostic::LineIndex;
use crate::corpus::model::Event;

const EVENT_KEYS: &[&str] = &[
    "id",
    "date",
    "kind",
    "title",
    "participants",
    "notes",
    "statements",
];

/// Reads one event file; problems go to `checker`.
pub fn read(path: &Path, text: &str, checker: &mut Checker<'_>) -> Option<Event> {
    let lines = LineIndex::new(text);
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in errors {
            let (line, col) = e.span().map_or((1, 1), |s| lines.locate(s.start));
            let msg = e.message().trim().replace('\n', " ");
            checker.error_at(line, col, format!("TOML syntax error: {msg}"));
        }
        return None;
    }
    let doc = doc.into_inner();
    if doc.is_empty() {
        checker.error_at(1, 1, "empty event file; an event needs id, date, kind, title and at least one [[statements]] table");
        return None;
    }
    let event_rec = record(&doc, &lines, 1, 1);
    checker.unknown_keys(&event_rec, EVENT_KEYS, "the event");
    let head = checker.event_head(&event_rec, &TOML_EVENT_KEYS);
    if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
        if let Some((id, line, col)) = head.as_ref().map(|h| (&h.id, 1, 1)) {
            if id != stem {
                let at = event_rec
                    .fields
                    .get("id")
                    .map_or((line, col), |f| (f.line, f.column));
                checker.warn_at(at.0, at.1, format!("event id `{id}` differs from the file name `{stem}.toml`; name the file after the id"));
            }
        }
    }
    let tables = statement_tables(&doc, &lines, checker);
    let head = match head {
        Some(head) => head,
        None => {
            for rec in &tables {
                checker.unknown_keys(rec, STATEMENT_KEYS, "a statement");
                checker.statement(rec, &EventHead::placeholder());
            }
            return None;
        }
    };
    let statements = tables
        .iter()
        .filter_map(|rec| {
            checker.unknown_keys(rec, STATEMENT_KEYS, "a statement");
            checker.statement(rec, &head)
        })
        .collect();
    Some(checker.event(head, statements))
}

fn statement_tables(
    doc: &DeTable<'_>,
    lines: &LineIndex<'_>,
    checker: &mut Checker<'_>,
) -> Vec<Record> {
    let Some(value) = doc.get("statements") else {
        // An event known only from paraphrase is still a fact worth recording.
        checker.warn_at(1, 1, "the event has no statements; add a [[statements]] table when an official wording is known");
        return Vec::new();
    };
    let (line, col) = lines.locate(value.span().start);
    let DeValue::Array(items) = value.get_ref() else {
        checker.error_at(
            line,
            col,
            "`statements` must be a list of tables: write each as [[statements]]",
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items.iter() {
        let (line, col) = lines.locate(item.span().start);
        match item.get_ref() {
            DeValue::Table(t) => out.push(record(t, lines, line, col)),
            _ => checker.error_at(line, col, "each entry of `statements` must be a table"),
        }
    }
    if out.is_empty() {
        checker.error_at(
            line,
            col,
            "the event has no statements; add a [[statements]] table",
        );
    }
    out
}

fn record(table: &DeTable<'_>, lines: &LineIndex<'_>, line: usize, column: usize) -> Record {
    let mut rec = Record {
        line,
        column,
        ..Record::default()
    };
    for (key, value) in table.iter() {
        let (key_line, key_column) = lines.locate(key.span().start);
        let (line, column) = lines.locate(value.span().start);
        let field = Field {
            value: convert(value),
            line,
            column,
            key_line,
            key_column,
        };
        rec.fields.insert(key.get_ref().to_string(), field);
    }
    rec
}

fn convert(value: &Spanned<DeValue<'_>>) -> Value {
    match value.get_ref() {
        DeValue::String(s) => Value::Str(s.to_string()),
        // An unquoted TOML date (`date = 2020-08-25`) is as good as a quoted one.
        DeValue::Datetime(d) if d.time.is_none() => Value::Str(d.to_string()),
        DeValue::Array(items)
            if !items.is_empty() && items.iter().all(|v| v.get_ref().is_table()) =>
        {
            Value::Tables(
                items
                    .iter()
                    .filter_map(|item| item.get_ref().as_table())
                    .map(|t| {
                        t.iter()
                            .map(|(k, v)| (k.get_ref().to_string(), scalar(v.get_ref())))
                            .collect()
                    })
                    .collect(),
            )
        }
        DeValue::Array(items) => {
            let strings: Option<Vec<String>> = items
                .iter()
                .map(|v| match v.get_ref() {
                    DeValue::String(s) => Some(s.to_string()),
                    _ => None,
                })
                .collect();
            strings.map_or(Value::Other("a list with non-string items"), Value::List)
        }
        DeValue::Table(_) => Value::Other("a table"),
        DeValue::Integer(_) => Value::Other("a number"),
        DeValue::Float(_) => Value::Other("a number"),
        DeValue::Boolean(_) => Value::Other("a boolean"),
        DeValue::Datetime(_) => Value::Other("a date-time"),
    }
}

fn scalar(value: &DeValue<'_>) -> Scalar {
    match value {
        DeValue::String(s) => Scalar::Str(s.to_string()),
        DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
            .map_or(Scalar::Other("a number out of range"), Scalar::Int),
        other => Scalar::Other(other.type_str()),
    }
}
