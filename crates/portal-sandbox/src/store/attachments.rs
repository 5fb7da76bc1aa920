//! Attachments (photos, scanned acts) a supplier uploaded, named by the SHA-256 of their bytes.
//! A resumable upload arrives as chunks, kept one row each until the last one: then the chunks
//! are joined, the hash is checked, and either the whole attachment is kept or nothing is.
//! What a supplier stores, complete and partial, is held to a quota; a partial upload that no
//! chunk has reached for [`PARTIAL_UPLOAD_LIFETIME`] is abandoned and removed.

use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::StoreError;

/// How much of an attachment the portal holds for a supplier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Held {
    pub received: u64,
    pub complete: bool,
}

/// What became of a chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ChunkOutcome {
    Held(Held),
    /// The chunk does not start where the held bytes end.
    WrongOffset {
        held: u64,
    },
    /// The last chunk arrived and the bytes hash to something else; nothing is kept.
    HashMismatch {
        actual: String,
    },
    /// The whole upload would take the supplier's attachments to `needed` bytes, beyond its
    /// quota; nothing is kept.
    OverQuota {
        needed: u64,
    },
}

/// How long a partial upload is kept after its last chunk arrived (the sandbox's clock).
pub const PARTIAL_UPLOAD_LIFETIME: TimeDelta = TimeDelta::hours(24);

/// Removes the partial uploads (of every supplier) whose last chunk arrived more than
/// [`PARTIAL_UPLOAD_LIFETIME`] before `now`. Returns how many uploads were removed.
pub(crate) fn expire_partial(conn: &Connection, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let cutoff = now - PARTIAL_UPLOAD_LIFETIME;
    let abandoned =
        "SELECT supplier_id, sha256 FROM attachment_chunk GROUP BY supplier_id, sha256 HAVING max(received_at) < ?1";
    let uploads: i64 = conn.query_row(&format!("SELECT count(*) FROM ({abandoned})"), [cutoff], |r| r.get(0))?;
    if uploads > 0 {
        conn.execute(&format!("DELETE FROM attachment_chunk WHERE (supplier_id, sha256) IN ({abandoned})"), [cutoff])?;
    }
    Ok(uploads as usize)
}

/// The bytes a supplier stores: complete attachments and chunks of partial uploads, leaving out
/// the partial upload of `except`.
fn stored_bytes(conn: &Connection, supplier_id: &str, except: &str) -> Result<u64, StoreError> {
    let bytes: i64 = conn.query_row(
        "SELECT (SELECT coalesce(sum(size), 0) FROM attachment WHERE supplier_id = ?1)
              + (SELECT coalesce(sum(length(bytes)), 0) FROM attachment_chunk WHERE supplier_id = ?1 AND sha256 <> ?2)",
        params![supplier_id, except],
        |r| r.get(0),
    )?;
    Ok(bytes.max(0) as u64)
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn held(conn: &Connection, supplier_id: &str, sha256: &str) -> Result<Held, StoreError> {
    let size: Option<i64> = conn
        .query_row(
            "SELECT size FROM attachment WHERE supplier_id = ?1 AND sha256 = ?2",
            params![supplier_id, sha256],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(size) = size {
        return Ok(Held { received: size as u64, complete: true });
    }
    let received: i64 = conn.query_row(
        "SELECT coalesce(sum(length(bytes)), 0) FROM attachment_chunk WHERE supplier_id = ?1 AND sha256 = ?2",
        params![supplier_id, sha256],
        |r| r.get(0),
    )?;
    Ok(Held { received: received as u64, complete: false })
}

/// Keeps `chunk` at `offset` of a `total`-byte upload, in one transaction with the check of the
/// whole when it is the last chunk. A chunk at offset 0 starts the upload afresh. Abandoned
/// partial uploads are removed first; an upload whose `total` would take the supplier beyond
/// `quota` bytes is refused whole, at its first chunk.
#[allow(clippy::too_many_arguments)]
pub(crate) fn put_chunk(
    conn: &mut Connection,
    supplier_id: &str,
    sha256: &str,
    offset: u64,
    total: u64,
    chunk: &[u8],
    now: DateTime<Utc>,
    quota: u64,
) -> Result<ChunkOutcome, StoreError> {
    // On its own, so that it stays done whatever becomes of this chunk.
    expire_partial(conn, now)?;
    let tx = conn.transaction()?;
    let before = held(&tx, supplier_id, sha256)?;
    if before.complete {
        // Content-addressed: the same name is the same bytes, so a repeated upload is done.
        return Ok(ChunkOutcome::Held(before));
    }
    let needed = stored_bytes(&tx, supplier_id, sha256)?.saturating_add(total);
    if needed > quota {
        return Ok(ChunkOutcome::OverQuota { needed });
    }
    if offset == 0 {
        tx.execute(
            "DELETE FROM attachment_chunk WHERE supplier_id = ?1 AND sha256 = ?2",
            params![supplier_id, sha256],
        )?;
    } else if offset != before.received {
        return Ok(ChunkOutcome::WrongOffset { held: before.received });
    }
    tx.execute(
        "INSERT INTO attachment_chunk (supplier_id, sha256, offset, bytes, received_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![supplier_id, sha256, offset as i64, chunk, now],
    )?;
    let received = offset + chunk.len() as u64;
    if received < total {
        tx.commit()?;
        return Ok(ChunkOutcome::Held(Held { received, complete: false }));
    }
    let mut whole = Vec::with_capacity(total as usize);
    {
        let mut stmt =
            tx.prepare("SELECT bytes FROM attachment_chunk WHERE supplier_id = ?1 AND sha256 = ?2 ORDER BY offset")?;
        let mut rows = stmt.query(params![supplier_id, sha256])?;
        while let Some(r) = rows.next()? {
            whole.extend_from_slice(r.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?);
        }
    }
    tx.execute("DELETE FROM attachment_chunk WHERE supplier_id = ?1 AND sha256 = ?2", params![supplier_id, sha256])?;
    let actual = sha256_hex(&whole);
    if actual != sha256 {
        tx.commit()?;
        return Ok(ChunkOutcome::HashMismatch { actual });
    }
    tx.execute(
        "INSERT INTO attachment (supplier_id, sha256, size, bytes, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![supplier_id, sha256, whole.len() as i64, whole, now],
    )?;
    tx.commit()?;
    Ok(ChunkOutcome::Held(Held { received: total, complete: true }))
}

/// The first of `photos` the supplier has not uploaded completely, if any.
pub(crate) fn first_missing<'a>(
    conn: &Connection,
    supplier_id: &str,
    photos: &'a [String],
) -> Result<Option<&'a str>, StoreError> {
    for sha in photos {
        if !held(conn, supplier_id, sha)?.complete {
            return Ok(Some(sha));
        }
    }
    Ok(None)
}

/// A complete attachment the supplier uploaded, byte for byte.
pub(crate) fn complete_bytes(
    conn: &Connection,
    supplier_id: &str,
    sha256: &str,
) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT bytes FROM attachment WHERE supplier_id = ?1 AND sha256 = ?2",
            params![supplier_id, sha256],
            |r| r.get(0),
        )
        .optional()?)
}

/// A complete attachment's bytes, whoever uploaded it (for tests and the admin side).
pub(crate) fn bytes(conn: &Connection, sha256: &str) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(conn.query_row("SELECT bytes FROM attachment WHERE sha256 = ?1 LIMIT 1", [sha256], |r| r.get(0)).optional()?)
}

pub(crate) fn offering_photos(conn: &Connection, offering_id: &str) -> Result<Vec<String>, StoreError> {
    let photos: Option<String> =
        conn.query_row("SELECT photos FROM offering WHERE id = ?1", [offering_id], |r| r.get(0)).optional()?;
    Ok(photos.map(|p| serde_json::from_str(&p)).transpose()?.unwrap_or_default())
}
