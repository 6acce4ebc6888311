//! INTERIM tagger, used only until the framing lexicon (`analysis::lexicon`,
//! issue 4) is merged: a dozen phrases matched on stemmed words, with simple
//! negation, so the command, its reports and its tests can run end to end.
//! Its fingerprint says `interim` so no report made with it passes for one
//! made with the real lexicon. Delete this file when wiring the lexicon.

use anyhow::bail;

use super::Tagging;
use crate::analysis::tone::{ToneCategory, TonedHit};
use crate::corpus::{Event, Statement};
use crate::text::{segment::sentences, stem_word, words};

const PHRASES: &[(&str, ToneCategory, f64)] = &[
    ("constructive", ToneCategory::Cooperative, 1.0),
    ("progress", ToneCategory::Cooperative, 1.0),
    ("cooperation", ToneCategory::Cooperative, 1.0),
    ("mutual benefit", ToneCategory::Cooperative, 1.0),
    ("win-win", ToneCategory::Cooperative, 1.0),
    ("bullying", ToneCategory::Confrontational, 1.0),
    ("unilateral", ToneCategory::Confrontational, 1.0),
    ("aggression", ToneCategory::Confrontational, 1.0),
    ("frank", ToneCategory::DisagreementCode, 1.0),
    ("urge", ToneCategory::Demand, 1.0),
    ("committed to", ToneCategory::Commitment, 1.0),
    ("concern", ToneCategory::ConcernLadder, 1.0),
    ("serious concern", ToneCategory::ConcernLadder, 2.0),
    ("at the request of", ToneCategory::Initiative, 1.0),
];

const NEGATORS: &[&str] = &["not", "no", "never", "without"];

pub(super) fn tagging(lexicon: Option<&std::path::Path>) -> anyhow::Result<Tagging> {
    if let Some(path) = lexicon {
        bail!(
            "--lexicon {}: lexicon files are read once the framing lexicon is merged",
            path.display()
        );
    }
    let phrases: Vec<(Vec<String>, &str, ToneCategory, f64)> = PHRASES
        .iter()
        .map(|(p, c, w)| (words(p).map(|w| stem_word(w.text)).collect(), *p, *c, *w))
        .collect();
    let tag = move |_: &Event, s: &Statement| tag(&phrases, s);
    Ok(Tagging {
        fingerprint: "interim (14 phrases; not the framing lexicon)".into(),
        tag: Box::new(tag),
        initiator: Box::new(|_| None),
    })
}

type Phrase<'a> = (Vec<String>, &'a str, ToneCategory, f64);

fn tag(phrases: &[Phrase<'_>], s: &Statement) -> Vec<TonedHit> {
    let toks: Vec<_> = words(&s.text).collect();
    let stems: Vec<String> = toks.iter().map(|w| stem_word(w.text)).collect();
    let sents = sentences(&s.text);
    let mut hits = Vec::new();
    for i in 0..stems.len() {
        // Longest phrase starting here wins (so "serious concern" is not also "concern").
        let best = phrases
            .iter()
            .filter(|(p, ..)| stems[i..].starts_with(p))
            .max_by_key(|(p, ..)| p.len());
        let Some((p, phrase, category, weight)) = best else {
            continue;
        };
        let (start, end) = (toks[i].start, toks[i + p.len() - 1].end);
        let negated = stems[i.saturating_sub(3)..i]
            .iter()
            .any(|w| NEGATORS.contains(&w.as_str()));
        let sentence = sents
            .iter()
            .find(|x| x.start <= start && end <= x.end)
            .map(|x| x.text(&s.text).to_string())
            .unwrap_or_default();
        hits.push(TonedHit {
            category: *category,
            phrase: phrase.to_string(),
            weight: *weight,
            negated,
            start,
            end,
            sentence,
        });
    }
    // Drop a shorter hit inside a longer one ("concern" within "serious concern").
    let spans: Vec<(usize, usize)> = hits.iter().map(|h| (h.start, h.end)).collect();
    hits.retain(|h| {
        !spans
            .iter()
            .any(|&(a, b)| a <= h.start && h.end <= b && (a, b) != (h.start, h.end))
    });
    hits
}
