use super::*;
use crate::corpus::sample;

fn stmt(id: &str, side: &str, date: &str, lang: &str, title: &str, text: &str) -> Statement {
    let mut s = sample::statement(id, side, date, text);
    s.id = id.to_string();
    s.language = lang.to_string();
    s.title = title.to_string();
    s
}

fn options(mode: Mode) -> Options {
    Options {
        mode,
        window: 2,
        threshold: 0.6,
        floor: 0.3,
    }
}

fn sides() -> Mode {
    Mode::Sides(Side::parse("USA").unwrap(), Side::parse("CHN").unwrap())
}

fn pool() -> Vec<Statement> {
    vec![
        stmt("us-1", "USA", "2023-06-18", "en", "Readout of Secretary Blinken's Meeting with PRC Director Wang Yi",
            "Secretary Blinken met Director Wang Yi in Beijing and discussed fentanyl, Taiwan and the 2023 working groups."),
        stmt("us-2", "USA", "2023-06-19", "en", "Readout of President Biden's Call with Prime Minister Modi",
            "President Biden spoke with Prime Minister Modi about the state visit and semiconductors."),
        stmt("cn-1", "CHN", "2023-06-19", "en", "Wang Yi Meets with U.S. Secretary of State Antony Blinken",
            "Wang Yi met with Antony Blinken in Beijing. Wang Yi said Taiwan is the core of core interests; the two sides discussed fentanyl and the 2023 working groups."),
        stmt("cn-2", "CHN", "2023-06-18", "en", "Qin Gang Holds Talks with Foreign Minister of Vietnam",
            "Qin Gang held talks in Beijing on rail links and trade with Vietnam."),
        stmt("cn-3", "CHN", "2023-07-30", "en", "Wang Yi Speaks with Antony Blinken on the Phone",
            "Wang Yi spoke with Antony Blinken about fentanyl and Taiwan."),
    ]
}

fn run(statements: &[Statement], mode: Mode) -> Vec<Proposal> {
    let candidates: Vec<Candidate<'_>> = statements
        .iter()
        .map(|statement| Candidate {
            statement,
            kind: "meeting-readout",
        })
        .collect();
    propose(&candidates, &Officials::bundled(), &options(mode))
}

#[test]
fn the_readouts_of_one_meeting_are_paired_and_others_are_not() {
    let proposals = run(&pool(), sides());
    let accepted: Vec<&Proposal> = proposals.iter().filter(|p| p.accept).collect();
    assert_eq!(accepted.len(), 1, "{proposals:#?}");
    let p = accepted[0];
    assert_eq!(p.statements, vec!["us-1", "cn-1"]);
    assert_eq!(p.evidence.date_gap_days, Some(1));
    assert!(p.evidence.counterparts.contains(&"Wang Yi".to_string()));
    assert!(p
        .evidence
        .counterparts
        .contains(&"Antony Blinken".to_string()));
    assert!(
        p.evidence.shared.iter().any(|w| w == "group"),
        "{:?}",
        p.evidence.shared
    );
    assert!(
        proposals
            .iter()
            .all(|p| !p.statements.contains(&"cn-3".to_string())),
        "outside the window"
    );
}

#[test]
fn each_statement_is_in_one_proposal_at_most() {
    let proposals = run(&pool(), sides());
    let mut seen = std::collections::HashSet::new();
    for p in &proposals {
        for id in &p.statements {
            assert!(seen.insert(id.clone()), "{id} twice in {proposals:#?}");
        }
    }
}

#[test]
fn two_language_versions_pair_on_date_names_and_numbers() {
    let statements = vec![
        stmt("en-1", "CHN", "2019-09-05", "en", "Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on September 5, 2019",
            "Q: On the call of 5 September, 2019? A: The 13th round will be held in October; 60 days."),
        stmt("zh-1", "CHN", "2019-09-05", "zh", "2019年9月5日外交部发言人耿爽主持例行记者会",
            "问：关于9月5日的通话？答：第13轮磋商将于10月举行，60天。2019"),
        stmt("zh-2", "CHN", "2019-09-06", "zh", "2019年9月6日外交部发言人耿爽主持例行记者会",
            "问：关于非洲？答：第7届论坛，2019年，有53个国家。"),
        stmt("zh-3", "CHN", "2019-09-04", "zh", "2019年9月4日外交部发言人华春莹主持例行记者会",
            "问：关于香港？答：2019年，第2次。"),
    ];
    let proposals = run(&statements, Mode::Languages("en".into(), "zh".into()));
    let accepted: Vec<&Proposal> = proposals.iter().filter(|p| p.accept).collect();
    assert_eq!(accepted.len(), 1, "{proposals:#?}");
    assert_eq!(accepted[0].statements, vec!["en-1", "zh-1"]);
    assert_eq!(accepted[0].evidence.counterparts, vec!["Geng Shuang"]);
    assert!(accepted[0].evidence.shared.contains(&"#13".to_string()));
}

#[test]
fn language_pairing_never_crosses_sides() {
    let statements = vec![
        stmt("en-1", "USA", "2019-09-05", "en", "Geng Shuang", "13 60"),
        stmt("zh-1", "CHN", "2019-09-05", "zh", "耿爽", "13 60"),
    ];
    assert!(run(&statements, Mode::Languages("en".into(), "zh".into())).is_empty());
}

#[test]
fn kinds_are_matched_as_kinds_of_a_kind() {
    assert!(kind_is("call-readout", "readout"));
    assert!(kind_is("joint-statement", "joint-statement"));
    assert!(!kind_is("joint-statement", "statement-x"));
    assert!(!kind_is("readouts", "readout"));
}

#[test]
fn in_one_archive_the_meeting_is_told_apart_by_who_led_it() {
    let statements = [
        stmt("r-harris", "USA", "2023-01-13", "en", "Readout of Vice President Harris's Meeting with Prime Minister Kishida of Japan",
            "Vice President Kamala Harris met Prime Minister Fumio Kishida of Japan on space cooperation."),
        stmt("r-biden", "USA", "2023-01-13", "en", "Readout of President Biden's Meeting with Prime Minister Kishida of Japan",
            "President Biden met Prime Minister Kishida of Japan at the White House on the alliance and semiconductors."),
        stmt("j", "USA", "2023-01-13", "en", "Joint Statement of the United States and Japan",
            "President Joseph R. Biden and Prime Minister Fumio Kishida met at the White House on the alliance and semiconductors."),
    ];
    let kinds = ["meeting-readout", "meeting-readout", "joint-statement"];
    let candidates: Vec<Candidate<'_>> = statements
        .iter()
        .zip(kinds)
        .map(|(statement, kind)| Candidate { statement, kind })
        .collect();
    let mode = Mode::Kinds("readout".into(), "joint-statement".into());
    let proposals = propose(&candidates, &Officials::bundled(), &options(mode));
    let accepted: Vec<&Proposal> = proposals.iter().filter(|p| p.accept).collect();
    assert_eq!(accepted.len(), 1, "{proposals:#?}");
    assert_eq!(accepted[0].statements, vec!["r-biden", "j"]);
    assert_eq!(
        accepted[0].evidence.counterparts,
        vec!["Fumio Kishida"],
        "the President is no counterpart"
    );
}
