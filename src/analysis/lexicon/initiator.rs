//! Who asked for the call. Readouts say it in set phrases ("at the request of
//! the U.S. side", "took a phone call from President Trump", "at the
//! latter's request", "President Biden hosted Prime Minister Kishida",
//! "welcomed Chancellor Scholz to the White House"), and who asked is itself a
//! finding: the side that requests a call usually wants something from it.
//!
//! Only events of a kind that has an initiator are read ([`has_initiator`]:
//! calls, meetings, visits, summits, their readouts, joint statements and
//! communiqués); a general debate, a press conference or a speech has none,
//! whatever its sentences say about other events. Each `initiative` entry says
//! where its phrase points (`initiator` in the lexicon, the rules in
//! [`super::initiator_rules`]); names resolve to sides through
//! [`super::side_names`] (the lexicon's `[sides]`, the curated names, ISO
//! names and the officials table). Negated hits are ignored. The event's
//! initiator is the side all evidence points to; evidence pointing to
//! different sides makes it `conflicting`, no evidence or no resolvable name
//! `unknown`, and the sentence that decided is kept ([`Initiator::deciding`]).
//! Only the lead of each statement is read (its first [`LEAD_SENTENCES`]
//! sentences): later sentences speak of other meetings.

use serde::Serialize;

use super::initiator_rules::{lead_end, points};
use super::{Category, Hit, Matcher, Points};
use crate::corpus::{Event, Side, Statement};

pub use super::initiator_rules::{AFTER_WORDS, LEAD_SENTENCES};

/// What the evidence of an event says about who initiated it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Known,
    Unknown,
    Conflicting,
    /// The event is of a kind that has no initiator (a general debate, a
    /// press conference, a speech): nothing was read.
    NoInitiator,
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

impl Initiator {
    /// The evidence that decided: for a known side the first evidence
    /// pointing to it, otherwise the first evidence (an unresolved name, or
    /// the first of conflicting ones).
    pub fn deciding(&self) -> Option<&InitiatorEvidence> {
        match &self.side {
            Some(side) => self
                .evidence
                .iter()
                .find(|e| e.points_to.as_ref() == Some(side)),
            None => self.evidence.first(),
        }
    }
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
    /// The words that named the side ("the U.S. side" → `U.S. side`); none
    /// when the side is the event's other party, named by no word.
    pub named: Option<String>,
    pub points_to: Option<Side>,
}

/// Whether events of `kind` have an initiator: a kind whose first or last
/// hyphen-separated part is call, meeting, visit, summit, talks or readout,
/// and joint statements and communiqués.
pub fn has_initiator(kind: &str) -> bool {
    const FAMILIES: &[&str] = &["call", "meeting", "visit", "summit", "talks", "readout"];
    let kind = kind.to_ascii_lowercase();
    let first = kind.split('-').next().unwrap_or("");
    let last = kind.rsplit('-').next().unwrap_or("");
    FAMILIES.contains(&first)
        || FAMILIES.contains(&last)
        || matches!(
            kind.as_str(),
            "joint-statement" | "communique" | "joint-communique"
        )
}

/// The initiator of `event`, matching each statement with `matcher`.
pub fn initiator(event: &Event, matcher: &Matcher) -> Initiator {
    if !has_initiator(&event.kind) {
        return nothing(event, Status::NoInitiator);
    }
    let hits: Vec<(&Statement, Vec<Hit>)> = event
        .statements
        .iter()
        .map(|s| (s, matcher.find(&s.text)))
        .collect();
    let view: Vec<(&Statement, &[Hit])> = hits.iter().map(|(s, h)| (*s, h.as_slice())).collect();
    initiator_from_hits(event, matcher, &view)
}

fn nothing(event: &Event, status: Status) -> Initiator {
    Initiator {
        event: event.id.clone(),
        side: None,
        status,
        evidence: Vec::new(),
    }
}

/// The same, from hits already found (each statement with its hits).
pub fn initiator_from_hits(
    event: &Event,
    matcher: &Matcher,
    hits: &[(&Statement, &[Hit])],
) -> Initiator {
    if !has_initiator(&event.kind) {
        return nothing(event, Status::NoInitiator);
    }
    let table = matcher.side_table();
    let mut evidence = Vec::new();
    for (statement, hits) in hits {
        let lead = lead_end(&statement.text);
        for hit in hits
            .iter()
            .filter(|h| h.category == Category::Initiative && !h.negated && h.start < lead)
        {
            let Some(rule) = hit.initiator else { continue };
            let found = points(event, statement, hit, rule, table);
            evidence.push(InitiatorEvidence {
                statement: statement.id.clone(),
                issued_by: statement.side.clone(),
                shown: super::ShownHit::of(hit, statement),
                sentence: hit.sentence.text(&statement.text).to_string(),
                rule,
                named: found
                    .as_ref()
                    .and_then(|(_, m)| m.as_ref().map(|m| m.named.clone())),
                points_to: found.map(|(side, _)| side),
            });
        }
    }
    decide(event, evidence)
}

fn decide(event: &Event, evidence: Vec<InitiatorEvidence>) -> Initiator {
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

    fn usa(i: &Initiator) -> bool {
        i.side == Some(Side::parse("USA").unwrap())
    }

    #[test]
    fn events_of_kinds_without_an_initiator_name_none() {
        let mut e = event(vec![statement(
            "LUX",
            "At the request of Luxembourg the call was held with the United States.",
        )]);
        e.kind = "general-debate".into();
        let i = initiator(&e, &Lexicon::builtin().matcher());
        assert_eq!(
            (i.status, i.side, i.evidence.len()),
            (Status::NoInitiator, None, 0)
        );
        assert!(has_initiator("call-readout") && has_initiator("joint-statement"));
        assert!(!has_initiator("press-conference") && !has_initiator("remarks"));
    }

    #[test]
    fn hosts_places_and_the_latter_resolve_to_sides() {
        let i = who(vec![statement(
            "USA",
            "Today at the White House, Jake Sullivan hosted Israeli National Security Advisor Tzachi Hanegbi.",
        )]);
        assert!(usa(&i), "{i:?}");
        assert_eq!(i.deciding().unwrap().rule, Points::Host);
        // A domestic meeting names no guest of another side.
        let i = who(vec![statement(
            "USA",
            "Today the White House hosted a roundtable with nurses from across the country.",
        )]);
        assert_eq!(i.status, Status::Unknown);
        // "co-hosted" and a host year point nowhere.
        let i = who(vec![statement(
            "USA",
            "President Biden and Angolan President Lourenço co-hosted African leaders. Biden praised Brazil's G20 host year.",
        )]);
        assert_eq!(i.side, None);
        let i = who(vec![statement(
            "USA",
            "President Biden welcomed Chancellor Olaf Scholz of Germany to the White House today.",
        )]);
        assert!(usa(&i));
        let i = who(vec![statement(
            "USA",
            "President Emmanuel Macron of the French Republic and President Joe Biden of the United States of America spoke on September 22, at the request of the latter.",
        )]);
        assert!(usa(&i), "{i:?}");
    }

    #[test]
    fn the_chinese_forms_name_who_asked_and_who_invited() {
        let i = who(vec![statement(
            "CHN",
            "2021年2月11日上午，国家主席习近平应约同美国总统拜登通电话。",
        )]);
        assert!(usa(&i), "{i:?}");
        assert_eq!(&*i.deciding().unwrap().shown.entry, "应约");
        let i = who(vec![statement(
            "CHN",
            "应美国国务卿布林肯邀请，国务委员兼外长王毅将访问美国。",
        )]);
        assert!(usa(&i), "{i:?}");
        // 应约 before 发表 (a speech on request) names no caller.
        let i = who(vec![statement("CHN", "王毅应约发表视频讲话。")]);
        assert_eq!(i.side, None, "{i:?}");
    }

    #[test]
    fn the_mfa_at_request_and_the_lead_only() {
        let i = who(vec![statement(
            "CHN",
            "At request, State Councilor Wang Yi spoke on the phone with Secretary of State Antony Blinken.",
        )]);
        assert!(usa(&i), "{i:?}");
        // The fourth sentence speaks of another meeting: not read.
        let i = who(vec![statement(
            "USA",
            "The leaders spoke. They discussed trade. They discussed climate. They look forward to the summit hosted by Japan.",
        )]);
        assert_eq!((i.status, i.evidence.len()), (Status::Unknown, 0));
    }
}
