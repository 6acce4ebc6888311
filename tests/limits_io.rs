//! Regression tests, through the binary, for what the tool reads and writes
//! at the edges (issue #14 items 7, 11, 12 and 13): only regular files of the
//! corpus are read, unreadable folders are diagnostics, loading and diffing
//! stay fast on huge inputs, `--summary` agrees with the full report, and
//! `tone --with-diffs` writes its pages whole, under bounded names, after
//! the report.

use crate::common;

use std::fs;
use std::os::unix::fs::symlink;
use std::time::{Duration, Instant};

use common::{Fixture, Run};

/// Runs `args` in `f`, killing the run after `limit` (a hang fails the test
/// instead of stalling the suite); the run and how long it took.
fn run_within(f: &Fixture, args: &[&str], limit: Duration) -> (Run, Duration) {
    let started = Instant::now();
    let (out_path, err_path) = (f.path("run.stdout"), f.path("run.stderr"));
    let mut child = f
        .command(args)
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("start readouts");
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for readouts") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = started.elapsed();
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&fs::read(&out_path).unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&fs::read(&err_path).unwrap()).into_owned(),
    };
    (run, took)
}

fn line(event: &str, id: &str, side: &str, text: &str) -> String {
    serde_json::json!({
        "event": event, "date": "2020-01-01", "kind": "call", "event_title": "T",
        "id": id, "side": side, "issuer": "Office", "coverage": "full", "text": text,
    })
    .to_string()
        + "\n"
}

fn mkfifo(path: &std::path::Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

#[test]
fn fifos_devices_and_links_out_of_the_corpus_are_skipped_with_a_diagnostic() {
    let f = Fixture::bundled();
    let outside = f.write("secret.toml", "id = \"secret\"\n");
    mkfifo(&f.path("corpus/2020/pipe.toml"));
    symlink("/dev/zero", f.path("corpus/zero.jsonl")).unwrap();
    symlink(&outside, f.path("corpus/stolen.toml")).unwrap();
    symlink(f.path("corpus/2020"), f.path("corpus/again")).unwrap();
    let (run, _) = run_within(&f, &["check"], Duration::from_secs(60));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    for (name, what) in [
        ("pipe.toml", "FIFO"),
        ("zero.jsonl", "/dev/zero"),
        ("stolen.toml", "outside the corpus"),
        ("again", "not followed"),
    ] {
        assert!(
            all.lines().any(|l| l.contains(name) && l.contains(what)),
            "{name}: {all}"
        );
    }
    // Everything else is still read: the bundled events are all there.
    let (search, _) = run_within(&f, &["phrases", "--summary"], Duration::from_secs(60));
    assert_eq!(search.code, 0, "{}", search.stderr);
    // The outside file would be an event `secret` with missing fields.
    assert!(
        !all.contains("`secret`"),
        "the outside file was read: {all}"
    );
}

#[test]
fn an_unreadable_folder_is_one_diagnostic_and_proc_does_not_abort() {
    // /proc holds folders even root cannot list (fdinfo of other tasks).
    let f = Fixture::empty();
    let (run, _) = run_within(
        &f,
        &["--corpus", "/proc", "check"],
        Duration::from_secs(120),
    );
    assert_ne!(run.code, 2, "check aborted: {}", run.stderr);
    assert!(
        !run.stderr.contains("cannot read the corpus"),
        "{}",
        run.stderr
    );
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("SKIPPED: a chmod 000 folder is readable by root");
        return;
    }
    let f = Fixture::bundled();
    let locked = f.path("corpus/locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o0)).unwrap();
    let (run, _) = run_within(&f, &["check"], Duration::from_secs(60));
    fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert_eq!(all.matches("cannot read the folder").count(), 1, "{all}");
}

#[test]
fn a_corpus_path_that_is_not_utf8_can_be_indexed_and_searched() {
    let f = Fixture::empty();
    let name = <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(b"corpus\xff");
    let dir = f.dir.path().join(name);
    common::copy_dir(&common::bundled_corpus(), &dir);
    let corpus = dir.as_os_str().to_owned();
    let output = f
        .command(&[])
        .arg("--corpus")
        .arg(&corpus)
        .args(["search", "trade"])
        .output()
        .unwrap();
    let run = Run::from(output);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("score"), "{}", run.stdout);
    let litter: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(litter.is_empty(), "staging left behind: {litter:?}");
}

#[test]
fn loading_160k_statements_of_one_event_is_not_quadratic() {
    let f = Fixture::empty();
    let mut text = String::new();
    for i in 0..160_000 {
        let side = if i % 2 == 0 { "USA" } else { "CHN" };
        text.push_str(&line("one", &format!("s{i}"), side, "We discussed trade."));
    }
    // The same id twice is still found (and named) among them.
    text.push_str(&line("one", "s7", "CHN", "Again."));
    f.write("corpus/many.jsonl", text);
    let (run, took) = run_within(&f, &["check"], Duration::from_secs(60));
    eprintln!("check of 160k statements in one event: {took:?} (79 s before)");
    assert_eq!(run.code, 1, "{}", run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("`s7` appears twice"), "{all}");
    assert!(all.contains("160000 statements"), "{all}");
}

#[test]
fn a_two_mb_sentence_against_two_words_diffs_fast() {
    let f = Fixture::empty();
    let chunk = "the two sides held a constructive dialogue on Trade and many other matters of common interest and the United States ";
    let long = chunk.repeat(2_000_000 / chunk.len());
    f.write(
        "corpus/one.jsonl",
        line("big", "usa-one", "USA", &long)
            + &line("big", "chn-two", "CHN", "Constructive dialogue"),
    );
    let (run, took) = run_within(
        &f,
        &["diff", "big", "--format", "json"],
        Duration::from_secs(60),
    );
    eprintln!("diff of a 2 MB sentence against 2 words: {took:?} (129 s before)");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(took < Duration::from_secs(15), "{took:?}");
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["left"]["sentences"], 1);
    assert!(v["left"]["framings"].as_array().unwrap().len() > 10_000);
}

#[test]
fn phrases_summary_agrees_with_the_full_report() {
    let f = Fixture::bundled();
    let full = f.run(&["phrases", "--format", "json"]);
    full.expect_code(0);
    let summary = f.run(&["phrases", "--summary", "--format", "json"]);
    summary.expect_code(0);
    let a: serde_json::Value = serde_json::from_str(&full.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_str(&summary.stdout).unwrap();
    assert_eq!(a["summary"], b["summary"]);
    assert!(b.get("statements").is_none());
    // Each hit's sentence is its statement's text at the sentence's range.
    let hit = &a["statements"][0]["hits"][0];
    let s = hit["sentence_text"].as_str().unwrap();
    assert!(!s.is_empty() && s.contains(hit["surface"].as_str().unwrap()));
}

/// A corpus whose largest-gap events include one with a 300-character id.
fn gap_corpus(f: &Fixture) -> String {
    let long_id = format!("e-{}", "x".repeat(298));
    let mut text = String::new();
    for (id, usa, chn) in [
        (
            long_id.as_str(),
            "Constructive dialogue and win-win cooperation.",
            "We firmly oppose bullying and express grave concern.",
        ),
        (
            "short",
            "Frank exchange of views.",
            "Constructive talks and mutual respect.",
        ),
    ] {
        text.push_str(&line(id, &format!("{id}-usa"), "USA", usa));
        text.push_str(&line(id, &format!("{id}-chn"), "CHN", chn));
    }
    f.write("corpus/gaps.jsonl", text);
    long_id
}

#[test]
fn with_diffs_pages_have_bounded_names_and_are_written_whole() {
    let f = Fixture::empty();
    let long_id = gap_corpus(&f);
    // A link planted at a page's name is replaced, never written through.
    let victim = f.write("victim.txt", "keep me");
    fs::create_dir_all(f.path("pages")).unwrap();
    symlink(&victim, f.path("pages/short.html")).unwrap();
    let run = f.run(&["tone", "--format", "html", "--with-diffs", "pages"]);
    run.expect_code(0);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(!fs::symlink_metadata(f.path("pages/short.html"))
        .unwrap()
        .is_symlink());
    let names: Vec<String> = fs::read_dir(f.path("pages"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?} (no temporary left)");
    let long = names.iter().find(|n| *n != "short.html").unwrap();
    assert!(
        long.len() < 120 && long.starts_with(&long_id[..80]),
        "{long}"
    );
    assert!(
        run.stdout.contains(&format!("pages/{long}")),
        "the report links the page"
    );
    let page = fs::read_to_string(f.path("pages").join(long)).unwrap();
    assert!(page.trim_end().ends_with("</html>"), "page is whole");
}

#[test]
fn one_page_that_cannot_be_written_does_not_cost_the_report() {
    let f = Fixture::empty();
    gap_corpus(&f);
    // A non-empty folder where a page goes: the rename over it fails.
    f.write("pages/short.html/keep.txt", "mine");
    let run = f.run(&["tone", "--format", "html", "--with-diffs", "pages"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.contains("</html>"), "the report was written");
    assert!(run.stderr.contains("short.html"), "{}", run.stderr);
    assert!(run.stderr.contains("1 of 2"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(f.path("pages/short.html/keep.txt")).unwrap(),
        "mine"
    );
    let pages = fs::read_dir(f.path("pages")).unwrap().count();
    assert_eq!(pages, 2, "the other page is written, no temporary is left");
}
