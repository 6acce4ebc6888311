//! Chinese words. Chinese is written without spaces, and UAX #29 makes every
//! Han character a word of its own, so a clause of 霸凌 and 单边主义 would
//! count as a dozen one-character "words". This module cuts every run of Han
//! characters into dictionary words, inside any text: a Chinese conference,
//! an English name in a Chinese answer, a Chinese name quoted in English.
//! Both word splitters of this layer hand their non-ASCII regions to
//! `region_words`, so the index, the lexicon, the aligner, keyness and every
//! count see the same Chinese words.
//!
//! # What a Chinese word is (the one rule)
//!
//! A *Han run* is a maximal stretch of Han characters ([`is_han`]) that are
//! adjacent in the text: punctuation, a space, a Latin letter or a digit ends
//! it. Each Han run is cut by jieba-rs with its bundled dictionary (about
//! 350,000 words) plus [`EXTRA_WORDS`], the diplomatic vocabulary that the
//! dictionary lacks (霸凌, 共赢 …, and the names of the ministers and
//! spokespersons), in *dictionary mode* (jieba's most probable
//! path through the dictionary, no HMM guessing of unknown words): a word is
//! a dictionary word, or a single character where no dictionary word fits.
//! So an unknown name (布林肯, Blinken) is 布 + 林肯, and a search for
//! it is a phrase of two. The cut is deterministic: the same run gives the
//! same words wherever it appears. Set phrases (严重关切, 交换了意见) are
//! several words, matched as phrases by the lexicon like "frank exchange".
//! Chinese words are normalised (nothing to fold) but never stemmed.
//!
//! Every word counts once in "words", whatever its script: rates per 1,000
//! words are per 1,000 of these words in Chinese text. Measured on the 485
//! dates with one MFA press conference in each language (`tests/chinese.rs`,
//! `words_per_character_on_the_paired_mfa_conferences`): 0.55 Chinese words
//! per Han character (1.8 characters a word), and the English version has
//! 1.26 English words per Chinese word. So a Chinese conference has about
//! four fifths of the words of its English translation, and a term said as
//! often in both has a rate per 1,000 words about 1.26 times higher in
//! Chinese: compare Chinese rates with Chinese rates, and across languages
//! divide the Chinese rate by 1.26 (or compare counts per conference).

use std::sync::OnceLock;

use jieba_rs::Jieba;
use unicode_segmentation::UnicodeSegmentation;

/// Words of Chinese diplomatic language that jieba's dictionary lacks, so
/// each is one word (one index term, one lexicon element) and not a run of
/// characters. Only words, never phrases: a phrase is matched as words.
pub const EXTRA_WORDS: &[&str] = &[
    "霸凌",
    "共赢",
    "甩锅",
    "脱钩",
    "断链",
    "操弄",
    "抹黑",
    "长臂管辖",
    "涉华",
    "涉疆",
    "涉港",
    "涉台",
    "涉藏",
    "台独",
    "港独",
    "疆独",
    "藏独",
    "中方",
    "美方",
    "日方",
    "欧方",
    "俄方",
    "英方",
    "外方",
    "双方",
    "各方",
    "有关方面",
    "新冠",
    "新冠肺炎",
    "新冠病毒",
    "抗疫",
    // The ministers and spokespersons of the conferences in the corpus.
    "王毅",
    "秦刚",
    "汪文斌",
    "华春莹",
    "赵立坚",
    "毛宁",
    "林剑",
    "耿爽",
    "陆慷",
    "郭嘉昆",
];

/// Whether `c` is a Han character: the CJK Unified Ideographs and their
/// extensions, the compatibility ideographs and 〇.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{3007}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Whether `text` holds a Han character (a quick byte test first: every Han
/// character is three or four bytes starting at 0xE3 or above).
pub fn has_han(text: &str) -> bool {
    text.bytes().any(|b| b >= 0xE3) && text.chars().any(is_han)
}

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(|| {
        let mut jieba = Jieba::new();
        for word in EXTRA_WORDS {
            // A frequency high enough that the word wins against its parts.
            jieba.add_word(word, Some(10_000), None);
        }
        jieba
    })
}

/// Calls `found(start, end)` for each word of the Han run `run`, with byte
/// offsets shifted by `base`: from the precut table of the built-in
/// lexicon's runs (`han_precut.rs`) when it holds the run, else from jieba.
fn cut_run(run: &str, base: usize, found: &mut impl FnMut(usize, usize)) {
    if run.chars().nth(1).is_none() {
        found(base, base + run.len());
        return;
    }
    if let Some(words) = super::han_precut::cut(run) {
        for (s, e) in words {
            found(base + s, base + e);
        }
        return;
    }
    for (s, e) in dictionary_cut(run) {
        found(base + s, base + e);
    }
}

/// jieba's words of the Han run `run` as byte ranges of it, in dictionary
/// mode, less pieces without a letter or digit (a combining or format
/// character glued to a Han one may come out alone). Loads the dictionary
/// on first use; `cut_run` asks the precut table first.
pub fn dictionary_cut(run: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    #[cfg(test)]
    JIEBA_CUTS.with(|n| n.set(n.get() + 1));
    jieba()
        .cut(run, false)
        .into_iter()
        .filter(|token| token.word.chars().any(char::is_alphanumeric))
        .map(|token| (token.byte_start, token.byte_end))
}

#[cfg(test)]
thread_local! {
    static JIEBA_CUTS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many runs this thread has had jieba cut since the last reset (tests).
#[cfg(test)]
pub(crate) fn jieba_cuts_on_this_thread() -> usize {
    JIEBA_CUTS.with(|n| n.get())
}

#[cfg(test)]
pub(crate) fn jieba_cuts_on_this_thread_reset() {
    JIEBA_CUTS.with(|n| n.set(0));
}

/// The words of `text[start..end]`, a region that no UAX #29 rule looks
/// across: its word segments, except that each run of adjacent Han segments
/// is cut into Chinese words ([`cut_run`]).
///
/// Chinese text is mostly Han characters and CJK punctuation, so the region
/// is first scanned by character: each Han run is cut at once and only the
/// stretches between runs that hold a letter or digit are given to UAX #29.
/// This equals segmenting the whole region ([`uax_region_words`], the
/// reference it is tested against) because UAX #29 always breaks before a
/// Han character and after one, unless what follows is an extending or
/// format character (WB4) that glues to it; a region where a Han character
/// is followed by anything outside [`is_plain_after_han`] takes the
/// reference path.
pub(super) fn region_words(
    text: &str,
    start: usize,
    end: usize,
    found: &mut impl FnMut(usize, usize),
) {
    let region = &text[start..end];
    let mut after_han = false;
    for c in region.chars() {
        if after_han && !is_plain_after_han(c) {
            return uax_region_words(text, start, end, found);
        }
        after_han = is_han(c);
    }
    // Start of the stretch being gathered and whether it is a Han run.
    let (mut from, mut in_run) = (0, false);
    for (i, c) in region.char_indices() {
        let han = is_han(c);
        if han != in_run {
            stretch(text, start, from, i, in_run, found);
            (from, in_run) = (i, han);
        }
    }
    stretch(text, start, from, region.len(), in_run, found);
}

/// The words of one stretch `from..to` of the region at `start`: a Han run,
/// or text between runs (UAX #29 segments, when it holds a letter or digit).
fn stretch(
    text: &str,
    start: usize,
    from: usize,
    to: usize,
    han: bool,
    found: &mut impl FnMut(usize, usize),
) {
    if from == to {
        return;
    }
    let piece = &text[start + from..start + to];
    if han {
        cut_run(piece, start + from, found);
    } else if piece.chars().any(char::is_alphanumeric) {
        uax_region_words(text, start + from, start + to, found);
    }
}

/// Characters after which a Han character stands alone in UAX #29: Han,
/// ASCII, Latin-1 and Latin letters without combining marks, general
/// punctuation, CJK punctuation (less the tone marks U+302A–U+302F) and the
/// full-width forms (less the half-width sound marks U+FF9E–U+FF9F). None of
/// them is Extend, Format or ZWJ.
fn is_plain_after_han(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\0'..='\u{AC}'
            | '\u{AE}'..='\u{2FF}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205E}'
            | '\u{3000}'..='\u{3029}'
            | '\u{3030}'..='\u{303F}'
            | '\u{FF01}'..='\u{FF9D}')
}

/// [`region_words`] by UAX #29 over the whole region: the reference, and the
/// path for regions with an extending character after a Han one.
fn uax_region_words(text: &str, start: usize, end: usize, found: &mut impl FnMut(usize, usize)) {
    let region = &text[start..end];
    // The Han run being gathered, as a byte range of `region`.
    let mut run: Option<(usize, usize)> = None;
    for (i, segment) in region.split_word_bound_indices() {
        let han = segment.chars().next().is_some_and(is_han);
        match (han, run) {
            (true, Some((s, e))) if e == i => run = Some((s, i + segment.len())),
            (true, _) => {
                if let Some((s, e)) = run {
                    cut_run(&region[s..e], start + s, found);
                }
                run = Some((i, i + segment.len()));
            }
            (false, _) => {
                if let Some((s, e)) = run.take() {
                    cut_run(&region[s..e], start + s, found);
                }
                if segment.chars().any(char::is_alphanumeric) {
                    found(start + i, start + i + segment.len());
                }
            }
        }
    }
    if let Some((s, e)) = run {
        cut_run(&region[s..e], start + s, found);
    }
}

#[cfg(test)]
mod tests {
    use crate::text::{for_each_word, word_count, words};

    fn cut(text: &str) -> Vec<&str> {
        words(text).map(|w| w.text).collect()
    }

    fn spans(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for_each_word(text, |s, e| out.push(&text[s..e]));
        out
    }

    #[test]
    fn a_han_run_is_cut_into_dictionary_words() {
        let text = "中方对美方的霸凌行径表示严重关切。";
        assert_eq!(
            cut(text),
            ["中方", "对", "美方", "的", "霸凌", "行径", "表示", "严重", "关切"]
        );
        assert_eq!(spans(text), cut(text));
        assert_eq!(word_count(text), 9);
    }

    #[test]
    fn both_splitters_agree_on_mixed_script() {
        for text in [
            "布林肯（Antony Blinken）国务卿访华，双方充分交换了意见。",
            "Foreign Minister Wang Yi (王毅) met the U.S. side; 中美关系 matters.",
            "2023年3月1日，外交部发言人汪文斌主持例行记者会。",
            "霸凌",
            "a霸凌b 霸凌 1.5霸凌",
        ] {
            assert_eq!(spans(text), cut(text), "{text:?}");
        }
        assert_eq!(
            cut("Wang Yi (王毅) met the press"),
            ["Wang", "Yi", "王毅", "met", "the", "press"]
        );
        // An unknown name is cut into dictionary words or single characters.
        assert_eq!(cut("布林肯"), ["布", "林肯"]);
    }

    #[test]
    fn offsets_slice_the_original_text() {
        let text = "应约同日本外相通电话，并就长臂管辖交换了意见。";
        for w in words(text) {
            assert_eq!(&text[w.start..w.end], w.text);
        }
        assert!(cut(text).contains(&"长臂管辖"));
        assert!(cut(text).contains(&"应约"));
    }

    #[test]
    fn the_same_run_gives_the_same_words_in_any_context() {
        let alone = cut("单边主义");
        for text in ["反对单边主义。", "Unilateralism 单边主义 (单边主义)"] {
            let all = cut(text);
            let found = all.windows(alone.len()).any(|w| w == alone.as_slice());
            assert!(found, "{text:?}: {all:?}");
        }
    }

    #[test]
    fn chinese_words_are_not_stemmed() {
        for w in ["霸凌", "单边主义", "中方"] {
            assert_eq!(crate::text::stem_word(w), w);
        }
    }

    type Spans = Vec<(usize, usize)>;

    fn both_ways(text: &str) -> (Spans, Spans) {
        let (mut fast, mut reference) = (Vec::new(), Vec::new());
        super::region_words(text, 0, text.len(), &mut |s, e| fast.push((s, e)));
        super::uax_region_words(text, 0, text.len(), &mut |s, e| reference.push((s, e)));
        (fast, reference)
    }

    #[test]
    fn the_character_scan_equals_uax_29_on_real_forms() {
        for text in [
            "中方对美方的霸凌行径表示严重关切。",
            "布林肯（Antony Blinken）国务卿访华，双方充分交换了意见。",
            "问：据报道，美国“Voice”称……答：３月１日，G20峰会在Ｂ市举行。",
            "中\u{302A}国 中\u{200D}国 中\u{00AD}国 中\u{FE00}国 中\u{0301}a",
            "1.5霸凌b_c 霸凌's 中'国 中.国 x:中 'a中",
        ] {
            let (fast, reference) = both_ways(text);
            assert_eq!(fast, reference, "{text:?}");
        }
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn the_character_scan_equals_uax_29(
            text in proptest::collection::vec(proptest::sample::select(vec![
                "中", "国", "霸凌", "关切", "，", "。", "“", "”", "（", "）", "、", "：", "　",
                "a", "B", "7", "_", ".", ",", "'", ":", " ", "\n", "-", "é", "\u{0301}",
                "\u{200D}", "\u{00AD}", "\u{302A}", "\u{FF9E}", "ｱ", "Ａ", "１", "々", "〇",
                "\u{1F1FA}", "\u{1F600}", "あ", "カ", "한",
            ]), 0..24).prop_map(|v| v.concat())
        ) {
            let (fast, reference) = both_ways(&text);
            prop_assert_eq!(fast, reference);
        }
    }

    #[test]
    fn english_text_keeps_its_words() {
        let text = "The U.S. side — 40.2 billion, café";
        assert_eq!(cut(text), ["The", "U.S", "side", "40.2", "billion", "café"]);
        assert!(!super::has_han(text));
        assert!(super::has_han("a 中 b"));
    }
}
