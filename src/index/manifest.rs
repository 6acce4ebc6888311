//! What the index was built from, kept in the index folder: the schema
//! version, the corpus files with their sizes and modification times
//! (`manifest.json`), and a content hash per statement (`statements.json`).
//! Comparing the file list is enough to know the index is fresh, so a search
//! never re-reads a large corpus that has not changed.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::{schema, Error};
use crate::corpus::load::corpus_files;

pub const MANIFEST: &str = "manifest.json";
pub const STATEMENTS: &str = "statements.json";

/// A corpus file as last indexed: path relative to the corpus, size, mtime (ns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub path: String,
    pub size: u64,
    pub modified: u128,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema: u32,
    /// For the reader only (never compared); written lossily, so a corpus
    /// path that is not UTF-8 can still be indexed.
    #[serde(serialize_with = "lossy_path")]
    pub corpus: PathBuf,
    pub files: Vec<FileStamp>,
}

fn lossy_path<S: serde::Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&path.to_string_lossy())
}

impl Manifest {
    /// The manifest the corpus folder has now.
    pub fn of_corpus(corpus_dir: &Path) -> Result<Manifest, Error> {
        let files = corpus_files(corpus_dir)?;
        let mut stamps = Vec::with_capacity(files.len());
        for path in files {
            let meta = fs::metadata(&path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            let rel = path.strip_prefix(corpus_dir).unwrap_or(&path);
            stamps.push(FileStamp {
                path: rel.to_string_lossy().into_owned(),
                size: meta.len(),
                modified,
            });
        }
        Ok(Manifest {
            schema: schema::VERSION,
            corpus: fs::canonicalize(corpus_dir).unwrap_or_else(|_| corpus_dir.to_path_buf()),
            files: stamps,
        })
    }

    /// The manifest stored in an index folder, if any (unreadable counts as none).
    pub fn stored(index_dir: &Path) -> Option<Manifest> {
        let bytes = fs::read(index_dir.join(MANIFEST)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// The schema version an index folder declares, if it declares one.
    pub fn stored_version(index_dir: &Path) -> Option<u32> {
        #[derive(Deserialize)]
        struct Version {
            schema: u32,
        }
        let bytes = fs::read(index_dir.join(MANIFEST)).ok()?;
        serde_json::from_slice::<Version>(&bytes)
            .ok()
            .map(|v| v.schema)
    }

    pub fn write(&self, index_dir: &Path) -> Result<(), Error> {
        write_json(&index_dir.join(MANIFEST), self)
    }
}

/// Whether the index at `index_dir` was built from the corpus as it is now.
pub fn is_fresh(corpus_dir: &Path, index_dir: &Path) -> Result<bool, Error> {
    let Some(stored) = Manifest::stored(index_dir) else {
        return Ok(false);
    };
    Ok(stored == Manifest::of_corpus(corpus_dir)?)
}

/// For `--no-refresh`: the index must exist and be of this schema version.
pub fn check_version(index_dir: &Path) -> Result<(), Error> {
    if !index_dir.join("meta.json").is_file() {
        return Err(Error::Missing(index_dir.to_path_buf()));
    }
    match Manifest::stored_version(index_dir) {
        Some(v) if v == schema::VERSION => Ok(()),
        found => Err(Error::OtherVersion {
            path: index_dir.to_path_buf(),
            found: found.unwrap_or(0),
            expected: schema::VERSION,
        }),
    }
}

/// Statement id → content hash of what was indexed.
pub type Hashes = BTreeMap<String, u64>;

pub fn read_hashes(index_dir: &Path) -> Option<Hashes> {
    let bytes = fs::read(index_dir.join(STATEMENTS)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

pub fn write_hashes(index_dir: &Path, hashes: &Hashes) -> Result<(), Error> {
    write_json(&index_dir.join(STATEMENTS), hashes)
}

/// Writes through a temporary file and a rename, so a crash leaves the old file.
fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let tmp = path.with_extension("json.tmp");
    let bytes = serde_json::to_vec(value).map_err(|e| io(e.into()))?;
    fs::write(&tmp, bytes).map_err(io)?;
    fs::rename(&tmp, path).map_err(io)
}

/// FNV-1a, 64 bits: a content hash that is the same on every run and platform.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_stable_and_sensitive() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(fnv1a(b"bullying"), fnv1a(b"bullied"));
    }

    #[test]
    fn a_touched_file_makes_the_manifest_differ() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        fs::write(&file, "x = 1\n").unwrap();
        let before = Manifest::of_corpus(dir.path()).unwrap();
        assert_eq!(before, Manifest::of_corpus(dir.path()).unwrap());
        fs::write(&file, "x = 22\n").unwrap();
        assert_ne!(before, Manifest::of_corpus(dir.path()).unwrap());
    }
}
