//! The README's examples, run: every line `$ COMMAND` in a fenced block of
//! README.md is run with the real binary (through `sh`, so quotes and
//! redirections work as shown) in a copy of the bundled corpus, in the order
//! the README gives them, and the lines shown under it are compared with what
//! it printed. A line that is only `…` stands for any number of lines; a `…`
//! inside a line for any text there. A command shown without output must still
//! run (exit status 0 or 1, never a usage or runtime error). Examples on the UN
//! corpus (`--corpus un`) or the shared archives (`../shared/data/…`) are run
//! by a second test, ignored unless asked for (`--include-ignored`, as
//! `.ci/run` does), which runs every example in order with the data.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::Fixture;

/// One `$ COMMAND` of the README and the lines shown under it.
#[derive(Debug)]
struct Example {
    line: usize,
    command: String,
    shown: Vec<String>,
}

/// Every example of `readme`, in order; `Err(line)` for a fence opened on
/// `line` and never closed (the rest of the page would render as code).
fn examples(readme: &str) -> Result<Vec<Example>, usize> {
    let mut out: Vec<Example> = Vec::new();
    let mut open = None;
    for (i, line) in readme.lines().enumerate() {
        if line.starts_with("```") {
            open = match open {
                None => Some(i + 1),
                Some(_) => None,
            };
            continue;
        }
        if open.is_none() {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            out.push(Example {
                line: i + 1,
                command: command.to_string(),
                shown: Vec::new(),
            });
        } else if let Some(last) = out.last_mut().filter(|e| e.line >= open.unwrap()) {
            last.shown.push(line.to_string());
        }
    }
    match open {
        Some(line) => Err(line),
        None => Ok(out),
    }
}

/// Whether `line` is what `pattern` shows (`…` stands for any text).
fn line_matches(pattern: &str, line: &str) -> bool {
    let (pattern, line) = (pattern.trim_end(), line.trim_end());
    if pattern == line {
        return true;
    }
    let parts: Vec<&str> = pattern.split('…').collect();
    if parts.len() == 1 {
        return false;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !line.starts_with(first) || !line[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &line[first.len()..line.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// Whether the printed lines are what the README shows.
fn output_matches(shown: &[String], printed: &[&str]) -> bool {
    match shown.split_first() {
        None => printed.iter().all(|l| l.trim().is_empty()),
        Some((first, rest)) if first.trim() == "…" => {
            (0..=printed.len()).any(|skip| output_matches(rest, &printed[skip..]))
        }
        Some((first, rest)) => printed
            .split_first()
            .is_some_and(|(line, more)| line_matches(first, line) && output_matches(rest, more)),
    }
}

/// Why an example cannot run here, if it cannot.
fn missing_data(command: &str, un: Option<&Path>) -> Option<String> {
    if command.contains("--corpus un") && un.is_none() {
        return Some("it needs the UN General Debate Corpus".into());
    }
    if let Some(at) = command.find("../shared/data/") {
        let rel: String = command[at..].split_whitespace().next().unwrap().into();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(&rel);
        if !dir.exists() {
            return Some(format!("{rel} is not here"));
        }
    }
    if command.starts_with("python3") && !has_pandas() {
        return Some("pandas is not installed".into());
    }
    None
}

fn has_pandas() -> bool {
    Command::new("python3")
        .args(["-c", "import pandas"])
        .status()
        .is_ok_and(|s| s.success())
}

/// The folder the examples run in (`work/`, so that `../shared/data` is a
/// link to the shared archives): the bundled corpus at `corpus/`, the UN
/// corpus at `un`, and the files the import examples read.
fn workspace(un: Option<&Path>) -> (Fixture, PathBuf) {
    let f = Fixture::empty();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = f.path("work");
    common::copy_dir(&common::bundled_corpus(), &work.join("corpus"));
    if let Some(un) = un {
        std::os::unix::fs::symlink(un, work.join("un")).unwrap();
    }
    fs::copy(
        root.join("tests/fixtures/readme/mfa.jsonl"),
        work.join("mfa.jsonl"),
    )
    .unwrap();
    fs::copy(
        root.join("tests/fixtures/feeds/state-press-releases.xml"),
        work.join("press-releases.xml"),
    )
    .unwrap();
    fs::create_dir(f.path("shared")).unwrap();
    std::os::unix::fs::symlink(root.join("../shared/data"), f.path("shared/data")).unwrap();
    (f, work)
}

#[test]
fn every_readme_example_without_shared_data_runs_and_prints_what_the_readme_shows() {
    run_examples(None);
}

#[test]
#[ignore = "needs ../shared/data/ungdc and the other archives"]
fn every_readme_example_runs_and_prints_what_the_readme_shows() {
    run_examples(Some(common::ungdc_corpus()));
}

/// Runs the README's examples in order; without the UN corpus, those that
/// need shared data are left out (the ignored test runs them).
fn run_examples(un: Option<PathBuf>) {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let examples = examples(&readme).unwrap_or_else(|line| {
        panic!("README.md: the fence opened on line {line} is never closed")
    });
    assert!(
        examples.len() >= 20,
        "only {} examples found",
        examples.len()
    );
    let (f, work) = workspace(un.as_deref());
    let bin = Path::new(env!("CARGO_BIN_EXE_readouts")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut failures = Vec::new();
    for ex in &examples {
        if let Some(why) = missing_data(&ex.command, un.as_deref()) {
            // With the UN corpus given, shared data must be there: say so.
            assert!(
                un.is_none() || why.starts_with("pandas"),
                "README.md:{} `{}`: {why}",
                ex.line,
                ex.command
            );
            eprintln!("left out: README.md:{} `{}`: {why}", ex.line, ex.command);
            continue;
        }
        let out = Command::new("sh")
            .args(["-c", &ex.command])
            .current_dir(&work)
            .env_clear()
            .env("PATH", &path)
            .env("HOME", f.dir.path())
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        let printed = format!("{stdout}{stderr}");
        let lines: Vec<&str> = printed.lines().collect();
        let code = out.status.code().unwrap_or(-1);
        if code > 1 {
            failures.push(format!(
                "README.md:{} `{}` exited {code}:\n{printed}",
                ex.line, ex.command
            ));
        } else if !ex.shown.is_empty() && !output_matches(&ex.shown, &lines) {
            failures.push(format!(
                "README.md:{} `{}` printed\n{printed}\nwhere the README shows\n{}",
                ex.line,
                ex.command,
                ex.shown.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_matcher_takes_ellipses_as_any_text() {
    let shown: Vec<String> = ["a", "…", "removed … paragraphs (… characters)", "z"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert!(output_matches(
        &shown,
        &["a", "b", "c", "removed 3 paragraphs (40 characters)", "z"]
    ));
    assert!(output_matches(
        &shown,
        &["a", "removed 1 paragraphs (2 characters)", "z"]
    ));
    assert!(!output_matches(&shown, &["a", "removed 1 paragraphs", "z"]));
    assert!(!output_matches(
        &shown,
        &["a", "removed 1 paragraphs (2 characters)"]
    ));
    assert!(!output_matches(
        &shown,
        &["b", "removed 1 paragraphs (2 characters)", "z"]
    ));
    let closed = examples("```console\n$ readouts check\nok\n```\n").unwrap();
    assert_eq!(
        (closed[0].command.as_str(), closed[0].shown.len()),
        ("readouts check", 1)
    );
    assert_eq!(
        examples("```console\n$ readouts check\n```\n\n```text\n").unwrap_err(),
        5
    );
}
