//! `readouts schema CMD`: the JSON Schema (draft 2020-12) of a command's JSON
//! output, so a script can validate what it reads and notice when a field
//! changes. The schemas are kept by hand in `docs/schemas/` (each object's
//! fields required and typed, no fields beyond them) and built into the
//! binary; `tests/schemas.rs` validates the real outputs against them. Where
//! a command also writes JSON Lines, its line object is one of the schema's
//! `$defs`, named in the schema's `description`.

use std::io::Write;

use super::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The command whose JSON output to describe
    #[arg(value_enum)]
    pub command: SchemaOf,
}

/// The commands with a JSON output (`pair`: its pairing file, TOML, read as JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaOf {
    Check,
    Search,
    Kwic,
    Phrases,
    Tone,
    Keyness,
    Diff,
    Pair,
}

/// The schema text of `command`.
pub fn schema(command: SchemaOf) -> &'static str {
    match command {
        SchemaOf::Check => include_str!("../../docs/schemas/check.json"),
        SchemaOf::Search => include_str!("../../docs/schemas/search.json"),
        SchemaOf::Kwic => include_str!("../../docs/schemas/kwic.json"),
        SchemaOf::Phrases => include_str!("../../docs/schemas/phrases.json"),
        SchemaOf::Tone => include_str!("../../docs/schemas/tone.json"),
        SchemaOf::Keyness => include_str!("../../docs/schemas/keyness.json"),
        SchemaOf::Diff => include_str!("../../docs/schemas/diff.json"),
        SchemaOf::Pair => include_str!("../../docs/schemas/pair.json"),
    }
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    out.write_all(schema(args.command).as_bytes())?;
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn every_schema_is_a_draft_2020_12_object_schema() {
        for c in SchemaOf::value_variants() {
            let v: serde_json::Value = serde_json::from_str(schema(*c)).expect("JSON");
            assert_eq!(
                v["$schema"], "https://json-schema.org/draft/2020-12/schema",
                "{c:?}"
            );
            assert!(
                v["title"].is_string() && v["description"].is_string(),
                "{c:?}"
            );
        }
    }
}
