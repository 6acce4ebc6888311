//! The charts as a reader sees them, in headless Chromium: the tone report's
//! two charts and the keyness plot, made by the real binary from the bundled
//! corpus and from the UN General Debate Corpus, are loaded with a small
//! script appended to the page that measures every `<text>` of every `<svg>`
//! (`getBoundingClientRect`, after layout, with the fonts the machine has).
//! Every label box must lie inside its SVG and no two label boxes of one SVG
//! may overlap. Skipped with a printed reason where Chromium is not installed
//! (or the UN corpus is absent).
//!
//! `READOUTS_SHOTS=DIR` also saves a screenshot of each page there.

use crate::common;

use std::path::{Path, PathBuf};

use common::{browser, chromium, Fixture};
use serde_json::Value;

/// Appended to the page: every SVG's box and its labels' boxes, as JSON in a
/// `<pre id="label-boxes">` that `--dump-dom` then prints.
const MEASURE: &str = r#"<script>
(function () {
  var out = [];
  document.querySelectorAll("svg").forEach(function (svg, i) {
    var s = svg.getBoundingClientRect();
    var labels = [];
    svg.querySelectorAll("text").forEach(function (t) {
      if (!t.textContent.trim()) return;
      var r = t.getBoundingClientRect();
      labels.push({text: t.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom});
    });
    out.push({svg: i, x0: s.left, y0: s.top, x1: s.right, y1: s.bottom, labels: labels});
  });
  var pre = document.createElement("pre");
  pre.id = "label-boxes";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"#;

/// How far (CSS px) a box may poke out or two boxes may touch: sub-pixel
/// rounding, not a visible clash.
const SLACK: f64 = 0.5;

/// The label boxes of every SVG of `page` (an HTML file), measured in Chromium.
fn measure(browser: &str, f: &Fixture, page: &Path) -> Vec<Value> {
    let html = std::fs::read_to_string(page).unwrap();
    let probe = page.with_extension("probe.html");
    let body_end = html.rfind("</body>").expect("a </body>");
    std::fs::write(
        &probe,
        format!("{}{MEASURE}{}", &html[..body_end], &html[body_end..]),
    )
    .unwrap();
    let out = chromium(
        browser,
        f,
        &["--dump-dom".into(), format!("file://{}", probe.display())],
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let start = dom
        .find("<pre id=\"label-boxes\">")
        .expect("the script ran")
        + 22;
    let end = start + dom[start..].find("</pre>").unwrap();
    let json = dom[start..end]
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"");
    match serde_json::from_str(&json).expect("label boxes as JSON") {
        Value::Array(svgs) => svgs,
        other => panic!("not a list: {other}"),
    }
}

fn rect(v: &Value) -> [f64; 4] {
    ["x0", "y0", "x1", "y1"].map(|k| v[k].as_f64().unwrap())
}

/// Labels outside their SVG and pairs of labels that overlap, as sentences.
fn faults(svgs: &[Value]) -> (Vec<String>, Vec<String>) {
    let (mut outside, mut overlapping) = (Vec::new(), Vec::new());
    for svg in svgs {
        let s = rect(svg);
        let labels = svg["labels"].as_array().unwrap();
        for (i, a) in labels.iter().enumerate() {
            let r = rect(a);
            if r[0] < s[0] - SLACK
                || r[1] < s[1] - SLACK
                || r[2] > s[2] + SLACK
                || r[3] > s[3] + SLACK
            {
                outside.push(format!(
                    "svg {}: {:?} at {r:?} outside {s:?}",
                    svg["svg"], a["text"]
                ));
            }
            for b in &labels[i + 1..] {
                let q = rect(b);
                let dx = r[2].min(q[2]) - r[0].max(q[0]);
                let dy = r[3].min(q[3]) - r[1].max(q[1]);
                if dx > SLACK && dy > SLACK {
                    overlapping.push(format!(
                        "svg {}: {:?} and {:?} overlap by {dx:.1}×{dy:.1}",
                        svg["svg"], a["text"], b["text"]
                    ));
                }
            }
        }
    }
    (outside, overlapping)
}

/// Runs the binary, writes its page, measures it and asserts the labels are
/// inside and apart; `min_labels` guards against a page that drew nothing.
fn check_page(f: &Fixture, browser: &str, name: &str, args: &[&str], min_labels: usize) {
    let run = f.run(args);
    run.expect_code(0);
    let page = f.write(&format!("{name}.html"), &run.stdout);
    let svgs = measure(browser, f, &page);
    let labels: usize = svgs
        .iter()
        .map(|s| s["labels"].as_array().unwrap().len())
        .sum();
    assert!(
        !svgs.is_empty() && labels >= min_labels,
        "{name}: {labels} labels in {} SVGs",
        svgs.len()
    );
    let (outside, overlapping) = faults(&svgs);
    println!(
        "{name}: {} SVGs, {labels} labels, {} outside, {} overlapping",
        svgs.len(),
        outside.len(),
        overlapping.len()
    );
    assert!(
        outside.is_empty(),
        "{name}: labels outside the SVG:\n{}",
        outside.join("\n")
    );
    assert!(
        overlapping.is_empty(),
        "{name}: labels overlap:\n{}",
        overlapping.join("\n")
    );
    screenshot(f, browser, name, &page);
}

/// With `READOUTS_SHOTS=DIR`, a full-page screenshot of `page` as `DIR/<name>.png`.
fn screenshot(f: &Fixture, browser: &str, name: &str, page: &Path) {
    let Some(dir) = std::env::var_os("READOUTS_SHOTS").map(PathBuf::from) else {
        return;
    };
    std::fs::create_dir_all(&dir).unwrap();
    let shot = dir.join(format!("{name}.png"));
    let out = chromium(
        browser,
        f,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2400".into(),
            format!("file://{}", page.display()),
        ],
    );
    assert!(out.status.success(), "screenshot of {name} failed");
    println!("screenshot: {}", shot.display());
}

#[test]
fn bundled_charts_labels_are_inside_and_apart() {
    let Some(browser) = browser() else {
        return;
    };
    let f = Fixture::bundled();
    check_page(
        &f,
        browser,
        "bundled-tone-year",
        &[
            "tone",
            "--by",
            "side,year",
            "--gap",
            "USA,CHN",
            "--format",
            "html",
        ],
        10,
    );
    check_page(
        &f,
        browser,
        "bundled-tone-month",
        &[
            "tone",
            "--by",
            "side,month",
            "--gap",
            "USA,CHN",
            "--format",
            "html",
        ],
        10,
    );
    check_page(
        &f,
        browser,
        "bundled-keyness",
        &[
            "keyness", "--side", "USA,CHN", "--by", "side", "--format", "html",
        ],
        10,
    );
}

#[test]
#[ignore = "needs ../shared/data/ungdc"]
fn un_charts_labels_are_inside_and_apart() {
    let Some(browser) = browser() else {
        return;
    };
    let corpus = common::ungdc_corpus();
    let corpus = corpus.to_str().unwrap();
    let f = Fixture::empty();
    check_page(
        &f,
        browser,
        "un-tone",
        &[
            "--corpus",
            corpus,
            "tone",
            "--by",
            "side,year",
            "--gap",
            "USA,CHN",
            "--format",
            "html",
        ],
        30,
    );
    check_page(
        &f,
        browser,
        "un-keyness",
        &[
            "--corpus", corpus, "keyness", "--side", "USA,CHN", "--by", "side", "--paired",
            "--max-n", "2", "--format", "html",
        ],
        20,
    );
}

/// The check itself catches what it is for: two boxes that overlap and one
/// that pokes out of its SVG are both reported.
#[test]
fn the_check_reports_overlap_and_clipping() {
    let svgs: Vec<Value> = serde_json::from_str(
        r#"[{"svg":0,"x0":0,"y0":0,"x1":100,"y1":50,"labels":[
            {"text":"Antony","x0":10,"y0":10,"x1":40,"y1":20},
            {"text":"Blinken","x0":30,"y0":12,"x1":60,"y1":22},
            {"text":"QUEST","x0":90,"y0":30,"x1":110,"y1":40},
            {"text":"apart","x0":10,"y0":30,"x1":40,"y1":40}]}]"#,
    )
    .unwrap();
    let (outside, overlapping) = faults(&svgs);
    assert_eq!(outside.len(), 1, "{outside:?}");
    assert!(outside[0].contains("QUEST"));
    assert_eq!(overlapping.len(), 1, "{overlapping:?}");
    assert!(overlapping[0].contains("Antony") && overlapping[0].contains("Blinken"));
}
