//! A fast path for the UAX #29 sentence boundaries that [`super::segment`]
//! starts from. `unicode-segmentation` looks every character up in a large
//! range table, which made segmentation the slowest step of tagging a corpus;
//! most corpus text uses a few dozen characters whose sentence-break classes
//! fit in a small table, and the rules reduce to one decision per terminator.
//!
//! Two facts make the fast path exact:
//!
//! - **Lines are independent.** UAX #29 always breaks after a line feed or
//!   carriage return (SB4), and no rule looks across one: the look-back of
//!   SB6–SB11 is `SATerm Close* Sp*`, which holds neither, and the look-ahead
//!   of SB8 stops at a paragraph separator. So each line (up to and including
//!   its `\n`, `\r\n` or lone `\r`) can be segmented on its own.
//! - **Only terminators decide.** Inside a line, a boundary can only follow
//!   `SATerm Close* Sp* ParaSep?` (SB11); every other position is kept whole
//!   (SB998). So for each terminator the rules SB6–SB11 are checked once, at
//!   the first character after its closing quotes and spaces.
//!
//! A line holding a character outside the table (the table has ASCII,
//! Latin-1, Latin Extended, Greek and Cyrillic letters, spaces, curly quotes,
//! guillemets, dashes, combining accents and invisible format characters),
//! is handed to
//! `unicode-segmentation` whole, so the result is always the same as
//! `split_sentence_bound_indices` (tested against it on generated strings and
//! on the UN General Debate Corpus).

use unicode_segmentation::UnicodeSegmentation;

/// Sentence-break classes of UAX #29 (Unicode 16) that the fast path knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Any,
    Sp,
    /// Line feed or carriage return.
    ParaSep,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    /// Extend and Format: belong to the character before them (SB5).
    Ignorable,
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
            // A line holds a carriage return only at its end (see `lines`).
            b'\n' | b'\r' => Class::ParaSep,
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
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Class::Sp,
        // Combining diacritics, joiners; soft hyphen, zero-width space, marks, BOM.
        '\u{300}'..='\u{36F}' | '\u{200C}' | '\u{200D}' => Class::Ignorable,
        '\u{AD}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{2060}' | '\u{FEFF}' => {
            Class::Ignorable
        }
        // Latin Extended-A and -B, Greek, Cyrillic: letters by their case.
        '\u{100}'..='\u{24F}' | '\u{370}'..='\u{52F}' => letter_class(c),
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
        '\u{80}'..='\u{84}' | '\u{86}'..='\u{9F}' | '\u{20AC}' | '\u{2116}' | '\u{2122}' => {
            Class::Any
        }
        '\u{25A0}' => Class::Any,
        _ => Class::Unknown,
    }
}

/// Upper or Lower for a cased letter; anything else in these blocks (Greek
/// punctuation, signs, unassigned code points) goes to the slow path.
fn letter_class(c: char) -> Class {
    // The titlecase digraphs Dž, Lj, Nj, Dz count as upper case in UAX #29.
    if c.is_uppercase() || matches!(c, '\u{1C5}' | '\u{1C8}' | '\u{1CB}' | '\u{1F2}') {
        Class::Upper
    } else if c.is_lowercase() {
        Class::Lower
    } else {
        Class::Unknown
    }
}

/// Byte offsets where UAX #29 sentence pieces of `text` start (0 first, when
/// `text` is not empty), exactly as `split_sentence_bound_indices` gives them.
pub(super) fn piece_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut line_start = 0;
    for line in lines(text) {
        starts.push(line_start);
        let mut emit = |at: usize| starts.push(line_start + at);
        if line.is_ascii() {
            line_breaks(&AsciiLine(line.as_bytes()), &mut emit);
        } else if all_known(line) {
            line_breaks(&WideLine::new(line), &mut emit);
        } else {
            let slow = line.split_sentence_bound_indices().skip(1);
            slow.for_each(|(i, _)| emit(i));
        }
        line_start += line.len();
    }
    starts
}

/// The lines of `text`, each ending after `\n`, `\r\n` or a lone `\r` (all
/// paragraph separators, after which UAX #29 always breaks).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= b.len() {
            return None;
        }
        let found = memchr::memchr2(b'\n', b'\r', &b[start..]);
        let end = match found.map(|k| start + k) {
            None => b.len(),
            Some(i) if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') => i + 2,
            Some(i) => i + 1,
        };
        let line = &text[start..end];
        start = end;
        Some(line)
    })
}

/// The pieces themselves, as `(offset, piece)` like `split_sentence_bound_indices`.
#[cfg(test)]
fn pieces(text: &str) -> Vec<(usize, &str)> {
    let starts = piece_starts(text);
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&s, e)| (s, &text[s..e]))
        .collect()
}

/// A line walked character by character; positions are byte offsets of
/// characters that count (Extend and Format characters after another
/// character are skipped over: SB5 attaches them to it).
trait Line {
    fn len(&self) -> usize;
    fn class(&self, k: usize) -> Class;
    /// Where the character after the one at `k` starts.
    fn step(&self, k: usize) -> usize;
    /// Where the character before the one at `k` starts.
    fn prev(&self, k: usize) -> Option<usize>;
    /// The first terminator at or after `k`.
    fn next_terminator(&self, k: usize) -> Option<usize>;
}

/// A line of ASCII only: one byte per character.
struct AsciiLine<'a>(&'a [u8]);

impl Line for AsciiLine<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn class(&self, k: usize) -> Class {
        ASCII[self.0[k] as usize]
    }
    fn step(&self, k: usize) -> usize {
        k + 1
    }
    fn prev(&self, k: usize) -> Option<usize> {
        k.checked_sub(1)
    }
    fn next_terminator(&self, k: usize) -> Option<usize> {
        memchr::memchr3(b'.', b'!', b'?', &self.0[k..]).map(|i| k + i)
    }
}

/// A line with non-ASCII characters, all of them in the table (`all_known`).
struct WideLine<'a>(&'a str, bool);

impl<'a> WideLine<'a> {
    /// Notes whether the line holds U+2024 ONE DOT LEADER (E2 80 A4), the
    /// only non-ASCII terminator in the table.
    fn new(line: &'a str) -> WideLine<'a> {
        WideLine(line, line.contains('\u{2024}'))
    }

    /// The class of the character at `k` and its length in bytes.
    fn char_at(&self, k: usize) -> (Class, usize) {
        let b = self.0.as_bytes()[k];
        if b < 0x80 {
            return (ASCII[b as usize], 1);
        }
        let c = self.0[k..].chars().next().unwrap_or('\u{FFFD}');
        (wide_class(c), c.len_utf8())
    }
}

impl Line for WideLine<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn class(&self, k: usize) -> Class {
        match self.char_at(k).0 {
            // SB5 does not apply at the start of a line: a character of its own.
            Class::Ignorable => Class::Any,
            class => class,
        }
    }
    fn step(&self, k: usize) -> usize {
        let mut next = k + self.char_at(k).1;
        while next < self.0.len() && self.char_at(next).0 == Class::Ignorable {
            next += self.char_at(next).1;
        }
        next
    }
    fn prev(&self, k: usize) -> Option<usize> {
        let mut at = k;
        loop {
            at = at.checked_sub(1)?;
            while !self.0.is_char_boundary(at) {
                at -= 1;
            }
            if at == 0 || self.char_at(at).0 != Class::Ignorable {
                return Some(at);
            }
        }
    }
    fn next_terminator(&self, k: usize) -> Option<usize> {
        let b = self.0.as_bytes();
        if !self.1 {
            return memchr::memchr3(b'.', b'!', b'?', &b[k..]).map(|i| k + i);
        }
        let found = b[k..].iter().enumerate().position(|(i, &c)| {
            matches!(c, b'.' | b'!' | b'?')
                || (c == 0xE2 && b[k + i..].starts_with(&[0xE2, 0x80, 0xA4]))
        });
        found.map(|i| k + i)
    }
}

fn is_terminator(c: Class) -> bool {
    matches!(c, Class::ATerm | Class::STerm)
}

/// Whether every non-ASCII character of `line` is in the table.
fn all_known(line: &str) -> bool {
    let b = line.as_bytes();
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(|&c| c >= 0x80) {
        let Some(c) = line[i + k..].chars().next() else {
            return false;
        };
        if wide_class(c) == Class::Unknown {
            return false;
        }
        i += k + c.len_utf8();
    }
    true
}

/// Calls `emit` with each boundary inside one classified line (not its start).
fn line_breaks(line: &impl Line, emit: &mut impl FnMut(usize)) {
    let mut from = 0;
    while let Some(t) = line.next_terminator(from) {
        let mut j = line.step(t);
        while j < line.len() && line.class(j) == Class::Close {
            j = line.step(j);
        }
        while j < line.len() && line.class(j) == Class::Sp {
            j = line.step(j);
        }
        if j < line.len() && breaks_before(line, t, j) {
            emit(j);
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
        let adjacent = j == line.step(t);
        // SB6: "3.5"; SB7: "U.S" (a letter before the stop, upper case after).
        if adjacent && next == Class::Numeric {
            return false;
        }
        let before = line.prev(t).map(|p| line.class(p));
        let letter_before = matches!(before, Some(Class::Upper | Class::Lower));
        if adjacent && letter_before && next == Class::Upper {
            return false;
        }
        // SB8: the next letter (before any terminator or separator) is lower case.
        let mut k = j;
        let decisive = loop {
            if k >= line.len() {
                break None;
            }
            let c = line.class(k);
            if matches!(c, Class::Upper | Class::Lower | Class::ParaSep) || is_terminator(c) {
                break Some(c);
            }
            k = line.step(k);
        };
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
        let read = crate::text::for_each_un_speech(|path, text| {
            assert!(piece_starts(text) == reference(text), "{}", path.display());
        });
        if let Some(speeches) = read {
            assert!(speeches > 10_000, "only {speeches} speeches read");
        }
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
