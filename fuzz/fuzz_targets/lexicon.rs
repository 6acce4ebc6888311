//! The lexicon matcher on any text, and any text read as a lexicon file.
//!
//! The input is `text`, or `TOML NUL text`. The built-in lexicon's matcher
//! searches the text; when there is a TOML part, it is parsed as a user's
//! lexicon file: a parse error names a line of the file (never a panic), and a
//! lexicon that parses builds a matcher that searches the text too. Every hit
//! is a span of the text on character boundaries, inside the sentence it
//! names, and hits come in order without overlap (see tests/invariants).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use readouts::analysis::lexicon::{Lexicon, LexiconError};

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

fuzz_target!(|input: &str| {
    let (toml, text) = match input.split_once('\0') {
        Some((toml, text)) => (Some(toml), text),
        None => (None, input),
    };
    invariants::check_hits(text, &invariants::builtin_matcher().find(text));
    let Some(toml) = toml else { return };
    match Lexicon::parse(Path::new("mine.toml"), toml) {
        Ok(lexicon) => invariants::check_hits(text, &lexicon.matcher().find(text)),
        Err(LexiconError::Invalid { line, message, .. }) => {
            let lines = toml.split('\n').count();
            assert!(
                line >= 1 && line <= lines,
                "line {line} of {lines}: {message}"
            );
            assert!(!message.is_empty());
        }
        Err(e) => panic!("parsing text cannot fail with {e}"),
    }
});
