//! A fast word count with the same result as [`crate::text::word_count`].
//!
//! Rates are per 1,000 words, so tone must count the words of every selected
//! statement; over the UN corpus (194 MB) full UAX #29 segmentation is most of
//! a report's time. Words never span ASCII white space (UAX #29 always breaks
//! around it), so the text is cut at ASCII white space: pure-ASCII pieces (most
//! of them) are counted by the ASCII subset of the UAX #29 word rules below,
//! other pieces by `text::word_count` itself. A property test checks the two
//! counts agree.
//!
//! ASCII rules (UAX #29 WB5–WB13b): letters, digits and `_` join each other;
//! `'`, `.` and `:` join two letters (`can't`, `U.S`); `'`, `.`, `,` and `;`
//! join two digits (`40.2`, `1,000`); everything else breaks. A word is a
//! segment holding a letter or digit.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    Underscore,
    /// `'` and `.`: between two letters or two digits.
    MidBoth,
    /// `:`: between two letters.
    MidLetter,
    /// `,` `;`: between two digits.
    MidNum,
    Other,
}

fn class(b: u8) -> Class {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Underscore,
        b'\'' | b'.' => Class::MidBoth,
        b':' => Class::MidLetter,
        b',' | b';' => Class::MidNum,
        _ => Class::Other,
    }
}

fn joins_across(before: Class, mid: Class, after: Class) -> bool {
    match (before, after) {
        (Class::Letter, Class::Letter) => matches!(mid, Class::MidBoth | Class::MidLetter),
        (Class::Digit, Class::Digit) => matches!(mid, Class::MidBoth | Class::MidNum),
        _ => false,
    }
}

fn is_wordish(c: Class) -> bool {
    matches!(c, Class::Letter | Class::Digit | Class::Underscore)
}

/// Words of a piece of pure-ASCII text.
fn ascii_words(b: &[u8]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < b.len() {
        if !is_wordish(class(b[i])) {
            i += 1;
            continue;
        }
        let mut alnum = false;
        loop {
            let here = class(b[i]);
            alnum |= here != Class::Underscore;
            i += 1;
            let Some(&next) = b.get(i) else { break };
            let next = class(next);
            if is_wordish(next) {
                continue;
            }
            match b.get(i + 1) {
                Some(&after) if joins_across(here, next, class(after)) => i += 1,
                _ => break,
            }
        }
        count += usize::from(alnum);
    }
    count
}

/// The number of words of `text`, equal to `text::word_count(text)`.
pub fn word_count(text: &str) -> usize {
    text.split(|c: char| c.is_ascii_whitespace())
        .map(|piece| {
            if piece.is_ascii() {
                ascii_words(piece.as_bytes())
            } else {
                crate::text::word_count(piece)
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn agrees_on_the_tricky_cases() {
        for text in [
            "The U.S. side — 40.2 billion",
            "can't won't e.g. i.e. 1,000,000.50 a.b.c",
            "S:t Louis 10:30 a_b __ _ x_ _1 a1b 1a 1.a a.1",
            "end. Start 'quoted' \"double\" it's 'tis dogs'",
            "“Constructive dialogue,” MOFCOM said.\nNew line\r\nwin-win",
            "Côte d’Ivoire naïve café 中华人民共和国 ...",
            "",
            "   ",
        ] {
            assert_eq!(word_count(text), crate::text::word_count(text), "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn agrees_with_the_text_layer(text in "[a-zA-Z0-9_'.:,; \\-\n\"()é’—中]{0,40}") {
            prop_assert_eq!(word_count(&text), crate::text::word_count(&text));
        }
    }
}
