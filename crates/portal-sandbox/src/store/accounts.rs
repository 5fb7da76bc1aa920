//! Supplier accounts, their password hashes, and bearer tokens.

use argon2::password_hash::PasswordHasher;
use argon2::password_hash::phc::{Output, PasswordHash};
use argon2::{Algorithm, Argon2, Block, Params, Version};
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

/// What an unknown BIN's password is checked against: a hash with the same parameters as
/// [`hash_password`]'s (of a password nobody has), so that the check takes as long as for a
/// known BIN and the answer's timing does not tell whether an account exists.
pub(crate) const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$Zjzg5CsI93qq1v2jHmLdTQ$x2rMORNTGMkjp0mcMWU3c/ANsN5I6dh7o2RE0tkoov0";

/// Hashes a password with Argon2id (random salt, the crate's default parameters) into a PHC
/// string.
pub(crate) fn hash_password(password: &str) -> Result<String, StoreError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StoreError::PasswordHash(e.to_string()))
}

/// Whether `password` matches the stored PHC string (a malformed one never matches), computed
/// in `memory` (grown to the hash's memory cost if smaller), which the caller keeps for the
/// next check: Argon2id's 19 MiB are then allocated once per thread, not once per check (the
/// allocator did not give them back).
pub(crate) fn verify_password_in(memory: &mut Vec<Block>, password: &str, phc: &str) -> bool {
    let mut check = || -> Option<bool> {
        let hash = PasswordHash::new(phc).ok()?;
        let algorithm = Algorithm::try_from(hash.algorithm.as_str()).ok()?;
        let version = match hash.version {
            Some(v) => Version::try_from(v).ok()?,
            None => Version::default(),
        };
        let params = Params::try_from(&hash).ok()?;
        let (expected, salt) = (hash.hash?, hash.salt?);
        if memory.len() < params.block_count() {
            memory.resize(params.block_count(), Block::new());
        }
        let mut out = vec![0u8; expected.len()];
        Argon2::new(algorithm, version, params)
            .hash_password_into_with_memory(password.as_bytes(), salt.as_ref(), &mut out, &mut memory[..])
            .ok()?;
        // Output's comparison takes constant time.
        Some(Output::new(&out).ok()? == expected)
    };
    check().unwrap_or(false)
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
        let mut memory = Vec::new();
        for _ in 0..2 {
            assert!(verify_password_in(&mut memory, "demo", &hash));
            assert!(!verify_password_in(&mut memory, "Demo", &hash));
        }
        assert!(!verify_password_in(&mut memory, "demo", "not a phc string"));
        assert_eq!(memory.len(), Params::default().block_count(), "the memory is kept for the next check");
    }

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_does() {
        let real = hash_password("demo").expect("hash");
        let params = |phc: &str| {
            let h = argon2::password_hash::phc::PasswordHash::new(phc).expect("a PHC string");
            (h.algorithm.to_string(), h.version, h.params.to_string(), h.hash.map(|o| o.len()))
        };
        assert_eq!(params(DUMMY_HASH), params(&real));
        assert!(!verify_password_in(&mut Vec::new(), "", DUMMY_HASH));
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
