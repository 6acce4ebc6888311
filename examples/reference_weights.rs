//! Builds `src/analysis/reference/un-df.tsv`, the fixed table the diff weighs
//! words by: for every word stem, how many speeches of the UN General Debate
//! Corpus hold it, counted with the tool's own tokeniser and stemmer.
//!
//! Run once: `cargo run --example reference_weights -- ../shared/data/ungdc
//! > src/analysis/reference/un-df.tsv`.

use std::path::{Path, PathBuf};

use readouts::analysis::align::TermWeights;
use readouts::analysis::reference::MIN_DF;

fn speeches(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let sessions = std::fs::read_dir(root).expect("the corpus folder");
    for session in sessions.flatten().filter(|e| e.path().is_dir()) {
        for file in std::fs::read_dir(session.path())
            .expect("a session folder")
            .flatten()
        {
            let name = file.file_name().to_string_lossy().into_owned();
            if name.ends_with(".txt") && name.matches('_').count() == 2 {
                out.push(file.path());
            }
        }
    }
    out.sort();
    out
}

fn main() {
    let root = std::env::args()
        .nth(1)
        .expect("usage: reference_weights UNGDC_DIR");
    let paths = speeches(Path::new(&root));
    let texts: Vec<String> = paths
        .iter()
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).expect("a speech")).into_owned())
        .collect();
    let tw = TermWeights::from_documents(texts.iter().map(String::as_str));
    let mut rows: Vec<(&str, u32)> = tw.frequencies().filter(|&(_, df)| df >= MIN_DF).collect();
    rows.sort_unstable();
    println!("# Word-stem document frequencies over the UN General Debate Corpus, one speech");
    println!("# a document; stems held by at least {MIN_DF} speeches. Built by");
    println!("# examples/reference_weights.rs; see src/analysis/reference/mod.rs.");
    println!("# documents {}", tw.documents());
    for (stem, df) in rows {
        println!("{stem}\t{df}");
    }
}
