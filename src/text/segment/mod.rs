//! Sentence segmentation for diplomatic readouts.
//!
//! Reports quote "the sentence a phrase occurs in" and align sentences of
//! paired readouts, so a wrong boundary shows up directly in what a reader
//! sees. The Unicode sentence boundaries of UAX #29 (as produced by
//! `unicode-segmentation`'s `split_sentence_bound_indices`) are a good start,
//! but on their own they cut "U.S. Trade Representative Robert E. Lighthizer"
//! into three sentences: UAX #29 ends a sentence at every full stop followed
//! by a space and an upper-case letter, and it ends one at every line break.
//! This module takes the UAX #29 boundaries as candidates and re-joins the
//! ones that are not real sentence ends.
//!
//! The rules, in order:
//!
//! 1. **Blocks.** The text is first cut into blocks. A blank line (paragraph
//!    break) always ends a block. A line that starts with a list marker
//!    (`-`, `*`, `•`, `1.`, `2)`, `(a)`, `一、`, …) starts a block of its own,
//!    which ends at the end of that line unless the following lines are
//!    indented continuations. No sentence ever spans two blocks.
//! 2. **Candidates.** Inside a block, each UAX #29 boundary is a candidate.
//!    It is kept when the text before it ends with a terminator other than a
//!    full stop (`!`, `?`, `。`, `！`, `？`, and any other UAX #29 terminator),
//!    optionally followed by closing quotes or brackets, which stay with the
//!    sentence (`He said "we agree."` ends after the quote). CJK terminators
//!    end a sentence even with no space after them.
//! 3. **Line breaks.** A candidate created only by a single line break
//!    (wrapped text, no terminator before it) is dropped.
//! 4. **Full stops.** A candidate after a full stop is judged by the word
//!    that carries the stop (and the stop is final when closing quotes or
//!    brackets follow it):
//!    - titles never end a sentence: `Mr.`, `Mrs.`, `Ms.`, `Dr.`, `St.`,
//!      `Gov.`, `Sen.`, `Rep.`, `Amb.`, `Gen.`, `Lt.`, `Col.`, `Prof.`, `vs.`,
//!      `v.`, `e.g.`, `i.e.`;
//!    - a single upper-case letter is an initial (`Robert E. Lighthizer`,
//!      `J. Blinken`) unless a function word follows (`World War I. We…`);
//!    - `No.` (and `Nos.`, `Art.`, `Vol.`) does not end a sentence before a
//!      number (`No. 1`), but does otherwise ("The answer was no. They…");
//!    - a list number (`1.`, `12.`) does not end a sentence at the start of
//!      a line or after a colon;
//!    - `a.m.` and `p.m.` end a sentence before a capitalised word ("at 11:00
//!      a.m. Acting Director…") unless it names a time zone, a day or a month,
//!      or "time" follows within four words ("9 a.m. Beijing time", "5:00
//!      a.m. Eastern Standard Time");
//!    - `D.C.` after "Washington" closes a place name and ends a sentence
//!      before any capitalised word ("in Washington, D.C. Secretary Blinken
//!      and…"); elsewhere ("the D.C. Circuit") it is an acronym;
//!    - dotted acronyms (`U.S.`, `U.K.`, `U.N.`, `P.R.C.`, `J.D.`) are mostly
//!      adjectives, so they end a sentence only before a plain sentence
//!      starter (`The`, `This`, `They`, `It`, `He`, `We`, `Both`, `In`, `On`,
//!      `A`, `But`, `However`, …); "China"/"Chinese" count only when a verb
//!      follows ("the U.S. China welcomed…" but "U.S. China policy"), "Next"
//!      and "Last" only before a lower-case word ("the U.S. Next G Alliance");
//!    - `Jr.`, `Sr.`, `Inc.`, `Co.`, `Corp.`, `Ltd.` and the month
//!      abbreviations `Jan.` … `Dec.`, `Sept.` end a sentence only before a
//!      sentence starter (that list also holds `China`, `Today`, …); titles
//!      ("President", "Secretary") are left out on purpose;
//!    - after any of these abbreviations, a piece of a single word
//!      ("…Washington D.C. Yesterday.") is never a sentence of its own;
//!    - any other word (including `etc.` and an ellipsis `...`) keeps the
//!      UAX #29 decision: it ends the sentence before an upper-case word and
//!      never before a lower-case one.
//!
//! A Markdown emphasis mark right after the terminator stays with the
//! sentence it closes ("…Organization.* The…").
//!
//! The rules are measured on a hand-labelled gold set of 120 real paragraphs
//! (374 sentences) from White House readouts and remarks and MFA answers,
//! `tests/gold/segment/` (test `segmentation_gold_error_rate` in
//! `tests/align.rs`).
//!
//! Decimal numbers (`49.1`, `$40.2 billion`) and lower-case continuations
//! after an ellipsis are never split by UAX #29 in the first place.
//!
//! Every step is a constant amount of work per character or per candidate,
//! so segmentation is linear in the length of the text.

use unicode_segmentation::UnicodeSegmentation;

/// A sentence of a text: byte range into the original text, trimmed of surrounding white space (never empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

impl Sentence {
    /// The sentence's text within `source`, the text it was found in.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

/// Splits `text` into sentences in order; the ranges never overlap, are in increasing order, and together with the white space between them cover the whole text (no non-whitespace character is lost or reordered).
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let cuts = block_cuts(text);
    for pair in cuts.windows(2) {
        segment_block(text, pair[0], pair[1], &mut out);
    }
    out
}

/// The sentence containing byte offset `at` (for "the sentence a phrase occurs in"); None if `at` is in white space between sentences or out of range.
pub fn sentence_at(sentences: &[Sentence], at: usize) -> Option<Sentence> {
    let idx = sentences.partition_point(|s| s.start <= at);
    let candidate = sentences.get(idx.checked_sub(1)?)?;
    (at < candidate.end).then_some(*candidate)
}

mod abbrev;
#[cfg(test)]
mod tests;

use abbrev::full_stop_continues;

/// Byte offsets where blocks start and end: 0, the paragraph and list cuts, and `text.len()`.
fn block_cuts(text: &str) -> Vec<usize> {
    let mut cuts = vec![0];
    let mut in_list = false;
    let mut line_start = 0;
    while line_start < text.len() {
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[line_start..])
            .map_or(text.len(), |k| line_start + k + 1);
        let line = &text[line_start..line_end];
        if line.trim().is_empty() {
            push_cut(&mut cuts, line_start);
            push_cut(&mut cuts, line_end);
            in_list = false;
        } else if is_list_item(line) {
            push_cut(&mut cuts, line_start);
            in_list = true;
        } else if in_list && !line.starts_with([' ', '\t']) {
            push_cut(&mut cuts, line_start);
            in_list = false;
        }
        line_start = line_end;
    }
    push_cut(&mut cuts, text.len());
    cuts
}

fn push_cut(cuts: &mut Vec<usize>, at: usize) {
    if cuts.last() != Some(&at) {
        cuts.push(at);
    }
}

/// Whether a line starts with a bullet or an enumeration marker followed by a space.
fn is_list_item(line: &str) -> bool {
    let rest = line.trim_start();
    let mut chars = rest.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '·' | '▪' | '◦' | '‣' | '●' | '○') => {
            chars.next().is_some_and(|c| c == ' ' || c == '\t')
        }
        Some('(' | '（') => is_paren_marker(chars.as_str()),
        Some(c) if c.is_ascii_digit() => is_number_marker(rest),
        Some(c) if is_cjk_numeral(c) => is_cjk_marker(rest),
        Some(c) if c.is_ascii_alphabetic() => is_letter_marker(chars.as_str()),
        _ => false,
    }
}

/// "12. " or "12) " with at most three digits.
fn is_number_marker(rest: &str) -> bool {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = &rest.as_bytes()[digits..];
    digits <= 3 && matches!(after, [b'.' | b')', b' ' | b'\t', ..])
}

/// "a) " (a single letter and a closing parenthesis).
fn is_letter_marker(after_letter: &str) -> bool {
    after_letter.starts_with(") ")
}

/// The part after an opening parenthesis: "1) ", "a) ", "一）".
fn is_paren_marker(inner: &str) -> bool {
    let is_label = |c: char| c.is_ascii_alphanumeric() || is_cjk_numeral(c);
    let label = inner.chars().take_while(|c| is_label(*c)).count();
    let after = inner.trim_start_matches(is_label);
    (1..=3).contains(&label) && (after.starts_with(") ") || after.starts_with('）'))
}

/// "一、", "十二、".
fn is_cjk_marker(rest: &str) -> bool {
    let label = rest.chars().take_while(|c| is_cjk_numeral(*c)).count();
    label <= 3 && rest.chars().nth(label) == Some('、')
}

fn is_cjk_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// Splits one block into sentences, re-joining the UAX #29 candidates that are not real ends.
fn segment_block(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let block = &text[start..end];
    let mut sentence_start = 0;
    let starts = super::sentence_bounds::piece_starts(block);
    for (k, pair) in starts.windows(2).enumerate() {
        let (offset, piece_end) = (pair[0], pair[1]);
        let next_end = starts.get(k + 2).copied().unwrap_or(block.len());
        let (piece, next) = (&block[offset..piece_end], &block[piece_end..next_end]);
        if is_real_end(block, offset, piece, next) {
            let cut = piece_end + closing_emphasis(next);
            push_trimmed(text, start + sentence_start, start + cut, out);
            sentence_start = cut;
        }
    }
    push_trimmed(text, start + sentence_start, end, out);
}

/// The length of a Markdown emphasis mark that closes the sentence before it
/// ("…Organization.* The…"): `*` or `_` marks followed by white space or the end.
fn closing_emphasis(next: &str) -> usize {
    let marks = next
        .bytes()
        .take_while(|b| matches!(b, b'*' | b'_'))
        .count();
    let closes = next[marks..].starts_with(char::is_whitespace) || marks == next.len();
    if closes {
        marks
    } else {
        0
    }
}

/// Pushes `text[start..end]` without its surrounding white space, if anything is left.
fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let slice = &text[start..end];
    let trimmed = slice.trim_start();
    let start = start + (slice.len() - trimmed.len());
    let end = start + trimmed.trim_end().len();
    if start < end {
        out.push(Sentence { start, end });
    }
}

/// Whether the UAX #29 boundary after `piece` (at `offset` in `block`) ends a sentence.
fn is_real_end(block: &str, offset: usize, piece: &str, next: &str) -> bool {
    let body = piece.trim_end();
    // A paragraph separator (U+2029, E2 80 A9) in the white space after the piece.
    let tail = &piece.as_bytes()[body.len()..];
    if tail.windows(3).any(|w| w == [0xE2, 0x80, 0xA9]) {
        return true;
    }
    let core = body.trim_end_matches(is_closer);
    let closed = core.len() < body.len();
    match core.chars().next_back() {
        Some('.') => closed || !full_stop_continues(block, offset, core, next),
        Some(last) => is_terminator(last),
        None => false,
    }
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '(' | '[' | '{' | '«' | '「' | '『' | '（' | '【' | '《' | '〈'
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '}' | '»' | '」' | '』' | '）' | '】' | '》' | '〉'
    )
}

/// Whether `c` ends a sentence by itself in UAX #29 (STerm, or ATerm other than '.').
fn is_terminator(c: char) -> bool {
    match c {
        '!' | '?' | '。' | '！' | '？' | '｡' | '‼' | '⁇' | '⁈' | '⁉' => true,
        c if c.is_ascii() => false,
        c => uax_breaks_after(c),
    }
}

/// Asks UAX #29 whether "a", `c`, " A" is two sentences, without allocating.
fn uax_breaks_after(c: char) -> bool {
    let mut buf = [0u8; 8];
    buf[0] = b'a';
    let len = 1 + c.encode_utf8(&mut buf[1..]).len();
    buf[len] = b' ';
    buf[len + 1] = b'A';
    std::str::from_utf8(&buf[..len + 2])
        .is_ok_and(|probe| probe.split_sentence_bounds().count() > 1)
}
