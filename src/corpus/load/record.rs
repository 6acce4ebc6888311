//! The shape both file formats are read into before validation: a record of
//! named fields, each remembering its line and column. TOML and JSON Lines
//! differ only in how they fill a `Record`; the checks that turn records into
//! events live here once, so the two formats report problems in the same words.

use std::collections::BTreeMap;
use std::path::Path;

use crate::corpus::diagnostic::{did_you_mean, Diagnostic};
use crate::corpus::model::{Coverage, Event, Origin, Role, Statement, Turn};
use crate::corpus::{Date, Side};

/// A field value as read, before its type is checked.
#[derive(Debug, Clone)]
pub enum Value {
    Str(String),
    List(Vec<String>),
    /// A list of tables (TOML) or objects (JSON), such as a statement's turns.
    Tables(Vec<BTreeMap<String, Scalar>>),
    /// Anything else, named by its type for the error message.
    Other(&'static str),
}

/// A field of a table inside a list (`Value::Tables`).
#[derive(Debug, Clone)]
pub enum Scalar {
    Str(String),
    Int(i64),
    /// Anything else, named by its type for the error message.
    Other(&'static str),
}

/// A value and where it stands: `line`/`column` point at the value (for
/// errors about it), `key_line`/`key_column` at its key (for unknown keys).
#[derive(Debug, Clone)]
pub struct Field {
    pub value: Value,
    pub line: usize,
    pub column: usize,
    pub key_line: usize,
    pub key_column: usize,
}

/// A table (TOML) or object (JSON) with positioned fields.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub fields: BTreeMap<String, Field>,
    pub line: usize,
    pub column: usize,
}

/// The keys an event's fields go by in one format.
pub struct EventKeys {
    pub id: &'static str,
    pub title: &'static str,
    pub notes: &'static str,
}

pub const TOML_EVENT_KEYS: EventKeys = EventKeys {
    id: "id",
    title: "title",
    notes: "notes",
};
pub const JSONL_EVENT_KEYS: EventKeys = EventKeys {
    id: "event",
    title: "event_title",
    notes: "event_notes",
};

pub const STATEMENT_KEYS: &[&str] = &[
    "id",
    "side",
    "issuer",
    "title",
    "language",
    "url",
    "coverage",
    "quoted_in",
    "notes",
    "text",
    "turns",
];

/// Validates records of one file, collecting diagnostics as it goes.
pub struct Checker<'a> {
    pub path: &'a Path,
    pub diagnostics: Vec<Diagnostic>,
}

/// The event-level part of a record, before statements are attached.
pub struct EventHead {
    pub id: String,
    pub date: Date,
    pub kind: String,
    pub title: String,
    pub participants: Vec<String>,
    pub notes: Option<String>,
    pub origin: Origin,
}

impl EventHead {
    /// Stands in for an event whose own fields are broken, so that its
    /// statements are still checked and every problem is reported at once.
    pub fn placeholder() -> EventHead {
        EventHead {
            id: String::new(),
            date: Date {
                year: 0,
                month: None,
                day: None,
            },
            kind: String::new(),
            title: String::new(),
            participants: Vec::new(),
            notes: None,
            origin: Origin {
                path: Default::default(),
                line: 0,
            },
        }
    }
}

impl<'a> Checker<'a> {
    pub fn new(path: &'a Path) -> Self {
        Checker {
            path,
            diagnostics: Vec::new(),
        }
    }

    pub fn error_at(&mut self, line: usize, column: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(self.path, line, column, message));
    }

    pub fn warn_at(&mut self, line: usize, column: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(self.path, line, column, message));
    }

    /// Reports keys outside `allowed`, suggesting the likely intended one.
    pub fn unknown_keys(&mut self, rec: &Record, allowed: &[&str], what: &str) {
        for (key, field) in &rec.fields {
            if allowed.contains(&key.as_str()) {
                continue;
            }
            let hint = match did_you_mean(key, allowed.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("allowed fields are {}", allowed.join(", ")),
            };
            self.error_at(
                field.key_line,
                field.key_column,
                format!("unknown field `{key}` in {what}; {hint}"),
            );
        }
    }

    /// A string field that must be present and non-empty.
    pub fn required(
        &mut self,
        rec: &Record,
        key: &str,
        what: &str,
    ) -> Option<(String, usize, usize)> {
        match rec.fields.get(key) {
            None => {
                self.error_at(
                    rec.line,
                    rec.column,
                    format!("missing field `{key}` in {what}"),
                );
                None
            }
            Some(_) => {
                let (value, line, col) = self.optional(rec, key)?;
                if value.trim().is_empty() {
                    self.error_at(
                        line,
                        col,
                        format!("field `{key}` is empty; give it a value"),
                    );
                    return None;
                }
                Some((value, line, col))
            }
        }
    }

    /// A string field that may be absent; a value of another type is an error.
    pub fn optional(&mut self, rec: &Record, key: &str) -> Option<(String, usize, usize)> {
        let field = rec.fields.get(key)?;
        match &field.value {
            Value::Str(s) => Some((s.clone(), field.line, field.column)),
            Value::List(_) | Value::Tables(_) => self.wrong_type(field, key, "a list"),
            Value::Other(kind) => self.wrong_type(field, key, kind),
        }
    }

    fn wrong_type<T>(&mut self, field: &Field, key: &str, found: &str) -> Option<T> {
        self.error_at(
            field.line,
            field.column,
            format!("field `{key}` must be a string, found {found}"),
        );
        None
    }

    fn list(&mut self, rec: &Record, key: &str) -> Vec<String> {
        match rec.fields.get(key).map(|f| (&f.value, f.line, f.column)) {
            None => Vec::new(),
            Some((Value::List(items), _, _)) => items.clone(),
            Some((Value::Str(s), _, _)) => vec![s.clone()],
            Some((Value::Tables(_), line, col)) => {
                self.error_at(
                    line,
                    col,
                    format!("field `{key}` must be a list of strings, found a list of tables"),
                );
                Vec::new()
            }
            Some((Value::Other(kind), line, col)) => {
                self.error_at(
                    line,
                    col,
                    format!("field `{key}` must be a list of strings, found {kind}"),
                );
                Vec::new()
            }
        }
    }

    /// Reads the event-level fields of `rec`.
    pub fn event_head(&mut self, rec: &Record, keys: &EventKeys) -> Option<EventHead> {
        let id = self.required(rec, keys.id, "the event");
        if let Some((id, line, col)) = &id {
            if !valid_id(id) {
                self.error_at(*line, *col, format!(
                    "event id `{id}` may hold only lower-case ASCII letters, digits, '-', '_' and '.', starting with a letter or digit"
                ));
            }
        }
        let date = self.date(rec);
        let kind = self.required(rec, "kind", "the event");
        let title = self.required(rec, keys.title, "the event");
        let participants = self.list(rec, "participants");
        let notes = self.optional(rec, keys.notes).map(|v| v.0);
        let (id, _, _) = id.filter(|(id, _, _)| valid_id(id))?;
        Some(EventHead {
            id,
            date: date?,
            kind: kind?.0,
            title: title?.0,
            participants,
            notes,
            origin: Origin {
                path: self.path.to_path_buf(),
                line: rec.line,
            },
        })
    }

    fn date(&mut self, rec: &Record) -> Option<Date> {
        let (raw, line, col) = self.required(rec, "date", "the event")?;
        match raw.parse::<Date>() {
            Ok(date) => Some(date),
            Err(e) => {
                self.error_at(line, col, e.to_string());
                None
            }
        }
    }

    /// Reads one statement of event `head`.
    pub fn statement(&mut self, rec: &Record, head: &EventHead) -> Option<Statement> {
        let side = self
            .required(rec, "side", "the statement")
            .and_then(|(raw, line, col)| {
                Side::parse(&raw)
                    .map_err(|e| self.error_at(line, col, e.to_string()))
                    .ok()
            });
        let issuer = self.required(rec, "issuer", "the statement");
        let coverage =
            self.required(rec, "coverage", "the statement")
                .and_then(|(raw, line, col)| {
                    let parsed = Coverage::parse(&raw);
                    if parsed.is_none() {
                        self.error_at(
                            line,
                            col,
                            format!("coverage `{raw}` is neither `full` nor `excerpt`"),
                        );
                    }
                    parsed
                });
        let text = self.required(rec, "text", "the statement");
        let url = self.optional(rec, "url").and_then(|(url, line, col)| {
            let ok = url.starts_with("https://") || url.starts_with("http://");
            if !ok {
                self.error_at(line, col, format!("url `{url}` must start with http:// or https:// (leave the field out when unknown)"));
            }
            ok.then_some(url)
        });
        let own_id = self.optional(rec, "id").map(|v| v.0);
        let title = self.optional(rec, "title").map(|v| v.0).unwrap_or_default();
        let language = self
            .optional(rec, "language")
            .map_or_else(|| "en".to_string(), |v| v.0);
        let quoted_in = self.optional(rec, "quoted_in").map(|v| v.0);
        let notes = self.optional(rec, "notes").map(|v| v.0);
        let side = side?;
        let (text, stored) = crate::corpus::stored::normalise(&text?.0);
        let turns = self.turns(rec, &text);
        Some(Statement {
            id: own_id.unwrap_or_else(|| format!("{}/{}", head.id, side)),
            event_id: head.id.clone(),
            date: head.date,
            side,
            issuer: issuer?.0,
            title,
            language,
            url,
            coverage: coverage?,
            quoted_in,
            notes,
            text,
            turns,
            stored,
            origin: Origin {
                path: self.path.to_path_buf(),
                line: rec.line,
            },
        })
    }

    /// The `turns` of a statement, checked against its (normalised) text. A
    /// broken list is reported and dropped: the statement is still loaded.
    fn turns(&mut self, rec: &Record, text: &str) -> Vec<Turn> {
        let Some(field) = rec.fields.get("turns") else {
            return Vec::new();
        };
        let (line, col) = (field.line, field.column);
        let tables = match &field.value {
            Value::Tables(t) => t,
            Value::List(l) if l.is_empty() => return Vec::new(),
            _ => {
                self.error_at(
                    line,
                    col,
                    "field `turns` must be a list of tables with speaker, role, start and end",
                );
                return Vec::new();
            }
        };
        let parsed: Result<Vec<Turn>, String> = tables
            .iter()
            .enumerate()
            .map(|(i, t)| turn(i + 1, t))
            .collect();
        match parsed.and_then(|turns| crate::corpus::turns::check(text, &turns).map(|_| turns)) {
            Ok(turns) => turns,
            Err(e) => {
                self.error_at(line, col, format!("field `turns`: {e}"));
                Vec::new()
            }
        }
    }

    /// Finishes an event: duplicate statement ids are errors.
    pub fn event(&mut self, head: EventHead, statements: Vec<Statement>) -> Event {
        let mut kept: Vec<Statement> = Vec::with_capacity(statements.len());
        // Statement id → line of its first appearance: linear in statements.
        let mut first_line: std::collections::HashMap<String, usize> =
            std::collections::HashMap::with_capacity(statements.len());
        for s in statements {
            if let Some(first) = first_line.get(&s.id) {
                self.error_at(s.origin.line, 1, format!(
                    "statement `{}` appears twice in event `{}` (first on line {first}); give each statement of one side its own `id`",
                    s.id, head.id
                ));
                continue;
            }
            first_line.insert(s.id.clone(), s.origin.line);
            kept.push(s);
        }
        Event {
            id: head.id,
            date: head.date,
            kind: head.kind,
            title: head.title,
            participants: head.participants,
            notes: head.notes,
            statements: kept,
            origin: head.origin,
        }
    }
}

/// One turn table: `speaker` (string), `role` (question, answer, statement),
/// `start` and `end` (byte offsets into the text).
fn turn(n: usize, table: &BTreeMap<String, Scalar>) -> Result<Turn, String> {
    let text = |key: &str| match table.get(key) {
        Some(Scalar::Str(s)) => Ok(s.clone()),
        Some(Scalar::Other(kind)) => {
            Err(format!("turn {n}: `{key}` must be a string, found {kind}"))
        }
        Some(Scalar::Int(_)) => Err(format!(
            "turn {n}: `{key}` must be a string, found a number"
        )),
        None => Err(format!("turn {n}: missing `{key}`")),
    };
    let offset = |key: &str| match table.get(key) {
        Some(Scalar::Int(i)) if *i >= 0 => Ok(*i as usize),
        Some(_) => Err(format!(
            "turn {n}: `{key}` must be a byte offset (a whole number, 0 or more)"
        )),
        None => Err(format!("turn {n}: missing `{key}`")),
    };
    if let Some(key) = table
        .keys()
        .find(|k| !["speaker", "role", "start", "end"].contains(&k.as_str()))
    {
        return Err(format!(
            "turn {n}: unknown field `{key}`; a turn has speaker, role, start and end"
        ));
    }
    let raw_role = text("role")?;
    let role = Role::parse(&raw_role).ok_or_else(|| {
        format!("turn {n}: role `{raw_role}` is not question, answer or statement")
    })?;
    Ok(Turn {
        speaker: text("speaker")?,
        role,
        start: offset("start")?,
        end: offset("end")?,
    })
}

fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}
