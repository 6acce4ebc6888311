//! `readouts man`: the man page in roff, generated from the clap definitions
//! so it never drifts from `--help` (`readouts man > readouts.1`).

use std::io::Write;

use clap::CommandFactory;

use super::{Cli, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(Outcome::Success)
}
