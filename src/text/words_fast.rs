//! A fast path for [`super::words`]: most corpus text is ASCII, and UAX #29
//! word segmentation of ASCII reduces to a few byte rules, so the UN corpus
//! can be tokenised at several hundred MB/s. The output is identical to
//! `unicode-segmentation`'s segments (tested over many generated strings).
//!
//! In ASCII, a word segment is a run of letters, digits and `_` (WB5, WB8–10,
//! WB13a/b), extended across one `:` `.` `'` between two letters (WB6/7) or
//! one `,` `;` `.` `'` between two digits (WB11/12); every other ASCII
//! character is a segment of its own that holds no word. Whenever a
//! non-ASCII character is met where it could matter (inside or right after
//! a word, or where words are looked for), the text between the *safe points*
//! around it is handed to `unicode-segmentation`. A safe point is a position
//! after ASCII white space and before an ASCII non-space character: UAX #29
//! always breaks there and no rule looks across it, so segmenting each side
//! on its own gives the same segments as segmenting the whole.
//!
//! One deliberate difference from UAX #29: the narrow no-break space U+202F
//! separates words. UAX #29 gives it Word_Break=ExtendNumLet (for digit
//! grouping, "1 000"), so "at the invitation of" written with U+202F would be
//! one word; White House texts put it between words (671 times in 87
//! releases). Both sides of a U+202F are cut points (see [`is_cut`]) like
//! safe points, so the text on each side is segmented on its own. Every
//! other space (U+00A0, U+2009, U+3000 …) already separates words in UAX #29.

use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

use super::Word;

pub(super) struct Words<'a> {
    text: &'a str,
    /// Where the fast path continues.
    pos: usize,
    /// End of the last slow region (a safe point): slow regions never reach back past it.
    floor: usize,
    /// End of the last word returned, so a slow region does not repeat words.
    done: usize,
    slow: Option<Slow<'a>>,
}

/// The words of a region handed to the slow path: its UAX #29 segments
/// (offset of the region, segments), or, where the region holds Han
/// characters, its words already cut by [`super::han`].
enum Slow<'a> {
    Segments(usize, UWordBoundIndices<'a>),
    Cut(std::vec::IntoIter<(usize, usize)>),
}

/// Byte classes for the hot loops: one table look-up per byte.
const WORD: u8 = 1;
const ALNUM: u8 = 2;
/// `WORD` for letters, digits and `_`; `ALNUM` for letters and digits.
const TABLE: [u8; 256] = byte_table();

const fn byte_table() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            WORD | ALNUM
        } else if c == b'_' {
            WORD
        } else {
            0
        };
        b += 1;
    }
    t
}

#[inline]
fn is_word_byte(b: u8) -> bool {
    TABLE[b as usize] & WORD != 0
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

pub(super) fn is_safe(b: &[u8], i: usize) -> bool {
    i > 0 && is_space(b[i - 1]) && b[i] < 0x80 && !is_space(b[i])
}

/// U+202F NARROW NO-BREAK SPACE in UTF-8: a word separator here (module doc).
const NNBSP: &[u8] = "\u{202F}".as_bytes();

/// Where a region handed to unicode-segmentation may start or end: a safe
/// point, or either side of a U+202F.
pub(super) fn is_cut(b: &[u8], i: usize) -> bool {
    is_safe(b, i) || b[..i].ends_with(NNBSP) || b[i..].starts_with(NNBSP)
}

/// The UAX #29 word segments of `text` with U+202F as a separator and Han
/// runs cut into Chinese words ([`super::han`]), as `(offset, segment)`: the
/// reference both word splitters are tested against.
#[cfg(test)]
pub(super) fn reference_segments(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for piece in text.split('\u{202F}') {
        super::han::region_words(text, at, at + piece.len(), &mut |s, e| {
            out.push((s, &text[s..e]))
        });
        at += piece.len() + NNBSP.len();
    }
    out
}

/// The end of the ASCII word starting at `start`, or `None` when a non-ASCII
/// character could change it.
fn scan_word(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    loop {
        i += b[i..]
            .iter()
            .position(|&c| !is_word_byte(c))
            .unwrap_or(b.len() - i);
        if i >= b.len() {
            return Some(i);
        }
        let (prev, c) = (b[i - 1], b[i]);
        if c >= 0x80 {
            return None;
        }
        // Whether some letter or digit after `c` would join it to the word.
        let may_join = joins(prev, c, b'a') || joins(prev, c, b'0');
        if !may_join || i + 1 >= b.len() {
            return Some(i);
        }
        let next = b[i + 1];
        if next >= 0x80 {
            return None;
        }
        if joins(prev, c, next) {
            i += 2;
        } else {
            return Some(i);
        }
    }
}

/// Whether the ASCII character `c` joins `prev` and `next` into one word:
/// `:` `.` `'` between two letters (WB6/7), `,` `;` `.` `'` between two
/// digits (WB11/12).
pub(super) fn joins(prev: u8, c: u8, next: u8) -> bool {
    let letters = prev.is_ascii_alphabetic() && next.is_ascii_alphabetic();
    let digits = prev.is_ascii_digit() && next.is_ascii_digit();
    (letters && matches!(c, b':' | b'.' | b'\''))
        || (digits && matches!(c, b',' | b';' | b'.' | b'\''))
}

impl<'a> Words<'a> {
    pub(super) fn new(text: &'a str) -> Words<'a> {
        Words {
            text,
            pos: 0,
            floor: 0,
            done: 0,
            slow: None,
        }
    }

    fn word(&mut self, start: usize, end: usize) -> Word<'a> {
        self.done = end;
        Word {
            start,
            end,
            text: &self.text[start..end],
        }
    }

    /// Hands the region of safe points around `at` to unicode-segmentation.
    fn go_slow(&mut self, at: usize) {
        let b = self.text.as_bytes();
        let mut s = at;
        while s > self.floor && !is_cut(b, s) {
            s -= 1;
        }
        let mut e = at + 1;
        while e < b.len() && !is_cut(b, e) {
            e += 1;
        }
        let e = e.min(b.len());
        let region = &self.text[s..e];
        self.slow = Some(if super::han::has_han(region) {
            let mut cut = Vec::new();
            super::han::region_words(self.text, s, e, &mut |a, z| cut.push((a, z)));
            Slow::Cut(cut.into_iter())
        } else {
            Slow::Segments(s, region.split_word_bound_indices())
        });
        self.pos = e;
        self.floor = e;
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    #[inline]
    fn next(&mut self) -> Option<Word<'a>> {
        loop {
            if let Some(slow) = &mut self.slow {
                let done = self.done;
                let found = match slow {
                    Slow::Segments(base, segments) => {
                        let base = *base;
                        segments
                            .by_ref()
                            .map(|(i, w)| (base + i, base + i + w.len()))
                            .find(|&(start, end)| {
                                start >= done
                                    && self.text[start..end].chars().any(char::is_alphanumeric)
                            })
                    }
                    Slow::Cut(words) => words.by_ref().find(|&(start, _)| start >= done),
                };
                match found {
                    Some((start, end)) => return Some(self.word(start, end)),
                    None => self.slow = None,
                }
            }
            let b = self.text.as_bytes();
            let skipped = b[self.pos..]
                .iter()
                .position(|&c| c >= 0x80 || is_word_byte(c));
            self.pos = skipped.map_or(b.len(), |k| self.pos + k);
            let p = self.pos;
            if p >= b.len() {
                return None;
            }
            if b[p] < 0x80 {
                if let Some(end) = scan_word(b, p) {
                    self.pos = end;
                    let alnum = |c: &u8| TABLE[*c as usize] & ALNUM != 0;
                    if alnum(&b[p]) || b[p..end].iter().any(alnum) {
                        return Some(self.word(p, end));
                    }
                    continue;
                }
            }
            self.go_slow(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(text: &str) -> Vec<(usize, &str)> {
        reference_segments(text)
    }

    fn fast(text: &str) -> Vec<(usize, &str)> {
        Words::new(text).map(|w| (w.start, w.text)).collect()
    }

    /// Characters chosen to hit every ASCII rule and the non-ASCII cases
    /// around them: accents, combining marks, format characters, ZWJ,
    /// apostrophes, regional indicators, Hebrew, Katakana, CJK, emoji.
    const ALPHABET: &[&str] = &[
        "a",
        "Z",
        "q",
        "7",
        "0",
        "_",
        ".",
        ",",
        ";",
        ":",
        "'",
        "\"",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "-",
        "(",
        "$",
        "é",
        "\u{301}",
        "\u{AD}",
        "\u{200B}",
        "\u{200D}",
        "\u{2019}",
        "\u{2011}",
        "\u{2060}",
        "\u{FEFF}",
        "\u{1F1FA}",
        "\u{1F1F8}",
        "\u{5D0}",
        "\u{30AB}",
        "\u{4E2D}",
        "\u{3002}",
        "\u{1F44D}",
        "\u{A0}",
        "\u{3000}",
        "\u{FF0E}",
        "\u{202F}",
        "\u{2009}",
        "\u{2007}",
        "U.S.",
        "win-win",
        "1,000.5",
        "don't",
        "e.g.",
    ];

    /// Strings of up to 24 pieces of `ALPHABET`, reproducible from `seed`.
    fn generated(seed: u64, count: usize) -> impl Iterator<Item = String> {
        let mut next = crate::text::lcg(seed);
        (0..count).map(move |_| {
            let len = next() % 24;
            (0..len)
                .map(|_| ALPHABET[next() % ALPHABET.len()])
                .collect()
        })
    }

    #[test]
    fn fast_path_equals_unicode_segmentation_on_generated_strings() {
        for text in generated(0x5eed, 200_000) {
            assert_eq!(fast(&text), reference(&text), "text {text:?}");
        }
    }

    /// Every speech of the UN General Debate Corpus (when ../shared is
    /// beside the repository) gets the same words from both paths.
    #[test]
    fn fast_path_equals_unicode_segmentation_on_the_un_corpus() {
        let read = crate::text::for_each_un_speech(|path, text| {
            assert!(fast(text) == reference(text), "{}", path.display());
        });
        if let Some(speeches) = read {
            assert!(speeches > 10_000, "only {speeches} speeches read");
        }
    }

    #[test]
    fn fast_path_equals_unicode_segmentation_on_readout_text() {
        let text = "On Tuesday, the U.S.\u{2019}s “constructive dialogue” (1,000.5 tons; 49.1%) — \
                    win-win, don't, e.g. a:b a.1 1.a _x_ x__ ___ café cafe\u{301} Ma\u{200D}x 中国。\r\n\
                    ‘Both sides’ \u{1F1FA}\u{1F1F8} ok\u{AD}ay";
        assert_eq!(fast(text), reference(text));
        assert_eq!(fast(""), reference(""));
        assert_eq!(fast("é"), reference("é"));
    }

    #[test]
    fn unicode_spaces_separate_words() {
        fn words(t: &str) -> Vec<&str> {
            fast(t).into_iter().map(|w| w.1).collect()
        }
        for space in [
            "\u{A0}", "\u{2009}", "\u{202F}", "\u{2007}", "\u{3000}", "\u{205F}",
        ] {
            let text = format!("at{space}the invitation{space}of 1{space}000");
            assert_eq!(
                words(&text),
                ["at", "the", "invitation", "of", "1", "000"],
                "{text:?}"
            );
        }
        assert_eq!(words("x\u{202F}\u{202F}é\u{202F}"), ["x", "é"]);
    }
}
