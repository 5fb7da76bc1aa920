//! Files the app writes for the user: CSV exports in the data dir's `exports/` folder, named by
//! what they hold and when (UTC), so that a new export never overwrites an earlier one.

use std::path::Path;

use crate::error::AppError;

/// Writes `contents` as `exports/NAME-YYYYMMDDTHHMMSSZ.csv` in `data_dir`; returns the path.
pub fn write(data_dir: &Path, name: &str, contents: &str) -> Result<String, AppError> {
    let dir = data_dir.join("exports");
    let path = dir.join(format!("{name}-{}.csv", chrono::Utc::now().format("%Y%m%dT%H%M%SZ")));
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, contents))
        .map_err(|e| AppError::new("export", format!("could not write {}: {e}", path.display())))?;
    Ok(path.display().to_string())
}
