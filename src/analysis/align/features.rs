//! What a sentence is compared by: its content stems, with three corrections
//! found on real pairs (the USA and CHN 2022 UN speeches, issue #17):
//!
//! - **Equivalents.** Each side names things its own way: "One China Policy"
//!   and "the one-China principle", "the DPRK" and "the Korean peninsula",
//!   "Beijing" and "China". [`EQUIVALENTS`] maps such phrases (matched on
//!   normalised words, longest first) to one feature. Users extend the table
//!   with [`Equivalents::parse`] (lines `feature = phrase | phrase | …`). A
//!   phrase of several words also counts as a word pair, so one shared
//!   phrase ("One China Policy" ~ "one-China principle") can pair two
//!   sentences on its own.
//! - **Word pairs.** Two adjacent content stems ("taiwan strait", "paris
//!   agreement", "food secur") are a feature of their own, weighted as the
//!   more common of the two: a shared pair is stronger evidence of one point
//!   than the same two words apart.
//! - **Homonym guards.** A few words mean different things on the two sides
//!   ("Congress" of the United States and of the CPC, a nuclear "build-up" and
//!   "build a community", human-rights "abuses" and "the abuse of guns", "four
//!   decades" and "the past decade"). [`GUARDED`] words count only inside a
//!   word pair, never alone.

use super::TermWeights;
use crate::text::{normalise, words};

/// Built-in equivalents: a feature name and the phrases that mean it.
pub const EQUIVALENTS: &str = "\
one-china = one china policy | one-china policy | one china principle | one-china principle | one china
china = prc | people's republic of china | beijing | chinese
dprk = north korea | democratic people's republic of korea | korean peninsula | pyongyang | dprk
russia = russian federation | russian | moscow | russia's
";

/// Words that count only inside a word pair (see the module docs).
pub const GUARDED: &[&str] = &[
    "congress", "build", "abus", "decad", "year", "parti", "time", "u.",
];

/// Phrases (as normalised words) and the feature each stands for.
#[derive(Debug, Clone, Default)]
pub struct Equivalents {
    /// (words, feature), longest phrase first.
    phrases: Vec<(Vec<String>, String)>,
}

impl Equivalents {
    /// The built-in table.
    pub fn builtin() -> Equivalents {
        Equivalents::parse(EQUIVALENTS).unwrap_or_default()
    }

    /// Reads `feature = phrase | phrase` lines (`#` starts a comment); the
    /// error names the line.
    pub fn parse(text: &str) -> Result<Equivalents, String> {
        let mut out = Equivalents::default();
        out.extend(text)?;
        Ok(out)
    }

    /// Adds the lines of `text` to the table.
    pub fn extend(&mut self, text: &str) -> Result<(), String> {
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let (feature, phrases) = line
                .split_once('=')
                .ok_or_else(|| format!("line {}: expected `feature = phrase | phrase`", n + 1))?;
            let feature = feature.trim().to_lowercase();
            for phrase in phrases.split('|') {
                let ws: Vec<String> = words(phrase)
                    .map(|w| normalise(w.text).into_owned())
                    .collect();
                if !ws.is_empty() && !feature.is_empty() {
                    self.phrases.push((ws, feature.clone()));
                }
            }
        }
        self.phrases
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        Ok(())
    }

    /// The longest phrase starting at `at` in `ws`: (its length, feature).
    fn at<'e>(&'e self, ws: &[String], at: usize) -> Option<(usize, &'e str)> {
        self.phrases
            .iter()
            .find(|(p, _)| ws.len() - at >= p.len() && ws[at..at + p.len()] == p[..])
            .map(|(p, f)| (p.len(), f.as_str()))
    }
}

/// The feature ids of a sentence: content stems (equivalent phrases as one
/// feature, guarded words left out) and the word pairs of adjacent ones.
pub(super) fn sentence_features(tw: &mut TermWeights, text: &str) -> Vec<u32> {
    let surface: Vec<&str> = words(text).map(|w| w.text).collect();
    let norm: Vec<String> = surface.iter().map(|w| normalise(w).into_owned()).collect();
    let mut units: Vec<(u32, bool)> = Vec::with_capacity(surface.len());
    let mut phrases: Vec<u32> = Vec::new();
    let mut i = 0;
    while i < surface.len() {
        if let Some((len, feature)) = tw.equivalents.at(&norm, i).map(|(l, f)| (l, f.to_string())) {
            let id = tw.word_id(&feature);
            if len > 1 {
                // A phrase of several words is also evidence of a word pair.
                phrases.push(tw.pair_id(id, id));
            }
            units.push((id, true));
            i += len;
            continue;
        }
        if let Some(id) = tw.content_id(surface[i]) {
            let guarded = GUARDED.contains(&tw.stem(id));
            units.push((id, !guarded));
        }
        i += 1;
    }
    let mut out: Vec<u32> = units.iter().filter(|u| u.1).map(|u| u.0).collect();
    out.append(&mut phrases);
    for pair in units.windows(2) {
        if pair[0].0 != pair[1].0 {
            out.push(tw.pair_id(pair[0].0, pair[1].0));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(tw: &mut TermWeights, text: &str) -> Vec<String> {
        let ids = sentence_features(tw, text);
        ids.iter().map(|&id| tw.stem(id).to_string()).collect()
    }

    #[test]
    fn equivalent_phrases_become_one_feature() {
        let mut tw = TermWeights::reference();
        let a = features(&mut tw, "We remain committed to our One China Policy.");
        let b = features(&mut tw, "We uphold the one-China principle.");
        assert!(a.contains(&"one-china".to_string()), "{a:?}");
        assert!(b.contains(&"one-china".to_string()), "{b:?}");
        let c = features(&mut tw, "The DPRK tested missiles.");
        let d = features(&mut tw, "The Korean peninsula nuclear issue.");
        assert!(
            c.contains(&"dprk".to_string()) && d.contains(&"dprk".to_string()),
            "{c:?} {d:?}"
        );
    }

    #[test]
    fn guarded_words_count_only_in_pairs() {
        let mut tw = TermWeights::reference();
        let a = features(&mut tw, "a nuclear build-up");
        let b = features(&mut tw, "build a community");
        assert!(!a.contains(&"build".to_string()), "{a:?}");
        assert!(a.iter().any(|f| f == "nuclear build"), "{a:?}");
        assert!(
            !a.iter().any(|f| b.contains(f) && f.contains("build")),
            "{a:?} {b:?}"
        );
    }

    #[test]
    fn users_extend_the_table_and_bad_lines_are_named() {
        let mut eq = Equivalents::builtin();
        eq.extend("# comment\nfentanyl = synthetic opioids\n")
            .unwrap();
        let ws: Vec<String> = ["synthetic", "opioids"].map(String::from).to_vec();
        assert_eq!(eq.at(&ws, 0), Some((2, "fentanyl")));
        let err = Equivalents::parse("good = a | b\nno equals sign").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
    }
}
