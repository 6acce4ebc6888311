//! `readouts index --verify`: a read-only look at the whole index, for a
//! user who wants to know whether it can be trusted before relying on it.
//! Every segment file's footer and checksum, the folder's ownership and
//! links, the schema version, the document count against the statement
//! hashes, and freshness against the corpus; every problem is listed.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::manifest::{self, Manifest};
use super::{damage, folder, schema, Error, Fields};

/// What `--verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    pub dir: PathBuf,
    /// Segment files whose footer and checksum were checked.
    pub files: usize,
    /// Statements the index holds (0 when it cannot be opened).
    pub statements: u64,
    /// Whether the index was built from the corpus as it is now.
    pub fresh: bool,
    /// Everything wrong, one line each; empty when the index is sound.
    pub problems: Vec<String>,
}

impl Verification {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks the index of `corpus_dir` at `index_dir` without changing anything.
pub fn verify(corpus_dir: &Path, index_dir: &Path) -> Result<Verification, Error> {
    if !index_dir.join("meta.json").is_file() {
        return Err(Error::Missing(index_dir.to_path_buf()));
    }
    let mut v = Verification {
        dir: index_dir.to_path_buf(),
        files: 0,
        statements: 0,
        fresh: manifest::is_fresh(corpus_dir, index_dir)?,
        problems: Vec::new(),
    };
    match folder::owner(index_dir) {
        Ok(folder::Owner::Marked) => {}
        Ok(folder::Owner::Unmarked) => v.problems.push(format!(
            "it has no {} marker (written by an older readouts; the next update adds it)",
            folder::MARKER
        )),
        Ok(_) => v
            .problems
            .push("it holds files a readouts index never has".to_string()),
        Err(e) => v.problems.push(e.to_string()),
    }
    match Manifest::stored_version(index_dir) {
        Some(schema::VERSION) => {}
        Some(other) => v.problems.push(format!(
            "schema version {other}, this readouts reads version {}",
            schema::VERSION
        )),
        None => v
            .problems
            .push("manifest.json is missing or unreadable".to_string()),
    }
    if let Err(why) = contents(index_dir, &mut v) {
        v.problems.push(why);
    }
    Ok(v)
}

/// The segment files, then the documents against the statement hashes.
fn contents(dir: &Path, v: &mut Verification) -> Result<(), String> {
    let index =
        tantivy::Index::open_in_dir(dir).map_err(|e| format!("meta.json cannot be read: {e}"))?;
    if Fields::of(&index.schema()).is_none() {
        return Err("meta.json describes another schema".to_string());
    }
    let (files, found) = damage::problems(&index, dir, true)?;
    v.files = files;
    if !found.is_empty() {
        v.problems.extend(found);
        return Ok(());
    }
    super::analyzer::register(&index);
    let reader = index
        .reader()
        .map_err(|e| format!("the segments cannot be opened: {e}"))?;
    v.statements = reader.searcher().num_docs();
    match manifest::read_hashes(dir) {
        Some(hashes) if hashes.len() as u64 == v.statements => {}
        Some(hashes) => v.problems.push(format!(
            "the index holds {} statements, its statement hashes list {}",
            v.statements,
            hashes.len()
        )),
        None => v
            .problems
            .push("statements.json is missing or unreadable".to_string()),
    }
    Ok(())
}
