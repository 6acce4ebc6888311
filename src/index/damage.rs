//! Noticing a damaged index before tantivy trips over it. Tantivy panics on
//! some damage (a segment file cut to 4–7 bytes fails a subtraction in its
//! `file_slice.rs`) and answers others with wrong results (flipped bytes in
//! most files go unnoticed). Two checks, by cost:
//! - [`sound`], on every open: each file the committed segments need exists,
//!   is a regular file and ends with a whole tantivy footer (its length and
//!   magic number). A few stats and 8-byte reads; catches truncation and loss.
//! - checksums ([`problems`] asked for them), on `readouts index` and `index --verify`: every such file
//!   read whole and its CRC-32 compared with the one in its footer (tantivy's
//!   own check); catches flipped bytes.
//! - [`checked`], on every open after [`sound`]: the checksum of each segment
//!   file that changed since its checksum was last found good, so flipped
//!   bytes are found before a search answers. What "unchanged" means is kept
//!   in [`CHECKED`]: size, modification and status-change times (the last
//!   cannot be set back by `touch`, `cp -p` or `rsync -t`) and inode of every
//!   file; a folder that is not the tool's, or cannot be written, is checked
//!   whole every time.

use std::fs::{self, File};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use tantivy::index::SegmentComponent;

/// What tantivy writes after every file: `footer_len: u32`, `magic: u32`, little-endian.
const FOOTER_MAGIC: u32 = 1337;
const FOOTER_MAX_LEN: u64 = 50_000;

/// The files the committed segments of `index` consist of.
pub fn segment_files(index: &tantivy::Index) -> tantivy::Result<Vec<PathBuf>> {
    const PARTS: [SegmentComponent; 6] = [
        SegmentComponent::Postings,
        SegmentComponent::Positions,
        SegmentComponent::FastFields,
        SegmentComponent::FieldNorms,
        SegmentComponent::Terms,
        SegmentComponent::Store,
    ];
    let mut files = Vec::new();
    for segment in index.searchable_segment_metas()? {
        files.extend(PARTS.iter().map(|c| segment.relative_path(c.clone())));
        if segment.has_deletes() {
            files.push(segment.relative_path(SegmentComponent::Delete));
        }
    }
    files.sort();
    Ok(files)
}

/// The first problem found in the files of `index` (in folder `dir`), cheaply.
pub fn sound(index: &tantivy::Index, dir: &Path) -> Result<(), String> {
    match problems(index, dir, false)?.1.into_iter().next() {
        Some(why) => Err(why),
        None => Ok(()),
    }
}

/// How many segment files `index` (in folder `dir`) has, and every problem
/// found in them: footers always, checksums too when `checksums` is true
/// (only of files whose footer is whole: tantivy's checksum code panics on a
/// file it cannot frame). `Err` when the segment list itself cannot be read.
pub fn problems(
    index: &tantivy::Index,
    dir: &Path,
    checksums: bool,
) -> Result<(usize, Vec<String>), String> {
    let files = segment_files(index).map_err(|e| format!("meta.json cannot be read: {e}"))?;
    let mut found = Vec::new();
    for rel in &files {
        if let Err(why) = footer_ok(&dir.join(rel)) {
            found.push(format!("{}: {why}", rel.display()));
            continue;
        }
        if !checksums {
            continue;
        }
        match index.directory().validate_checksum(rel) {
            Ok(true) => {}
            Ok(false) => found.push(format!(
                "{}: its content does not match its checksum",
                rel.display()
            )),
            Err(e) => found.push(format!("{}: {e}", rel.display())),
        }
    }
    Ok((files.len(), found))
}

/// The file in an index folder recording the segment files whose checksums
/// were last found good ([`checked`]).
pub const CHECKED: &str = ".readouts-checked";

/// Checks the checksum of every segment file of `index` (in folder `dir`)
/// not recorded unchanged in [`CHECKED`] since its last good check; with
/// `record`, writes the record anew (exclusively, then renamed) when a file
/// was checked. A write that fails leaves the next open to check again.
pub fn checked(index: &tantivy::Index, dir: &Path, record: bool) -> Result<(), String> {
    let files = segment_files(index).map_err(|e| format!("meta.json cannot be read: {e}"))?;
    let known = fs::read_to_string(dir.join(CHECKED)).unwrap_or_default();
    let mut lines = Vec::with_capacity(files.len());
    let mut changed = false;
    for rel in &files {
        let line = stamp(&dir.join(rel), rel)?;
        if !known.lines().any(|l| l == line) {
            changed = true;
            match quietly(|| index.directory().validate_checksum(rel)) {
                Some(Ok(true)) => {}
                Some(Ok(false)) | None => {
                    return Err(format!(
                        "{}: its content does not match its checksum",
                        rel.display()
                    ))
                }
                Some(Err(e)) => return Err(format!("{}: {e}", rel.display())),
            }
        }
        lines.push(line);
    }
    if record && changed {
        let _ = write_record(dir, &lines.join("\n"));
    }
    Ok(())
}

/// `name size mtime ctime inode` of a segment file, as [`CHECKED`] keeps it.
fn stamp(path: &Path, rel: &Path) -> Result<String, String> {
    let meta = fs::symlink_metadata(path).map_err(|e| format!("{}: {e}", rel.display()))?;
    #[cfg(unix)]
    let times = {
        use std::os::unix::fs::MetadataExt;
        format!(
            "{}.{:09} {}.{:09} {}",
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ctime(),
            meta.ctime_nsec(),
            meta.ino()
        )
    };
    #[cfg(not(unix))]
    let times = format!("{:?}", meta.modified().ok());
    Ok(format!("{} {} {times}", rel.display(), meta.len()))
}

fn write_record(dir: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut tmp = tempfile::Builder::new().prefix(CHECKED).tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.persist(dir.join(CHECKED)).map_err(|e| e.error)?;
    Ok(())
}

/// Runs `f`, turning a panic of tantivy's on bytes it cannot parse (a footer
/// overwritten with other bytes of the right length) into `None`, without the
/// panic message: the caller reports the index as damaged in one line.
pub fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    std::panic::set_hook(hook);
    result
}

/// Whether `path` is a regular file ending with a plausible tantivy footer.
fn footer_ok(path: &Path) -> Result<(), String> {
    let meta = fs::symlink_metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "the file is missing".to_string(),
        _ => format!("cannot be read: {e}"),
    })?;
    if !meta.file_type().is_file() {
        return Err("not a regular file".to_string());
    }
    let len = meta.len();
    if len < 8 {
        return Err(format!("cut short ({len} bytes)"));
    }
    let mut tail = [0u8; 8];
    File::open(path)
        .and_then(|mut f| {
            f.seek(SeekFrom::Start(len - 8))?;
            f.read_exact(&mut tail)
        })
        .map_err(|e| format!("cannot be read: {e}"))?;
    let footer_len = u64::from(u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]));
    let magic = u32::from_le_bytes([tail[4], tail[5], tail[6], tail[7]]);
    if magic != FOOTER_MAGIC || footer_len > FOOTER_MAX_LEN || footer_len + 8 > len {
        return Err(format!("cut short or overwritten at its end ({len} bytes)"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn footer(body: &[u8], footer_len: u32, magic: u32) -> Vec<u8> {
        let mut bytes = body.to_vec();
        bytes.extend_from_slice(&footer_len.to_le_bytes());
        bytes.extend_from_slice(&magic.to_le_bytes());
        bytes
    }

    #[test]
    fn a_footer_is_checked_for_length_and_magic() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("f");
        fs::write(&path, footer(b"0123456789", 4, FOOTER_MAGIC)).unwrap();
        assert_eq!(footer_ok(&path), Ok(()));
        fs::write(&path, footer(b"0123456789", 4, 7)).unwrap();
        assert!(footer_ok(&path).is_err());
        fs::write(&path, footer(b"01", 40, FOOTER_MAGIC)).unwrap();
        assert!(footer_ok(&path).is_err());
        fs::write(&path, b"12345").unwrap();
        assert_eq!(footer_ok(&path), Err("cut short (5 bytes)".to_string()));
        assert_eq!(
            footer_ok(&tmp.path().join("gone")),
            Err("the file is missing".to_string())
        );
    }

    fn small_index(dir: &Path) -> tantivy::Index {
        let mut schema = tantivy::schema::Schema::builder();
        let text = schema.add_text_field("text", tantivy::schema::TEXT);
        let index = tantivy::Index::create_in_dir(dir, schema.build()).unwrap();
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer
            .add_document(tantivy::doc!(text => "the two sides agreed"))
            .unwrap();
        writer.commit().unwrap();
        index
    }

    #[test]
    fn flipped_bytes_are_found_once_a_file_changed_and_a_good_check_is_recorded() {
        let tmp = tempfile::tempdir().unwrap();
        let index = small_index(tmp.path());
        assert_eq!(checked(&index, tmp.path(), true), Ok(()));
        let record = fs::read_to_string(tmp.path().join(CHECKED)).unwrap();
        assert_eq!(record.lines().count(), segment_files(&index).unwrap().len());
        let files = segment_files(&index).unwrap();
        let store = files.iter().find(|f| f.extension().unwrap() == "store");
        let store = tmp.path().join(store.unwrap());
        let mut bytes = fs::read(&store).unwrap();
        bytes[2] ^= 0xff;
        fs::write(&store, bytes).unwrap();
        let err = checked(&index, tmp.path(), true).unwrap_err();
        assert!(
            err.ends_with("store: its content does not match its checksum"),
            "{err}"
        );
        assert_eq!(
            fs::read_to_string(tmp.path().join(CHECKED)).unwrap(),
            record
        );
    }
}
