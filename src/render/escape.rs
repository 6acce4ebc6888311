//! Escaping, one function per output syntax, so that corpus text (which may come
//! from anyone) never acts on the reader's side: never a terminal command, a
//! spreadsheet formula, HTML markup, a Markdown link or a table break.
//!
//! - [`terminal`]: control characters (C0, DEL, C1: ESC sequences, OSC 52 and
//!   OSC 8, BEL, backspace, line breaks) and the bidi overrides and isolates
//!   (U+202A–U+202E, U+2066–U+2069) are shown as `\u{1b}` (`\n`, `\t`, `\r`
//!   for those three). Every text renderer and every error message uses it.
//! - [`csv()`]: RFC 4180 quoting, and the formula rule: a cell that starts with
//!   `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` (as OWASP
//!   advises), unless the whole cell is a number (`-1.25`, `+3`) or the
//!   placeholder `-`, so the figures the tool writes stay figures.
//! - [`html`], [`safe_url`], [`href_path`]: element text and attributes; web
//!   links (http and https only); links to the tool's own pages (percent-encoded paths).
//! - [`md_cell`]: Markdown inline text and table cells.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal as it is.
fn is_unsafe_for_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Appends `c` to `out`, escaped when a terminal would act on it.
pub fn push_terminal(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        c if is_unsafe_for_terminal(c) => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// Text safe to print on a terminal, on one line: control characters and bidi
/// overrides shown escaped (`\u{1b}`, `\n`), everything else unchanged.
pub fn terminal(text: &str) -> Cow<'_, str> {
    // Only bytes below 0x20, DEL, and the lead bytes of C1 (0xC2) and of the
    // bidi controls (0xE2) can start an unsafe character.
    if !text
        .bytes()
        .any(|b| b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2)
        || !text.chars().any(is_unsafe_for_terminal)
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_terminal(&mut out, c);
    }
    Cow::Owned(out)
}

/// Escapes text for HTML element content and attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A URL safe to put in `href`: only http and https links are kept.
pub fn safe_url(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| html(url.trim()))
}

/// A link to `file` in folder `dir` for `href`, a path and never a URL with a
/// scheme: every path segment is percent-encoded, so no `:` survives to make
/// `javascript:` of it (nor a quote or `&` to leave the attribute).
pub fn href_path(dir: &str, file: &str) -> String {
    let mut out = String::new();
    for segment in dir.split('/').chain([file]) {
        if segment.is_empty() || segment == "." {
            continue;
        }
        if !out.is_empty() || dir.starts_with('/') {
            out.push('/');
        }
        for b in segment.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                out.push(char::from(b));
            } else {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// Whether a CSV cell would start a formula in a spreadsheet.
fn is_formula(field: &str) -> bool {
    field.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && field != "-"
        && field.parse::<f64>().is_err()
}

/// One CSV field: a formula-looking cell neutralised with a leading `'` (see
/// the module comment), then quoted (RFC 4180) when it holds a comma, quote or
/// line break.
pub fn csv(field: &str) -> String {
    let field: Cow<'_, str> = if is_formula(field) {
        Cow::Owned(format!("'{field}"))
    } else {
        Cow::Borrowed(field)
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.into_owned()
    }
}

/// Joins fields into one CSV record (without the line ending).
pub fn csv_row<S: AsRef<str>>(fields: &[S]) -> String {
    fields
        .iter()
        .map(|f| csv(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",")
}

/// Markdown inline text or one table cell: HTML (`<`, `>`, `&`) written as
/// entities, so no tag survives; `\`, `|`, `[` and `]` backslash-escaped, so
/// text neither breaks a table nor becomes a link; line breaks flattened.
pub fn md_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '|' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_markup_is_neutralised() {
        assert_eq!(
            html("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(
            html("\"><img onerror=x>"),
            "&quot;&gt;&lt;img onerror=x&gt;"
        );
    }

    #[test]
    fn only_web_links_survive() {
        assert_eq!(
            safe_url("https://ustr.gov/a?b=1&c=2").as_deref(),
            Some("https://ustr.gov/a?b=1&amp;c=2")
        );
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url(" JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,x"), None);
    }

    #[test]
    fn folder_links_are_relative_and_encoded() {
        assert_eq!(href_path("diffs", "a.html"), "diffs/a.html");
        assert_eq!(href_path("./diffs/", "a.html"), "diffs/a.html");
        assert_eq!(href_path("../diffs", "a.html"), "../diffs/a.html");
        assert_eq!(
            href_path("javascript:alert(1)//", "e.html"),
            "javascript%3Aalert%281%29/e.html"
        );
        assert_eq!(
            href_path("/tmp/my diffs\"><x", "e.html"),
            "/tmp/my%20diffs%22%3E%3Cx/e.html"
        );
        assert_eq!(href_path(".", "外.html"), "%E5%A4%96.html");
    }

    #[test]
    fn csv_and_markdown_cells_are_quoted() {
        assert_eq!(
            csv_row(&["a", "b,c", "say \"hi\""]),
            "a,\"b,c\",\"say \"\"hi\"\"\""
        );
        assert_eq!(md_cell("a|b\nc"), "a\\|b c");
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        assert_eq!(
            csv("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        for f in ["+cmd", "-2+3", "@SUM(A1)", "\tx", "\r=1"] {
            assert!(csv(f).trim_start_matches('"').starts_with('\''), "{f}");
        }
        for n in ["-1.25", "+3", "-", "-0", "1e-5", "plain"] {
            assert_eq!(csv(n), n);
        }
    }

    #[test]
    fn markdown_escapes_html_and_links() {
        assert_eq!(
            md_cell("<script>x</script> & [a](javascript:b)"),
            "&lt;script&gt;x&lt;/script&gt; &amp; \\[a\\](javascript:b)"
        );
    }

    #[test]
    fn terminal_controls_are_shown_not_obeyed() {
        assert_eq!(terminal("plain, café 中国"), "plain, café 中国");
        assert!(matches!(terminal("plain"), Cow::Borrowed(_)));
        assert_eq!(terminal("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(terminal("\x1b]52;c;eA==\x07"), "\\u{1b}]52;c;eA==\\u{7}");
        assert_eq!(terminal("x\u{8}\u{7f}\u{9b}"), "x\\u{8}\\u{7f}\\u{9b}");
        assert_eq!(terminal("line\nforged\tcell\r"), "line\\nforged\\tcell\\r");
        assert_eq!(terminal("\u{202e}abc\u{2066}"), "\\u{202e}abc\\u{2066}");
        assert_eq!(terminal("– “quoted” …"), "– “quoted” …");
    }
}
