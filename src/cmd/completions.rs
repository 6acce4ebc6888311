//! `readouts completions SHELL`: completion scripts generated from the clap definitions.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Shell to generate for
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let mut cmd = Cli::command();
    // clap_complete panics when its writer fails (a closed pipe under `| head`),
    // so the script is made in memory and written here, where errors are errors.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "readouts", &mut script);
    out.write_all(&script)?;
    Ok(Outcome::Success)
}
