//! The segmenter's table of readout sentences, its invariants on generated text and odd input.

use super::*;

fn split(text: &str) -> Vec<&str> {
    sentences(text).iter().map(|s| s.text(text)).collect()
}

const CASES: &[(&str, &[&str])] = &[
    // Abbreviations, titles and initials inside a sentence.
    (
        "U.S. Trade Representative Robert E. Lighthizer and Treasury Secretary Steven T. Mnuchin spoke with Vice Premier Liu He.",
        &["U.S. Trade Representative Robert E. Lighthizer and Treasury Secretary Steven T. Mnuchin spoke with Vice Premier Liu He."],
    ),
    ("The call took place at 9 a.m. Beijing time.", &["The call took place at 9 a.m. Beijing time."]),
    (
        "Through June, China had imported $40.2 billion of American goods.",
        &["Through June, China had imported $40.2 billion of American goods."],
    ),
    (
        "Xi called it “the most important issue in China-U.S. relations.” He added that Taiwan was a red line.",
        &["Xi called it “the most important issue in China-U.S. relations.”", "He added that Taiwan was a red line."],
    ),
    ("中美双方进行了建设性对话。双方同意继续保持沟通！", &["中美双方进行了建设性对话。", "双方同意继续保持沟通！"]),
    ("Mr. Ma and Dr. Smith met on Jan. 5. They agreed.", &["Mr. Ma and Dr. Smith met on Jan. 5.", "They agreed."]),
    (
        "The vice premier held talks with the U.S. The two sides agreed to keep in touch.",
        &["The vice premier held talks with the U.S.", "The two sides agreed to keep in touch."],
    ),
    ("The meeting is set for Sept. 5 in Geneva.", &["The meeting is set for Sept. 5 in Geneva."]),
    ("Resolution No. 1 was adopted.", &["Resolution No. 1 was adopted."]),
    ("The answer was no. The talks ended.", &["The answer was no.", "The talks ended."]),
    ("George W. Bush met Jiang Zemin in 2001.", &["George W. Bush met Jiang Zemin in 2001."]),
    (
        "The talks lasted until 5 p.m. The sides then issued a statement.",
        &["The talks lasted until 5 p.m.", "The sides then issued a statement."],
    ),
    ("The talks lasted until 5 p.m. and were candid.", &["The talks lasted until 5 p.m. and were candid."]),
    ("The call began at 8 a.m. on Friday.", &["The call began at 8 a.m. on Friday."]),
    ("They met at 10:30 a.m. EST on Monday.", &["They met at 10:30 a.m. EST on Monday."]),
    ("The call began at 8 a.m. 2 hours late.", &["The call began at 8 a.m. 2 hours late."]),
    (
        "Officials from the U.K., the E.U. and the U.N. attended.",
        &["Officials from the U.K., the E.U. and the U.N. attended."],
    ),
    ("The P.R.C. Foreign Ministry issued a statement.", &["The P.R.C. Foreign Ministry issued a statement."]),
    (
        "He met envoys of the P.R.C. In the talks, both sides were frank.",
        &["He met envoys of the P.R.C.", "In the talks, both sides were frank."],
    ),
    ("The envoy flew to Washington, D.C. The meeting began.", &["The envoy flew to Washington, D.C.", "The meeting began."]),
    ("The U.N. Security Council met. It adopted Resolution No. 2231.", &["The U.N. Security Council met.", "It adopted Resolution No. 2231."]),
    ("The C.P.C. Central Committee met.", &["The C.P.C. Central Committee met."]),
    ("The E.U. and China met. China said the talks were constructive.", &["The E.U. and China met.", "China said the talks were constructive."]),
    ("He briefed the U.S. China welcomed the move.", &["He briefed the U.S.", "China welcomed the move."]),
    ("Vice President J.D. Vance attended.", &["Vice President J.D. Vance attended."]),
    ("Martin Luther King Jr. Day is a holiday.", &["Martin Luther King Jr. Day is a holiday."]),
    ("They met Apple Inc. The company said nothing.", &["They met Apple Inc.", "The company said nothing."]),
    ("Huawei Technologies Co. Ltd. was discussed.", &["Huawei Technologies Co. Ltd. was discussed."]),
    ("Goods (steel, aluminium, etc.) were discussed.", &["Goods (steel, aluminium, etc.) were discussed."]),
    ("They discussed steel, aluminium, etc. and agreed.", &["They discussed steel, aluminium, etc. and agreed."]),
    ("They discussed steel, aluminium, etc. The talks ended.", &["They discussed steel, aluminium, etc.", "The talks ended."]),
    ("Some sectors, e.g. Agriculture, were excluded.", &["Some sectors, e.g. Agriculture, were excluded."]),
    ("Key issues, i.e. Taiwan and trade, were raised.", &["Key issues, i.e. Taiwan and trade, were raised."]),
    ("Amb. Nicholas Burns attended the meeting.", &["Amb. Nicholas Burns attended the meeting."]),
    ("Gov. Newsom and Sen. Daines met Lt. Gen. Smith.", &["Gov. Newsom and Sen. Daines met Lt. Gen. Smith."]),
    ("Prof. Wang and Col. Li spoke with Rep. Jones.", &["Prof. Wang and Col. Li spoke with Rep. Jones."]),
    ("The U.S. vs. China dispute continued.", &["The U.S. vs. China dispute continued."]),
    ("Mrs. Clinton and Ms. Rice met St. Louis officials.", &["Mrs. Clinton and Ms. Rice met St. Louis officials."]),
    ("Wang Yi met Mr. Blinken. He said the U.S. side must act.", &["Wang Yi met Mr. Blinken.", "He said the U.S. side must act."]),
    (
        "Liu He said the U.S. should stop. The U.S. did not respond.",
        &["Liu He said the U.S. should stop.", "The U.S. did not respond."],
    ),
    ("In a call on Nov. 1, Xi and Biden spoke.", &["In a call on Nov. 1, Xi and Biden spoke."]),
    ("The meeting is scheduled for Oct. 10. Both sides confirmed.", &["The meeting is scheduled for Oct. 10.", "Both sides confirmed."]),
    ("Tariffs of 25% apply. They took effect on Jul. 6, 2018.", &["Tariffs of 25% apply.", "They took effect on Jul. 6, 2018."]),
    (
        "The statement (No. 12) was released at 3 p.m. A second statement followed.",
        &["The statement (No. 12) was released at 3 p.m.", "A second statement followed."],
    ),
    ("Robert E.\nLighthizer spoke.", &["Robert E.\nLighthizer spoke."]),
    // Real readout patterns (issue #17, item 6).
    (
        "They met in Washington, D.C. Secretary Blinken and Foreign Minister Kofod discussed trade.",
        &["They met in Washington, D.C.", "Secretary Blinken and Foreign Minister Kofod discussed trade."],
    ),
    ("They spoke about U.S. China policy at length.", &["They spoke about U.S. China policy at length."]),
    ("It is led by the U.S. Next G Alliance.", &["It is led by the U.S. Next G Alliance."]),
    ("The D.C. Circuit ruled today.", &["The D.C. Circuit ruled today."]),
    (
        "The call is at 11:00 a.m. Acting Director Smith will brief.",
        &["The call is at 11:00 a.m.", "Acting Director Smith will brief."],
    ),
    ("It is under embargo for 5:00 a.m. Eastern Standard Time tomorrow.", &["It is under embargo for 5:00 a.m. Eastern Standard Time tomorrow."]),
    ("The briefing starts at 2 p.m. Monday in Room 4.", &["The briefing starts at 2 p.m. Monday in Room 4."]),
    ("Secretary A. J. Blinken and J. Kerry spoke.", &["Secretary A. J. Blinken and J. Kerry spoke."]),
    ("It marked the end of World War I. We hope for peace.", &["It marked the end of World War I.", "We hope for peace."]),
    ("They signed the deal in Washington D.C. Yesterday.", &["They signed the deal in Washington D.C. Yesterday."]),
    (
        "It cited *Dobbs v. Jackson Women’s Health Organization.* The talks went on.",
        &["It cited *Dobbs v. Jackson Women’s Health Organization.*", "The talks went on."],
    ),
    // Numbers.
    ("Growth reached 4.9 percent. Inflation was 0.2 percent.", &["Growth reached 4.9 percent.", "Inflation was 0.2 percent."]),
    (
        "The trade deficit was $419.2 billion in 2018. It fell in 2019.",
        &["The trade deficit was $419.2 billion in 2018.", "It fell in 2019."],
    ),
    ("China's exports rose 7.1%. Imports fell 2.5%.", &["China's exports rose 7.1%.", "Imports fell 2.5%."]),
    ("The index stood at 49.1 in May.", &["The index stood at 49.1 in May."]),
    ("The agenda: 1. Tariffs on steel.", &["The agenda: 1. Tariffs on steel."]),
    // Quotes and brackets.
    ("He said \"we agree.\" Then he left.", &["He said \"we agree.\"", "Then he left."]),
    ("Xi said: “We must respect each other.” Biden agreed.", &["Xi said: “We must respect each other.”", "Biden agreed."]),
    ("“We agree,” he said. “Let's move forward.”", &["“We agree,” he said.", "“Let's move forward.”"]),
    (
        "The talks were \"candid.\" (The U.S. side said so.) Then they ended.",
        &["The talks were \"candid.\"", "(The U.S. side said so.)", "Then they ended."],
    ),
    ("The two sides (China and the U.S.) agreed.", &["The two sides (China and the U.S.) agreed."]),
    (
        "He quoted Reagan: “Trust, but verify.” The U.S. side agreed.",
        &["He quoted Reagan: “Trust, but verify.”", "The U.S. side agreed."],
    ),
    ("Did the U.S. agree? China said yes!", &["Did the U.S. agree?", "China said yes!"]),
    // Chinese and mixed text.
    ("他说：“我们同意。”然后双方签署了协议。", &["他说：“我们同意。”", "然后双方签署了协议。"]),
    ("这是第一句。This is English.", &["这是第一句。", "This is English."]),
    ("双方同意继续沟通？美方没有回答。", &["双方同意继续沟通？", "美方没有回答。"]),
    ("中方表示：\n一、坚持对话；\n二、扩大合作。", &["中方表示：", "一、坚持对话；", "二、扩大合作。"]),
    ("习近平指出，\n中美关系十分重要。", &["习近平指出，\n中美关系十分重要。"]),
    // Ellipses.
    ("The sides held talks… and agreed to meet again.", &["The sides held talks… and agreed to meet again."]),
    ("The sides held talks... and agreed to meet again.", &["The sides held talks... and agreed to meet again."]),
    ("The sides held talks ... and agreed to meet again.", &["The sides held talks ... and agreed to meet again."]),
    // Lines, paragraphs and lists.
    ("The two presidents spoke by phone\non Tuesday evening.", &["The two presidents spoke by phone\non Tuesday evening."]),
    ("The two sides agreed.\nThey will meet again.", &["The two sides agreed.", "They will meet again."]),
    ("First paragraph without a stop\n\nSecond paragraph.", &["First paragraph without a stop", "Second paragraph."]),
    (
        "Readout of President Biden's Call\n\nPresident Biden spoke with President Xi.",
        &["Readout of President Biden's Call", "President Biden spoke with President Xi."],
    ),
    ("On Dec. 25, the sides met.   \n\n   Then they ate.", &["On Dec. 25, the sides met.", "Then they ate."]),
    ("Paragraph one\r\n\r\nParagraph two", &["Paragraph one", "Paragraph two"]),
    ("1. Trade\n2. Taiwan\n3. Climate", &["1. Trade", "2. Taiwan", "3. Climate"]),
    ("- Taiwan\n- Trade\n- Fentanyl", &["- Taiwan", "- Trade", "- Fentanyl"]),
    ("• Taiwan\n• Trade", &["• Taiwan", "• Trade"]),
    ("The two sides discussed the following:\n1. Trade\n2. Taiwan", &["The two sides discussed the following:", "1. Trade", "2. Taiwan"]),
    ("Points:\n  1. Trade\n  2. Tech", &["Points:", "1. Trade", "2. Tech"]),
    ("(1) Trade\n(2) Taiwan", &["(1) Trade", "(2) Taiwan"]),
    ("a) Trade\nb) Taiwan", &["a) Trade", "b) Taiwan"]),
    ("（一）坚持对话\n（二）扩大合作", &["（一）坚持对话", "（二）扩大合作"]),
    (
        "The U.S. side said\n(China) disagreed.",
        &["The U.S. side said\n(China) disagreed."],
    ),
    (
        "- Taiwan: the U.S. side reaffirmed its policy.\n- Trade: both sides agreed to talks.",
        &["- Taiwan: the U.S. side reaffirmed its policy.", "- Trade: both sides agreed to talks."],
    ),
    (
        "- The sides agreed to continue\n  talks next month.\n- Taiwan",
        &["- The sides agreed to continue\n  talks next month.", "- Taiwan"],
    ),
    ("- Taiwan\nThe sides then met.", &["- Taiwan", "The sides then met."]),
    ("- Two points. First, trade.\n- Taiwan", &["- Two points.", "First, trade.", "- Taiwan"]),
    ("The range was -5 to 5.\n-5 is low.", &["The range was -5 to 5.", "-5 is low."]),
    // Odd input.
    ("", &[]),
    ("   \n\n  \t ", &[]),
    ("U.S.", &["U.S."]),
    ("....", &["...."]),
    ("Mr.", &["Mr."]),
    ("  padded sentence.  ", &["padded sentence."]),
    (
        "Emoji 🇺🇸🇨🇳 talks went well. 👍 Both sides smiled.",
        &["Emoji 🇺🇸🇨🇳 talks went well.", "👍 Both sides smiled."],
    ),
    ("Para one.\u{2029}Para two", &["Para one.", "Para two"]),
];

#[test]
fn table_of_readout_sentences() {
    let mut failures = Vec::new();
    for (input, expected) in CASES {
        let got = split(input);
        if got != *expected {
            failures.push(format!(
                "{input:?}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn table_has_enough_cases() {
    assert!(CASES.len() >= 60, "{}", CASES.len());
}

#[test]
fn sentence_at_finds_the_containing_sentence() {
    let text = "Mr. Ma spoke.  The U.S. agreed.";
    let all = sentences(text);
    assert_eq!(all.len(), 2);
    let at = text.find("U.S.").unwrap();
    assert_eq!(
        sentence_at(&all, at).map(|s| s.text(text)),
        Some("The U.S. agreed.")
    );
    assert_eq!(sentence_at(&all, 0), Some(all[0]));
    assert_eq!(
        sentence_at(&all, 12).map(|s| s.text(text)),
        Some("Mr. Ma spoke.")
    );
    assert_eq!(sentence_at(&all, 13), None, "white space between sentences");
    assert_eq!(sentence_at(&all, text.len()), None);
    assert_eq!(sentence_at(&all, usize::MAX), None);
    assert_eq!(sentence_at(&[], 0), None);
}

#[test]
fn serialises_as_a_byte_range() {
    fn assert_serialize<T: serde::Serialize>(_: &T) {}
    let s = Sentence { start: 1, end: 4 };
    assert_serialize(&s);
    assert_eq!(s.text("xabcx"), "abc");
}

/// A tiny deterministic generator (xorshift64*), so the property tests need no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "U.S.", "U.S", "Mr.", "Dr.", "E.", "a.m.", "p.m.", "No.", "Jan.", "etc.", "e.g.", "1.", "12.",
    "- ", "• ", "(a) ", "一、", "The", "the", "talks", "China", "They", "49.1", "$40.2", "。",
    "！", "？", "”", "“", "\"", "'", "(", ")", ".", "...", "…", "!", "?", ":", "：", " ", " ", " ",
    "  ", "\n", "\n\n", "\r\n", "\t", "\u{2029}", "\u{301}", "\u{200B}", "é", "🇺🇸", "👍🏽", "中美",
    "双方", "Ω", "ß", "İ", "\u{a0}", "\u{3000}", "x",
];

fn generated(rng: &mut Rng) -> String {
    let len = rng.below(40);
    (0..len)
        .map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())])
        .collect()
}

fn random_chars(rng: &mut Rng) -> String {
    let len = rng.below(30);
    (0..len)
        .filter_map(|_| {
            let c = match rng.below(4) {
                0 => rng.below(0x80),
                1 => rng.below(0x800),
                2 => 0x2000 + rng.below(0x1000),
                _ => rng.below(0x11_0000),
            };
            char::from_u32(c as u32)
        })
        .collect()
}

/// Checks every invariant promised by [`sentences`].
fn check_invariants(text: &str) {
    let all = sentences(text);
    let mut rebuilt = String::new();
    let mut previous_end = 0;
    for s in &all {
        assert!(s.start < s.end, "empty sentence in {text:?}: {all:?}");
        assert!(s.start >= previous_end, "out of order in {text:?}: {all:?}");
        let gap = &text[previous_end..s.start];
        assert!(gap.trim().is_empty(), "lost {gap:?} in {text:?}");
        let body = s.text(text);
        assert_eq!(body, body.trim(), "untrimmed sentence in {text:?}");
        assert_eq!(sentence_at(&all, s.start), Some(*s));
        assert_eq!(sentence_at(&all, s.end - 1), Some(*s));
        rebuilt.push_str(gap);
        rebuilt.push_str(body);
        previous_end = s.end;
    }
    let tail = &text[previous_end..];
    assert!(tail.trim().is_empty(), "lost tail {tail:?} in {text:?}");
    rebuilt.push_str(tail);
    assert_eq!(rebuilt, text);
    let covered = text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .all(|(i, _)| sentence_at(&all, i).is_some());
    assert!(covered, "a character outside every sentence in {text:?}");
}

#[test]
fn invariants_hold_on_generated_readout_text() {
    let mut rng = Rng(0x5EED_CAFE_F00D_BEEF);
    for _ in 0..600 {
        check_invariants(&generated(&mut rng));
    }
}

#[test]
fn invariants_hold_on_random_characters() {
    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    for _ in 0..400 {
        check_invariants(&random_chars(&mut rng));
    }
}

#[test]
fn invariants_hold_on_table_inputs() {
    for (input, _) in CASES {
        check_invariants(input);
    }
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        " ",
        "\n",
        "\u{301}",
        "\u{301}\u{302}. \u{301}",
        "....",
        ". . .",
        "U.S.",
        ".U.S.",
        "-",
        "- ",
        "1.",
        "1. ",
        "(",
        "（一）",
        "👍",
        "👨‍👩‍👧. 🇨🇳",
        "中文English混合。Mixed text.中文",
        "\u{FEFF}Text.",
        "\r\r\n\n\r",
        "“”",
        "”.",
    ] {
        check_invariants(text);
    }
    assert_eq!(split("\u{301}"), ["\u{301}"]);
}

#[test]
fn long_input_is_linear() {
    let words = "word ".repeat(20_000);
    let dots = "A. ".repeat(35_000);
    let newlines = "line\n".repeat(20_000);
    let no_space = "x".repeat(100_000) + ".";
    let started = std::time::Instant::now();
    assert_eq!(sentences(&words).len(), 1);
    assert_eq!(sentences(&dots).len(), 1);
    assert_eq!(sentences(&newlines).len(), 1);
    assert_eq!(sentences(&no_space).len(), 1);
    let elapsed = started.elapsed();
    assert!(elapsed.as_secs() < 10, "took {elapsed:?}");
}
