//! Reading lexicon files and their phrase patterns. A scholar's own lexicon
//! goes through the same code as the built-in one, and every problem is
//! reported as `file:line: problem` so a typo in entry 300 is easy to find.
//!
//! Pattern syntax: a phrase is words separated by spaces; each word is
//! normalised and stemmed exactly like corpus text ("Win-win" is the two
//! stems `win win`). A piece written `{M,N}` (0 ≤ M ≤ N ≤ 8) is a gap of M
//! to N arbitrary words: `urged {0,4} to` matches "urged the U.S. side to".
//! A pattern starts and ends with a word, and a gap never crosses a sentence
//! boundary (the matcher checks that).

use std::path::Path;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{Category, Entry, Lexicon, LexiconError, Points, SideNames};
use crate::corpus::diagnostic::LineIndex;
use crate::corpus::Side;
use crate::text;

/// Longest gap a pattern may have, in words.
pub const MAX_GAP: u8 = 8;

/// One step of a pattern: a word (normalised, stemmed when matched), or a
/// gap of `min..=max` words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    Word(String),
    Gap { min: u8, max: u8 },
}

/// A phrase as the matcher sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub elements: Vec<Element>,
}

impl Pattern {
    /// Parses one phrase; the error is a sentence to show after `file:line:`.
    pub fn parse(phrase: &str) -> Result<Pattern, String> {
        let mut elements = Vec::new();
        for piece in phrase.split_whitespace() {
            if piece.starts_with('{') {
                let gap = parse_gap(piece)?;
                if matches!(elements.last(), None | Some(Element::Gap { .. })) {
                    return Err(format!(
                        "phrase `{phrase}`: a gap must come between two words"
                    ));
                }
                elements.push(gap);
            } else {
                elements.extend(
                    text::words(piece).map(|w| Element::Word(text::normalise(w.text).into_owned())),
                );
            }
        }
        match elements.last() {
            None => Err(format!("phrase `{phrase}` has no words")),
            Some(Element::Gap { .. }) => Err(format!(
                "phrase `{phrase}`: a gap must come between two words"
            )),
            Some(Element::Word(_)) => Ok(Pattern { elements }),
        }
    }

    /// The stems (and gaps) as one string: the pattern's identity.
    pub fn key(&self) -> String {
        let parts: Vec<String> = self
            .elements
            .iter()
            .map(|e| match e {
                Element::Word(w) => text::stem(w).into_owned(),
                Element::Gap { min, max } => format!("{{{min},{max}}}"),
            })
            .collect();
        parts.join(" ")
    }

    /// The normalised words (gaps left out).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.elements.iter().filter_map(|e| match e {
            Element::Word(w) => Some(w.as_str()),
            Element::Gap { .. } => None,
        })
    }

    /// Number of words the pattern spells out (gaps excluded).
    pub fn literal_len(&self) -> usize {
        self.elements
            .iter()
            .filter(|e| matches!(e, Element::Word(_)))
            .count()
    }
}

fn parse_gap(piece: &str) -> Result<Element, String> {
    let bad = || {
        format!("`{piece}` is not a gap; write {{M,N}} with 0 <= M <= N <= {MAX_GAP}, e.g. {{0,3}}")
    };
    let inner = piece
        .strip_prefix('{')
        .and_then(|p| p.strip_suffix('}'))
        .ok_or_else(bad)?;
    let (a, b) = inner.split_once(',').ok_or_else(bad)?;
    let min: u8 = a.trim().parse().map_err(|_| bad())?;
    let max: u8 = b.trim().parse().map_err(|_| bad())?;
    if min > max || max == 0 || max > MAX_GAP {
        return Err(bad());
    }
    Ok(Element::Gap { min, max })
}

const ENTRY_KEYS: &[&str] = &[
    "phrase",
    "variants",
    "weight",
    "gloss",
    "grade",
    "initiator",
    "not_after",
    "not_before",
    "english",
    "citation",
];

struct Reader<'a> {
    path: &'a Path,
    name: String,
    lines: LineIndex<'a>,
}

impl Reader<'_> {
    fn line(&self, offset: usize) -> usize {
        self.lines.locate(offset).0
    }

    fn err(&self, offset: usize, message: impl Into<String>) -> LexiconError {
        LexiconError::Invalid {
            path: self.path.to_path_buf(),
            line: self.line(offset),
            message: message.into(),
        }
    }
}

pub(super) fn parse(path: &Path, text: &str) -> Result<Lexicon, LexiconError> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let r = Reader {
        path,
        name,
        lines: LineIndex::new(text),
    };
    let doc = DeTable::parse(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        r.err(
            at,
            format!(
                "TOML syntax error: {}",
                e.message().trim().replace('\n', " ")
            ),
        )
    })?;
    let mut lexicon = Lexicon {
        version: r.name.clone(),
        entries: Vec::new(),
        sides: Vec::new(),
        exact: Vec::new(),
        as_written: Vec::new(),
        ignore: Vec::new(),
    };
    // The TOML table does not keep the file's order of categories: collect
    // every entry with its offset and restore the order of the file.
    let mut found: Vec<(usize, Entry)> = Vec::new();
    for (key, value) in doc.get_ref().iter() {
        let k: &str = key.get_ref();
        match k {
            "version" => lexicon.version = string(&r, value, "version")?,
            "sides" => lexicon.sides = sides(&r, value)?,
            "exact" | "as_written" => {
                for w in strings(&r, value, k)? {
                    let words: Vec<_> = text::words(&w).collect();
                    if words.len() != 1 || words[0].text != w.trim() {
                        return Err(r.err(
                            value.span().start,
                            format!("`{k}` lists single words; `{w}` is not one word"),
                        ));
                    }
                    let list = if k == "exact" {
                        &mut lexicon.exact
                    } else {
                        &mut lexicon.as_written
                    };
                    list.push(text::normalise(&w).into_owned());
                }
            }
            "ignore" => {
                for phrase in strings(&r, value, "ignore")? {
                    let p = Pattern::parse(&phrase).map_err(|m| r.err(value.span().start, m))?;
                    if p.literal_len() < 2 {
                        return Err(r.err(value.span().start, format!("`ignore` lists phrases of two or more words; put the single word `{phrase}` in `exact`")));
                    }
                    lexicon.ignore.push((phrase, p));
                }
            }
            _ => {
                let category = Category::parse(k).ok_or_else(|| {
                    let names: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
                    r.err(
                        key.span().start,
                        format!(
                            "unknown category `{k}`; the categories are {}",
                            names.join(", ")
                        ),
                    )
                })?;
                let DeValue::Array(items) = value.get_ref() else {
                    return Err(r.err(
                        value.span().start,
                        format!("`{k}` must be a list of tables: write each entry as [[{k}]]"),
                    ));
                };
                for item in items.iter() {
                    let DeValue::Table(t) = item.get_ref() else {
                        return Err(r.err(
                            item.span().start,
                            format!("each `{k}` entry must be a table"),
                        ));
                    };
                    found.push((
                        item.span().start,
                        entry(&r, t, item.span().start, category)?,
                    ));
                }
            }
        }
    }
    found.sort_by_key(|(at, _)| *at);
    let mut seen: Vec<(String, usize, String)> = Vec::new();
    for (_, e) in found {
        check_duplicates(&r, &e, &mut seen)?;
        lexicon.entries.push(e);
    }
    Ok(lexicon)
}

fn check_duplicates(
    r: &Reader<'_>,
    e: &Entry,
    seen: &mut Vec<(String, usize, String)>,
) -> Result<(), LexiconError> {
    let line: usize = e
        .source
        .rsplit(':')
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or(1);
    for p in &e.patterns {
        let key = p.key();
        if let Some((_, other_line, other)) =
            seen.iter().find(|(k, _, o)| *k == key && *o != *e.phrase)
        {
            return Err(LexiconError::Invalid {
                path: r.path.to_path_buf(),
                line,
                message: format!("`{key}` in entry `{}` is already a phrase of entry `{other}` (line {other_line}); keep it in one entry", e.phrase),
            });
        }
        seen.push((key, line, e.phrase.to_string()));
    }
    Ok(())
}

fn string(r: &Reader<'_>, v: &Spanned<DeValue<'_>>, what: &str) -> Result<String, LexiconError> {
    match v.get_ref() {
        DeValue::String(s) => Ok(s.to_string()),
        _ => Err(r.err(v.span().start, format!("`{what}` must be a string"))),
    }
}

fn strings(
    r: &Reader<'_>,
    v: &Spanned<DeValue<'_>>,
    what: &str,
) -> Result<Vec<String>, LexiconError> {
    let DeValue::Array(items) = v.get_ref() else {
        return Err(r.err(
            v.span().start,
            format!("`{what}` must be a list of strings"),
        ));
    };
    items.iter().map(|i| string(r, i, what)).collect()
}

fn number(r: &Reader<'_>, v: &Spanned<DeValue<'_>>, what: &str) -> Result<f64, LexiconError> {
    let raw = match v.get_ref() {
        DeValue::Integer(i) if i.radix() == 10 => i.as_str(),
        DeValue::Float(f) => f.as_str(),
        _ => return Err(r.err(v.span().start, format!("`{what}` must be a number"))),
    };
    raw.replace('_', "")
        .parse()
        .map_err(|_| r.err(v.span().start, format!("`{what}` must be a number")))
}

/// A list of single words, normalised (`not_after`, `not_before`).
fn single_words(
    r: &Reader<'_>,
    v: Option<&Spanned<DeValue<'_>>>,
    what: &str,
) -> Result<Vec<String>, LexiconError> {
    let Some(v) = v else {
        return Ok(Vec::new());
    };
    let words = strings(r, v, what)?;
    if let Some(bad) = words.iter().find(|w| text::word_count(w) != 1) {
        return Err(r.err(
            v.span().start,
            format!("`{what}` lists single words; `{bad}` is not one word"),
        ));
    }
    Ok(words
        .iter()
        .map(|w| text::normalise(w.trim()).into_owned())
        .collect())
}

/// "after, before, …, or place": the rule names for an error message.
fn rules_list() -> String {
    let names: Vec<&str> = Points::ALL.iter().map(|p| p.as_str()).collect();
    let (last, rest) = names.split_last().expect("rules");
    format!("{} or {last}", rest.join(", "))
}

fn sides(r: &Reader<'_>, v: &Spanned<DeValue<'_>>) -> Result<Vec<SideNames>, LexiconError> {
    let DeValue::Table(t) = v.get_ref() else {
        return Err(r.err(
            v.span().start,
            "`sides` must be a table of side code = [names]",
        ));
    };
    let mut out = Vec::new();
    for (code, names) in t.iter() {
        let side =
            Side::parse(code.get_ref()).map_err(|e| r.err(code.span().start, e.to_string()))?;
        let names = strings(r, names, &format!("sides.{}", code.get_ref()))?;
        if let Some(bad) = names.iter().find(|n| text::word_count(n) == 0) {
            return Err(r.err(code.span().start, format!("side name `{bad}` has no words")));
        }
        out.push(SideNames { side, names });
    }
    Ok(out)
}

fn entry(
    r: &Reader<'_>,
    t: &DeTable<'_>,
    at: usize,
    category: Category,
) -> Result<Entry, LexiconError> {
    let cat = category.as_str();
    for (key, _) in t.iter() {
        if !ENTRY_KEYS.contains(&key.get_ref().as_ref()) {
            return Err(r.err(
                key.span().start,
                format!(
                    "unknown field `{}` in a [[{cat}]] entry; the fields are {}",
                    key.get_ref(),
                    ENTRY_KEYS.join(", ")
                ),
            ));
        }
    }
    let field = |name: &str| t.iter().find(|(k, _)| k.get_ref() == name).map(|(_, v)| v);
    let phrase_v =
        field("phrase").ok_or_else(|| r.err(at, format!("a [[{cat}]] entry needs `phrase`")))?;
    let phrase = string(r, phrase_v, "phrase")?;
    let here = phrase_v.span().start;
    let mut patterns = vec![Pattern::parse(&phrase).map_err(|m| r.err(here, m))?];
    let variants = match field("variants") {
        Some(v) => strings(r, v, "variants")?,
        None => Vec::new(),
    };
    for variant in &variants {
        let p = Pattern::parse(variant)
            .map_err(|m| r.err(field("variants").map_or(here, |v| v.span().start), m))?;
        // Same words, not same stems: "frankly" (an exact word) is another
        // pattern than "frank" although both stem to `frank`.
        if !patterns.contains(&p) {
            patterns.push(p);
        }
    }
    let gloss = match field("gloss") {
        Some(v) => string(r, v, "gloss")?,
        None => String::new(),
    };
    if gloss.trim().is_empty() {
        return Err(r.err(
            here,
            format!("entry `{phrase}` needs a `gloss`: one line saying what the phrase signals"),
        ));
    }
    let weight = match field("weight") {
        Some(v) => {
            let w = number(r, v, "weight")?;
            if !(w > 0.0 && w <= 10.0) {
                return Err(r.err(
                    v.span().start,
                    format!("`weight` must be above 0 and at most 10, not {w}"),
                ));
            }
            w as f32
        }
        None => 1.0,
    };
    let grade = match (field("grade"), category) {
        (Some(v), Category::ConcernLadder) => {
            let g = number(r, v, "grade")?;
            if ![1.0, 2.0, 3.0, 4.0].contains(&g) {
                return Err(r.err(v.span().start, "`grade` must be 1 (concern), 2 (serious concern), 3 (strong dissatisfaction) or 4 (stern representations)"));
            }
            Some(g as u8)
        }
        (None, Category::ConcernLadder) => {
            return Err(r.err(
                here,
                format!("concern-ladder entry `{phrase}` needs a `grade` from 1 to 4"),
            ))
        }
        (Some(v), _) => {
            return Err(r.err(
                v.span().start,
                format!("`grade` belongs to concern-ladder entries, not [[{cat}]]"),
            ))
        }
        (None, _) => None,
    };
    let initiator = match (field("initiator"), category) {
        (Some(v), Category::Initiative) => {
            let name = string(r, v, "initiator")?;
            Some(Points::parse(&name).ok_or_else(|| {
                r.err(
                    v.span().start,
                    format!("`initiator` is `{name}`; use {}", rules_list()),
                )
            })?)
        }
        (None, Category::Initiative) => {
            return Err(r.err(
                here,
                format!(
                    "initiative entry `{phrase}` needs `initiator` = {}",
                    rules_list()
                ),
            ))
        }
        (Some(v), _) => {
            return Err(r.err(
                v.span().start,
                format!("`initiator` belongs to initiative entries, not [[{cat}]]"),
            ))
        }
        (None, _) => None,
    };
    let not_after = single_words(r, field("not_after"), "not_after")?;
    let not_before = single_words(r, field("not_before"), "not_before")?;
    let optional = |name: &str| field(name).map(|v| string(r, v, name)).transpose();
    Ok(Entry {
        phrase: phrase.into(),
        english: optional("english")?,
        citation: optional("citation")?,
        not_after,
        not_before,
        variants,
        category,
        weight,
        gloss: gloss.into(),
        grade,
        initiator,
        source: format!("{}:{}", r.name, r.line(here)),
        patterns,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        Lexicon::parse(Path::new("my.toml"), text)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn patterns_are_stems_with_gaps() {
        let p = Pattern::parse("Urged {0,4} to").unwrap();
        assert_eq!(p.key(), "urg {0,4} to");
        assert_eq!(p.literal_len(), 2);
        assert_eq!(
            Pattern::parse("win-win").unwrap(),
            Pattern::parse("Win win").unwrap()
        );
        assert!(Pattern::parse("{0,2} to").is_err());
        assert!(Pattern::parse("a {0,2}").is_err());
        assert!(Pattern::parse("a {3,2} b").is_err());
        assert!(Pattern::parse("a {0,9} b").is_err());
        assert!(Pattern::parse("a {x} b").is_err());
        assert!(Pattern::parse(" — ").is_err());
    }

    #[test]
    fn problems_name_file_and_line() {
        assert_eq!(
            err("[[cooperative]]\nphrase = \"x\"\n"),
            "my.toml:2: entry `x` needs a `gloss`: one line saying what the phrase signals"
        );
        assert!(err("[[hostile]]\nphrase = \"x\"\n")
            .starts_with("my.toml:1: unknown category `hostile`"));
        assert!(
            err("[[demand]]\nphrase = \"x\"\ngloss = \"g\"\nwieght = 2\n")
                .starts_with("my.toml:4: unknown field `wieght`")
        );
        assert!(
            err("[[concern-ladder]]\nphrase = \"x\"\ngloss = \"g\"\ngrade = 7\n")
                .starts_with("my.toml:4: `grade` must be 1")
        );
        assert!(
            err("[[demand]]\nphrase = \"x\"\ngloss = \"g\"\ngrade = 2\n")
                .starts_with("my.toml:4: `grade` belongs")
        );
        assert!(err("[[initiative]]\nphrase = \"x\"\ngloss = \"g\"\n")
            .starts_with("my.toml:2: initiative entry"));
        assert!(err("[[demand]]\nphrase = \"x {0,2}\"\ngloss = \"g\"\n")
            .starts_with("my.toml:2: phrase `x {0,2}`"));
        assert!(
            err("[[demand]]\nphrase = \"x\"\ngloss = \"g\"\nweight = -1\n")
                .starts_with("my.toml:4: `weight` must be above 0")
        );
        assert!(err("[[demand]]\nphrase = \"x\"\n\ngloss = \"g\n")
            .starts_with("my.toml:4: TOML syntax error"));
        assert!(
            err("exact = [\"two words\"]\n").starts_with("my.toml:1: `exact` lists single words")
        );
        assert!(err("ignore = [\"one\"]\n").starts_with("my.toml:1: `ignore` lists phrases of two"));
        assert!(err("[sides]\nXYZ = [\"a\"]\n").starts_with("my.toml:2: unknown side code `XYZ`"));
        let dup = err("[[demand]]\nphrase = \"bullied\"\ngloss = \"g\"\n[[cooperative]]\nphrase = \"Bullying\"\ngloss = \"g\"\n");
        assert!(dup.starts_with("my.toml:5: `bulli` in entry `Bullying` is already a phrase of entry `bullied` (line 2)"), "{dup}");
    }

    #[test]
    fn a_valid_file_gives_entries_with_their_source_lines() {
        let lex = Lexicon::parse(
            Path::new("dir/my.toml"),
            "version = \"v2\"\n[[concern-ladder]]\nphrase = \"grave concern\"\nvariants = [\"gravely concerned\", \"grave concerns\"]\ngrade = 2\nweight = 1.5\ngloss = \"g\"\n",
        )
        .unwrap();
        assert_eq!(lex.version, "v2");
        let e = &lex.entries[0];
        assert_eq!(
            (e.grade, e.weight, e.source.as_str()),
            (Some(2), 1.5, "my.toml:3")
        );
        // "gravely concerned" and "grave concerns" stem like "grave concern":
        // kept as written (an `exact` word would tell them apart), one key.
        assert_eq!(e.patterns.len(), 3);
        assert!(e.patterns.iter().all(|p| p.key() == "grave concern"));
        assert_eq!(e.variants.len(), 2);
    }
}
