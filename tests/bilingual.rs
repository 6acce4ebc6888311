//! `diff EVENT --languages zh,en` through the binary: a small corpus written
//! here (turns in one version only, framing words, the refusals), and the
//! hand-labelled turn correspondence of 20 MFA conferences
//! (tests/gold/bilingual, ignored unless asked for: it reads ../shared): on the
//! report half, at least 95% of the conferences have every turn aligned with
//! its counterpart.

use crate::common;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use common::Fixture;
use serde::Deserialize;
use serde_json::Value;

/// A JSONL statement line of a press conference with turns labelled Q/A.
fn conference(id: &str, lang: &str, turns: &[(&str, &str)]) -> String {
    let mut text = String::new();
    let mut spans = Vec::new();
    for (label, body) in turns {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(label);
        let start = text.len();
        text.push_str(body);
        let role = if label.starts_with('Q') || label.starts_with('问') {
            "question"
        } else {
            "answer"
        };
        spans.push(serde_json::json!({"speaker": label.trim_end_matches([':', '：', ' ']), "role": role, "start": start, "end": text.len()}));
    }
    let line = serde_json::json!({
        "event": id, "date": "2019-11-05", "kind": "press-conference", "event_title": id,
        "side": "CHN", "issuer": "Ministry of Foreign Affairs", "title": id, "language": lang,
        "coverage": "full", "text": text, "turns": spans,
    });
    format!("{line}\n")
}

fn small() -> Fixture {
    let f = Fixture::empty();
    let zh = conference(
        "conf-zh",
        "zh",
        &[
            ("问：", "美国军舰11月3日穿越台湾海峡，中方有何回应？"),
            ("答：", "中方对此表示严重关切，敦促美方停止挑衅。"),
            ("问：", "日本首相安倍将访华，你能否介绍有关情况？"),
            ("答：", "中方欢迎安倍首相访华，双方将就中日关系交换意见。"),
            ("问：", "第2届进口博览会有多少国家参加？"),
            ("答：", "共有155个国家参加。"),
        ],
    );
    let en = conference(
        "conf-en",
        "en",
        &[
            ("Q: ", "US warships sailed through the Taiwan Strait on November 3. What is China's response?"),
            ("A: ", "We urge the US to stop its provocation."),
            ("Q: ", "How many countries will attend the 2nd import expo?"),
            ("A: ", "155 countries will attend it."),
        ],
    );
    f.write("corpus/mfa.jsonl", zh + &en);
    f
}

#[test]
fn a_question_and_answer_missing_from_the_english_are_reported() {
    let f = small();
    let run = f.run(&[
        "diff",
        "conf-zh",
        "--languages",
        "zh,en",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        v["en"]["event"], "conf-en",
        "the counterpart is found by date"
    );
    let only: Vec<&Value> = v["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["en"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(only.len(), 2, "{}", run.stdout);
    assert_eq!(only[0]["zh"], serde_json::json!([3]));
    assert_eq!(v["summary"]["questions_or_answers_missing"], 2);
    let framing = v["framing"].as_array().unwrap();
    assert!(
        framing
            .iter()
            .any(|f| f["language"] == "zh" && f["rendering"] == "serious concern"),
        "{framing:?}"
    );
    let text = f.run(&["diff", "conf-en", "--languages", "zh,en", "--width", "80"]);
    text.expect_code(0);
    assert!(
        text.stdout.contains("In one version only: 2"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("zh 3"), "{}", text.stdout);
    for line in text.stdout.lines() {
        let cells = unicode_width::UnicodeWidthStr::width(line);
        assert!(cells <= 80, "{cells} cells: {line}");
    }
    let md = f.run(&["diff", "conf-zh", "--languages", "zh,en", "--format", "md"]);
    md.expect_code(0);
    assert!(md.stdout.contains("| 3 |  | question |"), "{}", md.stdout);
}

#[test]
fn refusals_are_one_line() {
    let f = small();
    let bad = f.run(&["diff", "conf-zh", "--languages", "zh,fr"]);
    bad.expect_code(2);
    assert!(bad.stderr.contains("give zh,en"), "{}", bad.stderr);
    f.write(
        "corpus/more.jsonl",
        conference("conf-en2", "en", &[("Q: ", "Any comment?"), ("A: ", "No.")]),
    );
    let several = f.run(&["diff", "conf-zh", "--languages", "zh,en"]);
    several.expect_code(2);
    assert!(
        several.stderr.contains("conf-en, conf-en2"),
        "{}",
        several.stderr
    );
    assert_eq!(
        several.stderr.trim().lines().count(),
        1,
        "{}",
        several.stderr
    );
    let both = f.run(&[
        "diff",
        "conf-zh",
        "conf-en2",
        "--languages",
        "zh,en",
        "--format",
        "json",
    ]);
    both.expect_code(0);
    let names = f.write("names.toml", "[[name]]\nzh = [\"x\"]\nen = []\n");
    let run = f.run(&[
        "diff",
        "conf-zh",
        "conf-en",
        "--languages",
        "zh,en",
        "--names",
        names.to_str().unwrap(),
    ]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("names.toml:1:1: name 1"),
        "{}",
        run.stderr
    );
}

#[derive(Deserialize)]
struct Gold {
    conference: Vec<GoldConference>,
}

#[derive(Deserialize)]
struct GoldConference {
    date: String,
    half: String,
    zh_page: String,
    en_page: String,
    links: Vec<GoldLink>,
}

#[derive(Deserialize)]
struct GoldLink {
    zh: Vec<String>,
    en: Vec<String>,
}

/// Imported statements by their page (`t1710473.shtml`): text and turns.
fn imported(corpus: &Path) -> HashMap<String, Value> {
    let mut out = HashMap::new();
    for file in std::fs::read_dir(corpus.join("fmprc")).unwrap() {
        let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
        for line in text.lines() {
            let v: Value = serde_json::from_str(line).unwrap();
            let page = v["url"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            out.insert(page, v);
        }
    }
    out
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Gold turn index (per language) of each tool unit, or why they disagree.
fn unit_to_gold(units: &Value, text: &str, gold: &[&String]) -> Result<Vec<usize>, String> {
    units
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let (s, e) = (
                u["start"].as_u64().unwrap() as usize,
                u["end"].as_u64().unwrap() as usize,
            );
            let body = squeeze(&text[s..e]);
            gold.iter()
                .position(|g| body.starts_with(g.as_str()))
                .ok_or_else(|| format!("the tool's turn `{}` is no gold turn", u["excerpt"]))
        })
        .collect()
}

/// Whether the tool aligns every turn of `c` as the gold does; the reason when not.
fn check(f: &Fixture, pages: &HashMap<String, Value>, c: &GoldConference) -> Result<(), String> {
    let event = |page: &str| format!("fmprc-{}", page.trim_end_matches(".shtml"));
    let run = f.run(&[
        "diff",
        &event(&c.zh_page),
        &event(&c.en_page),
        "--languages",
        "zh,en",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let gold_turns = |lang: fn(&GoldLink) -> &Vec<String>| -> Vec<&String> {
        c.links.iter().flat_map(lang).collect()
    };
    let (gz, ge) = (gold_turns(|l| &l.zh), gold_turns(|l| &l.en));
    let text = |page: &str| pages[page]["text"].as_str().unwrap().to_string();
    let zmap = unit_to_gold(&v["zh"]["units"], &text(&c.zh_page), &gz)?;
    let emap = unit_to_gold(&v["en"]["units"], &text(&c.en_page), &ge)?;
    if zmap.len() != gz.len() || emap.len() != ge.len() {
        return Err(format!(
            "{} zh and {} en turns, gold {} and {}",
            zmap.len(),
            emap.len(),
            gz.len(),
            ge.len()
        ));
    }
    let tool: BTreeSet<(Vec<usize>, Vec<usize>)> = v["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let ids = |side: &Value, map: &[usize]| -> Vec<usize> {
                side.as_array()
                    .unwrap()
                    .iter()
                    .map(|n| map[n.as_u64().unwrap() as usize - 1])
                    .collect()
            };
            (ids(&l["zh"], &zmap), ids(&l["en"], &emap))
        })
        .collect();
    let index = |all: &[&String], t: &String| all.iter().position(|g| *g == t).unwrap();
    let gold: BTreeSet<(Vec<usize>, Vec<usize>)> = c
        .links
        .iter()
        .map(|l| {
            (
                l.zh.iter().map(|t| index(&gz, t)).collect(),
                l.en.iter().map(|t| index(&ge, t)).collect(),
            )
        })
        .collect();
    let wrong: Vec<_> = tool.symmetric_difference(&gold).collect();
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!("links differ from the gold: {wrong:?}"))
    }
}

#[test]
#[ignore = "needs ../shared/data/mfa-fmprc"]
fn gold_conferences_have_every_turn_aligned() {
    let gold_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold/bilingual/conferences.toml");
    let gold: Gold = toml::from_str(&std::fs::read_to_string(gold_path).unwrap()).unwrap();
    let f = Fixture::empty();
    let corpus = f.import_shared("html", "mfa-fmprc");
    assert!(corpus.join("fmprc").is_dir());
    let pages = imported(&corpus);
    for half in ["tune", "report"] {
        let drawn: Vec<&GoldConference> =
            gold.conference.iter().filter(|c| c.half == half).collect();
        let mut good = 0;
        for c in &drawn {
            match check(&f, &pages, c) {
                Ok(()) => good += 1,
                Err(why) => println!("{half} {}: {why}", c.date),
            }
        }
        let share = good as f64 / drawn.len() as f64;
        println!(
            "{half}: {good} of {} conferences with every turn aligned ({:.0}%)",
            drawn.len(),
            share * 100.0
        );
        if half == "report" {
            assert_eq!(drawn.len(), 10);
            assert!(
                share >= 0.95,
                "{good} of {} on the report half",
                drawn.len()
            );
        }
    }
}
