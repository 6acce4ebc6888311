//! `readouts keyness` through the real binary: the bundled corpus, a small
//! corpus written here, and USA against CHN on the UN corpus (when present).

use crate::common;

use common::Fixture;
use serde_json::Value;

/// One JSONL statement line.
fn line(event: &str, date: &str, side: &str, text: &str) -> String {
    serde_json::json!({
        "event": event, "date": date, "kind": "call", "event_title": event,
        "side": side, "issuer": format!("{side} office"), "coverage": "full", "text": text,
    })
    .to_string()
}

/// Three events; CHN talks of hegemonism and developing countries, USA of
/// freedom and democracy; event e3 has a USA statement only.
fn small() -> Fixture {
    let f = Fixture::empty();
    let chn = "Hegemonism threatens developing countries. We oppose hegemonism and power politics. Developing countries need development.";
    let usa = "Freedom and democracy matter. We defend freedom. Democracy needs freedom of speech.";
    let lines = [
        line("e1", "2019-01-02", "CHN", chn),
        line("e1", "2019-01-02", "USA", usa),
        line("e2", "2020-03-04", "CHN", chn),
        line("e2", "2020-03-04", "USA", usa),
        line(
            "e3",
            "2021-05-06",
            "USA",
            "Development <i>first</i>. Development development development.",
        ),
    ];
    f.write("corpus/calls.jsonl", lines.join("\n") + "\n");
    f
}

fn json(f: &Fixture, args: &[&str]) -> Value {
    let run = f.run(args);
    run.expect_code(0);
    serde_json::from_str(&run.stdout).expect("JSON output")
}

fn terms(v: &Value, n: usize, list: &str) -> Vec<String> {
    v["orders"][n - 1][list]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn small_corpus_ranks_each_sides_words() {
    let f = small();
    let v = json(
        &f,
        &[
            "keyness",
            "--by",
            "side",
            "--format",
            "json",
            "--min-count",
            "2",
        ],
    );
    assert_eq!(v["a"]["label"], "CHN");
    assert_eq!(v["b"]["statements"], 3);
    // "hegemonism" and "countries" are used equally often: equal z, in stem order.
    assert_eq!(terms(&v, 1, "top_a")[..2], ["countries", "hegemonism"]);
    assert_eq!(terms(&v, 1, "top_b")[0], "freedom");
    assert!(terms(&v, 2, "top_a").contains(&"developing countries".to_string()));
    let z = v["orders"][0]["top_a"][0]["z"].as_f64().unwrap();
    assert!(z > 0.0);
}

#[test]
fn paired_drops_one_sided_events_and_text_names_the_groups() {
    let f = small();
    let v = json(
        &f,
        &["keyness", "--by", "side", "--paired", "--format", "json"],
    );
    assert_eq!(v["b"]["statements"], 2);
    let run = f.run(&[
        "keyness", "--by", "side", "--sides", "USA,CHN", "--top", "2",
    ]);
    run.expect_code(0);
    assert!(
        run.stdout.starts_with("Keyness: USA (3 statements"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("USA more than CHN · words"),
        "{}",
        run.stdout
    );
}

#[test]
fn selections_periods_and_csv() {
    let f = small();
    let run = f.run(&[
        "keyness",
        "--a",
        "from=2021",
        "--format",
        "csv",
        "--min-count",
        "2",
    ]);
    run.expect_code(0);
    let mut rows = run.stdout.lines();
    assert_eq!(
        rows.next().unwrap(),
        "group,n,rank,term,stems,count_a,count_b,prior,delta,z,prior_label,prior_words"
    );
    assert!(
        rows.next()
            .unwrap()
            .starts_with("from=2021,1,1,development,develop,4,6,10,"),
        "{}",
        run.stdout
    );
    let v = json(
        &f,
        &[
            "keyness",
            "--by",
            "period",
            "--split",
            "2020",
            "--format",
            "json",
            "--min-count",
            "1",
        ],
    );
    assert_eq!(v["a"]["label"], "before 2020");
    assert_eq!(v["a"]["statements"], 2);
}

#[test]
fn html_is_escaped_self_contained_and_links_terms_to_context() {
    let f = small();
    let run = f.run(&[
        "keyness",
        "--a",
        "from=2021",
        "--format",
        "html",
        "--min-count",
        "2",
    ]);
    run.expect_code(0);
    let page = &run.stdout;
    assert!(page.contains("<svg") && page.contains("</html>"));
    assert!(
        page.contains("<a href=\"#kwic-0\">"),
        "plot/table link to the context section"
    );
    assert!(page.contains("<section id=\"kwic-0\">"));
    assert!(
        page.contains("&lt;i&gt;first&lt;/i&gt;"),
        "corpus text is escaped"
    );
    assert!(!page.contains("<i>first"));
    assert!(!page.contains("src=\"http") && !page.contains("<script"));
}

#[test]
fn bad_input_gives_one_line_errors() {
    let f = small();
    let run = f.run(&["keyness", "--by", "side", "--sides", "USA"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("--sides takes exactly two"),
        "{}",
        run.stderr
    );
    let run = f.run(&["keyness", "--a", "colour=red"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("unknown key `colour`"),
        "{}",
        run.stderr
    );
    let run = f.run(&["keyness", "--by", "side", "--side", "USA"]);
    run.expect_code(2);
    assert!(run.stderr.contains("exactly two sides"), "{}", run.stderr);
    let run = f.run(&["keyness", "--by", "side", "--min-count", "1000"]);
    run.expect_code(1);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn bundled_corpus_compares_the_two_sides() {
    let f = Fixture::bundled();
    let v = json(&f, &["keyness", "--by", "side", "--format", "json"]);
    assert_eq!(
        (v["a"]["label"].as_str(), v["b"]["label"].as_str()),
        (Some("CHN"), Some("USA"))
    );
    for t in v["orders"][0]["top_b"].as_array().unwrap() {
        assert!(t["z"].as_f64().unwrap() < 0.0);
        let total = t["count_a"].as_u64().unwrap() + t["count_b"].as_u64().unwrap();
        assert!(total >= 3, "{t}");
    }
    assert!(terms(&v, 1, "top_b").contains(&"trade".to_string()), "{v}");
}

/// USA against CHN over the years both spoke at the UN General Debate
/// (1972–2022). Checked against the data: China's side talks of developing
/// countries, hegemonism and the superpowers; the U.S. of freedom and democracy.
#[test]
#[ignore = "needs ../shared/data/ungdc"]
fn un_usa_against_chn() {
    let corpus = common::ungdc_corpus();
    let f = Fixture::empty();
    let corpus = corpus.to_str().unwrap();
    let v = json(
        &f,
        &[
            "--corpus", corpus, "keyness", "--side", "USA,CHN", "--by", "side", "--paired",
            "--top", "30", "--max-n", "2", "--format", "json",
        ],
    );
    assert_eq!(v["a"]["statements"], 51);
    let chn: Vec<String> = terms(&v, 1, "top_a")
        .into_iter()
        .chain(terms(&v, 2, "top_a"))
        .collect();
    let usa: Vec<String> = terms(&v, 1, "top_b")
        .into_iter()
        .chain(terms(&v, 2, "top_b"))
        .collect();
    for want in ["developing countries", "hegemonism", "super Powers"] {
        assert!(chn.contains(&want.to_string()), "CHN lacks {want}: {chn:?}");
    }
    for want in ["freedom", "democracy"] {
        assert!(usa.contains(&want.to_string()), "USA lacks {want}: {usa:?}");
    }
}

/// `--a`/`--b` as full-text queries (answered by the index, built on first
/// use), alone or after metadata conditions, on the bundled corpus.
#[test]
fn full_text_queries_choose_the_groups() {
    let f = Fixture::bundled();
    let common = ["--min-count", "1", "--max-n", "1", "--top", "3"];
    let mut args = vec!["keyness", "--a", "bullying OR hegemonism"];
    args.extend(common);
    args.extend(["--format", "json"]);
    let v = json(&f, &args);
    let group = |g: &str| {
        (
            v[g]["label"].clone(),
            v[g]["statements"].clone(),
            v[g]["words"].clone(),
        )
    };
    assert_eq!(
        group("a"),
        ("bullying OR hegemonism".into(), 2.into(), 7.into())
    );
    assert_eq!(
        group("b"),
        ("not (bullying OR hegemonism)".into(), 9.into(), 316.into())
    );
    let top = &v["orders"][0]["top_a"][0];
    assert_eq!(
        (&top["term"], &top["count_a"], &top["count_b"]),
        (&"bullying".into(), &2.into(), &0.into())
    );

    let mut args = vec!["keyness", "--a", "side=USA,query=trade", "--b", "side=CHN"];
    args.extend([
        "--min-count",
        "2",
        "--max-n",
        "1",
        "--top",
        "3",
        "--format",
        "json",
    ]);
    let v = json(&f, &args);
    assert_eq!(v["a"]["label"], "side=USA,query=trade");
    assert_eq!(
        (&v["a"]["statements"], &v["b"]["statements"]),
        (&3.into(), &6.into())
    );
    assert_eq!(terms(&v, 1, "top_a"), ["President", "trade", "next"]);

    let run = f.run(&["keyness", "--a", "bul("]);
    run.expect_code(2);
    assert!(
        run.stderr.starts_with("readouts: --a \"bul(\": the query"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    let run = f.run(&["keyness", "--a", "side=USA,query="]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("`query=` needs a full-text query"),
        "{}",
        run.stderr
    );
}
