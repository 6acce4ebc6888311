//! Tone per event: each side's pooled scores on one call or meeting, who asked
//! for it, and the framing gap between two chosen sides (`--gap USA,CHN`:
//! USA's tone minus CHN's tone on the same event). This is the comparison a
//! reader of paired readouts cares about most.

use std::collections::BTreeMap;

use serde::Serialize;

use super::group::Acc;
use super::{round6, Rates, StatementScore};
use crate::corpus::{Date, Side};

/// Who asked for the call, as the lexicon's initiative phrases show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Initiator {
    /// `None`: the evidence does not say which side.
    pub side: Option<Side>,
    /// The sentence that says so.
    pub evidence: Option<String>,
}

/// An event's metadata, as tone needs it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventMeta {
    pub id: String,
    pub date: Date,
    pub kind: String,
    pub title: String,
    pub initiator: Option<Initiator>,
}

/// One side's pooled scores on one event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideTone {
    pub side: Side,
    pub statements: usize,
    pub words: usize,
    pub rates: Rates,
    pub hits: usize,
}

/// An event with each side's scores and the gap between the chosen pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventTone {
    pub id: String,
    pub date: Date,
    pub kind: String,
    pub title: String,
    pub initiator: Option<Initiator>,
    pub sides: Vec<SideTone>,
    /// Tone of the first `--gap` side minus the second's; `None` unless both spoke.
    pub gap: Option<f64>,
}

impl EventTone {
    pub fn side(&self, side: &Side) -> Option<&SideTone> {
        self.sides.iter().find(|s| &s.side == side)
    }
}

/// Per-event tones of the scored statements, in `events` order; events with no
/// selected statement are left out.
pub fn event_tones(
    scores: &[StatementScore],
    events: &[EventMeta],
    gap: Option<&(Side, Side)>,
) -> Vec<EventTone> {
    let mut by_event: BTreeMap<&str, BTreeMap<&Side, Acc>> = BTreeMap::new();
    for s in scores {
        by_event
            .entry(s.event_id.as_str())
            .or_default()
            .entry(&s.side)
            .or_default()
            .add(s);
    }
    events
        .iter()
        .filter_map(|meta| {
            let sides = by_event.get(meta.id.as_str())?;
            let sides: Vec<SideTone> = sides
                .iter()
                .map(|(side, acc)| SideTone {
                    side: (*side).clone(),
                    statements: acc.statements,
                    words: acc.words,
                    rates: acc.rates(),
                    hits: acc.tallies.rated_hits(),
                })
                .collect();
            let mut tone = EventTone {
                id: meta.id.clone(),
                date: meta.date,
                kind: meta.kind.clone(),
                title: meta.title.clone(),
                initiator: meta.initiator.clone(),
                sides,
                gap: None,
            };
            tone.gap = gap.and_then(|(a, b)| {
                let (a, b) = (tone.side(a)?, tone.side(b)?);
                Some(round6(a.rates.tone - b.rates.tone))
            });
            Some(tone)
        })
        .collect()
}

/// Indices of the events with the largest absolute gaps, largest first (ties by date, id).
pub fn largest_gaps(events: &[EventTone], n: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..events.len())
        .filter(|i| events[*i].gap.is_some())
        .collect();
    idx.sort_by(|a, b| {
        let (ga, gb) = (events[*a].gap.unwrap_or(0.0), events[*b].gap.unwrap_or(0.0));
        gb.abs()
            .total_cmp(&ga.abs())
            .then((events[*a].date, &events[*a].id).cmp(&(events[*b].date, &events[*b].id)))
    });
    idx.truncate(n);
    idx
}

#[cfg(test)]
mod tests {
    use super::super::tests::{hit, input};
    use super::super::{score, Category::*};
    use super::*;

    fn meta(id: &str, date: &str) -> EventMeta {
        EventMeta {
            id: id.into(),
            date: date.parse().unwrap(),
            kind: "call".into(),
            title: id.into(),
            initiator: None,
        }
    }

    fn side(s: &str) -> Side {
        Side::parse(s).unwrap()
    }

    #[test]
    fn the_gap_is_first_side_minus_second_on_the_same_event() {
        let scores = vec![
            // a: USA tone 1000·1/100 = 10; CHN tone 1000·(1 − 3)/200 = −10 → gap 20.
            score(input(
                "a",
                "USA",
                "2020-08-25",
                100,
                vec![hit(Cooperative, "progress", 1.0, false)],
            )),
            score(input(
                "a",
                "CHN",
                "2020-08-25",
                200,
                vec![
                    hit(Cooperative, "constructive", 1.0, false),
                    hit(Confrontational, "bullying", 3.0, false),
                ],
            )),
            // b: only CHN spoke → no gap.
            score(input("b", "CHN", "2020-09-01", 80, vec![])),
        ];
        let metas = [
            meta("a", "2020-08-25"),
            meta("b", "2020-09-01"),
            meta("c", "2021"),
        ];
        let pair = (side("USA"), side("CHN"));
        let ev = event_tones(&scores, &metas, Some(&pair));
        assert_eq!(ev.len(), 2, "event c has no statement");
        assert_eq!(ev[0].gap, Some(20.0));
        assert_eq!(ev[0].side(&side("CHN")).unwrap().rates.tone, -10.0);
        assert_eq!(ev[0].side(&side("CHN")).unwrap().hits, 2);
        assert_eq!(ev[1].gap, None);
        assert_eq!(largest_gaps(&ev, 5), [0]);
        let reversed = (side("CHN"), side("USA"));
        assert_eq!(
            event_tones(&scores, &metas, Some(&reversed))[0].gap,
            Some(-20.0)
        );
        assert_eq!(event_tones(&scores, &metas, None)[0].gap, None);
    }
}
