//! Photos (delivery evidence, offering photos) as content-addressed files: each is kept once as
//! `attachments/<sha256>` beside the database file, with a row saying its media type, size and
//! whether the portal has it. Adding a photo is not a user action by itself: the action that
//! names it (a delivery, an offering) is, and it must name photos that exist here. The push
//! uploads the photos a batch names before the batch (see `sync/uploads.rs`). An offering's
//! photos also come from the portal (added on another desk): their row arrives with the
//! offering, their file after the pull (see `sync/downloads.rs`).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Utc;
use portal_api::MAX_ATTACHMENT_BYTES;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::kernel::Problem;
use crate::kernel::error::ActionError;
use crate::kernel::store::{Store, StoreError};

/// The directory of the photos, beside the database file.
pub const ATTACHMENTS_DIR: &str = "attachments";

/// The largest photo accepted: what the portal accepts.
pub const MAX_PHOTO_BYTES: usize = MAX_ATTACHMENT_BYTES as usize;

/// The image formats a photo may have, recognised by their first bytes (not by a file name).
pub fn sniff_media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// The SHA-256 of `bytes` as 64 lowercase hex digits: a photo's name here and on the portal.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The photos' directory and the key to read them with.
pub(crate) struct PhotoFiles {
    pub(crate) dir: PathBuf,
    seal: Option<crate::kernel::file_seal::FileSeal>,
}

impl PhotoFiles {
    /// A photo's content from the bytes stored under its name.
    pub(crate) fn content(
        &self,
        sha256: &str,
        stored: Vec<u8>,
    ) -> Result<Vec<u8>, crate::kernel::file_seal::UnsealError> {
        crate::kernel::file_seal::unseal(self.seal.as_ref(), sha256, stored)
    }
}

/// A photo kept on this desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    pub sha256: String,
    pub media_type: String,
    pub size: u64,
    pub uploaded: bool,
}

fn invalid(message: impl Into<Problem>) -> ActionError {
    ActionError::Invalid { field: "photos", message: message.into() }
}

fn file_error(path: &Path, e: std::io::Error) -> StoreError {
    StoreError::File(format!("{}: {e}", path.display()))
}

impl Store {
    /// Where the photos are kept: `attachments/` in the directory of the database file.
    pub fn attachments_dir(&self) -> Result<PathBuf, StoreError> {
        let db = self
            .connection()
            .path()
            .filter(|p| !p.is_empty())
            .ok_or_else(|| StoreError::File("the database has no file, so photos have no place".into()))?;
        let parent = Path::new(db).parent().unwrap_or_else(|| Path::new("."));
        Ok(parent.join(ATTACHMENTS_DIR))
    }

    /// Keeps a photo given as bytes and returns its sha256. It must be a JPEG, PNG or WebP image
    /// of at most 10 MiB; anything else is refused before anything is written. The same bytes
    /// added twice are kept once. The file is written to a temporary name, synced and renamed,
    /// so a crash leaves either the whole photo or none under its name.
    pub fn add_photo(&mut self, bytes: &[u8]) -> Result<String, ActionError> {
        if bytes.is_empty() {
            return Err(invalid(Problem::new("photo_empty", "the file is empty")));
        }
        if bytes.len() > MAX_PHOTO_BYTES {
            return Err(invalid(format!(
                "the photo has {} bytes; at most {MAX_PHOTO_BYTES} (10 MiB) are accepted",
                bytes.len()
            )));
        }
        let media_type = sniff_media_type(bytes)
            .ok_or_else(|| invalid(Problem::new("photo_not_image", "the file is not a JPEG, PNG or WebP image")))?;
        let sha256 = sha256_hex(bytes);
        let dir = self.attachments_dir()?;
        let path = dir.join(&sha256);
        if !path.exists() {
            write_durably(&dir, &path, &self.stored_form(&sha256, bytes)?)?;
        }
        // A photo the portal named before its file arrived is now here too.
        self.connection().execute(
            "INSERT INTO attachments (sha256, media_type, size, uploaded, added_at) VALUES (?1, ?2, ?3, 0, ?4)
             ON CONFLICT (sha256) DO UPDATE SET present = 1, media_type = excluded.media_type, size = excluded.size",
            params![sha256, media_type, bytes.len() as i64, Utc::now()],
        )?;
        Ok(sha256)
    }

    /// Photos an offering shows whose file this desk does not hold yet, at most `limit`: the
    /// ones never tried first, then the longest untried since they last failed.
    pub fn photos_to_fetch(&self, limit: usize) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT a.sha256 FROM attachments a
             WHERE a.present = 0 AND EXISTS (SELECT 1 FROM offering_photos p WHERE p.sha256 = a.sha256)
             ORDER BY a.fetch_tried_at IS NOT NULL, a.fetch_tried_at
             LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Notes that fetching a photo failed now, so that it waits behind the others.
    pub fn photo_fetch_failed(&self, sha256: &str) -> Result<(), StoreError> {
        self.connection()
            .execute("UPDATE attachments SET fetch_tried_at = ?2 WHERE sha256 = ?1", params![sha256, Utc::now()])?;
        Ok(())
    }

    /// Keeps a photo fetched from the portal under its name, once its bytes are found to hash
    /// to that name (written like an added photo: whole or not at all).
    pub fn keep_fetched_photo(&mut self, sha256: &str, bytes: &[u8]) -> Result<(), StoreError> {
        let actual = sha256_hex(bytes);
        if actual != sha256 {
            return Err(StoreError::File(format!("the portal's photo {sha256} hashes to {actual}; not kept")));
        }
        // The same checks as a photo added here: an image of at most 10 MiB.
        if bytes.len() > MAX_PHOTO_BYTES {
            return Err(StoreError::File(format!("the portal's photo {sha256} has {} bytes; not kept", bytes.len())));
        }
        let media_type = sniff_media_type(bytes).ok_or_else(|| {
            StoreError::File(format!("the portal's photo {sha256} is not a JPEG, PNG or WebP image; not kept"))
        })?;
        let dir = self.attachments_dir()?;
        write_durably(&dir, &dir.join(sha256), &self.stored_form(sha256, bytes)?)?;
        self.connection().execute(
            "UPDATE attachments SET present = 1, media_type = ?2, size = ?3 WHERE sha256 = ?1",
            params![sha256, media_type, bytes.len() as i64],
        )?;
        Ok(())
    }

    /// A kept photo's row, if there is one.
    pub fn photo(&self, sha256: &str) -> Result<Option<Photo>, StoreError> {
        Ok(self
            .connection()
            .query_row("SELECT sha256, media_type, size, uploaded FROM attachments WHERE sha256 = ?1", [sha256], |r| {
                Ok(Photo {
                    sha256: r.get(0)?,
                    media_type: r.get(1)?,
                    size: r.get::<_, i64>(2)? as u64,
                    uploaded: r.get(3)?,
                })
            })
            .optional()?)
    }

    /// A kept photo's bytes and media type (for thumbnails in the window).
    pub fn photo_bytes(&self, sha256: &str) -> Result<(Vec<u8>, String), StoreError> {
        let photo =
            self.photo(sha256)?.ok_or_else(|| StoreError::NotFound { entity: "photo", id: sha256.to_owned() })?;
        let files = self.photo_files()?;
        let path = files.dir.join(&photo.sha256);
        let stored = fs::read(&path).map_err(|e| file_error(&path, e))?;
        let bytes =
            files.content(&photo.sha256, stored).map_err(|e| StoreError::File(format!("{}: {e}", path.display())))?;
        Ok((bytes, photo.media_type))
    }

    /// Writes a photo restored from a backup under its name (sealed with this desk's key).
    pub(crate) fn keep_restored_photo(&self, sha256: &str, bytes: &[u8]) -> Result<(), StoreError> {
        let dir = self.attachments_dir()?;
        write_durably(&dir, &dir.join(sha256), &self.stored_form(sha256, bytes)?)
    }

    /// Where the photos are and how to read them (for reads outside the store's lock).
    pub(crate) fn photo_files(&self) -> Result<PhotoFiles, StoreError> {
        Ok(PhotoFiles { dir: self.attachments_dir()?, seal: self.file_seal().cloned() })
    }

    /// What is written to disk for a photo: sealed when the store has a key.
    fn stored_form<'a>(&self, sha256: &str, bytes: &'a [u8]) -> Result<std::borrow::Cow<'a, [u8]>, StoreError> {
        match self.file_seal() {
            Some(seal) => seal
                .seal(sha256, bytes)
                .map(std::borrow::Cow::Owned)
                .map_err(|_| StoreError::File(format!("photo {sha256} could not be encrypted"))),
            None => Ok(std::borrow::Cow::Borrowed(bytes)),
        }
    }

    /// Seals the photos kept in plain files before the desk's data was encrypted (each
    /// replaced whole: a crash leaves the plain file or the sealed one, both readable).
    pub(crate) fn seal_plain_photos(&self) -> Result<(), StoreError> {
        let Some(seal) = self.file_seal() else { return Ok(()) };
        let dir = self.attachments_dir()?;
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(file_error(&dir, e)),
        };
        let mut sealed = 0;
        for entry in entries {
            let entry = entry.map_err(|e| file_error(&dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            // Photos are named by their sha256; temporary files of an interrupted write are not.
            if name.len() != 64 || !name.bytes().all(|b| b.is_ascii_hexdigit()) {
                continue;
            }
            let path = entry.path();
            let stored = fs::read(&path).map_err(|e| file_error(&path, e))?;
            if crate::kernel::file_seal::is_sealed(&stored) {
                continue;
            }
            let bytes = seal
                .seal(&name, &stored)
                .map_err(|_| StoreError::File(format!("photo {name} could not be encrypted")))?;
            write_durably(&dir, &path, &bytes)?;
            sealed += 1;
        }
        if sealed > 0 {
            tracing::info!(sealed, "photos kept in plain files are now encrypted");
        }
        Ok(())
    }

    /// The photos of a delivery, in the order they were chosen.
    pub fn delivery_photos(&self, delivery_id: &str) -> Result<Vec<String>, StoreError> {
        photos_in(
            self.connection(),
            "SELECT sha256 FROM delivery_photos WHERE delivery_id = ?1 ORDER BY position",
            delivery_id,
        )
    }

    /// The photos of every delivery of an order, oldest delivery first.
    pub fn order_delivery_photos(&self, order_id: &str) -> Result<Vec<String>, StoreError> {
        photos_in(
            self.connection(),
            "SELECT p.sha256 FROM delivery_photos p JOIN deliveries d ON d.id = p.delivery_id
             WHERE d.order_id = ?1 ORDER BY d.recorded_at, d.id, p.position",
            order_id,
        )
    }

    /// The photos of an offering, in their order.
    pub fn offering_photos(&self, offering_id: &str) -> Result<Vec<String>, StoreError> {
        photos_in(
            self.connection(),
            "SELECT sha256 FROM offering_photos WHERE offering_id = ?1 ORDER BY position",
            offering_id,
        )
    }

    /// Marks a photo as held by the portal, so later pushes do not ask again.
    pub fn mark_photo_uploaded(&self, sha256: &str) -> Result<(), StoreError> {
        self.connection().execute("UPDATE attachments SET uploaded = 1 WHERE sha256 = ?1", [sha256])?;
        Ok(())
    }
}

fn photos_in(conn: &Connection, sql: &str, id: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn write_durably(dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    fs::create_dir_all(dir).map_err(|e| file_error(dir, e))?;
    let tmp = dir.join(format!(".{}.tmp", uuid::Uuid::now_v7()));
    let written = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        // The rename itself is durable only once the directory is synced.
        #[cfg(unix)]
        fs::File::open(dir)?.sync_all()?;
        Ok(())
    })();
    written.map_err(|e: std::io::Error| {
        let _ = fs::remove_file(&tmp);
        file_error(path, e)
    })
}

/// Checks that every photo an action names is kept here, and that none is named twice.
pub(crate) fn check_photos(conn: &Connection, photos: &[String]) -> Result<(), ActionError> {
    for (i, sha) in photos.iter().enumerate() {
        if photos[..i].contains(sha) {
            return Err(invalid(format!("the photo {sha} is chosen twice")));
        }
        let known: bool =
            conn.query_row("SELECT EXISTS (SELECT 1 FROM attachments WHERE sha256 = ?1)", [sha], |r| r.get(0))?;
        if !known {
            return Err(invalid(format!("no photo {sha} was added on this desk")));
        }
    }
    Ok(())
}

/// Links photos to a delivery, in the transaction of the action that records it.
pub(crate) fn link_delivery(conn: &Connection, delivery_id: &str, photos: &[String]) -> Result<(), ActionError> {
    for (i, sha) in photos.iter().enumerate() {
        conn.execute(
            "INSERT INTO delivery_photos (delivery_id, position, sha256) VALUES (?1, ?2, ?3)",
            params![delivery_id, i as i64, sha],
        )?;
    }
    Ok(())
}

/// Sets an offering's photos (replacing the ones it had), in the action's transaction.
pub(crate) fn link_offering(conn: &Connection, offering_id: &str, photos: &[String]) -> Result<(), ActionError> {
    Ok(relink_offering(conn, offering_id, photos)?)
}

fn relink_offering(conn: &Connection, offering_id: &str, photos: &[String]) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM offering_photos WHERE offering_id = ?1")?.execute([offering_id])?;
    let mut insert =
        conn.prepare_cached("INSERT INTO offering_photos (offering_id, position, sha256) VALUES (?1, ?2, ?3)")?;
    for (i, sha) in photos.iter().enumerate() {
        insert.execute(params![offering_id, i as i64, sha])?;
    }
    Ok(())
}

/// Shows an offering with the photos the portal's snapshot names (after a pull, or when a
/// refused change is undone). A photo this desk does not hold gets a row waiting for its file,
/// marked uploaded: the portal has it.
pub(crate) fn adopt_offering_photos(conn: &Connection, offering_id: &str, photos: &[String]) -> Result<(), StoreError> {
    let mut missing = conn.prepare_cached(
        "INSERT OR IGNORE INTO attachments (sha256, media_type, size, uploaded, added_at, present)
         VALUES (?1, 'application/octet-stream', 0, 1, ?2, 0)",
    )?;
    for sha in photos {
        missing.execute(params![sha, Utc::now()])?;
    }
    relink_offering(conn, offering_id, photos)
}

/// Of `photos`, those kept here that the portal does not have yet, each once.
pub(crate) fn not_uploaded<'a>(
    conn: &Connection,
    photos: impl IntoIterator<Item = &'a String>,
) -> Result<Vec<String>, StoreError> {
    let mut out: Vec<String> = Vec::new();
    for sha in photos {
        if out.contains(sha) {
            continue;
        }
        let uploaded: Option<bool> =
            conn.query_row("SELECT uploaded FROM attachments WHERE sha256 = ?1", [sha], |r| r.get(0)).optional()?;
        if uploaded == Some(false) {
            out.push(sha.clone());
        }
    }
    Ok(out)
}
