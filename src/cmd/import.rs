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
        /// Replace an existing import even when the new one holds fewer statements
        #[arg(long)]
        force: bool,
    },
    /// Saved web pages in a `wget --mirror` layout (DIR/HOST/PATH): www.fmprc.gov.cn,
    /// www.whitehouse.gov and www.state.gov by built-in profiles, other sites with --side and --issuer
    Html {
        /// The mirror folder (holding www.fmprc.gov.cn/… and the like)
        dir: PathBuf,
        /// Corpus folder to write into (default: --corpus)
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
        /// Side of pages from sites without a profile (e.g. GBR)
        #[arg(long)]
        side: Option<String>,
        /// Issuer of pages from sites without a profile
        #[arg(long)]
        issuer: Option<String>,
        /// Replace an existing import even when the new one holds fewer statements
        #[arg(long)]
        force: bool,
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
    /// Replace an existing import of this source even when the new one holds fewer statements
    #[arg(long)]
    pub force: bool,
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
        Source::Ungdc { dir, into, force } => {
            let into = into.unwrap_or_else(|| global.corpus.clone());
            let report = import::ungdc::import(&dir, &into, force).with_context(|| {
                format!(
                    "cannot import the UN General Debate Corpus from {}",
                    dir.display()
                )
            })?;
            (report, into)
        }
        Source::Html {
            dir,
            into,
            side,
            issuer,
            force,
        } => {
            let into = into.unwrap_or_else(|| global.corpus.clone());
            let options = import::html::Options {
                side,
                issuer,
                force,
            };
            let report = import::html::import(&dir, &into, &options)
                .with_context(|| format!("cannot import saved web pages from {}", dir.display()))?;
            (report, into)
        }
        Source::Jsonl(g) => generic(g, global, out, import::jsonl::import)?,
        Source::Csv(g) => generic(g, global, out, import::csv::import)?,
        Source::Markdown(r) => releases(r, global, ReleaseSource::Markdown, out)?,
        Source::Feed(r) => releases(r, global, ReleaseSource::Feed, out)?,
    };
    print_report(out, &report, &into)?;
    let removed = report.boilerplate;
    if removed.paragraphs > 0 {
        writeln!(
            out,
            "removed {} boilerplate paragraphs ({} characters)",
            removed.paragraphs, removed.chars
        )?;
    }
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
    let report = reported(importer(&g.file, &mapping, &into, options), &g.file, out)?;
    Ok((report, into))
}

/// The report of an import, or its error with context; when every row
/// failed, the rows are listed before the error.
fn reported(
    result: Result<Report, import::Error>,
    source: &Path,
    out: &mut dyn Write,
) -> anyhow::Result<Report> {
    match result {
        Ok(report) => Ok(report),
        Err(import::Error::Nothing { path, skipped }) => {
            print_skipped(out, &skipped)?;
            Err(import::Error::Nothing { path, skipped }.into())
        }
        Err(e) => Err(anyhow::Error::new(e).context(format!("cannot import {}", source.display()))),
    }
}

fn print_skipped(out: &mut dyn Write, skipped: &[import::Skipped]) -> std::io::Result<()> {
    for s in skipped {
        let line = format!("skipped {}:{}: {}", s.path.display(), s.line, s.reason);
        writeln!(out, "{}", crate::render::escape::terminal(&line))?;
    }
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
    source: ReleaseSource,
    out: &mut dyn Write,
) -> anyhow::Result<(Report, PathBuf)> {
    let into = r.into.clone().unwrap_or_else(|| global.corpus.clone());
    let opts = release_options(&r, source)?;
    let result = match source {
        ReleaseSource::Markdown => import::markdown::import(&r.path, &opts, &into),
        ReleaseSource::Feed => import::feed::import(&r.path, &opts, &into),
    };
    Ok((reported(result, &r.path, out)?, into))
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
        force: r.force,
    })
}

fn print_report(out: &mut dyn Write, report: &Report, into: &Path) -> std::io::Result<()> {
    print_skipped(out, &report.skipped)?;
    if let [path] = report.files_written.as_slice() {
        let line = format!("wrote {}", path.display());
        writeln!(out, "{}", crate::render::escape::terminal(&line))?;
    }
    let count = crate::render::count;
    let line = format!(
        "imported {} in {} into {} ({} written, {} skipped)",
        count(report.statements, "statement"),
        count(report.events, "event"),
        into.display(),
        count(report.files_written.len(), "file"),
        report.skipped.len()
    );
    writeln!(out, "{}", crate::render::escape::terminal(&line))?;
    for (reason, n) in report.skipped_by_reason() {
        let line = format!("  {n} skipped: {reason}");
        writeln!(out, "{}", crate::render::escape::terminal(&line))?;
    }
    if !report.passed_over.is_empty() {
        let n = report.passed_over.len();
        let pages = if n == 1 { "page" } else { "pages" };
        writeln!(out, "passed over {n} {pages} that hold no statement:")?;
        for (reason, n) in report.passed_over_by_reason() {
            let line = format!("  {n} {reason}");
            writeln!(out, "{}", crate::render::escape::terminal(&line))?;
        }
    }
    Ok(())
}
