//! Writing what `pair` produces: the pairing file a scholar reviews (one
//! `[[pair]]` per proposal) and the events file `--apply` records. Both are
//! TOML with a comment header saying what they are and how to use them.

use std::io::{self, Write};

use crate::analysis::pair::review::NewEvent;
use crate::analysis::pair::Proposal;

/// A TOML string literal (quoted and escaped).
fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The pairing file: every proposal, `accept` set from the threshold.
pub fn pairing_file(out: &mut dyn Write, proposals: &[Proposal], how: &str) -> io::Result<()> {
    writeln!(out, "# Pairing proposals from `readouts pair {how}`.")?;
    writeln!(
        out,
        "# Review each [[pair]]: set accept = true or false (you may also set kind,"
    )?;
    writeln!(out, "# title or id), then record the accepted ones with")?;
    writeln!(out, "#   readouts pair --apply THIS-FILE")?;
    writeln!(
        out,
        "# Proposals that share a statement are recorded as one event."
    )?;
    for p in proposals {
        writeln!(out)?;
        writeln!(out, "[[pair]]")?;
        writeln!(out, "statements = {}", list(&p.statements))?;
        writeln!(out, "urls = {}", list(&p.urls))?;
        writeln!(out, "score = {:.3}", p.score)?;
        writeln!(out, "accept = {}", p.accept)?;
        writeln!(out, "date = {}", q(&p.date.to_string()))?;
        writeln!(out, "kind = {}", q(&p.kind))?;
        writeln!(out, "title = {}", q(&p.title))?;
        let e = &p.evidence;
        writeln!(out, "[pair.evidence]")?;
        if let Some(gap) = e.date_gap_days {
            writeln!(out, "date_gap_days = {gap}")?;
        }
        writeln!(out, "counterparts = {}", list(&e.counterparts))?;
        writeln!(out, "named_in_one = {}", list(&e.named_in_one))?;
        if !e.title_names.is_empty() {
            writeln!(out, "title_names = {}", list(&e.title_names))?;
        }
        writeln!(out, "kinds = {}", list(&e.kinds))?;
        writeln!(out, "shared = {}", list(&e.shared))?;
        writeln!(
            out,
            "parts = {{ date = {}, people = {}, kind = {}, content = {} }}",
            e.date_score, e.people_score, e.kind_score, e.content_score
        )?;
    }
    Ok(())
}

/// The events file `--apply` writes.
pub fn events_file(out: &mut dyn Write, events: &[NewEvent], source: &str) -> io::Result<()> {
    writeln!(
        out,
        "# Events assembled by `readouts pair --apply {source}`."
    )?;
    writeln!(
        out,
        "# Each [[event]] takes the listed statements (by id) out of their own"
    )?;
    writeln!(
        out,
        "# one-sided events; the imported files are not changed. `readouts check`"
    )?;
    writeln!(out, "# validates this file.")?;
    for e in events {
        writeln!(out)?;
        writeln!(out, "[[event]]")?;
        writeln!(out, "id = {}", q(&e.id))?;
        writeln!(out, "date = {}", q(&e.date.to_string()))?;
        writeln!(out, "kind = {}", q(&e.kind))?;
        writeln!(out, "title = {}", q(&e.title))?;
        writeln!(out, "sides = {}", list(&e.sides))?;
        writeln!(out, "languages = {}", list(&e.languages))?;
        writeln!(out, "statements = [")?;
        for id in &e.statements {
            writeln!(out, "  {},", q(id))?;
        }
        writeln!(out, "]")?;
    }
    Ok(())
}
