//! `readouts check`: every corpus problem is reported at once as
//! `file:line:column: message`, valid files are still read, and the exit
//! status says whether anything is wrong.

use crate::common;

use common::Fixture;

const GOOD: &str = r#"id = "2020-08-25-call"
date = "2020-08-25"
kind = "call"
title = "Review call"

[[statements]]
side = "USA"
issuer = "USTR"
coverage = "excerpt"
text = "Both sides see progress."

[[statements]]
side = "cn"
issuer = "MOFCOM"
coverage = "excerpt"
text = "constructive dialogue"
"#;

/// The corpus with `GOOD` and one more file; returns the check run.
fn check_with(rel: &str, content: &[u8]) -> common::Run {
    let f = Fixture::empty();
    f.write("corpus/2020/2020-08-25-call.toml", GOOD);
    f.write(rel, content);
    f.run(&["check"])
}

fn error_lines(run: &common::Run) -> Vec<&str> {
    run.stdout
        .lines()
        .filter(|l| l.starts_with("corpus/"))
        .collect()
}

#[test]
fn the_bundled_corpus_passes() {
    let run = Fixture::bundled().run(&["check"]);
    run.expect_code(0);
    let last = run.stdout.lines().last().unwrap();
    assert!(last.starts_with("ok: "), "{last}");
    assert!(last.contains("sides (CHN, USA)"), "{last}");
}

#[test]
fn a_valid_corpus_gets_a_one_line_summary() {
    let f = Fixture::empty();
    f.write("corpus/2020/2020-08-25-call.toml", GOOD);
    let run = f.run(&["check"]);
    run.expect_code(0);
    assert_eq!(
        run.stdout,
        "ok: 1 event, 2 statements, 2 sides (CHN, USA), 2020-08-25 to 2020-08-25\n"
    );
}

#[test]
fn a_broken_copy_of_the_bundled_corpus_fails_and_names_the_file() {
    let f = Fixture::bundled();
    let path = "corpus/2020/2020-08-25-phase-one-review.toml";
    let text = std::fs::read_to_string(f.path(path)).unwrap();
    f.write(
        path,
        text.replace("date = \"2020-08-25\"", "date = \"2020-08-32\""),
    );
    let run = f.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stdout.contains("corpus/2020/2020-08-25-phase-one-review.toml:2:8: `2020-08-32` is not a date: 2020-08 has 31 days"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.lines().last().unwrap().starts_with("1 error, "),
        "{}",
        run.stdout
    );
}

#[test]
fn missing_field() {
    let run = check_with(
        "corpus/x.toml",
        GOOD.replace("kind = \"call\"\n", "")
            .replace("2020-08-25-call", "x")
            .as_bytes(),
    );
    run.expect_code(1);
    assert_eq!(
        error_lines(&run),
        ["corpus/x.toml:1:1: missing field `kind` in the event"]
    );
}

#[test]
fn unknown_field_with_suggestion() {
    let text = GOOD
        .replace("2020-08-25-call", "x")
        .replace("title = ", "titel = ");
    let run = check_with("corpus/x.toml", text.as_bytes());
    run.expect_code(1);
    assert_eq!(
        error_lines(&run),
        [
            "corpus/x.toml:1:1: missing field `title` in the event",
            "corpus/x.toml:4:1: unknown field `titel` in the event; did you mean `title`?"
        ]
    );
}

#[test]
fn bad_date() {
    let text = GOOD
        .replace("2020-08-25-call", "x")
        .replace("date = \"2020-08-25\"", "date = \"2020-02-30\"");
    let run = check_with("corpus/x.toml", text.as_bytes());
    run.expect_code(1);
    assert_eq!(
        error_lines(&run),
        ["corpus/x.toml:2:8: `2020-02-30` is not a date: 2020-02 has 29 days"]
    );
}

#[test]
fn unknown_side_code() {
    let text = GOOD
        .replace("2020-08-25-call", "x")
        .replace("side = \"cn\"", "side = \"PRC\"");
    let run = check_with("corpus/x.toml", text.as_bytes());
    run.expect_code(1);
    let lines = error_lines(&run);
    assert_eq!(lines.len(), 2, "{lines:?}"); // the error, and the event is now one-sided
    assert_eq!(
        lines[0],
        "corpus/x.toml:1:1: warning: event `x` has a statement from USA only"
    );
    assert!(
        lines[1].starts_with(
            "corpus/x.toml:13:8: unknown side code `PRC`; use an ISO 3166-1 alpha-3 code"
        ),
        "{}",
        lines[1]
    );
}

#[test]
fn side_code_with_odd_unicode() {
    let text = GOOD
        .replace("2020-08-25-call", "x")
        .replace("side = \"cn\"", "side = \"C\u{200B}N\"");
    let run = check_with("corpus/x.toml", text.as_bytes());
    run.expect_code(1);
    assert!(
        run.stdout.contains(
            "corpus/x.toml:13:8: side code `C\\u{200b}N` contains an invisible character (U+200B)"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn empty_text() {
    let text = GOOD
        .replace("2020-08-25-call", "x")
        .replace("text = \"constructive dialogue\"", "text = \"  \"");
    let run = check_with("corpus/x.toml", text.as_bytes());
    run.expect_code(1);
    assert!(
        run.stdout
            .contains("corpus/x.toml:16:8: field `text` is empty; give it a value\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn duplicate_event_id_across_toml_and_jsonl() {
    let line = r#"{"event":"2020-08-25-call","date":"2020-08-25","kind":"call","event_title":"T","side":"USA","issuer":"USTR","coverage":"full","text":"x"}"#;
    let run = check_with("corpus/more.jsonl", format!("{line}\n").as_bytes());
    run.expect_code(1);
    assert_eq!(
        error_lines(&run),
        ["corpus/more.jsonl:1:1: duplicate event id `2020-08-25-call`: already defined in corpus/2020/2020-08-25-call.toml:1; event ids must be unique"]
    );
}

#[test]
fn lines_of_one_event_in_two_files_that_disagree_on_its_title_are_named_with_both_places() {
    let line = |title: &str, side: &str| {
        format!(
            r#"{{"event":"e1","date":"2021-11-16","kind":"meeting","event_title":"{title}","side":"{side}","issuer":"I","coverage":"full","text":"x"}}"#
        )
    };
    let f = Fixture::empty();
    f.write(
        "corpus/a.jsonl",
        format!("{}\n", line("Virtual meeting", "USA")),
    );
    f.write(
        "corpus/b.jsonl",
        format!("{}\n", line("Video summit", "CHN")),
    );
    let run = f.run(&["check"]);
    run.expect_code(1);
    let errors: Vec<&str> = error_lines(&run)
        .into_iter()
        .filter(|l| !l.contains(": warning:"))
        .collect();
    assert_eq!(
        errors,
        ["corpus/b.jsonl:1:1: `event_title` of event `e1` is \"Video summit\" here but \"Virtual meeting\" in corpus/a.jsonl:1; every line of one event must carry the same event fields, so these statements are left out"]
    );
}

#[test]
fn not_utf8() {
    let run = check_with(
        "corpus/latin1.toml",
        b"id = \"x\"\ntitle = \"R\xe9union\"\n",
    );
    run.expect_code(1);
    assert_eq!(
        error_lines(&run),
        ["corpus/latin1.toml:2:11: not UTF-8 text; save the file as UTF-8"]
    );
    assert!(
        run.stdout
            .lines()
            .last()
            .unwrap()
            .contains("1 event, 2 statements"),
        "the valid file is still read: {}",
        run.stdout
    );
}

#[test]
fn toml_syntax_error_has_line_and_column() {
    let run = check_with(
        "corpus/bad.toml",
        b"id = \"x\"\ndate = 2020-08-25\ntitle = \"unterminated\n",
    );
    run.expect_code(1);
    let lines = error_lines(&run);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("corpus/bad.toml:3:22: TOML syntax error: "),
        "{}",
        lines[0]
    );
}

#[test]
fn empty_and_binary_files() {
    let f = Fixture::empty();
    f.write("corpus/2020/2020-08-25-call.toml", GOOD);
    f.write("corpus/empty.toml", "");
    f.write("corpus/blob.jsonl", b"\x7fELF\x00\x01");
    let run = f.run(&["check"]);
    run.expect_code(1);
    assert_eq!(
        error_lines(&run),
        [
            "corpus/blob.jsonl:1:5: binary file (it holds NUL bytes), not TOML or JSON Lines text",
            "corpus/empty.toml:1:1: empty file; remove it or give it an event",
        ]
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let crlf = GOOD.replace("2020-08-25-call", "y").replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(crlf.as_bytes());
    let run = check_with("corpus/y.toml", &bytes);
    run.expect_code(0);
    assert!(
        run.stdout.starts_with("ok: 2 events, 4 statements"),
        "{}",
        run.stdout
    );
}

#[test]
fn jsonl_broken_line_is_reported_and_the_rest_kept() {
    let good = |side: &str| {
        format!(
            r#"{{"event":"e1","date":"2021","kind":"speech","event_title":"T","side":"{side}","issuer":"MFA","coverage":"full","text":"words"}}"#
        )
    };
    let content = format!(
        "{}\n{{\"event\": \"e1\", oops\n{}\n",
        good("FRA"),
        good("DEU")
    );
    let run = check_with("corpus/import.jsonl", content.as_bytes());
    run.expect_code(1);
    let lines = error_lines(&run);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("corpus/import.jsonl:2:17: not valid JSON: "),
        "{}",
        lines[0]
    );
    assert!(
        run.stdout
            .contains("2 events, 4 statements, 4 sides (CHN, DEU, FRA, USA)"),
        "{}",
        run.stdout
    );
}

#[test]
fn jsonl_field_errors_point_at_the_field() {
    let line = r#"{"event":"e1","date":"2021-13","kind":"speech","event_title":"T","side":"FRA","issuer":"MFA","coverage":"partial","text":"w"}"#;
    let run = check_with("corpus/import.jsonl", format!("{line}\n").as_bytes());
    run.expect_code(1);
    assert_eq!(
        error_lines(&run),
        [
            "corpus/import.jsonl:1:22: `2021-13` is not a date: there is no month 13",
            "corpus/import.jsonl:1:105: coverage `partial` is neither `full` nor `excerpt`",
        ]
    );
}

#[test]
fn one_sided_events_are_warnings_listed_in_the_summary() {
    let one = GOOD
        .replace("2020-08-25-call", "z")
        .split("\n[[statements]]\nside = \"cn\"")
        .next()
        .unwrap()
        .to_string();
    let run = check_with("corpus/z.toml", one.as_bytes());
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("corpus/z.toml:1:1: warning: event `z` has a statement from USA only\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("; 1 with one side only: z\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_missing_corpus_folder_is_an_error_with_status_2() {
    let run = Fixture::empty().run(&["check", "nowhere"]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "readouts: cannot check the corpus: corpus folder nowhere does not exist (give another with --corpus DIR)\n");
}

#[test]
fn json_output_carries_the_diagnostics() {
    let text = GOOD
        .replace("2020-08-25-call", "x")
        .replace("date = \"2020-08-25\"", "date = \"2020-02-30\"");
    let f = Fixture::empty();
    f.write("corpus/x.toml", text);
    let run = f.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["errors"], 1);
    assert_eq!(v["diagnostics"][0]["line"], 2);
    assert_eq!(v["diagnostics"][0]["column"], 8);
    assert_eq!(
        v["diagnostics"][0]["message"],
        "`2020-02-30` is not a date: 2020-02 has 29 days"
    );
}

#[test]
fn unsupported_format_is_refused() {
    let run = Fixture::bundled().run(&["check", "--format", "html"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr,
        "readouts: invalid value 'html' for '--format <FORMAT>' [possible values: text, json] (more with --help)\n"
    );
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let f = Fixture::bundled();
    let always = f.run(&["--color", "always", "check"]);
    assert!(
        common::ansi_to_tags(&always.stdout).contains("<1;32>ok:</>"),
        "{}",
        always.stdout
    );
    let never = f.run(&["--color", "never", "check"]);
    assert!(!never.stdout.contains('\x1b'));
    // auto never colours a pipe, with or without NO_COLOR
    let auto = Fixture::bundled().env("NO_COLOR", "1").run(&["check"]);
    assert!(!auto.stdout.contains('\x1b'));
}

#[test]
fn completions_and_man_page_are_generated() {
    let f = Fixture::empty();
    let bash = f.run(&["completions", "bash"]);
    bash.expect_code(0);
    assert!(bash.stdout.contains("readouts") && bash.stdout.contains("check"));
    let man = f.run(&["man"]);
    man.expect_code(0);
    assert!(
        man.stdout.contains(".TH readouts"),
        "{}",
        &man.stdout[..200.min(man.stdout.len())]
    );
}
