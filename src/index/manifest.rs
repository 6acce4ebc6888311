//! What the index was built from, kept in the index folder: the schema
//! version, the corpus files with their size, modification time, inode and
//! status-change time (`manifest.json`), and a content hash per statement
//! (`statements.json`). Comparing the file list is enough to know the index is
//! fresh, so a search never re-reads a large corpus that has not changed. The
//! inode and change time are what make it trustworthy: `touch -r`, `cp -p`,
//! `tar` and `rsync -t` restore a file's size and modification time, but any
//! write, copy or restore gives it a new change time (which no user call can
//! set) or a new inode. A false alarm (a `chmod`) costs only a re-read: the
//! statement hashes then find nothing to re-index.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::{schema, Error};
use crate::corpus::load::corpus_files;

pub const MANIFEST: &str = "manifest.json";
pub const STATEMENTS: &str = "statements.json";

/// A corpus file as last indexed: path relative to the corpus, size, mtime
/// (ns), and on Unix the device, inode and ctime (ns since the epoch).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub path: String,
    pub size: u64,
    pub modified: u128,
    #[serde(default)]
    pub device: u64,
    #[serde(default)]
    pub inode: u64,
    #[serde(default)]
    pub changed: i128,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema: u32,
    /// For the reader only (never compared); written lossily, so a corpus
    /// path that is not UTF-8 can still be indexed.
    #[serde(serialize_with = "lossy_path")]
    pub corpus: PathBuf,
    pub files: Vec<FileStamp>,
    /// Corpus errors met by the update that wrote this manifest: statements
    /// that a broken file kept out of the index (not part of freshness).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub corpus_errors: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
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
            let (device, inode, changed) = identity(&meta);
            stamps.push(FileStamp {
                path: rel.to_string_lossy().into_owned(),
                size: meta.len(),
                modified,
                device,
                inode,
                changed,
            });
        }
        Ok(Manifest {
            schema: schema::VERSION,
            corpus: fs::canonicalize(corpus_dir).unwrap_or_else(|_| corpus_dir.to_path_buf()),
            files: stamps,
            corpus_errors: 0,
        })
    }

    /// Whether this manifest describes the same corpus files as `other`.
    pub fn same_files(&self, other: &Manifest) -> bool {
        self.schema == other.schema && self.corpus == other.corpus && self.files == other.files
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
    Ok(stored.same_files(&Manifest::of_corpus(corpus_dir)?))
}

/// Device, inode and status-change time (ns): what a restored mtime cannot fake.
#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> (u64, u64, i128) {
    use std::os::unix::fs::MetadataExt;
    let changed = i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec());
    (meta.dev(), meta.ino(), changed)
}

#[cfg(not(unix))]
fn identity(_meta: &fs::Metadata) -> (u64, u64, i128) {
    (0, 0, 0)
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

/// Writes through an exclusive temporary file and a rename, so a crash leaves
/// the old file and a planted link is replaced, never written through.
fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<(), Error> {
    let bytes = serde_json::to_vec(value).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e.into(),
    })?;
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return Err(Error::NotAFolder(path.to_path_buf()));
    };
    super::folder::write_new(dir, &name.to_string_lossy(), &bytes)
}

/// The content hash of statements: the tool's one stable hash.
pub use crate::hash::fnv1a;

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

    #[test]
    fn an_edit_that_restores_size_and_mtime_still_makes_the_manifest_differ() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        fs::write(&file, "x = 1\n").unwrap();
        let mtime = fs::metadata(&file).unwrap().modified().unwrap();
        let before = Manifest::of_corpus(dir.path()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&file, "x = 2\n").unwrap();
        fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(mtime)
            .unwrap();
        let after = Manifest::of_corpus(dir.path()).unwrap();
        assert_eq!(before.files[0].size, after.files[0].size);
        assert_eq!(before.files[0].modified, after.files[0].modified);
        assert!(!before.same_files(&after));
    }
}
