//! Any bytes as a CSV archive through `import csv`: never a panic, every
//! skipped row names a line of the file, every imported word is in the file
//! (a doubled quote read as one).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use readouts::corpus::import::{csv, mapping::Mapping, Error, Options};

fuzz_target!(|data: &[u8]| {
    let scratch = common::Scratch::new();
    let file = scratch.put("archive.csv", data);
    let mapping = Mapping::new(
        &["date=date,title=title,text=text".into()],
        &["side=USA,issuer=State Department".into()],
    )
    .expect("a valid mapping");
    let files = [(file.clone(), common::line_count(data))];
    let report = match csv::import(&file, &mapping, &scratch.out(), Options::default()) {
        Ok(report) => report,
        Err(Error::Nothing { skipped, .. }) => {
            common::assert_skips_inside(&skipped, &files, &scratch.src());
            return;
        }
        Err(_) => return,
    };
    common::assert_skips_inside(&common::all_skips(&report), &files, &scratch.src());
    // a doubled quote is one quote inside a quoted field, two outside
    let raw = String::from_utf8_lossy(data);
    let input = format!("{raw}\n{}", raw.replace("\"\"", "\""));
    common::assert_words_from(&common::imported_texts(&scratch.out()), &input);
});
