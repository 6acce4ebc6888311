//! The side-by-side diff of two statements: how each side framed the same
//! call (or how one side's wording drifted between two occasions).
//!
//! [`diff`] aligns the sentences of the two statements by topic
//! ([`crate::analysis::align`]), compares the wording of each aligned group
//! word by word ([`mod@words`]), and annotates both sides with the framing phrases
//! the caller found (any lexicon: this module only takes byte spans and
//! categories), the initiator of the call when known, and the topics only one
//! side mentions ([`topics`]). The result is plain data in reading order:
//! rows of aligned pairs and of sentences only one side has, which every
//! renderer (terminal, HTML, Markdown, JSON) lays out as it sees fit.

pub mod boilerplate;
pub mod select;
pub mod topics;
pub mod words;

use serde::Serialize;

use crate::analysis::align::{align_skipping, Alignment, TermWeights, DEFAULT_THRESHOLD};
use crate::analysis::lexicon::{Category, ShownHit};
use crate::corpus::{Coverage, Date, Event, Side, Statement};
use crate::text::segment::{sentence_at, Sentence};
use crate::text::{words, Word};
pub use boilerplate::Boilerplate;
pub use select::SelectError;
pub use topics::{Topic, TopicKind};
pub use words::Segment;

use topics::{round3, OtherSide};
use words::{segments, shared_flags_until, Token};

/// How long the word diffs of all aligned groups together may take; past
/// it, the remaining groups show no shared wording (see [`mod@words`]). Two UN
/// speeches take a few milliseconds.
pub const WORDS_DEADLINE: std::time::Duration = std::time::Duration::from_secs(3);

/// A framing phrase found in a statement: `start..end` is its byte range in
/// the loaded statement text (it places the phrase in its sentence and is
/// not serialised); `shown` is what a reader sees: the words as written, the
/// entry and category, offsets into the text as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Framing {
    #[serde(skip)]
    pub start: usize,
    #[serde(skip)]
    pub end: usize,
    #[serde(flatten)]
    pub shown: ShownHit,
}

impl Framing {
    /// The framing of a lexicon hit found in `statement`'s text.
    pub fn of(hit: &crate::analysis::lexicon::Hit, statement: &Statement) -> Framing {
        Framing {
            start: hit.start,
            end: hit.end,
            shown: ShownHit::of(hit, statement),
        }
    }

    /// Its category.
    pub fn category(&self) -> Category {
        self.shown.category
    }
}

/// Who requested the call, as the first initiative phrase of the event says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CallInitiator {
    /// The side that asked for the call; `None` when the statements do not
    /// say which side or disagree (`status`).
    pub side: Option<Side>,
    pub status: crate::analysis::lexicon::initiator::Status,
    /// The deciding phrase as written ("at the request of"), its words folded
    /// to one line; `None` when no statement has an initiative phrase.
    pub phrase: Option<String>,
    /// The statement holding the phrase, and its side.
    pub statement_id: Option<String>,
    pub issued_by: Option<Side>,
    /// The sentence holding the phrase: the sentence that decided.
    pub sentence: Option<String>,
}

/// Serialises a 0-based sentence index as the 1-based number people read.
pub(crate) fn one_based<S: serde::Serializer>(index: &usize, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(*index as u64 + 1)
}

fn one_based_option<S: serde::Serializer>(index: &Option<usize>, s: S) -> Result<S::Ok, S::Error> {
    match index {
        Some(i) => one_based(i, s),
        None => s.serialize_none(),
    }
}

/// A framing phrase placed in its sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FramingAt {
    #[serde(flatten)]
    pub framing: Framing,
    /// Index (from 0) of the sentence holding the phrase; JSON shows it as
    /// `sentence_number`, counted from 1 as every output shown to a person.
    #[serde(rename = "sentence_number", serialize_with = "one_based_option")]
    pub sentence: Option<usize>,
}

/// One side's statement and the framing phrases found in it.
#[derive(Debug, Clone)]
pub struct SideInput<'a> {
    pub event: &'a Event,
    pub statement: &'a Statement,
    pub framings: Vec<Framing>,
}

impl<'a> SideInput<'a> {
    pub fn new(event: &'a Event, statement: &'a Statement) -> SideInput<'a> {
        SideInput {
            event,
            statement,
            framings: Vec::new(),
        }
    }
}

/// Tuning of a diff.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffOptions {
    /// Similarity below which a sentence has no counterpart.
    pub threshold: f32,
    /// At most this many one-sided entities, and as many terms, per side.
    pub max_topics: usize,
    /// Who asked for the call, when a statement says.
    pub initiator: Option<CallInitiator>,
    /// Sentences left out of the alignment as boilerplate.
    pub boilerplate: Boilerplate,
}

impl Default for DiffOptions {
    fn default() -> DiffOptions {
        DiffOptions {
            threshold: DEFAULT_THRESHOLD,
            max_topics: 12,
            initiator: None,
            boilerplate: Boilerplate::default(),
        }
    }
}

/// Whether the diff compares two sides of one event or one side on two events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Sides,
    Occasions,
}

/// One column of the diff: whose statement it is and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideReport {
    pub side: Side,
    /// How the summary names this column: the side code ("USA") for two sides
    /// of one event, and side, event and date ("USA · 2021-03-talks
    /// (2021-03-18)") for one side on two occasions.
    pub who: String,
    pub side_name: String,
    pub event_id: String,
    pub event_title: String,
    pub date: Date,
    pub statement_id: String,
    pub issuer: String,
    pub title: String,
    pub url: Option<String>,
    pub coverage: Coverage,
    pub words: usize,
    pub sentences: usize,
    /// Sentences with no counterpart on the other side (boilerplate aside).
    pub unmatched: usize,
    /// Sentences left out of the alignment as boilerplate.
    pub boilerplate: usize,
    /// Words in aligned sentences that the other side shares / does not share.
    pub shared_words: usize,
    pub own_words: usize,
    pub framings: Vec<FramingAt>,
    /// Topics the other side never mentions.
    pub one_sided: Vec<Topic>,
}

impl SideReport {
    /// A short column heading: `USA · USTR` or, across occasions, `CHN · 2021`.
    pub fn label(&self, mode: Mode) -> String {
        match mode {
            Mode::Sides => format!("{} · {}", self.side, self.issuer),
            Mode::Occasions => format!("{} · {} ({})", self.side, self.event_id, self.date),
        }
    }
}

/// What a row of the diff shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// Both sides report it.
    Pair,
    LeftOnly,
    RightOnly,
}

/// A sentence in a row, cut into segments.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    /// Index (from 0) of the sentence in its statement; JSON shows it as
    /// `sentence_number`, counted from 1.
    #[serde(rename = "sentence_number", serialize_with = "one_based")]
    pub sentence: usize,
    /// Byte range in the statement text.
    pub start: usize,
    pub end: usize,
    pub segments: Vec<Segment>,
}

/// One row of the side-by-side view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub kind: RowKind,
    /// Similarity of an aligned pair.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    /// The shared stems that made the pair, heaviest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared_terms: Vec<String>,
    pub left: Vec<Passage>,
    pub right: Vec<Passage>,
    /// A one-sided sentence left out of the alignment as boilerplate.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub boilerplate: bool,
}

/// How the alignment was made, so a reader can reproduce it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Method {
    pub threshold: f32,
    /// Documents the IDF weights were counted over.
    pub idf_documents: u32,
    /// Where the weights come from: `reference` (the table shipped with the
    /// tool, [`crate::analysis::reference`]) or `documents` (a caller's set).
    pub weights: String,
    /// Sentences of both sides left out of the alignment as boilerplate.
    pub boilerplate: usize,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub mode: Mode,
    pub title: String,
    pub initiator: Option<CallInitiator>,
    pub method: Method,
    pub pairs: usize,
    pub left: SideReport,
    pub right: SideReport,
    pub rows: Vec<Row>,
}

/// Compares two statements (see the module docs). `tw` holds the IDF weights.
pub fn diff(
    tw: &mut TermWeights,
    left: &SideInput<'_>,
    right: &SideInput<'_>,
    opts: &DiffOptions,
) -> Diff {
    let (lt, rt) = (&left.statement.text, &right.statement.text);
    let skip = |s: &str| opts.boilerplate.contains(s);
    let al = align_skipping(tw, lt, rt, opts.threshold, &skip);
    // Each text is cut into words once; rows and topics slice these lists.
    let lw: Vec<Word<'_>> = words(lt).collect();
    let rw: Vec<Word<'_>> = words(rt).collect();
    let lf = clean_framings(lt, &left.framings);
    let rf = clean_framings(rt, &right.framings);
    let rows = rows(
        &al,
        (lt, &lw),
        (rt, &rw),
        &Framings::new(&lf),
        &Framings::new(&rf),
    );
    let mut lr = side_report(tw, left, (&lw, &al.left), &rw, &lf, opts.max_topics);
    let mut rr = side_report(tw, right, (&rw, &al.right), &lw, &rf, opts.max_topics);
    lr.boilerplate = al.left_boilerplate.len();
    rr.boilerplate = al.right_boilerplate.len();
    lr.unmatched = al.left_unmatched.len() - lr.boilerplate;
    rr.unmatched = al.right_unmatched.len() - rr.boilerplate;
    count_words(&rows, &mut lr, &mut rr);
    let same_event = left.event.id == right.event.id;
    if !same_event {
        lr.who = lr.label(Mode::Occasions);
        rr.who = rr.label(Mode::Occasions);
    }
    Diff {
        mode: if same_event {
            Mode::Sides
        } else {
            Mode::Occasions
        },
        title: if same_event {
            left.event.title.clone()
        } else {
            format!("{} on two occasions", left.statement.side)
        },
        initiator: opts.initiator.clone(),
        method: Method {
            threshold: opts.threshold,
            idf_documents: tw.documents(),
            weights: if tw.is_reference() {
                crate::analysis::reference::SOURCE.to_string()
            } else {
                "documents".to_string()
            },
            boilerplate: al.left_boilerplate.len() + al.right_boilerplate.len(),
        },
        pairs: al.links.len(),
        left: lr,
        right: rr,
        rows,
    }
}

/// Keeps framing spans that fit the text, sorted by position.
fn clean_framings(text: &str, framings: &[Framing]) -> Vec<Framing> {
    let mut ok: Vec<Framing> = framings
        .iter()
        .filter(|f| {
            f.start < f.end
                && f.end <= text.len()
                && text.is_char_boundary(f.start)
                && text.is_char_boundary(f.end)
        })
        .cloned()
        .collect();
    ok.sort_by_key(|a| (a.start, a.end, a.shown.category));
    ok
}

fn side_report(
    tw: &mut TermWeights,
    input: &SideInput<'_>,
    (own_words, sentences): (&[Word<'_>], &[Sentence]),
    other_words: &[Word<'_>],
    framings: &[Framing],
    max_topics: usize,
) -> SideReport {
    let s = input.statement;
    let other = OtherSide::new(tw, other_words);
    SideReport {
        side: s.side.clone(),
        who: s.side.to_string(),
        side_name: s.side.name().to_string(),
        event_id: input.event.id.clone(),
        event_title: input.event.title.clone(),
        date: s.date,
        statement_id: s.id.clone(),
        issuer: s.issuer.clone(),
        title: s.title.clone(),
        url: s.url.clone(),
        coverage: s.coverage,
        words: own_words.len(),
        sentences: sentences.len(),
        unmatched: 0,
        boilerplate: 0,
        shared_words: 0,
        own_words: 0,
        framings: framings
            .iter()
            .map(|f| FramingAt {
                framing: f.clone(),
                sentence: sentence_at(sentences, f.start)
                    .and_then(|hit| sentences.iter().position(|x| *x == hit)),
            })
            .collect(),
        one_sided: topics::one_sided(tw, &s.text, own_words, sentences, &other, max_topics),
    }
}

/// Word tokens of a group of sentences, concatenated, sliced from the text's
/// words. A word that a sentence boundary cuts ("agreed.China") is cut there
/// too, so a passage never shows text of the next sentence.
fn group_tokens(all: &[Word<'_>], sentences: &[Sentence], idx: &[usize]) -> Vec<Token> {
    idx.iter()
        .flat_map(|&i| {
            let s = sentences[i];
            let from = all.partition_point(|w| w.start < s.start);
            let to = all.partition_point(|w| w.start < s.end);
            all[from..to].iter().map(move |w| Token {
                start: w.start,
                end: w.end.min(s.end),
            })
        })
        .collect()
}

/// One side's framings, sorted by start, with what finds those near a sentence
/// quickly (a statement may hold thousands; a sentence a few).
struct Framings<'f> {
    list: &'f [Framing],
    /// The longest framing's length in bytes.
    longest: usize,
}

impl<'f> Framings<'f> {
    fn new(list: &'f [Framing]) -> Framings<'f> {
        let longest = list.iter().map(|f| f.end - f.start).max().unwrap_or(0);
        Framings { list, longest }
    }

    /// The framings that may overlap `start..end`, still sorted.
    fn near(&self, start: usize, end: usize) -> &'f [Framing] {
        let lo = self
            .list
            .partition_point(|f| f.start + self.longest <= start);
        let hi = self.list.partition_point(|f| f.start < end);
        &self.list[lo..hi.max(lo)]
    }
}

/// Passages for a group, given one shared flag per token of the group.
fn passages(
    text: &str,
    sentences: &[Sentence],
    idx: &[usize],
    toks: &[Token],
    flags: &[bool],
    fr: &Framings<'_>,
) -> Vec<Passage> {
    idx.iter()
        .map(|&i| {
            let s = sentences[i];
            let from = toks.partition_point(|t| t.start < s.start);
            let to = toks.partition_point(|t| t.start < s.end);
            Passage {
                sentence: i,
                start: s.start,
                end: s.end,
                segments: segments(
                    text,
                    s.start,
                    s.end,
                    &toks[from..to],
                    &flags[from..to],
                    fr.near(s.start, s.end),
                ),
            }
        })
        .collect()
}

fn lone(
    (text, all): (&str, &[Word<'_>]),
    sentences: &[Sentence],
    i: usize,
    fr: &Framings<'_>,
) -> Vec<Passage> {
    let toks = group_tokens(all, sentences, &[i]);
    let flags = vec![false; toks.len()];
    passages(text, sentences, &[i], &toks, &flags, fr)
}

/// Rows in the left side's order; a right-only sentence follows the row that
/// holds the right sentence before it.
fn rows(
    al: &Alignment,
    (lt, lw): (&str, &[Word<'_>]),
    (rt, rw): (&str, &[Word<'_>]),
    lf: &Framings<'_>,
    rf: &Framings<'_>,
) -> Vec<Row> {
    let mut main: Vec<(usize, Row)> = Vec::new();
    let deadline = std::time::Instant::now() + WORDS_DEADLINE;
    for link in &al.links {
        let ltok = group_tokens(lw, &al.left, &link.left);
        let rtok = group_tokens(rw, &al.right, &link.right);
        let (lflags, rflags) = shared_flags_until(lt, &ltok, rt, &rtok, deadline);
        let row = Row {
            kind: RowKind::Pair,
            score: Some(round3(link.score)),
            shared_terms: link.shared_stems.clone(),
            left: passages(lt, &al.left, &link.left, &ltok, &lflags, lf),
            right: passages(rt, &al.right, &link.right, &rtok, &rflags, rf),
            boilerplate: false,
        };
        main.push((link.left[0], row));
    }
    for &i in &al.left_unmatched {
        let row = Row {
            kind: RowKind::LeftOnly,
            score: None,
            shared_terms: Vec::new(),
            left: lone((lt, lw), &al.left, i, lf),
            right: Vec::new(),
            boilerplate: al.left_boilerplate.binary_search(&i).is_ok(),
        };
        main.push((i, row));
    }
    main.sort_by_key(|(i, _)| *i);
    let mut rows: Vec<Row> = main.into_iter().map(|(_, r)| r).collect();
    // Each right-only sentence goes after the row holding the nearest earlier right sentence.
    let mut row_of_right: Vec<Option<usize>> = vec![None; al.right.len()];
    for (i, r) in rows.iter().enumerate() {
        for p in &r.right {
            row_of_right[p.sentence] = Some(i);
        }
    }
    // The row of the nearest earlier matched right sentence, for every j in one pass.
    let mut anchors: Vec<Option<usize>> = Vec::with_capacity(row_of_right.len());
    let mut last = None;
    for r in &row_of_right {
        anchors.push(last);
        last = r.or(last);
    }
    let mut inserts: Vec<(Option<usize>, Row)> = Vec::new();
    for &j in &al.right_unmatched {
        let anchor = anchors[j];
        let row = Row {
            kind: RowKind::RightOnly,
            score: None,
            shared_terms: Vec::new(),
            left: Vec::new(),
            right: lone((rt, rw), &al.right, j, rf),
            boilerplate: al.right_boilerplate.binary_search(&j).is_ok(),
        };
        inserts.push((anchor, row));
    }
    let mut out = Vec::with_capacity(rows.len() + inserts.len());
    let mut before: Vec<Row> = Vec::new();
    let mut after: Vec<Vec<Row>> = vec![Vec::new(); rows.len()];
    for (anchor, row) in inserts {
        match anchor {
            None => before.push(row),
            Some(a) => after[a].push(row),
        }
    }
    // Right-only sentences before any pair go after the leading left-only rows.
    let lead = rows
        .iter()
        .take_while(|r| r.kind == RowKind::LeftOnly)
        .count();
    for (i, (row, extra)) in rows.drain(..).zip(after).enumerate() {
        if i == lead {
            out.append(&mut before);
        }
        out.push(row);
        out.extend(extra);
    }
    out.append(&mut before);
    out
}

fn count_words(rows: &[Row], left: &mut SideReport, right: &mut SideReport) {
    for row in rows.iter().filter(|r| r.kind == RowKind::Pair) {
        for (passages, report) in [(&row.left, &mut *left), (&row.right, &mut *right)] {
            for seg in passages.iter().flat_map(|p| &p.segments) {
                let n = crate::text::word_count(&seg.text);
                if seg.shared {
                    report.shared_words += n;
                } else {
                    report.own_words += n;
                }
            }
        }
    }
}
