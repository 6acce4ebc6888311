//! `readouts kwic PATTERN`: a keyword-in-context concordance of a word or phrase.

use std::io::Write;

use clap::ValueEnum;

use super::filter::FilterArgs;
use super::{FormatArg, GlobalArgs, Outcome};
use crate::index::{self, KwicOptions, KwicSort};
use crate::render::kwic as render;
use crate::render::{Format, Painter};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A word or phrase, e.g. "win-win cooperation" (matched by stem unless --exact)
    pub pattern: String,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Characters of context on each side (1 to 1,000)
    #[arg(long, default_value_t = 40, value_name = "N", value_parser = super::bounded(1, 1000))]
    pub width: usize,
    /// Order of the lines: by date, or by the context left or right of the keyword
    #[arg(long, value_enum, default_value_t = SortArg::Date)]
    pub sort: SortArg,
    /// Match the words as written (case and apostrophes folded) instead of by stem
    #[arg(long)]
    pub exact: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Date,
    Left,
    Right,
}

pub fn run(args: Args, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let format = super::require_format(
        "kwic",
        args.format,
        &[FormatArg::Text, FormatArg::Json, FormatArg::Csv],
    )?;
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
    let lines = index::kwic(&index, &args.pattern, &args.filter.to_filter(), options)?;
    match format {
        Format::Json => render::json(out, &lines)?,
        Format::Csv => render::csv(out, &lines)?,
        _ => render::text(out, &lines, args.width, Painter::new(global.color_stdout()))?,
    }
    Ok(if lines.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Success
    })
}
