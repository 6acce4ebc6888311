//! Building and updating the index. An update reads the corpus, hashes each
//! statement and touches only what changed: new and edited statements are
//! (re-)indexed, removed ones deleted, the rest left alone. An index of
//! another schema version, or a damaged one (`damage.rs`), is rebuilt from
//! scratch. Only a folder that is the tool's (`folder.rs`) is ever written.
//! Tantivy's writer lock keeps two updates from running at once; the second
//! is told the index is busy.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use serde::Serialize;
use tantivy::schema::TantivyDocument;
use tantivy::{IndexWriter, TantivyError, Term};

use super::manifest::{self, fnv1a, Hashes, Manifest};
use super::{analyzer, damage, folder, schema, swap, Error, Fields};
use crate::corpus::{self, Event, Statement};
use crate::progress::Progress;

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

/// How closely an update looks at the index it finds before trusting it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scrutiny {
    /// Every segment file present and ending with a whole footer (a few stats).
    #[default]
    Footers,
    /// And every segment file's checksum (reads the whole index).
    Checksums,
}

/// Brings the index at `index_dir` up to date with `corpus_dir`, creating it if needed.
/// A small change is one atomic tantivy commit; a first build, a rebuild or a
/// change larger than one in-flight batch is built beside the index and
/// swapped in whole, so an interrupted update never shows half its work.
pub fn update(
    corpus_dir: &Path,
    index_dir: &Path,
    progress: &dyn Progress,
) -> Result<UpdateReport, Error> {
    update_with(corpus_dir, index_dir, progress, Scrutiny::Footers)
}

/// [`update`], looking at the index found with the given [`Scrutiny`]: a
/// damaged index is rebuilt, and [`UpdateReport::rebuilt`] says what was wrong.
pub fn update_with(
    corpus_dir: &Path,
    index_dir: &Path,
    progress: &dyn Progress,
    scrutiny: Scrutiny,
) -> Result<UpdateReport, Error> {
    // Stamp the files before reading them: an edit made while indexing shows next time.
    let mut stamp = Manifest::of_corpus(corpus_dir)?;
    swap::recover(index_dir);
    folder::claim(index_dir)?;
    if let Some(report) = nothing_to_do(index_dir, &stamp, scrutiny) {
        // Another process updating the index is said, as when there is work.
        let _held = swap::lock(index_dir)?;
        return Ok(report);
    }
    let plan = plan(corpus_dir, index_dir, scrutiny, &stamp)?;
    stamp.corpus_errors = plan.report.corpus_errors;
    let whole = plan.old.is_none() || plan.bytes > IN_FLIGHT_BYTES;
    if whole && swap::can_stage(index_dir) {
        staged(index_dir, plan, &stamp, progress)
    } else {
        in_place(index_dir, plan, &stamp, progress)
    }
}

/// The report of an update that finds the index built from the corpus files
/// as they are (the manifest's stamps), sound, and holding its catalog: no
/// file is read. `None` when there may be work.
fn nothing_to_do(index_dir: &Path, stamp: &Manifest, scrutiny: Scrutiny) -> Option<UpdateReport> {
    let stored = Manifest::stored(index_dir)?;
    if !stored.same_files(stamp) || !index_dir.join(super::catalog::CATALOG).is_file() {
        return None;
    }
    let (Some(hashes), None) = stored_hashes(index_dir, scrutiny) else {
        return None;
    };
    Some(UpdateReport {
        unchanged: hashes.len(),
        corpus_errors: stored.corpus_errors,
        ..UpdateReport::default()
    })
}

/// What an update has to do, worked out before anything is written.
struct Plan {
    report: UpdateReport,
    /// Every statement of the corpus, by event.
    events: Vec<Event>,
    /// Keys ([`schema::key`]) of the statements to (re-)index.
    todo: HashSet<String>,
    /// Keys to delete from the index.
    gone: Vec<String>,
    /// Bytes of text to (re-)index.
    bytes: usize,
    hashes: Hashes,
    /// The hashes of the index as it is; `None` when it must be rebuilt.
    old: Option<Hashes>,
    /// The catalog of the corpus as read (`catalog.rs`), written with the manifest.
    catalog: Option<Vec<u8>>,
}

fn plan(
    corpus_dir: &Path,
    index_dir: &Path,
    scrutiny: Scrutiny,
    stamp: &Manifest,
) -> Result<Plan, Error> {
    let mut report = UpdateReport::default();
    let (old, rebuilt) = stored_hashes(index_dir, scrutiny);
    report.rebuilt = rebuilt;
    let loaded = corpus::load(corpus_dir)?;
    report.corpus_errors = loaded.error_count();
    let catalog = super::catalog::encode(corpus_dir, stamp.clone(), &loaded);
    let mut left = old.clone().unwrap_or_default();
    let (mut hashes, mut todo, mut bytes) = (Hashes::new(), HashSet::new(), 0);
    let mut events = loaded.corpus.events;
    for event in &mut events {
        let kind = event.kind.clone();
        let mut keys = Vec::with_capacity(event.statements.len());
        event.statements.retain(|statement| {
            let hash = statement_hash(&kind, statement);
            let key = schema::key(&event.id, &statement.id);
            // A duplicate id the loader already reported is indexed once.
            let new = hashes.insert(key.clone(), hash).is_none();
            if new {
                keys.push(key);
            }
            new
        });
        for (statement, key) in event.statements.iter().zip(keys) {
            match left.remove(&key) {
                Some(h) if h == hashes[&key] => report.unchanged += 1,
                found => {
                    if found.is_some() {
                        report.changed += 1;
                    } else {
                        report.added += 1;
                    }
                    bytes += statement.text.len();
                    todo.insert(key);
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
        catalog,
    })
}

/// The statement hashes of the index at `dir` if it can be updated in place,
/// else `None` and why it is rebuilt (nothing said for a new index).
fn stored_hashes(dir: &Path, scrutiny: Scrutiny) -> (Option<Hashes>, Option<String>) {
    if !dir.join("meta.json").is_file() {
        return (None, None);
    }
    match Manifest::stored_version(dir) {
        Some(schema::VERSION) => {}
        Some(v) => {
            return (
                None,
                Some(format!(
                    "the index was written by schema version {v}; rebuilt with version {}",
                    schema::VERSION
                )),
            )
        }
        None => return (None, Some("the index had no manifest; rebuilt".to_string())),
    }
    if let Err(why) = examine(dir, scrutiny) {
        return (
            None,
            Some(format!("the index was damaged ({why}); rebuilt")),
        );
    }
    (manifest::read_hashes(dir), None)
}

/// Whether the index at `dir` opens as ours and passes the checks `scrutiny` asks for.
fn examine(dir: &Path, scrutiny: Scrutiny) -> Result<(), String> {
    let index =
        tantivy::Index::open_in_dir(dir).map_err(|e| format!("meta.json cannot be read: {e}"))?;
    if Fields::of(&index.schema()).is_none() {
        return Err("meta.json describes another schema".to_string());
    }
    let (_, found) = damage::problems(&index, dir, scrutiny == Scrutiny::Checksums)?;
    match found.as_slice() {
        [] => {}
        [one] => return Err(one.clone()),
        [first, rest @ ..] => return Err(format!("{first}, and {} more files", rest.len())),
    }
    Ok(())
}

/// Updates the index folder itself, in one commit.
fn in_place(
    index_dir: &Path,
    plan: Plan,
    stamp: &Manifest,
    progress: &dyn Progress,
) -> Result<UpdateReport, Error> {
    let terr = |source| Error::Tantivy {
        path: index_dir.to_path_buf(),
        source,
    };
    let (index, _) = open_or_create(index_dir, plan.old.is_none())?;
    let fields = Fields::of(&index.schema()).ok_or_else(|| Error::NotAnIndex(index_dir.into()))?;
    let mut writer = writer(&index, index_dir)?;
    writer.set_merge_policy(Box::new(update_policy()));
    // Segment files orphaned by an update that failed (a full disk) go first.
    writer.garbage_collect_files().wait().map_err(terr)?;
    if plan.old.is_none() {
        writer.delete_all_documents().map_err(terr)?;
    }
    for key in &plan.gone {
        writer.delete_term(Term::from_field_text(fields.key, key));
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
    if let Some(bytes) = &plan.catalog {
        super::catalog::store(index_dir, bytes)?;
    }
    stamp.write(index_dir)?;
    Ok(report)
}

/// Builds the whole index in a new staging folder while holding the lock of
/// `index_dir`, then swaps it in.
fn staged(
    index_dir: &Path,
    plan: Plan,
    stamp: &Manifest,
    progress: &dyn Progress,
) -> Result<UpdateReport, Error> {
    let _held = swap::lock(index_dir)?;
    swap::clear_leftovers(index_dir);
    let staging = swap::new_staging(index_dir)?;
    let at = staging.path().to_path_buf();
    let terr = |source| Error::Tantivy {
        path: at.clone(),
        source,
    };
    let index = tantivy::Index::create_in_dir(&at, schema::build()).map_err(terr)?;
    analyzer::register(&index);
    let fields = Fields::of(&index.schema()).ok_or_else(|| Error::NotAnIndex(at.clone()))?;
    let mut writer = writer(&index, &at)?;
    // Merging while building holds old and new segments in memory at once;
    // nobody searches the staging folder, so its segments are left as written.
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let all: HashSet<String> = plan.hashes.keys().cloned().collect();
    add_all(&mut writer, &fields, plan.events, &all, progress, &at)?;
    writer.commit().map_err(terr)?;
    writer.wait_merging_threads().map_err(terr)?;
    manifest::write_hashes(&at, &plan.hashes)?;
    if let Some(bytes) = &plan.catalog {
        super::catalog::store(&at, bytes)?;
    }
    stamp.write(&at)?;
    // Hold the new folder's lock too, so nobody starts on it before we are done.
    let _new = swap::lock(&at)?;
    swap::swap_in(staging, index_dir)?;
    Ok(plan.report)
}

/// Adds the statements whose keys are in `keys`, deleting any earlier version;
/// commits every [`IN_FLIGHT_BYTES`] to bound memory (only ever reached in a
/// staging folder, or for a nameless index folder).
fn add_all(
    writer: &mut IndexWriter,
    fields: &Fields,
    events: Vec<Event>,
    keys: &HashSet<String>,
    progress: &dyn Progress,
    dir: &Path,
) -> Result<(), Error> {
    let terr = |source| Error::Tantivy {
        path: dir.to_path_buf(),
        source,
    };
    progress.start(keys.len() as u64);
    let mut queued_bytes = 0;
    for mut event in events {
        for statement in std::mem::take(&mut event.statements) {
            let key = schema::key(&event.id, &statement.id);
            if !keys.contains(&key) {
                continue;
            }
            // Deleting first also mends an index whose hash file was lost mid-update.
            writer.delete_term(Term::from_field_text(fields.key, &key));
            queued_bytes += statement.text.len();
            writer
                .add_document(document(fields, &event, statement))
                .map_err(terr)?;
            progress.advance(1);
            if queued_bytes > IN_FLIGHT_BYTES {
                writer.commit().map_err(terr)?;
                queued_bytes = 0;
            }
        }
    }
    progress.finish();
    Ok(())
}

/// Segments with more documents than this are left as they are by updates.
const SMALL_SEGMENT_DOCS: u32 = 256;

/// How updates merge: only the small segments updates write, among
/// themselves. The batch build's segments (hundreds of statements each, at
/// most [`IN_FLIGHT_BYTES`] of text) are never merged, so the first update
/// after a build costs what any update costs instead of merging (and holding
/// in memory) the whole index.
fn update_policy() -> tantivy::indexer::LogMergePolicy {
    let mut policy = tantivy::indexer::LogMergePolicy::default();
    policy.set_max_docs_before_merge(SMALL_SEGMENT_DOCS as usize);
    policy
}

/// Opens the index folder (already claimed as the tool's), or creates the
/// index in it; with `rebuild`, or when the index there cannot be used as it
/// is, the tool's files are removed and the index created anew.
fn open_or_create(dir: &Path, rebuild: bool) -> Result<(tantivy::Index, bool), Error> {
    let terr = |source| Error::Tantivy {
        path: dir.to_path_buf(),
        source,
    };
    if dir.join("meta.json").is_file() {
        let ours = (!rebuild && Manifest::stored_version(dir) == Some(schema::VERSION))
            .then(|| tantivy::Index::open_in_dir(dir).ok())
            .flatten()
            .filter(|i| Fields::of(&i.schema()).is_some());
        if let Some(index) = ours {
            analyzer::register(&index);
            return Ok((index, false));
        }
        remove_tool_files(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let index = tantivy::Index::create_in_dir(dir, schema::build()).map_err(terr)?;
    analyzer::register(&index);
    Ok((index, true))
}

/// Removes the index files of a folder that is the tool's: only names the
/// tool writes ([`folder::is_tool_file`]), never the marker, a lock, a link
/// or a sub-folder.
fn remove_tool_files(dir: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let keep = name == folder::MARKER || name.ends_with(".lock");
        if entry.file_type()?.is_file() && folder::is_tool_file(&name) && !keep {
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
    doc.add_text(f.key, schema::key(&event.id, &s.id));
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
    if let Some(url) = &s.url {
        doc.add_text(f.url, url);
    }
    doc.add_text(f.exact, &s.text);
    doc.add_text(f.text, s.text);
    doc
}
