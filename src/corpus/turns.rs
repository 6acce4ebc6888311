//! Speaker turns of a transcript (a regular press conference, a briefing) and
//! the issuing side's own words. In a transcript the journalists' questions
//! are not the government's wording, so every analysis that counts a side's
//! words reads `own_text`: the stored text with the question turns (and the
//! speaker labels between turns) blanked character by character with
//! whitespace of the same UTF-8 length. Byte offsets into the blanked text are
//! therefore offsets into the stored text, and every hit, sentence and KWIC
//! line still points back to the published wording.

use std::borrow::Cow;

use serde::Serialize;

/// Who is speaking in a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A journalist's question: not the issuing side's words.
    Question,
    /// The issuing side answering a question.
    Answer,
    /// The issuing side speaking before any question (opening announcements).
    Statement,
}

impl Role {
    pub fn parse(raw: &str) -> Option<Role> {
        match raw {
            "question" => Some(Role::Question),
            "answer" => Some(Role::Answer),
            "statement" => Some(Role::Statement),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Question => "question",
            Role::Answer => "answer",
            Role::Statement => "statement",
        }
    }
}

/// One turn: the speaker as the transcript names them, and the byte range of
/// what they said in the statement's stored text (the label such as `Q:` lies
/// before `start`, outside the turn).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Turn {
    pub speaker: String,
    pub role: Role,
    pub start: usize,
    pub end: usize,
}

/// `text` with everything outside the non-question turns blanked (see the
/// module comment); `text` itself when there are no turns. Turns that do not
/// fit the text are ignored rather than trusted (the loader reports them).
pub fn own_text<'a>(text: &'a str, turns: &[Turn]) -> Cow<'a, str> {
    if turns.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for t in turns.iter().filter(|t| t.role != Role::Question) {
        let fits = t.start >= at
            && t.start <= t.end
            && t.end <= text.len()
            && text.is_char_boundary(t.start)
            && text.is_char_boundary(t.end);
        if !fits {
            continue;
        }
        blank_into(&text[at..t.start], &mut out);
        out.push_str(&text[t.start..t.end]);
        at = t.end;
    }
    blank_into(&text[at..], &mut out);
    debug_assert_eq!(out.len(), text.len());
    Cow::Owned(out)
}

/// Appends whitespace of the same byte length as each char of `s`: a space
/// for one byte, U+00A0 for two, U+3000 (ideographic space) for three and two
/// U+00A0 for four; newlines are kept so paragraphs stay apart.
fn blank_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c.len_utf8() {
            1 if c == '\n' => out.push('\n'),
            1 => out.push(' '),
            2 => out.push('\u{a0}'),
            3 => out.push('\u{3000}'),
            _ => out.push_str("\u{a0}\u{a0}"),
        }
    }
}

impl super::Corpus {
    /// The corpus as the analyses read it by default: every statement's text
    /// replaced by its `own_text`, so the journalists' questions count for no
    /// side while every byte offset still points into the stored text.
    pub fn own_words_only(mut self) -> super::Corpus {
        for event in &mut self.events {
            for s in &mut event.statements {
                if let Cow::Owned(own) = own_text(&s.text, &s.turns) {
                    s.text = own;
                }
            }
        }
        self
    }

    /// [`own_words_only`](Self::own_words_only) unless the questions are
    /// wanted too (`--include-questions`).
    pub fn own_words_unless(self, include_questions: bool) -> super::Corpus {
        if include_questions {
            self
        } else {
            self.own_words_only()
        }
    }
}

/// Why a list of turns does not fit its text, for the loader's diagnostics.
pub fn check(text: &str, turns: &[Turn]) -> Result<(), String> {
    let mut at = 0;
    for (i, t) in turns.iter().enumerate() {
        let n = i + 1;
        if t.start > t.end || t.end > text.len() {
            return Err(format!(
                "turn {n} spans bytes {}..{} but the text has {} bytes",
                t.start,
                t.end,
                text.len()
            ));
        }
        if !text.is_char_boundary(t.start) || !text.is_char_boundary(t.end) {
            return Err(format!(
                "turn {n} ({}..{}) does not start and end between characters",
                t.start, t.end
            ));
        }
        if t.start < at {
            return Err(format!(
                "turn {n} starts at byte {} before the previous turn ends ({at}); turns must be in order and not overlap",
                t.start
            ));
        }
        at = t.end;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turn(role: Role, start: usize, end: usize) -> Turn {
        Turn {
            speaker: "x".into(),
            role,
            start,
            end,
        }
    }

    #[test]
    fn questions_and_labels_are_blanked_with_the_same_byte_length() {
        let text = "Q: Is it hostile?\nA: We seek cooperation.";
        let turns = [
            turn(Role::Question, 3, 17),
            turn(Role::Answer, 21, text.len()),
        ];
        let own = own_text(text, &turns);
        assert_eq!(own.len(), text.len());
        assert_eq!(
            own,
            format!("{}\n{}We seek cooperation.", " ".repeat(17), " ".repeat(3))
        );
        assert_eq!(crate::text::word_count(&own), 3);
    }

    #[test]
    fn chinese_questions_keep_every_offset() {
        let text = "问：美方挑衅？\n答：中方愿意合作。";
        let q_end = "问：美方挑衅？".len();
        let a_start = q_end + 1 + "答：".len();
        let turns = [
            turn(Role::Question, "问：".len(), q_end),
            turn(Role::Answer, a_start, text.len()),
        ];
        let own = own_text(text, &turns);
        assert_eq!(own.len(), text.len());
        assert_eq!(&own[a_start..], "中方愿意合作。");
        assert!(own[..a_start].chars().all(|c| c.is_whitespace()));
        assert_eq!(own.chars().count(), text.chars().count());
    }

    #[test]
    fn no_turns_borrows_and_bad_turns_are_ignored() {
        assert!(matches!(own_text("abc", &[]), Cow::Borrowed("abc")));
        let own = own_text("abc", &[turn(Role::Answer, 1, 9)]);
        assert_eq!(own, "   ");
        assert!(check("abc", &[turn(Role::Answer, 1, 9)]).is_err());
        assert!(check("abc", &[turn(Role::Answer, 2, 3), turn(Role::Answer, 0, 1)]).is_err());
        assert!(check("é", &[turn(Role::Answer, 1, 2)]).is_err());
        assert!(check(
            "abc",
            &[turn(Role::Question, 0, 1), turn(Role::Answer, 1, 3)]
        )
        .is_ok());
    }
}
