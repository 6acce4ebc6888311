//! The UN General Debate Corpus (Jankin, Baturo and Dasandi; release v10,
//! 1946–2022) as published: folders `Session NN - YYYY/` holding one plain
//! UTF-8 file per country, `<ISO3>_<session>_<year>.txt`. Each session-year
//! becomes one event `ungdc-YYYY` of kind `general-debate`, written to
//! `<into>/ungdc/ungdc-YYYY.jsonl`, with one full-text statement per country.
//!
//! Two codes are read with care, and say so in the statement's notes:
//! - `CHN` before 1972 is the Republic of China's delegation, which held
//!   China's seat until 25 October 1971; it becomes side `ROC` so that the
//!   PRC's speeches (from 1972) stand apart.
//! - `CZK` (a code used by a few files of the corpus, not an ISO code) is
//!   read as `CZE`.
//!
//! Two folders for one year (a copy, or a special session) are both read
//! into the year's event; a country found in both is imported once and the
//! other file is reported as skipped, naming the one kept.

use std::fs;
use std::path::{Path, PathBuf};

use super::{write_jsonl, Error, Line, Report, Skipped};
use crate::corpus::Side;

const KIND: &str = "general-debate";
const ISSUER: &str = "Delegation to the UN General Assembly";

/// One speech file found in the corpus.
struct Speech {
    path: PathBuf,
    rel: String,
    code: String,
    session: u16,
    year: u16,
}

/// Imports every speech under `src` into `into/ungdc/`.
pub fn import(src: &Path, into: &Path, force: bool) -> Result<Report, Error> {
    let sessions = session_folders(src)?;
    let mut report = Report::default();
    for (year, folders) in by_year(sessions) {
        let mut texts: Vec<(Speech, String)> = Vec::new();
        for (session, folder) in &folders {
            let speeches = speeches(folder, *session, year, src, &mut report.skipped)?;
            for speech in speeches {
                if let Some((speech, text)) = read_speech(speech, &mut report.skipped) {
                    keep_once(&mut texts, speech, text, &mut report.skipped);
                }
            }
        }
        if texts.is_empty() {
            continue;
        }
        texts.sort_by(|a, b| a.0.code.cmp(&b.0.code));
        let event = format!("ungdc-{year}");
        let title = event_title(&folders, year);
        let lines: Vec<Line<'_>> = texts
            .iter()
            .map(|(s, text)| line(&event, &title, s, text))
            .collect();
        let path = into.join("ungdc").join(format!("{event}.jsonl"));
        write_jsonl(&path, &lines, force)?;
        report.statements += lines.len();
        report.events += 1;
        report.files_written.push(path);
    }
    Ok(report)
}

/// Session folders grouped by year, in order.
fn by_year(sessions: Vec<(u16, u16, PathBuf)>) -> Vec<(u16, Vec<(u16, PathBuf)>)> {
    let mut out: Vec<(u16, Vec<(u16, PathBuf)>)> = Vec::new();
    for (session, year, folder) in sessions {
        match out.last_mut() {
            Some((y, folders)) if *y == year => folders.push((session, folder)),
            _ => out.push((year, vec![(session, folder)])),
        }
    }
    out
}

/// Adds a speech unless the year already has one from its country (one
/// statement per side), in which case the later file is reported.
fn keep_once(
    texts: &mut Vec<(Speech, String)>,
    speech: Speech,
    text: String,
    skipped: &mut Vec<Skipped>,
) {
    match texts.iter().find(|(s, _)| s.code == speech.code) {
        Some((kept, _)) => skipped.push(Skipped {
            reason: format!(
                "{} already has a {} speech from {}; this one is not imported",
                speech.year, speech.code, kept.rel
            ),
            path: speech.path,
            line: 0,
        }),
        None => texts.push((speech, text)),
    }
}

fn event_title(folders: &[(u16, PathBuf)], year: u16) -> String {
    let sessions: Vec<String> = folders.iter().map(|(s, _)| ordinal(*s)).collect();
    let sessions = sessions.join(" and ");
    let noun = if folders.len() > 1 {
        "sessions"
    } else {
        "session"
    };
    format!("UN General Assembly, {sessions} {noun} general debate ({year})")
}

fn session_folders(src: &Path) -> Result<Vec<(u16, u16, PathBuf)>, Error> {
    if !src.exists() {
        return Err(Error::NotFound(src.to_path_buf()));
    }
    let read = |e| Error::Read {
        path: src.to_path_buf(),
        source: e,
    };
    let mut out = Vec::new();
    for entry in fs::read_dir(src).map_err(read)? {
        let entry = entry.map_err(read)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((session, year)) = parse_session_folder(&name) {
            if entry.path().is_dir() {
                out.push((session, year, entry.path()));
            }
        }
    }
    if out.is_empty() {
        return Err(Error::NotASource {
            path: src.to_path_buf(),
            what: "the UN General Debate Corpus",
            why: "it has no `Session NN - YYYY` folders".into(),
        });
    }
    out.sort_by(|a, b| (a.1, a.0, &a.2).cmp(&(b.1, b.0, &b.2)));
    Ok(out)
}

/// `Session 77 - 2022` → (77, 2022).
fn parse_session_folder(name: &str) -> Option<(u16, u16)> {
    let rest = name.strip_prefix("Session ")?;
    let (session, year) = rest.split_once(" - ")?;
    Some((session.trim().parse().ok()?, year.trim().parse().ok()?))
}

fn speeches(
    folder: &Path,
    session: u16,
    year: u16,
    src: &Path,
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<Speech>, Error> {
    let read = |e| Error::Read {
        path: folder.to_path_buf(),
        source: e,
    };
    let mut out = Vec::new();
    for entry in fs::read_dir(folder).map_err(read)? {
        let path = entry.map_err(read)?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') || !name.ends_with(".txt") {
            continue;
        }
        let rel = path
            .strip_prefix(src)
            .unwrap_or(&path)
            .display()
            .to_string();
        match parse_file_name(&name) {
            Some((code, s, y)) if s == session && y == year => out.push(Speech {
                path,
                rel,
                code,
                session,
                year,
            }),
            Some(_) => skipped.push(Skipped {
                path,
                line: 0,
                reason: format!("file name does not match its folder (session {session}, {year})"),
            }),
            None => skipped.push(Skipped {
                path,
                line: 0,
                reason: "file name is not <ISO3>_<session>_<year>.txt".into(),
            }),
        }
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(out)
}

/// `USA_77_2022.txt` → ("USA", 77, 2022).
fn parse_file_name(name: &str) -> Option<(String, u16, u16)> {
    let stem = name.strip_suffix(".txt")?;
    let mut parts = stem.split('_');
    let code = parts.next()?;
    let session = parts.next()?.parse().ok()?;
    let year = parts.next()?.parse().ok()?;
    (parts.next().is_none() && !code.is_empty()).then(|| (code.to_string(), session, year))
}

fn read_speech(speech: Speech, skipped: &mut Vec<Skipped>) -> Option<(Speech, String)> {
    let bytes = match fs::read(&speech.path) {
        Ok(b) => b,
        Err(e) => {
            skipped.push(Skipped {
                path: speech.path,
                line: 0,
                reason: format!("cannot read: {e}"),
            });
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) if !text.trim().is_empty() => Some((
            speech,
            text.trim_start_matches('\u{feff}').trim().to_string(),
        )),
        Ok(_) => {
            skipped.push(Skipped {
                path: speech.path,
                line: 1,
                reason: "empty speech".into(),
            });
            None
        }
        Err(e) => {
            skipped.push(Skipped {
                path: speech.path,
                line: 1,
                reason: format!("not UTF-8 at byte {}", e.utf8_error().valid_up_to()),
            });
            None
        }
    }
}

/// The side a file's code stands for, and a note when it was reinterpreted.
fn side_of(code: &str, year: u16) -> (String, Option<String>) {
    match code {
        "CHN" if year < 1972 => ("ROC".into(), Some(
            "Delegation of the Republic of China, which held China's UN seat until 25 October 1971 (file code CHN).".into(),
        )),
        "CZK" => ("CZE".into(), Some("File code CZK, read as CZE (Czechia).".into())),
        other => (Side::parse(other).map_or_else(|_| other.to_string(), |s| s.as_str().to_string()), None),
    }
}

fn line<'a>(event: &'a str, title: &'a str, s: &'a Speech, text: &'a str) -> Line<'a> {
    let (side, note) = side_of(&s.code, s.year);
    let source = format!("UN General Debate Corpus v10, {}.", s.rel);
    Line {
        event,
        date: s.year.to_string(),
        kind: KIND,
        event_title: title,
        side,
        issuer: ISSUER,
        title: format!(
            "Statement in the general debate of the {} session",
            ordinal(s.session)
        ),
        language: "en",
        coverage: "full",
        url: None,
        notes: Some(note.map_or(source.clone(), |n| format!("{n} {source}"))),
        text,
        turns: &[],
    }
}

fn ordinal(n: u16) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_parsed_strictly() {
        assert_eq!(parse_session_folder("Session 77 - 2022"), Some((77, 2022)));
        assert_eq!(parse_session_folder("Speakers_by_session.xlsx"), None);
        assert_eq!(
            parse_file_name("USA_77_2022.txt"),
            Some(("USA".into(), 77, 2022))
        );
        assert_eq!(parse_file_name("USA_77.txt"), None);
        assert_eq!(parse_file_name("USA_77_2022_x.txt"), None);
    }

    #[test]
    fn pre_1972_china_is_the_roc_delegation() {
        assert_eq!(side_of("CHN", 1971).0, "ROC");
        assert_eq!(side_of("CHN", 1972), ("CHN".into(), None));
        assert_eq!(side_of("CZK", 1993).0, "CZE");
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
    }
}
