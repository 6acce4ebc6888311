//! Output of `readouts diff`: the side-by-side comparison as two terminal
//! columns ([`mod@text`]), one self-contained HTML page ([`mod@html`]), Markdown
//! ([`mod@md`]) or JSON ([`json`]). The figures all come from
//! [`crate::analysis::diff::Diff`]; this module only lays them out.

pub mod html;
pub mod md;
pub mod text;
mod wrap;

use std::io::{self, Write};

use crate::analysis::diff::{Diff, SideReport, Topic, TopicKind};

pub use html::{choices_html, html, Choice};
pub use md::md;
pub use text::text;

/// The whole diff as pretty-printed JSON.
pub fn json(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, diff)?;
    writeln!(out)
}

/// "40%" of `part` in `whole`, or "–" when there is nothing to divide.
fn percent(part: usize, whole: usize) -> String {
    match (part * 100 + whole / 2).checked_div(whole) {
        Some(p) => format!("{p}%"),
        None => "–".to_string(),
    }
}

/// Words in aligned sentences that the other side shares, as a sentence fragment.
fn shared_share(s: &SideReport) -> String {
    percent(s.shared_words, s.shared_words + s.own_words)
}

/// `Taiwan (name, 3×)` / `fentanyl` for a one-sided topic.
fn topic_label(t: &Topic) -> String {
    let kind = match t.kind {
        TopicKind::Entity => "name",
        TopicKind::Term => "term",
    };
    if t.count > 1 {
        format!("{} ({kind}, {}×)", t.term, t.count)
    } else {
        format!("{} ({kind})", t.term)
    }
}

/// The initiator line shared by all formats: one wording for a known side,
/// one for unknown (with the deciding phrase when there is one), one for an
/// event of a kind that has no initiator.
fn initiator_text(diff: &Diff) -> String {
    let Some(i) = &diff.initiator else {
        return "no initiator (not a call, meeting or visit)".to_string();
    };
    let evidence = match (&i.phrase, &i.issued_by) {
        (Some(phrase), Some(by)) => format!(" (“{phrase}” in the {by} statement)"),
        _ => String::new(),
    };
    match (&i.side, i.status) {
        (Some(side), _) => format!("initiated by {side}{evidence}"),
        (None, crate::analysis::lexicon::initiator::Status::Conflicting) => {
            format!("initiator unknown, the statements disagree{evidence}")
        }
        (None, _) => format!("initiator unknown{evidence}"),
    }
}

/// How the pairs were found, in one sentence.
fn method_text(diff: &Diff) -> String {
    let m = &diff.method;
    let source = if m.weights == "documents" {
        format!("IDF over {} statements", m.idf_documents)
    } else {
        format!(
            "IDF from a fixed reference shipped with readouts: {} {}",
            m.idf_documents, m.weights
        )
    };
    let mut text = format!(
        "sentences paired by shared word stems weighted by rarity ({source}), similarity at least {}",
        m.threshold
    );
    match diff.method.boilerplate {
        0 => {}
        1 => text
            .push_str("; 1 boilerplate sentence (recurring verbatim in other statements) left out"),
        n => text.push_str(&format!(
            "; {n} boilerplate sentences (recurring verbatim in other statements) left out"
        )),
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_whole_percents() {
        assert_eq!(percent(1, 3), "33%");
        assert_eq!(percent(0, 0), "–");
    }
}
