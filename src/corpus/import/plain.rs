//! Plain text as the corpus stores it, from what publishers serve: HTML
//! fragments in feeds and rendered Markdown. Paragraphs are separated by one
//! blank line, a line break inside a paragraph is kept as a single newline,
//! and runs of spaces (including no-break spaces, U+00A0, which publishers use
//! as spacing and as empty "paragraphs") collapse to one space.

use scraper::{ElementRef, Html, Node};

/// Builds paragraphs piece by piece; callers mark paragraph and line breaks.
#[derive(Debug, Default)]
pub struct Paragraphs {
    done: Vec<String>,
    current: String,
}

impl Paragraphs {
    /// Adds running text (any whitespace in it counts as one space).
    pub fn push_text(&mut self, text: &str) {
        for (i, word) in text.split(is_space).enumerate() {
            if i > 0 && !self.current.ends_with([' ', '\n']) && !self.current.is_empty() {
                self.current.push(' ');
            }
            self.current.push_str(word);
        }
    }

    /// A line break inside the paragraph.
    pub fn line_break(&mut self) {
        let kept = self.current.trim_end_matches(' ').len();
        self.current.truncate(kept);
        if !self.current.is_empty() && !self.current.ends_with('\n') {
            self.current.push('\n');
        }
    }

    /// Ends the current paragraph (no effect when it is empty).
    pub fn end_paragraph(&mut self) {
        let para = tidy(&self.current);
        if !para.is_empty() {
            self.done.push(para);
        }
        self.current.clear();
    }

    /// The finished paragraphs.
    pub fn finish(mut self) -> Vec<String> {
        self.end_paragraph();
        self.done
    }
}

/// Publishers' spacing: ASCII whitespace and the no-break space.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}'
}

/// One paragraph with single spaces, trimmed lines and no empty lines.
fn tidy(para: &str) -> String {
    para.split('\n')
        .map(|l| {
            l.split(is_space)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Elements that start and end a paragraph of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "figure",
    "figcaption",
    "address",
    "hr",
    "form",
];

/// Elements whose content is never text a reader sees.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "head", "iframe", "svg",
];

/// The plain-text paragraphs of an HTML fragment (a feed entry's content).
pub fn html_paragraphs(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    element_paragraphs(doc.root_element(), &[])
}

/// The plain-text paragraphs of one element of a page (the article a saved
/// page's profile chose), leaving out what is never shown (scripts, styles,
/// `style="display:none"`) and the elements named in `skip` (navigation,
/// forms, images …). The one HTML-to-text walk of every importer.
pub fn element_paragraphs(element: ElementRef<'_>, skip: &[&str]) -> Vec<String> {
    let mut out = Paragraphs::default();
    walk(element, skip, &mut out);
    out.finish()
}

/// `style="display:none"` marks an element the page never shows.
fn hidden(e: &scraper::node::Element) -> bool {
    e.attr("style").is_some_and(|s| {
        s.replace(' ', "")
            .to_ascii_lowercase()
            .contains("display:none")
    })
}

fn walk(element: ElementRef<'_>, skip: &[&str], out: &mut Paragraphs) {
    for child in element.children() {
        match child.value() {
            Node::Text(t) => out.push_text(t),
            Node::Element(e) => {
                let name = e.name();
                if HIDDEN.contains(&name) || skip.contains(&name) || hidden(e) {
                    // A block left out still parts the text around it, as on screen.
                    if BLOCKS.contains(&name) {
                        out.end_paragraph();
                    }
                    continue;
                }
                if name == "br" {
                    out.line_break();
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.end_paragraph();
                }
                if let Some(el) = ElementRef::wrap(child) {
                    walk(el, skip, out);
                }
                if block {
                    out.end_paragraph();
                } else if matches!(name, "td" | "th") {
                    out.push_text(" ");
                }
            }
            _ => {}
        }
    }
}

/// The paragraphs of plain text: blank lines separate them, other line breaks
/// inside one are joined (a feed's `description` written as plain text).
pub fn text_paragraphs(text: &str) -> Vec<String> {
    let mut out = Paragraphs::default();
    for line in text.lines() {
        if line.trim_matches(is_space).is_empty() {
            out.end_paragraph();
        } else {
            out.push_text(" ");
            out.push_text(line);
        }
    }
    out.finish()
}

/// Whether a feed's text field holds HTML rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["<p", "<br", "<div", "</", "&lt;", "&amp;", "&#"]
        .iter()
        .any(|m| lower.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_left_out_still_parts_the_text_around_it() {
        let doc = Html::parse_document(
            "<body><b>Statement</b><nav>Home</nav>The UK wel<span style=\"display:none\">x</span>comes.</body>",
        );
        assert_eq!(
            element_paragraphs(doc.root_element(), &["nav"]),
            vec!["Statement".to_string(), "The UK welcomes.".to_string()]
        );
    }

    #[test]
    fn html_keeps_paragraphs_and_drops_markup() {
        let html = "<p>First <b>bold</b>\n  line,\u{a0}wrapped.</p><p>Second<br/>line</p>\
                    <script>var x = 1;</script><ul><li>one</li><li>two</li></ul>";
        assert_eq!(
            html_paragraphs(html),
            ["First bold line, wrapped.", "Second\nline", "one", "two"]
        );
    }

    #[test]
    fn entities_are_decoded_and_empty_blocks_vanish() {
        assert_eq!(
            html_paragraphs("<div><p>&nbsp;</p><p>A &amp; B&#8217;s</p></div>"),
            ["A & B\u{2019}s"]
        );
    }

    #[test]
    fn plain_text_joins_wrapped_lines() {
        assert_eq!(
            text_paragraphs("one\ntwo  three\n\u{a0}\nfour\n"),
            ["one two three", "four"]
        );
        assert!(looks_like_html("<p>x</p>"));
        assert!(!looks_like_html("A plain summary."));
    }
}
