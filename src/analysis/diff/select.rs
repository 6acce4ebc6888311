//! Choosing the two statements a diff compares, with errors that say what is
//! wrong and what to type instead: an unknown event id comes with close
//! matches, an event with one side names the side it has, an event with many
//! sides (a UN general debate) asks for two.

use crate::corpus::{Corpus, Event, Side, Statement};

/// Why the statements to compare could not be chosen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    #[error("no event `{id}` in the corpus{}", did_you_mean(.similar))]
    UnknownEvent { id: String, similar: Vec<String> },
    #[error("event `{event}` has no statements, so there is nothing to compare")]
    NoStatements { event: String },
    #[error("event `{event}` has a statement from {present} only; no other side's statement is in the corpus")]
    OneSide { event: String, present: String },
    #[error("event `{event}` has no statement from {missing} (it has {present})")]
    MissingSide {
        event: String,
        missing: String,
        present: String,
    },
    #[error("event `{event}` has {count} sides; choose two with --sides, e.g. --sides {example}")]
    TooManySides {
        event: String,
        count: usize,
        example: String,
    },
    #[error("choose two different sides to compare (got {side} twice)")]
    SameSide { side: String },
    #[error("event `{event}` has {} statements from {side} ({}); choose with --statements ID,ID", ids.len(), ids.join(", "))]
    SeveralStatements {
        event: String,
        side: String,
        ids: Vec<String>,
    },
    #[error("event `{event}` has no statement `{id}` (it has {})", ids.join(", "))]
    UnknownStatement {
        event: String,
        id: String,
        ids: Vec<String>,
    },
}

fn did_you_mean(similar: &[String]) -> String {
    if similar.is_empty() {
        "; `readouts check` lists the corpus".to_string()
    } else {
        format!("; did you mean {}?", similar.join(", "))
    }
}

fn describe(side: &Side) -> String {
    match side.name() {
        "" => side.to_string(),
        name => format!("{side} ({name})"),
    }
}

fn list_sides(event: &Event) -> String {
    let sides: Vec<String> = event.sides().iter().map(|s| s.to_string()).collect();
    if sides.len() > 12 {
        format!("{}, … ({} sides)", sides[..12].join(", "), sides.len())
    } else {
        sides.join(", ")
    }
}

/// The event `id`, or an error suggesting close ids.
pub fn event<'c>(corpus: &'c Corpus, id: &str) -> Result<&'c Event, SelectError> {
    corpus.event(id).ok_or_else(|| SelectError::UnknownEvent {
        id: id.to_string(),
        similar: corpus
            .similar_ids(id, 3)
            .into_iter()
            .map(String::from)
            .collect(),
    })
}

/// The statement of `side` in `event`, or an error naming the sides it has.
pub fn statement<'e>(event: &'e Event, side: &Side) -> Result<&'e Statement, SelectError> {
    event.statement_of(side).ok_or_else(|| {
        if event.statements.is_empty() {
            SelectError::NoStatements {
                event: event.id.clone(),
            }
        } else {
            SelectError::MissingSide {
                event: event.id.clone(),
                missing: describe(side),
                present: list_sides(event),
            }
        }
    })
}

/// The one statement of `side` on `event`: an error naming every id when
/// the side has several (a diff never picks one silently).
pub fn only_statement<'e>(event: &'e Event, side: &Side) -> Result<&'e Statement, SelectError> {
    let chosen = statement(event, side)?;
    let ids: Vec<String> = event
        .statements
        .iter()
        .filter(|s| &s.side == side)
        .map(|s| s.id.clone())
        .collect();
    if ids.len() > 1 {
        return Err(SelectError::SeveralStatements {
            event: event.id.clone(),
            side: side.to_string(),
            ids,
        });
    }
    Ok(chosen)
}

/// The statement `id` of `event` (its full id, or the part after the last
/// `/`, e.g. `USA-2` for `e/USA-2`).
pub fn statement_by_id<'e>(event: &'e Event, id: &str) -> Result<&'e Statement, SelectError> {
    let short = |s: &Statement| s.id.rsplit('/').next() == Some(id);
    event
        .statements
        .iter()
        .find(|s| s.id == id)
        .or_else(|| event.statements.iter().find(|s| short(s)))
        .ok_or_else(|| SelectError::UnknownStatement {
            event: event.id.clone(),
            id: id.to_string(),
            ids: event.statements.iter().map(|s| s.id.clone()).collect(),
        })
}

/// The two statements of `event` a diff compares: as [`two_sides`], but a side
/// with several statements is an error ([`SelectError::SeveralStatements`]).
pub fn two_statements<'e>(
    event: &'e Event,
    sides: Option<(&Side, &Side)>,
) -> Result<(&'e Statement, &'e Statement), SelectError> {
    let (a, b) = two_sides(event, sides)?;
    Ok((
        only_statement(event, &a.side)?,
        only_statement(event, &b.side)?,
    ))
}

/// Two sides' statements on one event: `sides` when given, otherwise the
/// event's two sides (in the order the corpus lists them).
pub fn two_sides<'e>(
    event: &'e Event,
    sides: Option<(&Side, &Side)>,
) -> Result<(&'e Statement, &'e Statement), SelectError> {
    if let Some((a, b)) = sides {
        if a == b {
            return Err(SelectError::SameSide {
                side: a.to_string(),
            });
        }
        return Ok((statement(event, a)?, statement(event, b)?));
    }
    match event.sides().as_slice() {
        [] => Err(SelectError::NoStatements {
            event: event.id.clone(),
        }),
        [one] => Err(SelectError::OneSide {
            event: event.id.clone(),
            present: describe(one),
        }),
        [a, b] => Ok((statement(event, a)?, statement(event, b)?)),
        many => Err(SelectError::TooManySides {
            event: event.id.clone(),
            count: many.len(),
            example: format!("{},{}", many[0], many[1]),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::sample;

    fn event(id: &str, sides: &[&str]) -> Event {
        let statements = sides
            .iter()
            .map(|s| sample::statement(id, s, "2020-01-01", "Text."))
            .collect();
        sample::event(id, "2020-01-01", statements)
    }

    #[test]
    fn a_two_sided_event_needs_no_sides() {
        let e = event("e", &["USA", "CHN"]);
        let (a, b) = two_sides(&e, None).unwrap();
        assert_eq!((a.side.as_str(), b.side.as_str()), ("USA", "CHN"));
    }

    #[test]
    fn errors_name_what_is_there() {
        let one = event("e", &["CHN"]);
        assert_eq!(
            two_sides(&one, None).unwrap_err().to_string(),
            "event `e` has a statement from CHN (China) only; no other side's statement is in the corpus"
        );
        let usa = Side::parse("USA").unwrap();
        let chn = Side::parse("CHN").unwrap();
        assert_eq!(
            two_sides(&one, Some((&usa, &chn))).unwrap_err().to_string(),
            "event `e` has no statement from USA (United States) (it has CHN)"
        );
        let many = event("un", &["AFG", "ALB", "USA"]);
        assert!(two_sides(&many, None)
            .unwrap_err()
            .to_string()
            .contains("--sides AFG,ALB"));
        assert!(matches!(
            two_sides(&many, Some((&usa, &usa))),
            Err(SelectError::SameSide { .. })
        ));
    }

    #[test]
    fn a_side_with_two_statements_is_never_picked_silently() {
        let mut e = event("e", &["USA", "USA", "CHN"]);
        e.statements[1].id = "e/USA-2".into();
        let err = two_statements(&e, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "event `e` has 2 statements from USA (e/USA, e/USA-2); choose with --statements ID,ID"
        );
        let chosen = statement_by_id(&e, "USA-2").unwrap();
        assert_eq!(chosen.id, "e/USA-2");
        assert_eq!(statement_by_id(&e, "e/CHN").unwrap().side.as_str(), "CHN");
        let unknown = statement_by_id(&e, "GBR").unwrap_err().to_string();
        assert!(unknown.contains("no statement `GBR` (it has e/USA, e/USA-2, e/CHN)"));
        let (usa, chn) = (Side::parse("USA").unwrap(), Side::parse("CHN").unwrap());
        assert!(only_statement(&e, &chn).is_ok());
        assert!(only_statement(&e, &usa).is_err());
    }

    #[test]
    fn unknown_events_come_with_suggestions() {
        let corpus = Corpus::new(
            "c".into(),
            vec![event("2020-08-25-phase-one-review", &["USA"])],
        );
        let err = super::event(&corpus, "2020-08-25-phase-one").unwrap_err();
        assert_eq!(
            err.to_string(),
            "no event `2020-08-25-phase-one` in the corpus; did you mean 2020-08-25-phase-one-review?"
        );
    }
}
