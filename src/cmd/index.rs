//! `readouts index`: build or update the full-text index of the corpus (or
//! with `--verify` check it without changing it), and the helper every
//! analysis command uses to open a fresh index.

use std::io::Write;

use anyhow::Context;

use super::{ui, GlobalArgs, Outcome};
use crate::index::{self, Index, Scrutiny, Verification};
use crate::render::escape::terminal;
use crate::render::search::update_line;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Check every index file against its checksum, the statement count and
    /// freshness, changing nothing; exit status 1 when anything is wrong
    #[arg(long)]
    pub verify: bool,
}

pub fn run(args: Args, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    refuse_file_as_index(global)?;
    let dir = index_dir(global);
    if args.verify {
        let found = index::verify(&global.corpus, &dir)
            .with_context(|| format!("cannot verify the index of {}", global.corpus.display()))?;
        return verified(&found, out);
    }
    if global.no_refresh {
        anyhow::bail!("`index` always updates the index; leave out --no-refresh");
    }
    let report = index::update_with(
        &global.corpus,
        &dir,
        &super::ui::Bar::new("indexing {bar:30} {pos}/{len} statements ({eta} left)", 0),
        Scrutiny::Checksums,
    )
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

/// Prints what `--verify` found: one line per problem, then a summary.
fn verified(v: &Verification, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    for problem in &v.problems {
        writeln!(out, "{}: {problem}", v.dir.display())?;
    }
    let freshness = if v.fresh {
        "up to date with the corpus"
    } else {
        "not up to date with the corpus (the next command refreshes it)"
    };
    if v.is_sound() {
        writeln!(
            out,
            "ok: {} statements, {} segment files match their checksums; {freshness} (index: {})",
            v.statements,
            v.files,
            v.dir.display()
        )?;
        Ok(Outcome::Success)
    } else {
        writeln!(
            out,
            "damaged: {} problems; `readouts index` rebuilds the index (index: {})",
            v.problems.len(),
            v.dir.display()
        )?;
        Ok(Outcome::NothingFound)
    }
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
/// the refresh did is noted on stderr when stderr is a terminal, and that the
/// index as last committed answers while another process updates it, always.
pub fn open(global: &GlobalArgs) -> anyhow::Result<Index> {
    refuse_file_as_index(global)?;
    let index = open_fresh(global)
        .with_context(|| format!("cannot open the index of {}", global.corpus.display()))?;
    if let Some(report) = &index.update {
        ui::note_on_terminal(update_line(report));
        if let Some(why) = &report.rebuilt {
            ui::note(why);
        }
    }
    if index.busy {
        ui::note(
            "note: another readouts process is updating the index; answering from the index as last committed",
        );
    }
    Ok(index)
}

/// The index of `--corpus` (or `--index`), brought up to date first unless
/// `--no-refresh`, with a progress bar while it builds.
pub fn open_fresh(global: &GlobalArgs) -> Result<Index, index::Error> {
    let bar = ui::Bar::new("indexing {bar:30} {pos}/{len} statements ({eta} left)", 0);
    index::open_fresh(
        &global.corpus,
        global.index.as_deref(),
        !global.no_refresh,
        &bar,
    )
}

/// For `search` and `kwic`: says on stderr when broken corpus files kept
/// statements out of the index (as `index`, `phrases` and `tone` do).
pub fn warn_dropped(index: &Index) {
    if index.corpus_errors > 0 {
        ui::note(format_args!(
            "warning: the corpus has {} problems that kept statements out of the index; run `readouts check` for details",
            index.corpus_errors
        ));
    }
}
