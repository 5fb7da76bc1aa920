//! The operating system's keychain through the keyring crate: Secret Service on Linux (GNOME
//! Keyring, KWallet), the Keychain on macOS, the Credential Manager on Windows.

use zeroize::Zeroizing;

use super::VaultError;

/// The service name of the desk's entries in the keychain.
const SERVICE: &str = "Supplier Desk";

pub(super) struct Keychain {
    desk: String,
    /// The database key entry as the probe read it: each Secret Service lookup is a D-Bus round
    /// trip with its own session key exchange (about 15 ms), made on the start-up path.
    database_key: Option<Zeroizing<String>>,
}

/// Why no keychain can be used here.
pub(super) struct Unavailable(pub String);

impl Keychain {
    /// The keychain, if one answers: reads the desk's database key entry (absent is fine).
    pub(super) fn probe(desk: &str) -> Result<Keychain, Unavailable> {
        let mut keychain = Keychain { desk: desk.to_owned(), database_key: None };
        match keychain.entry(super::DATABASE_KEY).and_then(|e| e.get_password()) {
            Ok(key) => {
                keychain.database_key = Some(Zeroizing::new(key));
                Ok(keychain)
            }
            Err(keyring::Error::NoEntry) => Ok(keychain),
            Err(e) => Err(Unavailable(e.to_string())),
        }
    }

    fn entry(&self, name: &str) -> Result<keyring::Entry, keyring::Error> {
        keyring::Entry::new(SERVICE, &format!("{name} {}", self.desk))
    }

    pub(super) fn get(&self, name: &'static str) -> Result<Option<Zeroizing<String>>, VaultError> {
        if name == super::DATABASE_KEY
            && let Some(key) = &self.database_key
        {
            return Ok(Some(key.clone()));
        }
        match self.entry(name).and_then(|e| e.get_password()) {
            Ok(value) => Ok(Some(Zeroizing::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(VaultError::Keychain(e.to_string())),
        }
    }

    pub(super) fn set(&mut self, name: &'static str, value: &str) -> Result<(), VaultError> {
        self.entry(name).and_then(|e| e.set_password(value)).map_err(|e| VaultError::Keychain(e.to_string()))?;
        if name == super::DATABASE_KEY {
            self.database_key = Some(Zeroizing::new(value.to_owned()));
        }
        Ok(())
    }
}
