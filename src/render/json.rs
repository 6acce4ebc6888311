//! The two JSON shapes every command writes, in one place: `--format json` is
//! one document (pretty-printed, ending in a newline) and `--format jsonl` one
//! compact object per line, so `jq`, `pandas.read_json(lines=True)` and R's
//! `jsonlite::stream_in` each get what they expect.

use std::io::{self, Write};

use serde::Serialize;

/// One JSON document, pretty-printed, then a newline.
pub fn document<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// JSON Lines: each item as one compact object on its own line.
pub fn lines<T: Serialize>(
    out: &mut dyn Write,
    items: impl IntoIterator<Item = T>,
) -> io::Result<()> {
    for item in items {
        serde_json::to_writer(&mut *out, &item)?;
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_one_value_and_lines_one_per_item() {
        let mut doc = Vec::new();
        document(&mut doc, &[1, 2]).unwrap();
        let text = String::from_utf8(doc).unwrap();
        assert!(text.ends_with("]\n"));
        assert_eq!(
            serde_json::from_str::<Vec<u8>>(&text).unwrap(),
            vec![1u8, 2]
        );
        let mut jsonl = Vec::new();
        lines(&mut jsonl, ["a\nb", "c"]).unwrap();
        assert_eq!(String::from_utf8(jsonl).unwrap(), "\"a\\nb\"\n\"c\"\n");
    }
}
