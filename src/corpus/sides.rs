//! Side codes: who issued a statement. ISO 3166-1 alpha-3 is canonical (as the
//! UN General Debate Corpus uses it); alpha-2 is accepted as an alias, case does
//! not matter, and a short list of free codes covers organisations and
//! delegations that have no ISO code.

use std::fmt;

use serde::Serialize;

use super::iso3166::{CURRENT, WITHDRAWN};

/// Codes with no ISO 3166-1 entry that corpora need: (code, name).
pub const FREE_CODES: &[(&str, &str)] = &[
    ("EU", "European Union"),
    ("UN", "United Nations"),
    (
        "ROC",
        "Republic of China delegation (held China's UN seat until 1971)",
    ),
    ("NATO", "North Atlantic Treaty Organization"),
    ("ASEAN", "Association of Southeast Asian Nations"),
    ("AFRU", "African Union"),
    ("G7", "Group of Seven"),
    ("G20", "Group of Twenty"),
    ("WTO", "World Trade Organization"),
    ("WHO", "World Health Organization"),
    ("IMF", "International Monetary Fund"),
];

/// A canonical side code (upper-case alpha-3 or free code).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Side(String);

/// Why a side code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SideError(String);

impl Side {
    /// Reads a side code as a user or a corpus file writes it.
    pub fn parse(raw: &str) -> Result<Side, SideError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(SideError(
                "the side code is empty; write an ISO 3166-1 code such as USA or CHN".into(),
            ));
        }
        if let Some(c) = trimmed.chars().find(|c| !c.is_ascii_alphanumeric()) {
            return Err(SideError(format!(
                "side code `{}` contains {} (U+{:04X}); write plain ASCII letters such as USA or CHN",
                trimmed.escape_debug(),
                describe(c),
                c as u32
            )));
        }
        let upper = trimmed.to_ascii_uppercase();
        if let Some((code, _)) = FREE_CODES.iter().find(|(code, _)| *code == upper) {
            return Ok(Side((*code).to_string()));
        }
        if upper.len() == 2 {
            if let Some((alpha3, _, _)) = CURRENT.iter().find(|(_, a2, _)| *a2 == upper) {
                return Ok(Side((*alpha3).to_string()));
            }
        }
        if CURRENT.iter().any(|(a3, _, _)| *a3 == upper)
            || WITHDRAWN.iter().any(|(a3, _)| *a3 == upper)
        {
            return Ok(Side(upper));
        }
        Err(SideError(format!(
            "unknown side code `{trimmed}`; use an ISO 3166-1 alpha-3 code (e.g. USA, CHN), its alpha-2 alias, or one of {}",
            FREE_CODES.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ")
        )))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The country or organisation name, for legends and reports.
    pub fn name(&self) -> &'static str {
        CURRENT
            .iter()
            .find(|(a3, _, _)| *a3 == self.0)
            .map(|(_, _, name)| *name)
            .or_else(|| {
                WITHDRAWN
                    .iter()
                    .find(|(a3, _)| *a3 == self.0)
                    .map(|(_, n)| *n)
            })
            .or_else(|| {
                FREE_CODES
                    .iter()
                    .find(|(c, _)| *c == self.0)
                    .map(|(_, n)| *n)
            })
            .unwrap_or("")
    }
}

fn describe(c: char) -> &'static str {
    if c.is_whitespace() {
        "white space"
    } else if c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}') {
        "an invisible character"
    } else if c.is_alphanumeric() {
        "a non-ASCII letter"
    } else {
        "a character that is not a letter"
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Side {
    type Err = SideError;
    fn from_str(s: &str) -> Result<Side, SideError> {
        Side::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `iso3166.rs` is what its generator writes (with pycountry 26.2.16, which
    /// `.ci/run` installs; without it the check prints why it is left out).
    #[test]
    fn the_iso_table_is_what_its_generator_writes() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/corpus");
        let out = std::process::Command::new("python3")
            .arg(format!("{dir}/iso3166.py"))
            .env("ISO3166_PYCOUNTRY", "26.2.16")
            .output();
        let Some(out) = out.ok().filter(|o| o.status.success()) else {
            println!("SKIPPED: python3 with pycountry 26.2.16 is not installed");
            return;
        };
        let table = std::fs::read_to_string(format!("{dir}/iso3166.rs")).unwrap();
        assert!(
            String::from_utf8_lossy(&out.stdout) == table,
            "src/corpus/iso3166.rs differs from what iso3166.py writes"
        );
    }

    #[test]
    fn alpha3_alpha2_and_case_all_meet() {
        for raw in ["CHN", "chn", "CN", "cn", " Chn "] {
            assert_eq!(Side::parse(raw).unwrap().as_str(), "CHN", "{raw}");
        }
        assert_eq!(Side::parse("us").unwrap().as_str(), "USA");
        assert_eq!(Side::parse("USA").unwrap().name(), "United States");
    }

    #[test]
    fn free_and_withdrawn_codes_are_accepted() {
        assert_eq!(Side::parse("eu").unwrap().as_str(), "EU");
        assert_eq!(Side::parse("ROC").unwrap().as_str(), "ROC");
        assert_eq!(Side::parse("SUN").unwrap().as_str(), "SUN");
        assert_eq!(Side::parse("YUG").unwrap().as_str(), "YUG");
    }

    #[test]
    fn odd_unicode_and_unknown_codes_are_explained() {
        let err = Side::parse("C\u{200B}HN").unwrap_err().to_string();
        assert!(err.contains("U+200B") && err.contains("invisible"), "{err}");
        let err = Side::parse("ＣＨＮ").unwrap_err().to_string();
        assert!(err.contains("non-ASCII letter"), "{err}");
        let err = Side::parse("XYZ").unwrap_err().to_string();
        assert!(err.starts_with("unknown side code `XYZ`"), "{err}");
    }
}
