//! `readouts tone --format json`: the whole report as one JSON document
//! (provenance, formula, groups, events, chart figures, and with `--explain`
//! every statement's hits).

use std::io::{self, Write};

use crate::analysis::tone::ToneReport;

pub fn render(out: &mut dyn Write, r: &ToneReport) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, r)?;
    writeln!(out)
}
