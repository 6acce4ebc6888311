//! Every HTML output escapes corpus text, titles, issuers and URLs: a statement
//! carrying markup must never become live markup in a report a colleague opens.

use crate::common;

use common::Fixture;

const HOSTILE: &str = r#"id = "hostile"
date = "2021-03-18"
kind = "meeting"
title = "Talks <script>alert('title')</script>"

[[statements]]
side = "USA"
issuer = "\"><img src=x onerror=alert('issuer')>"
url = "https://example.org/\"><script>alert('url')</script>"
coverage = "full"
text = "Both sides held a constructive dialogue. <script>alert('text')</script> We urged the other side to stop. \"><img src=x onerror=alert(1)>"

[[statements]]
side = "CHN"
issuer = "MFA"
coverage = "full"
text = "The dialogue was candid and constructive. <iframe src=javascript:alert(2)></iframe> We firmly oppose bullying."
"#;

fn assert_inert(what: &str, html: &str) {
    let lower = html.to_ascii_lowercase();
    for live in ["<script", "<img", "<iframe", "href=\"javascript:"] {
        assert!(!lower.contains(live), "{what}: `{live}` survived as markup");
    }
    assert!(
        html.contains("&lt;script&gt;") || html.contains("&lt;img") || html.contains("&lt;iframe"),
        "{what}: the hostile text is not shown escaped"
    );
}

#[test]
fn hostile_statements_stay_text_in_every_html_output() {
    let f = Fixture::empty();
    f.write("corpus/2021/hostile.toml", HOSTILE);
    let runs = [
        ("search", vec!["search", "dialogue", "--format", "html"]),
        ("diff", vec!["diff", "hostile", "--format", "html"]),
        (
            "tone",
            vec!["tone", "--by", "side,event", "--format", "html"],
        ),
        (
            "keyness",
            vec![
                "keyness",
                "--by",
                "side",
                "--min-count",
                "1",
                "--format",
                "html",
            ],
        ),
    ];
    for (what, args) in runs {
        let run = f.run(&args);
        assert_eq!(run.code, 0, "{what}: {}", run.stderr);
        assert_inert(what, &run.stdout);
    }
}

#[test]
fn only_web_urls_are_accepted_into_the_corpus() {
    let f = Fixture::empty();
    f.write(
        "corpus/2021/hostile.toml",
        HOSTILE.replace("https://example.org/", "javascript:alert(3)//"),
    );
    let run = f.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stdout.contains("must start with http:// or https://"),
        "{}",
        run.stdout
    );
}
