//! Reliability of the index under crashes, concurrency and a read-only
//! folder: a SIGKILLed `readouts index` leaves the previous index answering
//! with the previous results and the corpus untouched, two updates never run
//! at once, and searches during an update answer from the last committed
//! state. (The writer-lock message is in tests/index.rs, the unparsable query
//! in tests/search.rs.)

mod common;

use std::fs;
use std::path::Path;
use std::process::{Child, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::{Fixture, Run};

const STATEMENTS: usize = 2_000;
const WORDS: [&str; 16] = [
    "trade",
    "security",
    "climate",
    "cooperation",
    "sovereignty",
    "dialogue",
    "peace",
    "development",
    "investment",
    "partnership",
    "stability",
    "region",
    "talks",
    "agreement",
    "progress",
    "concern",
];

/// A JSON Lines corpus of `STATEMENTS` statements of ~16 KB each (32 MB: more
/// than one in-flight batch of the indexer), the same on every run.
fn big_corpus(f: &Fixture) -> std::path::PathBuf {
    let mut seed: u64 = 7;
    let mut out = String::new();
    for n in 0..STATEMENTS {
        let mut text = String::with_capacity(16_500);
        while text.len() < 16_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            text.push_str(WORDS[(seed >> 60) as usize]);
            text.push(' ');
        }
        if n % 97 == 0 {
            text.push_str("rareword");
        }
        out.push_str(&format!(
            r#"{{"event":"e{n}","date":"2021-03-04","kind":"call","event_title":"Call {n}","side":"USA","issuer":"MFA","coverage":"full","text":"{text}"}}"#
        ));
        out.push('\n');
    }
    f.write("corpus/big.jsonl", out)
}

/// Appends a word to every statement: every one must be re-indexed.
fn edit_every_statement(path: &Path) {
    let text = fs::read_to_string(path).unwrap();
    fs::write(path, text.replace(r#""}"#, r#" zebracrossing"}"#)).unwrap();
}

fn search(f: &Fixture, query: &str) -> Run {
    f.run(&["search", "--no-refresh", "--format", "json", query])
}

fn wait_until(what: impl Fn() -> bool) {
    let start = Instant::now();
    while !what() && start.elapsed() < Duration::from_secs(120) {
        sleep(Duration::from_millis(10));
    }
}

/// `readouts index` started in the background, its output captured.
fn quiet_index(f: &Fixture) -> Child {
    f.command(&["index"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn kill(mut child: Child) {
    // `Child::kill` sends SIGKILL on Unix.
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn a_killed_update_leaves_the_previous_index_and_the_corpus_intact() {
    let f = Fixture::empty();
    let jsonl = big_corpus(&f);
    f.run(&["index"]).expect_code(0);
    let before = search(&f, "rareword");
    before.expect_code(0);
    search(&f, "zebracrossing").expect_code(1);
    edit_every_statement(&jsonl);
    let edited = fs::read(&jsonl).unwrap();
    let staging = f.path("corpus/.index.staging");
    for delay in [100, 400, 900, 0] {
        let child = quiet_index(&f);
        if delay == 0 {
            // Once the new index is being written, and well into it.
            wait_until(|| staging.exists());
            sleep(Duration::from_millis(500));
        } else {
            sleep(Duration::from_millis(delay));
        }
        kill(child);
        let after = search(&f, "rareword");
        assert_eq!(
            after.code, before.code,
            "killed after {delay} ms: {}",
            after.stderr
        );
        assert_eq!(after.stdout, before.stdout, "killed after {delay} ms");
        search(&f, "zebracrossing").expect_code(1);
        assert!(
            fs::read(&jsonl).unwrap() == edited,
            "the corpus file changed"
        );
    }
    f.run(&["index"]).expect_code(0);
    assert!(!staging.exists(), "the staging folder is left behind");
    let hits = search(&f, "zebracrossing");
    hits.expect_code(0);
    assert!(hits.stdout.contains("zebracrossing"), "{}", hits.stdout);
}

#[test]
fn two_updates_at_once_one_is_busy_and_searches_see_the_committed_index() {
    let f = Fixture::empty();
    let jsonl = big_corpus(&f);
    f.run(&["index"]).expect_code(0);
    let before = search(&f, "rareword");
    edit_every_statement(&jsonl);
    let first = quiet_index(&f);
    wait_until(|| f.path("corpus/.index.staging").exists());
    let second = f.run(&["index"]);
    second.expect_code(2);
    assert!(second.stderr.contains("is busy"), "{}", second.stderr);
    assert_eq!(second.stderr.lines().count(), 1, "{}", second.stderr);
    assert!(!second.stderr.contains("panick"), "{}", second.stderr);
    let during = search(&f, "rareword");
    assert_eq!(during.stdout, before.stdout);
    search(&f, "zebracrossing").expect_code(1);
    let out = first.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    search(&f, "zebracrossing").expect_code(0);
}

/// How the read-only test runs the binary so that folder permissions bind it.
/// Root ignores them, and tests run as root here and in CI: then the binary
/// runs as `nobody` through `setpriv` (util-linux) or `runuser`; `None` (with
/// the reason printed) when root has neither.
#[cfg(unix)]
fn unprivileged() -> Option<Vec<String>> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        return Some(Vec::new());
    }
    let candidates: [&[&str]; 2] = [
        &[
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
        ],
        &["runuser", "-u", "nobody", "--"],
    ];
    let works = |prefix: &[&str]| {
        std::process::Command::new(prefix[0])
            .args(&prefix[1..])
            .arg("true")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    match candidates.into_iter().find(|p| works(p)) {
        Some(prefix) => Some(prefix.iter().map(|s| s.to_string()).collect()),
        None => {
            eprintln!("SKIPPED: running as root without setpriv or runuser, so no folder is read-only");
            None
        }
    }
}

/// `readouts ARGS` in the fixture folder, run through `prefix`.
#[cfg(unix)]
fn run_through(f: &Fixture, prefix: &[String], args: &[&str]) -> Run {
    let mut cmd = match prefix.split_first() {
        None => f.command(args),
        Some((program, rest)) => {
            let inner = f.command(args);
            let mut cmd = std::process::Command::new(program);
            cmd.args(rest)
                .arg(inner.get_program())
                .args(args)
                .current_dir(f.dir.path())
                .env_clear();
            if let Some(path) = std::env::var_os("PATH") {
                cmd.env("PATH", path);
            }
            cmd
        }
    };
    Run::from(cmd.output().expect("run readouts"))
}

/// Whether a process started through `prefix` can create a file in `dir`.
#[cfg(unix)]
fn can_write(prefix: &[String], dir: &Path) -> bool {
    let probe = dir.join("probe");
    let mut argv: Vec<String> = prefix.to_vec();
    argv.extend(["sh", "-c", ": > \"$0\""].map(String::from));
    argv.push(probe.display().to_string());
    let ok = std::process::Command::new(&argv[0])
        .args(&argv[1..])
        .output()
        .is_ok_and(|o| o.status.success());
    let _ = fs::remove_file(probe);
    ok
}

#[cfg(unix)]
#[test]
fn a_read_only_index_folder_gets_one_line_and_no_refresh_still_searches() {
    use std::os::unix::fs::PermissionsExt;
    let Some(prefix) = unprivileged() else {
        return;
    };
    let f = Fixture::bundled();
    let mode = |path: &Path, m: u32| fs::set_permissions(path, fs::Permissions::from_mode(m));
    // The process must reach and read everything and may write in the corpus
    // folder; it builds the index itself (tantivy writes some index files
    // readable by their owner only), then only the index folder is closed.
    mode(f.dir.path(), 0o755).unwrap();
    mode(&f.path("corpus"), 0o777).unwrap();
    run_through(&f, &prefix, &["index"]).expect_code(0);
    let index = f.path("corpus/.index");
    let before = run_through(&f, &prefix, &["search", "--no-refresh", "trade"]);
    before.expect_code(0);
    assert!(can_write(&prefix, &f.path("corpus")));
    mode(&index, 0o555).unwrap();
    assert!(
        !can_write(&prefix, &index),
        "the index folder is still writable for the process"
    );
    // Touch the corpus so the index needs an update.
    let toml = f.path("corpus/2020/2020-08-25-phase-one-review.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(&toml, format!("{text}\n# edited\n")).unwrap();
    for args in [&["index"][..], &["search", "trade"][..]] {
        let run = run_through(&f, &prefix, args);
        run.expect_code(2);
        assert!(run.stderr.contains("is read-only"), "{}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
    let after = run_through(&f, &prefix, &["search", "--no-refresh", "trade"]);
    mode(&index, 0o755).unwrap();
    after.expect_code(0);
    assert_eq!(after.stdout, before.stdout);
    assert!(!f.path("corpus/.index.staging").exists());
}
