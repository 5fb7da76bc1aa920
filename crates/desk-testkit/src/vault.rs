//! The desk's secrets in the app-level tests: the app runs without a keychain there (a test
//! must not write into the keychain of whoever runs it, and CI has none), so it keeps them in
//! the sealed file with the administrator's password below. Tests that look into a desk the
//! app made open its database with the key from that file. (`tests/window/keychain.rs` runs the app
//! against a real Secret Service.)

use std::path::Path;

use desk_core::Store;
use desk_core::vault::Vault;

/// The administrator's password of every desk the tests make.
pub const ADMIN_PASSWORD: &str = "test administrator password";

/// The environment under which the app keeps its secrets in the sealed file: the
/// administrator's password, and a session bus address where no keychain can answer.
pub const NO_KEYCHAIN: [(&str, &str); 2] = [
    ("SUPPLIER_DESK_ADMIN_PASSWORD", ADMIN_PASSWORD),
    ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/no-keychain-here"),
];

/// The store of the desk in `data_dir`, opened as the app opens it (made if it is not there;
/// the app then finds its vault).
pub fn open_store(data_dir: &Path) -> Store {
    std::fs::create_dir_all(data_dir).expect("the desk's data dir");
    let path = data_dir.join("desk.sqlite");
    let new_desk = !desk_core::kernel::at_rest::is_encrypted(&path).expect("the database file");
    let key =
        Vault::sealed(data_dir, ADMIN_PASSWORD).expect("the desk's vault").database_key(new_desk).expect("its key");
    Store::open_encrypted(&path, &key).expect("the desk's store")
}

/// A plain SQLite connection to the database of a desk the app made, keyed; an error while
/// the app has not made its vault yet.
pub fn raw_connection(data_dir: &Path, flags: rusqlite::OpenFlags) -> rusqlite::Result<rusqlite::Connection> {
    if !data_dir.join(desk_core::vault::SEALED_FILE).exists() {
        return Err(rusqlite::Error::InvalidPath(data_dir.join(desk_core::vault::SEALED_FILE)));
    }
    let key = Vault::sealed(data_dir, ADMIN_PASSWORD).expect("the desk's vault").database_key(false).expect("its key");
    let conn = rusqlite::Connection::open_with_flags(data_dir.join("desk.sqlite"), flags)?;
    conn.pragma_update(None, "key", key.pragma_value().as_str())?;
    Ok(conn)
}
