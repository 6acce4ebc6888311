//! `readouts import SOURCE ...`: bring a published corpus into the corpus folder
//! as JSON Lines. One subcommand per source format.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;

use super::{GlobalArgs, Outcome};
use crate::corpus::import::{self, Report};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub source: Source,
}

#[derive(Debug, clap::Subcommand)]
pub enum Source {
    /// The UN General Debate Corpus as published (folders `Session NN - YYYY/`)
    Ungdc {
        /// The corpus folder holding the `Session NN - YYYY` folders
        dir: PathBuf,
        /// Corpus folder to write into (default: --corpus)
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
    },
}

pub fn run(args: Args, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    match args.source {
        Source::Ungdc { dir, into } => {
            let into = into.unwrap_or_else(|| global.corpus.clone());
            let report = import::ungdc::import(&dir, &into).with_context(|| {
                format!(
                    "cannot import the UN General Debate Corpus from {}",
                    dir.display()
                )
            })?;
            print_report(out, &report, &into)?;
        }
    }
    Ok(Outcome::Success)
}

fn print_report(
    out: &mut dyn Write,
    report: &Report,
    into: &std::path::Path,
) -> std::io::Result<()> {
    for s in &report.skipped {
        writeln!(out, "skipped {}:{}: {}", s.path.display(), s.line, s.reason)?;
    }
    writeln!(
        out,
        "imported {} statements in {} events into {} ({} files written, {} skipped)",
        report.statements,
        report.events,
        into.display(),
        report.files_written.len(),
        report.skipped.len()
    )
}
