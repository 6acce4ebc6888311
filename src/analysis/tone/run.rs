//! Scoring a whole corpus selection: load once, then tag and score the
//! statements on all cores (`crate::par`: threads take blocks of statements
//! in turn, and the result keeps corpus order). The tagger is passed in, so
//! this works with the framing lexicon in the command and with hand-built
//! hits in tests.

use super::events::{EventMeta, Initiator};
use super::report::Provenance;
use super::{score, StatementInput, StatementScore, TonedHit};
use crate::corpus::{Corpus, Event, Filter, Statement};

/// Finds the framing hits of one statement (of one event) and counts its words.
pub type Tagger<'a> = dyn Fn(&Event, &Statement) -> Tagged + Sync + 'a;

/// What a [`Tagger`] finds in one statement.
#[derive(Debug, Clone, Default)]
pub struct Tagged {
    pub hits: Vec<TonedHit>,
    /// The statement's words, as [`crate::text::word_count`] counts them.
    pub words: usize,
}

/// Scores every statement `filter` accepts, in corpus order. `progress` is
/// called with the number of statements just finished (for a progress bar).
pub fn score_corpus(
    corpus: &Corpus,
    filter: &Filter,
    tag: &Tagger<'_>,
    progress: &dyn crate::progress::Progress,
) -> Vec<StatementScore> {
    let selected: Vec<(&Event, &Statement)> = corpus.select(filter).collect();
    progress.start(selected.len() as u64);
    let score_one = |(e, s): &(&Event, &Statement)| {
        let Tagged { hits, words } = tag(e, s);
        let scored = score(StatementInput {
            id: s.id.clone(),
            event_id: e.id.clone(),
            title: s.title.clone(),
            side: s.side.clone(),
            issuer: s.issuer.clone(),
            date: s.date,
            words,
            hits,
        });
        progress.advance(1);
        scored
    };
    let scores = crate::par::map(&selected, 32, score_one);
    progress.finish();
    scores
}

/// The metadata of every event that has a selected statement, with its initiator.
pub fn event_metas(
    corpus: &Corpus,
    scores: &[StatementScore],
    initiator: &dyn Fn(&Event) -> Option<Initiator>,
) -> Vec<EventMeta> {
    let ids: std::collections::HashSet<&str> = scores.iter().map(|s| s.event_id.as_str()).collect();
    corpus
        .events
        .iter()
        .filter(|e| ids.contains(e.id.as_str()))
        .map(|e| EventMeta {
            id: e.id.clone(),
            date: e.date,
            kind: e.kind.clone(),
            title: e.title.clone(),
            initiator: initiator(e),
        })
        .collect()
}

/// Provenance of a report over `scores` from the corpus at `root` (path as
/// given) that `summary` describes.
pub fn provenance(
    root: &std::path::Path,
    summary: &crate::corpus::Summary,
    scores: &[StatementScore],
    events: usize,
    lexicon: String,
    command: String,
) -> Provenance {
    Provenance {
        corpus: root.display().to_string(),
        corpus_events: summary.events,
        corpus_statements: summary.statements,
        first: summary.first,
        last: summary.last,
        selected_events: events,
        selected_statements: scores.len(),
        selected_first: scores.iter().map(|s| s.date).min(),
        selected_last: scores.iter().map(|s| s.date).max(),
        lexicon,
        version: env!("CARGO_PKG_VERSION").to_string(),
        command,
    }
}

#[cfg(test)]
mod tests {
    use super::super::Category;
    use super::*;
    use crate::analysis::lexicon::ShownHit;
    use crate::corpus::{Coverage, Date, Origin, Side};

    fn statement(event: &str, side: &str, text: &str, date: Date) -> Statement {
        Statement {
            id: format!("{event}/{side}"),
            event_id: event.into(),
            date,
            side: Side::parse(side).unwrap(),
            issuer: "office".into(),
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
                path: "x".into(),
                line: 1,
            },
        }
    }

    fn corpus(n: usize) -> Corpus {
        let events = (0..n)
            .map(|i| {
                let date = Date {
                    year: 1970 + i as u16,
                    month: None,
                    day: None,
                };
                let id = format!("e{i:03}");
                Event {
                    id: id.clone(),
                    date,
                    kind: "general-debate".into(),
                    title: id.clone(),
                    participants: vec![],
                    notes: None,
                    statements: vec![
                        statement(&id, "USA", "we welcome constructive talks here", date),
                        statement(&id, "CHN", "we oppose bullying", date),
                    ],
                    origin: Origin {
                        path: "x".into(),
                        line: 1,
                    },
                }
            })
            .collect();
        Corpus::new("c".into(), events)
    }

    /// Finds the words "constructive" and "bullying" (a stand-in for the lexicon).
    fn tag(_: &Event, s: &Statement) -> Tagged {
        let hits = [
            ("constructive", Category::Cooperative),
            ("bullying", Category::Confrontational),
        ]
        .into_iter()
        .filter_map(|(p, c)| {
            let start = s.text.find(p)?;
            Some(TonedHit {
                shown: ShownHit::at(&s.text, start, start + p.len(), p, c),
                weight: 1.0,
                grade: None,
                negated: false,
                sentence: s.text.as_str().into(),
            })
        })
        .collect();
        let words = crate::text::word_count(&s.text);
        Tagged { hits, words }
    }

    #[test]
    fn scores_keep_corpus_order_across_threads() {
        let c = corpus(37);
        #[derive(Default)]
        struct Count(std::sync::atomic::AtomicU64, std::sync::atomic::AtomicU64);
        impl crate::progress::Progress for Count {
            fn start(&self, total: u64) {
                self.0.store(total, std::sync::atomic::Ordering::Relaxed);
            }
            fn advance(&self, steps: u64) {
                self.1
                    .fetch_add(steps, std::sync::atomic::Ordering::Relaxed);
            }
        }
        let done = Count::default();
        let scores = score_corpus(&c, &Filter::default(), &tag, &done);
        assert_eq!(scores.len(), 74);
        assert_eq!((done.0.into_inner(), done.1.into_inner()), (74, 74));
        let ids: Vec<&str> = scores.iter().map(|s| s.id.as_str()).collect();
        let expected: Vec<String> = c.statements().map(|(_, s)| s.id.clone()).collect();
        assert_eq!(ids, expected);
        // "we welcome constructive talks here": 5 words, 1 cooperative → 200.
        let usa = scores.iter().find(|s| s.side.as_str() == "USA").unwrap();
        assert_eq!(usa.rates.tone, 200.0);
        // "we oppose bullying": 3 words → −333.333333.
        let chn = scores.iter().find(|s| s.side.as_str() == "CHN").unwrap();
        assert_eq!(chn.rates.tone, -333.333333);
        let metas = event_metas(&c, &scores[..2], &|_| None);
        assert_eq!(metas.len(), 1);
        let p = provenance(
            c.root(),
            &c.summary(),
            &scores,
            metas.len(),
            "lex".into(),
            "readouts tone".into(),
        );
        assert_eq!((p.corpus_events, p.selected_statements), (37, 74));
        assert_eq!(p.selected_first.unwrap().to_string(), "1970");
    }
}
