//! Hostile and unusual input: the tool explains every bad file, keeps every
//! good one, and never panics. (Index, concurrency and HTML cases join this
//! catalogue as those commands land.)

use crate::common;

use common::Fixture;

const EVENT: &str = "id = \"big\"\ndate = \"2021-01-01\"\nkind = \"speech\"\ntitle = \"T\"\n\n[[statements]]\nside = \"FRA\"\nissuer = \"MFA\"\ncoverage = \"full\"\ntext = \"\"\"\n";

fn jsonl_line(n: usize) -> String {
    format!(
        r#"{{"event":"e{}","date":"2001","kind":"speech","event_title":"Event {}","side":"{}","issuer":"MFA","coverage":"full","text":"statement number {n}"}}"#,
        n / 2,
        n / 2,
        if n % 2 == 0 { "USA" } else { "CHN" }
    )
}

#[test]
fn a_twenty_megabyte_statement_is_read_whole() {
    let f = Fixture::empty();
    let mut text = String::from(EVENT);
    let sentence = "The two sides held a constructive dialogue on trade. ";
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(sentence);
    }
    text.push_str("\"\"\"\n");
    f.write("corpus/big.toml", &text);
    let run = f.run(&["check"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("ok: 1 event, 1 statement,"),
        "{}",
        run.stdout
    );
}

#[test]
fn fifty_thousand_lines_with_one_broken_line_lose_only_that_line() {
    let f = Fixture::empty();
    let mut lines: Vec<String> = (0..50_000).map(jsonl_line).collect();
    lines[25_000] = lines[25_000].replace("\"text\":", "\"text\"");
    f.write("corpus/import.jsonl", lines.join("\n") + "\n");
    let run = f.run(&["check"]);
    run.expect_code(1);
    let errors: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("corpus/"))
        .collect();
    let broken: Vec<&&str> = errors.iter().filter(|l| !l.contains("warning:")).collect();
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(
        broken[0].starts_with("corpus/import.jsonl:25001:"),
        "{}",
        broken[0]
    );
    assert!(broken[0].contains("not valid JSON"), "{}", broken[0]);
    // event e12500 lost its USA line and is now one-sided: a warning, not a loss elsewhere
    assert!(
        run.stdout.contains("25000 events, 49999 statements"),
        "{}",
        run.stdout.lines().last().unwrap()
    );
}

#[test]
fn valid_files_beside_bad_ones_are_all_checked() {
    let f = Fixture::bundled();
    f.write("corpus/bad/latin1.toml", b"title = \"R\xe9union\"\n");
    f.write("corpus/bad/empty.toml", b"");
    f.write("corpus/bad/syntax.toml", b"id = \n");
    f.write("corpus/bad/junk.jsonl", b"not json\n");
    let run = f.run(&["check"]);
    run.expect_code(1);
    for file in ["latin1.toml", "empty.toml", "syntax.toml", "junk.jsonl"] {
        assert!(
            run.stdout.contains(&format!("corpus/bad/{file}:1:")),
            "{file}: {}",
            run.stdout
        );
    }
    let bundled = Fixture::bundled().run(&["check"]);
    let count = |s: &str| {
        s.lines()
            .last()
            .unwrap()
            .split("valid part: ")
            .last()
            .unwrap()
            .split(", 2 sides")
            .next()
            .unwrap()
            .to_string()
    };
    assert!(
        bundled
            .stdout
            .lines()
            .last()
            .unwrap()
            .contains(&count(&run.stdout)),
        "bad files cost good events: {}",
        run.stdout
    );
}

#[test]
fn a_corpus_path_that_is_a_file_is_explained() {
    let f = Fixture::empty();
    f.write("notes.txt", "x");
    let run = f.run(&["check", "notes.txt"]);
    run.expect_code(2);
    assert_eq!(run.stderr, "readouts: cannot check the corpus: notes.txt is not a folder; --corpus takes the folder holding the event files\n");
}

/// Every command that reads the corpus names a missing corpus folder the way
/// `check` does (search and index used to print the OS error twice).
#[test]
fn a_missing_corpus_folder_is_named_by_every_command() {
    let f = Fixture::empty();
    for args in [
        &["search", "trade"][..],
        &["index"],
        &["kwic", "trade"],
        &["check"],
    ] {
        let mut all = vec!["--corpus", "nowhere"];
        all.extend_from_slice(args);
        let run = f.run(&all);
        run.expect_code(2);
        assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("corpus folder nowhere does not exist (give another with --corpus DIR)"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn regular_expressions_that_would_be_catastrophic_are_refused_or_harmless() {
    let f = Fixture::bundled();
    let nested = f.run(&["search", "(a+)+$"]);
    nested.expect_code(2);
    assert_eq!(nested.stderr.lines().count(), 1, "{}", nested.stderr);
    assert!(
        nested
            .stderr
            .starts_with("readouts: the query does not parse at character 5"),
        "{}",
        nested.stderr
    );
    let regex = f.run(&["search", "/(a|aa)*b{1,1000}/"]);
    regex.expect_code(2);
    assert!(
        regex.stderr.contains("Regex queries are not allowed"),
        "{}",
        regex.stderr
    );
    // kwic reads a pattern as words, never as a regular expression
    let kwic = f.run(&["kwic", "/(a|aa)*b{1,1000}/"]);
    assert!(kwic.code == 1 || kwic.code == 2, "{kwic:?}");
    assert!(!kwic.stderr.contains("panicked"), "{}", kwic.stderr);
}
