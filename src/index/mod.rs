//! The full-text index: a tantivy index of the corpus, one document per
//! statement, kept beside the corpus (`<corpus>/.index/`) and refreshed
//! incrementally. Analysis commands call [`open_fresh`] and then [`select`]
//! (statement ids for a query) or the search and concordance functions, so a
//! new user never has to run `readouts index` first.

pub mod analyzer;
mod build;
pub mod kwic;
mod manifest;
pub mod query;
pub mod schema;
mod swap;

use std::path::{Path, PathBuf};

use tantivy::{IndexReader, ReloadPolicy};

pub use build::{terminal_progress, update, UpdateReport};
pub use kwic::{kwic, KwicLine, KwicOptions, KwicSort};
pub use query::{count_by, search, select, Count, CountKey, Hit, SearchOptions, Snippet};
pub use schema::Fields;

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
    #[error("{} holds files that are not a readouts index; give --index an empty or new folder", .0.display())]
    NotAnIndex(PathBuf),
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
/// first bringing it up to date with the corpus when `refresh` is true.
/// The freshness check only compares file sizes and times, so it is cheap.
pub fn open_fresh(
    corpus_dir: &Path,
    index_dir: Option<&Path>,
    refresh: bool,
) -> Result<Index, Error> {
    let dir = index_dir.map_or_else(|| default_dir(corpus_dir), Path::to_path_buf);
    let mut report = None;
    if refresh {
        if !manifest::is_fresh(corpus_dir, &dir)? {
            report = Some(update(corpus_dir, &dir, &build::terminal_progress())?);
        }
    } else {
        manifest::check_version(&dir)?;
    }
    let mut index = open(&dir)?;
    index.update = report;
    Ok(index)
}

/// Opens the index at `dir` as it stands.
pub fn open(dir: &Path) -> Result<Index, Error> {
    let terr = |source| Error::Tantivy {
        path: dir.to_path_buf(),
        source,
    };
    swap::recover(dir);
    if !dir.join("meta.json").is_file() {
        return Err(Error::Missing(dir.to_path_buf()));
    }
    let inner = tantivy::Index::open_in_dir(dir).map_err(terr)?;
    analyzer::register(&inner);
    let fields = Fields::of(&inner.schema()).ok_or_else(|| Error::NotAnIndex(dir.to_path_buf()))?;
    let reader = inner
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(terr)?;
    Ok(Index {
        inner,
        reader,
        fields,
        dir: dir.to_path_buf(),
        update: None,
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

    pub(crate) fn terr(&self, source: tantivy::TantivyError) -> Error {
        Error::Tantivy {
            path: self.dir.clone(),
            source,
        }
    }
}
