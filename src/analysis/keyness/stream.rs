//! Reading the statements of a comparison once: every statement is split into
//! words a single time and kept as a stream of small integer surface ids, so
//! that counting n-grams, choosing surface forms and totalling positions never
//! tokenise or hash a string again. Threads tokenise their share of the
//! statements with their own interner (no locks); the distinct words of all
//! threads are then joined into one [`Lexicon`], where each distinct word is
//! normalised and stemmed once, and the streams are rewritten to its ids.

use rustc_hash::FxHashMap;

use crate::corpus::Statement;
use crate::text;

/// Longest n-gram counted.
pub const MAX_N: usize = 3;

/// Membership of a statement: bit 0 group a, bit 1 group b, bit 2 the prior.
pub type Mask = u8;

/// Totals in group a, group b and the prior.
pub type Totals = [u64; 3];

/// In a stream, the end of a run of words (sentence punctuation, blank line).
pub const BREAK: u32 = u32::MAX;

/// One thread's statements as surface ids.
#[derive(Debug, Default)]
pub struct Stream {
    /// Surface ids, with [`BREAK`] where phrases may not continue.
    pub ids: Vec<u32>,
    /// Per statement: its range in `ids` and its membership.
    pub spans: Vec<(usize, usize, Mask)>,
}

/// Every distinct surface word of a comparison and what counting needs of it.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub words: Vec<Box<str>>,
    /// Stem id of each surface id.
    pub stem: Vec<u32>,
    /// Whether a surface word may stand at the edge of a ranked term (not a
    /// stop word, holds a letter).
    pub content: Vec<bool>,
    /// Capital letters in each surface word (for choosing the shown form).
    pub caps: Vec<u8>,
    /// The stems, by stem id.
    pub stems: Vec<Box<str>>,
}

/// Whether the text between two words ends a run of words: sentence
/// punctuation (`.`, `!`, `?`, `;`, `:`) or a blank line. A full stop right
/// after a dotted abbreviation (`U.S.`) or an initial does not.
pub fn breaks(gap: &str, previous: &str) -> bool {
    let bytes = gap.as_bytes();
    if bytes == b" " {
        return false;
    }
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

/// Interns words: those of up to 15 bytes by their bytes packed in a `u128`
/// (no allocation, two multiplies to hash), longer ones by string. A small
/// direct-mapped cache in front of the table holds the recently seen short
/// words; it stays in the core's cache and answers most lookups in running
/// text (a few thousand words make up most of any text) with one probe.
#[derive(Debug)]
struct Interner {
    recent: Vec<([u64; 2], u32)>,
    short: FxHashMap<u128, u32>,
    long: FxHashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
}

const RECENT_BITS: u32 = 12;

impl Default for Interner {
    fn default() -> Interner {
        Interner {
            // Key 0 is no word (a word has at least one byte), so empty slots never match.
            recent: vec![([0, 0], 0); 1 << RECENT_BITS],
            short: FxHashMap::default(),
            long: FxHashMap::default(),
            words: Vec::new(),
        }
    }
}

/// The key of a word of up to 15 bytes: its bytes, and its length in the
/// top byte. `text[start..]` begins with the word; when 16 bytes of it can be
/// read at once, the bytes after the word are masked off instead of copied.
fn short_key(text: &[u8], start: usize, len: usize) -> Option<u128> {
    if len > 15 {
        return None;
    }
    let bytes = match text.get(start..start + 16) {
        Some(sixteen) => {
            let raw = u128::from_le_bytes(sixteen.try_into().ok()?);
            raw & ((1u128 << (8 * len)) - 1)
        }
        None => {
            let mut buf = [0u8; 16];
            buf[..len].copy_from_slice(&text[start..start + len]);
            u128::from_le_bytes(buf)
        }
    };
    Some(bytes | ((len as u128) << 120))
}

impl Interner {
    /// The id of `text[start..end]`.
    fn id_at(&mut self, text: &str, start: usize, end: usize) -> u32 {
        let next = self.words.len() as u32;
        let word = &text[start..end];
        let id = match short_key(text.as_bytes(), start, end - start) {
            Some(key) => {
                let halves = [key as u64, (key >> 64) as u64];
                let mixed = (halves[0].wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ halves[1])
                    .wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
                let slot = (mixed >> (64 - RECENT_BITS)) as usize;
                if self.recent[slot].0 == halves {
                    return self.recent[slot].1;
                }
                let id = *self.short.entry(key).or_insert(next);
                self.recent[slot] = (halves, id);
                id
            }
            None => match self.long.get(word) {
                Some(&id) => id,
                None => *self.long.entry(word.into()).or_insert(next),
            },
        };
        if id == next {
            self.words.push(word.into());
        }
        id
    }

    fn id(&mut self, word: &str) -> u32 {
        self.id_at(word, 0, word.len())
    }
}

/// What one thread read: its stream on its own ids, and n-gram position totals.
struct Local {
    interner: Interner,
    stream: Stream,
    totals: [Totals; MAX_N],
}

/// Bits of a mask as counts in (a, b, prior).
pub fn increments(mask: Mask) -> [u32; 3] {
    [
        u32::from(mask & 1),
        u32::from((mask >> 1) & 1),
        u32::from((mask >> 2) & 1),
    ]
}

impl Local {
    fn read(&mut self, text: &str, mask: Mask) {
        let start = self.stream.ids.len();
        let mut positions = [0u64; MAX_N];
        let mut run = 0usize;
        let mut prev: Option<text::Word<'_>> = None;
        for w in text::words(text) {
            if let Some(p) = prev {
                if breaks(&text[p.end..w.start], p.text) {
                    run = 0;
                    self.stream.ids.push(BREAK);
                }
            }
            prev = Some(w);
            self.stream
                .ids
                .push(self.interner.id_at(text, w.start, w.end));
            run = (run + 1).min(MAX_N);
            for slot in &mut positions[..run] {
                *slot += 1;
            }
        }
        let inc = increments(mask);
        for (total, &count) in self.totals.iter_mut().zip(&positions) {
            for (t, i) in total.iter_mut().zip(inc) {
                *t += count * u64::from(i);
            }
        }
        self.stream.spans.push((start, self.stream.ids.len(), mask));
    }
}

/// Everything the counters need: the streams (on lexicon ids), the lexicon
/// and the n-gram position totals (`totals[n - 1]` for order n).
pub struct Read {
    pub streams: Vec<Stream>,
    pub lexicon: Lexicon,
    pub totals: [Totals; MAX_N],
}

/// Reads `statements` (each with its membership) on `threads` threads.
pub fn read(statements: &[(&Statement, Mask)], threads: usize) -> Read {
    let chunks = split_by_size(statements, threads);
    let locals: Vec<Local> = crate::par::map(&chunks, 1, |chunk| {
        let mut local = Local {
            interner: Interner::default(),
            stream: Stream::default(),
            totals: [[0; 3]; MAX_N],
        };
        for (s, mask) in *chunk {
            local.read(&s.text, *mask);
        }
        local
    });
    join(locals)
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

/// Joins the threads' words into one lexicon and rewrites their streams to it.
fn join(locals: Vec<Local>) -> Read {
    let mut global = Interner::default();
    let mut totals = [[0u64; 3]; MAX_N];
    let mut parts = Vec::new();
    for local in locals {
        let map: Vec<u32> = local.interner.words.iter().map(|w| global.id(w)).collect();
        for (t, l) in totals.iter_mut().zip(&local.totals) {
            for (x, y) in t.iter_mut().zip(l) {
                *x += y;
            }
        }
        parts.push((local.stream, map));
    }
    let streams = crate::par::map_owned(parts, |(mut stream, map): (Stream, Vec<u32>)| {
        for id in stream.ids.iter_mut().filter(|id| **id != BREAK) {
            *id = map[*id as usize];
        }
        stream
    });
    Read {
        streams,
        lexicon: lexicon(global.words),
        totals,
    }
}

/// What one surface word is: its stem, whether it is a content word, capitals.
fn describe(word: &str) -> (String, bool, u8) {
    let normalised = text::normalise(word);
    let content = !text::is_stopword(&normalised) && normalised.chars().any(char::is_alphabetic);
    let caps = word.chars().filter(|c| c.is_uppercase()).count();
    let stem = text::stem(&normalised).into_owned();
    (stem, content, caps.min(255) as u8)
}

/// Stems every distinct word once (in parallel) and numbers the stems.
fn lexicon(words: Vec<Box<str>>) -> Lexicon {
    let described = crate::par::map(&words, 1024, |w| describe(w));
    let mut lexicon = Lexicon::default();
    let mut stem_ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
    for (stem, content, caps) in described {
        let next = lexicon.stems.len() as u32;
        let id = *stem_ids.entry(stem.as_str().into()).or_insert(next);
        if id == next {
            lexicon.stems.push(stem.into_boxed_str());
        }
        lexicon.stem.push(id);
        lexicon.content.push(content);
        lexicon.caps.push(caps);
    }
    lexicon.words = words;
    lexicon
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_words_intern_apart_and_consistently() {
        let mut i = Interner::default();
        let long = "internationalisation";
        let ids = [
            i.id("a"),
            i.id(long),
            i.id("a\u{e9}"),
            i.id("a"),
            i.id(long),
        ];
        assert_eq!(ids, [0, 1, 2, 0, 1]);
        assert_eq!(&*i.words[2], "a\u{e9}");
        // Read in place from a longer text, or copied at its end: same key.
        let text = "xx a internationalisation a";
        assert_eq!(i.id_at(text, 3, 4), 0);
        assert_eq!(i.id_at(text, 26, 27), 0);
        assert_eq!(i.id_at(text, 5, 25), 1);
    }

    #[test]
    fn breaks_and_totals_follow_sentences() {
        let mut local = Local {
            interner: Interner::default(),
            stream: Stream::default(),
            totals: [[0; 3]; MAX_N],
        };
        local.read("One two three. Four five", 0b101);
        assert_eq!(local.stream.ids, [0, 1, 2, BREAK, 3, 4]);
        assert_eq!(local.stream.spans, [(0, 6, 0b101)]);
        assert_eq!(local.totals, [[5, 0, 5], [3, 0, 3], [1, 0, 1]]);
    }
}
