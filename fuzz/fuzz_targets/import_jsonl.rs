//! Any bytes as a JSON Lines archive through `import jsonl` with a field
//! mapping: never a panic, every skipped row names a line of the file, every
//! imported word is in the file's JSON strings or written as is.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use readouts::corpus::import::{jsonl, mapping::Mapping, Error, Options};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let scratch = common::Scratch::new();
    let file = scratch.put("archive.jsonl", data);
    let mapping = Mapping::new(
        &["date=published,title=headline,text=body,url=link".into()],
        &["side=CHN,issuer=Ministry of Foreign Affairs".into()],
    )
    .expect("a valid mapping");
    let files = [(file.clone(), common::line_count(data))];
    let report = match jsonl::import(&file, &mapping, &scratch.out(), Options::default()) {
        Ok(report) => report,
        Err(Error::Nothing { skipped, .. }) => {
            common::assert_skips_inside(&skipped, &files, &scratch.src());
            return;
        }
        Err(_) => return,
    };
    common::assert_skips_inside(&common::all_skips(&report), &files, &scratch.src());
    let raw = String::from_utf8_lossy(data);
    let mut haystack = raw.to_string();
    for line in raw.lines() {
        if let Ok(value) = serde_json::from_str::<Value>(line) {
            strings(&value, &mut haystack);
        }
    }
    common::assert_words_from(&common::imported_texts(&scratch.out()), &haystack);
});

/// Appends every string and number of `value`, each on its own line.
fn strings(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => {
            out.push('\n');
            out.push_str(s);
        }
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        other => {
            out.push('\n');
            out.push_str(&other.to_string());
        }
    }
}
