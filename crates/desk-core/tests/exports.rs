//! The spreadsheet exports read back as a spreadsheet program reads them: words in the chosen
//! language, money and counts as numbers, dates as dates, the inbox's filter applied.

mod common;

use std::io::Cursor;

use calamine::{Data, DataType, Reader, Xlsx};
use common::*;
use desk_core::access::Role;
use desk_core::documents::Lang;
use desk_core::features::offerings::OfferingUpdate;
use desk_core::features::orders::views::InboxQuery;

fn sheet(bytes: Vec<u8>) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("an XLSX file");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("the sheet");
    range.rows().map(<[Data]>::to_vec).collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        other => panic!("expected text, got {other:?}"),
    }
}

#[test]
fn orders_as_a_spreadsheet_in_russian_with_typed_cells_and_the_filter_applied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let office = staff::staff_member(&mut store, Role::Office);
    store.assign_order(&office, "a", "office").expect("assign");
    let q = InboxQuery { open_only: true, limit: 50, ..Default::default() };
    let rows = sheet(store.orders_xlsx(&office, &q, Lang::Ru).expect("export"));

    assert_eq!(text(&rows[0][0]), "Номер");
    assert_eq!(text(&rows[0][8]), "Сумма, ₸");
    // Open orders only (the paid one is left out), every one of them, not a page.
    let numbers: Vec<String> = rows[1..].iter().map(|r| text(&r[0])).collect();
    let mut sorted = numbers.clone();
    sorted.sort();
    assert_eq!(sorted, ["SO-a", "SO-b", "SO-d"]);
    let a = rows.iter().find(|r| matches!(&r[0], Data::String(n) if n == "SO-a")).expect("SO-a");
    assert_eq!(text(&a[1]), "Размещён");
    assert!(matches!(a[2], Data::DateTime(_)), "the order's date is a date: {:?}", a[2]);
    assert_eq!(a[2].as_date(), chrono::NaiveDate::from_ymd_opt(2026, 11, 20));
    assert_eq!(text(&a[4]), "Алматы");
    assert!(text(&a[7]).starts_with("Протез голени × 1"), "{:?}", a[7]);
    assert_eq!(a[8], Data::Float(1_200_000.0), "money in tenge, a number");
    assert_eq!(text(&a[11]), "Test office", "the assignee by name");

    // A courier sees the inbox but does not export it.
    let courier = staff::staff_member(&mut store, Role::Courier);
    assert!(store.orders_xlsx(&courier, &q, Lang::Ru).is_err());
}

#[test]
fn offerings_as_a_spreadsheet_in_kazakh() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let office = staff::staff_member(&mut store, Role::Office);
    let named = OfferingUpdate { model: Some("Ottobock Trias 1C30".into()), ..Default::default() };
    store.update_offering(&office, "off-1", &named).expect("a model");
    let rows = sheet(store.offerings_xlsx(&office, Lang::Kk).expect("export"));
    assert_eq!(text(&rows[0][1]), "Атауы");
    assert_eq!((text(&rows[0][2]), text(&rows[0][3])), ("Моделі".to_owned(), "Өндіруші".to_owned()));
    assert_eq!(rows.len(), 1 + store.offerings().expect("offerings").len());
    let first = &rows[1];
    assert_eq!(text(&first[1]), "Сирақ протезі");
    assert_eq!(text(&first[2]), "Ottobock Trias 1C30");
    assert_eq!(first[3], Data::Empty, "no manufacturer named");
    assert!(matches!(first[5], Data::Float(_)), "the price is a number: {:?}", first[5]);
    assert!(matches!(first[7], Data::Float(_)), "the stock is a number: {:?}", first[7]);
}

#[test]
fn a_csv_saved_with_a_byte_order_mark_imports_back_unchanged() {
    // The window's CSV files start with the UTF-8 byte order mark (for spreadsheet programs);
    // the same file imported back changes nothing.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let office = staff::staff_member(&mut store, Role::Office);
    let csv = format!("\u{feff}{}", store.offerings_csv().expect("export"));
    let report = store.import_offerings_csv(&office, csv.as_bytes()).expect("import");
    assert_eq!((report.created, report.updated), (0, 0), "{report:?}");
    assert_eq!(report.unchanged, store.offerings().expect("offerings").len());
}
