//! One-sided releases, the shape in which briefing-room archives and feeds
//! arrive: each document is one statement by one issuer, an event of its own.
//! The Markdown and feed importers read their sources into [`Release`]s; this
//! module does the rest the same way for both: boilerplate removal, kind and
//! language, stable ids, duplicates, sorting and writing.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::boilerplate::{Boilerplate, Removed};
use super::dates::{parse_published, DateRules};
use super::kinds::{self, Facts, Kinds};
use super::mapping::slug;
use super::{write_import, Error, Line, Report, Skipped};
use crate::corpus::Side;

/// What the user decides for every release of one import.
#[derive(Debug, Clone)]
pub struct Options {
    pub side: Side,
    /// The issuer of every release; when empty, each release's own.
    pub issuer: String,
    /// Forces the language of every statement (else declared, else script).
    pub language: Option<String>,
    /// How to read dates: the publisher's time zone, an optional pattern.
    pub dates: DateRules,
    pub kinds: Kinds,
    pub boilerplate: Boilerplate,
    /// Replace an existing import of this source even when it shrinks.
    pub force: bool,
}

/// One document as a source gives it, before classification.
#[derive(Debug, Clone, Default)]
pub struct Release {
    pub path: PathBuf,
    pub line: usize,
    pub date: String,
    pub title: String,
    pub url: Option<String>,
    /// Section, tags or categories, space-separated (for the kind rules).
    pub section: String,
    pub declared_language: Option<String>,
    /// The issuer the source names (a feed's title), used without `--issuer`.
    pub issuer: Option<String>,
    pub paragraphs: Vec<String>,
}

/// A release ready to be written.
struct Made {
    event: String,
    date: String,
    kind: String,
    issuer: String,
    title: String,
    language: String,
    url: Option<String>,
    text: String,
    /// Speaker turns when the release is a transcript (a press briefing).
    turns: Vec<crate::corpus::model::Turn>,
}

/// Classifies `releases`, writes them to the source's own file under
/// `<into>/import/` ([`super::write_import`]) and reports. When every release
/// fails, nothing is written ([`Error::Nothing`]).
pub fn import(
    source: &Path,
    releases: Vec<Result<Release, Skipped>>,
    profile: &str,
    opts: &Options,
    into: &Path,
) -> Result<Report, Error> {
    let mut report = Report::default();
    let mut ready = Vec::new();
    for r in releases {
        match r.and_then(|r| prepare(r, profile, opts, &mut report.boilerplate)) {
            Ok(m) => ready.push(m),
            Err(skip) => report.skipped.push(skip),
        }
    }
    // Ids are given in an order that does not depend on file names.
    ready.sort_by(|(a, _), (b, _)| (&a.date, &a.url, &a.title).cmp(&(&b.date, &b.url, &b.title)));
    let made = assign_ids(ready, &mut report.skipped);
    report
        .skipped
        .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    if made.is_empty() && !report.skipped.is_empty() {
        return Err(Error::Nothing {
            path: source.to_path_buf(),
            skipped: report.skipped,
        });
    }
    let lines: Vec<Line<'_>> = made.iter().map(|m| line(m, opts)).collect();
    let path = write_import(into, source, &lines, opts.force)?;
    report.statements = lines.len();
    report.events = lines.len();
    report.files_written.push(path);
    Ok(report)
}

type Prepared = (Made, (PathBuf, usize));

fn prepare(
    mut r: Release,
    profile: &str,
    opts: &Options,
    removed: &mut Removed,
) -> Result<Prepared, Skipped> {
    let skip = |reason: String| Skipped {
        path: r.path.clone(),
        line: r.line,
        reason,
    };
    let date = parse_published(&r.date, &opts.dates).map_err(&skip)?;
    let issuer = Some(opts.issuer.clone())
        .filter(|i| !i.is_empty())
        .or_else(|| r.issuer.clone())
        .ok_or_else(|| skip("no issuer: the source names none, give --issuer".into()))?;
    let mut paragraphs = std::mem::take(&mut r.paragraphs);
    removed.add(opts.boilerplate.strip(&mut paragraphs));
    if paragraphs.is_empty() {
        return Err(skip("no text (after removing boilerplate)".into()));
    }
    let text = paragraphs.join("\n\n");
    let url = r.url.clone().filter(|u| is_http(u));
    let kind = opts.kinds.kind_of(&Facts {
        title: &r.title,
        url: url.as_deref().unwrap_or(""),
        section: &r.section,
        lead: &paragraphs[0],
        profile,
    });
    let language = match &opts.language {
        Some(l) => l.clone(),
        None => kinds::language(r.declared_language.as_deref(), &text, "en"),
    };
    let made = Made {
        event: String::new(),
        date: date.to_string(),
        kind: kind.to_string(),
        issuer,
        title: r.title.clone(),
        language,
        url,
        turns: super::turns::find(&text, &[]),
        text,
    };
    Ok((made, (r.path, r.line)))
}

/// `DATE-SLUG` from the source URL's last segment (else the title); a second
/// release with the same id but another URL gets a hash of its URL appended;
/// a second release with the same URL is a duplicate and is skipped.
fn assign_ids(ready: Vec<Prepared>, skipped: &mut Vec<Skipped>) -> Vec<Made> {
    let mut by_url: HashMap<String, PathBuf> = HashMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(ready.len());
    for (mut m, (path, line)) in ready {
        if let Some(u) = &m.url {
            if let Some(first) = by_url.get(u) {
                skipped.push(Skipped {
                    path,
                    line,
                    reason: format!("the same source URL as {}", first.display()),
                });
                continue;
            }
            by_url.insert(u.clone(), path.clone());
        }
        let basis = m
            .url
            .as_deref()
            .and_then(url_slug)
            .unwrap_or_else(|| slug(&m.title));
        let mut id = format!("{}-{}", m.date, shorten(&basis, 80));
        if taken.contains(&id) {
            let key = m
                .url
                .clone()
                .unwrap_or_else(|| format!("{}\n{}", m.title, m.text));
            id = format!("{id}-{:08x}", crate::hash::fnv1a(key.as_bytes()) as u32);
        }
        taken.insert(id.clone());
        m.event = id;
        out.push(m);
    }
    out
}

fn line<'a>(m: &'a Made, opts: &'a Options) -> Line<'a> {
    Line {
        event: &m.event,
        date: m.date.clone(),
        kind: &m.kind,
        event_title: if m.title.is_empty() {
            &m.event
        } else {
            &m.title
        },
        side: opts.side.as_str().to_string(),
        issuer: &m.issuer,
        title: m.title.clone(),
        language: &m.language,
        coverage: "full",
        url: m.url.as_deref(),
        notes: None,
        text: &m.text,
        turns: &m.turns,
    }
}

fn is_http(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The slug of a URL's last path segment (`…/readout-of-x/` gives `readout-of-x`).
fn url_slug(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let (_, path) = path.split_once('/')?;
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    let last = last
        .trim_end_matches(".html")
        .trim_end_matches(".htm")
        .trim_end_matches(".shtml");
    let s = slug(last);
    (!last.is_empty() && s != "import").then_some(s)
}

/// At most `max` bytes, cut at a hyphen when there is one.
fn shorten(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let cut = &s[..max];
    cut.rfind('-').map_or(cut, |i| &cut[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_the_url_or_the_title() {
        assert_eq!(
            url_slug("https://www.whitehouse.gov/briefings-statements/2025/02/readout-of-a-call/")
                .as_deref(),
            Some("readout-of-a-call")
        );
        assert_eq!(
            url_slug("https://example.org/news/2021/item.html?x=1").as_deref(),
            Some("item")
        );
        assert_eq!(url_slug("https://example.org/"), None);
        assert_eq!(shorten("aaaa-bbbb-cccc", 11), "aaaa-bbbb");
        assert_eq!(shorten("abc", 11), "abc");
    }

    #[test]
    fn same_slug_other_url_gets_a_hash_and_same_url_is_a_duplicate() {
        let made = |url: &str| Made {
            event: String::new(),
            date: "2021-02-10".into(),
            kind: "statement".into(),
            issuer: "I".into(),
            title: "T".into(),
            language: "en".into(),
            url: Some(url.into()),
            text: "x".into(),
            turns: Vec::new(),
        };
        let at = |n| (PathBuf::from(format!("f{n}.md")), 1);
        let ready = vec![
            (made("https://a.gov/x/readout/"), at(1)),
            (made("https://a.gov/y/readout/"), at(2)),
            (made("https://a.gov/x/readout/"), at(3)),
        ];
        let mut skipped = Vec::new();
        let out = assign_ids(ready, &mut skipped);
        assert_eq!(out[0].event, "2021-02-10-readout");
        assert!(out[1].event.starts_with("2021-02-10-readout-"));
        assert_eq!(out.len(), 2);
        assert_eq!(skipped.len(), 1);
        assert!(skipped[0].reason.contains("f1.md"));
    }
}
