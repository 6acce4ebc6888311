//! `readouts phrases` through the real binary: the known framings of the
//! bundled corpus, initiators in both directions, user lexicons, errors and
//! the output formats.

use crate::common;

use common::{ansi_to_tags, Fixture};
use serde_json::Value;

/// Output with the lexicon's size and fingerprint masked, so editing the
/// lexicon does not churn every snapshot (the fingerprint has its own test).
fn masked(out: &str) -> String {
    let re = regex::Regex::new(r"\(\d+ entries, fingerprint [0-9a-f]{16}\)").unwrap();
    re.replace_all(out, "(N entries, fingerprint F)")
        .into_owned()
}

fn json(f: &Fixture, args: &[&str]) -> Value {
    let mut all = vec!["phrases", "--format", "json"];
    all.extend_from_slice(args);
    let run = f.run(&all);
    run.expect_code(0);
    serde_json::from_str(&run.stdout).expect("json output")
}

/// (statement id, issuer, entry, surface, negated) of every hit.
fn hits(report: &Value) -> Vec<(String, String, String, String, bool)> {
    let mut out = Vec::new();
    for s in report["statements"].as_array().unwrap() {
        for h in s["hits"].as_array().unwrap() {
            out.push((
                s["statement"].as_str().unwrap().to_string(),
                s["issuer"].as_str().unwrap().to_string(),
                h["entry"].as_str().unwrap().to_string(),
                h["surface"].as_str().unwrap().to_string(),
                h["negated"].as_bool().unwrap(),
            ));
        }
    }
    out
}

fn has(all: &[(String, String, String, String, bool)], statement: &str, surface: &str) -> bool {
    all.iter()
        .any(|h| h.0 == statement && h.3 == surface && !h.4)
}

#[test]
fn known_framings_of_the_bundled_corpus_appear() {
    let f = Fixture::bundled();
    let all = hits(&json(&f, &[]));
    assert!(has(
        &all,
        "2020-08-25-phase-one-review/CHN",
        "constructive dialogue"
    ));
    assert!(has(
        &all,
        "2020-08-25-phase-one-review/USA",
        "Both sides see progress"
    ));
    assert!(has(
        &all,
        "2025-05-mofcom-unilateral-bullying/CHN",
        "unilateral bullying"
    ));
    let he = all
        .iter()
        .find(|h| h.3 == "substantial progress" && h.1.contains("He Lifeng"))
        .expect("substantial progress attributed to He Lifeng");
    assert_eq!(he.2, "substantial progress");
}

#[test]
fn hits_carry_category_offsets_and_sentence() {
    let f = Fixture::bundled();
    let r = json(&f, &["2020-08-25-phase-one-review", "--side", "USA"]);
    assert_eq!(r["statements"].as_array().unwrap().len(), 1);
    let h = &r["statements"][0]["hits"][0];
    assert_eq!(h["category"], "cooperative");
    assert_eq!(
        (h["start_char"].as_u64(), h["end_char"].as_u64()),
        (Some(0), Some(23))
    );
    assert!(h["sentence_text"]
        .as_str()
        .unwrap()
        .starts_with("Both sides see progress and are committed"));
    assert!(h["gloss"].as_str().unwrap().len() > 10);
    let usa = &r["summary"][0];
    assert_eq!(usa["side"], "USA");
    assert_eq!(usa["words"], 19);
    assert!(r["lexicon"]["fingerprint"].as_str().unwrap().len() == 16);
}

const CALLS: &str = r#"id = "2025-06-05-call"
date = "2025-06-05"
kind = "call"
title = "Leaders' call"

[[statements]]
side = "CHN"
issuer = "MFA"
coverage = "full"
text = """
On the evening of June 5, President Xi Jinping took a phone call from U.S. President Donald Trump.
Xi urged the U.S. side to handle the Taiwan question with prudence. The talks were not constructive.
"""

[[statements]]
side = "USA"
issuer = "White House"
coverage = "full"
text = "The two leaders had a very positive conversation."
"#;

const MEETING: &str = r#"id = "2025-09-rubio-wang"
date = "2025-09"
kind = "call"
title = "Secretary's call"

[[statements]]
side = "USA"
issuer = "State Department"
coverage = "full"
text = "Secretary Rubio spoke with Foreign Minister Wang Yi at the request of China. He expressed serious concern."
"#;

fn calls() -> Fixture {
    let f = Fixture::empty();
    f.write("corpus/2025/2025-06-05-call.toml", CALLS);
    f.write("corpus/2025/2025-09-rubio-wang.toml", MEETING);
    f
}

#[test]
fn initiator_follows_whom_the_phrase_names_in_both_directions() {
    let r = json(&calls(), &[]);
    let init = r["initiators"].as_array().unwrap();
    assert_eq!(init[0]["event"], "2025-06-05-call");
    assert_eq!(init[0]["side"], "USA");
    assert_eq!(init[0]["evidence"][0]["issued_by"], "CHN");
    assert!(init[0]["evidence"][0]["sentence"]
        .as_str()
        .unwrap()
        .contains("took a phone call from"));
    assert_eq!(init[1]["side"], "CHN");
    assert_eq!(init[1]["evidence"][0]["issued_by"], "USA");
}

#[test]
fn text_output_shows_hits_negation_initiator_and_summary() {
    let run = calls().run(&["phrases", "--color", "always", "2025-06-05-call"]);
    run.expect_code(0);
    insta::assert_snapshot!("phrases_text_call", masked(&ansi_to_tags(&run.stdout)));
}

#[test]
fn csv_and_markdown_outputs() {
    let f = calls();
    let csv = f.run(&["phrases", "--format", "csv", "2025-09-rubio-wang"]);
    csv.expect_code(0);
    insta::assert_snapshot!("phrases_csv", csv.stdout);
    let md = f.run(&["phrases", "--format", "md", "--summary"]);
    md.expect_code(0);
    insta::assert_snapshot!("phrases_md_summary", masked(&md.stdout));
    let html = f.run(&["phrases", "--format", "html"]);
    html.expect_code(2);
    assert!(
        html.stderr.contains(
            "invalid value 'html' for '--format <FORMAT>' [possible values: text, json, csv, md]"
        ),
        "{}",
        html.stderr
    );
}

#[test]
fn user_lexicon_adds_and_overrides_entries() {
    let f = calls();
    f.write(
        "mine.toml",
        "[[demand]]\nphrase = \"handle {0,3} with prudence\"\ngloss = \"Taiwan warning formula\"\n\n[[disagreement-code]]\nphrase = \"very positive\"\ngloss = \"read as faint praise\"\n",
    );
    let r = json(&f, &["--lexicon", "mine.toml"]);
    let all = hits(&r);
    assert!(has(
        &all,
        "2025-06-05-call/CHN",
        "handle the Taiwan question with prudence"
    ));
    let usa = &r["statements"][1]["hits"][0];
    assert_eq!(
        (usa["entry"].as_str(), usa["category"].as_str()),
        (Some("very positive"), Some("disagreement-code"))
    );
    assert!(r["lexicon"]["version"]
        .as_str()
        .unwrap()
        .ends_with("+mine.toml"));
}

#[test]
fn a_bad_lexicon_file_is_named_with_its_line() {
    let f = calls();
    f.write(
        "bad.toml",
        "[[demand]]\nphrase = \"x\"\ngloss = \"g\"\ngrade = 3\n",
    );
    let run = f.run(&["phrases", "--lexicon", "bad.toml"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr.trim(),
        "readouts: bad.toml:4: `grade` belongs to concern-ladder entries, not [[demand]]"
    );
}

#[test]
fn unknown_events_suggest_close_ids_and_no_hits_exit_1() {
    let f = calls();
    let run = f.run(&["phrases", "2025-06-05-cal"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("no event `2025-06-05-cal`")
            && run.stderr.contains("did you mean 2025-06-05-call"),
        "{}",
        run.stderr
    );
    f.write(
        "corpus/2025/2025-10-quiet.toml",
        "id = \"2025-10-quiet\"\ndate = \"2025-10\"\nkind = \"call\"\ntitle = \"t\"\n[[statements]]\nside = \"USA\"\nissuer = \"x\"\ncoverage = \"full\"\ntext = \"The weather was mild.\"\n",
    );
    let run = f.run(&["phrases", "2025-10-quiet"]);
    run.expect_code(1);
    assert!(run.stdout.contains("no phrases"));
}

#[test]
fn query_chooses_statements_through_the_index() {
    let f = Fixture::bundled();
    let run = f.run(&[
        "phrases",
        "--query",
        "\"substantial progress\"",
        "--format",
        "csv",
    ]);
    run.expect_code(0);
    let statements: std::collections::BTreeSet<&str> = run
        .stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    let expected = [
        "2019-09-05-resume-talks/CHN",
        "2025-05-he-lifeng-substantial-progress/CHN",
    ];
    assert_eq!(statements.into_iter().collect::<Vec<_>>(), expected);
}
