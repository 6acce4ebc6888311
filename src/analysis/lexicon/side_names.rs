//! Which government a name in a sentence points to, for the initiator: "the
//! U.S. side", "Prime Minister Giorgia Meloni of Italy", "Israeli National
//! Security Advisor", "to the White House", "the Taoiseach". A readout names
//! the other party in many ways, and an initiator phrase is only as good as the
//! names it can resolve.
//!
//! The table is read in this order, the first reading of a name winning: the
//! lexicon's own `[sides]` (user-extendable with `--lexicon`), the curated
//! `lexicon/side-names.toml` (other country names, demonyms, capitals,
//! offices), the ISO 3166 short names (the part before any comma or
//! parenthesis; a few names that are mostly U.S. states or first names are
//! left out) and the names of the officials table
//! (`src/corpus/officials.toml`). Names are matched by stem like lexicon
//! phrases; an all-capital name (`US`, `ROK`) only as written.

use std::collections::HashMap;

use super::SideNames;
use crate::corpus::iso3166::CURRENT;
use crate::corpus::officials::Officials;
use crate::corpus::Side;
use crate::text::{self, stem_word};

/// ISO short names left out: in these texts they mostly name something else.
const NOT_FROM_ISO: &[&str] = &["Georgia", "Jersey", "Chad", "Jordan"];

const CURATED: &str = include_str!("../../../lexicon/side-names.toml");

/// One side name mentioned in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub side: Side,
    /// The words as written.
    pub named: String,
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
    /// Position of the name's first word among the words searched.
    pub word_index: usize,
}

#[derive(Debug, Clone)]
struct Name {
    /// Per word: the key it is matched by (stem, or the word itself for an
    /// all-capital word) and whether it is all capitals.
    parts: Vec<(String, bool)>,
    side: Side,
}

/// Every side name, indexed by the key of its first word.
#[derive(Debug, Clone, Default)]
pub struct SideTable {
    by_first: HashMap<String, Vec<Name>>,
}

impl SideTable {
    /// The table for a lexicon's `[sides]` plus the built-in names.
    pub fn new(lexicon: &[SideNames]) -> SideTable {
        let mut t = SideTable::default();
        for s in lexicon {
            for n in &s.names {
                t.add(n, &s.side);
            }
        }
        for (side, names) in curated() {
            for n in &names {
                t.add(n, &side);
            }
        }
        for (code, _, name) in CURRENT {
            let short = name.split([',', '(']).next().unwrap_or(name).trim();
            if let (false, Ok(side)) = (NOT_FROM_ISO.contains(&short), Side::parse(code)) {
                t.add(short, &side);
            }
        }
        let officials = Officials::bundled();
        for o in officials.people() {
            if let Ok(side) = Side::parse(&o.side) {
                for n in o.names.iter().chain([&o.name]) {
                    t.add(n, &side);
                }
            }
        }
        t
    }

    fn add(&mut self, name: &str, side: &Side) {
        let parts: Vec<(String, bool)> = text::words(name).map(|w| key(w.text)).collect();
        let Some(first) = parts.first().map(|p| p.0.clone()) else {
            return;
        };
        let list = self.by_first.entry(first).or_default();
        if list.iter().any(|n| n.parts == parts) {
            return;
        }
        list.push(Name {
            parts,
            side: side.clone(),
        });
    }

    /// Side names in `text[from..to]`, in order, the longest name at each word.
    pub fn mentions(&self, text: &str, from: usize, to: usize) -> Vec<Mention> {
        let region = &text[from..to];
        let words: Vec<(usize, usize, &str, String)> = text::words(region)
            .map(|w| (w.start, w.end, w.text, stem_word(w.text)))
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.longest_at(&words[i..]) {
                Some((len, side)) => {
                    let (a, b) = (words[i].0, words[i + len - 1].1);
                    out.push(Mention {
                        side: side.clone(),
                        named: region[a..b].to_string(),
                        start: from + a,
                        end: from + b,
                        word_index: i,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    fn longest_at(&self, words: &[(usize, usize, &str, String)]) -> Option<(usize, &Side)> {
        let (_, _, surface, stem) = &words[0];
        let keys = [stem.as_str(), surface];
        let mut best: Option<(usize, &Side)> = None;
        for names in keys.iter().filter_map(|k| self.by_first.get(*k)) {
            for n in names {
                let len = n.parts.len();
                let fits = len <= words.len()
                    && n.parts.iter().zip(words).all(
                        |((k, caps), (_, _, s, st))| {
                            if *caps {
                                k == s
                            } else {
                                k == st
                            }
                        },
                    );
                if fits && best.is_none_or(|(l, _)| len > l) {
                    best = Some((len, &n.side));
                }
            }
        }
        best
    }
}

/// The key a word of a name is matched by, and whether it is all capitals.
fn key(word: &str) -> (String, bool) {
    let caps = word.len() > 1
        && word.bytes().any(|b| b.is_ascii_uppercase())
        && word.bytes().all(|b| b.is_ascii_uppercase() || b == b'.');
    if caps {
        (word.to_string(), true)
    } else {
        (stem_word(word), false)
    }
}

/// The curated table: (side, names), in file order.
fn curated() -> Vec<(Side, Vec<String>)> {
    let table: toml::Table = toml::from_str(CURATED).expect("lexicon/side-names.toml parses");
    table
        .into_iter()
        .filter_map(|(code, v)| {
            let side = Side::parse(&code).ok()?;
            let names = v
                .as_array()?
                .iter()
                .filter_map(|n| n.as_str().map(str::to_string))
                .collect();
            Some((side, names))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::lexicon::Lexicon;

    fn sides_in(text: &str) -> Vec<String> {
        let t = SideTable::new(&Lexicon::builtin().sides);
        t.mentions(text, 0, text.len())
            .into_iter()
            .map(|m| format!("{}={}", m.named, m.side))
            .collect()
    }

    #[test]
    fn names_demonyms_capitals_offices_and_leaders_resolve() {
        assert_eq!(
            sides_in("Prime Minister Giorgia Meloni of Italy came to the White House."),
            ["Giorgia Meloni=ITA", "Italy=ITA", "White House=USA"]
        );
        assert_eq!(
            sides_in("the Taoiseach met Israeli officials in Seoul and the Republic of Korea"),
            [
                "Taoiseach=IRL",
                "Israeli=ISR",
                "Seoul=KOR",
                "Republic of Korea=KOR"
            ]
        );
        assert_eq!(
            sides_in("North Korea, South Korea, Vietnam and Türkiye"),
            [
                "North Korea=PRK",
                "South Korea=KOR",
                "Vietnam=VNM",
                "Türkiye=TUR"
            ]
        );
    }

    #[test]
    fn state_names_first_names_and_pronouns_are_not_countries() {
        assert!(sides_in("officials from Georgia and New Jersey")
            .iter()
            .all(|m| m.ends_with("=USA")));
        assert!(sides_in("help us and Chad").is_empty());
        assert_eq!(sides_in("the ROK and the rok"), ["ROK=KOR"]);
    }
}
