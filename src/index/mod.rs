//! The full-text index: a tantivy index of the corpus, one document per
//! statement, kept beside the corpus (`<corpus>/.index/`) and refreshed
//! incrementally. Analysis commands call [`open_fresh`] and then [`select`]
//! (statement ids for a query) or the search and concordance functions, so a
//! new user never has to run `readouts index` first.

pub mod analyzer;
mod build;
pub mod catalog;
mod damage;
mod folder;
pub mod kwic;
mod manifest;
pub mod query;
pub mod schema;
mod swap;
mod verify;

use std::path::{Path, PathBuf};

use tantivy::{IndexReader, ReloadPolicy};

pub use build::{update, update_with, Scrutiny, UpdateReport};
pub use catalog::{Batch, Meta, Source, BATCH_BYTES};
pub use folder::MARKER;
pub use kwic::{kwic, KwicLine, KwicOptions, KwicSort};
pub use query::{count_by, search, select, Count, CountKey, Hit, SearchOptions, Snippet};
pub use schema::Fields;
pub use verify::{verify, Verification};

/// Why the index could not be built, opened or queried.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Corpus(#[from] crate::corpus::load::Error),
    #[error("the index at {} is busy: another readouts process is updating it; try again when it has finished", .0.display())]
    Busy(PathBuf),
    #[error("the index folder {} is read-only; make it writable, give --index another folder, or search it with --no-refresh", .0.display())]
    ReadOnly(PathBuf),
    #[error("there is no index at {} yet; run `readouts index` (or leave out --no-refresh)", .0.display())]
    Missing(PathBuf),
    #[error("the index at {} was written by schema version {found}, this readouts reads version {expected}; run `readouts index` to rebuild it", path.display())]
    OtherVersion {
        path: PathBuf,
        found: u32,
        expected: u32,
    },
    #[error("{} holds files that are not a readouts index (it has no {MARKER} file); readouts never replaces or deletes such a folder: give --index an empty or new folder", .0.display(), MARKER = folder::MARKER)]
    NotAnIndex(PathBuf),
    #[error("{} is a symbolic link; readouts never writes through a link in its index: remove it, or give --index a real folder", .0.display())]
    Link(PathBuf),
    #[error("{} is not a folder; give --index a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("the index at {} is damaged ({why}); run `readouts index` to rebuild it", path.display())]
    Damaged { path: PathBuf, why: String },
    #[error("the query does not parse at character {column}, near `{near}`: {message}")]
    Query {
        column: usize,
        near: String,
        message: String,
    },
    #[error("{0}")]
    BadQuery(String),
    #[error("index {}: {source}", path.display())]
    Tantivy {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// An open index, ready to query.
pub struct Index {
    pub(crate) inner: tantivy::Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    dir: PathBuf,
    /// What the refresh on opening did, if it had anything to do.
    pub update: Option<UpdateReport>,
    /// Corpus errors that kept statements out of the index when it was last updated.
    pub corpus_errors: usize,
    /// The refresh was skipped because another process is updating the
    /// index: this is the index as last committed.
    pub busy: bool,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("dir", &self.dir).finish()
    }
}

/// Where the index of `corpus_dir` lives unless `--index` says otherwise.
pub fn default_dir(corpus_dir: &Path) -> PathBuf {
    corpus_dir.join(".index")
}

/// Opens the index of `corpus_dir` (at `index_dir` or the default place),
/// first bringing it up to date with the corpus when `refresh` is true. The
/// freshness check compares file stamps (`manifest.rs`), so it is cheap. A
/// damaged index is rebuilt; while another process updates the index, the
/// index as last committed answers ([`Index::busy`]).
pub fn open_fresh(
    corpus_dir: &Path,
    index_dir: Option<&Path>,
    refresh: bool,
    progress: &dyn crate::progress::Progress,
) -> Result<Index, Error> {
    let dir = index_dir.map_or_else(|| default_dir(corpus_dir), Path::to_path_buf);
    if !refresh {
        manifest::check_version(&dir)?;
        return open(&dir);
    }
    let mut scrutiny = Scrutiny::Footers;
    if manifest::is_fresh(corpus_dir, &dir)? {
        match open(&dir) {
            // Damage the footers do not show (a segment that fails to open): checksums will.
            Err(Error::Damaged { .. }) => scrutiny = Scrutiny::Checksums,
            opened => return opened,
        }
    }
    match update_with(corpus_dir, &dir, progress, scrutiny) {
        Ok(report) => {
            let mut index = open(&dir)?;
            index.corpus_errors = report.corpus_errors;
            index.update = Some(report);
            Ok(index)
        }
        Err(Error::Busy(_)) if dir.join("meta.json").is_file() => {
            let mut index = open(&dir)?;
            index.busy = true;
            Ok(index)
        }
        Err(e) => Err(e),
    }
}

/// Opens the index at `dir` as it stands. A folder holding a symbolic link
/// is refused, and damage tantivy would panic on is reported as [`Error::Damaged`].
pub fn open(dir: &Path) -> Result<Index, Error> {
    let terr = |source| Error::Tantivy {
        path: dir.to_path_buf(),
        source,
    };
    swap::recover(dir);
    if !dir.join("meta.json").is_file() {
        return Err(Error::Missing(dir.to_path_buf()));
    }
    let owner = folder::owner(dir)?;
    let ours = matches!(owner, folder::Owner::Marked | folder::Owner::Unmarked);
    let damaged = |why: String| Error::Damaged {
        path: dir.to_path_buf(),
        why,
    };
    let inner = match tantivy::Index::open_in_dir(dir) {
        Ok(inner) => inner,
        Err(e) if ours => return Err(damaged(format!("meta.json cannot be read: {e}"))),
        Err(e) => return Err(terr(e)),
    };
    analyzer::register(&inner);
    let fields = Fields::of(&inner.schema()).ok_or_else(|| Error::NotAnIndex(dir.to_path_buf()))?;
    damage::sound(&inner, dir).map_err(damaged)?;
    damage::checked(&inner, dir, owner == folder::Owner::Marked).map_err(damaged)?;
    let reader = match damage::quietly(|| {
        inner
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
    }) {
        Some(Ok(reader)) => reader,
        Some(Err(e)) if !ours => return Err(terr(e)),
        Some(Err(e)) => return Err(damaged(format!("{e}"))),
        None => return Err(damaged("a segment file does not parse".to_string())),
    };
    Ok(Index {
        inner,
        reader,
        fields,
        dir: dir.to_path_buf(),
        update: None,
        corpus_errors: manifest::Manifest::stored(dir).map_or(0, |m| m.corpus_errors),
        busy: false,
    })
}

impl Index {
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Number of statements in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The error for an index whose bytes made tantivy fail to read them.
    pub(crate) fn damaged(&self) -> Error {
        Error::Damaged {
            path: self.dir.clone(),
            why: "a segment file does not parse; `readouts index --verify` names it".to_string(),
        }
    }

    pub(crate) fn terr(&self, source: tantivy::TantivyError) -> Error {
        Error::Tantivy {
            path: self.dir.clone(),
            source,
        }
    }
}
