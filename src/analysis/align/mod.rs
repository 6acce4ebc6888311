//! Sentence alignment of two statements that report the same event.
//!
//! The two readouts of one call are not versions of one text: each side
//! summarises in its own order and with its own emphasis, so a line diff pairs
//! the wrong sentences. This module pairs sentences by what they talk about.
//!
//! # Method
//!
//! 1. **Sentences** come from [`crate::text::segment::sentences`].
//! 2. **Content words.** Every word ([`crate::text::words`]) is normalised;
//!    stop words, one-letter words and words without a letter are dropped; the
//!    rest are stemmed ([`crate::text::stem_word`], via a [`Vocab`]), so
//!    "agreed" and "agreement" meet. Equivalent phrases become one feature,
//!    adjacent content stems add a word-pair feature, and guarded homonyms
//!    count only inside pairs (`features.rs`).
//! 3. **Weights.** Each sentence becomes a vector of features weighted by
//!    `(1 + ln tf) · idf`, where `tf` is the count in the sentence and
//!    `idf = ln((1 + N) / (1 + df)) + 1`. The diff uses
//!    [`TermWeights::reference`]: `df` from the fixed table of
//!    [`crate::analysis::reference`] (UN General Debate speeches), the same
//!    for every corpus, so adding unrelated events never changes a diff;
//!    [`TermWeights::from_documents`] counts over a caller's set instead. A
//!    word pair weighs [`PAIR_WEIGHT`] times its more common word. Words every
//!    speech uses ("cooperation") count less than rare ones ("fentanyl").
//!    **Occasion words** are then left out: a feature held by at least
//!    [`OCCASION_SHARE`] of one side's sentences (and at least
//!    [`OCCASION_MIN`]) names the occasion (the principals' names and titles,
//!    "President Boluarte", the country met), not a point, yet it made most
//!    of the wrong pairs of readouts and remarks in the gold set.
//!    The threshold and [`OCCASION_SHARE`] were tuned on the tune half of the
//!    hand-made alignment gold set (`tests/gold/align/`, 15 of 31 real
//!    document pairs); `tests/align_gold.rs` reports both halves. Held out,
//!    pair precision went from 0.249 to 0.449 and recall from 0.126 to 0.100
//!    (issue #17 asks for 0.85 and 0.70): the gold labels every sentence that
//!    makes a readout's point, often ten for one, and a group holds at most
//!    [`MAX_GROUP`] consecutive sentences. `PAIR_WEIGHT`,
//!    [`MIN_SHARED`] and the equivalents were set by hand on the USA/CHN 2022
//!    UN pair (its wrong and missed pairs named in issue #17 are a
//!    regression test in `tests/align.rs`).
//! 4. **Similarity** of two sentences is the cosine of their vectors.
//! 5. **One-to-one pairs.** Every pair of sentences (one per side, in any
//!    order) scoring at least the threshold and sharing at least
//!    [`MIN_SHARED`] stems is a candidate; candidates are
//!    taken greedily, best first, each sentence used once. Ties are broken
//!    by the left index, then the right index, so the result is the same
//!    on every run.
//! 6. **Groups.** A sentence still unmatched may join a group when it is
//!    the sentence right before or after the group's sentences on its side
//!    (so a group is always consecutive sentences), is itself a candidate
//!    against the group's one sentence on the other side, *and* the merged
//!    sentences (their stem counts added) score higher against that side than
//!    the group did: one side said in two or three sentences what the other
//!    said in one. Candidates are taken best first with index tie-breaking,
//!    one new sentence per group per pass; a group holds at most
//!    [`MAX_GROUP`] sentences on one side and one on the other.
//! 7. Sentences left over are **unmatched**: what only one side reports.
//!
//! # Cost
//!
//! Step 5 sums dot products through postings (stem → the right sentences
//! holding it), so it costs the postings it walks: Σ over left sentences of
//! the right sentences sharing a stem with it. That is exact and cheap for
//! statements of normal length (two 150-sentence speeches compare in well
//! under a millisecond), but quadratic when both sides are long and share
//! common stems. So when that sum would pass [`EXACT_BUDGET`], the candidates
//! are bounded instead: each left sentence walks the postings of its rarest
//! stems first, at most [`SENTENCE_BUDGET`] postings, keeps the [`TOP_K`] right
//! sentences with the highest partial dot product, and scores those exactly.
//! Pairs that share only common stems are then not considered (they are the
//! weakest pairs, and a long statement has better ones). Time and memory are
//! then O(S · (SENTENCE_BUDGET + TOP_K · L) + W) for S sentences of at most
//! L stems and W words; every later step is linear in the candidates (at
//! most TOP_K per left sentence) and sentences, plus sorting.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use serde::Serialize;

mod features;

pub use features::{Equivalents, EQUIVALENTS, GUARDED};

use crate::analysis::reference::Reference;
use crate::text::segment::{sentences, Sentence};
use crate::text::{is_stopword, normalise, words, Vocab};

/// Default similarity below which a sentence has no counterpart. Tuned on the
/// tune part of the alignment gold set (`tests/gold/align/`, swept 0.08–0.28
/// together with [`OCCASION_SHARE`]): 0.16 gave the best precision without
/// losing recall (tune precision 0.683, recall 0.152; at 0.13 0.613 / 0.163,
/// at 0.20 fewer right pairs for little gain).
pub const DEFAULT_THRESHOLD: f32 = 0.16;

/// A word pair's weight against the weight of its more common word: a pair
/// adds evidence without drowning the single words (tuned on the UN 2022
/// USA/CHN pair and the bundled corpus).
pub const PAIR_WEIGHT: f32 = 0.7;

/// Stems two sentences must share to be paired: one word in common
/// ("time", "trend") is a coincidence, not a shared topic.
pub const MIN_SHARED: usize = 2;

/// Share of one side's sentences a feature must be in to name the occasion
/// (see `without_occasion_words`), and the fewest sentences that is. Tuned
/// on the tune part of the gold set (swept 0.1–0.5 and off): off, tune
/// precision 0.353 at the old threshold; 0.1 with [`DEFAULT_THRESHOLD`]
/// 0.16, 0.683 (0.694 before short sides were exempted, see [`OCCASION_SENTENCES`]).
pub const OCCASION_SHARE: f32 = 0.1;
pub const OCCASION_MIN: usize = 3;
/// Sides with fewer sentences have no occasion words: in a short excerpt a
/// word in most sentences may be its one point ("China" in a four-sentence
/// post about a call with China's president).
pub const OCCASION_SENTENCES: usize = 5;

/// Most sentences of one side in a group (with one sentence on the other).
pub const MAX_GROUP: usize = 3;

/// Postings the exact candidate step may walk before the bounded one is
/// used instead (two UN speeches walk a few thousand).
pub const EXACT_BUDGET: usize = 20_000_000;

/// Postings one left sentence may walk in the bounded candidate step.
pub const SENTENCE_BUDGET: usize = 512;

/// Right sentences scored exactly per left sentence in the bounded step.
pub const TOP_K: usize = 16;

/// Document frequencies of stems over a set of statements, and the stem
/// table they are keyed by.
#[derive(Debug, Clone)]
pub struct TermWeights {
    vocab: Vocab,
    /// Surface word → (stem id, is a content word): one hash lookup per word
    /// seen before instead of normalising, stemming and a stop-word search.
    seen: HashMap<Box<str>, (u32, bool), BuildHasherDefault<Fnv>>,
    df: Vec<u32>,
    docs: u32,
    /// The fixed reference the frequencies come from, if any: each stem's
    /// frequency is looked up there the first time the stem is seen.
    reference: Option<&'static Reference>,
    /// Word pairs (two stem ids) → their feature id.
    pairs: HashMap<(u32, u32), u32, BuildHasherDefault<Fnv>>,
    /// Which feature ids are word pairs (weighted by [`PAIR_WEIGHT`]).
    is_pair: Vec<bool>,
    /// Phrases that stand for one feature ([`features`]).
    equivalents: Equivalents,
}

/// The fast hash of the words the cache holds (see [`crate::hash`]).
pub use crate::hash::Fnv;

impl Default for TermWeights {
    fn default() -> TermWeights {
        TermWeights {
            vocab: Vocab::default(),
            seen: HashMap::default(),
            df: Vec::new(),
            docs: 0,
            reference: None,
            pairs: HashMap::default(),
            is_pair: Vec::new(),
            equivalents: Equivalents::builtin(),
        }
    }
}

impl TermWeights {
    /// Counts, for every content stem, how many of `docs` contain it.
    pub fn from_documents<'a>(docs: impl IntoIterator<Item = &'a str>) -> TermWeights {
        let mut tw = TermWeights::default();
        let mut seen: Vec<u32> = Vec::new();
        for doc in docs {
            tw.docs += 1;
            seen.clear();
            for w in words(doc) {
                if let Some(id) = tw.content_id(w.text) {
                    seen.push(id);
                }
            }
            seen.sort_unstable();
            seen.dedup();
            for &id in &seen {
                let i = id as usize;
                if tw.df.len() <= i {
                    tw.df.resize(i + 1, 0);
                }
                tw.df[i] += 1;
            }
        }
        tw
    }

    /// The stem id of a content word, `None` for stop words and non-words.
    pub fn content_id(&mut self, word: &str) -> Option<u32> {
        let (id, content) = self.lookup(word);
        content.then_some(id)
    }

    /// The stem id of any word (content or not).
    pub fn word_id(&mut self, word: &str) -> u32 {
        self.lookup(word).0
    }

    fn lookup(&mut self, word: &str) -> (u32, bool) {
        if let Some(&hit) = self.seen.get(word) {
            return hit;
        }
        let hit = (self.vocab.word_id(word), is_content(word));
        self.seen.insert(word.into(), hit);
        if let Some(reference) = self.reference {
            let i = hit.0 as usize;
            if i >= self.df.len() {
                self.df.resize(i + 1, 0);
                self.df[i] = reference.df(self.vocab.stem(hit.0));
            }
        }
        hit
    }

    /// The stem behind an id.
    pub fn stem(&self, id: u32) -> &str {
        self.vocab.stem(id)
    }

    /// Inverse document frequency of a stem; stems no document holds get the maximum.
    pub fn idf(&self, id: u32) -> f32 {
        let df = self.df.get(id as usize).copied().unwrap_or(0);
        let idf = ((1.0 + self.docs as f32) / (1.0 + df as f32)).ln() + 1.0;
        if self.is_pair.get(id as usize).copied().unwrap_or(false) {
            idf * PAIR_WEIGHT
        } else {
            idf
        }
    }

    /// How many documents the frequencies were counted over.
    pub fn documents(&self) -> u32 {
        self.docs
    }

    /// Weights from the fixed reference shipped with the tool (see
    /// [`crate::analysis::reference`]): the same for every corpus, so a diff
    /// does not change when unrelated statements are added.
    pub fn reference() -> TermWeights {
        let reference = Reference::get();
        TermWeights {
            docs: reference.documents(),
            reference: Some(reference),
            ..TermWeights::default()
        }
    }

    /// The feature id of two adjacent stems, weighted as the more common one.
    fn pair_id(&mut self, a: u32, b: u32) -> u32 {
        if let Some(&id) = self.pairs.get(&(a, b)) {
            return id;
        }
        let key = format!("{} {}", self.vocab.stem(a), self.vocab.stem(b));
        let id = self.vocab.stem_id(&key);
        let df = |i: u32| self.df.get(i as usize).copied().unwrap_or(0);
        let common = df(a).max(df(b));
        if self.df.len() <= id as usize {
            self.df.resize(id as usize + 1, 0);
        }
        self.df[id as usize] = common;
        if self.is_pair.len() <= id as usize {
            self.is_pair.resize(id as usize + 1, false);
        }
        self.is_pair[id as usize] = true;
        self.pairs.insert((a, b), id);
        id
    }

    /// Adds user equivalents (see [`Equivalents::extend`]) to the built-in ones.
    pub fn add_equivalents(&mut self, text: &str) -> Result<(), String> {
        self.equivalents.extend(text)
    }

    /// Whether the frequencies come from the shipped reference.
    pub fn is_reference(&self) -> bool {
        self.reference.is_some()
    }

    /// Every stem with its document frequency, in stem-id order (for
    /// building a reference table).
    pub fn frequencies(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.df
            .iter()
            .enumerate()
            .map(|(id, &df)| (self.vocab.stem(id as u32), df))
    }
}

/// Whether a word carries content: not a stop word, has a letter, longer than one character.
pub fn is_content(word: &str) -> bool {
    let n = normalise(word);
    n.chars().nth(1).is_some() && n.chars().any(char::is_alphabetic) && !is_stopword(&n)
}

/// A weighted bag of stems for one sentence or a group of sentences.
#[derive(Debug, Clone, Default)]
struct Profile {
    /// (stem id, count), sorted by id.
    counts: Vec<(u32, u32)>,
    /// (stem id, weight), sorted by id.
    weights: Vec<(u32, f32)>,
    norm: f32,
}

impl Profile {
    fn new(tw: &mut TermWeights, text: &str) -> Profile {
        let mut ids: Vec<u32> = features::sentence_features(tw, text);
        ids.sort_unstable();
        let mut counts: Vec<(u32, u32)> = Vec::with_capacity(ids.len());
        for id in ids {
            match counts.last_mut() {
                Some((last, n)) if *last == id => *n += 1,
                _ => counts.push((id, 1)),
            }
        }
        Profile::from_counts(tw, counts)
    }

    fn from_counts(tw: &TermWeights, counts: Vec<(u32, u32)>) -> Profile {
        let weights: Vec<(u32, f32)> = counts
            .iter()
            .map(|&(id, tf)| (id, (1.0 + (tf as f32).ln()) * tw.idf(id)))
            .collect();
        let norm = weights.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        Profile {
            counts,
            weights,
            norm,
        }
    }

    fn merged(tw: &TermWeights, a: &Profile, b: &Profile) -> Profile {
        let mut counts = Vec::with_capacity(a.counts.len() + b.counts.len());
        let (mut i, mut j) = (0, 0);
        while i < a.counts.len() || j < b.counts.len() {
            match (a.counts.get(i), b.counts.get(j)) {
                (Some(x), Some(y)) if x.0 == y.0 => {
                    counts.push((x.0, x.1 + y.1));
                    i += 1;
                    j += 1;
                }
                (Some(x), Some(y)) if x.0 < y.0 => {
                    counts.push(*x);
                    i += 1;
                }
                (Some(x), None) => {
                    counts.push(*x);
                    i += 1;
                }
                (_, Some(y)) => {
                    counts.push(*y);
                    j += 1;
                }
                (None, None) => break,
            }
        }
        Profile::from_counts(tw, counts)
    }

    /// Shared stems with their contribution to the dot product, in id order.
    fn overlap(&self, other: &Profile) -> Vec<(u32, f32)> {
        let (a, b) = (&self.weights, &other.weights);
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    out.push((a[i].0, a[i].1 * b[j].1));
                    i += 1;
                    j += 1;
                }
            }
        }
        out
    }

    /// Cosine similarity and the number of shared stems.
    fn similarity(&self, other: &Profile) -> (f32, usize) {
        let (a, b) = (&self.weights, &other.weights);
        let (mut i, mut j, mut dot, mut shared) = (0, 0, 0.0f32, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    let c = a[i].1 * b[j].1;
                    dot += c;
                    shared += usize::from(c > 0.0);
                    i += 1;
                    j += 1;
                }
            }
        }
        if shared == 0 {
            return (0.0, 0);
        }
        (dot / (self.norm * other.norm), shared)
    }

    fn cosine(&self, other: &Profile) -> f32 {
        self.similarity(other).0
    }
}

/// Sentences of one side grouped with sentences of the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// Indices into [`Alignment::left`] (one or two, ascending).
    pub left: Vec<usize>,
    /// Indices into [`Alignment::right`] (one or two, ascending).
    pub right: Vec<usize>,
    /// Cosine similarity of the group.
    pub score: f32,
    /// The shared stems that weigh most in the score, heaviest first.
    pub shared_stems: Vec<String>,
}

/// The sentences of both sides and how they pair up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alignment {
    pub left: Vec<Sentence>,
    pub right: Vec<Sentence>,
    /// Ordered by the first left sentence of each link.
    pub links: Vec<Link>,
    pub left_unmatched: Vec<usize>,
    pub right_unmatched: Vec<usize>,
    /// Unmatched sentences left out as boilerplate (ascending; also in the unmatched lists).
    pub left_boilerplate: Vec<usize>,
    pub right_boilerplate: Vec<usize>,
}

/// A candidate pairing: score, then indices for tie-breaking.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    score: f32,
    left: usize,
    right: usize,
}

fn best_first(a: &Candidate, b: &Candidate) -> Ordering {
    b.score
        .total_cmp(&a.score)
        .then(a.left.cmp(&b.left))
        .then(a.right.cmp(&b.right))
}

/// Aligns the sentences of `left` with those of `right` (see the module docs).
pub fn align(tw: &mut TermWeights, left: &str, right: &str, threshold: f32) -> Alignment {
    align_skipping(tw, left, right, threshold, &|_| false)
}

/// [`align`], leaving out the sentences `skip` says are boilerplate: they
/// never pair and are listed in [`Alignment::left_boilerplate`] and
/// [`Alignment::right_boilerplate`] (and among the unmatched).
pub fn align_skipping(
    tw: &mut TermWeights,
    left: &str,
    right: &str,
    threshold: f32,
    skip: &dyn Fn(&str) -> bool,
) -> Alignment {
    let ls = sentences(left);
    let rs = sentences(right);
    let skipped = |list: &[Sentence], text: &str| -> Vec<usize> {
        (0..list.len())
            .filter(|&i| skip(list[i].text(text)))
            .collect()
    };
    let (lskip, rskip) = (skipped(&ls, left), skipped(&rs, right));
    let profile = |tw: &mut TermWeights, s: &Sentence, text: &str, out: &[usize], i: usize| {
        if out.binary_search(&i).is_ok() {
            Profile::default()
        } else {
            Profile::new(tw, s.text(text))
        }
    };
    let lp: Vec<Profile> = (ls.iter().enumerate())
        .map(|(i, s)| profile(tw, s, left, &lskip, i))
        .collect();
    let rp: Vec<Profile> = (rs.iter().enumerate())
        .map(|(i, s)| profile(tw, s, right, &rskip, i))
        .collect();
    let (lp, rp) = without_occasion_words(tw, lp, rp);

    let mut candidates = candidates(&lp, &rp, threshold);
    candidates.sort_by(best_first);

    let mut left_link: Vec<Option<usize>> = vec![None; ls.len()];
    let mut right_link: Vec<Option<usize>> = vec![None; rs.len()];
    let mut groups: Vec<Group> = Vec::new();
    for c in &candidates {
        if left_link[c.left].is_none() && right_link[c.right].is_none() {
            left_link[c.left] = Some(groups.len());
            right_link[c.right] = Some(groups.len());
            groups.push((vec![c.left], vec![c.right], c.score));
        }
    }
    extend_groups(
        tw,
        (&lp, &rp),
        &candidates,
        &mut groups,
        (&mut left_link, &mut right_link),
    );

    let mut links: Vec<Link> = groups
        .into_iter()
        .map(|(l, r, score)| {
            let shared_stems =
                shared_stems(tw, &group_profile(tw, &lp, &l), &group_profile(tw, &rp, &r));
            Link {
                left: l,
                right: r,
                score,
                shared_stems,
            }
        })
        .collect();
    links.sort_by_key(|l| l.left[0]);
    Alignment {
        left_unmatched: unmatched(&left_link),
        right_unmatched: unmatched(&right_link),
        left_boilerplate: lskip,
        right_boilerplate: rskip,
        left: ls,
        right: rs,
        links,
    }
}

/// Step 3a: features that most sentences of one side hold (the names and
/// titles of the principals, "President", the country met: every sentence of
/// a readout names them) say what the occasion is, not what point a sentence
/// makes; they are left out of both sides' profiles.
fn without_occasion_words(
    tw: &TermWeights,
    lp: Vec<Profile>,
    rp: Vec<Profile>,
) -> (Vec<Profile>, Vec<Profile>) {
    let mut occasion: Vec<u32> = Vec::new();
    for side in [&lp, &rp] {
        let sentences = side.iter().filter(|p| !p.counts.is_empty()).count();
        if sentences < OCCASION_SENTENCES {
            continue;
        }
        let floor = ((sentences as f32 * OCCASION_SHARE).ceil() as usize).max(OCCASION_MIN);
        let mut held: HashMap<u32, usize, BuildHasherDefault<Fnv>> = HashMap::default();
        for p in side {
            for &(id, _) in &p.counts {
                *held.entry(id).or_default() += 1;
            }
        }
        occasion.extend(
            held.into_iter()
                .filter(|&(_, n)| n >= floor)
                .map(|(id, _)| id),
        );
    }
    if occasion.is_empty() {
        return (lp, rp);
    }
    occasion.sort_unstable();
    let strip = |ps: Vec<Profile>| -> Vec<Profile> {
        ps.into_iter()
            .map(|p| {
                let counts = (p.counts.iter())
                    .filter(|(id, _)| occasion.binary_search(id).is_err())
                    .copied()
                    .collect();
                Profile::from_counts(tw, counts)
            })
            .collect()
    };
    (strip(lp), strip(rp))
}

/// Stem id → the right sentences holding it, with the stem's weight there.
/// Indexed by id (stem ids are dense), so a lookup is no hash.
struct Postings(Vec<Vec<(usize, f32)>>);

impl Postings {
    fn new(rp: &[Profile]) -> Postings {
        let mut lists: Vec<Vec<(usize, f32)>> = Vec::new();
        for (j, b) in rp.iter().enumerate() {
            for &(id, w) in &b.weights {
                let i = id as usize;
                if lists.len() <= i {
                    lists.resize_with(i + 1, Vec::new);
                }
                lists[i].push((j, w));
            }
        }
        Postings(lists)
    }

    fn get(&self, id: u32) -> &[(usize, f32)] {
        self.0.get(id as usize).map_or(&[], Vec::as_slice)
    }
}

/// Step 5's candidates: exact while the postings to walk stay within
/// [`EXACT_BUDGET`], bounded otherwise (see the module docs).
fn candidates(lp: &[Profile], rp: &[Profile], threshold: f32) -> Vec<Candidate> {
    let postings = Postings::new(rp);
    let walk: usize = lp
        .iter()
        .flat_map(|a| &a.weights)
        .map(|(id, _)| postings.get(*id).len())
        .fold(0, usize::saturating_add);
    if walk <= EXACT_BUDGET {
        exact_candidates(lp, rp, &postings, threshold)
    } else {
        bounded_candidates(lp, rp, &postings, threshold)
    }
}

/// Every pair sharing a stem is scored. Dot products are summed through the
/// postings, so only pairs that share a stem cost anything; each sum still
/// runs in stem-id order, as [`Profile::similarity`] does.
fn exact_candidates(
    lp: &[Profile],
    rp: &[Profile],
    postings: &Postings,
    threshold: f32,
) -> Vec<Candidate> {
    let mut dot = vec![0.0f32; rp.len()];
    let mut shared = vec![0usize; rp.len()];
    let mut seen = vec![false; rp.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (i, a) in lp.iter().enumerate() {
        for &(id, w) in &a.weights {
            for &(j, v) in postings.get(id) {
                let c = w * v;
                if !seen[j] {
                    seen[j] = true;
                    touched.push(j);
                }
                dot[j] += c;
                shared[j] += usize::from(c > 0.0);
            }
        }
        touched.sort_unstable();
        for &j in &touched {
            let score = if a.norm == 0.0 || rp[j].norm == 0.0 {
                0.0
            } else {
                dot[j] / (a.norm * rp[j].norm)
            };
            if score >= threshold && shared[j] >= MIN_SHARED {
                out.push(Candidate {
                    score,
                    left: i,
                    right: j,
                });
            }
            dot[j] = 0.0;
            shared[j] = 0;
            seen[j] = false;
        }
        touched.clear();
    }
    out
}

/// Each left sentence walks the postings of its rarest stems (at most
/// [`SENTENCE_BUDGET`]), and its [`TOP_K`] best right sentences by that
/// partial dot product are scored exactly.
fn bounded_candidates(
    lp: &[Profile],
    rp: &[Profile],
    postings: &Postings,
    threshold: f32,
) -> Vec<Candidate> {
    let mut partial = vec![0.0f32; rp.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (i, a) in lp.iter().enumerate() {
        let mut lists: Vec<(&[(usize, f32)], f32)> = a
            .weights
            .iter()
            .map(|&(id, w)| (postings.get(id), w))
            .filter(|(list, _)| !list.is_empty())
            .collect();
        lists.sort_by_key(|(list, _)| list.len());
        let mut left = SENTENCE_BUDGET;
        for (list, w) in lists {
            if list.len() > left {
                break;
            }
            left -= list.len();
            for &(j, v) in list {
                if partial[j] == 0.0 {
                    touched.push(j);
                }
                partial[j] += w * v;
            }
        }
        let best_first = |x: &usize, y: &usize| partial[*y].total_cmp(&partial[*x]).then(x.cmp(y));
        if touched.len() > TOP_K {
            touched.select_nth_unstable_by(TOP_K, best_first);
        }
        for &j in touched.iter().take(TOP_K) {
            let (score, shared) = a.similarity(&rp[j]);
            if score >= threshold && shared >= MIN_SHARED {
                out.push(Candidate {
                    score,
                    left: i,
                    right: j,
                });
            }
        }
        for &j in &touched {
            partial[j] = 0.0;
        }
        touched.clear();
    }
    out
}

/// A group of sentences of one side linked to sentences of the other, and its score.
type Group = (Vec<usize>, Vec<usize>, f32);

/// Step 6: lets unmatched sentences join the groups they complete, one
/// sentence per group per pass, until no group grows or all are full.
fn extend_groups(
    tw: &TermWeights,
    (lp, rp): (&[Profile], &[Profile]),
    candidates: &[Candidate],
    groups: &mut [Group],
    (left_link, right_link): (&mut [Option<usize>], &mut [Option<usize>]),
) {
    for _ in 1..MAX_GROUP {
        let extensions = extensions(tw, (lp, rp), candidates, groups, (left_link, right_link));
        let mut grown = vec![false; groups.len()];
        for (score, side, extra, g) in extensions {
            let links = if side == 0 {
                &mut *left_link
            } else {
                &mut *right_link
            };
            if grown[g] || links[extra].is_some() {
                continue;
            }
            grown[g] = true;
            links[extra] = Some(g);
            let group = &mut groups[g];
            let members = if side == 0 {
                &mut group.0
            } else {
                &mut group.1
            };
            members.push(extra);
            members.sort_unstable();
            group.2 = score;
        }
        if !grown.contains(&true) {
            break;
        }
    }
}

/// The sentences that could join a group: unmatched, a candidate against
/// the group's one sentence on the other side, next to the group's first or
/// last sentence on its own side (so a group stays consecutive), the group
/// below [`MAX_GROUP`] there, and the merged sentences scoring higher than
/// the group did. Best first: (merged score, side: 0 = the extra sentence is
/// on the left, its index, the group).
fn extensions(
    tw: &TermWeights,
    (lp, rp): (&[Profile], &[Profile]),
    candidates: &[Candidate],
    groups: &[Group],
    (left_link, right_link): (&[Option<usize>], &[Option<usize>]),
) -> Vec<(f32, u8, usize, usize)> {
    let next_to = |members: &[usize], i: usize| {
        members.len() < MAX_GROUP && (i + 1 == members[0] || i == members[members.len() - 1] + 1)
    };
    let mut out: Vec<(f32, u8, usize, usize)> = Vec::new();
    for c in candidates {
        match (left_link[c.left], right_link[c.right]) {
            (None, Some(g)) if groups[g].1.len() == 1 && next_to(&groups[g].0, c.left) => {
                let mut members = groups[g].0.clone();
                members.push(c.left);
                let score = group_profile(tw, lp, &members).cosine(&rp[c.right]);
                if score > groups[g].2 {
                    out.push((score, 0, c.left, g));
                }
            }
            (Some(g), None) if groups[g].0.len() == 1 && next_to(&groups[g].1, c.right) => {
                let mut members = groups[g].1.clone();
                members.push(c.right);
                let score = group_profile(tw, rp, &members).cosine(&lp[c.left]);
                if score > groups[g].2 {
                    out.push((score, 1, c.right, g));
                }
            }
            _ => {}
        }
    }
    out.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    out
}

/// The stem counts of a group's sentences added up.
fn group_profile(tw: &TermWeights, profiles: &[Profile], idx: &[usize]) -> Profile {
    match idx {
        [] => Profile::default(),
        [one] => profiles[*one].clone(),
        [first, rest @ ..] => rest.iter().fold(profiles[*first].clone(), |acc, &i| {
            Profile::merged(tw, &acc, &profiles[i])
        }),
    }
}

/// The (at most five) shared stems that contribute most to a link's score.
fn shared_stems(tw: &TermWeights, a: &Profile, b: &Profile) -> Vec<String> {
    let mut overlap = a.overlap(b);
    overlap.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    let repeated = |stem: &str| stem.split_once(' ').is_some_and(|(x, y)| x == y);
    overlap
        .into_iter()
        .map(|(id, _)| tw.stem(id))
        .filter(|stem| !repeated(stem))
        .take(5)
        .map(str::to_string)
        .collect()
}

fn unmatched(links: &[Option<usize>]) -> Vec<usize> {
    links
        .iter()
        .enumerate()
        .filter(|(_, l)| l.is_none())
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weights(docs: &[&str]) -> TermWeights {
        TermWeights::from_documents(docs.iter().copied())
    }

    #[test]
    fn sentences_pair_by_topic_in_any_order() {
        let a = "We discussed fentanyl trafficking. The two sides talked about soybean purchases.";
        let b = "China will buy more soybeans in agricultural purchases. Taiwan is the most important issue.";
        let mut tw = weights(&[a, b, "Cooperation matters."]);
        let al = align(&mut tw, a, b, DEFAULT_THRESHOLD);
        assert_eq!(al.links.len(), 1);
        assert_eq!(
            (al.links[0].left.clone(), al.links[0].right.clone()),
            (vec![1], vec![0])
        );
        assert_eq!(al.links[0].shared_stems, ["soybean", "purchas"]);
        assert_eq!(al.left_unmatched, [0]);
        assert_eq!(al.right_unmatched, [1]);
    }

    #[test]
    fn one_sentence_may_match_two() {
        let a = "The leaders discussed trade tariffs and agricultural purchases of soybeans.";
        let b = "Trade tariffs were discussed. Agricultural purchases of soybeans were reviewed.";
        let mut tw = weights(&[a, b]);
        let al = align(&mut tw, a, b, DEFAULT_THRESHOLD);
        assert_eq!(al.links.len(), 1);
        assert_eq!(al.links[0].left, [0]);
        assert_eq!(al.links[0].right, [0, 1]);
        assert!(al.right_unmatched.is_empty());
    }

    #[test]
    fn one_word_in_common_is_not_a_shared_topic() {
        let a = "Both sides see progress. We do not have much time.";
        let b = "Constructive dialogue was held. But we are at a time full of hope.";
        let mut tw = weights(&[a, b]);
        let al = align(&mut tw, a, b, DEFAULT_THRESHOLD);
        assert!(al.links.is_empty());
        assert_eq!((al.left_unmatched.len(), al.right_unmatched.len()), (2, 2));
    }

    #[test]
    fn rare_words_weigh_more_than_common_ones() {
        let docs = [
            "cooperation peace",
            "cooperation development",
            "cooperation fentanyl",
        ];
        let mut tw = weights(&docs);
        let common = tw.content_id("cooperation").unwrap();
        let rare = tw.content_id("fentanyl").unwrap();
        assert!(tw.idf(rare) > tw.idf(common));
        assert_eq!(tw.content_id("the"), None);
        assert_eq!(tw.documents(), 3);
    }

    #[test]
    fn ties_break_the_same_way_every_time() {
        let a = "Climate change. Climate change. Other words.";
        let b = "Climate change matters. Something else.";
        let mut tw = weights(&[a, b]);
        let first = align(&mut tw, a, b, DEFAULT_THRESHOLD);
        assert_eq!(first.links[0].left[0], 0, "the earlier sentence wins a tie");
        for _ in 0..5 {
            assert_eq!(align(&mut tw, a, b, DEFAULT_THRESHOLD), first);
        }
    }
}
