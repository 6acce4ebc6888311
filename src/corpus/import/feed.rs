//! `import feed FILE|DIR`: RSS 2.0 and Atom feeds of press releases (the
//! State Department's press-release feed, a ministry's news feed), parsed
//! with feed-rs. Every entry is one release: its full text from
//! `content:encoded` (RSS) or `content` (Atom), else `description` or
//! `summary`, turned from HTML into plain paragraphs; its date from
//! `pubDate`/`published`, else `updated`, as the calendar date in the
//! publisher's time zone. The rest is done by [`super::release`].

use std::fs;
use std::path::{Path, PathBuf};

use feed_rs::model::{Entry, Feed, Text};

use super::plain::{html_paragraphs, looks_like_html, text_paragraphs};
use super::release::{self, Options, Release};
use super::xmltext;
use super::{Error, Report, Skipped};

/// File names a feed folder is read for.
const EXTENSIONS: &[&str] = &["xml", "rss", "atom", "feed"];

/// Imports every entry of the feed `path` (or of every feed file in the folder
/// `path`) into the source's own file under `<into>/import/`.
pub fn import(path: &Path, opts: &Options, into: &Path) -> Result<Report, Error> {
    if !path.exists() {
        return Err(Error::NotFound(path.to_path_buf()));
    }
    let files = feed_files(path)?;
    let mut releases = Vec::new();
    for file in &files {
        match parse(file) {
            Ok((feed, starts)) => releases.extend(feed.entries.iter().enumerate().map(|(i, e)| {
                let line = starts.get(i).copied().unwrap_or(1);
                entry(file, (i + 1, line), &feed, e)
            })),
            Err(skip) => releases.push(Err(skip)),
        }
    }
    release::import(path, releases, "feed", opts, into)
}

fn feed_files(path: &Path) -> Result<Vec<PathBuf>, Error> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let rerr = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in fs::read_dir(path).map_err(rerr)? {
        let entry = entry.map_err(rerr)?;
        let p = entry.path();
        let wanted = entry.file_type().map_err(rerr)?.is_file()
            && p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if wanted {
            files.push(p);
        }
    }
    if files.is_empty() {
        return Err(Error::NotASource {
            path: path.to_path_buf(),
            what: "a folder of feeds",
            why: format!("no file ending in .{} in it", EXTENSIONS.join(", .")),
        });
    }
    files.sort();
    Ok(files)
}

/// The feed, and the line on which each `<item>` or `<entry>` starts.
fn parse(file: &Path) -> Result<(Feed, Vec<usize>), Skipped> {
    let skip = |reason: String| Skipped {
        path: file.to_path_buf(),
        line: 1,
        reason,
    };
    let bytes = fs::read(file).map_err(|e| skip(format!("cannot read: {e}")))?;
    let text = xmltext::decode(&bytes).map_err(skip)?;
    let feed = feed_rs::parser::parse(text.as_bytes())
        .map_err(|e| skip(format!("not an RSS or Atom feed: {e}")))?;
    let starts = entry_lines(text.as_bytes());
    let starts = if starts.len() == feed.entries.len() {
        starts
    } else {
        Vec::new()
    };
    Ok((feed, starts))
}

/// Lines of the `<item` and `<entry` start tags, in order.
fn entry_lines(bytes: &[u8]) -> Vec<usize> {
    let mut lines = Vec::new();
    let mut line = 1;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            line += 1;
        } else if b == b'<' {
            let rest = &bytes[i + 1..];
            let starts = [&b"item"[..], b"entry"].iter().any(|tag| {
                rest.starts_with(tag)
                    && rest
                        .get(tag.len())
                        .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>')
            });
            if starts {
                lines.push(line);
            }
        }
    }
    lines
}

/// One entry as a release; `n` is its position in the feed, `line` where it starts.
fn entry(
    file: &Path,
    (n, line): (usize, usize),
    feed: &Feed,
    e: &Entry,
) -> Result<Release, Skipped> {
    let skip = |reason: String| Skipped {
        path: file.to_path_buf(),
        line,
        reason: format!("entry {n}: {reason}"),
    };
    let when = e
        .published
        .or(e.updated)
        .ok_or_else(|| skip("no date (pubDate, published or updated)".into()))?;
    let paragraphs = body(e);
    let title = e.title.as_ref().map(plain_title).unwrap_or_default();
    let url = e
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(e.links.first())
        .map(|l| l.href.clone())
        .or_else(|| Some(e.id.clone()).filter(|id| id.starts_with("http")));
    let mut sections: Vec<&str> = e.categories.iter().map(|c| c.term.as_str()).collect();
    sections.extend(feed.categories.iter().map(|c| c.term.as_str()));
    Ok(Release {
        path: file.to_path_buf(),
        line,
        date: when.to_rfc3339(),
        title,
        url,
        section: sections.join(" "),
        declared_language: e.language.clone().or_else(|| feed.language.clone()),
        issuer: feed
            .title
            .as_ref()
            .map(plain_title)
            .filter(|t| !t.is_empty()),
        paragraphs,
    })
}

/// The entry's fullest text: content, else summary, as plain paragraphs.
fn body(e: &Entry) -> Vec<String> {
    if let Some(body) = e.content.as_ref().and_then(|c| c.body.as_deref()) {
        let paras = as_paragraphs(body, true);
        if !paras.is_empty() {
            return paras;
        }
    }
    e.summary.as_ref().map_or_else(Vec::new, |s| {
        let html = s.content_type.subty().as_str() == "html" || looks_like_html(&s.content);
        as_paragraphs(&s.content, html)
    })
}

fn as_paragraphs(text: &str, html: bool) -> Vec<String> {
    if html || looks_like_html(text) {
        html_paragraphs(text)
    } else {
        text_paragraphs(text)
    }
}

fn plain_title(t: &Text) -> String {
    let paras = if looks_like_html(&t.content) {
        html_paragraphs(&t.content)
    } else {
        text_paragraphs(&t.content)
    };
    paras.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_found_by_their_start_tags() {
        let xml = b"<rss>\n<channel>\n<item>\n</item>\n<items/>\n<item id=\"2\">\n</item></channel></rss>";
        assert_eq!(entry_lines(xml), [3, 6]);
        assert_eq!(entry_lines(b"<feed>\n  <entry xml:lang=\"en\">"), [2]);
    }
}
