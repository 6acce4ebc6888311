//! Property tests for the corpus loader: whatever bytes a corpus file holds,
//! loading never panics, and every diagnostic points inside the file.

use std::fs;

use proptest::prelude::*;
use readouts::corpus;

const VALID: &str = "id = \"e\"\ndate = \"2020-08-25\"\nkind = \"call\"\ntitle = \"T\"\n\n[[statements]]\nside = \"USA\"\nissuer = \"USTR\"\ncoverage = \"excerpt\"\ntext = \"Both sides see progress.\"\n";

fn load_one(name: &str, bytes: &[u8]) -> corpus::Loaded {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    corpus::load(dir.path()).unwrap()
}

fn lines_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count() + 1
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        for name in ["x.toml", "x.jsonl"] {
            let loaded = load_one(name, &bytes);
            for d in &loaded.diagnostics {
                prop_assert!(d.line >= 1 && d.line <= lines_in(&bytes), "{d}");
                prop_assert!(d.column >= 1);
            }
        }
    }

    #[test]
    fn mutated_valid_files_never_panic(at in 0..VALID.len(), cut in 0usize..20, insert in "[\\x00-\\x7f\u{e9}\u{200b}\u{4e2d}]{0,8}") {
        let mut text = VALID.as_bytes().to_vec();
        let end = (at + cut).min(text.len());
        text.splice(at..end, insert.bytes());
        let loaded = load_one("e.toml", &text);
        let events = loaded.corpus.events.len();
        prop_assert!(events <= 1);
        if loaded.error_count() == 0 {
            prop_assert_eq!(events, 1, "no error yet no event: {:?}", String::from_utf8_lossy(&text));
        }
    }

    #[test]
    fn json_lines_with_arbitrary_strings_round_trip(text in "\\PC{1,200}", side in "[A-Za-z]{2,3}") {
        let line = serde_json::json!({
            "event": "e", "date": "2001", "kind": "speech", "event_title": "T",
            "side": side, "issuer": "MFA", "coverage": "full", "text": text,
        });
        let loaded = load_one("x.jsonl", format!("{line}\n").as_bytes());
        if let Some(event) = loaded.corpus.events.first() {
            prop_assert_eq!(&event.statements[0].text, text.trim());
        } else {
            prop_assert!(loaded.error_count() > 0);
        }
    }
}
