//! `readouts index`: build or update the full-text index of the corpus, and
//! the helper every analysis command uses to open a fresh index.

use std::io::{IsTerminal, Write};

use anyhow::Context;

use super::{GlobalArgs, Outcome};
use crate::index::{self, Index};
use crate::render::escape::terminal;
use crate::render::search::update_line;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    if global.no_refresh {
        anyhow::bail!("`index` always updates the index; leave out --no-refresh");
    }
    refuse_file_as_index(global)?;
    let dir = index_dir(global);
    let report = index::update(&global.corpus, &dir, &index::terminal_progress())
        .with_context(|| format!("cannot index {}", global.corpus.display()))?;
    if let Some(why) = &report.rebuilt {
        writeln!(out, "{}", terminal(why))?;
    }
    let done = format!("{} (index: {})", update_line(&report), dir.display());
    writeln!(out, "{}", terminal(&done))?;
    if report.corpus_errors > 0 {
        writeln!(
            out,
            "warning: {} corpus problems kept some statements out; run `readouts check` to see them",
            report.corpus_errors
        )?;
    }
    Ok(Outcome::Success)
}

/// `--index FILE` is a mistake to name plainly (the OS would only say "File exists").
fn refuse_file_as_index(global: &GlobalArgs) -> anyhow::Result<()> {
    if let Some(path) = &global.index {
        if path.exists() && !path.is_dir() {
            anyhow::bail!(
                "--index {} is a file, not a folder; give --index a folder (new or one readouts made)",
                path.display()
            );
        }
    }
    Ok(())
}

fn index_dir(global: &GlobalArgs) -> std::path::PathBuf {
    global
        .index
        .clone()
        .unwrap_or_else(|| index::default_dir(&global.corpus))
}

/// The index of `--corpus`, brought up to date unless `--no-refresh`; what
/// the refresh did is noted on stderr when stderr is a terminal.
pub fn open(global: &GlobalArgs) -> anyhow::Result<Index> {
    refuse_file_as_index(global)?;
    let index = index::open_fresh(&global.corpus, global.index.as_deref(), !global.no_refresh)
        .with_context(|| format!("cannot open the index of {}", global.corpus.display()))?;
    if let Some(report) = &index.update {
        if std::io::stderr().is_terminal() {
            eprintln!("readouts: {}", update_line(report));
        }
    }
    Ok(index)
}
