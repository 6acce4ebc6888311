//! Chinese statements through the binary: search and phrase queries by
//! Chinese word, counts per year, KWIC lines aligned by display width, on a
//! small corpus written here and on the real MFA pages (../shared: ignored tests
//! unless asked for); and the figures behind the README's rule on rates
//! per 1,000 words across languages.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use common::Fixture;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// One event with a Chinese and an English statement.
fn event(f: &Fixture, id: &str, date: &str, zh: &str, en: &str) {
    let year = &date[..4];
    f.write(
        &format!("corpus/{year}/{id}.toml"),
        format!(
            "id = \"{id}\"\ndate = \"{date}\"\nkind = \"press-conference\"\ntitle = \"{id}\"\n\n\
             [[statements]]\nid = \"zh\"\nside = \"CHN\"\nissuer = \"MFA\"\nlanguage = \"zh\"\n\
             coverage = \"full\"\ntext = \"{zh}\"\n\n\
             [[statements]]\nid = \"en\"\nside = \"CHN\"\nissuer = \"MFA\"\nlanguage = \"en\"\n\
             coverage = \"full\"\ntext = \"{en}\"\n"
        ),
    );
}

fn small_corpus() -> Fixture {
    let f = Fixture::empty();
    event(
        &f,
        "c1",
        "2019-05-14",
        "美方的霸凌行径不得人心。中方对此表示严重关切。",
        "The US bullying finds no support. China is seriously concerned.",
    );
    event(
        &f,
        "c2",
        "2020-06-02",
        "我们反对任何形式的霸凌主义，反对Pompeo（蓬佩奥）的言论。",
        "We oppose bullying in any form, and Pompeo's remarks.",
    );
    event(
        &f,
        "c3",
        "2020-07-01",
        "问题很严重。我们的关切是一贯的。",
        "The problem is serious. Our concern is consistent.",
    );
    f
}

/// `search ARGS --count-by year --format json` as year → statements.
fn counts_by_year(f: &Fixture, corpus: &str, query: &str) -> BTreeMap<String, u64> {
    let run = f.run(&[
        "--corpus",
        corpus,
        "search",
        query,
        "--count-by",
        "year",
        "--format",
        "json",
    ]);
    // 1 is "no statement found", like grep.
    assert!(run.code == 0 || run.code == 1, "{run:?}");
    let v: Value = serde_json::from_str(&run.stdout).expect("search JSON");
    v["counts"]
        .as_array()
        .expect("counts")
        .iter()
        .map(|c| {
            let key = c["key"].as_str().unwrap().to_string();
            (key, c["statements"].as_u64().unwrap())
        })
        .collect()
}

fn years(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|&(y, n)| (y.to_string(), n)).collect()
}

#[test]
fn search_finds_a_chinese_word_and_counts_it_by_year() {
    let f = small_corpus();
    let found = counts_by_year(&f, "corpus", "霸凌");
    assert_eq!(found, years(&[("2019", 1), ("2020", 1)]));
    // A character of the word alone is not the word.
    assert!(counts_by_year(&f, "corpus", "霸").is_empty());
    // The Latin name inside the Chinese text is a word of its own.
    assert_eq!(
        counts_by_year(&f, "corpus", "蓬佩奥"),
        years(&[("2020", 1)])
    );
    assert_eq!(
        counts_by_year(&f, "corpus", "pompeo"),
        years(&[("2020", 2)])
    );
}

#[test]
fn phrase_queries_need_the_words_together() {
    let f = small_corpus();
    // 严重 and 关切 are both in c1 (together) and c3 (apart).
    let both = years(&[("2019", 1), ("2020", 1)]);
    assert_eq!(counts_by_year(&f, "corpus", "严重 AND 关切"), both);
    let together = years(&[("2019", 1)]);
    assert_eq!(counts_by_year(&f, "corpus", "\"严重 关切\""), together);
    assert_eq!(counts_by_year(&f, "corpus", "\"严重关切\""), together);
    assert_eq!(counts_by_year(&f, "corpus", "严重关切"), together);
}

/// The display column at which `needle` starts in each line that has it.
fn keyword_columns(out: &str, needle: &str) -> Vec<usize> {
    out.lines()
        .filter_map(|l| l.find(needle).map(|i| l[..i].width()))
        .collect()
}

#[test]
fn kwic_lines_up_by_display_width() {
    let f = small_corpus();
    for width in ["8", "15", "40"] {
        let run = f.run(&["kwic", "霸凌", "--width", width]);
        run.expect_code(0);
        let columns = keyword_columns(&run.stdout, "霸凌");
        assert_eq!(columns.len(), 2, "{}", run.stdout);
        assert_eq!(columns[0], columns[1], "width {width}:\n{}", run.stdout);
        for line in run.stdout.lines().filter(|l| l.contains("霸凌")) {
            let right = &line[line.find("霸凌").unwrap() + "霸凌".len()..];
            assert!(right.width() <= width.parse().unwrap(), "{line}");
        }
    }
}

/// The MFA pages imported into `corpus/` of a new fixture.
fn mfa_fixture() -> Fixture {
    let f = Fixture::empty();
    assert!(f.import_shared("html", "mfa-fmprc").join("fmprc").is_dir());
    f
}

fn imported(corpus: &Path) -> Vec<Value> {
    let mut out = Vec::new();
    for file in std::fs::read_dir(corpus.join("fmprc")).unwrap() {
        let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
        out.extend(
            text.lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap()),
        );
    }
    out
}

#[test]
#[ignore = "needs ../shared/data/mfa-fmprc"]
fn search_finds_every_mfa_conference_that_says_baling() {
    let f = mfa_fixture();
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for s in imported(&f.path("corpus")) {
        if s["text"].as_str().unwrap().contains("霸凌") {
            assert_eq!(s["language"], "zh", "{}", s["url"]);
            *expected
                .entry(s["date"].as_str().unwrap()[..4].to_string())
                .or_default() += 1;
        }
    }
    let found = counts_by_year(&f, "corpus", "霸凌");
    println!("search 霸凌 over the MFA pages, statements per year: {found:?}");
    assert_eq!(found, expected);
    assert!(found.values().sum::<u64>() >= 50, "{found:?}");
    let run = f.run(&["kwic", "霸凌", "--width", "30"]);
    run.expect_code(0);
    let columns = keyword_columns(&run.stdout, "霸凌");
    assert!(columns.len() >= 50, "{}", run.stdout);
    assert!(columns.iter().all(|&c| c == columns[0]), "{}", run.stdout);
}

/// The figures behind the README's rule: Chinese words per Han character,
/// and English words per Chinese word over the conferences published in
/// both languages (one Chinese and one English conference on a date).
#[test]
#[ignore = "needs ../shared/data/mfa-fmprc"]
fn words_per_character_on_the_paired_mfa_conferences() {
    let f = mfa_fixture();
    let mut by_date: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
    for s in imported(&f.path("corpus")) {
        if s["kind"] != "press-conference" {
            continue;
        }
        let entry = by_date
            .entry(s["date"].as_str().unwrap().into())
            .or_default();
        let text = s["text"].as_str().unwrap().to_string();
        match s["language"].as_str() {
            Some("zh") => entry.0.push(text),
            Some("en") => entry.1.push(text),
            _ => {}
        }
    }
    let (mut pairs, mut han, mut zh_words, mut en_words) = (0, 0, 0, 0);
    for (zh, en) in by_date.values() {
        if let ([zh], [en]) = (zh.as_slice(), en.as_slice()) {
            pairs += 1;
            han += zh
                .chars()
                .filter(|&c| readouts::text::han::is_han(c))
                .count();
            zh_words += readouts::text::word_count(zh);
            en_words += readouts::text::word_count(en);
        }
    }
    let per_char = zh_words as f64 / han as f64;
    let en_per_zh = en_words as f64 / zh_words as f64;
    println!(
        "{pairs} paired conferences: {han} Han characters, {zh_words} Chinese words \
         ({per_char:.3} words per character), {en_words} English words \
         ({en_per_zh:.3} English words per Chinese word)"
    );
    assert!(pairs >= 400, "{pairs} pairs");
    // Word by word, not character by character; and the two versions are
    // translations, so their word counts are of one order.
    assert!((0.45..0.85).contains(&per_char), "{per_char}");
    assert!((0.7..1.6).contains(&en_per_zh), "{en_per_zh}");
}

#[test]
fn tone_reads_chinese_statements_and_keyness_refuses_two_languages() {
    let f = small_corpus();
    let run = f.run(&[
        "tone",
        "--by",
        "year",
        "--query",
        "language:zh",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    assert!(run.stdout.contains("\"confrontational\""), "{}", run.stdout);
    let explain = f.run(&[
        "tone",
        "--explain",
        "--query",
        "language:zh",
        "--format",
        "json",
    ]);
    explain.expect_code(0);
    for surface in ["霸凌行径", "严重关切", "霸凌主义"] {
        assert!(
            explain.stdout.contains(surface),
            "{surface}: {}",
            explain.stdout
        );
    }
    let run = f.run(&[
        "keyness",
        "--a",
        "query=language:zh",
        "--b",
        "query=language:en",
    ]);
    assert_ne!(run.code, 0);
    let message = run.stderr.trim();
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.contains("(zh)") && message.contains("(en)"),
        "{message}"
    );
    let run = f.run(&[
        "keyness",
        "--a",
        "from=2020,query=language:zh",
        "--b",
        "to=2019-12-31,query=language:zh",
        "--min-count",
        "1",
    ]);
    run.expect_code(0);
    assert!(run.stdout.contains("反对"), "{}", run.stdout);
}
