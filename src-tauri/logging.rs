//! The app's logs. Every event goes to standard error, as it always has, and, once the log dir
//! is known, to a file there that rotates daily: `supplier-desk.YYYY-MM-DD.log` (the date in
//! UTC), the last [`KEEP_FILES`] days kept. The file is written by a background thread so that
//! logging never waits for the disk; [`flush`] writes what is still queued, and is called before
//! the process exits.
//!
//! Where the file goes: the window's is the OS app log dir (Tauri's `app_log_dir`), or
//! `logs/` in the data dir when one is given (`--data-dir`); a headless command's is `logs/` in
//! its data dir. Both filter by `RUST_LOG` (default: info, and warnings only from the window
//! toolkit).
//!
//! What is logged is chosen so that the file holds no personal data and no secret: order ids and
//! numbers, counts, statuses and kinds of failure, never a participant's or staff member's name,
//! a password, a token or a name typed at sign-in. Errors go through
//! [`desk_core::sync::log_safe::LogSafe`], since their messages can quote such values.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use tracing_appender::non_blocking::{NonBlocking, WorkerGuard};
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::writer::OptionalWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// The folder of the data dir that holds the log files when the data dir is given.
pub const LOGS_FOLDER: &str = "logs";
/// A log file's name: `supplier-desk.YYYY-MM-DD.log`.
pub const FILE_PREFIX: &str = "supplier-desk";
pub const FILE_SUFFIX: &str = "log";
/// How many daily files are kept; older ones are deleted when a new one is started.
pub const KEEP_FILES: usize = 14;

/// The filter without `RUST_LOG`.
const DEFAULT_FILTER: &str = "info,tao=warn,wry=warn";

/// The file's writer once it is open; until then events go to standard error only.
static FILE: OnceLock<NonBlocking> = OnceLock::new();
/// Dropping it writes out the events still queued for the file.
static GUARD: Mutex<Option<WorkerGuard>> = Mutex::new(None);

/// Installs the subscriber: standard error at once, the file from [`write_to`] on.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| DEFAULT_FILTER.into());
    let stderr = tracing_subscriber::fmt::layer().with_writer(io::stderr);
    let file = tracing_subscriber::fmt::layer().with_ansi(false).with_writer(LogFile);
    // Only a second call in one process can fail, and the first subscriber then stays.
    let _ = tracing_subscriber::registry().with(filter).with(stderr).with(file).try_init();
}

#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("cannot create the log dir {dir}: {source}")]
    CreateDir { dir: PathBuf, source: io::Error },
    #[error("cannot open a log file in {dir}: {source}")]
    Open { dir: PathBuf, source: tracing_appender::rolling::InitError },
}

/// Starts writing the log to a daily file in `dir` (created if missing), deleting the oldest
/// files beyond [`KEEP_FILES`]. Only the first call in a process opens a file.
pub fn write_to(dir: &Path) -> Result<(), LogError> {
    if FILE.get().is_some() {
        return Ok(());
    }
    // Created before the appender looks for old files to delete: it reads the dir first, and
    // printed "Error reading the log directory" on a new data dir's first command.
    std::fs::create_dir_all(dir).map_err(|source| LogError::CreateDir { dir: dir.to_path_buf(), source })?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .max_log_files(KEEP_FILES)
        .filename_prefix(FILE_PREFIX)
        .filename_suffix(FILE_SUFFIX)
        .build(dir)
        .map_err(|source| LogError::Open { dir: dir.to_path_buf(), source })?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    if FILE.set(writer).is_ok() {
        *GUARD.lock().unwrap_or_else(|p| p.into_inner()) = Some(guard);
    }
    Ok(())
}

/// Writes out what is queued for the file and closes it; later events reach standard error
/// only. Called on the way out: after a headless command, and when the window's app exits.
pub fn flush() {
    let guard = GUARD.lock().unwrap_or_else(|p| p.into_inner()).take();
    drop(guard);
}

/// The window's log dir: `logs/` in the data dir when one was given, else the OS app log dir.
pub fn window_dir<R: tauri::Runtime>(app: &tauri::App<R>, data_dir: Option<&Path>) -> tauri::Result<PathBuf> {
    use tauri::Manager;
    match data_dir {
        Some(dir) => Ok(dir.join(LOGS_FOLDER)),
        None => app.path().app_log_dir(),
    }
}

/// A headless command's log dir: `logs/` in its data dir, but only once that dir exists or when
/// the command creates it (`creates_data_dir`), so that a command refused for a data dir that
/// does not exist does not make one.
pub fn headless_dir(data_dir: Option<&Path>, creates_data_dir: bool) -> Option<PathBuf> {
    let dir = data_dir?;
    (creates_data_dir || dir.is_dir()).then(|| dir.join(LOGS_FOLDER))
}

/// A portal address as the log shows it: scheme, host, port and path, without a user name,
/// password, query or fragment, any of which may carry a credential.
pub fn portal_address(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => format!("{}{}", u.origin().ascii_serialization(), u.path()),
        Err(_) => "(not a URL)".to_owned(),
    }
}

/// Where the file's events go: the open file, or nowhere yet.
struct LogFile;

impl<'a> MakeWriter<'a> for LogFile {
    type Writer = OptionalWriter<NonBlocking>;

    fn make_writer(&'a self) -> Self::Writer {
        match FILE.get() {
            Some(file) => OptionalWriter::some(file.make_writer()),
            None => OptionalWriter::none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_portal_address_loses_its_credentials_and_query() {
        assert_eq!(
            portal_address("https://desk:s3cret@portal.example:8443/api/?token=abc#x"),
            "https://portal.example:8443/api/"
        );
        assert_eq!(portal_address("http://127.0.0.1:4000"), "http://127.0.0.1:4000/");
        assert_eq!(portal_address("not a url s3cret"), "(not a URL)");
    }

    #[test]
    fn a_headless_command_does_not_create_a_missing_data_dir_for_its_log() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("never-used");
        assert_eq!(headless_dir(Some(&missing), false), None);
        assert_eq!(headless_dir(Some(&missing), true), Some(missing.join(LOGS_FOLDER)));
        assert_eq!(headless_dir(Some(dir.path()), false), Some(dir.path().join(LOGS_FOLDER)));
        assert_eq!(headless_dir(None, true), None);
    }
}
