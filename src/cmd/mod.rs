//! The command layer: clap definitions and one module per subcommand, each with
//! its argument struct and a `run` that loads what it needs, calls the library
//! and hands the result to a renderer. Clap types stop here.

pub mod check;
pub mod completions;
pub mod diff;
pub mod diff_languages;
pub mod filter;
pub mod import;
pub mod index;
pub mod keyness;
pub mod kwic;
pub mod links;
pub mod man;
pub mod pair;
pub mod phrases;
pub mod provenance;
pub mod schema;
pub mod search;
pub mod tone;
pub mod ui;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::render::ColorChoice;

/// How a command ended, for the exit status: 0 ok, 1 nothing found / check failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    NothingFound,
    CheckFailed,
    /// Done, but some input was skipped (exit status 1).
    Incomplete,
}

#[derive(Debug, Parser)]
#[command(
    name = "readouts",
    version,
    about = "Search, compare and score paired diplomatic readouts",
    long_about = "readouts keeps a corpus of paired official statements (each government's readout of the same call or meeting), indexes it and analyses it: search and concordance, framing phrases, side-by-side diffs, tone reports and keyness.",
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes (listed under their own heading in `--help`).
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The corpus folder (event TOML files and statement JSONL files).
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        env = "READOUTS_CORPUS",
        default_value = "corpus"
    )]
    pub corpus: PathBuf,
    /// When to colour terminal output; `auto` honours NO_COLOR.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
    /// The index folder (default: `.index` inside the corpus folder).
    #[arg(long, global = true, value_name = "DIR", env = "READOUTS_INDEX")]
    pub index: Option<PathBuf>,
    /// Use the index exactly as it stands; do not bring it up to date first.
    #[arg(long, global = true)]
    pub no_refresh: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a corpus and report every problem as file:line:column
    Check(check::Args),
    /// Import a published corpus (UN General Debate Corpus, ...) as JSON Lines
    Import(import::Args),
    /// Build or update the full-text index of the corpus
    Index(index::Args),
    /// Find statements with a full-text query (tantivy syntax)
    Search(search::Args),
    /// Keyword in context: every occurrence of a word or phrase, one per line
    Kwic(kwic::Args),
    /// Compare two statements side by side: shared points, own wording, one-sided topics
    Diff(diff::Args),
    /// Tone scores, framing gaps and charts over the corpus or a selection
    Tone(tone::Args),
    /// Words and phrases that set two groups of statements apart (Fightin' Words z-scores)
    Keyness(Box<keyness::Args>),
    /// Print a shell completion script
    Completions(completions::Args),
    /// Print the man page (roff) generated from these definitions
    Man(man::Args),
    /// Tag statements with the framing lexicon: hits, sentences, initiators, per-side rates
    Phrases(phrases::Args),
    /// Propose which one-sided statements report the same event; --apply a reviewed pairing file
    Pair(Box<pair::Args>),
    /// Print the JSON Schema of a command's JSON output
    Schema(schema::Args),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

impl GlobalArgs {
    /// Colour for stdout, decided once.
    pub fn color_stdout(&self) -> bool {
        let choice = match self.color {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        };
        choice.enabled(std::io::stdout().is_terminal())
    }
}

/// A clap parser for a count between `min` and `max` (inclusive): a value out
/// of range is a usage error naming the argument and the range, never a huge
/// allocation or an overflow later.
pub fn bounded(min: u64, max: u64) -> clap::builder::RangedU64ValueParser<usize> {
    clap::builder::RangedU64ValueParser::<usize>::new().range(min..=max)
}

/// Runs the parsed command, writing its output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Check(args) => check::run(args, &cli.global, out),
        Command::Import(args) => import::run(args, &cli.global, out),
        Command::Index(args) => index::run(args, &cli.global, out),
        Command::Search(args) => search::run(args, &cli.global, out),
        Command::Kwic(args) => kwic::run(args, &cli.global, out),
        Command::Diff(args) => diff::run(args, &cli.global, out),
        Command::Tone(args) => tone::run(args, &cli.global, out),
        Command::Keyness(args) => keyness::run(*args, &cli.global, out),
        Command::Completions(args) => completions::run(args, out),
        Command::Man(args) => man::run(args, out),
        Command::Phrases(args) => phrases::run(args, &cli.global, out),
        Command::Pair(args) => pair::run(*args, &cli.global, out),
        Command::Schema(args) => schema::run(args, out),
    }
}
