//! The corpus layer: the model of events and statements, the side codes and
//! dates they carry, and the loader that reads them from a folder of TOML and
//! JSON Lines files. Importers (added by the index work) write into this format.

pub mod date;
pub mod diagnostic;
pub mod filter;
pub mod import;
pub(crate) mod iso3166;
pub mod load;
pub mod model;
pub mod officials;
#[cfg(test)]
pub(crate) mod sample;
pub mod selection;
pub mod sides;
pub mod stored;
pub mod table;
pub mod turns;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use date::Date;
pub use diagnostic::{Diagnostic, Severity};
pub use filter::Filter;
pub use load::{load, Loaded};
pub use model::{Coverage, Event, Origin, Statement};
pub use sides::Side;
pub use stored::{StoredSpan, StoredText};

/// All events of one corpus folder, sorted by date then id.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub root: PathBuf,
    pub events: Vec<Event>,
}

/// Counts that describe a corpus in one line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub events: usize,
    pub statements: usize,
    pub sides: Vec<Side>,
    pub first: Option<Date>,
    pub last: Option<Date>,
    pub one_sided: Vec<String>,
}

impl Summary {
    /// The summary of two corpora without an event in common (two parts of
    /// one corpus read apart).
    pub fn and(mut self, other: Summary) -> Summary {
        self.events += other.events;
        self.statements += other.statements;
        self.sides.extend(other.sides);
        self.sides.sort();
        self.sides.dedup();
        self.first = self.first.into_iter().chain(other.first).min();
        self.last = self.last.into_iter().chain(other.last).max();
        self.one_sided.extend(other.one_sided);
        self
    }
}

impl Corpus {
    pub fn new(root: PathBuf, mut events: Vec<Event>) -> Corpus {
        events.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        Corpus { root, events }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// Event ids close to `id`, best first, for "did you mean" messages.
    pub fn similar_ids(&self, id: &str, max: usize) -> Vec<&str> {
        let mut scored: Vec<(usize, &str)> = self
            .events
            .iter()
            .map(|e| {
                let contains = e.id.contains(id) || id.contains(e.id.as_str());
                let d = strsim::levenshtein(id, &e.id);
                (if contains { 0 } else { d }, e.id.as_str())
            })
            .filter(|(d, e)| *d <= e.len().max(id.len()) / 2)
            .collect();
        scored.sort();
        scored.into_iter().take(max).map(|(_, e)| e).collect()
    }

    pub fn statements(&self) -> impl Iterator<Item = (&Event, &Statement)> {
        self.events
            .iter()
            .flat_map(|e| e.statements.iter().map(move |s| (e, s)))
    }

    pub fn summary(&self) -> Summary {
        let sides: BTreeSet<Side> = self.statements().map(|(_, s)| s.side.clone()).collect();
        Summary {
            events: self.events.len(),
            statements: self.statements().count(),
            sides: sides.into_iter().collect(),
            first: self.events.iter().map(|e| e.date).min(),
            last: self.events.iter().map(|e| e.date).max(),
            one_sided: self
                .events
                .iter()
                .filter(|e| e.sides().len() < 2)
                .map(|e| e.id.clone())
                .collect(),
        }
    }
}
