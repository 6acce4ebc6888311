//! The one HTML page shell. Every HTML report (search, keyness, tone, diff,
//! bilingual) is a self-contained page: doctype, language, character set,
//! viewport, an escaped title and its own style sheet. Writing that head in
//! one place keeps the pages alike and leaves no page whose title a corpus
//! string could break out of: the title is plain text, escaped here.

use std::io::{self, Write};

use super::escape;

/// Writes the page's head and opens its `<body>`. `title` is plain text
/// (escaped here); `css` is the page's own style sheet, written as given.
pub fn open(out: &mut dyn Write, title: &str, css: &str) -> io::Result<()> {
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{css}</style>\n</head>\n<body>",
        escape::html(title)
    )
}

/// Closes what [`open`] opened.
pub fn close(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "</body>\n</html>")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_title_is_text_and_the_page_is_whole() {
        let mut out = Vec::new();
        super::open(&mut out, "a </title><script>x</script>", "b{c:d}").unwrap();
        super::close(&mut out).unwrap();
        let page = String::from_utf8(out).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(page.contains("<title>a &lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>"));
        assert!(!page.contains("<script>"));
        assert!(page.contains("<style>b{c:d}</style>"));
        assert!(page.ends_with("</body>\n</html>\n"));
    }
}
