//! Reading only what is selected, through the real binary: a command run
//! through the catalog beside the index gives what the full load gives
//! (outputs and warnings), an edit is seen at once, and keyness asks the same
//! question the same way however its groups are written.

use crate::common;

use common::Fixture;
use serde_json::Value;

/// One JSONL statement line.
fn line(event: &str, date: &str, side: &str, text: &str) -> String {
    serde_json::json!({
        "event": event, "date": date, "kind": "general-debate", "event_title": event,
        "side": side, "issuer": "Delegation", "coverage": "full", "text": text,
    })
    .to_string()
}

/// Two sessions over two files; CHN speaks of hegemonism, USA of freedom,
/// FRA of culture.
fn sessions() -> Fixture {
    let f = Fixture::empty();
    let chn = "Hegemonism threatens developing countries. We oppose hegemonism and power politics. We want a constructive dialogue.";
    let usa = "Freedom and democracy matter. We defend freedom. Democracy needs freedom of speech.";
    let fra = "Culture and language unite us. We defend culture.";
    for (file, event, date) in [
        ("s1.jsonl", "s-2021", "2021"),
        ("s2.jsonl", "s-2022", "2022"),
    ] {
        let lines = [
            line(event, date, "CHN", chn),
            line(event, date, "FRA", fra),
            line(event, date, "USA", usa),
        ];
        f.write(&format!("corpus/{file}"), lines.join("\n") + "\n");
    }
    f
}

fn catalog(f: &Fixture) -> std::path::PathBuf {
    f.path("corpus/.index/catalog.json")
}

#[test]
fn diff_through_the_catalog_is_what_the_full_load_gives() {
    let f = sessions();
    let cold = f.run(&["diff", "s-2022", "--sides", "USA,CHN", "--format", "json"]);
    cold.expect_code(0);
    assert!(catalog(&f).is_file(), "the full load wrote the catalog");
    let warm = f.run(&["diff", "s-2022", "--sides", "USA,CHN", "--format", "json"]);
    assert_eq!(cold.stdout, warm.stdout);
    assert_eq!(cold.stderr, warm.stderr);
    let two = f.run(&["diff", "s-2021", "s-2022", "--side", "CHN"]);
    two.expect_code(0);
    std::fs::remove_file(catalog(&f)).unwrap();
    assert_eq!(
        two.stdout,
        f.run(&["diff", "s-2021", "s-2022", "--side", "CHN"]).stdout
    );
}

#[test]
fn an_unknown_event_is_still_told_with_suggestions() {
    let f = sessions();
    f.run(&["diff", "s-2022", "--sides", "USA,CHN"])
        .expect_code(0);
    let run = f.run(&["diff", "s-2023", "--sides", "USA,CHN"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("s-2022") || run.stderr.contains("s-2021"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_edit_after_the_catalog_was_written_is_seen() {
    let f = sessions();
    f.run(&["diff", "s-2022", "--sides", "USA,CHN"])
        .expect_code(0);
    let edited = [
        line(
            "s-2022",
            "2022",
            "CHN",
            "Win-win cooperation is our answer.",
        ),
        line("s-2022", "2022", "USA", "Freedom is our answer."),
    ];
    f.write("corpus/s2.jsonl", edited.join("\n") + "\n");
    let run = f.run(&["diff", "s-2022", "--sides", "USA,CHN"]);
    run.expect_code(0);
    assert!(run.stdout.contains("Win-win"), "{}", run.stdout);
}

#[test]
fn a_broken_file_still_warns_when_reading_through_the_catalog() {
    let f = sessions();
    f.write("corpus/broken.toml", "id = \n");
    let cold = f.run(&["phrases", "--side", "CHN", "--summary"]);
    assert!(catalog(&f).is_file());
    let warm = f.run(&["phrases", "--side", "CHN", "--summary"]);
    assert_eq!(cold.code, warm.code);
    assert_eq!(cold.stdout, warm.stdout);
    assert!(warm.stderr.contains("1 problem"), "{}", warm.stderr);
    assert_eq!(cold.stderr, warm.stderr);
}

fn keyness(f: &Fixture, args: &[&str]) -> Value {
    let mut all = vec!["keyness", "--min-count", "1", "--format", "json"];
    all.extend_from_slice(args);
    let run = f.run(&all);
    run.expect_code(0);
    serde_json::from_str(&run.stdout).unwrap()
}

/// The ranked terms and their scores, whatever the groups are called.
fn scores(v: &Value) -> Vec<(String, String)> {
    v["orders"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| {
            ["top_a", "top_b"].into_iter().flat_map(move |k| {
                o[k].as_array().unwrap().iter().map(|t| {
                    (
                        t["term"].to_string(),
                        format!("{:.9}", t["z"].as_f64().unwrap()),
                    )
                })
            })
        })
        .collect()
}

#[test]
fn one_question_written_three_ways_gets_one_answer_and_says_its_prior() {
    let f = sessions();
    let flags = keyness(
        &f,
        &[
            "--side", "USA,CHN", "--by", "side", "--sides", "USA,CHN", "--paired",
        ],
    );
    let conditions = keyness(&f, &["--a", "side=USA", "--b", "side=CHN", "--paired"]);
    let query = keyness(&f, &["--a", "side:USA", "--b", "side:CHN", "--paired"]);
    assert!(!scores(&flags).is_empty());
    assert_eq!(scores(&flags), scores(&conditions));
    assert_eq!(scores(&flags), scores(&query));
    for v in [&flags, &conditions, &query] {
        assert_eq!(v["prior"]["label"], "the two groups pooled, before pairing");
        assert_eq!(v["prior"]["statements"], 4);
        let words = v["a"]["words"].as_u64().unwrap() + v["b"]["words"].as_u64().unwrap();
        assert_eq!(v["prior"]["words"].as_u64().unwrap(), words);
    }
    assert_eq!(query["a"]["label"], "side:USA", "the label is as written");
    assert!(
        !f.path("corpus/.index/meta.json").exists(),
        "metadata alone never builds the full-text index"
    );
}

#[test]
fn every_keyness_format_states_its_prior_and_its_words() {
    let f = sessions();
    let base = [
        "keyness",
        "--a",
        "side=USA",
        "--b",
        "side=CHN",
        "--min-count",
        "1",
    ];
    let text = f.run(&[&base[..], &["--format", "text"]].concat());
    assert!(
        text.stdout.contains("prior: the two groups pooled ("),
        "{}",
        text.stdout
    );
    let csv = f.run(&[&base[..], &["--format", "csv"]].concat());
    let mut rows = csv.stdout.lines();
    assert!(rows.next().unwrap().ends_with(",prior_label,prior_words"));
    let words: u64 = keyness(&f, &["--a", "side=USA", "--b", "side=CHN"])["prior"]["words"]
        .as_u64()
        .unwrap();
    assert!(rows.all(|r| r.ends_with(&format!(",the two groups pooled,{words}"))));
    let html = f.run(&[&base[..], &["--format", "html"]].concat());
    assert!(
        html.stdout.contains("the two groups pooled"),
        "{}",
        html.stdout
    );
}

#[test]
fn a_query_with_words_still_goes_through_the_index() {
    let f = sessions();
    let v = keyness(&f, &["--a", "side:CHN hegemonism", "--b", "side=USA"]);
    assert_eq!(v["a"]["statements"], 2);
    assert!(f.path("corpus/.index/meta.json").exists());
}

/// The stdout of a run that must succeed.
fn out(f: &Fixture, args: &[&str]) -> String {
    let run = f.run(args);
    run.expect_code(0);
    run.stdout
}

#[test]
fn every_command_takes_the_selection_language_as_its_flags() {
    let f = sessions();
    for (flags, selection) in [
        (vec!["--side", "CHN"], "side=CHN"),
        (
            vec!["--side", "CHN,USA", "--from", "2022"],
            "side=CHN,side=USA,from=2022",
        ),
    ] {
        for command in [
            vec!["phrases", "--format", "csv"],
            vec!["tone", "--format", "csv"],
            vec!["search", "freedom OR hegemonism", "--format", "csv"],
            vec!["kwic", "freedom", "--format", "csv"],
            vec!["kwic", "hegemonism", "--format", "csv"],
        ] {
            let with_flags = f.run(&[command.clone(), flags.clone()].concat());
            let with_select = f.run(&[command.clone(), vec!["--select", selection]].concat());
            let what = format!(
                "{command:?} {flags:?} vs {selection}: {}",
                with_select.stderr
            );
            assert!(with_flags.code == 0 || command[0] == "kwic", "{what}");
            assert_eq!(with_flags.code, with_select.code, "{what}");
            assert_eq!(with_flags.stdout, with_select.stdout, "{what}");
        }
    }
    let by_flags = keyness(&f, &["--side", "USA,CHN", "--by", "side"]);
    let by_select = keyness(&f, &["--select", "side=USA,side=CHN", "--by", "side"]);
    assert_eq!(scores(&by_flags), scores(&by_select));
}

#[test]
fn a_selection_query_narrows_like_query() {
    let f = sessions();
    let csv = |args: &[&str]| out(&f, &[&["phrases", "--format", "csv"], args].concat());
    let with_query = csv(&["--side", "CHN", "--query", "hegemonism"]);
    assert!(with_query.lines().count() > 1, "{with_query}");
    assert_eq!(with_query, csv(&["--select", "side=CHN,query=hegemonism"]));
    assert_eq!(
        with_query,
        csv(&["--select", "hegemonism", "--side", "CHN"])
    );
    // Two queries: each narrows what the other matched (CHN never says freedom).
    let none = f.run(&[
        "phrases",
        "--select",
        "query=hegemonism",
        "--query",
        "freedom",
    ]);
    assert_eq!(none.code, 1, "{}", none.stderr);
}

#[test]
fn a_metadata_query_is_read_as_conditions_without_the_index() {
    let f = sessions();
    let by_flag = out(&f, &["tone", "--format", "csv", "--side", "USA"]);
    // With --no-refresh and no index built, a full-text query cannot be answered.
    let run = f.run(&[
        "--no-refresh",
        "tone",
        "--format",
        "csv",
        "--query",
        "side:USA",
    ]);
    run.expect_code(0);
    assert_eq!(by_flag, run.stdout);
    assert!(!f.path("corpus/.index/meta.json").exists());
    let words = f.run(&["--no-refresh", "tone", "--query", "freedom"]);
    assert_eq!(words.code, 2, "{}", words.stderr);
}

#[test]
fn a_key_given_twice_or_a_query_where_the_command_has_its_own_is_refused() {
    let f = sessions();
    for (args, says) in [
        (
            vec!["phrases", "--side", "USA", "--select", "side=CHN"],
            "`side` is also given as --side",
        ),
        (
            vec!["tone", "--from", "2021", "--select", "from=2022"],
            "`from` is also given as --from",
        ),
        (
            vec!["phrases", "--side", "USA", "--query", "side:CHN"],
            "names `side`",
        ),
        (
            vec!["search", "freedom", "--select", "query=culture"],
            "takes its full-text query as its QUERY",
        ),
        (
            vec!["kwic", "freedom", "--select", "side=USA,query=culture"],
            "takes its full-text query as its QUERY",
        ),
        (
            vec!["phrases", "--select", "colour=red"],
            "unknown key `colour`",
        ),
    ] {
        let run = f.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("readouts: "),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
}
