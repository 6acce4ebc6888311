//! The comparison of one statement in two languages: the Chinese original of
//! a Foreign Ministry press conference and its English version. The English
//! text is a translation, so the two are aligned by structure rather than by
//! shared words: the speaker turns (a question answers to a question, an
//! answer to an answer) in order, their lengths (an English turn has about
//! [`CHARS_PER_HAN`] non-blank characters per Chinese one), and the anchors
//! that survive translation — the numbers, the names of the bilingual table
//! ([`names`]) and the framing entries (each Chinese entry names the English
//! entry that renders it). What the scholar reads off the result is where the
//! versions differ: turns present in one version only, numbers and names one
//! side of a pair lacks, and framing words used in one language whose linked
//! rendering is absent from the aligned turn of the other.
//!
//! The alignment is a monotone dynamic programme over the two turn
//! sequences, like sentence alignment of parallel text: a step pairs one turn
//! with one, one with up to five (`MAX_GROUP`) (the English splitting a reply, or
//! giving a journalist's interjection inside a Chinese answer turns of its
//! own), or leaves one turn out; it maximises the summed scores, where
//! leaving a turn out scores `SKIP_SCORE` and a pair scores `PAIR_PRIOR`
//! plus its length agreement and anchor overlap, so a pair of unlike turns
//! scores below leaving both out.

pub mod names;
mod units;

use serde::Serialize;

use crate::analysis::lexicon::{Lexicon, Matcher};
use crate::corpus::model::{Role, Statement};
use crate::corpus::Date;
pub use names::Names;
use units::UnitFraming;
pub use units::{numbers, Unit};

/// Non-blank characters of English per Chinese character, measured over 60
/// conferences of `mfa-fmprc` (median 3.44, range 3.09–3.80).
pub const CHARS_PER_HAN: f32 = 3.4;
/// What a pair of compatible turns scores before length and anchors.
const PAIR_PRIOR: f32 = 0.6;
/// How far (natural log of the length ratio) a pair may stray before its
/// length counts against it.
const LENGTH_TOLERANCE: f32 = 0.6;
/// Chinese characters added to both sides' lengths, so two short replies
/// ("是的。" / "Yes.") are not judged by their length alone.
const LENGTH_SMOOTHING: f32 = 12.0;
/// What each unit beyond the first two of a step costs.
const MERGE_COST: f32 = 0.2;
/// Weight of the anchor overlap (Dice, 0–1) against its expected value.
const ANCHOR_WEIGHT: f32 = 1.2;
const ANCHOR_EXPECTED: f32 = 0.3;

/// The two statements compared and what the comparison takes from the corpus.
pub struct Input<'a> {
    pub zh: &'a Statement,
    pub en: &'a Statement,
    pub names: &'a Names,
    pub lexicon: &'a Lexicon,
    pub matcher: &'a Matcher,
    /// Report framing differences in the journalists' questions too.
    pub include_questions: bool,
}

/// The comparison: both versions' units, the links between them and what differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bilingual {
    pub zh: Version,
    pub en: Version,
    /// In the order of the texts; a link with one side empty is a unit
    /// present in one version only.
    pub links: Vec<Link>,
    pub framing: Vec<FramingDifference>,
    pub summary: Summary,
}

/// One version (language) of the statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Version {
    pub statement: String,
    pub event: String,
    pub language: String,
    pub title: String,
    pub date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `turns` for a transcript, `paragraphs` otherwise.
    pub units_are: &'static str,
    pub units: Vec<Unit>,
}

/// Units of the two versions that translate each other (numbers, 1-based),
/// or a unit of one version with no counterpart (the other side empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub zh: Vec<usize>,
    pub en: Vec<usize>,
    pub role: Role,
    /// The pair's score (0 for a unit in one version only).
    pub score: f32,
    /// Numbers in one version of the pair and not the other.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub numbers_only_zh: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub numbers_only_en: Vec<String>,
    /// Names (English labels) in one version of the pair and not the other.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub names_only_zh: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub names_only_en: Vec<String>,
}

impl Link {
    pub fn one_version(&self) -> Option<&'static str> {
        match (self.zh.is_empty(), self.en.is_empty()) {
            (false, true) => Some("zh"),
            (true, false) => Some("en"),
            _ => None,
        }
    }
}

/// A framing word in one language whose linked rendering is absent from the
/// aligned unit(s) of the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FramingDifference {
    /// Index into `links`.
    pub link: usize,
    /// The language where the word is (`zh` or `en`).
    pub language: &'static str,
    /// The unit (number) that holds it.
    pub unit: usize,
    pub entry: String,
    pub category: String,
    /// As written.
    pub words: String,
    /// The English entry that renders it, absent from the other version.
    pub rendering: String,
    /// Byte range in the statement's text.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub pairs: usize,
    pub only_zh: usize,
    pub only_en: usize,
    /// Questions and answers (not opening statements) in one version only.
    pub questions_or_answers_missing: usize,
    pub framing_differences: usize,
}

/// Compares the Chinese and the English version of one statement.
pub fn compare(input: &Input<'_>) -> Bilingual {
    let version = |s: &Statement| {
        let hits = input.matcher.find(&s.text);
        let units = units::units(s, input.names, input.lexicon, &hits);
        Version {
            statement: s.id.clone(),
            event: s.event_id.clone(),
            language: s.language.clone(),
            title: s.title.clone(),
            date: s.date,
            url: s.url.clone(),
            units_are: if s.turns.is_empty() {
                "paragraphs"
            } else {
                "turns"
            },
            units,
        }
    };
    let (zh, en) = (version(input.zh), version(input.en));
    let links = align(&zh.units, &en.units);
    let rendered = renderings(input.lexicon);
    let framing: Vec<FramingDifference> = links
        .iter()
        .enumerate()
        .filter(|(_, l)| l.one_version().is_none())
        .filter(|(_, l)| input.include_questions || l.role != Role::Question)
        .flat_map(|(i, l)| framing_differences(i, l, &zh.units, &en.units, &rendered))
        .collect();
    let summary = summarise(&links, &framing);
    Bilingual {
        zh,
        en,
        links,
        framing,
        summary,
    }
}

fn summarise(links: &[Link], framing: &[FramingDifference]) -> Summary {
    let only = |lang| {
        links
            .iter()
            .filter(|l| l.one_version() == Some(lang))
            .count()
    };
    Summary {
        pairs: links.iter().filter(|l| l.one_version().is_none()).count(),
        only_zh: only("zh"),
        only_en: only("en"),
        questions_or_answers_missing: links
            .iter()
            .filter(|l| l.one_version().is_some() && l.role != Role::Statement)
            .count(),
        framing_differences: framing.len(),
    }
}

/// The most units of one version a step pairs with one unit of the other.
const MAX_GROUP: usize = 5;
/// What leaving a unit out scores: turns in one version only are rare, so
/// a pair that explains the lengths beats dropping short turns.
const SKIP_SCORE: f32 = -0.3;
/// A unit of the other role may sit inside a group (the English giving a
/// journalist's short interjection its own turn inside an answer) when it has
/// at most this many Chinese characters, or English ones / [`CHARS_PER_HAN`].
const INTERJECTION_CHARS: f32 = 25.0;

/// The steps of the alignment: how many units of each version one takes.
fn steps() -> Vec<(usize, usize)> {
    let mut out = vec![(1, 0), (0, 1)];
    for k in 1..=MAX_GROUP {
        out.push((1, k));
        if k > 1 {
            out.push((k, 1));
        }
    }
    out
}

/// The best monotone alignment of `zh` with `en` (see the module comment).
pub fn align(zh: &[Unit], en: &[Unit]) -> Vec<Link> {
    let (n, m) = (zh.len(), en.len());
    let mut best = vec![vec![f32::NEG_INFINITY; m + 1]; n + 1];
    let mut from = vec![vec![(0usize, 0usize); m + 1]; n + 1];
    best[0][0] = 0.0;
    let steps = steps();
    for i in 0..=n {
        for j in 0..=m {
            if best[i][j] == f32::NEG_INFINITY {
                continue;
            }
            for &(di, dj) in &steps {
                let (ni, nj) = (i + di, j + dj);
                if ni > n || nj > m {
                    continue;
                }
                let Some(s) = step_score(&zh[i..ni], &en[j..nj]) else {
                    continue;
                };
                if best[i][j] + s > best[ni][nj] {
                    best[ni][nj] = best[i][j] + s;
                    from[ni][nj] = (i, j);
                }
            }
        }
    }
    let mut links = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (pi, pj) = from[i][j];
        links.push(link(&zh[pi..i], &en[pj..j]));
        (i, j) = (pi, pj);
    }
    links.reverse();
    links
}

/// The score of taking `z` and `e` as one step; `None` when they cannot
/// pair: a question pairs with questions, an answer or opening statement
/// with answers and statements, except for short interjections strictly
/// inside a group (never its first or last unit).
fn step_score(z: &[Unit], e: &[Unit]) -> Option<f32> {
    if z.is_empty() || e.is_empty() {
        return Some(SKIP_SCORE);
    }
    let asks = |u: &Unit| u.role == Role::Question;
    let question = asks(&z[0]);
    if asks(&e[0]) != question {
        return None;
    }
    let short = |u: &Unit, han: f32| u.chars as f32 / han <= INTERJECTION_CHARS;
    let fits = |units: &[Unit], han: f32| {
        let last = units.len() - 1;
        units
            .iter()
            .enumerate()
            .all(|(i, u)| asks(u) == question || (i > 0 && i < last && short(u, han)))
    };
    if !fits(z, 1.0) || !fits(e, CHARS_PER_HAN) {
        return None;
    }
    let extra = (z.len() + e.len() - 2) as f32;
    Some(pair_score(z, e) - extra * MERGE_COST)
}

/// Prior, length agreement and anchor overlap of a candidate pair.
fn pair_score(z: &[Unit], e: &[Unit]) -> f32 {
    let zc: usize = z.iter().map(|u| u.chars).sum();
    let ec: usize = e.iter().map(|u| u.chars).sum();
    let ratio = (ec as f32 / CHARS_PER_HAN + LENGTH_SMOOTHING) / (zc as f32 + LENGTH_SMOOTHING);
    let length = 1.0 - ratio.ln().abs() / LENGTH_TOLERANCE;
    let (shared, total) = anchors(z, e);
    let anchor = if total > 0.0 {
        ANCHOR_WEIGHT * (2.0 * shared / total - ANCHOR_EXPECTED)
    } else {
        0.0
    };
    PAIR_PRIOR + 0.5 * length.max(-3.0) + anchor
}

/// Weighted anchors shared by and held in the two sides: numbers count
/// double, names and linked framing entries once.
fn anchors(z: &[Unit], e: &[Unit]) -> (f32, f32) {
    let (zn, en) = (
        union(z, |u| u.numbers.clone()),
        union(e, |u| u.numbers.clone()),
    );
    let (zm, em) = (
        union(z, |u| u.name_ids.clone()),
        union(e, |u| u.name_ids.clone()),
    );
    let (zf, ef) = (
        union(z, |u| u.framings.iter().map(|f| f.linked.clone()).collect()),
        union(e, |u| u.framings.iter().map(|f| f.entry.clone()).collect()),
    );
    let shared = 2.0 * common(&zn, &en) + common(&zm, &em) + common(&zf, &ef);
    let total = (2 * (zn.len() + en.len()) + zm.len() + em.len() + zf.len() + ef.len()) as f32;
    (shared, total / 2.0)
}

fn common<T: PartialEq>(a: &[T], b: &[T]) -> f32 {
    a.iter().filter(|x| b.contains(x)).count() as f32
}

fn union<T: Ord>(units: &[Unit], of: impl Fn(&Unit) -> Vec<T>) -> Vec<T> {
    let mut all: Vec<T> = units.iter().flat_map(of).collect();
    all.sort();
    all.dedup();
    all
}

fn link(z: &[Unit], e: &[Unit]) -> Link {
    let role = z
        .iter()
        .chain(e)
        .map(|u| u.role)
        .next()
        .unwrap_or(Role::Answer);
    let paired = !z.is_empty() && !e.is_empty();
    let minus = |a: Vec<String>, b: &[String]| -> Vec<String> {
        if paired {
            a.into_iter().filter(|x| !b.contains(x)).collect()
        } else {
            Vec::new()
        }
    };
    let (zn, en) = (
        union(z, |u| u.numbers.clone()),
        union(e, |u| u.numbers.clone()),
    );
    let (zm, em) = (union(z, |u| u.names.clone()), union(e, |u| u.names.clone()));
    Link {
        zh: z.iter().map(|u| u.number).collect(),
        en: e.iter().map(|u| u.number).collect(),
        role,
        score: if paired { pair_score(z, e) } else { 0.0 },
        numbers_only_zh: minus(zn.clone(), &en),
        numbers_only_en: minus(en, &zn),
        names_only_zh: minus(zm.clone(), &em),
        names_only_en: minus(em, &zm),
    }
}

/// The English phrases some Chinese entry renders as.
fn renderings(lexicon: &Lexicon) -> Vec<String> {
    let mut out: Vec<String> = lexicon
        .entries
        .iter()
        .filter_map(|e| e.english.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The framing words of one pair whose rendering the other side lacks: a
/// Chinese hit whose linked English entry has no hit in the English units,
/// and an English hit of an entry that some Chinese entry renders as, with
/// no such Chinese hit in the Chinese units.
fn framing_differences(
    index: usize,
    link: &Link,
    zh: &[Unit],
    en: &[Unit],
    rendered: &[String],
) -> Vec<FramingDifference> {
    let pick = |units: &[Unit], numbers: &[usize]| -> Vec<(usize, UnitFraming)> {
        numbers
            .iter()
            .flat_map(|&n| units[n - 1].framings.iter().map(move |f| (n, f.clone())))
            .collect()
    };
    let (zf, ef) = (pick(zh, &link.zh), pick(en, &link.en));
    let mut out = Vec::new();
    let mut seen: Vec<(&'static str, String)> = Vec::new();
    let mut push = |language: &'static str, unit: usize, f: &UnitFraming| {
        if seen.contains(&(language, f.entry.clone())) {
            return;
        }
        seen.push((language, f.entry.clone()));
        out.push(FramingDifference {
            link: index,
            language,
            unit,
            entry: f.entry.clone(),
            category: f.category.clone(),
            words: f.surface.clone(),
            rendering: f.linked.clone(),
            start: f.start,
            end: f.end,
        });
    };
    for (unit, f) in &zf {
        let chinese = f.linked != f.entry;
        if chinese && !ef.iter().any(|(_, e)| e.entry == f.linked) {
            push("zh", *unit, f);
        }
    }
    for (unit, f) in &ef {
        let renders = rendered.contains(&f.entry);
        if renders && !zf.iter().any(|(_, z)| z.linked == f.entry) {
            push("en", *unit, f);
        }
    }
    out
}

#[cfg(test)]
mod tests;
