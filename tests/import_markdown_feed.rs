//! `readouts import markdown` and `readouts import feed` through the binary:
//! the White House briefing-room archive (when present), Markdown written the
//! way scrapers and Hugo write it, and RSS 2.0 / Atom fixtures in the real
//! formats (`tests/fixtures/feeds/`).

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::Fixture;
use serde_json::Value;

fn wh_dir() -> PathBuf {
    common::shared_data("wh-briefings")
}

fn feeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds")
}

/// Every statement line the corpus folder `dir` holds below `import/`.
fn lines(dir: &Path) -> Vec<Value> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir.join("import")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        out.extend(
            text.lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap()),
        );
    }
    out
}

fn field<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_default()
}

fn by_title<'a>(all: &'a [Value], title: &str) -> &'a Value {
    all.iter()
        .find(|v| field(v, "title") == title)
        .unwrap_or_else(|| panic!("no statement titled {title}"))
}

#[test]
#[ignore = "needs ../shared/data/wh-briefings"]
fn the_white_house_archive_imports_whole_and_checks_clean() {
    let src = wh_dir();
    let f = Fixture::empty();
    let into = f.path("corpus");
    let run = f.run(&[
        "import",
        "markdown",
        src.to_str().unwrap(),
        "--into",
        "corpus",
    ]);
    run.expect_code(0);
    let files = walk_md(&src);
    let all = lines(&into);
    let skipped = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("skipped "))
        .count();
    assert_eq!(all.len() + skipped, files, "{}", run.stdout);
    assert_eq!(skipped, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("boilerplate paragraphs"),
        "{}",
        run.stdout
    );
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for v in &all {
        *kinds.entry(field(v, "kind")).or_default() += 1;
        assert!(!field(v, "text").contains("\\###"), "{}", field(v, "event"));
        assert!(!field(v, "text").ends_with("###"), "{}", field(v, "event"));
        assert!(
            !field(v, "text").contains('\u{a0}'),
            "{}",
            field(v, "event")
        );
        assert_eq!(field(v, "side"), "USA");
        assert_eq!(field(v, "issuer"), "The White House");
    }
    eprintln!("kinds: {kinds:?}");
    let readouts =
        kinds.get("call-readout").unwrap_or(&0) + kinds.get("meeting-readout").unwrap_or(&0);
    assert!(readouts >= 1_300, "{kinds:?}");
    assert!(
        kinds.get("joint-statement").unwrap_or(&0) >= &100,
        "{kinds:?}"
    );
    // Briefing transcripts carry their turns (the White House's `Q` has no
    // colon), so the journalists' questions are not the side's words.
    let briefings: Vec<&Value> = all
        .iter()
        .filter(|v| field(v, "kind") == "press-briefing")
        .collect();
    let with_questions = briefings
        .iter()
        .filter(|v| {
            v["turns"]
                .as_array()
                .is_some_and(|t| t.iter().any(|t| t["role"] == "question"))
        })
        .count();
    assert!(
        with_questions * 10 >= briefings.len() * 9,
        "{with_questions} of {} briefings have question turns",
        briefings.len()
    );
    let check = f.run(&["check", "--corpus", "corpus"]);
    assert_eq!(check.code, 0, "{}\n{}", check.stdout, check.stderr);
    let all_output = format!("{}{}", check.stdout, check.stderr);
    assert!(!all_output.contains(": error:"), "{all_output}");
    assert!(check.stdout.contains("ok: 2070 events"), "{}", check.stdout);
}

fn walk_md(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            if p.is_dir() {
                walk_md(&p)
            } else {
                usize::from(p.extension().is_some_and(|e| e == "md"))
            }
        })
        .sum()
}

/// The nine readouts of Presidents Biden and Xi, 2021–2024, by their files'
/// dates and source URLs (read from the archive, see the commit message).
const BIDEN_XI: &[(&str, &str)] = &[
    ("2021-02-10", "call-readout"),
    ("2021-09-09", "call-readout"),
    ("2021-11-16", "meeting-readout"),
    ("2022-03-18", "call-readout"),
    ("2022-07-28", "call-readout"),
    ("2022-11-14", "meeting-readout"),
    ("2023-11-15", "meeting-readout"),
    ("2024-04-02", "call-readout"),
    ("2024-11-16", "meeting-readout"),
];

#[test]
#[ignore = "needs ../shared/data/wh-briefings"]
fn search_by_readout_family_finds_the_nine_biden_xi_readouts() {
    let src = wh_dir();
    let f = Fixture::empty();
    f.run(&[
        "import",
        "markdown",
        src.to_str().unwrap(),
        "--into",
        "corpus",
    ])
    .expect_code(0);
    let search = |query: &str| {
        let run = f.run(&[
            "search", query, "--kind", "readout", "--from", "2021", "--to", "2024", "--limit",
            "500", "--format", "jsonl", "--corpus", "corpus",
        ]);
        run.expect_code(0);
        let hits: Vec<Value> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        hits
    };
    let hits = search("\"Xi Jinping\"");
    assert!(hits.iter().all(|h| field(h, "kind").ends_with("-readout")));
    let biden_xi: Vec<(&str, &str)> = hits
        .iter()
        .filter(|h| {
            let t = field(h, "title");
            t.contains("Biden") && t.contains("Xi Jinping") && t.starts_with("Readout")
        })
        .map(|h| (field(h, "date"), field(h, "kind")))
        .collect();
    let mut sorted = biden_xi.clone();
    sorted.sort();
    assert_eq!(sorted, BIDEN_XI);
    let titled = search("\"Xi Jinping\" title:xi title:biden");
    let mut dates: Vec<(&str, &str)> = titled
        .iter()
        .map(|h| (field(h, "date"), field(h, "kind")))
        .collect();
    dates.sort();
    assert_eq!(dates, BIDEN_XI);
}

#[test]
fn markdown_bodies_become_clean_paragraphs_and_bad_files_are_named() {
    let f = Fixture::empty();
    f.write(
        "archive/statements-releases/2021-02/2021-02-10-readout-of-a-call.md",
        "---\ntags: statements-releases\ndate: '2021-02-10'\npublished_time: 2021-02-10 22:45:00-05:00\n\
         source_url: https://example.gov/briefing-room/2021/02/10/readout-of-a-call/\n\
         title: \"Readout of President\\_Biden\\u2019s Call with a Counterpart\"\n---\n\u{a0}\n\
         President Biden spoke\nwith his counterpart.  They discussed\u{a0}trade\n\u{a0}\n\
         and climate.  \nA second line.\n\n\\###\n",
    );
    f.write(
        "archive/posts/hugo-post.md",
        "+++\ntitle = \"Joint Statement on Partnership\"\ndate = 2021-03-01T23:30:00-05:00\n\
         url = \"https://example.gov/posts/joint/\"\n+++\nBoth sides agreed.\n\n\\# \\# \\#\n",
    );
    f.write(
        "archive/broken.md",
        "---\ntitle: [unclosed\ndate: x\n---\ntext\n",
    );
    f.write("archive/undated.md", "Just a note without a date.\n");
    let run = f.run(&["import", "markdown", "archive"]);
    run.expect_code(1); // a file or entry was skipped: exit 1, the rest imported
    assert!(
        run.stdout
            .contains("broken.md:1: front matter is not valid YAML"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("undated.md:1: no date"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("imported 2 statements"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("removed 2 boilerplate paragraphs"),
        "{}",
        run.stdout
    );
    let all = lines(&f.path("corpus"));
    let call = by_title(
        &all,
        "Readout of President Biden\u{2019}s Call with a Counterpart",
    );
    assert_eq!(
        field(call, "text"),
        "President Biden spoke with his counterpart. They discussed trade\n\nand climate.\nA second line."
    );
    assert_eq!(field(call, "kind"), "call-readout");
    assert_eq!(field(call, "date"), "2021-02-10");
    assert_eq!(field(call, "event"), "2021-02-10-readout-of-a-call");
    let joint = by_title(&all, "Joint Statement on Partnership");
    assert_eq!(field(joint, "kind"), "joint-statement");
    assert_eq!(
        field(joint, "date"),
        "2021-03-01",
        "the evening in Washington"
    );
    assert_eq!(field(joint, "text"), "Both sides agreed.");
    f.run(&["check"]).expect_code(0);
}

#[test]
fn ids_do_not_depend_on_the_input_name_and_reimports_add_nothing() {
    let f = Fixture::empty();
    let md = "---\ndate: '2022-07-28'\ntitle: Readout of a Meeting\n---\nThey met.\n";
    f.write("one/a.md", md);
    f.write("two/renamed.md", md);
    f.run(&["import", "markdown", "one", "--into", "c1"])
        .expect_code(0);
    f.run(&["import", "markdown", "one", "--into", "c1"])
        .expect_code(0);
    f.run(&["import", "markdown", "two", "--into", "c2"])
        .expect_code(0);
    let (a, b) = (lines(&f.path("c1")), lines(&f.path("c2")));
    assert_eq!(a.len(), 1);
    assert_eq!(field(&a[0], "event"), field(&b[0], "event"));
    assert_eq!(field(&a[0], "event"), "2022-07-28-readout-of-a-meeting");
}

#[test]
fn user_kind_rules_and_boilerplate_rules_extend_the_built_in_ones() {
    let f = Fixture::empty();
    f.write(
        "a/x.md",
        "---\ndate: '2023-01-05'\ntitle: Communique of the Dialogue\n---\nThe dialogue met.\n\n\
         Embassy of the United States, Beijing\n",
    );
    f.write(
        "kinds.toml",
        "[[rule]]\nkind = \"communique\"\ntitle = '^communiqu'\n",
    );
    f.write(
        "furniture.txt",
        "# our embassy's byline\n^Embassy of the United States, Beijing$\n",
    );
    let run = f.run(&[
        "import",
        "markdown",
        "a",
        "--kinds",
        "kinds.toml",
        "--boilerplate",
        "furniture.txt",
        "--side",
        "CHN",
        "--issuer",
        "MFA",
    ]);
    run.expect_code(0);
    let all = lines(&f.path("corpus"));
    assert_eq!(field(&all[0], "kind"), "communique");
    assert_eq!(field(&all[0], "text"), "The dialogue met.");
    assert_eq!(
        (field(&all[0], "side"), field(&all[0], "issuer")),
        ("CHN", "MFA")
    );
    f.write("bad.toml", "[[rule]]\nkind = \"x\"\ntitle = '(['\n");
    let bad = f.run(&["import", "markdown", "a", "--kinds", "bad.toml"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("bad.toml: rule 1"), "{}", bad.stderr);
}

#[test]
fn an_rss_feed_imports_full_text_with_washington_dates() {
    let f = Fixture::empty();
    let feed = feeds().join("state-press-releases.xml");
    let run = f.run(&["import", "feed", feed.to_str().unwrap(), "--side", "USA"]);
    run.expect_code(1); // a file or entry was skipped: exit 1, the rest imported
    assert!(
        run.stdout
            .contains("state-press-releases.xml:34: entry 3: no date"),
        "{}",
        run.stdout
    );
    let all = lines(&f.path("corpus"));
    assert_eq!(all.len(), 2);
    let call = by_title(
        &all,
        "Secretary Blinken\u{2019}s Call with People\u{2019}s Republic of China Director Wang Yi",
    );
    assert_eq!(
        field(call, "date"),
        "2024-04-02",
        "23:30 in Washington, 03:30 UTC the next day"
    );
    assert_eq!(field(call, "kind"), "call-readout");
    assert_eq!(field(call, "language"), "en");
    assert_eq!(
        field(call, "issuer"),
        "Press Releases \u{2013} United States Department of State"
    );
    assert_eq!(
        field(call, "text"),
        "Secretary of State Antony J. Blinken spoke by phone with Director Wang Yi. The Secretary \
         stressed the importance of maintaining open lines of communication.\n\n\
         The Secretary also raised concerns about the situation in the South China Sea."
    );
    let joint = by_title(&all, "Joint Statement on the Fixture Partnership Dialogue");
    assert_eq!(field(joint, "date"), "2021-05-22");
    assert_eq!(field(joint, "kind"), "joint-statement");
    assert_eq!(
        field(joint, "text"),
        "The United States and its partner held a dialogue on trade and climate.\n\n\
         Both delegations committed to meet again next year."
    );
    let utc = Fixture::empty();
    utc.run(&[
        "import",
        "feed",
        feed.to_str().unwrap(),
        "--side",
        "USA",
        "--tz",
        "UTC",
    ])
    .expect_code(1); // entry 3 has no date
    let call = lines(&utc.path("corpus"))
        .into_iter()
        .find(|v| field(v, "title").starts_with("Secretary"))
        .unwrap();
    assert_eq!(field(&call, "date"), "2024-04-03");
    f.run(&["check"]).expect_code(0);
}

#[test]
fn an_atom_feed_imports_with_beijing_dates_and_languages() {
    let f = Fixture::empty();
    let feed = feeds().join("mfa-news.atom");
    let run = f.run(&[
        "import",
        "feed",
        feed.to_str().unwrap(),
        "--side",
        "CHN",
        "--issuer",
        "MFA",
    ]);
    run.expect_code(0);
    let all = lines(&f.path("corpus"));
    assert_eq!(all.len(), 2);
    let zh = by_title(&all, "王毅同美国国务卿布林肯通电话");
    assert_eq!(field(zh, "date"), "2024-04-03", "01:10 in Beijing");
    assert_eq!(field(zh, "language"), "zh");
    assert_eq!(
        field(zh, "text"),
        "2024年4月3日，外交部长王毅应约同美国国务卿布林肯通电话。\n\n双方同意保持沟通。"
    );
    let en = by_title(
        &all,
        "Wang Yi Holds Phone Talks with U.S. Secretary of State",
    );
    assert_eq!(field(en, "date"), "2024-04-03");
    assert_eq!(field(en, "language"), "en");
    assert_eq!(
        field(en, "text"),
        "Foreign Minister Wang Yi held a phone call with Secretary of State Antony Blinken.\n\n\
         The two sides agreed to stay in communication."
    );
}

#[test]
fn a_feed_needs_a_side_and_a_bad_feed_is_named() {
    let f = Fixture::empty();
    let feed = feeds().join("state-press-releases.xml");
    let run = f.run(&["import", "feed", feed.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--side"), "{}", run.stderr);
    f.write("feeds/broken.xml", "<rss><channel><item><title>x</title>");
    let run = f.run(&[
        "import", "feed", "feeds", "--side", "USA", "--issuer", "State",
    ]);
    assert!(
        run.stdout.contains("broken.xml:1: not an RSS or Atom feed"),
        "{}",
        run.stdout
    );
}

/// The `*.jsonl` files an import wrote below `<dir>/import/`.
fn jsonl_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir.join("import")) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect()
}

#[test]
fn an_archive_whose_every_file_fails_exits_2_and_writes_nothing() {
    let f = Fixture::empty();
    f.write("archive/a.md", "Just a note without a date.\n");
    f.write("archive/b.md", "---\ntitle: [unclosed\n---\ntext\n");
    let run = f.run(&["import", "markdown", "archive", "--into", "c"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("a.md:1: no date"), "{}", run.stdout);
    assert!(jsonl_files(&f.path("c")).is_empty());
}

#[test]
fn a_smaller_reimport_is_refused_unless_forced() {
    let f = Fixture::empty();
    let md = |d: &str| format!("---\ndate: '2022-07-{d}'\ntitle: Readout {d}\n---\nThey met.\n");
    f.write("archive/a.md", md("28"));
    f.write("archive/b.md", md("29"));
    f.run(&["import", "markdown", "archive", "--into", "c"])
        .expect_code(0);
    std::fs::remove_file(f.path("archive/b.md")).unwrap();
    let run = f.run(&["import", "markdown", "archive", "--into", "c"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(
        lines(&f.path("c")).len(),
        2,
        "the first import is kept whole"
    );
    f.run(&["import", "markdown", "archive", "--into", "c", "--force"])
        .expect_code(0);
    assert_eq!(lines(&f.path("c")).len(), 1);
}
