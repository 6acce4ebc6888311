//! Bounds and messages (issue #14, items 9, 10, 14 and 19): every numeric
//! argument has a range and a clear one-line message, deep query nesting is
//! refused before tantivy's parser, a closed pipe never panics, and every
//! error is one `readouts: …` line that says each thing once and names its file.

use crate::common;

use std::process::Stdio;

use common::{Fixture, Run};

/// The run failed with exit status 2 and one line on stderr, `readouts: …`,
/// without a panic; returns that line.
fn one_line_error(run: &Run, what: &str) -> String {
    assert_eq!(run.code, 2, "{what}: exit {}\n{}", run.code, run.stderr);
    assert!(!run.stderr.contains("panicked"), "{what}: {}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{what}: not one line:\n{}", run.stderr);
    assert!(lines[0].starts_with("readouts: "), "{what}: {}", lines[0]);
    lines[0].to_string()
}

#[test]
fn numeric_arguments_out_of_range_are_one_line_usage_errors() {
    let f = Fixture::bundled();
    let cases: &[(&[&str], &str)] = &[
        (&["search", "progress", "--limit", "1000000000"], "--limit"),
        (
            &["search", "progress", "--limit", "18446744073709551615"],
            "--limit",
        ),
        (&["search", "progress", "--limit", "0"], "--limit"),
        (&["kwic", "progress", "--width", "4000000000"], "--width"),
        (
            &[
                "diff",
                "2020-08-25-phase-one-review",
                "--width",
                "100000000",
            ],
            "--width",
        ),
        (
            &["diff", "2020-08-25-phase-one-review", "--width", "3"],
            "--width",
        ),
        (&["keyness", "--by", "side", "--top", "0"], "--top"),
        (
            &["keyness", "--by", "side", "--top", "99999999999"],
            "--top",
        ),
        (&["keyness", "--by", "side", "--max-n", "9"], "--max-n"),
        (
            &["keyness", "--by", "side", "--lines", "99999999999"],
            "--lines",
        ),
        (&["tone", "--chart-sides", "99999999999"], "--chart-sides"),
    ];
    for (args, flag) in cases {
        let run = f.run(args);
        let line = one_line_error(&run, &args.join(" "));
        assert!(line.contains(flag), "{args:?}: {line}");
        assert!(line.contains("is not in"), "{args:?}: {line}");
    }
}

#[test]
fn keyness_top_zero_blames_top_not_min_count() {
    let f = Fixture::bundled();
    let line = one_line_error(
        &f.run(&["keyness", "--by", "side", "--top", "0"]),
        "--top 0",
    );
    assert!(line.contains("--top"), "{line}");
    assert!(!line.contains("--min-count"), "{line}");
}

#[test]
fn a_large_columns_variable_is_capped_not_padded() {
    let f = Fixture::bundled().env("COLUMNS", "100000000");
    let run = f.run(&["diff", "2020-08-25-phase-one-review", "--color", "never"]);
    run.expect_code(0);
    let widest = run
        .stdout
        .lines()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    assert!(widest <= 1000, "a line of {widest} characters");
}

#[test]
fn deeply_nested_queries_are_refused_in_one_line() {
    let f = Fixture::bundled();
    let deep = format!("{}progress{}", "(".repeat(3000), ")".repeat(3000));
    let cases: Vec<Vec<&str>> = vec![
        vec!["search", &deep],
        vec!["search", &deep, "--count-by", "side"],
        vec!["phrases", "--query", &deep],
        vec!["tone", "--query", &deep],
        vec!["keyness", "--a", &deep],
        vec!["keyness", "--a", "side=CHN", "--b", &deep],
        vec!["keyness", "--by", "side", "--prior", &deep],
    ];
    for args in cases {
        let what = format!("{} …", args[0]);
        let line = one_line_error(&f.run(&args), &what);
        assert!(line.contains("nested more than"), "{what}: {line}");
    }
    // a query as deep as the bound still runs
    let ok = format!("{}progress{}", "(".repeat(64), ")".repeat(64));
    f.run(&["search", &ok]).expect_code(0);
}

/// The write end of a pipe whose read end is already closed: every write
/// to it fails with a broken pipe, as under `| head` once head has exited.
fn closed_pipe() -> Stdio {
    use std::os::fd::{FromRawFd, OwnedFd};
    let mut fds = [0; 2];
    // SAFETY: pipe fills two new descriptors; each is closed or owned once.
    unsafe {
        assert_eq!(libc::pipe(fds.as_mut_ptr()), 0);
        libc::close(fds[0]);
        Stdio::from(OwnedFd::from_raw_fd(fds[1]))
    }
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let f = Fixture::bundled();
    let commands: &[&[&str]] = &[
        &["completions", "bash"],
        &["completions", "zsh"],
        &["man"],
        &["search", "progress"],
        &["phrases"],
        &["diff", "2020-08-25-phase-one-review"],
        &["search", "--help"],
    ];
    for args in commands {
        let out = f
            .command(args)
            .stdout(closed_pipe())
            .stderr(Stdio::piped())
            .output()
            .expect("run readouts");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}

#[test]
fn usage_errors_are_one_line_and_help_is_untouched() {
    let f = Fixture::bundled();
    for args in [
        &["search"][..],
        &["search", "x", "--bogus"],
        &["search", "x", "--limit", "abc"],
        &["tone", "--format", "xml"],
        &["nosuchcommand"],
    ] {
        let line = one_line_error(&f.run(args), &args.join(" "));
        assert!(!line.contains("error:"), "{line}");
    }
    let help = f.run(&["search", "--help"]);
    help.expect_code(0);
    assert!(
        help.stdout.contains("Usage: readouts search"),
        "{}",
        help.stdout
    );
    assert!(help.stdout.lines().count() > 10);
    let version = f.run(&["--version"]);
    version.expect_code(0);
    assert!(
        version.stdout.starts_with("readouts "),
        "{}",
        version.stdout
    );
}

#[test]
fn an_os_error_is_said_once() {
    let f = Fixture::bundled();
    f.write("plain-file", "x");
    let index = f.path("plain-file/idx");
    let run = f.run(&["--index", index.to_str().unwrap(), "search", "progress"]);
    let line = one_line_error(&run, "--index under a file");
    assert_eq!(line.matches("(os error").count(), 1, "{line}");
    assert!(line.contains("plain-file"), "{line}");
}

#[test]
fn index_given_a_file_says_so() {
    let f = Fixture::bundled();
    f.write("notes.txt", "my notes");
    for args in [&["search", "progress"][..], &["index"]] {
        let mut all = vec!["--index", "notes.txt"];
        all.extend(args);
        let line = one_line_error(&f.run(&all), "--index FILE");
        assert!(line.contains("notes.txt is a file, not a folder"), "{line}");
        assert!(!line.contains("File exists"), "{line}");
    }
    assert_eq!(
        std::fs::read_to_string(f.path("notes.txt")).unwrap(),
        "my notes"
    );
}

#[test]
fn a_full_disk_under_standard_output_is_named() {
    if !std::path::Path::new("/dev/full").exists() {
        eprintln!("SKIPPED: no /dev/full on this system");
        return;
    }
    let f = Fixture::bundled();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = f
        .command(&["phrases", "--format", "csv"])
        .stdout(full)
        .output()
        .unwrap();
    let run = Run::from(out);
    let line = one_line_error(&run, "phrases > /dev/full");
    assert!(line.contains("standard output"), "{line}");
    assert!(line.contains("No space left"), "{line}");
}

#[test]
fn diff_says_when_a_side_has_several_statements() {
    let f = Fixture::empty();
    f.write(
        "corpus/two.toml",
        "id = \"two-chn\"\ndate = \"2021-01-01\"\nkind = \"call\"\ntitle = \"T\"\n\n\
         [[statements]]\nside = \"USA\"\nissuer = \"State\"\ncoverage = \"full\"\ntext = \"We discussed trade.\"\n\n\
         [[statements]]\nid = \"two-chn/mofcom\"\nside = \"CHN\"\nissuer = \"MOFCOM\"\ncoverage = \"full\"\ntext = \"Trade was discussed.\"\n\n\
         [[statements]]\nid = \"two-chn/mfa\"\nside = \"CHN\"\nissuer = \"MFA\"\ncoverage = \"full\"\ntext = \"Taiwan was raised.\"\n",
    );
    let run = f.run(&["diff", "two-chn", "--color", "never"]);
    assert!(run.code == 0 || run.code == 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("two-chn/mofcom") && run.stderr.contains("two-chn/mfa"),
        "the choice between the two CHN statements is not said:\n{}",
        run.stderr
    );
}
