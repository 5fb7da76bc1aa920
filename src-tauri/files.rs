//! The files the desk makes for people (documents, exports) handed to the OS: opened in its
//! viewer, shown in the file manager, or saved as a copy where the person chooses. Only files
//! inside the data dir's `documents/` and `exports/` are handed over: the webview names a file
//! by the path a command gave it, and may not name any other.

use std::path::{Path, PathBuf};

use crate::error::AppError;

/// The folders of the data dir whose files may be handed to the OS.
pub const HANDED_OVER: [&str; 2] = ["documents", "exports"];

/// `path` when it is a file directly in one of the [`HANDED_OVER`] folders of `data_dir`.
pub fn made_file(data_dir: &Path, path: &str) -> Result<PathBuf, AppError> {
    let refused = || AppError::new("file", "not a file the desk made").keyed("file_not_made").at("path");
    let path = Path::new(path).canonicalize().map_err(|_| refused())?;
    let inside = HANDED_OVER
        .iter()
        .any(|folder| data_dir.join(folder).canonicalize().is_ok_and(|dir| path.parent() == Some(dir.as_path())));
    if inside && path.is_file() { Ok(path) } else { Err(refused()) }
}

/// Copies a made file to `target` (chosen in the save dialog), replacing what is there.
pub fn save_copy(source: &Path, target: &Path) -> Result<(), AppError> {
    std::fs::copy(source, target)
        .map(|_| ())
        .map_err(|e| AppError::new("file", format!("could not save a copy: {}", e.kind())).keyed("file_not_saved"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_the_desk_made_are_handed_over() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::create_dir_all(dir.path().join("documents")).expect("documents");
        let act = dir.path().join("documents/act-SO-1-ru.pdf");
        std::fs::write(&act, b"%PDF").expect("write");
        std::fs::write(dir.path().join("desk.sqlite"), b"db").expect("write");
        let ok = made_file(dir.path(), &act.display().to_string()).expect("a document");
        assert_eq!(ok, act.canonicalize().expect("canonical"));
        for refused in [
            dir.path().join("desk.sqlite").display().to_string(),
            dir.path().join("documents/../desk.sqlite").display().to_string(),
            dir.path().join("documents").display().to_string(),
            dir.path().join("documents/missing.pdf").display().to_string(),
            "/etc/passwd".to_owned(),
        ] {
            let e = made_file(dir.path(), &refused).expect_err(&refused);
            assert_eq!(e.key.as_deref(), Some("file_not_made"), "{refused}");
        }

        let target = dir.path().join("copy.pdf");
        save_copy(&ok, &target).expect("copy");
        assert_eq!(std::fs::read(&target).expect("read"), b"%PDF");
    }
}
