//! Encrypted backups of the whole store and their restore, on real SQLCipher files: a manager's
//! only; nothing readable in the file without its password; a restore brings back every order,
//! staff account and photo onto another desk (another key), and is refused with nothing changed
//! for a wrong password, a file that is not a backup, or changes still waiting for the portal.

mod common;

use common::staff::{actor, staff_member};
use common::{order, page};
use desk_core::access::Role;
use desk_core::features::backup::{BackupError, BackupProgress, BackupStage};
use desk_core::vault::Vault;
use desk_core::{OrderStatus, Store};

const PASSWORD: &str = "backup password 2026";
const NAME: &str = "Айгүл Серікқызы Нұрланова";

fn encrypted_store(dir: &std::path::Path) -> Store {
    let key = Vault::sealed(dir, "administrator password").expect("vault").database_key(true).expect("key");
    Store::open_encrypted(&dir.join("desk.sqlite"), &key).expect("open")
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn png(tag: u8) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(format!("tEXtComment\0{NAME}").as_bytes());
    png.extend(std::iter::repeat_n(tag, 300));
    png
}

#[test]
fn a_backup_is_a_managers_is_unreadable_without_its_password_and_restores_whole_elsewhere() {
    let here = tempfile::tempdir().expect("temp dir");
    let mut store = encrypted_store(here.path());
    store
        .apply_page(page(vec![order("a", OrderStatus::Placed, 20), order("b", OrderStatus::Paid, 2)], 1))
        .expect("apply");
    let manager = staff_member(&mut store, Role::Manager);
    let photos = [store.add_photo(&png(1)).expect("photo"), store.add_photo(&png(2)).expect("photo")];
    let file = here.path().join("desk.backup");

    // Not an office clerk's, and not with a short password: nothing written either way.
    let mut ignore = |_: BackupProgress| {};
    let office = store.create_backup(&actor(Role::Office), &file, PASSWORD, &mut ignore).expect_err("refused");
    assert!(matches!(office, BackupError::Forbidden(_)), "{office}");
    let short = store.create_backup(&manager, &file, "short", &mut ignore).expect_err("refused");
    assert_eq!(short.to_string(), "the backup password must be at least 10 characters");
    assert!(!file.exists());

    let mut seen = Vec::new();
    let summary = store.create_backup(&manager, &file, PASSWORD, &mut |p| seen.push(p)).expect("backup");
    assert_eq!((summary.orders, summary.photos), (2, 2));
    let last_db = seen.iter().rev().find(|p| p.stage == BackupStage::Database).expect("database progress");
    assert!(last_db.total > 0 && last_db.done == last_db.total, "the database's pages all copied: {last_db:?}");
    assert_eq!(seen.iter().filter(|p| p.stage == BackupStage::Photos).count(), 2, "one step per photo");
    let trail = store
        .audit_page(&manager, &desk_core::features::audit::AuditQuery { limit: 10, ..Default::default() })
        .expect("audit");
    assert_eq!(trail.rows[0].action, "backup_created", "the backup is in the audit trail, by its maker");
    assert_eq!(trail.rows[0].actor, "manager");
    let bytes = std::fs::read(&file).expect("the backup");
    assert!(!contains(&bytes, NAME), "the participant's name is not in the backup's bytes");
    assert!(!contains(&bytes, "SQLite format 3"), "no plain database inside");
    assert!(!bytes.windows(8).any(|w| w == b"\x89PNG\r\n\x1a\n"), "no plain photo inside");

    // Another desk, with its own key: wrong password first — refused, nothing changed.
    let there = tempfile::tempdir().expect("temp dir");
    let mut other = encrypted_store(there.path());
    let other_manager = staff_member(&mut other, Role::Manager);
    let wrong = other.restore_backup(&other_manager, &file, "not the password!", &mut ignore).expect_err("refused");
    assert!(matches!(wrong, BackupError::WrongPassword), "{wrong}");
    assert_eq!(other.summary().expect("summary").orders, 0);
    let courier = other.restore_backup(&actor(Role::Courier), &file, PASSWORD, &mut ignore).expect_err("refused");
    assert!(matches!(courier, BackupError::Forbidden(_)), "{courier}");
    let junk = there.path().join("junk.backup");
    std::fs::write(&junk, b"not a tar archive at all").expect("write");
    let not_backup = other.restore_backup(&other_manager, &junk, PASSWORD, &mut ignore).expect_err("refused");
    assert!(matches!(not_backup, BackupError::NotABackup(..)), "{not_backup}");

    let restored = other.restore_backup(&other_manager, &file, PASSWORD, &mut ignore).expect("restore");
    assert_eq!((restored.orders, restored.photos), (2, 2));
    assert_eq!(other.summary().expect("summary").orders, 2, "every order is back");
    for (sha, tag) in photos.iter().zip([1, 2]) {
        assert_eq!(other.photo_bytes(sha).expect("photo").0, png(tag), "photo {sha} is back whole");
    }
    // The backup's staff came with it: its manager signs in there now.
    let back = staff_member(&mut other, Role::Manager);
    let trail = other
        .audit_page(&back, &desk_core::features::audit::AuditQuery { limit: 100, ..Default::default() })
        .expect("audit");
    assert!(trail.rows.iter().any(|r| r.action == "backup_restored"), "the restore is in the audit trail");
    drop(other);
    // The restored desk's files are still encrypted, under that desk's own key.
    for entry in std::fs::read_dir(there.path().join("attachments")).expect("photos") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("read");
        assert!(!contains(&bytes, NAME));
    }
    let db = std::fs::read(there.path().join("desk.sqlite")).expect("db");
    assert!(!contains(&db, NAME));
    assert!(encrypted_store(there.path()).summary().expect("reopens").orders == 2);
}

#[test]
fn a_restore_waits_while_changes_have_not_reached_the_portal() {
    let here = tempfile::tempdir().expect("temp dir");
    let mut store = encrypted_store(here.path());
    store.apply_page(page(vec![order("a", OrderStatus::Placed, 20)], 1)).expect("apply");
    let manager = staff_member(&mut store, Role::Manager);
    let file = here.path().join("desk.backup");
    store.create_backup(&manager, &file, PASSWORD, &mut |_| {}).expect("backup");

    store.accept_order(&actor(Role::Office), "a").expect("an action waiting for the portal");
    let refused = store.restore_backup(&manager, &file, PASSWORD, &mut |_| {}).expect_err("refused");
    assert_eq!(
        refused.to_string(),
        "1 changes made on this desk have not reached the portal yet and would be lost; sync first, then restore"
    );
    assert_eq!(store.summary().expect("summary").pending_mutations, 1, "the waiting change is still there");
}
