//! Problems found while reading a corpus, each pinned to a file, line and
//! column and worded as what is wrong and how to fix it. The loader collects
//! them all instead of stopping at the first, so `readouts check` can report
//! every problem at once and the valid events are still used.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            column,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            column,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// What kind of problem this is: the message with its particulars masked
    /// as `…` (text in backticks, numbers, upper-case codes such as sides),
    /// so that 2,000 "event `x` has a statement from USA only" are one kind.
    pub fn kind(&self) -> String {
        let mut out = String::with_capacity(self.message.len());
        let mut chars = self.message.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '`' {
                out.push_str("`…`");
                for d in chars.by_ref() {
                    if d == '`' {
                        break;
                    }
                }
            } else if c.is_ascii_digit() || (c.is_ascii_uppercase() && masked_code(&out, &chars)) {
                out.push('…');
                while chars.next_if(|d| d.is_ascii_alphanumeric()).is_some() {}
            } else {
                out.push(c);
            }
        }
        out
    }
}

/// Whether an upper-case letter starts a code (two or more capitals, at a
/// word start), not a capitalised word.
fn masked_code(before: &str, rest: &std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    let at_start = before.chars().last().is_none_or(|c| !c.is_alphanumeric());
    let mut ahead = rest.clone();
    at_start && ahead.next().is_some_and(|c| c.is_ascii_uppercase())
}

/// How many diagnostics of one kind and severity, with the first one's place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindCount {
    pub kind: String,
    pub severity: Severity,
    pub count: usize,
    /// `file:line:column` of the first of them.
    pub first: String,
}

/// The diagnostics grouped by [`Diagnostic::kind`], most frequent first
/// (ties in order of first appearance).
pub fn kinds<'d>(diagnostics: impl IntoIterator<Item = &'d Diagnostic>) -> Vec<KindCount> {
    let mut out: Vec<KindCount> = Vec::new();
    let mut at: std::collections::HashMap<(String, Severity), usize> = Default::default();
    for d in diagnostics {
        let key = (d.kind(), d.severity);
        match at.get(&key) {
            Some(&i) => out[i].count += 1,
            None => {
                at.insert(key.clone(), out.len());
                out.push(KindCount {
                    kind: key.0,
                    severity: d.severity,
                    count: 1,
                    first: format!("{}:{}:{}", d.path.display(), d.line, d.column),
                });
            }
        }
    }
    out.sort_by_key(|k| std::cmp::Reverse(k.count));
    out
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.path.display(), self.line, self.column)?;
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Byte offset → 1-based line and column (in characters) within one text.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    pub fn locate(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_mask_the_particulars_and_count() {
        let one = |id: &str, side: &str| {
            Diagnostic::warning(
                "a.toml",
                3,
                1,
                format!("event `{id}` has a statement from {side} only"),
            )
        };
        assert_eq!(
            one("ungdc-1990-x", "USA").kind(),
            "event `…` has a statement from … only"
        );
        let other = Diagnostic::warning("b.toml", 1, 1, "Line 12 is long; see the notes");
        assert_eq!(other.kind(), "Line … is long; see the notes");
        let all = [one("a", "USA"), other, one("b", "CHN")];
        let k = kinds(&all);
        assert_eq!(k.len(), 2);
        assert_eq!((k[0].count, k[0].first.as_str()), (2, "a.toml:3:1"));
        assert_eq!(k[1].count, 1);
    }

    #[test]
    fn locates_lines_and_character_columns() {
        let idx = LineIndex::new("ab\nc\u{e9}d\n");
        assert_eq!(idx.locate(0), (1, 1));
        assert_eq!(idx.locate(3), (2, 1));
        assert_eq!(idx.locate(6), (2, 3)); // after the two-byte é
    }

    #[test]
    fn suggests_near_misses_only() {
        let fields = ["title", "issuer", "side"];
        assert_eq!(did_you_mean("titel", fields), Some("title"));
        assert_eq!(did_you_mean("isuer", fields), Some("issuer"));
        assert_eq!(did_you_mean("participants", fields), None);
        // Distances count characters: one of two here, three of six bytes.
        assert_eq!(did_you_mean("中方", ["中国"]), Some("中国"));
    }
}
