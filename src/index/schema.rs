//! The index schema: one tantivy document per statement. Full text is indexed
//! twice, stemmed (`text`, the default) and normalised only (`exact`), so
//! "bullying" can find "bullied" or, on request, only "bullying". Metadata
//! fields are whole values, lower-cased for matching, with the original kept
//! in a fast column for counting and display. Bump [`VERSION`] whenever the
//! schema or an analyzer changes: an index of another version is rebuilt.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED,
    STRING,
};

use super::analyzer;

/// Version of the schema and analyzers; stored in the index folder.
/// 2: the `key` field (event and statement id), so ids repeated across events are kept.
/// 3: the stored `url` field, so search results link to the source.
/// 4: words of the lexicon's `exact` list are indexed as themselves, not by stem
/// (`analyzer::index_key`: "candidate" is no longer `candid`).
/// 5: Chinese words: runs of Han characters are cut into words (`text::han`),
/// not indexed one character at a time.
pub const VERSION: u32 = 5;

/// Field names users may write in queries (`side:chn`, `year:[2000 TO 2010]`).
pub const QUERY_FIELDS: &[&str] = &[
    "text", "exact", "title", "side", "issuer", "kind", "event", "date", "year", "language", "id",
];

/// The fields, looked up once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// What identifies a document: [`key`] of its event and statement id.
    pub key: Field,
    pub id: Field,
    pub event: Field,
    pub date: Field,
    pub year: Field,
    pub first_day: Field,
    pub last_day: Field,
    pub kind: Field,
    pub side: Field,
    pub issuer: Field,
    pub language: Field,
    pub title: Field,
    /// The statement's source URL, stored only (absent when the statement has none).
    pub url: Field,
    pub text: Field,
    pub exact: Field,
}

pub fn build() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("key", STRING);
    b.add_text_field("id", STRING | STORED);
    let keyword = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer::KEYWORD)
                .set_index_option(IndexRecordOption::Basic),
        )
        .set_stored()
        .set_fast("raw");
    for name in ["event", "kind", "side", "issuer", "language"] {
        b.add_text_field(name, keyword.clone());
    }
    b.add_text_field("date", STRING | STORED | tantivy::schema::FAST);
    let number = NumericOptions::default().set_indexed().set_fast();
    b.add_u64_field("year", number.clone());
    b.add_u64_field("first_day", number.clone());
    b.add_u64_field("last_day", number);
    let full = |tokenizer: &str| {
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions)
    };
    b.add_text_field(
        "title",
        TextOptions::default()
            .set_indexing_options(full(analyzer::STEMMED))
            .set_stored(),
    );
    b.add_text_field("url", STORED);
    b.add_text_field(
        "text",
        TextOptions::default()
            .set_indexing_options(full(analyzer::STEMMED))
            .set_stored(),
    );
    b.add_text_field(
        "exact",
        TextOptions::default().set_indexing_options(full(analyzer::EXACT)),
    );
    b.build()
}

impl Fields {
    /// Looks the fields up; `None` when the schema is not ours.
    pub fn of(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            key: f("key")?,
            id: f("id")?,
            event: f("event")?,
            date: f("date")?,
            year: f("year")?,
            first_day: f("first_day")?,
            last_day: f("last_day")?,
            kind: f("kind")?,
            side: f("side")?,
            issuer: f("issuer")?,
            language: f("language")?,
            title: f("title")?,
            url: f("url")?,
            text: f("text")?,
            exact: f("exact")?,
        })
    }
}

/// The key of a statement in the index and its hash file. A statement id is
/// unique within its event but may repeat across events (an `id` given by
/// hand or an import); event ids never hold a `/`, so `event/id` is unique.
pub fn key(event_id: &str, statement_id: &str) -> String {
    format!("{event_id}/{statement_id}")
}

/// A day as the number `YYYYMMDD`, for range filters.
pub fn day_number((y, m, d): (u16, u8, u8)) -> u64 {
    u64::from(y) * 10_000 + u64::from(m) * 100 + u64::from(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_field_exists_and_days_sort_as_numbers() {
        let schema = build();
        assert!(Fields::of(&schema).is_some());
        for name in QUERY_FIELDS {
            assert!(schema.get_field(name).is_ok(), "{name}");
        }
        assert!(day_number((2020, 8, 25)) < day_number((2020, 12, 1)));
        assert_eq!(day_number((1946, 1, 1)), 19_460_101);
    }
}
