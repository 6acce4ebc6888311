//! Keyness over the UN General Debate Corpus (skipped when it is absent):
//! USA against CHN over the years both spoke (prior: the two sides), and one
//! decade of every country's speeches against all other years (prior: the
//! whole corpus). Targets: under 300 ms and under 3 s.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use readouts::analysis::keyness::{self, Options, Prior};
use readouts::corpus::{self, Corpus, Filter};

fn un_corpus() -> Option<(tempfile::TempDir, Corpus)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ungdc");
    if !src.join("Session 77 - 2022").is_dir() {
        eprintln!(
            "SKIPPED: the UN General Debate Corpus is not at {}",
            src.display()
        );
        return None;
    }
    let dir = tempfile::tempdir().ok()?;
    corpus::import::ungdc::import(&src, dir.path(), false).expect("import the UN corpus");
    let loaded = corpus::load(dir.path()).expect("load the UN corpus");
    Some((dir, loaded.corpus))
}

fn bench(c: &mut Criterion) {
    let Some((_dir, corpus)) = un_corpus() else {
        return;
    };
    let mut group = c.benchmark_group("keyness");
    group.sample_size(10);

    let two = keyness::parse_selection("side=USA,side=CHN")
        .unwrap()
        .filter;
    group.bench_function("usa_vs_chn_paired", |b| {
        b.iter(|| {
            let (a, bb) = keyness::by_side(&corpus, &two, None).unwrap();
            let (a, bb) = keyness::paired(a, bb);
            assert_eq!(a.statements.len(), 51);
            let prior = keyness::select(&corpus, &two, &Filter::default(), "USA+CHN".into());
            keyness::compare(&a, &bb, &Prior::Group(prior), &Options::default()).unwrap()
        })
    });

    let decade = keyness::parse_selection("from=2010,to=2019").unwrap();
    group.bench_function("decade_2010s_vs_rest", |b| {
        b.iter(|| {
            let all = Filter::default();
            let (a, bb) = keyness::by_selections(&corpus, &all, &decade, None).unwrap();
            let prior = keyness::select(&corpus, &all, &all, "all".into());
            keyness::compare(&a, &bb, &Prior::Group(prior), &Options::default()).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
