//! Importing the White House briefing-room archive (2,070 Markdown files with
//! YAML front matter, 12 MB) with `import markdown`, in process; skipped with
//! a message when `../shared/data/wh-briefings` is absent. The bar is
//! under 2 s on 2 cores and under 300 MB peak memory (measure the latter with
//! `/usr/bin/time -v readouts import markdown …`). Run: `cargo bench --bench import`.

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use readouts::corpus::import::boilerplate::Boilerplate;
use readouts::corpus::import::dates::DateRules;
use readouts::corpus::import::kinds::Kinds;
use readouts::corpus::import::{markdown, release};
use readouts::corpus::Side;

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

criterion_group!(import, benches);
criterion_main!(import);
