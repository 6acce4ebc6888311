//! Importers turn published corpora into this project's corpus format (JSON
//! Lines, one statement per line). They never touch hand-written TOML files,
//! write every output through an exclusive temporary file and a rename (an
//! interrupted import leaves no half file; see [`output`]), and are
//! idempotent: re-running an import rewrites the same files instead of adding
//! duplicates. Every row not imported is reported with its file, line and
//! reason.

pub mod boilerplate;
pub mod csv;
pub mod dates;
pub mod feed;
pub mod html;
pub mod jsonl;
pub mod kinds;
pub mod mapping;
pub mod markdown;
pub mod output;
pub mod plain;
pub mod release;
pub mod turns;
pub mod ungdc;
mod xmltext;

pub use output::{write_import, write_jsonl};

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;

use serde::Serialize;

/// Why an import could not run or could not write.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{} does not exist", .0.display())]
    NotFound(PathBuf),
    #[error("{} does not look like {what}: {why}", path.display())]
    NotASource {
        path: PathBuf,
        what: &'static str,
        why: String,
    },
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("{} holds {held} statements and this import would write {new}; nothing was written (check the --map, or add --force to replace it)", path.display())]
    WouldShrink {
        path: PathBuf,
        held: usize,
        new: usize,
    },
    #[error("{} is a symbolic link; imports never write through links", .0.display())]
    Symlink(PathBuf),
    #[error("nothing could be imported from {}: all {} rows were skipped, nothing was written", path.display(), skipped.len())]
    Nothing {
        path: PathBuf,
        skipped: Vec<Skipped>,
    },
}

/// How a generic import treats bad rows and an existing output file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Refuse the whole import when any row is bad.
    pub strict: bool,
    /// Replace an existing import file even when the new one is smaller.
    pub force: bool,
}

/// A source record that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub path: PathBuf,
    pub line: usize,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Report {
    pub statements: usize,
    pub events: usize,
    pub files_written: Vec<PathBuf>,
    pub skipped: Vec<Skipped>,
    /// Input that holds no statement and is not one (a saved list page, a
    /// redirect or error stub): reported with its reason, but not a loss.
    pub passed_over: Vec<Skipped>,
    /// Boilerplate paragraphs the import removed (Markdown and feed imports).
    pub boilerplate: boilerplate::Removed,
}

impl Report {
    /// Skipped rows counted by reason, with quoted values and numbers left out
    /// (`date `x` is not …` and `date `y` is not …` are one reason), most common first.
    pub fn skipped_by_reason(&self) -> Vec<(String, usize)> {
        by_reason(&self.skipped)
    }

    /// [`Report::passed_over`] counted by reason, as [`Report::skipped_by_reason`].
    pub fn passed_over_by_reason(&self) -> Vec<(String, usize)> {
        by_reason(&self.passed_over)
    }
}

fn by_reason(list: &[Skipped]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for s in list {
        *counts.entry(reason_kind(&s.reason)).or_default() += 1;
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// A reason without its particulars: backquoted spans become `…`, digit runs `N`.
fn reason_kind(reason: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in reason.chars() {
        match c {
            '`' => {
                if !quoted {
                    out.push_str("`…`");
                }
                quoted = !quoted;
            }
            _ if quoted => {}
            c if c.is_ascii_digit() => {
                if !out.ends_with('N') {
                    out.push('N');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// One statement line of the JSONL corpus format.
#[derive(Debug, Clone, Serialize)]
pub struct Line<'a> {
    pub event: &'a str,
    pub date: String,
    pub kind: &'a str,
    pub event_title: &'a str,
    pub side: String,
    pub issuer: &'a str,
    pub title: String,
    pub language: &'a str,
    pub coverage: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    pub text: &'a str,
    /// Speaker turns of a transcript, as byte ranges into `text`.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub turns: &'a [crate::corpus::model::Turn],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_rows_are_grouped_by_reason() {
        let skip = |line, reason: &str| Skipped {
            path: "a.csv".into(),
            line,
            reason: reason.into(),
        };
        let report = Report {
            skipped: vec![
                skip(2, "date `x` is not a date"),
                skip(3, "no value for text"),
                skip(9, "date `2022-13-01` is not a date"),
                skip(12, "3 fields where the header has 5"),
            ],
            ..Report::default()
        };
        assert_eq!(
            report.skipped_by_reason(),
            vec![
                ("date `…` is not a date".to_string(), 2),
                ("N fields where the header has N".to_string(), 1),
                ("no value for text".to_string(), 1),
            ]
        );
    }
}
