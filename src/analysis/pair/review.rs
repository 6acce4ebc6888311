//! Reading back a pairing file the scholar has reviewed, and turning its
//! accepted proposals into the events an events file records. Proposals that
//! share a statement (a joint statement and each side's readout of one
//! summit) become one event.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::diagnostic::LineIndex;
use crate::corpus::{Corpus, Date};

/// A pairing file that cannot be applied, with where it goes wrong.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}: {message}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    pair: Vec<toml::Spanned<Entry>>,
}

#[derive(Deserialize)]
struct Entry {
    statements: Vec<String>,
    accept: bool,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    id: Option<String>,
}

/// An accepted proposal, as the scholar left it.
#[derive(Debug, Clone)]
pub struct Accepted {
    pub statements: Vec<String>,
    pub kind: Option<String>,
    pub title: Option<String>,
    pub id: Option<String>,
    pub line: usize,
}

/// An event to record in an events file.
#[derive(Debug, Clone, Serialize)]
pub struct NewEvent {
    pub id: String,
    pub date: Date,
    pub kind: String,
    pub title: String,
    pub sides: Vec<String>,
    pub languages: Vec<String>,
    pub statements: Vec<String>,
}

/// The accepted proposals of the pairing file at `path`.
pub fn read(path: &Path) -> Result<Vec<Accepted>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let lines = LineIndex::new(&text);
    let invalid = |line, message: String| Error::Invalid {
        path: path.to_path_buf(),
        line,
        message,
    };
    let file: File = toml::from_str(&text).map_err(|e| {
        let line = e.span().map_or(1, |s| lines.locate(s.start).0);
        invalid(line, e.message().trim().replace('\n', " "))
    })?;
    let mut out = Vec::new();
    for spanned in file.pair {
        let line = lines.locate(spanned.span().start).0;
        let entry = spanned.into_inner();
        if !entry.accept {
            continue;
        }
        if entry.statements.len() < 2 {
            return Err(invalid(line, "a pair needs at least two statements".into()));
        }
        out.push(Accepted {
            statements: entry.statements,
            kind: entry.kind,
            title: entry.title,
            id: entry.id,
            line,
        });
    }
    Ok(out)
}

/// The events the accepted proposals make in `corpus`: overlapping proposals
/// are joined; an unknown statement id is an error at its proposal's line.
pub fn events(accepted: &[Accepted], corpus: &Corpus, path: &Path) -> Result<Vec<NewEvent>, Error> {
    let mut groups: Vec<(Vec<String>, &Accepted)> = Vec::new();
    for a in accepted {
        let mut ids: Vec<String> = Vec::new();
        let mut owner = a;
        let mut kept = Vec::new();
        for (g, o) in groups {
            if g.iter().any(|id| a.statements.contains(id)) {
                if o.line < owner.line {
                    owner = o;
                }
                ids.extend(g);
            } else {
                kept.push((g, o));
            }
        }
        groups = kept;
        for id in &a.statements {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
        groups.push((ids, owner));
    }
    groups
        .iter()
        .map(|(ids, owner)| new_event(ids, owner, corpus, path))
        .collect()
}

fn new_event(
    ids: &[String],
    owner: &Accepted,
    corpus: &Corpus,
    path: &Path,
) -> Result<NewEvent, Error> {
    let mut found = Vec::new();
    for id in ids {
        let hit = corpus.statements().find(|(_, s)| &s.id == id);
        let Some((event, statement)) = hit else {
            return Err(Error::Invalid {
                path: path.to_path_buf(),
                line: owner.line,
                message: format!("unknown statement id `{id}` (not in the corpus)"),
            });
        };
        found.push((event, statement));
    }
    let (first_event, first) = found
        .iter()
        .min_by_key(|(_, s)| s.date)
        .copied()
        .unwrap_or(found[0]);
    let mut sides: Vec<String> = found.iter().map(|(_, s)| s.side.to_string()).collect();
    let mut languages: Vec<String> = found.iter().map(|(_, s)| s.language.clone()).collect();
    for list in [&mut sides, &mut languages] {
        list.sort();
        list.dedup();
    }
    let kind = owner
        .kind
        .clone()
        .unwrap_or_else(|| first_event.kind.clone());
    Ok(NewEvent {
        id: owner
            .id
            .clone()
            .unwrap_or_else(|| event_id(&first.date, ids)),
        date: first.date,
        kind,
        title: owner.title.clone().unwrap_or_else(|| first.title.clone()),
        sides,
        languages,
        statements: ids.to_vec(),
    })
}

/// A stable id from the date and the statement ids (FNV-1a, so the same
/// pairing always gives the same event id).
fn event_id(date: &Date, ids: &[String]) -> String {
    let mut sorted: Vec<&String> = ids.iter().collect();
    sorted.sort();
    let hash = crate::hash::fields(sorted.iter().map(|s| s.as_str()));
    format!("pair-{date}-{:08x}", hash as u32)
}
