//! Reliability of the index under crashes, concurrency and a read-only
//! folder: a SIGKILLed `readouts index` leaves the previous index answering
//! with the previous results and the corpus untouched, two updates never run
//! at once, and searches during an update answer from the last committed
//! state. (The writer-lock message is in tests/index.rs, the unparsable query
//! in tests/search.rs.)

use crate::common;

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
    f.run(&["search", "--no-refresh", "--format", "jsonl", query])
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

/// A corpus to kill `readouts index` on: its first state is indexed, then
/// `grow` changes it so that the next update rebuilds the whole index in the
/// staging folder. `old_query` answers in both states; `new_query` only after
/// the update.
struct Scenario {
    f: Fixture,
    old_query: &'static str,
    new_query: &'static str,
    grow: Box<dyn Fn(&Fixture)>,
}

/// The generated corpus: every statement is edited.
fn generated_scenario() -> Scenario {
    let f = Fixture::empty();
    big_corpus(&f);
    Scenario {
        f,
        old_query: "rareword",
        new_query: "zebracrossing",
        grow: Box::new(|f| edit_every_statement(&f.path("corpus/big.jsonl"))),
    }
}

/// UN speeches up to this year are the first state; later years are added.
const UN_FIRST_YEARS: u32 = 1975;

/// The imported UN corpus: sessions up to 1975 first, then all of them.
fn un_scenario(un: &Path) -> Scenario {
    fn copy_years(un: &Path, f: &Fixture, keep: fn(u32) -> bool) {
        fs::create_dir_all(f.path("corpus/ungdc")).unwrap();
        for entry in fs::read_dir(un.join("ungdc")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue; // the importer's lock file
            }
            let year = name.trim_start_matches("ungdc-").trim_end_matches(".jsonl");
            if keep(year.parse().expect("ungdc-YEAR.jsonl")) {
                fs::copy(&path, f.path(&format!("corpus/ungdc/{name}"))).unwrap();
            }
        }
    }
    let f = Fixture::empty();
    copy_years(un, &f, |y| y <= UN_FIRST_YEARS);
    Scenario {
        f,
        old_query: "\"nuclear disarmament\"",
        new_query: "covid",
        grow: {
            let un = un.to_path_buf();
            Box::new(move |f| copy_years(&un, f, |y| y > UN_FIRST_YEARS))
        },
    }
}

/// Every corpus file's name and bytes, hashed (the index folders left out).
fn corpus_digest(dir: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".index")
            {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for path in files {
        path.hash(&mut h);
        fs::read(&path).unwrap().hash(&mut h);
    }
    h.finish()
}

/// A small reproducible random number generator; the seed is printed so a
/// failing run's kill points can be replayed with READOUTS_CRASH_SEED.
struct Rng(u64);

impl Rng {
    fn from_env_or_clock() -> Rng {
        let seed = std::env::var("READOUTS_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
            });
        eprintln!("kill points from READOUTS_CRASH_SEED={seed}");
        Rng(seed)
    }

    /// A duration in `0..max`.
    fn below(&mut self, max: Duration) -> Duration {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        max.mul_f64((self.0 >> 11) as f64 / (1u64 << 53) as f64)
    }
}

/// Whether a staging folder (`.index.staging-XXXXXX`) is beside the index.
fn staging_exists(f: &Fixture) -> bool {
    fs::read_dir(f.path("corpus")).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".index.staging-")
        })
    })
}

/// Kills `index` at random points of an update (once while it reads the
/// corpus, three times while it writes the new index), and after each kill
/// checks that the previous index answers with the previous results and the
/// corpus is untouched; then the next `index` completes.
fn kill_updates(s: Scenario) {
    let f = &s.f;
    let started = Instant::now();
    f.run(&["index"]).expect_code(0);
    let first_build = started.elapsed();
    let before = search(f, s.old_query);
    before.expect_code(0);
    search(f, s.new_query).expect_code(1);
    (s.grow)(f);
    let digest = corpus_digest(&f.path("corpus"));
    let staging = || staging_exists(f);
    let mut rng = Rng::from_env_or_clock();
    for round in 0..4 {
        let mut child = quiet_index(f);
        let delay = if round == 0 {
            rng.below(Duration::from_millis(300))
        } else {
            // Once the new index is being written, and well before its end
            // (the update writes at least as much as the first build did).
            wait_until(staging);
            rng.below(first_build / 3)
        };
        sleep(delay);
        assert!(
            child.try_wait().unwrap().is_none(),
            "round {round}: the update finished within {delay:?}, before the kill"
        );
        kill(child);
        let after = search(f, s.old_query);
        let at = format!("killed in round {round} after {delay:?}");
        assert_eq!(after.code, before.code, "{at}: {}", after.stderr);
        assert_eq!(after.stdout, before.stdout, "{at}");
        search(f, s.new_query).expect_code(1);
        assert_eq!(
            corpus_digest(&f.path("corpus")),
            digest,
            "{at}: the corpus changed"
        );
    }
    f.run(&["index"]).expect_code(0);
    assert!(!staging(), "the staging folder is left behind");
    let hits = search(f, s.new_query);
    hits.expect_code(0);
    let found = hits.stdout.to_lowercase();
    assert!(found.contains(s.new_query), "{}", hits.stdout);
}

/// The UN corpus (an ignored test unless asked for): 1946-1975 indexed, then the update
/// that adds 1976-2022 killed (about a minute with the debug binary).
#[test]
#[ignore = "needs ../shared/data/ungdc"]
fn a_killed_update_of_the_un_corpus_leaves_the_previous_index_and_the_corpus_intact() {
    kill_updates(un_scenario(&common::ungdc_corpus()));
}

/// A generated corpus: runs on every machine, with or without the UN corpus.
#[test]
fn a_killed_update_leaves_the_previous_index_and_the_corpus_intact() {
    kill_updates(generated_scenario());
}

#[test]
fn two_updates_at_once_one_is_busy_and_searches_see_the_committed_index() {
    let f = Fixture::empty();
    let jsonl = big_corpus(&f);
    f.run(&["index"]).expect_code(0);
    let before = search(&f, "rareword");
    edit_every_statement(&jsonl);
    let first = quiet_index(&f);
    wait_until(|| staging_exists(&f));
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
            eprintln!(
                "SKIPPED: running as root without setpriv or runuser, so no folder is read-only"
            );
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
    assert!(!staging_exists(&f));
}

/// `import` writes each corpus file through a temporary file and a rename, so
/// an import killed at any moment leaves only whole files: whatever it wrote
/// checks clean, and the next import completes.
#[test]
#[ignore = "needs ../shared/data/ungdc"]
fn a_killed_import_leaves_no_half_file() {
    let src = common::ungdc_dir();
    let src = src.display().to_string();
    let f = Fixture::empty();
    let import = ["import", "ungdc", src.as_str(), "--into", "corpus"];
    let files = |ext: &str| {
        fs::read_dir(f.path("corpus/ungdc"))
            .map(|d| {
                d.flatten()
                    .filter(|e| e.path().extension().is_some_and(|x| x == ext))
                    .count()
            })
            .unwrap_or(0)
    };
    // Kill while files are being written: once the first one (or its
    // temporary file) is there, after a few more milliseconds each time.
    for delay in [0, 15, 40, 90] {
        let started = Instant::now();
        let child = f
            .command(&import)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        while files("tmp") + files("jsonl") == 0 && started.elapsed() < Duration::from_secs(30) {
            sleep(Duration::from_millis(1));
        }
        sleep(Duration::from_millis(delay));
        kill(child);
        let written = files("jsonl");
        eprintln!("import killed {delay} ms into writing: {written} of 77 session files written");
        if written > 0 {
            let check = f.run(&["--corpus", "corpus", "check"]);
            check.expect_code(0);
            assert!(check.stdout.starts_with("ok: "), "{}", check.stdout);
        }
    }
    f.run(&import).expect_code(0);
    let check = f.run(&["--corpus", "corpus", "check"]);
    check.expect_code(0);
    assert!(
        check.stdout.contains("10568 statements"),
        "{}",
        check.stdout
    );
}
