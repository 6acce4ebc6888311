//! `import csv`: an archive of releases as CSV with a header row (RFC 4180:
//! quoted fields may hold commas, doubled quotes and line breaks), read with
//! the `csv` crate and mapped by column name into the corpus format. Rows are
//! numbered by the line they start on, so a reported row can be found in an
//! editor. A stray quote that would open a field running over the following
//! lines costs only its own line: the row is reported and reading resumes on
//! the next line, so one bad quote never swallows the rest of the file.

use std::collections::HashMap;
use std::path::Path;

use super::mapping::{import_rows, Mapping, Row};
use super::{Error, Options, Report, Skipped};

/// Imports every row of `file` into its own file under `into/import/`.
pub fn import(
    file: &Path,
    mapping: &Mapping,
    into: &Path,
    options: Options,
) -> Result<Report, Error> {
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
    import_rows(file, rows, mapping, into, options)
}

type Record = Result<(usize, Vec<String>), (usize, String)>;

/// The records of a CSV text with the line each starts on; blank lines are
/// passed over. A record of several lines whose field count differs from the
/// header's, or whose quotes do not pair up, is a stray quote: it is reported
/// on its first line and reading starts again on the line after.
fn records(text: &str) -> Vec<Record> {
    let mut out = Vec::new();
    let mut width = None;
    let mut lines = Lines::default();
    let mut offset = 0;
    while let Some(bad) = read_from(text, offset, &mut lines, &mut width, &mut out) {
        offset = text[bad..].find('\n').map_or(text.len(), |i| bad + i + 1);
    }
    out
}

/// Line numbers of byte offsets, counted forward from the last one asked.
#[derive(Default)]
struct Lines {
    byte: usize,
    newlines: usize,
}

impl Lines {
    fn at(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            *self = Lines::default();
        }
        self.newlines += memchr::memchr_iter(b'\n', &text.as_bytes()[self.byte..byte]).count();
        self.byte = byte;
        self.newlines + 1
    }
}

/// Reads records from `text[offset..]` into `out`; on a stray quote reports
/// it and returns the byte where the bad record starts.
fn read_from(
    text: &str,
    offset: usize,
    lines: &mut Lines,
    width: &mut Option<usize>,
    out: &mut Vec<Record>,
) -> Option<usize> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&text.as_bytes()[offset..]);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return None,
            Err(e) => {
                let byte = e.position().map_or(offset, |p| offset + p.byte() as usize);
                out.push(Err((lines.at(text, byte), format!("unreadable CSV: {e}"))));
                return None;
            }
        }
        let pos = record
            .position()
            .expect("records read from a reader have positions");
        let end = offset + reader.position().byte() as usize;
        // after a CRLF the record's position may still point at its LF
        let raw = text[offset + pos.byte() as usize..end].trim_start_matches(['\r', '\n']);
        let start = end - raw.len();
        let line = lines.at(text, start);
        let expected = *width.get_or_insert(record.len());
        let unclosed = raw.bytes().filter(|&b| b == b'"').count() % 2 == 1;
        let lines_in = raw.trim_end_matches(['\r', '\n']).matches('\n').count() + 1;
        if (record.len() != expected || unclosed) && lines_in > 1 {
            out.push(Err((line, stray_quote(line, line + lines_in - 1))));
            return Some(start);
        }
        if let Some(field) = text_after_quote(raw) {
            out.push(Err((line, format!("field {field} goes on after its closing quote (a quoted field ends at its quote); the row is skipped"))));
            continue;
        }
        out.push(Ok((line, record.iter().map(str::to_string).collect())));
    }
}

/// The number (from 1) of the first field of a raw record whose closing quote
/// is followed by more text (`"a"b`), which CSV readers silently join into
/// `ab`, taking half of a broken row as a value.
fn text_after_quote(raw: &str) -> Option<usize> {
    let b = raw.as_bytes();
    let (mut i, mut field, mut at_start) = (0, 1, true);
    while i < b.len() {
        match b[i] {
            b'"' if at_start => {
                i += 1;
                loop {
                    match b.get(i) {
                        None => return None,
                        Some(b'"') if b.get(i + 1) == Some(&b'"') => i += 2,
                        Some(b'"') => break,
                        Some(_) => i += 1,
                    }
                }
                i += 1;
                if !matches!(b.get(i), None | Some(b',' | b'\r' | b'\n')) {
                    return Some(field);
                }
                at_start = false;
            }
            b',' => {
                field += 1;
                at_start = true;
                i += 1;
            }
            _ => {
                at_start = false;
                i += 1;
            }
        }
    }
    None
}

fn stray_quote(line: usize, last: usize) -> String {
    format!(
        "a stray quote opens a field that would run on to line {last}; only this line is skipped, reading resumes at line {}",
        line + 1
    )
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
        assert_eq!(got[2], Ok((5, vec!["2".into(), "bad\"quote".into()])));
        assert_eq!(got[3], Ok((6, vec!["3".into(), "ok".into()])));
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn text_after_a_closing_quote_skips_the_row() {
        let text = "a,b,c\n1,\"x,\"y z,w\n2,\"ok \"\"q\"\"\",v\n3,a\"b,\"\"\n";
        let got = records(text);
        let Err((2, reason)) = &got[1] else {
            panic!("{:?}", got[1])
        };
        assert!(
            reason.starts_with("field 2 goes on after its closing quote"),
            "{reason}"
        );
        assert_eq!(
            got[2],
            Ok((3, vec!["2".into(), "ok \"q\"".into(), "v".into()]))
        );
        assert_eq!(got[3], Ok((4, vec!["3".into(), "a\"b".into(), "".into()])));
        assert_eq!(text_after_quote("\"a\" ,b"), Some(1));
        assert_eq!(text_after_quote("x,\"a\"\r\n"), None);
    }

    #[test]
    fn a_stray_quote_costs_only_its_own_line() {
        let mut text = String::from("n,text\n1,\"unclosed\n");
        for i in 2..=1000 {
            text.push_str(&format!("{i},row {i}\n"));
        }
        let got = records(&text);
        assert_eq!(got.len(), 1001, "header, one bad row, 999 good ones");
        let Err((2, reason)) = &got[1] else {
            panic!("{:?}", got[1])
        };
        assert!(
            reason.contains("run on to line 1001") && reason.contains("resumes at line 3"),
            "{reason}"
        );
        assert_eq!(got[2], Ok((3, vec!["2".into(), "row 2".into()])));
        assert_eq!(
            got[1000],
            Ok((1001, vec!["1000".into(), "row 1000".into()]))
        );
    }
}
