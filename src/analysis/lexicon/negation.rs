//! Negation in the same clause. "Not constructive", "no progress", "did not
//! make progress" and "neither constructive nor productive" must not count
//! as movement; the matcher keeps such hits but flags them `negated`, so a
//! reader sees both the phrase and why it was set aside.
//!
//! The rule: a hit is negated when one of the [`WINDOW`] words before it, in
//! the same sentence, is a negator (`not`, `no`, `never`, `neither`, `nor`,
//! `without`, `non`, `cannot`, `lack`, `fail`, any `…n't` …), and nothing
//! between the negator and the hit ends the clause: clause punctuation
//! (`, ; : ( ) [ ] — – ! ?`) or a clause-opening word (`but`, `and`, `or`,
//! `while`, `although`, `though`, `yet`, `however`, `whereas`, `which`,
//! `that`, `who`, `because`, `if`, `whether`). "Not only", "not just", "not
//! merely", "not least", "no doubt" and "no less" are not negations.

use crate::text::normalise;

/// How many words before a hit are searched for a negator.
pub const WINDOW: usize = 4;

const NEGATORS: &[&str] = &[
    "not",
    "no",
    "never",
    "neither",
    "nor",
    "without",
    "non",
    "cannot",
    "none",
    "nothing",
    "hardly",
    "lack",
    "lacked",
    "lacking",
    "lacks",
    "fail",
    "failed",
    "fails",
    "failing",
    // Chinese (words as src/text/han.rs cuts them).
    "不",
    "没有",
    "没",
    "未",
    "并未",
    "从未",
    "无",
    "毫无",
    "绝不",
    "决不",
    "并非",
    "不是",
    "从不",
    "从来不",
    "从没",
];

const BARRIERS: &[&str] = &[
    "but", "and", "or", "while", "although", "though", "yet", "however", "whereas", "which",
    "that", "who", "because", "if", "whether", "但", "但是", "而", "却", "如果",
];

/// Words after a negator that make it no negation ("not only", "no doubt").
const RELEASES: &[&str] = &["only", "just", "merely", "least", "doubt", "less"];

pub(super) const CLAUSE_PUNCTUATION: &[char] = &[
    ',', ';', ':', '(', ')', '[', ']', '—', '–', '!', '?', '，', '；', '：',
];

/// Whether a normalised word negates what follows it.
pub fn is_negator(word: &str) -> bool {
    NEGATORS.contains(&word) || word.ends_with("n't")
}

/// The byte range of the negator of a hit, if any. `before` holds the word
/// ranges preceding the hit (nearest last), `first` the hit's first word.
pub fn negator_before(
    text: &str,
    before: &[(usize, usize)],
    first: (usize, usize),
    sentence_start: usize,
) -> Option<(usize, usize)> {
    let mut next = first;
    for &(start, end) in before.iter().rev() {
        if start < sentence_start || text[end..next.0].contains(CLAUSE_PUNCTUATION) {
            return None;
        }
        let word = normalise(&text[start..end]);
        if BARRIERS.contains(&word.as_ref()) {
            return None;
        }
        if is_negator(&word) {
            let after = normalise(&text[next.0..next.1]);
            return (!RELEASES.contains(&after.as_ref())).then_some((start, end));
        }
        next = (start, end);
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::analysis::lexicon::Lexicon;

    fn flags(text: &str) -> Vec<(String, Option<String>)> {
        Lexicon::builtin()
            .matcher()
            .find(text)
            .into_iter()
            .map(|h| (h.entry.to_string(), h.negator))
            .collect()
    }

    fn negated(text: &str) -> Vec<bool> {
        Lexicon::builtin()
            .matcher()
            .find(text)
            .iter()
            .map(|h| h.negated)
            .collect()
    }

    #[test]
    fn negators_in_the_clause_flag_the_hit() {
        assert_eq!(
            flags("The talks were not constructive."),
            [("constructive".into(), Some("not".into()))]
        );
        assert_eq!(negated("There was no substantial progress."), [true]);
        assert_eq!(negated("They did not make progress."), [true]);
        assert_eq!(negated("They didn\u{2019}t make progress."), [true]);
        assert_eq!(
            negated("It was neither constructive nor frank."),
            [true, true]
        );
        assert_eq!(negated("a non-constructive exchange"), [true]);
        assert_eq!(negated("They made no real progress."), [true]);
    }

    #[test]
    fn clause_breaks_and_releases_stop_negation() {
        assert_eq!(
            negated("Not a word was said, but the talks were constructive."),
            [false]
        );
        assert_eq!(negated("Nothing changed; progress was made."), [false]);
        assert_eq!(
            negated("This is not only constructive but also frank."),
            [false, false]
        );
        assert_eq!(negated("No. Constructive talks followed."), [false]);
        assert_eq!(
            negated("We did not expect that, and progress was made."),
            [false]
        );
        // Too far back: more than four words between the negator and the hit.
        assert_eq!(
            negated("Not that anyone in the room expected constructive talks."),
            [false]
        );
    }
}
