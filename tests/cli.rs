//! The headless command line: `sync --once` against a real sandbox, `status` as JSON, the
//! offerings CSV commands, and clear errors with a non-zero exit for malformed input.

mod sync_support;

use std::process::{Command, Output};

const APP: &str = env!("CARGO_BIN_EXE_supplier-desk");

fn run(args: &[&str]) -> Output {
    Command::new(APP).args(args).env("RUST_LOG", "warn").output().expect("run supplier-desk")
}

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
    desk_core::Store::open(&data.join("desk.sqlite"))
        .expect("open")
        .apply_page(ChangePage {
            changes: vec![Change { seq: 1, entity: Entity::Classifier(item) }],
            next_after: 1,
            has_more: false,
            head: 1,
        })
        .expect("seed the classifier");
    let csv = dir.path().join("offerings.csv");
    std::fs::write(
        &csv,
        "classifier_code,price,stock,regions,warranty_months,published,description\n\
         TSR-01-001,1 000 000,2,KZ-ALA,24,true,good\n\
         TSR-01-001,abc,1,KZ-ALA,24,true,bad price\n\
         TSR-01-001,1000,1,KZ-ALA,24,maybe,bad flag\n",
    )
    .expect("write csv");
    let (data, csv) = (data.to_str().expect("utf-8 path"), csv.to_str().expect("utf-8 path"));

    let out = run(&["offerings-import", csv, "--data-dir", data]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("line 3: price: 'abc' is not an amount of tenge"), "{err}");
    assert!(err.contains("line 4: published: expected true or false"), "{err}");
    assert!(err.contains("2 problem(s) in the file; nothing was imported"), "{err}");
    assert!(!err.contains("line 2"), "{err}");

    let status = run(&["status", "--data-dir", data]);
    let summary: serde_json::Value = serde_json::from_slice(&status.stdout).expect("status is JSON");
    assert_eq!((summary["offerings"].as_u64(), summary["pending_mutations"].as_u64()), (Some(0), Some(0)));

    let missing = run(&["offerings-import", "no-such.csv", "--data-dir", data]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("cannot read no-such.csv"), "{}", stderr(&missing));
}
