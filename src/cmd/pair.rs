//! `readouts pair`: propose which one-sided statements report the same event
//! (a pairing file to review), and `--apply` the reviewed file as an events
//! file in the corpus.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use super::filter::SelectArgs;
use super::{GlobalArgs, Outcome};
use crate::analysis::pair::{self, review, Candidate, Mode, Options};
use crate::corpus::load::EVENTS_FILE_SUFFIX;
use crate::corpus::officials::Officials;
use crate::corpus::Side;

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("mode").args(["sides", "languages", "kinds", "apply"]).required(true)))]
pub struct Args {
    /// Pair one side's statements with the other's: --sides USA,CHN
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    pub sides: Vec<Side>,
    /// Pair one side's two language versions of a statement: --languages zh,en
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    pub languages: Vec<String>,
    /// Pair two kinds of one archive: --kinds readout,joint-statement
    /// (`readout` also takes call-readout, meeting-readout, …)
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    pub kinds: Vec<String>,
    /// Largest date gap between the statements of a pair, in days
    #[arg(long, default_value_t = 2, value_name = "DAYS")]
    pub window: u32,
    /// Proposals scoring at least this are written with accept = true
    #[arg(long, default_value_t = 0.6, value_name = "SCORE")]
    pub threshold: f64,
    /// Proposals scoring below this are not written at all
    #[arg(long, default_value_t = 0.4, value_name = "SCORE")]
    pub floor: f64,
    /// More officials (TOML, the shape of the bundled table) to read participants with
    #[arg(long, value_name = "FILE")]
    pub officials: Option<PathBuf>,
    /// Write the pairing file here instead of standard output (name it *.pairs.toml)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace an existing --out file, or the events file --apply writes
    #[arg(long)]
    pub force: bool,
    /// Record the accepted pairs of a reviewed pairing file as an events file in the corpus
    #[arg(long, value_name = "FILE", conflicts_with_all = ["sides", "languages", "kinds"])]
    pub apply: Option<PathBuf>,
    #[command(flatten)]
    pub select: SelectArgs,
}

pub fn run(args: Args, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    match &args.apply {
        Some(file) => apply(file, args.force, global, out),
        None => propose(&args, global, out),
    }
}

fn mode(args: &Args) -> anyhow::Result<(Mode, String)> {
    let pair = |flag: &str, v: &[String]| format!("--{flag} {}", v.join(","));
    if let [a, b] = args.sides.as_slice() {
        let names = [a.to_string(), b.to_string()];
        return Ok((Mode::Sides(a.clone(), b.clone()), pair("sides", &names)));
    }
    if let [a, b] = args.languages.as_slice() {
        return Ok((
            Mode::Languages(a.clone(), b.clone()),
            pair("languages", &args.languages),
        ));
    }
    if let [a, b] = args.kinds.as_slice() {
        return Ok((
            Mode::Kinds(a.clone(), b.clone()),
            pair("kinds", &args.kinds),
        ));
    }
    bail!("give two values: --sides A,B, --languages A,B or --kinds A,B")
}

fn propose(args: &Args, global: &GlobalArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (mode, how) = mode(args)?;
    let officials = match &args.officials {
        Some(path) => Officials::bundled_with(path)?,
        None => Officials::bundled(),
    };
    let loaded = crate::corpus::load(&global.corpus).context("cannot read the corpus")?;
    let filter = args.select.resolve(global)?;
    let candidates: Vec<Candidate<'_>> = loaded
        .corpus
        .select(&filter)
        .map(|(event, statement)| Candidate {
            statement,
            kind: &event.kind,
        })
        .collect();
    let options = Options {
        mode,
        window: args.window,
        threshold: args.threshold,
        floor: args.floor,
    };
    let proposals = pair::propose(&candidates, &officials, &options);
    let accepted = proposals.iter().filter(|p| p.accept).count();
    match &args.out {
        Some(path) => {
            let mut file = create(path, args.force)?;
            crate::render::pair::pairing_file(&mut file, &proposals, &how)?;
            writeln!(
                out,
                "{} proposals ({accepted} accepted) written to {}",
                proposals.len(),
                path.display()
            )?;
        }
        None => crate::render::pair::pairing_file(out, &proposals, &how)?,
    }
    super::ui::note(format_args!(
        "{} proposals, {accepted} with accept = true",
        proposals.len()
    ));
    Ok(if proposals.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Success
    })
}

fn apply(
    file: &Path,
    force: bool,
    global: &GlobalArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let accepted = review::read(file)?;
    let loaded = crate::corpus::load(&global.corpus).context("cannot read the corpus")?;
    let events = review::events(&accepted, &loaded.corpus, file)?;
    if events.is_empty() {
        writeln!(
            out,
            "no pair in {} has accept = true; nothing recorded",
            file.display()
        )?;
        return Ok(Outcome::NothingFound);
    }
    let target = events_file_path(&global.corpus, file);
    let mut text = Vec::new();
    crate::render::pair::events_file(&mut text, &events, &file.display().to_string())?;
    write_new(&target, &text, force)?;
    writeln!(
        out,
        "{} events recorded in {}",
        events.len(),
        target.display()
    )?;
    let after = crate::corpus::load(&global.corpus)?;
    let problems: Vec<_> = after
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.path == target)
        .collect();
    for d in &problems {
        writeln!(out, "{d}")?;
    }
    Ok(if problems.is_empty() {
        Outcome::Success
    } else {
        Outcome::CheckFailed
    })
}

/// `CORPUS/paired/NAME.events.toml`, NAME from the pairing file's name.
fn events_file_path(corpus: &Path, pairing: &Path) -> PathBuf {
    let name = pairing
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("pairs");
    let stem = name
        .strip_suffix(".pairs.toml")
        .or_else(|| name.strip_suffix(".toml"))
        .unwrap_or(name);
    corpus
        .join("paired")
        .join(format!("{stem}{EVENTS_FILE_SUFFIX}"))
}

/// A new file, never following a symlink; an existing one only with `force`.
fn create(path: &Path, force: bool) -> anyhow::Result<fs::File> {
    if let Ok(meta) = fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() {
            bail!("{} is a symbolic link; write elsewhere", path.display());
        }
        if !force {
            bail!("{} exists; give --force to replace it", path.display());
        }
    }
    let mut options = OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))
}

/// Writes `bytes` to `path` through an exclusive temporary file beside it,
/// renamed into place, so a reader never sees half a file.
fn write_new(path: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    if let Ok(meta) = fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() {
            bail!("{} is a symbolic link; remove it first", path.display());
        }
        if !force {
            bail!("{} exists; give --force to replace it", path.display());
        }
    }
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("events"),
        std::process::id()
    ));
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .with_context(|| format!("cannot create {}", tmp.display()))?;
    let written = file.write_all(bytes).and_then(|_| file.sync_all());
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", tmp.display()));
    }
    let renamed = if force {
        fs::rename(&tmp, path)
    } else {
        fs::hard_link(&tmp, path).and_then(|_| fs::remove_file(&tmp))
    };
    renamed.with_context(|| {
        let _ = fs::remove_file(&tmp);
        format!("cannot put {} in place", path.display())
    })
}
