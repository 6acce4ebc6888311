//! `readouts phrases [EVENT...]`: tag statements with the framing lexicon and
//! show each hit with its sentence, who asked for each call, and a per-side
//! summary. Full-text `--query` selection is left to the index layer.

use std::io::Write;
use std::path::PathBuf;

use super::filter::SelectArgs;
use super::{GlobalArgs, Outcome};
use crate::analysis::lexicon::report::{
    lexicon_info, phrases, phrases_summary, statement_hits, LexiconInfo, PhrasesReport,
    SummaryParts,
};
use crate::analysis::lexicon::Lexicon;
use crate::corpus::{Corpus, Event, Statement};
use crate::render::phrases as render;
use crate::render::Painter;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Count the journalists' questions of transcripts too (default: only the issuing side's turns)
    #[arg(long)]
    pub include_questions: bool,
    /// Events to tag (default: every event of the corpus)
    #[arg(value_name = "EVENT")]
    pub events: Vec<String>,
    #[command(flatten)]
    pub select: SelectArgs,
    /// Add or override lexicon entries from FILE (same format as the built-in
    /// lexicon; repeat to apply several in order)
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Print only the per-side summary
    #[arg(long)]
    pub summary: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = PhrasesFormat::Text)]
    pub format: PhrasesFormat,
    #[command(flatten)]
    pub provenance: super::provenance::ProvenanceArg,
}

/// The outputs `phrases` has (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PhrasesFormat {
    /// Plain text for the terminal
    Text,
    /// One JSON document
    Json,
    /// CSV: a header row and data rows (opens as is in pandas and R)
    Csv,
    /// Markdown
    Md,
}

pub fn run(args: Args, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    args.provenance.check()?;
    let mut lexicon = Lexicon::builtin();
    for path in &args.lexicon {
        lexicon.merge(Lexicon::from_file(path)?);
    }
    let filter = args.select.resolve(global)?;
    let loaded = if filter.is_empty() && args.events.is_empty() {
        let mut source = super::filter::source(global)?;
        let streamed = args.summary || args.format == PhrasesFormat::Csv;
        match source.event_batches(crate::index::BATCH_BYTES) {
            Some(batches) if streamed && !batches.is_empty() => {
                return in_batches(&args, global, &lexicon, &mut source, &batches, out);
            }
            _ => source.into_loaded()?,
        }
    } else {
        selected(&args.events, &filter, global)?
    };
    super::ui::corpus_problems(loaded.error_count(), "tagging the valid part");
    let corpus = loaded.corpus.own_words_unless(args.include_questions);
    let selection = select(&corpus, &args, &filter)?;
    // The summary alone never builds the per-hit lists.
    let report = if args.summary {
        phrases_summary(&selection, &lexicon)
    } else {
        phrases(&selection, &lexicon)
    };
    render_report(out, &args, global, &report)?;
    finish(
        &args,
        global,
        &report.lexicon,
        selection.len(),
        report.hit_count(),
    )
}

fn render_report(
    out: &mut dyn Write,
    args: &Args,
    global: &GlobalArgs,
    report: &PhrasesReport,
) -> std::io::Result<()> {
    match args.format {
        PhrasesFormat::Json => render::json(out, report, args.summary),
        PhrasesFormat::Csv => render::csv(out, report, args.summary),
        PhrasesFormat::Md => render::md(out, report, args.summary),
        PhrasesFormat::Text => render::text(
            out,
            report,
            args.summary,
            Painter::new(global.color_stdout()),
        ),
    }
}

/// The whole corpus tagged batch by batch through the catalog (`--summary`
/// in every format, and the hits CSV): memory holds one batch of statements
/// and the running per-side totals, not the corpus; the CSV rows of each
/// batch are written before the next is read. The output is the one-pass
/// output (after an error in a later batch, the rows already written stay).
fn in_batches(
    args: &Args,
    global: &GlobalArgs,
    lexicon: &Lexicon,
    source: &mut crate::index::Source,
    batches: &[crate::index::Batch],
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let matcher = lexicon.matcher();
    let mut parts = SummaryParts::default();
    let (mut statements, mut hits) = (0, 0);
    if !args.summary {
        render::csv_header(out)?;
    }
    for (i, batch) in batches.iter().enumerate() {
        let loaded = source.load_batch(batch)?;
        if i == 0 {
            super::ui::corpus_problems(loaded.error_count(), "tagging the valid part");
        }
        let corpus = loaded.corpus.own_words_unless(args.include_questions);
        let selection: Vec<(&Event, &Statement)> = corpus.statements().collect();
        statements += selection.len();
        if args.summary {
            parts.add(&selection, &matcher);
        } else {
            let listed = statement_hits(&selection, &matcher);
            hits += listed.iter().map(|s| s.hits.len()).sum::<usize>();
            render::csv_hits(out, &listed)?;
        }
    }
    if args.summary {
        let report = parts.finish(lexicon);
        hits = report.hit_count();
        render_report(out, args, global, &report)?;
    }
    finish(args, global, &lexicon_info(lexicon), statements, hits)
}

/// The provenance sidecar and the exit status.
fn finish(
    args: &Args,
    global: &GlobalArgs,
    lexicon: &LexiconInfo,
    statements: usize,
    hits: usize,
) -> anyhow::Result<Outcome> {
    let detail = serde_json::json!({
        "lexicon": lexicon,
        "selected_statements": statements,
        "hits": hits,
    });
    args.provenance.write(global, &detail)?;
    Ok(if hits == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Success
    })
}

/// The events named, or those holding a statement the filters select,
/// whole (the initiator of a call is read from all its statements), through
/// the catalog beside the index; an event id not in the corpus gets the whole
/// corpus, so the error can suggest ids.
fn selected(
    events: &[String],
    filter: &crate::corpus::Filter,
    global: &GlobalArgs,
) -> anyhow::Result<crate::corpus::Loaded> {
    let mut source = super::filter::source(global)?;
    let chosen = if events.is_empty() {
        source.events_with(&|m| filter.accepts_parts(m.kind, m.side, m.issuer, m.date, m.statement))
    } else {
        events.iter().cloned().collect()
    };
    let loaded = source.load(&|m| chosen.contains(m.event))?;
    if events.iter().all(|e| loaded.corpus.event(e).is_some()) {
        Ok(loaded)
    } else {
        Ok(source.load(&|_| true)?)
    }
}

fn select<'c>(
    corpus: &'c Corpus,
    args: &Args,
    filter: &crate::corpus::Filter,
) -> anyhow::Result<Vec<(&'c Event, &'c Statement)>> {
    if args.events.is_empty() {
        return Ok(corpus
            .statements()
            .filter(|(e, s)| filter.accepts(e, s))
            .collect());
    }
    let mut out = Vec::new();
    for id in &args.events {
        let Some(event) = corpus.event(id) else {
            let close = corpus.similar_ids(id, 3);
            if close.is_empty() {
                anyhow::bail!("no event `{id}` in {}", corpus.root().display());
            }
            anyhow::bail!(
                "no event `{id}` in {}; did you mean {}?",
                corpus.root().display(),
                close.join(", ")
            );
        };
        out.extend(
            event
                .statements
                .iter()
                .filter(|s| filter.accepts(event, s))
                .map(|s| (event, s)),
        );
    }
    Ok(out)
}
