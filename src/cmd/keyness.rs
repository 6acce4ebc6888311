//! `readouts keyness`: the words and phrases that set two groups of statements
//! apart (log-odds ratio with informative Dirichlet prior, z-scores).

use std::io::Write;

use anyhow::Context;

use super::filter::{self, FilterArgs};
use super::{GlobalArgs, Outcome};
use crate::analysis::keyness::{self as kw, Group, Options, Prior};
use crate::corpus::{Corpus, Date, Filter, Side};
use crate::render::keyness as render;
use crate::render::Painter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Side,
    Issuer,
    Period,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Count the journalists' questions of transcripts too (default: only the issuing side's turns)
    #[arg(long)]
    pub include_questions: bool,
    /// Compare by side, issuing office or period (or give --a/--b instead)
    #[arg(long, value_enum, value_name = "WHAT")]
    pub by: Option<By>,
    /// With --by side: the two sides (default: the two sides present)
    #[arg(long, value_delimiter = ',', num_args = 1, value_name = "A,B")]
    pub sides: Vec<Side>,
    /// With --by issuer: the two offices (default: the two present)
    #[arg(long, value_delimiter = ',', num_args = 1, value_name = "A,B")]
    pub issuers: Vec<String>,
    /// With --by period: statements before DATE against those from DATE on
    #[arg(long, value_name = "DATE")]
    pub split: Option<Date>,
    /// Group a: conditions (side=CHN,from=1990), a full-text query (hegemonism OR hegemony), or both (side=CHN,query=peace)
    ///
    /// Conditions are comma-separated key=value pairs, all of which must hold;
    /// keys: side, issuer, kind, from, to (repeat side/issuer/kind for "any of").
    /// `query=TEXT` comes last and takes the rest, commas included. Text that
    /// does not begin with a word and `=` is a full-text query (tantivy
    /// syntax, as in `search`), answered by the index.
    #[arg(
        long,
        value_name = "SELECTION",
        conflicts_with = "by",
        verbatim_doc_comment
    )]
    pub a: Option<String>,
    /// Group b, written like --a, or `rest` for every other statement (default: rest)
    #[arg(long, value_name = "SELECTION", requires = "a")]
    pub b: Option<String>,
    /// Prior: `groups` (the two groups pooled as selected, before --paired narrows them; default), `pooled` (the two groups as compared), `corpus` (every statement the filters select) or a selection written like --a
    #[arg(long, value_name = "PRIOR", default_value = "groups")]
    pub prior: String,
    /// Only events in which both groups have a statement
    #[arg(long)]
    pub paired: bool,
    /// Terms listed per group and per n-gram length (1 to 100,000)
    #[arg(long, default_value_t = 20, value_name = "N", value_parser = super::bounded(1, 100_000))]
    pub top: usize,
    /// Least number of uses (both groups together) for a term to be ranked (at least 1)
    #[arg(long, default_value_t = 3, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub min_count: u64,
    /// Longest phrase, in words (1 to 3)
    #[arg(long, default_value_t = 3, value_name = "N", value_parser = super::bounded(1, 3))]
    pub max_n: usize,
    /// With --format html: context lines per term and group (0 to 1,000)
    #[arg(long, default_value_t = 5, value_name = "N", value_parser = super::bounded(0, 1000))]
    pub lines: usize,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = KeynessFormat::Text)]
    pub format: KeynessFormat,
    #[command(flatten)]
    pub provenance: super::provenance::ProvenanceArg,
}

/// The outputs `keyness` has (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KeynessFormat {
    /// Plain text for the terminal
    Text,
    /// One JSON document
    Json,
    /// CSV: a header row and data rows (opens as is in pandas and R)
    Csv,
    /// A self-contained HTML page
    Html,
}

pub fn run(args: Args, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    args.provenance.check()?;
    let mut index = Queries::new(global);
    let base = index.base(&args.filter)?;
    let specs = Specs::read(&args, &mut index)?;
    let loaded = filter::source(global)?.load(&|m| {
        base.accepts_parts(m.kind, m.side, m.issuer, m.date, m.statement) && specs.wants(&args, m)
    })?;
    let corpus = &loaded.corpus.own_words_unless(args.include_questions);
    let (a, b) = groups(&args, corpus, &base, &specs)?;
    let prior = prior(&specs.prior, corpus, &base, (&a, &b), args.paired);
    let (a, b) = if args.paired {
        kw::paired(a, b)
    } else {
        (a, b)
    };
    let options = Options {
        top: args.top,
        min_count: args.min_count,
        max_n: args.max_n,
        ..Options::default()
    };
    let keyness = kw::compare(&a, &b, &prior, &options)?;
    if keyness.is_empty() {
        super::ui::note(format_args!(
            "no term is used {} or more by these groups; lower --min-count",
            if args.min_count == 1 {
                "once".to_string()
            } else {
                format!("{} times", args.min_count)
            }
        ));
        return Ok(Outcome::NothingFound);
    }
    match args.format {
        KeynessFormat::Json => render::json(out, &keyness)?,
        KeynessFormat::Csv => render::csv(out, &keyness)?,
        KeynessFormat::Html => {
            let listed: Vec<_> = keyness.listed().collect();
            let lines = kw::contexts(&a, &b, &listed, args.lines, 60);
            render::html_page(out, &keyness, &lines)?
        }
        KeynessFormat::Text => render::text(out, &keyness, Painter::new(global.color_stdout()))?,
    }
    let detail = serde_json::json!({
        "method": keyness.method,
        "a": keyness.a,
        "b": keyness.b,
        "prior": keyness.prior,
        "min_count": keyness.min_count,
    });
    args.provenance.write(global, &detail)?;
    Ok(Outcome::Success)
}

/// Answers the full-text queries of selections, opening the index once.
struct Queries<'g> {
    global: &'g GlobalArgs,
    index: Option<crate::index::Index>,
}

impl<'g> Queries<'g> {
    fn new(global: &'g GlobalArgs) -> Queries<'g> {
        Queries {
            global,
            index: None,
        }
    }

    /// The filters' conditions, narrowed to the matches of `--select`'s
    /// full-text query when it has one.
    fn base(&mut self, filter: &FilterArgs) -> anyhow::Result<crate::corpus::Filter> {
        let mut base = filter.to_filter()?;
        if let Some(query) = filter.select_query() {
            filter::narrow_to_query(self.index()?, query, &mut base)
                .with_context(|| format!("--select {query:?}"))?;
        }
        Ok(base)
    }

    /// The index, opened the first time a query needs it.
    fn index(&mut self) -> anyhow::Result<&crate::index::Index> {
        let index = match self.index.take() {
            Some(index) => index,
            None => filter::open_index(self.global)?,
        };
        Ok(self.index.insert(index))
    }

    /// Reads a selection and answers its query, if it has one (metadata
    /// conditions, however written, never reach the index).
    fn selection(&mut self, spec: &str, flag: &str) -> anyhow::Result<kw::Selection> {
        let mut selection = kw::parse_selection(spec).context(flag.to_string())?;
        if let Some(query) = &selection.query {
            filter::narrow_to_query(self.index()?, query, &mut selection.filter)
                .with_context(|| format!("{flag} {query:?}"))?;
        }
        Ok(selection)
    }
}

/// The prior as asked for.
enum PriorSpec {
    /// The two groups as selected, pooled (the default).
    Groups,
    /// The two groups as compared (after `--paired`).
    Pooled,
    /// Every statement the filters select.
    Corpus,
    Selection(kw::Selection),
}

/// The selections of `--a`, `--b` and `--prior`, answered, read before the
/// corpus so that only the statements they can take are loaded.
struct Specs {
    a: Option<kw::Selection>,
    /// `None`: the rest (every other statement the filters select).
    b: Option<kw::Selection>,
    prior: PriorSpec,
}

impl Specs {
    fn read(args: &Args, queries: &mut Queries<'_>) -> anyhow::Result<Specs> {
        let a = args
            .a
            .as_deref()
            .map(|a| queries.selection(a, "--a"))
            .transpose()?;
        let b = match args.b.as_deref() {
            None | Some("rest") => None,
            Some(b) => Some(queries.selection(b, "--b")?),
        };
        let prior = match args.prior.as_str() {
            "groups" => PriorSpec::Groups,
            "pooled" => PriorSpec::Pooled,
            "corpus" => PriorSpec::Corpus,
            spec => PriorSpec::Selection(queries.selection(spec, "--prior")?),
        };
        Ok(Specs { a, b, prior })
    }

    /// Whether a statement the filters select can be in a group or the prior.
    fn wants(&self, args: &Args, m: &crate::index::Meta<'_>) -> bool {
        let takes = |s: &kw::Selection| {
            s.answered()
                .is_ok_and(|f| f.accepts_parts(m.kind, m.side, m.issuer, m.date, m.statement))
        };
        let in_groups = match (&self.a, &self.b) {
            (Some(a), Some(b)) => takes(a) || takes(b),
            (Some(_), None) => true,
            (None, _) => match (args.by, args.sides.as_slice()) {
                (Some(By::Side), [x, y]) => m.side == x || m.side == y,
                _ => true,
            },
        };
        in_groups
            || match &self.prior {
                PriorSpec::Groups | PriorSpec::Pooled => false,
                PriorSpec::Corpus => true,
                PriorSpec::Selection(s) => takes(s),
            }
    }
}

fn groups<'c>(
    args: &Args,
    corpus: &'c Corpus,
    base: &Filter,
    specs: &Specs,
) -> anyhow::Result<(Group<'c>, Group<'c>)> {
    if let Some(sa) = &specs.a {
        return Ok(kw::by_selections(corpus, base, sa, specs.b.as_ref())?);
    }
    let pair = |v: &[String], flag: &str| -> anyhow::Result<Option<(String, String)>> {
        match v {
            [] => Ok(None),
            [x, y] => Ok(Some((x.clone(), y.clone()))),
            _ => anyhow::bail!("--{flag} takes exactly two values, A,B"),
        }
    };
    match args.by {
        Some(By::Side) => {
            let names: Vec<String> = args.sides.iter().map(|s| s.to_string()).collect();
            let sides =
                pair(&names, "sides")?.map(|_| (args.sides[0].clone(), args.sides[1].clone()));
            Ok(kw::by_side(corpus, base, sides)?)
        }
        Some(By::Issuer) => Ok(kw::by_issuer(
            corpus,
            base,
            pair(&args.issuers, "issuers")?,
        )?),
        Some(By::Period) => {
            let split = args
                .split
                .context("--by period needs --split DATE (before DATE against from DATE on)")?;
            Ok(kw::by_split(corpus, base, split))
        }
        None => anyhow::bail!(
            "say what to compare: --by side|issuer|period, or --a SELECTION [--b SELECTION]"
        ),
    }
}

/// The prior of `spec`; the default pools the two groups as selected, so the
/// same comparison gives the same answer however its groups are written.
fn prior<'c>(
    spec: &PriorSpec,
    corpus: &'c Corpus,
    base: &Filter,
    (a, b): (&Group<'c>, &Group<'c>),
    paired: bool,
) -> Prior<'c> {
    match spec {
        PriorSpec::Pooled => Prior::Pooled,
        PriorSpec::Groups => {
            let mut seen = rustc_hash::FxHashSet::default();
            let statements = a
                .statements
                .iter()
                .chain(&b.statements)
                .copied()
                .filter(|s| seen.insert(*s as *const _))
                .collect();
            let label = if paired {
                "the two groups pooled, before pairing"
            } else {
                "the two groups pooled"
            };
            Prior::Group(Group {
                label: label.to_string(),
                statements,
            })
        }
        PriorSpec::Corpus => Prior::Group(kw::select(
            corpus,
            base,
            &Filter::default(),
            "the selected corpus".into(),
        )),
        PriorSpec::Selection(s) => match s.answered() {
            Ok(f) => Prior::Group(kw::select(corpus, base, f, s.label())),
            Err(_) => Prior::Group(Group {
                label: s.label(),
                statements: Vec::new(),
            }),
        },
    }
}
