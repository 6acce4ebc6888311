//! Gold-set tests for the diff's building blocks: sentence segmentation
//! (`tests/gold/segment/`) and sentence alignment (`tests/gold/align/`), both
//! labelled by hand on real readouts, answers and speeches.

mod common;

use readouts::text::segment::sentences;
use std::path::Path;

/// One labelled paragraph of `tests/gold/segment/gold.txt`.
struct GoldParagraph {
    header: String,
    half: String,
    text: String,
    sentences: Vec<String>,
}

fn read_segment_gold() -> Vec<GoldParagraph> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold/segment/gold.txt");
    let raw = std::fs::read_to_string(&path).expect("segment gold");
    let mut out: Vec<GoldParagraph> = Vec::new();
    for line in raw.lines() {
        if let Some(header) = line.strip_prefix("## ") {
            let half = header.split(' ').nth(1).expect("half").to_string();
            let (header, text, sentences) = (header.to_string(), String::new(), Vec::new());
            out.push(GoldParagraph {
                header,
                half,
                text,
                sentences,
            });
        } else if let (Some(text), Some(last)) = (line.strip_prefix("> "), out.last_mut()) {
            last.text = text.to_string();
        } else if !line.trim().is_empty() && !line.starts_with('#') {
            out.last_mut()
                .expect("a block")
                .sentences
                .push(line.to_string());
        }
    }
    out
}

/// Sentence starts as positions among the non-white-space characters (0 left out).
fn starts_in_visible_chars<'a>(pieces: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut seen = 0;
    for piece in pieces {
        if seen > 0 {
            starts.push(seen);
        }
        seen += piece.chars().filter(|c| !c.is_whitespace()).count();
    }
    starts
}

/// Boundaries the tool adds or misses in one paragraph, with a line per error.
fn segment_errors(p: &GoldParagraph, report: &mut Vec<String>) -> usize {
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let gold_text: String = p.sentences.iter().map(|s| visible(s)).collect();
    assert_eq!(
        gold_text,
        visible(&p.text),
        "gold block {} does not hold its paragraph",
        p.header
    );
    let tool = sentences(&p.text);
    let got = starts_in_visible_chars(tool.iter().map(|s| s.text(&p.text)));
    let want = starts_in_visible_chars(p.sentences.iter().map(String::as_str));
    let errors = got.iter().filter(|g| !want.contains(g)).count()
        + want.iter().filter(|w| !got.contains(w)).count();
    if errors > 0 {
        let tool: Vec<&str> = tool.iter().map(|s| s.text(&p.text)).collect();
        report.push(format!(
            "{}: {errors} error(s)\n  tool: {tool:#?}",
            p.header
        ));
    }
    errors
}

#[test]
fn segmentation_gold_error_rate() {
    let gold = read_segment_gold();
    assert!(gold.len() >= 100, "{} paragraphs", gold.len());
    let total: usize = gold.iter().map(|p| p.sentences.len()).sum();
    assert!(total >= 300, "{total} gold sentences");
    for half in ["tune", "held"] {
        let part: Vec<&GoldParagraph> = gold.iter().filter(|p| p.half == half).collect();
        let mut report = Vec::new();
        let errors: usize = part.iter().map(|p| segment_errors(p, &mut report)).sum();
        let sentences: usize = part.iter().map(|p| p.sentences.len()).sum();
        let rate = 100.0 * errors as f64 / sentences as f64;
        eprintln!(
            "segmentation {half}: {errors} errors in {sentences} sentences = {rate:.2} per 100"
        );
        for line in &report {
            eprintln!("{line}");
        }
        if half == "held" {
            assert!(
                rate <= 0.3,
                "held-out error rate {rate:.2} per 100 sentences > 0.3"
            );
        }
    }
}
