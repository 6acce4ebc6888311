//! A feed file's bytes as UTF-8 text with no XML declaration left in it,
//! before feed-rs sees them.
//!
//! feed-rs hands the encoding named in an XML declaration to quick-xml, which
//! asserts (panics) when a declaration is long or a second one comes later in
//! the file (found by fuzzing `import_feed`). So the file is decoded here,
//! once: by its byte-order mark, else by the `encoding` its leading
//! declaration names, else as UTF-8; then every declaration is blanked,
//! keeping its line breaks so entry line numbers stay true.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// How far into the file the leading declaration must close.
const DECLARATION_LIMIT: usize = 1024;

/// The text of `bytes`, or why it cannot be read.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, &bytes[bom..]),
        None => (declared(bytes)?, bytes),
    };
    let (text, _) = encoding.decode_without_bom_handling(body);
    Ok(blank_declarations(&text))
}

/// The encoding the leading `<?xml …?>` names; UTF-8 when there is none.
/// A declaration read as single bytes cannot be UTF-16, whatever it says.
fn declared(bytes: &[u8]) -> Result<&'static Encoding, String> {
    let Some(decl) = leading_declaration(bytes) else {
        return Ok(UTF_8);
    };
    let Some(label) = pseudo_attribute(decl, b"encoding") else {
        return Ok(UTF_8);
    };
    match Encoding::for_label(label) {
        Some(e) if e == UTF_16LE || e == UTF_16BE => Ok(UTF_8),
        Some(e) => Ok(e),
        None => Err(format!(
            "the XML declaration names an unknown encoding \"{}\"",
            String::from_utf8_lossy(label)
        )),
    }
}

/// The inside of the declaration the file opens with, if it opens with one.
fn leading_declaration(bytes: &[u8]) -> Option<&[u8]> {
    let rest = bytes.strip_prefix(b"<?xml")?;
    if !rest.first().is_some_and(u8::is_ascii_whitespace) {
        return None;
    }
    let head = &rest[..rest.len().min(DECLARATION_LIMIT)];
    let end = head.windows(2).position(|w| w == b"?>")?;
    Some(&rest[..end])
}

/// The value of `name="…"` (or `'…'`) in a declaration.
fn pseudo_attribute<'a>(decl: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let at = decl.windows(name.len()).position(|w| w == name)?;
    let rest = decl[at + name.len()..].trim_ascii_start();
    let rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let quote = *rest.first().filter(|q| **q == b'"' || **q == b'\'')?;
    let value = &rest[1..];
    let end = value.iter().position(|&b| b == quote)?;
    Some(&value[..end])
}

/// `text` with every `<?xml …?>` declaration replaced by the line breaks it
/// held. An unclosed one is left for the parser to report.
fn blank_declarations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = find_declaration(rest) {
        let Some(len) = rest[at..].find("?>") else {
            break;
        };
        out.push_str(&rest[..at]);
        let decl = &rest[at..at + len + 2];
        out.extend(decl.chars().filter(|&c| c == '\n'));
        rest = &rest[at + len + 2..];
    }
    out.push_str(rest);
    out
}

/// Where the next `<?xml` that quick-xml takes for a declaration starts:
/// followed by white space or by `?>`.
fn find_declaration(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find("<?xml") {
        let at = from + i;
        let next = text[at + 5..].chars().next();
        if next.is_some_and(|c| c.is_ascii_whitespace()) || text[at + 5..].starts_with("?>") {
            return Some(at);
        }
        from = at + 5;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_utf16_feed_with_a_bom_is_decoded() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<rss>é</rss>";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&bytes).unwrap(), "\n<rss>é</rss>");
    }

    #[test]
    fn a_declared_single_byte_encoding_is_used() {
        let bytes = b"<?xml version='1.0' encoding = 'ISO-8859-1' ?><rss>caf\xe9</rss>";
        assert_eq!(decode(bytes).unwrap(), "<rss>café</rss>");
    }

    #[test]
    fn an_ascii_declaration_claiming_utf16_is_read_as_utf8() {
        let bytes = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss>é</rss>".as_bytes();
        assert_eq!(decode(bytes).unwrap(), "<rss>é</rss>");
    }

    #[test]
    fn an_unknown_encoding_is_named() {
        let err = decode(b"<?xml version=\"1.0\" encoding=\"klingon\"?><rss/>").unwrap_err();
        assert!(err.contains("\"klingon\""), "{err}");
    }

    #[test]
    fn later_and_multi_line_declarations_are_blanked_keeping_lines() {
        let text =
            "<?xml\nversion=\"1.0\"?><r><?xml-stylesheet href='a'?><?xml encoding='x'?>\n</r>";
        assert_eq!(
            blank_declarations(text),
            "\n<r><?xml-stylesheet href='a'?>\n</r>"
        );
        assert_eq!(blank_declarations("<r><?xml version"), "<r><?xml version");
    }

    #[test]
    fn the_fuzzer_s_crash_feed_is_an_error_not_a_panic() {
        // fuzz/artifacts/import_feed/crash-1465…: a declaration padded past
        // quick-xml's prefix buffer, naming UTF-16, then a second one.
        let mut bytes = b"<?xml ".to_vec();
        bytes.extend([b']'; 67]);
        bytes.extend(
            b"version=\"1.0\" encoding=\"UTF-16\"?>\n<r<?xml version=\"1.ss ver0\" encosiod",
        );
        let text = decode(&bytes).unwrap();
        assert!(feed_rs::parser::parse(text.as_bytes()).is_err());
    }
}
