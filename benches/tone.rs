//! Tone over the whole UN General Debate Corpus (10,568 speeches, 194 MB):
//! the full `readouts tone --by side,year --format csv` run in process (load,
//! tag and count words in one pass, score, group, render), and the aggregation alone (report
//! building and CSV rendering from scores already computed), which is this
//! module's own cost. Skipped with a message when the corpus is absent.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use clap::Parser;
use criterion::{criterion_group, criterion_main, Criterion};
use readouts::analysis::lexicon::Category;
use readouts::analysis::tone::run::{event_metas, provenance, score_corpus, Tagged};
use readouts::analysis::tone::{self, Dim, ToneOptions, TonedHit};
use readouts::corpus::{Event, Filter, Statement};
use readouts::render::tone::{csv, Rows};

fn un_corpus(tmp: &Path) -> Option<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ungdc");
    if !src.join("Session 77 - 2022").is_dir() {
        eprintln!(
            "SKIPPED: the UN General Debate Corpus is not at {}",
            src.display()
        );
        return None;
    }
    let into = tmp.join("corpus");
    readouts::corpus::import::ungdc::import(&src, &into, false).expect("import the UN corpus");
    Some(into)
}

/// A cheap stand-in tagger for the aggregation benchmark: one hit per 40th word.
fn every_40th_word(_: &Event, s: &Statement) -> Tagged {
    let hits = readouts::text::words(&s.text)
        .step_by(40)
        .enumerate()
        .map(|(i, w)| TonedHit {
            shown: readouts::analysis::lexicon::ShownHit::at(
                &s.text,
                w.start,
                w.end,
                &w.text.to_lowercase(),
                Category::ALL[i % 6],
            ),
            weight: 1.0,
            grade: None,
            negated: i % 11 == 0,
            sentence: "".into(),
        })
        .collect();
    let words = readouts::text::word_count(&s.text);
    Tagged { hits, words }
}

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let Some(dir) = un_corpus(tmp.path()) else {
        return;
    };
    let corpus_arg = dir.display().to_string();
    let mut group = c.benchmark_group("tone-ungdc");
    group.sample_size(10);
    group.bench_function("full report --by side,year csv", |b| {
        b.iter(|| {
            let cli = readouts::cmd::Cli::parse_from([
                "readouts",
                "--corpus",
                &corpus_arg,
                "tone",
                "--by",
                "side,year",
                "--format",
                "csv",
            ]);
            let mut out = Vec::with_capacity(1 << 20);
            readouts::cmd::run(cli, &mut out).expect("tone runs");
            black_box(out.len())
        })
    });
    let corpus = readouts::corpus::load(&dir).expect("load").corpus;
    let filter = Filter::default();
    let scores = score_corpus(
        &corpus,
        &filter,
        &every_40th_word,
        &readouts::progress::Silent,
    );
    let metas = event_metas(&corpus, &scores, &|_| None);
    let options = ToneOptions {
        by: vec![Dim::Side, Dim::Year],
        ..ToneOptions::default()
    };
    group.bench_function("aggregate and render (scores given)", |b| {
        b.iter(|| {
            let prov = provenance(
                corpus.root(),
                &corpus.summary(),
                &scores,
                metas.len(),
                "bench".into(),
                "bench".into(),
            );
            let report = tone::build(scores.clone(), &metas, &options, prov);
            let mut out = Vec::with_capacity(1 << 20);
            csv::render(&mut out, &report, Rows::Groups).expect("render");
            black_box(out.len())
        })
    });
    group.bench_function("load the corpus", |b| {
        b.iter(|| {
            black_box(
                readouts::corpus::load(&dir)
                    .expect("load")
                    .corpus
                    .events
                    .len(),
            )
        })
    });
    group.bench_function("text::word_count (one core)", |b| {
        b.iter(|| {
            black_box(
                corpus
                    .statements()
                    .map(|(_, s)| s.word_count())
                    .sum::<usize>(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
