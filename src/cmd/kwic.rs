//! `readouts kwic PATTERN`: a keyword-in-context concordance of a word or phrase.

use std::io::Write;

use clap::ValueEnum;

use super::filter::FilterArgs;
use super::{GlobalArgs, Outcome};
use crate::index::{self, KwicOptions, KwicSort};
use crate::render::kwic as render;
use crate::render::Painter;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A word or phrase, e.g. "win-win cooperation" (matched by stem unless --exact)
    pub pattern: String,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Terminal columns of context on each side, a Chinese character taking two (1 to 1,000)
    #[arg(long, default_value_t = 40, value_name = "N", value_parser = super::bounded(1, 1000))]
    pub width: usize,
    /// Order of the lines: by date, or by the context left or right of the keyword
    #[arg(long, value_enum, default_value_t = SortArg::Date)]
    pub sort: SortArg,
    /// Match the words as written (case and apostrophes folded) instead of by stem
    #[arg(long)]
    pub exact: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = KwicFormat::Text)]
    pub format: KwicFormat,
    #[command(flatten)]
    pub provenance: super::provenance::ProvenanceArg,
}

/// The outputs `kwic` has (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KwicFormat {
    /// Plain text for the terminal
    Text,
    /// One JSON document
    Json,
    /// JSON Lines: one object per line
    Jsonl,
    /// CSV: a header row and data rows (opens as is in pandas and R)
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Date,
    Left,
    Right,
}

pub fn run(args: Args, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    args.provenance.check()?;
    let index = super::index::open(global)?;
    super::index::warn_dropped(&index);
    let options = KwicOptions {
        width: args.width,
        sort: match args.sort {
            SortArg::Date => KwicSort::Date,
            SortArg::Left => KwicSort::Left,
            SortArg::Right => KwicSort::Right,
        },
        exact: args.exact,
    };
    let filter = args.filter.conditions_only("kwic")?;
    let lines = index::kwic(&index, &args.pattern, &filter, options)?;
    match args.format {
        KwicFormat::Json => render::json(out, &args.pattern, &lines)?,
        KwicFormat::Jsonl => render::jsonl(out, &lines)?,
        KwicFormat::Csv => render::csv(out, &lines)?,
        KwicFormat::Text => {
            render::text(out, &lines, args.width, Painter::new(global.color_stdout()))?
        }
    }
    let detail = serde_json::json!({
        "pattern": args.pattern,
        "exact": args.exact,
        "width": args.width,
        "lines": lines.len(),
    });
    args.provenance.write(global, &detail)?;
    Ok(if lines.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Success
    })
}
