//! Any bytes as a saved web page through `import html`, read by each
//! profile in turn (the input's first byte picks the host: fmprc.gov.cn,
//! whitehouse.gov, state.gov, or an unknown site read by the generic
//! profile): never a panic, a skipped page is the page itself, every imported
//! word is in the page's text.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use readouts::corpus::import::html;

const PAGES: [&str; 4] = [
    "www.fmprc.gov.cn/eng/xw/fyrbt/202405/t20240502_11293456.html",
    "www.whitehouse.gov/briefing-room/statements-releases/2024/05/02/readout/index.html",
    "www.state.gov/secretary-blinkens-call-with-wang-yi/index.html",
    "www.mfa.example.org/news/2024/05/02/statement.html",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, page)) = data.split_first() else {
        return;
    };
    let scratch = common::Scratch::new();
    let file = scratch.put(PAGES[pick as usize % PAGES.len()], page);
    let files = [(file, common::line_count(page))];
    let options = html::Options {
        side: Some("GBR".into()),
        issuer: Some("Foreign Office".into()),
        force: false,
    };
    let Ok(report) = html::import(&scratch.src(), &scratch.out(), &options) else {
        return;
    };
    common::assert_skips_inside(&common::all_skips(&report), &files, &scratch.src());
    let raw = String::from_utf8_lossy(page);
    let haystack = format!("{raw}\n{}", common::html_text(&raw));
    common::assert_words_from(&common::imported_texts(&scratch.out()), &haystack);
});
