//! Queries over the index: parsing the user's tantivy query (with errors that
//! point at the bad part), combining it with the statement filters, and the
//! three answers commands need: ranked hits with snippets ([`search`]),
//! statement ids ([`select`]) and frequency tables ([`count_by`]).

use std::collections::BTreeMap;
use std::ops::{Bound, Range};

use serde::Serialize;
use tantivy::collector::{Count as CountCollector, DocSetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, RegexQuery, TermQuery,
};
use tantivy::query_grammar;
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, Term};

use super::schema::{self, QUERY_FIELDS};
use super::{Error, Fields, Index};
use crate::corpus::Filter;

/// How to run a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    pub limit: usize,
    /// Match the words as written (normalised, unstemmed) instead of by stem.
    pub exact: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            exact: false,
        }
    }
}

/// A fragment of a statement's text around the matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    /// Byte offset of `text` in the statement's text.
    pub start: usize,
    /// Byte ranges of the matched words, in the statement's text.
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The highlighted ranges relative to `text`.
    pub fn local_highlights(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.highlights
            .iter()
            .map(|r| r.start - self.start..r.end - self.start)
    }
}

/// One statement found by a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub score: f32,
    pub statement: String,
    pub event: String,
    pub date: String,
    pub kind: String,
    pub side: String,
    pub issuer: String,
    pub title: String,
    /// The source URL stored with the statement, if it has one.
    pub url: Option<String>,
    pub snippet: Snippet,
}

/// The best hits and how many statements matched in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// What `--count-by` groups matching statements by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CountKey {
    Side,
    Issuer,
    Year,
    Month,
}

impl CountKey {
    pub fn name(self) -> &'static str {
        match self {
            CountKey::Side => "side",
            CountKey::Issuer => "issuer",
            CountKey::Year => "year",
            CountKey::Month => "month",
        }
    }
}

/// One row of a frequency table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub key: String,
    pub statements: usize,
}

/// Ranked hits for `query` among the statements `filter` accepts.
fn search_unguarded(
    index: &Index,
    query: &str,
    filter: &Filter,
    options: SearchOptions,
) -> Result<Found, Error> {
    let user = parse(index, query, options.exact)?;
    let full = restrict(&index.fields, user, filter);
    let searcher = index.reader.searcher();
    let collector = (
        TopDocs::with_limit(options.limit.max(1)).order_by_score(),
        CountCollector,
    );
    let (top, total) = searcher
        .search(full.as_ref(), &collector)
        .map_err(|e| index.terr(e))?;
    let snippets = Snippets::new(index, &searcher, full.as_ref())?;
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top.into_iter().take(options.limit) {
        hits.push(hit(index, &searcher, &snippets, score, address)?);
    }
    Ok(Found { total, hits })
}

/// The ids of the statements matching `query` (all statements when it is
/// empty) among those `filter` accepts, in corpus order (date, then id).
fn select_unguarded(index: &Index, query: &str, filter: &Filter) -> Result<Vec<String>, Error> {
    let user = parse(index, query, false)?;
    let full = restrict(&index.fields, user, filter);
    let searcher = index.reader.searcher();
    let docs = searcher
        .search(full.as_ref(), &DocSetCollector)
        .map_err(|e| index.terr(e))?;
    let mut found = Vec::with_capacity(docs.len());
    for address in docs {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| index.terr(e))?;
        let f = &index.fields;
        found.push((text_of(&doc, f.date), text_of(&doc, f.id)));
    }
    found.sort();
    Ok(found.into_iter().map(|(_, id)| id).collect())
}

/// How many matching statements each side, issuer, year or month has, in key order.
fn count_by_unguarded(
    index: &Index,
    query: &str,
    filter: &Filter,
    key: CountKey,
    exact: bool,
) -> Result<Vec<Count>, Error> {
    let user = parse(index, query, exact)?;
    let full = restrict(&index.fields, user, filter);
    let searcher = index.reader.searcher();
    let docs = searcher
        .search(full.as_ref(), &DocSetCollector)
        .map_err(|e| index.terr(e))?;
    let column_name = match key {
        CountKey::Side => "side",
        CountKey::Issuer => "issuer",
        CountKey::Year | CountKey::Month => "date",
    };
    let mut by_segment: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for a in docs {
        by_segment.entry(a.segment_ord).or_default().push(a.doc_id);
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut value = String::new();
    for (segment, ids) in by_segment {
        let reader = searcher.segment_reader(segment);
        let column = reader
            .fast_fields()
            .str(column_name)
            .map_err(|e| index.terr(e))?;
        let Some(column) = column else { continue };
        for id in ids {
            for ord in column.term_ords(id) {
                value.clear();
                column
                    .ord_to_str(ord, &mut value)
                    .map_err(|e| index.terr(e.into()))?;
                *counts.entry(group_key(key, &value)).or_default() += 1;
            }
        }
    }
    Ok(counts
        .into_iter()
        .map(|(key, statements)| Count { key, statements })
        .collect())
}

fn group_key(key: CountKey, value: &str) -> String {
    match key {
        CountKey::Year => value.get(..4).unwrap_or(value).to_string(),
        CountKey::Month => match value.get(..7) {
            Some(month) => month.to_string(),
            None => format!("{value} (month unknown)"),
        },
        _ => value.to_string(),
    }
}

/// Deepest nesting of parentheses a query may have. tantivy's parser recurses
/// once per level and overflows the stack at a few thousand; no real query
/// comes near this.
pub const MAX_NESTING: usize = 64;

/// The byte offset of the first `(` nested deeper than [`MAX_NESTING`]
/// (outside quoted phrases), if any.
fn too_deep(query: &str) -> Option<usize> {
    let (mut depth, mut quoted) = (0usize, false);
    for (i, b) in query.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'(' if !quoted => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Parses a user query; an empty query matches every statement.
pub(crate) fn parse(index: &Index, query: &str, exact: bool) -> Result<Box<dyn Query>, Error> {
    if query.trim().is_empty() {
        return Ok(Box::new(AllQuery));
    }
    if let Some(at) = too_deep(query) {
        let message = format!("parentheses are nested more than {MAX_NESTING} deep");
        return Err(syntax_error(query, at, &message));
    }
    let (_, errors) = query_grammar::parse_query_lenient(query);
    if let Some(e) = errors.first() {
        return Err(syntax_error(query, e.pos, &e.message));
    }
    let f = &index.fields;
    let defaults = if exact {
        vec![f.exact]
    } else {
        vec![f.text, f.title]
    };
    let mut parser = QueryParser::for_index(&index.inner, defaults);
    parser.set_conjunction_by_default();
    parser
        .parse_query(query)
        .map_err(|e| semantic_error(query, e))
}

fn syntax_error(query: &str, pos: usize, message: &str) -> Error {
    let pos = pos.min(query.len());
    let start = floor_char(query, pos);
    let near: String = query[start..].chars().take(20).collect();
    Error::Query {
        column: query[..start].chars().count() + 1,
        near: if near.is_empty() {
            "the end".to_string()
        } else {
            near
        },
        message: message.replace("\\\"", "\"").to_lowercase(),
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn semantic_error(query: &str, e: tantivy::query::QueryParserError) -> Error {
    use tantivy::query::QueryParserError as P;
    let message = match e {
        P::FieldDoesNotExist(field) => format!(
            "unknown field `{field}` in the query; fields are {}",
            QUERY_FIELDS.join(", ")
        ),
        P::ExpectedInt(_) => {
            "`year:` takes a number or a range such as year:[2000 TO 2010]".to_string()
        }
        P::AllButQueryForbidden => format!(
            "the query `{query}` only excludes; say what to find too, e.g. `trade -tariffs`"
        ),
        other => format!("the query `{query}` cannot be run: {other}"),
    };
    Error::BadQuery(message)
}

/// The user query restricted to the statements `filter` accepts.
pub(crate) fn restrict(f: &Fields, user: Box<dyn Query>, filter: &Filter) -> Box<dyn Query> {
    if filter.is_empty() {
        return user;
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, user)];
    let any_of = |field, values: Vec<String>| -> Box<dyn Query> {
        let terms = values
            .into_iter()
            .map(|v| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(field, &v.to_lowercase()),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect();
        Box::new(BooleanQuery::new(terms))
    };
    if !filter.sides.is_empty() {
        let sides = filter
            .sides
            .iter()
            .map(|s| s.as_str().to_string())
            .collect();
        clauses.push((Occur::Must, any_of(f.side, sides)));
    }
    if !filter.issuers.is_empty() {
        clauses.push((Occur::Must, any_of(f.issuer, filter.issuers.clone())));
    }
    if !filter.kinds.is_empty() {
        // A kind or a kind family (`readout`), as `Filter::accepts` matches it.
        let families = filter
            .kinds
            .iter()
            .filter_map(|k| {
                let pattern = crate::corpus::filter::kind_pattern(k);
                let q: Box<dyn Query> = Box::new(RegexQuery::from_pattern(&pattern, f.kind).ok()?);
                Some((Occur::Should, q))
            })
            .collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(families))));
    }
    if let Some(from) = filter.from {
        let day = Term::from_field_u64(f.last_day, schema::day_number(from.first_day()));
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(Bound::Included(day), Bound::Unbounded)),
        ));
    }
    if let Some(to) = filter.to {
        let day = Term::from_field_u64(f.first_day, schema::day_number(to.last_day()));
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(Bound::Unbounded, Bound::Included(day))),
        ));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Snippet makers for the stemmed and the exact field: the query's terms on
/// either field are highlighted in the stored text.
struct Snippets {
    stemmed: SnippetGenerator,
    exact: SnippetGenerator,
}

impl Snippets {
    fn new(index: &Index, searcher: &Searcher, query: &dyn Query) -> Result<Snippets, Error> {
        let make = |field| {
            let mut g =
                SnippetGenerator::create(searcher, query, field).map_err(|e| index.terr(e))?;
            g.set_max_num_chars(200);
            Ok::<_, Error>(g)
        };
        Ok(Snippets {
            stemmed: make(index.fields.text)?,
            exact: make(index.fields.exact)?,
        })
    }

    fn of(&self, text: &str) -> Snippet {
        let mut s = self.stemmed.snippet(text);
        if s.is_empty() {
            s = self.exact.snippet(text);
        }
        let range = s.fragment_range();
        if s.fragment().is_empty() {
            let end = floor_char(text, text.len().min(200));
            return Snippet {
                text: text[..end].to_string(),
                start: 0,
                highlights: Vec::new(),
            };
        }
        Snippet {
            text: s.fragment().to_string(),
            start: range.start,
            highlights: s
                .highlighted()
                .iter()
                .map(|r| r.start + range.start..r.end + range.start)
                .collect(),
        }
    }
}

fn hit(
    index: &Index,
    searcher: &Searcher,
    snippets: &Snippets,
    score: f32,
    address: DocAddress,
) -> Result<Hit, Error> {
    let doc: TantivyDocument = searcher.doc(address).map_err(|e| index.terr(e))?;
    let f = &index.fields;
    let text = text_of(&doc, f.text);
    Ok(Hit {
        score,
        statement: text_of(&doc, f.id),
        event: text_of(&doc, f.event),
        date: text_of(&doc, f.date),
        kind: text_of(&doc, f.kind),
        side: text_of(&doc, f.side),
        issuer: text_of(&doc, f.issuer),
        title: text_of(&doc, f.title),
        url: Some(text_of(&doc, f.url)).filter(|u| !u.is_empty()),
        snippet: snippets.of(&text),
    })
}

/// The first stored string of `field` ("" when absent).
pub(crate) fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// `search_unguarded`, with a panic of tantivy's on damaged bytes
/// reported as [`Error::Damaged`] instead.
pub fn search(
    index: &Index,
    query: &str,
    filter: &Filter,
    options: SearchOptions,
) -> Result<Found, Error> {
    super::damage::quietly(|| search_unguarded(index, query, filter, options))
        .unwrap_or_else(|| Err(index.damaged()))
}

/// `select_unguarded`, with a panic of tantivy's on damaged bytes
/// reported as [`Error::Damaged`] instead.
pub fn select(index: &Index, query: &str, filter: &Filter) -> Result<Vec<String>, Error> {
    super::damage::quietly(|| select_unguarded(index, query, filter))
        .unwrap_or_else(|| Err(index.damaged()))
}

/// `count_by_unguarded`, with a panic of tantivy's on damaged bytes
/// reported as [`Error::Damaged`] instead.
pub fn count_by(
    index: &Index,
    query: &str,
    filter: &Filter,
    key: CountKey,
    exact: bool,
) -> Result<Vec<Count>, Error> {
    super::damage::quietly(|| count_by_unguarded(index, query, filter, key, exact))
        .unwrap_or_else(|| Err(index.damaged()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_bounded_outside_quoted_phrases() {
        let ok = format!("{}a{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
        assert_eq!(too_deep(&ok), None);
        let deep = format!("x {}a", "(".repeat(MAX_NESTING + 1));
        assert_eq!(too_deep(&deep), Some(2 + MAX_NESTING));
        let quoted = format!("\"{}\" a", "(".repeat(3000));
        assert_eq!(too_deep(&quoted), None);
        let flat = "(a) ".repeat(3000);
        assert_eq!(too_deep(&flat), None);
    }
}
