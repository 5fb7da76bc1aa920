//! The real window's exports: the inbox's orders saved as XLSX in the window's language hold
//! money as numbers (read back as a spreadsheet program reads them), and the offerings' CSV
//! starts with the byte order mark that tells a spreadsheet program it is UTF-8.

use crate::support;

use std::io::Cursor;
use std::time::Duration;

use calamine::{Data, Reader, Xlsx};
use fantoccini::Locator;
use support::Desktop;
use support::page::{element, shot, text, wait_until};

fn newest(dir: &std::path::Path, prefix: &str, ext: &str) -> Option<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            name.starts_with(prefix) && name.ends_with(ext)
        })
        .collect();
    files.sort();
    files.pop()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn orders_go_to_excel_with_numbers_and_offerings_to_csv_for_spreadsheets() {
    let desk = Desktop::start().await;
    let client = desk.window().await;
    client
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::Css("[data-testid=inbox-row]"))
        .await
        .expect("the inbox shows order rows");
    // In Russian: the sheet's words follow the window's language.
    element(&client, "button.lang[lang=ru]").await.click().await.expect("click");
    let total: usize = text(&client, "[data-testid=inbox-total]").await.trim().parse().expect("a count");
    element(&client, "[data-testid=orders-export]").await.click().await.expect("click");
    wait_until(60, "the export's saved message", || async {
        client.find(Locator::Css("[data-testid=orders-exported-name]")).await.is_ok()
    })
    .await;
    shot(&client, "window-orders-exported.png").await;
    let exports = desk.desk_dir().join("exports");
    let file = newest(&exports, "orders-", ".xlsx").expect("an XLSX in exports/");
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(std::fs::read(&file).expect("read"))).expect("an XLSX file");
    let name = book.sheet_names()[0].clone();
    assert_eq!(name, "Заказы");
    let range = book.worksheet_range(&name).expect("the sheet");
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(rows[0][8], Data::String("Сумма, ₸".into()));
    assert_eq!(rows.len(), total + 1, "every open order the inbox counts, all pages");
    assert!(rows[1..].iter().all(|r| matches!(r[8], Data::Float(x) if x > 0.0)), "totals are numbers");
    assert!(rows[1..].iter().all(|r| matches!(r[2], Data::DateTime(_))), "dates are dates");

    element(&client, "#tab-offerings").await.click().await.expect("click");
    element(&client, "[data-testid=offerings-export]").await.click().await.expect("click");
    wait_until(60, "the CSV's saved message", || async {
        client.find(Locator::Css("[data-testid=export-done-name]")).await.is_ok()
    })
    .await;
    let csv = std::fs::read(newest(&exports, "offerings-", ".csv").expect("a CSV in exports/")).expect("read");
    assert!(csv.starts_with("\u{feff}id,classifier_code".as_bytes()), "{:?}", &csv[..csv.len().min(40)]);
    support::page::end(client).await;
}
