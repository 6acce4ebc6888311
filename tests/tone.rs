//! `readouts tone`: scores traceable to their hits, groups and gaps that add
//! up, CSV and JSON that agree, an HTML report that is self-contained, escaped
//! and readable, and stable facts on the UN General Debate Corpus.

use crate::common;

use std::collections::HashMap;

use common::Fixture;
use serde_json::Value;

/// Two readouts of one call, with a hostile title and a negated phrase.
const CALL: &str = r#"id = "2020-08-25-call"
date = "2020-08-25"
kind = "call"
title = "Review <script>alert(1)</script> call"

[[statements]]
side = "USA"
issuer = "USTR"
coverage = "excerpt"
text = "Both sides see progress and are committed to the agreement. The talks were not constructive on every point."

[[statements]]
side = "CHN"
issuer = "MOFCOM"
coverage = "excerpt"
text = "The two sides held a constructive dialogue. China firmly opposes unilateral bullying."
"#;

const YEAR_ONLY: &str = r#"id = "2021-statement"
date = "2021"
kind = "statement"
title = "A statement dated by year only"

[[statements]]
side = "CHN"
issuer = "MFA"
coverage = "full"
text = "We hope for progress and cooperation."
"#;

fn fixture() -> Fixture {
    let f = Fixture::empty();
    f.write("corpus/2020/2020-08-25-call.toml", CALL);
    f.write("corpus/2021/2021-statement.toml", YEAR_ONLY);
    f
}

fn json(f: &Fixture, args: &[&str]) -> Value {
    let mut all = vec!["tone", "--format", "json"];
    all.extend_from_slice(args);
    let run = f.run(&all);
    run.expect_code(0);
    serde_json::from_str(&run.stdout).expect("valid JSON")
}

fn f64_at(v: &Value, path: &[&str]) -> f64 {
    let mut cur = v;
    for p in path {
        cur = &cur[*p];
    }
    cur.as_f64()
        .unwrap_or_else(|| panic!("{path:?} is not a number: {cur}"))
}

/// Two made-up phrases with chosen weights, so the expected figures can be
/// worked out by hand whatever the built-in lexicon holds.
const TEST_LEXICON: &str = r#"version = "test-1"

[[cooperative]]
phrase = "zorble accord"
weight = 2.0
gloss = "test phrase"

[[confrontational]]
phrase = "fnarg"
weight = 0.5
gloss = "test phrase"

[[concern-ladder]]
phrase = "grave quibble"
grade = 3
weight = 2.5
gloss = "test phrase"
"#;

const HAND: &str = r#"id = "1999-01-02-hand"
date = "1999-01-02"
kind = "call"
title = "Hand-computed"

[[statements]]
side = "FRA"
issuer = "Elysee"
coverage = "full"
text = "A zorble accord. Another zorble accord! One fnarg, then a grave quibble. No zorble accord later."

[[statements]]
side = "DEU"
issuer = "Kanzleramt"
coverage = "full"
text = "Fnarg fnarg fnarg fnarg."
"#;

#[test]
fn hand_computed_scores_and_groups() {
    let f = Fixture::empty();
    f.write("corpus/1999/1999-01-02-hand.toml", HAND);
    f.write("test-lexicon.toml", TEST_LEXICON);
    let report = json(
        &f,
        &[
            "--lexicon",
            "test-lexicon.toml",
            "--by",
            "side",
            "--explain",
            "--gap",
            "FRA,DEU",
        ],
    );
    let fra = &report["statements"][0];
    let deu = &report["statements"][1];
    // FRA: 16 words; 2 counted "zorble accord" (the third is negated by "No"),
    // one "fnarg", one "grave quibble" (grade 3).
    assert_eq!(fra["words"], 16);
    assert_eq!(fra["tallies"]["cooperative"]["hits"], 2);
    assert_eq!(fra["negated"], 1);
    // tone = 1000·(2·2.0 − 0.5)/16 = 218.75; concern = 1000·2.5/16 = 156.25.
    assert_eq!(f64_at(fra, &["rates", "tone"]), 218.75);
    assert_eq!(f64_at(fra, &["rates", "concern-ladder"]), 156.25);
    assert_eq!(fra["max_concern"], 3);
    // DEU: 4 words, 4 × fnarg 0.5 → tone = −1000·2/4 = −500.
    assert_eq!(deu["words"], 4);
    assert_eq!(f64_at(deu, &["rates", "tone"]), -500.0);
    // Gap FRA − DEU = 218.75 + 500 = 718.75.
    assert_eq!(f64_at(&report["events"][0], &["gap"]), 718.75);
    // All statements: pooled 1000·(4 − 2.5)/20 = 75; mean of the tones (218.75 − 500)/2.
    let all = json(&f, &["--lexicon", "test-lexicon.toml", "--by", "year"]);
    let g = &all["groups"][0];
    assert_eq!(g["key"][0], "1999");
    assert_eq!(
        (g["statements"].as_u64(), g["words"].as_u64()),
        (Some(2), Some(20))
    );
    assert_eq!(f64_at(g, &["rates", "tone"]), 75.0);
    assert_eq!(f64_at(g, &["mean_tone"]), -140.625);
}

#[test]
fn every_score_is_the_formula_applied_to_its_listed_hits() {
    let report = json(&fixture(), &["--explain"]);
    let statements = report["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 3);
    let mut negated_seen = 0;
    for s in statements {
        let words = s["words"].as_f64().unwrap();
        let (mut coop, mut conf) = (0.0, 0.0);
        for h in s["hits"].as_array().into_iter().flatten() {
            let weight = h["weight"].as_f64().unwrap();
            assert!(h["sentence"].as_str().unwrap().len() >= h["surface"].as_str().unwrap().len());
            if h["negated"].as_bool().unwrap() {
                negated_seen += 1;
                continue;
            }
            match h["category"].as_str().unwrap() {
                "cooperative" => coop += weight,
                "confrontational" => conf += weight,
                _ => {}
            }
        }
        let expected = ((1000.0 * (coop - conf) / words) * 1e6).round() / 1e6;
        assert_eq!(f64_at(s, &["rates", "tone"]), expected, "{}", s["id"]);
    }
    assert!(
        negated_seen >= 1,
        "\"not constructive\" is listed as negated"
    );
}

#[test]
fn the_gap_is_the_first_sides_tone_minus_the_seconds() {
    let report = json(&fixture(), &["--gap", "USA,CHN", "--by", "event"]);
    let event = &report["events"][0];
    let tone_of = |side: &str| {
        let s = event["sides"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["side"] == side)
            .unwrap();
        f64_at(s, &["rates", "tone"])
    };
    let gap = f64_at(event, &["gap"]);
    assert!((gap - (tone_of("USA") - tone_of("CHN"))).abs() < 1e-6);
    assert!(gap != 0.0, "the two readouts differ in tone");
    assert_eq!(report["events"][1]["gap"], Value::Null, "USA did not speak");
}

#[test]
fn csv_and_json_carry_the_same_numbers() {
    let f = fixture();
    let report = json(&f, &["--by", "side,year"]);
    let run = f.run(&["tone", "--format", "csv", "--by", "side,year"]);
    run.expect_code(0);
    let mut lines = run.stdout.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<HashMap<&str, &str>> = lines
        .map(|l| head.iter().copied().zip(l.split(',')).collect())
        .collect();
    let groups = report["groups"].as_array().unwrap();
    assert_eq!(rows.len(), groups.len());
    assert_eq!(rows.len(), 3, "CHN 2020, CHN 2021, USA 2020");
    for (row, g) in rows.iter().zip(groups) {
        assert_eq!(row["side"], g["key"][0]);
        assert_eq!(row["year"], g["key"][1]);
        assert_eq!(row["words"].parse::<f64>().unwrap(), f64_at(g, &["words"]));
        assert_eq!(
            row["tone"].parse::<f64>().unwrap(),
            f64_at(g, &["rates", "tone"])
        );
        assert_eq!(
            row["mean_tone"].parse::<f64>().unwrap(),
            f64_at(g, &["mean_tone"])
        );
        for c in ["cooperative", "confrontational", "commitment", "demand"] {
            let col = format!("{c}_weight_per_1000_words");
            assert_eq!(
                row[col.as_str()].parse::<f64>().unwrap(),
                f64_at(g, &["rates", c]),
                "{col}"
            );
            let col = format!("{c}_hits");
            assert_eq!(
                row[col.as_str()].parse::<f64>().unwrap(),
                f64_at(g, &["tallies", c, "hits"])
            );
        }
    }
}

#[test]
fn every_report_states_its_provenance() {
    let f = fixture();
    for format in ["text", "csv", "md", "html"] {
        // CSV is a header row and data rows only: its provenance is the sidecar.
        let run = f.run(&[
            "tone",
            "--format",
            format,
            "--side",
            "CHN",
            "--provenance",
            &format!("{format}.json"),
        ]);
        run.expect_code(0);
        let sidecar = std::fs::read_to_string(f.path(&format!("{format}.json"))).unwrap();
        let sidecar: Value = serde_json::from_str(&sidecar).unwrap();
        let out = &if format == "csv" {
            assert!(!run.stdout.contains('#'), "no comment lines in CSV");
            let p = &sidecar;
            format!(
                "{} events, {} statements, {} to {} / {} events, {} statements / readouts {} / {} / lexicon {}",
                p["corpus_events"], p["corpus_statements"], p["first"].as_str().unwrap(),
                p["last"].as_str().unwrap(), p["selected_events"], p["selected_statements"],
                p["version"].as_str().unwrap(), p["command"].as_str().unwrap(),
                p["lexicon"].as_str().unwrap()
            )
        } else {
            run.stdout.clone()
        };
        assert!(
            out.contains("2 events, 3 statements, 2020-08-25 to 2021"),
            "{format}: {out}"
        );
        assert!(
            out.contains("2 events, 2 statements"),
            "{format}: selection"
        );
        assert!(
            out.contains(concat!("readouts ", env!("CARGO_PKG_VERSION"))),
            "{format}"
        );
        assert!(out.contains("readouts tone --format"), "{format}: command");
        assert!(out.contains("lexicon"), "{format}");
    }
    let report = json(&f, &[]);
    assert_eq!(report["provenance"]["corpus_statements"], 3);
    assert_eq!(report["provenance"]["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn year_only_dates_are_grouped_as_unknown_months_and_said_so() {
    let run = fixture().run(&["tone", "--by", "side,quarter", "--color", "never"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("2021 (month unknown)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("2020-Q3"));
    assert!(run
        .stdout
        .contains("note: 1 statements are dated by year only"));
}

#[test]
fn bad_arguments_and_empty_selections_are_reported() {
    let f = fixture();
    let run = f.run(&["tone", "--by", "decade"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("`decade` is not a grouping"),
        "{}",
        run.stderr
    );
    let run = f.run(&["tone", "--gap", "USA"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("--gap takes two sides"),
        "{}",
        run.stderr
    );
    let run = f.run(&["tone", "--side", "FRA"]);
    run.expect_code(1);
    assert!(run.stderr.contains("no statement matches"));
}

#[test]
fn html_is_self_contained_escaped_and_links_diffs() {
    let run = fixture().run(&[
        "tone",
        "--format",
        "html",
        "--gap",
        "USA,CHN",
        "--with-diffs",
        "diffs",
    ]);
    run.expect_code(0);
    let html = &run.stdout;
    assert!(!html.contains("<script"), "corpus text is escaped");
    assert!(html.contains("Review &lt;script&gt;alert(1)&lt;/script&gt; call"));
    assert!(html.contains(r#"<a href="diffs/2020-08-25-call.html">"#));
    let stripped = html.replace(r#"xmlns="http://www.w3.org/2000/svg""#, "");
    assert!(
        !stripped.contains("http"),
        "no network references besides the SVG namespace"
    );
    assert_eq!(
        html.matches("<svg").count(),
        2,
        "tone over time and the gap chart"
    );
    for label in ["tone per 1,000 words", ">year<", ">USA (1)<", ">CHN (2)<"] {
        assert!(html.contains(label), "chart label {label}");
    }
}

/// Renders the report in headless Chromium and checks a screenshot is made
/// (the screenshot was also inspected by eye when the chart was designed).
#[test]
fn html_renders_in_headless_chromium() {
    let Some(browser) = common::browser() else {
        return;
    };
    let f = fixture();
    let run = f.run(&["tone", "--format", "html", "--by", "side,year"]);
    run.expect_code(0);
    let page = f.write("tone.html", &run.stdout);
    let shot = f.path("tone.png");
    let args = [
        "--window-size=1400,1800".to_string(),
        format!("--screenshot={}", shot.display()),
        format!("file://{}", page.display()),
    ];
    let out = common::chromium(browser, &f, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert_eq!(&png[1..4], b"PNG");
    assert!(png.len() > 20_000, "a blank page compresses to a few kB");
}

/// Pooled rate of a category per 1,000 words of one side over a span of
/// years, from the `--by side,year` groups.
fn rate(groups: &[Value], side: &str, category: &str, years: std::ops::RangeInclusive<u16>) -> f64 {
    let (mut weight, mut words) = (0.0, 0.0);
    for g in groups {
        let year: u16 = g["key"][1].as_str().unwrap().parse().unwrap();
        if g["key"][0] == side && years.contains(&year) {
            weight += f64_at(g, &["tallies", category, "weight"]);
            words += f64_at(g, &["words"]);
        }
    }
    assert!(words > 0.0, "{side} spoke in {years:?}");
    1000.0 * weight / words
}

#[test]
#[ignore = "needs ../shared/data/ungdc"]
fn un_general_debate_china_is_more_cooperative_and_less_confrontational_in_the_2010s() {
    let corpus = common::ungdc_corpus();
    let f = Fixture::empty();
    let corpus = corpus.display().to_string();
    let run = f.run(&[
        "--corpus",
        &corpus,
        "tone",
        "--side",
        "CHN,USA",
        "--by",
        "side,year",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let groups = report["groups"].as_array().unwrap();
    // Measured with the built-in lexicon (2026.11-1): cooperative 2.41 → 6.89,
    // confrontational 11.56 → 4.87 per 1,000 words.
    let coop = (
        rate(groups, "CHN", "cooperative", 1971..=1979),
        rate(groups, "CHN", "cooperative", 2010..=2019),
    );
    let conf = (
        rate(groups, "CHN", "confrontational", 1971..=1979),
        rate(groups, "CHN", "confrontational", 2010..=2019),
    );
    eprintln!("CHN cooperative 1970s → 2010s: {coop:.2?}; confrontational: {conf:.2?}");
    assert!(coop.1 > 1.5 * coop.0, "cooperative rate rises: {coop:?}");
    assert!(
        conf.1 < 0.6 * conf.0,
        "confrontational rate falls: {conf:?}"
    );
    // Two sides selected: the gap defaults to CHN − USA, and every event both spoke at has one.
    assert_eq!(report["gap"], serde_json::json!(["CHN", "USA"]));
    let both = report["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["sides"].as_array().unwrap().len() == 2)
        .count();
    let gaps = report["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["gap"].is_number())
        .count();
    assert_eq!(gaps, both);
    assert!(
        gaps >= 50,
        "CHN and USA both spoke at 50+ sessions since 1971"
    );
}

#[test]
fn query_selects_statements_through_the_index() {
    let f = Fixture::bundled();
    let run = f.run(&["tone", "--query", "bullying", "--by", "side"]);
    run.expect_code(0);
    let selection = run
        .stdout
        .lines()
        .find(|l| l.starts_with("selection:"))
        .unwrap();
    assert_eq!(
        selection,
        "selection: 2 events, 2 statements, 2019-09 to 2025-05"
    );
    let bad = f.run(&["tone", "--query", "bul("]);
    bad.expect_code(2);
    assert!(
        bad.stderr
            .starts_with("readouts: the query `bul(` cannot be run"),
        "{}",
        bad.stderr
    );
}

#[test]
fn with_diffs_writes_the_linked_diff_pages() {
    let f = Fixture::bundled();
    let run = f.run(&[
        "tone",
        "--gap",
        "USA,CHN",
        "--format",
        "html",
        "--with-diffs",
        "diffs",
    ]);
    run.expect_code(0);
    for id in ["2020-08-25-phase-one-review", "2026-02-trump-xi-call"] {
        assert!(
            run.stdout.contains(&format!("href=\"diffs/{id}.html\"")),
            "no link to {id}"
        );
        let page = std::fs::read_to_string(f.path(&format!("diffs/{id}.html"))).unwrap();
        assert!(
            page.starts_with("<!DOCTYPE html>") || page.starts_with("<!doctype html>"),
            "{id}"
        );
        assert!(page.contains(id), "the diff page names its event");
    }
}

/// A call the Chinese side asked for, as the U.S. readout says.
const ASKED: &str = r#"id = "2021-09-09-call"
date = "2021-09-09"
kind = "call"
title = "Call"

[[statements]]
side = "USA"
issuer = "White House"
coverage = "excerpt"
text = "President Biden spoke with President Xi at the request of the Chinese side. They discussed competition."

[[statements]]
side = "CHN"
issuer = "MFA"
coverage = "excerpt"
text = "President Xi held a phone call with President Biden. The two sides had a candid exchange."
"#;

/// Who asked for the call comes with its evidence sentence, whether or not
/// the statement holding it is the only one selected.
#[test]
fn each_event_names_who_asked_for_the_call_with_its_evidence() {
    let f = Fixture::empty();
    f.write("corpus/2021/2021-09-09-call.toml", ASKED);
    for args in [&[][..], &["--side", "USA"][..]] {
        let v = json(&f, args);
        let initiator = &v["events"][0]["initiator"];
        assert_eq!(initiator["side"], "CHN", "{args:?}: {initiator}");
        assert_eq!(
            initiator["evidence"],
            "President Biden spoke with President Xi at the request of the Chinese side.",
            "{args:?}"
        );
    }
}
