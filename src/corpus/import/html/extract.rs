//! Plain text out of an HTML element: paragraphs kept apart by a blank line,
//! white space collapsed inside them, scripts, styles, forms, images and
//! navigation left out. The profiles choose the element; this file only
//! turns it into text (through the importers' one HTML walk,
//! [`element_paragraphs`]), so every profile breaks paragraphs the same way.

use scraper::{ElementRef, Html, Selector};

use crate::corpus::import::plain::element_paragraphs;

/// Elements whose content is never the statement's text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "img", "iframe", "form", "nav", "button", "select", "input",
    "textarea", "svg", "head", "template", "video", "audio", "object", "header", "footer", "aside",
];

/// Paragraphs of `el` (see [`element_paragraphs`]); paragraphs for which
/// `furniture` is true are dropped and counted.
pub fn paragraphs(el: ElementRef<'_>, furniture: impl Fn(&str) -> bool) -> (Vec<String>, usize) {
    let all = element_paragraphs(el, SKIP);
    let total = all.len();
    let kept: Vec<String> = all.into_iter().filter(|p| !furniture(p)).collect();
    let removed = total - kept.len();
    (kept, removed)
}

/// The first element matching `css` (a selector written in the code).
pub fn first<'a>(doc: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    let selector = Selector::parse(css).expect("profile selectors are valid CSS");
    doc.select(&selector).next()
}

/// The element's text on one line, white space collapsed.
pub fn line_text(el: ElementRef<'_>) -> String {
    el.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of the first element matching `css`, when it has any.
pub fn first_text(doc: &Html, css: &str) -> Option<String> {
    first(doc, css).map(line_text).filter(|t| !t.is_empty())
}

/// A `<meta property=… content=…>` or `<meta name=… content=…>` value.
pub fn meta(doc: &Html, key: &str) -> Option<String> {
    let css = format!("meta[property=\"{key}\"], meta[name=\"{key}\"]");
    first(doc, &css)
        .and_then(|m| m.attr("content"))
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
}

/// Why a page is not an article: a redirect or error stub as servers and
/// mirrors save them ("302 Found", "404 Not Found", a meta refresh).
pub fn stub(doc: &Html) -> Option<String> {
    let title = first_text(doc, "title").unwrap_or_default();
    let code = title
        .split_whitespace()
        .next()
        .and_then(|c| c.parse::<u16>().ok());
    if let Some(code) = code.filter(|c| (300..600).contains(c)) {
        let target = first(doc, "a[href]")
            .and_then(|a| a.attr("href"))
            .unwrap_or("");
        let kind = if code < 400 { "redirect" } else { "error" };
        let to = if target.is_empty() {
            String::new()
        } else {
            format!(" to {target}")
        };
        return Some(format!("{kind} stub ({title}){to}"));
    }
    let refresh = first(doc, "meta[http-equiv]").filter(|m| {
        m.attr("http-equiv")
            .is_some_and(|v| v.eq_ignore_ascii_case("refresh"))
    });
    refresh.map(|m| {
        format!(
            "redirect stub (meta refresh: {})",
            m.attr("content").unwrap_or("")
        )
    })
}

/// The paragraphs joined with blank lines: the stored text.
pub fn join(paragraphs: &[String]) -> String {
    paragraphs.join("\n\n")
}

/// `zh` when most letters are Han characters, else `en`: for pages that do
/// not say their language.
pub fn script_language(text: &str) -> &'static str {
    let (mut han, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()).take(4000) {
        letters += 1;
        if ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c) {
            han += 1;
        }
    }
    if letters > 0 && han * 2 > letters {
        "zh"
    } else {
        "en"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_scripts_and_hidden_parts() {
        let doc = Html::parse_document(
            "<div id=c><P>Q: One&nbsp;<b>two</b>\n three?</P><script>var x=1;</script>\
             <p style='display: none'>hidden</p><p>　　答：好。<br>Next line</p><div>Print</div></div>",
        );
        let el = first(&doc, "#c").unwrap();
        let (paras, removed) = paragraphs(el, |p| p == "Print");
        // `<br>` breaks the line, not the paragraph (as in feeds).
        assert_eq!(paras, vec!["Q: One two three?", "答：好。\nNext line"]);
        assert_eq!(removed, 1);
        assert_eq!(join(&paras), "Q: One two three?\n\n答：好。\nNext line");
    }

    #[test]
    fn stubs_and_languages() {
        let doc = Html::parse_document(
            "<title>302 Found</title><p>moved <a href='https://x.org/e'>here</a></p>",
        );
        assert_eq!(
            stub(&doc).unwrap(),
            "redirect stub (302 Found) to https://x.org/e"
        );
        assert!(stub(&Html::parse_document("<title>Remarks</title>")).is_none());
        assert_eq!(script_language("外交部发言人 said"), "zh");
        assert_eq!(script_language("The spokesperson said 中国"), "en");
    }
}
