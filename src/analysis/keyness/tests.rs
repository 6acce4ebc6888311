use super::*;
use crate::corpus::{Corpus, Coverage, Event, Filter, Origin, Side};

fn statement(event: &str, side: &str, date: &str, text: &str) -> Statement {
    Statement {
        id: format!("{event}/{side}"),
        event_id: event.into(),
        date: date.parse().unwrap(),
        side: Side::parse(side).unwrap(),
        issuer: format!("{side} office"),
        title: String::new(),
        language: "en".into(),
        url: None,
        coverage: Coverage::Full,
        quoted_in: None,
        notes: None,
        text: text.into(),
        turns: Vec::new(),
        stored: Default::default(),
        origin: Origin {
            path: "t.toml".into(),
            line: 1,
        },
    }
}

/// Two CHN and two USA statements in two events, plus a one-sided event.
fn corpus() -> Corpus {
    let event = |id: &str, date: &str, statements: Vec<Statement>| Event {
        id: id.into(),
        date: date.parse().unwrap(),
        kind: "call".into(),
        title: id.into(),
        participants: vec![],
        notes: None,
        statements,
        origin: Origin {
            path: "t.toml".into(),
            line: 1,
        },
    };
    Corpus::new(
        "corpus".into(),
        vec![
            event(
                "e1",
                "2019-01-01",
                vec![
                    statement("e1", "CHN", "2019-01-01", A[0]),
                    statement("e1", "USA", "2019-01-01", B[0]),
                ],
            ),
            event(
                "e2",
                "2021-01-01",
                vec![
                    statement("e2", "CHN", "2021-01-01", A[1]),
                    statement("e2", "USA", "2021-01-01", B[1]),
                ],
            ),
            event(
                "e3",
                "2022-01-01",
                vec![statement(
                    "e3",
                    "USA",
                    "2022-01-01",
                    "Freedom freedom freedom.",
                )],
            ),
        ],
    )
}

const A: [&str; 2] = [
    "Hegemonism threatens peace and development. Hegemonism harms developing countries.",
    "Developing countries want development. Peace first.",
];
const B: [&str; 2] = [
    "Freedom and democracy. Freedom of speech matters.",
    "Peace and freedom. Democracy matters for developing countries.",
];

fn find<'k>(k: &'k Keyness, n: usize, stems: &str) -> &'k Term {
    let o = &k.orders[n - 1];
    o.top_a
        .iter()
        .chain(&o.top_b)
        .find(|t| t.stems == stems)
        .unwrap_or_else(|| panic!("{stems} not listed: {o:?}"))
}

fn close(x: f64, y: f64) -> bool {
    (x - y).abs() < 1e-12
}

/// Expected values from an independent Python script (/tmp fw.py, 20 lines):
/// it splits each text on full stops, takes `[a-z]+` tokens of the
/// lower-cased sentence, builds n-grams inside sentences with Python lists,
/// uses the two groups together as the prior, and evaluates
/// `ln((y+α)/(n+α0−y−α))` per group, their difference δ and δ/√(1/(y_a+α)+1/(y_b+α)).
/// Its output (the words chosen have one surface form per stem):
///
/// ```text
/// n 1 na 15 nb 15 a0 30
/// hegemonism 2 0 2 0.7407752295491998 0.8553735563784748
/// freedom 0 3 3 -0.7672551527136675 -1.0850626427683088
/// peace 2 1 3 0.2478361639045814 0.36945233984894915
/// democracy 0 2 2 -0.7407752295491998 -0.8553735563784748
/// n 2 na 11 nb 11 a0 22
/// developing countries 2 1 3 0.2582348711254798 0.384953817331647
/// ```
#[test]
fn z_scores_match_an_independent_computation() {
    let c = corpus();
    let pick = |side: &str| Group {
        label: side.into(),
        statements: c
            .statements()
            .filter(|(e, s)| s.side.as_str() == side && e.id != "e3")
            .map(|(_, s)| s)
            .collect(),
    };
    let options = Options {
        min_count: 1,
        ..Options::default()
    };
    let k = compare(&pick("CHN"), &pick("USA"), &Prior::Pooled, &options).unwrap();
    assert_eq!(
        (
            k.orders[0].total_a,
            k.orders[0].total_b,
            k.orders[0].total_prior
        ),
        (15, 15, 30)
    );
    assert_eq!(
        (
            k.orders[1].total_a,
            k.orders[1].total_b,
            k.orders[1].total_prior
        ),
        (11, 11, 22)
    );
    let expected = [
        (
            1,
            "hegemon",
            2,
            0,
            2,
            0.7407752295491998,
            0.8553735563784748,
        ),
        (
            1,
            "freedom",
            0,
            3,
            3,
            -0.7672551527136675,
            -1.0850626427683088,
        ),
        (1, "peac", 2, 1, 3, 0.2478361639045814, 0.36945233984894915),
        (
            1,
            "democraci",
            0,
            2,
            2,
            -0.7407752295491998,
            -0.8553735563784748,
        ),
        (
            2,
            "develop countri",
            2,
            1,
            3,
            0.2582348711254798,
            0.384953817331647,
        ),
    ];
    for (n, stems, ya, yb, prior, delta, z) in expected {
        let t = find(&k, n, stems);
        assert_eq!((t.count_a, t.count_b, t.prior), (ya, yb, prior), "{stems}");
        assert!(close(t.delta, delta), "{stems}: δ {} ≠ {delta}", t.delta);
        assert!(close(t.z, z), "{stems}: z {} ≠ {z}", t.z);
    }
    assert_eq!(k.orders[0].top_b[0].term, "Freedom");
    assert_eq!(find(&k, 2, "develop countri").term, "developing countries");
}

#[test]
fn log_odds_is_antisymmetric_and_zero_for_equal_use() {
    let s = log_odds(5.0, 100.0, 5.0, 100.0, 3.0, 50.0);
    assert_eq!(s.delta, 0.0);
    let x = log_odds(7.0, 90.0, 2.0, 120.0, 4.0, 60.0);
    let y = log_odds(2.0, 120.0, 7.0, 90.0, 4.0, 60.0);
    assert!(close(x.z, -y.z) && x.z > 0.0);
}

#[test]
fn a_prior_without_the_term_leaves_it_unscored() {
    let c = corpus();
    let (a, b) = by_side(&c, &Filter::default(), None).unwrap();
    let prior = Group {
        label: "e3".into(),
        statements: c.event("e3").unwrap().statements.iter().collect(),
    };
    let options = Options {
        min_count: 2,
        ..Options::default()
    };
    let k = compare(&a, &b, &Prior::Group(prior), &options).unwrap();
    // Only "freedom" is in the prior; "hegemonism", "peace", ... are not.
    assert_eq!(k.orders[0].scored, 1);
    assert!(k.orders[0].unscored >= 4, "{:?}", k.orders[0]);
    assert_eq!(k.prior.words, 3);
}

#[test]
fn groups_by_side_split_selection_and_pairing() {
    let c = corpus();
    let all = Filter::default();
    let (a, b) = by_side(&c, &all, None).unwrap();
    assert_eq!(
        (a.label.as_str(), a.statements.len(), b.statements.len()),
        ("CHN", 2, 3)
    );
    let (a, b) = paired(a, b);
    assert_eq!((a.statements.len(), b.statements.len()), (2, 2));
    let (early, late) = by_split(&c, &all, "2020".parse().unwrap());
    assert_eq!((early.statements.len(), late.statements.len()), (2, 3));
    assert_eq!(early.label, "before 2020");
    let sel = parse_selection("side=usa, from=2020").unwrap();
    let (a, rest) = by_selections(&c, &all, &sel, None).unwrap();
    assert_eq!((a.statements.len(), rest.statements.len()), (2, 3));
    assert_eq!(a.label, "side=USA,from=2020");
    assert_eq!(rest.label, "not side=USA,from=2020");
}

#[test]
fn bad_selections_and_groups_are_refused() {
    let err = parse_selection("side=CHN,color=red")
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown key `color`"), "{err}");
    let unanswered = parse_selection("side=CHN,query=peace, development").unwrap();
    assert_eq!(unanswered.query.as_deref(), Some("peace, development"));
    let err = by_selections(&corpus(), &Filter::default(), &unanswered, None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "selection `side=CHN,query=peace, development`: its full-text query was not answered by the index"
    );
    assert!(parse_selection("side=CHN,query= ").is_err());
    assert!(parse_selection("from=19x").is_err());
    assert!(parse_selection("").is_err());
    let c = corpus();
    let f = parse_selection("side=FRA").unwrap();
    let (a, b) = by_selections(&c, &Filter::default(), &f, None).unwrap();
    let err = compare(&a, &b, &Prior::Pooled, &Options::default()).unwrap_err();
    assert_eq!(err, KeynessError::EmptyGroup("side=FRA".into()));
    let one = parse_selection("side=CHN").unwrap();
    let err = by_side(&c, &one.filter, None).unwrap_err().to_string();
    assert!(err.contains("have 1: CHN"), "{err}");
}

#[test]
fn context_lines_point_at_the_hits() {
    let c = corpus();
    let (a, b) = paired_sides(&c);
    let options = Options {
        min_count: 1,
        ..Options::default()
    };
    let k = compare(&a, &b, &Prior::Pooled, &options).unwrap();
    let term = find(&k, 2, "develop countri");
    let lines = contexts(&a, &b, &[(Which::A, term)], 5, 12);
    let l = &lines[0];
    assert_eq!((l.a.len(), l.b.len()), (2, 1));
    let first = &l.a[0];
    assert_eq!(first.statement, "e1/CHN");
    assert_eq!(&A[0][first.start..first.end], "developing countries");
    assert_eq!(
        (first.before.as_str(), first.after.as_str()),
        ("onism harms ", ".")
    );
    assert_eq!(l.b[0].hit, "developing countries");
}

fn paired_sides(c: &Corpus) -> (Group<'_>, Group<'_>) {
    let (a, b) = by_side(c, &Filter::default(), None).unwrap();
    paired(a, b)
}

#[test]
fn selections_read_conditions_queries_or_both() {
    let bare = parse_selection(" hegemonism OR \"power politics\" ").unwrap();
    assert_eq!(bare.filter, Filter::default());
    assert_eq!(
        bare.query.as_deref(),
        Some("hegemonism OR \"power politics\"")
    );
    assert_eq!(bare.label(), "hegemonism OR \"power politics\"");
    // Without `=` after a first word, even `side` is a query.
    assert_eq!(
        parse_selection("side").unwrap().query.as_deref(),
        Some("side")
    );
    assert_eq!(
        parse_selection("\"x=y\" peace").unwrap().query.as_deref(),
        Some("\"x=y\" peace")
    );
    let both = parse_selection("side=CHN, from=1990,query=peace, development=x").unwrap();
    assert_eq!(both.filter.sides, [Side::parse("CHN").unwrap()]);
    assert_eq!(both.filter.from, Some("1990".parse().unwrap()));
    assert_eq!(both.query.as_deref(), Some("peace, development=x"));
    assert_eq!(
        both.label(),
        "side=CHN,from=1990,query=peace, development=x"
    );
    let plain = parse_selection("kind=call,to=2020-06").unwrap();
    assert_eq!(
        (plain.query.clone(), plain.label()),
        (None, "kind=call,to=2020-06".to_string())
    );
}

#[test]
fn groups_of_different_languages_are_refused() {
    let c = corpus();
    let mut zh = statement("e9", "CHN", "2020-01-01", "中方坚决反对美方的霸凌行径。");
    zh.language = "zh".into();
    let english: Vec<&Statement> = c.statements().map(|(_, s)| s).collect();
    let a = Group {
        label: "side=CHN".into(),
        statements: vec![&zh],
    };
    let b = Group {
        label: "rest".into(),
        statements: english.clone(),
    };
    let err = compare(&a, &b, &Prior::Pooled, &Options::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot compare `side=CHN` (zh) with `rest` (en): words of different languages are not comparable; select one language in both (query=language:zh)"
    );
    let mut mixed = english.clone();
    mixed.push(&zh);
    let m = Group {
        label: "all".into(),
        statements: mixed,
    };
    let err = compare(&m, &b, &Prior::Pooled, &Options::default()).unwrap_err();
    assert!(
        err.to_string().contains("mixes languages (en, zh)"),
        "{err}"
    );
    // A prior of both languages is counted over the groups' language only.
    let half = english.len() / 2;
    let (x, y) = (
        Group {
            label: "x".into(),
            statements: english[..half].to_vec(),
        },
        Group {
            label: "y".into(),
            statements: english[half..].to_vec(),
        },
    );
    let prior = Prior::Group(m.clone());
    let with_zh = compare(&x, &y, &prior, &Options::default()).unwrap();
    let without = compare(&x, &y, &Prior::Group(b.clone()), &Options::default()).unwrap();
    assert_eq!(with_zh.prior.words, without.prior.words);
}

#[test]
fn chinese_groups_compare_by_chinese_word() {
    let texts = [
        ("a1", "CHN", "中方坚决反对美方的霸凌行径。霸凌不得人心。"),
        ("a2", "CHN", "美方的霸凌行径损害两国关系。"),
        ("b1", "USA", "双方应当加强务实合作。务实合作符合两国利益。"),
        ("b2", "USA", "我们愿同各方深化务实合作。"),
    ];
    let statements: Vec<Statement> = texts
        .iter()
        .map(|(e, side, t)| {
            let mut s = statement(e, side, "2020-01-01", t);
            s.language = "zh".into();
            s
        })
        .collect();
    let a = Group {
        label: "a".into(),
        statements: statements[..2].iter().collect(),
    };
    let b = Group {
        label: "b".into(),
        statements: statements[2..].iter().collect(),
    };
    let options = Options {
        min_count: 1,
        ..Options::default()
    };
    let k = compare(&a, &b, &Prior::Pooled, &options).unwrap();
    let a_terms: Vec<&str> = k
        .listed()
        .filter(|(w, _)| *w == Which::A)
        .map(|(_, t)| t.term.as_str())
        .collect();
    assert!(a_terms.contains(&"霸凌"), "{a_terms:?}");
    // 霸凌 is one word: neither of its characters is a term of its own.
    assert!(
        !a_terms.contains(&"霸") && !a_terms.contains(&"凌"),
        "{a_terms:?}"
    );
    assert_eq!(
        k.a.words,
        statements[..2]
            .iter()
            .map(|s| crate::text::word_count(&s.text) as u64)
            .sum::<u64>()
    );
}
