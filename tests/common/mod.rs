//! Test harness shared by the integration tests: each test gets its own
//! temporary folder (with a copy of the bundled corpus when asked), and runs
//! the real `readouts` binary with a cleared environment, so NO_COLOR,
//! COLUMNS or a user's READOUTS_CORPUS never change what a test sees.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The repository's bundled corpus.
pub fn bundled_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// `../shared/data/NAME`, the real archives beside the project. A test that
/// reads them is marked `#[ignore = "needs ../shared/data/NAME"]`, so where
/// they are absent it shows as ignored, never as passed; `.ci/run` (the
/// README's test command, `cargo test -- --include-ignored`) runs it. Asked
/// for without the data, the test fails here and says so.
pub fn shared_data(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(name);
    assert!(
        dir.exists(),
        "{} is not there: this test needs ../shared/data/{name} (plain `cargo test` leaves it out)",
        dir.display()
    );
    dir
}

/// The UN General Debate Corpus beside the project ([`shared_data`]).
pub fn ungdc_dir() -> PathBuf {
    let dir = shared_data("ungdc");
    assert!(
        dir.join("Session 77 - 2022").is_dir(),
        "{} holds no Session 77 - 2022",
        dir.display()
    );
    dir
}

/// A corpus folder holding the whole UN General Debate Corpus imported with
/// `readouts import ungdc`, built once and shared by every test (and every
/// test binary of one build: it is cached under target/tmp and rebuilt when the
/// `readouts` binary changes). Tests must treat it as read-only; an index
/// built inside it is shared too.
pub fn ungdc_corpus() -> PathBuf {
    static CORPUS: OnceLock<PathBuf> = OnceLock::new();
    CORPUS
        .get_or_init(|| build_ungdc_corpus(&ungdc_dir()))
        .clone()
}

fn build_ungdc_corpus(src: &Path) -> PathBuf {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ungdc-fixture");
    let corpus = base.join("corpus");
    let stamp_path = base.join("stamp");
    let binary = fs::metadata(env!("CARGO_BIN_EXE_readouts")).expect("readouts binary");
    let stamp = format!("{:?} {}", binary.modified().ok(), binary.len());
    if fs::read_to_string(&stamp_path).ok().as_deref() == Some(stamp.as_str()) {
        return corpus;
    }
    let _ = fs::remove_dir_all(&base);
    fs::create_dir_all(&base).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_readouts"))
        .args(["import", "ungdc"])
        .arg(src)
        .arg("--into")
        .arg(&corpus)
        .env_clear()
        .output()
        .expect("run readouts import ungdc");
    assert!(
        out.status.success(),
        "UN import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    fs::write(&stamp_path, stamp).unwrap();
    corpus
}

/// A temporary working folder for one test.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    env: Vec<(String, String)>,
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Fixture {
    /// An empty folder; `corpus/` inside it is the default corpus.
    pub fn empty() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
            env: Vec::new(),
        }
    }

    /// A folder holding a copy of the bundled corpus at `corpus/`.
    pub fn bundled() -> Fixture {
        let f = Fixture::empty();
        copy_dir(&bundled_corpus(), &f.path("corpus"));
        f
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file (creating folders); returns its path.
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, content).unwrap();
        path
    }

    /// Adds an environment variable for later runs.
    pub fn env(mut self, key: &str, value: &str) -> Fixture {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Imports `../shared/data/ARCHIVE` ([`shared_data`]) with `readouts
    /// import FORMAT` into this fixture's `corpus/`; returns that folder.
    /// Exit 1 is accepted: imported, with pages or files named as skipped
    /// (the MFA mirror holds list pages; two pages carry no date).
    pub fn import_shared(&self, format: &str, archive: &str) -> PathBuf {
        let src = shared_data(archive);
        let run = self.run(&["import", format, src.to_str().unwrap(), "--into", "corpus"]);
        assert!(
            run.code == 0 || run.code == 1,
            "import {format} {archive}: {}{}",
            run.stdout,
            run.stderr
        );
        self.path("corpus")
    }

    /// Runs `readouts ARGS` in the fixture folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = self.command(args).output().expect("run readouts");
        Run::from(output)
    }

    /// The command, for tests that need to feed stdin or signal it.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_readouts"));
        cmd.args(args).current_dir(self.dir.path()).env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Panics with the whole output when the exit status is not `code`.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "exit status\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// Makes ANSI colours visible for snapshots: `\x1b[1;31m` becomes `<1;31>`, reset `</>`.
pub fn ansi_to_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("\x1b[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let Some(m) = after.find('m') else { break };
        let code = &after[..m];
        out.push_str(&if code == "0" || code.is_empty() {
            "</>".to_string()
        } else {
            format!("<{code}>")
        });
        rest = &after[m + 1..];
    }
    out.push_str(rest);
    out
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The headless browser on PATH, or `None` with the reason printed (the
/// test then returns early: it is skipped, not failed).
pub fn browser() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser"].into_iter().find(|b| {
        std::env::var_os("PATH").is_some_and(|paths| {
            std::env::split_paths(&paths).any(|d| Path::new(&d).join(b).is_file())
        })
    });
    if found.is_none() {
        eprintln!("SKIPPED: no chromium on PATH (apt-get install chromium)");
    }
    found
}

/// Runs `browser` headless with a profile folder of the fixture's own and
/// nothing fetched in the background, then `args`.
pub fn chromium(browser: &str, f: &Fixture, args: &[String]) -> std::process::Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1280,1000",
        ])
        .arg(format!(
            "--user-data-dir={}",
            f.path("chromium-profile").display()
        ))
        .args(args)
        .output()
        .expect("run chromium")
}
