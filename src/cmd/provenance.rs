//! `--provenance FILE`: what an output was made from, written as a JSON
//! sidecar beside it, so that a CSV stays a header row and data rows (as
//! pandas and R read it) and the record of how to make it again is not lost.
//! The sidecar is written to an exclusive temporary file in FILE's folder and
//! moved to FILE only if no file of that name exists: a user's file is never
//! replaced, and a link planted at FILE is never written through.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Serialize;

use super::GlobalArgs;

/// The `--provenance FILE` option, flattened into each analysis command.
#[derive(Debug, Clone, clap::Args)]
pub struct ProvenanceArg {
    /// Also write what this output was made from (corpus, selection, lexicon,
    /// tool version, the command) to FILE as JSON; FILE must not exist yet
    #[arg(long, value_name = "FILE")]
    pub provenance: Option<PathBuf>,
}

/// What every sidecar records, whatever the command.
#[derive(Debug, Serialize)]
pub struct Basic {
    pub tool: &'static str,
    pub version: &'static str,
    /// The command line as typed, quoted so it can be pasted into a shell.
    pub command: String,
    /// The corpus folder as given.
    pub corpus: String,
}

impl Basic {
    pub fn new(global: &GlobalArgs) -> Basic {
        Basic {
            tool: "readouts",
            version: env!("CARGO_PKG_VERSION"),
            command: command_line(),
            corpus: global.corpus.display().to_string(),
        }
    }
}

/// A sidecar: the basic record and what the command adds (its selection,
/// lexicon, formula...), flattened into one JSON object.
#[derive(Debug, Serialize)]
struct Sidecar<'a, T: Serialize> {
    #[serde(flatten)]
    basic: Basic,
    #[serde(flatten)]
    detail: &'a T,
}

impl ProvenanceArg {
    /// Refuses, before any work or output, a FILE that exists already.
    pub fn check(&self) -> anyhow::Result<()> {
        match &self.provenance {
            Some(path) if path.symlink_metadata().is_ok() => anyhow::bail!(
                "the provenance file {} exists already; give a new file name",
                path.display()
            ),
            _ => Ok(()),
        }
    }

    /// Writes the sidecar when `--provenance` was given.
    pub fn write<T: Serialize>(&self, global: &GlobalArgs, detail: &T) -> anyhow::Result<()> {
        let Some(path) = &self.provenance else {
            return Ok(());
        };
        let sidecar = Sidecar {
            basic: Basic::new(global),
            detail,
        };
        write_new(path, &sidecar)
            .with_context(|| format!("cannot write the provenance file {}", path.display()))
    }
}

impl ProvenanceArg {
    /// Writes `value` as the whole sidecar (for a command whose analysis
    /// keeps its own provenance record) when `--provenance` was given.
    pub fn write_value<T: Serialize>(&self, value: &T) -> anyhow::Result<()> {
        let Some(path) = &self.provenance else {
            return Ok(());
        };
        write_new(path, value)
            .with_context(|| format!("cannot write the provenance file {}", path.display()))
    }
}

/// Writes `value` as JSON to `path`, which must not exist yet.
fn write_new<T: Serialize>(path: &Path, value: &T) -> anyhow::Result<()> {
    if path.symlink_metadata().is_ok() {
        anyhow::bail!("it exists already; give a new file name");
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".readouts-provenance-")
        .tempfile_in(dir)?;
    crate::render::json::document(tmp.as_file_mut(), value)?;
    tmp.as_file_mut().flush()?;
    tmp.persist_noclobber(path)
        .map_err(|e| anyhow::anyhow!("{}", e.error))?;
    Ok(())
}

/// The command line as typed, quoted so it can be pasted back into a shell.
pub fn command_line() -> String {
    let mut args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    if let Some(first) = args.first_mut() {
        *first = "readouts".into();
    }
    args.iter()
        .map(|a| shell_quote(a))
        .collect::<Vec<_>>()
        .join(" ")
}

fn shell_quote(arg: &str) -> String {
    let plain = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_=./,:@+".contains(c));
    if plain {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_lines_are_quoted_for_a_shell() {
        assert_eq!(shell_quote("--by"), "--by");
        assert_eq!(shell_quote("side,year"), "side,year");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
    }

    #[test]
    fn a_sidecar_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        write_new(&path, &serde_json::json!({"a": 1})).unwrap();
        let first = std::fs::read_to_string(&path).unwrap();
        assert_eq!(first, "{\n  \"a\": 1\n}\n");
        let again = write_new(&path, &serde_json::json!({"a": 2}));
        assert!(again.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), first);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind");
    }
}
