//! Staff passwords: stored only as Argon2id hashes (PHC strings with their own salt and
//! parameters), checked in constant time by the argon2 crate.

use argon2::password_hash::{PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use password_hash::rand_core::OsRng;

/// The shortest password an account may have.
pub const MIN_PASSWORD_CHARS: usize = 8;

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("the password could not be hashed: {0}")]
    Hash(String),
}

/// The Argon2id hash of `password` with a fresh random salt, as a PHC string.
pub(crate) fn hash(password: &str) -> Result<String, PasswordError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PasswordError::Hash(e.to_string()))
}

/// Whether `password` matches the stored hash; an unreadable hash matches nothing.
pub(crate) fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(e) => {
            tracing::warn!(error = %e, "a stored password hash is unreadable");
            false
        }
    }
}

/// A hash of no one's password, checked when the user name is unknown so that a refusal takes
/// as long whether or not the account exists (the time would otherwise tell which names do).
pub(crate) fn verify_nothing(password: &str) {
    use std::sync::OnceLock;
    static DUMMY: OnceLock<Option<String>> = OnceLock::new();
    if let Some(stored) = DUMMY.get_or_init(|| hash("no account has this password").ok()) {
        verify(password, stored);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = super::hash("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(super::verify("correct horse", &h));
        assert!(!super::verify("correct hors", &h));
        assert!(!super::verify("correct horse", "not a hash"));
        assert_ne!(h, super::hash("correct horse").unwrap(), "each hash has its own salt");
    }
}
