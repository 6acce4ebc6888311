//! `import csv`: an archive of releases as CSV with a header row (RFC 4180:
//! quoted fields may hold commas, doubled quotes and line breaks), mapped by
//! column name into the corpus format. Rows are numbered by the line they
//! start on, so a reported row can be found in an editor.

use std::collections::HashMap;
use std::path::Path;

use super::mapping::{import_rows, Mapping, Row};
use super::{Error, Report, Skipped};

/// Imports every row of `file` into `into/import/<file name>.jsonl`.
pub fn import(file: &Path, mapping: &Mapping, into: &Path, strict: bool) -> Result<Report, Error> {
    let text = super::jsonl::read(file)?;
    let records = records(&text);
    let mut iter = records.into_iter();
    let Some(header) = iter.next() else {
        return Err(Error::NotASource {
            path: file.to_path_buf(),
            what: "CSV with a header row",
            why: "the file is empty".into(),
        });
    };
    let header = header.map_err(|(line, why)| Error::NotASource {
        path: file.to_path_buf(),
        what: "CSV with a header row",
        why: format!("line {line}: {why}"),
    })?;
    let names: Vec<String> = header.1.iter().map(|h| h.trim().to_string()).collect();
    let rows = iter
        .map(|r| {
            let (line, cells) = r.map_err(|(line, reason)| Skipped {
                path: file.to_path_buf(),
                line,
                reason,
            })?;
            if cells.len() != names.len() {
                return Err(Skipped {
                    path: file.to_path_buf(),
                    line,
                    reason: format!(
                        "{} fields where the header has {}",
                        cells.len(),
                        names.len()
                    ),
                });
            }
            let fields: HashMap<String, String> = names.iter().cloned().zip(cells).collect();
            Ok(Row { line, fields })
        })
        .collect();
    import_rows(file, rows, mapping, into, strict)
}

type Record = Result<(usize, Vec<String>), (usize, String)>;

/// The records of a CSV text with the line each starts on; blank lines are passed over.
fn records(text: &str) -> Vec<Record> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while chars.peek().is_some() {
        let start = line;
        let mut cells = Vec::new();
        let mut cell = String::new();
        let mut quoted = false;
        let mut was_quoted = false;
        let mut error = None;
        loop {
            let Some(c) = chars.next() else {
                if quoted {
                    error =
                        Some("a quoted field is not closed before the end of the file".to_string());
                }
                break;
            };
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        cell.push('"');
                    }
                    '"' => quoted = false,
                    '\n' => {
                        line += 1;
                        cell.push('\n');
                    }
                    c => cell.push(c),
                }
                continue;
            }
            match c {
                '"' if cell.is_empty() && !was_quoted => {
                    quoted = true;
                    was_quoted = true;
                }
                '"' => {
                    error.get_or_insert_with(|| "a quote inside an unquoted field".to_string());
                }
                ',' => {
                    cells.push(std::mem::take(&mut cell));
                    was_quoted = false;
                }
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' => {
                    line += 1;
                    break;
                }
                c => cell.push(c),
            }
        }
        cells.push(cell);
        if cells.len() == 1 && cells[0].is_empty() && error.is_none() {
            continue;
        }
        out.push(match error {
            Some(e) => Err((start, e)),
            None => Ok((start, cells)),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_hold_commas_quotes_and_line_breaks() {
        let text = "a,b\r\n1,\"x, \"\"y\"\"\nz\"\n\n2,bad\"quote\n3,ok\n";
        let got = records(text);
        assert_eq!(got[0], Ok((1, vec!["a".into(), "b".into()])));
        assert_eq!(got[1], Ok((2, vec!["1".into(), "x, \"y\"\nz".into()])));
        assert_eq!(got[2], Err((5, "a quote inside an unquoted field".into())));
        assert_eq!(got[3], Ok((6, vec!["3".into(), "ok".into()])));
        assert_eq!(got.len(), 4);
    }
}
