//! Finding the corpus files below a folder, and opening them, without ever
//! reading something that is not a plain file of the corpus. A corpus comes
//! from others (a tarball, a git repository, a shared drive), so a FIFO named
//! `x.toml` must not hang every command, a link to `/dev/zero` must not read
//! until memory runs out, a link to `~/.ssh/…` must not be read, and one
//! unreadable folder must not hide the rest of the corpus.
//!
//! The rules: real folders are entered (hidden ones, such as `.index/`, are
//! not); regular files named `*.toml` or `*.jsonl` are read; a symbolic link
//! named so is read only when it resolves to a regular file inside the corpus
//! folder; links to folders are not followed (that could loop or read files
//! twice). Everything else named like a corpus file (FIFOs, sockets, devices,
//! links out of the corpus), and every folder that cannot be listed, is one
//! diagnostic; the walk goes on. Files are opened without blocking and
//! checked again once open, so an entry swapped after the walk is refused too.

use std::fs::{self, File};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::corpus::diagnostic::Diagnostic;

/// The corpus files found (sorted), and what was passed over with a reason.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether a file name says it is a corpus file (a pairing file under
/// review, `*.pairs.toml` from `readouts pair --out`, is not corpus data).
pub fn is_corpus_name(path: &Path) -> bool {
    let under_review = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(".pairs.toml"));
    !under_review
        && matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("toml" | "jsonl")
        )
}

/// Walks the folder `root` (which the caller checked is one).
pub fn walk(root: &Path) -> Walk {
    let mut walk = Walk::default();
    let canonical = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut pending = vec![root.to_path_buf()];
    // An explicit stack: a corpus nested thousands of folders deep cannot
    // overflow the call stack.
    while let Some(dir) = pending.pop() {
        visit(&canonical, &dir, &mut pending, &mut walk);
    }
    walk.files.sort();
    walk
}

fn visit(root: &Path, dir: &Path, pending: &mut Vec<PathBuf>, walk: &mut Walk) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            walk.diagnostics.push(Diagnostic::error(
                dir,
                1,
                1,
                format!("cannot read the folder: {e}; its files are left out"),
            ));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                walk.diagnostics.push(Diagnostic::error(
                    dir,
                    1,
                    1,
                    format!("cannot list the folder to its end: {e}; some files may be left out"),
                ));
                break;
            }
        };
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let path = entry.path();
        // `file_type` does not follow links: a link is seen as a link.
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => pending.push(path),
            Ok(kind) => classify(root, path, kind, walk),
            Err(e) => walk.diagnostics.push(Diagnostic::error(
                &path,
                1,
                1,
                format!("cannot tell what this entry is: {e}; left out"),
            )),
        }
    }
}

/// Keeps a regular corpus file, or says why a corpus-named entry is left out.
fn classify(root: &Path, path: PathBuf, kind: fs::FileType, walk: &mut Walk) {
    if kind.is_symlink() {
        return link(root, path, walk);
    }
    if !is_corpus_name(&path) {
        return;
    }
    if kind.is_file() {
        walk.files.push(path);
    } else {
        let what = describe(kind);
        walk.diagnostics.push(Diagnostic::error(
            &path,
            1,
            1,
            format!("{what}, not a regular file; not read"),
        ));
    }
}

fn link(root: &Path, path: PathBuf, walk: &mut Walk) {
    let target = fs::canonicalize(&path);
    let meta = target.as_ref().ok().and_then(|t| fs::metadata(t).ok());
    let problem = match (&target, &meta) {
        (Ok(_), Some(m)) if m.is_dir() => {
            walk.diagnostics.push(Diagnostic::warning(
                &path,
                1,
                1,
                "symbolic link to a folder, not followed; move the folder into the corpus instead",
            ));
            return;
        }
        _ if !is_corpus_name(&path) => return,
        (Err(e), _) => format!("broken symbolic link ({e})"),
        (Ok(t), _) if !t.starts_with(root) => {
            format!("symbolic link to {}, outside the corpus", t.display())
        }
        (Ok(_), Some(m)) if m.is_file() => {
            walk.files.push(path);
            return;
        }
        (Ok(_), Some(m)) => format!("symbolic link to {}", describe(m.file_type())),
        (Ok(t), None) => format!("symbolic link to {}, which cannot be read", t.display()),
    };
    walk.diagnostics.push(Diagnostic::error(
        &path,
        1,
        1,
        format!("{problem}; not read"),
    ));
}

fn describe(kind: fs::FileType) -> &'static str {
    if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// Why a corpus file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}, not a regular file; not read")]
    NotRegular(&'static str),
}

/// The bytes of the corpus file at `path`: opened without blocking (a FIFO
/// swapped in after the walk cannot hang the read) and refused unless what
/// was opened is a regular file.
pub fn read_regular(path: &Path) -> Result<Vec<u8>, ReadError> {
    let (mut file, meta) = open_regular(path)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Opens `path` without blocking and refuses it unless, once open, it is a regular file.
fn open_regular(path: &Path) -> Result<(File, fs::Metadata), ReadError> {
    let file = File::options()
        .read(true)
        .custom_flags((rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY).bits() as i32)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(describe(meta.file_type())));
    }
    Ok((file, meta))
}

/// Byte ranges `(offset, length)` of a regular file, opened as
/// [`read_regular`] opens it: for reading a few records of a large file.
pub fn read_ranges(path: &Path, ranges: &[(u64, usize)]) -> Result<Vec<Vec<u8>>, ReadError> {
    use std::os::unix::fs::FileExt;
    let (file, _) = open_regular(path)?;
    let mut out = Vec::with_capacity(ranges.len());
    for &(offset, len) in ranges {
        let mut bytes = vec![0; len];
        file.read_exact_at(&mut bytes, offset)?;
        out.push(bytes);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn names(w: &Walk, root: &Path) -> Vec<String> {
        w.files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn only_regular_files_and_links_inside_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("c");
        fs::create_dir_all(root.join("2020")).unwrap();
        fs::write(root.join("2020/a.toml"), "x").unwrap();
        fs::write(root.join("README.md"), "x").unwrap();
        fs::write(dir.path().join("outside.toml"), "x").unwrap();
        symlink(root.join("2020/a.toml"), root.join("b.toml")).unwrap();
        symlink(dir.path().join("outside.toml"), root.join("out.toml")).unwrap();
        symlink("/dev/zero", root.join("zero.jsonl")).unwrap();
        symlink(root.join("2020"), root.join("loop")).unwrap();
        symlink(root.join("nowhere"), root.join("broken.toml")).unwrap();
        let w = walk(&root);
        assert_eq!(names(&w, &root), ["2020/a.toml", "b.toml"]);
        let said: Vec<String> = w
            .diagnostics
            .iter()
            .map(|d| {
                let name = d.path.file_name().unwrap().to_string_lossy();
                format!("{name}: {}", d.is_error())
            })
            .collect();
        let mut said = said;
        said.sort();
        assert_eq!(
            said,
            [
                "broken.toml: true",
                "loop: false",
                "out.toml: true",
                "zero.jsonl: true"
            ]
        );
    }

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("event.toml");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let w = walk(dir.path());
        assert!(w.files.is_empty());
        assert!(
            w.diagnostics[0].message.contains("FIFO"),
            "{:?}",
            w.diagnostics
        );
        assert!(matches!(read_regular(&fifo), Err(ReadError::NotRegular(_))));
    }
}
