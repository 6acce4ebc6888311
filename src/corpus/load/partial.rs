//! Loading only some statements of a corpus: the lines named in a [`Wanted`]
//! are parsed (a TOML file, one event, is parsed whole) and go through the
//! same merge and events-file steps as in [`super::load`], so each statement
//! and event comes out as the full load gives it. What the caller knows from
//! a full load made earlier (the catalog kept beside the index) supplies the
//! diagnostics and says in which event each statement ends up; when the
//! partial result disagrees with that (an events file whose grouping only
//! the whole corpus refuses), [`load_wanted`] says so and the caller loads
//! everything.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::record::Checker;
use super::Loaded;
use super::{decode, is_events_file, jsonl_file, merge, read_events_files, toml_file, walk};
use crate::corpus::{Corpus, Diagnostic, Event};

/// One line of a JSON Lines file (or one statement of a TOML file) to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number (in a TOML file, the line the statement starts on).
    pub number: usize,
    /// Byte offset of the line in the file and its length without the line end.
    pub offset: u64,
    pub len: usize,
    /// The event the full load puts this statement in; `None` for a line
    /// read only for what it tells about its event (its first line, or a
    /// statement an events file groups with a chosen one), not kept.
    pub event: Option<String>,
}

/// The statements to read: for each corpus file (relative to the corpus
/// root), its lines in any order. A TOML file (one event) is read whole.
#[derive(Debug, Default, Clone)]
pub struct Wanted {
    pub files: BTreeMap<PathBuf, Vec<Line>>,
}

impl Wanted {
    /// Number of statements to keep.
    pub fn len(&self) -> usize {
        self.lines().filter(|l| l.event.is_some()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lines(&self) -> impl Iterator<Item = &Line> {
        self.files.values().flatten()
    }
}

/// Reads the statements `wanted` names below `root`, with `diagnostics` (those
/// of the full load) as the loaded corpus's diagnostics; `files` are all the
/// corpus files (relative to `root`: the events files among them are applied).
/// `None` when the files no longer give what `wanted` expects: the caller
/// then loads it all.
pub fn load_wanted(
    root: &Path,
    files: &[PathBuf],
    wanted: &Wanted,
    diagnostics: Vec<Diagnostic>,
) -> Option<Loaded> {
    let grouping_files: Vec<PathBuf> = files
        .iter()
        .filter(|p| is_events_file(p))
        .map(|p| root.join(p))
        .collect();
    let files: Vec<(&PathBuf, &Vec<Line>)> = wanted.files.iter().collect();
    let mut events = Vec::new();
    for found in crate::par::map(&files, 1, |(rel, lines)| read_some(root, rel, lines)) {
        match found {
            Some(mut found) => events.append(&mut found),
            None => return None,
        }
    }
    let mut scratch = Vec::new();
    let mut events = merge(events, &mut scratch);
    let groupings = read_events_files(&grouping_files, &mut scratch);
    super::events_file::apply(groupings, &mut events, &mut scratch);
    keep_wanted(root, events, wanted).map(|events| Loaded {
        corpus: Corpus::new(root.to_path_buf(), events),
        diagnostics,
    })
}

/// The events of the wanted lines of one file; `None` when the file cannot be
/// read or decoded any more (it changed since the catalog was written).
fn read_some(root: &Path, rel: &Path, lines: &[Line]) -> Option<Vec<Event>> {
    let path = root.join(rel);
    let mut checker = Checker::new(&path);
    if path.extension().is_none_or(|e| e != "jsonl") {
        let bytes = walk::read_regular(&path).ok()?;
        let text = decode(&bytes, &mut checker)?;
        return Some(
            toml_file::read(&path, text, &mut checker)
                .into_iter()
                .collect(),
        );
    }
    let mut lines: Vec<&Line> = lines.iter().collect();
    lines.sort_by_key(|l| l.number);
    lines.dedup_by_key(|l| l.number);
    let ranges: Vec<(u64, usize)> = lines.iter().map(|l| (l.offset, l.len)).collect();
    let bytes = walk::read_ranges(&path, &ranges).ok()?;
    let mut texts = Vec::with_capacity(bytes.len());
    for b in &bytes {
        let text = std::str::from_utf8(b).ok()?;
        texts.push(text.strip_suffix('\r').unwrap_or(text));
    }
    let numbered = lines.iter().map(|l| l.number).zip(texts);
    Some(jsonl_file::read_lines(numbered, &mut checker))
}

/// The wanted statements alone, each in the event the full load gave it;
/// `None` when one is missing or sits in another event.
fn keep_wanted(root: &Path, mut events: Vec<Event>, wanted: &Wanted) -> Option<Vec<Event>> {
    let by_path: HashMap<PathBuf, HashMap<usize, &str>> = wanted
        .files
        .iter()
        .map(|(rel, lines)| {
            let kept = lines
                .iter()
                .filter_map(|l| Some((l.number, l.event.as_deref()?)))
                .collect();
            (root.join(rel), kept)
        })
        .collect();
    let mut kept = 0;
    let mut agrees = true;
    for event in &mut events {
        event.statements.retain(|s| {
            let Some(expected) = by_path
                .get(&s.origin.path)
                .and_then(|lines| lines.get(&s.origin.line))
            else {
                return false;
            };
            agrees &= *expected == event.id;
            kept += 1;
            true
        });
    }
    events.retain(|e| !e.statements.is_empty());
    (agrees && kept == wanted.len()).then_some(events)
}
