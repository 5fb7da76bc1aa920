//! Supplier accounts, their password hashes, and bearer tokens.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;

/// How long a bearer token is valid after sign-in.
pub const TOKEN_LIFETIME: TimeDelta = TimeDelta::hours(12);

/// A supplier account as sign-in needs it.
#[derive(Debug, Clone)]
pub(crate) struct SupplierAccount {
    pub id: String,
    pub name: String,
    pub password_hash: String,
}

/// Hashes a password with Argon2id (random salt, the crate's default parameters) into a PHC
/// string.
pub(crate) fn hash_password(password: &str) -> Result<String, StoreError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StoreError::PasswordHash(e.to_string()))
}

/// Whether `password` matches the stored PHC string. A malformed stored hash never matches.
pub(crate) fn verify_password(password: &str, phc: &str) -> bool {
    Argon2::default().verify_password(password.as_bytes(), phc).is_ok()
}

pub(crate) fn create_supplier(
    conn: &Connection,
    id: &str,
    bin: &str,
    name: &str,
    region: &str,
    password: &str,
) -> Result<(), StoreError> {
    let hash = hash_password(password)?;
    conn.execute(
        "INSERT INTO supplier (id, bin, name, region, password_hash) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, bin, name, region, hash],
    )?;
    Ok(())
}

pub(crate) fn supplier_by_bin(conn: &Connection, bin: &str) -> Result<Option<SupplierAccount>, StoreError> {
    Ok(conn
        .query_row("SELECT id, name, password_hash FROM supplier WHERE bin = ?1", [bin], |r| {
            Ok(SupplierAccount { id: r.get(0)?, name: r.get(1)?, password_hash: r.get(2)? })
        })
        .optional()?)
}

/// Issues a new random bearer token for the supplier and forgets expired ones.
pub(crate) fn issue_token(
    conn: &Connection,
    supplier_id: &str,
    now: DateTime<Utc>,
) -> Result<(String, DateTime<Utc>), StoreError> {
    conn.execute("DELETE FROM token WHERE expires_at <= ?1", [now])?;
    let token = uuid::Uuid::new_v4().simple().to_string();
    let expires_at = now + TOKEN_LIFETIME;
    conn.execute(
        "INSERT INTO token (token, supplier_id, issued_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![token, supplier_id, now, expires_at],
    )?;
    Ok((token, expires_at))
}

/// What a presented bearer token turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TokenCheck {
    Valid { supplier_id: String },
    Unknown,
    Expired,
}

pub(crate) fn check_token(conn: &Connection, token: &str, now: DateTime<Utc>) -> Result<TokenCheck, StoreError> {
    let found: Option<(String, DateTime<Utc>)> = conn
        .query_row("SELECT supplier_id, expires_at FROM token WHERE token = ?1", [token], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(match found {
        None => TokenCheck::Unknown,
        Some((_, expires_at)) if expires_at <= now => TokenCheck::Expired,
        Some((supplier_id, _)) => TokenCheck::Valid { supplier_id },
    })
}

/// Makes every token issued so far expire at `now`: the next call with one is answered 401
/// (`token_expired`). Returns how many tokens were still valid.
pub(crate) fn expire_all(conn: &Connection, now: DateTime<Utc>) -> Result<usize, StoreError> {
    Ok(conn.execute("UPDATE token SET expires_at = ?1 WHERE expires_at > ?1", [now])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_only_its_password() {
        let hash = hash_password("demo").expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("demo", &hash));
        assert!(!verify_password("Demo", &hash));
        assert!(!verify_password("demo", "not a phc string"));
    }

    #[test]
    fn tokens_expire() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = crate::db::open(&dir.path().join("t.sqlite")).expect("open");
        create_supplier(&conn, "s1", "150840021738", "Test", "KZ-ALA", "pw").expect("supplier");
        let now = Utc::now();
        let (token, expires_at) = issue_token(&conn, "s1", now).expect("token");
        assert_eq!(expires_at, now + TOKEN_LIFETIME);
        assert_eq!(check_token(&conn, &token, now).expect("check"), TokenCheck::Valid { supplier_id: "s1".into() });
        assert_eq!(check_token(&conn, &token, expires_at).expect("check"), TokenCheck::Expired);
        assert_eq!(check_token(&conn, "nope", now).expect("check"), TokenCheck::Unknown);
    }
}
