//! `readouts search QUERY`: ranked statements for a tantivy query, or with
//! `--count-by` a frequency table of the matching statements.

use std::io::Write;

use clap::ValueEnum;

use super::filter::FilterArgs;
use super::{GlobalArgs, Outcome};
use crate::index::{self, CountKey, SearchOptions};
use crate::render::search as render;
use crate::render::Painter;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Query syntax (tantivy): words (all must occur), \"a phrase\", OR, AND, NOT or -word, \
field:value (side:chn, issuer:\"white house\", kind:call, year:2020, year:[2000 TO 2010], title:tariffs). \
Words match by stem (bullying = bullied = bully); --exact, or the field exact:, matches the wording as written."
)]
pub struct Args {
    /// The query, e.g. '"win-win cooperation" side:chn'
    pub query: String,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Number of hits to show (1 to 1,000,000)
    #[arg(long, default_value_t = 10, value_name = "N", value_parser = super::bounded(1, 1_000_000))]
    pub limit: usize,
    /// Match words as written (case and apostrophes folded) instead of by stem
    #[arg(long)]
    pub exact: bool,
    /// Count matching statements by side, issuer, year or month instead of listing hits
    #[arg(long, value_enum, value_name = "KEY")]
    pub count_by: Option<CountArg>,
    /// Output format
    #[arg(long, value_enum, default_value_t = SearchFormat::Text)]
    pub format: SearchFormat,
    #[command(flatten)]
    pub provenance: super::provenance::ProvenanceArg,
}

/// The outputs `search` has (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SearchFormat {
    /// Plain text for the terminal
    Text,
    /// One JSON document
    Json,
    /// JSON Lines: one object per line
    Jsonl,
    /// CSV: a header row and data rows (opens as is in pandas and R)
    Csv,
    /// A self-contained HTML page
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountArg {
    Side,
    Issuer,
    Year,
    Month,
}

impl From<CountArg> for CountKey {
    fn from(c: CountArg) -> CountKey {
        match c {
            CountArg::Side => CountKey::Side,
            CountArg::Issuer => CountKey::Issuer,
            CountArg::Year => CountKey::Year,
            CountArg::Month => CountKey::Month,
        }
    }
}

pub fn run(args: Args, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    args.provenance.check()?;
    if args.count_by.is_some() && args.format == SearchFormat::Html {
        anyhow::bail!("`search --count-by` has no html output; use --format text|json|jsonl|csv");
    }
    let index = super::index::open(global)?;
    super::index::warn_dropped(&index);
    let filter = args.filter.conditions_only("search")?;
    let painter = Painter::new(global.color_stdout());
    if let Some(key) = args.count_by {
        let key = CountKey::from(key);
        let counts = index::count_by(&index, &args.query, &filter, key, args.exact)?;
        match args.format {
            SearchFormat::Json => render::counts_json(out, key, &counts)?,
            SearchFormat::Jsonl => render::counts_jsonl(out, key, &counts)?,
            SearchFormat::Csv => render::counts_csv(out, key, &counts)?,
            SearchFormat::Text | SearchFormat::Html => {
                render::counts_text(out, key, &counts, painter)?
            }
        }
        let detail = serde_json::json!({"query": args.query, "count_by": key, "exact": args.exact});
        args.provenance.write(global, &detail)?;
        return Ok(found(!counts.is_empty()));
    }
    let options = SearchOptions {
        limit: args.limit,
        exact: args.exact,
    };
    let found_hits = index::search(&index, &args.query, &filter, options)?;
    match args.format {
        SearchFormat::Json => render::json(out, &args.query, &found_hits)?,
        SearchFormat::Jsonl => render::jsonl(out, &found_hits)?,
        SearchFormat::Csv => render::csv(out, &found_hits)?,
        SearchFormat::Html => render::html(out, &args.query, &found_hits)?,
        SearchFormat::Text => render::text(out, &found_hits, painter)?,
    }
    let detail = serde_json::json!({
        "query": args.query,
        "exact": args.exact,
        "matching_statements": found_hits.total,
        "shown": found_hits.hits.len(),
    });
    args.provenance.write(global, &detail)?;
    Ok(found(found_hits.total > 0))
}

fn found(any: bool) -> Outcome {
    if any {
        Outcome::Success
    } else {
        Outcome::NothingFound
    }
}
