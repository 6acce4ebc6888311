//! Word-level comparison inside an aligned group of sentences, and the cutting
//! of a sentence into styled segments (shared or own wording, framing spans).
//! Words are compared after normalisation (case and apostrophes folded, not
//! stemmed: "agreed" and "agree" are different wording) with `similar`'s LCS
//! diff, which finds the most shared words (its Myers mode gives up minimality
//! on long inputs and misses names such as "Taiwan"); an aligned group is at
//! most a few hundred words, and a deadline bounds the work all the same.
//!
//! Cost: the LCS table takes (left words × right words) cells, so a group
//! above [`MAX_LCS_CELLS`] (a sentence of tens of thousands of words) is
//! compared with Myers' diff instead, in linear memory; each group has
//! [`DIFF_TIMEOUT`], and the diff as a whole a deadline its caller passes
//! (see [`shared_flags_until`]): once it has passed, groups are compared no
//! more (their words count as own wording) and the diff still finishes.

use std::time::{Duration, Instant};

use serde::Serialize;
use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

use super::Framing;
use crate::analysis::align::is_content;
use crate::analysis::lexicon::Category;
use crate::text::{normalise, words};

/// How long one word diff may run before `similar` falls back to a coarser result.
pub const DIFF_TIMEOUT: Duration = Duration::from_millis(200);

/// Largest LCS table (left words × right words) a group is compared with;
/// larger groups use Myers' diff (linear memory). 4 Mi cells: 32 MB.
pub const MAX_LCS_CELLS: usize = 1 << 22;

/// A word of a statement: byte range in the statement text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

/// The words of `text[range]`, with offsets into `text`.
pub fn tokens(text: &str, start: usize, end: usize) -> Vec<Token> {
    words(&text[start..end])
        .map(|w| Token {
            start: start + w.start,
            end: start + w.end,
        })
        .collect()
}

/// A run of common words made only of function words ("the", "of the") counts
/// as shared only when it is at least this long: two independent texts share
/// "the" everywhere, and marking it would scatter noise over own wording.
pub const MIN_FUNCTION_RUN: usize = 3;

/// For each token of each side, whether the other side has it in the same place
/// of the common word sequence (the longest-common-subsequence view of a diff).
pub fn shared_flags(left: &str, lt: &[Token], right: &str, rt: &[Token]) -> (Vec<bool>, Vec<bool>) {
    shared_flags_until(left, lt, right, rt, Instant::now() + DIFF_TIMEOUT)
}

/// [`shared_flags`] with a deadline (the earlier of it and [`DIFF_TIMEOUT`]
/// from now applies); past it, no word is shared.
pub fn shared_flags_until(
    left: &str,
    lt: &[Token],
    right: &str,
    rt: &[Token],
    deadline: Instant,
) -> (Vec<bool>, Vec<bool>) {
    let mut lf = vec![false; lt.len()];
    let mut rf = vec![false; rt.len()];
    let now = Instant::now();
    if now >= deadline {
        return (lf, rf);
    }
    let deadline = deadline.min(now + DIFF_TIMEOUT);
    let key = |text: &str, t: &Token| normalise(&text[t.start..t.end]).into_owned();
    let lk: Vec<String> = lt.iter().map(|t| key(left, t)).collect();
    let rk: Vec<String> = rt.iter().map(|t| key(right, t)).collect();
    let algorithm = match lk.len().checked_mul(rk.len()) {
        Some(cells) if cells <= MAX_LCS_CELLS => Algorithm::Lcs,
        _ => Algorithm::Myers,
    };
    let ops = capture_diff_slices_deadline(algorithm, &lk, &rk, Some(deadline));
    for op in ops {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            let run = &lt[old_index..old_index + len];
            if len < MIN_FUNCTION_RUN && !run.iter().any(|t| is_content(&left[t.start..t.end])) {
                continue;
            }
            lf[old_index..old_index + len].fill(true);
            rf[new_index..new_index + len].fill(true);
        }
    }
    (lf, rf)
}

/// A run of a sentence with one look: shared or own wording, inside a framing phrase or not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// Byte range in the statement text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// True when the other side of an aligned pair uses the same words here.
    pub shared: bool,
    /// The framing category when the run lies in a framing phrase.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub framing: Option<Category>,
}

/// Cuts `text[start..end]` into segments. `tokens` are the words in that range
/// and `flags` whether each is shared; the text between two words is own
/// wording only when the words on both sides of it are (at the sentence edges,
/// the one neighbour decides), so own wording reads as whole phrases.
/// `framings` must be sorted by (start, end, category), as the diff keeps
/// them; a run inside several takes the first. One sweep over the cuts:
/// linear in words and framings (plus the few framings open at once).
pub fn segments(
    text: &str,
    start: usize,
    end: usize,
    tokens: &[Token],
    flags: &[bool],
    framings: &[Framing],
) -> Vec<Segment> {
    let mut cuts: Vec<usize> = vec![start, end];
    for t in tokens {
        cuts.push(t.start);
        cuts.push(t.end);
    }
    for f in framings {
        for at in [f.start, f.end] {
            if at > start && at < end {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Segment> = Vec::new();
    let mut open = OpenFramings::default();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let shared = shared_at(tokens, flags, a);
        let framing = open.at(framings, a, b).map(Framing::category);
        match out.last_mut() {
            Some(last) if last.shared == shared && last.framing == framing => {
                last.end = b;
                last.text.push_str(&text[a..b]);
            }
            _ => out.push(Segment {
                start: a,
                end: b,
                text: text[a..b].to_string(),
                shared,
                framing,
            }),
        }
    }
    out
}

/// The framings that hold the current run, found by a sweep over increasing
/// cut positions (each framing is entered once and left once).
#[derive(Default)]
struct OpenFramings {
    /// Framings not yet entered start at or after `framings[next]`.
    next: usize,
    /// Indices of entered framings that may still hold a run, ascending.
    open: Vec<usize>,
}

impl OpenFramings {
    /// The first framing (in sorted order) holding `a..b`; cuts come in increasing order.
    fn at<'f>(&mut self, framings: &'f [Framing], a: usize, b: usize) -> Option<&'f Framing> {
        while self.next < framings.len() && framings[self.next].start <= a {
            self.open.push(self.next);
            self.next += 1;
        }
        self.open.retain(|&i| framings[i].end > a);
        self.open
            .iter()
            .map(|&i| &framings[i])
            .find(|f| f.start <= a && b <= f.end)
    }
}

/// Whether the run starting at byte `at` is shared.
fn shared_at(tokens: &[Token], flags: &[bool], at: usize) -> bool {
    let idx = tokens.partition_point(|t| t.end <= at);
    if let Some(t) = tokens.get(idx) {
        if t.start <= at {
            return flags[idx];
        }
    }
    let before = idx.checked_sub(1).map(|i| flags[i]);
    let after = flags.get(idx).copied();
    match (before, after) {
        (Some(a), Some(b)) => a || b,
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| {
                let t = &text[s.start..s.end];
                assert_eq!(t, s.text);
                match (&s.framing, s.shared) {
                    (Some(c), _) => format!("<{c}:{t}>"),
                    (None, true) => t.to_string(),
                    (None, false) => format!("[{t}]"),
                }
            })
            .collect()
    }

    #[test]
    fn shared_and_own_wording_are_told_apart() {
        let a = "Both sides see progress in trade.";
        let b = "The two sides see great progress in trade!";
        let (ta, tb) = (tokens(a, 0, a.len()), tokens(b, 0, b.len()));
        let (fa, fb) = shared_flags(a, &ta, b, &tb);
        assert_eq!(
            marked(a, &segments(a, 0, a.len(), &ta, &fa, &[])),
            "[Both] sides see progress in trade."
        );
        assert_eq!(
            marked(b, &segments(b, 0, b.len(), &tb, &fb, &[])),
            "[The two] sides see [great] progress in trade!"
        );
    }

    #[test]
    fn lone_function_words_are_not_shared_wording() {
        let a = "the most important issue";
        let b = "many important subjects of the day";
        let (ta, tb) = (tokens(a, 0, a.len()), tokens(b, 0, b.len()));
        let (fa, _) = shared_flags(a, &ta, b, &tb);
        assert_eq!(fa, [false, false, true, false]);
    }

    #[test]
    fn case_does_not_make_wording_different() {
        let a = "TRADE talks";
        let b = "trade Talks";
        let (ta, tb) = (tokens(a, 0, a.len()), tokens(b, 0, b.len()));
        assert_eq!(
            shared_flags(a, &ta, b, &tb),
            (vec![true, true], vec![true, true])
        );
    }

    #[test]
    fn framing_spans_cut_segments_and_carry_their_category() {
        let a = "They held a constructive dialogue today.";
        let t = tokens(a, 0, a.len());
        let f = Framing {
            start: 12,
            end: 33,
            shown: crate::analysis::lexicon::ShownHit::at(
                a,
                12,
                33,
                "constructive dialogue",
                crate::analysis::lexicon::Category::Cooperative,
            ),
        };
        let segs = segments(a, 0, a.len(), &t, &vec![false; t.len()], &[f]);
        assert_eq!(
            marked(a, &segs),
            "[They held a ]<cooperative:constructive dialogue>[ today.]"
        );
    }

    #[test]
    fn offsets_inside_a_statement_are_kept() {
        let text = "First sentence. Second one here.";
        let t = tokens(text, 16, text.len());
        assert_eq!(&text[t[0].start..t[0].end], "Second");
        let segs = segments(text, 16, text.len(), &t, &vec![true; t.len()], &[]);
        assert_eq!(segs.len(), 1);
        assert_eq!((segs[0].start, segs[0].end), (16, text.len()));
    }
}
