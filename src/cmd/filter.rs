//! The statement filters shared by every analysis command, as clap arguments.
//! `FilterArgs::to_filter` turns them into the library's `corpus::Filter`;
//! `SelectArgs` adds `--query`, a full-text query answered by the index.

use anyhow::Context;

use super::GlobalArgs;

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
}

impl FilterArgs {
    pub fn to_filter(&self) -> Filter {
        Filter {
            sides: self.side.clone(),
            issuers: self.issuer.clone(),
            kinds: self.kind.clone(),
            from: self.from,
            to: self.to,
            ids: None,
        }
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
        let mut filter = self.filter.to_filter();
        if let Some(query) = &self.query {
            narrow_to_query(&open_index(global)?, query, &mut filter)?;
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
