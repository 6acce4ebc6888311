//! Where the loaded statement text sits in the text as stored in the corpus
//! file. The loader trims a statement's text and turns `\r\n` and `\r` into
//! `\n`, so that segmenting, hashing and every analysis see one line ending;
//! but a scholar cites the file, so every offset a report prints must index
//! the text exactly as stored (the `text` field's value as the file gives it).
//! [`StoredText`] keeps what the loader changed — the trimmed lead and where
//! a line ending lost or changed a byte — and maps offsets and slices back.

/// What the loader changed in one statement's text. The default is "nothing"
/// (text built in code, or a file whose text needed no change).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredText {
    /// Bytes and characters of leading white space trimmed off.
    lead_bytes: usize,
    lead_chars: usize,
    /// Byte offsets in the loaded text of each `\n` that was `\r\n`.
    crlf: Vec<usize>,
    /// Byte offsets in the loaded text of each `\n` that was a lone `\r`.
    cr: Vec<usize>,
}

/// Offsets of one span in the stored text, in bytes and in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredSpan {
    pub start_byte: usize,
    pub end_byte: usize,
    pub start_char: usize,
    pub end_char: usize,
}

/// The loaded form of `raw` (trimmed, one line ending) and what changed.
pub fn normalise(raw: &str) -> (String, StoredText) {
    let body = raw.trim_start();
    let lead_bytes = raw.len() - body.len();
    let mut stored = StoredText {
        lead_bytes,
        lead_chars: raw[..lead_bytes].chars().count(),
        ..StoredText::default()
    };
    if !body.contains('\r') {
        return (body.trim_end().to_string(), stored);
    }
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find('\r') {
        out.push_str(&rest[..at]);
        if rest[at + 1..].starts_with('\n') {
            stored.crlf.push(out.len());
            rest = &rest[at + 2..];
        } else {
            stored.cr.push(out.len());
            rest = &rest[at + 1..];
        }
        out.push('\n');
    }
    out.push_str(rest);
    out.truncate(out.trim_end().len());
    stored.crlf.retain(|&q| q < out.len());
    stored.cr.retain(|&q| q < out.len());
    (out, stored)
}

impl StoredText {
    /// The stored offsets of `start..end` of the loaded text, given also in
    /// characters (`start_char..end_char`, as counted in the loaded text).
    pub fn span(&self, start: usize, end: usize, start_char: usize, end_char: usize) -> StoredSpan {
        let shift = |at: usize| self.crlf.partition_point(|&q| q < at);
        let (a, b) = (shift(start), shift(end));
        StoredSpan {
            start_byte: self.lead_bytes + start + a,
            end_byte: self.lead_bytes + end + b,
            start_char: self.lead_chars + start_char + a,
            end_char: self.lead_chars + end_char + b,
        }
    }

    /// The stored text of `loaded[start..end]`: its line endings as the file
    /// wrote them.
    pub fn slice(&self, loaded: &str, start: usize, end: usize) -> String {
        let part = &loaded[start..end];
        let within = |v: &[usize]| {
            let lo = v.partition_point(|&q| q < start);
            let hi = v.partition_point(|&q| q < end);
            lo < hi
        };
        if !within(&self.crlf) && !within(&self.cr) {
            return part.to_string();
        }
        let mut out = String::with_capacity(part.len() + 8);
        for (i, c) in part.char_indices() {
            let at = start + i;
            match c {
                '\n' if self.crlf.binary_search(&at).is_ok() => out.push_str("\r\n"),
                '\n' if self.cr.binary_search(&at).is_ok() => out.push('\r'),
                c => out.push(c),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, word: &str) {
        let (loaded, stored) = normalise(raw);
        let start = loaded.find(word).expect("word in loaded text");
        let end = start + word.len();
        let start_char = loaded[..start].chars().count();
        let end_char = start_char + word.chars().count();
        let s = stored.span(start, end, start_char, end_char);
        let sliced = &raw[s.start_byte..s.end_byte];
        assert_eq!(sliced, stored.slice(&loaded, start, end), "{raw:?}");
        let chars: String = raw
            .chars()
            .skip(s.start_char)
            .take(s.end_char - s.start_char)
            .collect();
        assert_eq!(chars, sliced, "{raw:?}");
    }

    #[test]
    fn offsets_and_slices_point_into_the_stored_text() {
        check("plain frank talk", "frank");
        check(" \u{3000}\r\n  Côté\r\nfrank talk\r\n", "frank");
        check(
            "a\r\nb\rc\r\nconstructive\r\n dialogue\r\n",
            "constructive\n dialogue",
        );
        check("\u{a0}é\r\r\nx\ry", "x\ny");
    }

    #[test]
    fn the_loaded_text_is_trimmed_with_one_line_ending() {
        let (loaded, stored) = normalise("\r\n  a\r\nb\rc \r\n");
        assert_eq!(loaded, "a\nb\nc");
        assert_eq!(stored.crlf, [1]);
        assert_eq!(stored.cr, [3]);
        let (loaded, stored) = normalise("plain");
        assert_eq!((loaded.as_str(), stored), ("plain", StoredText::default()));
    }
}
