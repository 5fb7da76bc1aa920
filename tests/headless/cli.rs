//! The headless command line: `sync --once` against a real sandbox, `status` as JSON, the
//! offerings CSV commands, and clear errors with a non-zero exit for malformed input.

use crate::sync_support;

use std::process::{Command, Output};

const APP: &str = env!("CARGO_BIN_EXE_supplier-desk");

fn run(args: &[&str]) -> Output {
    run_with(args, &[])
}

/// Runs the app with extra environment variables (a staff member's name and password).
fn run_with(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(APP)
        .args(args)
        .env("RUST_LOG", "warn")
        .envs(sync_support::desk_vault::NO_KEYCHAIN)
        .envs(env.iter().copied())
        .output()
        .expect("run supplier-desk")
}

const AS_MANAGER: [(&str, &str); 2] =
    [("SUPPLIER_DESK_USER", "manager"), ("SUPPLIER_DESK_USER_PASSWORD", "manager password 1")];

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_once_then_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sync_support::sandbox(dir.path(), 21).await;
    let data = dir.path().join("desk");
    let data = data.to_str().expect("utf-8 path");
    let url = portal.url();
    let synced = tokio::task::spawn_blocking({
        let (data, url) = (data.to_owned(), url.clone());
        move || run(&["sync", "--once", "--data-dir", &data, "--portal", &url])
    })
    .await
    .expect("join");
    assert!(synced.status.success(), "{}", stderr(&synced));

    let status = run(&["status", "--data-dir", data]);
    assert!(status.status.success(), "{}", stderr(&status));
    let summary: serde_json::Value = serde_json::from_slice(&status.stdout).expect("status is JSON");
    let feed_head = portal.state().await.expect("state").feed_head;
    assert_eq!(summary["cursor"], feed_head);
    assert_eq!(summary["pending_mutations"], 0);
    assert_eq!(summary["conflicts"], 0);
    assert!(summary["orders"].as_u64().is_some_and(|n| n > 0));
}

#[test]
fn malformed_input_exits_non_zero_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("never-used");
    let missing = missing.to_str().expect("utf-8 path");
    let cases: [(&[&str], &str); 5] = [
        (&["status"], "--data-dir"),
        (&["status", "--data-dir", missing], "does not exist"),
        (&["sync", "--once", "--data-dir", missing], "--portal"),
        (&["sync", "--once", "--data-dir", missing, "--portal", "ftp://example"], "only http and https"),
        (&["sync", "--once", "--data-dir", missing, "--portal", "http://127.0.0.1:9"], "could not be reached"),
    ];
    for (args, expected) in cases {
        let out = run(args);
        assert!(!out.status.success(), "{args:?} must fail");
        assert!(stderr(&out).contains(expected), "{args:?}: {}", stderr(&out));
    }
    let unknown = run(&["frobnicate"]);
    assert_eq!(unknown.status.code(), Some(2), "clap's usage error");
}

#[test]
fn offerings_import_with_bad_rows_prints_each_and_applies_nothing() {
    use portal_api::{Category, Change, ChangePage, ClassifierItem, Entity, LocalizedText};

    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("desk");
    std::fs::create_dir(&data).expect("data dir");
    // A store that knows one classifier item, so that line 2 below is a good row.
    let item = ClassifierItem {
        code: "TSR-01-001".into(),
        category: Category::ProstheticOrthopaedic,
        name: LocalizedText { kk: "Протез".into(), ru: "Протез".into(), en: "Prosthesis".into() },
        unit: "pcs".into(),
        limit_price_tiyn: 150_000_000,
        needs_fitting: true,
        warranty_months: 24,
    };
    sync_support::desk_vault::open_store(&data)
        .apply_page(ChangePage {
            changes: vec![Change { seq: 1, entity: Entity::Classifier(item), includes_device_seq: None }],
            next_after: 1,
            has_more: false,
            head: 1,
        })
        .expect("seed the classifier");
    let csv = dir.path().join("offerings.csv");
    std::fs::write(
        &csv,
        format!(
            "classifier_code,price,stock,regions,warranty_months,published,description,model,manufacturer\n\
             TSR-01-001,1 000 000,2,KZ-ALA,24,true,good,Ottobock Trias 1C30,Ottobock SE & Co. KGaA\n\
             TSR-01-001,abc,1,KZ-ALA,24,true,bad price,,\n\
             TSR-01-001,1000,1,KZ-ALA,24,maybe,bad flag,,\n\
             TSR-01-001,1000,1,KZ-ALA,24,true,long model,{},\n",
            "x".repeat(portal_api::MAX_MODEL_CHARS + 1)
        ),
    )
    .expect("write csv");
    let (data, csv) = (data.to_str().expect("utf-8 path"), csv.to_str().expect("utf-8 path"));

    let made = run_with(
        &["staff-add", "manager", "--name", "Айгүл", "--role", "manager", "--data-dir", data],
        &[("SUPPLIER_DESK_NEW_PASSWORD", "manager password 1")],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let out = run_with(&["offerings-import", csv, "--data-dir", data], &AS_MANAGER);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("line 3: price: 'abc' is not an amount of tenge"), "{err}");
    assert!(err.contains("line 4: published: expected true or false"), "{err}");
    assert!(err.contains("line 5: model: is 121 characters long; at most 120 are allowed"), "{err}");
    assert!(err.contains("3 problem(s) in the file; nothing was imported"), "{err}");
    assert!(!err.contains("line 2"), "{err}");

    let status = run(&["status", "--data-dir", data]);
    let summary: serde_json::Value = serde_json::from_slice(&status.stdout).expect("status is JSON");
    assert_eq!((summary["offerings"].as_u64(), summary["pending_mutations"].as_u64()), (Some(0), Some(0)));

    let missing = run_with(&["offerings-import", "no-such.csv", "--data-dir", data], &AS_MANAGER);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("cannot read no-such.csv"), "{}", stderr(&missing));
}

/// The first command on a new data dir creates its `logs/` folder before logging there, without
/// a complaint about a log directory that does not exist yet.
#[test]
fn the_first_command_on_a_new_data_dir_logs_without_complaint() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("new-desk");
    let data_arg = data.to_str().expect("utf-8 path");
    let created = run_with(
        &["staff-add", "boss", "--name", "Boss", "--role", "office", "--data-dir", data_arg],
        &[("SUPPLIER_DESK_NEW_PASSWORD", "boss password")],
    );
    assert!(created.status.success(), "{}", stderr(&created));
    assert!(!stderr(&created).contains("Error reading the log directory"), "{}", stderr(&created));
    let logs: Vec<_> = std::fs::read_dir(data.join("logs")).expect("the logs folder").collect();
    assert_eq!(logs.len(), 1, "one log file: {logs:?}");
}

/// Staff from the command line: the first account is the manager's and needs nobody signed in;
/// after that every command that reads or changes the supplier's data signs someone in and
/// checks their role, with a clear message and a non-zero exit when anything is wrong.
#[test]
fn staff_accounts_roles_and_the_audit_trail_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("desk");
    let data = data.to_str().expect("utf-8 path");
    let new_password = |p: &'static str| [("SUPPLIER_DESK_NEW_PASSWORD", p)];

    let short = run_with(
        &["staff-add", "boss", "--name", "Boss", "--role", "office", "--data-dir", data],
        &new_password("short"),
    );
    assert_eq!(short.status.code(), Some(1));
    assert!(stderr(&short).contains("password: a password of at least 8 characters is required"), "{}", stderr(&short));
    let first = run_with(
        &["staff-add", "boss", "--name", "Boss", "--role", "office", "--data-dir", data],
        &new_password("boss password"),
    );
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(
        String::from_utf8_lossy(&first.stdout).trim(),
        "created boss (manager)",
        "the first account manages the desk"
    );

    let as_boss = [
        ("SUPPLIER_DESK_USER", "boss"),
        ("SUPPLIER_DESK_USER_PASSWORD", "boss password"),
        ("SUPPLIER_DESK_NEW_PASSWORD", "courier password"),
    ];
    let courier = run_with(&["staff-add", "Dana", "--name", "Дана", "--role", "courier", "--data-dir", data], &as_boss);
    assert!(courier.status.success(), "{}", stderr(&courier));
    let again = run_with(&["staff-add", "dana", "--name", "Дана", "--role", "courier", "--data-dir", data], &as_boss);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("username: this user name is taken"), "{}", stderr(&again));

    // Malformed or refused: each exits non-zero and says why.
    let as_dana = [("SUPPLIER_DESK_USER", "dana"), ("SUPPLIER_DESK_USER_PASSWORD", "courier password")];
    // (arguments, environment, exit code, what stderr says)
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], i32, &'a str);
    let cases: [Case; 6] = [
        (&["audit-export", "-"], &[], 1, "--user (or SUPPLIER_DESK_USER) is required"),
        (
            &["audit-export", "-"],
            &[("SUPPLIER_DESK_USER", "boss"), ("SUPPLIER_DESK_USER_PASSWORD", "wrong")],
            1,
            "sign-in refused: wrong user name or password (1 refused in a row)",
        ),
        (&["audit-export", "-"], &as_dana, 1, "a courier may not do this (AuditView)"),
        (&["offerings-export", "-"], &as_dana, 1, "a courier may not do this (OfferingsExport)"),
        (&["staff-add", "x", "--name", "X", "--role", "chief"], &as_boss, 2, "invalid value 'chief'"),
        (&["audit-export", "-", "--from", "yesterday"], &as_boss, 2, "invalid value 'yesterday'"),
    ];
    for (args, env, code, expected) in cases {
        let mut args = args.to_vec();
        args.extend(["--data-dir", data]);
        let o = run_with(&args, env);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{args:?}: {}", stderr(&o));
    }
    // No password at all: none in the environment and an empty standard input.
    let no_password = run_with(&["audit-export", "-", "--data-dir", data], &[("SUPPLIER_DESK_USER", "boss")]);
    assert_eq!(no_password.status.code(), Some(1));
    assert!(stderr(&no_password).contains("no password: set SUPPLIER_DESK_USER_PASSWORD"), "{}", stderr(&no_password));

    // The manager's export names who did what, the refusals included.
    let audit = run_with(&["audit-export", "-", "--action", "sign_in_refused", "--data-dir", data], &as_boss);
    assert!(audit.status.success(), "{}", stderr(&audit));
    let csv = String::from_utf8_lossy(&audit.stdout).into_owned();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("at_utc,actor,action,entity,entity_id,detail"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 1, "{csv}");
    assert!(rows[0].contains(",boss,sign_in_refused,staff,"), "{csv}");
}
