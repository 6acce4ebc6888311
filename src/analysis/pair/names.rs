//! The proper names a title gives: who met whom, read from the title itself
//! when the table of officials does not know the counterpart. A White House
//! archive names hundreds of foreign leaders ("President Uhuru Kenyatta of
//! Kenya"); no bundled table lists them all, but the readout and the remarks
//! of one meeting both put the counterpart's name and country in their
//! titles, and a readout of another meeting names someone else.
//!
//! The rule: the capitalised words of a title, folded to ASCII ("Erdoğan" is
//! "Erdogan") and stemmed ("Philippine" is "Philippines"), less the words of
//! offices, document types and state forms ([`GENERIC`]) and less the names
//! of the archive's own officials (a White House title always names its
//! President). What is left are the counterpart's names and country.

use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};

/// Capitalised words that name no one: offices, honorifics, document types,
/// state forms, and the words of "United States".
const GENERIC: &[&str] = &[
    "readout",
    "readouts",
    "remarks",
    "joint",
    "statement",
    "statements",
    "meeting",
    "meetings",
    "call",
    "calls",
    "phone",
    "virtual",
    "bilateral",
    "expanded",
    "trilateral",
    "before",
    "after",
    "during",
    "between",
    "with",
    "and",
    "the",
    "of",
    "on",
    "in",
    "at",
    "to",
    "by",
    "from",
    "for",
    "president",
    "presidents",
    "vice",
    "prime",
    "minister",
    "ministers",
    "deputy",
    "foreign",
    "secretary",
    "general",
    "state",
    "states",
    "united",
    "america",
    "american",
    "u",
    "s",
    "us",
    "national",
    "security",
    "advisor",
    "adviser",
    "chancellor",
    "king",
    "queen",
    "his",
    "her",
    "majesty",
    "highness",
    "royal",
    "crown",
    "prince",
    "sheikh",
    "amir",
    "emir",
    "taoiseach",
    "premier",
    "chairman",
    "chair",
    "leader",
    "leaders",
    "republic",
    "kingdom",
    "federal",
    "democratic",
    "people",
    "peoples",
    "socialist",
    "islamic",
    "arab",
    "commonwealth",
    "government",
    "mr",
    "mrs",
    "ms",
    "dr",
    "jr",
    "sr",
    "white",
    "house",
    "office",
    "summit",
    "visit",
    "official",
    "officials",
    "senior",
    "administration",
    "press",
    "conference",
    "talks",
    "engagement",
    "pull",
    "aside",
    "participation",
    "delegation",
    "travel",
    "trip",
    "first",
    "second",
    "third",
];

/// What a statement offers: its title's names and the words of its title
/// and opening, all folded and stemmed.
#[derive(Debug, Default)]
pub(super) struct Names {
    title: Vec<String>,
    head: Vec<String>,
}

impl Names {
    /// The names of `title` (less the words of `own`, the archive's own
    /// officials' name forms) and every word of `opening`.
    /// `own` is what [`own_words`] gives.
    pub(super) fn of(title: &str, opening: &str, own: &[String]) -> Names {
        let mut analyzer = folding();
        let mut names = Vec::new();
        for word in crate::text::words(title) {
            if !word.text.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            for folded in fold_words(&mut analyzer, word.text) {
                if folded.len() >= 2
                    && !GENERIC.contains(&folded.as_str())
                    && own.binary_search(&folded).is_err()
                {
                    names.push(crate::text::stem(&folded).into_owned());
                }
            }
        }
        let mut head: Vec<String> = fold_words(&mut analyzer, opening)
            .into_iter()
            .map(|w| crate::text::stem(&w).into_owned())
            .collect();
        for list in [&mut names, &mut head] {
            list.sort_unstable();
            list.dedup();
        }
        Names { title: names, head }
    }
}

/// The folded words of the name forms of an archive's own officials, read
/// once per side and left out of every title's names.
pub(super) fn own_words(forms: &[String]) -> Vec<String> {
    let mut analyzer = folding();
    let mut words: Vec<String> = forms
        .iter()
        .flat_map(|form| fold_words(&mut analyzer, form))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Lower case, folded to ASCII ("Erdoğan" is "erdogan").
fn folding() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

fn fold_words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        // "Biden's" is one word to the tokeniser and two to this one.
        if token.text != "s" {
            out.push(token.text.clone());
        }
    }
    out
}

/// How far two statements agree on whom they are about: the share of each
/// one's title names found in the other's title and opening, averaged over
/// the two, with the names found; `None` when either title names no one.
pub(super) fn agreement(a: &Names, b: &Names) -> Option<(f64, Vec<String>)> {
    if a.title.is_empty() || b.title.is_empty() {
        return None;
    }
    let found = |x: &Names, y: &Names| -> Vec<String> {
        x.title
            .iter()
            .filter(|w| y.head.binary_search(w).is_ok())
            .cloned()
            .collect()
    };
    let (ab, ba) = (found(a, b), found(b, a));
    let share =
        (ab.len() as f64 / a.title.len() as f64 + ba.len() as f64 / b.title.len() as f64) / 2.0;
    let mut names = ab;
    names.extend(ba);
    names.sort_unstable();
    names.dedup();
    Some((share, names))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own() -> Vec<String> {
        own_words(&["Joe Biden", "Joseph R. Biden", "Kamala Harris"].map(String::from))
    }

    /// A statement whose opening is its title and `text`.
    fn names(title: &str, text: &str) -> Names {
        Names::of(title, &format!("{title}\n{text}"), &own())
    }

    #[test]
    fn the_counterpart_is_left_when_offices_and_own_officials_go() {
        let remarks = names(
            "Remarks by President Biden and President Recep Tayyip Erdoğan of the Republic of Turkey Before Bilateral Meeting",
            "PRESIDENT BIDEN: Well, welcome.",
        );
        let readout = names(
            "Readout of President Joe Biden’s Meeting with President Recep Tayyip Erdogan of Türkiye",
            "President Biden met President Erdogan of Türkiye today in Vilnius.",
        );
        assert!(
            remarks.title.contains(&"erdogan".to_string()),
            "{:?}",
            remarks.title
        );
        assert!(!remarks
            .title
            .iter()
            .any(|w| w.starts_with("biden") || w == "presid"));
        let (share, found) = agreement(&remarks, &readout).unwrap();
        assert!(share >= 0.6, "{share} {found:?}");
    }

    #[test]
    fn another_person_of_the_same_country_agrees_little() {
        let sunak = names(
            "Remarks by President Biden and Prime Minister Rishi Sunak of the United Kingdom Before Bilateral Meeting",
            "PRESIDENT BIDEN: Mr. Prime Minister, welcome.",
        );
        let king = names(
            "Readout of President Joe Biden’s Meeting with King Charles III",
            "President Biden met His Majesty King Charles III at Windsor Castle.",
        );
        assert_eq!(agreement(&sunak, &king).unwrap().0, 0.0);
    }

    #[test]
    fn adjectives_meet_their_country() {
        let a = names(
            "Readout of President Biden’s Meeting with Philippine President Ferdinand Marcos Jr.",
            "",
        );
        let b = names(
            "Remarks by President Biden and President Marcos of the Republic of the Philippines",
            "",
        );
        let (_, found) = agreement(&a, &b).unwrap();
        assert!(
            found.contains(&"philippin".to_string()) && found.contains(&"marco".to_string()),
            "{found:?}"
        );
    }

    #[test]
    fn a_place_named_in_one_title_is_found_in_the_other_opening() {
        let readout = names(
            "Readout of Peace Talks in Geneva",
            "Secretary Rubio held a meeting with the Ukrainian delegation.",
        );
        let joint = names(
            "Joint Statement on United States-Ukraine Meeting",
            "Representatives of the United States and Ukraine met in Geneva for discussions on the U.S. peace proposal.",
        );
        let (share, found) = agreement(&readout, &joint).unwrap();
        assert!(
            share >= 0.5 && found.contains(&"geneva".to_string()),
            "{share} {found:?}"
        );
    }

    #[test]
    fn a_title_without_names_gives_no_evidence() {
        let none = names("Readout of the Vice President’s Meeting", "");
        assert!(none.title.is_empty(), "{:?}", none.title);
        let some = names(
            "Remarks by President Biden and President Lasso of Ecuador",
            "",
        );
        assert_eq!(some.title, ["ecuador", "lasso"]);
        assert!(agreement(&none, &some).is_none());
    }

    #[test]
    fn a_statement_of_many_leaders_agrees_with_a_meeting_with_one_of_them_weakly() {
        let many = names(
            "Joint Statement by the President of France Emmanuel Macron, Chancellor of Germany Angela Merkel, Prime Minister of the United Kingdom Boris Johnson and President of the United States Joseph R. Biden",
            "We welcome the return to negotiations.",
        );
        let one = names(
            "Readout of President Biden’s Meeting with Chancellor Angela Merkel and Vice Chancellor Olaf Scholz of Germany",
            "President Biden met with Chancellor Merkel in Rome.",
        );
        let (share, _) = agreement(&many, &one).unwrap();
        assert!(share < 0.6, "{share}");
    }
}
