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
    /// An archive of releases as JSON Lines, mapped field by field (--map)
    Jsonl(Generic),
    /// An archive of releases as CSV with a header row, mapped by column (--map)
    Csv(Generic),
}

/// Options of the generic importers.
#[derive(Debug, clap::Args)]
pub struct Generic {
    /// The file to import
    pub file: PathBuf,
    /// Which source field fills which corpus field, e.g. date=publish_time,text=content,title=title,url=source_url
    #[arg(long, value_delimiter = ',', value_name = "FIELD=SOURCE")]
    pub map: Vec<String>,
    /// A value for every row, e.g. side=USA,issuer=State Department
    #[arg(long, value_delimiter = ',', value_name = "FIELD=VALUE")]
    pub set: Vec<String>,
    /// Corpus folder to write into (default: --corpus)
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
    /// Refuse the whole import when any row is bad (default: report and skip it)
    #[arg(long)]
    pub strict: bool,
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
        Source::Jsonl(g) => generic(g, global, out, import::jsonl::import)?,
        Source::Csv(g) => generic(g, global, out, import::csv::import)?,
    }
    Ok(Outcome::Success)
}

type Importer = fn(
    &std::path::Path,
    &import::mapping::Mapping,
    &std::path::Path,
    bool,
) -> Result<Report, import::Error>;

fn generic(
    g: Generic,
    global: &GlobalArgs,
    out: &mut dyn Write,
    importer: Importer,
) -> anyhow::Result<()> {
    let into = g.into.unwrap_or_else(|| global.corpus.clone());
    let mapping = import::mapping::Mapping::new(&g.map, &g.set)?;
    let report = importer(&g.file, &mapping, &into, g.strict)
        .with_context(|| format!("cannot import {}", g.file.display()))?;
    print_report(out, &report, &into)?;
    Ok(())
}

fn print_report(
    out: &mut dyn Write,
    report: &Report,
    into: &std::path::Path,
) -> std::io::Result<()> {
    for s in &report.skipped {
        let line = format!("skipped {}:{}: {}", s.path.display(), s.line, s.reason);
        writeln!(out, "{}", crate::render::escape::terminal(&line))?;
    }
    let line = format!(
        "imported {} statements in {} events into {} ({} files written, {} skipped)",
        report.statements,
        report.events,
        into.display(),
        report.files_written.len(),
        report.skipped.len()
    );
    writeln!(out, "{}", crate::render::escape::terminal(&line))
}
