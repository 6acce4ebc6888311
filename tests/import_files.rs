//! `readouts import jsonl|csv`: field mapping, bad rows reported by line and
//! skipped (or refused with --strict), idempotent re-runs, and the result
//! checks clean and is searchable.

use crate::common;

use common::Fixture;

const JSONL: &str = r#"{"publish_time":"2020-08-25T09:00:00Z","content":"We oppose unilateral bullying.","title":"Remarks","source_url":"https://example.gov/a","type":"MFA"}
{"publish_time":"2020-08-26","content":broken}
{"publish_time":"2020-09-01","content":"Win-win cooperation serves both.","title":"Briefing","source_url":"https://example.gov/b","type":"MFA"}
{"content":"no date here","title":"x","type":"MFA"}
"#;

/// The one file the import wrote under corpus/import.
fn only_import(f: &Fixture) -> std::path::PathBuf {
    let files: Vec<_> = std::fs::read_dir(f.path("corpus/import"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

const MAP: &str = "date=publish_time,text=content,title=title,url=source_url,issuer=type";

#[test]
fn jsonl_rows_are_mapped_bad_ones_reported_and_reruns_do_not_duplicate() {
    let f = Fixture::empty();
    f.write("mfa.jsonl", JSONL);
    let args = [
        "import",
        "jsonl",
        "mfa.jsonl",
        "--map",
        MAP,
        "--set",
        "side=CHN",
        "--into",
        "corpus",
    ];
    let run = f.run(&args);
    run.expect_code(1);
    assert!(
        run.stdout.contains("skipped mfa.jsonl:2: not valid JSON"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("skipped mfa.jsonl:4: no value for date"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("imported 2 statements in 2 events"),
        "{}",
        run.stdout
    );
    let first = std::fs::read_to_string(only_import(&f)).unwrap();
    f.run(&args).expect_code(1);
    let second = std::fs::read_to_string(only_import(&f)).unwrap();
    assert_eq!(first, second);
    let check = f.run(&["check"]);
    assert!(
        check.stdout.contains("2 events, 2 statements"),
        "{}",
        check.stdout
    );
    let found = f.run(&["search", "bullied", "--format", "csv"]);
    found.expect_code(0);
    assert!(
        found.stdout.contains(",Remarks,2020-08-25,CHN,MFA,"),
        "{}",
        found.stdout
    );
}

#[test]
fn strict_refuses_a_file_with_a_bad_row() {
    let f = Fixture::empty();
    f.write("mfa.jsonl", JSONL);
    let run = f.run(&[
        "import",
        "jsonl",
        "mfa.jsonl",
        "--map",
        MAP,
        "--set",
        "side=CHN",
        "--into",
        "corpus",
        "--strict",
    ]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("line 2: not valid JSON"),
        "{}",
        run.stderr
    );
    assert!(!f.path("corpus/import").exists());
}

#[test]
fn csv_rows_with_quoted_line_breaks_import_and_bad_rows_name_their_line() {
    let f = Fixture::empty();
    f.write(
        "state.csv",
        "date,body,headline,office,country\n\
         2020-08-25,\"Both sides see progress,\nand more.\",Review,USTR,USA\n\
         2020-08-26,too,few\n\
         2020-13-01,bad date,x,USTR,USA\n",
    );
    let run = f.run(&[
        "import",
        "csv",
        "state.csv",
        "--map",
        "date=date,text=body,title=headline,issuer=office,side=country",
        "--into",
        "corpus",
    ]);
    run.expect_code(1);
    assert!(
        run.stdout
            .contains("skipped state.csv:4: 3 fields where the header has 5"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("skipped state.csv:5: date: `2020-13-01` is not a date"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("imported 1 statement in 1 event "),
        "{}",
        run.stdout
    );
    let kwic = f.run(&["kwic", "progress", "--format", "csv"]);
    assert!(
        kwic.stdout
            .contains("Both sides see ,progress,\", and more.\""),
        "{}",
        kwic.stdout
    );
}

#[test]
fn a_mapping_without_a_side_is_refused_with_what_to_add() {
    let f = Fixture::empty();
    f.write("mfa.jsonl", JSONL);
    let run = f.run(&["import", "jsonl", "mfa.jsonl", "--map", MAP]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("--map side=SOURCE_FIELD or --set side=VALUE"),
        "{}",
        run.stderr
    );
}
