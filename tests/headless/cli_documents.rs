//! `supplier-desk document …` against a store synced from a real sandbox: the PDF is written
//! where `--out` says and names the order and the supplier from sign-in; an act without its
//! facts, an unknown order number or language exit non-zero with a clear message.

use crate::sync_support;

use desk_core::access::Role;
use sync_support::staff;

use std::process::{Command, Output};

use desk_core::Delivery;

const APP: &str = env!("CARGO_BIN_EXE_supplier-desk");

/// Runs the app as the desk's manager (`staff::staff_member` makes the account).
fn run(args: &[&str]) -> Output {
    Command::new(APP)
        .args(args)
        .env("RUST_LOG", "warn")
        .envs(sync_support::desk_vault::NO_KEYCHAIN)
        .env("SUPPLIER_DESK_USER", "manager")
        .env("SUPPLIER_DESK_USER_PASSWORD", staff::STAFF_PASSWORD)
        .output()
        .expect("run supplier-desk")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_commands_write_the_pdf_or_refuse_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sync_support::sandbox(dir.path(), 5).await;
    let data = dir.path().join("desk");
    let data_arg = data.to_str().expect("utf-8 path").to_owned();
    let synced = tokio::task::spawn_blocking({
        let (data, url) = (data_arg.clone(), portal.url());
        move || run(&["sync", "--once", "--data-dir", &data, "--portal", &url])
    })
    .await
    .expect("join");
    assert!(synced.status.success(), "{}", stderr(&synced));

    // Hand over one accepted order on this desk, as the field staff would.
    let mut store = sync_support::desk_vault::open_store(&data);
    let (order_id, number): (String, String) =
        sync_support::desk_vault::raw_connection(&data, rusqlite::OpenFlags::default())
            .expect("raw")
            .query_row(
                "SELECT id, number FROM orders WHERE status IN ('accepted', 'in_work') ORDER BY number LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("an accepted order in the demo data");
    let delivery = Delivery {
        order_id: order_id.clone(),
        delivered_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"),
        place: "Қарағанды, Бұқар жырау даңғылы 5".into(),
        serial_numbers: vec!["WC-2026-0042".into()],
        notes: String::new(),
        items: vec![],
        received_by: None,
    };
    store.record_delivery(&staff::actor(Role::Courier), &delivery).expect("delivery");
    staff::staff_member(&mut store, Role::Manager);
    drop(store);

    let out = dir.path().join("printed").join("act.pdf");
    let out_arg = out.to_str().expect("utf-8 path");
    let made = run(&["document", "delivery-act", &number, "--out", out_arg, "--lang", "kk", "--data-dir", &data_arg]);
    assert!(made.status.success(), "{}", stderr(&made));
    assert_eq!(String::from_utf8_lossy(&made.stdout).trim(), out_arg);
    let text = pdf_text(&out);
    for wanted in [
        number.as_str(),
        portal_sandbox::demo::SUPPLIER_NAME,
        portal_sandbox::demo::SUPPLIER_BIN,
        "WC-2026-0042",
        "27.11.2026",
    ] {
        assert!(text.contains(wanted), "missing {wanted:?}: {text}");
    }

    let refused_out = dir.path().join("printed").join("fitting.pdf");
    let refused_arg = refused_out.to_str().expect("utf-8 path");
    let cases: [(&[&str], &str); 3] = [
        (&["document", "fitting-act", &number, "--out", refused_arg], "has no recorded fitting"),
        (&["document", "label", "SO-0000-NOPE", "--out", refused_arg], "no order numbered SO-0000-NOPE"),
        (&["document", "label", &number, "--out", refused_arg, "--data-dir", "/nonexistent-desk"], "does not exist"),
    ];
    for (args, expected) in cases {
        let mut args = args.to_vec();
        if !args.contains(&"--data-dir") {
            args.extend(["--data-dir", &data_arg]);
        }
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?} must fail: {}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{args:?}: {}", stderr(&o));
    }
    assert!(!refused_out.exists(), "a refused document writes nothing");
    let bad_lang = run(&["document", "label", &number, "--out", refused_arg, "--lang", "de", "--data-dir", &data_arg]);
    assert_eq!(bad_lang.status.code(), Some(2), "clap's usage error: {}", stderr(&bad_lang));
}
