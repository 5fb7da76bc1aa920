//! Where the desk keeps its secrets — the database key and the supplier's portal credentials:
//! the operating system's keychain (Secret Service on Linux) or, on a computer without one, a
//! file in the data dir sealed with a key derived from the administrator's password. Never in
//! the database, the logs or the webview.
//!
//! Which of the two a desk uses is decided once: a desk whose secrets file exists keeps using
//! it (its database key is there), otherwise the keychain when one answers, otherwise a new
//! secrets file.

pub(crate) mod hex;
mod keychain;
mod sealed;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

pub use sealed::SEALED_FILE;

/// The name of the database key among a desk's secrets.
const DATABASE_KEY: &str = "database-key";
/// The name of the portal credentials among a desk's secrets.
const PORTAL_CREDENTIALS: &str = "portal-credentials";

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error(
        "this computer has no keychain ({0}); the desk's secrets are then kept in a file sealed \
         with the administrator's password, which is needed to open it \
         (SUPPLIER_DESK_ADMIN_PASSWORD)"
    )]
    PasswordRequired(String),
    #[error("the keychain could not keep or give the desk's secret: {0}")]
    Keychain(String),
    #[error("the administrator's password does not open this desk's secrets file")]
    WrongPassword,
    #[error("the administrator's password must be at least {min} characters")]
    WeakPassword { min: usize },
    #[error("the secrets file {path} cannot be read: {reason}")]
    Damaged { path: PathBuf, reason: String },
    #[error("could not read or write {path}: {source}")]
    File { path: PathBuf, source: std::io::Error },
    #[error("the desk's stored secret {0} is malformed")]
    Malformed(&'static str),
    #[error(
        "this desk's database key is kept in the keychain, which does not answer now ({0}); \
         start the desktop's keychain (Secret Service) and try again"
    )]
    KeychainGone(String),
    #[error("the database key is not in this desk's {0}: the database cannot be opened without it")]
    KeyMissing(&'static str),
}

/// Where a desk's secrets are kept, as the window and the CLI report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum VaultKind {
    /// The operating system's keychain.
    Keychain,
    /// A file in the data dir sealed with the administrator's password (no keychain here).
    SealedFile,
}

/// The desk's secrets.
pub struct Vault {
    place: Place,
}

enum Place {
    Keychain(keychain::Keychain),
    Sealed(sealed::SealedFile),
}

/// The 256-bit key of the desk's SQLCipher database. Wiped from memory when dropped.
pub struct DatabaseKey(Zeroizing<[u8; 32]>);

impl DatabaseKey {
    fn random() -> DatabaseKey {
        use chacha20poly1305::aead::{OsRng, rand_core::RngCore};
        let mut key = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(key.as_mut());
        DatabaseKey(key)
    }

    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// A key derived from a password (a backup's): Argon2id, as for the sealed secrets file.
    pub(crate) fn derive(password: &str, salt: &[u8; 16]) -> Option<DatabaseKey> {
        derive_key(password, salt).map(DatabaseKey)
    }

    pub(crate) fn random_salt() -> [u8; 16] {
        random_salt()
    }

    fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(crate::vault::hex::encode(self.0.as_ref()))
    }

    fn from_hex(hex: &str) -> Option<DatabaseKey> {
        let bytes = Zeroizing::new(crate::vault::hex::decode(hex)?);
        let key: [u8; 32] = bytes.as_slice().try_into().ok()?;
        Some(DatabaseKey(Zeroizing::new(key)))
    }

    /// The value of SQLCipher's `PRAGMA key` for a raw key (no key derivation on every open);
    /// for tools that open the database with SQLite directly.
    pub fn pragma_value(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", self.to_hex().as_str()))
    }
}

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(…)")
    }
}

/// The supplier's sign-in on the portal, as kept in the vault.
#[derive(Clone, Serialize, Deserialize)]
pub struct PortalCredentials {
    pub bin: String,
    pub password: String,
}

impl std::fmt::Debug for PortalCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PortalCredentials").field("bin", &self.bin).finish_non_exhaustive()
    }
}

impl Vault {
    /// The vault of the desk whose data lives in `data_dir`. `admin_password` is needed only
    /// where there is no keychain (and for a desk that was set up without one). `new_desk`: no
    /// encrypted database exists yet, so a new vault may be made; otherwise its key is somewhere
    /// already, and a missing keychain is an error rather than a reason for a new sealed file.
    pub fn open(data_dir: &Path, admin_password: Option<&str>, new_desk: bool) -> Result<Vault, VaultError> {
        let sealed_path = data_dir.join(SEALED_FILE);
        if !sealed_path.exists() {
            match keychain::Keychain::probe(&desk_id(data_dir)) {
                Ok(keychain) => return Ok(Vault { place: Place::Keychain(keychain) }),
                Err(keychain::Unavailable(reason)) if !new_desk => {
                    return Err(match admin_password {
                        Some(_) => VaultError::KeychainGone(reason),
                        None => VaultError::PasswordRequired(reason),
                    });
                }
                Err(keychain::Unavailable(reason)) => {
                    tracing::warn!(%reason, "no keychain: the desk's secrets go to a sealed file");
                    let password = admin_password.ok_or(VaultError::PasswordRequired(reason))?;
                    return Ok(Vault { place: Place::Sealed(sealed::SealedFile::open(sealed_path, password)?) });
                }
            }
        }
        let password =
            admin_password.ok_or_else(|| VaultError::PasswordRequired("this desk was set up without one".into()))?;
        Ok(Vault { place: Place::Sealed(sealed::SealedFile::open(sealed_path, password)?) })
    }

    /// A vault in a sealed file even where a keychain exists (tests of the fallback, and the
    /// desks of computers whose keychain is not to be used).
    pub fn sealed(data_dir: &Path, admin_password: &str) -> Result<Vault, VaultError> {
        Ok(Vault { place: Place::Sealed(sealed::SealedFile::open(data_dir.join(SEALED_FILE), admin_password)?) })
    }

    pub fn kind(&self) -> VaultKind {
        match self.place {
            Place::Keychain(_) => VaultKind::Keychain,
            Place::Sealed(_) => VaultKind::SealedFile,
        }
    }

    fn get(&self, name: &'static str) -> Result<Option<Zeroizing<String>>, VaultError> {
        match &self.place {
            Place::Keychain(k) => k.get(name),
            Place::Sealed(s) => Ok(s.get(name)),
        }
    }

    fn set(&mut self, name: &'static str, value: &str) -> Result<(), VaultError> {
        match &mut self.place {
            Place::Keychain(k) => k.set(name, value),
            Place::Sealed(s) => s.set(name, value),
        }
    }

    /// The database key; made (and kept) when `new_desk` (no encrypted database exists yet).
    pub fn database_key(&mut self, new_desk: bool) -> Result<DatabaseKey, VaultError> {
        if let Some(hex) = self.get(DATABASE_KEY)? {
            return DatabaseKey::from_hex(&hex).ok_or(VaultError::Malformed(DATABASE_KEY));
        }
        if !new_desk {
            return Err(VaultError::KeyMissing(match self.kind() {
                VaultKind::Keychain => "keychain",
                VaultKind::SealedFile => "sealed secrets file",
            }));
        }
        let key = DatabaseKey::random();
        self.set(DATABASE_KEY, &key.to_hex())?;
        Ok(key)
    }

    /// The portal credentials last kept, if any.
    pub fn portal_credentials(&self) -> Result<Option<PortalCredentials>, VaultError> {
        match self.get(PORTAL_CREDENTIALS)? {
            Some(json) => serde_json::from_str(&json).map(Some).map_err(|_| VaultError::Malformed(PORTAL_CREDENTIALS)),
            None => Ok(None),
        }
    }

    pub fn set_portal_credentials(&mut self, credentials: &PortalCredentials) -> Result<(), VaultError> {
        let json =
            Zeroizing::new(serde_json::to_string(credentials).map_err(|_| VaultError::Malformed(PORTAL_CREDENTIALS))?);
        self.set(PORTAL_CREDENTIALS, &json)
    }
}

/// A 256-bit key from a password: Argon2id with the crate's defaults (19 MiB, 2 passes),
/// OWASP's minimum for passwords.
fn derive_key(password: &str, salt: &[u8; 16]) -> Option<Zeroizing<[u8; 32]>> {
    let mut key = Zeroizing::new([0u8; 32]);
    argon2::Argon2::default().hash_password_into(password.as_bytes(), salt, key.as_mut()).ok()?;
    Some(key)
}

fn random_salt() -> [u8; 16] {
    use chacha20poly1305::aead::{OsRng, rand_core::RngCore};
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    salt
}

/// Names a desk among the keychain's entries: several desks (data dirs) may share a user's
/// keychain, each with its own database key.
fn desk_id(data_dir: &Path) -> String {
    let path = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    let digest = Sha256::digest(path.as_os_str().as_encoded_bytes());
    crate::vault::hex::encode(&digest[..8])
}
