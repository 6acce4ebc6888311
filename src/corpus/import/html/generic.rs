//! Pages of any other site, and the shared reading of the U.S. profiles: the
//! main content is the first of a list of selectors that matches (`article`,
//! `main`, `[role=main]`, `#content` …), the title the first heading or
//! `<title>`, the date the first of the page's machine-readable dates
//! (`article:published_time`, `<time datetime>`, `date` meta tags). Headers,
//! footers, asides and navigation inside the content are left out.

use scraper::{ElementRef, Html};

use super::extract::{self, first, first_text, join, meta, paragraphs};
use super::{Extracted, Page};
use crate::corpus::import::dates::parse_published;
use crate::corpus::import::turns;

/// Where one site keeps its parts.
pub struct Profile {
    pub body: &'static [&'static str],
    pub title: &'static [&'static str],
    /// Paragraphs dropped as furniture: exact matches, or prefixes ending in `…`.
    pub furniture: &'static [&'static str],
    pub side: &'static str,
    pub issuer: &'static str,
}

/// What the command line says about pages no profile knows.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub side: Option<String>,
    pub issuer: Option<String>,
    /// Replace an existing site-and-year file even when it shrinks.
    pub force: bool,
}

const GENERIC: Profile = Profile {
    body: &[
        "article",
        "main",
        "[role=main]",
        "#content",
        ".content",
        "#main",
        "body",
    ],
    title: &["h1", "title"],
    furniture: &[
        "Share",
        "Print",
        "Share this page",
        "Back to top",
        "Skip to content",
        "###",
    ],
    side: "",
    issuer: "",
};

/// Pages of a site without a profile: the side and issuer given on the
/// command line (`--side`, `--issuer`); without them the page is skipped.
pub fn extract(page: &Page<'_>) -> Result<Extracted, String> {
    let (Some(side), Some(issuer)) = (&page.options.side, &page.options.issuer) else {
        return Err(format!(
            "no profile for {}; give --side and --issuer to import its pages",
            page.host
        ));
    };
    let mut read = read_with(page, &GENERIC)?;
    read.side = side.clone();
    read.issuer = issuer.clone();
    Ok(read)
}

/// Reads `page` with `profile`; the kind from the title.
pub fn read_with(page: &Page<'_>, profile: &Profile) -> Result<Extracted, String> {
    let doc = page.doc;
    let body = profile
        .body
        .iter()
        .find_map(|css| first(doc, css))
        .ok_or("no article body (an error page or stub)")?;
    let title = profile
        .title
        .iter()
        .find_map(|css| first_text(doc, css))
        .ok_or("the page has no title")?;
    let (paras, removed) = paragraphs(body, |p| furniture(profile.furniture, p));
    let text = join(&paras);
    if text.split_whitespace().count() < 20 && links(body) > 20 {
        return Err(format!("list page: no article body, {} links", links(body)));
    }
    if text.trim().is_empty() {
        return Err("the article body is empty".into());
    }
    let raw = date_of(doc).ok_or(
        "no date in the page (article:published_time, <time datetime> or a date meta tag)",
    )?;
    let date = parse_published(&raw, &page.rules).map_err(|e| format!("date `{raw}`: {e}"))?;
    let lang = first(doc, "html")
        .and_then(|h| h.attr("lang"))
        .map(|l| l.to_lowercase());
    let language = match lang.as_deref() {
        Some(l) if l.starts_with("zh") => "zh",
        Some(l) if l.starts_with("en") => "en",
        _ => extract::script_language(&text),
    };
    let turns = turns::find(&text, &[]);
    Ok(Extracted {
        kind: kind(&title),
        side: profile.side.to_string(),
        issuer: profile.issuer.to_string(),
        language,
        title,
        date,
        text,
        turns,
        removed,
    })
}

/// Briefings and press conferences by their titles; `statement` otherwise.
pub fn kind(title: &str) -> &'static str {
    let t = title.to_lowercase();
    if t.contains("press briefing") || t.contains("press gaggle") {
        "press-briefing"
    } else if t.contains("press conference") {
        "press-conference"
    } else {
        "statement"
    }
}

fn furniture(list: &[&str], p: &str) -> bool {
    list.iter().any(|f| match f.strip_suffix('…') {
        Some(prefix) => p.starts_with(prefix),
        None => p == *f,
    })
}

fn links(el: ElementRef<'_>) -> usize {
    el.select(&scraper::Selector::parse("a[href]").expect("valid"))
        .count()
}

fn date_of(doc: &Html) -> Option<String> {
    meta(doc, "article:published_time")
        .or_else(|| {
            first(doc, "time[datetime]").and_then(|t| t.attr("datetime").map(str::to_string))
        })
        .or_else(|| meta(doc, "date"))
        .or_else(|| meta(doc, "DC.date"))
        .or_else(|| first_text(doc, "time"))
}
