//! The catalog: what a full load of the corpus found, kept in the index
//! folder (`catalog.json`) so that a command needing a few statements (one
//! event for `diff`, two sides for `keyness`, the matches of a `--query`)
//! reads only those. It holds the corpus file stamps of the manifest
//! (`manifest.rs`), every diagnostic of the load, and for each event its kind,
//! first line, and its statements' ids, sides, issuers, dates and lines. It
//! is trusted only while the stamps match the corpus as it is; otherwise the
//! corpus is loaded whole and the catalog written anew. The statements chosen
//! are parsed from their lines by the loader itself
//! ([`crate::corpus::load::partial`]), so they come out exactly as a full load
//! gives them, and the diagnostics are those of the full load (a broken file
//! still warns).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::manifest::Manifest;
use super::{folder, Error};
use crate::corpus::load::partial::{self, Line, Wanted};
use crate::corpus::{self, Date, Diagnostic, Loaded, Severity, Side};

/// The file name in the index folder.
pub const CATALOG: &str = "catalog.json";
/// Bumped whenever the catalog or the loader's result changes shape.
const VERSION: u32 = 1;

/// What a chooser sees of one statement.
#[derive(Debug, Clone, Copy)]
pub struct Meta<'a> {
    pub event: &'a str,
    pub kind: &'a str,
    pub statement: &'a str,
    pub side: &'a Side,
    pub issuer: &'a str,
    pub date: Date,
}

#[derive(Debug, Serialize, Deserialize)]
struct Catalog {
    version: u32,
    manifest: Manifest,
    /// Corpus files relative to the corpus folder; statements name them by index.
    files: Vec<String>,
    issuers: Vec<String>,
    diagnostics: Vec<StoredDiagnostic>,
    events: Vec<CatalogEvent>,
}

#[derive(Debug, Serialize, Deserialize)]
struct StoredDiagnostic {
    /// Relative to the corpus folder when `relative`, else as reported.
    path: String,
    relative: bool,
    line: usize,
    column: usize,
    error: bool,
    message: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct CatalogEvent {
    id: String,
    kind: String,
    /// Where the event was first given (a corpus file or an events file).
    file: u32,
    line: usize,
    /// The byte range of that line, in a JSON Lines file.
    offset: u64,
    len: usize,
    statements: Vec<CatalogStatement>,
}

#[derive(Debug, Serialize, Deserialize)]
struct CatalogStatement {
    id: String,
    side: String,
    issuer: u32,
    date: String,
    file: u32,
    line: usize,
    offset: u64,
    len: usize,
}

/// Statement bytes read per batch when a command reads the whole corpus in
/// parts ([`Source::event_batches`]): a few times what one core tags in a
/// second, a small share of the memory of a 200 MB corpus loaded whole.
pub const BATCH_BYTES: usize = 32 << 20;

/// Some consecutive events of the corpus, read together (see
/// [`Source::event_batches`]).
#[derive(Debug, Default, Clone)]
pub struct Batch {
    pub events: HashSet<String>,
    /// Statements the events hold.
    pub statements: usize,
    /// Where the events are in the catalog, so reading a batch looks at its
    /// own events only.
    range: std::ops::Range<usize>,
}

/// The corpus to choose statements from: its catalog when that is fresh,
/// else the whole corpus loaded once (and, with `write`, the catalog
/// written for next time).
pub struct Source {
    corpus_dir: PathBuf,
    catalog: Option<Catalog>,
    full: Option<Loaded>,
}

impl Source {
    /// Compares the catalog in `index_dir` with the corpus files as they are
    /// (the manifest's freshness check) and loads the corpus only if it is stale.
    pub fn open(corpus_dir: &Path, index_dir: &Path, write: bool) -> Result<Source, Error> {
        let manifest = Manifest::of_corpus(corpus_dir)?;
        let catalog = read_catalog(index_dir).filter(|c| c.manifest.same_files(&manifest));
        let mut source = Source {
            corpus_dir: corpus_dir.to_path_buf(),
            catalog,
            full: None,
        };
        if source.catalog.is_none() {
            let loaded = corpus::load(corpus_dir)?;
            if write {
                // Best effort: a read-only or foreign index folder only costs speed.
                let _ = write_catalog(corpus_dir, index_dir, manifest, &loaded);
            }
            source.full = Some(loaded);
        }
        Ok(source)
    }

    /// The ids of the events holding a statement `pick` accepts (read from
    /// the catalog alone when it is fresh).
    pub fn events_with(&self, pick: &dyn Fn(&Meta<'_>) -> bool) -> HashSet<String> {
        let mut out = HashSet::new();
        if let Some(full) = &self.full {
            for (event, s) in full.corpus.statements() {
                if !out.contains(&event.id) && pick(&meta_of(event, s)) {
                    out.insert(event.id.clone());
                }
            }
        } else if let Some(catalog) = &self.catalog {
            for event in &catalog.events {
                if catalog.any_picked(event, pick) {
                    out.insert(event.id.clone());
                }
            }
        }
        out
    }

    /// The whole corpus as [`corpus::load()`] gives it (events without
    /// statements too): the full load when one was made (no copy), else a
    /// full load now.
    pub fn into_loaded(self) -> Result<Loaded, Error> {
        match self.full {
            Some(full) => Ok(full),
            None => Ok(corpus::load(&self.corpus_dir)?),
        }
    }

    /// The events in corpus order, cut into consecutive batches whose
    /// statement lines add up to about `bytes` each (an event is never
    /// split), for reading a whole corpus in parts of bounded size. `None`
    /// when the catalog is not in use (the corpus was loaded whole) or holds
    /// an event without statements (a batch read leaves such events out, so
    /// its counts would not be the whole corpus's).
    pub fn event_batches(&self, bytes: usize) -> Option<Vec<Batch>> {
        let catalog = self.catalog.as_ref()?;
        let mut batches = Vec::new();
        let (mut batch, mut size) = (Batch::default(), 0);
        for (i, event) in catalog.events.iter().enumerate() {
            if event.statements.is_empty() {
                return None;
            }
            if size >= bytes {
                batches.push(std::mem::take(&mut batch));
                batch.range = i..i;
                size = 0;
            }
            batch.range.end = i + 1;
            size += event.len + event.statements.iter().map(|s| s.len).sum::<usize>();
            batch.statements += event.statements.len();
            batch.events.insert(event.id.clone());
        }
        if !batch.events.is_empty() {
            batches.push(batch);
        }
        Some(batches)
    }

    /// The statements `pick` accepts: the events holding one, with only
    /// those statements, and every diagnostic of the corpus. The same
    /// whether read through the catalog or from the whole corpus.
    pub fn load(&mut self, pick: &dyn Fn(&Meta<'_>) -> bool) -> Result<Loaded, Error> {
        let all = self.catalog.as_ref().map_or(0..0, |c| 0..c.events.len());
        self.load_among(all, pick)
    }

    /// The statements of one batch of [`Source::event_batches`]: what
    /// [`Source::load`] gives for its events, looking at them alone.
    pub fn load_batch(&mut self, batch: &Batch) -> Result<Loaded, Error> {
        self.load_among(batch.range.clone(), &|m| batch.events.contains(m.event))
    }

    /// [`Source::load`] with the catalog's events outside `among` known not
    /// to be picked.
    fn load_among(
        &mut self,
        among: std::ops::Range<usize>,
        pick: &dyn Fn(&Meta<'_>) -> bool,
    ) -> Result<Loaded, Error> {
        if let Some(catalog) = &self.catalog {
            let files: Vec<PathBuf> = catalog.files.iter().map(PathBuf::from).collect();
            let events = catalog.events.get(among).unwrap_or_default();
            let read = catalog.wanted(events, pick).and_then(|wanted| {
                partial::load_wanted(
                    &self.corpus_dir,
                    &files,
                    &wanted,
                    catalog.diagnostics(&self.corpus_dir),
                )
            });
            if let Some(loaded) = read {
                return Ok(loaded);
            }
        }
        let full = match self.full.take() {
            Some(full) => full,
            None => corpus::load(&self.corpus_dir)?,
        };
        let mut picked = Loaded {
            corpus: corpus::Corpus::new(
                full.corpus.root().to_path_buf(),
                full.corpus.events.clone(),
            ),
            diagnostics: full.diagnostics.clone(),
        };
        self.full = Some(full);
        retain_picked(&mut picked, pick);
        Ok(picked)
    }
}

fn read_catalog(index_dir: &Path) -> Option<Catalog> {
    let bytes = fs::read(index_dir.join(CATALOG)).ok()?;
    let catalog: Catalog = serde_json::from_slice(&bytes).ok()?;
    (catalog.version == VERSION).then_some(catalog)
}

/// Writes the catalog of a full load into `index_dir` (claimed as the tool's).
fn write_catalog(
    corpus_dir: &Path,
    index_dir: &Path,
    manifest: Manifest,
    loaded: &Loaded,
) -> Result<(), Error> {
    let Some(bytes) = encode(corpus_dir, manifest, loaded) else {
        return Ok(());
    };
    folder::claim(index_dir)?;
    store(index_dir, &bytes)
}

/// The catalog of a full load made when the corpus files had the stamps of
/// `manifest`; `None` when a path cannot be kept (not UTF-8) or a file
/// cannot be read again.
pub(crate) fn encode(corpus_dir: &Path, manifest: Manifest, loaded: &Loaded) -> Option<Vec<u8>> {
    serde_json::to_vec(&Catalog::of(corpus_dir, manifest, loaded)?).ok()
}

/// Writes encoded catalog bytes into an index folder that is the tool's.
pub(crate) fn store(index_dir: &Path, bytes: &[u8]) -> Result<(), Error> {
    folder::write_new(index_dir, CATALOG, bytes)
}

fn meta_of<'a>(event: &'a corpus::Event, s: &'a corpus::Statement) -> Meta<'a> {
    Meta {
        event: &event.id,
        kind: &event.kind,
        statement: &s.id,
        side: &s.side,
        issuer: &s.issuer,
        date: s.date,
    }
}

/// Keeps the statements `pick` accepts, and the events left holding one.
fn retain_picked(loaded: &mut Loaded, pick: &dyn Fn(&Meta<'_>) -> bool) {
    for event in &mut loaded.corpus.events {
        let mut statements = std::mem::take(&mut event.statements);
        statements.retain(|s| pick(&meta_of(event, s)));
        event.statements = statements;
    }
    loaded.corpus.events.retain(|e| !e.statements.is_empty());
}

impl Catalog {
    /// `None` when a path is not UTF-8 or lies outside the corpus folder.
    fn of(corpus_dir: &Path, manifest: Manifest, loaded: &Loaded) -> Option<Catalog> {
        let mut paths = Paths::new(corpus_dir, &manifest);
        let mut issuers: Vec<String> = Vec::new();
        let mut issuer_ids: HashMap<String, u32> = HashMap::new();
        let mut events = Vec::with_capacity(loaded.corpus.events.len());
        for event in &loaded.corpus.events {
            let mut statements = Vec::with_capacity(event.statements.len());
            for s in &event.statements {
                let next = issuers.len() as u32;
                let issuer = *issuer_ids.entry(s.issuer.clone()).or_insert_with(|| {
                    issuers.push(s.issuer.clone());
                    next
                });
                let (file, offset, len) = paths.locate(&s.origin)?;
                statements.push(CatalogStatement {
                    id: s.id.clone(),
                    side: s.side.as_str().to_string(),
                    issuer,
                    date: s.date.to_string(),
                    file,
                    line: s.origin.line,
                    offset,
                    len,
                });
            }
            let (file, offset, len) = paths.locate(&event.origin)?;
            events.push(CatalogEvent {
                id: event.id.clone(),
                kind: event.kind.clone(),
                file,
                line: event.origin.line,
                offset,
                len,
                statements,
            });
        }
        let diagnostics = loaded
            .diagnostics
            .iter()
            .map(|d| StoredDiagnostic::of(corpus_dir, d))
            .collect::<Option<_>>()?;
        Some(Catalog {
            version: VERSION,
            manifest,
            files: paths.files,
            issuers,
            diagnostics,
            events,
        })
    }

    /// The lines to read for the statements of `events` that `pick` accepts
    /// (with what they need of the rest of the catalog); `None` when the
    /// catalog does not parse back (then the corpus is loaded whole).
    fn wanted(&self, events: &[CatalogEvent], pick: &dyn Fn(&Meta<'_>) -> bool) -> Option<Wanted> {
        let mut wanted = Wanted::default();
        for event in events {
            let mut chosen = Vec::new();
            let mut others = Vec::new();
            for s in &event.statements {
                let side: Side = s.side.parse().ok()?;
                let meta = Meta {
                    event: &event.id,
                    kind: &event.kind,
                    statement: &s.id,
                    side: &side,
                    issuer: self.issuers.get(s.issuer as usize)?,
                    date: s.date.parse().ok()?,
                };
                if pick(&meta) {
                    chosen.push(s);
                } else {
                    others.push(s);
                }
            }
            if chosen.is_empty() {
                continue;
            }
            for s in &chosen {
                let line = Line {
                    number: s.line,
                    offset: s.offset,
                    len: s.len,
                    event: Some(event.id.clone()),
                };
                self.push(&mut wanted, s.file, line)?;
            }
            self.add_context(event, &chosen, others, &mut wanted)?;
        }
        Some(wanted)
    }

    /// Whether `pick` accepts a statement of `event` (a statement whose side
    /// or date does not parse back counts as accepted: it is then read).
    fn any_picked(&self, event: &CatalogEvent, pick: &dyn Fn(&Meta<'_>) -> bool) -> bool {
        event.statements.iter().any(|s| {
            let (Ok(side), Ok(date), Some(issuer)) = (
                s.side.parse::<Side>(),
                s.date.parse::<Date>(),
                self.issuers.get(s.issuer as usize),
            ) else {
                return true;
            };
            pick(&Meta {
                event: &event.id,
                kind: &event.kind,
                statement: &s.id,
                side: &side,
                issuer,
                date,
            })
        })
    }

    fn push(&self, wanted: &mut Wanted, file: u32, line: Line) -> Option<()> {
        let path = PathBuf::from(self.files.get(file as usize)?);
        wanted.files.entry(path).or_default().push(line);
        Some(())
    }

    /// What must be read besides the chosen statements of `event` for it to
    /// come out whole: its first line, and for an event made by an events
    /// file every statement it groups (the grouping is checked against them).
    fn add_context(
        &self,
        event: &CatalogEvent,
        chosen: &[&CatalogStatement],
        others: Vec<&CatalogStatement>,
        wanted: &mut Wanted,
    ) -> Option<()> {
        let origin = self.files.get(event.file as usize)?;
        let context = |s: &CatalogStatement| Line {
            number: s.line,
            offset: s.offset,
            len: s.len,
            event: None,
        };
        if corpus::load::is_events_file(Path::new(origin)) {
            for s in others {
                self.push(wanted, s.file, context(s))?;
            }
        } else if origin.ends_with(".jsonl")
            && !chosen
                .iter()
                .any(|s| s.file == event.file && s.line == event.line)
        {
            let head = Line {
                number: event.line,
                offset: event.offset,
                len: event.len,
                event: None,
            };
            self.push(wanted, event.file, head)?;
        }
        Some(())
    }

    fn diagnostics(&self, corpus_dir: &Path) -> Vec<Diagnostic> {
        self.diagnostics
            .iter()
            .map(|d| Diagnostic {
                path: if d.relative {
                    corpus_dir.join(&d.path)
                } else {
                    PathBuf::from(&d.path)
                },
                line: d.line,
                column: d.column,
                severity: if d.error {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                message: d.message.clone(),
            })
            .collect()
    }
}

/// The corpus files by number, and where each line of a JSON Lines file
/// starts (read once per file, when a statement of it is first located).
struct Paths<'c> {
    corpus_dir: &'c Path,
    files: Vec<String>,
    ids: HashMap<String, u32>,
    starts: HashMap<u32, Vec<(u64, usize)>>,
}

impl<'c> Paths<'c> {
    fn new(corpus_dir: &'c Path, manifest: &Manifest) -> Paths<'c> {
        let files: Vec<String> = manifest.files.iter().map(|f| f.path.clone()).collect();
        let ids = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.clone(), i as u32))
            .collect();
        Paths {
            corpus_dir,
            files,
            ids,
            starts: HashMap::new(),
        }
    }

    /// The file number of `origin` and, in a JSON Lines file, the byte range of its line.
    fn locate(&mut self, origin: &corpus::Origin) -> Option<(u32, u64, usize)> {
        let file = file_id(
            self.corpus_dir,
            &origin.path,
            &mut self.files,
            &mut self.ids,
        )?;
        if origin.path.extension().is_none_or(|e| e != "jsonl") {
            return Some((file, 0, 0));
        }
        let starts = match self.starts.entry(file) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let bytes = crate::corpus::load::walk::read_regular(&origin.path).ok()?;
                e.insert(line_ranges(&bytes))
            }
        };
        let &(offset, len) = starts.get(origin.line.checked_sub(1)?)?;
        Some((file, offset, len))
    }
}

/// The byte range of every line (without its `\n`), numbered as the loader
/// numbers them: after a byte-order mark, split at `\n`.
fn line_ranges(bytes: &[u8]) -> Vec<(u64, usize)> {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let mut out = Vec::new();
    let mut start = bom;
    for end in memchr::memchr_iter(b'\n', &bytes[bom..]).map(|i| i + bom) {
        out.push((start as u64, end - start));
        start = end + 1;
    }
    if start < bytes.len() {
        out.push((start as u64, bytes.len() - start));
    }
    out
}

/// The index of `path` (a file below `corpus_dir`) in `files`, added if new.
fn file_id(
    corpus_dir: &Path,
    path: &Path,
    files: &mut Vec<String>,
    ids: &mut HashMap<String, u32>,
) -> Option<u32> {
    let rel = path.strip_prefix(corpus_dir).ok()?.to_str()?.to_string();
    if corpus_dir.join(&rel) != path {
        return None;
    }
    let next = files.len() as u32;
    Some(*ids.entry(rel.clone()).or_insert_with(|| {
        files.push(rel);
        next
    }))
}

impl StoredDiagnostic {
    fn of(corpus_dir: &Path, d: &Diagnostic) -> Option<StoredDiagnostic> {
        let (path, relative) = match d.path.strip_prefix(corpus_dir) {
            Ok(rel) if corpus_dir.join(rel) == d.path => (rel.to_str()?.to_string(), true),
            _ => (d.path.to_str()?.to_string(), false),
        };
        Some(StoredDiagnostic {
            path,
            relative,
            line: d.line,
            column: d.column,
            error: d.is_error(),
            message: d.message.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Filter;

    const A: &str = concat!(
        "\u{feff}{\"event\":\"e1\",\"date\":\"2022\",\"kind\":\"general-debate\",\"event_title\":\"E1\",\"side\":\"USA\",\"coverage\":\"full\",\"issuer\":\"Delegation\",\"text\":\"We see progress.\"}\r\n",
        "not json\n",
        "{\"event\":\"e1\",\"date\":\"2022\",\"kind\":\"general-debate\",\"event_title\":\"E1\",\"side\":\"CHN\",\"coverage\":\"full\",\"issuer\":\"Delegation\",\"text\":\"Constructive dialogue.\"}\n",
        "{\"event\":\"e1\",\"date\":\"2022\",\"kind\":\"general-debate\",\"event_title\":\"E1\",\"side\":\"FRA\",\"coverage\":\"full\",\"issuer\":\"Delegation\",\"text\":\"Liberté.\"}\n",
        "{\"event\":\"e2\",\"date\":\"2023\",\"kind\":\"readout\",\"event_title\":\"E2\",\"side\":\"USA\",\"coverage\":\"full\",\"issuer\":\"State\",\"id\":\"wh-a\",\"text\":\"The Secretary met the Minister.\"}\n",
        "{\"event\":\"e3\",\"date\":\"2023\",\"kind\":\"readout\",\"event_title\":\"E3\",\"side\":\"CHN\",\"coverage\":\"full\",\"issuer\":\"MFA\",\"id\":\"mfa-a\",\"text\":\"Wang Yi met Blinken.\"}\n",
    );
    const B: &str = concat!(
        "{\"event\":\"e1\",\"date\":\"2022\",\"kind\":\"general-debate\",\"event_title\":\"E1\",\"side\":\"GBR\",\"coverage\":\"full\",\"issuer\":\"Delegation\",\"text\":\"Second file.\"}\n",
        "{\"event\":\"e1\",\"date\":\"2021\",\"kind\":\"general-debate\",\"event_title\":\"E1\",\"side\":\"DEU\",\"coverage\":\"full\",\"issuer\":\"Delegation\",\"text\":\"Other date.\"}\n",
    );
    const TOML: &str = "id = \"t1\"\ndate = \"2020-08-25\"\nkind = \"call\"\ntitle = \"T\"\n\n[[statements]]\nside = \"USA\"\nissuer = \"USTR\"\ncoverage = \"full\"\ntext = \"Both sides see progress.\"\n";
    const EVENTS: &str = "[[event]]\nid = \"p1\"\ndate = \"2023\"\nkind = \"meeting\"\ntitle = \"paired\"\nsides = [\"USA\", \"CHN\"]\nstatements = [\"wh-a\", \"mfa-a\"]\n";

    fn corpus() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("c/x")).unwrap();
        fs::write(dir.path().join("c/x/a.jsonl"), A).unwrap();
        fs::write(dir.path().join("c/x/b.jsonl"), B).unwrap();
        fs::write(dir.path().join("c/t1.toml"), TOML).unwrap();
        fs::write(dir.path().join("c/p.events.toml"), EVENTS).unwrap();
        fs::write(dir.path().join("c/broken.toml"), "id = \n").unwrap();
        dir
    }

    fn full(root: &Path, pick: &dyn Fn(&Meta<'_>) -> bool) -> Loaded {
        let mut loaded = corpus::load(root).unwrap();
        retain_picked(&mut loaded, pick);
        loaded
    }

    fn same(a: &Loaded, b: &Loaded) {
        assert_eq!(format!("{:?}", a.corpus), format!("{:?}", b.corpus));
        assert_eq!(a.diagnostics, b.diagnostics);
    }

    fn filters() -> Vec<Filter> {
        let side = |s: &str| Filter {
            sides: vec![s.parse().unwrap()],
            ..Filter::default()
        };
        vec![
            Filter::default(),
            side("USA"),
            side("CHN"),
            side("GBR"),
            Filter {
                kinds: vec!["meeting".into()],
                ..Filter::default()
            },
            Filter {
                ids: Some(["e1/FRA".to_string(), "t1/USA".to_string()].into()),
                ..Filter::default()
            },
        ]
    }

    #[test]
    fn every_selection_through_the_catalog_is_what_the_full_load_gives() {
        let dir = corpus();
        let (root, index) = (dir.path().join("c"), dir.path().join("c/.index"));
        let mut first = Source::open(&root, &index, true).unwrap();
        assert!(first.catalog.is_none(), "no catalog yet");
        assert!(index.join(CATALOG).is_file(), "the full load wrote it");
        let mut second = Source::open(&root, &index, true).unwrap();
        assert!(second.catalog.is_some() && second.full.is_none());
        for filter in filters() {
            let pick =
                |m: &Meta<'_>| filter.accepts_parts(m.kind, m.side, m.issuer, m.date, m.statement);
            let expected = full(&root, &pick);
            same(&first.load(&pick).unwrap(), &expected);
            same(&second.load(&pick).unwrap(), &expected);
            assert!(
                second.full.is_none(),
                "{filter:?} was read through the catalog"
            );
        }
        let loaded = second.load(&|m| m.event == "p1").unwrap();
        assert_eq!(
            loaded.corpus.events[0].statements.len(),
            2,
            "the pairing holds"
        );
        assert!(
            loaded.error_count() >= 2,
            "the broken file and line still count"
        );
    }

    #[test]
    fn an_edited_file_makes_the_catalog_stale() {
        let dir = corpus();
        let (root, index) = (dir.path().join("c"), dir.path().join("c/.index"));
        Source::open(&root, &index, true).unwrap();
        fs::write(root.join("x/b.jsonl"), B.replace("Second file.", "Edited.")).unwrap();
        let mut source = Source::open(&root, &index, false).unwrap();
        assert!(source.catalog.is_none());
        let pick = |m: &Meta<'_>| m.side.as_str() == "GBR";
        let loaded = source.load(&pick).unwrap();
        assert_eq!(loaded.corpus.events[0].statements[0].text, "Edited.");
    }

    #[test]
    fn lines_are_numbered_as_the_loader_numbers_them() {
        let ranges = line_ranges(b"\xEF\xBB\xBFab\r\n\ncd");
        assert_eq!(ranges, vec![(3, 3), (7, 0), (8, 2)]);
    }
}
