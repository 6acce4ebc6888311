//! Counting n-grams for keyness, fast enough for the whole UN corpus.
//!
//! Each surface word ("Countries", "countries") is interned once as a small
//! integer; n-grams are counted as packed id keys in hash maps, so the hot loop
//! does one word lookup and at most three map updates per token. Counts are
//! kept per surface form and folded onto stems afterwards, which gives each
//! stem term its most frequent surface form for free. Statements are split
//! between threads by size; each thread counts on its own and the tables are
//! merged at the end.
//!
//! Only n-grams whose first and last words are content words (not stop words,
//! holding a letter) get a count of their own, since nothing else can be
//! ranked; every n-gram position still counts towards the totals.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use crate::corpus::Statement;
use crate::text::{self, Vocab};

/// Longest n-gram counted.
pub const MAX_N: usize = 3;

/// Counts in group a, group b and the prior (u32 in the maps: smaller
/// entries, fewer cache misses).
type Tally = [u32; 3];

/// Totals and folded counts in group a, group b and the prior.
pub type Totals = [u64; 3];

/// Membership of a statement: bit 0 group a, bit 1 group b, bit 2 the prior.
pub type Mask = u8;

/// Interned surface words of one counting pass.
#[derive(Debug, Default)]
struct Surfaces {
    ids: FxHashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    /// Stem id (in `vocab`) of each surface id.
    stems: Vec<u32>,
    /// Whether a surface word may stand at the edge of a ranked term.
    content: Vec<bool>,
    /// Capital letters in each surface word (for choosing the shown form).
    caps: Vec<u8>,
    vocab: Vocab,
}

impl Surfaces {
    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        let normalised = text::normalise(word);
        let content =
            !text::is_stopword(&normalised) && normalised.chars().any(char::is_alphabetic);
        self.stems.push(self.vocab.word_id(word));
        self.content.push(content);
        let caps = word.chars().filter(|c| c.is_uppercase()).count();
        self.caps.push(caps.min(255) as u8);
        self.words.push(word.into());
        self.ids.insert(word.into(), id);
        id
    }
}

/// Raw counts of one thread, on its own surface ids.
#[derive(Debug, Default)]
struct Raw {
    surfaces: Surfaces,
    unigrams: Vec<Tally>,
    grams: [FxHashMap<u128, Tally>; 2],
    totals: [Totals; MAX_N],
}

fn pack(ids: &[u32]) -> u128 {
    ids.iter()
        .enumerate()
        .fold(0u128, |k, (i, &id)| k | (u128::from(id) << (32 * i)))
}

fn unpack(key: u128, n: usize) -> [u32; MAX_N] {
    let mut out = [0u32; MAX_N];
    for (i, slot) in out.iter_mut().enumerate().take(n) {
        *slot = (key >> (32 * i)) as u32;
    }
    out
}

fn add(t: &mut Tally, inc: &Tally) {
    for (a, b) in t.iter_mut().zip(inc) {
        *a = a.saturating_add(*b);
    }
}

fn add_total(t: &mut Totals, inc: &Tally) {
    for (a, b) in t.iter_mut().zip(inc) {
        *a += u64::from(*b);
    }
}

/// Whether the text between two words ends a run of words: sentence
/// punctuation (`.`, `!`, `?`, `;`, `:`) or a blank line. A full stop right
/// after a dotted abbreviation (`U.S.`) or an initial does not.
pub(super) fn breaks(gap: &str, previous: &str) -> bool {
    let bytes = gap.as_bytes();
    if bytes.iter().any(|b| matches!(b, b'!' | b'?' | b';' | b':'))
        || bytes.iter().filter(|&&b| b == b'\n').count() >= 2
    {
        return true;
    }
    if !bytes.contains(&b'.') {
        return false;
    }
    let abbreviation = previous.contains('.')
        || (previous.len() == 1 && previous.bytes().all(|b| b.is_ascii_uppercase()));
    !abbreviation || bytes.iter().filter(|&&b| b == b'.').count() > 1
}

impl Raw {
    fn count(&mut self, text: &str, mask: Mask) {
        let inc: Tally = [
            u32::from(mask & 1),
            u32::from((mask >> 1) & 1),
            u32::from((mask >> 2) & 1),
        ];
        let mut window = [0u32; MAX_N];
        let mut run = 0usize;
        let mut prev: Option<text::Word<'_>> = None;
        for w in text::words(text) {
            if let Some(p) = prev {
                if breaks(&text[p.end..w.start], p.text) {
                    run = 0;
                }
            }
            prev = Some(w);
            let id = self.surfaces.id(w.text);
            window = [id, window[0], window[1]];
            run = (run + 1).min(MAX_N);
            self.add_position(&window, run, &inc);
        }
    }

    /// Counts the n-grams ending at the newest word (`window[0]`), newest first.
    fn add_position(&mut self, window: &[u32; MAX_N], run: usize, inc: &Tally) {
        let id = window[0] as usize;
        if self.unigrams.len() <= id {
            self.unigrams
                .resize(self.surfaces.words.len().max(id + 1), [0; 3]);
        }
        add_total(&mut self.totals[0], inc);
        let last_content = self.surfaces.content[id];
        if last_content {
            add(&mut self.unigrams[id], inc);
        }
        for n in 2..=run {
            add_total(&mut self.totals[n - 1], inc);
            let first = window[n - 1];
            if last_content && self.surfaces.content[first as usize] {
                let mut ids = [0u32; MAX_N];
                for (i, slot) in ids.iter_mut().enumerate().take(n) {
                    *slot = window[n - 1 - i];
                }
                let tally = self.grams[n - 2].entry(pack(&ids[..n])).or_default();
                add(tally, inc);
            }
        }
    }
}

/// One stem term with its tallies and most frequent surface form.
#[derive(Debug, Clone, PartialEq)]
pub struct Counted {
    pub n: usize,
    pub stems: String,
    pub surface: String,
    pub tally: Totals,
}

/// Every countable term of a comparison, and the n-gram totals per order.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub terms: Vec<Counted>,
    /// `totals[n - 1]` = n-gram positions of order n in (a, b, prior).
    pub totals: [Totals; MAX_N],
    /// Statements in (a, b, prior).
    pub statements: [usize; 3],
}

/// Counts the n-grams of `statements`, each with its membership mask.
/// Only terms used at least `min_count` times in groups a and b together are
/// kept (they alone can be ranked).
pub fn count(statements: &[(&Statement, Mask)], min_count: u64) -> Counts {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    let chunks = split_by_size(statements, threads);
    let raws: Vec<Raw> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| {
                scope.spawn(move || {
                    let mut raw = Raw::default();
                    for (s, mask) in *chunk {
                        raw.count(&s.text, *mask);
                    }
                    raw
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("counting thread"))
            .collect()
    });
    let mut counts = fold(merge(raws), min_count);
    for (_, mask) in statements {
        for (g, slot) in counts.statements.iter_mut().enumerate() {
            *slot += usize::from((mask >> g) & 1);
        }
    }
    counts
}

fn split_by_size<'a, 's>(
    statements: &'a [(&'s Statement, Mask)],
    parts: usize,
) -> Vec<&'a [(&'s Statement, Mask)]> {
    let total: usize = statements.iter().map(|(s, _)| s.text.len()).sum();
    let target = total / parts.max(1) + 1;
    let mut out = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, (s, _)) in statements.iter().enumerate() {
        size += s.text.len();
        if size >= target && out.len() + 1 < parts {
            out.push(&statements[start..=i]);
            start = i + 1;
            size = 0;
        }
    }
    out.push(&statements[start..]);
    out
}

/// Brings every thread's tables onto the first thread's surface ids.
fn merge(mut raws: Vec<Raw>) -> Raw {
    let mut base = raws.remove(0);
    for raw in raws {
        let map: Vec<u32> = raw
            .surfaces
            .words
            .iter()
            .map(|w| base.surfaces.id(w))
            .collect();
        let len = base.surfaces.words.len();
        base.unigrams.resize(len, [0; 3]);
        for (local, tally) in raw.unigrams.iter().enumerate() {
            add(&mut base.unigrams[map[local] as usize], tally);
        }
        for (o, grams) in raw.grams.into_iter().enumerate() {
            for (key, tally) in grams {
                let ids = unpack(key, o + 2).map(|i| map[i as usize]);
                add(
                    base.grams[o].entry(pack(&ids[..o + 2])).or_default(),
                    &tally,
                );
            }
        }
        for (t, r) in base.totals.iter_mut().zip(&raw.totals) {
            for (x, y) in t.iter_mut().zip(r) {
                *x += y;
            }
        }
    }
    base
}

/// A stem term being folded from its surface forms.
struct Folding {
    tally: Totals,
    best: u128,
    best_count: u64,
}

/// Folds surface-form counts onto stem terms.
fn fold(raw: Raw, min_count: u64) -> Counts {
    let s = &raw.surfaces;
    let mut terms = Vec::new();
    let unigrams = raw
        .unigrams
        .iter()
        .enumerate()
        .map(|(i, t)| (i as u128, *t));
    fold_order(s, 1, unigrams, min_count, &mut terms);
    for (o, grams) in raw.grams.iter().enumerate() {
        let grams = grams.iter().map(|(k, t)| (*k, *t));
        fold_order(s, o + 2, grams, min_count, &mut terms);
    }
    Counts {
        terms,
        totals: raw.totals,
        statements: [0; 3],
    }
}

fn fold_order(
    s: &Surfaces,
    n: usize,
    grams: impl Iterator<Item = (u128, Tally)>,
    min_count: u64,
    out: &mut Vec<Counted>,
) {
    let mut by_stem: FxHashMap<u128, Folding> = FxHashMap::default();
    for (key, tally) in grams {
        let total: u64 = tally.iter().map(|&t| u64::from(t)).sum();
        if total == 0 {
            continue;
        }
        let stems = unpack(key, n).map(|i| s.stems[i as usize]);
        let entry = by_stem.entry(pack(&stems)).or_insert(Folding {
            tally: [0; 3],
            best: key,
            best_count: 0,
        });
        add_total(&mut entry.tally, &tally);
        let better = match total.cmp(&entry.best_count) {
            Ordering::Greater => true,
            Ordering::Equal => wins_tie(s, key, entry.best, n),
            Ordering::Less => false,
        };
        if better {
            entry.best = key;
            entry.best_count = total;
        }
    }
    for (key, f) in by_stem {
        if f.tally[0] + f.tally[1] < min_count {
            continue;
        }
        let ids = unpack(key, n);
        let stems: Vec<&str> = ids[..n].iter().map(|&i| s.vocab.stem(i)).collect();
        out.push(Counted {
            n,
            stems: stems.join(" "),
            surface: surface(s, f.best, n),
            tally: f.tally,
        });
    }
}

/// Between equally frequent forms, the one with fewer capitals wins (a
/// sentence-initial "Developing" loses to "developing"), then the first in
/// code-point order, so the choice never depends on counting order.
fn wins_tie(s: &Surfaces, key: u128, best: u128, n: usize) -> bool {
    let (x, y) = (unpack(key, n), unpack(best, n));
    let caps = |ids: &[u32; MAX_N]| -> usize {
        ids[..n].iter().map(|&i| s.caps[i as usize] as usize).sum()
    };
    let words = |ids: &[u32; MAX_N]| {
        ids[..n]
            .iter()
            .map(|&i| &*s.words[i as usize])
            .collect::<Vec<_>>()
    };
    match caps(&x).cmp(&caps(&y)) {
        Ordering::Equal => words(&x) < words(&y),
        other => other == Ordering::Less,
    }
}

fn surface(s: &Surfaces, key: u128, n: usize) -> String {
    let ids = unpack(key, n);
    let words: Vec<&str> = ids[..n].iter().map(|&i| &*s.words[i as usize]).collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw_of(text: &str) -> Counts {
        let mut raw = Raw::default();
        raw.count(text, 0b101);
        fold(raw, 1)
    }

    fn tally_of<'a>(c: &'a Counts, stems: &str) -> Option<&'a Counted> {
        c.terms.iter().find(|t| t.stems == stems)
    }

    #[test]
    fn counts_stems_with_their_most_frequent_surface() {
        let c = raw_of("Developing countries. developing countries, the developing Countries");
        let t = tally_of(&c, "develop countri").expect("bigram counted");
        assert_eq!(t.tally, [3, 0, 3]);
        assert_eq!(t.surface, "developing countries");
        assert_eq!(c.totals[0], [7, 0, 7]);
        // "countries developing" spans a full stop and is not a bigram.
        assert!(tally_of(&c, "countri develop").is_none());
        // Bigram positions: 1 + 4 (after the stop) = 5, even those with "the".
        assert_eq!(c.totals[1], [5, 0, 5]);
    }

    #[test]
    fn stop_words_count_in_totals_but_not_at_term_edges() {
        let c = raw_of("the rule of law and the rule of law");
        assert!(tally_of(&c, "the").is_none());
        assert_eq!(tally_of(&c, "rule of law").unwrap().tally, [2, 0, 2]);
        assert!(tally_of(&c, "of law").is_none());
        assert!(tally_of(&c, "law and the").is_none());
        assert_eq!(c.totals[2], [7, 0, 7]);
    }

    #[test]
    fn abbreviations_do_not_break_phrases() {
        let c = raw_of("the U.S. side said");
        let t = tally_of(&c, "u. side").expect("one bigram across `U.S.`");
        assert_eq!(t.surface, "U.S side");
    }

    #[test]
    fn threads_agree_with_one_pass() {
        let text = "Peace and development. Hegemonism threatens peace; development matters.";
        let mut whole = raw_of(&[text; 3].join(" ")).terms;
        let mut raws = Vec::new();
        for _ in 0..3 {
            let mut r = Raw::default();
            r.count(text, 0b101);
            raws.push(r);
        }
        let mut merged = fold(merge(raws), 1).terms;
        whole.sort_by(|a, b| a.stems.cmp(&b.stems));
        merged.sort_by(|a, b| a.stems.cmp(&b.stems));
        assert_eq!(whole, merged);
    }
}
