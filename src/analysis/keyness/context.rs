//! Keyword-in-context lines for the listed terms, so a reader can check what a
//! high z-score stands for in the statements themselves. Occurrences are found
//! with the same words, stems and phrase breaks as the counts, and each line
//! carries the statement id and byte offsets of the hit.

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::stream::{breaks, MAX_N};
use super::{Group, Term, Which};
use crate::corpus::{Date, Side, Statement};
use crate::text::{self, Vocab};

/// One occurrence of a term in context.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub statement: String,
    pub side: Side,
    pub date: Date,
    /// Byte range of the hit in the statement text.
    pub start: usize,
    pub end: usize,
    pub before: String,
    pub hit: String,
    pub after: String,
}

/// The context lines of one listed term, from each group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermLines {
    pub which: Which,
    pub term: String,
    pub stems: String,
    pub n: usize,
    pub a: Vec<Line>,
    pub b: Vec<Line>,
}

/// Up to `per_group` lines (of about `width` characters each side) for every
/// term, from group a and from group b, in statement order.
pub fn contexts(
    a: &Group<'_>,
    b: &Group<'_>,
    terms: &[(Which, &Term)],
    per_group: usize,
    width: usize,
) -> Vec<TermLines> {
    let mut vocab = Vocab::new();
    let mut index: FxHashMap<Vec<u32>, usize> = FxHashMap::default();
    for (i, (_, t)) in terms.iter().enumerate() {
        let ids: Vec<u32> = t.stems.split(' ').map(|s| vocab.stem_id(s)).collect();
        index.entry(ids).or_insert(i);
    }
    let mut out: Vec<TermLines> = terms
        .iter()
        .map(|(which, t)| TermLines {
            which: *which,
            term: t.term.clone(),
            stems: t.stems.clone(),
            n: t.n,
            a: Vec::new(),
            b: Vec::new(),
        })
        .collect();
    let mut finder = Finder {
        vocab,
        index,
        per_group,
        width,
    };
    finder.scan(&a.statements, &mut out, |t| &mut t.a);
    finder.scan(&b.statements, &mut out, |t| &mut t.b);
    out
}

struct Finder {
    vocab: Vocab,
    index: FxHashMap<Vec<u32>, usize>,
    per_group: usize,
    width: usize,
}

impl Finder {
    fn scan(
        &mut self,
        statements: &[&Statement],
        out: &mut [TermLines],
        lines: impl Fn(&mut TermLines) -> &mut Vec<Line>,
    ) {
        let mut open = out.len();
        for s in statements {
            if open == 0 || self.per_group == 0 {
                return;
            }
            for (i, start, end) in self.hits(&s.text) {
                let list = lines(&mut out[i]);
                if list.len() < self.per_group {
                    list.push(self.line(s, start, end));
                    if list.len() == self.per_group {
                        open -= 1;
                    }
                }
            }
        }
    }

    /// (term index, start, end) of every listed term in `text`.
    fn hits(&mut self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        let mut window: Vec<(u32, usize, usize)> = Vec::with_capacity(MAX_N);
        let mut prev: Option<text::Word<'_>> = None;
        for w in text::words(text) {
            if prev.is_some_and(|p| breaks(&text[p.end..w.start], p.text)) {
                window.clear();
            }
            prev = Some(w);
            if window.len() == MAX_N {
                window.remove(0);
            }
            window.push((self.vocab.word_id(w.text), w.start, w.end));
            for n in 1..=window.len() {
                let gram = &window[window.len() - n..];
                let ids: Vec<u32> = gram.iter().map(|g| g.0).collect();
                if let Some(&i) = self.index.get(&ids) {
                    found.push((i, gram[0].1, w.end));
                }
            }
        }
        found
    }

    fn line(&self, s: &Statement, start: usize, end: usize) -> Line {
        Line {
            statement: s.id.clone(),
            side: s.side.clone(),
            date: s.date,
            start,
            end,
            before: text::fold_space(tail(&s.text[..start], self.width)),
            hit: text::fold_space(&s.text[start..end]),
            after: text::fold_space(head(&s.text[end..], self.width)),
        }
    }
}

fn tail(text: &str, chars: usize) -> &str {
    match text.char_indices().rev().nth(chars) {
        Some((i, c)) => &text[i + c.len_utf8()..],
        None => text,
    }
}

fn head(text: &str, chars: usize) -> &str {
    match text.char_indices().nth(chars) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}
