//! Finding the pairs worth judging and choosing among them. Only statements
//! within the date window of each other are compared (a sorted scan, so the
//! work grows with the statements per day, not with the product of both
//! archives), on all cores; then the best pairs are taken greedily, each
//! statement once.

use super::evidence::{self, Evidence};
use super::{Candidate, Options};
use crate::corpus::officials::Officials;

/// A judged pair: index into the first group, into the second, and evidence.
pub(super) type Scored = (usize, usize, Evidence);

/// Every pair of `first` × `second` within the window, judged.
pub(super) fn scored_pairs(
    first: &[Candidate<'_>],
    second: &[Candidate<'_>],
    officials: &Officials,
    options: &Options,
) -> Vec<Scored> {
    // Two language versions of one statement name the same people, though not
    // within the same number of opening bytes: read names from the whole text.
    let whole = matches!(options.mode, super::Mode::Languages(..));
    let (fa, fb, vocab) = evidence::features([first, second], officials, whole);
    let mut by_day: Vec<(i64, usize)> = Vec::new();
    let mut undated: Vec<usize> = Vec::new();
    for (j, f) in fb.iter().enumerate() {
        match f.day() {
            Some(d) => by_day.push((d, j)),
            None => undated.push(j),
        }
    }
    by_day.sort_unstable();
    let window = options.window as i64;
    let indices: Vec<usize> = (0..first.len()).collect();
    let per_first = crate::par::map(&indices, 64, |&i| {
        let near: Vec<usize> = match fa[i].day() {
            Some(d) => {
                let from = by_day.partition_point(|&(day, _)| day < d - window);
                let to = by_day.partition_point(|&(day, _)| day <= d + window);
                by_day[from..to]
                    .iter()
                    .map(|&(_, j)| j)
                    .chain(undated.iter().copied())
                    .collect()
            }
            None => (0..second.len()).collect(),
        };
        let set = evidence::TermSet::of(&fa[i], &vocab);
        near.into_iter()
            .filter_map(|j| {
                let pair = (&first[i], &second[j]);
                let e = evidence::judge(pair, (&fa[i], &fb[j]), &set, &vocab, officials, options)?;
                Some((i, j, e))
            })
            .collect::<Vec<Scored>>()
    });
    per_first.into_iter().flatten().collect()
}

/// The best pairs at or above `floor`, best first, no statement used twice.
pub(super) fn assign(mut scored: Vec<Scored>, floor: f64) -> Vec<Scored> {
    scored.retain(|(_, _, e)| e.score >= floor);
    scored.sort_by(|x, y| {
        y.2.score
            .total_cmp(&x.2.score)
            .then((x.0, x.1).cmp(&(y.0, y.1)))
    });
    let mut used_first = std::collections::HashSet::new();
    let mut used_second = std::collections::HashSet::new();
    let mut out = Vec::new();
    for s in scored {
        if used_first.contains(&s.0) || used_second.contains(&s.1) {
            continue;
        }
        used_first.insert(s.0);
        used_second.insert(s.1);
        out.push(s);
    }
    out
}
