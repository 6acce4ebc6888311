//! Counting n-grams for keyness, fast enough for the whole UN corpus.
//!
//! The statements are read once into streams of surface ids ([`super::stream`]).
//! N-grams are counted on stems, packed into one integer key (three 21-bit
//! stem ids in a `u64`, or 32-bit ids in a `u128` for a vocabulary of more
//! than two million stems), with one tally per key for group a, group b and
//! the prior, so a statement in several of them is counted once. Each thread
//! scans every stream but counts only the keys of its own hash share, so the
//! threads' tables never overlap and need no merging.
//!
//! Only n-grams whose first and last words are content words (not stop words,
//! holding a letter) get a count of their own, since nothing else can be
//! ranked; every n-gram position still counts towards the totals. Which
//! surface form shows a stem term is decided here too: for single words from
//! a per-surface tally, for phrases by [`surfaces`], a second scan of the
//! streams restricted to the few phrases that are shown.

use std::cmp::Ordering;
use std::hash::Hash;

use rustc_hash::FxHashMap;

use super::stream::{self, increments, Lexicon, Mask, Read, Totals, BREAK, MAX_N};
use crate::corpus::Statement;

/// Counts in group a, group b and the prior (u32 in the tables: smaller
/// entries, fewer cache misses).
type Tally = [u32; 3];

fn add(t: &mut Tally, inc: &Tally) {
    for (a, b) in t.iter_mut().zip(inc) {
        *a = a.saturating_add(*b);
    }
}

fn widen(t: &Tally) -> Totals {
    t.map(u64::from)
}

/// Stem ids of an n-gram packed into one hash key.
trait Key: Copy + Eq + Hash + Send {
    /// Bits per stem id.
    const ID_BITS: u32;
    /// Packs the n-gram ending at `window[0]` (the window holds the newest
    /// word first), in text order.
    fn pack(window: &[u32; MAX_N], n: usize) -> Self;
    fn unpack(self, n: usize) -> [u32; MAX_N];
    /// Which of `threads` counts this key (independent of the table's hash).
    fn share(self, threads: usize) -> usize;
}

macro_rules! key {
    ($t:ty, $bits:expr) => {
        impl Key for $t {
            const ID_BITS: u32 = $bits;
            fn pack(window: &[u32; MAX_N], n: usize) -> $t {
                (0..n).fold(0, |k, i| k | (<$t>::from(window[n - 1 - i]) << ($bits * i)))
            }
            fn unpack(self, n: usize) -> [u32; MAX_N] {
                let mut out = [0u32; MAX_N];
                for (i, slot) in out.iter_mut().enumerate().take(n) {
                    *slot = ((self >> ($bits * i)) & ((1 << $bits) - 1)) as u32;
                }
                out
            }
            fn share(self, threads: usize) -> usize {
                let wide = u128::from(self);
                let folded = (wide ^ (wide >> 64)) as u64;
                let mixed = (folded ^ (folded >> 31)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                ((u128::from(mixed) * threads as u128) >> 64) as usize
            }
        }
    };
}

key!(u64, 21);
key!(u128, 32);

/// One stem term with its tallies.
#[derive(Debug, Clone, PartialEq)]
pub struct Counted {
    pub n: usize,
    /// Stem ids, in text order (`ids[..n]`).
    pub ids: [u32; MAX_N],
    pub tally: Totals,
}

/// Every countable term of a comparison, the n-gram totals per order, and
/// what was read (for surface forms and stem strings).
pub struct Counts {
    pub terms: Vec<Counted>,
    /// `totals[n - 1]` = n-gram positions of order n in (a, b, prior).
    pub totals: [Totals; MAX_N],
    /// Statements in (a, b, prior).
    pub statements: [usize; 3],
    /// Most frequent surface id of each stem used as a content word.
    pub unigram_surface: FxHashMap<u32, u32>,
    pub read: Read,
}

impl Counts {
    /// The stems of a term, space-separated.
    pub fn stems(&self, ids: &[u32]) -> String {
        let stems: Vec<&str> = ids.iter().map(|&i| self.stem(i)).collect();
        stems.join(" ")
    }

    pub fn stem(&self, id: u32) -> &str {
        &self.read.lexicon.stems[id as usize]
    }

    /// Orders terms as their space-joined stem strings would be ordered,
    /// without building the strings.
    pub fn cmp_stems(&self, x: &[u32], y: &[u32]) -> Ordering {
        self.stem_bytes(x).cmp(self.stem_bytes(y))
    }

    fn stem_bytes<'a>(&'a self, ids: &'a [u32]) -> impl Iterator<Item = u8> + 'a {
        ids.iter().enumerate().flat_map(move |(i, &id)| {
            let space = (i > 0).then_some(b' ');
            space.into_iter().chain(self.stem(id).bytes())
        })
    }
}

/// Counts the n-grams (up to `max_n` words) of `statements`, each with its
/// membership mask. Only terms used at least `min_count` times in groups a
/// and b together are kept (they alone can be ranked).
pub fn count(statements: &[(&Statement, Mask)], min_count: u64, max_n: usize) -> Counts {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    let read = stream::read(statements, threads);
    let mut counts = if (read.lexicon.stems.len() as u64) < (1 << <u64 as Key>::ID_BITS) {
        tally::<u64>(read, min_count, max_n, threads)
    } else {
        tally::<u128>(read, min_count, max_n, threads)
    };
    for (_, mask) in statements {
        for (g, slot) in counts.statements.iter_mut().enumerate() {
            *slot += usize::from((mask >> g) & 1);
        }
    }
    counts
}

/// One thread's tables: surface unigrams of its own stream, and the n-grams
/// of its hash share from every stream.
struct Tables<K> {
    unigrams: Vec<Tally>,
    grams: [FxHashMap<K, Tally>; MAX_N - 1],
}

fn tally<K: Key>(read: Read, min_count: u64, max_n: usize, threads: usize) -> Counts {
    let lex = &read.lexicon;
    // Stem id and content flag of each surface id, in one word.
    let info: Vec<u32> = lex
        .stem
        .iter()
        .zip(&lex.content)
        .map(|(&s, &c)| (s << 1) | u32::from(c))
        .collect();
    let tables: Vec<Tables<K>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (read, info) = (&read, &info);
                scope.spawn(move || count_share::<K>(read, info, max_n, t, threads))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("counting thread"))
            .collect()
    });
    let mut unigrams = vec![[0u32; 3]; lex.words.len()];
    for t in &tables {
        for (sum, part) in unigrams.iter_mut().zip(&t.unigrams) {
            add(sum, part);
        }
    }
    let (mut terms, unigram_surface) = fold_unigrams(lex, &unigrams, min_count);
    for (o, n) in (2..=max_n).enumerate() {
        for t in &tables {
            for (key, tally) in &t.grams[o] {
                if u64::from(tally[0]) + u64::from(tally[1]) >= min_count {
                    terms.push(Counted {
                        n,
                        ids: key.unpack(n),
                        tally: widen(tally),
                    });
                }
            }
        }
    }
    Counts {
        terms,
        totals: read.totals,
        statements: [0; 3],
        unigram_surface,
        read,
    }
}

/// Counts thread `t`'s share: the unigrams of stream `t` (by surface id) and
/// the n-grams whose key falls to `t`, from every stream.
fn count_share<K: Key>(
    read: &Read,
    info: &[u32],
    max_n: usize,
    t: usize,
    threads: usize,
) -> Tables<K> {
    let mut tables = Tables {
        unigrams: vec![[0u32; 3]; info.len()],
        grams: Default::default(),
    };
    for (si, s) in read.streams.iter().enumerate() {
        let own = si % threads == t;
        for &(start, end, mask) in &s.spans {
            let inc = increments(mask);
            let mut window = [0u32; MAX_N];
            let mut content = [false; MAX_N];
            let mut run = 0usize;
            for &id in &s.ids[start..end] {
                if id == BREAK {
                    run = 0;
                    continue;
                }
                let i = info[id as usize];
                window = [i >> 1, window[0], window[1]];
                content = [i & 1 == 1, content[0], content[1]];
                run = (run + 1).min(MAX_N);
                if !content[0] {
                    continue;
                }
                if own {
                    add(&mut tables.unigrams[id as usize], &inc);
                }
                for n in 2..=run.min(max_n) {
                    if content[n - 1] {
                        let key = K::pack(&window, n);
                        if key.share(threads) == t {
                            add(tables.grams[n - 2].entry(key).or_default(), &inc);
                        }
                    }
                }
            }
        }
    }
    tables
}

/// Sums surface unigrams onto stems, keeping each stem's best surface form.
fn fold_unigrams(
    lex: &Lexicon,
    unigrams: &[Tally],
    min_count: u64,
) -> (Vec<Counted>, FxHashMap<u32, u32>) {
    let mut by_stem: FxHashMap<u32, (Totals, u32, u64)> = FxHashMap::default();
    for (surface, tally) in unigrams.iter().enumerate() {
        let total: u64 = tally.iter().map(|&t| u64::from(t)).sum();
        if total == 0 {
            continue;
        }
        let surface = surface as u32;
        let entry = by_stem
            .entry(lex.stem[surface as usize])
            .or_insert(([0; 3], surface, 0));
        for (x, y) in entry.0.iter_mut().zip(tally) {
            *x += u64::from(*y);
        }
        if better(lex, (total, &[surface]), (entry.2, &[entry.1])) {
            entry.1 = surface;
            entry.2 = total;
        }
    }
    let mut terms = Vec::new();
    let mut shown = FxHashMap::default();
    for (stem, (tally, surface, _)) in by_stem {
        if tally[0] + tally[1] >= min_count {
            terms.push(Counted {
                n: 1,
                ids: [stem, 0, 0],
                tally,
            });
            shown.insert(stem, surface);
        }
    }
    (terms, shown)
}

/// Whether surface form `x` (its uses, its surface ids) beats `y` as the form
/// shown for a term: used more often; between equally frequent forms the one
/// with fewer capitals (a sentence-initial "Developing" loses to
/// "developing"), then the first in code-point order, so the choice never
/// depends on counting order.
fn better(lex: &Lexicon, x: (u64, &[u32]), y: (u64, &[u32])) -> bool {
    match x.0.cmp(&y.0) {
        Ordering::Greater => return true,
        Ordering::Less => return false,
        Ordering::Equal => {}
    }
    let caps = |ids: &[u32]| -> usize { ids.iter().map(|&i| lex.caps[i as usize] as usize).sum() };
    match caps(x.1).cmp(&caps(y.1)) {
        Ordering::Equal => {
            let words = |ids: &[u32]| {
                ids.iter()
                    .map(|&i| &*lex.words[i as usize])
                    .collect::<Vec<_>>()
            };
            words(x.1) < words(y.1)
        }
        other => other == Ordering::Less,
    }
}

/// The shown surface form of each wanted term (n, stem ids): for single
/// words from the unigram tally, for phrases from one more scan of the
/// streams that counts the surface forms of the wanted phrases only.
pub fn surfaces(counts: &Counts, wanted: &[(usize, [u32; MAX_N])]) -> Vec<String> {
    let lex = &counts.read.lexicon;
    let key = |n: usize, ids: &[u32; MAX_N]| (n as u128) << 96 | u128::pack(ids, n);
    let mut index: FxHashMap<u128, usize> = FxHashMap::default();
    for (i, (n, ids)) in wanted.iter().enumerate() {
        if *n > 1 {
            index.insert(key(*n, &newest_first(ids, *n)), i);
        }
    }
    let found = if index.is_empty() {
        FxHashMap::default()
    } else {
        phrase_forms(&counts.read, &index)
    };
    let mut best: Vec<Option<(u64, [u32; MAX_N])>> = vec![None; wanted.len()];
    for ((i, surface), uses) in found {
        let n = wanted[i].0;
        let ids = surface.unpack(n);
        let wins = match best[i] {
            None => true,
            Some((c, b)) => better(lex, (uses, &ids[..n]), (c, &b[..n])),
        };
        if wins {
            best[i] = Some((uses, ids));
        }
    }
    let word = |id: u32| &*lex.words[id as usize];
    wanted
        .iter()
        .zip(best)
        .map(|((n, ids), b)| match (n, b) {
            (1, _) => counts
                .unigram_surface
                .get(&ids[0])
                .map_or_else(|| counts.stem(ids[0]).to_string(), |&s| word(s).to_string()),
            (n, Some((_, s))) => s[..*n]
                .iter()
                .map(|&i| word(i))
                .collect::<Vec<_>>()
                .join(" "),
            (n, None) => counts.stems(&ids[..*n]),
        })
        .collect()
}

/// Text-order ids as the newest-first window `Key::pack` reads.
fn newest_first(ids: &[u32; MAX_N], n: usize) -> [u32; MAX_N] {
    let mut window = [0u32; MAX_N];
    for (i, slot) in window.iter_mut().enumerate().take(n) {
        *slot = ids[n - 1 - i];
    }
    window
}

/// Uses of each surface form of the phrases in `index` (keyed by order and
/// packed stems), weighted like the tallies (one per group a statement is in).
fn phrase_forms(read: &Read, index: &FxHashMap<u128, usize>) -> FxHashMap<(usize, u128), u64> {
    let lex = &read.lexicon;
    let mut found: FxHashMap<(usize, u128), u64> = FxHashMap::default();
    for s in &read.streams {
        for &(start, end, mask) in &s.spans {
            let weight = u64::from(mask.count_ones());
            let (mut stems, mut words) = ([0u32; MAX_N], [0u32; MAX_N]);
            let mut run = 0usize;
            for &id in &s.ids[start..end] {
                if id == BREAK {
                    run = 0;
                    continue;
                }
                stems = [lex.stem[id as usize], stems[0], stems[1]];
                words = [id, words[0], words[1]];
                run = (run + 1).min(MAX_N);
                if !lex.content[id as usize] {
                    continue;
                }
                for n in 2..=run {
                    if !lex.content[words[n - 1] as usize] {
                        continue;
                    }
                    let key = (n as u128) << 96 | u128::pack(&stems, n);
                    if let Some(&i) = index.get(&key) {
                        *found.entry((i, u128::pack(&words, n))).or_default() += weight;
                    }
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::sample;

    fn counts_of(text: &str) -> Counts {
        let s = sample::statement("e1", "CHN", "2020-01-01", text);
        count(&[(&s, 0b101)], 1, MAX_N)
    }

    fn find<'c>(c: &'c Counts, stems: &str) -> Option<&'c Counted> {
        c.terms.iter().find(|t| c.stems(&t.ids[..t.n]) == stems)
    }

    fn shown(c: &Counts, stems: &str) -> String {
        let t = find(c, stems).expect("term counted");
        surfaces(c, &[(t.n, t.ids)]).remove(0)
    }

    #[test]
    fn counts_stems_with_their_most_frequent_surface() {
        let c = counts_of("Developing countries. developing countries, the developing Countries");
        let t = find(&c, "develop countri").expect("bigram counted");
        assert_eq!(t.tally, [3, 0, 3]);
        assert_eq!(shown(&c, "develop countri"), "developing countries");
        assert_eq!(shown(&c, "countri"), "countries");
        assert_eq!(c.totals[0], [7, 0, 7]);
        // "countries developing" spans a full stop and is not a bigram.
        assert!(find(&c, "countri develop").is_none());
        // Bigram positions: 1 + 4 (after the stop) = 5, even those with "the".
        assert_eq!(c.totals[1], [5, 0, 5]);
    }

    #[test]
    fn stop_words_count_in_totals_but_not_at_term_edges() {
        let c = counts_of("the rule of law and the rule of law");
        assert!(find(&c, "the").is_none());
        assert_eq!(find(&c, "rule of law").unwrap().tally, [2, 0, 2]);
        assert_eq!(shown(&c, "rule of law"), "rule of law");
        assert!(find(&c, "of law").is_none());
        assert!(find(&c, "law and the").is_none());
        assert_eq!(c.totals[2], [7, 0, 7]);
    }

    #[test]
    fn abbreviations_do_not_break_phrases() {
        let c = counts_of("the U.S. side said");
        assert!(find(&c, "u. side").is_some(), "one bigram across `U.S.`");
        assert_eq!(shown(&c, "u. side"), "U.S side");
    }

    #[test]
    fn keys_pack_and_share_evenly() {
        let window = [7, 1 << 20, 3];
        assert_eq!(u64::pack(&window, 3).unpack(3), [3, 1 << 20, 7]);
        assert_eq!(u128::pack(&window, 2).unpack(2), [1 << 20, 7, 0]);
        let shares: Vec<usize> = (0..1000u64).map(|k| k.share(2)).collect();
        let ones = shares.iter().filter(|&&s| s == 1).count();
        assert!((400..600).contains(&ones), "{ones} of 1000 keys in share 1");
    }
}
