//! `readouts diff EVENT --languages zh,en`: the Chinese original of a
//! statement against its English version. The MFA importer makes each page
//! its own event, so the two versions of one press conference are two
//! events; given one, the other is found here: the statement of the same
//! side and event kind, on the same date, in the other language (the
//! Ministry holds one regular press conference a day). Where that finds none
//! or several (the site has republished a few English pages), the error says
//! so and names them, and `diff ZH_EVENT EN_EVENT --languages zh,en` picks
//! the pair. An event that holds both versions is compared as it is.

use std::io::Write;

use anyhow::{bail, Context};

use super::diff::{Args, DiffFormat};
use super::{GlobalArgs, Outcome};
use crate::analysis::bilingual::{self, Names};
use crate::analysis::diff::select;
use crate::analysis::lexicon::Lexicon;
use crate::corpus::{Corpus, Statement};
use crate::render::{self, Painter};

pub fn run(args: &Args, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    check_languages(&args.languages)?;
    let corpus = load(args, global)?;
    let (zh, en) = versions(&corpus, &args.events)?;
    let mut lexicon = Lexicon::builtin();
    for path in &args.lexicon {
        lexicon.merge(Lexicon::from_file(path)?);
    }
    let matcher = lexicon.matcher();
    let names = Names::bundled_with(&args.names)?;
    let result = bilingual::compare(&bilingual::Input {
        zh,
        en,
        names: &names,
        lexicon: &lexicon,
        matcher: &matcher,
        include_questions: args.include_questions,
    });
    match args.format {
        DiffFormat::Json => render::bilingual::json(out, &result)?,
        DiffFormat::Md => render::bilingual::md(out, &result)?,
        DiffFormat::Html => render::bilingual::html(out, &result)?,
        DiffFormat::Text => {
            let width = args.width.unwrap_or_else(super::diff::terminal_width);
            render::bilingual::text(out, &result, Painter::new(global.color_stdout()), width)?
        }
    }
    Ok(Outcome::Success)
}

fn check_languages(languages: &[String]) -> anyhow::Result<()> {
    let mut sorted: Vec<&str> = languages.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    if sorted != ["en", "zh"] {
        bail!(
            "--languages compares a Chinese original with its English version: give zh,en (got {})",
            languages.join(",")
        );
    }
    Ok(())
}

fn is(language: &str, s: &Statement) -> bool {
    s.language == language || s.language.starts_with(&format!("{language}-"))
}

/// The named events and every statement of their side and kind on their
/// date (the candidates for the other version); the whole corpus when an
/// event is not in it, so the error can suggest ids.
fn load(args: &Args, global: &GlobalArgs) -> anyhow::Result<Corpus> {
    let mut source = super::filter::source(global)?;
    let events = &args.events;
    let named = |e: &str| events.iter().any(|x| x == e);
    let first = source.load(&|m| named(m.event))?.corpus;
    if !events.iter().all(|e| first.event(e).is_some()) {
        return Ok(source.load(&|_| true)?.corpus);
    }
    let keys: Vec<_> = first
        .statements()
        .map(|(e, s)| (e.kind.clone(), s.side.clone(), s.date))
        .collect();
    let loaded = source.load(&|m| {
        named(m.event)
            || keys
                .iter()
                .any(|(k, side, d)| k == m.kind && side == m.side && *d == m.date)
    })?;
    Ok(loaded.corpus)
}

/// The Chinese and the English statement the events name (see the module comment).
fn versions<'c>(
    corpus: &'c Corpus,
    events: &[String],
) -> anyhow::Result<(&'c Statement, &'c Statement)> {
    let chosen: Vec<&crate::corpus::Event> = events
        .iter()
        .map(|id| select::event(corpus, id))
        .collect::<Result<_, _>>()?;
    let in_named = |lang: &str| -> Vec<&'c Statement> {
        chosen
            .iter()
            .flat_map(|e| e.statements.iter())
            .filter(|s| is(lang, s))
            .collect()
    };
    let (zh, en) = (in_named("zh"), in_named("en"));
    let anchor: &Statement = zh.first().or(en.first()).copied().with_context(|| {
        format!(
            "{} holds no statement in Chinese or English",
            events.join(" and ")
        )
    })?;
    let kind = &chosen[0].kind;
    let zh = one(
        "zh",
        zh,
        || counterparts(corpus, anchor, kind, "zh"),
        events,
    )?;
    let en = one(
        "en",
        en,
        || counterparts(corpus, anchor, kind, "en"),
        events,
    )?;
    Ok((zh, en))
}

/// The statements of `anchor`'s side and date, of an event of `kind`, in `language`.
fn counterparts<'c>(
    corpus: &'c Corpus,
    anchor: &Statement,
    kind: &str,
    language: &str,
) -> Vec<&'c Statement> {
    corpus
        .statements()
        .filter(|(e, s)| {
            e.kind == kind && s.side == anchor.side && s.date == anchor.date && is(language, s)
        })
        .map(|(_, s)| s)
        .collect()
}

/// The one statement in `language`: among the named events', else among
/// the counterparts; none or several is an error naming them.
fn one<'c>(
    language: &str,
    named: Vec<&'c Statement>,
    others: impl Fn() -> Vec<&'c Statement>,
    events: &[String],
) -> anyhow::Result<&'c Statement> {
    let name = if language == "zh" {
        "Chinese"
    } else {
        "English"
    };
    let found = if named.is_empty() { others() } else { named };
    match found.as_slice() {
        [one] => Ok(one),
        [] => bail!(
            "no {name} version of {}: no statement in `{language}` of the same side, kind and date; name both events: readouts diff ZH_EVENT EN_EVENT --languages zh,en",
            events.join(" and ")
        ),
        several => {
            let ids: Vec<&str> = several.iter().map(|s| s.event_id.as_str()).collect();
            bail!(
                "{} {name} versions of {} on its date ({}); name the two events to compare: readouts diff ZH_EVENT EN_EVENT --languages zh,en",
                several.len(),
                events.join(" and "),
                ids.join(", ")
            )
        }
    }
}
