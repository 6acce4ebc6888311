//! `readouts import html`: saved pages of the Chinese Foreign Ministry's site
//! (the real mirror in ../shared/data/mfa-fmprc when present, and a small
//! page in the site's layout), speaker turns, and the rule that a framing word
//! inside a journalist's question never counts toward the spokesperson's side.

use crate::common;

use std::path::{Path, PathBuf};

use common::Fixture;
use serde_json::Value;

/// A regular press conference page in the English template of fmprc.gov.cn.
const PAGE: &str = r##"<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on November 29, 2018</title></head>
<body><div class="header"><div class="nav"><ul><li><a href="/">Home</a></li><li>Press and Media Service</li></ul></div></div>
<div class="container"><div class="urhere"><a href="./">Regular Press Conference</a></div>
<div class="content_mod"><h2 class="title">Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on November 29, 2018</h2>
<div class="date" id="News_Body_Time"></div><script>var x = 1;</script>
<div class="content">
<P><B>Q: Some say the US is bullying China. Is that right?</B></P>
<P>A: We always seek constructive dialogue with the US side.</P>
</div>
<div class="tool"><a href="#">Suggest To A Friend</a> <a href="#">Print</a></div></div></div>
<div class="footer">Copyright 1998-2014, Ministry of Foreign Affairs</div></body></html>"##;

const PAGE_PATH: &str =
    "mirror/www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1617471.shtml";

fn mfa_dir() -> PathBuf {
    common::shared_data("mfa-fmprc")
}

fn statements(corpus: &Path) -> Vec<Value> {
    let mut out = Vec::new();
    for year in std::fs::read_dir(corpus.join("fmprc")).unwrap() {
        let text = std::fs::read_to_string(year.unwrap().path()).unwrap();
        out.extend(
            text.lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap()),
        );
    }
    out
}

fn tone_hits(f: &Fixture, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["tone", "--explain", "--format", "json", "--by", "side"];
    args.extend_from_slice(extra);
    let run = f.run(&args);
    run.expect_code(0);
    let v: Value = serde_json::from_str(&run.stdout).expect("tone JSON");
    let mut hits = Vec::new();
    collect_hits(&v, &mut hits);
    hits
}

/// Every shown hit (an object with `surface` and `category`), wherever the report nests it.
fn collect_hits(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Object(m) => {
            if m.contains_key("surface") && m.contains_key("category") {
                out.push(v.clone());
            }
            m.values().for_each(|x| collect_hits(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect_hits(x, out)),
        _ => {}
    }
}

#[test]
fn a_framing_word_in_a_question_does_not_count_for_the_side() {
    let f = Fixture::empty();
    f.write(PAGE_PATH, PAGE);
    f.run(&["import", "html", "mirror", "--into", "corpus"])
        .expect_code(0);
    let st = &statements(&f.path("corpus"))[0];
    assert_eq!(st["event"], "fmprc-t1617471");
    assert_eq!(st["date"], "2018-11-29");
    assert_eq!(st["kind"], "press-conference");
    assert_eq!(st["side"], "CHN");
    assert_eq!(st["language"], "en");
    let text = st["text"].as_str().unwrap();
    assert_eq!(
        text,
        "Q: Some say the US is bullying China. Is that right?\n\nA: We always seek constructive dialogue with the US side."
    );
    let turns = st["turns"].as_array().unwrap();
    assert_eq!(turns.len(), 2);
    assert_eq!(turns[0]["role"], "question");
    assert_eq!(turns[1]["role"], "answer");
    assert_eq!(turns[1]["speaker"], "Geng Shuang");

    let own = tone_hits(&f, &[]);
    let phrases: Vec<&str> = own.iter().map(|h| h["surface"].as_str().unwrap()).collect();
    assert!(
        phrases.iter().any(|p| p.contains("constructive dialogue")),
        "{phrases:?}"
    );
    assert!(
        !phrases.iter().any(|p| p.contains("bullying")),
        "{phrases:?}"
    );

    let all = tone_hits(&f, &["--include-questions"]);
    let phrases: Vec<&str> = all.iter().map(|h| h["surface"].as_str().unwrap()).collect();
    assert!(
        phrases.iter().any(|p| p.contains("bullying")),
        "{phrases:?}"
    );
}

#[test]
fn list_pages_and_redirect_stubs_are_passed_over_with_a_reason() {
    let f = Fixture::empty();
    f.write(PAGE_PATH, PAGE);
    f.write(
        "mirror/www.fmprc.gov.cn/robots.shtml",
        "<html><head><title>302 Found</title></head><body><h1>Found</h1><a href=\"https://www.fmprc.gov.cn/error.htm\">here</a></body></html>",
    );
    let list: String = (0..50)
        .map(|i| format!("<li><a href=\"./t{i}.shtml\">Conference {i}</a></li>"))
        .collect();
    f.write(
        "mirror/www.fmprc.gov.cn/mfa_eng/default_1.shtml",
        format!("<html><head><title>Regular Press Conference</title></head><body><ul>{list}</ul></body></html>"),
    );
    // They are no statements lost: the import reports them and exits 0.
    let run = f.run(&["import", "html", "mirror", "--into", "corpus"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("passed over 2 pages that hold no statement"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("1 redirect stub"), "{}", run.stdout);
    assert!(run.stdout.contains("1 list page"), "{}", run.stdout);
    assert!(
        run.stdout.contains("imported 1 statement in 1 event"),
        "{}",
        run.stdout
    );
    // A renamed mirror gives the same ids: they come from the URL.
    std::fs::rename(f.path("mirror"), f.path("renamed")).unwrap();
    f.run(&["import", "html", "renamed", "--into", "corpus2"]);
    assert_eq!(statements(&f.path("corpus2"))[0]["event"], "fmprc-t1617471");
}

#[test]
#[ignore = "needs ../shared/data/mfa-fmprc"]
fn the_mfa_mirror_imports_every_press_conference_with_turns() {
    let dir = mfa_dir();
    let f = Fixture::empty();
    let run = f.run(&["import", "html", dir.to_str().unwrap(), "--into", "corpus"]);
    let all = statements(&f.path("corpus"));
    let conf = |lang: &str| {
        all.iter()
            .filter(|s| s["kind"] == "press-conference" && s["language"] == lang)
            .count()
    };
    // 487 English pages: 472 titled "… Regular Press Conference on …" (14 of
    // them without a year, September 2018; one conference saved twice) and 15
    // "Daily Briefing Online" (February 2020). The mirror's PROVENANCE.txt
    // says 453; counting the titles gives these, and every one of the 486
    // dates has a Chinese conference of the same day.
    assert_eq!(conf("en"), 487, "{}", run.stdout);
    assert_eq!(conf("zh"), 827, "{}", run.stdout);
    let mut no_questions = Vec::new();
    for s in &all {
        let text = s["text"].as_str().unwrap();
        for furniture in [
            "Suggest To A Friend",
            "打印本页",
            "Copyright",
            "var ",
            "字体",
        ] {
            assert!(!text.contains(furniture), "{furniture} in {}", s["url"]);
        }
        if s["kind"] == "press-conference" {
            let Some(turns) = s["turns"].as_array() else {
                no_questions.push(s["url"].as_str().unwrap());
                continue;
            };
            assert!(
                turns.iter().any(|t| t["role"] == "question"),
                "{}",
                s["url"]
            );
            assert!(turns.iter().any(|t| t["role"] == "answer"), "{}", s["url"]);
        }
    }
    // One conference was saved with its opening announcements only (the page
    // as served holds no question): the whole text is the spokesperson's.
    assert_eq!(
        no_questions,
        ["https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1504209.shtml"]
    );
    let by_url = |url: &str| all.iter().find(|s| s["url"] == url).unwrap();
    let en = by_url(
        "https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1617471.shtml",
    );
    assert_eq!(en["date"], "2018-11-29");
    assert!(en["text"]
        .as_str()
        .unwrap()
        .starts_with("Q: We have noted that the Foreign Ministry today announced"));
    let zh = by_url("https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1680056.shtml");
    assert_eq!(zh["date"], "2019-07-10");
    assert_eq!(zh["language"], "zh");
    assert_eq!(zh["turns"][0]["role"], "question");
    assert_eq!(zh["turns"][1]["speaker"], "耿爽");
    // A title without a year takes it from the related conferences.
    let sep = by_url(
        "https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1593756.shtml",
    );
    assert_eq!(sep["date"], "2018-09-10");
    f.run(&["check", "corpus"]).expect_code(0);
}
