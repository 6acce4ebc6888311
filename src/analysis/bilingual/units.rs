//! The units the two versions are aligned by, with what each holds that
//! survives translation: its role (question or answer), its length, the
//! numbers it gives, the names it mentions and the framing entries it uses.
//! A transcript's units are its speaker turns; a statement without turns is
//! cut into paragraphs.

use serde::Serialize;

use super::names::Names;
use crate::analysis::lexicon::{Hit, Lexicon};
use crate::corpus::model::{Role, Statement};

/// Characters of a unit's opening shown in reports.
const EXCERPT_CHARS: usize = 60;

/// One turn (or paragraph) of one version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    /// 1-based, in the order of the text.
    pub number: usize,
    pub role: Role,
    pub speaker: String,
    /// Byte range in the statement's text.
    pub start: usize,
    pub end: usize,
    /// The opening characters, as written.
    pub excerpt: String,
    /// Numbers as digits (`1,000` → `1000`; English month names as their number).
    pub numbers: Vec<String>,
    /// Names of the bilingual table, by their English label.
    pub names: Vec<String>,
    /// Framing hits in the unit (not negated), with their link to English.
    #[serde(skip)]
    pub framings: Vec<UnitFraming>,
    /// Non-whitespace characters.
    #[serde(skip)]
    pub chars: usize,
    #[serde(skip)]
    pub(crate) name_ids: Vec<usize>,
}

/// A framing hit inside a unit: the entry's phrase and the English phrase
/// it links to (its own phrase for an English entry).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitFraming {
    pub entry: String,
    pub linked: String,
    pub category: String,
    pub surface: String,
    pub start: usize,
    pub end: usize,
}

/// The units of `statement`: its turns, else its paragraphs.
pub fn units(statement: &Statement, names: &Names, lexicon: &Lexicon, hits: &[Hit]) -> Vec<Unit> {
    let chinese = statement.language.starts_with("zh");
    let text = &statement.text;
    let spans: Vec<(Role, String, usize, usize)> = if statement.turns.is_empty() {
        paragraphs(text)
            .map(|(s, e)| (Role::Statement, String::new(), s, e))
            .collect()
    } else {
        statement
            .turns
            .iter()
            .filter(|t| t.start <= t.end && text.get(t.start..t.end).is_some())
            .map(|t| (t.role, t.speaker.clone(), t.start, t.end))
            .collect()
    };
    spans
        .into_iter()
        .enumerate()
        .map(|(i, (role, speaker, start, end))| {
            let body = &text[start..end];
            let name_ids = names.found_in(body, chinese);
            Unit {
                number: i + 1,
                role,
                speaker,
                start,
                end,
                excerpt: excerpt(body),
                numbers: numbers(body),
                names: name_ids
                    .iter()
                    .map(|&n| names.get(n).label().to_string())
                    .collect(),
                framings: framings_in(hits, lexicon, start, end),
                chars: body.chars().filter(|c| !c.is_whitespace()).count(),
                name_ids,
            }
        })
        .collect()
}

/// The opening [`EXCERPT_CHARS`] characters, each run of whitespace one space.
fn excerpt(body: &str) -> String {
    let mut out = String::new();
    for word in body.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if out.chars().count() >= EXCERPT_CHARS {
            break;
        }
    }
    out.chars().take(EXCERPT_CHARS).collect()
}

/// Byte ranges of the non-blank lines of `text`.
fn paragraphs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    text.split_inclusive('\n').filter_map(move |line| {
        let start = at;
        at += line.len();
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        (!trimmed.is_empty()).then(|| (start + lead, start + lead + trimmed.len()))
    })
}

fn framings_in(hits: &[Hit], lexicon: &Lexicon, start: usize, end: usize) -> Vec<UnitFraming> {
    hits.iter()
        .filter(|h| !h.negated && h.start >= start && h.end <= end)
        .map(|h| {
            let entry = lexicon.entries.iter().find(|e| e.phrase == h.entry);
            let linked = entry
                .and_then(|e| e.english.clone())
                .unwrap_or_else(|| h.entry.to_string());
            UnitFraming {
                entry: h.entry.to_string(),
                linked,
                category: h.category.as_str().to_string(),
                surface: h.surface.clone(),
                start: h.start,
                end: h.end,
            }
        })
        .collect()
}

/// The numbers of `text`, sorted, each once: runs of ASCII or full-width
/// digits (thousands commas and a decimal point kept inside) times the scale
/// word after them (万, 亿, million, billion, trillion), written without
/// trailing zeros, and English month names before a day as their number, so
/// "11月21日" and "November 21" give the same two and "350亿" and
/// "35 billion" the same one.
pub fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    let mut end = 0;
    for (i, c) in text.char_indices() {
        let digit = match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
            _ => None,
        };
        let next_digit = text[i + c.len_utf8()..].starts_with(|n: char| n.is_ascii_digit());
        match digit {
            Some(d) => {
                run.push(d);
                end = i + c.len_utf8();
            }
            None if c == ',' && !run.is_empty() && next_digit => {}
            None if c == '.' && !run.is_empty() && next_digit => run.push('.'),
            None if !run.is_empty() => {
                out.push(scaled(&run, &text[end..]));
                run.clear();
            }
            None => {}
        }
    }
    if !run.is_empty() {
        out.push(scaled(&run, ""));
    }
    out.extend(months(text));
    out.sort();
    out.dedup();
    out
}

/// `digits` times the scale word that `rest` starts with, as written digits.
fn scaled(digits: &str, rest: &str) -> String {
    const SCALES: [(&str, f64); 7] = [
        ("万亿", 1e12),
        ("亿", 1e8),
        ("万", 1e4),
        (" trillion", 1e12),
        (" billion", 1e9),
        (" million", 1e6),
        (" thousand", 1e3),
    ];
    let scale = SCALES.iter().find(|(w, _)| rest.starts_with(w));
    match (scale, digits.parse::<f64>()) {
        (Some((_, by)), Ok(v)) => format!("{}", (v * by).round()),
        _ => {
            let trimmed = digits.trim_start_matches('0');
            match trimmed {
                "" => "0".to_string(),
                t if t.starts_with('.') => format!("0{t}"),
                t => t.to_string(),
            }
        }
    }
}

/// English month names followed by a day, as month numbers.
fn months(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (m, name) in crate::text::MONTHS.iter().enumerate() {
        let dated = |(at, _): (usize, &str)| {
            let rest = &text[at + name.len()..];
            rest.strip_prefix(' ')
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        };
        if text.match_indices(name).any(dated) {
            out.push((m + 1).to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_agree_across_languages() {
        assert_eq!(numbers("11月21-22日，第14次会议"), ["11", "14", "21", "22"]);
        assert_eq!(
            numbers("the 14th meeting on November 21 and 22"),
            ["11", "14", "21", "22"]
        );
        assert_eq!(numbers("1,000 people, 3.5%, ０５"), ["1000", "3.5", "5"]);
        assert_eq!(numbers("350亿美元"), numbers("$35 billion"));
        assert_eq!(numbers("1.4 billion"), ["1400000000"]);
        assert!(numbers("May I ask").is_empty());
        assert_eq!(numbers("on May 2"), ["2", "5"]);
    }

    #[test]
    fn paragraphs_skip_blank_lines() {
        let text = "One.\n\n  Two.  \n";
        let got: Vec<&str> = paragraphs(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(got, ["One.", "Two."]);
    }
}
