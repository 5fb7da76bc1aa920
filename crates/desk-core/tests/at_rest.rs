//! Personal data at rest: the desk's database encrypted with SQLCipher under a key from the
//! vault, and the vault's stand-in for computers without a keychain (a file sealed with the
//! administrator's password). Real SQLite files; the raw bytes are searched.

mod common;

use common::{order, page};
use desk_core::vault::{PortalCredentials, SEALED_FILE, Vault, VaultError, VaultKind};
use desk_core::{OrderStatus, Store};

const ADMIN: &str = "administrator's long password";
/// What the common fixture's participant is called, lives and is reached at.
const PERSONAL: [&str; 3] = ["Айгүл Серікқызы Нұрланова", "Абай даңғылы", "+7 701 000 00 00"];

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Every file the database is kept in (the main file and its write-ahead log).
fn database_bytes(dir: &tempfile::TempDir) -> Vec<u8> {
    let mut bytes = Vec::new();
    for name in ["desk.sqlite", "desk.sqlite-wal"] {
        if let Ok(b) = std::fs::read(dir.path().join(name)) {
            bytes.extend(b);
        }
    }
    bytes
}

fn orders(store: &Store) -> u64 {
    store.summary().expect("summary").orders
}

#[test]
fn the_database_is_encrypted_and_opens_only_with_its_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut vault = Vault::sealed(dir.path(), ADMIN).expect("a sealed vault");
    let key = vault.database_key(true).expect("key");
    let path = dir.path().join("desk.sqlite");
    {
        let mut store = Store::open_encrypted(&path, &key).expect("open encrypted");
        store
            .apply_page(page(vec![order("a", OrderStatus::Placed, 20), order("b", OrderStatus::Paid, 2)], 1))
            .expect("apply");
        // The plain-text twin of the same data holds the names: the search below can find them.
        let plain_dir = tempfile::tempdir().expect("temp dir");
        let mut plain = Store::open(&plain_dir.path().join("desk.sqlite")).expect("plain");
        plain.apply_page(page(vec![order("a", OrderStatus::Placed, 20)], 1)).expect("apply");
        drop(plain);
        let plain_bytes = database_bytes(&plain_dir);
        assert!(PERSONAL.iter().all(|p| contains(&plain_bytes, p)), "the search finds the data in a plain file");

        let bytes = database_bytes(&dir);
        assert!(bytes.len() > 4096, "the database was written");
        for p in PERSONAL {
            assert!(!contains(&bytes, p), "{p:?} is not in the encrypted database's bytes");
        }
        assert_ne!(&bytes[..16], b"SQLite format 3\0", "no plain SQLite header");
        assert_eq!(orders(&store), 2);
    }

    // The same key from the vault, reopened with the administrator's password, opens it again.
    let mut reopened = Vault::sealed(dir.path(), ADMIN).expect("reopen the vault");
    let same = reopened.database_key(false).expect("key again");
    assert_eq!(orders(&Store::open_encrypted(&path, &same).expect("reopen")), 2);

    // Another key does not, and neither does plain SQLite.
    let other_dir = tempfile::tempdir().expect("temp dir");
    let other = Vault::sealed(other_dir.path(), ADMIN).expect("vault").database_key(true).expect("key");
    assert!(matches!(Store::open_encrypted(&path, &other), Err(desk_core::kernel::store::StoreError::WrongKey)));
    assert!(Store::open(&path).is_err(), "plain SQLite cannot read it");
}

#[test]
fn a_desk_kept_in_plain_sqlite_is_encrypted_whole_on_its_first_keyed_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("desk.sqlite");
    {
        let mut plain = Store::open(&path).expect("plain");
        plain
            .apply_page(page(vec![order("a", OrderStatus::Placed, 20), order("c", OrderStatus::InWork, 3)], 1))
            .expect("apply");
        assert_eq!(orders(&plain), 2);
    }
    assert!(PERSONAL.iter().all(|p| contains(&database_bytes(&dir), p)));

    let key = Vault::sealed(dir.path(), ADMIN).expect("vault").database_key(true).expect("key");
    let store = Store::open_encrypted(&path, &key).expect("encrypt and open");
    assert_eq!(orders(&store), 2, "every order came along");
    assert_eq!(store.summary().expect("summary").cursor, 5, "and the feed's cursor");
    drop(store);
    let bytes = database_bytes(&dir);
    for p in PERSONAL {
        assert!(!contains(&bytes, p), "{p:?} is gone from the database's bytes after the encryption");
    }
    assert!(!dir.path().join("desk.sqlite.encrypting").exists(), "no copy left behind");
    // Opening again does not encrypt twice.
    assert_eq!(orders(&Store::open_encrypted(&path, &key).expect("open again")), 2);
}

#[test]
fn the_sealed_file_keeps_the_secrets_for_the_administrators_password_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let credentials = PortalCredentials { bin: "123456789012".into(), password: "portal secret 42!".into() };
    let key_hex;
    {
        let mut vault = Vault::sealed(dir.path(), ADMIN).expect("vault");
        assert_eq!(vault.kind(), VaultKind::SealedFile);
        assert!(vault.portal_credentials().expect("read").is_none());
        vault.set_portal_credentials(&credentials).expect("keep credentials");
        key_hex = format!("{:?}", vault.database_key(true).expect("key"));
    }
    let file = std::fs::read(dir.path().join(SEALED_FILE)).expect("the sealed file");
    assert!(!contains(&file, &credentials.password), "the portal password is not in the file's bytes");
    assert!(!contains(&file, &credentials.bin), "nor the BIN");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join(SEALED_FILE)).expect("meta").permissions().mode();
        assert_eq!(mode & 0o077, 0, "readable by its owner only");
    }
    assert_eq!(key_hex, "DatabaseKey(…)", "a key never prints");

    let vault = Vault::sealed(dir.path(), ADMIN).expect("reopen");
    let back = vault.portal_credentials().expect("read").expect("kept");
    assert_eq!((back.bin.as_str(), back.password.as_str()), (credentials.bin.as_str(), credentials.password.as_str()));

    assert!(matches!(Vault::sealed(dir.path(), "not the administrator's"), Err(VaultError::WrongPassword)));
    // A changed byte fails the seal's check like a wrong password: nothing unchecked is read.
    let mut tampered = file.clone();
    let at = tampered.len() - 10;
    tampered[at] = if tampered[at] == b'0' { b'1' } else { b'0' };
    std::fs::write(dir.path().join(SEALED_FILE), &tampered).expect("tamper");
    assert!(matches!(Vault::sealed(dir.path(), ADMIN), Err(VaultError::WrongPassword | VaultError::Damaged { .. })));
    std::fs::write(dir.path().join(SEALED_FILE), b"{not json").expect("damage");
    let damaged = Vault::sealed(dir.path(), ADMIN).err().expect("refused");
    assert!(matches!(damaged, VaultError::Damaged { .. }), "{damaged}");
}

#[test]
fn a_new_sealed_file_wants_a_long_enough_password_and_a_desk_without_keychain_asks_for_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let short = Vault::sealed(dir.path(), "short").err().expect("refused");
    assert_eq!(short.to_string(), "the administrator's password must be at least 10 characters");
    assert!(!dir.path().join(SEALED_FILE).exists(), "nothing written");

    // A desk whose secrets are in a sealed file keeps using it, and needs the password.
    Vault::sealed(dir.path(), ADMIN).expect("vault");
    let asked = Vault::open(dir.path(), None, false).err().expect("the password is asked for");
    assert!(matches!(asked, VaultError::PasswordRequired(_)), "{asked}");
    assert!(asked.to_string().contains("SUPPLIER_DESK_ADMIN_PASSWORD"), "{asked}");
    assert_eq!(Vault::open(dir.path(), Some(ADMIN), false).expect("open").kind(), VaultKind::SealedFile);
}

#[test]
fn a_key_that_is_not_in_the_vault_is_not_made_up_for_an_existing_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut vault = Vault::sealed(dir.path(), ADMIN).expect("vault");
    // An encrypted database exists (new_desk = false) but its key is not here: an error that
    // says so, and no new key that would not open it.
    let missing = vault.database_key(false).expect_err("refused");
    assert!(matches!(missing, VaultError::KeyMissing(_)), "{missing}");
    let made = format!("{:?}", vault.database_key(true).expect("a new desk's key"));
    assert_eq!(made, "DatabaseKey(…)");
}

/// A small PNG whose text chunk names the participant (as a phone's photo may carry a caption).
fn png_naming(name: &str) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(format!("tEXtComment\0{name}").as_bytes());
    png.extend_from_slice(&[0u8; 64]);
    png
}

fn photo_files(dir: &tempfile::TempDir) -> Vec<Vec<u8>> {
    std::fs::read_dir(dir.path().join("attachments"))
        .expect("the photos' dir")
        .map(|e| std::fs::read(e.expect("entry").path()).expect("read"))
        .collect()
}

#[test]
fn photos_are_kept_encrypted_and_read_back_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("desk.sqlite");
    // A photo kept before the desk's data was encrypted…
    let before = png_naming(PERSONAL[0]);
    let old_sha = Store::open(&path).expect("plain").add_photo(&before).expect("a photo in a plain file");
    assert!(photo_files(&dir).iter().any(|f| contains(f, PERSONAL[0])), "the search finds it in a plain file");

    let mut vault = Vault::sealed(dir.path(), ADMIN).expect("vault");
    let key = vault.database_key(true).expect("key");
    let mut store = Store::open_encrypted(&path, &key).expect("encrypt and open");
    // …and one kept after.
    let after = png_naming(PERSONAL[1]);
    let new_sha = store.add_photo(&after).expect("a photo");
    let files = photo_files(&dir);
    assert_eq!(files.len(), 2);
    for f in &files {
        assert!(PERSONAL.iter().all(|p| !contains(f, p)), "no photo file holds the names in plain text");
        assert!(!f.starts_with(b"\x89PNG"), "no photo file is a plain image");
    }
    assert_eq!(store.photo_bytes(&old_sha).expect("read").0, before, "the old photo reads back whole");
    assert_eq!(store.photo_bytes(&new_sha).expect("read").0, after, "the new one too");

    // A changed byte on disk fails the check instead of showing something else.
    let file = dir.path().join("attachments").join(&new_sha);
    let mut stored = std::fs::read(&file).expect("read");
    let last = stored.len() - 1;
    stored[last] ^= 1;
    std::fs::write(&file, &stored).expect("tamper");
    let refused = store.photo_bytes(&new_sha).expect_err("refused");
    assert!(refused.to_string().contains("integrity check"), "{refused}");
    // A photo file put under another photo's name fails it too (each is bound to its name).
    std::fs::copy(dir.path().join("attachments").join(&old_sha), &file).expect("swap");
    assert!(store.photo_bytes(&new_sha).is_err(), "a swapped file is refused");
}
