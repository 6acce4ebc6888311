//! Replacing a whole index at once. A large update is built in a staging
//! folder beside the index and then swapped in, so a crash (even SIGKILL)
//! at any moment leaves either the previous index or the new one, never a
//! half-updated mix. On Linux the swap is one `renameat2(RENAME_EXCHANGE)`;
//! elsewhere the old folder is moved aside first and put back on the next
//! open if the process died between the two renames.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use tantivy::directory::Directory;
use tantivy::directory::{DirectoryLock, MmapDirectory, INDEX_WRITER_LOCK};

use super::Error;

/// `<index>.staging`: where a new index is built before it is swapped in.
pub fn staging_dir(index_dir: &Path) -> Option<PathBuf> {
    sibling(index_dir, "staging")
}

/// `<index>.old`: where the previous index waits while the new one moves in
/// (not Linux), until it is removed.
fn old_dir(index_dir: &Path) -> Option<PathBuf> {
    sibling(index_dir, "old")
}

fn sibling(index_dir: &Path, suffix: &str) -> Option<PathBuf> {
    let name = index_dir.file_name()?.to_string_lossy();
    Some(index_dir.with_file_name(format!("{name}.{suffix}")))
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

/// Fails with [`Error::ReadOnly`] when nothing can be written in `dir`.
pub fn check_writable(dir: &Path) -> Result<(), Error> {
    let probe = dir.join(".readouts-write-probe");
    match fs::write(&probe, b"") {
        Ok(()) => {
            let _ = fs::remove_file(&probe);
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            Err(Error::ReadOnly(dir.to_path_buf()))
        }
        Err(source) => Err(Error::Io {
            path: dir.to_path_buf(),
            source,
        }),
    }
}

/// Empties the staging folder (left over by a crash) and creates it anew.
pub fn fresh_staging(staging: &Path) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: staging.to_path_buf(),
        source,
    };
    if staging.exists() {
        fs::remove_dir_all(staging).map_err(io)?;
    }
    fs::create_dir(staging).map_err(io)
}

/// Puts the index built in `staging` in place of `index_dir` and removes the
/// previous one. Both folders must exist.
pub fn swap_in(staging: &Path, index_dir: &Path) -> Result<(), Error> {
    exchange(staging, index_dir).map_err(|source| Error::Io {
        path: index_dir.to_path_buf(),
        source,
    })?;
    // The previous index is now at the staging path: a failure to remove it
    // is harmless, the next large update clears it.
    let _ = fs::remove_dir_all(staging);
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let cstr = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "path holds a NUL byte"))
    };
    let (a, b) = (cstr(a)?, cstr(b)?);
    // SAFETY: both pointers are valid NUL-terminated strings for the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Not Linux: old aside, new in, old out (finished by [`recover`] after a crash).
#[cfg(not(target_os = "linux"))]
fn exchange(staging: &Path, index_dir: &Path) -> io::Result<()> {
    let old = old_dir(index_dir).ok_or_else(|| io::Error::other("index folder has no name"))?;
    if old.exists() {
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
    if index_dir.exists() {
        return;
    }
    if let Some(old) = old_dir(index_dir).filter(|o| o.is_dir()) {
        let _ = fs::rename(old, index_dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_swap_exchanges_the_folders_and_removes_the_old_one() {
        let tmp = tempfile::tempdir().unwrap();
        let index = tmp.path().join(".index");
        let staging = staging_dir(&index).unwrap();
        assert_eq!(staging, tmp.path().join(".index.staging"));
        fs::create_dir(&index).unwrap();
        fs::write(index.join("a"), "old").unwrap();
        fresh_staging(&staging).unwrap();
        fs::write(staging.join("a"), "new").unwrap();
        swap_in(&staging, &index).unwrap();
        assert_eq!(fs::read_to_string(index.join("a")).unwrap(), "new");
        assert!(!staging.exists());
    }

    #[test]
    fn a_moved_aside_index_is_put_back() {
        let tmp = tempfile::tempdir().unwrap();
        let index = tmp.path().join("idx");
        fs::create_dir(tmp.path().join("idx.old")).unwrap();
        recover(&index);
        assert!(index.is_dir());
    }

    #[test]
    fn a_held_lock_makes_the_next_one_busy() {
        let tmp = tempfile::tempdir().unwrap();
        let _held = lock(tmp.path()).unwrap();
        assert!(matches!(lock(tmp.path()), Err(Error::Busy(_))));
    }
}
