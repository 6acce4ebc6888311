//! Keyness: the words and phrases one group of statements uses markedly more
//! than another — China's side against the U.S. side, one decade against the
//! rest — ranked so that neither rare nor very common words dominate.
//!
//! # Method
//!
//! The statistic is the log-odds ratio with an informative Dirichlet prior of
//! Monroe, Colaresi and Quinn ("Fightin' Words: Lexical Feature Selection and
//! Evaluation for Identifying the Content of Political Conflict", *Political
//! Analysis* 16(4), 2008, pp. 372–403). In our words:
//!
//! For one term `w` (a stemmed word, two-word or three-word phrase), let
//! `y_a` and `y_b` be how often each group uses it and `n_a`, `n_b` how many
//! terms of that length each group has in all. The prior is a third body of
//! text (by default every statement under comparison, see [`Prior`]); its
//! count of `w` is the pseudo-count `α_w`, and its total of terms of that
//! length is `α_0`. Each group's smoothed log-odds of using `w` is
//!
//! ```text
//!     ℓ_g(w) = ln( (y_g + α_w) / (n_g + α_0 − y_g − α_w) )      for g = a, b
//! ```
//!
//! and the difference `δ(w) = ℓ_a(w) − ℓ_b(w)` says how much more the odds of
//! `w` are in group a than in group b. A term used only a few times gets a
//! difference pulled towards zero by the prior, and a very common word has a
//! small variance, so the difference is divided by its approximate standard
//! deviation:
//!
//! ```text
//!     Var δ(w) ≈ 1/(y_a + α_w) + 1/(y_b + α_w)        z(w) = δ(w) / √Var δ(w)
//! ```
//!
//! A large positive `z` marks a term of group a, a large negative one a term
//! of group b; |z| > 1.96 is the usual two-sided 5 % line. The prior is taken
//! at face value (`α_w` is the prior's raw count), so a larger prior shrinks
//! more. Unigrams, bigrams and trigrams are each their own vocabulary: a
//! bigram's `n` and `α_0` count bigram positions.
//!
//! # What a term is
//!
//! Words come from `text::words` and are compared by their Snowball stem
//! (`text::stem_word`), so "country" and "countries" are one term, shown in
//! its most frequent surface form. N-grams never span sentence punctuation
//! (`.`, `!`, `?`, `;`, `:`) or a blank line. A term is ranked only when its
//! first and last words are content words — not stop words (`text::is_stopword`)
//! and holding a letter — so "rule of law" is a term but "of the", "the rule"
//! and "law and" are not. Stop words still count in every total `n`.
//! A term the prior never uses has no `α_w`; it is left unranked and counted
//! in `unscored` (only possible with a `--prior` selection of other text).

mod context;
mod count;
mod grams;
mod rank;
mod select;
mod stream;
mod surface;

use serde::Serialize;

use crate::corpus::Statement;

pub use context::{contexts, Line, TermLines};
pub use select::{
    by_issuer, by_selections, by_side, by_split, describe, paired, parse_selection, select,
    SelectError, Selection,
};
pub use stream::MAX_N;

/// One side of a comparison: a label and a set of statements.
#[derive(Debug, Clone)]
pub struct Group<'c> {
    pub label: String,
    pub statements: Vec<&'c Statement>,
}

/// Where the prior counts come from.
#[derive(Debug, Clone)]
pub enum Prior<'c> {
    /// The two groups together.
    Pooled,
    /// Any set of statements (by default: the whole filtered corpus).
    Group(Group<'c>),
}

/// Tuning of one comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Options {
    /// Terms listed per group and per n-gram length.
    pub top: usize,
    /// Least number of uses (both groups together) for a term to be ranked.
    pub min_count: u64,
    /// Longest n-gram (1 to 3).
    pub max_n: usize,
    /// Most terms in the plot (the most frequent, plus every listed term).
    pub plot_points: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            top: 20,
            min_count: 3,
            max_n: MAX_N,
            plot_points: 1500,
        }
    }
}

/// The log-odds score of one term.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    pub delta: f64,
    pub variance: f64,
    pub z: f64,
}

/// The log-odds ratio with informative Dirichlet prior (see the module docs).
/// `alpha_w` must be positive.
pub fn log_odds(y_a: f64, n_a: f64, y_b: f64, n_b: f64, alpha_w: f64, alpha_0: f64) -> Score {
    let odds = |y: f64, n: f64| ((y + alpha_w) / (n + alpha_0 - y - alpha_w)).ln();
    let delta = odds(y_a, n_a) - odds(y_b, n_b);
    let variance = 1.0 / (y_a + alpha_w) + 1.0 / (y_b + alpha_w);
    Score {
        delta,
        variance,
        z: delta / variance.sqrt(),
    }
}

/// A group as the report describes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSummary {
    pub label: String,
    pub statements: usize,
    pub words: u64,
}

/// One ranked term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// Most frequent surface form, as written.
    pub term: String,
    /// The stems that define the term, space-separated.
    pub stems: String,
    pub n: usize,
    pub count_a: u64,
    pub count_b: u64,
    /// `α_w`: the term's count in the prior.
    pub prior: u64,
    pub delta: f64,
    pub z: f64,
}

/// Results for one n-gram length.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Order {
    pub n: usize,
    /// N-gram positions of this length in a, b and the prior (`n_a`, `n_b`, `α_0`).
    pub total_a: u64,
    pub total_b: u64,
    pub total_prior: u64,
    /// Terms that met `min_count` and were scored.
    pub scored: usize,
    /// Terms that met `min_count` but have no prior count.
    pub unscored: usize,
    /// Most distinctive of group a (largest z first), then of group b (smallest z first).
    pub top_a: Vec<Term>,
    pub top_b: Vec<Term>,
}

/// Which group a listed term belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Which {
    A,
    B,
}

/// One point of the z-score against frequency plot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub term: String,
    pub n: usize,
    /// Uses in both groups together.
    pub count: u64,
    pub z: f64,
    /// Set when the term is in a top list (and labelled in the plot).
    pub listed: Option<Which>,
}

/// A whole keyness comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyness {
    pub method: &'static str,
    pub a: GroupSummary,
    pub b: GroupSummary,
    pub prior: GroupSummary,
    pub min_count: u64,
    pub orders: Vec<Order>,
    pub plot: Vec<Point>,
}

impl Keyness {
    /// Whether no term at all was ranked.
    pub fn is_empty(&self) -> bool {
        self.orders
            .iter()
            .all(|o| o.top_a.is_empty() && o.top_b.is_empty())
    }

    /// Every listed term with its group, in report order.
    pub fn listed(&self) -> impl Iterator<Item = (Which, &Term)> {
        self.orders.iter().flat_map(|o| {
            o.top_a
                .iter()
                .map(|t| (Which::A, t))
                .chain(o.top_b.iter().map(|t| (Which::B, t)))
        })
    }
}

pub const METHOD: &str = "log-odds ratio with informative Dirichlet prior, z-scores (Monroe, Colaresi and Quinn 2008, Political Analysis 16(4))";

/// Why a comparison cannot run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeynessError {
    #[error("group `{0}` has no statements; widen its selection")]
    EmptyGroup(String),
    #[error("the prior `{0}` has no statements")]
    EmptyPrior(String),
    #[error("--max-n must be 1, 2 or 3 (got {0})")]
    MaxN(usize),
    #[error("group `{group}` mixes languages ({languages}); keyness compares one language: add query=language:CODE to its selection")]
    MixedLanguages { group: String, languages: String },
    #[error("cannot compare `{a}` ({a_language}) with `{b}` ({b_language}): words of different languages are not comparable; select one language in both (query=language:{a_language})")]
    Languages {
        a: String,
        a_language: String,
        b: String,
        b_language: String,
    },
}

/// The one language of a group's statements (`zh`, `en` …): Chinese and
/// English words never meet, so every term would be "key" for its language.
fn language_of(g: &Group<'_>) -> Result<String, KeynessError> {
    let mut languages: Vec<&str> = g.statements.iter().map(|s| s.language.as_str()).collect();
    languages.sort_unstable();
    languages.dedup();
    match languages.as_slice() {
        [one] => Ok(one.to_string()),
        _ => Err(KeynessError::MixedLanguages {
            group: g.label.clone(),
            languages: languages.join(", "),
        }),
    }
}

/// The language both groups are written in, or why they are refused.
fn same_language(a: &Group<'_>, b: &Group<'_>) -> Result<String, KeynessError> {
    let (a_language, b_language) = (language_of(a)?, language_of(b)?);
    if a_language != b_language {
        return Err(KeynessError::Languages {
            a: a.label.clone(),
            a_language,
            b: b.label.clone(),
            b_language,
        });
    }
    Ok(a_language)
}

/// The prior, counted over the statements of the groups' language only (a
/// corpus of Chinese and English conferences is a prior for either).
fn prior_in<'c>(prior: &Prior<'c>, language: &str) -> Prior<'c> {
    match prior {
        Prior::Pooled => Prior::Pooled,
        Prior::Group(g) => Prior::Group(Group {
            label: g.label.clone(),
            statements: g
                .statements
                .iter()
                .copied()
                .filter(|s| s.language == language)
                .collect(),
        }),
    }
}

/// Compares group `a` with group `b`.
pub fn compare(
    a: &Group<'_>,
    b: &Group<'_>,
    prior: &Prior<'_>,
    options: &Options,
) -> Result<Keyness, KeynessError> {
    for g in [a, b] {
        if g.statements.is_empty() {
            return Err(KeynessError::EmptyGroup(g.label.clone()));
        }
    }
    if !(1..=MAX_N).contains(&options.max_n) {
        return Err(KeynessError::MaxN(options.max_n));
    }
    let language = same_language(a, b)?;
    let prior = &prior_in(prior, &language);
    let prior_label = match prior {
        Prior::Pooled => format!("{} + {}", a.label, b.label),
        Prior::Group(g) if g.statements.is_empty() => {
            return Err(KeynessError::EmptyPrior(g.label.clone()))
        }
        Prior::Group(g) => g.label.clone(),
    };
    let counts = count::count(
        &memberships(a, b, prior),
        options.min_count.max(1),
        options.max_n,
    );
    let summary = |g: usize, label: String| GroupSummary {
        label,
        statements: counts.statements[g],
        words: counts.totals[0][g],
    };
    let (orders, plot) = rank::rank(&counts, options);
    let keyness = Keyness {
        method: METHOD,
        a: summary(0, a.label.clone()),
        b: summary(1, b.label.clone()),
        prior: summary(2, prior_label),
        min_count: options.min_count,
        orders,
        plot,
    };
    Ok(keyness)
}

/// Each statement once, with the groups it belongs to, in first-seen order.
fn memberships<'c>(a: &Group<'c>, b: &Group<'c>, prior: &Prior<'c>) -> Vec<(&'c Statement, u8)> {
    let mut index: rustc_hash::FxHashMap<*const Statement, usize> = Default::default();
    let mut out: Vec<(&Statement, u8)> = Vec::new();
    let mut mark = |s: &'c Statement, bits: u8| {
        let i = *index.entry(s as *const Statement).or_insert_with(|| {
            out.push((s, 0));
            out.len() - 1
        });
        out[i].1 |= bits;
    };
    let pooled = matches!(prior, Prior::Pooled);
    let with_prior = if pooled { 0b100 } else { 0 };
    a.statements
        .iter()
        .for_each(|s| mark(s, 0b001 | with_prior));
    b.statements
        .iter()
        .for_each(|s| mark(s, 0b010 | with_prior));
    if let Prior::Group(g) = prior {
        g.statements.iter().for_each(|s| mark(s, 0b100));
    }
    out
}

#[cfg(test)]
mod tests;
