//! Where each kind of initiative phrase points: the rules that turn one hit in
//! one sentence into a side (see [`super::Points`] for the list, and
//! [`super::initiator`](mod@super::initiator) for how an event's evidence is combined). Kept apart
//! from the decision so each rule can be read, and tested, on its own.

use super::side_names::{Mention, SideTable};
use super::{Hit, Points};
use crate::corpus::{Event, Side, Statement};
use crate::text;

/// How many words after an `after` phrase are searched for a side name, and
/// after "hosted" for its guest.
pub const AFTER_WORDS: usize = 8;

/// How many sentences of a statement are read: a readout says who asked in
/// its lead ("President Biden hosted …", "At the invitation of …"); later
/// sentences mention other meetings ("the summit to be hosted by India").
pub const LEAD_SENTENCES: usize = 3;

/// Where the lead of `text` ends (the end of its [`LEAD_SENTENCES`]th sentence).
pub fn lead_end(text: &str) -> usize {
    let all = crate::text::segment::sentences(text);
    all.get(LEAD_SENTENCES - 1)
        .or(all.last())
        .map_or(text.len(), |s| s.end)
}

/// Bare titles that, right after an `after` phrase, name the other party
/// without naming its country ("at the invitation of the Prime Minister").
const TITLES: &[&str] = &[
    "president",
    "prime",
    "chancellor",
    "king",
    "queen",
    "emir",
    "amir",
    "crown",
    "taoiseach",
    "premier",
    "sultan",
    "foreign",
    "other",
    "latter",
    "former",
];

/// The side `hit` points to, and the mention that named it (none when the
/// side is the event's other party, named by no word of the sentence).
pub fn points(
    event: &Event,
    st: &Statement,
    hit: &Hit,
    rule: Points,
    table: &SideTable,
) -> Option<(Side, Option<Mention>)> {
    let text = st.text.as_str();
    let s = hit.sentence;
    let named = |m: Mention| Some((m.side.clone(), Some(m)));
    match rule {
        Points::After if compound(text, hit) => None,
        Points::After => after(event, st, text, hit, table),
        Points::Before => table
            .mentions(text, s.start, hit.start)
            .pop()
            .and_then(named),
        Points::Counterpart => counterpart(event, st, table.mentions(text, s.start, s.end)),
        Points::Latter | Points::Former => {
            let mut before = table.mentions(text, s.start, hit.start);
            let m = if rule == Points::Latter {
                before.pop()
            } else {
                (!before.is_empty()).then(|| before.remove(0))
            };
            match m {
                Some(m) => named(m),
                None => counterpart(event, st, table.mentions(text, s.start, s.end)),
            }
        }
        Points::Host if !compound(text, hit) => host(text, hit, table).and_then(named),
        Points::Host => None,
        Points::Place => place(text, hit, table).and_then(named),
    }
}

/// The first side named after the phrase; none when two sides are named
/// together there ("hosted by the Presidents of Romania and Poland"); the other
/// party when the phrase is followed by a bare title.
fn after(
    event: &Event,
    st: &Statement,
    text: &str,
    hit: &Hit,
    table: &SideTable,
) -> Option<(Side, Option<Mention>)> {
    let s = hit.sentence;
    let found: Vec<Mention> = table
        .mentions(text, hit.end, s.end)
        .into_iter()
        .take_while(|m| m.word_index < AFTER_WORDS)
        .collect();
    if let Some(first) = found.first() {
        let joint = found.iter().skip(1).any(|m| {
            m.side != first.side
                && text[first.end..m.start]
                    .split_whitespace()
                    .any(|w| w == "and")
        });
        return (!joint).then(|| (first.side.clone(), Some(first.clone())));
    }
    let next: Vec<String> = text::words(&text[hit.end..s.end])
        .take(2)
        .map(|w| w.text.to_lowercase())
        .collect();
    let titled = next.first().is_some_and(|w| w == "the")
        && next.get(1).is_some_and(|w| TITLES.contains(&w.as_str()));
    if titled {
        counterpart(event, st, table.mentions(text, s.start, s.end))
    } else {
        None
    }
}

/// The side of the statement's other party: the event's one other side, or
/// else the one side other than the issuer's named in the sentence.
fn counterpart(
    event: &Event,
    st: &Statement,
    in_sentence: Vec<Mention>,
) -> Option<(Side, Option<Mention>)> {
    let others: Vec<&Side> = event
        .sides()
        .into_iter()
        .filter(|s| **s != st.side)
        .collect();
    if let [one] = others.as_slice() {
        return Some(((*one).clone(), None));
    }
    let named: Vec<Mention> = in_sentence
        .into_iter()
        .filter(|m| m.side != st.side)
        .collect();
    let first = named.first()?;
    named
        .iter()
        .all(|m| m.side == first.side)
        .then(|| (first.side.clone(), Some(first.clone())))
}

/// "X hosted Y": the side named last before the phrase, when the sentence
/// also names a guest of another side (a White House office hosting advocates
/// is no diplomatic initiative). "hosted by" is left to its own entry.
fn host(text: &str, hit: &Hit, table: &SideTable) -> Option<Mention> {
    let s = hit.sentence;
    let next = text::words(&text[hit.end..s.end]).next();
    if next.is_some_and(|w| w.text.eq_ignore_ascii_case("by")) {
        return None;
    }
    let host = table.mentions(text, s.start, hit.start).pop()?;
    let guest = table
        .mentions(text, hit.end, s.end)
        .into_iter()
        .take_while(|m| m.word_index < AFTER_WORDS)
        .any(|m| m.side != host.side);
    guest.then_some(host)
}

/// "co-hosted", "U.S.-hosted": a word glued to the phrase by a hyphen (joint
/// hosts, or an attribute of another event).
fn compound(text: &str, hit: &Hit) -> bool {
    text[..hit.start].ends_with(['-', '\u{2010}', '\u{2011}'])
}

/// "X welcomed Y to PLACE": the side of the place the phrase ends with ("to
/// the White House", "to Beijing").
fn place(text: &str, hit: &Hit, table: &SideTable) -> Option<Mention> {
    table
        .mentions(text, hit.start, hit.end)
        .pop()
        .filter(|m| m.end == hit.end)
}
