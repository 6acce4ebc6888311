//! Where the tone report's links to its `--with-diffs DIR` pages point from:
//! the folder the report is written in, so the report and DIR can be moved
//! together (or put on a web server) and the links still work. The report
//! goes to standard output; when that is a file (`> out/report.html`, found
//! through `/proc/self/fd/1` on Linux) the links are relative to that file's
//! folder, otherwise to the current folder. An absolute DIR is made relative
//! the same way; only where no relative path exists (another drive) does the
//! link stay as given.

use std::path::{Component, Path, PathBuf};

/// DIR as the report's links should name it, with `/` between folders.
pub fn link_dir(dir: &Path) -> String {
    let Ok(cwd) = std::env::current_dir() else {
        return slashed(dir);
    };
    let target = lexical(&cwd.join(dir));
    let base = report_folder().unwrap_or(cwd);
    match relative(&lexical(&base), &target) {
        Some(rel) => slashed(&rel),
        None => slashed(dir),
    }
}

/// The folder of the regular file standard output is redirected to, if the
/// system says (Linux).
fn report_folder() -> Option<PathBuf> {
    let fd = Path::new("/proc/self/fd/1");
    if !std::fs::metadata(fd).ok()?.is_file() {
        return None;
    }
    let file = std::fs::read_link(fd).ok()?;
    file.is_absolute()
        .then(|| file.parent().map(Path::to_path_buf))?
}

/// `path` without `.` and with each `..` taking off the folder before it.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The path from folder `from` to `to` (both absolute and lexical).
fn relative(from: &Path, to: &Path) -> Option<PathBuf> {
    let (a, b): (Vec<Component>, Vec<Component>) =
        (from.components().collect(), to.components().collect());
    if a.first() != b.first() {
        return None;
    }
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..a.len() {
        out.push("..");
    }
    for c in &b[common..] {
        out.push(c);
    }
    Some(if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    })
}

fn slashed(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let joined = parts.join("/");
    joined
        .strip_prefix("//")
        .map_or(joined.clone(), |rest| format!("/{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_climb_out_of_the_report_folder_and_into_dir() {
        let rel = |a: &str, b: &str| slashed(&relative(Path::new(a), Path::new(b)).unwrap());
        assert_eq!(rel("/work/out", "/work/out/diffs"), "diffs");
        assert_eq!(rel("/work/out", "/work/pages"), "../pages");
        assert_eq!(rel("/work", "/work"), ".");
        assert_eq!(rel("/a/b/c", "/x"), "../../../x");
    }

    #[test]
    fn dots_are_resolved_in_the_path_alone() {
        assert_eq!(lexical(Path::new("/w/./a/../b")), Path::new("/w/b"));
        assert_eq!(slashed(Path::new("/w/b")), "/w/b");
    }
}
