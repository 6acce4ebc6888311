//! Finding lexicon phrases in text, in one left-to-right pass over words.
//!
//! The text is read with `text::words`; each distinct surface word is
//! normalised and stemmed once (a per-thread cache) and turned into a term id
//! (0 for words no phrase uses). The phrases form a trie over term ids with
//! gap edges; the root is a table indexed by term id, so a word that starts
//! no phrase costs one array look-up, however many thousands of entries the
//! lexicon holds. Where a phrase may start, the trie is walked to the longest
//! phrase that matches there.
//!
//! Matching rules, in order:
//! - phrases match whole stems: "constructively" is `construct` like
//!   "constructive", but "unconstructive" is `unconstruct` and matches nothing;
//! - leftmost-longest, without overlap: in "unilateral bullying" the entry
//!   `unilateral bullying` is one hit, not also `unilateral` and `bullying`;
//!   between equally long matches the one spelling out more words wins, then
//!   the one with fewer gaps (a phrase without gaps beats a gap pattern),
//!   then the earlier entry;
//! - a match never spans two sentences (`text::segment::sentences`), so a
//!   gap cannot reach into the next sentence;
//! - words listed as `exact` match only as written ("construction" is not
//!   `construct`), and `ignore` phrases ("parties concerned") take part in
//!   the longest match but give no hit;
//! - a gap never spans clause punctuation (`, ; : ( ) …`): in "our hope,
//!   what will we do" `hopes {1,4} will` does not match;
//! - an entry's `not_after` words cancel its hit when one of them is among
//!   the three words before it in its clause ("we must" is no demand), its
//!   `not_before` words when among the three after ("reiterated concerns");
//! - a hit preceded by a negator in its clause is kept but flagged
//!   `negated` (see `negation`).

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::{Serialize, Serializer};

use super::parse::Element;
use super::side_names::SideTable;
use super::{negation, Category, Lexicon, Points, SideNames};
use crate::text::segment::{sentences, Sentence};
use crate::text::{self, normalise, stem, WordCache};

/// One phrase found in a text, with everything needed to cite it.
///
/// Offsets index the text given to [`Matcher::find`] (for a statement: its
/// loaded text). Reports show a hit as a [`super::ShownHit`], which gives the
/// words and offsets in the text as stored; so the words and offsets here are
/// not serialised, only what the hit means (weight, gloss, grade, negation).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    #[serde(skip)]
    pub category: Category,
    /// The entry's citation phrase (the hit may be one of its variants).
    #[serde(skip)]
    pub entry: Arc<str>,
    /// The matched text exactly as written.
    #[serde(skip)]
    pub surface: String,
    /// Byte offsets of the match in the text.
    #[serde(skip)]
    pub start: usize,
    #[serde(skip)]
    pub end: usize,
    /// Character (Unicode scalar) offsets of the match in the text.
    #[serde(skip)]
    pub char_start: usize,
    #[serde(skip)]
    pub char_end: usize,
    /// Byte range of the sentence holding the match.
    #[serde(skip)]
    pub sentence: Sentence,
    pub weight: f32,
    #[serde(serialize_with = "arc_str")]
    pub gloss: Arc<str>,
    /// Concern-ladder grade (1..4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<u8>,
    /// Initiative entries: whom the phrase names as initiator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initiator: Option<Points>,
    /// True when a negator in the same clause turns the phrase around.
    pub negated: bool,
    /// The negating word as written ("not", "no", "neither" …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub negator: Option<String>,
}

pub(super) fn arc_str<S: Serializer>(v: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v)
}

/// What a hit copies from its entry.
#[derive(Debug, Clone)]
struct EntryInfo {
    category: Category,
    phrase: Arc<str>,
    gloss: Arc<str>,
    weight: f32,
    grade: Option<u8>,
    initiator: Option<Points>,
    not_after: Box<[Box<str>]>,
    not_before: Box<[Box<str>]>,
}

/// How many words before a hit its entry's `not_after` words are looked for.
pub const NOT_AFTER_WINDOW: usize = 3;

#[derive(Debug, Clone, Copy)]
struct PatternInfo {
    entry: u32,
    literal: u32,
    gaps: u32,
}

#[derive(Debug, Clone, Default)]
struct Node {
    /// Word edges `(term, node)`, sorted by term: most nodes have one or
    /// two, where a search of a short list beats hashing.
    next: Vec<(u32, u32)>,
    /// Gap edges: skip `min..=max` words, then continue from the node's `next`.
    gaps: Vec<(u8, u8, u32)>,
    accept: Option<u32>,
}

impl Node {
    /// The node after a word with term `t`.
    #[inline]
    fn edge(&self, t: u32) -> Option<u32> {
        if self.next.len() <= 8 {
            return self.next.iter().find(|e| e.0 == t).map(|e| e.1);
        }
        let at = self.next.binary_search_by_key(&t, |e| e.0).ok()?;
        Some(self.next[at].1)
    }
}

/// The compiled lexicon. Cheap to share; `find` takes `&self`.
#[derive(Debug, Clone)]
pub struct Matcher {
    serial: u64,
    entries: Vec<EntryInfo>,
    patterns: Vec<PatternInfo>,
    terms: FxHashMap<Box<str>, u32>,
    /// Normalised words matched as written, not by stem.
    exact: rustc_hash::FxHashSet<Box<str>>,
    nodes: Vec<Node>,
    /// Term id → first node (0: no phrase starts with this term).
    root: Vec<u32>,
    sides: Vec<SideNames>,
    /// Every name that resolves to a side, built on first use by the initiator.
    side_table: std::sync::OnceLock<SideTable>,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    term: u32,
}

/// Per-thread memory: surface word → term id, the token buffer, and the
/// indices of the tokens a phrase may start at.
struct Scratch {
    serial: u64,
    cache: WordCache<u32>,
    tokens: Vec<Tok>,
    starts: Vec<usize>,
}

/// Distinct surface words remembered per thread before the cache is cleared.
const CACHE_LIMIT: usize = 1 << 20;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch {
        serial: u64::MAX,
        cache: WordCache::new(CACHE_LIMIT),
        tokens: Vec::new(),
        starts: Vec::new(),
    });
}

/// The entry index of `ignore` phrases: matched, then dropped.
const IGNORE: u32 = u32::MAX;

static SERIAL: AtomicU64 = AtomicU64::new(0);

impl Matcher {
    pub fn new(lexicon: &Lexicon) -> Matcher {
        let mut m = Matcher {
            serial: SERIAL.fetch_add(1, Ordering::Relaxed),
            entries: Vec::new(),
            patterns: Vec::new(),
            terms: FxHashMap::default(),
            exact: lexicon
                .exact
                .iter()
                .chain(&lexicon.as_written)
                .map(|w| w.as_str().into())
                .collect(),
            nodes: vec![Node::default()],
            root: vec![0],
            sides: lexicon.sides.clone(),
            side_table: std::sync::OnceLock::new(),
        };
        for (_, p) in &lexicon.ignore {
            let pi = m.patterns.len() as u32;
            m.patterns.push(PatternInfo {
                entry: IGNORE,
                literal: p.literal_len() as u32,
                gaps: (p.elements.len() - p.literal_len()) as u32,
            });
            m.insert(&p.elements, pi);
        }
        for (ei, e) in lexicon.entries.iter().enumerate() {
            m.entries.push(EntryInfo {
                category: e.category,
                phrase: e.phrase.clone(),
                gloss: e.gloss.clone(),
                weight: e.weight,
                grade: e.grade,
                initiator: e.initiator,
                not_after: e.not_after.iter().map(|w| w.as_str().into()).collect(),
                not_before: e.not_before.iter().map(|w| w.as_str().into()).collect(),
            });
            for p in &e.patterns {
                let pi = m.patterns.len() as u32;
                m.patterns.push(PatternInfo {
                    entry: ei as u32,
                    literal: p.literal_len() as u32,
                    gaps: (p.elements.len() - p.literal_len()) as u32,
                });
                m.insert(&p.elements, pi);
            }
        }
        m
    }

    /// The key a normalised word is matched by: `=word` for exact words, else its stem.
    fn term_key(exact: &rustc_hash::FxHashSet<Box<str>>, normalised: &str) -> String {
        if exact.contains(normalised) {
            format!("={normalised}")
        } else {
            stem(normalised).into_owned()
        }
    }

    fn term(&mut self, word: &str) -> u32 {
        let key = Matcher::term_key(&self.exact, word);
        if let Some(&t) = self.terms.get(key.as_str()) {
            return t;
        }
        let t = self.root.len() as u32;
        self.terms.insert(key.into(), t);
        self.root.push(0);
        t
    }

    fn new_node(&mut self) -> u32 {
        self.nodes.push(Node::default());
        (self.nodes.len() - 1) as u32
    }

    /// Adds a pattern; a later pattern with the same elements replaces the earlier.
    fn insert(&mut self, elements: &[Element], pattern: u32) {
        let Some(Element::Word(first)) = elements.first() else {
            return;
        };
        let t = self.term(first);
        let mut node = match self.root[t as usize] {
            0 => {
                let n = self.new_node();
                self.root[t as usize] = n;
                n
            }
            n => n,
        };
        for el in &elements[1..] {
            node = match el {
                Element::Word(w) => {
                    let t = self.term(w);
                    match self.nodes[node as usize].edge(t) {
                        Some(n) => n,
                        None => {
                            let n = self.new_node();
                            let next = &mut self.nodes[node as usize].next;
                            let at = next.partition_point(|e| e.0 < t);
                            next.insert(at, (t, n));
                            n
                        }
                    }
                }
                Element::Gap { min, max } => {
                    let found = self.nodes[node as usize]
                        .gaps
                        .iter()
                        .find(|g| g.0 == *min && g.1 == *max)
                        .map(|g| g.2);
                    match found {
                        Some(n) => n,
                        None => {
                            let n = self.new_node();
                            self.nodes[node as usize].gaps.push((*min, *max, n));
                            n
                        }
                    }
                }
            };
        }
        self.nodes[node as usize].accept = Some(pattern);
    }

    /// The side names of the lexicon (for initiator resolution).
    pub fn sides(&self) -> &[SideNames] {
        &self.sides
    }

    /// The lexicon's side names with the built-in ones (demonyms, capitals,
    /// ISO names, officials), for resolving who initiated an event.
    pub fn side_table(&self) -> &SideTable {
        self.side_table.get_or_init(|| SideTable::new(&self.sides))
    }

    /// Every phrase of the lexicon in `text`, in order of position.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        self.find_counted(text).0
    }

    /// The hits of [`Matcher::find`] and the number of words of `text`
    /// (`text::word_count`), from the same pass over the text.
    pub fn find_counted(&self, text: &str) -> (Vec<Hit>, usize) {
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            let s = &mut *s;
            if s.serial != self.serial {
                s.cache.clear();
                s.serial = self.serial;
            }
            let found = self.tokenise(text, &mut s.cache, &mut s.tokens, &mut s.starts);
            (
                self.scan(text, &s.tokens, &s.starts[..found]),
                s.tokens.len(),
            )
        })
    }

    /// Reads every word of `text` once: its term id into `tokens`, and the
    /// index of each word that begins some phrase into the first slots of
    /// `starts`; returns how many such words there are.
    fn tokenise(
        &self,
        text: &str,
        cache: &mut WordCache<u32>,
        tokens: &mut Vec<Tok>,
        starts: &mut Vec<usize>,
    ) -> usize {
        tokens.clear();
        // Two loops: the look-ups of successive words do not wait for each
        // other, so the processor overlaps their memory accesses.
        text::for_each_word(text, |start, end| {
            tokens.push(Tok {
                start,
                end,
                term: 0,
            })
        });
        if starts.len() < tokens.len() {
            starts.resize(tokens.len(), 0);
        }
        let mut found = 0;
        for (i, tok) in tokens.iter_mut().enumerate() {
            tok.term = cache.get_in(text, tok.start, tok.end, |w| {
                let key = Matcher::term_key(&self.exact, &normalise(w));
                self.terms.get(key.as_str()).copied().unwrap_or(0)
            });
            // Without a branch: whether a word starts a phrase follows no
            // pattern the processor could predict, and it would wait for
            // each look-up to learn it.
            starts[found] = i;
            found += (self.root[tok.term as usize] != 0) as usize;
        }
        found
    }

    fn scan(&self, text: &str, toks: &[Tok], starts: &[usize]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut sents: Option<Vec<Sentence>> = None;
        let mut cursor = (0usize, 0usize);
        // Tokens before `next` belong to the last hit.
        let mut next = 0;
        // The first sentence that may hold the word at hand (starts only grow).
        let mut current = 0;
        for &i in starts {
            if i < next {
                continue;
            }
            let node = self.root[toks[i].term as usize];
            let sents = sents.get_or_insert_with(|| sentences(text));
            let tok = toks[i];
            while current < sents.len() && sents[current].end <= tok.start {
                current += 1;
            }
            // A word cut by a sentence boundary ("x.Y") cannot start a hit.
            let Some(&sentence) = sents
                .get(current)
                .filter(|s| s.start <= tok.start && tok.end <= s.end)
            else {
                continue;
            };
            let mut best = None;
            self.walk(text, toks, sentence.end, node, i + 1, &mut best);
            let Some((end, pattern)) = best else {
                continue;
            };
            let entry = self.patterns[pattern as usize].entry;
            if entry != IGNORE && !self.cancelled(text, toks, (i, end), entry, sentence) {
                hits.push(self.hit(text, toks, i, end, pattern, sentence, &mut cursor));
            }
            next = end;
        }
        hits
    }

    /// Whether one of the entry's `not_after` words comes among the
    /// [`NOT_AFTER_WINDOW`] words before the hit (tokens `span.0..span.1`),
    /// or one of its `not_before` words among as many words after it, in
    /// its clause.
    fn cancelled(
        &self,
        text: &str,
        toks: &[Tok],
        span: (usize, usize),
        entry: u32,
        sentence: Sentence,
    ) -> bool {
        let e = &self.entries[entry as usize];
        let listed = |t: &Tok, words: &[Box<str>]| {
            let w = normalise(&text[t.start..t.end]);
            words.iter().any(|x| **x == *w)
        };
        if !e.not_after.is_empty() {
            let mut next = toks[span.0].start;
            for t in toks[span.0.saturating_sub(NOT_AFTER_WINDOW)..span.0]
                .iter()
                .rev()
            {
                if t.start < sentence.start
                    || text[t.end..next].contains(negation::CLAUSE_PUNCTUATION)
                {
                    break;
                }
                if listed(t, &e.not_after) {
                    return true;
                }
                next = t.start;
            }
        }
        if !e.not_before.is_empty() {
            let mut prev = toks[span.1 - 1].end;
            let stop = (span.1 + NOT_AFTER_WINDOW).min(toks.len());
            for t in &toks[span.1..stop] {
                if t.end > sentence.end
                    || text[prev..t.start].contains(negation::CLAUSE_PUNCTUATION)
                {
                    break;
                }
                if listed(t, &e.not_before) {
                    return true;
                }
                prev = t.end;
            }
        }
        false
    }

    /// Depth-first walk from `node` with the next word at `pos`; keeps the
    /// best (longest, then most literal, then earliest) accepting end.
    fn walk(
        &self,
        text: &str,
        toks: &[Tok],
        limit: usize,
        node: u32,
        pos: usize,
        best: &mut Option<(usize, u32)>,
    ) {
        let n = &self.nodes[node as usize];
        if let Some(p) = n.accept {
            let better = match *best {
                None => true,
                Some((e, q)) => {
                    let (a, b) = (&self.patterns[p as usize], &self.patterns[q as usize]);
                    let rank = |x: &PatternInfo, id: u32| {
                        (x.literal, std::cmp::Reverse(x.gaps), std::cmp::Reverse(id))
                    };
                    pos > e || (pos == e && rank(a, p) > rank(b, q))
                }
            };
            if better {
                *best = Some((pos, p));
            }
        }
        let within = |k: usize| k < toks.len() && toks[k].end <= limit;
        // Term 0 (a word no phrase uses) has no edge: no need to look it up.
        if !n.next.is_empty() && within(pos) && toks[pos].term != 0 {
            if let Some(c) = n.edge(toks[pos].term) {
                self.walk(text, toks, limit, c, pos + 1, best);
            }
        }
        for &(min, max, g) in &n.gaps {
            let gap = &self.nodes[g as usize];
            // The gap runs from the end of the word before it; it stops at
            // the first clause punctuation.
            let from = toks[pos - 1].end;
            for k in pos + min as usize..=pos + max as usize {
                if !within(k) || text[from..toks[k].start].contains(negation::CLAUSE_PUNCTUATION) {
                    break;
                }
                if toks[k].term == 0 {
                    continue;
                }
                if let Some(c) = gap.edge(toks[k].term) {
                    self.walk(text, toks, limit, c, k + 1, best);
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn hit(
        &self,
        text: &str,
        toks: &[Tok],
        first: usize,
        end: usize,
        pattern: u32,
        sentence: Sentence,
        cursor: &mut (usize, usize),
    ) -> Hit {
        let e = &self.entries[self.patterns[pattern as usize].entry as usize];
        let (start, stop) = (toks[first].start, toks[end - 1].end);
        let char_start = cursor.1 + text[cursor.0..start].chars().count();
        let char_end = char_start + text[start..stop].chars().count();
        *cursor = (stop, char_end);
        let before: Vec<(usize, usize)> = toks[first.saturating_sub(negation::WINDOW)..first]
            .iter()
            .map(|t| (t.start, t.end))
            .collect();
        let negator = negation::negator_before(
            text,
            &before,
            (toks[first].start, toks[first].end),
            sentence.start,
        );
        Hit {
            category: e.category,
            entry: e.phrase.clone(),
            surface: text[start..stop].to_string(),
            start,
            end: stop,
            char_start,
            char_end,
            sentence,
            weight: e.weight,
            gloss: e.gloss.clone(),
            grade: e.grade,
            initiator: e.initiator,
            negated: negator.is_some(),
            negator: negator.map(|(a, b)| text[a..b].to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn lex(src: &str) -> Matcher {
        Lexicon::parse(Path::new("t.toml"), src).unwrap().matcher()
    }

    #[test]
    fn the_word_count_of_a_tagging_pass_is_text_word_count() {
        let m = Lexicon::builtin().matcher();
        for text in [
            "",
            "The U.S. side held a constructive dialogue, 40.2 billion — win-win!",
            "China\u{2019}s “frank” exchange; café bul\u{AD}lying 中国。\r\nNot constructive.",
        ] {
            let (hits, words) = m.find_counted(text);
            assert_eq!(words, text::word_count(text), "{text:?}");
            assert_eq!(hits, m.find(text));
        }
    }

    fn found(m: &Matcher, text: &str) -> Vec<(String, String, bool)> {
        m.find(text)
            .into_iter()
            .map(|h| (h.entry.to_string(), h.surface, h.negated))
            .collect()
    }

    fn builtin() -> Matcher {
        Lexicon::builtin().matcher()
    }

    fn entries(text: &str) -> Vec<String> {
        builtin()
            .find(text)
            .into_iter()
            .filter(|h| !h.negated)
            .map(|h| h.entry.to_string())
            .collect()
    }

    #[test]
    fn case_quotes_hyphens_and_inflections_match() {
        let m = builtin();
        assert_eq!(
            entries("the two sides held a “Constructive Dialogue”"),
            ["constructive dialogue"]
        );
        assert_eq!(entries("CONSTRUCTIVE DIALOGUES"), ["constructive dialogue"]);
        assert_eq!(
            entries("He was bullied; they bully; bullies."),
            ["bullying", "bullying", "bullying"]
        );
        assert_eq!(
            entries("win\u{2011}win and win win and win-win"),
            ["win-win", "win-win", "win-win"]
        );
        assert_eq!(entries("They spoke constructively."), ["constructive"]);
        let hit = &m.find("China\u{2019}s “frank” view")[0];
        assert_eq!(
            (hit.entry.as_ref(), hit.surface.as_str()),
            ("frank", "frank")
        );
    }

    #[test]
    fn word_boundaries_hold() {
        assert!(entries("an unconstructive meeting").is_empty());
        assert!(
            entries("deconstructive criticism, Frankfurt, uncommitted, antiprogress").is_empty()
        );
        // The stemmer makes "progressive" `progress`; the lexicon lists it as exact.
        assert!(entries("a progressive agenda").is_empty());
        assert_eq!(entries("they are progressing well"), Vec::<String>::new());
        assert_eq!(entries("they are making progress"), ["make progress"]);
    }

    #[test]
    fn longest_match_wins_without_overlap() {
        let hits = builtin().find("MOFCOM condemned the move as unilateral bullying.");
        let e: Vec<&str> = hits.iter().map(|h| h.entry.as_ref()).collect();
        assert_eq!(e, ["strong dissatisfaction", "unilateral bullying"]);
        assert_eq!(hits[0].grade, Some(3));
    }

    #[test]
    fn phrases_split_across_a_line_break_match() {
        let hits = builtin().find("the two sides held a constructive\n   dialogue on trade");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].surface, "constructive\n   dialogue");
    }

    #[test]
    fn gaps_take_up_to_n_words_within_a_sentence() {
        let m = builtin();
        let h = m.find("Xi urged the U.S. side to stop sending wrong signals.");
        assert_eq!(h[0].entry.as_ref(), "urged {0,4} to");
        assert_eq!(h[0].surface, "urged the U.S. side to");
        assert_eq!(h[1].entry.as_ref(), "wrong signals");
        // Five words in the gap is too many: only the bare verb matches.
        let h = m.find("He urged them all very much strongly to act.");
        assert_eq!(h[0].surface, "urged");
        // A gap never reaches into the next sentence.
        let h = m.find("He urged restraint. To be clear, nothing changed.");
        assert_eq!(h[0].surface, "urged");
    }

    #[test]
    fn hits_never_reach_past_their_sentence() {
        let m = lex("[[demand]]\nphrase = \"talks.Frank\"\ngloss = \"g\"\n[[cooperative]]\nphrase = \"ok\"\ngloss = \"g\"\n");
        for text in ["ok talks.Frank", "talks.Frank ok", "ok talks.Frank. Ok"] {
            for h in m.find(text) {
                assert!(
                    h.start >= h.sentence.start && h.end <= h.sentence.end,
                    "{text}: {h:?}"
                );
            }
        }
    }

    #[test]
    fn offsets_are_bytes_and_characters() {
        let text = "Côté “frank” talks; frank.";
        let hits = builtin().find(text);
        assert_eq!(hits.len(), 2);
        assert_eq!(&text[hits[0].start..hits[0].end], "frank");
        assert_eq!((hits[0].char_start, hits[0].char_end), (6, 11));
        let chars: Vec<char> = text.chars().collect();
        let second: String = chars[hits[1].char_start..hits[1].char_end].iter().collect();
        assert_eq!(second, "frank");
        assert_eq!(hits[1].sentence.text(text), text);
    }

    #[test]
    fn each_category_has_positive_and_negative_cases() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "cooperative",
                "Both sides see progress on the deal.",
                "Both sides see the issue.",
            ),
            (
                "confrontational",
                "They condemned hegemonism.",
                "They praised the hedge fund.",
            ),
            (
                "disagreement-code",
                "The two sides exchanged views on Taiwan.",
                "The two sides exchanged gifts.",
            ),
            (
                "demand",
                "China urged Washington to reduce tensions.",
                "China surged ahead.",
            ),
            (
                "commitment",
                "They are committed to taking the steps necessary.",
                "The committee met.",
            ),
            (
                "concern-ladder",
                "China lodged stern representations.",
                "China lodged a bid.",
            ),
            (
                "initiative",
                "They spoke at the request of the U.S. side",
                "the request was denied",
            ),
        ];
        let m = builtin();
        for (cat, yes, no) in cases {
            let c = |t: &str| {
                m.find(t)
                    .iter()
                    .any(|h| h.category.as_str() == *cat && !h.negated)
            };
            assert!(c(yes), "{cat}: {yes}");
            assert!(!c(no), "{cat}: {no}");
        }
    }

    #[test]
    fn exact_words_and_ignored_phrases_do_not_count() {
        assert!(
            entries("construction of products; all parties concerned; global warming").is_empty()
        );
        assert_eq!(
            entries("They stated their positions. A positive step."),
            ["stated its position", "step forward"]
        );
        assert_eq!(entries("We are concerned about the parties."), ["concern"]);
        // Collisions seen in the UN corpus: the stemmer joins each pair.
        let none = "nuclear weapons, a joint statement, Your Excellency, international affairs, \
                    it contained, my friends";
        assert!(entries(none).is_empty(), "{:?}", entries(none));
        assert_eq!(
            entries("interference in internal affairs; to contain China"),
            ["internal affairs", "containment"]
        );
    }

    #[test]
    fn a_user_pattern_replaces_an_identical_one() {
        let m = lex("[[demand]]\nphrase = \"x y\"\ngloss = \"a\"\n[[cooperative]]\nphrase = \"x {0,2} y\"\ngloss = \"b\"\n");
        // Same span: the pattern spelling out more words wins.
        assert_eq!(
            found(&m, "x y"),
            [("x y".to_string(), "x y".to_string(), false)]
        );
        assert_eq!(found(&m, "x a y")[0].0, "x {0,2} y");
        assert!(found(&m, "x a b c y").is_empty());
    }
}
