//! `readouts search` on the bundled corpus: exact hits for phrase, boolean,
//! field and date-range queries, stemming, counts, formats and errors.

use crate::common;

use std::collections::BTreeSet;

use common::{ansi_to_tags, Fixture};
use serde_json::Value;

/// Statement ids of a `--format jsonl` search, and the parsed hits.
fn hits(f: &Fixture, args: &[&str]) -> (BTreeSet<String>, Vec<Value>) {
    let mut all = vec!["search", "--format", "jsonl", "--limit", "100"];
    all.extend_from_slice(args);
    let run = f.run(&all);
    assert!(run.code == 0 || run.code == 1, "{run:?}");
    let parsed: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    let ids = parsed
        .iter()
        .map(|h| h["statement"].as_str().unwrap().to_string())
        .collect();
    (ids, parsed)
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_phrase_finds_exactly_its_statements_with_byte_offsets() {
    let f = Fixture::bundled();
    let (ids, parsed) = hits(&f, &["\"substantial progress\""]);
    assert_eq!(
        ids,
        set(&[
            "2019-09-05-resume-talks/CHN",
            "2025-05-he-lifeng-substantial-progress/CHN"
        ])
    );
    for hit in &parsed {
        let snippet = &hit["snippet"];
        let text = snippet["text"].as_str().unwrap();
        let start = snippet["start"].as_u64().unwrap() as usize;
        let marked: Vec<&str> = snippet["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let a = r["start"].as_u64().unwrap() as usize - start;
                let b = r["end"].as_u64().unwrap() as usize - start;
                &text[a..b]
            })
            .collect();
        assert_eq!(marked, ["substantial", "progress"], "{hit}");
    }
    // "progress" alone also finds the two USTR statements.
    let (loose, _) = hits(&f, &["progress"]);
    assert_eq!(loose.len(), 4, "{loose:?}");
}

#[test]
fn boolean_queries_combine_and_exclude() {
    let f = Fixture::bundled();
    let (ids, _) = hits(&f, &["progress -substantial"]);
    assert_eq!(
        ids,
        set(&[
            "2020-05-08-phase-one-call/USA",
            "2020-08-25-phase-one-review/USA",
        ])
    );
    let (either, _) = hits(&f, &["bullying OR taiwan"]);
    assert_eq!(
        either,
        set(&[
            "2019-09-peoples-daily-commentary/CHN",
            "2025-05-mofcom-unilateral-bullying/CHN",
            "2026-02-trump-xi-call/CHN",
            "2026-02-trump-xi-call/USA"
        ])
    );
}

#[test]
fn field_queries_and_filters_choose_sides_issuers_and_dates() {
    let f = Fixture::bundled();
    let (usa, _) = hits(&f, &["progress side:usa"]);
    let (usa_flag, _) = hits(&f, &["progress", "--side", "US"]);
    assert_eq!(usa, usa_flag);
    assert!(usa.iter().all(|id| id.ends_with("/USA")) && usa.len() == 2);
    let (mofcom, _) = hits(&f, &["issuer:mofcom"]);
    assert_eq!(
        mofcom,
        set(&[
            "2020-08-25-phase-one-review/CHN",
            "2025-05-mofcom-unilateral-bullying/CHN"
        ])
    );
    let (in_2020, _) = hits(&f, &["progress", "--from", "2020", "--to", "2020-12"]);
    assert_eq!(
        in_2020,
        set(&[
            "2020-05-08-phase-one-call/USA",
            "2020-08-25-phase-one-review/USA"
        ])
    );
    let (range, _) = hits(&f, &["progress year:[2019 TO 2020]"]);
    assert_eq!(range.len(), 3, "{range:?}");
    // A month-only date (2026-02) overlaps a range that starts inside the month.
    let (feb, _) = hits(&f, &["china", "--from", "2026-02-10", "--to", "2026-02-28"]);
    assert!(feb.contains("2026-02-trump-xi-call/CHN"), "{feb:?}");
    assert!(
        !feb.contains("2026-02-09-bessent-treasury-staff-visit/USA"),
        "{feb:?}"
    );
}

#[test]
fn stemming_joins_inflections_and_exact_keeps_them_apart() {
    let f = Fixture::bundled();
    let bullying = set(&[
        "2019-09-peoples-daily-commentary/CHN",
        "2025-05-mofcom-unilateral-bullying/CHN",
    ]);
    assert_eq!(hits(&f, &["bullied"]).0, bullying);
    assert_eq!(hits(&f, &["bully"]).0, bullying);
    assert_eq!(hits(&f, &["exact:bullying"]).0, bullying);
    assert_eq!(hits(&f, &["--exact", "Bullying"]).0, bullying);
    let run = f.run(&["search", "--exact", "bullied"]);
    run.expect_code(1);
    assert!(
        run.stdout.contains("0 matching statements"),
        "{}",
        run.stdout
    );
}

#[test]
fn counts_by_side_and_year() {
    let f = Fixture::bundled();
    let run = f.run(&[
        "search",
        "progress",
        "--count-by",
        "side",
        "--format",
        "csv",
    ]);
    run.expect_code(0);
    assert_eq!(run.stdout, "side,statements\nCHN,2\nUSA,2\n");
    let run = f.run(&[
        "search",
        "progress",
        "--count-by",
        "year",
        "--format",
        "csv",
    ]);
    assert_eq!(run.stdout, "year,statements\n2019,1\n2020,2\n2025,1\n");
    let run = f.run(&[
        "search",
        "progress",
        "--count-by",
        "month",
        "--color",
        "never",
    ]);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn text_output_highlights_matches() {
    let f = Fixture::bundled();
    let run = f.run(&["search", "bullied", "--color", "always"]);
    run.expect_code(0);
    insta::assert_snapshot!(ansi_to_tags(&run.stdout));
}

#[test]
fn html_output_escapes_text_and_marks_hits() {
    let f = Fixture::bundled();
    f.write(
        "corpus/2030/x.toml",
        "id = \"x\"\ndate = \"2030-01-01\"\nkind = \"call\"\ntitle = \"t\"\n\n[[statements]]\nside = \"USA\"\nissuer = \"USTR\"\ntitle = \"t\"\nlanguage = \"en\"\ncoverage = \"full\"\ntext = \"<script>alert(1)</script> zebra talks\"\n\n[[statements]]\nside = \"CHN\"\nissuer = \"MOFCOM\"\ntitle = \"t\"\nlanguage = \"en\"\ncoverage = \"full\"\ntext = \"other\"\n",
    );
    let run = f.run(&["search", "zebra", "--format", "html"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; <b>zebra</b> talks"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("<script>"));
}

#[test]
fn a_query_that_does_not_parse_gets_one_line_pointing_at_it() {
    let f = Fixture::bundled();
    let run = f.run(&["search", "trade AND (progress"]);
    run.expect_code(2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("does not parse at character"),
        "{}",
        run.stderr
    );
    let run = f.run(&["search", "country:chn"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("unknown field `country`"),
        "{}",
        run.stderr
    );
}
