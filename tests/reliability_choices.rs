//! The last reliability findings of issue #14: `diff` and `tone --with-diffs`
//! never pick one of two same-side statements silently (item 19's last clause), a
//! full disk is reported with the file it could not write (item 19), and
//! flipped bytes in a segment are found before `search` answers (item 8).

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::Fixture;

const TWO_FROM_ONE_SIDE: &str = r#"
id = "2024-05-02-two-readouts"
date = "2024-05-02"
kind = "call"
title = "A call with two US readouts"

[[statements]]
id = "2024-05-02-two-readouts/USA-state"
side = "USA"
issuer = "State Department"
coverage = "full"
text = "The Secretary raised Taiwan. Both sides agreed to keep channels open."

[[statements]]
id = "2024-05-02-two-readouts/USA-wh"
side = "USA"
issuer = "White House"
coverage = "full"
text = "The President stressed fair trade. The leaders agreed to talk again."

[[statements]]
side = "CHN"
issuer = "MFA"
coverage = "full"
text = "China firmly opposes interference. Both sides agreed to keep channels open."
"#;

fn two_readouts() -> Fixture {
    let f = Fixture::empty();
    f.write("corpus/2024-05-02-two-readouts.toml", TWO_FROM_ONE_SIDE);
    f
}

#[test]
fn a_side_with_two_statements_is_refused_with_their_ids() {
    let f = two_readouts();
    let run = f.run(&["diff", "2024-05-02-two-readouts"]);
    run.expect_code(2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_eq!(
        run.stderr.trim(),
        "readouts: event `2024-05-02-two-readouts` has 2 statements from USA \
         (2024-05-02-two-readouts/USA-state, 2024-05-02-two-readouts/USA-wh); \
         choose with --statements ID,ID"
    );
    let sides = f.run(&["diff", "2024-05-02-two-readouts", "--sides", "CHN,USA"]);
    sides.expect_code(2);
    assert!(
        sides.stderr.contains("--statements ID,ID"),
        "{}",
        sides.stderr
    );
}

#[test]
fn statements_by_id_choose_left_and_right() {
    let f = two_readouts();
    let event = "2024-05-02-two-readouts";
    for (pick, issuer) in [("USA-state", "State Department"), ("USA-wh", "White House")] {
        let arg = format!("{pick},{event}/CHN");
        let run = f.run(&["diff", event, "--statements", &arg, "--format", "json"]);
        run.expect_code(0);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(json["left"]["statement_id"], format!("{event}/{pick}"));
        assert_eq!(json["left"]["issuer"], issuer);
        assert_eq!(json["right"]["statement_id"], format!("{event}/CHN"));
        assert!(run.stderr.is_empty(), "{}", run.stderr);
    }
    let unknown = f.run(&["diff", event, "--statements", "USA-x,CHN"]);
    unknown.expect_code(2);
    assert!(
        unknown.stderr.contains("no statement `USA-x` (it has "),
        "{}",
        unknown.stderr
    );
    let same = f.run(&["diff", event, "--statements", "USA-wh,USA-wh"]);
    same.expect_code(2);
    assert!(
        same.stderr.contains("two different statements"),
        "{}",
        same.stderr
    );
    let three = f.run(&["diff", event, "--statements", "USA-wh"]);
    three.expect_code(2);
    assert!(
        three.stderr.contains("takes two statement ids"),
        "{}",
        three.stderr
    );
    let both = f.run(&[
        "diff",
        event,
        "--statements",
        "USA-wh,CHN",
        "--sides",
        "USA,CHN",
    ]);
    both.expect_code(2);
    assert_eq!(both.stderr.trim().lines().count(), 1, "{}", both.stderr);
}

/// A small tmpfs filled to the last block, unmounted when dropped; `None`
/// (SKIPPED printed) where the tests cannot mount one (not root).
struct FullDisk(PathBuf);

impl FullDisk {
    fn mount(at: &Path) -> Option<FullDisk> {
        fs::create_dir_all(at).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("SKIPPED: cannot mount a small tmpfs here (needs root and mount)");
            return None;
        }
        let disk = FullDisk(at.to_path_buf());
        let mut filler = fs::File::create(at.join("filler")).unwrap();
        let block = vec![0u8; 4096];
        while std::io::Write::write_all(&mut filler, &block).is_ok() {}
        Some(disk)
    }
}

impl Drop for FullDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn tone_with_diffs_writes_one_diff_per_pairing_when_a_side_has_two_statements() {
    let f = two_readouts();
    let run = f.run(&["tone", "--format", "html", "--with-diffs", "pages"]);
    run.expect_code(0);
    assert!(run
        .stdout
        .contains("href=\"pages/2024-05-02-two-readouts.html\""));
    let choices = fs::read_to_string(f.path("pages/2024-05-02-two-readouts.html")).unwrap();
    assert!(choices.contains("one diff per pairing"), "{choices}");
    for (n, usa) in [(1, "USA-state"), (2, "USA-wh")] {
        let file = format!("2024-05-02-two-readouts--{n}.html");
        assert!(choices.contains(&format!("href=\"{file}\"")), "{choices}");
        let page = fs::read_to_string(f.path(&format!("pages/{file}"))).unwrap();
        let id = format!("2024-05-02-two-readouts/{usa}");
        assert!(page.contains(&id), "page {n} should diff {id}");
        let other = if n == 1 {
            "President stressed"
        } else {
            "Secretary raised"
        };
        assert!(!page.contains(other), "page {n} holds the other statement");
        assert!(page.contains("interference"), "page {n}");
    }
    assert!(!f.path("pages/2024-05-02-two-readouts--3.html").exists());
}

#[test]
fn a_full_disk_names_the_file_that_could_not_be_written() {
    let f = Fixture::bundled();
    f.run(&["index"]).expect_code(0);
    let Some(_disk) = FullDisk::mount(&f.path("disk")) else {
        return;
    };
    let cases: [(&[&str], &str); 4] = [
        (
            &["search", "progress", "--provenance", "disk/p.json"],
            "cannot write the provenance file disk/p.json: No space left on device",
        ),
        (
            &["tone", "--format", "html", "--with-diffs", "disk/pages"],
            "cannot write disk/pages/2020-08-25-phase-one-review.html: No space left on device (os error 28)\n",
        ),
        (
            &["man", "--dir", "disk/man"],
            "cannot write disk/man/readouts.1: No space left on device",
        ),
        (
            &["index", "--index", "disk/idx"],
            "disk/idx",
        ),
    ];
    for (args, said) in cases {
        let run = f.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(said), "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    let import = f.write("a.csv", "date,text\n2024-01-01,hello there\n");
    let run = f.run(&[
        "import",
        "csv",
        import.to_str().unwrap(),
        "--map",
        "date=date,text=text",
        "--set",
        "side=USA,issuer=X",
        "--into",
        "disk/c",
    ]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("cannot write disk/c/import/a-csv-") && run.stderr.contains("No space"),
        "{}",
        run.stderr
    );
}

#[test]
fn standard_output_on_a_full_device_is_named() {
    let f = Fixture::bundled();
    f.run(&["index"]).expect_code(0);
    let commands: [&[&str]; 9] = [
        &["search", "progress"],
        &["kwic", "progress"],
        &["phrases", "--format", "csv"],
        &["tone", "--format", "json"],
        &["keyness", "--a", "side:USA", "--b", "side:CHN"],
        &["diff", "2020-08-25-phase-one-review"],
        &["check", "--format", "json"],
        &["completions", "bash"],
        &["man"],
    ];
    for args in commands {
        let full = fs::File::options().write(true).open("/dev/full").unwrap();
        let out = f.command(args).stdout(full).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(
            stderr.trim(),
            "readouts: cannot write to standard output: No space left on device (os error 28)",
            "{args:?}"
        );
    }
}

/// Bytes flipped inside a segment file (size kept) are found by the next
/// `search` before it answers: it says so and rebuilds, then answers right.
#[test]
fn flipped_bytes_are_found_before_search_answers() {
    let f = Fixture::bundled();
    f.run(&["index"]).expect_code(0);
    let before = f.run(&["search", "progress", "--format", "json"]);
    before.expect_code(0);
    let store = fs::read_dir(f.path("corpus/.index"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "store"))
        .max_by_key(|p| fs::metadata(p).unwrap().len())
        .unwrap();
    let mut bytes = fs::read(&store).unwrap();
    for b in &mut bytes[20..28] {
        *b ^= 0x5a;
    }
    fs::write(&store, &bytes).unwrap();
    let name = store.file_name().unwrap().to_string_lossy().into_owned();
    let no_refresh = f.run(&["search", "progress", "--no-refresh"]);
    no_refresh.expect_code(2);
    assert!(
        no_refresh.stderr.contains("is damaged")
            && no_refresh.stderr.contains(&name)
            && no_refresh
                .stderr
                .contains("run `readouts index` to rebuild it"),
        "{}",
        no_refresh.stderr
    );
    assert!(no_refresh.stdout.is_empty(), "{}", no_refresh.stdout);
    let run = f.run(&["search", "progress", "--format", "json"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("damaged") && run.stderr.contains(&name),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, before.stdout);
}
