//! Throughput of the framing-lexicon matcher: tags every speech of the UN
//! General Debate Corpus (../shared/data/ungdc, 194 MB) with the built-in
//! lexicon on one core, as `phrases` does for each statement (words, stems,
//! trie walk, sentences of texts with hits, negation, offsets). Skipped with
//! a message when the corpus is absent.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use readouts::analysis::lexicon::Lexicon;

fn ungdc_texts() -> Option<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ungdc");
    let sessions = std::fs::read_dir(&dir).ok()?;
    let mut files: Vec<PathBuf> = Vec::new();
    for session in sessions.flatten().filter(|e| e.path().is_dir()) {
        for f in std::fs::read_dir(session.path()).ok()?.flatten() {
            if f.path().extension().is_some_and(|e| e == "txt") {
                files.push(f.path());
            }
        }
    }
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    (!texts.is_empty()).then_some(texts)
}

fn bench(c: &mut Criterion) {
    let Some(texts) = ungdc_texts() else {
        eprintln!("SKIPPED: the UN General Debate Corpus is not at ../shared/data/ungdc");
        return;
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let matcher = Lexicon::builtin().matcher();
    eprintln!(
        "ungdc: {} speeches, {:.1} MB",
        texts.len(),
        bytes as f64 / 1e6
    );
    let mut group = c.benchmark_group("phrases");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("tag_ungdc", |b| {
        b.iter(|| {
            let mut hits = 0;
            for t in &texts {
                hits += black_box(matcher.find(t)).len();
            }
            hits
        })
    });
    // The parts, to show where the time goes: word splitting alone, and the
    // sentence segmentation every text with a hit needs (hits cite sentences).
    group.bench_function("words_ungdc", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| readouts::text::words(t).count())
                .sum::<usize>()
        })
    });
    group.bench_function("word_spans_ungdc", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for t in &texts {
                readouts::text::for_each_word(t, |_, _| n += 1);
            }
            n
        })
    });
    group.bench_function("sentences_ungdc", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| readouts::text::segment::sentences(t).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
