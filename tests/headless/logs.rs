//! The log file, from the real binary run headless against a real sandbox: it is written to
//! `logs/` in the data dir under the rotating name `supplier-desk.YYYY-MM-DD.log`, keeps at most
//! 14 files, records what happened (sync rounds, sign-in to the portal, each command and whether
//! it succeeded), and holds none of what the run handled that names a person or opens a door:
//! the participants the sandbox holds (names, IINs, phones, addresses), the supplier's BIN and
//! portal password, the bearer tokens the sandbox issued, the staff passwords, a password typed
//! into the user field, a staff member's name, the administrator's and the backup's passwords,
//! and a password and token in a portal URL.

use crate::sync_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use portal_sandbox::demo;

const APP: &str = env!("CARGO_BIN_EXE_supplier-desk");

const MANAGER_NAME: &str = "Гүлнар Есенқызы";
const MANAGER_PASSWORD: &str = "orman-kulpy-7319";
/// A staff password mistyped at sign-in.
const WRONG_STAFF_PASSWORD: &str = "qate-kupiya-4402";
const WRONG_PORTAL_PASSWORD: &str = "portal-qate-5581";
const BACKUP_PASSWORD: &str = "saqtau-kupiya-8815";
const WRONG_BACKUP_PASSWORD: &str = "saqtau-qate-2240";
/// A password and a token in a portal address.
const URL_PASSWORD: &str = "url-kupiya-6627";
const URL_TOKEN: &str = "url-token-9903";
/// How many log files the app keeps (`logging::KEEP_FILES`).
const KEEP_FILES: usize = 14;

/// Runs the app on `data` with the default log filter, as a desk runs.
fn run(data: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(APP)
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env_remove("RUST_LOG")
        .envs(sync_support::desk_vault::NO_KEYCHAIN)
        .envs(env.iter().copied())
        .output()
        .expect("run supplier-desk")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Whether `needle` occurs in `haystack`, byte for byte.
fn holds(haystack: &[u8], needle: &str) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// A participant as the sandbox keeps them.
struct Person {
    iin: String,
    full_name: String,
    phone: String,
    address: String,
}

/// Every participant in the sandbox's database, and how many of them the demo supplier's
/// orders name (what the desk was served).
fn participants(portal_db: &Path) -> (Vec<Person>, i64) {
    let conn = rusqlite::Connection::open(portal_db).expect("open the sandbox's database");
    let mut stmt = conn.prepare("SELECT iin, full_name, phone, address FROM participant").expect("prepare");
    let people = stmt
        .query_map([], |r| Ok(Person { iin: r.get(0)?, full_name: r.get(1)?, phone: r.get(2)?, address: r.get(3)? }))
        .expect("participants")
        .collect::<Result<Vec<_>, _>>()
        .expect("read participants");
    let served: i64 = conn
        .query_row(
            "SELECT COUNT(DISTINCT o.participant_id) FROM orders o JOIN supplier s ON s.id = o.supplier_id WHERE s.bin = ?1",
            [demo::SUPPLIER_BIN],
            |r| r.get(0),
        )
        .expect("served participants");
    (people, served)
}

/// The bearer tokens the sandbox issued.
fn tokens(portal_db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(portal_db).expect("open the sandbox's database");
    let mut stmt = conn.prepare("SELECT token FROM token").expect("prepare");
    stmt.query_map([], |r| r.get(0)).expect("tokens").collect::<Result<Vec<_>, _>>().expect("read tokens")
}

/// Whether `name` is a log file's: `supplier-desk.YYYY-MM-DD.log`.
fn is_log_file(name: &str) -> bool {
    let Some(date) = name.strip_prefix("supplier-desk.").and_then(|rest| rest.strip_suffix(".log")) else {
        return false;
    };
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok() && date.len() == 10
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_file_records_what_happened_and_names_no_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sync_support::sandbox(dir.path(), 41).await;
    let portal_db = dir.path().join("portal").join("portal.sqlite");
    let url = portal.url();
    let data = dir.path().join("desk");
    let logs = data.join("logs");

    // Twenty daily files from an old run and a file of someone else's: the oldest of the app's
    // files go when it starts a new one, the other file stays.
    std::fs::create_dir_all(&logs).expect("logs dir");
    for day in 1..=20 {
        std::fs::write(logs.join(format!("supplier-desk.2020-01-{day:02}.log")), "old\n").expect("old log");
    }
    std::fs::write(logs.join("notes.txt"), "keep me\n").expect("notes");

    let (people, served) = participants(&portal_db);
    assert!(served > 0 && people.len() as i64 >= served, "the demo supplier's orders name participants");
    let person = &people[0];

    let csv = dir.path().join("offerings.csv");
    // A row someone filled with a participant's details: the import refuses it and says why.
    std::fs::write(
        &csv,
        format!(
            "classifier_code,price,stock,regions,warranty_months,published,description\n\
             TSR-01-001,{},1,KZ-ALA,24,true,{} {}\n",
            person.full_name, person.iin, person.phone
        ),
    )
    .expect("write csv");
    let csv = csv.to_str().expect("utf-8 path");
    let as_manager = [("SUPPLIER_DESK_USER", "manager"), ("SUPPLIER_DESK_USER_PASSWORD", MANAGER_PASSWORD)];

    let made = run(
        &data,
        &["staff-add", "manager", "--name", MANAGER_NAME, "--role", "manager"],
        &[("SUPPLIER_DESK_NEW_PASSWORD", MANAGER_PASSWORD)],
    );
    assert!(made.status.success(), "{}", stderr(&made));

    // The sandbox serves from this runtime: the app runs on a blocking thread meanwhile.
    let synced = tokio::task::spawn_blocking({
        let (data, url) = (data.clone(), url.clone());
        move || {
            let ok = run(&data, &["sync", "--once", "--portal", &url], &[]);
            let refused = run(&data, &["sync", "--once", "--portal", &url, "--password", WRONG_PORTAL_PASSWORD], &[]);
            (ok, refused)
        }
    })
    .await
    .expect("join");
    assert!(synced.0.status.success(), "{}", stderr(&synced.0));
    assert!(!synced.1.status.success(), "a wrong portal password is refused");

    let with_secrets = format!("http://desk:{URL_PASSWORD}@127.0.0.1:9/?token={URL_TOKEN}");
    let unreachable = run(&data, &["sync", "--once", "--portal", &with_secrets], &[]);
    assert!(!unreachable.status.success(), "port 9 does not answer");

    let wrong_password = run(
        &data,
        &["offerings-export", "-"],
        &[("SUPPLIER_DESK_USER", "manager"), ("SUPPLIER_DESK_USER_PASSWORD", WRONG_STAFF_PASSWORD)],
    );
    assert_eq!(wrong_password.status.code(), Some(1), "{}", stderr(&wrong_password));
    // The password typed into the user field, and a guess into the password field.
    let password_as_user = run(
        &data,
        &["offerings-export", "-"],
        &[("SUPPLIER_DESK_USER", MANAGER_PASSWORD), ("SUPPLIER_DESK_USER_PASSWORD", WRONG_STAFF_PASSWORD)],
    );
    assert_eq!(password_as_user.status.code(), Some(1), "{}", stderr(&password_as_user));
    let exported = run(&data, &["offerings-export", "-"], &as_manager);
    assert!(exported.status.success(), "{}", stderr(&exported));

    let refused_import = run(&data, &["offerings-import", csv], &as_manager);
    assert_eq!(refused_import.status.code(), Some(1), "{}", stderr(&refused_import));
    assert!(
        stderr(&refused_import).contains(&person.full_name),
        "the person at the desk is told which value is wrong: {}",
        stderr(&refused_import)
    );
    let backup = dir.path().join("desk.backup");
    let backup = backup.to_str().expect("utf-8 path");
    let backed_up = run(
        &data,
        &["backup", backup],
        &[as_manager[0], as_manager[1], ("SUPPLIER_DESK_BACKUP_PASSWORD", BACKUP_PASSWORD)],
    );
    assert!(backed_up.status.success(), "{}", stderr(&backed_up));
    let wrong_backup_password = run(
        &data,
        &["restore", backup],
        &[as_manager[0], as_manager[1], ("SUPPLIER_DESK_BACKUP_PASSWORD", WRONG_BACKUP_PASSWORD)],
    );
    assert_eq!(wrong_backup_password.status.code(), Some(1), "{}", stderr(&wrong_backup_password));
    // A participant's name where the order number goes.
    let out = dir.path().join("label.pdf");
    let no_such_order =
        run(&data, &["document", "label", &person.full_name, "--out", out.to_str().expect("utf-8 path")], &as_manager);
    assert_eq!(no_such_order.status.code(), Some(1), "{}", stderr(&no_such_order));

    // Where the log is, and its rotation.
    let names: Vec<String> = std::fs::read_dir(&logs)
        .expect("the logs dir")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8 name"))
        .collect();
    assert!(names.iter().any(|n| n == "notes.txt"), "another file in the logs dir stays: {names:?}");
    let log_files: Vec<&String> = names.iter().filter(|n| is_log_file(n)).collect();
    assert_eq!(log_files.len() + 1, names.len(), "only log files and the other file: {names:?}");
    assert!(log_files.len() <= KEEP_FILES, "at most {KEEP_FILES} log files are kept: {log_files:?}");
    // Written today, or also yesterday when the run crossed midnight (UTC).
    let new: Vec<PathBuf> =
        log_files.iter().filter(|n| !n.starts_with("supplier-desk.2020-")).map(|n| logs.join(n)).collect();
    assert!(matches!(new.len(), 1 | 2), "one file for this run's day: {log_files:?}");
    let today = format!("supplier-desk.{}.log", chrono::Utc::now().format("%Y-%m-%d"));
    assert!(names.contains(&today), "{today} in {names:?}");
    let log: Vec<u8> = new.iter().flat_map(|p| std::fs::read(p).expect("read the log")).collect();
    let text = String::from_utf8_lossy(&log);

    // What happened is there.
    for event in [
        "supplier-desk command starting",
        "signed in to the portal",
        "sync round done",
        "sync round failed",
        "the portal refused the credentials",
        "the portal could not be reached (connect)",
        "command=\"staff-add\" succeeded=true",
        "command=\"sync\" succeeded=true",
        "command=\"sync\" succeeded=false",
        "command=\"offerings-export\" succeeded=false",
        "command=\"offerings-export\" succeeded=true",
        "command=\"offerings-import\" succeeded=false",
        "command=\"document\" succeeded=false",
        "command=\"backup\" succeeded=true",
        "command=\"restore\" succeeded=false",
    ] {
        assert!(text.contains(event), "the log records {event:?}:\n{text}");
    }

    // And nothing that names a person or opens a door.
    let tokens = tokens(&portal_db);
    assert!(!tokens.is_empty(), "the sandbox issued a token to the desk");
    let mut secrets: Vec<(String, &str)> = vec![
        (demo::SUPPLIER_PASSWORD.to_owned(), "the portal password"),
        (demo::SUPPLIER_BIN.to_owned(), "the supplier's BIN (a sole proprietor's is their IIN)"),
        (WRONG_PORTAL_PASSWORD.to_owned(), "a wrong portal password"),
        (URL_PASSWORD.to_owned(), "a password in the portal URL"),
        (URL_TOKEN.to_owned(), "a token in the portal URL's query"),
        (MANAGER_PASSWORD.to_owned(), "a staff password (also typed as a user name)"),
        (WRONG_STAFF_PASSWORD.to_owned(), "a mistyped staff password"),
        (MANAGER_NAME.to_owned(), "a staff member's name"),
        (sync_support::desk_vault::ADMIN_PASSWORD.to_owned(), "the administrator's password"),
        (BACKUP_PASSWORD.to_owned(), "a backup's password"),
        (WRONG_BACKUP_PASSWORD.to_owned(), "a mistyped backup password"),
    ];
    secrets.extend(tokens.into_iter().map(|t| (t, "a bearer token")));
    for p in &people {
        secrets.push((p.iin.clone(), "a participant's IIN"));
        secrets.push((p.full_name.clone(), "a participant's name"));
        secrets.push((p.phone.clone(), "a participant's phone"));
        secrets.push((p.address.clone(), "a participant's address"));
        // Each part of the name on its own: a surname is enough to name someone.
        secrets.extend(
            p.full_name
                .split_whitespace()
                .filter(|w| w.chars().count() >= 4)
                .map(|w| (w.to_owned(), "part of a participant's name")),
        );
    }
    let leaks: Vec<String> =
        secrets.iter().filter(|(s, _)| holds(&log, s)).map(|(s, what)| format!("{what}: {s}")).collect();
    assert!(leaks.is_empty(), "the log holds {leaks:#?}\n{text}");
}
