//! Finding the speaker turns of a transcript in imported plain text. Press
//! conferences and briefings print a label at the start of a paragraph
//! ("Q:", "A:", "问：", "答：", "Zhao Lijian:", "MR PRICE:", "QUESTION:",
//! "Reuters:", and the White House's "Q" without a colon); a turn runs from its label to the next one. Labels are read
//! conservatively, so a paragraph that merely starts with "Note:" or "As of
//! 24:00" is not taken for a change of speaker:
//! - question labels: Q, QUESTION, Follow-up, Journalist, Reporter, 问, 追问,
//!   记者 and any label containing 记者 ("路透社记者", "总台央视记者提问");
//! - answer labels: A, 答, the names given as the side's speakers, and
//!   upper-case names (MR PRICE, MS. PSAKI, SECRETARY BLINKEN), except one
//!   upper-case word whose paragraph asks a question: a news outlet (CCTV, AFP);
//! - any other short label without digits (a news outlet, "CCTV:") is a
//!   question when its paragraph asks one (holds ? or ？).
//!
//! A text with no question label is not a transcript and gets no turns. Text
//! before the first label is a `statement` turn of the first speaker given
//! (the spokesperson's opening announcements); non-question turns are
//! `statement`s until the first question and `answer`s after it.

use crate::corpus::model::{Role, Turn};

/// What a paragraph's label says about its speaker.
enum Label {
    Question,
    Answer,
}

/// The turns of `text`, whose paragraphs are separated by newlines; the
/// side's own speakers (the spokesperson named in the title) in `speakers`.
pub fn find(text: &str, speakers: &[String]) -> Vec<Turn> {
    let mut turns: Vec<Turn> = Vec::new();
    let mut open: Option<(String, Label, usize)> = None;
    let mut asked = false;
    let mut first = true;
    let mut at = 0;
    for para in text.split_inclusive('\n') {
        let start = at;
        at += para.len();
        let Some((speaker, label, body)) = label_of(para, speakers) else {
            if first && !para.trim().is_empty() {
                first = false;
                let who = speakers.first().cloned().unwrap_or_default();
                open = Some((who, Label::Answer, start));
            }
            continue;
        };
        first = false;
        close(&mut turns, open.take(), text, start, &mut asked);
        open = Some((speaker, label, start + body));
    }
    close(&mut turns, open.take(), text, text.len(), &mut asked);
    if !turns.iter().any(|t| t.role == Role::Question) {
        return Vec::new();
    }
    turns.retain(|t| t.start < t.end && !t.speaker.is_empty());
    turns
}

fn close(
    turns: &mut Vec<Turn>,
    open: Option<(String, Label, usize)>,
    text: &str,
    end: usize,
    asked: &mut bool,
) {
    let Some((speaker, label, start)) = open else {
        return;
    };
    let end = start + text[start..end].trim_end().len();
    let role = match label {
        Label::Question => {
            *asked = true;
            Role::Question
        }
        Label::Answer if *asked => Role::Answer,
        Label::Answer => Role::Statement,
    };
    turns.push(Turn {
        speaker,
        role,
        start,
        end,
    });
}

/// The speaker, kind of label and the byte offset where the speech starts,
/// when `para` opens with a speaker label.
fn label_of(para: &str, speakers: &[String]) -> Option<(String, Label, usize)> {
    let lead = para.len() - para.trim_start().len();
    let rest = &para[lead..];
    if let Some(body) = white_house_question(rest) {
        return Some(("Q".to_string(), Label::Question, lead + body));
    }
    let colon = rest
        .char_indices()
        .take(41)
        .find(|(_, c)| matches!(c, ':' | '：'))?;
    let name = rest[..colon.0].trim();
    let after = colon.0 + colon.1.len_utf8();
    let body = lead + after + (rest[after..].len() - rest[after..].trim_start().len());
    let speech = rest[after..].trim();
    let label = classify(name, speech, speakers)?;
    let speaker = match (&label, name) {
        (Label::Answer, "A" | "答") => speakers
            .first()
            .cloned()
            .unwrap_or_else(|| name.to_string()),
        _ => name.to_string(),
    };
    Some((speaker, label, body))
}

/// The White House transcripts' question label: `Q`, spaces, then the
/// question (`Q  Thank you, Jake.`), with no colon; returns where the
/// question starts. A capital, digit, dash or quote must follow, so prose
/// that merely starts with the letter is not taken for a label.
fn white_house_question(rest: &str) -> Option<usize> {
    let after = rest.strip_prefix('Q')?;
    let speech = after.trim_start();
    let spaces = after.len() - speech.len();
    let first = speech.chars().next()?;
    let opens = first.is_uppercase() || first.is_ascii_digit() || "—–-\"“'‘(".contains(first);
    (spaces > 0 && opens).then_some(1 + spaces)
}

fn classify(name: &str, speech: &str, speakers: &[String]) -> Option<Label> {
    let lower = name.to_lowercase();
    let question = [
        "q",
        "question",
        "follow-up",
        "follow up",
        "journalist",
        "reporter",
        "问",
        "追问",
        "记者",
    ];
    if question.contains(&lower.as_str()) {
        return Some(Label::Question);
    }
    // Checked before 记者: "（记者：是的。）" inside an answer and "…例行记者会
    // 提前至14:00举行" are no labels.
    let odd = |c: char| c.is_ascii_digit() || "，,。;；!?？()（）\"“”《》".contains(c);
    if name.is_empty() || name.chars().any(odd) {
        return None;
    }
    if name.contains("记者") {
        return Some(Label::Question);
    }
    if ["a", "answer", "答"].contains(&lower.as_str()) || speakers.iter().any(|s| s == name) {
        return Some(Label::Answer);
    }
    let words = name.split_whitespace().count();
    let latin = name
        .chars()
        .all(|c| c.is_ascii_alphabetic() || " .'-&".contains(c));
    let asks = speech.contains('?') || speech.contains('？');
    // One upper-case word that asks is a news outlet (CCTV, AFP, NHK), not
    // an official (MR PRICE, MS. PSAKI, SECRETARY BLINKEN).
    let outlet_initials = words == 1 && !name.contains('.') && asks;
    if latin
        && words <= 4
        && name.chars().any(|c| c.is_ascii_uppercase())
        && name == name.to_uppercase()
        && !outlet_initials
    {
        return Some(Label::Answer);
    }
    let outlet = words <= 6 && name.chars().next().is_some_and(char::is_uppercase);
    (outlet && asks).then_some(Label::Question)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans<'a>(text: &'a str, turns: &[Turn]) -> Vec<(&'a str, &'static str, String)> {
        turns
            .iter()
            .map(|t| (&text[t.start..t.end], t.role.as_str(), t.speaker.clone()))
            .collect()
    }

    #[test]
    fn english_press_conference() {
        let text = "Zhao Lijian: State Councilor Wang Yi will visit Europe.\n\nQ: Is the US hostile?\n\nA: We oppose bullying.\n\nWe seek dialogue.\n\nReuters: Will talks resume?\n\nZhao Lijian: Yes.";
        let turns = find(text, &["Zhao Lijian".to_string()]);
        assert_eq!(
            spans(text, &turns),
            vec![
                (
                    "State Councilor Wang Yi will visit Europe.",
                    "statement",
                    "Zhao Lijian".into()
                ),
                ("Is the US hostile?", "question", "Q".into()),
                (
                    "We oppose bullying.\n\nWe seek dialogue.",
                    "answer",
                    "Zhao Lijian".into()
                ),
                ("Will talks resume?", "question", "Reuters".into()),
                ("Yes.", "answer", "Zhao Lijian".into()),
            ]
        );
    }

    #[test]
    fn chinese_press_conference_with_opening_announcement() {
        let text = "应某国邀请，王毅将访问。\n\n问：美方说中方挑衅？\n\n答：中方愿意合作。\n\n路透社记者：你怎么看？\n\n答：无可奉告。\n\n总台央视记者提问：会议讨论什么？\n\n耿爽：合作。";
        let turns = find(text, &["耿爽".to_string()]);
        let got = spans(text, &turns);
        assert_eq!(
            got[0],
            ("应某国邀请，王毅将访问。", "statement", "耿爽".into())
        );
        assert_eq!(got[1], ("美方说中方挑衅？", "question", "问".into()));
        assert_eq!(got[2], ("中方愿意合作。", "answer", "耿爽".into()));
        assert_eq!(got[3].1, "question");
        assert_eq!(got[3].2, "路透社记者");
        assert_eq!(got[5].1, "question");
        assert_eq!(got[6], ("合作。", "answer", "耿爽".into()));
        assert_eq!(got.len(), 7);
    }

    #[test]
    fn briefing_labels_and_false_labels() {
        let text = "MR PRICE: Good afternoon.\n\nQUESTION: Ned, on China?\n\nMR PRICE: We compete.\n\nAs of 24:00 nothing changed.\n\nNote: this is not a label.";
        let turns = find(text, &[]);
        let got = spans(text, &turns);
        assert_eq!(got[0], ("Good afternoon.", "statement", "MR PRICE".into()));
        assert_eq!(got[1], ("Ned, on China?", "question", "QUESTION".into()));
        assert_eq!(
            got[2],
            (
                "We compete.\n\nAs of 24:00 nothing changed.\n\nNote: this is not a label.",
                "answer",
                "MR PRICE".into()
            )
        );
    }

    #[test]
    fn white_house_questions_have_no_colon() {
        let text = "MR. SULLIVAN: Good morning.\n\nQ  Thanks, Jake. On China?\n\nMR. SULLIVAN: We compete.\n\nQuite so.";
        let got = spans(text, &find(text, &[]));
        assert_eq!(got[1], ("Thanks, Jake. On China?", "question", "Q".into()));
        assert_eq!(
            got[2],
            ("We compete.\n\nQuite so.", "answer", "MR. SULLIVAN".into())
        );
        assert!(white_house_question("Qatar said so.").is_none());
        assert!(white_house_question("Q fever is rare").is_none());
    }

    #[test]
    fn asides_and_times_that_mention_journalists_are_no_labels() {
        let text = "问：有何评论？\n\n答：你是指哪份报告？\n\n（记者：是的。《金融时报》的报道。）\n\n我也看到了。\n\n因日程安排原因，5月15日外交部例行记者会提前至14:00举行，地点不变。";
        let got = spans(text, &find(text, &["耿爽".to_string()]));
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].1, "answer");
        assert!(got[1].0.ends_with("地点不变。"));
    }

    #[test]
    fn upper_case_outlets_ask() {
        let text = "Zhao Lijian: Wang Yi will co-chair the meeting.\n\nCCTV: What will be the focus?\n\nZhao Lijian: Cooperation.\n\nAFP: Any comment?\n\nZhao Lijian: No.";
        let got = spans(text, &find(text, &["Zhao Lijian".to_string()]));
        let roles: Vec<&str> = got.iter().map(|t| t.1).collect();
        assert_eq!(
            roles,
            ["statement", "question", "answer", "question", "answer"]
        );
    }

    #[test]
    fn a_text_without_questions_has_no_turns() {
        assert!(find("Note: the talks went well.\n\nBoth sides agreed.", &[]).is_empty());
        assert!(find("", &[]).is_empty());
    }
}
