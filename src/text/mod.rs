//! The text layer: one definition of a word for the whole tool. The index
//! analyzer, the lexicon matcher, the aligner and keyness all read text through
//! these functions, so "bullied", "Bullying" and “bully” meet everywhere and a
//! count in one report agrees with a hit in another.
//!
//! Pipeline: [`words`] finds word tokens with their byte offsets (UAX #29 word
//! boundaries), [`normalise`] folds case, typographic apostrophes and invisible
//! characters, [`stem`] applies the Snowball English stemmer (rust-stemmers).
//! Hyphens always separate words, so "win-win", "win‑win" and "win win" are
//! the same two tokens.

pub mod han;
pub mod han_precut;
pub mod segment;
mod sentence_bounds;
mod stopwords;
mod vocab;
mod word_cache;
mod word_spans;
mod words_fast;

use std::borrow::Cow;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

pub use stopwords::is_stopword;
pub use vocab::Vocab;
pub use word_cache::WordCache;
pub use word_spans::for_each_word;

/// The English month names, January first: one list for the sentence
/// segmenter, the date reader of the importers and the bilingual comparison.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A word of a text: its byte range in the original and the original slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// The words of `text`, in order, with byte offsets into `text`: the UAX #29
/// word segments that hold a letter or digit, except that the narrow no-break
/// space U+202F separates words (UAX #29 glues them; see `words_fast.rs`).
/// Plain ASCII stretches are segmented by a fast path that gives the same result.
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    words_fast::Words::new(text)
}

/// How many words `text` has (the denominator of every rate per 1,000 words).
pub fn word_count(text: &str) -> usize {
    let mut count = 0;
    for_each_word(text, |_, _| count += 1);
    count
}

/// Lower-cases a word and folds the variants that should not matter:
/// typographic apostrophes to `'`, soft hyphens and zero-width characters removed.
pub fn normalise(word: &str) -> Cow<'_, str> {
    let plain = word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase());
    // A Chinese word has nothing to fold (and lower-casing each character
    // through Unicode's tables was a tenth of indexing Chinese text).
    if plain || word.chars().all(han::is_han) {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{FF07}' => out.push('\''),
            '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    Cow::Owned(out)
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The Snowball English stem of an already normalised word.
/// Chinese words are returned as they are (see [`han`]).
pub fn stem(normalised: &str) -> Cow<'_, str> {
    if normalised.chars().next().is_some_and(han::is_han) {
        return Cow::Borrowed(normalised);
    }
    stemmer().stem(normalised)
}

/// Runs of white space (line breaks included) folded into single spaces, as
/// the context lines of `kwic` and of keyness show a text.
pub fn fold_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    if space {
        out.push(' ');
    }
    out
}

/// Normalised and stemmed in one call.
pub fn stem_word(word: &str) -> String {
    stem(&normalise(word)).into_owned()
}

/// A deterministic generator (64-bit LCG) for the text layer's tests on
/// generated input, so a failure reproduces from its seed.
#[cfg(test)]
pub(crate) fn lcg(seed: u64) -> impl FnMut() -> usize {
    let mut state = seed;
    move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    }
}

/// Calls `check` with the path and text of every speech of the UN General
/// Debate Corpus and returns how many there were; prints a skip and returns
/// `None` when ../shared is not beside the repository. For the tests that
/// compare a fast path with `unicode-segmentation` on real text.
#[cfg(test)]
pub(crate) fn for_each_un_speech(mut check: impl FnMut(&std::path::Path, &str)) -> Option<usize> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ungdc");
    let Ok(sessions) = std::fs::read_dir(&root) else {
        eprintln!(
            "SKIPPED: the UN General Debate Corpus is not at {}",
            root.display()
        );
        return None;
    };
    let mut speeches = 0;
    for session in sessions.flatten() {
        let files = std::fs::read_dir(session.path()).into_iter().flatten();
        for file in files.flatten() {
            if let Ok(text) = std::fs::read_to_string(file.path()) {
                check(&file.path(), &text);
                speeches += 1;
            }
        }
    }
    Some(speeches)
}

#[cfg(test)]
mod tests {
    #[test]
    fn white_space_runs_fold_to_one_space_at_either_end_too() {
        assert_eq!(super::fold_space("\n a\t\tb \r\n c\u{3000}"), " a b c ");
        assert_eq!(super::fold_space("ab"), "ab");
        assert_eq!(super::fold_space(""), "");
    }

    use super::*;

    fn stems(text: &str) -> Vec<String> {
        words(text).map(|w| stem_word(w.text)).collect()
    }

    #[test]
    fn inflections_meet_on_one_stem() {
        assert_eq!(stems("bullying bullied bully"), ["bulli", "bulli", "bulli"]);
        assert_eq!(
            stems("Constructive CONSTRUCTIVE"),
            ["construct", "construct"]
        );
    }

    #[test]
    fn hyphen_variants_give_the_same_tokens() {
        let plain = stems("win win cooperation");
        assert_eq!(stems("win-win cooperation"), plain);
        assert_eq!(stems("win\u{2011}win cooperation"), plain);
        assert_eq!(stems("win\u{2013}win cooperation"), plain);
    }

    #[test]
    fn typographic_apostrophes_and_invisible_characters_fold() {
        assert_eq!(stems("China\u{2019}s"), stems("China's"));
        assert_eq!(stems("bul\u{00AD}lying"), ["bulli"]);
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "“Constructive dialogue,” MOFCOM said.";
        let found: Vec<&str> = words(text).map(|w| &text[w.start..w.end]).collect();
        assert_eq!(found, ["Constructive", "dialogue", "MOFCOM", "said"]);
        assert_eq!(word_count("The U.S. side — 40.2 billion"), 5);
    }
}
