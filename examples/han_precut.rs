//! Prints the precut table of the built-in lexicon's Han runs
//! (`src/text/han_precut.tsv`; see `readouts::text::han_precut`):
//! `cargo run --example han_precut > src/text/han_precut.tsv`.

fn main() {
    let table = readouts::text::han_precut::table(readouts::text::han_precut::SOURCES);
    print!("{table}");
}
