//! Escaping for the text formats that have syntax: corpus text must never
//! become markup in an HTML report, a column break in CSV or a table cell
//! break in Markdown.

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

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
pub fn csv(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
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

/// Text for one Markdown table cell: pipes escaped, line breaks flattened.
pub fn md_cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
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
    fn csv_and_markdown_cells_are_quoted() {
        assert_eq!(
            csv_row(&["a", "b,c", "say \"hi\""]),
            "a,\"b,c\",\"say \"\"hi\"\"\""
        );
        assert_eq!(md_cell("a|b\nc"), "a\\|b c");
    }
}
