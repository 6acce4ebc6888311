//! `readouts check [DIR]`: validate a corpus and list every problem at once.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;

use super::{GlobalArgs, Outcome};
use crate::render::check::{self as render, CheckReport};
use crate::render::Painter;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Corpus folder to check (default: --corpus)
    pub dir: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// List errors only; warnings are still counted and grouped by kind
    #[arg(long, short)]
    pub quiet: bool,
}

/// The outputs `check` has (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Plain text for the terminal
    Text,
    /// One JSON document
    Json,
}

pub fn run(args: Args, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let dir = args.dir.unwrap_or_else(|| global.corpus.clone());
    let loaded = crate::corpus::load(&dir).context("cannot check the corpus")?;
    let errors = loaded.error_count();
    let report = CheckReport {
        ok: errors == 0,
        errors,
        warnings: loaded.diagnostics.len() - errors,
        diagnostics: loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error() || !args.quiet)
            .collect(),
        warning_kinds: crate::corpus::diagnostic::kinds(
            loaded.diagnostics.iter().filter(|d| !d.is_error()),
        ),
        summary: loaded.corpus.summary(),
    };
    match args.format {
        CheckFormat::Json => render::json(out, &report)?,
        CheckFormat::Text => render::text(out, &report, Painter::new(global.color_stdout()))?,
    }
    Ok(if report.ok {
        Outcome::Success
    } else {
        Outcome::CheckFailed
    })
}
