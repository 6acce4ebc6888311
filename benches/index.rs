//! Index build, phrase search and KWIC on the UN General Debate Corpus
//! (imported once into target/; skipped with a message when the corpus is
//! absent). Run: `cargo bench --bench index`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use readouts::corpus::Filter;
use readouts::index::{self, KwicOptions, SearchOptions};

const PHRASE: &str = "\"win-win cooperation\"";

/// The UN corpus imported as JSON Lines under target/, or `None` when absent.
fn un_corpus() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("../shared/data/ungdc");
    if !src.join("Session 77 - 2022").is_dir() {
        eprintln!(
            "SKIPPED: the UN General Debate Corpus is not at {}",
            src.display()
        );
        return None;
    }
    let corpus = root.join("target/bench-ungdc/corpus");
    if !corpus.join("ungdc/ungdc-2022.jsonl").is_file() {
        let report = readouts::corpus::import::ungdc::import(&src, &corpus, false).expect("import");
        assert_eq!(report.statements, 10_568);
    }
    Some(corpus)
}

fn benches(c: &mut Criterion) {
    let Some(corpus) = un_corpus() else { return };
    let dir = corpus.parent().unwrap().join("index");
    let mut group = c.benchmark_group("un");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("full index build", |b| {
        b.iter(|| {
            let _ = std::fs::remove_dir_all(&dir);
            index::update(&corpus, &dir, &readouts::progress::Silent).unwrap()
        })
    });
    let idx = index::open_fresh(&corpus, Some(&dir), true, &readouts::progress::Silent).unwrap();
    let all = Filter::default();
    group.bench_function("phrase search top 10, in process", |b| {
        b.iter(|| index::search(&idx, PHRASE, &all, SearchOptions::default()).unwrap())
    });
    group.bench_function("kwic win-win cooperation, in process", |b| {
        b.iter(|| index::kwic(&idx, "win-win cooperation", &all, KwicOptions::default()).unwrap())
    });
    group.bench_function("phrase search end to end, process start to top 10", |b| {
        b.iter(|| {
            let out = Command::new(env!("CARGO_BIN_EXE_readouts"))
                .arg("--corpus")
                .arg(&corpus)
                .arg("--index")
                .arg(&dir)
                .args(["search", PHRASE, "--color", "never"])
                .output()
                .unwrap();
            assert!(out.status.success());
        })
    });
    group.finish();
}

criterion_group!(index_benches, benches);
criterion_main!(index_benches);
