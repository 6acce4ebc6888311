//! `pair`: which statements of two archives report the same call, meeting or
//! press conference. Imports make every release its own one-sided event; this
//! proposes the events they belong to, each proposal with a score and the
//! evidence behind it (date gap, counterparts named, kind, shared content),
//! for a scholar to review before `--apply` records the accepted ones.

mod evidence;
mod matching;
mod names;
pub mod review;

use serde::Serialize;

use crate::corpus::officials::Officials;
use crate::corpus::{Date, Event, Side, Statement};

pub use evidence::Evidence;

/// Which two groups of statements are paired with each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// One side's statements against the other's (`--sides USA,CHN`).
    Sides(Side, Side),
    /// One side's two language versions of one statement (`--languages zh,en`).
    Languages(String, String),
    /// Two kinds of one archive (`--kinds readout,joint-statement`): a kind
    /// given as `readout` also takes `call-readout`, `meeting-readout` ….
    Kinds(String, String),
}

/// How `propose` works.
#[derive(Debug, Clone)]
pub struct Options {
    pub mode: Mode,
    /// Largest date gap, in days, between the statements of a pair.
    pub window: u32,
    /// Proposals at or above this score are marked accepted.
    pub threshold: f64,
    /// Proposals below this score are not listed at all.
    pub floor: f64,
}

/// One statement offered for pairing, with the kind of its (one-sided) event.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'c> {
    pub statement: &'c Statement,
    pub kind: &'c str,
}

impl<'c> Candidate<'c> {
    /// Every statement of `events` as a candidate.
    pub fn all(events: impl IntoIterator<Item = &'c Event>) -> Vec<Candidate<'c>> {
        let mut out = Vec::new();
        for e in events {
            out.extend(e.statements.iter().map(|statement| Candidate {
                statement,
                kind: &e.kind,
            }));
        }
        out
    }
}

/// A proposed event: the statements, their score and the evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    pub statements: Vec<String>,
    /// The statements' source addresses (empty where a statement has none), for review.
    pub urls: Vec<String>,
    pub date: Date,
    pub kind: String,
    pub title: String,
    pub score: f64,
    pub accept: bool,
    pub evidence: Evidence,
}

/// Every proposal, best first; each statement is in at most one.
pub fn propose(
    candidates: &[Candidate<'_>],
    officials: &Officials,
    options: &Options,
) -> Vec<Proposal> {
    let (first, second): (Vec<_>, Vec<_>) = split(candidates, &options.mode);
    let scored = matching::scored_pairs(&first, &second, officials, options);
    let mut proposals: Vec<Proposal> = matching::assign(scored, options.floor)
        .into_iter()
        .map(|(a, b, evidence)| proposal(&first[a], &second[b], evidence, options.threshold))
        .collect();
    proposals.sort_by(|a, b| (&a.date, &a.statements).cmp(&(&b.date, &b.statements)));
    proposals
}

/// The two groups `mode` pairs; a statement in both (same kind named twice) goes first.
fn split<'c>(
    candidates: &[Candidate<'c>],
    mode: &Mode,
) -> (Vec<Candidate<'c>>, Vec<Candidate<'c>>) {
    let mut first = Vec::new();
    let mut second = Vec::new();
    for c in candidates {
        let (a, b) = match mode {
            Mode::Sides(a, b) => (&c.statement.side == a, &c.statement.side == b),
            Mode::Languages(a, b) => (&c.statement.language == a, &c.statement.language == b),
            Mode::Kinds(a, b) => (kind_is(c.kind, a), kind_is(c.kind, b)),
        };
        if a {
            first.push(*c);
        } else if b {
            second.push(*c);
        }
    }
    (first, second)
}

/// Whether an event kind is `wanted` or a kind of it (`call-readout` is a `readout`).
pub fn kind_is(kind: &str, wanted: &str) -> bool {
    kind == wanted
        || kind
            .strip_suffix(wanted)
            .is_some_and(|rest| rest.ends_with('-'))
}

fn proposal(a: &Candidate<'_>, b: &Candidate<'_>, evidence: Evidence, threshold: f64) -> Proposal {
    let score = (evidence.score * 1000.0).round() / 1000.0;
    let earlier = if a.statement.date <= b.statement.date {
        a
    } else {
        b
    };
    Proposal {
        statements: vec![a.statement.id.clone(), b.statement.id.clone()],
        urls: [a, b]
            .map(|c| c.statement.url.clone().unwrap_or_default())
            .to_vec(),
        date: earlier.statement.date,
        kind: event_kind(a.kind, b.kind),
        title: earlier.statement.title.clone(),
        score,
        accept: score >= threshold,
        evidence,
    }
}

/// The kind of the paired event: the shared kind, or what both readouts are of.
fn event_kind(a: &str, b: &str) -> String {
    if a == b {
        return a.to_string();
    }
    for k in ["call", "meeting", "visit", "summit", "press-conference"] {
        if a.starts_with(k) || b.starts_with(k) {
            return k.to_string();
        }
    }
    a.to_string()
}

#[cfg(test)]
mod tests;
