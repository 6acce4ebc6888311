//! The statement filters shared by every analysis command, as clap arguments:
//! the flags (`--side`, `--issuer`, `--kind`, `--from`, `--to`) and
//! `--select`, the same conditions in the tool's one selection language
//! (`corpus::selection`, as keyness's `--a`), optionally with a full-text
//! query. `FilterArgs::to_filter` turns the conditions into the library's
//! `corpus::Filter`; `SelectArgs` adds `--query`, a full-text query answered
//! by the index (a query of metadata terms alone, `side:USA`, is read as the
//! conditions it names and never reaches the index).

use anyhow::Context;

use super::GlobalArgs;

use crate::corpus::selection::{metadata_query, parse_selection, Selection};
use crate::corpus::{Date, Filter, Side};

#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only statements by this side (ISO code; repeat or comma-separate)
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    pub side: Vec<Side>,
    /// Only statements by this issuing office (e.g. USTR, MOFCOM)
    #[arg(long, value_name = "OFFICE")]
    pub issuer: Vec<String>,
    /// Only events of this kind or kind family (call-readout, meeting-readout, joint-statement, general-debate, ...; `readout` matches both readout kinds, `call` both call and call-readout)
    #[arg(long, value_delimiter = ',', value_name = "KIND")]
    pub kind: Vec<String>,
    /// Only statements on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub from: Option<Date>,
    /// Only statements on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub to: Option<Date>,
    /// Only statements this selection accepts: conditions (side=CHN,from=1990), a full-text query, or both (side=CHN,query=peace), as keyness's --a; a key may be set here or by its flag, not both
    #[arg(long, value_name = "SELECTION", value_parser = parse_selection)]
    pub select: Option<Selection>,
}

impl FilterArgs {
    /// The metadata conditions of the flags and of `--select` (its full-text
    /// query, if any, is [`FilterArgs::select_query`]).
    pub fn to_filter(&self) -> anyhow::Result<Filter> {
        let flags = Filter {
            sides: self.side.clone(),
            issuers: self.issuer.clone(),
            kinds: self.kind.clone(),
            from: self.from,
            to: self.to,
            ids: None,
        };
        let Some(selection) = &self.select else {
            return Ok(flags);
        };
        flags.and(selection.filter.clone()).map_err(|key| {
            anyhow::anyhow!(
                "--select {}: `{key}` is also given as --{key}; give it one way",
                selection.label()
            )
        })
    }

    /// The full-text query part of `--select` (`query=…`, or a bare query).
    pub fn select_query(&self) -> Option<&str> {
        self.select.as_ref().and_then(|s| s.query.as_deref())
    }

    /// [`FilterArgs::to_filter`] for a command whose full-text query is its
    /// own argument: a query in `--select` is refused, naming the argument.
    pub fn conditions_only(&self, command: &str) -> anyhow::Result<Filter> {
        if let Some(query) = self.select_query() {
            anyhow::bail!(
                "--select: `{command}` takes its full-text query as its QUERY argument, not in --select (found `{query}`); --select here holds conditions such as side=CHN,from=1990"
            );
        }
        self.to_filter()
    }
}

/// Metadata filters plus a full-text `--query`, for the analysis commands.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SelectArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Only statements matching this full-text query (tantivy syntax, as in `search`)
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,
}

impl SelectArgs {
    /// The filter; a `--query` is run against the index (refreshed first
    /// unless `--no-refresh`) and narrows the selection to its matches.
    pub fn resolve(&self, global: &GlobalArgs) -> anyhow::Result<crate::corpus::Filter> {
        let mut filter = self.filter.to_filter()?;
        let mut queries: Vec<&str> = self.filter.select_query().into_iter().collect();
        if let Some(query) = &self.query {
            match metadata_query(query) {
                Some(conditions) => {
                    filter = filter.and(conditions).map_err(|key| {
                        anyhow::anyhow!(
                            "--query {query:?} names `{key}`, which is also given as a condition; give it one way"
                        )
                    })?;
                }
                None => queries.push(query),
            }
        }
        if !queries.is_empty() {
            let index = open_index(global)?;
            for query in queries {
                // Each query narrows what the ones before it matched.
                let before = filter.ids.take();
                narrow_to_query(&index, query, &mut filter)?;
                if let (Some(before), Some(now)) = (before, filter.ids.as_mut()) {
                    now.retain(|id| before.contains(id));
                }
            }
        }
        Ok(filter)
    }
}

/// The index, for answering full-text queries (refreshed first unless `--no-refresh`).
pub fn open_index(global: &GlobalArgs) -> anyhow::Result<crate::index::Index> {
    super::index::open_fresh(global).context("cannot open the index for --query")
}

/// Narrows `filter` to the statements it accepts that match `query`.
pub fn narrow_to_query(
    index: &crate::index::Index,
    query: &str,
    filter: &mut Filter,
) -> anyhow::Result<()> {
    let ids = crate::index::select(index, query, filter)?;
    filter.ids = Some(ids.into_iter().collect());
    Ok(())
}

/// The corpus to read selected statements from: through the catalog kept in
/// the index folder when it is fresh (`index/catalog.rs`), else loaded whole
/// (the catalog is then written for next time, unless `--no-refresh`).
pub fn source(global: &GlobalArgs) -> anyhow::Result<crate::index::Source> {
    let index_dir = global
        .index
        .clone()
        .unwrap_or_else(|| crate::index::default_dir(&global.corpus));
    crate::index::Source::open(&global.corpus, &index_dir, !global.no_refresh)
        .context("cannot load the corpus")
}
