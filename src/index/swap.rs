//! Replacing a whole index at once. A large update is built in a staging
//! folder beside the index and then swapped in, so a crash (even SIGKILL)
//! at any moment leaves either the previous index or the new one, never a
//! half-updated mix. On Linux the swap is one `renameat2(RENAME_EXCHANGE)`;
//! elsewhere the old folder is moved aside first and put back on the next
//! open if the process died between the two renames.

use std::fs;
use std::io;
use std::path::Path;
#[cfg(not(target_os = "linux"))]
use std::path::PathBuf;

use tantivy::directory::Directory;
use tantivy::directory::{DirectoryLock, MmapDirectory, INDEX_WRITER_LOCK};
use tempfile::TempDir;

use super::{folder, Error};

/// Whether `index_dir` has a name of its own (not `.`, `..` or `/`), so a
/// staging folder can be made beside it.
pub fn can_stage(index_dir: &Path) -> bool {
    index_dir.parent().is_some() && index_dir.file_name().is_some()
}

/// A new staging folder beside `index_dir` (which [`can_stage`]), named
/// `<index>.staging-XXXXXX` (six random characters), created exclusively and
/// marked as the tool's at once. Dropping it removes it, so a failed build
/// leaves nothing behind.
pub fn new_staging(index_dir: &Path) -> Result<TempDir, Error> {
    let (Some(parent), Some(name)) = (index_dir.parent(), index_dir.file_name()) else {
        return Err(Error::NotAFolder(index_dir.to_path_buf()));
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let staging = tempfile::Builder::new()
        .prefix(&staging_prefix(name))
        .rand_bytes(6)
        .tempdir_in(parent)
        .map_err(|source| Error::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    folder::mark(staging.path())?;
    Ok(staging)
}

fn staging_prefix(name: &std::ffi::OsStr) -> String {
    format!("{}.staging-", name.to_string_lossy())
}

/// Removes staging folders that a killed update left beside `index_dir`:
/// only folders named `<index>.staging-XXXXXX` that carry the tool's marker
/// (or are empty, as one is for an instant after it is created). Call it
/// while holding the index's lock, so no live update's folder is among them.
pub fn clear_leftovers(index_dir: &Path) {
    let (Some(parent), Some(name)) = (index_dir.parent(), index_dir.file_name()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = staging_prefix(name);
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name
            .strip_prefix(&prefix)
            .is_some_and(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric()));
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if !ours || !is_dir {
            continue;
        }
        let path = entry.path();
        if folder::is_marked(&path) {
            let _ = fs::remove_dir_all(&path);
        } else {
            // Only succeeds when it is empty.
            let _ = fs::remove_dir(&path);
        }
    }
}

/// `<index>.old`: where the previous index waits while the new one moves in
/// (not Linux), until it is removed.
#[cfg(not(target_os = "linux"))]
fn old_dir(index_dir: &Path) -> Option<PathBuf> {
    let name = index_dir.file_name()?.to_string_lossy();
    Some(index_dir.with_file_name(format!("{name}.old")))
}

/// Takes tantivy's writer lock of the index folder, as an index writer would:
/// while it is held no other readouts process can update that folder.
pub fn lock(dir: &Path) -> Result<DirectoryLock, Error> {
    let directory = MmapDirectory::open(dir).map_err(|e| Error::Io {
        path: dir.to_path_buf(),
        source: io::Error::other(e.to_string()),
    })?;
    directory
        .acquire_lock(&INDEX_WRITER_LOCK)
        .map_err(|e| match e {
            tantivy::directory::error::LockError::LockBusy => Error::Busy(dir.to_path_buf()),
            tantivy::directory::error::LockError::IoError(source) => Error::Io {
                path: dir.to_path_buf(),
                source: io::Error::new(source.kind(), source.to_string()),
            },
        })
}

/// Puts the index built in `staging` in place of `index_dir` and removes the
/// previous one. Both folders must exist; the caller has made sure the index
/// folder is the tool's ([`folder::claim`]).
pub fn swap_in(staging: TempDir, index_dir: &Path) -> Result<(), Error> {
    exchange(staging.path(), index_dir).map_err(|source| Error::Io {
        path: index_dir.to_path_buf(),
        source,
    })?;
    // The previous index is now at the staging path and goes with it; a
    // failure to remove it is harmless, the next large update clears it.
    drop(staging);
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// Not Linux: old aside, new in, old out (finished by [`recover`] after a crash).
#[cfg(not(target_os = "linux"))]
fn exchange(staging: &Path, index_dir: &Path) -> io::Result<()> {
    let old = old_dir(index_dir).ok_or_else(|| io::Error::other("index folder has no name"))?;
    if old.exists() {
        if !folder::is_marked(&old) {
            return Err(io::Error::other(format!(
                "{} is in the way and is not a readouts index",
                old.display()
            )));
        }
        fs::remove_dir_all(&old)?;
    }
    fs::rename(index_dir, &old)?;
    fs::rename(staging, index_dir)?;
    // swap_in removes the staging path; make it the old index.
    fs::rename(&old, staging)
}

/// Puts back a previous index moved aside by a swap that was interrupted
/// (only possible off Linux); best effort, so a read-only place still opens.
pub fn recover(index_dir: &Path) {
    #[cfg(not(target_os = "linux"))]
    {
        if index_dir.exists() {
            return;
        }
        if let Some(old) = old_dir(index_dir).filter(|o| folder::is_marked(o)) {
            let _ = fs::rename(old, index_dir);
        }
    }
    #[cfg(target_os = "linux")]
    let _ = index_dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_swap_exchanges_the_folders_and_removes_the_old_one() {
        let tmp = tempfile::tempdir().unwrap();
        let index = tmp.path().join(".index");
        fs::create_dir(&index).unwrap();
        fs::write(index.join("a"), "old").unwrap();
        let staging = new_staging(&index).unwrap();
        let at = staging.path().to_path_buf();
        let name = at.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with(".index.staging-") && name.len() == 21,
            "{name}"
        );
        fs::write(at.join("a"), "new").unwrap();
        swap_in(staging, &index).unwrap();
        assert_eq!(fs::read_to_string(index.join("a")).unwrap(), "new");
        assert!(!at.exists());
    }

    #[test]
    fn only_marked_or_empty_leftovers_are_cleared() {
        let tmp = tempfile::tempdir().unwrap();
        let index = tmp.path().join("idx");
        let left = new_staging(&index).unwrap().keep();
        let empty = tmp.path().join("idx.staging-abcdef");
        fs::create_dir(&empty).unwrap();
        let users = tmp.path().join("idx.staging-uvwxyz");
        fs::create_dir(&users).unwrap();
        fs::write(users.join("notes.txt"), "mine").unwrap();
        let plain = tmp.path().join("idx.staging");
        fs::create_dir(&plain).unwrap();
        fs::write(plain.join(folder::MARKER), "").unwrap();
        clear_leftovers(&index);
        assert!(!left.exists() && !empty.exists());
        assert!(users.join("notes.txt").is_file());
        assert!(plain.is_dir());
    }

    #[test]
    fn a_held_lock_makes_the_next_one_busy() {
        let tmp = tempfile::tempdir().unwrap();
        let _held = lock(tmp.path()).unwrap();
        assert!(matches!(lock(tmp.path()), Err(Error::Busy(_))));
    }
}
