//! Where and how importers write: one JSONL file per source under
//! `<into>/import/`, named after the source's file name and a hash of its full
//! path so that `2024/mfa.jsonl`, `2025/mfa.jsonl` and `mfa.csv` never share a
//! file and any name (`外交部.csv`, `.hidden.jsonl`) gives a visible one. Every
//! write goes to an exclusive temporary file with an unpredictable name beside
//! the target and is renamed over it, under a lock, so two imports at once
//! never mix lines and a link planted at the target is replaced, not written
//! through. An existing import is never shrunk without `force`.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

use fs4::fs_std::FileExt;

use super::{Error, Line};

/// The folder under `--into` that generic importers write to.
pub const IMPORT_DIR: &str = "import";
const LOCK_NAME: &str = ".readouts-import.lock";
const NAME_CHARS: usize = 40;

/// FNV-1a, 64 bits: stable across runs and platforms (ids and file names rely on it).
pub fn stable_hash(s: &str) -> u64 {
    crate::hash::fnv1a(s.as_bytes())
}

/// Eight hex digits of [`stable_hash`].
pub fn short_hash(s: &str) -> String {
    format!("{:08x}", stable_hash(s) as u32)
}

/// The output file for `source`: `<into>/import/<name>-<hash>.jsonl`, where
/// name keeps the letters and digits of the source's file name (any script,
/// lower-cased, at most 40) and hash is that of its absolute path.
pub fn output_path(into: &Path, source: &Path) -> PathBuf {
    let full = fs::canonicalize(source)
        .or_else(|_| std::path::absolute(source))
        .unwrap_or_else(|_| source.to_path_buf());
    let file_name = source
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let hash = short_hash(&full.to_string_lossy());
    into.join(IMPORT_DIR)
        .join(format!("{}-{hash}.jsonl", name_part(&file_name)))
}

/// Letters and digits of any script, lower-cased; anything else becomes one `-`.
fn name_part(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= NAME_CHARS {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "import".to_string()
    } else {
        out.to_string()
    }
}

/// Writes the import of `source` to its own file under `<into>/import/`.
/// Refuses (writing nothing) when that file holds more statements than
/// `lines` unless `force`; returns the path written.
pub fn write_import(
    into: &Path,
    source: &Path,
    lines: &[Line<'_>],
    force: bool,
) -> Result<PathBuf, Error> {
    let path = output_path(into, source);
    write_jsonl(&path, lines, force)?;
    Ok(path)
}

/// Writes `lines` to `path` through an exclusive temporary file beside it
/// and a rename (an interrupted write leaves the old file whole), under the
/// folder's import lock. Refuses (writing nothing) when `path` holds more
/// statements than `lines` unless `force`.
pub fn write_jsonl(path: &Path, lines: &[Line<'_>], force: bool) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    ensure_real_dir(dir)?;
    let _lock = lock(dir)?;
    let held = statements_in(path)?;
    if held > lines.len() && !force {
        return Err(Error::WouldShrink {
            path: path.to_path_buf(),
            held,
            new: lines.len(),
        });
    }
    replace(path, lines)
}

fn write_error(path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Creates `dir` if needed and refuses a symbolic link in its place.
fn ensure_real_dir(dir: &Path) -> Result<(), Error> {
    fs::create_dir_all(dir).map_err(write_error(dir))?;
    let meta = fs::symlink_metadata(dir).map_err(write_error(dir))?;
    if meta.file_type().is_symlink() {
        return Err(Error::Symlink(dir.to_path_buf()));
    }
    Ok(())
}

/// An exclusive lock on `dir`'s lock file, released when dropped.
fn lock(dir: &Path) -> Result<File, Error> {
    let path = dir.join(LOCK_NAME);
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    let file = options.open(&path).map_err(write_error(&path))?;
    file.lock_exclusive().map_err(write_error(&path))?;
    Ok(file)
}

/// Non-empty lines of an existing import file (0 when there is none).
fn statements_in(path: &Path) -> Result<usize, Error> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(write_error(path)(e)),
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(Error::Symlink(path.to_path_buf()))
        }
        Ok(_) => {}
    }
    let read = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(read)?;
    let mut count = 0;
    for line in io::BufReader::new(file).split(b'\n') {
        if !line.map_err(read)?.trim_ascii().is_empty() {
            count += 1;
        }
    }
    Ok(count)
}

fn replace(path: &Path, lines: &[Line<'_>]) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".readouts-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(write_error(path))?;
    let mut out = BufWriter::new(tmp);
    for line in lines {
        serde_json::to_writer(&mut out, line)
            .map_err(io::Error::from)
            .map_err(write_error(path))?;
        out.write_all(b"\n").map_err(write_error(path))?;
    }
    let tmp = out
        .into_inner()
        .map_err(|e| write_error(path)(e.into_error()))?;
    tmp.as_file().sync_all().map_err(write_error(path))?;
    tmp.persist(path).map_err(|e| write_error(path)(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line<'_> {
        Line {
            event: "e",
            date: "2022".into(),
            kind: "statement",
            event_title: "t",
            side: "USA".into(),
            issuer: "i",
            title: String::new(),
            language: "en",
            coverage: "full",
            url: None,
            notes: None,
            text,
            turns: &[],
        }
    }

    #[test]
    fn any_source_name_gives_a_visible_distinct_file() {
        let into = Path::new("/c");
        let name = |s: &str| {
            output_path(into, Path::new(s))
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        };
        assert!(name("外交部.csv").starts_with("外交部-csv-"));
        assert!(name(".hidden.jsonl").starts_with("hidden-jsonl-"));
        assert!(name("!!!").starts_with("import-"));
        assert_ne!(name("/a/2024/mfa.jsonl"), name("/a/2025/mfa.jsonl"));
        assert_ne!(name("/a/mfa.jsonl"), name("/a/mfa.csv"));
        assert_eq!(name("/a/mfa.jsonl"), name("/a/mfa.jsonl"));
        assert!(name(&"x".repeat(300)).len() < 60);
    }

    #[test]
    fn a_smaller_import_is_refused_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("s.jsonl");
        let two = [line("a"), line("b")];
        let path = write_import(dir.path(), &source, &two, false).unwrap();
        let err = write_import(dir.path(), &source, &two[..1], false).unwrap_err();
        assert!(
            matches!(
                err,
                Error::WouldShrink {
                    held: 2,
                    new: 1,
                    ..
                }
            ),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap().lines().count(), 2);
        write_import(dir.path(), &source, &two[..1], true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap().lines().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "keep me").unwrap();
        let target = dir.path().join("out.jsonl");
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        let refused = write_jsonl(&target, &[line("a")], false);
        assert!(matches!(refused, Err(Error::Symlink(_))), "{refused:?}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
        let source = dir.path().join("s.csv");
        let planted = output_path(dir.path(), &source);
        fs::create_dir_all(planted.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let err = write_import(dir.path(), &source, &[line("a")], true).unwrap_err();
        assert!(matches!(err, Error::Symlink(_)), "{err}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
    }
}
