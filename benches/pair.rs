//! Benchmark of `pair`: 2,000 generated U.S. readouts against 2,000 Chinese
//! ones over one year (about five a day on each side, a few hundred words
//! each, officials from the bundled table in titles and openings), proposed
//! in one call as `readouts pair --sides USA,CHN` does. Target: under 1 s on
//! 2 cores.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use readouts::analysis::pair::{propose, Candidate, Mode, Options};
use readouts::corpus::officials::Officials;
use readouts::corpus::{Coverage, Date, Origin, Side, Statement};

const PEOPLE: &[&str] = &[
    "Wang Yi",
    "Antony Blinken",
    "Xi Jinping",
    "Joe Biden",
    "Qin Gang",
    "Li Qiang",
    "Janet Yellen",
    "He Lifeng",
];

/// A deterministic generator, so every run measures the same input.
fn lcg(seed: u64) -> impl FnMut() -> usize {
    let mut state = seed;
    move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    }
}

fn statement(n: usize, side: &str, next: &mut impl FnMut() -> usize) -> Statement {
    let day = next() % 365;
    let (month, dom) = (1 + day / 31 % 12, 1 + day % 28);
    let (a, b) = (PEOPLE[next() % PEOPLE.len()], PEOPLE[next() % PEOPLE.len()]);
    let mut text = format!("{a} held talks with {b} on {month}/{dom}. ");
    for _ in 0..300 {
        text.push_str(&format!("w{} ", next() % 5_000));
        if next() % 12 == 0 {
            text.push_str(&format!("{} . ", next() % 2_000));
        }
    }
    Statement {
        id: format!("{side}-{n}"),
        event_id: format!("{side}-{n}"),
        date: Date::ymd(2023, month as u8, dom as u8).expect("date"),
        side: Side::parse(side).expect("side"),
        issuer: "office".into(),
        title: format!("{a} Meets with {b}"),
        language: "en".into(),
        url: None,
        coverage: Coverage::Full,
        quoted_in: None,
        notes: None,
        text,
        turns: Vec::new(),
        stored: Default::default(),
        origin: Origin {
            path: "bench".into(),
            line: 1,
        },
    }
}

fn bench(c: &mut Criterion) {
    let mut next = lcg(18);
    let statements: Vec<Statement> = (0..4_000)
        .map(|n| statement(n, if n % 2 == 0 { "USA" } else { "CHN" }, &mut next))
        .collect();
    let candidates: Vec<Candidate<'_>> = statements
        .iter()
        .map(|statement| Candidate {
            statement,
            kind: "meeting-readout",
        })
        .collect();
    let officials = Officials::bundled();
    let options = Options {
        mode: Mode::Sides(Side::parse("USA").unwrap(), Side::parse("CHN").unwrap()),
        window: 2,
        threshold: 0.6,
        floor: 0.4,
    };
    let mut group = c.benchmark_group("pair");
    group.sample_size(10);
    group.bench_function("2000 x 2000 statements", |b| {
        b.iter(|| black_box(propose(black_box(&candidates), &officials, &options)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
