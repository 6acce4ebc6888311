//! The index folder never loses a user's file, never writes through a planted
//! link, notices stale and damaged indexes, and answers during a refresh
//! (issue #14 items 1, 2, 4, 5, 6, 8 and 18). Every test here failed with the
//! binary before these fixes; each says what it used to do.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{Fixture, Run};

const REVIEW: &str = "corpus/2020/2020-08-25-phase-one-review.toml";

fn one_line_error(run: &Run, needle: &str) {
    run.expect_code(2);
    assert!(run.stderr.contains(needle), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

/// Item 1: a folder of the user's holding a `meta.json` was swapped out and
/// deleted whole by `index` and by `search`.
#[test]
fn a_users_folder_with_a_meta_json_is_never_replaced() {
    let f = Fixture::bundled();
    f.write("notes/meta.json", "{\"mine\": true}");
    f.write("notes/thesis.tex", "chapter one");
    f.write("notes/drafts/two.tex", "chapter two");
    for args in [
        &["index", "--index", "notes"][..],
        &["search", "progress", "--index", "notes"],
    ] {
        one_line_error(&f.run(args), "not a readouts index");
    }
    assert_eq!(
        fs::read_to_string(f.path("notes/meta.json")).unwrap(),
        "{\"mine\": true}"
    );
    assert_eq!(
        fs::read_to_string(f.path("notes/thesis.tex")).unwrap(),
        "chapter one"
    );
    assert_eq!(
        fs::read_to_string(f.path("notes/drafts/two.tex")).unwrap(),
        "chapter two"
    );
    assert!(!f.path("notes/.readouts-index").exists());
}

/// Item 1: `--index .` in a folder holding `meta.json` deleted every plain file there.
#[test]
fn index_dot_never_deletes_the_working_folders_files() {
    let f = Fixture::bundled();
    f.write("meta.json", "{}");
    f.write("budget.csv", "1,2,3");
    one_line_error(&f.run(&["index", "--index", "."]), "not a readouts index");
    one_line_error(
        &f.run(&["search", "progress", "--index", "."]),
        "not a readouts index",
    );
    assert_eq!(fs::read_to_string(f.path("budget.csv")).unwrap(), "1,2,3");
    assert_eq!(fs::read_to_string(f.path("meta.json")).unwrap(), "{}");
    assert!(f.path("corpus").is_dir());
}

/// An index the tool made carries its marker; `--index .` in an empty folder works.
#[test]
fn an_index_the_tool_makes_is_marked_and_usable_in_place() {
    let f = Fixture::bundled();
    fs::create_dir(f.path("here")).unwrap();
    let mut cmd = f.command(&["--corpus", "../corpus", "--index", ".", "index"]);
    let run = Run::from(cmd.current_dir(f.path("here")).output().unwrap());
    run.expect_code(0);
    assert!(f.path("here/.readouts-index").is_file());
    let mut cmd = f.command(&[
        "--corpus",
        "../corpus",
        "--index",
        ".",
        "search",
        "progress",
    ]);
    let found = Run::from(cmd.current_dir(f.path("here")).output().unwrap());
    found.expect_code(0);
    assert!(
        found.stdout.contains("4 matching statements"),
        "{}",
        found.stdout
    );
    f.run(&["index"]).expect_code(0);
    assert!(f.path("corpus/.index/.readouts-index").is_file());
}

/// An index written before the marker existed (only the tool's files) is
/// recognised, updated and marked, not refused.
#[test]
fn an_unmarked_index_of_the_tools_own_files_is_adopted() {
    let f = Fixture::bundled();
    f.run(&["index"]).expect_code(0);
    fs::remove_file(f.path("corpus/.index/.readouts-index")).unwrap();
    edit_review(&f, "constructive dialogue", "candid dialogue");
    let run = f.run(&["search", "candid"]);
    run.expect_code(0);
    assert!(f.path("corpus/.index/.readouts-index").is_file());
}

#[cfg(unix)]
fn plant_links(index: &Path, target: &Path) {
    for name in [
        ".readouts-write-probe",
        "statements.json.tmp",
        "manifest.json.tmp",
        ".tantivy-meta.lock",
        ".tantivy-writer.lock",
    ] {
        let _ = fs::remove_file(index.join(name));
        std::os::unix::fs::symlink(target, index.join(name)).unwrap();
    }
}

/// Item 2: links planted in a committed `.index/` made the first `search`
/// truncate the file they point at (the write probe) or overwrite it.
#[cfg(unix)]
#[test]
fn links_planted_in_a_committed_index_change_nothing_outside() {
    let f = Fixture::bundled();
    f.run(&["index"]).expect_code(0);
    let outside = f.write("home/.bashrc", "alias ll='ls -l'\n");
    plant_links(&f.path("corpus/.index"), &outside);
    edit_review(&f, "constructive dialogue", "candid dialogue");
    for args in [&["search", "candid"][..], &["index"], &["kwic", "candid"]] {
        one_line_error(&f.run(args), "symbolic link");
        assert_eq!(fs::read_to_string(&outside).unwrap(), "alias ll='ls -l'\n");
    }
    // A link to a file that does not exist yet: nothing is created there.
    let absent = f.path("home/.profile");
    plant_links(&f.path("corpus/.index"), &absent);
    one_line_error(&f.run(&["search", "candid"]), "symbolic link");
    one_line_error(
        &f.run(&["search", "candid", "--no-refresh"]),
        "symbolic link",
    );
    assert!(!absent.exists());
    assert_eq!(fs::read_dir(f.path("home")).unwrap().count(), 1);
}

/// Item 2: the index folder itself a planted link to a folder of the user's.
#[cfg(unix)]
#[test]
fn an_index_folder_that_is_a_link_is_not_written_through() {
    let f = Fixture::bundled();
    f.write("home/notes.txt", "mine");
    std::os::unix::fs::symlink(f.path("home"), f.path("corpus/.index")).unwrap();
    one_line_error(&f.run(&["search", "progress"]), "symbolic link");
    let names: Vec<_> = fs::read_dir(f.path("home"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("notes.txt")]);
}

/// Item 4: a folder called `<index>.staging` beside a custom `--index` was
/// deleted without a word by the first build.
#[test]
fn a_folder_named_like_the_staging_folder_is_kept() {
    let f = Fixture::bundled();
    f.write("idx.staging/keep.txt", "mine");
    f.write("idx.staging-abcdef/keep.txt", "mine too");
    // The first build is made in a staging folder beside `idx` and swapped in.
    f.run(&["index", "--index", "idx"]).expect_code(0);
    f.run(&["search", "progress", "--index", "idx"])
        .expect_code(0);
    assert_eq!(
        fs::read_to_string(f.path("idx.staging/keep.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        fs::read_to_string(f.path("idx.staging-abcdef/keep.txt")).unwrap(),
        "mine too"
    );
    let left: Vec<String> = fs::read_dir(f.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("idx.staging-") && n != "idx.staging-abcdef")
        .collect();
    assert!(left.is_empty(), "staging folders left behind: {left:?}");
}

/// Item 5: statement ids that repeat across events vanished from the index
/// (`check` ok with 4 statements, `search` found 2).
#[test]
fn statement_ids_repeated_across_events_are_all_indexed() {
    let f = Fixture::empty();
    for (event, date) in [("talks-one", "2021-03-01"), ("talks-two", "2021-04-01")] {
        f.write(
            &format!("corpus/{event}.toml"),
            format!(
                "id = \"{event}\"\ndate = \"{date}\"\nkind = \"call\"\ntitle = \"Talks\"\n\n\
                 [[statements]]\nid = \"mfa\"\nside = \"CHN\"\nissuer = \"MFA\"\ncoverage = \"full\"\ntext = \"frank exchange\"\n\n\
                 [[statements]]\nid = \"mofcom\"\nside = \"CHN\"\nissuer = \"MOFCOM\"\ncoverage = \"full\"\ntext = \"frank exchange on trade\"\n"
            ),
        );
    }
    let check = f.run(&["check"]);
    check.expect_code(0);
    assert!(check.stdout.contains("4 statements"), "{}", check.stdout);
    let run = f.run(&["search", "frank"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("4 matching statements"),
        "{}",
        run.stdout
    );
    let kwic = f.run(&["kwic", "frank", "--format", "csv"]);
    assert_eq!(kwic.stdout.matches("frank").count(), 4, "{}", kwic.stdout);
    // An edit of one of them re-indexes that one only, the other stays.
    let path = f.path("corpus/talks-two.toml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen("frank exchange\"", "candid exchange\"", 1),
    )
    .unwrap();
    let again = f.run(&["index"]);
    assert!(
        again
            .stdout
            .contains("indexed 1 changed statement, removed 0, unchanged 3"),
        "{}",
        again.stdout
    );
    assert!(f
        .run(&["search", "frank"])
        .stdout
        .contains("3 matching statements"));
}

/// Item 6: an edit that keeps the size and the modification time (`touch -r`,
/// `cp -p`, `rsync -t`) left the index stale; `kwic` printed text no longer there.
#[test]
fn an_edit_that_keeps_size_and_mtime_is_seen() {
    let f = Fixture::bundled();
    f.run(&["kwic", "constructive"]).expect_code(0);
    let path = f.path(REVIEW);
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    let before = fs::read_to_string(&path).unwrap();
    // A word of the same length, so the file keeps its size.
    let after = before.replace("constructive dialogue", "destructives dialogue");
    assert_eq!(before.len(), after.len());
    fs::write(&path, after).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), mtime);
    f.run(&["kwic", "constructive"]).expect_code(1);
    let run = f.run(&["kwic", "destructives"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("destructives dialogue"),
        "{}",
        run.stdout
    );
}

/// Item 6: `search` and `kwic` were silent when a broken file kept statements
/// out of the index (`index`, `phrases` and `tone` warn); now they warn,
/// also when the index is already fresh.
#[test]
fn search_and_kwic_warn_when_a_broken_file_drops_statements() {
    let f = Fixture::bundled();
    f.write(
        "corpus/2021/broken.toml",
        "id = \"broken\"\ndate = \"2021-02-30\"\n[[statements]\n",
    );
    for _ in 0..2 {
        for args in [&["search", "progress"][..], &["kwic", "progress"]] {
            let run = f.run(args);
            run.expect_code(0);
            assert!(run.stderr.contains("warning"), "{args:?}: {}", run.stderr);
            assert!(run.stderr.contains("readouts check"), "{}", run.stderr);
        }
    }
    fs::remove_file(f.path("corpus/2021/broken.toml")).unwrap();
    let clean = f.run(&["search", "progress"]);
    assert!(!clean.stderr.contains("warning"), "{}", clean.stderr);
}

fn largest(index: &Path, ext: &str) -> std::path::PathBuf {
    fs::read_dir(index)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .max_by_key(|p| fs::metadata(p).unwrap().len())
        .expect("a segment file")
}

/// Item 8: a segment file cut to a few bytes made every search panic in
/// tantivy's `file_slice.rs` (exit 101) while `index` said "up to date".
#[test]
fn a_truncated_segment_file_is_reported_and_rebuilt_never_a_panic() {
    let f = Fixture::bundled();
    f.run(&["index"]).expect_code(0);
    let store = largest(&f.path("corpus/.index"), "store");
    fs::File::options()
        .write(true)
        .open(&store)
        .unwrap()
        .set_len(5)
        .unwrap();
    one_line_error(&f.run(&["search", "progress", "--no-refresh"]), "damaged");
    let run = f.run(&["search", "progress"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("4 matching statements"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("damaged") && run.stderr.contains("rebuilt"),
        "{}",
        run.stderr
    );
    f.run(&["index", "--verify"]).expect_code(0);
    // Cut to nothing and lost files too.
    for cut in ["term", "idx"] {
        let file = largest(&f.path("corpus/.index"), cut);
        if cut == "idx" {
            fs::remove_file(&file).unwrap();
        } else {
            fs::File::options()
                .write(true)
                .open(&file)
                .unwrap()
                .set_len(0)
                .unwrap();
        }
        let run = f.run(&["index"]);
        run.expect_code(0);
        assert!(run.stdout.contains("damaged"), "{}", run.stdout);
        f.run(&["kwic", "progress"]).expect_code(0);
    }
}

/// Item 8: flipped bytes went unnoticed (wrong answers, odd errors);
/// `index --verify` names the file, `index` rebuilds.
#[test]
fn flipped_bytes_are_noticed_by_verify_and_rebuilt_by_index() {
    let f = Fixture::bundled();
    f.run(&["index"]).expect_code(0);
    let sound = f.run(&["index", "--verify"]);
    sound.expect_code(0);
    assert!(
        sound.stdout.starts_with("ok: 11 statements"),
        "{}",
        sound.stdout
    );
    let store = largest(&f.path("corpus/.index"), "store");
    let mut bytes = fs::read(&store).unwrap();
    for b in &mut bytes[10..14] {
        *b ^= 0xff;
    }
    fs::write(&store, bytes).unwrap();
    let name = store.file_name().unwrap().to_string_lossy().into_owned();
    let verify = f.run(&["index", "--verify"]);
    verify.expect_code(1);
    assert!(
        verify.stdout.contains(&name) && verify.stdout.contains("checksum"),
        "{}",
        verify.stdout
    );
    let run = f.run(&["index"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("damaged") && run.stdout.contains(&name),
        "{}",
        run.stdout
    );
    f.run(&["index", "--verify"]).expect_code(0);
}

/// A small tmpfs, unmounted when dropped; `None` (SKIPPED printed) when this
/// machine does not let the tests mount one (not root, no mount).
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(at: &Path, size: &str) -> Option<SmallDisk> {
        fs::create_dir_all(at).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("SKIPPED: cannot mount a small tmpfs here (needs root and mount)");
            return None;
        }
        Some(SmallDisk(at.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Item 8: after a full disk during an update, the orphaned segment files
/// filled the disk and every later update failed.
#[test]
fn orphaned_segments_after_a_full_disk_do_not_wedge_later_updates() {
    let f = Fixture::bundled();
    let Some(disk) = SmallDisk::mount(&f.path("disk"), "600k") else {
        return;
    };
    let idx = disk.0.join("idx");
    let idx_arg = idx.to_str().unwrap();
    f.run(&["index", "--index", idx_arg]).expect_code(0);
    let words: Vec<String> = (0..150_000)
        .map(|i| format!("w{}", (i * 7919) % 20_000))
        .collect();
    f.write(
        "corpus/2021/big.toml",
        format!(
            "id = \"big\"\ndate = \"2021-01-01\"\nkind = \"call\"\ntitle = \"big\"\n[[statements]]\nside = \"USA\"\nissuer = \"X\"\ncoverage = \"full\"\ntext = \"\"\"\n{}\n\"\"\"\n",
            words.join(" ")
        ),
    );
    let full = f.run(&["index", "--index", idx_arg]);
    full.expect_code(2);
    assert!(full.stderr.contains("No space left"), "{}", full.stderr);
    fs::remove_file(f.path("corpus/2021/big.toml")).unwrap();
    f.run(&["index", "--index", idx_arg]).expect_code(0);
    edit_review(&f, "constructive dialogue", "candid dialogue");
    let run = f.run(&["search", "candid", "--index", idx_arg]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("1 matching statement"),
        "{}",
        run.stdout
    );
}

/// Item 18: a plain `search` failed with "index is busy" while another
/// process refreshed the index; it answers from the committed index.
#[test]
fn search_during_a_refresh_answers_from_the_committed_index() {
    let f = Fixture::bundled();
    f.run(&["index"]).expect_code(0);
    let before = f.run(&["search", "constructive"]);
    before.expect_code(0);
    edit_review(&f, "constructive dialogue", "candid dialogue");
    // Another process's update holds tantivy's writer lock, as `index` does.
    let index = tantivy::Index::open_in_dir(f.path("corpus/.index")).unwrap();
    let writer = index
        .writer::<tantivy::TantivyDocument>(15_000_000)
        .unwrap();
    for args in [&["search", "constructive"][..], &["kwic", "constructive"]] {
        let during = f.run(args);
        during.expect_code(0);
        assert!(
            during.stderr.contains("last committed"),
            "{}",
            during.stderr
        );
        assert!(!during.stderr.contains("busy"), "{}", during.stderr);
        if args[0] == "search" {
            assert_eq!(during.stdout, before.stdout);
        }
    }
    one_line_error(&f.run(&["index"]), "is busy");
    drop(writer);
    f.run(&["search", "candid"]).expect_code(0);
    f.run(&["search", "constructive"]).expect_code(1);
}

fn edit_review(f: &Fixture, from: &str, to: &str) {
    let path = f.path(REVIEW);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from));
    fs::write(&path, text.replace(from, to)).unwrap();
}
