//! The real window, office work on offerings: a new offering priced above the classifier's
//! limit price is refused with the error next to the price field and nothing saved; at a price
//! under the limit it is saved, listed, and reaches the portal with the next sync, its stock
//! held per region. A region still holding stock is not dropped until its stock is 0.

use crate::support;

use std::time::{Duration, Instant};

use fantoccini::Locator;
use portal_api::{Entity, Offering, PortalClient, RegionStock};
use support::Desktop;
use support::page::{attr, count, shot, type_into};

const CODE: &str = "TSR-01-001";

/// The classifier item's limit price and the supplier's offerings of it, as the portal's feed
/// holds them (each entity at its last snapshot).
async fn portal_view(client: &PortalClient) -> (i64, Vec<Offering>) {
    let mut limit = None;
    let mut offerings = std::collections::HashMap::new();
    let mut after = 0;
    loop {
        let page = client.changes(after, portal_api::MAX_PAGE_SIZE).await.expect("change feed");
        for change in page.changes {
            match change.entity {
                Entity::Classifier(item) if item.code == CODE => limit = Some(item.limit_price_tiyn),
                Entity::Offering(o) if o.classifier_code == CODE => {
                    offerings.insert(o.id.clone(), o);
                }
                _ => {}
            }
        }
        after = page.next_after;
        if !page.has_more {
            return (limit.expect("the classifier holds the item"), offerings.into_values().collect());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offering_above_the_limit_is_refused_at_the_price_then_saved_under_it_and_synced() {
    let desk = Desktop::start().await;
    let portal = desk.portal_client().await;
    let (limit_tiyn, before_on_portal) = portal_view(&portal).await;

    let client = desk.window().await;
    client
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::Css("[data-testid=inbox-row]"))
        .await
        .expect("the first sync filled the inbox");
    client.find(Locator::Css("#tab-offerings")).await.expect("tab").click().await.expect("click");
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("[data-testid=offering-row]"))
        .await
        .expect("the offerings list shows rows");
    let rows_before = count(&client, "[data-testid=offering-row]").await;

    client.find(Locator::Css("[data-testid=offering-new]")).await.expect("new").click().await.expect("click");
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("[data-testid=offering-form]"))
        .await
        .expect("the offering form opens");
    // The picker finds the item by code; the limit price appears next to the price field.
    type_into(&client, "[data-testid=classifier-search]", "tsr-01-00").await;
    let option = format!("[data-testid=classifier-option][data-code='{CODE}']");
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(&option))
        .await
        .expect("the item is offered");
    client.find(Locator::Css(&option)).await.expect("option").click().await.expect("pick");
    let whole = limit_tiyn / 100;
    let limit_text =
        client.find(Locator::Css("[data-testid=offering-limit]")).await.expect("limit").text().await.expect("text");
    let digits: String = limit_text.chars().filter(char::is_ascii_digit).collect();
    assert!(digits.starts_with(&whole.to_string()), "the limit price {whole} is shown: {limit_text}");

    // Stock per region: each chosen region gets its own field; the total adds them up.
    for region in ["KZ-ALA", "KZ-AST"] {
        let checkbox = format!("[data-testid=region-{region}]");
        client.find(Locator::Css(&checkbox)).await.expect("region").click().await.expect("choose");
    }
    type_into(&client, "[data-testid=stock-KZ-ALA]", "3").await;
    type_into(&client, "[data-testid=stock-KZ-AST]", "2").await;
    let total = client
        .find(Locator::Css("[data-testid=offering-stock-total]"))
        .await
        .expect("total")
        .text()
        .await
        .expect("text");
    assert!(total.contains('5'), "the total stock is shown: {total}");

    // One tiyn above the limit: refused, the error under the price field, the field marked.
    type_into(&client, "[data-testid=offering-price]", &format!("{whole},01")).await;
    client.find(Locator::Css("[data-testid=offering-save]")).await.expect("save").click().await.expect("click");
    let error = client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("[data-testid=error-price]"))
        .await
        .expect("the price's error is shown");
    // The app refused it (the form does not check prices itself); the message names the limit.
    let error_text = error.text().await.expect("text");
    let error_digits: String = error_text.chars().filter(char::is_ascii_digit).collect();
    assert!(error_digits.contains(&whole.to_string()), "the error names the limit price {whole}: {error_text}");
    assert_eq!(attr(&client, "[data-testid=offering-price]", "aria-invalid").await.as_deref(), Some("true"));
    let described = attr(&client, "[data-testid=offering-price]", "aria-describedby").await.unwrap_or_default();
    assert!(described.split(' ').any(|id| id == "offering-error-price"), "the field points at its error: {described}");
    shot(&client, "window-offering-above-limit.png").await;

    // Under the limit: saved, the form closes, the list shows one more offering.
    let price_tiyn = (whole - 1000) * 100;
    type_into(&client, "[data-testid=offering-price]", &format!("{}", whole - 1000)).await;
    client
        .find(Locator::Css("[data-testid=offering-published]"))
        .await
        .expect("published")
        .click()
        .await
        .expect("tick");
    client.find(Locator::Css("[data-testid=offering-save]")).await.expect("save").click().await.expect("click");
    let deadline = Instant::now() + Duration::from_secs(15);
    while count(&client, "[data-testid=offering-form]").await > 0
        || count(&client, "[data-testid=offering-row]").await != rows_before + 1
    {
        assert!(Instant::now() < deadline, "the form closed and the list shows the new offering");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    shot(&client, "window-offering-saved.png").await;

    // The next sync sends it: the portal holds one more offering of the item, at that price,
    // its stock in the two regions.
    let rs = |region: &str, quantity| RegionStock { region: region.into(), quantity };
    let sorted = |mut by_region: Vec<RegionStock>| {
        by_region.sort_by(|a, b| a.region.cmp(&b.region));
        by_region
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    let added_id = loop {
        let (_, now_on_portal) = portal_view(&portal).await;
        let added: Vec<&Offering> =
            now_on_portal.iter().filter(|o| !before_on_portal.iter().any(|b| b.id == o.id)).collect();
        if let [offering] = added.as_slice() {
            assert_eq!((offering.price_tiyn, offering.stock, offering.published), (price_tiyn, 5, true));
            assert_eq!(sorted(offering.region_stock()), [rs("KZ-ALA", 3), rs("KZ-AST", 2)]);
            break offering.id.clone();
        }
        assert!(added.len() <= 1, "one offering added, not {}", added.len());
        assert!(Instant::now() < deadline, "the new offering reached the portal");
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    let breakdown = format!("[data-offering-id='{added_id}'] [data-testid=offering-stock-by-region]");
    let shown = client
        .find(Locator::Css(&breakdown))
        .await
        .expect("the list breaks the stock down")
        .text()
        .await
        .expect("text");
    assert!(shown.contains('3') && shown.contains('2'), "the list shows each region's stock: {shown}");

    // Astana is unticked while it holds 2: its stock field stays, and saving is refused next
    // to the regions until it is 0; then the region goes and the portal follows.
    let edit = format!("[data-offering-id='{added_id}'] [data-testid=offering-edit]");
    client.find(Locator::Css(&edit)).await.expect("edit").click().await.expect("open");
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("[data-testid=offering-form]"))
        .await
        .expect("form");
    client.find(Locator::Css("[data-testid=region-KZ-AST]")).await.expect("region").click().await.expect("untick");
    client.find(Locator::Css("[data-testid=offering-save]")).await.expect("save").click().await.expect("click");
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("[data-testid=error-regions]"))
        .await
        .expect("the regions' error is shown");
    assert_eq!(attr(&client, "[data-testid=stock-KZ-AST]", "aria-invalid").await.as_deref(), Some("true"));
    shot(&client, "window-offering-region-holds-stock.png").await;
    type_into(&client, "[data-testid=stock-KZ-AST]", "0").await;
    client.find(Locator::Css("[data-testid=offering-save]")).await.expect("save").click().await.expect("click");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (_, now_on_portal) = portal_view(&portal).await;
        let offering = now_on_portal.iter().find(|o| o.id == added_id).expect("the offering");
        if offering.regions == ["KZ-ALA"] {
            assert_eq!((offering.stock, offering.region_stock()), (3, vec![rs("KZ-ALA", 3)]));
            break;
        }
        assert!(Instant::now() < deadline, "the edit reached the portal: {offering:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    // A CSV file with two bad rows among good ones: both reported with their line numbers,
    // nothing imported.
    let rows_now = count(&client, "[data-testid=offering-row]").await;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("offerings.csv");
    std::fs::write(
        &file,
        format!(
            "classifier_code,price,stock,regions,warranty_months,published,description\n\
             {CODE},1000,1,KZ-AST,12,true,fine\n\
             {CODE},twelve,1,KZ-AST,12,true,a price in words\n\
             NO-SUCH-ITEM,1000,1,KZ-AST,12,true,an unknown item\n\
             {CODE},2000,KZ-ALA=2;KZ-AST=1,KZ-ALA;KZ-AST,12,false,fine too\n"
        ),
    )
    .expect("write the CSV");
    client
        .find(Locator::Css("[data-testid=offerings-import-file]"))
        .await
        .expect("file input")
        .send_keys(&file.display().to_string())
        .await
        .expect("choose the file");
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css("[data-testid=import-problems]"))
        .await
        .expect("the import's problems are shown");
    let mut lines = Vec::new();
    for problem in client.find_all(Locator::Css("[data-testid=import-problem]")).await.expect("problems") {
        lines.push(problem.attr("data-line").await.expect("line").unwrap_or_default());
    }
    assert_eq!(lines, ["3", "4"], "each bad row with its line number");
    let report =
        client.find(Locator::Css("[data-testid=import-problems]")).await.expect("report").text().await.expect("text");
    assert!(report.contains("price") && report.contains("NO-SUCH-ITEM"), "the reasons: {report}");
    assert_eq!(count(&client, "[data-testid=offering-row]").await, rows_now, "nothing imported");
    shot(&client, "window-offerings-import-refused.png").await;

    support::page::end(client).await;
}
