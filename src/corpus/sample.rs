//! Small events and statements for unit tests, so that every test in the crate
//! builds them the same way and a new model field is added in one place.

use super::{Coverage, Date, Event, Origin, Side, Statement};

fn origin() -> Origin {
    Origin {
        path: "e.toml".into(),
        line: 1,
    }
}

/// A full-coverage statement of `side` on `event_id`, issued by "x".
pub fn statement(event_id: &str, side: &str, date: &str, text: &str) -> Statement {
    Statement {
        id: format!("{event_id}/{side}"),
        event_id: event_id.into(),
        date: date.parse::<Date>().expect("sample date"),
        side: Side::parse(side).expect("sample side"),
        issuer: "x".into(),
        title: String::new(),
        language: "en".into(),
        url: None,
        coverage: Coverage::Full,
        quoted_in: None,
        notes: None,
        text: text.into(),
        turns: Vec::new(),
        stored: Default::default(),
        origin: origin(),
    }
}

/// A call titled "t" holding `statements`.
pub fn event(id: &str, date: &str, statements: Vec<Statement>) -> Event {
    Event {
        id: id.into(),
        date: date.parse::<Date>().expect("sample date"),
        kind: "call".into(),
        title: "t".into(),
        participants: vec![],
        notes: None,
        statements,
        origin: origin(),
    }
}
