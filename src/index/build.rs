//! Building and updating the index. An update reads the corpus, hashes each
//! statement and touches only what changed: new and edited statements are
//! (re-)indexed, removed ones deleted, the rest left alone. An index of
//! another schema version is rebuilt from scratch. Tantivy's writer lock keeps
//! two updates from running at once; the second is told the index is busy.

use std::collections::HashSet;
use std::fs;
use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use tantivy::schema::TantivyDocument;
use tantivy::{IndexWriter, TantivyError, Term};

use super::manifest::{self, fnv1a, Hashes, Manifest};
use super::{analyzer, schema, swap, Error, Fields};
use crate::corpus::{self, Event, Statement};

/// What an update did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateReport {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Why the whole index was rebuilt, when it was.
    pub rebuilt: Option<String>,
    /// Corpus errors (statements that could not be read and are not indexed).
    pub corpus_errors: usize,
}

/// A progress bar on stderr, drawn only when stderr is a terminal.
pub fn terminal_progress() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("indexing {bar:30} {pos}/{len} statements ({eta} left)")
    {
        bar.set_style(style);
    }
    bar
}

/// Brings the index at `index_dir` up to date with `corpus_dir`, creating it if needed.
/// A small change is one atomic tantivy commit; a first build, a rebuild or a
/// change larger than one in-flight batch is built beside the index and
/// swapped in whole, so an interrupted update never shows half its work.
pub fn update(
    corpus_dir: &Path,
    index_dir: &Path,
    progress: &ProgressBar,
) -> Result<UpdateReport, Error> {
    // Stamp the files before reading them: an edit made while indexing shows next time.
    let stamp = Manifest::of_corpus(corpus_dir)?;
    swap::recover(index_dir);
    check_folder(index_dir)?;
    let plan = plan(corpus_dir, index_dir)?;
    match swap::staging_dir(index_dir) {
        Some(staging) if plan.old.is_none() || plan.bytes > IN_FLIGHT_BYTES => {
            staged(index_dir, &staging, plan, &stamp, progress)
        }
        _ => in_place(index_dir, plan, &stamp, progress),
    }
}

/// What an update has to do, worked out before anything is written.
struct Plan {
    report: UpdateReport,
    /// Every statement of the corpus, by event.
    events: Vec<Event>,
    /// Ids of the statements to (re-)index.
    todo: HashSet<String>,
    /// Ids to delete from the index.
    gone: Vec<String>,
    /// Bytes of text to (re-)index.
    bytes: usize,
    hashes: Hashes,
    /// The hashes of the index as it is; `None` when it must be rebuilt.
    old: Option<Hashes>,
}

fn plan(corpus_dir: &Path, index_dir: &Path) -> Result<Plan, Error> {
    let mut report = UpdateReport::default();
    let (old, rebuilt) = stored_hashes(index_dir);
    report.rebuilt = rebuilt;
    let loaded = corpus::load(corpus_dir)?;
    report.corpus_errors = loaded.error_count();
    let mut left = old.clone().unwrap_or_default();
    let (mut hashes, mut todo, mut bytes) = (Hashes::new(), HashSet::new(), 0);
    let mut events = loaded.corpus.events;
    for event in &mut events {
        let kind = event.kind.clone();
        event.statements.retain(|statement| {
            let hash = statement_hash(&kind, statement);
            // A duplicate id the loader already reported is indexed once.
            hashes.insert(statement.id.clone(), hash).is_none()
        });
        for statement in &event.statements {
            match left.remove(&statement.id) {
                Some(h) if h == hashes[&statement.id] => report.unchanged += 1,
                found => {
                    if found.is_some() {
                        report.changed += 1;
                    } else {
                        report.added += 1;
                    }
                    bytes += statement.text.len();
                    todo.insert(statement.id.clone());
                }
            }
        }
    }
    report.removed = left.len();
    let gone = left.into_keys().collect();
    Ok(Plan {
        report,
        events,
        todo,
        gone,
        bytes,
        hashes,
        old,
    })
}

/// The statement hashes of the index at `dir` if it can be updated in place,
/// else `None` and why it is rebuilt (nothing said for a new index).
fn stored_hashes(dir: &Path) -> (Option<Hashes>, Option<String>) {
    if !dir.join("meta.json").is_file() {
        return (None, None);
    }
    let ours = || {
        tantivy::Index::open_in_dir(dir)
            .ok()
            .is_some_and(|i| Fields::of(&i.schema()).is_some())
    };
    match Manifest::stored_version(dir) {
        Some(schema::VERSION) if ours() => (manifest::read_hashes(dir), None),
        Some(v) if v != schema::VERSION => (
            None,
            Some(format!(
                "the index was written by schema version {v}; rebuilt with version {}",
                schema::VERSION
            )),
        ),
        _ => (None, Some("the index had no manifest; rebuilt".to_string())),
    }
}

/// A folder holding files other than an index (and its lock) is not ours to replace.
fn check_folder(dir: &Path) -> Result<(), Error> {
    if !dir.is_dir() || dir.join("meta.json").is_file() {
        return Ok(());
    }
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in fs::read_dir(dir).map_err(io)? {
        if entry.map_err(io)?.file_name() != LOCK_FILE {
            return Err(Error::NotAnIndex(dir.to_path_buf()));
        }
    }
    Ok(())
}

const LOCK_FILE: &str = ".tantivy-writer.lock";

/// Updates the index folder itself, in one commit.
fn in_place(
    index_dir: &Path,
    plan: Plan,
    stamp: &Manifest,
    progress: &ProgressBar,
) -> Result<UpdateReport, Error> {
    let terr = |source| Error::Tantivy {
        path: index_dir.to_path_buf(),
        source,
    };
    if index_dir.is_dir() {
        swap::check_writable(index_dir)?;
    }
    let (index, _) = open_or_create(index_dir)?;
    let fields = Fields::of(&index.schema()).ok_or_else(|| Error::NotAnIndex(index_dir.into()))?;
    let mut writer = writer(&index, index_dir)?;
    if plan.old.is_none() {
        writer.delete_all_documents().map_err(terr)?;
    }
    for id in &plan.gone {
        writer.delete_term(Term::from_field_text(fields.id, id));
    }
    let report = plan.report.clone();
    add_all(
        &mut writer,
        &fields,
        plan.events,
        &plan.todo,
        progress,
        index_dir,
    )?;
    if report.added + report.changed + report.removed > 0 || report.rebuilt.is_some() {
        writer.commit().map_err(terr)?;
    }
    writer.wait_merging_threads().map_err(terr)?;
    manifest::write_hashes(index_dir, &plan.hashes)?;
    stamp.write(index_dir)?;
    Ok(report)
}

/// Builds the whole index in `staging` while holding the lock of `index_dir`,
/// then swaps it in.
fn staged(
    index_dir: &Path,
    staging: &Path,
    plan: Plan,
    stamp: &Manifest,
    progress: &ProgressBar,
) -> Result<UpdateReport, Error> {
    let terr = |source| Error::Tantivy {
        path: staging.to_path_buf(),
        source,
    };
    fs::create_dir_all(index_dir).map_err(|source| Error::Io {
        path: index_dir.to_path_buf(),
        source,
    })?;
    swap::check_writable(index_dir)?;
    let _held = swap::lock(index_dir)?;
    swap::fresh_staging(staging)?;
    let index = tantivy::Index::create_in_dir(staging, schema::build()).map_err(terr)?;
    analyzer::register(&index);
    let fields = Fields::of(&index.schema()).ok_or_else(|| Error::NotAnIndex(staging.into()))?;
    let mut writer = writer(&index, staging)?;
    // Merging while building holds old and new segments in memory at once;
    // nobody searches the staging folder, so its segments are left as written.
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let all: HashSet<String> = plan.hashes.keys().cloned().collect();
    add_all(&mut writer, &fields, plan.events, &all, progress, staging)?;
    writer.commit().map_err(terr)?;
    writer.wait_merging_threads().map_err(terr)?;
    manifest::write_hashes(staging, &plan.hashes)?;
    stamp.write(staging)?;
    // Hold the new folder's lock too, so nobody starts on it before we are done.
    let _new = swap::lock(staging)?;
    swap::swap_in(staging, index_dir)?;
    Ok(plan.report)
}

/// Adds the statements whose ids are in `ids`, deleting any earlier version;
/// commits every [`IN_FLIGHT_BYTES`] to bound memory (only ever reached in a
/// staging folder, or for a nameless index folder).
fn add_all(
    writer: &mut IndexWriter,
    fields: &Fields,
    events: Vec<Event>,
    ids: &HashSet<String>,
    progress: &ProgressBar,
    dir: &Path,
) -> Result<(), Error> {
    let terr = |source| Error::Tantivy {
        path: dir.to_path_buf(),
        source,
    };
    progress.set_length(ids.len() as u64);
    let mut queued_bytes = 0;
    for mut event in events {
        for statement in std::mem::take(&mut event.statements) {
            if !ids.contains(&statement.id) {
                continue;
            }
            // Deleting first also mends an index whose hash file was lost mid-update.
            writer.delete_term(Term::from_field_text(fields.id, &statement.id));
            queued_bytes += statement.text.len();
            writer
                .add_document(document(fields, &event, statement))
                .map_err(terr)?;
            progress.inc(1);
            if queued_bytes > IN_FLIGHT_BYTES {
                writer.commit().map_err(terr)?;
                queued_bytes = 0;
            }
        }
    }
    progress.finish_and_clear();
    Ok(())
}

/// Opens the index folder, or creates it; an index of another schema version
/// is emptied and created anew (the reason is returned).
fn open_or_create(dir: &Path) -> Result<(tantivy::Index, Option<String>), Error> {
    let terr = |source| Error::Tantivy {
        path: dir.to_path_buf(),
        source,
    };
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut rebuilt = None;
    if dir.join("meta.json").is_file() {
        let version = Manifest::stored_version(dir);
        let ours = tantivy::Index::open_in_dir(dir)
            .ok()
            .filter(|i| Fields::of(&i.schema()).is_some());
        match (version, ours) {
            (Some(schema::VERSION), Some(index)) => {
                analyzer::register(&index);
                return Ok((index, None));
            }
            (Some(v), _) => {
                rebuilt = Some(format!(
                    "the index was written by schema version {v}; rebuilt with version {}",
                    schema::VERSION
                ))
            }
            (None, _) => rebuilt = Some("the index had no manifest; rebuilt".to_string()),
        }
        empty_folder(dir).map_err(io)?;
    } else if dir.is_dir() && fs::read_dir(dir).map_err(io)?.next().is_some() {
        return Err(Error::NotAnIndex(dir.to_path_buf()));
    }
    fs::create_dir_all(dir).map_err(io)?;
    let index = tantivy::Index::create_in_dir(dir, schema::build()).map_err(terr)?;
    analyzer::register(&index);
    Ok((index, rebuilt))
}

/// Removes the files of an index folder we created (never sub-folders).
fn empty_folder(dir: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

fn writer(index: &tantivy::Index, dir: &Path) -> Result<IndexWriter, Error> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    match index.writer_with_num_threads(threads, threads * 40_000_000) {
        Ok(w) => Ok(w),
        Err(TantivyError::LockFailure(..)) => Err(Error::Busy(dir.to_path_buf())),
        Err(source) => Err(Error::Tantivy {
            path: dir.to_path_buf(),
            source,
        }),
    }
}

/// The content hash of everything the index holds about a statement.
fn statement_hash(kind: &str, statement: &Statement) -> u64 {
    let bytes = serde_json::to_vec(&(kind, statement)).unwrap_or_default();
    fnv1a(&bytes)
}

/// Text queued for indexing before an intermediate commit.
const IN_FLIGHT_BYTES: usize = 24 << 20;

fn document(f: &Fields, event: &Event, s: Statement) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &s.id);
    doc.add_text(f.event, &s.event_id);
    doc.add_text(f.date, s.date.to_string());
    doc.add_u64(f.year, u64::from(s.date.year));
    doc.add_u64(f.first_day, schema::day_number(s.date.first_day()));
    doc.add_u64(f.last_day, schema::day_number(s.date.last_day()));
    doc.add_text(f.kind, &event.kind);
    doc.add_text(f.side, s.side.as_str());
    doc.add_text(f.issuer, &s.issuer);
    doc.add_text(f.language, &s.language);
    doc.add_text(f.title, &s.title);
    doc.add_text(f.exact, &s.text);
    doc.add_text(f.text, s.text);
    doc
}
