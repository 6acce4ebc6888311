//! The `readouts` binary: parse arguments, run the library, map the outcome to
//! an exit status (0 ok, 1 nothing found or check failed, 2 error). A closed
//! pipe (`readouts search x | head`) ends quietly.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use readouts::cmd::{self, Cli, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = cmd::run(cli, &mut out).and_then(|outcome| {
        out.flush()?;
        Ok(outcome)
    });
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound | Outcome::CheckFailed | Outcome::Incomplete) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "readouts: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<io::Error>())
        .any(|io| io.kind() == io::ErrorKind::BrokenPipe)
}
