//! The name tables that ship with the tool and that a scholar extends with a
//! file of the same shape (the officials `pair` reads, the bilingual names
//! `diff --languages` anchors on): one reader for their TOML, one error type
//! naming the file, line and column, one rule for how an extension overrides.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::diagnostic::LineIndex;

/// A table file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

/// The text of a table file.
pub fn read(path: &Path) -> Result<String, TableError> {
    std::fs::read_to_string(path).map_err(|source| TableError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// `text` parsed as a `T`; a syntax or shape error names its line and column.
pub fn parse<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, TableError> {
    toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        error_at(text, path, at, e.message().trim().replace('\n', " "))
    })
}

/// An error about the `index`-th (0-based) `[[header]]` entry of `text`,
/// placed at the line of its header.
pub fn entry_error(
    text: &str,
    path: &Path,
    header: &str,
    index: usize,
    message: String,
) -> TableError {
    let needle = format!("[[{header}]]");
    let at = text.match_indices(&needle).nth(index).map_or(0, |(o, _)| o);
    error_at(text, path, at, message)
}

fn error_at(text: &str, path: &Path, offset: usize, message: String) -> TableError {
    let (line, column) = LineIndex::new(text).locate(offset);
    TableError::Parse {
        path: path.to_path_buf(),
        line,
        column,
        message,
    }
}

/// `base` extended by `extra`: an entry whose key is a base entry's replaces
/// it in place, the others are added after, in their order.
pub fn extend_by_key<T>(base: &mut Vec<T>, extra: Vec<T>, key: impl Fn(&T) -> &str) {
    for entry in extra {
        match base.iter().position(|old| key(old) == key(&entry)) {
            Some(i) => base[i] = entry,
            None => base.push(entry),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        #[serde(default)]
        row: Vec<Row>,
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Row {
        key: String,
        value: u32,
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let path = Path::new("t.toml");
        let text = "[[row]]\nkey = \"a\"\nvalue = 1\n\n[[row]]\nkey = \"b\"\nvalu = 2\n";
        let e = parse::<File>(text, path).err().unwrap();
        assert!(e.to_string().starts_with("t.toml:7:1: "), "{e}");
        let good = parse::<File>(&text.replace("valu =", "value ="), path)
            .ok()
            .unwrap();
        assert_eq!(good.row.len(), 2);
        let e = entry_error(text, path, "row", 1, "bad row".into());
        assert_eq!(e.to_string(), "t.toml:5:1: bad row");
    }

    #[test]
    fn an_extension_replaces_by_key_in_place_and_appends_the_rest() {
        let row = |key: &str, value| Row {
            key: key.into(),
            value,
        };
        let mut base = vec![row("a", 1), row("b", 2)];
        extend_by_key(&mut base, vec![row("c", 3), row("a", 9)], |r| &r.key);
        assert_eq!(base, vec![row("a", 9), row("b", 2), row("c", 3)]);
    }
}
