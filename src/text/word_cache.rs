//! A memo from surface words to whatever a caller derives from them (a stem
//! id, a lexicon term). Normalising and stemming a word costs far more than
//! finding it again, and a corpus repeats the same few thousand words, so
//! tagging and counting look each distinct spelling up once per thread.
//!
//! Most words are short: a word of up to 15 bytes is packed with its length
//! into two `u64`s, so a look-up hashes two integers and compares them, with
//! no string comparison and no allocation. Longer words use a string map.
//! In front of the maps sit two direct-mapped tables that hold the words
//! seen last at each slot: one for words of up to 7 bytes (one `u64` key,
//! 64k slots, 1 MB), one for words of 8 to 15 bytes (32k slots, 768 KB).
//! The few thousand most frequent words of a corpus make up most of its
//! running text, so 98% of look-ups in the UN corpus never touch the large
//! maps, whose scattered memory accesses were the cost of tagging a large
//! corpus.

use rustc_hash::FxHashMap;

/// Surface word → `V`, filled on demand. Clears itself when it grows past
/// `limit` distinct words, so memory stays bounded on any input.
#[derive(Debug)]
pub struct WordCache<V> {
    /// Direct-mapped, for words of up to 7 bytes (four words in five of
    /// running text): slot = hash of the word packed with its length in one
    /// `u64`; 0 is empty.
    hot_short: Box<[(u64, V)]>,
    /// The same for words of 8 to 15 bytes; `(0, 0)` is empty.
    hot: Box<[(Key, V)]>,
    short: FxHashMap<Key, V>,
    long: FxHashMap<Box<str>, V>,
    limit: usize,
}

/// A word of at most 15 bytes: its bytes, with its length in the last byte.
type Key = (u64, u64);

/// Slots of the direct-mapped tables (powers of two): 1 MB and 768 KB.
/// Tables small enough for a core's level-2 cache missed too often and
/// tagged the UN corpus more slowly.
const SHORT_SLOTS: usize = 1 << 16;
const HOT_SLOTS: usize = 1 << 15;

impl<V: Copy + Default> WordCache<V> {
    pub fn new(limit: usize) -> WordCache<V> {
        WordCache {
            hot_short: vec![(0, V::default()); SHORT_SLOTS].into_boxed_slice(),
            hot: vec![((0, 0), V::default()); HOT_SLOTS].into_boxed_slice(),
            short: FxHashMap::default(),
            long: FxHashMap::default(),
            limit,
        }
    }

    /// The value for `word`, computed by `derive` the first time it is seen.
    #[inline]
    pub fn get_or_insert_with(&mut self, word: &str, derive: impl FnOnce(&str) -> V) -> V {
        self.get_packed(word, pack(word), derive)
    }

    /// The same for the word `text[start..end]`, packed with two 8-byte
    /// reads of `text` where it is long enough (no copy of the word).
    #[inline]
    pub fn get_in(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        derive: impl FnOnce(&str) -> V,
    ) -> V {
        let word = &text[start..end];
        let key = match text.as_bytes().get(start..start + 16) {
            Some(window) if (1..=15).contains(&word.len()) => Some(pack_window(window, word.len())),
            _ => pack(word),
        };
        self.get_packed(word, key, derive)
    }

    #[inline]
    fn get_packed(&mut self, word: &str, key: Option<Key>, derive: impl FnOnce(&str) -> V) -> V {
        if let Some(key) = key {
            if key.1 >> 56 <= 7 {
                let short = short_key(key);
                let slot = &self.hot_short[short_slot(short)];
                if slot.0 == short {
                    return slot.1;
                }
                let v = self.get_short(word, key, derive);
                self.hot_short[short_slot(short)] = (short, v);
                return v;
            }
            let slot = &mut self.hot[hot_slot(key)];
            if slot.0 == key {
                return slot.1;
            }
            let v = self.get_short(word, key, derive);
            self.hot[hot_slot(key)] = (key, v);
            return v;
        }
        if let Some(&v) = self.long.get(word) {
            return v;
        }
        self.make_room();
        let v = derive(word);
        self.long.insert(word.into(), v);
        v
    }

    /// The value of a word of at most 15 bytes, from the large map.
    fn get_short(&mut self, word: &str, key: Key, derive: impl FnOnce(&str) -> V) -> V {
        match self.short.get(&key) {
            Some(&v) => v,
            None => {
                self.make_room();
                let v = derive(word);
                self.short.insert(key, v);
                v
            }
        }
    }

    /// Forgets every word.
    pub fn clear(&mut self) {
        self.hot_short.fill((0, V::default()));
        self.hot.fill(((0, 0), V::default()));
        self.short.clear();
        self.long.clear();
    }

    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn make_room(&mut self) {
        if self.len() >= self.limit {
            self.clear();
        }
    }
}

/// The key of a word of 1 to 15 bytes.
#[inline]
fn pack(word: &str) -> Option<Key> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    buf[15] = b.len() as u8;
    let (lo, hi) = buf.split_at(8);
    let lo = u64::from_le_bytes(lo.try_into().unwrap_or_default());
    let hi = u64::from_le_bytes(hi.try_into().unwrap_or_default());
    Some((lo, hi))
}

/// The key of the first `len` (1 to 15) bytes of a 16-byte window: the same
/// as `pack` of those bytes.
#[inline]
fn pack_window(window: &[u8], len: usize) -> Key {
    let word = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&window[i..i + 8]);
        u64::from_le_bytes(b)
    };
    let keep = |n: usize| {
        if n >= 8 {
            u64::MAX
        } else {
            (1u64 << (8 * n)) - 1
        }
    };
    let lo = word(0) & keep(len);
    let hi = word(8) & keep(len.saturating_sub(8));
    (lo, hi | (len as u64) << 56)
}

/// A key of a word of 1 to 7 bytes in one `u64`: its bytes, its length in the top byte.
#[inline]
fn short_key((lo, hi): Key) -> u64 {
    lo | hi
}

#[inline]
fn short_slot(key: u64) -> usize {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    (key.wrapping_mul(K) >> (64 - SHORT_SLOTS.trailing_zeros())) as usize
}

#[inline]
fn hot_slot((lo, hi): Key) -> usize {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let h = (lo.wrapping_mul(K) ^ hi).wrapping_mul(K);
    (h >> (64 - HOT_SLOTS.trailing_zeros())) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_spelling_is_derived_once_and_kept_apart() {
        let mut calls = 0;
        let mut cache = WordCache::new(100);
        let mut get = |w: &str| {
            cache.get_or_insert_with(w, |w| {
                calls += 1;
                w.len()
            })
        };
        let words = [
            "a",
            "a\0",
            "ab",
            "a",
            "fifteen-bytes-x",
            "sixteen-bytes-xy",
            "",
        ];
        let lens: Vec<usize> = words.iter().map(|w| get(w)).collect();
        assert_eq!(lens, [1, 2, 2, 1, 15, 16, 0]);
        get("sixteen-bytes-xy");
        get("");
        assert_eq!(calls, 6);
    }

    #[test]
    fn a_word_in_its_text_packs_like_the_word_alone() {
        let text = "a  constructive dialogue between the two sides, with mutual-respect";
        for (start, end) in [
            (0, 1),
            (3, 15),
            (3, 18),
            (16, 24),
            (49, 67),
            (60, 67),
            (0, 16),
        ] {
            let window = text.as_bytes().get(start..start + 16);
            let word = &text[start..end];
            match window {
                Some(w) if word.len() <= 15 => {
                    assert_eq!(Some(pack_window(w, word.len())), pack(word), "{word:?}")
                }
                _ => {}
            }
            let mut cache = WordCache::new(10);
            let first = cache.get_in(text, start, end, |w| w.len());
            let again = cache.get_or_insert_with(word, |_| usize::MAX);
            assert_eq!((first, again), (word.len(), word.len()), "{word:?}");
        }
    }

    #[test]
    fn a_full_cache_starts_again() {
        let mut cache = WordCache::new(2);
        for w in ["one", "two", "three"] {
            cache.get_or_insert_with(w, |_| 0u32);
        }
        assert_eq!(cache.len(), 1);
        let mut calls = 0;
        cache.get_or_insert_with("one", |_| {
            calls += 1;
            1
        });
        assert_eq!(
            (calls, cache.len()),
            (1, 2),
            "a cleared word is derived again"
        );
    }
}
