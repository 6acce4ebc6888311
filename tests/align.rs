//! Gold-set tests for the diff's building blocks: sentence segmentation
//! (`tests/gold/segment/`) and sentence alignment (`tests/gold/align/`), both
//! labelled by hand on real readouts, answers and speeches.

use crate::common;

use readouts::text::segment::sentences;
use std::path::Path;

/// One labelled paragraph of `tests/gold/segment/gold.txt`.
struct GoldParagraph {
    header: String,
    half: String,
    text: String,
    sentences: Vec<String>,
}

fn read_segment_gold() -> Vec<GoldParagraph> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold/segment/gold.txt");
    let raw = std::fs::read_to_string(&path).expect("segment gold");
    let mut out: Vec<GoldParagraph> = Vec::new();
    for line in raw.lines() {
        if let Some(header) = line.strip_prefix("## ") {
            let half = header.split(' ').nth(1).expect("half").to_string();
            let (header, text, sentences) = (header.to_string(), String::new(), Vec::new());
            out.push(GoldParagraph {
                header,
                half,
                text,
                sentences,
            });
        } else if let (Some(text), Some(last)) = (line.strip_prefix("> "), out.last_mut()) {
            last.text = text.to_string();
        } else if !line.trim().is_empty() && !line.starts_with('#') {
            out.last_mut()
                .expect("a block")
                .sentences
                .push(line.to_string());
        }
    }
    out
}

/// Sentence starts as positions among the non-white-space characters (0 left out).
fn starts_in_visible_chars<'a>(pieces: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut seen = 0;
    for piece in pieces {
        if seen > 0 {
            starts.push(seen);
        }
        seen += piece.chars().filter(|c| !c.is_whitespace()).count();
    }
    starts
}

/// Boundaries the tool adds or misses in one paragraph, with a line per error.
fn segment_errors(p: &GoldParagraph, report: &mut Vec<String>) -> usize {
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let gold_text: String = p.sentences.iter().map(|s| visible(s)).collect();
    assert_eq!(
        gold_text,
        visible(&p.text),
        "gold block {} does not hold its paragraph",
        p.header
    );
    let tool = sentences(&p.text);
    let got = starts_in_visible_chars(tool.iter().map(|s| s.text(&p.text)));
    let want = starts_in_visible_chars(p.sentences.iter().map(String::as_str));
    let errors = got.iter().filter(|g| !want.contains(g)).count()
        + want.iter().filter(|w| !got.contains(w)).count();
    if errors > 0 {
        let tool: Vec<&str> = tool.iter().map(|s| s.text(&p.text)).collect();
        report.push(format!(
            "{}: {errors} error(s)\n  tool: {tool:#?}",
            p.header
        ));
    }
    errors
}

#[test]
fn segmentation_gold_error_rate() {
    let gold = read_segment_gold();
    assert!(gold.len() >= 100, "{} paragraphs", gold.len());
    let total: usize = gold.iter().map(|p| p.sentences.len()).sum();
    assert!(total >= 300, "{total} gold sentences");
    for half in ["tune", "held"] {
        let part: Vec<&GoldParagraph> = gold.iter().filter(|p| p.half == half).collect();
        let mut report = Vec::new();
        let errors: usize = part.iter().map(|p| segment_errors(p, &mut report)).sum();
        let sentences: usize = part.iter().map(|p| p.sentences.len()).sum();
        let rate = 100.0 * errors as f64 / sentences as f64;
        eprintln!(
            "segmentation {half}: {errors} errors in {sentences} sentences = {rate:.2} per 100"
        );
        for line in &report {
            eprintln!("{line}");
        }
        if half == "held" {
            assert!(
                rate <= 0.3,
                "held-out error rate {rate:.2} per 100 sentences > 0.3"
            );
        }
    }
}

/// A TOML event with one statement per (side, issuer, text).
fn event_toml(id: &str, date: &str, statements: &[(&str, &str)]) -> String {
    let mut out =
        format!("id = \"{id}\"\ndate = \"{date}\"\nkind = \"call\"\ntitle = \"Call {id}\"\n");
    for (side, text) in statements {
        out.push_str(&format!(
            "\n[[statements]]\nside = \"{side}\"\nissuer = \"Office\"\ncoverage = \"full\"\ntext = \"\"\"\n{text}\n\"\"\"\n"
        ));
    }
    out
}

const SPOKESPERSON: &str = "Office of the Spokesperson of the Foreign Ministry";

/// A call whose two statements share a publisher's stock line, and three
/// other statements of each side that repeat it.
fn boilerplate_corpus() -> common::Fixture {
    let f = common::Fixture::empty();
    let usa = format!(
        "{SPOKESPERSON}\n\nThe Secretary raised fentanyl precursor controls with the Minister."
    );
    let chn =
        format!("{SPOKESPERSON}\n\nThe Minister said fentanyl precursor controls were tightened.");
    f.write(
        "corpus/call.toml",
        event_toml(
            "2024-01-call",
            "2024-01-05",
            &[("USA", &usa), ("CHN", &chn)],
        ),
    );
    for k in 0..3 {
        let text = format!("{SPOKESPERSON}\n\nA statement about harbour number {k}.");
        let id = format!("2023-0{}-other", k + 1);
        f.write(
            &format!("corpus/{id}.toml"),
            event_toml(&id, "2023-01-01", &[("USA", &text), ("CHN", &text)]),
        );
    }
    f
}

#[test]
fn boilerplate_never_pairs_and_the_diff_says_how_many_were_left_out() {
    let f = boilerplate_corpus();
    let run = f.run(&["diff", "2024-01-call", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["method"]["boilerplate"], 2, "{}", run.stdout);
    assert_eq!(v["pairs"], 1);
    let rows = v["rows"].as_array().unwrap();
    let pair = rows.iter().find(|r| r["kind"] == "pair").unwrap();
    let text = |p: &serde_json::Value| {
        p["segments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["text"].as_str().unwrap())
            .collect::<String>()
    };
    assert!(text(&pair["left"][0]).contains("fentanyl"), "{pair}");
    let stock: Vec<&serde_json::Value> = rows.iter().filter(|r| r["boilerplate"] == true).collect();
    assert_eq!(stock.len(), 2, "{}", run.stdout);
    assert!(stock.iter().all(|r| r["kind"] != "pair"));
    assert_eq!(v["left"]["boilerplate"], 1);
    assert_eq!(
        v["left"]["unmatched"], 0,
        "boilerplate is not counted as one-sided"
    );
    let plain = f.run(&["diff", "2024-01-call", "--color", "never", "--width", "100"]);
    assert!(
        plain.stdout.contains("2 boilerplate sentences"),
        "{}",
        plain.stdout
    );
}

#[test]
fn a_line_shared_by_too_few_statements_still_pairs() {
    let f = common::Fixture::empty();
    let usa = format!(
        "{SPOKESPERSON}\n\nThe Secretary raised fentanyl precursor controls with the Minister."
    );
    let chn =
        format!("{SPOKESPERSON}\n\nThe Minister said fentanyl precursor controls were tightened.");
    f.write(
        "corpus/call.toml",
        event_toml(
            "2024-01-call",
            "2024-01-05",
            &[("USA", &usa), ("CHN", &chn)],
        ),
    );
    let run = f.run(&["diff", "2024-01-call", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["method"]["boilerplate"], 0);
    assert_eq!(v["pairs"], 2, "{}", run.stdout);
}

#[test]
fn adding_unrelated_events_leaves_a_diff_byte_identical() {
    let f = common::Fixture::bundled();
    let id = "2026-02-trump-xi-call";
    let args = ["diff", id, "--color", "never", "--width", "100"];
    let before = f.run(&args);
    assert_eq!(before.code, 0, "{}", before.stderr);
    let json_before = f.run(&["diff", id, "--format", "json"]).stdout;
    let unrelated = [
        (
            "FRA",
            "DEU",
            "France and Germany discussed agricultural subsidies, Taiwan and trade.",
        ),
        (
            "BRA",
            "ARG",
            "Brazil and Argentina agreed on beef tariffs and the Mercosur trade agenda.",
        ),
        (
            "JPN",
            "KOR",
            "Japan and Korea talked about fisheries, the climate and semiconductors.",
        ),
        (
            "IND",
            "PAK",
            "India and Pakistan discussed water sharing and the situation in Kashmir.",
        ),
    ];
    for (k, (a, b, text)) in unrelated.iter().enumerate() {
        let id = format!("2025-0{}-unrelated", k + 1);
        let toml = event_toml(&id, "2025-01-01", &[(a, text), (b, text)]);
        f.write(&format!("corpus/unrelated/{id}.toml"), toml);
    }
    let after = f.run(&args);
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert_eq!(
        before.stdout, after.stdout,
        "the diff changed when unrelated events were added"
    );
    assert_eq!(json_before, f.run(&["diff", id, "--format", "json"]).stdout);
    assert!(
        before
            .stdout
            .contains("fixed reference shipped with readouts"),
        "the method line says where the weights come from:\n{}",
        before.stdout
    );
}

/// The wrong and missed pairs the issue names for the USA/CHN 2022 UN
/// speeches: (USA words, CHN words, whether they should be paired).
const UN_2022_NAMED: &[(&str, &str, bool)] = &[
    ("Congress", "National Congress", false),
    ("nuclear build-up", "build a community", false),
    ("Xinjiang", "abuse of guns", false),
    ("four decades", "past decade", false),
    ("One China Policy", "one-China principle", true),
    (
        "Democratic People’s Republic of Korea",
        "Korean peninsula nuclear issue",
        true,
    ),
];

#[test]
#[ignore = "needs ../shared/data/ungdc"]
fn un_2022_named_wrong_pairs_are_gone_and_missed_ones_found() {
    let corpus = common::ungdc_corpus();
    let f = common::Fixture::empty();
    let args = [
        "--corpus",
        corpus.to_str().unwrap(),
        "diff",
        "ungdc-2022",
        "--sides",
        "USA,CHN",
        "--format",
        "json",
    ];
    let run = f.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let text = |r: &serde_json::Value, col: &str| -> String {
        let passages = r[col].as_array().unwrap().iter();
        passages
            .flat_map(|p| p["segments"].as_array().unwrap())
            .map(|s| s["text"].as_str().unwrap())
            .collect()
    };
    let pairs: Vec<(String, String)> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "pair")
        .map(|r| (text(r, "left"), text(r, "right")))
        .collect();
    for (usa, chn, wanted) in UN_2022_NAMED {
        let paired = pairs
            .iter()
            .any(|(l, r)| l.contains(usa) && r.contains(chn));
        assert_eq!(
            paired, *wanted,
            "{usa:?} ~ {chn:?}: paired {paired}, wanted {wanted}"
        );
    }
}

#[test]
fn one_side_on_two_occasions_is_labelled_by_event_and_date() {
    let f = common::Fixture::empty();
    let first = "China firmly opposes tariffs on Chinese steel exports. Taiwan is part of China.";
    let second = "China firmly opposes new tariffs on Chinese steel exports. Both sides met.";
    f.write(
        "corpus/a.toml",
        event_toml("2021-03-talks", "2021-03-18", &[("CHN", first)]),
    );
    f.write(
        "corpus/b.toml",
        event_toml("2022-06-call", "2022-06-01", &[("CHN", second)]),
    );
    let run = f.run(&[
        "diff",
        "2021-03-talks",
        "2022-06-call",
        "--side",
        "CHN",
        "--color",
        "never",
        "--width",
        "120",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = &run.stdout[run.stdout.find("Summary").expect("a summary")..];
    let (a, b) = (
        "CHN · 2021-03-talks (2021-03-18)",
        "CHN · 2022-06-call (2022-06-01)",
    );
    assert!(
        summary.contains(&format!("{a} shares")) && summary.contains(&format!("with {b}")),
        "{summary}"
    );
    assert!(summary.contains(&format!("Only {a} mentions")), "{summary}");
    assert!(!summary.contains("CHN shares"), "{summary}");
    let md = f.run(&[
        "diff",
        "2021-03-talks",
        "2022-06-call",
        "--side",
        "CHN",
        "--format",
        "md",
    ]);
    assert!(
        md.stdout.contains(&format!("only {b} mentions")),
        "{}",
        md.stdout
    );
    let html = f.run(&[
        "diff",
        "2021-03-talks",
        "2022-06-call",
        "--side",
        "CHN",
        "--format",
        "html",
    ]);
    assert!(
        html.stdout
            .contains("CHN · 2021-03-talks (2021-03-18) shares"),
        "{}",
        html.stdout
    );
}

#[test]
fn users_extend_the_equivalents_and_a_bad_line_is_named() {
    let f = common::Fixture::empty();
    let usa = "The Secretary raised fentanyl shipments bound for American ports.";
    let chn = "The Minister said synthetic opioids shipments to American ports were curbed.";
    f.write(
        "corpus/call.toml",
        event_toml("2024-02-call", "2024-02-05", &[("USA", usa), ("CHN", chn)]),
    );
    let json = |extra: &[&str]| {
        let mut args = vec!["diff", "2024-02-call", "--format", "json"];
        args.extend(extra);
        let run = f.run(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap()
    };
    let before = json(&[]);
    f.write("opioids.txt", "# ours\nfentanyl = synthetic opioids\n");
    let after = json(&["--equivalents", "opioids.txt"]);
    let shared = |v: &serde_json::Value| -> Vec<String> {
        (v["rows"].as_array().unwrap().iter())
            .filter(|r| r["kind"] == "pair")
            .flat_map(|r| r["shared_terms"].as_array().unwrap().clone())
            .map(|t| t.as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        !shared(&before).contains(&"fentanyl".to_string()),
        "{before}"
    );
    assert!(shared(&after).contains(&"fentanyl".to_string()), "{after}");
    f.write(
        "bad.txt",
        "fentanyl = synthetic opioids\nno equals sign here\n",
    );
    let run = f.run(&["diff", "2024-02-call", "--equivalents", "bad.txt"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("bad.txt: line 2:"),
        "the error names the file and line: {}",
        run.stderr
    );
}
