//! `readouts diff EVENT [--sides A,B]` and `readouts diff EVENT_A EVENT_B --side S`:
//! the side-by-side comparison of two statements (`--statements ID,ID` picks
//! them by id where a side has several on one event).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;

use super::{GlobalArgs, Outcome};
use crate::analysis::align::{TermWeights, DEFAULT_THRESHOLD};
use crate::analysis::diff::{self, select, DiffOptions, Framing, SideInput};
use crate::analysis::lexicon::{self, Lexicon, Matcher};
use crate::corpus::Side;
use crate::render::{self, Painter};

/// Terminal width when neither --width, COLUMNS nor the terminal says.
const DEFAULT_WIDTH: usize = 100;
/// Narrowest and widest layouts: two 12-cell columns and their chrome; wider
/// than any screen (a larger $COLUMNS or terminal is taken as this).
const MIN_WIDTH: usize = 30;
const MAX_WIDTH: usize = 1000;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  readouts diff 2020-08-25-phase-one-review\n  readouts diff ungdc-2022 --sides USA,CHN --format html > diff.html\n  readouts diff ungdc-2021 ungdc-2022 --side CHN\n  readouts diff fmprc-t1717355 --languages zh,en"
)]
pub struct Args {
    /// Count the journalists' questions of transcripts too (default: only the issuing side's turns)
    #[arg(long)]
    pub include_questions: bool,
    /// The event to compare (two events with --side: one side on two occasions)
    #[arg(value_name = "EVENT", required = true, num_args = 1..=2)]
    pub events: Vec<String>,
    /// The two sides to compare, left then right (needed when an event has more than two)
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "A,B",
        num_args = 1,
        conflicts_with = "side"
    )]
    pub sides: Vec<Side>,
    /// With two events: the side whose statements are compared
    #[arg(long, value_name = "CODE")]
    pub side: Option<Side>,
    /// The two statements to compare by id, left then right (needed when a side has several)
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "ID,ID",
        num_args = 1,
        conflicts_with_all = ["sides", "side"]
    )]
    pub statements: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Terminal width in columns, 30 to 1,000 (default: $COLUMNS, else the terminal's, else 100)
    #[arg(long, value_name = "N", value_parser = super::bounded(MIN_WIDTH as u64, MAX_WIDTH as u64))]
    pub width: Option<usize>,
    /// Similarity (0–1) below which a sentence has no counterpart
    #[arg(long, value_name = "X", default_value_t = DEFAULT_THRESHOLD)]
    pub threshold: f32,
    /// Add or override framing-lexicon entries from FILE (repeat to apply several)
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Compare a statement's Chinese original with its English version: zh,en (see `diff_languages`)
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "zh,en",
        num_args = 1,
        conflicts_with_all = ["sides", "side", "statements"]
    )]
    pub languages: Vec<String>,
    /// With --languages: add or override names of the bilingual table from FILE (TOML; repeatable)
    #[arg(long, value_name = "FILE", requires = "languages")]
    pub names: Vec<PathBuf>,
    /// Add equivalent phrases from FILE, lines `feature = phrase | phrase` (repeat for several)
    #[arg(long, value_name = "FILE")]
    pub equivalents: Vec<PathBuf>,
}

/// The outputs `diff` has (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Plain text for the terminal
    Text,
    /// One JSON document
    Json,
    /// Markdown
    Md,
    /// A self-contained HTML page
    Html,
}

pub fn run(args: Args, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    if !args.languages.is_empty() {
        return super::diff_languages::run(&args, global, out);
    }
    if !(0.0..=1.0).contains(&args.threshold) {
        anyhow::bail!(
            "--threshold must be between 0 and 1 (got {})",
            args.threshold
        );
    }
    let loaded = selected(&args, global)?;
    let corpus = &loaded.corpus.own_words_unless(args.include_questions);
    let (left, right) = chosen(corpus, &args)?;
    let matcher = lexicon_matcher(&args.lexicon)?;
    let (left, right) = (framed(left, &matcher), framed(right, &matcher));
    let initiator = (left.event.id == right.event.id)
        .then(|| initiator(left.event, &matcher))
        .flatten();
    let mut weights = TermWeights::reference();
    for path in &args.equivalents {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        (weights.add_equivalents(&text)).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    }
    let opts = DiffOptions {
        threshold: args.threshold,
        initiator,
        boilerplate: diff::boilerplate::for_statements(corpus, &[left.statement, right.statement]),
        ..DiffOptions::default()
    };
    let result = diff::diff(&mut weights, &left, &right, &opts);
    match args.format {
        DiffFormat::Json => render::diff::json(out, &result)?,
        DiffFormat::Md => render::diff::md(out, &result)?,
        DiffFormat::Html => render::diff::html(out, &result)?,
        DiffFormat::Text => {
            let width = args.width.unwrap_or_else(terminal_width);
            render::diff::text(out, &result, Painter::new(global.color_stdout()), width)?
        }
    }
    Ok(Outcome::Success)
}

/// What the diff reads: the events compared (whole: the initiator is looked
/// for in all their statements) and every statement of the compared sides
/// (boilerplate is counted over them). An event id not in the corpus gets the
/// whole corpus, so the error can suggest ids.
fn selected(args: &Args, global: &GlobalArgs) -> anyhow::Result<crate::corpus::Loaded> {
    let mut source = super::filter::source(global)?;
    let events = &args.events;
    let in_events = |m: &crate::index::Meta<'_>| events.iter().any(|e| e == m.event);
    let mut sides: Vec<Side> = match (&args.side, args.sides.as_slice()) {
        (Some(side), _) => vec![side.clone()],
        (None, [a, b]) => vec![a.clone(), b.clone()],
        _ => Vec::new(),
    };
    if sides.is_empty() {
        let first = source.load(&in_events)?;
        let found = corpus_has(&first.corpus, events);
        match found.then(|| select::two_sides(first.corpus.event(&events[0])?, None).ok()) {
            Some(Some((a, b))) => sides = vec![a.side.clone(), b.side.clone()],
            _ => return Ok(source.load(&|_| true)?),
        }
    }
    let loaded = source.load(&|m| in_events(m) || sides.contains(m.side))?;
    if corpus_has(&loaded.corpus, events) {
        Ok(loaded)
    } else {
        Ok(source.load(&|_| true)?)
    }
}

fn corpus_has(corpus: &crate::corpus::Corpus, events: &[String]) -> bool {
    events.iter().all(|e| corpus.event(e).is_some())
}

/// The two statements `args` name: by `--statements`, else by side; a side
/// with several statements on an event is an error listing their ids.
fn chosen<'c>(
    corpus: &'c crate::corpus::Corpus,
    args: &Args,
) -> anyhow::Result<(SideInput<'c>, SideInput<'c>)> {
    let events = args
        .events
        .iter()
        .map(|id| select::event(corpus, id))
        .collect::<Result<Vec<_>, _>>()?;
    if !args.statements.is_empty() {
        let [l, r] = args.statements.as_slice() else {
            anyhow::bail!(
                "--statements takes two statement ids, e.g. --statements EVENT/USA,EVENT/CHN (got {})",
                args.statements.len()
            );
        };
        let (el, er) = (events[0], *events.last().expect("clap requires an event"));
        let (sl, sr) = (
            select::statement_by_id(el, l)?,
            select::statement_by_id(er, r)?,
        );
        if sl.id == sr.id {
            anyhow::bail!(
                "choose two different statements to compare (got {} twice)",
                sl.id
            );
        }
        return Ok((SideInput::new(el, sl), SideInput::new(er, sr)));
    }
    match events.as_slice() {
        [event] => {
            if let Some(side) = &args.side {
                anyhow::bail!(
                    "--side {side} compares two events; for two sides of one event use --sides A,B"
                );
            }
            let sides = match args.sides.as_slice() {
                [] => None,
                [a, b] => Some((a, b)),
                other => anyhow::bail!(
                    "--sides takes two side codes, e.g. --sides USA,CHN (got {})",
                    other.len()
                ),
            };
            let (a, b) = select::two_statements(event, sides)?;
            Ok((SideInput::new(event, a), SideInput::new(event, b)))
        }
        [ea, eb] => {
            let side = args.side.as_ref().context(
                "comparing two events needs --side CODE: the side whose statements are compared",
            )?;
            let (sa, sb) = (
                select::only_statement(ea, side)?,
                select::only_statement(eb, side)?,
            );
            Ok((SideInput::new(ea, sa), SideInput::new(eb, sb)))
        }
        _ => unreachable!("clap allows one or two events"),
    }
}

/// The built-in framing lexicon plus any `--lexicon` files, ready to match.
pub(crate) fn lexicon_matcher(extra: &[PathBuf]) -> anyhow::Result<Matcher> {
    let mut lexicon = Lexicon::builtin();
    for path in extra {
        lexicon.merge(Lexicon::from_file(path)?);
    }
    Ok(lexicon.matcher())
}

/// The side with its framing phrases; negated hits ("not constructive") are
/// not framings of the statement and are left out.
fn framed<'a>(mut side: SideInput<'a>, matcher: &Matcher) -> SideInput<'a> {
    side.framings = matcher
        .find(&side.statement.text)
        .into_iter()
        .filter(|h| !h.negated)
        .map(|h| Framing::of(&h, side.statement))
        .collect();
    side
}

/// Who asked for the call, with the phrase and the statement that decided;
/// `None` for an event of a kind that has no initiator (a general debate).
fn initiator(event: &crate::corpus::Event, matcher: &Matcher) -> Option<diff::CallInitiator> {
    let found = lexicon::initiator(event, matcher);
    if found.status == lexicon::initiator::Status::NoInitiator {
        return None;
    }
    let deciding = found.deciding();
    Some(diff::CallInitiator {
        side: found.side.clone(),
        status: found.status,
        phrase: deciding.map(|e| e.shown.words()),
        statement_id: deciding.map(|e| e.statement.clone()),
        issued_by: deciding.map(|e| e.issued_by.clone()),
        sentence: deciding.map(|e| e.sentence.clone()),
    })
}

/// Writes the HTML diff of statements `sa` and `sb` of `event` to `out`
/// (used by `tone --with-diffs`, so the report's links lead somewhere).
pub(crate) fn write_html(
    corpus: &crate::corpus::Corpus,
    event: &crate::corpus::Event,
    (sa, sb): (&crate::corpus::Statement, &crate::corpus::Statement),
    matcher: &Matcher,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let left = framed(SideInput::new(event, sa), matcher);
    let right = framed(SideInput::new(event, sb), matcher);
    let mut weights = TermWeights::reference();
    let opts = DiffOptions {
        initiator: initiator(event, matcher),
        boilerplate: diff::boilerplate::for_statements(corpus, &[sa, sb]),
        ..DiffOptions::default()
    };
    let result = diff::diff(&mut weights, &left, &right, &opts);
    render::diff::html(out, &result)?;
    Ok(())
}

/// $COLUMNS when it is a number, else the terminal's width, else 100.
pub(crate) fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|&c: &usize| c > 0)
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .unwrap_or(DEFAULT_WIDTH)
        .clamp(MIN_WIDTH, MAX_WIDTH)
}
