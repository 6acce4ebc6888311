//! `import jsonl`: an archive of releases as JSON Lines, one object per line
//! (a scrape of the State Department's or the Foreign Ministry's press
//! releases), mapped field by field into the corpus format. Strings are taken
//! as they are, numbers and booleans as written; a line that is not a JSON
//! object is reported with its number.

use std::fs;
use std::path::Path;

use serde_json::Value;

use super::mapping::{import_rows, Mapping, Row};
use super::{Error, Options, Report, Skipped};

/// Imports every line of `file` into its own file under `into/import/`.
pub fn import(
    file: &Path,
    mapping: &Mapping,
    into: &Path,
    options: Options,
) -> Result<Report, Error> {
    let text = read(file)?;
    let rows = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| row(file, n + 1, l))
        .collect();
    import_rows(file, rows, mapping, into, options)
}

pub(super) fn read(file: &Path) -> Result<String, Error> {
    if !file.exists() {
        return Err(Error::NotFound(file.to_path_buf()));
    }
    let bytes = fs::read(file).map_err(|source| Error::Read {
        path: file.to_path_buf(),
        source,
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| Error::NotASource {
        path: file.to_path_buf(),
        what: "UTF-8 text",
        why: format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
    })
}

fn row(file: &Path, line: usize, text: &str) -> Result<Row, Skipped> {
    let skip = |reason: String| Skipped {
        path: file.to_path_buf(),
        line,
        reason,
    };
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let msg = e.to_string();
        skip(format!(
            "not valid JSON: {}",
            msg.split(" at line").next().unwrap_or(&msg)
        ))
    })?;
    let Value::Object(map) = value else {
        return Err(skip("the line is not a JSON object".into()));
    };
    let fields = map
        .into_iter()
        .filter_map(|(k, v)| {
            let s = match v {
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => return None,
            };
            Some((k, s))
        })
        .collect();
    Ok(Row { line, fields })
}
