//! The only module that reads the file system for the pipeline; every error names its path.
//!
//! Writing the site is `output::write`'s job; content discovery walks folders in
//! `content::discover`. This module reads files and lists template folders.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Reads a whole file as bytes.
pub fn read(path: &Path) -> Result<Vec<u8>, Error> {
    fs::read(path).map_err(|e| Error::io("read", path, e))
}

/// Reads a UTF-8 text file the program itself relies on (a template), BOM stripped.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = read(path)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::io(
            "read",
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        )
    })?;
    Ok(strip_bom(&text).to_string())
}

/// `bytes` as text when they are valid UTF-8: the check for whole files (content files,
/// built pages), vectorised, as most of their bytes are Arabic letters.
pub fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// Removes a leading UTF-8 byte order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The files directly in `dir` (not in sub-folders), sorted by name; none if `dir` is absent.
pub fn files_in(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| Error::io("list", dir, e))? {
        let entry = entry.map_err(|e| Error::io("list", dir, e))?;
        let path = entry.path();
        if path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_checked() {
        assert_eq!(utf8("عربي x".as_bytes()), Some("عربي x"));
        assert_eq!(utf8(b"ab\xff"), None);
        assert_eq!(utf8(b"\xd8"), None);
        assert_eq!(utf8(b""), Some(""));
    }

    #[test]
    fn bom_is_stripped_once() {
        assert_eq!(strip_bom("\u{feff}---"), "---");
        assert_eq!(strip_bom("---"), "---");
        assert_eq!(strip_bom("\u{feff}\u{feff}x"), "\u{feff}x");
    }

    #[test]
    fn errors_name_the_path() {
        let err = read(Path::new("/no/such/file.md")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("cannot read /no/such/file.md: "),
            "{err}"
        );
    }
}
