//! Reading a corpus folder: every `*.toml` file is one event, every `*.jsonl`
//! file holds statements one per line, and `*.events.toml` files group
//! statements of other files into events (applied last; `events_file.rs`). Hidden entries (such as the `.index/`
//! folder) and other files (READMEs) are passed over. Nothing stops at the
//! first problem: bad files and lines become diagnostics and everything valid
//! is kept, so one broken file never hides the rest of months of collecting.
//! Only regular files and real folders are read ([`walk`]).

mod events_file;
mod jsonl_file;
pub mod partial;
mod record;
mod toml_file;
pub mod walk;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use super::diagnostic::{Diagnostic, LineIndex};
use super::model::Event;
use super::Corpus;
use record::Checker;

pub use events_file::{is_events_file, SUFFIX as EVENTS_FILE_SUFFIX};
pub use jsonl_file::EVENT_KEYS as JSONL_EVENT_KEYS;
pub use record::STATEMENT_KEYS;

/// Failures that leave nothing to load at all.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("corpus folder {} does not exist (give another with --corpus DIR)", .0.display())]
    NotFound(PathBuf),
    #[error("{} is not a folder; --corpus takes the folder holding the event files", .0.display())]
    NotADirectory(PathBuf),
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A corpus and every problem met while reading it.
#[derive(Debug)]
pub struct Loaded {
    pub corpus: Corpus,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Reads every event below `root`.
pub fn load(root: &Path) -> Result<Loaded, Error> {
    let walk::Walk {
        files,
        mut diagnostics,
    } = walk_corpus(root)?;
    let (grouping_files, files): (Vec<PathBuf>, Vec<PathBuf>) =
        files.into_iter().partition(|p| is_events_file(p));
    let mut events: Vec<Event> = Vec::new();
    // Files are read and parsed on all cores, and merged in path order.
    for (mut found, mut diags) in crate::par::map(&files, 1, |path| read_file(path)) {
        events.append(&mut found);
        diagnostics.append(&mut diags);
    }
    let mut events = merge(events, &mut diagnostics);
    let groupings = read_events_files(&grouping_files, &mut diagnostics);
    events_file::apply(groupings, &mut events, &mut diagnostics);
    warn_one_sided(&events, &mut diagnostics);
    diagnostics.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    Ok(Loaded {
        corpus: Corpus::new(root.to_path_buf(), events),
        diagnostics,
    })
}

/// The `[[event]]` entries of every events file (applied after all else is read).
fn read_events_files(
    paths: &[PathBuf],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<events_file::Grouping> {
    let mut out = Vec::new();
    for path in paths {
        let mut checker = Checker::new(path);
        match fs::read_to_string(path) {
            Ok(text) => out.extend(events_file::read(path, &text, &mut checker)),
            Err(e) => checker.error_at(1, 1, format!("cannot read the file: {e}")),
        }
        diagnostics.append(&mut checker.diagnostics);
    }
    out
}

/// The corpus files below `root`, in a stable order (entries passed over are
/// left out; [`load`] reports them); a `root` that is missing or not a folder
/// is said so plainly.
pub fn corpus_files(root: &Path) -> Result<Vec<PathBuf>, Error> {
    Ok(walk_corpus(root)?.files)
}

/// The corpus files below `root` and the diagnostics of what was passed over.
fn walk_corpus(root: &Path) -> Result<walk::Walk, Error> {
    let meta = fs::metadata(root).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound(root.to_path_buf()),
        _ => Error::Io {
            path: root.to_path_buf(),
            source: e,
        },
    })?;
    if !meta.is_dir() {
        return Err(Error::NotADirectory(root.to_path_buf()));
    }
    // The root itself must be listable; anything below it that is not is a diagnostic.
    fs::read_dir(root).map_err(|source| Error::Io {
        path: root.to_path_buf(),
        source,
    })?;
    Ok(walk::walk(root))
}

/// Reads one corpus file; a file that cannot be read at all (or is not a
/// regular file once opened) is one diagnostic.
pub fn read_file(path: &Path) -> (Vec<Event>, Vec<Diagnostic>) {
    match walk::read_regular(path) {
        Ok(bytes) => parse_bytes(path, &bytes),
        Err(e) => {
            let mut checker = Checker::new(path);
            checker.error_at(1, 1, format!("cannot read the file: {e}"));
            (Vec::new(), checker.diagnostics)
        }
    }
}

/// Parses the content of one corpus file; `path` decides the format (by its
/// extension) and names the file in diagnostics. Never panics, whatever the bytes.
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> (Vec<Event>, Vec<Diagnostic>) {
    let mut checker = Checker::new(path);
    let Some(text) = decode(bytes, &mut checker) else {
        return (Vec::new(), checker.diagnostics);
    };
    let events = if path.extension().is_some_and(|e| e == "jsonl") {
        jsonl_file::read(text, &mut checker)
    } else {
        toml_file::read(path, text, &mut checker)
            .into_iter()
            .collect()
    };
    (events, checker.diagnostics)
}

/// UTF-8 text without a byte-order mark; binary and non-UTF-8 files are refused.
fn decode<'b>(bytes: &'b [u8], checker: &mut Checker<'_>) -> Option<&'b str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        checker.error_at(1, 1, "empty file; remove it or give it an event");
        return None;
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let (line, col) = prefix_position(bytes, at);
        checker.error_at(
            line,
            col,
            "binary file (it holds NUL bytes), not TOML or JSON Lines text",
        );
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            let (line, col) = prefix_position(bytes, e.valid_up_to());
            checker.error_at(line, col, "not UTF-8 text; save the file as UTF-8");
            None
        }
    }
}

fn prefix_position(bytes: &[u8], at: usize) -> (usize, usize) {
    let valid = std::str::from_utf8(&bytes[..at])
        .unwrap_or_else(|e| std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default());
    LineIndex::new(valid).locate(valid.len())
}

/// Joins JSONL groups of one event across files; a TOML event and anything
/// else with the same id is a duplicate.
fn merge(events: Vec<Event>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Event> {
    let mut by_id: BTreeMap<String, Event> = BTreeMap::new();
    // Statement ids of each event merged from several files, so joining the
    // files of one event stays linear in its statements.
    let mut ids: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    for event in events {
        let Some(first) = by_id.get_mut(&event.id) else {
            by_id.insert(event.id.clone(), event);
            continue;
        };
        let both_jsonl = is_jsonl(&first.origin.path) && is_jsonl(&event.origin.path);
        if let Some((field, a, b)) = both_jsonl.then(|| differing_field(first, &event)).flatten() {
            diagnostics.push(Diagnostic::error(
                &event.origin.path,
                event.origin.line,
                1,
                format!(
                    "`{field}` of event `{}` is {b:?} here but {a:?} in {}:{}; every line of one event must carry the same event fields, so these statements are left out",
                    event.id,
                    first.origin.path.display(),
                    first.origin.line
                ),
            ));
            continue;
        }
        if both_jsonl {
            let seen = ids
                .entry(event.id.clone())
                .or_insert_with(|| first.statements.iter().map(|f| f.id.clone()).collect());
            for s in event.statements {
                if !seen.insert(s.id.clone()) {
                    diagnostics.push(Diagnostic::error(
                        &s.origin.path,
                        s.origin.line,
                        1,
                        format!(
                            "duplicate statement id `{}` (also in {}); remove one copy",
                            s.id,
                            first.origin.path.display()
                        ),
                    ));
                } else {
                    first.statements.push(s);
                }
            }
        } else {
            diagnostics.push(Diagnostic::error(
                &event.origin.path,
                event.origin.line,
                1,
                format!(
                    "duplicate event id `{}`: already defined in {}:{}; event ids must be unique",
                    event.id,
                    first.origin.path.display(),
                    first.origin.line
                ),
            ));
        }
    }
    by_id.into_values().collect()
}

/// The first event field on which two files' lines of one event disagree,
/// with both values.
fn differing_field(a: &Event, b: &Event) -> Option<(&'static str, String, String)> {
    if a.date != b.date {
        Some(("date", a.date.to_string(), b.date.to_string()))
    } else if a.kind != b.kind {
        Some(("kind", a.kind.clone(), b.kind.clone()))
    } else if a.title != b.title {
        Some(("event_title", a.title.clone(), b.title.clone()))
    } else {
        None
    }
}

fn is_jsonl(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "jsonl")
}

fn warn_one_sided(events: &[Event], diagnostics: &mut Vec<Diagnostic>) {
    for e in events.iter().filter(|e| e.sides().len() == 1) {
        diagnostics.push(Diagnostic::warning(
            &e.origin.path,
            e.origin.line,
            1,
            format!(
                "event `{}` has a statement from {} only",
                e.id,
                e.sides()[0]
            ),
        ));
    }
}
