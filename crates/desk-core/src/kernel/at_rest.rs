//! The database encrypted at rest (SQLCipher: AES-256 pages, HMAC-checked): keying a
//! connection, and encrypting the database of a desk that was kept in plain SQLite before.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::kernel::store::StoreError;
use crate::vault::DatabaseKey;

/// The first bytes of every plain SQLite file; an encrypted file starts with random salt.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Keys `conn` (before anything else touches the file) and checks that the key opens it.
pub(crate) fn key(conn: &Connection, key: &DatabaseKey) -> Result<(), StoreError> {
    conn.pragma_update(None, "key", key.pragma_value().as_str())?;
    // SQLCipher only tries the key at the first read: a wrong key (or a damaged file) is "not
    // a database" there.
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase => {
            Err(StoreError::WrongKey)
        }
        Err(e) => Err(e.into()),
    }
}

/// Whether the file at `path` holds an encrypted database (whose key must then exist).
pub fn is_encrypted(path: &Path) -> Result<bool, StoreError> {
    let len = match std::fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(StoreError::File(format!("{}: {e}", path.display()))),
    };
    Ok(len > 0 && !is_plain(path)?)
}

/// Whether the file at `path` is a plain (unencrypted) SQLite database.
fn is_plain(path: &Path) -> Result<bool, StoreError> {
    use std::io::Read;
    let mut header = [0u8; 16];
    match std::fs::File::open(path) {
        Ok(mut file) => Ok(file.read_exact(&mut header).is_ok() && &header == PLAIN_HEADER),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(StoreError::File(format!("{}: {e}", path.display()))),
    }
}

/// A desk kept in plain SQLite (before its data was encrypted) is copied whole into an
/// encrypted file, which then takes the plain one's place: the copy is complete and on disk
/// before the rename, so a crash leaves either the plain desk or the encrypted one.
pub(crate) fn encrypt_if_plain(path: &Path, key: &DatabaseKey) -> Result<(), StoreError> {
    if !is_plain(path)? {
        return Ok(());
    }
    tracing::info!("encrypting the desk's database, kept in plain SQLite until now");
    let encrypted = sibling(path, "encrypting");
    remove_if_there(&encrypted)?;
    {
        let conn = Connection::open(path)?;
        // Everything committed in the WAL goes into the copy.
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        conn.execute(
            "ATTACH DATABASE ?1 AS encrypted KEY ?2",
            rusqlite::params![encrypted.to_string_lossy(), key.pragma_value().as_str()],
        )?;
        conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        conn.pragma_update(Some("encrypted"), "user_version", version)?;
        conn.execute("DETACH DATABASE encrypted", [])?;
    }
    std::fs::File::open(&encrypted)
        .and_then(|f| f.sync_all())
        .map_err(|e| StoreError::File(format!("{}: {e}", encrypted.display())))?;
    for stale in ["-wal", "-shm"] {
        remove_if_there(&sibling(path, stale))?;
    }
    std::fs::rename(&encrypted, path).map_err(|e| StoreError::File(format!("{}: {e}", path.display())))?;
    Ok(())
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(if suffix.starts_with('-') { suffix.to_owned() } else { format!(".{suffix}") });
    PathBuf::from(name)
}

fn remove_if_there(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::File(format!("{}: {e}", path.display()))),
    }
}
