//! Finding the speaker turns of a transcript in imported plain text. Press
//! conferences and briefings print a label at the start of a paragraph
//! ("Q:", "A:", "问：", "答：", "Zhao Lijian:", "MR PRICE:", "QUESTION:",
//! "Reuters:", and the White House's "Q" without a colon); a turn runs from its label to the next one. Labels are read
//! conservatively, so a paragraph that merely starts with "Note:" or "As of
//! 24:00" is not taken for a change of speaker:
//! - question labels: Q, QUESTION, Follow-up, Journalist, Reporter, 问, 追问,
//!   记者, any label containing 记者 ("路透社记者", "总台央视记者提问") and
//!   any of three words or fewer with the word journalist ("Journalist
//!   clarifies"); a short reply under such a label ("记者澄清：是的。") is
//!   followed by the spokesperson resuming the answer, so the next unlabelled
//!   paragraph opens an answer;
//! - the English pages' note "This question was raised after the press
//!   conference:" (and its variants) is a question label;
//! - answer labels: A, 答, the names given as the side's speakers (also with
//!   a verb of saying, "耿爽表示："), and upper-case names (MR PRICE, MS.
//!   PSAKI, SECRETARY BLINKEN), except one upper-case word whose paragraph
//!   asks a question: a news outlet (CCTV, AFP);
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
    // The open turn is a question of one short reply ("记者：是的。"): the
    // next unlabelled paragraph is the spokesperson answering.
    let mut reply = false;
    // The last question opened a numbered list ("一、…"): a later unlabelled
    // paragraph "二、…？" is the next question, even after an answer.
    let mut numbered = false;
    let mut at = 0;
    for para in text.split_inclusive('\n') {
        let start = at;
        at += para.len();
        let Some((speaker, label, body)) = label_of(para, speakers) else {
            if para.trim().is_empty() {
                continue;
            }
            if first || reply {
                close(&mut turns, open.take(), text, start, &mut asked);
                let who = speakers.first().cloned().unwrap_or_default();
                open = Some((who, Label::Answer, start));
            } else if numbered && is_numbered(para.trim_start()) && para.contains('？') {
                // "会后有记者问及：一、…" then "二、…": the next question.
                let who = open.as_ref().map(|o| o.0.clone()).unwrap_or_default();
                close(&mut turns, open.take(), text, start, &mut asked);
                let lead = para.len() - para.trim_start().len();
                open = Some((who, Label::Question, start + lead));
                continue;
            }
            (first, reply) = (false, false);
            continue;
        };
        first = false;
        let question = matches!(label, Label::Question);
        reply = question && is_short_reply(&para[body..]);
        if question {
            numbered = para[body..].trim_start().starts_with("一、");
        }
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

/// Whether a paragraph opens with a Chinese ordinal of a list ("二、").
fn is_numbered(para: &str) -> bool {
    let mut chars = para.chars();
    chars
        .next()
        .is_some_and(|c| "二三四五六七八九十".contains(c))
        && chars.next() == Some('、')
}

/// A journalist's reply of a few words to the spokesperson ("是的。",
/// "今天。", "好。（笑）", "Yes."), not a question: at most 12 characters,
/// no question mark, ending a sentence (not "请介绍以下情况，").
fn is_short_reply(speech: &str) -> bool {
    let speech = speech.trim();
    speech.chars().count() <= 12
        && !speech.contains(['?', '？'])
        && speech.ends_with(['。', '.', '!', '！', '）', ')'])
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
    if let Some(body) = question_after_the_conference(rest) {
        return Some(("Q".to_string(), Label::Question, lead + body));
    }
    let colon = rest
        .char_indices()
        .take(41)
        .find(|(_, c)| matches!(c, ':' | '：'))?;
    let name = rest[..colon.0].trim();
    // "会后，有记者问及：" (after the conference a journalist asked) is a label
    // though it holds a comma.
    let name = name.strip_prefix("会后，").unwrap_or(name);
    // "耿爽表示：" is the spokesperson's label with a verb of saying.
    let name = ["表示", "说"]
        .iter()
        .find_map(|verb| name.strip_suffix(verb))
        .filter(|base| speakers.iter().any(|s| s == base))
        .unwrap_or(name);
    let after = colon.0 + colon.1.len_utf8();
    let body = lead + speech_start(rest, after);
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

/// The English pages' note before a question asked after the conference
/// ("This question was raised after the press conference: …", "After the
/// press conference, the following question was raised:"; the Chinese says
/// 会后有记者问及：, a 记者 label): where the question starts.
fn question_after_the_conference(rest: &str) -> Option<usize> {
    let colon = rest.char_indices().take(100).find(|(_, c)| *c == ':')?.0;
    let note = rest[..colon].to_lowercase();
    let asked = note.contains("question") && note.contains("press conference");
    asked.then(|| speech_start(rest, colon + 1))
}

/// Where the speech after a label ending at `after` starts: past its spaces.
fn speech_start(rest: &str, after: usize) -> usize {
    rest.len() - rest[after..].trim_start().len()
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
    // Book-title marks stay: "《北京日报》记者：" is an outlet's journalist.
    let odd = |c: char| c.is_ascii_digit() || "，,。;；!?？()（）\"“”".contains(c);
    // An outlet's call sign may end in a digit or two ("CCTV4"); a time may not.
    let sign = name.trim_end_matches(|c: char| c.is_ascii_digit());
    let call_sign = sign.len() >= 2
        && name.len() - sign.len() <= 2
        && sign.chars().all(|c| c.is_ascii_uppercase());
    if name.is_empty() || (name.chars().any(odd) && !call_sign) {
        return None;
    }
    // "Journalist clarifies", "The journalist clarified", "Foreign Journalist".
    let journalist = name.split_whitespace().count() <= 3
        && name
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("journalist"));
    if name.contains("记者") || journalist {
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
        let text = "应某国邀请，王毅将访问。\n\n《北京日报》记者：美方说中方挑衅？\n\n答：中方愿意合作。\n\n路透社记者：你怎么看？\n\n答：无可奉告。\n\n总台央视记者提问：会议讨论什么？\n\n耿爽：合作。";
        let turns = find(text, &["耿爽".to_string()]);
        let got = spans(text, &turns);
        assert_eq!(
            got[0],
            ("应某国邀请，王毅将访问。", "statement", "耿爽".into())
        );
        assert_eq!(
            got[1],
            ("美方说中方挑衅？", "question", "《北京日报》记者".into())
        );
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
    fn an_unlabelled_paragraph_after_a_short_reply_is_the_answer_resumed() {
        let en = "Q: Any comment?\n\nA: Which decision?\n\nThe journalist clarified: yes.\n\nA: We oppose it.";
        let roles: Vec<&str> = find(en, &[]).iter().map(|t| t.role.as_str()).collect();
        assert_eq!(roles, ["question", "answer", "question", "answer"]);
        let late = "Q: Any comment?\n\nA: No.\n\nThis question was raised after the press conference: Will talks resume?\n\nA: Yes.";
        let got = spans(late, &find(late, &[]));
        assert_eq!(got[2], ("Will talks resume?", "question", "Q".into()));
        assert_eq!(got[3].1, "answer");
        let text = "问：如何看待美方决定？\n\n答：你指的是实体名单吗？\n\n记者澄清：是的。\n\n据我了解，商务部会表明立场。\n\n中方注意到这一决定。\n\n问：还有问题吗？\n\n耿爽表示：我前天已经回答了。\n\n问：请介绍以下情况，\n\n包括会谈的议程。";
        let got = spans(text, &find(text, &["耿爽".to_string()]));
        let roles: Vec<(&str, &str)> = got.iter().map(|t| (t.1, t.2.as_str())).collect();
        assert_eq!(
            roles,
            [
                ("question", "问"),
                ("answer", "耿爽"),
                ("question", "记者澄清"),
                ("answer", "耿爽"),
                ("question", "问"),
                ("answer", "耿爽"),
                ("question", "问"),
            ],
            "{got:?}"
        );
        assert_eq!(
            got[3].0,
            "据我了解，商务部会表明立场。\n\n中方注意到这一决定。"
        );
        assert_eq!(got[5].0, "我前天已经回答了。");
        let late = "答：无可奉告。\n\n会后，有记者问及：一、会谈何时举行？\n\n二、据报道，船只沉没，你能否证实？\n\n华春莹：关于第一个问题，我没有消息。\n\n三、有何评论？\n\n华春莹：一、我们反对。\n\n二、我们呼吁对话。";
        let listed = spans(late, &find(late, &["华春莹".to_string()]));
        let roles: Vec<&str> = listed.iter().map(|t| t.1).collect();
        assert_eq!(
            roles,
            [
                "statement",
                "question",
                "question",
                "answer",
                "question",
                "answer"
            ],
            "{listed:?}"
        );
        assert_eq!(listed[5].0, "一、我们反对。\n\n二、我们呼吁对话。");
        assert_eq!(listed[2].0, "二、据报道，船只沉没，你能否证实？");
        // A question of two paragraphs stays one question.
        assert_eq!(got[6].0, "请介绍以下情况，\n\n包括会谈的议程。");
    }

    #[test]
    fn upper_case_outlets_ask() {
        let text = "Zhao Lijian: Wang Yi will co-chair the meeting.\n\nCCTV: What will be the focus?\n\nZhao Lijian: Cooperation.\n\nCCTV4: Any comment?\n\nZhao Lijian: No.\n\nAt 15:00 the talks began.";
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
