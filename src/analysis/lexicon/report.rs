//! The `phrases` analysis over a selection of statements: every hit of every
//! statement with the sentence it occurs in, a per-side summary (hits per
//! category per 1,000 words) and each event's initiator. Plain data for the
//! renderers; every count can be traced to the hits listed with it.
//!
//! Memory: a hit's sentence is a slice of the statement text (no copy), so a
//! statement with thousands of hits in one long sentence costs the hits
//! alone; [`phrases_summary`] keeps no hit at all, only per-statement tallies.

use std::collections::BTreeMap;

use serde::Serialize;

use super::initiator::{initiator_from_hits, Initiator};
use super::{Category, Hit, Lexicon, Matcher, ShownHit};
use crate::corpus::{Date, Event, Side, Statement};

/// Which lexicon produced a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LexiconInfo {
    pub version: String,
    pub fingerprint: String,
    pub entries: usize,
}

/// A hit with its sentence, borrowed from the statement text: the words as
/// written and stored offsets (`shown`), then what the hit means (`hit`:
/// weight, gloss, grade, negation; its offsets index the loaded text and
/// slice `sentence_text`, they are not serialised).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedHit<'a> {
    #[serde(flatten)]
    pub shown: ShownHit,
    #[serde(flatten)]
    pub hit: Hit,
    pub sentence_text: &'a str,
}

/// The hits of one statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementPhrases<'a> {
    pub event: String,
    pub statement: String,
    pub title: String,
    pub side: Side,
    pub issuer: String,
    pub date: Date,
    pub words: usize,
    pub hits: Vec<ReportedHit<'a>>,
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

/// Statements and initiators are empty in a report made by [`phrases_summary`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhrasesReport<'a> {
    pub lexicon: LexiconInfo,
    pub statements: Vec<StatementPhrases<'a>>,
    pub summary: Vec<SideSummary>,
    /// One per event with a selected statement, from the selected statements.
    pub initiators: Vec<Initiator>,
    /// Hits found (negated ones included), also when they are not listed.
    #[serde(skip)]
    pub hits: usize,
}

impl PhrasesReport<'_> {
    pub fn hit_count(&self) -> usize {
        self.hits
    }
}

/// Which lexicon a report is made with.
pub fn lexicon_info(lexicon: &Lexicon) -> LexiconInfo {
    LexiconInfo {
        version: lexicon.version.clone(),
        fingerprint: lexicon.fingerprint(),
        entries: lexicon.entries.len(),
    }
}

/// Tags the selected statements (in the given order) with `lexicon`.
pub fn phrases<'a>(
    selection: &[(&'a Event, &'a Statement)],
    lexicon: &Lexicon,
) -> PhrasesReport<'a> {
    phrases_with(selection, lexicon, &lexicon.matcher())
}

/// [`phrases`] with a matcher already built from `lexicon`, for a caller
/// tagging several selections with one lexicon.
pub fn phrases_with<'a>(
    selection: &[(&'a Event, &'a Statement)],
    lexicon: &Lexicon,
    matcher: &Matcher,
) -> PhrasesReport<'a> {
    let tagged = tag(selection, matcher);
    let tallies: Vec<(&Side, Tally)> = tagged
        .iter()
        .map(|(_, s, hits, words)| (&s.side, Tally::of(hits, *words)))
        .collect();
    PhrasesReport {
        lexicon: lexicon_info(lexicon),
        summary: summarise(&tallies),
        hits: tallies.iter().map(|(_, t)| t.hits).sum(),
        initiators: initiators(&tagged, matcher),
        statements: listed(tagged),
    }
}

/// The hits of each selected statement alone, without the summary and the
/// initiators of [`phrases_with`]: what a caller writing rows selection by
/// selection needs.
pub fn statement_hits<'a>(
    selection: &[(&'a Event, &'a Statement)],
    matcher: &Matcher,
) -> Vec<StatementPhrases<'a>> {
    listed(tag(selection, matcher))
}

/// Each statement with its hits and word count, tagged on all cores (the
/// words are counted in the same pass).
fn tag<'a>(selection: &[(&'a Event, &'a Statement)], matcher: &Matcher) -> Vec<Tagged<'a>> {
    crate::par::map(selection, 32, |(e, s)| {
        let (hits, words) = matcher.find_counted(&s.text);
        (*e, *s, hits, words)
    })
}

/// The tagged statements as the report lists them.
fn listed(tagged: Vec<Tagged<'_>>) -> Vec<StatementPhrases<'_>> {
    tagged
        .into_iter()
        .map(|(e, s, hits, words)| StatementPhrases {
            event: e.id.clone(),
            statement: s.id.clone(),
            title: s.title.clone(),
            side: s.side.clone(),
            issuer: s.issuer.clone(),
            date: s.date,
            words,
            hits: hits
                .into_iter()
                .map(|mut h| ReportedHit {
                    shown: ShownHit::of(&h, s),
                    sentence_text: h.sentence.text(&s.text),
                    hit: {
                        // The shown hit holds the words; no second copy.
                        h.surface = String::new();
                        h
                    },
                })
                .collect(),
        })
        .collect()
}

/// The per-side summary alone: each statement's hits are tallied as soon as
/// it is tagged and dropped, so no hit outlives its statement's tagging.
pub fn phrases_summary(
    selection: &[(&Event, &Statement)],
    lexicon: &Lexicon,
) -> PhrasesReport<'static> {
    let mut parts = SummaryParts::default();
    parts.add(selection, &lexicon.matcher());
    parts.finish(lexicon)
}

/// The per-side summary of statements tagged in parts (a corpus read batch
/// by batch): each statement's tally is added to its side's running totals
/// as it comes, in order, so the totals (the summed weights too) are those
/// of [`phrases_summary`] over the whole, and nothing per statement is kept.
#[derive(Debug, Default)]
pub struct SummaryParts {
    by_side: BTreeMap<Side, SideSummary>,
    counts: BTreeMap<(Side, Category), (usize, f64)>,
    hits: usize,
}

impl SummaryParts {
    /// Tags `selection` and adds each statement's tally (not its hits).
    pub fn add(&mut self, selection: &[(&Event, &Statement)], matcher: &Matcher) {
        let tallies = crate::par::map(selection, 32, |(_, s)| {
            let (hits, words) = matcher.find_counted(&s.text);
            Tally::of(&hits, words)
        });
        for ((_, s), t) in selection.iter().zip(tallies) {
            self.add_tally(&s.side, &t);
        }
    }

    fn add_tally(&mut self, side: &Side, t: &Tally) {
        self.hits += t.hits;
        let sum = self
            .by_side
            .entry(side.clone())
            .or_insert_with(|| SideSummary {
                side: side.clone(),
                statements: 0,
                words: 0,
                categories: Vec::new(),
                negated: 0,
                max_grade: None,
            });
        sum.statements += 1;
        sum.words += t.words;
        sum.negated += t.negated;
        sum.max_grade = sum.max_grade.max(t.max_grade);
        for (category, (n, w)) in Category::ALL.iter().zip(t.counts) {
            if n > 0 {
                let c = self
                    .counts
                    .entry((side.clone(), *category))
                    .or_insert((0, 0.0));
                c.0 += n;
                c.1 += w;
            }
        }
    }

    /// The summary report of every statement added.
    pub fn finish(self, lexicon: &Lexicon) -> PhrasesReport<'static> {
        PhrasesReport {
            lexicon: lexicon_info(lexicon),
            hits: self.hits,
            summary: self.summary(),
            initiators: Vec::new(),
            statements: Vec::new(),
        }
    }

    /// Each side's totals, by side, with every category's rate.
    fn summary(self) -> Vec<SideSummary> {
        let counts = self.counts;
        self.by_side
            .into_values()
            .map(|mut sum| {
                sum.categories = Category::ALL
                    .iter()
                    .map(|&category| {
                        let (hits, weighted) = counts
                            .get(&(sum.side.clone(), category))
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
}

/// A statement with its event, hits and word count.
type Tagged<'a> = (&'a Event, &'a Statement, Vec<Hit>, usize);

/// What the summary needs of one statement's hits.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    words: usize,
    /// Every hit, negated ones included.
    hits: usize,
    negated: usize,
    max_grade: Option<u8>,
    /// Counted hits and summed weight, per category (in `Category::ALL` order).
    counts: [(usize, f64); 7],
}

impl Tally {
    fn of(hits: &[Hit], words: usize) -> Tally {
        let mut t = Tally {
            words,
            hits: hits.len(),
            ..Tally::default()
        };
        for h in hits {
            if h.negated {
                t.negated += 1;
                continue;
            }
            t.max_grade = t.max_grade.max(h.grade);
            let i = Category::ALL
                .iter()
                .position(|&c| c == h.category)
                .unwrap_or(0);
            t.counts[i].0 += 1;
            t.counts[i].1 += f64::from(h.weight);
        }
        t
    }
}

fn summarise(tallies: &[(&Side, Tally)]) -> Vec<SideSummary> {
    let mut parts = SummaryParts::default();
    for (side, t) in tallies {
        parts.add_tally(side, t);
    }
    parts.summary()
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
        let found = initiator_from_hits(event, matcher, &group);
        if found.status != super::initiator::Status::NoInitiator {
            out.push(found);
        }
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
