//! A fast path for the UAX #29 sentence boundaries that [`super::segment`]
//! starts from. `unicode-segmentation` looks every character up in a large
//! range table, which made segmentation the slowest step of tagging a corpus;
//! most corpus text uses a few dozen characters whose sentence-break classes
//! fit in a small table, and the rules reduce to one decision per terminator.
//!
//! Two facts make the fast path exact:
//!
//! - **Lines are independent.** UAX #29 always breaks after a line feed
//!   (SB4), and no rule looks across one: the look-back of SB6–SB11 is
//!   `SATerm Close* Sp*`, which holds no line feed, and the look-ahead of SB8
//!   stops at a paragraph separator. So each line (up to and including its
//!   `\n`) can be segmented on its own and the results joined.
//! - **Only terminators decide.** Inside a line, a boundary can only follow
//!   `SATerm Close* Sp* ParaSep?` (SB11); every other position is kept whole
//!   (SB998). So for each terminator the rules SB6–SB11 are checked once, at
//!   the first character after its closing quotes and spaces.
//!
//! A line holding a character outside the table (anything but ASCII, Latin-1
//! letters and spaces, curly quotes, guillemets and the en and em dash), or a
//! carriage return that is not part of `\r\n`, is handed to
//! `unicode-segmentation` whole, so the result is always the same as
//! `split_sentence_bound_indices` (tested against it on generated strings and
//! on the UN General Debate Corpus).

use unicode_segmentation::UnicodeSegmentation;

/// Sentence-break classes of UAX #29 (Unicode 16) that the fast path knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Any,
    Sp,
    /// Line feed or the carriage return of `\r\n`.
    ParaSep,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    /// Not in the table: the line goes to `unicode-segmentation`.
    Unknown,
}

/// Classes of the ASCII characters, from Unicode's SentenceBreakProperty.txt.
const ASCII: [Class; 128] = ascii_classes();

const fn ascii_classes() -> [Class; 128] {
    let mut t = [Class::Any; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = match c {
            b'\t' | 0x0B | 0x0C | b' ' => Class::Sp,
            b'\n' => Class::ParaSep,
            // A carriage return is checked separately (only `\r\n` is known).
            b'\r' => Class::Unknown,
            b'a'..=b'z' => Class::Lower,
            b'A'..=b'Z' => Class::Upper,
            b'0'..=b'9' => Class::Numeric,
            b'.' => Class::ATerm,
            b'!' | b'?' => Class::STerm,
            b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Class::Close,
            b',' | b'-' | b':' | b';' => Class::SContinue,
            _ => Class::Any,
        };
        b += 1;
    }
    t
}

/// The class of a non-ASCII character, if the fast path knows it.
fn wide_class(c: char) -> Class {
    match c {
        '\u{A0}' => Class::Sp,
        '\u{AA}' | '\u{B5}' | '\u{BA}' | '\u{DF}'..='\u{F6}' | '\u{F8}'..='\u{FF}' => Class::Lower,
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{DE}' => Class::Upper,
        '\u{AB}' | '\u{BB}' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201C}' | '\u{201D}'
        | '\u{201E}' | '\u{2039}' | '\u{203A}' => Class::Close,
        '\u{2013}' | '\u{2014}' => Class::SContinue,
        '\u{2024}' => Class::ATerm,
        // Latin-1 signs and common punctuation with no sentence role.
        '\u{A1}'..='\u{A9}' | '\u{AC}' | '\u{AE}'..='\u{B4}' | '\u{B6}'..='\u{B9}' => Class::Any,
        '\u{BC}'..='\u{BF}' | '\u{D7}' | '\u{F7}' => Class::Any,
        '\u{2010}'..='\u{2012}' | '\u{2015}' | '\u{2022}' | '\u{2026}' | '\u{2032}' => Class::Any,
        _ => Class::Unknown,
    }
}

/// One classified character of a line: byte offset in the line and class.
#[derive(Debug, Clone, Copy)]
struct Ch {
    at: usize,
    class: Class,
}

/// Byte offsets where UAX #29 sentence pieces of `text` start (0 first, when
/// `text` is not empty), exactly as `split_sentence_bound_indices` gives them.
pub(super) fn piece_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut chars = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        starts.push(line_start);
        let mut emit = |at: usize| starts.push(line_start + at);
        if let Some(ascii) = AsciiLine::new(line) {
            line_breaks(&ascii, &mut emit);
        } else if classify(line, &mut chars) {
            line_breaks(&WideLine(&chars), &mut emit);
        } else {
            let slow = line.split_sentence_bound_indices().skip(1);
            slow.for_each(|(i, _)| emit(i));
        }
        line_start += line.len();
    }
    starts
}

/// The pieces themselves, as `(offset, piece)` like `split_sentence_bound_indices`.
pub(super) fn pieces(text: &str) -> Vec<(usize, &str)> {
    let starts = piece_starts(text);
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&s, e)| (s, &text[s..e]))
        .collect()
}

/// A line as a sequence of classified characters.
trait Line {
    fn len(&self) -> usize;
    fn class(&self, k: usize) -> Class;
    /// Byte offset of character `k` in the line.
    fn at(&self, k: usize) -> usize;
    /// The first terminator at or after character `k`.
    fn next_terminator(&self, k: usize) -> Option<usize>;
}

/// A line of ASCII only (a `\r` only right before the final `\n`): one byte per character.
struct AsciiLine<'a>(&'a [u8]);

impl<'a> AsciiLine<'a> {
    fn new(line: &'a str) -> Option<AsciiLine<'a>> {
        let b = line.as_bytes();
        let body = b.strip_suffix(b"\r\n").unwrap_or(b);
        (line.is_ascii() && !body.contains(&b'\r')).then_some(AsciiLine(b))
    }
}

impl Line for AsciiLine<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn class(&self, k: usize) -> Class {
        match self.0[k] {
            b'\r' => Class::ParaSep,
            b => ASCII[b as usize],
        }
    }
    fn at(&self, k: usize) -> usize {
        k
    }
    fn next_terminator(&self, k: usize) -> Option<usize> {
        let found = self.0[k..]
            .iter()
            .position(|b| matches!(b, b'.' | b'!' | b'?'));
        found.map(|i| k + i)
    }
}

/// A line with some known non-ASCII characters, classified up front.
struct WideLine<'a>(&'a [Ch]);

impl Line for WideLine<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn class(&self, k: usize) -> Class {
        self.0[k].class
    }
    fn at(&self, k: usize) -> usize {
        self.0[k].at
    }
    fn next_terminator(&self, k: usize) -> Option<usize> {
        let found = self.0[k..].iter().position(|c| is_terminator(c.class));
        found.map(|i| k + i)
    }
}

fn is_terminator(c: Class) -> bool {
    matches!(c, Class::ATerm | Class::STerm)
}

/// Fills `out` with the classes of `line`; false when a character is unknown.
fn classify(line: &str, out: &mut Vec<Ch>) -> bool {
    out.clear();
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let (class, len) = if b[i] < 0x80 {
            let class = match b[i] {
                b'\r' if b.get(i + 1) == Some(&b'\n') => Class::ParaSep,
                c => ASCII[c as usize],
            };
            (class, 1)
        } else {
            let c = line[i..].chars().next().unwrap_or('\u{FFFD}');
            (wide_class(c), c.len_utf8())
        };
        if class == Class::Unknown {
            return false;
        }
        out.push(Ch { at: i, class });
        i += len;
    }
    true
}

/// Calls `emit` with each boundary inside one classified line (not its start).
fn line_breaks(line: &impl Line, emit: &mut impl FnMut(usize)) {
    let mut from = 0;
    while let Some(t) = line.next_terminator(from) {
        let mut j = t + 1;
        while j < line.len() && line.class(j) == Class::Close {
            j += 1;
        }
        while j < line.len() && line.class(j) == Class::Sp {
            j += 1;
        }
        if j < line.len() && breaks_before(line, t, j) {
            emit(line.at(j));
        }
        from = j;
    }
}

/// Whether UAX #29 breaks before character `j`, the first one after the
/// terminator `t` and its `Close* Sp*`.
fn breaks_before(line: &impl Line, t: usize, j: usize) -> bool {
    let next = line.class(j);
    // SB9, SB10: a paragraph separator stays with the sentence (SB4 breaks after it).
    // SB8a: a continuation or another terminator keeps the sentence going.
    if next == Class::ParaSep || next == Class::SContinue || is_terminator(next) {
        return false;
    }
    if line.class(t) == Class::ATerm {
        let adjacent = j == t + 1;
        // SB6: "3.5"; SB7: "U.S" (a letter before the stop, upper case after).
        if adjacent && next == Class::Numeric {
            return false;
        }
        let letter_before = t > 0 && matches!(line.class(t - 1), Class::Upper | Class::Lower);
        if adjacent && letter_before && next == Class::Upper {
            return false;
        }
        // SB8: the next letter (before any terminator or separator) is lower case.
        let decisive = (j..line.len()).map(|k| line.class(k)).find(|&c| {
            matches!(c, Class::Upper | Class::Lower | Class::ParaSep) || is_terminator(c)
        });
        if decisive == Some(Class::Lower) {
            return false;
        }
    }
    // SB11.
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(text: &str) -> Vec<usize> {
        text.split_sentence_bound_indices()
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn agrees_with_unicode_segmentation_on_hand_picked_cases() {
        for text in [
            "",
            "One. Two.",
            "U.S. Trade Representative. He said so.",
            "It rose 3.5 percent. then fell.",
            "He said \"we agree.\" They left.",
            "Really?! Yes... no. OK.\n\nNext line.\r\nAnd more.",
            "A.\nb. c.\n",
            "Stop.  — and go. «Fin.» Début.",
            "Wait\u{2026} More. End\u{2019}s. É. é.",
            "Mixed \u{3002} unknown. Here.",
            "lone\rcarriage. Return.",
            "a.1 b.(c) d.) E. f.; g.- h.",
            "Tab.\tNext.\u{A0}Nbsp.",
        ] {
            assert_eq!(piece_starts(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn pieces_cover_the_text_in_order() {
        let text = "First one. Second: yes! Third\nline.";
        let joined: String = pieces(text).iter().map(|(_, p)| *p).collect();
        assert_eq!(joined, text);
        assert_eq!(
            pieces(text),
            text.split_sentence_bound_indices().collect::<Vec<_>>()
        );
    }

    /// Every speech of the UN General Debate Corpus (when ../shared is
    /// beside the repository) gets the same boundaries as from
    /// `unicode-segmentation`.
    #[test]
    fn agrees_with_unicode_segmentation_on_the_un_corpus() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ungdc");
        let Ok(sessions) = std::fs::read_dir(&root) else {
            eprintln!(
                "SKIPPED: the UN General Debate Corpus is not at {}",
                root.display()
            );
            return;
        };
        let mut speeches = 0;
        for session in sessions.flatten() {
            for file in std::fs::read_dir(session.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let Ok(text) = std::fs::read_to_string(file.path()) else {
                    continue;
                };
                let same = piece_starts(&text) == reference(&text);
                assert!(same, "{}", file.path().display());
                speeches += 1;
            }
        }
        assert!(speeches > 10_000, "only {speeches} speeches read");
    }

    fn alphabet() -> impl Strategy<Value = String> {
        let chars = prop::sample::select(vec![
            'a', 'z', 'A', 'Q', '0', '7', '.', '!', '?', ',', ';', ':', '-', '"', '\'', '(', ')',
            '[', '}', ' ', ' ', ' ', '\t', '\n', '\r', '#', '_', '\u{A0}', '\u{E9}', '\u{C9}',
            '\u{DF}', '\u{AA}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{AB}', '\u{BB}', '\u{2013}',
            '\u{2014}', '\u{2026}', '\u{2024}', '\u{AD}', '\u{301}', '\u{3002}', '\u{FF0E}',
            '\u{2029}', '\u{85}', '\u{4E2D}', '\u{D7}',
        ]);
        prop::collection::vec(chars, 0..60).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn agrees_with_unicode_segmentation(text in alphabet()) {
            prop_assert_eq!(piece_starts(&text), reference(&text));
        }
    }
}
