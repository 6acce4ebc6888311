//! Framing as written, through the real binary: every shown hit gives the
//! words of the text first (then entry and category), its offsets slice the
//! statement text exactly as stored in the corpus file, and search and KWIC
//! keep apart the words the lexicon keeps apart (issue 16, items 3, 4, 6).

use crate::common;

use std::collections::HashMap;

use common::Fixture;
use serde_json::Value;

/// A call whose U.S. statement has CRLF line endings and leading blanks
/// (TOML escapes, so the file itself is plain), and says "aggression" and
/// "very positive" where the lexicon's entries are "malign" and "excellent".
const CALL: &str = r#"id = "2022-03-call"
date = "2022-03-18"
kind = "call"
title = "Leaders' call"

[[statements]]
side = "USA"
issuer = "White House"
coverage = "full"
text = "  \r\n  President Biden condemned Russia's aggression against Ukraine.\r\nThe two leaders had a very\r\npositive discussion. Côté “frank” talks were held."

[[statements]]
side = "CHN"
issuer = "MFA"
coverage = "full"
text = "President Xi said China opposes aggression and urged the U.S. side to stop sending wrong signals. The talks were constructive."
"#;

fn call() -> Fixture {
    let f = Fixture::empty();
    f.write("corpus/call.toml", CALL);
    f
}

/// Statement id → its text as stored in the TOML file.
fn stored_texts() -> HashMap<String, String> {
    let table: toml::Table = toml::from_str(CALL).unwrap();
    let id = table["id"].as_str().unwrap();
    table["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let side = s["side"].as_str().unwrap();
            (
                format!("{id}/{side}"),
                s["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn run_ok(f: &Fixture, args: &[&str]) -> String {
    let run = f.run(args);
    run.expect_code(0);
    run.stdout
}

/// Checks that every hit of a `phrases --format json` report slices its
/// statement's stored text to its surface words, in bytes and characters;
/// returns how many hits were checked.
fn check_offsets(report: &Value, texts: &HashMap<String, String>) -> usize {
    let mut checked = 0;
    for s in report["statements"].as_array().unwrap() {
        let text = &texts[s["statement"].as_str().unwrap()];
        for h in s["hits"].as_array().unwrap() {
            let at = |k: &str| h[k].as_u64().unwrap() as usize;
            let surface = h["surface"].as_str().unwrap();
            let bytes = text.get(at("start_byte")..at("end_byte"));
            assert_eq!(bytes, Some(surface), "{} {h}", s["statement"]);
            let chars: String = text
                .chars()
                .skip(at("start_char"))
                .take(at("end_char") - at("start_char"))
                .collect();
            assert_eq!(chars, surface, "{} {h}", s["statement"]);
            checked += 1;
        }
    }
    checked
}

#[test]
fn phrases_offsets_slice_a_crlf_statement_with_leading_blanks() {
    let f = call();
    let out = run_ok(&f, &["phrases", "--format", "json"]);
    let report: Value = serde_json::from_str(&out).unwrap();
    let texts = stored_texts();
    assert!(check_offsets(&report, &texts) >= 6);
    // The phrase across a CRLF is given as stored, line ending included.
    let usa = report["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["statement"] == "2022-03-call/USA")
        .unwrap();
    let surfaces: Vec<&str> = usa["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["surface"].as_str().unwrap())
        .collect();
    assert!(surfaces.contains(&"very\r\npositive"), "{surfaces:?}");
    // Initiator evidence and CSV rows carry the same offsets under the same names.
    let csv = run_ok(&f, &["phrases", "--format", "csv"]);
    let header = csv.lines().next().unwrap();
    assert!(
        header.contains("surface,entry,category,start_byte,end_byte,start_char,end_char"),
        "{header}"
    );
}

/// Every hit of the UN speeches of 1990 and 1991 (some stored with CR line
/// endings) slices the text of the imported corpus file.
#[test]
#[ignore = "needs ../shared/data/ungdc"]
fn phrases_offsets_slice_the_stored_un_text() {
    let corpus = common::ungdc_corpus();
    let mut texts = HashMap::new();
    for year in ["1990", "1991"] {
        let file = corpus.join(format!("ungdc/ungdc-{year}.jsonl"));
        for line in std::fs::read_to_string(&file).unwrap().lines() {
            let v: Value = serde_json::from_str(line).unwrap();
            let id = format!(
                "{}/{}",
                v["event"].as_str().unwrap(),
                v["side"].as_str().unwrap()
            );
            texts.insert(id, v["text"].as_str().unwrap().to_string());
        }
    }
    assert!(texts.values().any(|t| t.contains('\r')));
    let f = Fixture::empty();
    let out = run_ok(
        &f,
        &[
            "--corpus",
            corpus.to_str().unwrap(),
            "phrases",
            "--from",
            "1990",
            "--to",
            "1991",
            "--format",
            "json",
            "--no-refresh",
        ],
    );
    let report: Value = serde_json::from_str(&out).unwrap();
    assert!(check_offsets(&report, &texts) > 5_000);
}

#[test]
fn aggression_is_shown_as_aggression_in_diff_and_tone_explain() {
    let f = call();
    let diff = run_ok(&f, &["diff", "2022-03-call", "--color", "never"]);
    assert!(
        diff.contains("“aggression” → malign · confrontational"),
        "{diff}"
    );
    assert!(diff.contains("“very positive” → excellent · cooperative"));
    assert!(!diff.contains("“malign”"), "{diff}");
    let tone = run_ok(&f, &["tone", "--explain", "--color", "never"]);
    assert!(
        tone.contains("“aggression” → malign · confrontational"),
        "{tone}"
    );
    assert!(tone.contains("“condemned” → strong dissatisfaction · concern-ladder"));
    assert!(!tone.contains("“malign”"), "{tone}");
}

#[test]
fn tone_html_counts_surface_forms_under_their_entry() {
    let f = call();
    let html = run_ok(&f, &["tone", "--format", "html"]);
    assert!(
        html.contains("<td>aggression 1</td><td>malign</td><td>confrontational</td>"),
        "{html}"
    );
    assert!(html.contains("<td>very positive 1</td><td>excellent</td>"));
}

/// A corpus whose statements each use one word of a pair the stemmer joins.
const PAIRS: &str = r#"id = "2021-01-pairs"
date = "2021-01-10"
kind = "meeting"
title = "Pairs"

[[statements]]
side = "USA"
issuer = "State Department"
coverage = "full"
text = "The candidate spoke about the construction of a bridge and international law."

[[statements]]
side = "CHN"
issuer = "MFA"
coverage = "full"
text = "The talks were candid and constructive; both stated internal positions."
"#;

#[test]
fn kwic_and_search_keep_apart_what_the_lexicon_keeps_apart() {
    let f = Fixture::empty();
    f.write("corpus/pairs.toml", PAIRS);
    let kwic = run_ok(&f, &["kwic", "candid", "--format", "jsonl"]);
    // One JSON object per line.
    let keywords: Vec<String> = kwic
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["keyword"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(keywords, ["candid"], "{kwic}");
    let text = run_ok(&f, &["kwic", "candid", "--color", "never"]);
    assert!(!text.contains("candidate"), "{text}");
    let found = |query: &str| -> Vec<String> {
        let out = run_ok(&f, &["search", query, "--format", "jsonl"]);
        // One JSON object per line.
        out.lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                v["statement"].as_str().unwrap().to_string()
            })
            .collect()
    };
    assert_eq!(found("constructive"), ["2021-01-pairs/CHN"]);
    assert_eq!(found("construction"), ["2021-01-pairs/USA"]);
    assert_eq!(found("internal"), ["2021-01-pairs/CHN"]);
    assert_eq!(found("international"), ["2021-01-pairs/USA"]);
    assert_eq!(found("candidate"), ["2021-01-pairs/USA"]);
    // Stemming still joins the forms of one word.
    assert_eq!(found("constructively"), ["2021-01-pairs/CHN"]);
}

/// The lexicon's size and fingerprint masked, so lexicon edits do not churn
/// the snapshots.
fn masked(out: &str) -> String {
    let re = regex::Regex::new(r"\(\d+ entries, fingerprint [0-9a-f]{16}\)").unwrap();
    re.replace_all(out, "(N entries, fingerprint F)")
        .into_owned()
}

/// The lines of `out` that show a hit (hold one of `marks`).
fn hit_lines(out: &str, marks: &[&str]) -> String {
    out.lines()
        .filter(|l| marks.iter().any(|m| l.contains(m)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The shown-hit fields of every object in `v` that has a `surface`.
fn shown_fields(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) if map.contains_key("surface") && map.contains_key("start_byte") => {
            let keys = [
                "surface",
                "entry",
                "category",
                "start_byte",
                "end_byte",
                "start_char",
                "end_char",
            ];
            let shown: Vec<String> = keys.iter().map(|k| format!("{k}={}", map[*k])).collect();
            out.push(shown.join(" "));
        }
        Value::Object(map) => map.values().for_each(|x| shown_fields(x, out)),
        Value::Array(list) => list.iter().for_each(|x| shown_fields(x, out)),
        _ => {}
    }
}

fn json_hits(out: &str) -> String {
    let mut lines = Vec::new();
    shown_fields(&serde_json::from_str(out).unwrap(), &mut lines);
    lines.join("\n")
}

#[test]
fn snapshots_show_surface_words_in_every_format() {
    let f = call();
    let marks = ["“", "aggression", "positive"];
    let mut all = String::new();
    for (name, args) in [
        ("phrases text", vec!["phrases", "--color", "never"]),
        ("phrases csv", vec!["phrases", "--format", "csv"]),
        ("phrases md", vec!["phrases", "--format", "md"]),
        ("tone text", vec!["tone", "--explain", "--color", "never"]),
        ("tone csv", vec!["tone", "--explain", "--format", "csv"]),
        ("tone md", vec!["tone", "--explain", "--format", "md"]),
        ("tone html", vec!["tone", "--format", "html"]),
        (
            "diff text",
            vec!["diff", "2022-03-call", "--color", "never"],
        ),
        ("diff md", vec!["diff", "2022-03-call", "--format", "md"]),
        (
            "diff html",
            vec!["diff", "2022-03-call", "--format", "html"],
        ),
    ] {
        let out = masked(&run_ok(&f, &args));
        let shown = if name.ends_with("csv") {
            // Whole: a quoted cell holds the stored line ending.
            out.trim_end().to_string()
        } else if name == "tone html" {
            hit_lines(&out, &["<td>"])
        } else if name == "diff html" {
            hit_lines(&out, &["<li>“"])
        } else {
            hit_lines(&out, &marks)
        };
        all.push_str(&format!("## {name}\n{shown}\n\n"));
    }
    for (name, args) in [
        ("phrases json", vec!["phrases", "--format", "json"]),
        ("tone json", vec!["tone", "--explain", "--format", "json"]),
        (
            "diff json",
            vec!["diff", "2022-03-call", "--format", "json"],
        ),
    ] {
        let out = run_ok(&f, &args);
        all.push_str(&format!("## {name}\n{}\n\n", json_hits(&out)));
    }
    insta::assert_snapshot!("surface_words_in_every_format", all);
}
