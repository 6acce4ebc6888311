//! `readouts index`: incremental updates, automatic refresh, --no-refresh,
//! --index, schema versions and the writer lock; and the UN General Debate
//! Corpus indexed whole (an ignored test: it needs ../shared/data/ungdc).

use crate::common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::Fixture;

const REVIEW: &str = "corpus/2020/2020-08-25-phase-one-review.toml";

#[test]
fn editing_one_file_reindexes_one_statement() {
    let f = Fixture::bundled();
    let first = f.run(&["index"]);
    first.expect_code(0);
    assert!(
        first
            .stdout
            .starts_with("indexed 11 new statements, removed 0, unchanged 0"),
        "{}",
        first.stdout
    );
    let again = f.run(&["index"]);
    assert!(
        again
            .stdout
            .starts_with("index up to date: 11 statements unchanged"),
        "{}",
        again.stdout
    );
    let path = f.path(REVIEW);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("constructive dialogue", "candid dialogue"),
    )
    .unwrap();
    let edited = f.run(&["index"]);
    assert!(
        edited
            .stdout
            .starts_with("indexed 1 changed statement, removed 0, unchanged 10"),
        "{}",
        edited.stdout
    );
    std::fs::remove_file(&path).unwrap();
    let removed = f.run(&["index"]);
    assert!(
        !removed.stdout.starts_with("index up to date")
            && removed.stdout.contains("removed 2, unchanged 9"),
        "{}",
        removed.stdout
    );
    assert!(f.path("corpus/.index/meta.json").is_file());
}

#[test]
fn searches_refresh_the_index_unless_told_not_to() {
    let f = Fixture::bundled();
    f.run(&["search", "candid"]).expect_code(1);
    let path = f.path(REVIEW);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("constructive dialogue", "candid dialogue"),
    )
    .unwrap();
    f.run(&["search", "candid", "--no-refresh"]).expect_code(1);
    let run = f.run(&["search", "candid"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("2020-08-25-phase-one-review/CHN"),
        "{}",
        run.stdout
    );
    f.run(&["search", "candid", "--no-refresh"]).expect_code(0);
}

#[test]
fn no_refresh_without_an_index_says_what_to_run() {
    let f = Fixture::bundled();
    let run = f.run(&["search", "progress", "--no-refresh"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("no index at") && run.stderr.contains("readouts index"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_index_can_live_elsewhere() {
    let f = Fixture::bundled();
    f.run(&["index", "--index", "idx"]).expect_code(0);
    assert!(f.path("idx/meta.json").is_file());
    assert!(!f.path("corpus/.index").exists());
    f.run(&["search", "bullying", "--index", "idx", "--no-refresh"])
        .expect_code(0);
    f.write("notes/todo.txt", "mine");
    let run = f.run(&["index", "--index", "notes"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("not a readouts index"),
        "{}",
        run.stderr
    );
    assert!(f.path("notes/todo.txt").is_file());
}

#[test]
fn an_index_of_another_schema_version_is_rebuilt() {
    let f = Fixture::bundled();
    f.run(&["index"]).expect_code(0);
    let manifest = f.path("corpus/.index/manifest.json");
    let old = std::fs::read_to_string(&manifest).unwrap();
    let current = format!("\"schema\":{}", readouts::index::schema::VERSION);
    std::fs::write(&manifest, old.replacen(&current, "\"schema\":0", 1)).unwrap();
    let stale = f.run(&["search", "bullying", "--no-refresh"]);
    stale.expect_code(2);
    assert!(
        stale.stderr.contains("schema version 0"),
        "{}",
        stale.stderr
    );
    let run = f.run(&["index"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("schema version 0; rebuilt"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("indexed 11 new statements"),
        "{}",
        run.stdout
    );
    f.run(&["search", "bullying", "--no-refresh"])
        .expect_code(0);
}

#[test]
fn a_second_writer_is_told_the_index_is_busy() {
    let f = Fixture::bundled();
    f.run(&["index"]).expect_code(0);
    let index = tantivy::Index::open_in_dir(f.path("corpus/.index")).unwrap();
    let writer = index
        .writer::<tantivy::TantivyDocument>(15_000_000)
        .unwrap();
    let run = f.run(&["index"]);
    run.expect_code(2);
    assert!(run.stderr.contains("is busy"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    drop(writer);
    f.run(&["index"]).expect_code(0);
}

/// The UN corpus, imported and indexed once for this test binary.
fn un_corpus() -> PathBuf {
    static INDEXED: OnceLock<PathBuf> = OnceLock::new();
    INDEXED
        .get_or_init(|| {
            let corpus = common::ungdc_corpus();
            let run = Fixture::empty().run(&["--corpus", corpus.to_str().unwrap(), "index"]);
            run.expect_code(0);
            corpus
        })
        .clone()
}

fn un_csv(args: &[&str]) -> Vec<(String, usize)> {
    let corpus = un_corpus();
    let mut all = vec![
        "--corpus",
        corpus.to_str().unwrap(),
        "--no-refresh",
        "search",
    ];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "csv"]);
    let run = Fixture::empty().run(&all);
    assert!(run.code == 0 || run.code == 1, "{run:?}");
    run.stdout
        .lines()
        .skip(1)
        .map(|l| {
            let (k, n) = l.rsplit_once(',').unwrap();
            (k.to_string(), n.parse().unwrap())
        })
        .collect()
}

#[test]
#[ignore = "needs ../shared/data/ungdc"]
fn the_un_corpus_indexes_whole_with_usa_every_year() {
    let by_side = un_csv(&["", "--count-by", "side"]);
    assert_eq!(by_side.iter().map(|(_, n)| n).sum::<usize>(), 10_568);
    let usa = un_csv(&["", "--side", "USA", "--count-by", "year"]);
    let years: Vec<String> = (1946..=2022).map(|y| y.to_string()).collect();
    assert_eq!(
        usa.iter().map(|(y, _)| y.clone()).collect::<Vec<_>>(),
        years
    );
    assert!(usa.iter().all(|(_, n)| *n == 1), "{usa:?}");
}

#[test]
#[ignore = "needs ../shared/data/ungdc"]
fn win_win_cooperation_enters_chinas_un_speeches_in_the_2000s() {
    let years = un_csv(&[
        "\"win-win cooperation\"",
        "--side",
        "CHN",
        "--count-by",
        "year",
    ]);
    assert!(!years.is_empty());
    assert!(years.iter().all(|(y, _)| y.as_str() >= "2000"), "{years:?}");
    assert!(years.iter().any(|(y, _)| y.as_str() >= "2015"), "{years:?}");
}
