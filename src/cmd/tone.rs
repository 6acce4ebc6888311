//! `readouts tone`: tone scores over the corpus or a selection, grouped with
//! `--by`, with per-event framing gaps, in text, CSV, JSON, Markdown or a
//! self-contained HTML report. This module parses the arguments, adapts the
//! framing lexicon's hits into the tone analysis's own input, and hands the
//! report to a renderer.

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::{bail, Context};

use super::filter::SelectArgs;
use super::{ui, GlobalArgs, Outcome};
use crate::analysis::lexicon::{self, Lexicon};
use crate::analysis::tone::run::{event_metas, provenance, score_corpus, Tagged, Tagger};
use crate::analysis::tone::{self, Dim, Initiator, ToneOptions, TonedHit};
use crate::corpus::{Event, Side, Statement};
use crate::render::tone::{self as render, Rows};
use crate::render::Painter;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Count the journalists' questions of transcripts too (default: only the issuing side's turns)
    #[arg(long)]
    pub include_questions: bool,
    #[command(flatten)]
    pub select: SelectArgs,
    /// Group by one or more of: side, issuer, year, quarter, month, event (comma-separated)
    #[arg(long, value_delimiter = ',', default_value = "side", value_parser = parse_dim, value_name = "DIM")]
    pub by: Vec<Dim>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ToneFormat::Text)]
    pub format: ToneFormat,
    /// Framing gap between two sides: A's tone minus B's on the same event (e.g. USA,CHN);
    /// default: the two sides when the selection has exactly two
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    pub gap: Vec<Side>,
    /// List every hit behind every score (phrase, category, weight, offsets, sentence)
    #[arg(long)]
    pub explain: bool,
    /// CSV rows: groups, events (each side's tone and the gap) or hits (default: hits with --explain, else groups)
    #[arg(long, value_enum, value_name = "ROWS")]
    pub rows: Option<RowsArg>,
    /// HTML: link the largest-gap events to DIR/EVENT.html (side-by-side diffs generated alongside)
    #[arg(long, value_name = "DIR")]
    pub with_diffs: Option<PathBuf>,
    /// Add or override lexicon entries from this file
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Sides drawn in the HTML tone-over-time chart (the --gap sides first, then the largest)
    #[arg(long, default_value_t = 8, value_name = "N", value_parser = super::bounded(1, 1000))]
    pub chart_sides: usize,
    #[command(flatten)]
    pub provenance: super::provenance::ProvenanceArg,
}

/// The `--provenance` sidecar of `tone`: the report's own provenance and formula.
#[derive(serde::Serialize)]
struct ToneSidecar<'a> {
    tool: &'static str,
    #[serde(flatten)]
    provenance: &'a tone::Provenance,
    formula: &'a str,
}

/// The outputs `tone` has (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ToneFormat {
    /// Plain text for the terminal
    Text,
    /// One JSON document
    Json,
    /// CSV: a header row and data rows (opens as is in pandas and R)
    Csv,
    /// Markdown
    Md,
    /// A self-contained HTML page
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RowsArg {
    Groups,
    Events,
    Hits,
}

fn parse_dim(raw: &str) -> Result<Dim, String> {
    Dim::parse(raw).ok_or_else(|| {
        format!("`{raw}` is not a grouping; use side, issuer, year, quarter, month or event")
    })
}

type InitiatorFn = dyn Fn(&Event) -> Option<Initiator>;

impl Args {
    /// Whether the report lists hits (`--explain`, `--rows hits`): only then
    /// are the scores' hits kept, and their sentences copied out.
    fn lists_hits(&self) -> bool {
        self.explain || matches!(self.rows, Some(RowsArg::Hits))
    }
}

/// The framing lexicon as tone uses it: a tagger, who-asked-for-the-call, and a fingerprint.
struct Tagging {
    fingerprint: String,
    /// What `tag` keeps for `initiator`, cleared once a part's events have
    /// their initiator (a part holds its events whole).
    initiative: Arc<Mutex<InitiativeHits>>,
    tag: Box<Tagger<'static>>,
    initiator: Box<InitiatorFn>,
}

pub fn run(args: Args, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    args.provenance.check()?;
    if !args.gap.is_empty() && args.gap.len() != 2 {
        bail!("--gap takes two sides, e.g. --gap USA,CHN");
    }
    let list_hits = args.lists_hits();
    let tagging = tagging(args.lexicon.as_deref(), list_hits)?;
    let filter = args.select.resolve(global)?;
    let bar = ui::Bar::new("scoring {bar:40} {pos}/{len} statements ({eta} left)", 500);
    let mut source = super::filter::source(global)?;
    // The diff pages need the whole corpus at the end; otherwise the corpus
    // is read and scored batch by batch.
    let batches = source
        .event_batches(crate::index::BATCH_BYTES)
        .filter(|b| !b.is_empty() && args.with_diffs.is_none());
    let (scored, corpus) = match batches {
        Some(batches) => (
            in_batches(&mut source, &batches, &args, &filter, &tagging, &bar)?,
            None,
        ),
        None => {
            let loaded = source.into_loaded()?;
            ui::corpus_problems(loaded.error_count(), "scoring the valid part");
            let corpus = loaded.corpus.own_words_unless(args.include_questions);
            let scored = score_part(
                &corpus,
                &filter,
                &tagging,
                &bar,
                list_hits,
                Default::default(),
            );
            (scored, Some(corpus))
        }
    };
    let Scored {
        scores,
        metas,
        summary,
        phrases,
    } = scored;
    let gap = match args.gap.as_slice() {
        [a, b] => Some((a.clone(), b.clone())),
        _ => two_sides(&scores),
    };
    let options = ToneOptions {
        by: args.by.clone(),
        gap,
        explain: args.explain,
        max_sides: args.chart_sides,
        diffs_dir: args.with_diffs.as_deref().map(super::links::link_dir),
        ..ToneOptions::default()
    };
    let prov = provenance(
        &global.corpus,
        &summary,
        &scores,
        metas.len(),
        tagging.fingerprint,
        super::provenance::command_line(),
    );
    let nothing = scores.is_empty();
    let report = tone::build_tallied(scores, &phrases, &metas, &options, prov);
    let rows = match args.rows {
        Some(RowsArg::Groups) => Rows::Groups,
        Some(RowsArg::Events) => Rows::Events,
        Some(RowsArg::Hits) => Rows::Hits,
        None if args.explain => Rows::Hits,
        None => Rows::Groups,
    };
    match args.format {
        ToneFormat::Text => {
            render::text::render(out, &report, Painter::new(global.color_stdout()))?
        }
        ToneFormat::Json => render::json::render(out, &report)?,
        ToneFormat::Csv => render::csv::render(out, &report, rows)?,
        ToneFormat::Md => render::md::render(out, &report)?,
        ToneFormat::Html => render::html::render(out, &report)?,
    }
    args.provenance.write_value(&ToneSidecar {
        tool: "readouts",
        provenance: &report.provenance,
        formula: report.formula,
    })?;
    // The pages come after the report: one page that cannot be written
    // never costs the report itself.
    if let (Some(dir), Some(pair), Some(corpus)) = (&args.with_diffs, &options.gap, &corpus) {
        out.flush()?;
        write_diffs(corpus, &report, pair, &args.lexicon, dir)?;
    }
    if nothing {
        ui::note("no statement matches the filters");
        return Ok(Outcome::NothingFound);
    }
    Ok(Outcome::Success)
}

/// What scoring a corpus (or some of its parts) gives.
struct Scored {
    scores: Vec<tone::StatementScore>,
    metas: Vec<tone::EventMeta>,
    summary: crate::corpus::Summary,
    phrases: tone::PhraseTallies,
}

/// Scores the statements of `corpus` that `filter` accepts, tallies their
/// phrases into `phrases` (those of the parts before), and finds the
/// initiator of the events with an initiative hit (only they are matched
/// again). Without `keep_hits` each statement's hits
/// are dropped once tallied: the report lists them only when asked to.
fn score_part(
    corpus: &crate::corpus::Corpus,
    filter: &crate::corpus::Filter,
    tagging: &Tagging,
    progress: &dyn crate::progress::Progress,
    keep_hits: bool,
    mut phrases: tone::PhraseTallies,
) -> Scored {
    let mut scores = score_corpus(corpus, filter, &*tagging.tag, progress);
    for s in &scores {
        phrases.add(s);
    }
    let asked: std::collections::HashSet<&str> = scores
        .iter()
        .filter(|s| s.tallies.initiative.hits > 0)
        .map(|s| s.event_id.as_str())
        .collect();
    let metas = event_metas(corpus, &scores, &|e| {
        asked
            .contains(e.id.as_str())
            .then(|| (tagging.initiator)(e))
            .flatten()
    });
    if let Ok(mut kept) = tagging.initiative.lock() {
        kept.clear();
    }
    if !keep_hits {
        for s in &mut scores {
            s.hits = Vec::new();
        }
    }
    Scored {
        scores,
        metas,
        summary: corpus.summary(),
        phrases,
    }
}

/// The whole corpus scored batch by batch through the catalog: memory holds
/// one batch of statements and the scores, not the corpus. The scores,
/// events and summary are those of one pass (the batches are consecutive
/// events in corpus order).
fn in_batches(
    source: &mut crate::index::Source,
    batches: &[crate::index::Batch],
    args: &Args,
    filter: &crate::corpus::Filter,
    tagging: &Tagging,
    bar: &ui::Bar,
) -> anyhow::Result<Scored> {
    use crate::progress::Progress;
    let keep_hits = args.lists_hits();
    bar.start(batches.iter().map(|b| b.statements as u64).sum());
    let mut all: Option<Scored> = None;
    for (i, batch) in batches.iter().enumerate() {
        let loaded = source.load_batch(batch)?;
        if i == 0 {
            ui::corpus_problems(loaded.error_count(), "scoring the valid part");
        }
        let corpus = loaded.corpus.own_words_unless(args.include_questions);
        // One tally over all parts, so its sums are added in corpus order.
        let phrases = all.as_mut().map(|a| std::mem::take(&mut a.phrases));
        let progress = crate::progress::Part(bar);
        let part = score_part(
            &corpus,
            filter,
            tagging,
            &progress,
            keep_hits,
            phrases.unwrap_or_default(),
        );
        all = Some(match all {
            None => part,
            Some(mut so_far) => {
                so_far.scores.extend(part.scores);
                so_far.metas.extend(part.metas);
                so_far.summary = so_far.summary.and(part.summary);
                so_far.phrases = part.phrases;
                so_far
            }
        });
    }
    bar.finish();
    Ok(all.expect("batches are not empty"))
}

/// Writes `DIR/<page>`, the side-by-side diff of each largest-gap event the
/// HTML report links to (page names from [`render::html::diff_page_name`]).
/// Each page is written to an exclusive temporary file in DIR and renamed
/// over its name only when complete, so a killed run or a full disk never
/// leaves a truncated page, and a link planted at a page's name is replaced,
/// never written through. An event where a side has several statements gets
/// one page per pairing ([`event_pages`]). A page that fails is said and the others are
/// still written; the error at the end counts the failures.
fn write_diffs(
    corpus: &crate::corpus::Corpus,
    report: &tone::ToneReport,
    sides: &(Side, Side),
    lexicon: &Option<PathBuf>,
    dir: &std::path::Path,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let extra: Vec<PathBuf> = lexicon.iter().cloned().collect();
    let matcher = super::diff::lexicon_matcher(&extra)?;
    let (mut failed, mut pages) = (0, 0);
    for &i in &report.largest_gaps {
        let id = &report.events[i].id;
        let Some(event) = corpus.event(id) else {
            continue;
        };
        for (path, page) in event_pages(dir, event, sides) {
            pages += 1;
            let written = write_page(&path, |out| match &page {
                Page::Diff(sa, sb) => {
                    super::diff::write_html(corpus, event, (sa, sb), &matcher, out)
                }
                Page::Choices(links) => Ok(crate::render::diff::choices_html(out, event, links)?),
            });
            if let Err(e) = written {
                ui::note(format_args!("cannot write {}: {e:#}", path.display()));
                failed += 1;
            }
        }
    }
    if failed > 0 {
        bail!(
            "{failed} of {pages} diff page(s) could not be written into {} (the report itself was written)",
            dir.display()
        );
    }
    Ok(())
}

/// A page of the `--with-diffs` folder.
enum Page<'e> {
    /// The side-by-side diff of two statements.
    Diff(&'e Statement, &'e Statement),
    /// The event's page when a side has several statements: one link per
    /// pairing, each to its own diff page (no statement is picked silently).
    Choices(Vec<crate::render::diff::Choice<'e>>),
}

/// The pages one event needs: its diff page (named as the report links it)
/// when each side has one statement, else that name as a page of choices
/// plus `<name>--N.html` for each pairing of the two sides' statements.
fn event_pages<'e>(
    dir: &std::path::Path,
    event: &'e crate::corpus::Event,
    (a, b): &(Side, Side),
) -> Vec<(PathBuf, Page<'e>)> {
    let of = |side: &Side| -> Vec<&'e Statement> {
        event
            .statements
            .iter()
            .filter(|s| &s.side == side)
            .collect()
    };
    let (left, right) = (of(a), of(b));
    let name = render::html::diff_page_name(&event.id);
    if let ([sa], [sb]) = (left.as_slice(), right.as_slice()) {
        return vec![(dir.join(&name), Page::Diff(sa, sb))];
    }
    let stem = name.trim_end_matches(".html");
    let mut pages = Vec::new();
    let mut links = Vec::new();
    for sa in &left {
        for sb in &right {
            let file = format!("{stem}--{}.html", links.len() + 1);
            links.push(crate::render::diff::Choice {
                file: file.clone(),
                left: sa,
                right: sb,
            });
            pages.push((dir.join(file), Page::Diff(sa, sb)));
        }
    }
    pages.insert(0, (dir.join(name), Page::Choices(links)));
    pages
}

/// Writes a page through an exclusive temporary file beside `path`, renamed
/// over `path` once flushed and synced.
fn write_page(
    path: &std::path::Path,
    render: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    let tmp = tempfile::Builder::new()
        .prefix(".readouts-page-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    // Written through the plain file, so an error names the page, not the temporary.
    let mut out = std::io::BufWriter::new(tmp.as_file());
    render(&mut out)?;
    out.into_inner().map_err(|e| e.into_error())?;
    // Pages are for reading by others, like any file the user writes.
    tmp.as_file()
        .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The two sides (alphabetical) when the selection has exactly two.
fn two_sides(scores: &[tone::StatementScore]) -> Option<(Side, Side)> {
    let sides: std::collections::BTreeSet<&Side> = scores.iter().map(|s| &s.side).collect();
    let mut it = sides.into_iter();
    match (it.next(), it.next(), it.next()) {
        (Some(a), Some(b), None) => Some((a.clone(), b.clone())),
        _ => None,
    }
}

/// The built-in lexicon, plus `--lexicon FILE` entries, adapted to tone's input.
/// With `sentences` false, hits carry no sentence text (only `--explain` lists them).
fn tagging(extra: Option<&std::path::Path>, sentences: bool) -> anyhow::Result<Tagging> {
    let mut lexicon = Lexicon::builtin();
    if let Some(path) = extra {
        lexicon.merge(Lexicon::from_file(path).context("cannot read the lexicon")?);
    }
    let fingerprint = format!("{} (version {})", lexicon.fingerprint(), lexicon.version);
    let matcher = Arc::new(lexicon.matcher());
    let m = Arc::clone(&matcher);
    // The initiative hits of each tagged statement, kept so that who asked
    // for a call is read from the same pass instead of tagging again.
    let initiative: Arc<Mutex<InitiativeHits>> = Arc::default();
    let kept = Arc::clone(&initiative);
    Ok(Tagging {
        fingerprint,
        initiative: Arc::clone(&initiative),
        tag: Box::new(move |_, s| {
            let (hits, words) = m.find_counted(&s.text);
            let asked: Vec<lexicon::Hit> = hits
                .iter()
                .filter(|h| h.category == lexicon::Category::Initiative)
                .cloned()
                .collect();
            if let Ok(mut kept) = kept.lock() {
                kept.insert(s.id.clone(), asked);
            }
            Tagged {
                hits: toned_hits(s, hits, sentences),
                words,
            }
        }),
        initiator: Box::new(move |e| initiator_of(e, &matcher, &initiative)),
    })
}

/// Statement id → its initiative hits, for every statement tone tagged.
type InitiativeHits = std::collections::HashMap<String, Vec<lexicon::Hit>>;

/// Tone's own input from lexicon hits. With `sentences`, each sentence that
/// holds a hit is copied out once and shared by all of its hits (hits come in
/// text order, so the hits of one sentence are neighbours).
pub fn toned_hits(st: &Statement, hits: Vec<lexicon::Hit>, sentences: bool) -> Vec<TonedHit> {
    let text = st.text.as_str();
    let empty: Arc<str> = Arc::from("");
    let mut last: Option<(crate::text::segment::Sentence, Arc<str>)> = None;
    hits.into_iter()
        .map(|h| {
            let sentence = match (&last, sentences) {
                (_, false) => Arc::clone(&empty),
                (Some((at, shared)), true) if *at == h.sentence => Arc::clone(shared),
                (_, true) => {
                    let shared: Arc<str> = Arc::from(h.sentence.text(text));
                    last = Some((h.sentence, Arc::clone(&shared)));
                    shared
                }
            };
            TonedHit {
                shown: lexicon::ShownHit::of(&h, st),
                weight: f64::from(h.weight),
                grade: h.grade,
                negated: h.negated,
                sentence,
            }
        })
        .collect()
}

/// Who asked for the call; `None` when no statement has evidence.
/// Statements outside the selection are tagged here; the others were tagged once already.
fn initiator_of(
    event: &Event,
    matcher: &lexicon::Matcher,
    tagged: &Mutex<InitiativeHits>,
) -> Option<Initiator> {
    let tagged = tagged.lock().ok()?;
    let hits: Vec<(
        &crate::corpus::Statement,
        std::borrow::Cow<'_, [lexicon::Hit]>,
    )> = event
        .statements
        .iter()
        .map(|s| match tagged.get(&s.id) {
            Some(h) => (s, std::borrow::Cow::Borrowed(h.as_slice())),
            None => (s, std::borrow::Cow::Owned(matcher.find(&s.text))),
        })
        .collect();
    let view: Vec<_> = hits.iter().map(|(s, h)| (*s, h.as_ref())).collect();
    let found = lexicon::initiator_from_hits(event, matcher, &view);
    if found.evidence.is_empty() {
        return None;
    }
    Some(Initiator {
        evidence: found.deciding().map(|e| e.sentence.clone()),
        side: found.side,
    })
}
