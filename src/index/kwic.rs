//! Keyword in context: every occurrence of a word or phrase, with a fixed
//! amount of context either side, the scholars' concordance. The index finds
//! the statements holding the phrase; the occurrences themselves are found by
//! running the text layer over those statements, so a KWIC line and a search
//! hit agree on what matched, and each line carries its byte offsets.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::{PhraseQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, TantivyDocument};
use tantivy::Term;

use super::query::{restrict, text_of};
use super::{Error, Index};
use crate::corpus::Filter;
use crate::text;

/// Order of the concordance lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KwicSort {
    #[default]
    Date,
    /// By the words left of the keyword, nearest first.
    Left,
    /// By the words right of the keyword.
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KwicOptions {
    /// Terminal columns of context on each side (a Han character takes two).
    pub width: usize,
    pub sort: KwicSort,
    /// Match words as written instead of by stem.
    pub exact: bool,
}

impl Default for KwicOptions {
    fn default() -> Self {
        KwicOptions {
            width: 40,
            sort: KwicSort::Date,
            exact: false,
        }
    }
}

/// One occurrence. `start..end` are byte offsets of the keyword in the
/// statement's text; the contexts have their white space folded to single spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KwicLine {
    pub statement: String,
    pub event: String,
    pub date: String,
    pub side: String,
    pub issuer: String,
    /// The statement's title.
    pub title: String,
    pub start: usize,
    pub end: usize,
    pub left: String,
    pub keyword: String,
    pub right: String,
}

/// Every occurrence of `pattern` (one or more words) in the statements `filter` accepts.
fn kwic_unguarded(
    index: &Index,
    pattern: &str,
    filter: &Filter,
    options: KwicOptions,
) -> Result<Vec<KwicLine>, Error> {
    let mut keys = Keys::new(options.exact);
    let wanted: Vec<String> = text::words(pattern)
        .map(|w| keys.key(w.text).to_string())
        .collect();
    if wanted.is_empty() {
        return Err(Error::BadQuery(format!(
            "the pattern `{pattern}` has no words to look for"
        )));
    }
    let f = &index.fields;
    let field = if options.exact { f.exact } else { f.text };
    let terms: Vec<Term> = wanted
        .iter()
        .map(|w| Term::from_field_text(field, w))
        .collect();
    let query: Box<dyn Query> = if terms.len() == 1 {
        Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic))
    } else {
        Box::new(PhraseQuery::new(terms))
    };
    let query = restrict(f, query, filter);
    let searcher = index.reader.searcher();
    let docs = searcher
        .search(query.as_ref(), &DocSetCollector)
        .map_err(|e| index.terr(e))?;
    let mut lines = Vec::new();
    for address in docs {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| index.terr(e))?;
        let body = text_of(&doc, f.text);
        for (start, end) in occurrences(&body, &wanted, &mut keys) {
            lines.push(KwicLine {
                statement: text_of(&doc, f.id),
                event: text_of(&doc, f.event),
                date: text_of(&doc, f.date),
                side: text_of(&doc, f.side),
                issuer: text_of(&doc, f.issuer),
                title: text_of(&doc, f.title),
                start,
                end,
                left: tail(&body[..start], options.width),
                keyword: text::fold_space(&body[start..end]),
                right: head(&body[end..], options.width),
            });
        }
    }
    sort(&mut lines, options.sort);
    Ok(lines)
}

/// Byte ranges in `body` where the words' keys equal `wanted`, in order.
fn occurrences(body: &str, wanted: &[String], keys: &mut Keys) -> Vec<(usize, usize)> {
    let words: Vec<text::Word<'_>> = text::words(body).collect();
    let mut found = Vec::new();
    if words.len() < wanted.len() {
        return found;
    }
    let mut i = 0;
    while i + wanted.len() <= words.len() {
        let matches = wanted
            .iter()
            .zip(&words[i..])
            .all(|(want, word)| keys.key(word.text) == want);
        if matches {
            found.push((words[i].start, words[i + wanted.len() - 1].end));
            i += wanted.len();
        } else {
            i += 1;
        }
    }
    found
}

/// The comparison key of a surface word, memoised: normalised, and stemmed
/// unless exact matching was asked for.
struct Keys {
    exact: bool,
    memo: HashMap<String, String>,
}

impl Keys {
    fn new(exact: bool) -> Keys {
        Keys {
            exact,
            memo: HashMap::new(),
        }
    }

    fn key(&mut self, word: &str) -> &str {
        if !self.memo.contains_key(word) {
            let normal = text::normalise(word);
            let key = if self.exact {
                normal.into_owned()
            } else {
                super::analyzer::index_key(&normal).into_owned()
            };
            self.memo.insert(word.to_string(), key);
        }
        &self.memo[word]
    }
}

fn sort(lines: &mut [KwicLine], by: KwicSort) {
    let place = |l: &KwicLine| {
        (
            l.date.clone(),
            l.event.clone(),
            l.statement.clone(),
            l.start,
        )
    };
    match by {
        KwicSort::Date => lines.sort_by_cached_key(place),
        KwicSort::Left => lines.sort_by_cached_key(|l| {
            let words: Vec<String> = text::words(&l.left)
                .map(|w| text::normalise(w.text).into_owned())
                .collect();
            let nearest_first: Vec<String> = words.into_iter().rev().collect();
            (nearest_first, place(l))
        }),
        KwicSort::Right => lines.sort_by_cached_key(|l| {
            let words: Vec<String> = text::words(&l.right)
                .map(|w| text::normalise(w.text).into_owned())
                .collect();
            (words, place(l))
        }),
    }
}

/// Enough bytes to hold `width` columns after folding (white space runs
/// may be long, so the bound is generous; it only saves folding a whole text).
fn reach(width: usize) -> usize {
    width * 8 + 256
}

/// Terminal columns of `c` (two for Han and other wide characters).
fn columns(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

/// The longest end of `s` that fills at most `width` terminal columns,
/// white space folded, so Chinese and English contexts line up.
fn tail(s: &str, width: usize) -> String {
    let mut from = s.len().saturating_sub(reach(width));
    while !s.is_char_boundary(from) {
        from += 1;
    }
    let folded = text::fold_space(&s[from..]);
    let mut used = 0;
    let start = folded
        .char_indices()
        .rev()
        .take_while(|&(_, c)| {
            used += columns(c);
            used <= width
        })
        .last()
        .map_or(folded.len(), |(i, _)| i);
    folded[start..].to_string()
}

/// The longest start of `s` that fills at most `width` terminal columns,
/// white space folded.
fn head(s: &str, width: usize) -> String {
    let mut to = s.len().min(reach(width));
    while !s.is_char_boundary(to) {
        to -= 1;
    }
    let mut used = 0;
    text::fold_space(&s[..to])
        .chars()
        .take_while(|&c| {
            used += columns(c);
            used <= width
        })
        .collect()
}

/// `kwic_unguarded`, with a panic of tantivy's on damaged bytes
/// reported as [`Error::Damaged`] instead.
pub fn kwic(
    index: &Index,
    pattern: &str,
    filter: &Filter,
    options: KwicOptions,
) -> Result<Vec<KwicLine>, Error> {
    super::damage::quietly(|| kwic_unguarded(index, pattern, filter, options))
        .unwrap_or_else(|| Err(index.damaged()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_by_stem_across_hyphens_and_line_breaks() {
        let body = "We oppose bullying.\nWin-win\ncooperation and win win cooperation.";
        let mut keys = Keys::new(false);
        let want: Vec<String> = ["win", "win", "cooper"].map(String::from).to_vec();
        let found = occurrences(body, &want, &mut keys);
        let surface: Vec<&str> = found.iter().map(|&(s, e)| &body[s..e]).collect();
        assert_eq!(surface, ["Win-win\ncooperation", "win win cooperation"]);
        let bully = occurrences(body, &["bulli".to_string()], &mut keys);
        assert_eq!(&body[bully[0].0..bully[0].1], "bullying");
        let mut exact = Keys::new(true);
        assert!(occurrences(body, &["bully".to_string()], &mut exact).is_empty());
    }

    #[test]
    fn contexts_are_cut_to_width_with_space_folded() {
        assert_eq!(tail("one two\n\nthree ", 7), " three ");
        assert_eq!(tail("one two\n\nthree ", 9), "wo three ");
        assert_eq!(head(" four  five six", 6), " four ");
        assert_eq!(head("ab", 10), "ab");
        assert_eq!(tail("日本語", 4), "本語");
        assert_eq!(tail("日本語", 3), "語");
        assert_eq!(head("霸凌 bully", 6), "霸凌 b");
    }
}
