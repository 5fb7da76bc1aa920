//! Files the app writes for the user: exports in the data dir's `exports/` folder, named by what
//! they hold and when (UTC), so that a new export never overwrites an earlier one.

use std::path::Path;

use crate::error::AppError;

/// Writes `contents` as `exports/NAME-YYYYMMDDTHHMMSSZ.EXT` in `data_dir`; returns the path.
pub fn write_file(data_dir: &Path, name: &str, ext: &str, contents: &[u8]) -> Result<String, AppError> {
    let dir = data_dir.join("exports");
    let path = dir.join(format!("{name}-{}.{ext}", chrono::Utc::now().format("%Y%m%dT%H%M%SZ")));
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, contents))
        .map_err(|e| AppError::new("export", format!("could not write {}: {e}", path.display())))?;
    Ok(path.display().to_string())
}

/// Writes a CSV export, starting with the UTF-8 byte order mark by which spreadsheet programs
/// tell UTF-8 (without it, Excel reads Cyrillic and Kazakh letters as another code page).
pub fn write(data_dir: &Path, name: &str, csv: &str) -> Result<String, AppError> {
    let mut bytes = Vec::with_capacity(csv.len() + 3);
    bytes.extend_from_slice("\u{feff}".as_bytes());
    bytes.extend_from_slice(csv.as_bytes());
    write_file(data_dir, name, "csv", &bytes)
}
