//! Memory bounds: every command, run over the whole UN General Debate Corpus
//! (10,568 speeches, 191 MB of JSON Lines), stays under a stated peak
//! resident set size. The peak is the child's `ru_maxrss` from `wait4`, the
//! figure `/usr/bin/time -v` reports as "Maximum resident set size".
//!
//! Each bound is the peak measured when the test was written (README,
//! "Reliability") plus a margin for allocator and platform differences;
//! `phrases` and `tone` were being made faster when the bounds were set, so
//! theirs are wider. A command
//! that starts holding the whole corpus twice, or a whole index in memory,
//! crosses its bound. Skipped when the UN corpus is absent.

mod common;

use std::fs::File;
use std::process::Stdio;

use common::Fixture;

/// Mebibytes, as `/usr/bin/time` counts them (KiB / 1024).
const MB: u64 = 1024 * 1024;

/// A command's arguments (after `--corpus DIR --index DIR`) and its bound.
/// Peaks measured with `/usr/bin/time -v` (release build) in the comments.
const BOUNDS: &[(&str, &[&str], u64)] = &[
    ("index (fresh)", &["index"], 500 * MB), // 335 MB
    ("check", &["check"], 300 * MB),         // 207 MB
    (
        "search",
        &["--no-refresh", "search", "nuclear disarmament"],
        60 * MB, // 20 MB
    ),
    (
        "kwic",
        &["--no-refresh", "kwic", "nuclear disarmament"],
        180 * MB, // 114 MB
    ),
    (
        "phrases",
        &["--no-refresh", "phrases"],
        800 * MB, // 465 MB
    ),
    (
        "phrases --format csv",
        &["--no-refresh", "phrases", "--format", "csv"],
        700 * MB, // 465 MB; 888 MB when every row's cells were collected first
    ),
    (
        "tone",
        &["--no-refresh", "tone"],
        700 * MB, // 316 MB
    ),
    (
        "keyness",
        &[
            "--no-refresh",
            "keyness",
            "--side",
            "USA,CHN",
            "--by",
            "side",
        ],
        360 * MB, // 245 MB
    ),
    (
        "diff",
        &["diff", "ungdc-2022", "--sides", "USA,CHN"],
        300 * MB, // 210 MB
    ),
];

/// Runs the binary with `args` to the end; its exit status and peak RSS in bytes.
fn peak_of(f: &Fixture, args: &[&str]) -> (i32, u64, String) {
    let stderr_path = f.path("stderr.txt");
    let child = f
        .command(args)
        .stdout(Stdio::null())
        .stderr(File::create(&stderr_path).unwrap())
        .spawn()
        .expect("start readouts");
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data, fully written by a successful wait4.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet reaped; both pointers are valid.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4: {}", std::io::Error::last_os_error());
    // The child is reaped: dropping `child` must not wait on it again.
    drop(child);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    // Linux reports ru_maxrss in KiB.
    (code, usage.ru_maxrss as u64 * 1024, stderr)
}

#[test]
fn every_command_stays_under_its_peak_memory_on_the_un_corpus() {
    let Some(corpus) = common::ungdc_corpus() else {
        return;
    };
    let f = Fixture::empty();
    let index = f.path("index");
    let base = [
        "--corpus",
        corpus.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ];
    let mut over = Vec::new();
    for (name, args, bound) in BOUNDS {
        let all: Vec<&str> = base.iter().chain(args.iter()).copied().collect();
        let (code, peak, stderr) = peak_of(&f, &all);
        assert_eq!(code, 0, "{name}: {stderr}");
        eprintln!("{name}: peak {} MB (bound {} MB)", peak / MB, bound / MB);
        if peak > *bound {
            over.push(format!("{name}: {} MB > {} MB", peak / MB, bound / MB));
        }
        assert!(
            peak > 4 * MB,
            "{name}: {peak} bytes is not a real measurement"
        );
    }
    assert!(over.is_empty(), "over the bound: {over:?}");
}
