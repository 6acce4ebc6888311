//! Ranking counted terms by z-score and choosing what a report shows: the top
//! terms of each group and the points of the plot. A large comparison scores
//! millions of distinct phrases; only the few thousand shown are given
//! strings (their stems and surface form), and the top lists are picked by
//! partial selection instead of sorting everything.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use super::count::{Counted, Counts};
use super::surface;
use super::{log_odds, Options, Order, Point, Term, Which};

/// A scored term, before it has strings.
struct Scored<'k> {
    term: &'k Counted,
    delta: f64,
    z: f64,
}

impl Scored<'_> {
    fn ids(&self) -> &[u32] {
        &self.term.ids[..self.term.n]
    }

    fn uses(&self) -> u64 {
        self.term.tally[0] + self.term.tally[1]
    }
}

/// One order's ranking: where its scored terms start in the joint list,
/// how many were left unscored, and its top lists (joint indices).
struct Ranking {
    n: usize,
    unscored: usize,
    scored: std::ops::Range<usize>,
    top_a: Vec<usize>,
    top_b: Vec<usize>,
}

/// The orders (with their top lists) and the plot of a comparison.
pub(super) fn rank(counts: &Counts, options: &Options) -> (Vec<Order>, Vec<Point>) {
    let mut all: Vec<Scored> = Vec::new();
    let mut rankings = Vec::new();
    for n in 1..=options.max_n {
        let start = all.len();
        let unscored = score(counts, n, options, &mut all);
        let scored = start..all.len();
        let by_z_desc = |x: &usize, y: &usize| {
            let (x, y) = (&all[*x], &all[*y]);
            y.z.total_cmp(&x.z)
                .then_with(|| counts.cmp_stems(x.ids(), y.ids()))
        };
        let top_a = top(
            scored.clone().filter(|&i| all[i].z > 0.0),
            options.top,
            by_z_desc,
        );
        // Group b's list reads the same order backwards: smallest z first,
        // and among equal z the larger stems first.
        let top_b = top(
            scored.clone().filter(|&i| all[i].z < 0.0),
            options.top,
            |x, y| by_z_desc(y, x),
        );
        rankings.push(Ranking {
            n,
            unscored,
            scored,
            top_a,
            top_b,
        });
    }
    let listed: FxHashMap<usize, Which> = rankings
        .iter()
        .flat_map(|r| {
            let a = r.top_a.iter().map(|&i| (i, Which::A));
            a.chain(r.top_b.iter().map(|&i| (i, Which::B)))
        })
        .collect();
    let shown = plotted(counts, &all, &listed, options.plot_points);
    let wanted: Vec<_> = shown
        .iter()
        .map(|&i| (all[i].term.n, all[i].term.ids))
        .collect();
    let forms: FxHashMap<usize, String> = shown
        .iter()
        .copied()
        .zip(surface::surfaces(counts, &wanted))
        .collect();
    let term = |i: usize| {
        let s = &all[i];
        let [count_a, count_b, prior] = s.term.tally;
        Term {
            term: forms[&i].clone(),
            stems: counts.stems(s.ids()),
            n: s.term.n,
            count_a,
            count_b,
            prior,
            delta: s.delta,
            z: s.z,
        }
    };
    let orders = rankings
        .iter()
        .map(|r| {
            let [total_a, total_b, total_prior] = counts.totals[r.n - 1];
            Order {
                n: r.n,
                total_a,
                total_b,
                total_prior,
                scored: r.scored.len(),
                unscored: r.unscored,
                top_a: r.top_a.iter().map(|&i| term(i)).collect(),
                top_b: r.top_b.iter().map(|&i| term(i)).collect(),
            }
        })
        .collect();
    let plot = shown
        .iter()
        .map(|&i| Point {
            term: forms[&i].clone(),
            n: all[i].term.n,
            count: all[i].uses(),
            z: all[i].z,
            listed: listed.get(&i).copied(),
        })
        .collect();
    (orders, plot)
}

/// Scores every term of length `n` that meets `min_count` into `out`;
/// returns how many had no prior count and could not be scored.
fn score<'k>(counts: &'k Counts, n: usize, options: &Options, out: &mut Vec<Scored<'k>>) -> usize {
    let [n_a, n_b, alpha_0] = counts.totals[n - 1];
    let mut unscored = 0;
    for term in counts.terms.iter().filter(|c| c.n == n) {
        let [y_a, y_b, alpha_w] = term.tally;
        if y_a + y_b < options.min_count.max(1) {
            continue;
        }
        if alpha_w == 0 {
            unscored += 1;
            continue;
        }
        let s = log_odds(
            y_a as f64,
            n_a as f64,
            y_b as f64,
            n_b as f64,
            alpha_w as f64,
            alpha_0 as f64,
        );
        out.push(Scored {
            term,
            delta: s.delta,
            z: s.z,
        });
    }
    unscored
}

/// The first `k` of `candidates` in the order `cmp`, without sorting the rest.
fn top(
    candidates: impl Iterator<Item = usize>,
    k: usize,
    cmp: impl Fn(&usize, &usize) -> Ordering,
) -> Vec<usize> {
    let mut picked: Vec<usize> = candidates.collect();
    if picked.len() > k {
        picked.select_nth_unstable_by(k, &cmp);
        picked.truncate(k);
    }
    picked.sort_by(&cmp);
    picked
}

/// The plot's points (joint indices): every listed term and the `limit` most
/// frequent others, most frequent first (equal counts by stems).
fn plotted(
    counts: &Counts,
    all: &[Scored],
    listed: &FxHashMap<usize, Which>,
    limit: usize,
) -> Vec<usize> {
    let by_uses = |x: &usize, y: &usize| {
        let (x, y) = (&all[*x], &all[*y]);
        y.uses()
            .cmp(&x.uses())
            .then_with(|| counts.cmp_stems(x.ids(), y.ids()))
    };
    let others = (0..all.len()).filter(|i| !listed.contains_key(i));
    let mut shown = top(others, limit, by_uses);
    shown.extend(listed.keys());
    shown.sort_by(by_uses);
    shown
}
