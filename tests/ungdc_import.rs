//! The UN General Debate Corpus imports whole and checks clean (ignored tests
//! unless asked for: they read ../shared/data/ungdc).

use crate::common;

use common::Fixture;

#[test]
#[ignore = "needs ../shared/data/ungdc"]
fn the_whole_un_corpus_imports_and_checks() {
    let corpus = common::ungdc_corpus();
    let run = Fixture::empty().run(&["check", corpus.to_str().unwrap()]);
    run.expect_code(0);
    assert!(
        run.stdout.starts_with("ok: 77 events, 10568 statements, "),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(", 1946 to 2022"), "{}", run.stdout);
}

#[test]
#[ignore = "needs ../shared/data/ungdc"]
fn pre_1972_china_is_kept_apart_as_the_roc_delegation() {
    let corpus = common::ungdc_corpus();
    let y1971 = std::fs::read_to_string(corpus.join("ungdc/ungdc-1971.jsonl")).unwrap();
    let roc = y1971
        .lines()
        .find(|l| l.contains("\"side\":\"ROC\""))
        .expect("ROC line in 1971");
    assert!(
        roc.contains("Republic of China") && roc.contains("CHN_26_1971.txt"),
        "{roc}"
    );
    assert!(!y1971.contains("\"side\":\"CHN\""));
    let y1972 = std::fs::read_to_string(corpus.join("ungdc/ungdc-1972.jsonl")).unwrap();
    assert!(y1972.contains("\"side\":\"CHN\""));
}

#[test]
#[ignore = "needs ../shared/data/ungdc"]
fn re_importing_rewrites_instead_of_duplicating() {
    let src = common::ungdc_dir();
    let f = Fixture::empty();
    // Two sessions are enough to show idempotence; copy them in place-free by importing twice.
    let partial = f.path("src");
    for session in ["Session 76 - 2021", "Session 77 - 2022"] {
        common::copy_dir(&src.join(session), &partial.join(session));
    }
    let src_arg = partial.to_str().unwrap();
    f.run(&["import", "ungdc", src_arg, "--into", "corpus"])
        .expect_code(0);
    let again = f.run(&["import", "ungdc", src_arg, "--into", "corpus"]);
    again.expect_code(0);
    assert!(
        again.stdout.contains("imported 387 statements in 2 events"),
        "{}",
        again.stdout
    );
    let check = f.run(&["check"]);
    check.expect_code(0);
    assert!(
        check.stdout.starts_with("ok: 2 events, 387 statements"),
        "{}",
        check.stdout
    );
}
