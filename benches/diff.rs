//! Benchmark of the side-by-side diff on the UN General Debate Corpus: the
//! USA and China speeches of 2022 (about 20 KB each), aligned and diffed
//! with the fixed reference IDF weights. Target: under 20 ms.
//! Skipped (with a message) when ../shared/data/ungdc is absent.

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use readouts::analysis::align::{align, TermWeights, DEFAULT_THRESHOLD};
use readouts::analysis::diff::{diff, DiffOptions, SideInput};
use readouts::corpus::{Coverage, Date, Event, Origin, Side, Statement};

fn session_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ungdc/Session 77 - 2022");
    dir.is_dir().then_some(dir)
}

fn statement(dir: &Path, side: &str) -> Statement {
    let text = fs::read_to_string(dir.join(format!("{side}_77_2022.txt"))).expect("speech");
    Statement {
        id: format!("ungdc-2022/{side}"),
        event_id: "ungdc-2022".into(),
        date: "2022".parse::<Date>().expect("date"),
        side: Side::parse(side).expect("side"),
        issuer: "Delegation".into(),
        title: String::new(),
        language: "en".into(),
        url: None,
        coverage: Coverage::Full,
        quoted_in: None,
        notes: None,
        text,
        turns: Vec::new(),
        stored: Default::default(),
        origin: Origin {
            path: dir.to_path_buf(),
            line: 1,
        },
    }
}

fn bench(c: &mut Criterion) {
    let Some(dir) = session_dir() else {
        eprintln!("SKIPPED: the UN General Debate Corpus is not at ../shared/data/ungdc");
        return;
    };
    let mut session: Vec<String> = Vec::new();
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths {
        session.push(fs::read_to_string(p).unwrap());
    }
    // The fixed reference weights `readouts diff` uses; after the first
    // iteration every word of the two speeches is in the stem table.
    let mut weights = TermWeights::reference();
    let statements = vec![statement(&dir, "USA"), statement(&dir, "CHN")];
    let event = Event {
        id: "ungdc-2022".into(),
        date: statements[0].date,
        kind: "general-debate".into(),
        title: "UN General Assembly, 77th session general debate (2022)".into(),
        participants: vec![],
        notes: None,
        origin: statements[0].origin.clone(),
        statements,
    };
    let left = SideInput::new(&event, &event.statements[0]);
    let right = SideInput::new(&event, &event.statements[1]);
    let opts = DiffOptions::default();

    c.bench_function("diff USA vs CHN 2022 (align + word diff + topics)", |b| {
        b.iter(|| black_box(diff(&mut weights, &left, &right, &opts)))
    });
    c.bench_function("align USA vs CHN 2022 (sentences only)", |b| {
        b.iter(|| {
            black_box(align(
                &mut weights,
                &left.statement.text,
                &right.statement.text,
                DEFAULT_THRESHOLD,
            ))
        })
    });
    c.bench_function("IDF weights over the 2022 session (193 speeches)", |b| {
        b.iter(|| {
            black_box(TermWeights::from_documents(
                session.iter().map(String::as_str),
            ))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
