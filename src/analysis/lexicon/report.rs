//! The `phrases` analysis over a selection of statements: every hit of every
//! statement with the sentence it occurs in, a per-side summary (hits per
//! category per 1,000 words) and each event's initiator. Plain data for the
//! renderers; every count can be traced to the hits listed with it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::initiator::{initiator_from_hits, Initiator};
use super::{Category, Hit, Lexicon, Matcher};
use crate::corpus::{Date, Event, Side, Statement};

/// Which lexicon produced a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LexiconInfo {
    pub version: String,
    pub fingerprint: String,
    pub entries: usize,
}

/// A hit with its sentence written out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedHit {
    #[serde(flatten)]
    pub hit: Hit,
    pub sentence_text: String,
}

/// The hits of one statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementPhrases {
    pub event: String,
    pub statement: String,
    pub side: Side,
    pub issuer: String,
    pub date: Date,
    pub words: usize,
    pub hits: Vec<ReportedHit>,
}

/// Hits of one category on one side; negated hits are not counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryCount {
    pub category: Category,
    pub hits: usize,
    pub per_1000_words: f64,
    /// Sum of the hits' weights.
    pub weighted: f64,
}

/// One side's totals over the selected statements.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideSummary {
    pub side: Side,
    pub statements: usize,
    pub words: usize,
    pub categories: Vec<CategoryCount>,
    pub negated: usize,
    /// Highest concern-ladder grade reached (not negated).
    pub max_grade: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhrasesReport {
    pub lexicon: LexiconInfo,
    pub statements: Vec<StatementPhrases>,
    pub summary: Vec<SideSummary>,
    /// One per event with a selected statement, from the selected statements.
    pub initiators: Vec<Initiator>,
}

impl PhrasesReport {
    pub fn hit_count(&self) -> usize {
        self.statements.iter().map(|s| s.hits.len()).sum()
    }
}

/// Tags the selected statements (in the given order) with `lexicon`.
pub fn phrases(selection: &[(&Event, &Statement)], lexicon: &Lexicon) -> PhrasesReport {
    let matcher = lexicon.matcher();
    // Tagged on all cores; each statement's words are counted in the same pass.
    let tagged: Vec<Tagged> = crate::par::map(selection, 32, |(e, s)| {
        let (hits, words) = matcher.find_counted(&s.text);
        (*e, *s, hits, words)
    });
    PhrasesReport {
        lexicon: LexiconInfo {
            version: lexicon.version.clone(),
            fingerprint: lexicon.fingerprint(),
            entries: lexicon.entries.len(),
        },
        summary: summarise(&tagged),
        initiators: initiators(&tagged, &matcher),
        statements: tagged
            .iter()
            .map(|(e, s, hits, words)| StatementPhrases {
                event: e.id.clone(),
                statement: s.id.clone(),
                side: s.side.clone(),
                issuer: s.issuer.clone(),
                date: s.date,
                words: *words,
                hits: hits
                    .iter()
                    .map(|h| ReportedHit {
                        hit: h.clone(),
                        sentence_text: h.sentence.text(&s.text).to_string(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// A statement with its event, hits and word count.
type Tagged<'a> = (&'a Event, &'a Statement, Vec<Hit>, usize);

fn summarise(tagged: &[Tagged]) -> Vec<SideSummary> {
    let mut by_side: BTreeMap<&Side, SideSummary> = BTreeMap::new();
    let mut counts: BTreeMap<(&Side, Category), (usize, f64)> = BTreeMap::new();
    for (_, s, hits, words) in tagged {
        let sum = by_side.entry(&s.side).or_insert_with(|| SideSummary {
            side: s.side.clone(),
            statements: 0,
            words: 0,
            categories: Vec::new(),
            negated: 0,
            max_grade: None,
        });
        sum.statements += 1;
        sum.words += words;
        for h in hits {
            if h.negated {
                sum.negated += 1;
                continue;
            }
            sum.max_grade = sum.max_grade.max(h.grade);
            let c = counts.entry((&s.side, h.category)).or_insert((0, 0.0));
            c.0 += 1;
            c.1 += f64::from(h.weight);
        }
    }
    by_side
        .into_values()
        .map(|mut sum| {
            sum.categories = Category::ALL
                .iter()
                .map(|&category| {
                    let (hits, weighted) = counts
                        .get(&(&sum.side, category))
                        .copied()
                        .unwrap_or((0, 0.0));
                    CategoryCount {
                        category,
                        hits,
                        per_1000_words: if sum.words == 0 {
                            0.0
                        } else {
                            hits as f64 * 1000.0 / sum.words as f64
                        },
                        weighted,
                    }
                })
                .collect();
            sum
        })
        .collect()
}

fn initiators(tagged: &[Tagged], matcher: &Matcher) -> Vec<Initiator> {
    let mut out: Vec<Initiator> = Vec::new();
    let mut i = 0;
    while i < tagged.len() {
        let event = tagged[i].0;
        let mut group: Vec<(&Statement, &[Hit])> = Vec::new();
        while i < tagged.len() && tagged[i].0.id == event.id {
            group.push((tagged[i].1, tagged[i].2.as_slice()));
            i += 1;
        }
        out.push(initiator_from_hits(event, matcher, &group));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::sample;

    fn st(side: &str, text: &str) -> Statement {
        sample::statement("e", side, "2020-08-25", text)
    }

    #[test]
    fn summary_counts_per_thousand_words_and_skips_negated_hits() {
        let a = st(
            "USA",
            "Both sides see progress. The talks were not constructive. Grave concern.",
        );
        let b = st("CHN", "Frank exchange of views.");
        let event = Event {
            id: "e".into(),
            date: a.date,
            kind: "call".into(),
            title: "t".into(),
            participants: vec![],
            notes: None,
            statements: vec![a.clone(), b.clone()],
            origin: a.origin.clone(),
        };
        let r = phrases(&[(&event, &a), (&event, &b)], &Lexicon::builtin());
        assert_eq!(r.hit_count(), 5);
        let chn = &r.summary[0];
        assert_eq!((chn.side.as_str(), chn.words), ("CHN", 4));
        let dis = chn
            .categories
            .iter()
            .find(|c| c.category == Category::DisagreementCode)
            .unwrap();
        assert_eq!((dis.hits, dis.per_1000_words), (2, 500.0));
        let usa = &r.summary[1];
        assert_eq!((usa.negated, usa.max_grade, usa.words), (1, Some(2), 11));
        let coop = usa
            .categories
            .iter()
            .find(|c| c.category == Category::Cooperative)
            .unwrap();
        assert_eq!(coop.hits, 1);
        assert_eq!(r.initiators.len(), 1);
        assert_eq!(
            r.statements[0].hits[0].sentence_text,
            "Both sides see progress."
        );
    }
}
