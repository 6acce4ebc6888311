//! Any folder layout as the UN General Debate Corpus through `import ungdc`:
//! the input is `path NUL content NUL path NUL content …`, each path (below
//! the corpus folder, no `..`) written as a file. Never a panic, every skipped
//! file is one the target wrote (or a folder it made), every imported word is
//! in some file.
#![no_main]

mod common;

use std::path::{Component, Path};

use libfuzzer_sys::fuzz_target;
use readouts::corpus::import::ungdc;

fuzz_target!(|data: &[u8]| {
    let scratch = common::Scratch::new();
    let mut files = Vec::new();
    let mut haystack = String::new();
    let parts: Vec<&[u8]> = data.split(|&b| b == 0).collect();
    for pair in parts.chunks(2).take(16) {
        let (Ok(rel), Some(content)) = (std::str::from_utf8(pair[0]), pair.get(1)) else {
            continue;
        };
        if !plain_relative(rel) || files.iter().any(|(p, _)| *p == scratch.src().join(rel)) {
            continue;
        }
        let Some(path) = scratch.try_put(rel, content) else {
            continue;
        };
        for folder in path.ancestors().skip(1).take_while(|p| *p != scratch.src()) {
            // a folder named like a speech (`USA_77_2022.txt/`) is reported as unreadable
            files.push((folder.to_path_buf(), 0));
        }
        files.push((path, common::line_count(content)));
        haystack.push_str(&String::from_utf8_lossy(content));
        haystack.push('\n');
    }
    let Ok(report) = ungdc::import(&scratch.src(), &scratch.out(), false) else {
        return;
    };
    common::assert_skips_inside(&common::all_skips(&report), &files, &scratch.src());
    common::assert_words_from(&common::imported_texts(&scratch.out()), &haystack);
});

/// A path of at most three plain components.
fn plain_relative(rel: &str) -> bool {
    let path = Path::new(rel);
    !rel.is_empty()
        && rel.len() < 200
        && path.components().count() <= 3
        && path.components().all(|c| matches!(c, Component::Normal(_)))
}
