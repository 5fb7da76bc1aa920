//! Nothing sensitive in plain text on disk: the real app syncs a desk from the sandbox, a
//! courier records a delivery with a photo, the app pushes it and writes a backup — then every
//! file the desk holds (database and its write-ahead log, photos, secrets file, the app's log
//! files) and the backup are searched byte by byte for each participant's name, IIN, phone and
//! address, the portal's tokens and password, and the staff's, administrator's and backup's
//! passwords.

use crate::sync_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use desk_core::Delivery;
use desk_core::access::Role;
use sync_support::{desk_vault, staff};

const APP: &str = env!("CARGO_BIN_EXE_supplier-desk");
const BACKUP_PASSWORD: &str = "backup password 2026";

fn run(args: &[&str]) -> Output {
    Command::new(APP)
        .args(args)
        .env("RUST_LOG", "info")
        .envs(desk_vault::NO_KEYCHAIN)
        .env("SUPPLIER_DESK_USER", "manager")
        .env("SUPPLIER_DESK_USER_PASSWORD", staff::STAFF_PASSWORD)
        .env("SUPPLIER_DESK_NEW_PASSWORD", staff::STAFF_PASSWORD)
        .env("SUPPLIER_DESK_BACKUP_PASSWORD", BACKUP_PASSWORD)
        .output()
        .expect("run supplier-desk")
}

fn ok(o: Output, what: &str) -> Output {
    assert!(o.status.success(), "{what}: {}", String::from_utf8_lossy(&o.stderr));
    o
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() { files_under(&path, out) } else { out.push(path) }
    }
}

fn on_desk_orders(desk: &Path) -> u64 {
    desk_vault::open_store(desk).summary().expect("summary").orders
}

fn find(haystack: &[u8], needle: &str) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_desks_files_and_its_backup_hold_no_personal_data_or_secret_in_plain_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sync_support::sandbox(dir.path(), 31).await;
    let url = portal.url();
    let desk = dir.path().join("desk");
    let desk_arg = desk.to_str().expect("utf-8 path").to_owned();
    let backup = dir.path().join("elsewhere").join("desk.sdbackup");
    std::fs::create_dir_all(backup.parent().expect("parent")).expect("dir");
    let backup_arg = backup.to_str().expect("utf-8 path").to_owned();

    let (d, u) = (desk_arg.clone(), url.clone());
    tokio::task::spawn_blocking(move || {
        ok(run(&["staff-add", "manager", "--name", "Manager", "--role", "manager", "--data-dir", &d]), "first account");
        ok(run(&["sync", "--once", "--data-dir", &d, "--portal", &u]), "first sync");
    })
    .await
    .expect("join");

    // A courier hands over an order, with a photo whose caption names the participant.
    let order = {
        let mut store = desk_vault::open_store(&desk);
        let page = store
            .inbox(&desk_core::features::orders::views::InboxQuery {
                limit: 200,
                open_only: false,
                ..Default::default()
            })
            .expect("inbox");
        let row = page
            .rows
            .iter()
            .find(|r| matches!(r.status, desk_core::OrderStatus::Accepted | desk_core::OrderStatus::InWork))
            .expect("an accepted order in the demo data")
            .clone();
        let mut photo = b"\x89PNG\r\n\x1a\n".to_vec();
        photo.extend_from_slice(format!("tEXtComment\0{}", row.participant_name).as_bytes());
        photo.extend_from_slice(&[7u8; 200]);
        let sha = store.add_photo(&photo).expect("photo");
        let delivery = Delivery {
            order_id: row.order_id.clone(),
            delivered_on: chrono::Utc::now().date_naive(),
            place: "Қарағанды, Бұқар жырау даңғылы 5".into(),
            serial_numbers: vec!["WC-2026-0042".into()],
            notes: String::new(),
            items: vec![],
            received_by: None,
        };
        let courier = staff::staff_member(&mut store, Role::Courier);
        store.record_delivery_with_photos(&courier, &delivery, &[sha]).expect("delivery");
        row
    };
    let (d, u, b) = (desk_arg.clone(), url.clone(), backup_arg.clone());
    tokio::task::spawn_blocking(move || {
        ok(run(&["sync", "--once", "--data-dir", &d, "--portal", &u]), "the delivery pushed");
        ok(run(&["backup", &b, "--data-dir", &d]), "backup");
        ok(run(&["audit-export", "-", "--data-dir", &d]), "audit export");
    })
    .await
    .expect("join");
    let pushed = portal.state().await.expect("state").mutations;
    assert!(
        pushed.iter().any(|m| matches!(&m.body, portal_api::MutationBody::RecordDelivery { order_id, .. } if *order_id == order.order_id)),
        "the delivery reached the portal"
    );

    // What must not be found: every participant of the desk's orders, as the portal holds them,
    // and every secret that passed through.
    let sandbox_db = rusqlite::Connection::open_with_flags(
        dir.path().join("portal").join("portal.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("the sandbox's database");
    let on_desk: std::collections::HashSet<String> = {
        let store = desk_vault::open_store(&desk);
        store
            .inbox(&desk_core::features::orders::views::InboxQuery {
                limit: 1000,
                open_only: false,
                ..Default::default()
            })
            .expect("inbox")
            .rows
            .into_iter()
            .map(|r| r.participant_name)
            .collect()
    };
    let mut secrets: Vec<(String, String)> = Vec::new();
    let mut stmt = sandbox_db.prepare("SELECT full_name, iin, phone, address FROM participant").expect("participants");
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })
        .expect("query");
    let mut participants = 0;
    for row in rows {
        let (name, iin, phone, address) = row.expect("row");
        if on_desk.contains(&name) {
            participants += 1;
            secrets.extend([
                ("name".into(), name),
                ("IIN".into(), iin),
                ("phone".into(), phone),
                ("address".into(), address),
            ]);
        }
    }
    assert!(participants >= 10, "the desk holds the orders of many participants ({participants})");
    let mut tokens = sandbox_db.prepare("SELECT token FROM token").expect("tokens");
    let tokens: Vec<String> =
        tokens.query_map([], |r| r.get(0)).expect("query").collect::<Result<_, _>>().expect("rows");
    assert!(tokens.len() >= 2, "the app signed in to the portal at each sync");
    secrets.extend(tokens.into_iter().map(|t| ("portal token".to_owned(), t)));
    for (what, secret) in [
        ("portal password", portal_sandbox::demo::SUPPLIER_PASSWORD),
        ("staff password", staff::STAFF_PASSWORD),
        ("administrator's password", desk_vault::ADMIN_PASSWORD),
        ("backup password", BACKUP_PASSWORD),
    ] {
        secrets.push((what.to_owned(), secret.to_owned()));
    }

    // The search finds such values where they are in plain text: in the portal's own
    // (unencrypted) database files.
    let mut portal_bytes = Vec::new();
    for name in ["portal.sqlite", "portal.sqlite-wal"] {
        portal_bytes.extend(std::fs::read(dir.path().join("portal").join(name)).unwrap_or_default());
    }
    let found = secrets.iter().filter(|(what, s)| what == "name" && find(&portal_bytes, s)).count();
    assert!(found >= 10, "the search finds participants' names in a plain SQLite file ({found})");

    let mut files = Vec::new();
    files_under(&desk, &mut files);
    files.push(backup.clone());
    let names: Vec<String> =
        files.iter().map(|f| f.strip_prefix(dir.path()).unwrap_or(f).display().to_string()).collect();
    for wanted in ["desk/desk.sqlite", "desk/secrets.sealed", "elsewhere/desk.sdbackup"] {
        assert!(names.iter().any(|n| n == wanted), "{wanted} is among the files searched: {names:?}");
    }
    assert!(names.iter().any(|n| n.starts_with("desk/attachments/")), "the photo is among them: {names:?}");
    assert!(
        names.iter().any(|n| n.starts_with("desk/logs/supplier-desk.") && n.ends_with(".log")),
        "the log file is among them: {names:?}"
    );
    let mut bytes_searched = 0;
    for file in &files {
        let bytes = std::fs::read(file).expect("read");
        bytes_searched += bytes.len();
        for (what, secret) in &secrets {
            assert!(!find(&bytes, secret), "{} holds a {what} in plain text", file.display());
        }
    }
    // The backup restores onto another desk (another key) from the command line; with a wrong
    // password it is refused with a message and a non-zero exit, and nothing changes.
    let other = dir.path().join("other-desk");
    let other_arg = other.to_str().expect("utf-8 path").to_owned();
    let (o, b) = (other_arg.clone(), backup_arg.clone());
    let (wrong, restored, status) = tokio::task::spawn_blocking(move || {
        ok(
            run(&["staff-add", "manager", "--name", "Manager", "--role", "manager", "--data-dir", &o]),
            "first account there",
        );
        let wrong = Command::new(APP)
            .args(["restore", &b, "--data-dir", &o])
            .envs(desk_vault::NO_KEYCHAIN)
            .env("SUPPLIER_DESK_USER", "manager")
            .env("SUPPLIER_DESK_USER_PASSWORD", staff::STAFF_PASSWORD)
            .env("SUPPLIER_DESK_BACKUP_PASSWORD", "not the backup password")
            .output()
            .expect("run");
        let restored = ok(run(&["restore", &b, "--data-dir", &o]), "restore");
        let status = ok(run(&["status", "--data-dir", &o]), "status");
        (wrong, restored, status)
    })
    .await
    .expect("join");
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("the password does not open this backup"),
        "{}",
        String::from_utf8_lossy(&wrong.stderr)
    );
    assert!(String::from_utf8_lossy(&restored.stdout).starts_with("restored the backup of "));
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).expect("status JSON");
    assert_eq!(status["orders"].as_u64(), Some(on_desk_orders(&desk)), "every order came back");

    println!(
        "searched {} files ({bytes_searched} bytes) for {} personal values and secrets: none found",
        files.len(),
        secrets.len()
    );
}
