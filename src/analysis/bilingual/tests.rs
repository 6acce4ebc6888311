use super::*;
use crate::corpus::model::Turn;

fn statement(language: &str, turns: &[(Role, &str)]) -> Statement {
    let mut text = String::new();
    let mut spans = Vec::new();
    for (role, body) in turns {
        let label = match (language, role) {
            ("zh", Role::Question) => "问：",
            ("zh", _) => "答：",
            (_, Role::Question) => "Q: ",
            _ => "A: ",
        };
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(label);
        let start = text.len();
        text.push_str(body);
        spans.push(Turn {
            speaker: label.into(),
            role: *role,
            start,
            end: text.len(),
        });
    }
    let mut s = crate::corpus::sample::statement(language, "CHN", "2019-11-05", &text);
    s.language = language.into();
    s.turns = spans;
    s
}

fn compared(zh: &Statement, en: &Statement) -> Bilingual {
    let names = Names::bundled();
    let lexicon = Lexicon::builtin();
    let matcher = lexicon.matcher();
    compare(&Input {
        zh,
        en,
        names: &names,
        lexicon: &lexicon,
        matcher: &matcher,
        include_questions: false,
    })
}

#[test]
fn a_question_and_answer_left_out_of_the_english_are_reported() {
    use Role::{Answer as A, Question as Q};
    let zh = statement(
        "zh",
        &[
            (Q, "据报道，美国军舰11月3日穿越台湾海峡。中方有何回应？"),
            (A, "我们对此表示严重关切，敦促美方停止挑衅。"),
            (Q, "日本首相安倍将于下周访华，你能否介绍有关情况？"),
            (A, "中方欢迎安倍首相访华。双方将就中日关系交换意见。"),
            (Q, "第2届进口博览会有多少国家参加？"),
            (A, "共有155个国家参加。"),
        ],
    );
    let en = statement(
        "en",
        &[
            (Q, "It is reported that US warships sailed through the Taiwan Strait on November 3. What is China's response?"),
            (A, "We urge the US to stop its provocation."),
            (Q, "How many countries will attend the 2nd import expo?"),
            (A, "155 countries will attend."),
        ],
    );
    let got = compared(&zh, &en);
    let pairs: Vec<(Vec<usize>, Vec<usize>)> = got
        .links
        .iter()
        .map(|l| (l.zh.clone(), l.en.clone()))
        .collect();
    assert_eq!(
        pairs,
        vec![
            (vec![1], vec![1]),
            (vec![2], vec![2]),
            (vec![3], vec![]),
            (vec![4], vec![]),
            (vec![5], vec![3]),
            (vec![6], vec![4]),
        ]
    );
    assert_eq!(got.summary.only_zh, 2);
    assert_eq!(got.summary.questions_or_answers_missing, 2);
    // 严重关切 renders as "serious concern", which the English answer lacks.
    let missing: Vec<&str> = got
        .framing
        .iter()
        .filter(|f| f.language == "zh")
        .map(|f| f.rendering.as_str())
        .collect();
    assert!(missing.contains(&"serious concern"), "{:?}", got.framing);
    assert!(
        !missing.contains(&"urge"),
        "敦促 is rendered: {:?}",
        got.framing
    );
}

#[test]
fn an_english_reply_split_in_two_is_one_link() {
    use Role::{Answer as A, Question as Q};
    let zh = statement(
        "zh",
        &[
            (Q, "你能否证实王毅国务委员将于6月访问欧洲？"),
            (A, "是的。王毅国务委员将于6月10日至15日访问法国、德国和意大利，具体情况我们会及时发布消息。"),
        ],
    );
    let en = statement(
        "en",
        &[
            (Q, "Can you confirm that State Councilor Wang Yi will visit Europe in June?"),
            (A, "Yes."),
            (A, "State Councilor Wang Yi will visit France, Germany and Italy from June 10 to 15. We will release information in due course."),
        ],
    );
    let got = compared(&zh, &en);
    assert_eq!(got.links.len(), 2, "{:?}", got.links);
    assert_eq!(got.links[1].zh, vec![2]);
    assert_eq!(got.links[1].en, vec![2, 3]);
    assert_eq!(got.summary.only_en + got.summary.only_zh, 0);
}

#[test]
fn numbers_one_side_lacks_are_listed() {
    use Role::{Answer as A, Question as Q};
    let zh = statement(
        "zh",
        &[(Q, "有何评论？"), (A, "2019年双边贸易额增长了10%。")],
    );
    let en = statement(
        "en",
        &[(Q, "Any comment?"), (A, "Bilateral trade grew in 2019.")],
    );
    let got = compared(&zh, &en);
    assert_eq!(got.links[1].numbers_only_zh, vec!["10"]);
    assert!(got.links[1].numbers_only_en.is_empty());
}
