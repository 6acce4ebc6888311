//! Property tests over generated text, run by every `cargo test`: the same
//! invariants the fuzz targets check (tests/invariants), on readout-like text
//! built from the words and marks that decide sentence boundaries and lexicon
//! matches (abbreviations, list markers, quotes, CJK stops, negators, gap
//! phrases) and on arbitrary Unicode. proptest shrinks a failure to a short
//! text worth a regression test.

use crate::invariants;

use proptest::prelude::*;

/// Pieces that make boundaries and matches hard: the segmenter's
/// abbreviation rules, line and list structure, quotes, CJK stops, and the
/// lexicon's phrases, variants, negators, exact words and ignore phrases.
const PIECES: &[&str] = &[
    "U.S.",
    "Mr.",
    "No.",
    "No. 1",
    "a.m.",
    "Jan.",
    "e.g.",
    "etc.",
    "...",
    "1.",
    "(a)",
    "- ",
    "• ",
    "\n",
    "\n\n",
    "\r\n",
    "  ",
    " ",
    ".",
    "!",
    "?",
    ",",
    ";",
    ":",
    "\"",
    "”",
    "’",
    ")",
    "(",
    "。",
    "！",
    "中国",
    "美方",
    "The",
    "the",
    "China",
    "side",
    "sides",
    "agreed",
    "urged",
    "to",
    "the U.S. side",
    "grave concern",
    "concerned",
    "parties concerned",
    "frank",
    "candid",
    "constructive",
    "construction",
    "dialogue",
    "not",
    "no",
    "neither",
    "never",
    "unilateral",
    "bullying",
    "win-win",
    "at the request of",
    "requested",
    "stern",
    "representations",
    "firmly opposes",
    "trade",
    "tariffs",
    "soybeans",
    "fentanyl",
    "Taiwan",
    "é",
    "\u{301}",
    "\u{200b}",
    "\u{a0}",
    "İ",
    "ß",
    "🙂",
    "x.Y",
    "49.1",
    "$40.2",
];

fn readout_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "[a-zA-Z]{1,8}",
        ],
        0..60,
    )
    .prop_map(|pieces| {
        let mut out = String::new();
        for p in pieces {
            if !out.is_empty() && !out.ends_with(char::is_whitespace) && p.len() > 1 {
                out.push(' ');
            }
            out.push_str(&p);
        }
        out
    })
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => readout_text(), 1 => any::<String>()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn segmentation_never_loses_or_reorders_text(text in any_text()) {
        invariants::check_sentences(&text);
    }

    #[test]
    fn lexicon_hits_are_well_formed_on_arbitrary_text(text in any_text()) {
        let hits = invariants::builtin_matcher().find(&text);
        invariants::check_hits(&text, &hits);
    }

    #[test]
    fn every_sentence_of_both_statements_appears_once_in_a_diff(
        left in any_text(),
        right in any_text(),
    ) {
        let d = invariants::diff_of(&left, &right);
        invariants::check_diff(&left, &right, &d);
    }
}

/// The generator reaches what the properties are about: of 200 generated
/// texts, many hold several sentences and lexicon hits, and some pairs of them
/// align (a generator that never made a hit would test nothing).
#[test]
fn the_generated_texts_hold_sentences_hits_and_aligned_pairs() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let texts: Vec<String> = (0..200)
        .map(|_| readout_text().new_tree(&mut runner).unwrap().current())
        .collect();
    let multi = texts
        .iter()
        .filter(|t| invariants::check_sentences(t).len() > 1);
    let with_hits = texts
        .iter()
        .filter(|t| !invariants::builtin_matcher().find(t).is_empty());
    let pairs: usize = texts
        .chunks(2)
        .map(|p| invariants::diff_of(&p[0], &p[1]).pairs)
        .sum();
    assert!(multi.count() > 50);
    assert!(with_hits.count() > 50);
    assert!(pairs > 10, "{pairs} aligned pairs");
}

/// Found by the property above: a word that a sentence boundary cuts
/// ("agreed.China") was shown whole in the first sentence's passage, so the
/// diff printed "China" twice, once in each sentence.
#[test]
fn a_word_cut_by_a_sentence_end_stays_in_its_sentence() {
    for left in ["𛲐.ዀ", "They agreed.China said no."] {
        let d = invariants::diff_of(left, "");
        invariants::check_diff(left, "", &d);
    }
}
