//! The `readouts` binary: parse arguments, run the library, map the outcome to
//! an exit status (0 ok, 1 nothing found or check failed, 2 error). Every
//! error is one line, `readouts: …`, with control characters shown escaped;
//! `--help` and `--version` print as clap writes them. A closed pipe
//! (`readouts search x | head`) ends quietly.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::Parser;
use readouts::cmd::{self, Cli, Outcome};
use readouts::render::escape;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(NamedStdout(stdout.lock()));
    let result = cmd::run(cli, &mut out).and_then(|outcome| {
        out.flush()?;
        Ok(outcome)
    });
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound | Outcome::CheckFailed | Outcome::Incomplete) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "readouts: {}", one_line(&e));
            ExitCode::from(2)
        }
    }
}

/// Help and version as clap prints them; a usage error as one line, exit 2.
fn usage_error(e: &clap::Error) -> ExitCode {
    let keep = !e.use_stderr() || e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand;
    if keep {
        let _ = e.print();
        return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    }
    let line = clap_line(&e.render().to_string());
    let _ = writeln!(io::stderr(), "readouts: {}", escape::terminal(&line));
    ExitCode::from(2)
}

/// clap's several-line message folded into one: the error, its details and
/// tips, then the usage.
fn clap_line(rendered: &str) -> String {
    let mut line = String::new();
    let mut usage = None;
    for part in rendered.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(u) = part.strip_prefix("Usage:") {
            usage = Some(u.trim().to_string());
            continue;
        }
        if part.starts_with("For more information") {
            continue;
        }
        let part = part.strip_prefix("error:").map_or(part, str::trim);
        if !line.is_empty() {
            let glue = line.ends_with(':') || part.starts_with('[');
            line.push_str(if glue { " " } else { "; " });
        }
        line.push_str(part);
    }
    match usage {
        Some(u) => format!("{line} (usage: {u}; more with --help)"),
        None => format!("{line} (more with --help)"),
    }
}

/// The error and its causes on one line; a cause already quoted by the
/// message above it (`cannot write X: File exists` over `File exists`) is not
/// repeated.
fn one_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    escape::terminal(&line).into_owned()
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<io::Error>())
        .any(|io| io.kind() == io::ErrorKind::BrokenPipe)
}

/// Standard output whose write errors say that they are about standard
/// output (a full disk under `> file` otherwise names no file).
struct NamedStdout<W>(W);

impl<W: Write> NamedStdout<W> {
    fn name(e: io::Error) -> io::Error {
        io::Error::new(e.kind(), format!("cannot write to standard output: {e}"))
    }
}

impl<W: Write> Write for NamedStdout<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(Self::name)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(Self::name)
    }
}
