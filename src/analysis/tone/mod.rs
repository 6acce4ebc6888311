//! Tone scores: how cooperative or confrontational a statement is, as rates per
//! 1,000 words of framing-phrase hits, so that a figure in a paper can be traced
//! back to the phrases and sentences it came from.
//!
//! The analysis takes its own plain input ([`StatementInput`] with
//! [`TonedHit`]s) rather than the matcher's hits, so it can be tested with
//! hand-built hits and stays independent of how the matcher evolves; the
//! command layer adapts lexicon hits into this form. A hit is shown as the
//! lexicon's [`ShownHit`] (the words as written first, then entry and
//! category), the one form every renderer of hits shares.
//!
//! # The formula
//!
//! For one statement with `N` words (as [`crate::text::word_count`] counts them)
//! and, for each category `c`, `W(c)` = the sum of the weights of its
//! **non-negated** hits:
//!
//! * `rate(c) = 1000 · W(c) / N` for cooperative, confrontational,
//!   disagreement-code, demand, commitment and concern-ladder;
//! * `tone = 1000 · (W(cooperative) − W(confrontational)) / N`: positive is
//!   cooperative, negative confrontational;
//! * the concern ladder is graded: its rungs (concern < serious concern <
//!   strong dissatisfaction < stern representations) carry rising weights in
//!   the lexicon, so the rate grows with the rung; besides its rate, each
//!   statement and group reports `max_concern`, the highest rung (grade 1–4)
//!   reached by a counted hit (0: none);
//! * negated hits ("not constructive") count nowhere; they are kept, flagged,
//!   and listed by `--explain`; initiative hits are listed but not scored;
//! * a statement with no words has every rate 0.
//!
//! A group (side, year, …) pools its statements: `rate(c) = 1000 · ΣW(c) / ΣN`
//! (long statements weigh more), and `mean_tone` is the plain mean of its
//! statements' tones (each statement weighs the same; statements with no words
//! are left out of the mean). Published figures are rounded to 6 decimals
//! after all arithmetic.

pub mod calendar;
pub mod events;
pub mod group;
pub mod overview;
pub mod report;
pub mod run;

use serde::Serialize;

use crate::analysis::lexicon::{Category, ShownHit};
use crate::corpus::{Date, Side};

pub use events::{EventMeta, EventTone, Initiator, SideTone};
pub use group::{Dim, Group};
pub use overview::PhraseTallies;
pub use report::{build, build_tallied, Provenance, ToneOptions, ToneReport};

/// One framing-phrase hit in a statement, as tone needs it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TonedHit {
    /// The words as written, the entry they matched, the category tone
    /// scores and offsets into the statement text as stored.
    #[serde(flatten)]
    pub shown: ShownHit,
    pub weight: f64,
    /// Concern-ladder rung, 1 (concern) to 4 (stern representations).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<u8>,
    /// Negated in its clause ("not constructive"): listed, never counted.
    pub negated: bool,
    /// The sentence the hit occurs in (empty when the report lists no hits:
    /// the command copies sentences out only for `--explain`). Shared by
    /// every hit of one sentence: a long sentence is held once, not per hit.
    #[serde(serialize_with = "shared_str")]
    pub sentence: std::sync::Arc<str>,
}

fn shared_str<S: serde::Serializer>(v: &std::sync::Arc<str>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v)
}

/// One statement to score: its metadata, word count and hits.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementInput {
    pub id: String,
    pub event_id: String,
    /// The statement's title, carried through for the outputs that list statements.
    pub title: String,
    pub side: Side,
    pub issuer: String,
    pub date: Date,
    pub words: usize,
    pub hits: Vec<TonedHit>,
}

/// Number and summed weight of counted (non-negated) hits of one category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Tally {
    pub hits: usize,
    pub weight: f64,
}

/// A [`Tally`] per category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Tallies {
    pub cooperative: Tally,
    pub confrontational: Tally,
    pub disagreement_code: Tally,
    pub demand: Tally,
    pub commitment: Tally,
    pub concern_ladder: Tally,
    pub initiative: Tally,
}

impl Tallies {
    pub fn get(&self, c: Category) -> Tally {
        match c {
            Category::Cooperative => self.cooperative,
            Category::Confrontational => self.confrontational,
            Category::DisagreementCode => self.disagreement_code,
            Category::Demand => self.demand,
            Category::Commitment => self.commitment,
            Category::ConcernLadder => self.concern_ladder,
            Category::Initiative => self.initiative,
        }
    }

    fn get_mut(&mut self, c: Category) -> &mut Tally {
        match c {
            Category::Cooperative => &mut self.cooperative,
            Category::Confrontational => &mut self.confrontational,
            Category::DisagreementCode => &mut self.disagreement_code,
            Category::Demand => &mut self.demand,
            Category::Commitment => &mut self.commitment,
            Category::ConcernLadder => &mut self.concern_ladder,
            Category::Initiative => &mut self.initiative,
        }
    }

    /// Counts one hit (negated hits are not counted).
    pub fn add_hit(&mut self, hit: &TonedHit) {
        if !hit.negated {
            let t = self.get_mut(hit.shown.category);
            t.hits += 1;
            t.weight += hit.weight;
        }
    }

    /// Adds another statement's or group's tallies.
    pub fn add(&mut self, other: &Tallies) {
        for c in Category::ALL {
            let o = other.get(c);
            let t = self.get_mut(c);
            t.hits += o.hits;
            t.weight += o.weight;
        }
    }

    /// Hits of the rated categories (everything but initiative).
    pub fn rated_hits(&self) -> usize {
        Category::RATED.iter().map(|c| self.get(*c).hits).sum()
    }
}

/// Rates per 1,000 words, and the tone (see the module documentation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Rates {
    pub tone: f64,
    pub cooperative: f64,
    pub confrontational: f64,
    pub disagreement_code: f64,
    pub demand: f64,
    pub commitment: f64,
    pub concern_ladder: f64,
}

impl Rates {
    /// The rates of weighted tallies over `words` words, rounded to 6 decimals.
    pub fn of(t: &Tallies, words: usize) -> Rates {
        if words == 0 {
            return Rates::default();
        }
        let per = |w: f64| round6(1000.0 * w / words as f64);
        Rates {
            tone: per(t.cooperative.weight - t.confrontational.weight),
            cooperative: per(t.cooperative.weight),
            confrontational: per(t.confrontational.weight),
            disagreement_code: per(t.disagreement_code.weight),
            demand: per(t.demand.weight),
            commitment: per(t.commitment.weight),
            concern_ladder: per(t.concern_ladder.weight),
        }
    }

    /// The rate of one category; `None` for initiative, which is not rated.
    pub fn get(&self, c: Category) -> Option<f64> {
        match c {
            Category::Cooperative => Some(self.cooperative),
            Category::Confrontational => Some(self.confrontational),
            Category::DisagreementCode => Some(self.disagreement_code),
            Category::Demand => Some(self.demand),
            Category::Commitment => Some(self.commitment),
            Category::ConcernLadder => Some(self.concern_ladder),
            Category::Initiative => None,
        }
    }
}

/// The scores of one statement, with the hits they come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementScore {
    pub id: String,
    pub event_id: String,
    pub title: String,
    pub side: Side,
    pub issuer: String,
    pub date: Date,
    pub words: usize,
    pub tallies: Tallies,
    pub rates: Rates,
    /// Highest concern-ladder grade counted (0 when none).
    pub max_concern: u8,
    /// Hits left out because they are negated.
    pub negated: usize,
    /// Every hit, counted or not (kept for `--explain`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hits: Vec<TonedHit>,
}

/// Scores one statement by the formula of this module.
pub fn score(input: StatementInput) -> StatementScore {
    let mut tallies = Tallies::default();
    let mut max_concern: u8 = 0;
    let mut negated = 0;
    for hit in &input.hits {
        tallies.add_hit(hit);
        if hit.negated {
            negated += 1;
        } else if hit.shown.category == Category::ConcernLadder {
            max_concern = max_concern.max(hit.grade.unwrap_or(1));
        }
    }
    StatementScore {
        rates: Rates::of(&tallies, input.words),
        id: input.id,
        event_id: input.event_id,
        title: input.title,
        side: input.side,
        issuer: input.issuer,
        date: input.date,
        words: input.words,
        tallies,
        max_concern,
        negated,
        hits: input.hits,
    }
}

/// Rounds a published figure to 6 decimals (after all arithmetic).
pub fn round6(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 {
        0.0 // no "-0"
    } else {
        r
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn hit(category: Category, phrase: &str, weight: f64, negated: bool) -> TonedHit {
        TonedHit {
            shown: ShownHit::at(phrase, 0, phrase.len(), phrase, category),
            weight,
            grade: (category == ConcernLadder).then_some(weight.ceil() as u8),
            negated,
            sentence: format!("… {phrase} …").into(),
        }
    }

    pub fn input(
        id: &str,
        side: &str,
        date: &str,
        words: usize,
        hits: Vec<TonedHit>,
    ) -> StatementInput {
        StatementInput {
            id: format!("{id}/{side}"),
            event_id: id.into(),
            title: format!("{id} ({side})"),
            side: Side::parse(side).unwrap(),
            issuer: format!("{side} office"),
            date: date.parse().unwrap(),
            words,
            hits,
        }
    }

    use Category::*;

    #[test]
    fn tone_is_cooperative_minus_confrontational_per_thousand_words() {
        // 250 words; cooperative 1 + 2 = 3, confrontational 1.5; tone = 1000·1.5/250 = 6.
        let s = score(input(
            "e",
            "CHN",
            "2020-08-25",
            250,
            vec![
                hit(Cooperative, "constructive", 1.0, false),
                hit(Cooperative, "win-win", 2.0, false),
                hit(Confrontational, "bullying", 1.5, false),
            ],
        ));
        assert_eq!(s.rates.tone, 6.0);
        assert_eq!(s.rates.cooperative, 12.0);
        assert_eq!(s.rates.confrontational, 6.0);
        assert_eq!(
            s.tallies.cooperative,
            Tally {
                hits: 2,
                weight: 3.0
            }
        );
        assert_eq!(s.negated, 0);
    }

    #[test]
    fn negated_hits_are_listed_but_never_counted() {
        let s = score(input(
            "e",
            "USA",
            "2020",
            100,
            vec![
                hit(Cooperative, "constructive", 1.0, true),
                hit(Demand, "urged", 1.0, false),
            ],
        ));
        assert_eq!(s.rates.tone, 0.0);
        assert_eq!(s.rates.cooperative, 0.0);
        assert_eq!(s.rates.demand, 10.0);
        assert_eq!(s.negated, 1);
        assert_eq!(s.hits.len(), 2, "the negated hit stays listed");
    }

    #[test]
    fn concern_ladder_is_graded_by_weight() {
        // concern (weight 1, grade 1) + stern representations (weight 4, grade 4)
        // over 300 words: rate 1000·5/300; the negated strong protest is not counted.
        let s = score(input(
            "e",
            "CHN",
            "2019",
            300,
            vec![
                hit(ConcernLadder, "concern", 1.0, false),
                hit(ConcernLadder, "stern representations", 4.0, false),
                hit(ConcernLadder, "strong protest", 4.0, true),
                hit(DisagreementCode, "frank", 1.0, false),
                hit(Commitment, "committed to", 1.0, false),
            ],
        ));
        assert_eq!(s.rates.concern_ladder, 16.666667);
        assert_eq!(s.max_concern, 4);
        assert_eq!(s.rates.disagreement_code, 3.333333);
        assert_eq!(s.rates.commitment, 3.333333);
        assert_eq!(s.rates.tone, 0.0);
    }

    #[test]
    fn initiative_is_tallied_but_not_rated_and_empty_statements_score_zero() {
        let s = score(input(
            "e",
            "USA",
            "2020",
            0,
            vec![hit(Initiative, "at the request of", 1.0, false)],
        ));
        assert_eq!(s.tallies.initiative.hits, 1);
        assert_eq!(s.rates, Rates::default());
        assert_eq!(s.tallies.rated_hits(), 0);
    }
}
