//! The form in which a stem term is shown: its most frequent surface form
//! ("developing countries" for the stems `develop countri`). Single words get
//! it from the unigram tally; phrases from one more scan of the streams that
//! looks only at the few phrases a report shows, so the millions of phrases
//! that are counted but never shown cost no surface bookkeeping.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use super::count::Counts;
use super::stream::{Lexicon, Read, BREAK, MAX_N};

/// Whether surface form `x` (its uses, its surface ids) beats `y` as the form
/// shown for a term: used more often; between equally frequent forms the one
/// with fewer capitals (a sentence-initial "Developing" loses to
/// "developing"), then the first in code-point order, so the choice never
/// depends on counting order.
pub fn better(lex: &Lexicon, x: (u64, &[u32]), y: (u64, &[u32])) -> bool {
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

/// Text-order ids (32 bits each) with the order `n` in the top bits.
fn phrase_key(n: usize, ids: impl Iterator<Item = u32>) -> u128 {
    ids.enumerate().fold((n as u128) << 96, |k, (i, id)| {
        k | (u128::from(id) << (32 * i))
    })
}

/// The shown surface form of each wanted term (n, stem ids in text order).
pub fn surfaces(counts: &Counts, wanted: &[(usize, [u32; MAX_N])]) -> Vec<String> {
    let lex = &counts.read.lexicon;
    let mut index = Phrases {
        key: FxHashMap::default(),
        edges: vec![0; lex.stems.len()],
    };
    for (i, (n, ids)) in wanted.iter().enumerate() {
        if *n > 1 {
            index
                .key
                .insert(phrase_key(*n, ids[..*n].iter().copied()), i);
            index.edges[ids[0] as usize] |= FIRST;
            index.edges[ids[n - 1] as usize] |= LAST;
        }
    }
    let mut best: Vec<Option<(u64, [u32; MAX_N])>> = vec![None; wanted.len()];
    if !index.key.is_empty() {
        for ((i, surface), uses) in forms(&counts.read, &index) {
            let n = wanted[i].0;
            let wins = match &best[i] {
                None => true,
                Some((c, b)) => better(lex, (uses, &surface[..n]), (*c, &b[..n])),
            };
            if wins {
                best[i] = Some((uses, surface));
            }
        }
    }
    let word = |id: u32| &*lex.words[id as usize];
    wanted
        .iter()
        .zip(best)
        .map(|((n, ids), b)| match (*n, b) {
            (1, _) => counts
                .unigram_surface
                .get(&ids[0])
                .map_or_else(|| counts.stem(ids[0]).to_string(), |&s| word(s).to_string()),
            (n, Some((_, s))) => s[..n]
                .iter()
                .map(|&i| word(i))
                .collect::<Vec<_>>()
                .join(" "),
            (n, None) => counts.stems(&ids[..n]),
        })
        .collect()
}

/// The wanted phrases: their index by key, and by stem whether it begins
/// ([`FIRST`]) or ends ([`LAST`]) one, so most positions need no lookup.
struct Phrases {
    key: FxHashMap<u128, usize>,
    edges: Vec<u8>,
}

const FIRST: u8 = 1;
const LAST: u8 = 2;

type Forms = FxHashMap<(usize, [u32; MAX_N]), u64>;

/// Uses of each surface form of the wanted phrases, weighted like the
/// tallies (one per group a statement is in); one thread per stream.
fn forms(read: &Read, phrases: &Phrases) -> Forms {
    let parts: Vec<Forms> = crate::par::map(&read.streams, 1, |s| forms_in(read, s, phrases));
    let mut all = Forms::default();
    for part in parts {
        for (k, v) in part {
            *all.entry(k).or_default() += v;
        }
    }
    all
}

fn forms_in(read: &Read, s: &super::stream::Stream, phrases: &Phrases) -> Forms {
    let lex = &read.lexicon;
    let mut found = Forms::default();
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
            if phrases.edges[stems[0] as usize] & LAST == 0 || !lex.content[id as usize] {
                continue;
            }
            for n in 2..=run {
                if phrases.edges[stems[n - 1] as usize] & FIRST == 0
                    || !lex.content[words[n - 1] as usize]
                {
                    continue;
                }
                let key = phrase_key(n, stems[..n].iter().rev().copied());
                if let Some(&i) = phrases.key.get(&key) {
                    let mut surface = [0u32; MAX_N];
                    for (slot, &w) in surface.iter_mut().zip(words[..n].iter().rev()) {
                        *slot = w;
                    }
                    *found.entry((i, surface)).or_default() += weight;
                }
            }
        }
    }
    found
}
