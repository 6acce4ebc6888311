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
        // 86 MB read in batches through the catalog (465 MB loaded whole;
        // 888 MB when every row's cells were collected first)
        160 * MB,
    ),
    (
        "phrases --summary",
        &["--no-refresh", "phrases", "--summary"],
        140 * MB, // 67 MB read in batches (236 MB loaded whole)
    ),
    (
        "tone",
        &["--no-refresh", "tone"],
        200 * MB, // 107 MB read in batches (316 MB loaded whole)
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
        // 25 MB through the catalog `index` wrote (245 MB loading the whole corpus)
        100 * MB,
    ),
    (
        "keyness --a side:USA",
        &[
            "--no-refresh",
            "keyness",
            "--a",
            "side:USA",
            "--b",
            "side:CHN",
            "--paired",
        ],
        100 * MB, // 25 MB: the same metadata selection (491 MB through the index)
    ),
    (
        "diff",
        &["diff", "ungdc-2022", "--sides", "USA,CHN"],
        80 * MB, // 28 MB through the catalog (210 MB loading the whole corpus)
    ),
];

/// Runs the binary with `args` to the end; its exit status and peak RSS in bytes.
fn peak_of(f: &Fixture, args: &[&str]) -> (i32, u64, String) {
    let (code, peak, _, stderr) = timed_peak_of(f, args);
    (code, peak, stderr)
}

/// [`peak_of`] with the processor time the run took.
fn timed_peak_of(f: &Fixture, args: &[&str]) -> (i32, u64, std::time::Duration, String) {
    let started = std::time::Instant::now();
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
    let wall = started.elapsed();
    // The time bound is on the processor time the command used (user and
    // system, all its threads), which other tests running beside it on a
    // shared machine do not inflate; the wall time is printed with it.
    let cpu = |t: libc::timeval| {
        std::time::Duration::from_secs(t.tv_sec as u64)
            + std::time::Duration::from_micros(t.tv_usec as u64)
    };
    let took = cpu(usage.ru_utime) + cpu(usage.ru_stime);
    eprintln!(
        "{args:?}: {:.1} s processor time, {:.1} s wall",
        took.as_secs_f64(),
        wall.as_secs_f64()
    );
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    // Linux reports ru_maxrss in KiB.
    (code, usage.ru_maxrss as u64 * 1024, took, stderr)
}

#[test]
#[ignore = "needs ../shared/data/ungdc"]
fn every_command_stays_under_its_peak_memory_on_the_un_corpus() {
    let corpus = common::ungdc_corpus();
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

/// One JSON line of a statement of event `event`.
fn statement_line(event: &str, id: &str, side: &str, text: &str) -> String {
    serde_json::json!({
        "event": event, "date": "2020-01-01", "kind": "call", "event_title": "Long",
        "id": id, "side": side, "issuer": "Office", "coverage": "full", "text": text,
    })
    .to_string()
        + "\n"
}

/// A 1 MB statement that is one sentence holding 8,000 framing hits, beside a
/// short one: each hit used to copy the whole sentence (6.6 GB).
fn long_sentence_corpus(f: &Fixture, hits: usize) {
    let chunk = "the two sides held a constructive dialogue on trade and many other matters of common interest to them and ";
    let long = chunk.repeat(hits);
    let lines = statement_line("long", "usa-long", "USA", &long)
        + &statement_line(
            "long",
            "chn-short",
            "CHN",
            "Short text. Constructive dialogue.",
        );
    f.write("corpus/long.jsonl", lines);
}

#[test]
fn a_long_sentence_with_thousands_of_hits_is_held_once() {
    let f = Fixture::empty();
    long_sentence_corpus(&f, 8_000);
    let cases: &[(&str, &[&str], u64)] = &[
        ("phrases", &["phrases"], 200 * MB),
        ("phrases --summary", &["phrases", "--summary"], 200 * MB),
    ];
    for (name, args, bound) in cases {
        let (code, peak, stderr) = peak_of(&f, args);
        assert_eq!(code, 0, "{name}: {stderr}");
        eprintln!("{name}: peak {} MB (bound {} MB)", peak / MB, bound / MB);
        assert!(
            peak > 4 * MB,
            "{name}: {peak} bytes is not a real measurement"
        );
        assert!(
            peak < *bound,
            "{name}: {} MB > {} MB",
            peak / MB,
            bound / MB
        );
    }
}

#[test]
fn tone_explain_holds_a_long_sentence_once() {
    // Every hit prints its sentence (200 hits of a 1 MB sentence: 200 MB of
    // output to /dev/null), but the sentence is held once, not once per hit
    // (200 MB more before).
    let f = Fixture::empty();
    let filler = "and many other matters of common interest to both of them ".repeat(85);
    let chunk = format!("the two sides held a constructive dialogue {filler}");
    let long = chunk.repeat(1_000_000 / chunk.len());
    f.write(
        "corpus/long.jsonl",
        statement_line("long", "usa-long", "USA", &long)
            + &statement_line("long", "chn-short", "CHN", "Constructive dialogue."),
    );
    let (code, peak, stderr) = peak_of(&f, &["tone", "--explain", "--format", "csv"]);
    assert_eq!(code, 0, "tone --explain: {stderr}");
    eprintln!("tone --explain (1 MB sentence): peak {} MB", peak / MB);
    assert!(peak > 4 * MB, "{peak} bytes is not a real measurement");
    assert!(peak < 100 * MB, "tone --explain: {} MB", peak / MB);
}

/// Text of `n` sentences of 8 to 20 words drawn (skewed towards the frequent
/// ones) from a fixed made-up vocabulary, so both sides share common words.
fn sentences(n: usize, seed: u64) -> String {
    let syllables = [
        "ka", "to", "ri", "mo", "le", "sa", "vu", "ne", "di", "po", "ga", "ber",
    ];
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let vocab: Vec<String> = (0..8000usize)
        .map(|i| {
            let mut w = String::new();
            let mut k = i + 1;
            while k > 0 {
                w.push_str(syllables[k % syllables.len()]);
                k /= syllables.len();
            }
            w
        })
        .collect();
    let mut out = String::new();
    for _ in 0..n {
        let len = 8 + next() % 13;
        let words: Vec<&str> = (0..len)
            .map(|_| vocab[(next() % 8000) * (next() % 8000) / 8000].as_str())
            .collect();
        let sentence = words.join(" ");
        out.push_str(&sentence[..1].to_uppercase());
        out.push_str(&sentence[1..]);
        out.push_str(". ");
    }
    out
}

#[test]
fn a_diff_of_32k_sentences_a_side_is_near_linear() {
    let f = Fixture::empty();
    let lines = statement_line("big", "usa-big", "USA", &sentences(32_000, 1))
        + &statement_line("big", "chn-big", "CHN", &sentences(32_000, 2));
    f.write("corpus/big.jsonl", lines);
    let (code, peak, took, stderr) = timed_peak_of(&f, &["diff", "big"]);
    assert_eq!(code, 0, "diff: {stderr}");
    eprintln!(
        "diff 32k a side: {:.1} s processor time, peak {} MB",
        took.as_secs_f64(),
        peak / MB
    );
    assert!(peak > 4 * MB, "{peak} bytes is not a real measurement");
    assert!(
        peak < 500 * MB,
        "diff 32k a side: {} MB > 500 MB",
        peak / MB
    );
    assert!(took.as_secs() < 10, "diff 32k a side took {took:?}");
}

/// Writes into `to` a corpus `k` times the one at `from`: every JSON Lines
/// file `k` times, the copies' event ids suffixed (`ungdc-2022` →
/// `ungdc-2022-r2`), as `benches/growth.sh` makes its corpora.
fn scaled_corpus(from: &std::path::Path, to: &std::path::Path, k: usize) {
    let (src, dst) = (from.join("ungdc"), to.join("ungdc"));
    std::fs::create_dir_all(&dst).unwrap();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        for r in 1..=k {
            let copy: String = if r == 1 {
                text.clone()
            } else {
                text.lines()
                    .map(|line| {
                        let rest = line.strip_prefix("{\"event\":\"").expect("event first");
                        let end = rest.find('"').unwrap();
                        format!("{{\"event\":\"{}-r{r}{}\n", &rest[..end], &rest[end..])
                    })
                    .collect()
            };
            std::fs::write(dst.join(format!("{name}-r{r}.jsonl")), copy).unwrap();
        }
    }
}

/// Issue #21: the whole-corpus commands read the corpus in batches through
/// the catalog, so their peak memory does not grow with the corpus as it
/// did (465 → 3,378 MB at 10× for the CSV). Each command's bound on the
/// ratio of its peak on a corpus three times the UN corpus to its peak on
/// the UN corpus is the 1.3× where it is met (3× against 1×,
/// 2026-12-03: the hits CSV 85 → 89 MB, `--summary` 67 → 69 MB); `tone`
/// keeps a score per statement and still grows (106 → 186 MB, 1.75×; at
/// 10× 107 → 449 MB), so its bound is what was measured with a margin, not
/// the issue's. `index` is not among them: it still loads the whole corpus
/// (README, "Reliability").
#[test]
#[ignore = "needs ../shared/data/ungdc"]
fn whole_corpus_commands_do_not_grow_with_the_corpus() {
    let one = common::ungdc_corpus();
    let f = Fixture::empty();
    let three = f.path("c3");
    scaled_corpus(&one, &three, 3);
    let cases: &[(&str, &[&str], f64)] = &[
        ("phrases --format csv", &["phrases", "--format", "csv"], 1.3),
        ("phrases --summary", &["phrases", "--summary"], 1.3),
        ("tone", &["tone"], 2.0),
    ];
    let mut peaks: Vec<Vec<u64>> = Vec::new();
    for (k, corpus) in [(1, one), (3, three)] {
        let index = f.path(&format!("index-{k}"));
        let base = [
            "--corpus",
            corpus.to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
        ];
        let (code, _, stderr) = peak_of(&f, &[&base[..], &["index"]].concat());
        assert_eq!(code, 0, "index at {k}x: {stderr}");
        let mut at_k = Vec::new();
        for (name, args, _) in cases {
            let all = [&base[..], &["--no-refresh"], args].concat();
            let (code, peak, stderr) = peak_of(&f, &all);
            assert_eq!(code, 0, "{name} at {k}x: {stderr}");
            assert!(peak > 4 * MB, "{peak} bytes is not a real measurement");
            eprintln!("{name} at {k}x: peak {} MB", peak / MB);
            at_k.push(peak);
        }
        peaks.push(at_k);
    }
    for (i, (name, _, ratio)) in cases.iter().enumerate() {
        let (p1, p3) = (peaks[0][i], peaks[1][i]);
        assert!(
            p3 as f64 <= ratio * p1 as f64,
            "{name}: {} MB at 3x against {} MB at 1x (bound {ratio}x)",
            p3 / MB,
            p1 / MB
        );
    }
}
