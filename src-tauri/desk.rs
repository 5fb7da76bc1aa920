//! Opening a desk: its vault (the keychain, or the sealed file with the administrator's
//! password where there is none), then its encrypted database with the vault's key. Shared by
//! the window and the headless commands.

use std::path::Path;

use desk_core::Store;
use desk_core::vault::{Vault, VaultError};

use crate::cli::Cli;

/// The name of the database file inside the data dir.
pub const DATABASE_FILE: &str = "desk.sqlite";

#[derive(Debug, thiserror::Error)]
pub enum OpenDeskError {
    #[error("cannot open the desk's secrets: {0}")]
    Vault(#[from] VaultError),
    #[error("cannot open the local database: {0}")]
    Store(#[from] desk_core::StoreError),
}

/// The vault and the store of the desk in `data_dir` (which exists).
pub fn open(cli: &Cli, data_dir: &Path) -> Result<(Vault, Store), OpenDeskError> {
    let path = data_dir.join(DATABASE_FILE);
    let new_desk = !desk_core::kernel::at_rest::is_encrypted(&path)?;
    let mut vault = Vault::open(data_dir, cli.admin_password.as_deref(), new_desk)?;
    tracing::info!(secrets = ?vault.kind(), "the desk's secrets are open");
    let key = vault.database_key(new_desk)?;
    let store = Store::open_encrypted(&path, &key)?;
    Ok((vault, store))
}
