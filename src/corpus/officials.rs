//! The table of officials: who a readout names as taking part. `pair` reads
//! participants from titles and opening sentences through it, so that
//! "Secretary Blinken's Call with … Wang Yi" and "王毅同美国国务卿布林肯通电话"
//! name the same two people. The table ships embedded (`officials.toml`, which
//! documents the format) and a scholar extends it with a file of the same shape.

use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use super::table::{self, TableError};

const BUNDLED: &str = include_str!("officials.toml");

/// One person and the forms their name takes.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Official {
    pub name: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub chinese: Vec<String>,
    #[serde(default)]
    pub titles: Vec<String>,
    #[serde(default)]
    pub offices: Vec<String>,
    pub side: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    #[serde(default)]
    official: Vec<Official>,
}

/// The officials and a matcher over every form of their names.
#[derive(Debug, Clone)]
pub struct Officials {
    people: Vec<Official>,
    forms: Vec<(String, usize)>,
    matcher: AhoCorasick,
}

impl Officials {
    /// The table that ships with the tool.
    pub fn bundled() -> Officials {
        let people = parse(BUNDLED, Path::new("officials.toml")).unwrap_or_else(|e| {
            unreachable!("the bundled officials table is checked by tests: {e}")
        });
        Officials::from_people(people)
    }

    /// The bundled table extended (and, by `name`, overridden) by `path`.
    pub fn bundled_with(path: &Path) -> Result<Officials, TableError> {
        let extra = parse(&table::read(path)?, path)?;
        let mut people = Officials::bundled().people;
        table::extend_by_key(&mut people, extra, |p| &p.name);
        Ok(Officials::from_people(people))
    }

    fn from_people(people: Vec<Official>) -> Officials {
        let mut forms = Vec::new();
        for (i, p) in people.iter().enumerate() {
            let all = std::iter::once(&p.name).chain(&p.names).chain(&p.chinese);
            forms.extend(all.filter(|f| !f.trim().is_empty()).map(|f| (f.clone(), i)));
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(forms.iter().map(|(f, _)| f.as_str()))
            .unwrap_or_else(|e| unreachable!("name forms are plain strings: {e}"));
        Officials {
            people,
            forms,
            matcher,
        }
    }

    pub fn people(&self) -> &[Official] {
        &self.people
    }

    pub fn get(&self, index: usize) -> &Official {
        &self.people[index]
    }

    /// The officials named in `text`, each once, in order of first mention.
    /// (`side` of every official is the canonical ISO code.)
    /// Latin forms must stand as whole words ("Xi" is not found in "Xinhua").
    pub fn named_in(&self, text: &str) -> Vec<usize> {
        let mut found = Vec::new();
        for m in self.matcher.find_iter(text) {
            let (form, who) = &self.forms[m.pattern().as_usize()];
            let whole = !form.is_ascii() || is_whole_word(text, m.start(), m.end());
            if whole && !found.contains(who) {
                found.push(*who);
            }
        }
        found
    }
}

fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    !joins(before) && !joins(after)
}

fn parse(text: &str, path: &Path) -> Result<Vec<Official>, TableError> {
    let file: TableFile = table::parse(text, path)?;
    let mut people = file.official;
    for (i, p) in people.iter_mut().enumerate() {
        match super::Side::parse(&p.side) {
            Ok(side) => p.side = side.as_str().to_string(),
            Err(_) => {
                let message = format!("official `{}`: unknown side code `{}`", p.name, p.side);
                return Err(table::entry_error(text, path, "official", i, message));
            }
        }
    }
    Ok(people)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(table: &Officials, text: &str) -> Vec<String> {
        let found = table.named_in(text);
        found.iter().map(|&i| table.get(i).name.clone()).collect()
    }

    #[test]
    fn the_bundled_table_parses_and_has_the_named_officials() {
        let t = Officials::bundled();
        for name in [
            "Wang Yi",
            "Antony Blinken",
            "Xi Jinping",
            "Joe Biden",
            "Hua Chunying",
        ] {
            assert!(t.people().iter().any(|p| p.name == name), "{name}");
        }
    }

    #[test]
    fn english_and_chinese_forms_name_the_same_people() {
        let t = Officials::bundled();
        let en = names(
            &t,
            "Secretary Blinken's Call with PRC Foreign Minister Wang Yi",
        );
        let zh = names(&t, "王毅同美国国务卿布林肯通电话");
        assert_eq!(en, vec!["Antony Blinken", "Wang Yi"]);
        assert_eq!(zh, vec!["Wang Yi", "Antony Blinken"]);
    }

    #[test]
    fn latin_forms_match_whole_words_only() {
        let t = Officials::bundled();
        assert!(names(&t, "Xinhua reported on Trumpet makers").is_empty());
        assert_eq!(
            names(&t, "President Xi, and Xi Jinping."),
            vec!["Xi Jinping"]
        );
    }

    #[test]
    fn a_user_file_adds_and_overrides_with_line_numbers_on_errors() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("more.toml");
        std::fs::write(
            &good,
            "[[official]]\nname = \"Ma Zhaoxu\"\nchinese = [\"马朝旭\"]\nside = \"CN\"\n",
        )
        .unwrap();
        let t = Officials::bundled_with(&good).unwrap();
        assert_eq!(names(&t, "马朝旭会见"), vec!["Ma Zhaoxu"]);
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "[[official]]\nname = \"X\"\nside = \"ZZZ\"\n").unwrap();
        let err = Officials::bundled_with(&bad).unwrap_err().to_string();
        assert!(err.contains("bad.toml:1:1") && err.contains("ZZZ"), "{err}");
        std::fs::write(
            &bad,
            "[[official]]\nname = \"X\"\nside = \"USA\"\nrank = 1\n",
        )
        .unwrap();
        let err = Officials::bundled_with(&bad).unwrap_err().to_string();
        assert!(err.contains("bad.toml:4:"), "{err}");
    }
}
