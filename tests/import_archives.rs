//! Imports of real-world archives through the binary: dates as publishers
//! print them, truthful summaries and exit statuses, ids that survive a
//! renamed input, output files that never collide, shrink or tear (also
//! under concurrent imports), stray CSV quotes, and UN corpus years held in
//! two folders.

use crate::common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::Fixture;
use serde_json::Value;

/// Three State Department releases as an RSS scrape would dump them.
const STATE: &str = r#"{"title":"Secretary Blinken's Call with Chinese Foreign Minister Wang","link":"https://www.state.gov/secretary-blinkens-call-with-wang/","pubDate":"Wed, 03 Aug 2022 01:30:00 +0000","description":"The Secretary stressed open lines of communication."}
{"title":"Deputy Secretary Sherman's Meeting","link":"https://www.state.gov/deputy-secretary-shermans-meeting/","pubDate":"Sat, 22 May 2021 12:00:47 +0000","description":"The Deputy Secretary raised human rights."}
{"title":"Statement on Hong Kong","pubDate":"Tue, 01 Mar 2022 23:15:00 -0500","description":"We stand with the people of Hong Kong."}
"#;

const MAP: &str = "date=pubDate,text=description,title=title,url=link";
const ISSUER: &str = "issuer=Antony J. Blinken, Secretary of State";

fn import(f: &Fixture, kind: &str, file: &str, into: &str, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "import", kind, file, "--map", MAP, "--set", "side=USA", "--set", ISSUER, "--into", into,
    ];
    args.extend_from_slice(extra);
    f.run(&args)
}

/// Every line of every JSONL file under `dir/import`, parsed (panics on a torn line).
fn imported(dir: &Path) -> Vec<Value> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir.join("import")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            for line in fs::read_to_string(&path).unwrap().lines() {
                let value = serde_json::from_str(line)
                    .unwrap_or_else(|e| panic!("{}: broken line {line:?}: {e}", path.display()));
                out.push(value);
            }
        }
    }
    out
}

fn jsonl_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir.join("import"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".jsonl"))
        .collect();
    names.sort();
    names
}

fn field<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_default()
}

#[test]
fn rfc2822_pub_dates_import_with_new_york_dates_and_issuers_keep_their_commas() {
    let f = Fixture::empty();
    f.write("state.jsonl", STATE);
    let run = import(&f, "jsonl", "state.jsonl", "corpus", &[]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("imported 3 statements in 3 events"),
        "{}",
        run.stdout
    );
    let lines = imported(&f.path("corpus"));
    let dates: BTreeSet<&str> = lines.iter().map(|v| field(v, "date")).collect();
    // 01:30 UTC on Aug 3 is the evening of Aug 2 in Washington; 23:15 -05:00 stays Mar 1.
    assert_eq!(
        dates,
        BTreeSet::from(["2021-05-22", "2022-03-01", "2022-08-02"])
    );
    assert!(lines
        .iter()
        .all(|v| field(v, "issuer") == "Antony J. Blinken, Secretary of State"));
    f.run(&["check"]).expect_code(0);

    let utc = import(&f, "jsonl", "state.jsonl", "utc", &["--tz", "UTC"]);
    utc.expect_code(0);
    let dates: BTreeSet<String> = imported(&f.path("utc"))
        .iter()
        .map(|v| field(v, "date").to_string())
        .collect();
    assert!(
        dates.contains("2022-08-03") && dates.contains("2022-03-02"),
        "{dates:?}"
    );
}

#[test]
fn an_archive_whose_every_row_fails_exits_2_and_writes_nothing() {
    let f = Fixture::empty();
    f.write(
        "bad.jsonl",
        "{\"pubDate\":\"yesterday\",\"description\":\"a\"}\n{\"pubDate\":\"soon\",\"description\":\"b\"}\n",
    );
    let run = import(&f, "jsonl", "bad.jsonl", "corpus", &[]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("nothing could be imported from bad.jsonl"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("skipped bad.jsonl:1: date: `yesterday` is not a date"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("skipped bad.jsonl:2:"),
        "{}",
        run.stdout
    );
    let written: Vec<_> = fs::read_dir(f.path("corpus/import"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name())
                .filter(|n| n.to_string_lossy().ends_with(".jsonl"))
                .collect()
        })
        .unwrap_or_default();
    assert!(written.is_empty(), "{written:?}");
}

#[test]
fn a_renamed_input_gives_the_same_ids_and_a_rerun_adds_nothing() {
    let f = Fixture::empty();
    f.write("state.jsonl", STATE);
    f.write("renamed/releases-2022.jsonl", STATE);
    import(&f, "jsonl", "state.jsonl", "a", &[]).expect_code(0);
    import(&f, "jsonl", "renamed/releases-2022.jsonl", "b", &[]).expect_code(0);
    let ids = |dir: &str| -> BTreeSet<String> {
        imported(&f.path(dir))
            .iter()
            .map(|v| field(v, "event").to_string())
            .collect()
    };
    let a = ids("a");
    assert_eq!(a.len(), 3);
    assert_eq!(a, ids("b"));
    assert!(
        a.iter()
            .any(|id| id.starts_with("secretary-blinkens-call-with-wang-")),
        "{a:?}"
    );
    assert!(
        a.iter()
            .any(|id| id.starts_with("2022-03-01-statement-on-hong-kong-")),
        "{a:?}"
    );
    assert!(
        a.iter()
            .all(|id| !id.contains("state") || id.contains("statement")),
        "{a:?}"
    );

    let before =
        fs::read_to_string(f.path("a/import").join(&jsonl_files(&f.path("a"))[0])).unwrap();
    import(&f, "jsonl", "state.jsonl", "a", &[]).expect_code(0);
    assert_eq!(jsonl_files(&f.path("a")).len(), 1);
    let after = fs::read_to_string(f.path("a/import").join(&jsonl_files(&f.path("a"))[0])).unwrap();
    assert_eq!(before, after);
    let check = f.run(&["check", "--corpus", "a"]);
    assert!(
        check.stdout.contains("3 events, 3 statements"),
        "{}",
        check.stdout
    );
}

#[test]
fn a_mistyped_map_does_not_replace_a_good_import() {
    let f = Fixture::empty();
    f.write("state.jsonl", STATE);
    import(&f, "jsonl", "state.jsonl", "corpus", &[]).expect_code(0);
    let file = f
        .path("corpus/import")
        .join(&jsonl_files(&f.path("corpus"))[0]);
    let good = fs::read_to_string(&file).unwrap();

    // every row loses its text: nothing to import, the good file stays
    let typo = f.run(&[
        "import",
        "jsonl",
        "state.jsonl",
        "--map",
        "date=pubDate,text=descripton",
        "--set",
        "side=USA",
        "--set",
        ISSUER,
        "--into",
        "corpus",
    ]);
    typo.expect_code(2);
    assert_eq!(fs::read_to_string(&file).unwrap(), good);

    // the archive lost a row: fewer statements than the file holds
    f.write(
        "two.jsonl",
        STATE.lines().take(2).collect::<Vec<_>>().join("\n"),
    );
    fs::copy(f.path("two.jsonl"), f.path("state.jsonl")).unwrap();
    let shrink = import(&f, "jsonl", "state.jsonl", "corpus", &[]);
    shrink.expect_code(2);
    assert!(
        shrink
            .stderr
            .contains("holds 3 statements and this import would write 2")
            && shrink.stderr.contains("--force"),
        "{}",
        shrink.stderr
    );
    assert_eq!(fs::read_to_string(&file).unwrap().lines().count(), 3);
    import(&f, "jsonl", "state.jsonl", "corpus", &["--force"]).expect_code(0);
    assert_eq!(fs::read_to_string(&file).unwrap().lines().count(), 2);
}

#[test]
fn sources_with_the_same_stem_or_odd_names_get_their_own_visible_files() {
    let f = Fixture::empty();
    let row = |n: usize| {
        format!("{{\"title\":\"Release {n}\",\"pubDate\":\"2022-0{n}-01\",\"description\":\"Text {n}.\"}}\n")
    };
    let sources = [
        "2024/mfa.jsonl",
        "2025/mfa.jsonl",
        ".hidden.jsonl",
        "外交部.jsonl",
    ];
    for (i, s) in sources.iter().enumerate() {
        f.write(s, row(i + 1));
        import(&f, "jsonl", s, "corpus", &[]).expect_code(0);
    }
    f.write(
        "mfa.csv",
        "title,pubDate,description,link\nRelease 5,2022-05-01,Text 5.,\n",
    );
    import(&f, "csv", "mfa.csv", "corpus", &[]).expect_code(0);
    let files = jsonl_files(&f.path("corpus"));
    assert_eq!(files.len(), 5, "{files:?}");
    assert!(files.iter().all(|n| !n.starts_with('.')), "{files:?}");
    assert!(
        files.iter().any(|n| n.starts_with("外交部-jsonl-")),
        "{files:?}"
    );
    let check = f.run(&["check"]);
    assert!(
        check.stdout.contains("5 events, 5 statements"),
        "{}",
        check.stdout
    );
}

#[test]
fn concurrent_imports_leave_whole_lines() {
    let f = Fixture::empty();
    let mut big = String::new();
    for i in 0..400 {
        big.push_str(&format!(
            "{{\"title\":\"Release {i}\",\"pubDate\":\"2022-08-03\",\"description\":\"{}\"}}\n",
            "word ".repeat(200)
        ));
    }
    f.write("big.jsonl", &big);
    f.write("other.jsonl", STATE);
    let args = |file: &'static str| {
        vec![
            "import", "jsonl", file, "--map", MAP, "--set", "side=USA", "--set", ISSUER, "--into",
            "corpus",
        ]
    };
    let children: Vec<_> = (0..6)
        .map(|i| {
            let file = if i % 3 == 2 {
                "other.jsonl"
            } else {
                "big.jsonl"
            };
            f.command(&args(file))
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let lines = imported(&f.path("corpus"));
    assert_eq!(lines.len(), 403);
    assert_eq!(jsonl_files(&f.path("corpus")).len(), 2);
    let check = f.run(&["check"]);
    assert!(
        check.stdout.contains("403 events, 403 statements"),
        "{}",
        check.stdout
    );
}

#[test]
fn a_stray_csv_quote_costs_one_row_not_the_rest() {
    let f = Fixture::empty();
    let mut csv = String::from("title,pubDate,description,link\n");
    csv.push_str("Bad,2022-01-01,\"He said \"\"no,\n");
    for i in 1..1000 {
        csv.push_str(&format!(
            "Release {i},2022-01-02,Text number {i}.,https://example.gov/r{i}\n"
        ));
    }
    f.write("state.csv", &csv);
    let run = import(&f, "csv", "state.csv", "corpus", &[]);
    run.expect_code(1);
    assert!(
        run.stdout.contains("imported 999 statements in 999 events"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("skipped state.csv:2: a stray quote"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("1 skipped: a stray quote"),
        "{}",
        run.stdout
    );
}

#[test]
fn rows_colliding_on_a_mapped_event_are_reported_as_conflicts() {
    let f = Fixture::empty();
    f.write(
        "dup.jsonl",
        "{\"title\":\"Readout\",\"pubDate\":\"2022-08-03\",\"description\":\"One.\"}\n\
         {\"title\":\"Readout\",\"pubDate\":\"2022-08-03\",\"description\":\"One.\"}\n\
         {\"title\":\"Readout\",\"pubDate\":\"2022-08-04\",\"description\":\"Two.\"}\n\
         {\"title\":\"Readout\",\"pubDate\":\"2022-08-03\",\"description\":\"Three.\"}\n",
    );
    let run = import(
        &f,
        "jsonl",
        "dup.jsonl",
        "corpus",
        &["--map", "event=title"],
    );
    run.expect_code(1);
    assert!(
        run.stdout
            .contains("skipped dup.jsonl:2: duplicate of line 1"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("skipped dup.jsonl:3: conflict with line 1: same event `readout-"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("date 2022-08-03 there and 2022-08-04 here"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("skipped dup.jsonl:4: conflict with line 1"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("different text"), "{}", run.stdout);
}

#[test]
fn a_un_year_in_two_folders_reads_both_and_names_the_duplicate() {
    let f = Fixture::empty();
    f.write(
        "un/Session 77 - 2022/USA_77_2022.txt",
        "We stand for the Charter.",
    );
    f.write(
        "un/Session 77 - 2022/FRA_77_2022.txt",
        "Nous défendons la Charte.",
    );
    f.write("un/Session 78 - 2022/USA_78_2022.txt", "A second copy.");
    f.write(
        "un/Session 78 - 2022/CHN_78_2022.txt",
        "Win-win cooperation.",
    );
    let run = f.run(&["import", "ungdc", "un", "--into", "corpus"]);
    run.expect_code(1);
    assert!(
        run.stdout.contains("imported 3 statements in 1 event "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("USA_78_2022.txt:0: 2022 already has a USA speech from Session 77 - 2022"),
        "{}",
        run.stdout
    );
    let text = fs::read_to_string(f.path("corpus/ungdc/ungdc-2022.jsonl")).unwrap();
    let sides: Vec<String> = text
        .lines()
        .map(|l| field(&serde_json::from_str(l).unwrap(), "side").to_string())
        .collect();
    assert_eq!(sides, ["CHN", "FRA", "USA"]);
    assert!(text.contains("77th and 78th sessions"), "{text}");
    assert!(text.contains("We stand for the Charter."));
}

/// Issue #14, finding 2: an import file replaced by a link (as a corpus received
/// as a tarball may carry) is refused in one line; the file it points at keeps
/// its bytes, with and without `--force`.
#[cfg(unix)]
#[test]
fn a_planted_link_in_place_of_an_import_file_is_not_written_through() {
    let f = Fixture::empty();
    f.write(
        "mfa.jsonl",
        "{\"title\":\"Release 1\",\"pubDate\":\"2022-01-01\",\"description\":\"Text 1.\"}\n",
    );
    import(&f, "jsonl", "mfa.jsonl", "corpus", &[]).expect_code(0);
    let name = jsonl_files(&f.path("corpus"))
        .pop()
        .expect("one import file");
    let planted = f.path("corpus/import").join(&name);
    let victim = f.write("victim.txt", "the user's own file\n");
    fs::remove_file(&planted).unwrap();
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    for extra in [&[][..], &["--force"][..]] {
        let run = import(&f, "jsonl", "mfa.jsonl", "corpus", extra);
        run.expect_code(2);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{extra:?}: {}", run.stderr);
        assert!(lines[0].contains("symbolic link"), "{}", lines[0]);
        assert!(lines[0].contains(&name), "{}", lines[0]);
        assert_eq!(
            fs::read_to_string(&victim).unwrap(),
            "the user's own file\n"
        );
    }
}
