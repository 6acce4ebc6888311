//! `readouts man`: the man page in roff, generated from the clap definitions
//! so it never drifts from `--help` (`readouts man > readouts.1`); with
//! `--dir DIR`, one page per subcommand as well (`readouts-tone.1`, ...), as
//! the main page's SEE ALSO promises.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::CommandFactory;

use super::{Cli, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write readouts.1 and one readouts-COMMAND.1 per subcommand into DIR
    /// (created if needed; an existing page is never replaced)
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let Some(dir) = args.dir else {
        clap_mangen::Man::new(Cli::command()).render(out)?;
        return Ok(Outcome::Success);
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut cli = Cli::command();
    cli.build();
    write_page(&dir.join("readouts.1"), clap_mangen::Man::new(cli.clone()))?;
    let mut written = 1;
    for sub in cli.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("readouts-{}", sub.get_name());
        let page = clap_mangen::Man::new(sub.clone()).title(name.clone());
        write_page(&dir.join(format!("{name}.1")), page)?;
        written += 1;
    }
    writeln!(out, "wrote {written} man pages to {}", dir.display())?;
    Ok(Outcome::Success)
}

/// Writes one page to a new file: an existing file (or a link) at that name is refused.
fn write_page(path: &Path, page: clap_mangen::Man) -> anyhow::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| {
            format!(
                "cannot create {} (an existing page is never replaced)",
                path.display()
            )
        })?;
    page.render(&mut file)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
