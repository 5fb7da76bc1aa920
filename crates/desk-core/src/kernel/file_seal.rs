//! The files a desk keeps beside its database (photos: delivery evidence, offering photos),
//! encrypted at rest like the database: XChaCha20-Poly1305 under a key derived from the
//! database key, each file bound to its name (its sha256), so that a file swapped for another
//! or changed on disk fails its check instead of being shown or uploaded.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::vault::DatabaseKey;

/// The first bytes of a sealed file; photos start with their image format's bytes instead.
const MAGIC: &[u8; 8] = b"SDSEAL1\0";
const NONCE: usize = 24;

#[derive(Clone)]
pub(crate) struct FileSeal {
    key: Zeroizing<[u8; 32]>,
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum UnsealError {
    #[error("the file is encrypted, and this store has no key for it")]
    NoKey,
    #[error("the file does not pass its integrity check (changed on disk, or not this desk's)")]
    Check,
}

impl FileSeal {
    /// The seal of a desk's files: its own key, derived from the database key (a key for one
    /// purpose each), so a file's key never opens the database or the other way round.
    pub(crate) fn for_database(key: &DatabaseKey) -> FileSeal {
        let mut hasher = Sha256::new();
        hasher.update(b"supplier-desk attachments v1\0");
        hasher.update(key.bytes());
        let mut derived = Zeroizing::new([0u8; 32]);
        derived.copy_from_slice(&hasher.finalize());
        FileSeal { key: derived }
    }

    /// The sealed bytes of `plain`, kept under `name`. (Encryption of a buffer fails only
    /// beyond 2^38 bytes; a photo is at most 10 MiB.)
    pub(crate) fn seal(&self, name: &str, plain: &[u8]) -> Result<Vec<u8>, chacha20poly1305::Error> {
        let cipher = XChaCha20Poly1305::new(self.key.as_ref().into());
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let mut out = Vec::with_capacity(MAGIC.len() + NONCE + plain.len() + 16);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&cipher.encrypt(&nonce, Payload { msg: plain, aad: name.as_bytes() })?);
        Ok(out)
    }

    fn open(&self, name: &str, stored: &[u8]) -> Result<Vec<u8>, UnsealError> {
        let body = &stored[MAGIC.len()..];
        if body.len() < NONCE {
            return Err(UnsealError::Check);
        }
        let (nonce, sealed) = body.split_at(NONCE);
        let cipher = XChaCha20Poly1305::new(self.key.as_ref().into());
        cipher
            .decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad: name.as_bytes() })
            .map_err(|_| UnsealError::Check)
    }
}

pub(crate) fn is_sealed(stored: &[u8]) -> bool {
    stored.starts_with(MAGIC)
}

/// A kept file's content: opened with `seal` when it is sealed; a plain file (a store opened
/// without a key, or a photo from before encryption that is not sealed yet) as it is.
pub(crate) fn unseal(seal: Option<&FileSeal>, name: &str, stored: Vec<u8>) -> Result<Vec<u8>, UnsealError> {
    if !is_sealed(&stored) {
        return Ok(stored);
    }
    seal.ok_or(UnsealError::NoKey)?.open(name, &stored)
}
