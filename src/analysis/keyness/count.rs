//! Counting the terms of a keyness comparison: reads the statements once
//! ([`super::stream`]), counts phrases ([`super::grams`]) and single words,
//! and folds each surface word onto its stem, so that "Countries" and
//! "countries" are one term shown in its most frequent form.
//!
//! Every term carries one tally for group a, group b and the prior, so a
//! statement in several of them is read once. Only terms whose first and last
//! words are content words (not stop words, holding a letter) get a count of
//! their own, since nothing else can be ranked; every n-gram position still
//! counts towards the totals.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use super::grams::{self, Key};
use super::stream::{self, Lexicon, Mask, Read, Totals, MAX_N};
use crate::corpus::Statement;

/// Counts in group a, group b and the prior (u32 in the tables: smaller
/// entries, fewer cache misses).
pub type Tally = [u32; 3];

pub fn add(t: &mut Tally, inc: &Tally) {
    for (a, b) in t.iter_mut().zip(inc) {
        *a = a.saturating_add(*b);
    }
}

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
    let parts = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    count_in_parts(statements, min_count, max_n, parts)
}

/// [`count`], reading the statements in `parts` shares (one per thread when
/// there are cores enough); the counts do not depend on `parts`.
pub fn count_in_parts(
    statements: &[(&Statement, Mask)],
    min_count: u64,
    max_n: usize,
    parts: usize,
) -> Counts {
    let read = stream::read(statements, parts);
    let width = grams::width(read.lexicon.stems.len());
    let (unigrams, phrases) = if u64::fits(width) {
        grams::count::<u64>(&read, width, max_n, min_count)
    } else {
        grams::count::<u128>(&read, 32, max_n, min_count)
    };
    let (mut terms, unigram_surface) = fold_unigrams(&read.lexicon, &unigrams, min_count);
    terms.extend(phrases);
    let mut statements_in = [0; 3];
    for (_, mask) in statements {
        for (g, slot) in statements_in.iter_mut().enumerate() {
            *slot += usize::from((mask >> g) & 1);
        }
    }
    Counts {
        terms,
        totals: read.totals,
        statements: statements_in,
        unigram_surface,
        read,
    }
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
        if super::surface::better(lex, (total, &[surface]), (entry.2, &[entry.1])) {
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
        crate::analysis::keyness::surface::surfaces(c, &[(t.n, t.ids)]).remove(0)
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
    fn a_statement_in_several_groups_is_counted_in_each() {
        let s = sample::statement("e1", "CHN", "2020-01-01", "Peace and peace talks.");
        let t = sample::statement("e1", "USA", "2020-01-01", "Peace talks");
        let c = count(&[(&s, 0b101), (&t, 0b110)], 1, 2);
        assert_eq!(find(&c, "peac").unwrap().tally, [2, 1, 3]);
        assert_eq!(find(&c, "peac talk").unwrap().tally, [1, 1, 2]);
        assert_eq!(c.statements, [1, 1, 2]);
        assert!(c.terms.iter().all(|t| t.n <= 2));
    }

    /// The terms and totals of `statements` counted the plain way: every
    /// n-gram of every run of words, looked up by its stems in a map.
    fn naive(
        statements: &[(&Statement, Mask)],
        max_n: usize,
    ) -> (std::collections::BTreeMap<String, Totals>, [Totals; MAX_N]) {
        let describe = |w: &str| {
            let norm = crate::text::normalise(w);
            let content = !crate::text::is_stopword(&norm) && norm.chars().any(char::is_alphabetic);
            (crate::text::stem(&norm).into_owned(), content)
        };
        let mut terms = std::collections::BTreeMap::new();
        let mut totals = [[0u64; 3]; MAX_N];
        for (s, mask) in statements {
            let inc = stream::increments(*mask).map(u64::from);
            let mut runs: Vec<Vec<(String, bool)>> = vec![Vec::new()];
            let mut prev: Option<crate::text::Word<'_>> = None;
            for w in crate::text::words(&s.text) {
                if prev.is_some_and(|p| stream::breaks(&s.text[p.end..w.start], p.text)) {
                    runs.push(Vec::new());
                }
                runs.last_mut().unwrap().push(describe(w.text));
                prev = Some(w);
            }
            for run in &runs {
                for n in 1..=MAX_N {
                    for gram in run.windows(n) {
                        add_totals(&mut totals[n - 1], &inc);
                        if n <= max_n && gram[0].1 && gram[n - 1].1 {
                            let key: Vec<&str> = gram.iter().map(|(st, _)| st.as_str()).collect();
                            add_totals(terms.entry(key.join(" ")).or_default(), &inc);
                        }
                    }
                }
            }
        }
        (terms, totals)
    }

    fn add_totals(t: &mut Totals, inc: &Totals) {
        t.iter_mut().zip(inc).for_each(|(x, y)| *x += y);
    }

    /// Statements of words drawn with a fixed-seed generator from a small
    /// vocabulary with stop words, capitals, an abbreviation and punctuation.
    fn generated(count: usize) -> Vec<Statement> {
        const WORDS: &[&str] = &[
            "the",
            "of",
            "and",
            "peace",
            "Peace",
            "talks",
            "talk",
            "U.S.",
            "side",
            "sides",
            "developing",
            "countries",
            "Countries",
            "rule",
            "law",
            "China",
            "a",
            "firmly",
            "opposes",
            "2024",
            "co-operation",
            "dialogue",
            "Dialogue",
            "on",
            "human",
            "rights",
        ];
        const GAPS: &[&str] = &[
            " ", " ", " ", " ", ", ", ". ", "; ", "\n\n", " (", ") ", "? ",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |m: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % m as u64) as usize
        };
        (0..count)
            .map(|i| {
                let mut text = String::new();
                for _ in 0..1 + next(60) {
                    text.push_str(WORDS[next(WORDS.len())]);
                    text.push_str(GAPS[next(GAPS.len())]);
                }
                let side = ["CHN", "USA", "RUS"][i % 3];
                sample::statement(&format!("e{i}"), side, "2020-01-01", &text)
            })
            .collect()
    }

    #[test]
    fn counts_match_a_naive_counter_for_any_number_of_threads() {
        let statements = generated(300);
        let masks: [Mask; 7] = [0b001, 0b010, 0b100, 0b101, 0b110, 0b011, 0b111];
        let with_masks: Vec<(&Statement, Mask)> = statements
            .iter()
            .enumerate()
            .map(|(i, s)| (s, masks[i % masks.len()]))
            .collect();
        for max_n in [1, 3] {
            let (terms, totals) = naive(&with_masks, max_n);
            for min_count in [1, 5] {
                let expected: std::collections::BTreeMap<&String, &Totals> = terms
                    .iter()
                    .filter(|(_, t)| t[0] + t[1] >= min_count)
                    .collect();
                assert!(expected.len() > 10, "the sample has terms to compare");
                for parts in [1, 2, 3, 8] {
                    let c = count_in_parts(&with_masks, min_count, max_n, parts);
                    let got: std::collections::BTreeMap<String, Totals> = c
                        .terms
                        .iter()
                        .map(|t| (c.stems(&t.ids[..t.n]), t.tally))
                        .collect();
                    assert_eq!(got.len(), c.terms.len(), "each term once ({parts} parts)");
                    let got: std::collections::BTreeMap<&String, &Totals> = got.iter().collect();
                    assert_eq!(
                        got, expected,
                        "max_n {max_n}, min {min_count}, {parts} parts"
                    );
                    assert_eq!(c.totals, totals, "totals, {parts} parts");
                }
            }
        }
    }
}
