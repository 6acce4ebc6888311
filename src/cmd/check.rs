//! `readouts check [DIR]`: validate a corpus and list every problem at once.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;

use super::{FormatArg, GlobalArgs, Outcome};
use crate::render::check::{self as render, CheckReport};
use crate::render::{Format, Painter};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Corpus folder to check (default: --corpus)
    pub dir: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
}

pub fn run(args: Args, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let format = super::require_format("check", args.format, &[FormatArg::Text, FormatArg::Json])?;
    let dir = args.dir.unwrap_or_else(|| global.corpus.clone());
    let loaded = crate::corpus::load(&dir).context("cannot check the corpus")?;
    let errors = loaded.error_count();
    let report = CheckReport {
        ok: errors == 0,
        errors,
        warnings: loaded.diagnostics.len() - errors,
        diagnostics: &loaded.diagnostics,
        summary: loaded.corpus.summary(),
    };
    match format {
        Format::Json => render::json(out, &report)?,
        _ => render::text(out, &report, Painter::new(global.color_stdout()))?,
    }
    Ok(if report.ok {
        Outcome::Success
    } else {
        Outcome::CheckFailed
    })
}
