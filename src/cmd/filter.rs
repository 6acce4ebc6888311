//! The statement filters shared by every analysis command, as clap arguments.
//! `FilterArgs::to_filter` turns them into the library's `corpus::Filter`.

use crate::corpus::{Date, Filter, Side};

#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only statements by this side (ISO code; repeat or comma-separate)
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    pub side: Vec<Side>,
    /// Only statements by this issuing office (e.g. USTR, MOFCOM)
    #[arg(long, value_name = "OFFICE")]
    pub issuer: Vec<String>,
    /// Only events of this kind (call, meeting, statement, general-debate, ...)
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
        }
    }
}
