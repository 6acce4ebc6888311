//! The built-in lexicon's Han runs, cut once ahead of time. jieba-rs builds
//! its 350,000-word dictionary the first time it cuts anything (about half of
//! an English `readouts diff`'s run), and parsing the built-in lexicon used to
//! cut the Chinese phrases of `lexicon/zh.toml`, so every command paid for it
//! even on a corpus without a Chinese character. `han_precut.tsv` holds each
//! maximal Han run of `lexicon/lexicon.toml` and `lexicon/zh.toml` with the
//! words jieba cuts it into; `cut` answers from it, so jieba is loaded only
//! when text outside the lexicon is cut. The table is made by
//! `cargo run --example han_precut > src/text/han_precut.tsv` ([`table`]), and
//! a unit test checks that it equals what jieba gives now, so the two can
//! never disagree: the cut of a run is the same with or without the table.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("han_precut.tsv");

/// The sources whose Han runs the table holds.
pub const SOURCES: &[&str] = &[
    crate::analysis::lexicon::BUILTIN_SOURCE,
    crate::analysis::lexicon::BUILTIN_ZH_SOURCE,
];

/// The words of the Han run `run` as byte ranges of it, when the table holds it.
pub(super) fn cut(run: &str) -> Option<impl Iterator<Item = (usize, usize)> + '_> {
    static CUTS: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let cuts = CUTS.get_or_init(|| {
        TABLE
            .lines()
            .filter_map(|line| line.split_once('\t'))
            .collect()
    });
    let words = cuts.get(run)?;
    let mut at = 0;
    Some(words.split(' ').map(move |w| {
        let span = (at, at + w.len());
        at += w.len();
        span
    }))
}

/// Every maximal run of Han characters in `sources`, sorted and without repeats.
pub fn runs(sources: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for source in sources {
        let mut run = String::new();
        for c in source.chars().chain(std::iter::once(' ')) {
            if super::han::is_han(c) {
                run.push(c);
            } else if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The table for `sources`: one line per run of two or more characters (a
/// single character is never cut), the run, a tab, and jieba's words
/// separated by spaces.
pub fn table(sources: &[&str]) -> String {
    let mut out = String::new();
    for run in runs(sources) {
        if run.chars().nth(1).is_none() {
            continue;
        }
        let words: Vec<&str> = super::han::dictionary_cut(&run)
            .map(|(s, e)| &run[s..e])
            .collect();
        // Only runs whose words cover them end to end ([`cut`] rebuilds the
        // offsets by adding the lengths up).
        if words.concat() != run {
            continue;
        }
        out.push_str(&run);
        out.push('\t');
        out.push_str(&words.join(" "));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checked_in_table_is_what_jieba_cuts_now() {
        let expected = table(SOURCES);
        assert!(expected.lines().count() > 100, "{expected}");
        assert!(
            TABLE == expected,
            "src/text/han_precut.tsv is stale: run `cargo run --example han_precut > src/text/han_precut.tsv`"
        );
    }

    #[test]
    fn the_table_cuts_a_run_as_jieba_does() {
        for run in runs(SOURCES).iter().filter(|r| r.chars().count() > 1) {
            let from_table: Vec<(usize, usize)> = cut(run).expect("in the table").collect();
            let from_jieba: Vec<(usize, usize)> = super::super::han::dictionary_cut(run).collect();
            assert_eq!(from_table, from_jieba, "{run}");
        }
        assert!(cut("不在词表中的一句话").is_none());
    }

    #[test]
    fn the_builtin_lexicon_is_built_without_jieba() {
        super::super::han::jieba_cuts_on_this_thread_reset();
        let lexicon = crate::analysis::lexicon::Lexicon::builtin();
        let matcher = lexicon.matcher();
        assert!(!matcher.sides().is_empty());
        assert_eq!(super::super::han::jieba_cuts_on_this_thread(), 0);
        crate::text::words("不在词表中的一句话").count();
        assert!(
            super::super::han::jieba_cuts_on_this_thread() > 0,
            "the counter counts"
        );
    }
}
