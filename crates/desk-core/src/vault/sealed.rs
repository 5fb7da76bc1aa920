//! The keychain's stand-in: the desk's secrets in one file, sealed with XChaCha20-Poly1305
//! under a key derived from the administrator's password with Argon2id. A wrong password or a
//! changed byte fails the seal's check; nothing is read from an unchecked file.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::VaultError;

/// The secrets file's name in the data dir.
pub const SEALED_FILE: &str = "secrets.sealed";
/// The shortest administrator's password a new secrets file accepts.
const MIN_PASSWORD: usize = 10;

pub(super) struct SealedFile {
    path: PathBuf,
    key: Zeroizing<[u8; 32]>,
    salt: [u8; 16],
    secrets: BTreeMap<String, Zeroizing<String>>,
}

/// The file as written: the salt of the key derivation, the nonce of the last seal, the sealed
/// secrets (a JSON map) — all hex.
#[derive(Serialize, Deserialize)]
struct OnDisk {
    format: u32,
    salt: String,
    nonce: String,
    sealed: String,
}

impl SealedFile {
    /// Opens the file at `path` with the administrator's password, or creates an empty one
    /// sealed with it.
    pub(super) fn open(path: PathBuf, password: &str) -> Result<SealedFile, VaultError> {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if password.chars().count() < MIN_PASSWORD {
                    return Err(VaultError::WeakPassword { min: MIN_PASSWORD });
                }
                let salt = super::random_salt();
                let key = derive(password, &salt)?;
                let file = SealedFile { path, key, salt, secrets: BTreeMap::new() };
                file.write()?;
                return Ok(file);
            }
            Err(source) => return Err(VaultError::File { path, source }),
        };
        let damaged = |reason: &str| VaultError::Damaged { path: path.clone(), reason: reason.to_owned() };
        let on_disk: OnDisk = serde_json::from_str(&text).map_err(|e| damaged(&e.to_string()))?;
        if on_disk.format != 1 {
            return Err(damaged("an unknown format"));
        }
        let salt: [u8; 16] = crate::vault::hex::decode(&on_disk.salt)
            .and_then(|s| s.try_into().ok())
            .ok_or_else(|| damaged("a bad salt"))?;
        let nonce: [u8; 24] = crate::vault::hex::decode(&on_disk.nonce)
            .and_then(|n| n.try_into().ok())
            .ok_or_else(|| damaged("a bad nonce"))?;
        let sealed = crate::vault::hex::decode(&on_disk.sealed).ok_or_else(|| damaged("bad sealed bytes"))?;
        let key = derive(password, &salt)?;
        let cipher = XChaCha20Poly1305::new(key.as_ref().into());
        let plain = Zeroizing::new(
            cipher.decrypt(XNonce::from_slice(&nonce), sealed.as_slice()).map_err(|_| VaultError::WrongPassword)?,
        );
        let secrets: BTreeMap<String, String> =
            serde_json::from_slice(&plain).map_err(|_| damaged("its secrets are not readable"))?;
        let secrets = secrets.into_iter().map(|(k, v)| (k, Zeroizing::new(v))).collect();
        Ok(SealedFile { path, key, salt, secrets })
    }

    pub(super) fn get(&self, name: &str) -> Option<Zeroizing<String>> {
        self.secrets.get(name).cloned()
    }

    pub(super) fn set(&mut self, name: &str, value: &str) -> Result<(), VaultError> {
        self.secrets.insert(name.to_owned(), Zeroizing::new(value.to_owned()));
        self.write()
    }

    /// Seals the secrets under a fresh nonce and replaces the file atomically (a crash leaves
    /// the old file or the new one), readable by its owner only.
    fn write(&self) -> Result<(), VaultError> {
        let plain: BTreeMap<&str, &str> = self.secrets.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let plain = Zeroizing::new(serde_json::to_vec(&plain).map_err(|_| VaultError::Malformed("secrets"))?);
        let cipher = XChaCha20Poly1305::new(self.key.as_ref().into());
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = cipher.encrypt(&nonce, plain.as_slice()).map_err(|_| VaultError::Malformed("secrets"))?;
        let on_disk = OnDisk {
            format: 1,
            salt: crate::vault::hex::encode(&self.salt),
            nonce: crate::vault::hex::encode(&nonce),
            sealed: crate::vault::hex::encode(&sealed),
        };
        let text = serde_json::to_vec_pretty(&on_disk).map_err(|_| VaultError::Malformed("secrets"))?;
        let tmp = self.path.with_extension("sealed.tmp");
        let io = |source| VaultError::File { path: tmp.clone(), source };
        {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(&tmp).map_err(io)?;
            file.write_all(&text).map_err(io)?;
            file.sync_all().map_err(io)?;
        }
        std::fs::rename(&tmp, &self.path).map_err(|source| VaultError::File { path: self.path.clone(), source })
    }
}

fn derive(password: &str, salt: &[u8; 16]) -> Result<Zeroizing<[u8; 32]>, VaultError> {
    super::derive_key(password, salt).ok_or(VaultError::Malformed("administrator's password"))
}
