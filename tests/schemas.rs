//! The JSON every command writes validates against the schema `readouts
//! schema CMD` prints (docs/schemas/, draft 2020-12), checked with Python's
//! `jsonschema` package on the real binary's output for the bundled corpus, a
//! corpus with an initiator and negated and graded hits, and the UN General
//! Debate Corpus where present. The schemas are shown not to be vacuous: for
//! every object in an output, adding a field is rejected; for every field of
//! the top object, removing it is rejected; for every field holding a number,
//! string or boolean anywhere, a value of another type is rejected. Skipped
//! with a printed reason when python3 or jsonschema is missing.

use crate::common;

use std::process::Command;

use common::Fixture;
use serde_json::Value;

/// Validates a document (or each line of JSON Lines against one `$defs`
/// entry) and tries the mutations; prints a JSON report.
const VALIDATE: &str = r##"
import json, sys
import jsonschema
schema_path, data_path, mode, ref, mutate = sys.argv[1:6]
schema = json.load(open(schema_path, encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
if ref != "-":
    schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/" + ref}
v = jsonschema.Draft202012Validator(schema)
text = open(data_path, encoding="utf-8").read()
docs = [json.loads(l) for l in text.splitlines() if l.strip()] if mode == "lines" else [json.loads(text)]

def errors(doc):
    return ["%s: %s" % ("/".join(map(str, e.absolute_path)), e.message[:300]) for e in v.iter_errors(doc)]

def objects(x, path, seen, out):
    # One instance of each object path (array indexes folded to []).
    if isinstance(x, dict):
        if path not in seen:
            seen.add(path); out.append(("o", path, x))
        for k, y in x.items():
            objects(y, path + "/" + k, seen, out)
    elif isinstance(x, list):
        for y in x:
            objects(y, path + "[]", seen, out)
    elif path not in seen and x is not None:
        seen.add(path); out.append(("s", path, x))

def other_type(x):
    if isinstance(x, bool): return "true"
    if isinstance(x, (int, float)): return "12"
    return 12

report = {"documents": len(docs), "invalid": [], "mutations": 0, "accepted": []}
for i, doc in enumerate(docs):
    for e in errors(doc):
        report["invalid"].append("document %d: %s" % (i, e))
probe = docs[0] if docs and mutate == "mutate" else None
if probe is not None:
    found = []
    objects(probe, "", set(), found)
    for kind, path, node in found:
        if kind == "o":
            node["zz_unknown_field"] = 1
            report["mutations"] += 1
            if not errors(probe): report["accepted"].append("extra field at " + (path or "/"))
            del node["zz_unknown_field"]
    def swap(x, path):
        # The container holding the first value at `path`, and its key.
        parts = [p for p in path.replace("[]", "/[]").split("/") if p]
        node = x
        for p in parts[:-1]:
            node = node[0] if p == "[]" else node[p]
        last = parts[-1]
        if last == "[]":
            return node, 0
        return node, last
    for kind, path, node in found:
        if kind != "s": continue
        try:
            parent, key = swap(probe, path)
            old = parent[key]
        except (KeyError, IndexError, TypeError):
            continue
        if old is None:
            continue
        parent[key] = other_type(old)
        report["mutations"] += 1
        if not errors(probe): report["accepted"].append("wrong type at " + path)
        parent[key] = old
    if isinstance(probe, dict):
        for key in list(probe):
            old = probe.pop(key)
            report["mutations"] += 1
            if not errors(probe): report["accepted"].append("field removed: " + key)
            probe[key] = old
print(json.dumps(report))
"##;

/// Whether python3 with jsonschema is there (else SKIPPED is printed).
fn validator() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        println!("SKIPPED: python3 with the jsonschema package is not installed (pip install jsonschema)");
    }
    ok
}

/// Runs `args`, validates its output against `readouts schema CMD` (whole,
/// or each line against `$defs/REF`), and asserts the output is valid and
/// every mutation is rejected. `removable` lists top-level fields the schema
/// leaves optional. Returns the number of mutations tried.
fn check(
    f: &Fixture,
    name: &str,
    args: &[&str],
    schema_of: &str,
    lines: Option<&str>,
    removable: &[&str],
) -> usize {
    check_with(f, name, args, (schema_of, lines), removable, true)
}

/// As [`check`] without the mutations: for outputs of the UN corpus, whose
/// size makes each revalidation slow; the mutations are tried on the bundled
/// corpus's outputs of the same commands.
fn check_valid(f: &Fixture, name: &str, args: &[&str], schema_of: &str, lines: Option<&str>) {
    check_with(f, name, args, (schema_of, lines), &[], false);
}

fn check_with(
    f: &Fixture,
    name: &str,
    args: &[&str],
    (schema_of, lines): (&str, Option<&str>),
    removable: &[&str],
    mutate: bool,
) -> usize {
    let run = f.run(args);
    assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
    let data = f.write(&format!("{name}.out"), &run.stdout);
    let schema = f.run(&["schema", schema_of]);
    schema.expect_code(0);
    let schema_path = f.write(&format!("{schema_of}.schema.json"), &schema.stdout);
    let script = f.write("validate.py", VALIDATE);
    let out = Command::new("python3")
        .arg(&script)
        .arg(&schema_path)
        .arg(&data)
        .args([
            if lines.is_some() { "lines" } else { "doc" },
            lines.unwrap_or("-"),
            if mutate { "mutate" } else { "validate" },
        ])
        .output()
        .expect("run python3");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_str(&stdout).expect("the validator's report");
    assert!(
        report["documents"].as_u64().unwrap() > 0,
        "{name}: no output"
    );
    let invalid = report["invalid"].as_array().unwrap();
    assert!(
        invalid.is_empty(),
        "{name}: output does not match the schema:\n{invalid:#?}"
    );
    let accepted: Vec<&str> = report["accepted"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .filter(|a| {
            !removable
                .iter()
                .any(|r| *a == format!("field removed: {r}"))
        })
        .collect();
    assert!(
        accepted.is_empty(),
        "{name}: the schema accepts mutated output: {accepted:#?}"
    );
    let tried = report["mutations"].as_u64().unwrap() as usize;
    if mutate {
        assert!(tried > 0, "{name}: no mutation tried");
        println!("{name}: valid; {tried} mutations, all rejected");
    } else {
        println!("{name}: valid");
    }
    tried
}

/// An event where the U.S. readout says who asked for the call, with a
/// negated, a graded and a demanding phrase, so initiators, negators and
/// grades appear in the outputs.
const ASKED: &str = r#"id = "2021-09-09-call"
date = "2021-09-09"
kind = "call"
title = "Call"

[[statements]]
side = "USA"
issuer = "White House"
coverage = "excerpt"
text = "President Biden spoke with President Xi at the request of the Chinese side. They discussed competition. The talks were not constructive."

[[statements]]
side = "CHN"
issuer = "MFA"
coverage = "excerpt"
text = "President Xi held a phone call with President Biden. China expressed serious concern and lodged stern representations. The U.S. must stop its bullying."
"#;

fn fixture() -> Fixture {
    let f = Fixture::bundled();
    f.write("corpus/2021/2021-09-09-call.toml", ASKED);
    f
}

#[test]
fn every_command_s_json_matches_its_schema_on_the_bundled_corpus() {
    if !validator() {
        return;
    }
    let f = fixture();
    let mut tried = 0;
    tried += check(
        &f,
        "check",
        &["check", "--format", "json"],
        "check",
        None,
        &[],
    );
    for (name, args, lines) in [
        (
            "search",
            vec!["search", "trade OR bullying", "--format", "json"],
            None,
        ),
        (
            "search-lines",
            vec!["search", "trade OR bullying", "--format", "jsonl"],
            Some("hit"),
        ),
        (
            "counts",
            vec!["search", "trade", "--count-by", "side", "--format", "json"],
            None,
        ),
        (
            "count-lines",
            vec![
                "search",
                "trade",
                "--count-by",
                "month",
                "--format",
                "jsonl",
            ],
            Some("count_line"),
        ),
    ] {
        tried += check(&f, name, &args, "search", lines, &[]);
    }
    tried += check(
        &f,
        "kwic",
        &["kwic", "trade", "--format", "json"],
        "kwic",
        None,
        &[],
    );
    tried += check(
        &f,
        "kwic-lines",
        &["kwic", "trade", "--format", "jsonl"],
        "kwic",
        Some("line"),
        &[],
    );
    tried += check(
        &f,
        "phrases",
        &["phrases", "--format", "json"],
        "phrases",
        None,
        &["statements", "initiators"],
    );
    tried += check(
        &f,
        "phrases-summary",
        &["phrases", "--summary", "--format", "json"],
        "phrases",
        None,
        &[],
    );
    tried += check(
        &f,
        "tone",
        &[
            "tone",
            "--by",
            "side,month",
            "--gap",
            "USA,CHN",
            "--format",
            "json",
        ],
        "tone",
        None,
        &[],
    );
    tried += check(
        &f,
        "tone-explain",
        &["tone", "--explain", "--format", "json"],
        "tone",
        None,
        &["statements"],
    );
    tried += check(
        &f,
        "keyness",
        &[
            "keyness", "--side", "USA,CHN", "--by", "side", "--max-n", "3", "--format", "json",
        ],
        "keyness",
        None,
        &[],
    );
    tried += check(
        &f,
        "diff",
        &["diff", "2021-09-09-call", "--format", "json"],
        "diff",
        None,
        &[],
    );
    tried += check(
        &f,
        "diff-trump-xi",
        &["diff", "2026-02-trump-xi-call", "--format", "json"],
        "diff",
        None,
        &[],
    );
    assert!(tried > 300, "only {tried} mutations tried");
}

/// `pair` writes TOML; read as JSON it matches `readouts schema pair`.
#[test]
fn the_pairing_file_matches_its_schema() {
    if !validator() {
        return;
    }
    let f = Fixture::empty();
    let line = |event: &str, date: &str, side: &str, title: &str, text: &str| {
        serde_json::json!({"event": event, "date": date, "kind": "meeting-readout", "side": side,
            "issuer": if side == "USA" { "State" } else { "MFA" }, "title": title,
            "url": format!("https://example.org/{event}"), "coverage": "full", "text": text,
            "event_title": title, "language": "en", "id": format!("{event}/{side}/en")})
        .to_string()
    };
    f.write("corpus/us.jsonl", [
        line("us-a", "2023-06-18", "USA", "Secretary Blinken's Meeting with Director Wang Yi", "Secretary Blinken met Director Wang Yi in Beijing on fentanyl and consular affairs."),
        line("us-b", "2023-06-19", "USA", "Call with Prime Minister Modi", "The President spoke with Prime Minister Modi about semiconductors."),
    ].join("\n") + "\n");
    f.write(
        "corpus/cn.jsonl",
        [
            line(
                "cn-a",
                "2023-06-19",
                "CHN",
                "Wang Yi Meets with Antony Blinken",
                "Wang Yi met with Antony Blinken in Beijing on fentanyl and consular affairs.",
            ),
            line(
                "cn-c",
                "2023-06-18",
                "CHN",
                "Qin Gang Holds Talks in Hanoi",
                "Qin Gang held talks on rail links.",
            ),
        ]
        .join("\n")
            + "\n",
    );
    let run = f.run(&["pair", "--sides", "USA,CHN", "--floor", "0"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let table: toml::Table = toml::from_str(&run.stdout).expect("TOML");
    let pairs = table
        .get("pair")
        .and_then(|p| p.as_array())
        .map_or(0, Vec::len);
    assert!(pairs >= 1, "{}\n{}", run.stdout, run.stderr);
    let json = serde_json::to_string(&table).unwrap();
    let data = f.write("pairs.json", json);
    let schema = f.run(&["schema", "pair"]);
    schema.expect_code(0);
    let schema_path = f.write("pair.schema.json", &schema.stdout);
    let script = f.write("validate.py", VALIDATE);
    let out = Command::new("python3")
        .arg(&script)
        .arg(&schema_path)
        .arg(&data)
        .args(["doc", "-", "mutate"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).expect("report");
    assert_eq!(report["invalid"], Value::Array(vec![]), "{report}");
    let accepted: Vec<&Value> = report["accepted"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a.as_str() != Some("field removed: pair"))
        .collect();
    assert!(accepted.is_empty(), "{accepted:?}");
    println!(
        "pair: valid; {} mutations, all rejected",
        report["mutations"]
    );
}

#[test]
#[ignore = "needs ../shared/data/ungdc"]
fn the_un_corpus_outputs_match_their_schemas() {
    if !validator() {
        return;
    }
    let corpus = common::ungdc_corpus();
    let c = corpus.to_str().unwrap();
    let f = Fixture::empty();
    let with = |args: &[&'static str]| {
        let mut all = vec!["--corpus", c];
        all.extend_from_slice(args);
        all
    };
    check_valid(
        &f,
        "un-check",
        &with(&["check", "--quiet", "--format", "json"]),
        "check",
        None,
    );
    check_valid(
        &f,
        "un-search",
        &with(&["search", "hegemonism", "--limit", "50", "--format", "json"]),
        "search",
        None,
    );
    check_valid(
        &f,
        "un-kwic",
        &with(&["kwic", "hegemonism", "--format", "jsonl"]),
        "kwic",
        Some("line"),
    );
    check_valid(
        &f,
        "un-phrases",
        &with(&[
            "phrases", "--side", "USA,CHN", "--from", "2015", "--format", "json",
        ]),
        "phrases",
        None,
    );
    check_valid(
        &f,
        "un-tone",
        &with(&[
            "tone",
            "--by",
            "side,year",
            "--gap",
            "USA,CHN",
            "--format",
            "json",
        ]),
        "tone",
        None,
    );
    check_valid(
        &f,
        "un-keyness",
        &with(&[
            "keyness", "--side", "USA,CHN", "--by", "side", "--paired", "--max-n", "2", "--format",
            "json",
        ]),
        "keyness",
        None,
    );
    check_valid(
        &f,
        "un-diff",
        &with(&[
            "diff",
            "ungdc-2022",
            "--sides",
            "USA,CHN",
            "--format",
            "json",
        ]),
        "diff",
        None,
    );
}
