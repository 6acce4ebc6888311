//! The corpus model: events (a call, meeting, speech occasion) holding two or
//! more statements, one per side that published a readout. Everything else in
//! the tool reads these plain structs; nothing here knows about files.

use std::path::PathBuf;

use serde::Serialize;

pub use super::turns::{Role, Turn};
use super::{Date, Side};

/// Where a record was read from, so every figure can point back to its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub path: PathBuf,
    pub line: usize,
}

/// Whether a statement holds the whole published text or quoted parts of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Coverage {
    Full,
    Excerpt,
}

impl Coverage {
    pub fn parse(raw: &str) -> Option<Coverage> {
        match raw {
            "full" => Some(Coverage::Full),
            "excerpt" => Some(Coverage::Excerpt),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::Full => "full",
            Coverage::Excerpt => "excerpt",
        }
    }
}

/// One side's published account of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// `event-id/SIDE` unless the file gives its own id.
    pub id: String,
    pub event_id: String,
    pub date: Date,
    pub side: Side,
    pub issuer: String,
    pub title: String,
    pub language: String,
    pub url: Option<String>,
    pub coverage: Coverage,
    pub quoted_in: Option<String>,
    pub notes: Option<String>,
    /// The text as loaded: trimmed, with `\n` for every line ending.
    pub text: String,
    /// Speaker turns of a transcript (empty for anything else); see `turns.rs`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub turns: Vec<Turn>,
    /// How `text` differs from the text stored in the file, so offsets can
    /// be reported into the stored text.
    #[serde(skip)]
    pub stored: super::StoredText,
    #[serde(skip)]
    pub origin: Origin,
}

/// An occasion that one or more sides described.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: String,
    pub date: Date,
    pub kind: String,
    pub title: String,
    pub participants: Vec<String>,
    pub notes: Option<String>,
    pub statements: Vec<Statement>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Event {
    /// The distinct sides with a statement, in order of first appearance.
    pub fn sides(&self) -> Vec<&Side> {
        let mut sides: Vec<&Side> = Vec::new();
        for s in &self.statements {
            if !sides.contains(&&s.side) {
                sides.push(&s.side);
            }
        }
        sides
    }

    /// The first statement of `side`, if any.
    pub fn statement_of(&self, side: &Side) -> Option<&Statement> {
        self.statements.iter().find(|s| &s.side == side)
    }
}

impl Statement {
    /// Number of words, as the text layer counts them (used for rates per 1,000 words).
    pub fn word_count(&self) -> usize {
        crate::text::word_count(&self.text)
    }

    /// The issuing side's own words: the text with every question turn (and
    /// every speaker label) blanked, byte for byte, so offsets into it are
    /// offsets into `text`. Borrowed when the statement has no turns.
    pub fn own_text(&self) -> std::borrow::Cow<'_, str> {
        super::turns::own_text(&self.text, &self.turns)
    }
}
