//! Sentence segmentation of any text: sentences are in order, do not overlap,
//! and with the white space between them rebuild the text exactly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use readouts::text::segment::sentences;

fuzz_target!(|text: &str| {
    let mut at = 0;
    for s in sentences(text) {
        assert!(s.start >= at && s.end > s.start && s.end <= text.len());
        assert!(
            text[at..s.start].trim().is_empty(),
            "text lost between sentences"
        );
        at = s.end;
    }
    assert!(text[at..].trim().is_empty(), "text lost at the end");
});
