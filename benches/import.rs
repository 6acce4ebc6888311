//! Importing the real archives in process: the White House briefing-room
//! archive (2,070 Markdown files with YAML front matter, 12 MB) with `import
//! markdown`, and the Foreign Ministry's saved pages (1,582 files, 53 MB) with
//! `import html`; each skipped with a message when its data is absent from
//! `../shared/data`. The bars are under 2 s and under 5 s on 2 cores,
//! under 300 MB peak memory (measure that with `/usr/bin/time -v readouts
//! import …`). Run: `cargo bench --bench import`.

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use readouts::corpus::import::boilerplate::Boilerplate;
use readouts::corpus::import::dates::DateRules;
use readouts::corpus::import::kinds::Kinds;
use readouts::corpus::import::{html, markdown, release};
use readouts::corpus::Side;

fn mfa(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("../shared/data/mfa-fmprc");
    if !src.join("www.fmprc.gov.cn").is_dir() {
        eprintln!("SKIPPED: the MFA pages are not at {}", src.display());
        return;
    }
    let into = root.join("target/bench-mfa/corpus");
    let options = html::Options {
        side: None,
        issuer: None,
        force: true,
    };
    let mut group = c.benchmark_group("mfa-fmprc");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("import html, 1,582 pages", |b| {
        b.iter(|| {
            let report = html::import(&src, &into, &options).unwrap();
            assert!(report.statements > 1_400, "{}", report.statements);
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("../shared/data/wh-briefings");
    if !src.join("statements-releases").is_dir() {
        eprintln!(
            "SKIPPED: the White House archive is not at {}",
            src.display()
        );
        return;
    }
    let into = root.join("target/bench-wh/corpus");
    let opts = release::Options {
        side: Side::parse("USA").unwrap(),
        issuer: "The White House".into(),
        language: None,
        dates: DateRules::new("America/New_York", None).unwrap(),
        kinds: Kinds::new(None).unwrap(),
        boilerplate: Boilerplate::new(None).unwrap(),
        force: true,
    };
    let mut group = c.benchmark_group("wh-briefings");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("import markdown, 2,070 files", |b| {
        b.iter(|| {
            let report = markdown::import(&src, &opts, &into).unwrap();
            assert_eq!(report.statements + report.skipped.len(), 2_070);
        })
    });
    group.finish();
}

criterion_group!(import, benches, mfa);
criterion_main!(import);
