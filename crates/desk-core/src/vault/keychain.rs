//! The operating system's keychain through the keyring crate: Secret Service on Linux (GNOME
//! Keyring, KWallet), the Keychain on macOS, the Credential Manager on Windows.

use zeroize::Zeroizing;

use super::VaultError;

/// The service name of the desk's entries in the keychain.
const SERVICE: &str = "Supplier Desk";

pub(super) struct Keychain {
    desk: String,
}

/// Why no keychain can be used here.
pub(super) struct Unavailable(pub String);

impl Keychain {
    /// The keychain, if one answers: reads the desk's database key entry (absent is fine).
    pub(super) fn probe(desk: &str) -> Result<Keychain, Unavailable> {
        let keychain = Keychain { desk: desk.to_owned() };
        match keychain.entry(super::DATABASE_KEY).and_then(|e| e.get_password()) {
            Ok(_) | Err(keyring::Error::NoEntry) => Ok(keychain),
            Err(e) => Err(Unavailable(e.to_string())),
        }
    }

    fn entry(&self, name: &str) -> Result<keyring::Entry, keyring::Error> {
        keyring::Entry::new(SERVICE, &format!("{name} {}", self.desk))
    }

    pub(super) fn get(&self, name: &'static str) -> Result<Option<Zeroizing<String>>, VaultError> {
        match self.entry(name).and_then(|e| e.get_password()) {
            Ok(value) => Ok(Some(Zeroizing::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(VaultError::Keychain(e.to_string())),
        }
    }

    pub(super) fn set(&self, name: &'static str, value: &str) -> Result<(), VaultError> {
        self.entry(name).and_then(|e| e.set_password(value)).map_err(|e| VaultError::Keychain(e.to_string()))
    }
}
