//! Counting the phrases (two- and three-word n-grams) of a comparison in
//! cache-sized pieces. A corpus the size of the UN General Debates has
//! millions of distinct phrases; one hash table over all of them misses the
//! cache on nearly every update. Instead each thread scans its own stream once
//! and scatters every countable n-gram, packed with its membership into one
//! integer, into one of [`PARTS`] buffers chosen by a hash of the n-gram.
//! Then each thread takes whole partitions and counts them in a small table
//! that stays in cache, keeping only terms that meet the minimum count. The
//! partitions never share an n-gram, so nothing needs merging.

use std::hash::Hash;

use rustc_hash::FxHashMap;

use super::count::{Counted, Tally};
use super::stream::{increments, Mask, Read, BREAK, MAX_N};

/// Partitions per n-gram order (a power of two).
const PARTS: usize = 256;
const PART_BITS: u32 = PARTS.trailing_zeros();

/// An n-gram's stem ids (`width` bits each, in text order from the lowest
/// bits) shifted left by three, with its membership mask in the low bits.
pub trait Key: Copy + Eq + Hash + Send + Sync {
    /// Whether `n` stem ids of `width` bits and a mask fit.
    fn fits(width: u32) -> bool;
    /// Packs the n-gram ending at `window[0]` (the window holds the newest
    /// word first).
    fn pack(window: &[u32; MAX_N], n: usize, width: u32, mask: Mask) -> Self;
    fn mask(self) -> usize;
    /// The key without its mask.
    fn gram(self) -> Self;
    /// The stem ids of a key without its mask (see [`Key::gram`]).
    fn unpack(self, n: usize, width: u32) -> [u32; MAX_N];
    /// The partition of the n-gram (same for every mask).
    fn part(self) -> usize;
}

macro_rules! key {
    ($t:ty) => {
        impl Key for $t {
            fn fits(width: u32) -> bool {
                width * MAX_N as u32 + 3 <= <$t>::BITS
            }
            fn pack(window: &[u32; MAX_N], n: usize, width: u32, mask: Mask) -> $t {
                let gram = (0..n).fold(0, |k: $t, i| {
                    k | (<$t>::from(window[n - 1 - i]) << (width * i as u32))
                });
                (gram << 3) | <$t>::from(mask)
            }
            fn mask(self) -> usize {
                (self & 7) as usize
            }
            fn gram(self) -> $t {
                self >> 3
            }
            fn unpack(self, n: usize, width: u32) -> [u32; MAX_N] {
                let gram = self;
                let mut out = [0u32; MAX_N];
                for (i, slot) in out.iter_mut().enumerate().take(n) {
                    *slot = ((gram >> (width * i as u32)) & ((1 << width) - 1)) as u32;
                }
                out
            }
            fn part(self) -> usize {
                let wide = u128::from(self >> 3);
                let folded = (wide ^ (wide >> 64)) as u64;
                let mixed = (folded ^ (folded >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                (mixed >> (64 - PART_BITS)) as usize
            }
        }
    };
}

key!(u64);
key!(u128);

/// Bits needed for stem ids below `stems`.
pub fn width(stems: usize) -> u32 {
    (usize::BITS - stems.saturating_sub(1).leading_zeros()).max(1)
}

/// What one thread's scan of its stream produced.
struct Scatter<K> {
    /// Unigram tallies by surface id (content words only).
    unigrams: Vec<Tally>,
    /// `parts[(n - 2) * PARTS + p]`: keys of order n in partition p.
    parts: Vec<Vec<K>>,
}

/// Unigram tallies by surface id, and every n-gram (2 ≤ n ≤ `max_n`) used
/// at least `min_count` times in groups a and b together.
pub fn count<K: Key>(
    read: &Read,
    width: u32,
    max_n: usize,
    min_count: u64,
) -> (Vec<Tally>, Vec<Counted>) {
    let lex = &read.lexicon;
    // Stem id and content flag of each surface id, in one word.
    let info: Vec<u32> = lex
        .stem
        .iter()
        .zip(&lex.content)
        .map(|(&s, &c)| (s << 1) | u32::from(c))
        .collect();
    let scatters: Vec<Scatter<K>> = parallel(read.streams.len(), |t| {
        scatter(read, t, &info, width, max_n)
    });
    let mut unigrams = vec![[0u32; 3]; info.len()];
    for s in &scatters {
        for (sum, part) in unigrams.iter_mut().zip(&s.unigrams) {
            super::count::add(sum, part);
        }
    }
    let threads = read.streams.len().max(1);
    let jobs = (max_n.max(1) - 1) * PARTS;
    let counted = parallel(threads, |t| {
        let mut table: FxHashMap<K, Tally> = FxHashMap::default();
        let mut out = Vec::new();
        for job in (t..jobs).step_by(threads) {
            let n = job / PARTS + 2;
            tally_part(&scatters, job, &mut table);
            out.extend(table.drain().filter_map(|(key, tally)| {
                let uses = u64::from(tally[0]) + u64::from(tally[1]);
                (uses >= min_count).then(|| Counted {
                    n,
                    ids: key.unpack(n, width),
                    tally: tally.map(u64::from),
                })
            }));
        }
        out
    });
    (unigrams, counted.into_iter().flatten().collect())
}

/// Runs `job(t)` for `t` in `0..threads` on the shared parallel map, in order.
fn parallel<T: Send>(threads: usize, job: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let ts: Vec<usize> = (0..threads).collect();
    crate::par::map(&ts, 1, |&t| job(t))
}

/// Scans stream `t`: unigram tallies, and the countable n-grams scattered.
fn scatter<K: Key>(read: &Read, t: usize, info: &[u32], width: u32, max_n: usize) -> Scatter<K> {
    let s = &read.streams[t];
    let mut out = Scatter {
        unigrams: vec![[0u32; 3]; info.len()],
        parts: (0..(max_n.max(1) - 1) * PARTS)
            .map(|_| Vec::new())
            .collect(),
    };
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
            super::count::add(&mut out.unigrams[id as usize], &inc);
            for n in 2..=run.min(max_n) {
                if content[n - 1] {
                    let key = K::pack(&window, n, width, mask);
                    out.parts[(n - 2) * PARTS + key.part()].push(key);
                }
            }
        }
    }
    out
}

/// Counts one partition (of every thread's scatter) into `table`, keyed by
/// the n-gram without its mask.
fn tally_part<K: Key>(scatters: &[Scatter<K>], job: usize, table: &mut FxHashMap<K, Tally>) {
    let incs: [Tally; 8] = std::array::from_fn(|m| increments(m as Mask));
    for s in scatters {
        for &key in &s.parts[job] {
            let inc = &incs[key.mask()];
            super::count::add(table.entry(key.gram()).or_default(), inc);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_pack_in_text_order_with_their_mask() {
        let window = [7, (1 << 20) - 1, 3];
        let key = u64::pack(&window, 3, 20, 0b101);
        assert_eq!(key.mask(), 0b101);
        assert_eq!(key.gram().unpack(3, 20), [3, (1 << 20) - 1, 7]);
        assert_eq!(key.part(), u64::pack(&window, 3, 20, 0b010).part());
        let wide = u128::pack(&window, 2, 32, 0b011);
        assert_eq!(wide.gram().unpack(2, 32), [(1 << 20) - 1, 7, 0]);
        assert!(u64::fits(20) && !u64::fits(21) && u128::fits(32));
        assert_eq!(
            (width(1), width(2), width(3), width(1 << 20)),
            (1, 1, 2, 20)
        );
    }

    #[test]
    fn partitions_spread_evenly() {
        let mut sizes = [0usize; PARTS];
        for k in 0..(PARTS as u64 * 100) {
            sizes[(k << 3).part()] += 1;
        }
        assert!(sizes.iter().all(|&s| (50..150).contains(&s)), "{sizes:?}");
    }
}
