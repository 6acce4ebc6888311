//! The index's analyzers, built on the text layer so that a word the index
//! finds is the word the lexicon, the aligner and keyness count. Tantivy's own
//! tokenizers split and fold differently (hyphens, typographic apostrophes),
//! so the tokenizer here is `text::words` + `text::normalise`, and stemming is
//! our `StemFilter` calling `text::stem`. Token offsets are byte offsets into
//! the original text, which is what snippets and highlighting rely on.
//!
//! # Words kept apart
//!
//! The stemmer joins words a scholar must keep apart: "candidate" and
//! "candid" are both `candid`, "construction" and "constructive" both
//! `construct`, "international" and "internal" both `intern`, "position"
//! and "positive" both `posit`, "frankly" and "frank" both `frank`. The
//! framing lexicon lists such words as `exact` (in `lexicon/lexicon.toml`);
//! the index keeps the same words apart by the same list: a word of the
//! built-in lexicon's `exact` list is indexed as itself, normalised and
//! marked (`=candidate`), never as its stem, so `search candid` and
//! `kwic candid` find "candid" and "candidly" but not "candidate", and
//! `search construction` finds "construction" only. [`index_key`] is the
//! rule, used by the analyzer and by KWIC. Only the built-in list counts (an
//! index must not change with a `--lexicon` file); changing that list changes
//! the index, so it bumps [`super::schema::VERSION`] (a test pins the list's
//! fingerprint to the version) and old indexes are rebuilt automatically.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::OnceLock;

use tantivy::tokenizer::{
    LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

use crate::text;

/// Name of the stemming analyzer (field `text`, `title`).
pub const STEMMED: &str = "readouts_stemmed";
/// Name of the normalising-only analyzer (field `exact`).
pub const EXACT: &str = "readouts_exact";
/// Name of the whole-value, lower-cased analyzer (side, issuer, kind, event).
pub const KEYWORD: &str = "readouts_keyword";

/// The built-in lexicon's source, read here only for its `exact` list.
const LEXICON: &str = include_str!("../../lexicon/lexicon.toml");

/// The normalised words the built-in lexicon's `exact` list keeps apart.
fn kept_apart() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let table: toml::Table =
            toml::from_str(LEXICON).expect("the built-in lexicon is valid TOML");
        table
            .get("exact")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            .map(|w| text::normalise(w).into_owned())
            .collect()
    })
}

/// The index key of a normalised word in the stemmed field: `=word` for a
/// word the lexicon keeps apart, else its stem (see the module docs).
pub fn index_key(normalised: &str) -> Cow<'_, str> {
    if kept_apart().contains(normalised) {
        Cow::Owned(format!("={normalised}"))
    } else {
        text::stem(normalised)
    }
}

/// Whether the index key of `normalised` is the word itself because it is
/// Chinese ([`text::stem`] leaves Chinese alone) and the `exact` list holds
/// no Chinese word: the stem filter then passes it on without a look-up.
fn chinese_as_is(normalised: &str) -> bool {
    static LIST_HAS_HAN: OnceLock<bool> = OnceLock::new();
    normalised.chars().next().is_some_and(text::han::is_han)
        && !*LIST_HAS_HAN.get_or_init(|| kept_apart().iter().any(|w| text::han::has_han(w)))
}

/// Registers the three analyzers on an index (they are not stored in it).
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(STEMMED, stemmed());
    manager.register(EXACT, exact());
    manager.register(
        KEYWORD,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

/// Words, normalised and stemmed.
pub fn stemmed() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(StemFilter)
        .build()
}

/// Words, normalised only.
pub fn exact() -> TextAnalyzer {
    TextAnalyzer::from(WordTokenizer)
}

/// Splits text with `text::words` and normalises each word.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordTokenizer;

pub struct WordStream<'a> {
    text: &'a str,
    words: Words<'a>,
    token: Token,
}

/// Where a stream's words come from: split as it goes, or the spans of the
/// same text split for the previous field ([`spans_of`]).
enum Words<'a> {
    Split(Box<dyn Iterator<Item = text::Word<'a>> + 'a>),
    Remembered(Spans, usize),
}

/// Byte ranges of the words of one text.
type Spans = Rc<[(usize, usize)]>;

/// Texts shorter than this are split as they go: remembering them costs
/// more than splitting them again.
const REMEMBERED_FROM: usize = 2048;

thread_local! {
    /// The last long text split on this thread and its word spans. A
    /// statement's text is indexed twice in a row (fields `text` and
    /// `exact`), and splitting Chinese text (jieba) is a quarter of indexing
    /// it, so the second field reuses the first one's spans.
    static LAST_SPLIT: RefCell<(String, Spans)> =
        RefCell::new((String::new(), Rc::from(Vec::new())));
}

/// The word spans of `text`: those of the previous long text split on this
/// thread when it is the same text, else split now and remembered.
fn spans_of(text: &str) -> Spans {
    LAST_SPLIT.with(|last| {
        let mut last = last.borrow_mut();
        if last.0 != text {
            let spans: Spans = text::words(text).map(|w| (w.start, w.end)).collect();
            last.0.clear();
            last.0.push_str(text);
            last.1 = spans;
        }
        Rc::clone(&last.1)
    })
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        let words = if text.len() >= REMEMBERED_FROM {
            Words::Remembered(spans_of(text), 0)
        } else {
            Words::Split(Box::new(text::words(text)))
        };
        WordStream {
            text,
            words,
            token: Token::default(),
        }
    }
}

impl WordStream<'_> {
    fn next_span(&mut self) -> Option<(usize, usize)> {
        match &mut self.words {
            Words::Split(words) => words.next().map(|w| (w.start, w.end)),
            Words::Remembered(spans, at) => {
                let span = spans.get(*at).copied();
                *at += 1;
                span
            }
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((start, end)) = self.next_span() else {
            return false;
        };
        let t = &mut self.token;
        t.position = t.position.wrapping_add(1);
        t.offset_from = start;
        t.offset_to = end;
        t.text.clear();
        t.text.push_str(&text::normalise(&self.text[start..end]));
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Replaces each (normalised) token by its Snowball English stem, or by
/// itself marked when the lexicon keeps it apart ([`index_key`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct StemFilter;

impl TokenFilter for StemFilter {
    type Tokenizer<T: Tokenizer> = StemTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> StemTokenizer<T> {
        StemTokenizer {
            inner,
            cache: HashMap::new(),
        }
    }
}

/// The tokenizer `StemFilter` makes. It remembers stems already computed
/// (a corpus has far fewer distinct words than tokens), bounded in size.
#[derive(Clone)]
pub struct StemTokenizer<T> {
    inner: T,
    cache: HashMap<String, String>,
}

const CACHE_LIMIT: usize = 200_000;

impl<T: Tokenizer> Tokenizer for StemTokenizer<T> {
    type TokenStream<'a> = StemStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
        }
    }
}

pub struct StemStream<'a, S> {
    tail: S,
    cache: &'a mut HashMap<String, String>,
}

impl<S: TokenStream> TokenStream for StemStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if chinese_as_is(&token.text) {
            return true;
        }
        if let Some(stem) = self.cache.get(&token.text) {
            token.text.clone_from(stem);
            return true;
        }
        let stem = index_key(&token.text).into_owned();
        if self.cache.len() >= CACHE_LIMIT {
            self.cache.clear();
        }
        self.cache
            .insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn a_long_text_split_for_one_field_gives_the_same_tokens_to_the_next() {
        let zh = "中方对美方的霸凌行径表示严重关切，Wang Yi met the U.S. side. ".repeat(60);
        let en = "Frank and candid talks on constructive cooperation. ".repeat(60);
        assert!(zh.len() >= REMEMBERED_FROM && en.len() >= REMEMBERED_FROM);
        for text in [&zh, &en, &zh, &zh] {
            let words: Vec<(String, usize, usize)> = text::words(text)
                .map(|w| (text::normalise(w.text).into_owned(), w.start, w.end))
                .collect();
            let exact: Vec<(String, usize, usize)> = tokens(exact(), text)
                .into_iter()
                .map(|t| (t.0, t.2, t.3))
                .collect();
            assert_eq!(exact, words);
            let stems: Vec<String> = tokens(stemmed(), text).into_iter().map(|t| t.0).collect();
            let layer: Vec<String> = text::words(text)
                .map(|w| index_key(&text::normalise(w.text)).into_owned())
                .collect();
            assert_eq!(stems, layer);
        }
    }

    #[test]
    fn stemmed_tokens_agree_with_the_text_layer() {
        let text = "“Bullying” and bullied, win‑win cooperation";
        let ours: Vec<String> = tokens(stemmed(), text).into_iter().map(|t| t.0).collect();
        let layer: Vec<String> = text::words(text).map(|w| text::stem_word(w.text)).collect();
        assert_eq!(ours, layer);
        assert_eq!(ours, ["bulli", "and", "bulli", "win", "win", "cooper"]);
    }

    #[test]
    fn offsets_are_bytes_of_the_original_and_positions_count_words() {
        let text = "“Bullying” — China’s view";
        let toks = tokens(exact(), text);
        let surface: Vec<&str> = toks.iter().map(|t| &text[t.2..t.3]).collect();
        assert_eq!(surface, ["Bullying", "China’s", "view"]);
        assert_eq!(toks[1].0, "china's");
        let positions: Vec<usize> = toks.iter().map(|t| t.1).collect();
        assert_eq!(positions, [0, 1, 2]);
    }

    #[test]
    fn words_the_lexicon_keeps_apart_are_not_joined_by_their_stem() {
        let text = "candid candidly candidate; constructive construction; \
                    internal international; positive position; frank frankly";
        let got: Vec<String> = tokens(stemmed(), text).into_iter().map(|t| t.0).collect();
        assert_eq!(
            got,
            [
                "candid",
                "candid",
                "=candidate",
                "construct",
                "=construction",
                "=internal",
                "intern",
                "posit",
                "=position",
                "frank",
                "=frankly"
            ]
        );
    }

    /// 64-bit FNV-1a over the sorted kept-apart words and the extra
    /// Chinese words (both change what the index holds).
    fn fingerprint() -> u64 {
        let mut words: Vec<&str> = kept_apart().iter().map(String::as_str).collect();
        words.sort();
        words.extend(crate::text::han::EXTRA_WORDS);
        crate::hash::fields(words.iter().copied())
    }

    #[test]
    fn a_change_to_the_kept_apart_words_bumps_the_schema_version() {
        // When this fails: bump `schema::VERSION` (old indexes then rebuild)
        // and pin the new pair here. `text::han::EXTRA_WORDS` counts too.
        assert_eq!(
            (
                super::super::schema::VERSION,
                format!("{:016x}", fingerprint())
            ),
            (5, "860e2b90c0ad111b".to_string())
        );
    }

    #[test]
    fn chinese_is_indexed_by_word_and_not_stemmed() {
        let mut analyzer = stemmed();
        let text = "反对霸凌 bullying";
        let mut stream = analyzer.token_stream(text);
        let mut got = Vec::new();
        while let Some(t) = stream.next() {
            got.push((
                t.text.clone(),
                t.position,
                &text[t.offset_from..t.offset_to],
            ));
        }
        assert_eq!(
            got,
            [
                ("反对".to_string(), 0, "反对"),
                ("霸凌".to_string(), 1, "霸凌"),
                ("bulli".to_string(), 2, "bullying")
            ]
        );
    }

    #[test]
    fn the_stem_cache_gives_the_same_answer_twice() {
        let mut analyzer = stemmed();
        for _ in 0..2 {
            let mut stream = analyzer.token_stream("negotiations negotiating");
            let mut got = Vec::new();
            while let Some(t) = stream.next() {
                got.push(t.text.clone());
            }
            assert_eq!(got, ["negoti", "negoti"]);
        }
    }
}
