//! The real window, backups: the manager makes an encrypted backup in the Backup tab (the page
//! says where the desk's keys are kept — here the keychain's stand-in, the sealed file), then
//! restores it: a wrong password is refused next to the field, the right one replaces the data
//! and brings back the sign-in screen.

use crate::support;

use fantoccini::Locator;
use support::Desktop;
use support::page::{element, shot, text, type_into, wait_until};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_manager_makes_an_encrypted_backup_and_restores_it_from_the_window() {
    let desk = Desktop::start().await;
    let client = desk.window().await;
    element(&client, "button.lang[lang=en]").await.click().await.expect("English");
    element(&client, "#tab-backup").await.click().await.expect("the Backup tab");

    let secrets = text(&client, "[data-testid='backup-secrets']").await;
    assert!(secrets.contains("has no system keychain") && secrets.contains("administrator's password"), "{secrets}");

    type_into(&client, "#backup-password", "backup password 2026").await;
    type_into(&client, "#backup-confirm", "backup password 2026").await;
    element(&client, "[data-testid='backup-create']").await.click().await.expect("make the backup");
    let made = text(&client, "[data-testid='backup-made']").await;
    assert!(made.contains(".sdbackup") && made.contains("orders"), "{made}");
    let backups: Vec<_> = std::fs::read_dir(desk.desk_dir().join("backups"))
        .expect("the backups folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(backups.len(), 1, "one backup file: {backups:?}");
    let folder = text(&client, "[data-testid='backup-folder']").await;
    assert!(folder.ends_with("backups"), "{folder}");
    wait_until(20, "the new backup in the list", || async {
        client.find_all(Locator::Css("[data-testid='backup-row']")).await.map(|r| r.len() == 1).unwrap_or(false)
    })
    .await;
    shot(&client, "window-backup-made.png").await;

    element(&client, "[data-testid='backup-row'] button").await.click().await.expect("choose the backup");
    type_into(&client, "#restore-password", "not the backup password").await;
    element(&client, "[data-testid='restore-confirm']").await.click().await.expect("restore");
    let refused = text(&client, "#restore-error-password").await;
    assert!(refused.contains("The password does not open this backup."), "{refused}");
    let field = element(&client, "#restore-password").await;
    assert_eq!(field.attr("aria-invalid").await.expect("attr").as_deref(), Some("true"));
    shot(&client, "window-backup-restore-refused.png").await;

    type_into(&client, "#restore-password", "backup password 2026").await;
    element(&client, "[data-testid='restore-confirm']").await.click().await.expect("restore");
    // The backup's staff came with it: whoever works next signs in again.
    element(&client, "#session-username").await;
    shot(&client, "window-backup-restored.png").await;
    let conn = support::desk_vault::raw_connection(&desk.desk_dir(), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("the desk");
    let actors: Vec<String> = conn
        .prepare("SELECT actor FROM audit_log WHERE action = 'backup_restored'")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(actors, ["manager"], "the restore is in the audit trail, by the manager");

    support::page::end(client).await;
}
