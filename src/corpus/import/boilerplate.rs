//! Boilerplate removal: publishers wrap every release in the same furniture
//! (end marks such as "###", "Office of the Spokesperson", "The below is
//! attributable to …", share and navigation links). Left in, those lines
//! become the best "aligned pairs" of every diff and inflate every count, so
//! importers drop whole paragraphs matching a documented list
//! (`boilerplate.txt`, embedded) that the user can extend with a file of
//! their own, and report how much they removed.

use std::path::{Path, PathBuf};

use regex::{Regex, RegexSet, RegexSetBuilder};
use serde::Serialize;

/// The built-in list, documented in the file itself.
pub const BUILT_IN: &str = include_str!("boilerplate.txt");

/// Why a boilerplate list is unusable.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}: rule `{rule}` is not a valid regular expression: {why}", path.display())]
    Rule {
        path: PathBuf,
        line: usize,
        rule: String,
        why: String,
    },
}

/// How much an import removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Removed {
    pub paragraphs: usize,
    pub chars: usize,
}

impl Removed {
    pub fn add(&mut self, other: Removed) {
        self.paragraphs += other.paragraphs;
        self.chars += other.chars;
    }
}

/// A compiled list of paragraph rules.
#[derive(Debug, Clone)]
pub struct Boilerplate {
    rules: RegexSet,
}

impl Boilerplate {
    /// The built-in rules, plus those of `extra` (a file in the same format).
    pub fn new(extra: Option<&Path>) -> Result<Boilerplate, Error> {
        let mut rules = parse(Path::new("boilerplate.txt (built in)"), BUILT_IN)?;
        if let Some(path) = extra {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
                path: path.to_path_buf(),
                source,
            })?;
            rules.extend(parse(path, &text)?);
        }
        let rules = RegexSetBuilder::new(rules)
            .case_insensitive(true)
            .build()
            .expect("every rule compiled on its own");
        Ok(Boilerplate { rules })
    }

    /// Whether `paragraph` (spaces already collapsed) is boilerplate.
    pub fn matches(&self, paragraph: &str) -> bool {
        self.rules.is_match(paragraph.trim())
    }

    /// Keeps the paragraphs that are not boilerplate; returns what went.
    pub fn strip(&self, paragraphs: &mut Vec<String>) -> Removed {
        let mut removed = Removed::default();
        paragraphs.retain(|p| {
            let furniture = self.matches(p);
            if furniture {
                removed.paragraphs += 1;
                removed.chars += p.chars().count();
            }
            !furniture
        });
        if let Some(last) = paragraphs.last_mut() {
            let kept = trailing_end_mark(last);
            if kept < last.len() {
                removed.chars += last[kept..].chars().count();
                last.truncate(kept);
            }
        }
        removed
    }
}

/// Where the text before a closing end mark (`… bilateral ties. ###`) stops.
fn trailing_end_mark(para: &str) -> usize {
    let body = para.trim_end();
    let marks = body.trim_end_matches(['#', ' ']);
    if body[marks.len()..].chars().filter(|&c| c == '#').count() >= 3 && !marks.is_empty() {
        marks.trim_end().len()
    } else {
        para.len()
    }
}

/// The rules of one list: one regular expression a line, `#` starts a comment line.
fn parse(path: &Path, text: &str) -> Result<Vec<String>, Error> {
    let mut rules = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let rule = line.trim();
        if rule.is_empty() || rule.starts_with('#') {
            continue;
        }
        if let Err(e) = Regex::new(&format!("(?i){rule}")) {
            return Err(Error::Rule {
                path: path.to_path_buf(),
                line: n + 1,
                rule: rule.to_string(),
                why: e.to_string().lines().last().unwrap_or_default().to_string(),
            });
        }
        rules.push(rule.to_string());
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn furniture_goes_and_content_stays() {
        let b = Boilerplate::new(None).unwrap();
        let mut p = paras(&[
            "Office of the Spokesperson",
            "The below is attributable to Spokesperson Ned Price:",
            "Secretary Blinken spoke today with Foreign Minister Wang Yi.",
            "###",
            "# # #",
            "Suggest To A Friend",
            "5:20 P.M. EDT",
            "Share | Tweet | Email",
        ]);
        let removed = b.strip(&mut p);
        assert_eq!(
            p,
            ["Secretary Blinken spoke today with Foreign Minister Wang Yi."]
        );
        assert_eq!(removed.paragraphs, 7);
        assert!(removed.chars > 60);
    }

    #[test]
    fn an_end_mark_closing_the_last_paragraph_goes() {
        let b = Boilerplate::new(None).unwrap();
        let mut p = paras(&["First.", "Improving bilateral ties. ###"]);
        let removed = b.strip(&mut p);
        assert_eq!(p, ["First.", "Improving bilateral ties."]);
        assert_eq!((removed.paragraphs, removed.chars), (0, 4));
        let mut p = paras(&["Issue #3 of the ## series"]);
        assert_eq!(b.strip(&mut p), Removed::default());
    }

    #[test]
    fn a_sentence_that_mentions_furniture_is_kept() {
        let b = Boilerplate::new(None).unwrap();
        assert!(!b.matches("The Office of the Spokesperson said the talks went well."));
        assert!(!b.matches("Share the burden of the climate crisis."));
    }

    #[test]
    fn user_rules_extend_the_list_and_bad_ones_name_their_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("extra.txt");
        std::fs::write(&path, "# mine\n^Embassy of .* in Beijing$\n").unwrap();
        let b = Boilerplate::new(Some(&path)).unwrap();
        assert!(b.matches("Embassy of the United States in Beijing"));
        std::fs::write(&path, "ok\n^(unclosed$\n").unwrap();
        let err = Boilerplate::new(Some(&path)).unwrap_err().to_string();
        assert!(err.contains("extra.txt:2:"), "{err}");
    }
}
