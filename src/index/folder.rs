//! Whose folder is it? The index folder is the one place the tool replaces,
//! empties and deletes, so it must be sure the folder is its own: every index
//! it creates carries a marker file ([`MARKER`]), and nothing without one is
//! ever replaced, emptied or deleted. An index written before the marker
//! existed is recognised by holding exactly the files the tool writes and
//! nothing else (see [`is_tool_file`]), and is then marked. A folder holding
//! a symbolic link is refused: the tool never makes one, and writing its lock
//! or temporary files through a planted link would change a file elsewhere.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use super::Error;

/// The marker file of a folder the tool created for an index (or a staging folder).
pub const MARKER: &str = ".readouts-index";

const MARKER_TEXT: &str = "This folder is a full-text index written by readouts.\n\
readouts may replace or delete it; nothing else should be kept here.\n";

/// What an index folder is, as far as ownership goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// Nothing there yet.
    Missing,
    /// An empty folder (or one holding only tantivy's lock files).
    Empty,
    /// A folder carrying the marker.
    Marked,
    /// An index written before the marker existed: only files the tool writes.
    Unmarked,
    /// Someone else's folder; the file named is one the tool would never write.
    Foreign(String),
}

/// Looks at `dir` without changing anything.
pub fn owner(dir: &Path) -> Result<Owner, Error> {
    let meta = match fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Owner::Missing),
        Err(source) => return Err(io_error(dir, source)),
    };
    if meta.file_type().is_symlink() {
        return Err(Error::Link(dir.to_path_buf()));
    }
    if !meta.is_dir() {
        return Err(Error::NotAFolder(dir.to_path_buf()));
    }
    let (mut marked, mut index, mut foreign) = (false, false, None);
    for entry in fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
        let entry = entry.map_err(|e| io_error(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type().map_err(|e| io_error(dir, e))?;
        if kind.is_symlink() {
            return Err(Error::Link(entry.path()));
        }
        if name == MARKER && kind.is_file() {
            marked = true;
        } else if !kind.is_file() || !is_tool_file(&name) {
            foreign.get_or_insert(name);
        } else if !is_lock(&name) {
            index = true;
        }
    }
    Ok(match (marked, foreign) {
        (true, _) => Owner::Marked,
        (false, Some(name)) => Owner::Foreign(name),
        (false, None) if !index => Owner::Empty,
        (false, None) if has_our_manifest(dir) => Owner::Unmarked,
        (false, None) => Owner::Foreign("meta.json".to_string()),
    })
}

/// Makes sure `dir` may be written as an index: creates it when missing,
/// marks it when it is empty or an unmarked index of ours, refuses anything
/// else ([`Error::NotAnIndex`], or [`Error::ReadOnly`] when it cannot be written).
pub fn claim(dir: &Path) -> Result<(), Error> {
    match owner(dir)? {
        Owner::Marked => check_writable(dir),
        Owner::Missing => {
            fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
            mark(dir)
        }
        Owner::Empty | Owner::Unmarked => {
            check_writable(dir)?;
            mark(dir)
        }
        Owner::Foreign(_) => Err(Error::NotAnIndex(dir.to_path_buf())),
    }
}

/// Writes the marker into a folder the tool created or recognised as its own.
pub fn mark(dir: &Path) -> Result<(), Error> {
    write_new(dir, MARKER, MARKER_TEXT.as_bytes())
}

/// Whether `dir` carries the marker (a regular file, not a link).
pub fn is_marked(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.file_type().is_file())
}

/// Writes `name` in `dir` through an exclusive temporary file with an
/// unpredictable name, renamed over the old file: a symbolic link planted
/// under either name is replaced, never written through.
pub fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), Error> {
    let path = dir.join(name);
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| io_error(&path, e))?;
    tmp.write_all(bytes).map_err(|e| io_error(&path, e))?;
    tmp.persist(&path).map_err(|e| io_error(&path, e.error))?;
    Ok(())
}

/// Fails with [`Error::ReadOnly`] when nothing can be created in `dir`. The
/// probe is an unnamed (or randomly named) file created exclusively and
/// removed at once.
pub fn check_writable(dir: &Path) -> Result<(), Error> {
    match tempfile::tempfile_in(dir) {
        Ok(_) => Ok(()),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            Err(Error::ReadOnly(dir.to_path_buf()))
        }
        Err(source) => Err(io_error(dir, source)),
    }
}

/// The names the tool (and tantivy for it) writes in an index folder, today
/// or in earlier versions: tantivy's `meta.json`, `.managed.json`, lock files,
/// segment files (`<32 hex digits>.<part>`, deletes `<32 hex>.<n>.del`) and
/// its temporary files (`.tmp` + 6 characters); the tool's `manifest.json`,
/// `statements.json`, `catalog.json`, their temporary files and the old write probe.
pub fn is_tool_file(name: &str) -> bool {
    const FIXED: &[&str] = &[
        "meta.json",
        ".managed.json",
        "manifest.json",
        "statements.json",
        super::catalog::CATALOG,
        "manifest.json.tmp",
        "statements.json.tmp",
        ".readouts-write-probe",
        MARKER,
    ];
    FIXED.contains(&name)
        || name.starts_with(super::damage::CHECKED)
        || is_lock(name)
        || is_segment_file(name)
        || is_tantivy_tmp(name)
}

fn is_lock(name: &str) -> bool {
    matches!(name, ".tantivy-writer.lock" | ".tantivy-meta.lock")
}

/// `<32 hex>.<part>` or `<32 hex>.<opstamp>.del`.
pub fn is_segment_file(name: &str) -> bool {
    const PARTS: &[&str] = &["fast", "fieldnorm", "idx", "pos", "store", "term", "del"];
    let Some((uuid, rest)) = name.split_once('.') else {
        return false;
    };
    let hex = uuid.len() == 32 && uuid.bytes().all(|b| b.is_ascii_hexdigit());
    let part = match rest.split_once('.') {
        Some((opstamp, "del")) => {
            !opstamp.is_empty() && opstamp.bytes().all(|b| b.is_ascii_digit())
        }
        Some(_) => false,
        None => PARTS.contains(&rest),
    };
    hex && part
}

fn is_tantivy_tmp(name: &str) -> bool {
    name.strip_prefix(".tmp")
        .is_some_and(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// An unmarked index must also hold a manifest the tool wrote.
fn has_our_manifest(dir: &Path) -> bool {
    super::manifest::Manifest::stored_version(dir).is_some()
}

fn io_error(path: &Path, source: io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_files_are_told_from_a_users_files() {
        assert!(is_tool_file("meta.json"));
        assert!(is_tool_file("29b4326f85ec4d9d93a3546cf0c6f17f.store"));
        assert!(is_tool_file("29b4326f85ec4d9d93a3546cf0c6f17f.12.del"));
        assert!(is_tool_file(".tmpAb12Cd"));
        assert!(!is_tool_file("29b4326f85ec4d9d93a3546cf0c6f17.store"));
        assert!(!is_tool_file("29b4326f85ec4d9d93a3546cf0c6f17f.txt"));
        assert!(!is_tool_file("notes.txt"));
        assert!(!is_tool_file(".tmp"));
    }

    #[test]
    fn a_folder_with_a_users_file_is_foreign_and_is_not_claimed() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("meta.json"), "{}").unwrap();
        assert_eq!(
            owner(tmp.path()).unwrap(),
            Owner::Foreign("meta.json".into())
        );
        fs::write(tmp.path().join("thesis.tex"), "mine").unwrap();
        assert_eq!(
            owner(tmp.path()).unwrap(),
            Owner::Foreign("thesis.tex".into())
        );
        assert!(matches!(claim(tmp.path()), Err(Error::NotAnIndex(_))));
        assert!(!is_marked(tmp.path()));
    }

    #[test]
    fn an_empty_or_missing_folder_is_claimed_and_marked() {
        let tmp = tempfile::tempdir().unwrap();
        assert_eq!(owner(tmp.path()).unwrap(), Owner::Empty);
        let inner = tmp.path().join("idx");
        assert_eq!(owner(&inner).unwrap(), Owner::Missing);
        claim(&inner).unwrap();
        assert_eq!(owner(&inner).unwrap(), Owner::Marked);
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_refused_and_replaced_not_written_through() {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tmp.path().join("outside.txt");
        fs::write(&outside, "precious").unwrap();
        let idx = tmp.path().join("idx");
        fs::create_dir(&idx).unwrap();
        std::os::unix::fs::symlink(&outside, idx.join("manifest.json")).unwrap();
        assert!(matches!(owner(&idx), Err(Error::Link(_))));
        write_new(&idx, "manifest.json", b"{}").unwrap();
        assert_eq!(fs::read_to_string(&outside).unwrap(), "precious");
        assert_eq!(fs::read_to_string(idx.join("manifest.json")).unwrap(), "{}");
    }
}
