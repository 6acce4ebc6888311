//! The framing lexicon measured against the project's own gold standard
//! (`tests/gold/framing/`: hand-labelled hits and a recall set drawn from
//! White House readouts, MFA press-conference answers and UN speeches; the
//! procedure and the labelling rules are in its README.md and RULES.md).
//!
//! Precision: of the gold hits of the `test` split that today's lexicon still
//! reports (same category, not negated, overlapping the labelled words), the
//! share labelled correct. Recall: of the (sentence, category) pairs of the
//! recall set's `test` split, the share where the lexicon tags the sentence
//! with that category. The table is printed; the test fails below the floors.

use std::collections::BTreeMap;
use std::path::Path;

use readouts::analysis::lexicon::{Category, Hit, Lexicon, Matcher};

/// The issue's bounds (#16): per category, all hits, recall.
const ISSUE_BOUNDS: (f64, f64, f64) = (0.90, 0.92, 0.80);

/// Regression floors: the figures reached on the test split when the gold
/// standard was made (lexicon/README.md), rounded down. They are NOT the
/// issue's bounds, which are not all reached; a change that lowers any
/// figure below its floor fails.
const FLOOR_PER_CATEGORY: &[(&str, f64)] = &[
    ("cooperative", 0.95),
    ("confrontational", 0.94),
    ("disagreement-code", 0.80),
    ("demand", 0.74),
    ("commitment", 0.86),
    ("concern-ladder", 0.93),
    ("initiative", 0.86),
];
const FLOOR_ALL: f64 = 0.88;
const FLOOR_RECALL: f64 = 0.35;

struct Row {
    fields: BTreeMap<String, String>,
}

impl Row {
    fn get(&self, name: &str) -> &str {
        self.fields
            .get(name)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("gold row lacks column {name}"))
    }
}

fn read_table(name: &str) -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/gold/framing")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().expect("a header line").split('\t').collect();
    lines
        .enumerate()
        .map(|(n, line)| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), head.len(), "{name}:{}: cell count", n + 2);
            Row {
                fields: head
                    .iter()
                    .zip(cells)
                    .map(|(h, c)| (h.to_string(), c.to_string()))
                    .collect(),
            }
        })
        .collect()
}

fn category(raw: &str) -> Category {
    Category::parse(raw).unwrap_or_else(|| panic!("unknown category {raw}"))
}

/// Whether `hit` covers one occurrence of the labelled words in the sentence.
fn covers(sentence: &str, surface: &str, hit: &Hit) -> bool {
    sentence
        .match_indices(surface)
        .any(|(at, s)| hit.start < at + s.len() && at < hit.end)
}

#[derive(Default)]
struct Tally {
    kept: usize,
    correct: usize,
    dropped: usize,
}

fn precision(m: &Matcher, split: &str) -> BTreeMap<Category, Tally> {
    let mut out: BTreeMap<Category, Tally> = BTreeMap::new();
    for row in read_table("hits.tsv") {
        if row.get("split") != split {
            continue;
        }
        let c = category(row.get("category"));
        let (sentence, surface) = (row.get("sentence"), row.get("surface"));
        assert!(
            sentence.contains(surface),
            "{}: words not in sentence",
            row.get("id")
        );
        let label = row.get("label");
        assert!(
            label == "correct" || label == "wrong",
            "{}: label {label}",
            row.get("id")
        );
        let kept = m
            .find(sentence)
            .iter()
            .any(|h| h.category == c && !h.negated && covers(sentence, surface, h));
        let t = out.entry(c).or_default();
        if kept {
            t.kept += 1;
            t.correct += usize::from(label == "correct");
            if label == "wrong" && split == "tune" {
                println!(
                    "tune, kept but wrong: {} {c} “{surface}”: {}",
                    row.get("id"),
                    row.get("reason")
                );
            }
        } else {
            t.dropped += 1;
        }
    }
    out
}

/// (found, labelled) pairs of the recall set, per category.
fn recall(m: &Matcher, split: &str) -> BTreeMap<Category, (usize, usize)> {
    let mut out: BTreeMap<Category, (usize, usize)> = BTreeMap::new();
    for row in read_table("recall.tsv") {
        if row.get("split") != split || row.get("categories") == "none" {
            continue;
        }
        let hits = m.find(row.get("sentence"));
        for c in row.get("categories").split(',').map(category) {
            let t = out.entry(c).or_default();
            t.1 += 1;
            t.0 += usize::from(hits.iter().any(|h| h.category == c && !h.negated));
        }
    }
    out
}

fn share(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Prints the table of one split; returns all-hit precision and recall.
fn table(
    split: &str,
    p: &BTreeMap<Category, Tally>,
    r: &BTreeMap<Category, (usize, usize)>,
) -> (f64, f64) {
    println!("{split} split");
    println!("category            precision (correct/kept, dropped)   recall (found/labelled)");
    let (mut kept, mut correct) = (0, 0);
    let (mut found, mut labelled) = (0, 0);
    for c in Category::ALL {
        let t = p.get(&c).expect("every category has gold hits");
        let (f, l) = r.get(&c).copied().unwrap_or((0, 0));
        println!(
            "{:<18}  {:>5.1}% ({:>3}/{:>3}, {:>2} dropped)          {:>5.1}% ({}/{})",
            c.as_str(),
            100.0 * share(t.correct, t.kept),
            t.correct,
            t.kept,
            t.dropped,
            100.0 * share(f, l),
            f,
            l
        );
        kept += t.kept;
        correct += t.correct;
        found += f;
        labelled += l;
    }
    let all = share(correct, kept);
    let rec = share(found, labelled);
    println!(
        "all hits            {:>5.1}% ({correct}/{kept})                     {:>5.1}% ({found}/{labelled})",
        100.0 * all,
        100.0 * rec
    );
    (all, rec)
}

#[test]
fn framing_precision_and_recall_on_the_gold_test_split() {
    let m = Lexicon::builtin().matcher();
    // The tune split is printed for whoever tunes the lexicon; only the test
    // split is held to the floors.
    table("tune", &precision(&m, "tune"), &recall(&m, "tune"));
    let p = precision(&m, "test");
    let (all, rec) = table("test", &p, &recall(&m, "test"));
    println!(
        "issue #16 bounds: per category {:.0}%, all {:.0}%, recall {:.0}%",
        100.0 * ISSUE_BOUNDS.0,
        100.0 * ISSUE_BOUNDS.1,
        100.0 * ISSUE_BOUNDS.2
    );
    for &(name, floor) in FLOOR_PER_CATEGORY {
        let t = &p[&category(name)];
        let got = share(t.correct, t.kept);
        assert!(
            got >= floor,
            "{name}: precision {got:.3} below floor {floor}"
        );
    }
    assert!(
        all >= FLOOR_ALL,
        "all-hit precision {all:.3} below {FLOOR_ALL}"
    );
    assert!(rec >= FLOOR_RECALL, "recall {rec:.3} below {FLOOR_RECALL}");
}

/// The gold standard itself holds what its README promises.
#[test]
fn the_gold_standard_has_the_documented_size() {
    let hits = read_table("hits.tsv");
    assert!(hits.len() >= 700, "{} hits", hits.len());
    for c in Category::ALL {
        let n = hits
            .iter()
            .filter(|r| category(r.get("category")) == c)
            .count();
        assert!(n >= 60, "{c}: {n} hits");
    }
    assert!(hits.iter().all(|r| !r.get("reason").is_empty()));
    let recall = read_table("recall.tsv");
    let flagged = recall
        .iter()
        .filter(|r| r.get("categories") != "none")
        .count();
    assert!(flagged >= 200, "{flagged} recall sentences");
}

use crate::common;

/// (category, surface) of every counted hit of `text`, through the binary.
fn counted(text: &str) -> Vec<(String, String)> {
    let f = common::Fixture::empty();
    let line = serde_json::json!({
        "event": "case", "date": "2024", "kind": "statement", "event_title": "case",
        "side": "USA", "issuer": "test", "coverage": "full", "text": text,
    });
    f.write("corpus/case.jsonl", format!("{line}\n"));
    let corpus = f.path("corpus");
    let run = f.run(&[
        "phrases",
        "--corpus",
        corpus.to_str().unwrap(),
        "--format",
        "json",
    ]);
    if run.stdout.trim().is_empty() {
        return Vec::new();
    }
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json output");
    let mut out = Vec::new();
    for s in report["statements"].as_array().unwrap() {
        for h in s["hits"].as_array().unwrap() {
            if !h["negated"].as_bool().unwrap() {
                out.push((
                    h["category"].as_str().unwrap().to_string(),
                    h["surface"].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    out
}

fn has(text: &str, category: &str) -> bool {
    counted(text).iter().any(|(c, _)| c == category)
}

/// The failure classes of issue #16 that the lexicon work addresses, each
/// through the real binary.
#[test]
fn failure_classes_seen_in_real_text_stay_fixed() {
    for text in [
        "Serbia committed aggression against its neighbours.",
        "War crimes are committed every day in the occupied areas.",
        "The atrocities committed by the regime shocked the world.",
    ] {
        assert!(!has(text, "commitment"), "{text}: {:?}", counted(text));
    }
    assert!(has(
        "Both sides are committed to the agreement.",
        "commitment"
    ));
    assert!(has("They committed themselves to the goal.", "commitment"));
    for text in [
        "The Organization for Security and Cooperation in Europe met in Vienna.",
        "Ministers of the Shanghai Cooperation Organization gathered.",
    ] {
        assert!(!has(text, "cooperative"), "{text}: {:?}", counted(text));
    }
    assert!(!has(
        "President Frank-Walter Steinmeier visited the Anne Frank House.",
        "disagreement-code"
    ));
    assert!(!has("We must act before it is too late.", "demand"));
    assert!(!has("I must say that the situation is grave.", "demand"));
    assert!(has(
        "Israel must withdraw from the occupied territories.",
        "demand"
    ));
    assert!(!has(
        "If they take away our hope, what will we be left with?",
        "demand"
    ));
    assert!(has(
        "We hope the US side will correct its mistake.",
        "demand"
    ));
    assert!(!has(
        "The court condemned him to isolation.",
        "concern-ladder"
    ));
    let reiterated = counted("The President reiterated concerns about the detentions.");
    assert!(
        !reiterated.iter().any(|(c, _)| c == "commitment"),
        "{reiterated:?}"
    );
    assert!(
        reiterated.iter().any(|(c, _)| c == "concern-ladder"),
        "{reiterated:?}"
    );
    assert!(!has(
        "Their unwillingness to cooperate is regrettable.",
        "cooperative"
    ));
    // Documented variants that could never match.
    let frankly = counted("Frankly, they threatened us.");
    assert!(
        frankly.contains(&("disagreement-code".into(), "Frankly".into())),
        "{frankly:?}"
    );
    assert!(
        frankly.contains(&("confrontational".into(), "threatened".into())),
        "{frankly:?}"
    );
    // Narrow no-break spaces between words, as in White House releases.
    let nnbsp = counted("He visited at\u{202F}the\u{202F}invitation\u{202F}of the President and urged\u{202F}China to act.");
    assert!(nnbsp.iter().any(|(c, _)| c == "initiative"), "{nnbsp:?}");
    assert!(
        nnbsp.contains(&("demand".into(), "urged\u{202F}China to".into())),
        "{nnbsp:?}"
    );
    // Aid "at the request of" a government is not who asked for a call.
    assert!(!has(
        "At the request of the Sudanese side, a medical team arrived in Khartoum.",
        "initiative"
    ));
    assert!(has("President Biden will speak with President Putin by telephone at the request of the Russian side.", "initiative"));
}
