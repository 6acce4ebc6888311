//! Who asked for the call. Readouts say it in set phrases ("at the request of
//! the U.S. side", "took a phone call from President Trump", "at the
//! latter's request"), and who asked is itself a finding: the side that
//! requests a call usually wants something from it.
//!
//! Each `initiative` entry says where its phrase points (`initiator` in the
//! lexicon):
//! - `after`: the side named first in the words after the phrase, within the
//!   sentence (up to [`AFTER_WORDS`] words). In China's readout "took a phone
//!   call from President Trump" points to the U.S.; in the U.S. readout "at
//!   the request of China" points to China. Who wrote the statement does not
//!   matter, only whom the phrase names.
//! - `before`: the side named last before the phrase in its sentence
//!   ("President Trump placed a call to President Xi" → U.S.).
//! - `counterpart`: not the side that issued the statement ("at the latter's
//!   request" in a Chinese readout → the other side of the event; when the
//!   event has no other side's statement, the one other side named in the
//!   sentence).
//!
//! Names are matched like phrases (stems), from the lexicon's `[sides]`
//! table; all-capital names (`US`, `PRC`) must be written in capitals.
//! Negated initiative hits are ignored. The event's initiator is the side all
//! evidence points to; evidence pointing to different sides makes it
//! `conflicting`, no evidence (or no resolvable name) `unknown`.

use serde::Serialize;

use super::{Category, Hit, Matcher, Points, SideNames};
use crate::corpus::{Event, Side, Statement};
use crate::text::{self, stem_word};

/// How many words after an `after` phrase are searched for a side name.
pub const AFTER_WORDS: usize = 8;

/// What the evidence of an event says about who initiated it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Known,
    Unknown,
    Conflicting,
}

/// The initiator of one event and the sentences that show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Initiator {
    pub event: String,
    /// The side that asked for the call; `None` when unknown or conflicting.
    pub side: Option<Side>,
    pub status: Status,
    pub evidence: Vec<InitiatorEvidence>,
}

/// One initiative phrase and where it points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InitiatorEvidence {
    pub statement: String,
    /// The side that issued the statement holding the phrase.
    pub issued_by: Side,
    /// The phrase as written, its entry and offsets into the stored text.
    #[serde(flatten)]
    pub shown: super::ShownHit,
    pub sentence: String,
    pub rule: Points,
    /// The words that named the side ("the U.S. side" → `U.S. side`).
    pub named: Option<String>,
    pub points_to: Option<Side>,
}

/// The initiator of `event`, matching each statement with `matcher`.
pub fn initiator(event: &Event, matcher: &Matcher) -> Initiator {
    let hits: Vec<(&Statement, Vec<Hit>)> = event
        .statements
        .iter()
        .map(|s| (s, matcher.find(&s.text)))
        .collect();
    let view: Vec<(&Statement, &[Hit])> = hits.iter().map(|(s, h)| (*s, h.as_slice())).collect();
    initiator_from_hits(event, matcher, &view)
}

/// The same, from hits already found (each statement with its hits).
pub fn initiator_from_hits(
    event: &Event,
    matcher: &Matcher,
    hits: &[(&Statement, &[Hit])],
) -> Initiator {
    let mut evidence = Vec::new();
    for (statement, hits) in hits {
        for hit in hits
            .iter()
            .filter(|h| h.category == Category::Initiative && !h.negated)
        {
            let Some(rule) = hit.initiator else { continue };
            evidence.push(resolve(event, statement, hit, rule, matcher.sides()));
        }
    }
    let mut sides: Vec<&Side> = evidence
        .iter()
        .filter_map(|e| e.points_to.as_ref())
        .collect();
    sides.sort();
    sides.dedup();
    let (side, status) = match sides.as_slice() {
        [] => (None, Status::Unknown),
        [one] => (Some((*one).clone()), Status::Known),
        _ => (None, Status::Conflicting),
    };
    Initiator {
        event: event.id.clone(),
        side,
        status,
        evidence,
    }
}

fn resolve(
    event: &Event,
    st: &Statement,
    hit: &Hit,
    rule: Points,
    names: &[SideNames],
) -> InitiatorEvidence {
    let text = st.text.as_str();
    let sentence = hit.sentence;
    let found = match rule {
        Points::After => mentions(text, hit.end, sentence.end, names)
            .into_iter()
            .take_while(|m| m.word_index < AFTER_WORDS)
            .next(),
        Points::Before => mentions(text, sentence.start, hit.start, names).pop(),
        Points::Counterpart => counterpart(event, st, text, sentence.start, sentence.end, names),
    };
    InitiatorEvidence {
        statement: st.id.clone(),
        issued_by: st.side.clone(),
        shown: super::ShownHit::of(hit, st),
        sentence: sentence.text(text).to_string(),
        rule,
        named: found.as_ref().and_then(|m| m.named.clone()),
        points_to: found.map(|m| m.side),
    }
}

fn counterpart(
    event: &Event,
    st: &Statement,
    text: &str,
    from: usize,
    to: usize,
    names: &[SideNames],
) -> Option<Mention> {
    let others: Vec<&Side> = event
        .sides()
        .into_iter()
        .filter(|s| **s != st.side)
        .collect();
    if let [one] = others.as_slice() {
        return Some(Mention {
            side: (*one).clone(),
            named: None,
            word_index: 0,
        });
    }
    let mut named: Vec<Mention> = mentions(text, from, to, names)
        .into_iter()
        .filter(|m| m.side != st.side)
        .collect();
    let first = named.first()?.side.clone();
    named
        .iter()
        .all(|m| m.side == first)
        .then(|| named.remove(0))
}

struct Mention {
    side: Side,
    named: Option<String>,
    /// Position of the name's first word within the searched range.
    word_index: usize,
}

/// Side names in `text[from..to]`, in order, longest name first at each word.
fn mentions(text: &str, from: usize, to: usize, names: &[SideNames]) -> Vec<Mention> {
    let region = &text[from..to];
    let words: Vec<(usize, usize, &str, String)> = text::words(region)
        .map(|w| (w.start, w.end, w.text, stem_word(w.text)))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let best = names
            .iter()
            .flat_map(|s| s.names.iter().map(move |n| (s, n)))
            .filter_map(|(s, n)| name_len(n, &words[i..]).map(|len| (len, s)))
            .max_by_key(|(len, _)| *len);
        match best {
            Some((len, s)) => {
                let (a, b) = (words[i].0, words[i + len - 1].1);
                out.push(Mention {
                    side: s.side.clone(),
                    named: Some(region[a..b].to_string()),
                    word_index: i,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// How many words of `words` the side name `name` covers, if it matches there.
fn name_len(name: &str, words: &[(usize, usize, &str, String)]) -> Option<usize> {
    let parts: Vec<&str> = text::words(name).map(|w| w.text).collect();
    if parts.is_empty() || parts.len() > words.len() {
        return None;
    }
    let all = parts.iter().zip(words).all(|(p, (_, _, surface, stem))| {
        let acronym = p.len() > 1 && p.bytes().all(|b| b.is_ascii_uppercase());
        if acronym {
            p == surface
        } else {
            stem_word(p) == *stem
        }
    });
    all.then_some(parts.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::lexicon::Lexicon;
    use crate::corpus::sample;

    fn statement(side: &str, text: &str) -> Statement {
        sample::statement("e", side, "2025-06-05", text)
    }

    fn event(statements: Vec<Statement>) -> Event {
        sample::event("e", "2025-06-05", statements)
    }

    fn who(statements: Vec<Statement>) -> Initiator {
        initiator(&event(statements), &Lexicon::builtin().matcher())
    }

    #[test]
    fn chinese_readout_naming_the_us_caller() {
        let i = who(vec![statement(
            "CHN",
            "On the evening of June 5, President Xi Jinping took a phone call from U.S. President Donald Trump.",
        )]);
        assert_eq!(i.side, Some(Side::parse("USA").unwrap()));
        assert_eq!(i.status, Status::Known);
        assert_eq!(i.evidence[0].named.as_deref(), Some("U.S"));
        assert!(i.evidence[0].sentence.starts_with("On the evening"));
    }

    #[test]
    fn us_readout_naming_china_as_requester() {
        let i = who(vec![statement(
            "USA",
            "Secretary Rubio spoke with Foreign Minister Wang Yi at the request of China.",
        )]);
        assert_eq!(i.side, Some(Side::parse("CHN").unwrap()));
        assert_eq!(
            &*i.evidence[0].shown.entry,
            "held a call with {1,8} at the request of"
        );
        let i = who(vec![statement(
            "CHN",
            "The call was held at the request of the U.S. side.",
        )]);
        assert_eq!(i.side, Some(Side::parse("USA").unwrap()));
    }

    #[test]
    fn the_latter_is_the_counterpart_and_the_caller_is_named_before() {
        let i = who(vec![
            statement(
                "CHN",
                "Xi Jinping spoke with Trump at the latter's request.",
            ),
            statement("USA", "The call lasted an hour."),
        ]);
        assert_eq!(i.side, Some(Side::parse("USA").unwrap()));
        let i = who(vec![statement(
            "CHN",
            "Xi Jinping spoke by phone with Trump at the latter\u{2019}s request.",
        )]);
        assert_eq!(i.side, Some(Side::parse("USA").unwrap()));
        let i = who(vec![statement(
            "USA",
            "President Trump placed a call to President Xi.",
        )]);
        assert_eq!(i.side, Some(Side::parse("USA").unwrap()));
    }

    #[test]
    fn no_evidence_is_unknown_and_disagreement_is_conflicting() {
        assert_eq!(
            who(vec![statement("USA", "The two leaders spoke.")]).status,
            Status::Unknown
        );
        let i = who(vec![
            statement("CHN", "held at the request of the U.S. side."),
            statement("USA", "held at the request of China."),
        ]);
        assert_eq!((i.status, i.side), (Status::Conflicting, None));
        assert_eq!(i.evidence.len(), 2);
        // "us" the pronoun is not the U.S.
        assert_eq!(
            who(vec![statement(
                "CHN",
                "They called at the request of us all."
            )])
            .status,
            Status::Unknown
        );
    }
}
