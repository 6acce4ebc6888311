//! Any bytes, read as a TOML event file and as a JSONL file: never a panic,
//! and every diagnostic points inside the input.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
    for name in ["e.toml", "s.jsonl"] {
        let (_, diagnostics) = readouts::corpus::load::parse_bytes(Path::new(name), data);
        for d in diagnostics {
            assert!(d.line >= 1 && d.line <= lines && d.column >= 1, "{d}");
        }
    }
});
