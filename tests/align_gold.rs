//! Pair precision and recall of the sentence aligner on the hand-made gold set
//! of `tests/gold/align/` (31 real document pairs: White House readouts beside
//! the joint statement or the remarks of the same meeting, and the USA and CHN
//! speeches of four UN General Debates; see its README.md and RULES.md).
//!
//! The aligner is run as a user runs it: the real binary's `diff --format
//! json` on the White House archive imported with `import markdown` and on
//! the UN corpus imported with `import ungdc`. Every (left, right) sentence
//! pair of a `pair` row is a predicted pair. A predicted pair labelled `same`
//! is right, one labelled `maybe` counts neither way, any other is wrong; a
//! `same` pair not predicted is missed. Figures are printed for the tune part
//! (where the method was tuned) and the held-out test part; the test fails
//! below the floors, which are the held-out figures measured when the floors
//! were set (regression floors, not the goal: issue #17 asks for precision
//! 0.85 and recall 0.70 on the held-out part; see the README for how far off
//! the method is).

use crate::common;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Held-out precision and recall must not fall below these (measured; README).
const HELD_OUT_PRECISION_FLOOR: f64 = 0.448;
const HELD_OUT_RECALL_FLOOR: f64 = 0.099;

/// One document pair of `pairs.tsv`.
struct DocPair {
    id: String,
    part: String,
    source: String,
    left: String,
    right: String,
}

/// One labelled sentence pair of `gold.tsv` (sentence numbers from 1).
struct Label {
    same: bool,
    left: usize,
    right: usize,
    left_text: String,
    right_text: String,
}

fn gold_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/gold/align")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn rows(name: &str) -> Vec<Vec<String>> {
    gold_file(name)
        .lines()
        .skip_while(|l| l.starts_with('#'))
        .filter(|l| !l.is_empty() && !l.starts_with("id\t"))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn doc_pairs() -> Vec<DocPair> {
    rows("pairs.tsv")
        .into_iter()
        .map(|r| DocPair {
            id: r[0].clone(),
            part: r[1].clone(),
            source: r[2].clone(),
            left: r[3].clone(),
            right: r[4].clone(),
        })
        .collect()
}

fn labels() -> BTreeMap<String, Vec<Label>> {
    let mut out: BTreeMap<String, Vec<Label>> = BTreeMap::new();
    for r in rows("gold.tsv") {
        assert!(
            r[1] == "same" || r[1] == "maybe",
            "gold.tsv label {:?}",
            r[1]
        );
        out.entry(r[0].clone()).or_default().push(Label {
            same: r[1] == "same",
            left: r[2].parse().unwrap(),
            right: r[3].parse().unwrap(),
            left_text: r[4].clone(),
            right_text: r[5].clone(),
        });
    }
    out
}

fn counts() -> BTreeMap<String, (usize, usize)> {
    rows("counts.tsv")
        .into_iter()
        .map(|r| (r[0].clone(), (r[1].parse().unwrap(), r[2].parse().unwrap())))
        .collect()
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data")
}

/// The White House archive imported once.
fn white_house() -> &'static (common::Fixture, BTreeMap<String, String>) {
    static IMPORTED: OnceLock<(common::Fixture, BTreeMap<String, String>)> = OnceLock::new();
    IMPORTED.get_or_init(|| {
        let f = common::Fixture::empty();
        let events = events_by_url(&f.import_shared("markdown", "wh-briefings").join("import"));
        (f, events)
    })
}

/// url → event id of every imported statement.
fn events_by_url(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            if let Some(url) = v["url"].as_str() {
                out.insert(url.to_string(), v["event"].as_str().unwrap().to_string());
            }
        }
    }
    out
}

/// The `source_url` of a White House file's front matter.
fn url_of(rel: &str) -> String {
    let text = std::fs::read_to_string(data_dir().join("wh-briefings").join(rel)).unwrap();
    text.lines()
        .find_map(|l| {
            l.strip_prefix("source_url: ")
                .or_else(|| l.strip_prefix("permalink: "))
        })
        .unwrap_or_else(|| panic!("{rel}: no source_url"))
        .trim()
        .trim_matches(|c| c == '\'' || c == '"')
        .to_string()
}

/// What `diff --format json` says about one pair.
struct Predicted {
    left: BTreeMap<usize, String>,
    right: BTreeMap<usize, String>,
    pairs: HashSet<(usize, usize)>,
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn run_diff(p: &DocPair, extra: &[&str]) -> Predicted {
    let run = if p.source == "ungdc" {
        let corpus = common::ungdc_corpus();
        let year = p.left.rsplit('_').next().unwrap().trim_end_matches(".txt");
        let event = format!("ungdc-{year}");
        let mut args = vec!["--corpus", corpus.to_str().unwrap(), "diff", &event];
        args.extend(["--sides", "USA,CHN", "--format", "json"]);
        args.extend(extra);
        common::Fixture::empty().run(&args)
    } else {
        let (f, events) = white_house();
        let (a, b) = (&events[&url_of(&p.left)], &events[&url_of(&p.right)]);
        let mut args = vec!["diff", a.as_str(), b.as_str(), "--side", "USA"];
        args.extend(["--format", "json"]);
        args.extend(extra);
        f.run(&args)
    };
    assert_eq!(run.code, 0, "pair {}: {}", p.id, run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut out = Predicted {
        left: BTreeMap::new(),
        right: BTreeMap::new(),
        pairs: HashSet::new(),
    };
    for row in v["rows"].as_array().unwrap() {
        let numbers = |side: &str, into: &mut BTreeMap<usize, String>| -> Vec<usize> {
            let passages = row[side].as_array().unwrap();
            passages
                .iter()
                .map(|p| {
                    let n = p["sentence_number"].as_u64().unwrap() as usize;
                    let text: String = (p["segments"].as_array().unwrap().iter())
                        .map(|s| s["text"].as_str().unwrap())
                        .collect();
                    into.insert(n, fold(&text));
                    n
                })
                .collect()
        };
        let (l, r) = (
            numbers("left", &mut out.left),
            numbers("right", &mut out.right),
        );
        if row["kind"] == "pair" {
            out.pairs
                .extend(l.iter().flat_map(|&i| r.iter().map(move |&j| (i, j))));
        }
    }
    out
}

/// Right, wrong and missed pairs, summed over document pairs.
#[derive(Default, Clone, Copy)]
struct Score {
    right: usize,
    wrong: usize,
    missed: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        self.right as f64 / (self.right + self.wrong).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.right as f64 / (self.right + self.missed).max(1) as f64
    }
    fn add(&mut self, o: Score) {
        self.right += o.right;
        self.wrong += o.wrong;
        self.missed += o.missed;
    }
}

/// Scores one pair, after checking that the tool still cuts the sentences
/// the labels name (a segmentation change means the gold must be rebuilt).
fn score(p: &DocPair, got: &Predicted, labels: &[Label], count: (usize, usize)) -> Score {
    let rebuild = "the segmentation changed: rebuild gold.tsv with tests/gold/tools/build_align_gold.py and re-check the labels";
    assert_eq!(
        (got.left.len(), got.right.len()),
        count,
        "pair {}: sentence counts; {rebuild}",
        p.id
    );
    let same: HashSet<(usize, usize)> = labels
        .iter()
        .filter(|l| l.same)
        .map(|l| (l.left, l.right))
        .collect();
    let maybe: HashSet<(usize, usize)> = labels
        .iter()
        .filter(|l| !l.same)
        .map(|l| (l.left, l.right))
        .collect();
    for l in labels {
        assert_eq!(
            got.left[&l.left], l.left_text,
            "pair {} left {}; {rebuild}",
            p.id, l.left
        );
        assert_eq!(
            got.right[&l.right], l.right_text,
            "pair {} right {}; {rebuild}",
            p.id, l.right
        );
    }
    Score {
        right: got.pairs.intersection(&same).count(),
        wrong: (got.pairs.iter())
            .filter(|x| !same.contains(x) && !maybe.contains(x))
            .count(),
        missed: same.difference(&got.pairs).count(),
    }
}

/// Scores of every part ("tune", "test") and source.
fn measure(extra: &[&str], parts: &[&str]) -> BTreeMap<(String, String), Score> {
    let (labels, counts) = (labels(), counts());
    let mut out: BTreeMap<(String, String), Score> = BTreeMap::new();
    for p in doc_pairs()
        .iter()
        .filter(|p| parts.contains(&p.part.as_str()))
    {
        let got = run_diff(p, extra);
        let none = Vec::new();
        let s = score(p, &got, labels.get(&p.id).unwrap_or(&none), counts[&p.id]);
        out.entry((p.part.clone(), p.source.clone()))
            .or_default()
            .add(s);
        out.entry((p.part.clone(), "all".into()))
            .or_default()
            .add(s);
    }
    out
}

fn report(scores: &BTreeMap<(String, String), Score>) {
    for ((part, source), s) in scores {
        eprintln!(
            "align gold {part:4} {source:12}: precision {:.3} ({}/{}), recall {:.3} ({}/{})",
            s.precision(),
            s.right,
            s.right + s.wrong,
            s.recall(),
            s.right,
            s.right + s.missed
        );
    }
}

#[test]
fn gold_pairs_are_drawn_labelled_and_split() {
    let pairs = doc_pairs();
    assert!(pairs.len() >= 30, "{} document pairs", pairs.len());
    let tune = pairs.iter().filter(|p| p.part == "tune").count();
    assert!(
        tune * 3 >= pairs.len() && tune * 3 <= pairs.len() * 2,
        "{tune} tune"
    );
    let labels = labels();
    let labelled = pairs.iter().filter(|p| labels.contains_key(&p.id)).count();
    assert_eq!(labelled, pairs.len(), "every pair has labels");
}

#[test]
#[ignore = "needs ../shared/data/wh-briefings and ../shared/data/ungdc"]
fn aligner_precision_and_recall_on_the_gold_set() {
    // Tuning aid, on the tune part only: `ALIGN_GOLD_THRESHOLDS=0.1,0.15 cargo
    // test --test integration align_gold:: -- --include-ignored --nocapture`.
    if let Ok(list) = std::env::var("ALIGN_GOLD_THRESHOLDS") {
        for t in list.split(',') {
            eprintln!("threshold {t}:");
            report(&measure(&["--threshold", t], &["tune"]));
        }
    }
    let scores = measure(&[], &["tune", "test"]);
    report(&scores);
    let held = scores[&("test".to_string(), "all".to_string())];
    assert!(
        held.precision() >= HELD_OUT_PRECISION_FLOOR,
        "held-out precision {:.3} < floor {HELD_OUT_PRECISION_FLOOR}",
        held.precision()
    );
    assert!(
        held.recall() >= HELD_OUT_RECALL_FLOOR,
        "held-out recall {:.3} < floor {HELD_OUT_RECALL_FLOOR}",
        held.recall()
    );
}
