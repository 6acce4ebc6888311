//! `import markdown DIR`: archives of Markdown files with front matter, the
//! form in which scrapers keep the White House briefing room
//! (`SECTION/YYYY-MM/YYYY-MM-DD-slug.md`, YAML `date`, `published_time`,
//! `title`, `source_url`, `tags`; older files `category`, `permalink`) and in
//! which Hugo and Jekyll sites keep their posts (YAML between `---` lines or
//! TOML between `+++` lines). Every file is one release: the body is rendered
//! to plain paragraphs with pulldown-cmark (escaped markup such as `\###`
//! becomes its text, hard-wrapped lines are joined, line breaks are kept),
//! and the rest is done by [`super::release`].

use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag, TagEnd};
use yaml_rust2::{Yaml, YamlLoader};

use super::plain::{html_paragraphs, Paragraphs};
use super::release::{self, Options, Release};
use super::{Error, Report, Skipped};

/// Imports every Markdown file below `dir` into its own file under `<into>/import/`.
pub fn import(dir: &Path, opts: &Options, into: &Path) -> Result<Report, Error> {
    if !dir.exists() {
        return Err(Error::NotFound(dir.to_path_buf()));
    }
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    if files.is_empty() {
        return Err(Error::NotASource {
            path: dir.to_path_buf(),
            what: "an archive of Markdown files",
            why: "no *.md or *.markdown file below it".into(),
        });
    }
    files.sort();
    let releases = files.iter().map(|f| read(dir, f)).collect();
    release::import(dir, releases, "markdown", opts, into)
}

/// Markdown files below `dir`, passing over hidden entries and symbolic links.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), Error> {
    let rerr = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    if dir.is_file() {
        files.push(dir.to_path_buf());
        return Ok(());
    }
    for entry in fs::read_dir(dir).map_err(rerr)? {
        let entry = entry.map_err(rerr)?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type().map_err(rerr)?;
        if kind.is_dir() {
            collect(&path, files)?;
        } else if kind.is_file()
            && path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
        {
            files.push(path);
        }
    }
    Ok(())
}

fn read(root: &Path, file: &Path) -> Result<Release, Skipped> {
    let skip = |line: usize, reason: String| Skipped {
        path: file.to_path_buf(),
        line,
        reason,
    };
    let bytes = fs::read(file).map_err(|e| skip(1, format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        skip(
            1,
            format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (front, body, body_line) = split_front_matter(text).map_err(|r| skip(1, r))?;
    let meta = match front {
        Some(Front::Yaml(y)) => yaml_meta(y).map_err(|r| skip(1, r))?,
        Some(Front::Toml(t)) => toml_meta(t).map_err(|r| skip(1, r))?,
        None => Meta::default(),
    };
    if meta.draft {
        return Err(skip(1, "a draft (draft: true)".into()));
    }
    let section = section_of(root, file, &meta);
    let date = meta
        .date
        .clone()
        .or_else(|| date_from_name(file))
        .ok_or_else(|| {
            skip(
                1,
                "no date in the front matter (date, published_time) nor in the file name".into(),
            )
        })?;
    let title = meta.title.clone().unwrap_or_default();
    Ok(Release {
        path: file.to_path_buf(),
        line: body_line,
        date,
        title,
        url: meta.url,
        section,
        declared_language: meta.language,
        issuer: None,
        paragraphs: body_paragraphs(body),
    })
}

enum Front<'a> {
    Yaml(&'a str),
    Toml(&'a str),
}

/// The front matter (YAML between `---` lines, TOML between `+++` lines), the
/// body, and the line on which the body starts.
fn split_front_matter(text: &str) -> Result<(Option<Front<'_>>, &str, usize), String> {
    let first = text.lines().next().unwrap_or("").trim_end();
    let fence = match first {
        "---" => "---",
        "+++" => "+++",
        _ => return Ok((None, text, 1)),
    };
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut at = start;
    for (n, line) in text[start..].split_inclusive('\n').enumerate() {
        let bare = line.trim_end();
        if bare == fence || (fence == "---" && bare == "...") {
            let front = &text[start..at];
            let body = &text[at + line.len()..];
            let front = if fence == "---" {
                Front::Yaml(front)
            } else {
                Front::Toml(front)
            };
            // The body starts on the next line; a file that ends on the
            // closing fence (no newline after it) has no next line, so the
            // fence's own line is the one a message about the body names.
            let body_line = if line.ends_with('\n') { n + 3 } else { n + 2 };
            return Ok((Some(front), body, body_line));
        }
        at += line.len();
    }
    Err(format!(
        "the front matter opened by `{fence}` is never closed"
    ))
}

/// What the front matter says.
#[derive(Debug, Default)]
struct Meta {
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    sections: Vec<String>,
    language: Option<String>,
    draft: bool,
}

/// Keys read, in order of preference.
const DATE_KEYS: &[&str] = &[
    "published_time",
    "date",
    "publishDate",
    "published",
    "pubDate",
];
const URL_KEYS: &[&str] = &[
    "source_url",
    "permalink",
    "canonical_url",
    "canonicalURL",
    "url",
    "link",
];
const SECTION_KEYS: &[&str] = &["tags", "category", "categories", "section", "type"];
const LANGUAGE_KEYS: &[&str] = &["lang", "language", "locale"];

fn yaml_meta(front: &str) -> Result<Meta, String> {
    let docs = YamlLoader::load_from_str(front).map_err(|e| {
        format!(
            "front matter is not valid YAML: {} (front matter line {})",
            e.info(),
            e.marker().line()
        )
    })?;
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
        return Ok(Meta::default());
    };
    let get = |key: &str| map.get(&Yaml::String(key.to_string()));
    Ok(meta_from(|key| {
        get(key).map(yaml_strings).unwrap_or_default()
    }))
}

/// A YAML value as strings: a scalar gives one, a list its scalars.
fn yaml_strings(y: &Yaml) -> Vec<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => vec![s.clone()],
        Yaml::Integer(i) => vec![i.to_string()],
        Yaml::Boolean(b) => vec![b.to_string()],
        Yaml::Array(items) => items.iter().flat_map(yaml_strings).collect(),
        _ => Vec::new(),
    }
}

fn toml_meta(front: &str) -> Result<Meta, String> {
    let table: toml::Table = toml::from_str(front).map_err(|e| {
        format!(
            "front matter is not valid TOML: {}",
            e.message().trim().replace('\n', " ")
        )
    })?;
    Ok(meta_from(|key| {
        table.get(key).map(toml_strings).unwrap_or_default()
    }))
}

fn toml_strings(v: &toml::Value) -> Vec<String> {
    match v {
        toml::Value::String(s) => vec![s.clone()],
        toml::Value::Array(items) => items.iter().flat_map(toml_strings).collect(),
        toml::Value::Table(_) => Vec::new(),
        other => vec![other.to_string()],
    }
}

fn meta_from(values: impl Fn(&str) -> Vec<String>) -> Meta {
    let first = |keys: &[&str]| {
        keys.iter()
            .flat_map(|k| values(k))
            .map(|v| v.trim().to_string())
            .find(|v| !v.is_empty())
    };
    Meta {
        title: first(&["title"]).map(|t| t.replace('\u{a0}', " ")),
        date: first(DATE_KEYS),
        url: URL_KEYS
            .iter()
            .flat_map(|k| values(k))
            .find(|u| u.starts_with("http://") || u.starts_with("https://")),
        sections: SECTION_KEYS.iter().flat_map(|k| values(k)).collect(),
        language: first(LANGUAGE_KEYS),
        draft: values("draft").iter().any(|d| d == "true"),
    }
}

/// The front matter's sections and tags, then the first folder below the root.
fn section_of(root: &Path, file: &Path, meta: &Meta) -> String {
    let mut parts = meta.sections.clone();
    if let Ok(rel) = file.strip_prefix(root) {
        let mut comps = rel.components();
        if let (Some(first), Some(_)) = (comps.next(), comps.next()) {
            parts.push(first.as_os_str().to_string_lossy().into_owned());
        }
    }
    parts.join(" ")
}

/// `2021-02-10` from a Jekyll-style name (`2021-02-10-readout.md`).
fn date_from_name(file: &Path) -> Option<String> {
    let name = file.file_name()?.to_str()?;
    let head = name.get(..10)?;
    head.parse::<crate::corpus::Date>()
        .ok()
        .map(|_| head.to_string())
}

/// The body rendered to plain paragraphs.
pub fn body_paragraphs(body: &str) -> Vec<String> {
    // A no-break space is never Markdown syntax; as a space, a line holding
    // only no-break spaces is the blank line its author meant.
    let body = body.replace('\u{a0}', " ");
    let mut out = Paragraphs::default();
    let mut html = String::new();
    let mut in_image = 0usize;
    let opts =
        MdOptions::ENABLE_TABLES | MdOptions::ENABLE_STRIKETHROUGH | MdOptions::ENABLE_FOOTNOTES;
    for event in Parser::new_ext(&body, opts) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ if in_image > 0 => {}
            Event::Text(t) | Event::Code(t) => out.push_text(&t),
            Event::SoftBreak => out.push_text(" "),
            Event::HardBreak => out.line_break(),
            Event::InlineHtml(h) if h.trim_start().to_ascii_lowercase().starts_with("<br") => {
                out.line_break()
            }
            Event::Html(h) => html.push_str(&h),
            Event::End(TagEnd::HtmlBlock) => {
                out.end_paragraph();
                for p in html_paragraphs(&std::mem::take(&mut html)) {
                    out.push_text(&p);
                    out.end_paragraph();
                }
            }
            Event::Start(Tag::TableCell) | Event::End(TagEnd::TableCell) => out.push_text(" "),
            Event::Start(tag) if is_block(&tag) => out.end_paragraph(),
            Event::End(tag) if is_block_end(&tag) => out.end_paragraph(),
            Event::Rule => out.end_paragraph(),
            _ => {}
        }
    }
    out.finish()
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::Item
            | Tag::List(_)
            | Tag::TableRow
            | Tag::TableHead
            | Tag::FootnoteDefinition(_)
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::Item
            | TagEnd::List(_)
            | TagEnd::TableRow
            | TagEnd::TableHead
            | TagEnd::FootnoteDefinition
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_become_paragraphs() {
        let body = "\u{a0}\nPresident Biden spoke\nwith President Xi.  They\ndiscussed the\u{a0}\
                    21<sup>st</sup> century.\n\n\u{a0}\nLine one  \nline two\n\n\\###\n";
        assert_eq!(
            body_paragraphs(body),
            [
                "President Biden spoke with President Xi. They discussed the 21st century.",
                "Line one\nline two",
                "###"
            ]
        );
    }

    #[test]
    fn lists_links_and_html_blocks_keep_their_text() {
        let body = "- one [link](https://x.org)\n- two &amp; three\n\n![alt](i.png)\n\n\
                    <figure>\n<figcaption>Caption</figcaption>\n</figure>\n\n*\\###*\n";
        assert_eq!(
            body_paragraphs(body),
            ["one link", "two & three", "Caption", "###"]
        );
    }

    #[test]
    fn front_matter_in_yaml_and_toml() {
        let text = "---\ntitle: \"A\\_B\"\ndate: '2021-02-10'\nsource_url: https://x.gov/a/\ntags: statements-releases\n---\nBody\n";
        let (front, body, line) = split_front_matter(text).unwrap();
        let Some(Front::Yaml(y)) = front else {
            panic!("no yaml")
        };
        let meta = yaml_meta(y).unwrap();
        assert_eq!(meta.title.as_deref(), Some("A B"));
        assert_eq!(meta.date.as_deref(), Some("2021-02-10"));
        assert_eq!(meta.url.as_deref(), Some("https://x.gov/a/"));
        assert_eq!(meta.sections, ["statements-releases"]);
        assert_eq!((body, line), ("Body\n", 7));
        let (_, body, line) = split_front_matter("---\ntitle: T\n---").unwrap();
        assert_eq!((body, line), ("", 3), "no line after a last fence");
        let toml = "+++\ntitle = \"T\"\ndate = 2021-02-10T10:00:00-05:00\ncategories = [\"a\", \"b\"]\n+++\nx";
        let (Some(Front::Toml(t)), _, _) = split_front_matter(toml).unwrap() else {
            panic!("no toml")
        };
        let meta = toml_meta(t).unwrap();
        assert_eq!(meta.date.as_deref(), Some("2021-02-10T10:00:00-05:00"));
        assert_eq!(meta.sections, ["a", "b"]);
        assert!(split_front_matter("---\ntitle: x\n").is_err());
        assert!(yaml_meta("title: [unclosed\n").is_err());
    }
}
