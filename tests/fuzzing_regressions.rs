//! Inputs the importer fuzz targets (`fuzz/fuzz_targets/import_*.rs`) found
//! wrong, run through the real binary: each test is one finding, kept so it
//! cannot come back.

use crate::common;

use common::Fixture;

/// `import_csv`: a quoted field closed in mid-value (`"TReadout of s
/// Call,"The Secretary …`) was joined with the text after its quote, so half
/// of a broken row became a statement whose words the file never held
/// together (`Call,The`). The row is now skipped with its line.
#[test]
fn a_field_that_goes_on_after_its_closing_quote_is_skipped() {
    let f = Fixture::empty();
    let csv = f.write(
        "archive.csv",
        "date,title,text\n\
         2024-05-02,Readout of s Call,\"TReadout of s Call,\"The Secretary with the Foreign Minister.\n\
         2024-05-03,Press Statement,Both sides agreed to keep channels open.\n",
    );
    let run = f.run(&[
        "import",
        "csv",
        csv.to_str().unwrap(),
        "--map",
        "date=date,title=title,text=text",
        "--set",
        "side=USA,issuer=State Department",
        "--into",
        "corpus",
    ]);
    // 1: imported, with rows skipped
    run.expect_code(1);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(
        all.contains("archive.csv:2") && all.contains("goes on after its closing quote"),
        "{all}"
    );
    let search = f.run(&["search", "Secretary"]);
    assert_eq!(search.code, 1, "{}", search.stdout);
    let kept = f.run(&["search", "channels"]);
    kept.expect_code(0);
    assert!(kept.stdout.contains("Press Statement"), "{}", kept.stdout);
}

/// `import_html`: text on either side of a block the reader leaves out (the
/// page's `<nav>`) was joined into one word (`Statement<`rticle>` from
/// `Statement` and the text after the menu); a browser shows them on two lines.
#[test]
fn a_block_left_out_of_a_saved_page_still_parts_its_neighbours() {
    let f = Fixture::empty();
    f.write(
        "mirror/www.mfa.example.org/news/2024/05/02/statement.html",
        "<html><head><title>Statement</title><meta name=\"date\" content=\"2024-05-02\"></head>\
         <body><article><h1>Foreign Secretary statement</h1><b>Preamble</b><nav>Home</nav>\
         <b>The UK welcomes the talks.</b></article></body></html>",
    );
    let run = f.run(&[
        "import", "html", "mirror", "--into", "corpus", "--side", "GBR", "--issuer", "FCDO",
    ]);
    run.expect_code(0);
    let written = std::fs::read_to_string(f.path("corpus/mfa/2024.jsonl")).unwrap();
    let line: serde_json::Value = serde_json::from_str(written.lines().next().unwrap()).unwrap();
    let text = line["text"].as_str().unwrap();
    assert!(
        text.contains("Preamble\n\nThe UK welcomes the talks."),
        "{text:?}"
    );
    assert!(!text.contains("PreambleThe"), "{text:?}");
}

/// `import_markdown`: a file that ends on its closing front-matter fence, with
/// no newline after it, was skipped with a message naming the line after the
/// fence, a line the file does not have (`line 5 of a 4-line file`, there
/// "no issuer"; here the empty body). The message now names the fence's line.
#[test]
fn a_file_ending_on_its_closing_fence_is_named_at_a_line_it_has() {
    let f = Fixture::empty();
    f.write("archive/2024-05-02-remarks.md", "---\ntitle: Remarks\n---");
    let run = f.run(&["import", "markdown", "archive", "--into", "corpus"]);
    run.expect_code(2); // nothing imported
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("2024-05-02-remarks.md:3: no text"), "{all}");
    assert!(!all.contains("remarks.md:4"), "{all}");
}

/// `import_feed`: an XML declaration longer than quick-xml's prefix buffer
/// that names another encoding (or a second declaration later in the file)
/// made feed-rs call quick-xml's `set_encoding` too late, which panics. The
/// file is now decoded before feed-rs sees it: the crashing feed is one
/// skipped file, and a feed in a declared single-byte charset keeps its
/// accents.
#[test]
fn a_long_or_second_xml_declaration_is_read_not_a_panic() {
    let f = Fixture::empty();
    let mut crash = b"<?xml ".to_vec();
    crash.extend([b']'; 67]);
    crash.extend(b"version=\"1.0\" encoding=\"UTF-16\"?>\n<r<?xml version=\"1.ss ver0\" encosiod");
    f.write("feeds/crash.xml", crash);
    let mut latin = format!(
        "<?xml version=\"1.0\"{} encoding=\"ISO-8859-1\"?>\n",
        " ".repeat(80)
    )
    .into_bytes();
    latin.extend(
        b"<rss version=\"2.0\"><channel><title>Press</title>\n\
          <item><title>Readout of the Call</title><pubDate>Thu, 02 May 2024 14:00:00 -0400</pubDate>\n\
          <description>The Secretary spoke with the Minister of Cura\xe7ao.</description></item>\n\
          </channel></rss>\n",
    );
    f.write("feeds/latin.xml", latin);
    let run = f.run(&[
        "import", "feed", "feeds", "--side", "USA", "--issuer", "State", "--into", "corpus",
    ]);
    run.expect_code(1); // imported, with a file skipped
    assert!(
        run.stdout.contains("crash.xml:1: not an RSS or Atom feed"),
        "{}",
        run.stdout
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let found = f.run(&["search", "Curaçao"]);
    found.expect_code(0);
    assert!(
        found.stdout.contains("Readout of the Call"),
        "{}",
        found.stdout
    );
}
