//! Any bytes as an RSS or Atom feed through `import feed`: never a panic,
//! every skipped entry names a line of the file, every run of letters and
//! digits imported is in the feed (as written, or with XML entities and CDATA
//! read and the HTML inside decoded). Runs, not words: a broken feed is read
//! apart differently by feed-rs and by the HTML parser the check decodes with.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use readouts::corpus::import::{feed, Error};

fuzz_target!(|data: &[u8]| {
    let scratch = common::Scratch::new();
    let file = scratch.put("press.xml", data);
    let files = [(file.clone(), common::line_count(data))];
    let opts = common::release_options();
    let report = match feed::import(&file, opts, &scratch.out()) {
        Ok(report) => report,
        Err(Error::Nothing { skipped, .. }) => {
            common::assert_skips_inside(&skipped, &files, &scratch.src());
            return;
        }
        Err(_) => return,
    };
    common::assert_skips_inside(&common::all_skips(&report), &files, &scratch.src());
    let raw = common::without_controls(&String::from_utf8_lossy(data));
    let once = common::html_text(&raw);
    let uncdata = raw.replace("<![CDATA[", "").replace("]]>", "");
    let haystack = [
        raw.clone(),
        once.clone(),
        common::html_text(&once),
        common::html_text(&uncdata),
        common::html_text(&common::html_text(&uncdata)),
    ]
    .join("\n");
    common::assert_runs_from(&common::imported_texts(&scratch.out()), &haystack);
});
