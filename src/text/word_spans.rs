//! The words of a text as byte ranges, for the passes that read every word
//! of a large corpus (tagging, counting). It gives exactly the words of
//! [`super::words`], but reads ASCII text 64 bytes at a time.
//!
//! Why: the byte-by-byte word iterator stops at the end of every word, and
//! the processor cannot guess where words end, so it pays a mispredicted
//! branch or two per word: most of the cost of tagging the UN corpus. Here
//! each 64-byte block is first turned into two bit masks (one bit per byte:
//! word character; punctuation that may join two words), with SSE2 on
//! x86-64 and plain `u64` arithmetic elsewhere. The joining rule of
//! [`super::words_fast`] (`joins`) is checked only at joiners between two
//! word bytes, and the word starts and ends are read off the set bits of one mask.
//!
//! The text is cut at its non-ASCII characters: the region between the safe
//! points (and U+202F, which separates words here) around each one (see
//! `words_fast`) goes to `unicode-segmentation`, and the ASCII stretches
//! between those regions to the mask path. UAX #29 looks across no safe
//! point, so the pieces give the words of the whole.

use unicode_segmentation::UnicodeSegmentation;

use super::words_fast::{is_cut, joins};

/// Calls `found(start, end)` for every word of `text`, in order: the same
/// byte ranges as [`super::words`].
pub fn for_each_word(text: &str, mut found: impl FnMut(usize, usize)) {
    let b = text.as_bytes();
    let mut at = 0;
    while at < b.len() {
        let Some(wide) = first_non_ascii(b, at) else {
            ascii_words(b, at, b.len(), &mut found);
            return;
        };
        let mut start = wide;
        while start > at && !is_cut(b, start) {
            start -= 1;
        }
        let mut end = wide + 1;
        while end < b.len() && !is_cut(b, end) {
            end += 1;
        }
        ascii_words(b, at, start, &mut found);
        unicode_words(text, start, end, &mut found);
        at = end;
    }
}

/// The first byte at or after `from` that is not ASCII, read 16 bytes at a time.
fn first_non_ascii(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i + 16 <= b.len() {
        let mut chunk = [0u8; 16];
        chunk.copy_from_slice(&b[i..i + 16]);
        if u128::from_le_bytes(chunk) & 0x8080_8080_8080_8080_8080_8080_8080_8080 != 0 {
            break;
        }
        i += 16;
    }
    b[i..].iter().position(|&c| c >= 0x80).map(|k| i + k)
}

/// The words of `text[start..end]`, a region between safe points, by UAX #29.
fn unicode_words(text: &str, start: usize, end: usize, found: &mut impl FnMut(usize, usize)) {
    if super::han::has_han(&text[start..end]) {
        return super::han::region_words(text, start, end, found);
    }
    for (i, segment) in text[start..end].split_word_bound_indices() {
        if segment.chars().any(char::is_alphanumeric) {
            found(start + i, start + i + segment.len());
        }
    }
}

/// One bit per byte of a 64-byte block (bit i = byte i).
#[derive(Clone, Copy, Default)]
struct Masks {
    /// Letters, digits and `_`.
    word: u64,
    /// Bytes that may join two words into one: a superset of `'` `,` `.`
    /// `:` `;` (0x27..=0x2E and 0x3A..=0x3B); each candidate is checked.
    joiner: u64,
}

impl Masks {
    /// The masks of `b[from..to]` (at most 64 bytes, all ASCII); bytes past
    /// `to` count as neither.
    #[inline]
    fn of(b: &[u8], from: usize, to: usize) -> Masks {
        let len = to.saturating_sub(from).min(64);
        if len == 0 {
            return Masks::default();
        }
        let mut block = [0u8; 64];
        let bytes = match b.get(from..from + 64) {
            Some(full) if len == 64 => full,
            _ => {
                block[..len].copy_from_slice(&b[from..from + len]);
                &block
            }
        };
        let bytes: &[u8; 64] = bytes.try_into().unwrap_or(&[0; 64]);
        block_masks(bytes)
    }
}

/// The masks of 64 ASCII bytes, with SSE2 (part of every x86-64 processor):
/// 16 bytes per comparison.
#[cfg(target_arch = "x86_64")]
#[inline]
#[allow(unused_unsafe)]
fn block_masks(bytes: &[u8; 64]) -> Masks {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    /// 0xFF in each byte between `lo` and `hi` (bytes and bounds below 0x80).
    #[inline]
    fn between(x: __m128i, lo: u8, hi: u8) -> __m128i {
        // SAFETY: SSE2 register operations only.
        unsafe {
            let above = _mm_cmpgt_epi8(x, _mm_set1_epi8(lo as i8 - 1));
            _mm_and_si128(above, _mm_cmplt_epi8(x, _mm_set1_epi8(hi as i8 + 1)))
        }
    }
    let mut m = Masks::default();
    for k in 0..4 {
        // SAFETY: the load reads bytes 16k..16k+16 of a 64-byte array; the
        // rest are SSE2 register operations.
        let (word, joiner) = unsafe {
            let x = _mm_loadu_si128(bytes.as_ptr().add(16 * k) as *const __m128i);
            let letter = between(_mm_or_si128(x, _mm_set1_epi8(0x20)), b'a', b'z');
            let digit = between(x, b'0', b'9');
            let underscore = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'_' as i8));
            let word = _mm_or_si128(_mm_or_si128(letter, digit), underscore);
            let joiner = _mm_or_si128(between(x, b'\'', b'.'), between(x, b':', b';'));
            (_mm_movemask_epi8(word), _mm_movemask_epi8(joiner))
        };
        m.word |= (word as u16 as u64) << (16 * k);
        m.joiner |= (joiner as u16 as u64) << (16 * k);
    }
    m
}

/// The same, eight bytes at a time in `u64`s, on other processors.
#[cfg(not(target_arch = "x86_64"))]
fn block_masks(bytes: &[u8; 64]) -> Masks {
    block_masks_swar(bytes)
}

/// The masks of 64 ASCII bytes with plain integer operations (SWAR).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn block_masks_swar(bytes: &[u8; 64]) -> Masks {
    let mut m = Masks::default();
    for (k, eight) in bytes.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(eight);
        let x = u64::from_le_bytes(word);
        let letter = in_range(x | splat(0x20), b'a', b'z');
        let word = letter | in_range(x, b'0', b'9') | in_range(x, b'_', b'_');
        let joiner = in_range(x, b'\'', b'.') | in_range(x, b':', b';');
        m.word |= gather(word) << (8 * k);
        m.joiner |= gather(joiner) << (8 * k);
    }
    m
}

const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The high bit of each byte of `x` (all bytes ASCII) set when `lo <= byte <= hi`:
/// adding `0x80 - lo` sets it when the byte is at least `lo`, adding
/// `0x7F - hi` when it is above `hi`, and no sum carries into the next byte.
#[inline]
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let at_least = x.wrapping_add(splat(0x80 - lo));
    let above = x.wrapping_add(splat(0x7F - hi));
    at_least & !above & splat(0x80)
}

/// The high bits of the eight bytes of `m`, as the low eight bits.
#[inline]
fn gather(m: u64) -> u64 {
    (m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The words of the ASCII stretch `b[start..end]`, read as a text of its own
/// (both ends are safe points or ends of the text).
fn ascii_words(b: &[u8], start: usize, end: usize, found: &mut impl FnMut(usize, usize)) {
    let mut block = Masks::of(b, start, end);
    // Whether the last byte of the previous block is in a word.
    let mut word_in = 0u64;
    let mut open: Option<usize> = None;
    let mut base = start;
    while base < end {
        let next = Masks::of(b, base + 64, end);
        let word_before = block.word << 1 | word_in;
        let word_after = block.word >> 1 | next.word << 63;
        let mut candidates = block.joiner & word_before & word_after;
        let mut word = block.word;
        while candidates != 0 {
            let bit = candidates.trailing_zeros();
            let i = base + bit as usize;
            if joins(b[i - 1], b[i], b[i + 1]) {
                word |= 1 << bit;
            }
            candidates &= candidates - 1;
        }
        // A set bit where a word starts or the byte after a word's end.
        let mut edges = word ^ (word << 1 | word_in);
        while edges != 0 {
            let at = base + edges.trailing_zeros() as usize;
            match open.take() {
                None => open = Some(at),
                Some(s) => emit(b, s, at, found),
            }
            edges &= edges - 1;
        }
        word_in = word >> 63;
        block = next;
        base += 64;
    }
    if let Some(s) = open {
        emit(b, s, end, found);
    }
}

/// Reports `b[start..end]` unless it holds no letter or digit (a run of `_`).
#[inline]
fn emit(b: &[u8], start: usize, end: usize, found: &mut impl FnMut(usize, usize)) {
    // A word starts with a letter, a digit or `_`.
    if b[start] != b'_' || b[start..end].iter().any(u8::is_ascii_alphanumeric) {
        found(start, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for_each_word(text, |s, e| out.push((s, e)));
        out
    }

    /// The UAX #29 word segments that hold a letter or digit.
    fn reference(text: &str) -> Vec<(usize, usize)> {
        super::super::words_fast::reference_segments(text)
            .into_iter()
            .map(|(i, w)| (i, i + w.len()))
            .collect()
    }

    /// Pieces that exercise every mask rule, block edges and the hand-over
    /// to the Unicode path.
    const PIECES: &[&str] = &[
        "a", "Zq", "word", "7", "_", ".", ",", ";", ":", "'", "\"", " ", "  ", "\n", "\r\n", "\t",
        "-", "(", "é", "\u{301}", "\u{AD}", "\u{200D}", "\u{2019}", "\u{FEFF}", "\u{4E2D}",
        "\u{3002}", "\u{A0}", "\u{202F}", "\u{2009}", "U.S.", "1,000.5", "don't", "e.g.", "a:b",
        "__", "x_1",
    ];

    /// Texts of up to `max_len` bytes of `PIECES` (half of them ASCII only),
    /// reproducible from `seed`.
    fn generated(seed: u64, count: usize, max_len: usize) -> impl Iterator<Item = String> {
        let mut next = crate::text::lcg(seed);
        (0..count).map(move |_| {
            let len = next() % max_len;
            let ascii_only = next() % 2 == 0;
            let mut text = String::new();
            while text.len() < len {
                let piece = PIECES[next() % PIECES.len()];
                if !ascii_only || piece.is_ascii() {
                    text.push_str(piece);
                }
            }
            text
        })
    }

    #[test]
    fn equals_unicode_segmentation_on_generated_texts() {
        for text in generated(0xb10c, 60_000, 300) {
            assert_eq!(spans(&text), reference(&text), "text {text:?}");
        }
    }

    #[test]
    fn both_mask_paths_agree() {
        let mut next = crate::text::lcg(7);
        for _ in 0..20_000 {
            let mut block = [0u8; 64];
            for b in block.iter_mut() {
                *b = (next() % 0x80) as u8;
            }
            let (a, b) = (block_masks(&block), block_masks_swar(&block));
            assert_eq!((a.word, a.joiner), (b.word, b.joiner), "{block:?}");
        }
    }

    #[test]
    fn words_across_block_edges() {
        for pad in 0..70 {
            let text = format!("{}U.S. 1,000.5 don't x__ __ a.b", " ".repeat(pad));
            assert_eq!(spans(&text), reference(&text), "pad {pad}");
            let long = "w".repeat(pad + 60);
            assert_eq!(spans(&long), [(0, long.len())]);
        }
        assert!(spans("").is_empty());
        assert!(spans("___ -- ..").is_empty());
    }

    #[test]
    fn equals_unicode_segmentation_on_the_un_corpus() {
        let read = crate::text::for_each_un_speech(|path, text| {
            assert!(spans(text) == reference(text), "{}", path.display());
        });
        if let Some(speeches) = read {
            assert!(speeches > 10_000, "only {speeches} speeches read");
        }
    }
}
