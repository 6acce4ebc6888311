//! `readouts import SOURCE ...`: bring a published corpus into the corpus folder
//! as JSON Lines. One subcommand per source format. Every import ends with a
//! summary (statements, events, skipped rows by reason) and each skipped row
//! as `file:line: reason`; the exit status is 1 when a row was skipped and 2,
//! with nothing written, when none could be imported.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::{GlobalArgs, Outcome};
use crate::corpus::import::dates::DateRules;
use crate::corpus::import::mapping::{Mapping, DEFAULT_TZ};
use crate::corpus::import::{self, Options, Report};

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
    /// Which source field fills which corpus field, e.g. date=publish_time,text=content,title=title,url=source_url (repeatable; a comma starts a new pair only before FIELD=)
    #[arg(long, value_name = "FIELD=SOURCE")]
    pub map: Vec<String>,
    /// A value for every row, e.g. side=USA or 'issuer=Antony J. Blinken, Secretary of State' (repeatable; a comma starts a new pair only before FIELD=)
    #[arg(long, value_name = "FIELD=VALUE")]
    pub set: Vec<String>,
    /// The publisher's time zone (IANA name): a timestamp with an offset is filed under its date there
    #[arg(long, value_name = "NAME", default_value = DEFAULT_TZ)]
    pub tz: String,
    /// A strftime pattern for dates in no built-in form, e.g. %d.%m.%Y (built-in: RFC 2822, RFC 3339, YYYY[-MM[-DD]], `August 3, 2022`, `3 Aug 2022`, 2022/08/03, 2022年8月3日)
    #[arg(long, value_name = "PATTERN")]
    pub date_format: Option<String>,
    /// Replace an existing import of this file even when the new one holds fewer statements
    #[arg(long)]
    pub force: bool,
    /// Corpus folder to write into (default: --corpus)
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
    /// Refuse the whole import when any row is bad (default: report and skip it)
    #[arg(long)]
    pub strict: bool,
}

pub fn run(args: Args, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (report, into) = match args.source {
        Source::Ungdc { dir, into } => {
            let into = into.unwrap_or_else(|| global.corpus.clone());
            let report = import::ungdc::import(&dir, &into).with_context(|| {
                format!(
                    "cannot import the UN General Debate Corpus from {}",
                    dir.display()
                )
            })?;
            (report, into)
        }
        Source::Jsonl(g) => generic(g, global, out, import::jsonl::import)?,
        Source::Csv(g) => generic(g, global, out, import::csv::import)?,
    };
    print_report(out, &report, &into)?;
    Ok(if report.skipped.is_empty() {
        Outcome::Success
    } else {
        Outcome::Incomplete
    })
}

type Importer = fn(&Path, &Mapping, &Path, Options) -> Result<Report, import::Error>;

fn generic(
    g: Generic,
    global: &GlobalArgs,
    out: &mut dyn Write,
    importer: Importer,
) -> anyhow::Result<(Report, PathBuf)> {
    let into = g.into.unwrap_or_else(|| global.corpus.clone());
    let rules = DateRules::new(&g.tz, g.date_format).map_err(|e| anyhow::anyhow!("--tz: {e}"))?;
    let mapping = Mapping::new(&g.map, &g.set)?.with_dates(rules);
    let options = Options {
        strict: g.strict,
        force: g.force,
    };
    match importer(&g.file, &mapping, &into, options) {
        Ok(report) => Ok((report, into)),
        Err(import::Error::Nothing { path, skipped }) => {
            print_skipped(out, &skipped)?;
            Err(import::Error::Nothing { path, skipped }.into())
        }
        Err(e) => Err(anyhow::Error::new(e).context(format!("cannot import {}", g.file.display()))),
    }
}

fn print_skipped(out: &mut dyn Write, skipped: &[import::Skipped]) -> std::io::Result<()> {
    for s in skipped {
        writeln!(out, "skipped {}:{}: {}", s.path.display(), s.line, s.reason)?;
    }
    Ok(())
}

fn print_report(out: &mut dyn Write, report: &Report, into: &Path) -> std::io::Result<()> {
    print_skipped(out, &report.skipped)?;
    if let [path] = report.files_written.as_slice() {
        writeln!(out, "wrote {}", path.display())?;
    }
    writeln!(
        out,
        "imported {} statements in {} events into {} ({} files written, {} skipped)",
        report.statements,
        report.events,
        into.display(),
        report.files_written.len(),
        report.skipped.len()
    )?;
    for (reason, n) in report.skipped_by_reason() {
        writeln!(out, "  {n} skipped: {reason}")?;
    }
    Ok(())
}
