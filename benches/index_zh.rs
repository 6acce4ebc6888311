//! Indexing Chinese text against English text of the same byte size (issue
//! #19: Chinese may take at most twice as long). Both corpora come from the
//! MFA pages in ../shared (imported once into target/; skipped with a message
//! when absent): every Chinese statement, and English statements of the same
//! pages taken (and, if too few, taken again under new ids) until their text
//! has as many bytes as the Chinese. Run: `cargo bench --bench index_zh`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::Value;

/// The imported MFA statements, or `None` when the pages are absent.
fn mfa_statements(work: &Path) -> Option<Vec<Value>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/mfa-fmprc");
    if !src.join("www.fmprc.gov.cn").is_dir() {
        eprintln!("SKIPPED: the MFA pages are not at {}", src.display());
        return None;
    }
    let corpus = work.join("imported");
    if !corpus.join("fmprc").is_dir() {
        Command::new(env!("CARGO_BIN_EXE_readouts"))
            .arg("import")
            .arg("html")
            .arg(&src)
            .arg("--corpus")
            .arg(&corpus)
            .output()
            .expect("run readouts import html");
    }
    let mut out = Vec::new();
    for file in std::fs::read_dir(corpus.join("fmprc")).expect("imported corpus") {
        let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
        out.extend(
            text.lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap()),
        );
    }
    Some(out)
}

fn text_len(s: &Value) -> usize {
    s["text"].as_str().map_or(0, str::len)
}

/// Writes `statements` as one JSON Lines corpus at `dir`; returns its text bytes.
fn write_corpus(dir: &Path, statements: &[Value]) -> usize {
    let mut lines = String::new();
    for s in statements {
        writeln!(lines, "{s}").unwrap();
    }
    std::fs::create_dir_all(dir.join("mfa")).unwrap();
    std::fs::write(dir.join("mfa/statements.jsonl"), lines).unwrap();
    statements.iter().map(text_len).sum()
}

/// Chinese statements, and English ones of the same text bytes.
fn corpora(work: &Path) -> Option<(PathBuf, PathBuf, usize)> {
    let all = mfa_statements(work)?;
    let of = |lang: &str| -> Vec<&Value> { all.iter().filter(|s| s["language"] == lang).collect() };
    let zh: Vec<Value> = of("zh").into_iter().cloned().collect();
    let target: usize = zh.iter().map(text_len).sum();
    let en_pool = of("en");
    let (mut en, mut bytes, mut round) = (Vec::new(), 0, 0);
    while bytes < target {
        for s in &en_pool {
            if bytes >= target {
                break;
            }
            let mut copy = (*s).clone();
            let event = copy["event"].as_str().unwrap().to_string();
            copy["event"] = Value::from(format!("{event}-{round}"));
            bytes += text_len(&copy);
            en.push(copy);
        }
        round += 1;
    }
    let (zh_dir, en_dir) = (work.join("zh"), work.join("en"));
    let zh_bytes = write_corpus(&zh_dir, &zh);
    let en_bytes = write_corpus(&en_dir, &en);
    eprintln!("Chinese: {} statements, {zh_bytes} text bytes; English: {} statements, {en_bytes} text bytes", zh.len(), en.len());
    Some((zh_dir, en_dir, zh_bytes))
}

fn benches(c: &mut Criterion) {
    let work = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-mfa-zh");
    let Some((zh, en, bytes)) = corpora(&work) else {
        return;
    };
    let mut group = c.benchmark_group("index by language");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Bytes(bytes as u64));
    for (name, corpus) in [
        ("Chinese MFA statements", &zh),
        ("English text, same bytes", &en),
    ] {
        let dir = work.join(format!(
            "index-{}",
            corpus.file_name().unwrap().to_string_lossy()
        ));
        group.bench_function(name, |b| {
            b.iter(|| {
                let _ = std::fs::remove_dir_all(&dir);
                readouts::index::update(corpus, &dir, &readouts::progress::Silent).unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(index_zh_benches, benches);
criterion_main!(index_zh_benches);
