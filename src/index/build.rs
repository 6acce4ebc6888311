//! Building and updating the index. An update reads the corpus, hashes each
//! statement and touches only what changed: new and edited statements are
//! (re-)indexed, removed ones deleted, the rest left alone. An index of
//! another schema version is rebuilt from scratch. Tantivy's writer lock keeps
//! two updates from running at once; the second is told the index is busy.

use std::fs;
use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use tantivy::schema::TantivyDocument;
use tantivy::{IndexWriter, TantivyError, Term};

use super::manifest::{self, fnv1a, Hashes, Manifest};
use super::{analyzer, schema, Error, Fields};
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
pub fn update(
    corpus_dir: &Path,
    index_dir: &Path,
    progress: &ProgressBar,
) -> Result<UpdateReport, Error> {
    let mut report = UpdateReport::default();
    let terr = |source| Error::Tantivy {
        path: index_dir.to_path_buf(),
        source,
    };
    // Stamp the files before reading them: an edit made while indexing shows next time.
    let stamp = Manifest::of_corpus(corpus_dir)?;
    let (index, rebuilt) = open_or_create(index_dir)?;
    report.rebuilt = rebuilt;
    let fields = Fields::of(&index.schema()).ok_or_else(|| Error::NotAnIndex(index_dir.into()))?;
    let mut writer = writer(&index, index_dir)?;
    let mut old = match (&report.rebuilt, manifest::read_hashes(index_dir)) {
        (None, Some(h)) => h,
        _ => {
            // No record of what is in there: start over.
            writer.delete_all_documents().map_err(terr)?;
            Hashes::new()
        }
    };
    let loaded = corpus::load(corpus_dir)?;
    report.corpus_errors = loaded.error_count();
    let mut hashes = Hashes::new();
    let mut todo: Vec<Event> = Vec::new();
    for mut event in loaded.corpus.events {
        for statement in std::mem::take(&mut event.statements) {
            let hash = statement_hash(&event, &statement);
            if hashes.insert(statement.id.clone(), hash).is_some() {
                continue; // a duplicate id the loader already reported
            }
            match old.remove(&statement.id) {
                Some(h) if h == hash => report.unchanged += 1,
                Some(_) => {
                    report.changed += 1;
                    event.statements.push(statement);
                }
                None => {
                    report.added += 1;
                    event.statements.push(statement);
                }
            }
        }
        if !event.statements.is_empty() {
            todo.push(event);
        }
    }
    for id in old.keys() {
        writer.delete_term(Term::from_field_text(fields.id, id));
        report.removed += 1;
    }
    progress.set_length((report.added + report.changed) as u64);
    let mut queued_bytes = 0;
    for mut event in todo {
        let statements = std::mem::take(&mut event.statements);
        for statement in statements {
            // Deleting first also mends an index whose hash file was lost mid-update.
            writer.delete_term(Term::from_field_text(fields.id, &statement.id));
            queued_bytes += statement.text.len();
            writer
                .add_document(document(&fields, &event, statement))
                .map_err(terr)?;
            progress.inc(1);
            // Tantivy queues up to 10,000 documents; committing now and then
            // bounds the memory held by documents waiting to be indexed.
            if queued_bytes > IN_FLIGHT_BYTES {
                writer.commit().map_err(terr)?;
                queued_bytes = 0;
            }
        }
    }
    progress.finish_and_clear();
    if report.added + report.changed + report.removed > 0 || report.rebuilt.is_some() {
        writer.commit().map_err(terr)?;
    }
    writer.wait_merging_threads().map_err(terr)?;
    manifest::write_hashes(index_dir, &hashes)?;
    stamp.write(index_dir)?;
    Ok(report)
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
fn statement_hash(event: &Event, statement: &Statement) -> u64 {
    let bytes = serde_json::to_vec(&(&event.kind, statement)).unwrap_or_default();
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
