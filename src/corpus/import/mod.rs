//! Importers turn published corpora into this project's corpus format (JSON
//! Lines, one statement per line). They never touch hand-written TOML files,
//! write every output through a temporary file and a rename (an interrupted
//! import leaves no half file), and are idempotent: re-running an import
//! rewrites the same files instead of adding duplicates.

pub mod boilerplate;
pub mod csv;
pub mod dates;
pub mod feed;
pub mod jsonl;
pub mod kinds;
pub mod mapping;
pub mod markdown;
pub mod plain;
pub mod release;
pub mod ungdc;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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
    /// Boilerplate paragraphs the import removed (Markdown and feed imports).
    pub boilerplate: boilerplate::Removed,
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
}

/// Writes `lines` to `path` atomically: a temporary file beside it, then a rename.
pub fn write_jsonl(path: &Path, lines: &[Line<'_>]) -> Result<(), Error> {
    let werr = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(werr)?;
    }
    let tmp = path.with_extension("jsonl.tmp");
    let result = (|| {
        let mut out = io::BufWriter::new(fs::File::create(&tmp)?);
        for line in lines {
            serde_json::to_writer(&mut out, line)?;
            out.write_all(b"\n")?;
        }
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(werr)
}
