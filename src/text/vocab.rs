//! Interning of stems as small integer ids. Matching thousands of lexicon
//! phrases, counting keyness terms and comparing sentences all work on ids,
//! and each distinct surface word is normalised and stemmed only once.

use std::collections::HashMap;

/// A growing table of stems and the surface words already seen.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    by_word: HashMap<Box<str>, u32>,
    by_stem: HashMap<Box<str>, u32>,
    stems: Vec<Box<str>>,
}

impl Vocab {
    pub fn new() -> Vocab {
        Vocab::default()
    }

    /// The stem id of a surface word (normalised and stemmed on first sight).
    pub fn word_id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.by_word.get(word) {
            return id;
        }
        let stem = super::stem_word(word);
        let id = self.stem_id(&stem);
        self.by_word.insert(word.into(), id);
        id
    }

    /// The id of a stem, added if new.
    pub fn stem_id(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.by_stem.get(stem) {
            return id;
        }
        let id = u32::try_from(self.stems.len()).expect("fewer than 4 billion distinct stems");
        self.stems.push(stem.into());
        self.by_stem.insert(stem.into(), id);
        id
    }

    /// The id of a surface word if its stem is known, without adding anything.
    pub fn lookup_word(&self, word: &str) -> Option<u32> {
        self.by_word
            .get(word)
            .copied()
            .or_else(|| self.by_stem.get(super::stem_word(word).as_str()).copied())
    }

    pub fn stem(&self, id: u32) -> &str {
        &self.stems[id as usize]
    }

    pub fn len(&self) -> usize {
        self.stems.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surface_forms_share_their_stem_id() {
        let mut v = Vocab::new();
        let a = v.word_id("Bullying");
        assert_eq!(v.word_id("bullied"), a);
        assert_eq!(v.lookup_word("bully"), Some(a));
        assert_ne!(v.word_id("progress"), a);
        assert_eq!(v.stem(a), "bulli");
        assert_eq!(v.len(), 2);
    }
}
