//! Kinds and languages of imported statements. A scrape of a briefing room
//! mixes call readouts, meeting readouts, joint statements, transcripts of
//! press briefings and remarks; filed alike as `statement`, `--kind` could not
//! tell them apart. A documented rule table (`kinds.toml`, embedded, which
//! the user extends with `--kinds FILE`) gives each statement its kind from
//! its title, URL, section, first paragraph and importer. The language comes
//! from what the page or front matter declares, else from the script of the
//! text.

use std::path::{Path, PathBuf};

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

/// The built-in rules, documented in the file itself.
pub const BUILT_IN: &str = include_str!("kinds.toml");

/// The kind of a statement no rule matches.
pub const DEFAULT_KIND: &str = "statement";

/// Why a rule table is unusable.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {why}", path.display())]
    Format { path: PathBuf, why: String },
    #[error("{}: rule {rule} (kind `{kind}`): {field} `{pattern}` is not a valid regular expression", path.display())]
    Pattern {
        path: PathBuf,
        rule: usize,
        kind: String,
        field: &'static str,
        pattern: String,
    },
}

/// What the rules look at.
#[derive(Debug, Clone, Copy, Default)]
pub struct Facts<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub section: &'a str,
    pub lead: &'a str,
    pub profile: &'a str,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    #[serde(default)]
    rule: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    kind: String,
    title: Option<String>,
    url: Option<String>,
    section: Option<String>,
    lead: Option<String>,
    profile: Option<String>,
}

#[derive(Debug, Clone)]
struct Rule {
    kind: String,
    /// (which fact, pattern); every one must match.
    conditions: Vec<(Field, Regex)>,
}

#[derive(Debug, Clone, Copy)]
enum Field {
    Title,
    Url,
    Section,
    Lead,
    Profile,
}

/// The rule table: the user's rules first, then the built-in ones.
#[derive(Debug, Clone)]
pub struct Kinds {
    rules: Vec<Rule>,
}

impl Kinds {
    /// The built-in table, with the rules of `extra` (same format) tried first.
    pub fn new(extra: Option<&Path>) -> Result<Kinds, Error> {
        let mut rules = Vec::new();
        if let Some(path) = extra {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
                path: path.to_path_buf(),
                source,
            })?;
            rules.extend(parse(path, &text)?);
        }
        rules.extend(parse(Path::new("kinds.toml (built in)"), BUILT_IN)?);
        Ok(Kinds { rules })
    }

    /// The kind of the first rule matching `facts`, else `statement`.
    pub fn kind_of(&self, facts: &Facts<'_>) -> &str {
        self.rules
            .iter()
            .find(|r| r.conditions.iter().all(|(f, re)| re.is_match(f.of(facts))))
            .map_or(DEFAULT_KIND, |r| r.kind.as_str())
    }
}

impl Field {
    fn of<'a>(self, facts: &Facts<'a>) -> &'a str {
        match self {
            Field::Title => facts.title,
            Field::Url => facts.url,
            Field::Section => facts.section,
            Field::Lead => facts.lead,
            Field::Profile => facts.profile,
        }
    }
}

fn parse(path: &Path, text: &str) -> Result<Vec<Rule>, Error> {
    let raw: RawTable = toml::from_str(text).map_err(|e| Error::Format {
        path: path.to_path_buf(),
        why: e.to_string().trim().replace('\n', " "),
    })?;
    raw.rule
        .into_iter()
        .enumerate()
        .map(|(i, r)| rule(path, i + 1, r))
        .collect()
}

fn rule(path: &Path, n: usize, raw: RawRule) -> Result<Rule, Error> {
    if !valid_kind(&raw.kind) {
        return Err(Error::Format {
            path: path.to_path_buf(),
            why: format!(
                "rule {n}: kind `{}` may hold only lower-case letters, digits and '-'",
                raw.kind
            ),
        });
    }
    let fields = [
        (Field::Title, "title", &raw.title),
        (Field::Url, "url", &raw.url),
        (Field::Section, "section", &raw.section),
        (Field::Lead, "lead", &raw.lead),
        (Field::Profile, "profile", &raw.profile),
    ];
    let mut conditions = Vec::new();
    for (field, name, pattern) in fields {
        let Some(pattern) = pattern else { continue };
        let re = RegexBuilder::new(pattern)
            .case_insensitive(true)
            .build()
            .map_err(|_| Error::Pattern {
                path: path.to_path_buf(),
                rule: n,
                kind: raw.kind.clone(),
                field: name,
                pattern: pattern.clone(),
            })?;
        conditions.push((field, re));
    }
    if conditions.is_empty() {
        return Err(Error::Format {
            path: path.to_path_buf(),
            why: format!("rule {n} (kind `{}`) has no condition", raw.kind),
        });
    }
    Ok(Rule {
        kind: raw.kind,
        conditions,
    })
}

fn valid_kind(kind: &str) -> bool {
    !kind.is_empty()
        && kind
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The statement's language: the declared one (`en-US` gives `en`) unless the
/// script of `text` contradicts it (a feed declared `zh` holding an English
/// entry), else the one the script points to, else `fallback`.
pub fn language(declared: Option<&str>, text: &str, fallback: &str) -> String {
    let script = script_language(text);
    if let Some(tag) = declared.and_then(primary_subtag) {
        let agrees = match script {
            Some(s) => s == tag,
            None => !SCRIPTS.iter().any(|(l, _)| *l == tag),
        };
        if agrees {
            return tag;
        }
    }
    script.unwrap_or(fallback).to_string()
}

fn primary_subtag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    let ok = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase());
    ok.then_some(primary)
}

/// The language a non-Latin script points to, from the letters of the first
/// few thousand characters; `None` for Latin script (many languages).
pub fn script_language(text: &str) -> Option<&'static str> {
    let mut counts = [0usize; SCRIPTS.len()];
    let mut latin = 0usize;
    for c in text.chars().take(4000).filter(|c| c.is_alphabetic()) {
        if c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) {
            latin += 1;
        } else if let Some(i) = SCRIPTS
            .iter()
            .position(|(_, ranges)| ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c)))
        {
            counts[i] += 1;
        }
    }
    let (best, &n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    if n == 0 || n < latin / 4 {
        return None;
    }
    // Japanese writes Han characters too: any kana makes it Japanese.
    let kana = SCRIPTS.iter().position(|(l, _)| *l == "ja").unwrap_or(0);
    if SCRIPTS[best].0 == "zh" && counts[kana] > 0 {
        return Some("ja");
    }
    Some(SCRIPTS[best].0)
}

/// Scripts and the language each most likely stands for in official texts.
const SCRIPTS: &[(&str, &[(char, char)])] = &[
    (
        "zh",
        &[
            ('\u{4e00}', '\u{9fff}'),
            ('\u{3400}', '\u{4dbf}'),
            ('\u{f900}', '\u{faff}'),
        ],
    ),
    ("ja", &[('\u{3040}', '\u{30ff}')]),
    ("ko", &[('\u{ac00}', '\u{d7af}'), ('\u{1100}', '\u{11ff}')]),
    ("ru", &[('\u{400}', '\u{4ff}')]),
    ("ar", &[('\u{600}', '\u{6ff}')]),
    ("el", &[('\u{370}', '\u{3ff}')]),
    ("he", &[('\u{590}', '\u{5ff}')]),
    ("th", &[('\u{e00}', '\u{e7f}')]),
    ("hi", &[('\u{900}', '\u{97f}')]),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(title: &str, section: &str, lead: &str) -> String {
        let k = Kinds::new(None).unwrap();
        k.kind_of(&Facts {
            title,
            section,
            lead,
            profile: "markdown",
            url: "",
        })
        .to_string()
    }

    #[test]
    fn titles_give_the_kinds_of_a_briefing_room() {
        let cases = [
            (
                "Readout of President Biden’s Call with President Xi Jinping",
                "call-readout",
            ),
            (
                "Readout of President Biden’s Meeting with President Xi",
                "meeting-readout",
            ),
            (
                "Joint Statement on the United States–Japan Summit",
                "joint-statement",
            ),
            (
                "Press Briefing by Press Secretary Jen Psaki",
                "press-briefing",
            ),
            (
                "Remarks by President Biden Before Bilateral Meeting",
                "remarks",
            ),
            ("FACT SHEET: The U.S.–India Partnership", "fact-sheet"),
            (
                "Statement by NSC Spokesperson on the Call with",
                "statement",
            ),
            ("Welcome to our archive", "statement"),
        ];
        for (title, want) in cases {
            assert_eq!(kind(title, "", ""), want, "{title}");
        }
    }

    #[test]
    fn a_readout_without_a_telling_title_is_judged_by_its_lead() {
        let title = "Readout of National Security Advisor Jake Sullivan’s Engagements";
        assert_eq!(
            kind(title, "", "Jake Sullivan spoke today with"),
            "call-readout"
        );
        let title = "Readout of Principal Deputy Jon Finer";
        assert_eq!(
            kind(title, "", "Jon Finer hosted officials"),
            "meeting-readout"
        );
        assert_eq!(kind("Untitled", "fact-sheets", ""), "fact-sheet");
    }

    #[test]
    fn user_rules_come_first_and_bad_ones_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.toml");
        std::fs::write(
            &path,
            "[[rule]]\nkind = \"communique\"\ntitle = 'communiqu'\n",
        )
        .unwrap();
        let k = Kinds::new(Some(&path)).unwrap();
        let facts = Facts {
            title: "Joint Communiqué",
            ..Facts::default()
        };
        assert_eq!(k.kind_of(&facts), "communique");
        std::fs::write(&path, "[[rule]]\nkind = \"x\"\ntitle = '(['\n").unwrap();
        let err = Kinds::new(Some(&path)).unwrap_err().to_string();
        assert!(err.contains("rule 1") && err.contains("title"), "{err}");
        std::fs::write(&path, "[[rule]]\nkind = \"x\"\n").unwrap();
        let err = Kinds::new(Some(&path)).unwrap_err().to_string();
        assert!(err.contains("no condition"), "{err}");
    }

    #[test]
    fn languages_come_from_the_declaration_or_the_script() {
        assert_eq!(language(Some("en-US"), "The President met", "xx"), "en");
        assert_eq!(language(Some("fr"), "Le président a rencontré", "en"), "fr");
        assert_eq!(
            language(Some("zh-CN"), "Foreign Minister Wang Yi", "en"),
            "en"
        );
        assert_eq!(language(Some("en"), "外交部发言人", "en"), "zh");
        assert_eq!(
            language(None, "外交部发言人赵立坚主持例行记者会", "en"),
            "zh"
        );
        assert_eq!(language(None, "日本の外務大臣は記者会見で", "en"), "ja");
        assert_eq!(language(None, "Министр иностранных дел", "en"), "ru");
        assert_eq!(language(None, "The President met", "en"), "en");
        assert_eq!(language(Some("??"), "The President met", "en"), "en");
    }
}
