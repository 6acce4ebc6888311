//! The fixed reference the diff weighs words by: how many speeches of the UN
//! General Debate Corpus (1946–2022) hold each word stem.
//!
//! Weights counted over whatever corpus is loaded change when unrelated
//! statements are added (a cited diff went from 4 aligned pairs to 3), so the
//! aligner weighs stems by this table instead. It is built once, by
//! `cargo run --example reference_weights -- ../shared/data/ungdc`,
//! which counts every speech with the tool's own tokeniser and stemmer
//! ([`crate::analysis::align::TermWeights::from_documents`]) and keeps the
//! stems held by at least [`MIN_DF`] speeches; the table (`un-df.tsv`) is
//! embedded in the binary. A stem missing from it counts as held by no
//! speech (the highest weight): a word rarer than that in sixty years of
//! general debate is as specific as a word gets.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Stems held by fewer speeches are left out of the table.
pub const MIN_DF: u32 = 5;

/// Where the reference comes from, for the method line of a diff.
pub const SOURCE: &str = "UN General Debate speeches 1946–2022";

const TABLE: &str = include_str!("un-df.tsv");

/// Stem → the number of reference speeches holding it.
#[derive(Debug)]
pub struct Reference {
    documents: u32,
    df: HashMap<&'static str, u32>,
}

impl Reference {
    /// The embedded table, parsed on first use.
    pub fn get() -> &'static Reference {
        static REFERENCE: OnceLock<Reference> = OnceLock::new();
        REFERENCE.get_or_init(|| Reference::parse(TABLE))
    }

    /// Parses `# documents N` and then `stem<TAB>df` lines (the table is ours:
    /// a malformed line is a build bug, caught by the unit test below).
    fn parse(table: &'static str) -> Reference {
        let mut documents = 0;
        let mut df = HashMap::new();
        for line in table.lines() {
            if let Some(n) = line.strip_prefix("# documents ") {
                documents = n.trim().parse().unwrap_or(0);
            } else if let Some((stem, n)) = line.split_once('\t') {
                if let Ok(n) = n.parse() {
                    df.insert(stem, n);
                }
            }
        }
        Reference { documents, df }
    }

    /// How many speeches the table was counted over.
    pub fn documents(&self) -> u32 {
        self.documents
    }

    /// How many speeches hold `stem` (0 when it is not in the table).
    pub fn df(&self, stem: &str) -> u32 {
        self.df.get(stem).copied().unwrap_or(0)
    }

    /// How many stems the table holds.
    pub fn len(&self) -> usize {
        self.df.len()
    }

    pub fn is_empty(&self) -> bool {
        self.df.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_is_whole_and_well_formed() {
        let r = Reference::get();
        assert!(r.documents() > 10_000, "{}", r.documents());
        assert!(r.len() > 10_000, "{}", r.len());
        let lines = TABLE.lines().filter(|l| !l.starts_with('#')).count();
        assert_eq!(lines, r.len(), "every line is stem<TAB>count");
        assert!(TABLE.lines().filter(|l| !l.starts_with('#')).all(|l| {
            l.split_once('\t')
                .and_then(|(_, n)| n.parse::<u32>().ok())
                .is_some_and(|n| n >= MIN_DF && n <= r.documents())
        }));
    }

    #[test]
    fn common_words_are_frequent_and_specific_ones_rare() {
        let r = Reference::get();
        let stem = |w: &str| crate::text::stem_word(w);
        assert!(r.df(&stem("nations")) > r.documents() / 2);
        assert!(r.df(&stem("fentanyl")) < r.documents() / 100);
        assert_eq!(r.df("zzzqqq"), 0);
    }
}
