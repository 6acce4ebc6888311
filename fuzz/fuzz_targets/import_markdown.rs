//! Any bytes as a Markdown file with YAML or TOML front matter through
//! `import markdown`: never a panic, every skipped file names a line of it,
//! every imported word is in the file (as written, or as Markdown or HTML
//! renders it: escapes and entities decoded).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use pulldown_cmark::{Event, Parser};
use readouts::corpus::import::{markdown, Error};

fuzz_target!(|data: &[u8]| {
    let scratch = common::Scratch::new();
    let file = scratch.put("briefings/2024-05/2024-05-02-remarks.md", data);
    let files = [(file.clone(), common::line_count(data))];
    let opts = common::release_options();
    let report = match markdown::import(&scratch.src(), opts, &scratch.out()) {
        Ok(report) => report,
        Err(Error::Nothing { skipped, .. }) => {
            common::assert_skips_inside(&skipped, &files, &scratch.src());
            return;
        }
        Err(_) => return,
    };
    common::assert_skips_inside(&common::all_skips(&report), &files, &scratch.src());
    let raw = String::from_utf8_lossy(data);
    let mut haystack = format!("{raw}\n{}\n", common::html_text(&raw));
    for event in Parser::new(&raw) {
        match event {
            Event::Text(t) | Event::Code(t) => haystack.push_str(&t),
            Event::Html(t) | Event::InlineHtml(t) => {
                haystack.push_str(&common::html_text(&t));
            }
            _ => haystack.push(' '),
        }
    }
    common::assert_words_from(&common::imported_texts(&scratch.out()), &haystack);
});
