//! The printable documents from real store rows: each PDF is written to a temp dir and read back
//! with poppler's `pdftotext`; the label's QR code is rendered with `pdftoppm` and decoded with
//! zbar's `zbarimg`. (`scripts/install-system-deps.sh` installs both, and DejaVu Sans.)

mod common;

use common::staff;
use desk_core::access::Role;

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use common::*;
use desk_core::access::Actor;
use desk_core::documents::{Destination, DocumentError, DocumentKind, DocumentRequest, FontError, Fonts, Lang};
use desk_core::{Delivery, Fitting, OrderStatus, Store, SupplierProfile};

const ORDER: &str = "2026-000123";
const NUMBER: &str = "SO-2026-000123";

/// Documents of every kind: a manager may make them all.
fn manager() -> Actor {
    staff::actor(Role::Manager)
}

fn fonts() -> Fonts {
    Fonts::from_system().expect("DejaVu Sans (fonts-dejavu-core) is installed")
}

fn date(d: &str) -> NaiveDate {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date")
}

/// An order in work, fitted and then handed over, by the desk's own actions; and one placed
/// order with neither.
fn store(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    store
        .apply_page(page(vec![order(ORDER, OrderStatus::InWork, 2), order("placed", OrderStatus::Placed, 20)], 1))
        .expect("seed");
    store
        .set_supplier_profile(&SupplierProfile {
            bin: "180340021791".into(), name: "ТОО «Қамқор Ортопедия»".into()
        })
        .expect("profile");
    store
}

fn fit(store: &mut Store) {
    store
        .record_fitting(
            &manager(),
            &Fitting {
                order_id: ORDER.into(),
                fitted_on: date("2026-11-25"),
                technician: "Бауыржан Әлімұлы".into(),
                serial_numbers: vec!["PR-7731-Ә".into(), "LN-0042".into()],
                adjustments: "Гильза подогнана, высота скорректирована на 5 мм".into(),
                warranty_start: date("2026-11-26"),
            },
        )
        .expect("fitting");
}

fn deliver(store: &mut Store) {
    store
        .record_delivery(
            &manager(),
            &Delivery {
                order_id: ORDER.into(),
                delivered_on: date("2026-11-27"),
                place: "Алматы, Абай даңғылы 1, пәтер 12".into(),
                serial_numbers: vec!["PR-7731-Ә".into()],
                notes: "Қабылдаушы ұлы қатысты".into(),
                items: vec![],
                received_by: None,
            },
        )
        .expect("delivery");
}

fn make(
    store: &mut Store,
    kind: DocumentKind,
    order_id: &str,
    lang: Lang,
    dir: &Path,
) -> Result<std::path::PathBuf, DocumentError> {
    store.make_document(&manager(), &DocumentRequest { kind, order_id, lang }, &fonts(), Destination::Dir(dir))
}

fn assert_contains(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "missing {w:?} in the extracted text:\n{text}");
    }
}

fn audit_actions(dir: &tempfile::TempDir) -> Vec<(String, String, String)> {
    let conn = raw(dir);
    let mut stmt = conn
        .prepare("SELECT actor, action, detail FROM audit_log WHERE action LIKE 'document_%' ORDER BY id")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).expect("query").map(|r| r.expect("row")).collect()
}

#[test]
fn the_act_of_delivery_states_the_parties_items_serials_date_and_signature_places_in_kazakh() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    fit(&mut store);
    deliver(&mut store);
    let outbox_before = count(&raw(&dir), "outbox");
    let docs = dir.path().join("documents");

    let path = make(&mut store, DocumentKind::DeliveryAct, ORDER, Lang::Kk, &docs).expect("act of delivery");

    assert_eq!(path, docs.join(format!("act-delivery-{NUMBER}-kk.pdf")));
    let text = pdf_text(&path);
    assert_contains(
        &text,
        &[
            "Тауарды беру актісі",
            // The order's own date (placed on 2 November); the handover's date is below.
            &format!("Тапсырыс № {NUMBER} күні 02.11.2026"),
            "ТОО «Қамқор Ортопедия»",
            "180340021791",
            "Айгүл Серікқызы Нұрланова",
            "Алматы, Абай даңғылы 1",
            "TSR-01-001",
            "Сирақ протезі",
            "1 200 000,00 ₸",
            "PR-7731-Ә",
            "Берілген күні: 27.11.2026",
            "Алматы, Абай даңғылы 1, пәтер 12",
            "Қабылдаушы ұлы қатысты",
            "Өнім беруші өкілі",
            "Алушы (немесе заңды өкілі)",
            "(қолы)",
            "М.О.",
        ],
    );
    // A document is not a portal mutation: audited, nothing queued.
    assert_eq!(count(&raw(&dir), "outbox"), outbox_before);
    let audited = audit_actions(&dir);
    assert_eq!(audited.len(), 1);
    assert_eq!((audited[0].0.as_str(), audited[0].1.as_str()), ("manager", "document_delivery_act"));
    assert!(audited[0].2.contains(&format!("act-delivery-{NUMBER}-kk.pdf")), "{}", audited[0].2);
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(&docs).expect("dir").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

/// A delivery that names its serials per line prints them under the item, and says who
/// received the items: the participant, or a representative by name.
#[test]
fn the_act_of_delivery_prints_serials_per_item_and_who_received_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    fit(&mut store);
    store
        .record_delivery(
            &manager(),
            &Delivery {
                order_id: ORDER.into(),
                delivered_on: date("2026-11-27"),
                place: "Алматы, Абай даңғылы 1, пәтер 12".into(),
                serial_numbers: vec![],
                notes: String::new(),
                items: vec![portal_api::DeliveredItem {
                    classifier_code: "TSR-01-001".into(),
                    serial_numbers: vec!["PR-7731-Ә".into(), "LN-0042".into()],
                }],
                received_by: Some(portal_api::ReceivedBy::Representative {
                    name: "Серік Нұрланов".into()
                }),
            },
        )
        .expect("delivery");
    let docs = dir.path().join("documents");
    let en = pdf_text(&make(&mut store, DocumentKind::DeliveryAct, ORDER, Lang::En, &docs).expect("act in English"));
    assert_contains(&en, &["Serial numbers: PR-7731-Ә, LN-0042", "Received by: representative Серік Нұрланов"]);
    let ru = pdf_text(&make(&mut store, DocumentKind::DeliveryAct, ORDER, Lang::Ru, &docs).expect("act in Russian"));
    assert_contains(&ru, &["Серийные номера: PR-7731-Ә, LN-0042", "Получил: представитель Серік Нұрланов"]);
    let kk = pdf_text(&make(&mut store, DocumentKind::DeliveryAct, ORDER, Lang::Kk, &docs).expect("act in Kazakh"));
    assert_contains(&kk, &["Сериялық нөмірлер: PR-7731-Ә, LN-0042", "Кім алды: өкілі Серік Нұрланов"]);
}

#[test]
fn the_act_of_fitting_states_technician_adjustments_and_warranty_in_russian() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    fit(&mut store);
    let out = dir.path().join("out").join("fitting.pdf");

    let path = store
        .make_document(
            &manager(),
            &DocumentRequest { kind: DocumentKind::FittingAct, order_id: ORDER, lang: Lang::Ru },
            &fonts(),
            Destination::File(&out),
        )
        .expect("act of fitting");

    assert_eq!(path, out);
    assert_contains(
        &pdf_text(&path),
        &[
            "Акт примерки и подгонки изделия",
            // The order's own date (placed on 2 November), not the fitting's.
            &format!("Заказ № {NUMBER} от 02.11.2026"),
            "Айгүл Серікқызы Нұрланова",
            "Протез голени",
            "Дата примерки: 25.11.2026",
            "Специалист: Бауыржан Әлімұлы",
            "Гильза подогнана, высота скорректирована на 5 мм",
            "Начало гарантии: 26.11.2026",
            "PR-7731-Ә, LN-0042",
            "Представитель поставщика",
            "Получатель (или законный представитель)",
            "(подпись)",
        ],
    );
    assert_eq!(audit_actions(&dir).iter().map(|a| a.1.as_str()).collect::<Vec<_>>(), ["document_fitting_act"]);
}

#[test]
fn an_act_needs_its_facts_and_a_refused_one_leaves_no_file_and_no_audit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    let docs = dir.path().join("documents");

    for (kind, order_id, wanted) in [
        (DocumentKind::DeliveryAct, "placed", "has no recorded delivery"),
        (DocumentKind::FittingAct, "placed", "has no recorded fitting"),
        (DocumentKind::DeliveryAct, ORDER, "has no recorded delivery"),
    ] {
        match make(&mut store, kind, order_id, Lang::En, &docs) {
            Err(DocumentError::Invalid { field: "order", message }) => assert!(message.contains(wanted), "{message}"),
            other => panic!("{kind:?} for {order_id}: expected a refusal, got {other:?}"),
        }
    }
    fit(&mut store);
    assert!(matches!(
        make(&mut store, DocumentKind::DeliveryAct, ORDER, Lang::En, &docs),
        Err(DocumentError::Invalid { .. })
    ));
    assert!(!docs.exists(), "nothing written for a refused document");
    assert!(audit_actions(&dir).is_empty());
    match make(&mut store, DocumentKind::OrderLabel, "no-such-order", Lang::En, &docs) {
        Err(DocumentError::Store(desk_core::StoreError::NotFound { .. })) => {}
        other => panic!("expected not found, got {other:?}"),
    }
}

#[test]
fn the_order_screen_offers_the_documents_its_facts_allow() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    let documents = |store: &Store| store.order_detail(ORDER).expect("detail").documents;
    assert_eq!(documents(&store), [DocumentKind::OrderLabel]);
    fit(&mut store);
    assert_eq!(documents(&store), [DocumentKind::OrderLabel, DocumentKind::FittingAct]);
    deliver(&mut store);
    assert_eq!(documents(&store), [DocumentKind::OrderLabel, DocumentKind::DeliveryAct, DocumentKind::FittingAct]);
    assert_eq!(store.order_id_by_number(&format!(" {NUMBER} ")).expect("by number"), ORDER);
}

#[test]
fn the_label_carries_a_qr_code_of_exactly_the_order_number_and_only_initials() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    let docs = dir.path().join("documents");

    let path = make(&mut store, DocumentKind::OrderLabel, ORDER, Lang::En, &docs).expect("label");

    assert_eq!(path, docs.join(format!("label-{NUMBER}-en.pdf")));
    let text = pdf_text(&path);
    assert_contains(&text, &["Order", NUMBER, "А. С. Н.", "Almaty", "Placed: 2026-11-02"]);
    for personal in ["Айгүл", "Нұрланова", "+7 701", "Абай"] {
        assert!(!text.contains(personal), "a label must not show {personal:?}: {text}");
    }

    let png = dir.path().join("label");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "200", "-singlefile"])
        .arg(&path)
        .arg(&png)
        .status()
        .expect("run pdftoppm");
    assert!(status.success());
    let out = Command::new("zbarimg")
        .args(["--raw", "-q", "-Sdisable", "-Sqrcode.enable"])
        .arg(png.with_extension("png"))
        .output()
        .expect("run zbarimg (zbar-tools)");
    assert!(out.status.success(), "zbarimg found no QR code: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).expect("utf-8"), format!("{NUMBER}\n"));
}

#[test]
fn a_missing_font_is_a_clear_error() {
    let empty = tempfile::tempdir().expect("tempdir");
    match Fonts::from_dirs(&[empty.path().to_path_buf()]) {
        Err(e @ FontError::NotFound) => assert!(e.to_string().contains("fonts-dejavu-core"), "{e}"),
        other => panic!("expected NotFound, got {:?}", other.map(|_| ())),
    }
    std::fs::write(empty.path().join("DejaVuSans.ttf"), b"not a font").expect("write");
    assert!(matches!(Fonts::from_dirs(&[empty.path().to_path_buf()]), Err(FontError::Unusable { .. })));
}
