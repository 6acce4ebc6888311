//! Runs the bilingual comparison (`diff --languages zh,en`) over every press
//! conference of an imported corpus that exists in both languages, and lists
//! the conferences where one version has a question or answer the other
//! lacks, with the first words of each such turn, for reading by hand.
//!
//! `cargo run --release --example bilingual_all -- CORPUS` where CORPUS holds
//! `readouts import html ../shared/data/mfa-fmprc --into CORPUS`.

use std::collections::BTreeMap;
use std::path::Path;

use readouts::analysis::bilingual::{self, Names};
use readouts::analysis::lexicon::Lexicon;
use readouts::corpus::{Date, Statement};

fn main() {
    let root = std::env::args()
        .nth(1)
        .expect("usage: bilingual_all CORPUS");
    let loaded = readouts::corpus::load(Path::new(&root)).expect("a corpus");
    let mut by_date: BTreeMap<Date, (Vec<&Statement>, Vec<&Statement>)> = BTreeMap::new();
    for (event, s) in loaded.corpus.statements() {
        if event.kind != "press-conference" {
            continue;
        }
        let entry = by_date.entry(s.date).or_default();
        match s.language.as_str() {
            "zh" => entry.0.push(s),
            "en" => entry.1.push(s),
            _ => {}
        }
    }
    let (lexicon, names) = (Lexicon::builtin(), Names::bundled());
    let matcher = lexicon.matcher();
    let (mut pairs, mut flagged, mut turns) = (0, 0, 0);
    for (date, (zh, en)) in &by_date {
        let (Some(z), Some(e)) = (zh.first(), en.last()) else {
            continue;
        };
        if zh.len() > 1 || en.len() > 1 {
            println!(
                "{date}: {} Chinese and {} English pages; compared the last English",
                zh.len(),
                en.len()
            );
        }
        pairs += 1;
        let r = bilingual::compare(&bilingual::Input {
            zh: z,
            en: e,
            names: &names,
            lexicon: &lexicon,
            matcher: &matcher,
            include_questions: false,
        });
        turns += r.zh.units.len();
        if r.summary.questions_or_answers_missing == 0 {
            continue;
        }
        flagged += 1;
        println!("{date} {} / {}", r.zh.event, r.en.event);
        for link in &r.links {
            let (version, numbers) = match link.one_version() {
                Some("zh") => (&r.zh, &link.zh),
                Some(_) => (&r.en, &link.en),
                None => continue,
            };
            for &n in numbers {
                let u = &version.units[n - 1];
                let words: String = u.excerpt.chars().take(50).collect();
                println!(
                    "  only {} {} {}: {words}",
                    version.language,
                    n,
                    u.role.as_str()
                );
            }
        }
    }
    println!("{pairs} conferences in both languages ({turns} Chinese turns); {flagged} with a question or answer in one version only");
}
