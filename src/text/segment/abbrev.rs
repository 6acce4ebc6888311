//! Which full stops end a sentence: titles, initials, dotted acronyms, times
//! and the other abbreviations of readouts, judged by the word that carries the
//! stop and the words after it (rule 4 of the module docs of [`super`]).

use super::is_opener;

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

/// Function words that, after an initial, start a new sentence.
const FUNCTION_STARTERS: &[&str] = &[
    "The", "This", "That", "These", "Those", "They", "We", "He", "She", "It", "Its", "Their",
    "Our", "In", "On", "At", "But", "However", "Both", "There", "Then", "When", "While", "As",
];

/// Capitalised words after "a.m."/"p.m." that keep the sentence going.
const TIME_WORDS: &[&str] = &[
    "Beijing",
    "Eastern",
    "Pacific",
    "Central",
    "Mountain",
    "Washington",
    "Moscow",
    "Tokyo",
    "Kyiv",
    "London",
    "Local",
    "EST",
    "EDT",
    "ET",
    "PT",
    "PST",
    "PDT",
    "CT",
    "CST",
    "CDT",
    "GMT",
    "UTC",
    "BST",
    "CET",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// What a word ending in a full stop says about the candidate boundary after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbrev {
    /// Never ends a sentence (titles, "e.g.").
    NeverFinal,
    /// A single capital: an initial ("J. Blinken") unless a function word
    /// follows ("World War I. We…").
    Initial,
    /// "a.m.", "p.m.": ends a sentence before a capitalised word that is not a
    /// time zone or a day.
    Time,
    /// "D.C.": after "Washington" a place that ends sentences, else an adjective.
    Place,
    /// Other dotted acronyms ("U.S.", "P.R.C."): end a sentence only before a
    /// plain sentence starter.
    Acronym,
    /// Ends a sentence unless a number follows ("No.").
    BeforeNumber,
    /// Ends a sentence only before a sentence starter ("U.S.", "Jan.").
    Ambiguous,
    /// A list number ("1."): not final at the start of a line or after a colon.
    ListNumber,
    /// An ordinary word: keep the UAX #29 decision.
    Plain,
}

/// Whether the word ending in a full stop at the end of `core` keeps the sentence going.
pub(super) fn full_stop_continues(block: &str, offset: usize, core: &str, next: &str) -> bool {
    let token_start = core
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token = core[token_start..].trim_start_matches(is_opener);
    let word = &token[..token.len() - 1];
    let before = &core[..token_start];
    match classify(last_part(word)) {
        Abbrev::NeverFinal => true,
        Abbrev::Initial => !FUNCTION_STARTERS.contains(&first_word(next)),
        Abbrev::BeforeNumber => first_char(next).is_some_and(|c| c.is_ascii_digit()),
        Abbrev::Time => one_word_piece(next) || !time_ends(next),
        Abbrev::Place if after_washington(before) => one_word_piece(next),
        Abbrev::Place | Abbrev::Acronym => one_word_piece(next) || !acronym_ends(next),
        Abbrev::Ambiguous => one_word_piece(next) || !STARTERS.contains(&first_word(next)),
        Abbrev::ListNumber => starts_list(&block[..offset + token_start]),
        Abbrev::Plain => false,
    }
}

/// After a clock time ("11:00 a.m."), a capitalised word starts a new sentence
/// unless it names the time zone or the day ("9 a.m. Beijing time", "a.m. EST").
fn time_ends(next: &str) -> bool {
    let word = first_word(next);
    let says_time = next.split_whitespace().take(4).any(|w| {
        w.trim_end_matches(|c: char| !c.is_alphabetic())
            .eq_ignore_ascii_case("time")
    });
    word.starts_with(char::is_uppercase)
        && !says_time
        && !TIME_WORDS.contains(&word)
        && !crate::text::MONTHS.contains(&word)
}

/// After "U.S." and other dotted acronyms, which are mostly adjectives ("U.S.
/// China policy", "U.S. Next G Alliance"), only a plain sentence starter starts
/// a new sentence; "China" and "Chinese" only when a verb follows them ("the
/// U.S. China welcomed"), "Next" and "Last" only before a lower-case word.
fn acronym_ends(next: &str) -> bool {
    let word = first_word(next);
    let after = next.trim_start().trim_start_matches(is_opener)[word.len()..].trim_start();
    let second = first_word(after);
    match word {
        "China" | "Chinese" => looks_like_verb(second),
        "Next" | "Last" => !after.starts_with(char::is_uppercase),
        _ => STARTERS.contains(&word),
    }
}

/// A finite verb right after a subject: an auxiliary or a past tense in "-ed".
fn looks_like_verb(word: &str) -> bool {
    const AUXILIARIES: &[&str] = &[
        "is", "was", "has", "had", "have", "will", "would", "can", "could", "should", "must",
        "said", "says", "did", "does", "made", "took", "gave", "also",
    ];
    AUXILIARIES.contains(&word) || (word.len() > 3 && word.ends_with("ed"))
}

/// Whether "D.C." closes the place name "Washington, D.C." (then it ends a
/// sentence before any capitalised word: "…in Washington, D.C. Secretary Blinken…").
fn after_washington(before: &str) -> bool {
    before
        .trim_end()
        .trim_end_matches(',')
        .ends_with("Washington")
}

/// Whether the piece after the stop is a single word ("…Washington D.C. Yesterday."):
/// too short to be a sentence of its own after an abbreviation.
fn one_word_piece(next: &str) -> bool {
    let mut words = next.split_whitespace();
    words.next().is_some_and(|w| w.ends_with(['.', '!', '?'])) && words.next().is_none()
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
    if NEVER_FINAL.contains(&word) {
        Abbrev::NeverFinal
    } else if is_initial(word) {
        Abbrev::Initial
    } else if BEFORE_NUMBER.contains(&word) {
        Abbrev::BeforeNumber
    } else if matches!(word, "a.m" | "p.m" | "A.M" | "P.M") {
        Abbrev::Time
    } else if word == "D.C" {
        Abbrev::Place
    } else if is_dotted_acronym(word) {
        Abbrev::Acronym
    } else if AMBIGUOUS.contains(&word) {
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
