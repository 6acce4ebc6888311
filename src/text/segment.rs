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
//!    - titles and initials never end a sentence: `Mr.`, `Mrs.`, `Ms.`,
//!      `Dr.`, `St.`, `Gov.`, `Sen.`, `Rep.`, `Amb.`, `Gen.`, `Lt.`, `Col.`,
//!      `Prof.`, `vs.`, `e.g.`, `i.e.` and a single upper-case letter
//!      (`Robert E. Lighthizer`, `George W. Bush`);
//!    - `No.` (and `Nos.`, `Art.`, `Vol.`) does not end a sentence before a
//!      number (`No. 1`), but does otherwise ("The answer was no. They…");
//!    - a list number (`1.`, `12.`) does not end a sentence at the start of
//!      a line or after a colon;
//!    - ambiguous abbreviations — dotted acronyms such as `U.S.`, `U.K.`,
//!      `U.N.`, `E.U.`, `P.R.C.`, `D.C.`, `a.m.`, `p.m.`, plus `Jr.`, `Sr.`,
//!      `Inc.`, `Co.`, `Corp.`, `Ltd.` and the month abbreviations `Jan.` …
//!      `Dec.`, `Sept.` — end a sentence only when the next word plainly
//!      starts a new one: it is one of a short list of capitalised sentence
//!      starters (`The`, `This`, `They`, `It`, `He`, `We`, `Both`, `China`,
//!      `In`, `On`, `At`, `A`, `But`, `However`, …). So "talks with the U.S.
//!      The two sides agreed" is two sentences, while "U.S. Trade
//!      Representative", "9 a.m. Beijing time" and "Jan. 5" stay whole. The
//!      list holds function words and a few subjects that readouts open
//!      sentences with; titles ("President", "Secretary") are left out on
//!      purpose, since "U.S. President" and "U.S. Secretary" are common.
//!    - any other word (including `etc.` and an ellipsis `...`) keeps the
//!      UAX #29 decision: it ends the sentence before an upper-case word and
//!      never before a lower-case one.
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

/// Titles, initials-like abbreviations and connectives that never end a sentence.
const NEVER_FINAL: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "St", "Gov", "Sen", "Rep", "Amb", "Gen", "Lt", "Col",
    "Capt", "Adm", "Sgt", "Prof", "Hon", "Rev", "vs", "v", "e.g", "i.e", "E.g", "I.e", "cf", "viz",
];

/// Abbreviations that stay inside a sentence when followed by a number.
const BEFORE_NUMBER: &[&str] = &["No", "Nos", "no", "Art", "Vol"];

/// Abbreviations that end a sentence only before a plain sentence starter.
const AMBIGUOUS: &[&str] = &[
    "Jr", "Sr", "Inc", "Co", "Corp", "Ltd", "Bros", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Capitalised words that, after an ambiguous abbreviation, start a new sentence.
const STARTERS: &[&str] = &[
    "A",
    "According",
    "After",
    "Afterwards",
    "Also",
    "An",
    "And",
    "As",
    "At",
    "Before",
    "Both",
    "But",
    "China",
    "Chinese",
    "During",
    "Each",
    "Earlier",
    "For",
    "Further",
    "Furthermore",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Last",
    "Later",
    "Meanwhile",
    "Moreover",
    "Neither",
    "Next",
    "On",
    "Our",
    "She",
    "Since",
    "So",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Thus",
    "To",
    "Today",
    "We",
    "When",
    "While",
    "With",
    "Yesterday",
    "You",
];

/// What a word ending in a full stop says about the candidate boundary after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbrev {
    /// Never ends a sentence (titles, initials, "e.g.").
    NeverFinal,
    /// Ends a sentence unless a number follows ("No.").
    BeforeNumber,
    /// Ends a sentence only before a sentence starter ("U.S.", "Jan.").
    Ambiguous,
    /// A list number ("1."): not final at the start of a line or after a colon.
    ListNumber,
    /// An ordinary word: keep the UAX #29 decision.
    Plain,
}

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
            push_trimmed(text, start + sentence_start, start + piece_end, out);
            sentence_start = piece_end;
        }
    }
    push_trimmed(text, start + sentence_start, end, out);
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

/// Whether the word ending in a full stop at the end of `core` keeps the sentence going.
fn full_stop_continues(block: &str, offset: usize, core: &str, next: &str) -> bool {
    let token_start = core
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token = core[token_start..].trim_start_matches(is_opener);
    let word = &token[..token.len() - 1];
    match classify(last_part(word)) {
        Abbrev::NeverFinal => true,
        Abbrev::BeforeNumber => first_char(next).is_some_and(|c| c.is_ascii_digit()),
        Abbrev::Ambiguous => !STARTERS.contains(&first_word(next)),
        Abbrev::ListNumber => starts_list(&block[..offset + token_start]),
        Abbrev::Plain => false,
    }
}

/// The part of a hyphenated or slashed word after its last joiner ("China-U.S" → "U.S").
fn last_part(word: &str) -> &str {
    let joiner = if word.is_ascii() {
        word.bytes().rposition(|b| b == b'-' || b == b'/')
    } else {
        word.rfind(['-', '–', '—', '/'])
    };
    match joiner {
        Some(i) => &word[i + word[i..].chars().next().map_or(1, char::len_utf8)..],
        None => word,
    }
}

/// Sorts a word (without its final full stop) into one of the abbreviation kinds.
fn classify(word: &str) -> Abbrev {
    // Every listed abbreviation is short; dotted acronyms hold a full stop.
    if word.len() > 6 && !word.contains('.') {
        return Abbrev::Plain;
    }
    if NEVER_FINAL.contains(&word) || is_initial(word) {
        Abbrev::NeverFinal
    } else if BEFORE_NUMBER.contains(&word) {
        Abbrev::BeforeNumber
    } else if AMBIGUOUS.contains(&word) || is_dotted_acronym(word) {
        Abbrev::Ambiguous
    } else if (1..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit()) {
        Abbrev::ListNumber
    } else {
        Abbrev::Plain
    }
}

/// A single upper-case letter ("E" of "Robert E. Lighthizer").
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Single letters joined by full stops: "U.S", "P.R.C", "a.m", "J.D".
fn is_dotted_acronym(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            let mut chars = part.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
        })
}

/// Whether the text before a list number ends a line (or the block) or a colon.
fn starts_list(before: &str) -> bool {
    let before = before.trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with(['\n', '\r', ':', '：'])
}

/// The first character of `next` after white space and opening quotes or brackets.
fn first_char(next: &str) -> Option<char> {
    next.trim_start()
        .trim_start_matches(is_opener)
        .chars()
        .next()
}

/// The leading run of letters of `next` after white space and opening quotes or brackets.
fn first_word(next: &str) -> &str {
    let rest = next.trim_start().trim_start_matches(is_opener);
    let len = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    &rest[..len]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| s.text(text)).collect()
    }

    const CASES: &[(&str, &[&str])] = &[
        // Abbreviations, titles and initials inside a sentence.
        (
            "U.S. Trade Representative Robert E. Lighthizer and Treasury Secretary Steven T. Mnuchin spoke with Vice Premier Liu He.",
            &["U.S. Trade Representative Robert E. Lighthizer and Treasury Secretary Steven T. Mnuchin spoke with Vice Premier Liu He."],
        ),
        ("The call took place at 9 a.m. Beijing time.", &["The call took place at 9 a.m. Beijing time."]),
        (
            "Through June, China had imported $40.2 billion of American goods.",
            &["Through June, China had imported $40.2 billion of American goods."],
        ),
        (
            "Xi called it “the most important issue in China-U.S. relations.” He added that Taiwan was a red line.",
            &["Xi called it “the most important issue in China-U.S. relations.”", "He added that Taiwan was a red line."],
        ),
        ("中美双方进行了建设性对话。双方同意继续保持沟通！", &["中美双方进行了建设性对话。", "双方同意继续保持沟通！"]),
        ("Mr. Ma and Dr. Smith met on Jan. 5. They agreed.", &["Mr. Ma and Dr. Smith met on Jan. 5.", "They agreed."]),
        (
            "The vice premier held talks with the U.S. The two sides agreed to keep in touch.",
            &["The vice premier held talks with the U.S.", "The two sides agreed to keep in touch."],
        ),
        ("The meeting is set for Sept. 5 in Geneva.", &["The meeting is set for Sept. 5 in Geneva."]),
        ("Resolution No. 1 was adopted.", &["Resolution No. 1 was adopted."]),
        ("The answer was no. The talks ended.", &["The answer was no.", "The talks ended."]),
        ("George W. Bush met Jiang Zemin in 2001.", &["George W. Bush met Jiang Zemin in 2001."]),
        (
            "The talks lasted until 5 p.m. The sides then issued a statement.",
            &["The talks lasted until 5 p.m.", "The sides then issued a statement."],
        ),
        ("The talks lasted until 5 p.m. and were candid.", &["The talks lasted until 5 p.m. and were candid."]),
        ("The call began at 8 a.m. on Friday.", &["The call began at 8 a.m. on Friday."]),
        ("They met at 10:30 a.m. EST on Monday.", &["They met at 10:30 a.m. EST on Monday."]),
        ("The call began at 8 a.m. 2 hours late.", &["The call began at 8 a.m. 2 hours late."]),
        (
            "Officials from the U.K., the E.U. and the U.N. attended.",
            &["Officials from the U.K., the E.U. and the U.N. attended."],
        ),
        ("The P.R.C. Foreign Ministry issued a statement.", &["The P.R.C. Foreign Ministry issued a statement."]),
        (
            "He met envoys of the P.R.C. In the talks, both sides were frank.",
            &["He met envoys of the P.R.C.", "In the talks, both sides were frank."],
        ),
        ("The envoy flew to Washington, D.C. The meeting began.", &["The envoy flew to Washington, D.C.", "The meeting began."]),
        ("The U.N. Security Council met. It adopted Resolution No. 2231.", &["The U.N. Security Council met.", "It adopted Resolution No. 2231."]),
        ("The C.P.C. Central Committee met.", &["The C.P.C. Central Committee met."]),
        ("The E.U. and China met. China said the talks were constructive.", &["The E.U. and China met.", "China said the talks were constructive."]),
        ("He briefed the U.S. China welcomed the move.", &["He briefed the U.S.", "China welcomed the move."]),
        ("Vice President J.D. Vance attended.", &["Vice President J.D. Vance attended."]),
        ("Martin Luther King Jr. Day is a holiday.", &["Martin Luther King Jr. Day is a holiday."]),
        ("They met Apple Inc. The company said nothing.", &["They met Apple Inc.", "The company said nothing."]),
        ("Huawei Technologies Co. Ltd. was discussed.", &["Huawei Technologies Co. Ltd. was discussed."]),
        ("Goods (steel, aluminium, etc.) were discussed.", &["Goods (steel, aluminium, etc.) were discussed."]),
        ("They discussed steel, aluminium, etc. and agreed.", &["They discussed steel, aluminium, etc. and agreed."]),
        ("They discussed steel, aluminium, etc. The talks ended.", &["They discussed steel, aluminium, etc.", "The talks ended."]),
        ("Some sectors, e.g. Agriculture, were excluded.", &["Some sectors, e.g. Agriculture, were excluded."]),
        ("Key issues, i.e. Taiwan and trade, were raised.", &["Key issues, i.e. Taiwan and trade, were raised."]),
        ("Amb. Nicholas Burns attended the meeting.", &["Amb. Nicholas Burns attended the meeting."]),
        ("Gov. Newsom and Sen. Daines met Lt. Gen. Smith.", &["Gov. Newsom and Sen. Daines met Lt. Gen. Smith."]),
        ("Prof. Wang and Col. Li spoke with Rep. Jones.", &["Prof. Wang and Col. Li spoke with Rep. Jones."]),
        ("The U.S. vs. China dispute continued.", &["The U.S. vs. China dispute continued."]),
        ("Mrs. Clinton and Ms. Rice met St. Louis officials.", &["Mrs. Clinton and Ms. Rice met St. Louis officials."]),
        ("Wang Yi met Mr. Blinken. He said the U.S. side must act.", &["Wang Yi met Mr. Blinken.", "He said the U.S. side must act."]),
        (
            "Liu He said the U.S. should stop. The U.S. did not respond.",
            &["Liu He said the U.S. should stop.", "The U.S. did not respond."],
        ),
        ("In a call on Nov. 1, Xi and Biden spoke.", &["In a call on Nov. 1, Xi and Biden spoke."]),
        ("The meeting is scheduled for Oct. 10. Both sides confirmed.", &["The meeting is scheduled for Oct. 10.", "Both sides confirmed."]),
        ("Tariffs of 25% apply. They took effect on Jul. 6, 2018.", &["Tariffs of 25% apply.", "They took effect on Jul. 6, 2018."]),
        (
            "The statement (No. 12) was released at 3 p.m. A second statement followed.",
            &["The statement (No. 12) was released at 3 p.m.", "A second statement followed."],
        ),
        ("Robert E.\nLighthizer spoke.", &["Robert E.\nLighthizer spoke."]),
        // Numbers.
        ("Growth reached 4.9 percent. Inflation was 0.2 percent.", &["Growth reached 4.9 percent.", "Inflation was 0.2 percent."]),
        (
            "The trade deficit was $419.2 billion in 2018. It fell in 2019.",
            &["The trade deficit was $419.2 billion in 2018.", "It fell in 2019."],
        ),
        ("China's exports rose 7.1%. Imports fell 2.5%.", &["China's exports rose 7.1%.", "Imports fell 2.5%."]),
        ("The index stood at 49.1 in May.", &["The index stood at 49.1 in May."]),
        ("The agenda: 1. Tariffs on steel.", &["The agenda: 1. Tariffs on steel."]),
        // Quotes and brackets.
        ("He said \"we agree.\" Then he left.", &["He said \"we agree.\"", "Then he left."]),
        ("Xi said: “We must respect each other.” Biden agreed.", &["Xi said: “We must respect each other.”", "Biden agreed."]),
        ("“We agree,” he said. “Let's move forward.”", &["“We agree,” he said.", "“Let's move forward.”"]),
        (
            "The talks were \"candid.\" (The U.S. side said so.) Then they ended.",
            &["The talks were \"candid.\"", "(The U.S. side said so.)", "Then they ended."],
        ),
        ("The two sides (China and the U.S.) agreed.", &["The two sides (China and the U.S.) agreed."]),
        (
            "He quoted Reagan: “Trust, but verify.” The U.S. side agreed.",
            &["He quoted Reagan: “Trust, but verify.”", "The U.S. side agreed."],
        ),
        ("Did the U.S. agree? China said yes!", &["Did the U.S. agree?", "China said yes!"]),
        // Chinese and mixed text.
        ("他说：“我们同意。”然后双方签署了协议。", &["他说：“我们同意。”", "然后双方签署了协议。"]),
        ("这是第一句。This is English.", &["这是第一句。", "This is English."]),
        ("双方同意继续沟通？美方没有回答。", &["双方同意继续沟通？", "美方没有回答。"]),
        ("中方表示：\n一、坚持对话；\n二、扩大合作。", &["中方表示：", "一、坚持对话；", "二、扩大合作。"]),
        ("习近平指出，\n中美关系十分重要。", &["习近平指出，\n中美关系十分重要。"]),
        // Ellipses.
        ("The sides held talks… and agreed to meet again.", &["The sides held talks… and agreed to meet again."]),
        ("The sides held talks... and agreed to meet again.", &["The sides held talks... and agreed to meet again."]),
        ("The sides held talks ... and agreed to meet again.", &["The sides held talks ... and agreed to meet again."]),
        // Lines, paragraphs and lists.
        ("The two presidents spoke by phone\non Tuesday evening.", &["The two presidents spoke by phone\non Tuesday evening."]),
        ("The two sides agreed.\nThey will meet again.", &["The two sides agreed.", "They will meet again."]),
        ("First paragraph without a stop\n\nSecond paragraph.", &["First paragraph without a stop", "Second paragraph."]),
        (
            "Readout of President Biden's Call\n\nPresident Biden spoke with President Xi.",
            &["Readout of President Biden's Call", "President Biden spoke with President Xi."],
        ),
        ("On Dec. 25, the sides met.   \n\n   Then they ate.", &["On Dec. 25, the sides met.", "Then they ate."]),
        ("Paragraph one\r\n\r\nParagraph two", &["Paragraph one", "Paragraph two"]),
        ("1. Trade\n2. Taiwan\n3. Climate", &["1. Trade", "2. Taiwan", "3. Climate"]),
        ("- Taiwan\n- Trade\n- Fentanyl", &["- Taiwan", "- Trade", "- Fentanyl"]),
        ("• Taiwan\n• Trade", &["• Taiwan", "• Trade"]),
        ("The two sides discussed the following:\n1. Trade\n2. Taiwan", &["The two sides discussed the following:", "1. Trade", "2. Taiwan"]),
        ("Points:\n  1. Trade\n  2. Tech", &["Points:", "1. Trade", "2. Tech"]),
        ("(1) Trade\n(2) Taiwan", &["(1) Trade", "(2) Taiwan"]),
        ("a) Trade\nb) Taiwan", &["a) Trade", "b) Taiwan"]),
        ("（一）坚持对话\n（二）扩大合作", &["（一）坚持对话", "（二）扩大合作"]),
        (
            "The U.S. side said\n(China) disagreed.",
            &["The U.S. side said\n(China) disagreed."],
        ),
        (
            "- Taiwan: the U.S. side reaffirmed its policy.\n- Trade: both sides agreed to talks.",
            &["- Taiwan: the U.S. side reaffirmed its policy.", "- Trade: both sides agreed to talks."],
        ),
        (
            "- The sides agreed to continue\n  talks next month.\n- Taiwan",
            &["- The sides agreed to continue\n  talks next month.", "- Taiwan"],
        ),
        ("- Taiwan\nThe sides then met.", &["- Taiwan", "The sides then met."]),
        ("- Two points. First, trade.\n- Taiwan", &["- Two points.", "First, trade.", "- Taiwan"]),
        ("The range was -5 to 5.\n-5 is low.", &["The range was -5 to 5.", "-5 is low."]),
        // Odd input.
        ("", &[]),
        ("   \n\n  \t ", &[]),
        ("U.S.", &["U.S."]),
        ("....", &["...."]),
        ("Mr.", &["Mr."]),
        ("  padded sentence.  ", &["padded sentence."]),
        (
            "Emoji 🇺🇸🇨🇳 talks went well. 👍 Both sides smiled.",
            &["Emoji 🇺🇸🇨🇳 talks went well.", "👍 Both sides smiled."],
        ),
        ("Para one.\u{2029}Para two", &["Para one.", "Para two"]),
    ];

    #[test]
    fn table_of_readout_sentences() {
        let mut failures = Vec::new();
        for (input, expected) in CASES {
            let got = split(input);
            if got != *expected {
                failures.push(format!(
                    "{input:?}\n  expected {expected:?}\n  got      {got:?}"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn table_has_enough_cases() {
        assert!(CASES.len() >= 60, "{}", CASES.len());
    }

    #[test]
    fn sentence_at_finds_the_containing_sentence() {
        let text = "Mr. Ma spoke.  The U.S. agreed.";
        let all = sentences(text);
        assert_eq!(all.len(), 2);
        let at = text.find("U.S.").unwrap();
        assert_eq!(
            sentence_at(&all, at).map(|s| s.text(text)),
            Some("The U.S. agreed.")
        );
        assert_eq!(sentence_at(&all, 0), Some(all[0]));
        assert_eq!(
            sentence_at(&all, 12).map(|s| s.text(text)),
            Some("Mr. Ma spoke.")
        );
        assert_eq!(sentence_at(&all, 13), None, "white space between sentences");
        assert_eq!(sentence_at(&all, text.len()), None);
        assert_eq!(sentence_at(&all, usize::MAX), None);
        assert_eq!(sentence_at(&[], 0), None);
    }

    #[test]
    fn serialises_as_a_byte_range() {
        fn assert_serialize<T: serde::Serialize>(_: &T) {}
        let s = Sentence { start: 1, end: 4 };
        assert_serialize(&s);
        assert_eq!(s.text("xabcx"), "abc");
    }

    /// A tiny deterministic generator (xorshift64*), so the property tests need no dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    const FRAGMENTS: &[&str] = &[
        "U.S.", "U.S", "Mr.", "Dr.", "E.", "a.m.", "p.m.", "No.", "Jan.", "etc.", "e.g.", "1.",
        "12.", "- ", "• ", "(a) ", "一、", "The", "the", "talks", "China", "They", "49.1", "$40.2",
        "。", "！", "？", "”", "“", "\"", "'", "(", ")", ".", "...", "…", "!", "?", ":", "：", " ",
        " ", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u{2029}", "\u{301}", "\u{200B}", "é", "🇺🇸",
        "👍🏽", "中美", "双方", "Ω", "ß", "İ", "\u{a0}", "\u{3000}", "x",
    ];

    fn generated(rng: &mut Rng) -> String {
        let len = rng.below(40);
        (0..len)
            .map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())])
            .collect()
    }

    fn random_chars(rng: &mut Rng) -> String {
        let len = rng.below(30);
        (0..len)
            .filter_map(|_| {
                let c = match rng.below(4) {
                    0 => rng.below(0x80),
                    1 => rng.below(0x800),
                    2 => 0x2000 + rng.below(0x1000),
                    _ => rng.below(0x11_0000),
                };
                char::from_u32(c as u32)
            })
            .collect()
    }

    /// Checks every invariant promised by [`sentences`].
    fn check_invariants(text: &str) {
        let all = sentences(text);
        let mut rebuilt = String::new();
        let mut previous_end = 0;
        for s in &all {
            assert!(s.start < s.end, "empty sentence in {text:?}: {all:?}");
            assert!(s.start >= previous_end, "out of order in {text:?}: {all:?}");
            let gap = &text[previous_end..s.start];
            assert!(gap.trim().is_empty(), "lost {gap:?} in {text:?}");
            let body = s.text(text);
            assert_eq!(body, body.trim(), "untrimmed sentence in {text:?}");
            assert_eq!(sentence_at(&all, s.start), Some(*s));
            assert_eq!(sentence_at(&all, s.end - 1), Some(*s));
            rebuilt.push_str(gap);
            rebuilt.push_str(body);
            previous_end = s.end;
        }
        let tail = &text[previous_end..];
        assert!(tail.trim().is_empty(), "lost tail {tail:?} in {text:?}");
        rebuilt.push_str(tail);
        assert_eq!(rebuilt, text);
        let covered = text
            .char_indices()
            .filter(|(_, c)| !c.is_whitespace())
            .all(|(i, _)| sentence_at(&all, i).is_some());
        assert!(covered, "a character outside every sentence in {text:?}");
    }

    #[test]
    fn invariants_hold_on_generated_readout_text() {
        let mut rng = Rng(0x5EED_CAFE_F00D_BEEF);
        for _ in 0..600 {
            check_invariants(&generated(&mut rng));
        }
    }

    #[test]
    fn invariants_hold_on_random_characters() {
        let mut rng = Rng(0x0123_4567_89AB_CDEF);
        for _ in 0..400 {
            check_invariants(&random_chars(&mut rng));
        }
    }

    #[test]
    fn invariants_hold_on_table_inputs() {
        for (input, _) in CASES {
            check_invariants(input);
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            " ",
            "\n",
            "\u{301}",
            "\u{301}\u{302}. \u{301}",
            "....",
            ". . .",
            "U.S.",
            ".U.S.",
            "-",
            "- ",
            "1.",
            "1. ",
            "(",
            "（一）",
            "👍",
            "👨‍👩‍👧. 🇨🇳",
            "中文English混合。Mixed text.中文",
            "\u{FEFF}Text.",
            "\r\r\n\n\r",
            "“”",
            "”.",
        ] {
            check_invariants(text);
        }
        assert_eq!(split("\u{301}"), ["\u{301}"]);
    }

    #[test]
    fn long_input_is_linear() {
        let words = "word ".repeat(20_000);
        let dots = "A. ".repeat(35_000);
        let newlines = "line\n".repeat(20_000);
        let no_space = "x".repeat(100_000) + ".";
        let started = std::time::Instant::now();
        assert_eq!(sentences(&words).len(), 1);
        assert_eq!(sentences(&dots).len(), 1);
        assert_eq!(sentences(&newlines).len(), 1);
        assert_eq!(sentences(&no_space).len(), 1);
        let elapsed = started.elapsed();
        assert!(elapsed.as_secs() < 10, "took {elapsed:?}");
    }
}
