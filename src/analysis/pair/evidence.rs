//! The evidence for one proposed pair and the score it adds up to. Each
//! statement is read once into `Features` (its day, the officials its title and
//! opening name, its rare words and numbers); a pair is then judged from the
//! two feature sets alone, which keeps 2,000 × 2,000 statements fast.

use std::collections::HashMap;

use serde::Serialize;

use super::{Candidate, Mode};
use crate::corpus::officials::Officials;
use crate::corpus::Date;

/// How much each part of the evidence weighs in the score (they sum to 1).
const W_DATE: f64 = 0.25;
const W_PEOPLE: f64 = 0.35;
const W_KIND: f64 = 0.10;
const W_CONTENT: f64 = 0.30;
/// What is left of the people score when each statement of one archive is
/// led by a different one of its officials.
const OTHER_PRINCIPAL: f64 = 0.25;
/// How much of a statement's opening is read for the people it names.
const OPENING_BYTES: usize = 600;

/// Why two statements were proposed as one event.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// Days from the first statement's date to the second's; `None` when a
    /// date is known only to the month or year.
    pub date_gap_days: Option<i64>,
    /// Officials both statements name in their titles or openings.
    pub counterparts: Vec<String>,
    /// Officials only one of the two names (in one archive: also its own
    /// officials when each statement is led by a different one).
    pub named_in_one: Vec<String>,
    /// The names (folded, stemmed) both titles give, read from the titles
    /// when the table of officials knows no counterpart of one of the two.
    pub title_names: Vec<String>,
    pub kinds: [String; 2],
    /// The rarest words and numbers the two share (or numbers, across languages).
    pub shared: Vec<String>,
    pub date_score: f64,
    pub people_score: f64,
    pub kind_score: f64,
    pub content_score: f64,
    #[serde(skip)]
    pub score: f64,
}

/// What one statement offers as evidence.
pub(super) struct Features {
    day: Option<i64>,
    people: Vec<usize>,
    /// The proper names of the title, less the side's own officials, and
    /// the words of the opening.
    names: super::names::Names,
    /// Whether it reports a call or a meeting, when it says.
    occasion: Option<&'static str>,
    /// Interned word stems and numbers, sorted, each once.
    terms: Vec<u32>,
    /// The summed rarity of `terms`, and of its numbers alone (what two
    /// languages can share), so a pair needs only the terms both hold.
    weight: [f64; 2],
}

/// Words and numbers interned across all candidates, with their rarity.
pub(super) struct Vocabulary {
    /// Where each term's text is: the statement whose terms hold it first
    /// (an index into `texts`), and the range of its text there.
    spans: Vec<(u32, std::ops::Range<u32>)>,
    texts: Vec<String>,
    idf: Vec<f64>,
    number: Vec<bool>,
}

impl Vocabulary {
    fn name(&self, t: u32) -> &str {
        let (s, r) = &self.spans[t as usize];
        &self.texts[*s as usize][r.start as usize..r.end as usize]
    }
}

/// A statement's distinct terms, read on all cores: their texts end to end in
/// one string, and each term's 64-bit FNV-1a hash and place there, sorted by
/// hash, so that interning is one map lookup of a number per term (two
/// different terms with one hash, about one chance in 10^9 for a vocabulary
/// of 200,000, would count as one).
struct HashedTerms {
    text: String,
    terms: Vec<(u64, std::ops::Range<u32>)>,
}

impl HashedTerms {
    fn of(text: &str) -> HashedTerms {
        let mut out = HashedTerms {
            text: String::new(),
            terms: Vec::new(),
        };
        terms_of(text, |t: &str| {
            let start = out.text.len() as u32;
            out.text.push_str(t);
            let range = start..out.text.len() as u32;
            out.terms.push((crate::hash::fnv1a(t.as_bytes()), range));
        });
        out.terms.sort_unstable_by_key(|(h, _)| *h);
        out.terms.dedup_by_key(|(h, _)| *h);
        out
    }
}

/// Reads the features of every candidate of both groups.
pub(super) fn features(
    groups: [&[Candidate<'_>]; 2],
    officials: &Officials,
    whole_text: bool,
) -> (Vec<Features>, Vec<Features>, Vocabulary) {
    // Each statement is read on all cores; only interning its terms is one
    // pass (it numbers them in a stable order).
    let mut own_forms: HashMap<&str, Vec<String>> = HashMap::new();
    for c in groups.iter().flat_map(|g| g.iter()) {
        let side = c.statement.side.as_str();
        if !own_forms.contains_key(side) {
            own_forms.insert(side, own_names(officials, side));
        }
    }
    let read = |c: &Candidate<'_>| {
        let s = c.statement;
        let own = &own_forms[s.side.as_str()];
        let lead = format!("{}\n{}", s.title, head(&s.text, OPENING_BYTES));
        let title_names = super::names::Names::of(&s.title, &lead, own);
        let opening = if whole_text {
            format!("{}\n{}", s.title, s.text)
        } else {
            lead
        };
        let features = Features {
            day: day_number(&s.date),
            people: officials.named_in(&opening),
            names: title_names,
            occasion: occasion(c),
            terms: Vec::new(),
            weight: [0.0; 2],
        };
        (features, HashedTerms::of(&s.text))
    };
    type ByHash = HashMap<u64, u32, std::hash::BuildHasherDefault<crate::hash::Fnv>>;
    let mut ids = ByHash::default();
    let (mut spans, mut texts, mut number) = (Vec::new(), Vec::new(), Vec::new());
    let mut df: Vec<u32> = Vec::new();
    let mut intern = |(mut f, words): (Features, HashedTerms)| {
        let at = texts.len() as u32;
        f.terms = words
            .terms
            .into_iter()
            .map(|(h, range)| {
                let id = *ids.entry(h).or_insert_with(|| {
                    number.push(words.text.as_bytes()[range.start as usize] == b'#');
                    spans.push((at, range));
                    df.push(0);
                    (spans.len() - 1) as u32
                });
                df[id as usize] += 1;
                id
            })
            .collect();
        texts.push(words.text);
        f.terms.sort_unstable();
        f
    };
    let mut first: Vec<Features> = crate::par::map(groups[0], 64, read)
        .into_iter()
        .map(&mut intern)
        .collect();
    let mut second: Vec<Features> = crate::par::map(groups[1], 64, read)
        .into_iter()
        .map(&mut intern)
        .collect();
    let n = (first.len() + second.len()).max(1) as f64;
    let idf: Vec<f64> = df
        .iter()
        .map(|&d| (n / d.max(1) as f64).ln().max(0.0))
        .collect();
    for f in first.iter_mut().chain(&mut second) {
        for &t in &f.terms {
            f.weight[0] += idf[t as usize];
            if number[t as usize] {
                f.weight[1] += idf[t as usize];
            }
        }
    }
    let vocab = Vocabulary {
        spans,
        texts,
        idf,
        number,
    };
    (first, second, vocab)
}

/// The folded words of every name form of the officials of `side`.
fn own_names(officials: &Officials, side: &str) -> Vec<String> {
    let forms: Vec<String> = officials
        .people()
        .iter()
        .filter(|p| p.side.as_str() == side)
        .flat_map(|p| p.names.iter().cloned())
        .collect();
    super::names::own_words(&forms)
}

/// The words (stemmed, stop words left out) and numbers of a text, each
/// given to `out`. Across languages only numbers are comparable, so they are
/// marked `#`.
fn terms_of(text: &str, mut out: impl FnMut(&str)) {
    let mut number = String::new();
    let mut push_number = |digits: &str, out: &mut dyn FnMut(&str)| {
        number.clear();
        number.push('#');
        number.push_str(digits.trim_start_matches('0'));
        out(&number);
    };
    for w in crate::text::words(text) {
        if w.text.bytes().all(|b| b.is_ascii_digit()) {
            if w.text.len() >= 2 {
                push_number(w.text, &mut out);
            }
            continue;
        }
        let norm = crate::text::normalise(w.text);
        if norm.chars().count() < 3 || crate::text::is_stopword(&norm) {
            continue;
        }
        out(&crate::text::stem(&norm));
    }
    // Chinese text is not split into words by UAX #29 runs of digits inside
    // characters (2023年5月), so its numbers are read directly as well.
    let mut digits = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if !digits.is_empty() {
            if digits.len() >= 2 {
                push_number(&digits, &mut out);
            }
            digits.clear();
        }
    }
}

fn head(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Days since 1970-01-01 of an exact date (the civil-from-days inverse).
pub(super) fn day_number(date: &Date) -> Option<i64> {
    let (y, m, d) = (date.year as i64, date.month? as i64, date.day? as i64);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

impl Features {
    pub(super) fn day(&self) -> Option<i64> {
        self.day
    }
}

/// The terms of one statement as a bit per term of the vocabulary: built
/// once for each statement of the first group, it answers "does it hold this
/// term" for every statement it is compared with in one step, where walking
/// two sorted lists side by side mispredicts a branch at every other term.
pub(super) struct TermSet(Vec<u64>);

impl TermSet {
    pub(super) fn of(f: &Features, vocab: &Vocabulary) -> TermSet {
        let mut bits = vec![0u64; vocab.idf.len().div_ceil(64)];
        for &t in &f.terms {
            bits[t as usize / 64] |= 1 << (t % 64);
        }
        TermSet(bits)
    }

    fn has(&self, t: u32) -> bool {
        self.0[t as usize / 64] & (1 << (t % 64)) != 0
    }
}

/// The evidence for `a` (first group) and `b` (second), or `None` when the
/// pair cannot be one event (dates too far apart, or across sides in a
/// language pairing) or scores under `floor` (which is then not listed).
pub(super) fn judge(
    pair: (&Candidate<'_>, &Candidate<'_>),
    feats: (&Features, &Features),
    fa_set: &TermSet,
    vocab: &Vocabulary,
    officials: &Officials,
    options: &super::Options,
) -> Option<Evidence> {
    let (mode, window, floor) = (&options.mode, options.window, options.floor);
    let (a, b) = pair;
    let (fa, fb) = feats;
    let cross_language = a.statement.language != b.statement.language;
    if matches!(mode, Mode::Languages(..)) && a.statement.side != b.statement.side {
        return None;
    }
    let gap = match (fa.day, fb.day) {
        (Some(x), Some(y)) if (y - x).unsigned_abs() > window as u64 => return None,
        (Some(x), Some(y)) => Some(y - x),
        _ if a.statement.date.year != b.statement.date.year => return None,
        _ => None,
    };
    let date_score = date_score(gap, a.statement.side != b.statement.side);
    // Two kinds of one archive: its own officials are in every release and
    // tell meetings apart only by who led them (Biden's meeting, Harris's).
    let same_archive = matches!(mode, Mode::Kinds(..)) && a.statement.side == b.statement.side;
    let own = same_archive.then(|| a.statement.side.as_str());
    let (counterparts, named_in_one, title_names, people_score) = people(fa, fb, officials, own);
    let kind_score = kind_score((a, fa), (b, fb), mode);
    let (content_score, shared) = content((fa, fa_set), fb, vocab, cross_language);
    let score = W_DATE * date_score
        + W_PEOPLE * people_score
        + W_KIND * kind_score
        + W_CONTENT * content_score;
    if score < floor {
        return None;
    }
    let shared = shared_words(shared, vocab);
    Some(Evidence {
        date_gap_days: gap,
        counterparts,
        named_in_one,
        title_names,
        kinds: [a.kind.to_string(), b.kind.to_string()],
        shared,
        date_score,
        people_score: round(people_score),
        kind_score,
        content_score: round(content_score),
        score,
    })
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Same day is best; a day apart is nearly as good across time zones (an
/// evening call in Washington is the next morning in Beijing).
fn date_score(gap: Option<i64>, across_zones: bool) -> f64 {
    match gap.map(i64::abs) {
        Some(0) => 1.0,
        Some(1) if across_zones => 0.8,
        Some(1) => 0.5,
        Some(2) => 0.4,
        Some(_) => 0.2,
        None => 0.3,
    }
}

/// Officials both name, those one names, the title names both give, and the
/// share named by both. When both statements come from one side, that side's
/// own officials (the President in every White House readout) say nothing
/// about which meeting it was and are left out. When the table knows no
/// counterpart of one of the two, the titles' own names decide (the table
/// wins where it knows both: a joint statement of three leaders names them
/// all, and the titles' country words would make it agree with a bilateral
/// readout of one of them).
fn people(
    fa: &Features,
    fb: &Features,
    officials: &Officials,
    own: Option<&str>,
) -> (Vec<String>, Vec<String>, Vec<String>, f64) {
    let is_own = |p: &usize| own == Some(officials.get(*p).side.as_str());
    let leader = |f: &Features| f.people.iter().copied().find(|p| is_own(p));
    let other_leaders = match (leader(fa), leader(fb)) {
        (Some(x), Some(y)) if x != y => Some((x, y)),
        _ => None,
    };
    let (fa_names, fb_names) = (&fa.names, &fb.names);
    let foreign = |p: &&usize| !is_own(p);
    let pa: Vec<usize> = fa.people.iter().filter(foreign).copied().collect();
    let pb: Vec<usize> = fb.people.iter().filter(foreign).copied().collect();
    let (fa, fb) = (&pa, &pb);
    let name = |i: &usize| officials.get(*i).name.clone();
    let both: Vec<String> = fa.iter().filter(|p| fb.contains(p)).map(name).collect();
    let mut one: Vec<String> = fa.iter().filter(|p| !fb.contains(p)).map(name).collect();
    one.extend(fb.iter().filter(|p| !fa.contains(p)).map(name));
    let (score, title_names) = if !fa.is_empty() && !fb.is_empty() {
        let share = both.len() as f64 / (both.len() + one.len()) as f64;
        (share, Vec::new())
    } else {
        match super::names::agreement(fa_names, fb_names) {
            Some((share, names)) => (share, names),
            None if fa.is_empty() && fb.is_empty() => (0.3, Vec::new()),
            None => (0.2, Vec::new()),
        }
    };
    // The President's meeting and the Vice President's with the same leader
    // on the same day are two meetings: a quarter of the people score keeps
    // the pair below the default threshold however alike the two read.
    match other_leaders {
        Some((x, y)) => {
            one.extend([name(&x), name(&y)]);
            (both, one, title_names, score * OTHER_PRINCIPAL)
        }
        None => (both, one, title_names, score),
    }
}

/// One kind against the other: in one archive any two kinds may report one
/// meeting, but a call is never a meeting (the remarks before a bilateral
/// meeting are not the readout of a call with the same leader).
fn kind_score(a: (&Candidate<'_>, &Features), b: (&Candidate<'_>, &Features), mode: &Mode) -> f64 {
    if let (Some(x), Some(y)) = (a.1.occasion, b.1.occasion) {
        if x != y {
            return 0.3;
        }
    }
    let (a, b) = (a.0, b.0);
    let base = |k: &str| k.split('-').next().unwrap_or(k).to_string();
    if a.kind == b.kind || matches!(mode, Mode::Kinds(..)) || base(a.kind) == base(b.kind) {
        1.0
    } else {
        0.4
    }
}

/// Whether a statement reports a call or a meeting: from its kind
/// (`call-readout`, `meeting-readout`), else from its title's words.
fn occasion(c: &Candidate<'_>) -> Option<&'static str> {
    for form in ["call", "meeting"] {
        if c.kind.starts_with(form) {
            return Some(form);
        }
    }
    let title = c.statement.title.to_lowercase();
    let has = |w: &str| {
        title
            .split(|ch: char| !ch.is_alphanumeric())
            .any(|t| t == w)
    };
    let call = ["call", "calls", "phone", "telephone"]
        .iter()
        .any(|w| has(w));
    let meeting = ["meeting", "bilateral", "met", "visit", "summit"]
        .iter()
        .any(|w| has(w));
    match (call, meeting) {
        (true, false) => Some("call"),
        (false, true) => Some("meeting"),
        _ => None,
    }
}

/// IDF-weighted overlap of the two term sets (numbers only across languages),
/// scaled so that the overlap two reports of one meeting typically reach is 1:
/// the shared terms' weight over the weight of all terms either holds. Also
/// the shared terms, rarest first (ties by the word).
fn content(
    (fa, fa_set): (&Features, &TermSet),
    fb: &Features,
    vocab: &Vocabulary,
    cross: bool,
) -> (f64, Vec<u32>) {
    let keep = |t: &u32| !cross || vocab.number[*t as usize];
    let weight = |t: &u32| vocab.idf[*t as usize];
    let shared: Vec<u32> = fb
        .terms
        .iter()
        .filter(|t| fa_set.has(**t) && keep(t))
        .copied()
        .collect();
    let common: f64 = shared.iter().map(weight).sum();
    let k = usize::from(cross);
    let total = fa.weight[k] + fb.weight[k] - common;
    let overlap = if total > 0.0 { common / total } else { 0.0 };
    let scale = if cross { 1.5 } else { 3.0 };
    ((overlap * scale).min(1.0), shared)
}

/// The eight rarest of the `shared` terms, as words (rarest first, ties by
/// the word, so the order does not depend on how terms were numbered).
fn shared_words(mut shared: Vec<u32>, vocab: &Vocabulary) -> Vec<String> {
    let weight = |t: &u32| vocab.idf[*t as usize];
    let name = |t: &u32| vocab.name(*t);
    shared.sort_by(|x, y| {
        weight(y)
            .total_cmp(&weight(x))
            .then_with(|| name(x).cmp(name(y)))
    });
    shared.iter().take(8).map(|t| name(t).to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_count_days_across_months_and_leap_years() {
        let d = |s: &str| day_number(&s.parse::<Date>().unwrap()).unwrap();
        assert_eq!(d("1970-01-01"), 0);
        assert_eq!(d("2024-03-01") - d("2024-02-28"), 2);
        assert_eq!(d("2023-03-01") - d("2023-02-28"), 1);
        assert_eq!(d("2025-01-01") - d("2024-12-31"), 1);
        assert_eq!(day_number(&"2024-05".parse::<Date>().unwrap()), None);
    }

    #[test]
    fn numbers_are_read_from_chinese_and_english_alike() {
        let all = |text: &str| {
            let mut terms = Vec::new();
            terms_of(text, |t: &str| terms.push(t.to_string()));
            terms
        };
        let zh = all("2023年5月12日，外交部发言人汪文斌主持例行记者会，共有150人。");
        let en = all("On May 12, 2023, spokesperson Wang Wenbin; 150 attended.");
        for n in ["#2023", "#12", "#150"] {
            assert!(zh.iter().any(|t| t == n), "{n} in {zh:?}");
            assert!(en.iter().any(|t| t == n), "{n} in {en:?}");
        }
    }

    #[test]
    fn a_day_apart_counts_more_across_time_zones() {
        assert!(date_score(Some(1), true) > date_score(Some(1), false));
        assert!(date_score(Some(0), false) > date_score(Some(1), true));
        assert!(date_score(Some(-2), true) < date_score(Some(1), false));
    }
}
