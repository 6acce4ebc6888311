//! The invariants that the fuzz targets (`fuzz/fuzz_targets/`) and the
//! property tests (`tests/properties.rs`) both check, written once so that a
//! fuzz run and `cargo test` hold the code to the same promises:
//!
//! - segmentation loses and reorders nothing;
//! - a lexicon hit is a well-formed span of the text, inside its sentence,
//!   and hits come in order without overlap;
//! - a diff shows every sentence of both statements exactly once, each with
//!   its exact text, in each side's order.
//!
//! Every check panics with a message naming the broken promise (a fuzz crash
//! or a failed test).
#![allow(dead_code)]

use std::sync::OnceLock;

use readouts::analysis::align::TermWeights;
use readouts::analysis::diff::{diff, Diff, DiffOptions, Framing, Passage, RowKind, SideInput};
use readouts::analysis::lexicon::{Hit, Lexicon, Matcher};
use readouts::corpus::{Coverage, Date, Event, Origin, Side, Statement};
use readouts::text::segment::{sentences, Sentence};

/// Sentences are in order, do not overlap, are trimmed and never empty, and
/// with the white space between them rebuild the text.
pub fn check_sentences(text: &str) -> Vec<Sentence> {
    let all = sentences(text);
    let mut at = 0;
    for s in &all {
        assert!(
            s.start >= at && s.end > s.start && s.end <= text.len(),
            "sentence {s:?} out of order or out of the text (previous end {at}, len {})",
            text.len()
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "sentence {s:?} cuts a character"
        );
        assert!(
            text[at..s.start].trim().is_empty(),
            "text lost before sentence {s:?}: {:?}",
            &text[at..s.start]
        );
        let body = s.text(text);
        assert_eq!(body.trim(), body, "sentence {s:?} is not trimmed");
        at = s.end;
    }
    assert!(
        text[at..].trim().is_empty(),
        "text lost at the end: {:?}",
        &text[at..]
    );
    all
}

/// Every hit is a span of `text` on character boundaries whose surface and
/// character offsets agree with the text, lying inside the sentence it names
/// (one of the text's sentences); hits are in order and do not overlap.
pub fn check_hits(text: &str, hits: &[Hit]) {
    let all = sentences(text);
    let mut prev_end = 0;
    for h in hits {
        assert!(
            h.start < h.end && h.end <= text.len(),
            "hit {}..{} outside the text (len {})",
            h.start,
            h.end,
            text.len()
        );
        assert!(
            text.is_char_boundary(h.start) && text.is_char_boundary(h.end),
            "hit {}..{} cuts a character",
            h.start,
            h.end
        );
        assert!(
            h.start >= prev_end,
            "hit {}..{} overlaps or precedes the previous hit (ending {prev_end})",
            h.start,
            h.end
        );
        prev_end = h.end;
        assert_eq!(
            h.surface,
            text[h.start..h.end],
            "surface of hit {}..{}",
            h.start,
            h.end
        );
        assert_eq!(h.char_start, text[..h.start].chars().count(), "char_start");
        assert_eq!(h.char_end, text[..h.end].chars().count(), "char_end");
        assert!(
            h.sentence.start <= h.start && h.end <= h.sentence.end,
            "hit {}..{} outside its sentence {:?}",
            h.start,
            h.end,
            h.sentence
        );
        assert!(
            all.contains(&h.sentence),
            "hit {}..{} names {:?}, which is not a sentence of the text",
            h.start,
            h.end,
            h.sentence
        );
    }
}

/// A passage is one sentence of its text: same range, and segments that are
/// contiguous, cover exactly that range and carry the text they cover.
fn check_passage(text: &str, sents: &[Sentence], p: &Passage) {
    let s = sents
        .get(p.sentence)
        .unwrap_or_else(|| panic!("passage names sentence {} of {}", p.sentence, sents.len()));
    assert_eq!(
        (p.start, p.end),
        (s.start, s.end),
        "passage {} range",
        p.sentence
    );
    let mut at = p.start;
    for seg in &p.segments {
        assert_eq!(
            seg.start, at,
            "segments of sentence {} leave a gap or overlap",
            p.sentence
        );
        assert!(
            seg.end > seg.start,
            "empty segment in sentence {}",
            p.sentence
        );
        assert!(
            seg.end <= p.end,
            "segment {}..{} runs past the end {} of sentence {}",
            seg.start,
            seg.end,
            p.end,
            p.sentence
        );
        assert_eq!(seg.text, text[seg.start..seg.end], "segment text");
        at = seg.end;
    }
    assert_eq!(at, p.end, "segments of sentence {} stop short", p.sentence);
}

/// The indices of one side's sentences in row order; each passage checked.
fn side_order<'a>(
    text: &str,
    sents: &[Sentence],
    passages: impl Iterator<Item = &'a Passage>,
) -> Vec<usize> {
    passages
        .map(|p| {
            check_passage(text, sents, p);
            p.sentence
        })
        .collect()
}

/// Every sentence of `left` and of `right` appears exactly once in the
/// diff's rows, in its side's order, with its exact text; rows are of the kind
/// they say; the side reports count the sentences.
pub fn check_diff(left: &str, right: &str, d: &Diff) {
    let (ls, rs) = (check_sentences(left), check_sentences(right));
    for row in &d.rows {
        let shape = (row.left.is_empty(), row.right.is_empty());
        let expected = match row.kind {
            RowKind::Pair => (false, false),
            RowKind::LeftOnly => (false, true),
            RowKind::RightOnly => (true, false),
        };
        assert_eq!(
            shape, expected,
            "a {:?} row holds the wrong sides",
            row.kind
        );
    }
    let lo = side_order(left, &ls, d.rows.iter().flat_map(|r| &r.left));
    let ro = side_order(right, &rs, d.rows.iter().flat_map(|r| &r.right));
    assert_eq!(
        lo,
        (0..ls.len()).collect::<Vec<_>>(),
        "left sentences in the rows"
    );
    assert_eq!(ro.len(), rs.len(), "right sentences in the rows: {ro:?}");
    let mut sorted = ro.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        (0..rs.len()).collect::<Vec<_>>(),
        "right sentences: {ro:?}"
    );
    assert_eq!(d.left.sentences, ls.len());
    assert_eq!(d.right.sentences, rs.len());
    let pairs = d.rows.iter().filter(|r| r.kind == RowKind::Pair).count();
    assert_eq!(d.pairs, pairs, "pair count");
    let unmatched = |k| d.rows.iter().filter(|r| r.kind == k).count();
    assert_eq!(d.left.unmatched, unmatched(RowKind::LeftOnly));
    assert_eq!(d.right.unmatched, unmatched(RowKind::RightOnly));
    for (text, sents, report) in [(left, &ls, &d.left), (right, &rs, &d.right)] {
        for f in &report.framings {
            let span = (f.framing.start, f.framing.end);
            assert!(span.0 < span.1 && span.1 <= text.len(), "framing {span:?}");
            let holder = sents
                .iter()
                .position(|s| s.start <= span.0 && span.0 < s.end);
            assert_eq!(f.sentence, holder, "sentence of framing {span:?}");
        }
    }
}

/// The built-in lexicon's matcher, compiled once per process.
pub fn builtin_matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| Lexicon::builtin().matcher())
}

fn statement(side: &str, text: &str) -> Statement {
    Statement {
        id: format!("e/{side}"),
        event_id: "e".into(),
        date: "2020-01-15".parse::<Date>().expect("date"),
        side: Side::parse(side).expect("side"),
        issuer: "x".into(),
        title: String::new(),
        language: "en".into(),
        url: None,
        coverage: Coverage::Full,
        quoted_in: None,
        notes: None,
        text: text.into(),
        turns: Vec::new(),
        stored: Default::default(),
        origin: Origin {
            path: "e.toml".into(),
            line: 1,
        },
    }
}

/// The side-by-side diff of two statements of one call, as `readouts diff`
/// makes it: IDF over the two texts, framings from the built-in lexicon.
pub fn diff_of(left: &str, right: &str) -> Diff {
    let event = Event {
        id: "e".into(),
        date: "2020-01-15".parse::<Date>().expect("date"),
        kind: "call".into(),
        title: "t".into(),
        participants: vec![],
        notes: None,
        statements: vec![statement("USA", left), statement("CHN", right)],
        origin: Origin {
            path: "e.toml".into(),
            line: 1,
        },
    };
    fn side<'a>(event: &'a Event, s: &'a Statement) -> SideInput<'a> {
        let mut input = SideInput::new(event, s);
        input.framings = builtin_matcher()
            .find(&s.text)
            .into_iter()
            .filter(|h| !h.negated)
            .map(|h| Framing::of(&h, s))
            .collect();
        input
    }
    let l = side(&event, &event.statements[0]);
    let r = side(&event, &event.statements[1]);
    let mut tw = TermWeights::from_documents([left, right]);
    diff(&mut tw, &l, &r, &DiffOptions::default())
}
