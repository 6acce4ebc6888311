//! What every importer target shares: a scratch folder in memory, the
//! statements an import wrote, and the three invariants of an import on
//! untrusted input (no panic is libFuzzer's own check):
//! - every skipped row names a file the target wrote and a line inside it;
//! - every word of an imported text occurs in the input (after the decoding
//!   the format itself defines: CSV quotes, JSON strings, HTML entities), so an
//!   importer invents nothing.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use readouts::corpus::import::{Report, Skipped};
use scraper::Html;

/// A scratch folder with `src/` for the input and `out/` for the import.
pub struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        let shm = Path::new("/dev/shm");
        let dir = if shm.is_dir() {
            tempfile::Builder::new()
                .prefix("readouts-fuzz")
                .tempdir_in(shm)
        } else {
            tempfile::tempdir()
        };
        let dir = dir.expect("a scratch folder");
        fs::create_dir(dir.path().join("src")).expect("src folder");
        Scratch { dir }
    }

    pub fn src(&self) -> PathBuf {
        self.dir.path().join("src")
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// Writes `bytes` to `src/<rel>`, creating its folders; returns the path.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        self.try_put(rel, bytes).expect("input file")
    }

    /// As [`Scratch::put`], or `None` where the layout cannot hold the file
    /// (a folder where a file is, or a file where a folder is).
    pub fn try_put(&self, rel: &str, bytes: &[u8]) -> Option<PathBuf> {
        let path = self.src().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).ok()?;
        }
        fs::write(&path, bytes).ok()?;
        Some(path)
    }
}

/// Every `text` the import wrote under `out`, from every JSONL file.
pub fn imported_texts(out: &Path) -> Vec<String> {
    let mut files = Vec::new();
    collect(out, &mut files);
    let mut texts = Vec::new();
    for file in files {
        let body = fs::read_to_string(&file).expect("imports write UTF-8");
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let value: serde_json::Value =
                serde_json::from_str(line).expect("imports write JSON lines");
            let text = value["text"].as_str().expect("every statement has a text");
            texts.push(text.to_string());
        }
    }
    texts
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "jsonl") {
            out.push(path);
        }
    }
}

/// Every word of every imported text is a piece of `haystack`.
pub fn assert_words_from(texts: &[String], haystack: &str) {
    for text in texts {
        for word in text.split_whitespace() {
            assert!(
                haystack.contains(word),
                "imported word {word:?} is not in the input"
            );
        }
    }
}

/// Every run of letters and digits of every imported text is a piece of
/// `haystack`: the check for feeds, whose XML may be broken in ways that the
/// feed parser and an HTML parser (which builds `haystack`) read apart.
pub fn assert_runs_from(texts: &[String], haystack: &str) {
    for text in texts {
        for run in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|r| !r.is_empty())
        {
            assert!(
                haystack.contains(run),
                "imported letters {run:?} are not in the input"
            );
        }
    }
}

/// Each skipped row names one of `files` (or the source folder) and, where it
/// names a line (`line > 0`), a line that file has.
pub fn assert_skips_inside(report_skips: &[Skipped], files: &[(PathBuf, usize)], src: &Path) {
    for skip in report_skips {
        if skip.path == src {
            continue;
        }
        let Some((_, lines)) = files.iter().find(|(p, _)| *p == skip.path) else {
            panic!("a skip names {}, not an input file", skip.path.display());
        };
        assert!(
            skip.line <= *lines,
            "{}: line {} of a {lines}-line file ({})",
            skip.path.display(),
            skip.line,
            skip.reason
        );
    }
}

/// Both kinds of rows an import did not take.
pub fn all_skips(report: &Report) -> Vec<Skipped> {
    report
        .skipped
        .iter()
        .chain(&report.passed_over)
        .cloned()
        .collect()
}

/// Lines of an input as editors count them (a last line without `\n` counts).
pub fn line_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count() + 1
}

/// The text an HTML (or XML read as HTML) input holds, entities decoded,
/// text nodes joined without separators (so words split by inline tags join).
/// A second reading leaves out the text of scripts and styles, which pages
/// never show (so the words on either side of a `<script>` meet).
pub fn html_text(input: &str) -> String {
    let doc = Html::parse_document(input);
    let all: String = doc.root_element().text().collect();
    let shown: String = doc
        .root_element()
        .descendants()
        .filter(|n| {
            !n.ancestors().any(|a| {
                a.value().as_element().is_some_and(|e| {
                    matches!(e.name(), "script" | "style" | "noscript" | "template")
                })
            })
        })
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect();
    format!("{all}\n{shown}")
}

/// `input` without control characters, which imports drop.
pub fn without_controls(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .collect()
}

/// The options `import markdown` and `import feed` run with by default,
/// built once (reading the built-in kind and boilerplate rules is slow).
pub fn release_options() -> &'static readouts::corpus::import::release::Options {
    static OPTIONS: std::sync::OnceLock<readouts::corpus::import::release::Options> =
        std::sync::OnceLock::new();
    OPTIONS.get_or_init(build_release_options)
}

fn build_release_options() -> readouts::corpus::import::release::Options {
    use readouts::corpus::import::{boilerplate::Boilerplate, dates::DateRules, kinds::Kinds};
    readouts::corpus::import::release::Options {
        side: readouts::corpus::Side::parse("USA").expect("a side"),
        issuer: String::new(),
        language: None,
        dates: DateRules::new("America/New_York", None).expect("a zone"),
        kinds: Kinds::new(None).expect("the built-in kinds"),
        boilerplate: Boilerplate::new(None).expect("the built-in boilerplate"),
        force: false,
    }
}
