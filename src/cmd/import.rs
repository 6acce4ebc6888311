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
    /// Markdown files with YAML or TOML front matter (a briefing-room scrape, a Hugo or Jekyll site), one release per file
    Markdown(Releases),
    /// RSS 2.0 or Atom feeds (a file, or a folder of *.xml, *.rss, *.atom files), one release per entry
    Feed(Releases),
}

/// Options of the importers of one-sided releases (`markdown`, `feed`).
#[derive(Debug, clap::Args)]
pub struct Releases {
    /// The folder (markdown) or the feed file or folder (feed) to import
    pub path: PathBuf,
    /// Side of every release (ISO 3166-1 code); markdown defaults to USA
    #[arg(long)]
    pub side: Option<String>,
    /// Issuing office of every release; markdown defaults to "The White House", feeds to the feed's title
    #[arg(long)]
    pub issuer: Option<String>,
    /// Language of every release (default: as declared, else from the script, else en)
    #[arg(long, value_name = "CODE")]
    pub language: Option<String>,
    /// Time zone in which the publisher dates releases (default: America/New_York for USA, Asia/Shanghai for CHN, else UTC)
    #[arg(long, value_name = "IANA_ZONE")]
    pub tz: Option<String>,
    /// A strftime pattern for dates in a house style (tried before the built-in forms)
    #[arg(long, value_name = "PATTERN")]
    pub date_format: Option<String>,
    /// More kind rules (TOML, same format as the built-in table), tried first
    #[arg(long, value_name = "FILE")]
    pub kinds: Option<PathBuf>,
    /// More boilerplate rules (one regular expression a line), added to the built-in list
    #[arg(long, value_name = "FILE")]
    pub boilerplate: Option<PathBuf>,
    /// Corpus folder to write into (default: --corpus)
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
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
        Source::Markdown(r) => releases(r, global, out, ReleaseSource::Markdown)?,
        Source::Feed(r) => releases(r, global, out, ReleaseSource::Feed)?,
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

#[derive(Clone, Copy, PartialEq)]
enum ReleaseSource {
    Markdown,
    Feed,
}

fn releases(
    r: Releases,
    global: &GlobalArgs,
    out: &mut dyn Write,
    source: ReleaseSource,
) -> anyhow::Result<()> {
    let into = r.into.clone().unwrap_or_else(|| global.corpus.clone());
    let opts = release_options(&r, source)?;
    let report = match source {
        ReleaseSource::Markdown => import::markdown::import(&r.path, &opts, &into),
        ReleaseSource::Feed => import::feed::import(&r.path, &opts, &into),
    }
    .with_context(|| format!("cannot import {}", r.path.display()))?;
    print_report(out, &report, &into)?;
    let removed = report.boilerplate;
    if removed.paragraphs > 0 {
        writeln!(
            out,
            "removed {} boilerplate paragraphs ({} characters)",
            removed.paragraphs, removed.chars
        )?;
    }
    Ok(())
}

fn release_options(
    r: &Releases,
    source: ReleaseSource,
) -> anyhow::Result<import::release::Options> {
    let side = match (&r.side, source) {
        (Some(s), _) => s.clone(),
        (None, ReleaseSource::Markdown) => "USA".into(),
        (None, ReleaseSource::Feed) => {
            anyhow::bail!("a feed does not say whose it is: give --side (e.g. --side USA)")
        }
    };
    let side = crate::corpus::Side::parse(&side).map_err(|e| anyhow::anyhow!("--side: {e}"))?;
    let issuer = match (&r.issuer, source) {
        (Some(i), _) => i.clone(),
        (None, ReleaseSource::Markdown) => "The White House".into(),
        (None, ReleaseSource::Feed) => String::new(),
    };
    let tz = r.tz.clone().unwrap_or_else(|| {
        match side.as_str() {
            "USA" => "America/New_York",
            "CHN" => "Asia/Shanghai",
            _ => "UTC",
        }
        .to_string()
    });
    Ok(import::release::Options {
        side,
        issuer,
        language: r.language.clone(),
        dates: import::dates::DateRules::new(&tz, r.date_format.clone())
            .map_err(|e| anyhow::anyhow!("--tz: {e}"))?,
        kinds: import::kinds::Kinds::new(r.kinds.as_deref())?,
        boilerplate: import::boilerplate::Boilerplate::new(r.boilerplate.as_deref())?,
    })
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
