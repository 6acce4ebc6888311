//! The outputs a scholar drops into R, pandas or a paper, through the real
//! binary: every CSV the tool writes is opened with Python's `csv` module and,
//! where pandas is installed, with `pandas.read_csv(path)` as is (no options),
//! and its columns are asserted; `--provenance FILE` sidecars are JSON; JSON
//! is one document and JSON Lines one object per line; `--help` offers only
//! the formats a command has.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::Fixture;
use serde_json::Value;

/// Opens a CSV with Python: `csv` module (every record as long as the
/// header) and, if importable, `pandas.read_csv(path)` with no options.
const OPEN_CSV: &str = r#"
import csv, json, sys
path = sys.argv[1]
with open(path, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
out = {"header": header, "rows": len(body),
       "ragged": [i for i, r in enumerate(body) if len(r) != len(header)]}
try:
    import pandas
except ImportError:
    out["pandas"] = None
else:
    df = pandas.read_csv(path)
    out["pandas"] = {"columns": [str(c) for c in df.columns], "rows": len(df)}
print(json.dumps(out))
"#;

/// Whether `python3` runs at all (else the test prints SKIPPED).
fn python() -> bool {
    let ok = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        println!("SKIPPED: python3 not installed");
    }
    ok
}

/// Writes the CSV of `args` to a file, opens it with Python, asserts the
/// header is `columns` and pandas sees the same columns and rows; returns
/// the number of data rows.
fn check_csv(f: &Fixture, name: &str, args: &[&str], columns: &[&str]) -> usize {
    let run = f.run(args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    let path = f.write(&format!("{name}.csv"), &run.stdout);
    let report = open_with_python(&path);
    let header: Vec<&str> = report["header"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(header, columns, "{name}: columns");
    assert_eq!(
        report["ragged"],
        Value::Array(vec![]),
        "{name}: ragged rows"
    );
    let rows = report["rows"].as_u64().unwrap() as usize;
    assert!(rows > 0, "{name}: no data rows\n{}", run.stdout);
    match &report["pandas"] {
        Value::Null => println!("SKIPPED: pandas not installed (checked {name} with csv only)"),
        pandas => {
            assert_eq!(
                pandas["columns"], report["header"],
                "{name}: pandas columns"
            );
            assert_eq!(
                pandas["rows"].as_u64().unwrap() as usize,
                rows,
                "{name}: pandas rows"
            );
        }
    }
    rows
}

fn open_with_python(path: &Path) -> Value {
    let out = Command::new("python3")
        .arg("-c")
        .arg(OPEN_CSV)
        .arg(path)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python could not open {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("python printed JSON")
}

const CATEGORIES: [&str; 7] = [
    "cooperative",
    "confrontational",
    "disagreement_code",
    "demand",
    "commitment",
    "concern_ladder",
    "initiative",
];

#[test]
fn search_and_kwic_csvs_open_as_is_and_name_the_statement() {
    if !python() {
        return;
    }
    let f = Fixture::bundled();
    check_csv(
        &f,
        "search",
        &["search", "trade", "--format", "csv"],
        &[
            "rank",
            "score",
            "title",
            "date",
            "side",
            "issuer",
            "event",
            "statement",
            "url",
            "snippet_start_byte",
            "highlight_byte_ranges",
            "snippet",
        ],
    );
    check_csv(
        &f,
        "counts",
        &["search", "trade", "--count-by", "side", "--format", "csv"],
        &["side", "statements"],
    );
    check_csv(
        &f,
        "kwic",
        &["kwic", "progress", "--format", "csv"],
        &[
            "date",
            "side",
            "issuer",
            "title",
            "event",
            "statement",
            "start_byte",
            "end_byte",
            "left",
            "keyword",
            "right",
        ],
    );
}

#[test]
fn phrases_and_keyness_csvs_open_as_is() {
    if !python() {
        return;
    }
    let f = Fixture::bundled();
    check_csv(
        &f,
        "phrases",
        &["phrases", "--format", "csv"],
        &[
            "statement",
            "event",
            "side",
            "issuer",
            "date",
            "surface",
            "entry",
            "category",
            "start_byte",
            "end_byte",
            "start_char",
            "end_char",
            "grade",
            "weight",
            "negated",
            "negator",
            "sentence",
            "title",
        ],
    );
    let mut summary = vec!["side".to_string(), "statements".into(), "words".into()];
    for c in CATEGORIES {
        summary.extend([format!("{c}_hits"), format!("{c}_hits_per_1000_words")]);
    }
    summary.extend(["negated_hits".into(), "max_concern".into()]);
    let summary: Vec<&str> = summary.iter().map(String::as_str).collect();
    let sides = check_csv(
        &f,
        "phrases-summary",
        &["phrases", "--summary", "--format", "csv"],
        &summary,
    );
    assert_eq!(sides, 2, "USA and CHN");
    check_csv(
        &f,
        "keyness",
        &[
            "keyness",
            "--by",
            "side",
            "--min-count",
            "1",
            "--format",
            "csv",
        ],
        &[
            "group",
            "n",
            "rank",
            "term",
            "stems",
            "count_a",
            "count_b",
            "prior",
            "delta",
            "z",
            "prior_label",
            "prior_words",
        ],
    );
}

#[test]
fn tone_csvs_open_as_is_with_one_naming_scheme() {
    if !python() {
        return;
    }
    let f = Fixture::bundled();
    let rated = &CATEGORIES[..6];
    let mut groups = vec!["side", "statements", "words", "tone", "mean_tone"]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    for c in rated {
        groups.extend([
            format!("{c}_hits"),
            format!("{c}_weight"),
            format!("{c}_weight_per_1000_words"),
        ]);
    }
    groups.extend(["max_concern", "initiative_hits", "negated_hits"].map(String::from));
    let groups: Vec<&str> = groups.iter().map(String::as_str).collect();
    check_csv(&f, "tone", &["tone", "--format", "csv"], &groups);

    let mut events: Vec<String> = [
        "event",
        "title",
        "date",
        "kind",
        "initiator",
        "side",
        "statements",
        "words",
        "tone",
    ]
    .map(String::from)
    .to_vec();
    events.extend(rated.iter().map(|c| format!("{c}_weight_per_1000_words")));
    events.push("gap".into());
    let events: Vec<&str> = events.iter().map(String::as_str).collect();
    check_csv(
        &f,
        "tone-events",
        &["tone", "--rows", "events", "--format", "csv"],
        &events,
    );
    check_csv(
        &f,
        "tone-hits",
        &["tone", "--explain", "--format", "csv"],
        &[
            "statement",
            "event",
            "title",
            "side",
            "date",
            "words",
            "surface",
            "entry",
            "category",
            "weight",
            "negated",
            "start_byte",
            "end_byte",
            "start_char",
            "end_char",
            "sentence",
        ],
    );
}

#[test]
fn provenance_goes_to_a_json_sidecar_that_is_never_replaced() {
    let f = Fixture::bundled();
    let run = f.run(&["tone", "--format", "csv", "--provenance", "tone.json"]);
    run.expect_code(0);
    assert!(
        !run.stdout.contains('#'),
        "no comment lines:\n{}",
        run.stdout
    );
    let side: Value =
        serde_json::from_str(&std::fs::read_to_string(f.path("tone.json")).unwrap()).unwrap();
    assert_eq!(side["tool"], "readouts");
    assert_eq!(side["selected_statements"], 11);
    assert!(side["lexicon"].as_str().unwrap().contains("version"));
    assert!(side["formula"].as_str().unwrap().starts_with("tone = "));
    assert_eq!(
        side["command"],
        "readouts tone --format csv --provenance tone.json"
    );

    let again = f.run(&[
        "kwic",
        "progress",
        "--format",
        "csv",
        "--provenance",
        "tone.json",
    ]);
    again.expect_code(2);
    assert!(again.stdout.is_empty(), "refused before any output");
    assert!(
        again.stderr.contains("tone.json exists already"),
        "{}",
        again.stderr
    );
    let kept: Value =
        serde_json::from_str(&std::fs::read_to_string(f.path("tone.json")).unwrap()).unwrap();
    assert_eq!(kept, side, "the first sidecar is untouched");

    f.run(&[
        "kwic",
        "progress",
        "--format",
        "csv",
        "--provenance",
        "kwic.json",
    ])
    .expect_code(0);
    let kwic: Value =
        serde_json::from_str(&std::fs::read_to_string(f.path("kwic.json")).unwrap()).unwrap();
    assert_eq!(kwic["pattern"], "progress");
    assert_eq!(kwic["lines"], 4);
    assert_eq!(kwic["corpus"], "corpus");
    assert_eq!(kwic["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn json_is_one_document_and_jsonl_one_object_per_line() {
    let f = Fixture::bundled();
    for (args, list, count) in [
        (vec!["search", "trade"], "hits", "shown"),
        (vec!["kwic", "progress"], "lines", "count"),
    ] {
        let mut json = args.clone();
        json.extend(["--format", "json"]);
        let doc: Value = serde_json::from_str(&f.run(&json).stdout).expect("one document");
        let items = doc[list].as_array().unwrap();
        assert!(!items.is_empty(), "{args:?}");
        assert_eq!(doc[count].as_u64().unwrap() as usize, items.len());

        let mut jsonl = args.clone();
        jsonl.extend(["--format", "jsonl"]);
        let run = f.run(&jsonl);
        let lines: Vec<Value> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("one object per line"))
            .collect();
        assert_eq!(&lines, items, "{args:?}: the same objects");
        assert!(items.iter().all(|i| i["title"].is_string()), "titles");
    }
}

#[test]
fn help_lists_only_the_formats_a_command_has() {
    let f = Fixture::bundled();
    for (command, formats) in [
        ("check", "text, json]"),
        ("search", "text, json, jsonl, csv, html]"),
        ("kwic", "text, json, jsonl, csv]"),
        ("diff", "text, json, md, html]"),
        ("tone", "text, json, csv, md, html]"),
        ("keyness", "text, json, csv, html]"),
        ("phrases", "text, json, csv, md]"),
    ] {
        let run = f.run(&[command, "-h"]);
        run.expect_code(0);
        let line = run
            .stdout
            .lines()
            .skip_while(|l| !l.trim_start().starts_with("--format <FORMAT>"))
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            line.contains(&format!("[possible values: {formats}")),
            "{command}: {line}"
        );
        let global = run.stdout.find("Global options:").expect("global heading");
        let corpus = run.stdout.find("--corpus <DIR>").unwrap();
        assert!(corpus > global, "{command}: --corpus under Global options");
    }
}

/// A corpus of three one-sided events (two USA, one CHN) and one bad file.
fn one_sided() -> Fixture {
    let f = Fixture::empty();
    for (id, side) in [("a", "USA"), ("b", "USA"), ("c", "CHN")] {
        f.write(
            &format!("corpus/{id}.toml"),
            format!(
                "id = \"{id}\"\ndate = \"2020-08-25\"\nkind = \"call\"\ntitle = \"T\"\n\n[[statements]]\nside = \"{side}\"\nissuer = \"X\"\ncoverage = \"excerpt\"\ntext = \"Some words.\"\n"
            ),
        );
    }
    f
}

#[test]
fn check_groups_warnings_by_kind_and_quiet_lists_errors_only() {
    let f = one_sided();
    let run = f.run(&["check", "--color", "never"]);
    run.expect_code(0);
    let listed = run.stdout.matches(": warning: event `").count();
    assert_eq!(listed, 3, "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "warnings by kind:\n       3  event `…` has a statement from … only  (first: corpus/a.toml:1:1)\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("ok: 3 events, 3 statements, 2 sides (CHN, USA)"),
        "{}",
        run.stdout
    );

    f.write("corpus/bad.toml", "id = \n");
    let quiet = f.run(&["check", "--quiet", "--color", "never"]);
    quiet.expect_code(1);
    assert_eq!(
        quiet.stdout.matches(": warning:").count(),
        0,
        "{}",
        quiet.stdout
    );
    assert!(
        quiet.stdout.starts_with("corpus/bad.toml:1:"),
        "{}",
        quiet.stdout
    );
    assert!(
        quiet.stdout.contains("       3  event `…`"),
        "{}",
        quiet.stdout
    );
    assert!(
        quiet.stdout.contains("1 error, 3 warnings:"),
        "{}",
        quiet.stdout
    );

    let json = f.run(&["check", "--quiet", "--format", "json"]);
    let doc: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        doc["diagnostics"].as_array().unwrap().len(),
        1,
        "errors only"
    );
    assert_eq!(doc["warnings"], 3);
    assert_eq!(doc["warning_kinds"][0]["count"], 3);
}

#[test]
fn counts_are_worded_in_the_singular_for_one() {
    let f = Fixture::empty();
    f.write(
        "corpus/a.toml",
        "id = \"a\"\ndate = \"2020-08-25\"\nkind = \"call\"\ntitle = \"T\"\n\n[[statements]]\nside = \"USA\"\nissuer = \"X\"\ncoverage = \"excerpt\"\ntext = \"Cooperation.\"\n",
    );
    let check = f.run(&["check", "--color", "never"]);
    assert!(
        check
            .stdout
            .contains("ok: 1 event, 1 statement, 1 side (USA)"),
        "{}",
        check.stdout
    );
    let tone = f.run(&["tone", "--color", "never"]);
    assert!(
        tone.stdout.contains("(1 event, 1 statement,"),
        "{}",
        tone.stdout
    );
    assert!(!tone.stdout.contains(" 1 events") && !tone.stdout.contains(" 1 statements"));
}

#[test]
fn man_dir_writes_one_page_per_subcommand_and_replaces_none() {
    let f = Fixture::empty();
    let run = f.run(&["man", "--dir", "man"]);
    run.expect_code(0);
    for page in [
        "readouts",
        "readouts-tone",
        "readouts-search",
        "readouts-check",
    ] {
        let text = std::fs::read_to_string(f.path(&format!("man/{page}.1"))).unwrap();
        assert!(text.contains(".TH"), "{page} is roff");
        assert!(text.contains(page), "{page} names itself");
    }
    let tone = std::fs::read_to_string(f.path("man/readouts-tone.1")).unwrap();
    assert!(
        tone.contains("provenance"),
        "the tone page lists its options"
    );
    let again = f.run(&["man", "--dir", "man"]);
    again.expect_code(2);
    assert!(again.stderr.contains("never replaced"), "{}", again.stderr);
}
