//! `readouts import html DIR`: saved web pages in a `wget --mirror` layout
//! (`DIR/<host>/<path>`), such as a mirror of the Chinese Foreign Ministry's
//! site. Each page is parsed with an HTML5 parser (scraper, on html5ever) and
//! read by the profile of its host — www.fmprc.gov.cn, www.whitehouse.gov,
//! www.state.gov — or by the generic main-content fallback. A page gives one
//! statement, its own event for now (pairing an English conference with its
//! Chinese original comes later), with title, date, language, kind, the text
//! with paragraph breaks and without page furniture, and the speaker turns of
//! a transcript. Ids come from the source URL, never from the input folder's
//! name, so a renamed mirror imports to the same ids. List pages, redirects
//! and error stubs are skipped with their reason. Output goes to
//! `<into>/<site>/<year>.jsonl`, one file per site and year.

mod extract;
pub mod fmprc;
mod generic;

pub use generic::Options;
mod state;
mod whitehouse;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use scraper::Html;

use super::dates::DateRules;
use super::{write_jsonl, Error, Line, Report, Skipped};
use crate::corpus::model::Turn;
use crate::corpus::Date;

/// File name endings taken for saved pages; everything else (robots.txt,
/// images, a MANIFEST) is passed over.
const PAGE_ENDINGS: &[&str] = &[".html", ".htm", ".shtml", ".xhtml", ".php", ".asp", ".aspx"];

/// One saved page as a profile sees it.
pub struct Page<'a> {
    /// The source URL (`https://host/path`).
    pub url: String,
    pub host: String,
    /// The URL path, starting with `/`.
    pub path: String,
    pub doc: &'a Html,
    /// How the profile's dates are read (its publisher's time zone).
    pub rules: DateRules,
    pub options: &'a Options,
}

/// What a profile read from a page.
pub struct Extracted {
    pub title: String,
    pub date: Date,
    pub language: &'static str,
    pub kind: &'static str,
    pub side: String,
    pub issuer: String,
    pub text: String,
    pub turns: Vec<Turn>,
    /// Paragraphs dropped as page furniture.
    pub removed: usize,
}

/// A site's reader: what it extracts from a page, or why it cannot.
type Profile = fn(&Page<'_>) -> Result<Extracted, String>;

/// A page read, ready to be written.
struct Read {
    url: String,
    site: String,
    slug: String,
    page: Extracted,
}

/// Imports every saved page under `dir` into `into/<site>/<year>.jsonl`.
pub fn import(dir: &Path, into: &Path, options: &Options) -> Result<Report, Error> {
    if !dir.is_dir() {
        return Err(Error::NotFound(dir.to_path_buf()));
    }
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(Error::NotASource {
            path: dir.to_path_buf(),
            what: "a folder of saved web pages",
            why: format!("it holds no file ending in {}", PAGE_ENDINGS.join(", ")),
        });
    }
    let results = crate::par::map(&files, 8, |path| read_page(dir, path, options));
    let mut report = Report::default();
    let mut pages = Vec::new();
    for (path, result) in files.iter().zip(results) {
        match result {
            Ok(read) => pages.push(read),
            Err(reason) => {
                let skipped = Skipped {
                    path: path.clone(),
                    line: 0,
                    reason,
                };
                if holds_no_statement(&skipped.reason) {
                    report.passed_over.push(skipped);
                } else {
                    report.skipped.push(skipped);
                }
            }
        }
    }
    write(pages, into, options, &mut report)?;
    Ok(report)
}

/// List pages, redirects and error stubs are part of any mirror: they are
/// reported, but they are not statements lost.
fn holds_no_statement(reason: &str) -> bool {
    reason.starts_with("list page") || reason.contains(" stub (")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let read = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    for entry in fs::read_dir(dir).map_err(read)? {
        let entry = entry.map_err(read)?;
        let name = entry.file_name().to_string_lossy().to_lowercase();
        // Never follow a symbolic link out of the mirror.
        let kind = entry.file_type().map_err(read)?;
        if name.starts_with('.') || kind.is_symlink() {
            continue;
        }
        if kind.is_dir() {
            walk(&entry.path(), out)?;
        } else if PAGE_ENDINGS.iter().any(|e| name.ends_with(e)) {
            out.push(entry.path());
        }
    }
    Ok(())
}

/// Reads and extracts one page; the error is the reason it is skipped.
fn read_page(dir: &Path, path: &Path, options: &Options) -> Result<Read, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let html = String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 (byte {}); save the page as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })?;
    let doc = Html::parse_document(&html);
    if let Some(reason) = extract::stub(&doc) {
        return Err(reason);
    }
    let rel = path.strip_prefix(dir).unwrap_or(path);
    let (host, url_path) = url_of(rel, &doc)?;
    let (profile, tz): (Profile, &str) = match host.as_str() {
        "www.fmprc.gov.cn" | "fmprc.gov.cn" => (fmprc::extract, fmprc::TZ),
        "www.whitehouse.gov" | "whitehouse.gov" => (whitehouse::extract, whitehouse::TZ),
        "www.state.gov" | "state.gov" => (state::extract, state::TZ),
        _ => (generic::extract, "UTC"),
    };
    let page = Page {
        url: format!("https://{host}{url_path}"),
        rules: DateRules::new(tz, None)?,
        host,
        path: url_path,
        doc: &doc,
        options,
    };
    let extracted = profile(&page)?;
    Ok(Read {
        site: site_of(&page.host),
        slug: slug_of(&page.path),
        url: page.url,
        page: extracted,
    })
}

/// Host and URL path: from the mirror layout (`<host>/<path>`), else from
/// the page's canonical link or `og:url`.
fn url_of(rel: &Path, doc: &Html) -> Result<(String, String), String> {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.len() > 1
        && parts[0].contains('.')
        && !PAGE_ENDINGS.iter().any(|e| parts[0].ends_with(e))
    {
        return Ok((
            parts[0].to_lowercase(),
            format!("/{}", parts[1..].join("/")),
        ));
    }
    let canonical = extract::first(doc, "link[rel=canonical]")
        .and_then(|l| l.attr("href").map(str::to_string))
        .or_else(|| extract::meta(doc, "og:url"));
    let url = canonical.ok_or(
        "no source URL: the path does not start with a host folder (wget --mirror layout) and the page has no canonical link",
    )?;
    let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    Ok((host.to_lowercase(), format!("/{path}")))
}

/// `www.fmprc.gov.cn` → `fmprc`: the short site name in ids and folders.
fn site_of(host: &str) -> String {
    let host = host.strip_prefix("www.").unwrap_or(host);
    slugify(host.split('.').next().unwrap_or(host))
}

/// The last meaningful path segment, without its extension: `t1617471`,
/// `readout-of-…`; `index`/`default` pages take their folder's name.
fn slug_of(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let stem = |s: &str| s.rsplit_once('.').map_or(s, |(a, _)| a).to_string();
    let generic = |s: &str| matches!(stem(s).as_str(), "index" | "default" | "");
    match segments.iter().rposition(|s| !generic(s)) {
        Some(i) => slugify(&stem(segments[i])),
        None => "home".into(),
    }
}

/// Lower-case ASCII letters, digits, `-`, `_` and `.`; anything else becomes `-`.
fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let keep = c.is_ascii_alphanumeric() || matches!(c, '_' | '.');
        if keep {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches(|c| c == '-' || c == '.').to_string()
}

/// Groups the pages by site and year and writes one file for each.
fn write(
    pages: Vec<Read>,
    into: &Path,
    options: &Options,
    report: &mut Report,
) -> Result<(), Error> {
    let ids = event_ids(&pages);
    let mut files: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    for (i, r) in pages.iter().enumerate() {
        let path = into
            .join(&r.site)
            .join(format!("{}.jsonl", r.page.date.year));
        files.entry(path).or_default().push(i);
    }
    for (path, members) in files {
        let lines: Vec<Line<'_>> = members.iter().map(|&i| line(&pages[i], &ids[i])).collect();
        write_jsonl(&path, &lines, options.force)?;
        report.statements += lines.len();
        report.events += lines.len();
        report.files_written.push(path);
    }
    Ok(())
}

/// `<site>-<slug>`; when two pages share one, both take the whole path.
fn event_ids(pages: &[Read]) -> Vec<String> {
    let short: Vec<String> = pages
        .iter()
        .map(|r| format!("{}-{}", r.site, r.slug))
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for id in &short {
        *seen.entry(id).or_default() += 1;
    }
    pages
        .iter()
        .zip(&short)
        .map(|(r, id)| match seen[id.as_str()] {
            1 => id.clone(),
            _ => {
                let path = r.url.split_once("://").map_or(r.url.as_str(), |(_, p)| p);
                let path = path.split_once('/').map_or("", |(_, p)| p);
                format!("{}-{}", r.site, slugify(path))
            }
        })
        .collect()
}

fn line<'a>(r: &'a Read, event: &'a str) -> Line<'a> {
    let p = &r.page;
    Line {
        event,
        date: p.date.to_string(),
        kind: p.kind,
        event_title: &p.title,
        side: p.side.clone(),
        issuer: &p.issuer,
        title: p.title.clone(),
        language: p.language,
        coverage: "full",
        url: Some(&r.url),
        notes: None,
        text: &p.text,
        turns: &p.turns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_the_url() {
        assert_eq!(site_of("www.fmprc.gov.cn"), "fmprc");
        assert_eq!(
            slug_of("/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1617471.shtml"),
            "t1617471"
        );
        assert_eq!(
            slug_of("/briefing-room/statements/2021/11/16/readout-of-the-call/"),
            "readout-of-the-call"
        );
        assert_eq!(slug_of("/news/2021/index.html"), "2021");
        assert_eq!(slug_of("/"), "home");
        assert_eq!(slugify("Remarks: A & B"), "remarks-a-b");
    }

    #[test]
    fn urls_from_the_mirror_layout_or_the_page() {
        let doc =
            Html::parse_document("<link rel=canonical href='https://www.state.gov/briefings/x/'>");
        let rel = Path::new("www.fmprc.gov.cn/web/t1.shtml");
        assert_eq!(
            url_of(rel, &doc).unwrap(),
            ("www.fmprc.gov.cn".into(), "/web/t1.shtml".into())
        );
        let flat = Path::new("page.html");
        assert_eq!(
            url_of(flat, &doc).unwrap(),
            ("www.state.gov".into(), "/briefings/x/".into())
        );
        assert!(url_of(flat, &Html::parse_document("<p>x</p>")).is_err());
    }
}
