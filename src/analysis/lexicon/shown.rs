//! A hit as a reader sees it: the words as the statement wrote them first,
//! then the lexicon entry and category they matched, with offsets into the
//! statement text exactly as stored in the corpus file. Every renderer that
//! shows a framing hit (phrases, diff, tone) shows this one type, so none
//! can print "malign" where the text says "aggression", and every format
//! gives the same offsets under the same names.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::{matcher, Category, Hit};
use crate::corpus::Statement;

/// The words of one hit as written, what they matched, and where they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownHit {
    /// The matched words exactly as stored (`text[start_byte..end_byte]`).
    pub surface: String,
    /// The lexicon entry's citation phrase (the hit may be one of its variants).
    #[serde(serialize_with = "matcher::arc_str")]
    pub entry: Arc<str>,
    pub category: Category,
    /// Offsets into the statement text as stored in the corpus file: bytes
    /// (UTF-8) and characters (Unicode scalar values).
    pub start_byte: usize,
    pub end_byte: usize,
    pub start_char: usize,
    pub end_char: usize,
}

impl ShownHit {
    /// The shown form of `hit`, found in `statement`'s text.
    pub fn of(hit: &Hit, statement: &Statement) -> ShownHit {
        let span = statement
            .stored
            .span(hit.start, hit.end, hit.char_start, hit.char_end);
        ShownHit {
            surface: statement.stored.slice(&statement.text, hit.start, hit.end),
            entry: hit.entry.clone(),
            category: hit.category,
            start_byte: span.start_byte,
            end_byte: span.end_byte,
            start_char: span.start_char,
            end_char: span.end_char,
        }
    }

    /// A hit on `text[start..end]` of a text stored as it is (no trimming,
    /// one line ending): for hits made in code, tests and benchmarks.
    pub fn at(text: &str, start: usize, end: usize, entry: &str, category: Category) -> ShownHit {
        let start_char = text[..start].chars().count();
        ShownHit {
            surface: text[start..end].to_string(),
            entry: entry.into(),
            category,
            start_byte: start,
            end_byte: end,
            start_char,
            end_char: start_char + text[start..end].chars().count(),
        }
    }

    /// The surface words on one line: any run of white space (a line break
    /// inside a phrase) becomes one space.
    pub fn words(&self) -> String {
        fold(&self.surface)
    }

    /// The words folded to one line and lower-cased: the key under which
    /// frequency tables count a surface form.
    pub fn form(&self) -> String {
        fold(&self.surface).to_lowercase()
    }

    /// Whether the entry differs from the words beyond case and spacing, so
    /// that showing it adds something.
    pub fn entry_differs(&self) -> bool {
        fold(&self.surface).to_lowercase() != fold(&self.entry).to_lowercase()
    }

    /// `“very positive” → excellent`: the words as written, then the entry
    /// when it differs; renderers add the category after it.
    pub fn words_and_entry(&self) -> String {
        if self.entry_differs() {
            format!("“{}” → {}", self.words(), self.entry)
        } else {
            format!("“{}”", self.words())
        }
    }

    /// `“very positive” → excellent · cooperative`: the plain form text and
    /// Markdown outputs use.
    pub fn label(&self) -> String {
        format!("{} · {}", self.words_and_entry(), self.category)
    }
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A surface form (folded to one line, lower-cased) and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormCount {
    pub surface: String,
    pub hits: usize,
}

/// Surface forms with their counts, most frequent first, then alphabetical.
pub fn forms_by_count(forms: &BTreeMap<String, usize>) -> Vec<FormCount> {
    let mut out: Vec<FormCount> = forms
        .iter()
        .map(|(surface, &hits)| FormCount {
            surface: surface.clone(),
            hits,
        })
        .collect();
    out.sort_by(|a, b| b.hits.cmp(&a.hits).then(a.surface.cmp(&b.surface)));
    out
}

/// `aggression 40, malign 15`: the forms of one table row, for text cells.
pub fn forms_cell(forms: &[FormCount]) -> String {
    forms
        .iter()
        .map(|f| format!("{} {}", f.surface, f.hits))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::lexicon::Lexicon;
    use crate::corpus::sample;

    #[test]
    fn a_shown_hit_gives_the_words_as_written_and_stored_offsets() {
        let raw = "  \r\nThey condemned the unilateral\r\nbullying.\r\n";
        let (text, stored) = crate::corpus::stored::normalise(raw);
        let mut st = sample::statement("e", "USA", "2020-01-01", &text);
        st.stored = stored;
        let m = Lexicon::builtin().matcher();
        let shown: Vec<ShownHit> = m
            .find(&st.text)
            .iter()
            .map(|h| ShownHit::of(h, &st))
            .collect();
        assert_eq!(shown.len(), 2);
        assert_eq!(shown[0].surface, "condemned");
        assert_eq!(&*shown[0].entry, "strong dissatisfaction");
        assert_eq!(
            shown[0].label(),
            "“condemned” → strong dissatisfaction · concern-ladder"
        );
        for s in &shown {
            assert_eq!(&raw[s.start_byte..s.end_byte], s.surface);
            let chars: String = raw
                .chars()
                .skip(s.start_char)
                .take(s.end_char - s.start_char)
                .collect();
            assert_eq!(chars, s.surface);
        }
        assert_eq!(shown[1].surface, "unilateral\r\nbullying");
        assert_eq!(shown[1].words(), "unilateral bullying");
        assert_eq!(shown[1].label(), "“unilateral bullying” · confrontational");
    }

    #[test]
    fn forms_are_counted_most_frequent_first() {
        let mut counts = BTreeMap::new();
        for s in ["aggression", "malign", "aggression"] {
            let shown = ShownHit::at(s, 0, s.len(), "malign", Category::Confrontational);
            *counts.entry(shown.form()).or_insert(0) += 1;
        }
        assert_eq!(
            forms_cell(&forms_by_count(&counts)),
            "aggression 2, malign 1"
        );
    }
}
