//! Boilerplate: sentences that recur verbatim across many statements of the
//! corpus ("Office of the Spokesperson", "Thank you, Mr. President."). They say
//! nothing about the event, yet two statements of one publisher share them
//! word for word, so an aligner would pair them first and count them as shared
//! wording. [`Boilerplate::find`] marks the sentences of the compared
//! statements that also occur in at least [`MIN_OTHER_STATEMENTS`] other
//! statements; the diff leaves them out of the alignment and of the
//! shared-wording figures and says how many it left out.
//!
//! Cost: one segmentation and one hash per sentence of the statements it is
//! given to count in (the caller passes those of the compared sides only).

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use crate::corpus::{Corpus, Statement};
use crate::text::segment::sentences;

/// Other statements a sentence must recur in, verbatim, to be boilerplate.
pub const MIN_OTHER_STATEMENTS: usize = 3;

/// The sentences (by a hash of their text) judged boilerplate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Boilerplate {
    hashes: HashSet<u64>,
}

impl Boilerplate {
    /// Marks the sentences of `compared` that occur in at least
    /// [`MIN_OTHER_STATEMENTS`] of `others` (which should not hold `compared`).
    pub fn find<'a>(compared: &[&str], others: impl IntoIterator<Item = &'a str>) -> Boilerplate {
        let mut counts: HashMap<u64, usize> = compared
            .iter()
            .flat_map(|text| sentences(text).into_iter().map(|s| key(s.text(text))))
            .map(|h| (h, 0))
            .collect();
        let mut seen = HashSet::new();
        for text in others {
            seen.clear();
            for s in sentences(text) {
                let h = key(s.text(text));
                if let Some(n) = counts.get_mut(&h) {
                    if seen.insert(h) {
                        *n += 1;
                    }
                }
            }
        }
        let hashes = counts
            .into_iter()
            .filter(|&(_, n)| n >= MIN_OTHER_STATEMENTS)
            .map(|(h, _)| h)
            .collect();
        Boilerplate { hashes }
    }

    /// Whether `sentence` is boilerplate.
    pub fn contains(&self, sentence: &str) -> bool {
        !self.hashes.is_empty() && self.hashes.contains(&key(sentence))
    }

    /// How many distinct sentences were marked.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }
}

/// Boilerplate for a diff of `compared`: counted over the corpus statements
/// of the same sides (a publisher repeats its own lines), the compared ones
/// left out.
pub fn for_statements(corpus: &Corpus, compared: &[&Statement]) -> Boilerplate {
    let others = corpus
        .statements()
        .map(|(_, s)| s)
        .filter(|s| compared.iter().any(|c| c.side == s.side))
        .filter(|s| !compared.iter().any(|c| std::ptr::eq(*c, *s)))
        .map(|s| s.text.as_str());
    let texts: Vec<&str> = compared.iter().map(|s| s.text.as_str()).collect();
    Boilerplate::find(&texts, others)
}

/// A hash of the sentence's words, white space collapsed (same text, same key).
fn key(sentence: &str) -> u64 {
    let mut h = DefaultHasher::new();
    for word in sentence.split_whitespace() {
        word.hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_in_enough_other_statements_is_boilerplate() {
        let line = "Office of the Spokesperson";
        let a = format!("{line}\n\nThe Secretary met the Minister.");
        let others: Vec<String> = (0..MIN_OTHER_STATEMENTS)
            .map(|k| format!("{line}\n\nA statement about topic {k}."))
            .collect();
        let found = Boilerplate::find(&[&a], others.iter().map(String::as_str));
        assert!(found.contains(line));
        assert!(
            found.contains("Office  of the\nSpokesperson"),
            "white space does not matter"
        );
        assert!(!found.contains("The Secretary met the Minister."));
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn too_few_recurrences_or_repeats_within_one_statement_do_not_count() {
        let line = "Office of the Spokesperson";
        let a = format!("{line}\n\nThe Secretary met the Minister.");
        let repeated = format!("{line}\n\n{line}\n\n{line}\n\n{line}");
        let others = vec![repeated.as_str(), line];
        let found = Boilerplate::find(&[&a], others);
        assert!(found.is_empty(), "{found:?}");
        assert!(!Boilerplate::default().contains(line));
    }
}
