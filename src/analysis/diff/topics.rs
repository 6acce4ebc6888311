//! Topics only one side mentions: the named entities (runs of capitalised
//! words such as "Taiwan" or "Security Council") and the salient content
//! terms (by tf·idf) of one statement that the other statement never uses.
//! Each topic keeps the offsets of its first occurrence, so a reader can check it.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::analysis::align::{is_content, TermWeights};
use crate::text::segment::Sentence;
use crate::text::{words, Word};

/// Whether a topic is a name or a plain content word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TopicKind {
    Entity,
    Term,
}

/// A topic of one statement that the other does not mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    /// The wording of the first occurrence (lower-cased for terms).
    pub term: String,
    pub kind: TopicKind,
    /// Occurrences in the statement.
    pub count: usize,
    /// tf·idf weight the topics are ranked by.
    pub weight: f32,
    /// Byte range of the first occurrence in the statement text.
    pub start: usize,
    pub end: usize,
    /// Index (from 0) of the sentence holding the first occurrence; JSON shows
    /// it as `sentence_number`, counted from 1.
    #[serde(rename = "sentence_number", serialize_with = "super::one_based")]
    pub sentence: usize,
}

/// What the other statement says, for "does it mention this?" lookups.
pub struct OtherSide {
    ids: Vec<u32>,
    /// Where each stem occurs in `ids`, so a name is looked up where it could start.
    positions: HashMap<u32, Vec<usize>>,
    content: HashSet<u32>,
}

impl OtherSide {
    /// From the other statement's words (as [`words`] finds them).
    pub fn new(tw: &mut TermWeights, other_words: &[Word<'_>]) -> OtherSide {
        let mut ids = Vec::new();
        let mut content = HashSet::new();
        let mut positions: HashMap<u32, Vec<usize>> = HashMap::new();
        for w in other_words {
            let id = tw.word_id(w.text);
            positions.entry(id).or_default().push(ids.len());
            ids.push(id);
            if tw.content_id(w.text).is_some() {
                content.insert(id);
            }
        }
        OtherSide {
            ids,
            positions,
            content,
        }
    }

    fn has_sequence(&self, seq: &[u32]) -> bool {
        let Some(first) = seq.first() else {
            return false;
        };
        self.positions.get(first).is_some_and(|starts| {
            starts
                .iter()
                .any(|&p| self.ids.get(p..p + seq.len()) == Some(seq))
        })
    }
}

/// Entities and terms of `text` absent from `other`, at most `max` of each kind, heaviest first.
pub fn one_sided(
    tw: &mut TermWeights,
    text: &str,
    text_words: &[Word<'_>],
    sentences: &[Sentence],
    other: &OtherSide,
    max: usize,
) -> Vec<Topic> {
    let mut entities = entities(tw, text, text_words, sentences, other);
    // Words of every one-sided name are names, not terms ("Jinping").
    let covered: HashSet<u32> = entities
        .iter()
        .flat_map(|e| {
            words(&e.term)
                .map(|w| tw.word_id(w.text))
                .collect::<Vec<_>>()
        })
        .collect();
    rank(&mut entities);
    // One entry per name: "President Xi Jinping" after "President Xi" adds nothing.
    let (mut keys, mut stems): (HashSet<u32>, HashSet<u32>) = Default::default();
    entities.retain(|e| {
        let ids: Vec<u32> = words(&e.term).map(|w| tw.word_id(w.text)).collect();
        let key = rarest(tw, &ids);
        if stems.contains(&key) || ids.iter().any(|id| keys.contains(id)) {
            return false;
        }
        keys.insert(key);
        stems.extend(ids);
        true
    });
    entities.truncate(max);
    let mut terms = terms(tw, text_words, sentences, other, &covered);
    rank(&mut terms);
    terms.truncate(max);
    entities.extend(terms);
    entities
}

fn rank(topics: &mut [Topic]) {
    topics.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.start.cmp(&b.start)));
}

fn sentence_of(sentences: &[Sentence], at: usize) -> usize {
    sentences
        .partition_point(|s| s.end <= at)
        .min(sentences.len().saturating_sub(1))
}

fn weight(tw: &TermWeights, ids: &[u32], count: usize) -> f32 {
    let idf = ids.iter().map(|&id| tw.idf(id)).fold(0.0, f32::max);
    round3((1.0 + (count as f32).ln()) * idf)
}

pub(crate) fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

fn terms<'t>(
    tw: &mut TermWeights,
    text_words: &[Word<'t>],
    sentences: &[Sentence],
    other: &OtherSide,
    covered: &HashSet<u32>,
) -> Vec<Topic> {
    let mut found: HashMap<u32, (usize, Word<'t>)> = HashMap::new();
    for &w in text_words {
        let Some(id) = tw.content_id(w.text) else {
            continue;
        };
        if other.content.contains(&id) || covered.contains(&id) {
            continue;
        }
        found.entry(id).or_insert((0, w)).0 += 1;
    }
    found
        .into_iter()
        .map(|(id, (count, w))| Topic {
            term: crate::text::normalise(w.text).into_owned(),
            kind: TopicKind::Term,
            count,
            weight: weight(tw, &[id], count),
            start: w.start,
            end: w.end,
            sentence: sentence_of(sentences, w.start),
        })
        .collect()
}

/// Whether the text between two capitalised words keeps them one name:
/// white space, or one hyphen ("Indo-Pacific").
fn joins_names(gap: &str) -> bool {
    let gap = gap.trim();
    gap.is_empty() || matches!(gap, "-" | "\u{2010}" | "\u{2011}")
}

fn is_capitalised(w: &Word<'_>) -> bool {
    w.text.chars().next().is_some_and(char::is_uppercase) && is_content(w.text)
}

/// Runs of capitalised content words, each run inside one sentence and
/// separated only by spaces. A sentence's first word counts only when the
/// same word is capitalised somewhere else than at a sentence start.
fn capital_runs<'t>(
    text: &'t str,
    text_words: &[Word<'t>],
    sentences: &[Sentence],
) -> Vec<Vec<Word<'t>>> {
    let mut runs = Vec::new();
    let mut mid_caps: HashSet<&str> = HashSet::new();
    let mut starts: HashSet<usize> = HashSet::new();
    for s in sentences {
        let mut run: Vec<Word<'t>> = Vec::new();
        let from = text_words.partition_point(|w| w.start < s.start);
        let to = text_words.partition_point(|w| w.start < s.end);
        for (i, &w) in text_words[from..to].iter().enumerate() {
            let joined = run
                .last()
                .is_some_and(|p: &Word<'_>| joins_names(&text[p.end..w.start]));
            if (!is_capitalised(&w) || !joined) && !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            if is_capitalised(&w) {
                if i == 0 {
                    starts.insert(w.start);
                } else {
                    mid_caps.insert(w.text);
                }
                run.push(w);
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
    }
    for run in &mut runs {
        if starts.contains(&run[0].start) && !mid_caps.contains(run[0].text) {
            run.remove(0);
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// The rarest stem of a name: what identifies it.
fn rarest(tw: &TermWeights, ids: &[u32]) -> u32 {
    *ids.iter()
        .max_by(|a, b| tw.idf(**a).total_cmp(&tw.idf(**b)).then(b.cmp(a)))
        .expect("names are not empty")
}

fn entities(
    tw: &mut TermWeights,
    text: &str,
    text_words: &[Word<'_>],
    sentences: &[Sentence],
    other: &OtherSide,
) -> Vec<Topic> {
    let mut found: HashMap<Vec<u32>, Topic> = HashMap::new();
    // Names the other side mentions, so each is looked up there once.
    let mut mentioned: HashSet<Vec<u32>> = HashSet::new();
    for run in capital_runs(text, text_words, sentences) {
        let ids: Vec<u32> = run.iter().map(|w| tw.word_id(w.text)).collect();
        if let Some(t) = found.get_mut(&ids) {
            t.count += 1;
            continue;
        }
        if mentioned.contains(&ids) {
            continue;
        }
        let key = rarest(tw, &ids);
        if other.has_sequence(&ids) || other.content.contains(&key) {
            mentioned.insert(ids);
            continue;
        }
        let (start, end) = (run[0].start, run[run.len() - 1].end);
        found.insert(
            ids,
            Topic {
                term: text[start..end].to_string(),
                kind: TopicKind::Entity,
                count: 1,
                weight: 0.0,
                start,
                end,
                sentence: sentence_of(sentences, start),
            },
        );
    }
    found
        .into_iter()
        .map(|(ids, mut t)| {
            t.weight = weight(tw, &ids, t.count);
            t
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment::sentences;

    fn topics(a: &str, b: &str) -> Vec<(String, TopicKind)> {
        let mut tw = TermWeights::from_documents([a, b, "The two sides talked."]);
        let bw: Vec<Word<'_>> = words(b).collect();
        let aw: Vec<Word<'_>> = words(a).collect();
        let other = OtherSide::new(&mut tw, &bw);
        one_sided(&mut tw, a, &aw, &sentences(a), &other, 10)
            .into_iter()
            .map(|t| (t.term, t.kind))
            .collect()
    }

    #[test]
    fn names_only_one_side_uses_are_listed() {
        let a = "Xi said Taiwan is the most important issue. The Security Council met in the Indo-Pacific. The Security Council again.";
        let b = "Trump discussed fentanyl with Xi.";
        let t = topics(a, b);
        assert!(t.contains(&("Taiwan".into(), TopicKind::Entity)), "{t:?}");
        assert!(
            t.contains(&("Security Council".into(), TopicKind::Entity)),
            "{t:?}"
        );
        assert!(
            !t.iter().any(|(x, _)| x == "Xi"),
            "Xi is on both sides: {t:?}"
        );
        assert!(
            !t.iter().any(|(x, _)| x == "The"),
            "sentence starts are not names: {t:?}"
        );
        assert!(t.contains(&("issue".into(), TopicKind::Term)), "{t:?}");
        assert!(
            !t.iter().any(|(x, _)| x == "taiwan"),
            "an entity is not repeated as a term"
        );
    }

    #[test]
    fn a_shared_word_is_no_topic_whatever_its_form() {
        let t = topics(
            "Soybeans were discussed.",
            "They discussed soybean purchases.",
        );
        assert!(t.is_empty(), "{t:?}");
    }

    #[test]
    fn first_occurrence_is_recorded() {
        let a = "We met. Fentanyl kills. Fentanyl again.";
        let mut tw = TermWeights::from_documents([a, "x"]);
        let none: Vec<Word<'_>> = words("nothing here").collect();
        let aw: Vec<Word<'_>> = words(a).collect();
        let other = OtherSide::new(&mut tw, &none);
        let got = one_sided(&mut tw, a, &aw, &sentences(a), &other, 10);
        let f = got.iter().find(|t| t.term == "fentanyl").expect("fentanyl");
        assert_eq!(
            f.kind,
            TopicKind::Term,
            "only ever at a sentence start: not taken for a name"
        );
        assert_eq!(
            (f.count, f.sentence, &a[f.start..f.end]),
            (2, 1, "Fentanyl")
        );
    }
}
