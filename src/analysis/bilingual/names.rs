//! The bilingual table of names (officials, states, places, bodies) that the
//! comparison of a Chinese statement with its English version uses as
//! anchors: a turn that names 王毅 and 美国 is likely the one that names
//! Wang Yi and the United States. The table ships embedded (`names.toml`,
//! which documents the format) and a scholar extends it with `--names FILE`.

use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use crate::corpus::table::{self, TableError};

const BUNDLED: &str = include_str!("names.toml");

/// One name: its Chinese and its English forms.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Name {
    pub zh: Vec<String>,
    pub en: Vec<String>,
}

impl Name {
    /// How the name is shown: its first English form.
    pub fn label(&self) -> &str {
        self.en.first().map_or("", String::as_str)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    #[serde(default)]
    name: Vec<Name>,
}

/// The names and one matcher per language over all their forms.
#[derive(Debug, Clone)]
pub struct Names {
    names: Vec<Name>,
    zh: (AhoCorasick, Vec<usize>),
    en: (AhoCorasick, Vec<usize>),
}

impl Names {
    /// The table that ships with the tool.
    pub fn bundled() -> Names {
        let names = parse(BUNDLED, Path::new("names.toml"))
            .unwrap_or_else(|e| unreachable!("the bundled names table is checked by tests: {e}"));
        Names::from_names(names)
    }

    /// The bundled table extended by each of `paths`; an entry whose first
    /// English form is a bundled entry's replaces it.
    pub fn bundled_with(paths: &[PathBuf]) -> Result<Names, TableError> {
        let mut names = Names::bundled().names;
        for path in paths {
            let extra = parse(&table::read(path)?, path)?;
            table::extend_by_key(&mut names, extra, |n| n.label());
        }
        Ok(Names::from_names(names))
    }

    fn from_names(names: Vec<Name>) -> Names {
        let zh = matcher(&names, |n| &n.zh);
        let en = matcher(&names, |n| &n.en);
        Names { names, zh, en }
    }

    pub fn get(&self, index: usize) -> &Name {
        &self.names[index]
    }

    /// The names found in `text` (Chinese forms when `chinese`, else English
    /// ones as whole words), each once, sorted by index.
    pub fn found_in(&self, text: &str, chinese: bool) -> Vec<usize> {
        let (ac, owner) = if chinese { &self.zh } else { &self.en };
        let mut found: Vec<usize> = ac
            .find_iter(text)
            .filter(|m| chinese || whole_word(text, m.start(), m.end()))
            .map(|m| owner[m.pattern().as_usize()])
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

fn matcher(names: &[Name], forms: impl Fn(&Name) -> &Vec<String>) -> (AhoCorasick, Vec<usize>) {
    let mut patterns = Vec::new();
    let mut owner = Vec::new();
    for (i, n) in names.iter().enumerate() {
        for f in forms(n).iter().filter(|f| !f.trim().is_empty()) {
            patterns.push(f.as_str());
            owner.push(i);
        }
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .unwrap_or_else(|e| unreachable!("name forms are plain strings: {e}"));
    (ac, owner)
}

fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let joins = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    !joins(text[..start].chars().next_back()) && !joins(text[end..].chars().next())
}

fn parse(text: &str, path: &Path) -> Result<Vec<Name>, TableError> {
    let file: TableFile = table::parse(text, path)?;
    for (i, n) in file.name.iter().enumerate() {
        if n.zh.iter().all(|f| f.trim().is_empty()) || n.en.iter().all(|f| f.trim().is_empty()) {
            let message = format!(
                "name {}: needs at least one form in both `zh` and `en`",
                i + 1
            );
            return Err(table::entry_error(text, path, "name", i, message));
        }
    }
    Ok(file.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_table_finds_both_languages() {
        let names = Names::bundled();
        let zh = names.found_in("王毅同美国国务卿蓬佩奥通电话", true);
        let en = names.found_in("Wang Yi spoke with US Secretary of State Pompeo", false);
        assert_eq!(zh, en);
        assert_eq!(zh.len(), 3);
        assert!(names.found_in("USA Today and Abel", false).is_empty());
    }

    #[test]
    fn bad_files_name_the_line() {
        let e = parse("[[name]]\nzh = [\"x\"]\nen = []\n", Path::new("n.toml")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "n.toml:1:1: name 1: needs at least one form in both `zh` and `en`"
        );
        let e = parse(
            "[[name]]\nzh = [\"x\"]\nfr = [\"y\"]\n",
            Path::new("n.toml"),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("n.toml:3:1: "), "{e}");
    }
}
