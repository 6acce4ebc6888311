//! `readouts kwic` on the bundled corpus: one line per occurrence, contexts
//! cut to --width, sorted by date or by context, with offsets in CSV/JSON.

use crate::common;

use common::{ansi_to_tags, Fixture};

#[test]
fn one_line_per_occurrence_sorted_by_date() {
    let f = Fixture::bundled();
    let run = f.run(&["kwic", "progress", "--width", "25", "--color", "always"]);
    run.expect_code(0);
    insta::assert_snapshot!(ansi_to_tags(&run.stdout));
}

#[test]
fn csv_lines_carry_statement_and_byte_offsets() {
    let f = Fixture::bundled();
    let run = f.run(&["kwic", "substantial progress", "--format", "csv"]);
    run.expect_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "date,side,issuer,title,event,statement,start_byte,end_byte,left,keyword,right"
    );
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(
        lines[1].starts_with("2019-09-05,CHN,Xinhua (state news agency),Xinhua report on the call and preparations for the 13th round of talks,2019-09-05-resume-talks,2019-09-05-resume-talks/CHN,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("2025-05,CHN,Vice Premier He Lifeng,"),
        "{}",
        lines[2]
    );
    assert!(
        lines[2].ends_with(",0,20,,substantial progress,"),
        "{}",
        lines[2]
    );
}

#[test]
fn json_offsets_point_at_the_keyword_in_the_text() {
    let f = Fixture::bundled();
    let run = f.run(&["kwic", "bullied", "--format", "jsonl"]);
    run.expect_code(0);
    let text = std::fs::read_to_string(f.path("corpus/2019/2019-09-peoples-daily-commentary.toml"))
        .unwrap();
    let body = text.split("text = \"\"\"\n").nth(1).unwrap();
    let line: serde_json::Value = serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(line["statement"], "2019-09-peoples-daily-commentary/CHN");
    let (a, b) = (
        line["start"].as_u64().unwrap() as usize,
        line["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&body[a..b], "bullying");
    assert_eq!(line["keyword"], "bullying");
}

#[test]
fn sorting_by_left_or_right_context() {
    let f = Fixture::bundled();
    let keywords = |sort: &str| -> Vec<String> {
        let run = f.run(&["kwic", "progress", "--sort", sort, "--format", "jsonl"]);
        run.stdout
            .lines()
            .map(|l| {
                let line: serde_json::Value = serde_json::from_str(l).unwrap();
                line["statement"].as_str().unwrap().to_string()
            })
            .collect()
    };
    // Nearest left words: none (the USTR call's text is just "progress"), "see",
    // "substantial" alone, then "substantial achieve to".
    assert_eq!(
        keywords("left"),
        [
            "2020-05-08-phase-one-call/USA",
            "2020-08-25-phase-one-review/USA",
            "2025-05-he-lifeng-substantial-progress/CHN",
            "2019-09-05-resume-talks/CHN"
        ]
    );
    // Nearest right words: three quoted excerpts end on "progress" (nothing to
    // the right; ties in date order), then "and are committed" of the review.
    assert_eq!(
        keywords("right"),
        [
            "2019-09-05-resume-talks/CHN",
            "2020-05-08-phase-one-call/USA",
            "2025-05-he-lifeng-substantial-progress/CHN",
            "2020-08-25-phase-one-review/USA"
        ]
    );
    assert_eq!(keywords("date")[0], "2019-09-05-resume-talks/CHN");
}

#[test]
fn filters_apply_and_nothing_found_exits_1() {
    let f = Fixture::bundled();
    let run = f.run(&["kwic", "progress", "--side", "USA", "--format", "csv"]);
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
    f.run(&["kwic", "zebra"]).expect_code(1);
    let run = f.run(&["kwic", "…"]);
    run.expect_code(2);
    assert!(run.stderr.contains("has no words"), "{}", run.stderr);
}
