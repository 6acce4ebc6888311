//! The framing lexicon: the phrases with which readouts signal movement,
//! disagreement, demands, commitments, escalating concern and who asked for a
//! call. A general sentiment lexicon misreads this genre ("frank" and
//! "candid" are code for disagreement, not praise), so the tool carries its
//! own, as a documented data file (`lexicon/lexicon.toml`, embedded in the
//! binary) that users extend or override with `--lexicon FILE`.
//!
//! Entries are matched on the text layer's normalised, stemmed words (see
//! [`matcher`]), negation in the same clause is flagged (see [`negation`]),
//! and `initiative` entries decide who initiated an event (see [`mod@initiator`]).

pub mod initiator;
pub mod initiator_rules;
pub mod matcher;
pub mod negation;
mod parse;
pub mod report;
pub mod shown;
pub mod side_names;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::corpus::Side;

pub use initiator::{initiator, initiator_from_hits, Initiator, InitiatorEvidence};
pub use matcher::{Hit, Matcher};
pub use parse::{Element, Pattern};
pub use shown::{FormCount, ShownHit};

/// The built-in lexicon's source, embedded so the binary is self-contained.
pub const BUILTIN_SOURCE: &str = include_str!("../../../lexicon/lexicon.toml");
/// The built-in Chinese entries, part of the built-in lexicon (`lexicon/zh.toml`).
pub const BUILTIN_ZH_SOURCE: &str = include_str!("../../../lexicon/zh.toml");

/// What a phrase signals. The set is fixed: reports, colours and the diff
/// and tone analyses rely on it; a lexicon file naming another is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Cooperative,
    Confrontational,
    DisagreementCode,
    Demand,
    Commitment,
    ConcernLadder,
    Initiative,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Cooperative,
        Category::Confrontational,
        Category::DisagreementCode,
        Category::Demand,
        Category::Commitment,
        Category::ConcernLadder,
        Category::Initiative,
    ];

    /// The categories tone gives a rate: all but initiative (the last of
    /// `ALL`), which is evidence of who asked for a call, not tone.
    pub const RATED: [Category; 6] = {
        let a = Category::ALL;
        [a[0], a[1], a[2], a[3], a[4], a[5]]
    };

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Cooperative => "cooperative",
            Category::Confrontational => "confrontational",
            Category::DisagreementCode => "disagreement-code",
            Category::Demand => "demand",
            Category::Commitment => "commitment",
            Category::ConcernLadder => "concern-ladder",
            Category::Initiative => "initiative",
        }
    }

    pub fn parse(raw: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == raw)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whom an `initiative` phrase names as the side that asked for the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Points {
    /// The side named after the phrase ("at the request of *the U.S. side*").
    After,
    /// The side named before the phrase ("*President Trump* requested the call").
    Before,
    /// The side that did not issue the statement ("at the other side's
    /// request"; MFA "at request": the side asked is the subject).
    Counterpart,
    /// The party named last before the phrase in its sentence ("Macron and
    /// Biden spoke, at the request of the latter"); the counterpart when the
    /// sentence names none.
    Latter,
    /// The party named first before the phrase in its sentence.
    Former,
    /// The host: the side named last before "hosted", when the sentence names
    /// a guest of another side ("Sullivan hosted Israeli officials").
    Host,
    /// The side of the place right after the phrase ("welcomed Chancellor
    /// Scholz to *the White House*", "welcomed President Biden to *India*").
    Place,
}

impl Points {
    /// Every rule, in the order lexicon/README.md lists them.
    pub const ALL: [Points; 7] = [
        Points::After,
        Points::Before,
        Points::Counterpart,
        Points::Latter,
        Points::Former,
        Points::Host,
        Points::Place,
    ];

    /// The rule named `name` in a lexicon file.
    pub fn parse(name: &str) -> Option<Points> {
        Points::ALL.into_iter().find(|p| p.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Points::After => "after",
            Points::Before => "before",
            Points::Counterpart => "counterpart",
            Points::Latter => "latter",
            Points::Former => "former",
            Points::Host => "host",
            Points::Place => "place",
        }
    }
}

/// One lexicon entry: a citation phrase, its variants and what they signal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    #[serde(serialize_with = "matcher::arc_str")]
    pub phrase: Arc<str>,
    pub variants: Vec<String>,
    pub category: Category,
    pub weight: f32,
    #[serde(serialize_with = "matcher::arc_str")]
    pub gloss: Arc<str>,
    /// Concern-ladder grade, 1 (concern) to 4 (stern representations).
    pub grade: Option<u8>,
    /// Initiative entries only.
    pub initiator: Option<Points>,
    /// Normalised words that cancel a hit when one of them is among the
    /// [`matcher::NOT_AFTER_WINDOW`] words before it in its clause: the
    /// speaker as subject of "must" ("we must") is no demand on another party.
    pub not_after: Vec<String>,
    /// Normalised words that cancel a hit when one of them is among the
    /// [`matcher::NOT_AFTER_WINDOW`] words after it in its clause:
    /// "reiterated concerns" is a restated objection, not a commitment.
    pub not_before: Vec<String>,
    /// Where the entry was defined (`lexicon.toml:42` for the built-in one).
    pub source: String,
    /// For an entry in another language: the phrase of the English entry
    /// that usually renders it (`严重关切` → "serious concern").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub english: Option<String>,
    /// Where the usage is attested (the Chinese lexicon cites MFA texts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    #[serde(skip)]
    pub(crate) patterns: Vec<Pattern>,
}

impl Entry {
    /// The entry's identity: its phrase as stems, so "Win-win" overrides "win win".
    pub fn key(&self) -> String {
        self.patterns[0].key()
    }
}

/// A side and the names that point to it ("the U.S. side", "Beijing").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideNames {
    pub side: Side,
    pub names: Vec<String>,
}

/// A lexicon: entries in definition order plus side names for initiators.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lexicon {
    /// The built-in lexicon's version, with `+` and the names of merged files.
    pub version: String,
    pub entries: Vec<Entry>,
    pub sides: Vec<SideNames>,
    /// Words matched only as written (normalised, not stemmed), because their
    /// stem collides with an entry's: "construction" is not "constructive".
    pub exact: Vec<String>,
    /// Words the lexicon matches as written though the index stems them
    /// ("hosted" is a host's act, "host" and "hosting" are mostly not:
    /// "Brazil's G20 host year", "hosting refugees").
    pub as_written: Vec<String>,
    /// Phrases that never give a hit and hide the entries inside them
    /// ("parties concerned" is not concern).
    #[serde(skip)]
    pub ignore: Vec<(String, Pattern)>,
}

/// A lexicon file that cannot be used, with the place of the problem.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read lexicon {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}: {message}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

impl Lexicon {
    /// The lexicon shipped in `lexicon/lexicon.toml`.
    /// Its Chinese entries (`lexicon/zh.toml`) are part of it: they match
    /// Chinese words only, so English text is tagged as before. The version
    /// stays that of `lexicon.toml`; the fingerprint covers both files.
    pub fn builtin() -> Lexicon {
        let mut lexicon = Lexicon::parse(Path::new("lexicon.toml"), BUILTIN_SOURCE)
            .expect("the built-in lexicon is valid (checked by its unit tests)");
        let mut zh = Lexicon::parse(Path::new("zh.toml"), BUILTIN_ZH_SOURCE)
            .expect("the built-in Chinese lexicon is valid (checked by its unit tests)");
        // Chinese names of a side are added to its English ones, not put in their place.
        let zh_sides = std::mem::take(&mut zh.sides);
        let version = lexicon.version.clone();
        lexicon.merge(zh);
        lexicon.version = version;
        for names in zh_sides {
            match lexicon.sides.iter_mut().find(|s| s.side == names.side) {
                Some(existing) => existing.names.extend(names.names),
                None => lexicon.sides.push(names),
            }
        }
        lexicon
    }

    /// Reads a lexicon file (same format as the built-in one).
    pub fn from_file(path: &Path) -> Result<Lexicon, LexiconError> {
        let text = std::fs::read_to_string(path).map_err(|source| LexiconError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Lexicon::parse(path, &text)
    }

    /// Parses lexicon text; `path` only names the source in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Lexicon, LexiconError> {
        parse::parse(path, text)
    }

    /// Adds `other`'s entries; an entry whose phrase (as stems) equals an
    /// existing entry's phrase replaces it in place; `other`'s side names are
    /// added to (or, for a side both define, replace) the existing ones.
    pub fn merge(&mut self, other: Lexicon) {
        let mut index: BTreeMap<String, usize> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key(), i))
            .collect();
        for entry in other.entries {
            match index.get(&entry.key()) {
                Some(&i) => self.entries[i] = entry,
                None => {
                    index.insert(entry.key(), self.entries.len());
                    self.entries.push(entry);
                }
            }
        }
        for w in other.exact {
            if !self.exact.contains(&w) {
                self.exact.push(w);
            }
        }
        for w in other.as_written {
            if !self.as_written.contains(&w) {
                self.as_written.push(w);
            }
        }
        for p in other.ignore {
            if !self.ignore.iter().any(|q| q.1.key() == p.1.key()) {
                self.ignore.push(p);
            }
        }
        for names in other.sides {
            match self.sides.iter_mut().find(|s| s.side == names.side) {
                Some(existing) => *existing = names,
                None => self.sides.push(names),
            }
        }
        self.version = format!("{}+{}", self.version, other.version);
    }

    /// Builds the automaton that finds this lexicon's phrases.
    pub fn matcher(&self) -> Matcher {
        Matcher::new(self)
    }

    /// A content hash (FNV-1a 64 over a canonical listing of every entry and
    /// side name), so a report can say exactly which lexicon produced it.
    pub fn fingerprint(&self) -> String {
        let mut h = crate::hash::Fnv::default();
        for e in &self.entries {
            h.field(e.category.as_str());
            for p in &e.patterns {
                h.field(&p.key());
            }
            h.field(&e.weight.to_bits().to_string());
            h.field(&e.gloss);
            h.field(&format!(
                "{:?}{:?}",
                e.grade,
                e.initiator.map(Points::as_str)
            ));
            for w in e
                .not_after
                .iter()
                .chain(["|".to_string()].iter())
                .chain(&e.not_before)
            {
                h.field(w);
            }
            h.field("\n");
        }
        for w in self
            .exact
            .iter()
            .chain(["|".to_string()].iter())
            .chain(&self.as_written)
        {
            h.field(w);
        }
        h.field("\n");
        for (_, p) in &self.ignore {
            h.field(&p.key());
        }
        h.field("\n");
        for s in &self.sides {
            h.field(s.side.as_str());
            for n in &s.names {
                h.field(n);
            }
        }
        format!("{:016x}", h.value())
    }

    /// Entries per category, for the documentation and `--format json` headers.
    pub fn counts(&self) -> BTreeMap<Category, usize> {
        let mut counts = BTreeMap::new();
        for e in &self.entries {
            *counts.entry(e.category).or_insert(0) += 1;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chinese_entry_links_an_english_entry_and_cites_a_source() {
        let lex = Lexicon::builtin();
        let zh: Vec<&Entry> = lex
            .entries
            .iter()
            .filter(|e| e.source.starts_with("zh.toml:"))
            .collect();
        assert!(zh.len() >= 40, "{} Chinese entries", zh.len());
        for e in &zh {
            let english = e
                .english
                .as_deref()
                .unwrap_or_else(|| panic!("{} lacks english", e.phrase));
            let linked = lex
                .entries
                .iter()
                .find(|x| &*x.phrase == english && x.source.starts_with("lexicon.toml:"));
            let linked =
                linked.unwrap_or_else(|| panic!("{}: no English entry `{english}`", e.phrase));
            assert_eq!(linked.category, e.category, "{} → {english}", e.phrase);
            assert!(
                e.citation.as_deref().is_some_and(|c| !c.is_empty()),
                "{}",
                e.phrase
            );
        }
        let usa = lex.sides.iter().find(|s| s.side.as_str() == "USA").unwrap();
        assert!(usa.names.iter().any(|n| n == "美方"));
        assert!(usa.names.iter().any(|n| n == "U.S. side"));
    }

    #[test]
    fn chinese_entries_tag_chinese_text_by_word() {
        let m = Lexicon::builtin().matcher();
        let text = "美方的霸凌行径，中方表示严重关切，并已提出严正交涉。霸权主义";
        let hits: Vec<(String, String)> = m
            .find(text)
            .iter()
            .map(|h| (h.entry.to_string(), h.surface.clone()))
            .collect();
        let want = [
            ("霸凌", "霸凌行径"),
            ("严重关切", "严重关切"),
            ("严正交涉", "严正交涉"),
            ("霸权", "霸权主义"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(hits, want);
    }

    #[test]
    fn builtin_lexicon_covers_every_category() {
        let lex = Lexicon::builtin();
        let counts = lex.counts();
        for c in Category::ALL {
            assert!(
                counts.get(&c).copied().unwrap_or(0) >= 3,
                "{c} has few entries"
            );
        }
        assert!(lex.entries.iter().all(|e| !e.gloss.is_empty()));
        let ladder: Vec<u8> = lex
            .entries
            .iter()
            .filter_map(|e| e.grade)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(ladder, [1, 2, 3, 4]);
        assert!(lex.sides.iter().any(|s| s.side.as_str() == "CHN"));
    }

    #[test]
    fn merge_overrides_by_stemmed_phrase_and_changes_the_fingerprint() {
        let mut lex = Lexicon::builtin();
        let before = lex.fingerprint();
        assert_eq!(before, Lexicon::builtin().fingerprint());
        let n = lex.entries.len();
        let user = Lexicon::parse(
            Path::new("mine.toml"),
            "[[cooperative]]\nphrase = \"Frank\"\ngloss = \"my reading\"\n\n[[demand]]\nphrase = \"set a deadline\"\ngloss = \"new\"\n",
        )
        .unwrap();
        lex.merge(user);
        assert_eq!(lex.entries.len(), n + 1);
        let frank = lex.entries.iter().find(|e| &*e.phrase == "Frank").unwrap();
        assert_eq!(frank.category, Category::Cooperative);
        assert_eq!(frank.source, "mine.toml:2");
        assert_ne!(lex.fingerprint(), before);
        assert!(lex.version.ends_with("+mine.toml"));
    }

    #[test]
    fn the_readme_documents_every_category_and_grade() {
        let readme = include_str!("../../../lexicon/README.md");
        for c in Category::ALL {
            assert!(readme.contains(&format!("| `{}` |", c.as_str())), "{c}");
        }
        for e in Lexicon::builtin()
            .entries
            .iter()
            .filter(|e| e.grade.is_some())
        {
            let row = format!("| {} |", e.grade.unwrap());
            assert!(readme.contains(&row), "grade row {row}");
        }
        for p in Points::ALL {
            assert!(readme.contains(&format!("- `{}`:", p.as_str())));
        }
    }

    /// The words of a pattern as text, each gap filled with its least number
    /// of a word no phrase uses.
    fn spelled(p: &Pattern) -> String {
        let mut words = Vec::new();
        for el in &p.elements {
            match el {
                Element::Word(w) => words.push(w.clone()),
                Element::Gap { min, .. } => words.extend((0..*min).map(|_| "zq".to_string())),
            }
        }
        words.join(" ")
    }

    #[test]
    fn every_documented_phrase_and_variant_matches_its_entry() {
        let lex = Lexicon::builtin();
        let m = lex.matcher();
        let mut missed = Vec::new();
        let mut checked = 0;
        for e in &lex.entries {
            for p in &e.patterns {
                let text = spelled(p);
                checked += 1;
                let hit = m.find(&text).into_iter().any(|h| {
                    h.entry == e.phrase && h.start == 0 && h.end == text.len() && !h.negated
                });
                if !hit {
                    missed.push(format!("{} ({text:?})", e.phrase));
                }
            }
        }
        assert!(checked > 300, "only {checked} patterns");
        assert!(missed.is_empty(), "variants that cannot match: {missed:?}");
        // The two seen missing in real text.
        let found: Vec<String> = m
            .find("Frankly, they threatened us.")
            .iter()
            .map(|h| h.entry.to_string())
            .collect();
        assert_eq!(found, ["frank", "threaten"]);
    }

    #[test]
    fn category_names_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(c));
        }
        assert_eq!(Category::parse("hostile"), None);
    }
}
