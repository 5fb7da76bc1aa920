//! The shapes the UI receives over IPC, gathered from the features that own them: their
//! TypeScript declarations are generated into `ui/src/bindings/bindings.ts` and checked for drift
//! by a test. (The shell's own shapes, its error among them, are generated beside them by the
//! shell.)

use portal_api::{Category, DeliveredItem, LocalizedText, OrderStatus, ReceivedBy, RegionStock};
use ts_rs::TS;

use crate::features::documents::DocumentKind;
use crate::features::offerings::views::*;
use crate::features::orders::views::*;
use crate::features::outages::{OutageError, OutageRow};
use crate::kernel::store::StoreSummary;
use crate::sync::status::{Connectivity, SyncProgress, SyncStatus};

/// A unit variant as serde names it on the wire (quoted).
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Every type the UI imports, with the file it is generated into.
pub fn bindings() -> Vec<(&'static str, String)> {
    let cfg = ts_rs::Config::default();
    let decls = [
        LocalizedText::decl(&cfg),
        RegionStock::decl(&cfg),
        DeliveredItem::decl(&cfg),
        ReceivedBy::decl(&cfg),
        Category::decl(&cfg),
        OrderStatus::decl(&cfg),
        InboxQuery::decl(&cfg),
        DeadlineFilter::decl(&cfg),
        InboxSort::decl(&cfg),
        InboxItem::decl(&cfg),
        InboxRow::decl(&cfg),
        InboxPage::decl(&cfg),
        OfferingRow::decl(&cfg),
        ClassifierOption::decl(&cfg),
        OfferingInput::decl(&cfg),
        CsvImportOutcome::decl(&cfg),
        CsvProblem::decl(&cfg),
        StoreSummary::decl(&cfg),
        Connectivity::decl(&cfg),
        SyncProgress::decl(&cfg),
        SyncStatus::decl(&cfg),
        OrderAction::decl(&cfg),
        OrderLineView::decl(&cfg),
        TimelineEntry::decl(&cfg),
        OrderDetail::decl(&cfg),
        AssignableStaff::decl(&cfg),
        StockWarning::decl(&cfg),
        SerialElsewhere::decl(&cfg),
        WorkItem::decl(&cfg),
        crate::features::money::views::AgeBucket::decl(&cfg),
        crate::features::money::views::OwedOrder::decl(&cfg),
        crate::features::money::views::BucketTotal::decl(&cfg),
        crate::features::money::views::Discrepancy::decl(&cfg),
        crate::features::money::views::FlaggedOrder::decl(&cfg),
        crate::features::money::views::PaymentKindView::decl(&cfg),
        crate::features::money::views::PaymentLineView::decl(&cfg),
        crate::features::money::views::PaymentView::decl(&cfg),
        crate::features::money::views::MonthTotal::decl(&cfg),
        crate::features::money::views::MoneyView::decl(&cfg),
        crate::features::money::views::OrderPayment::decl(&cfg),
        crate::features::today::views::TodayKind::decl(&cfg),
        crate::features::today::views::TodayRow::decl(&cfg),
        crate::features::today::views::TodaySection::decl(&cfg),
        crate::features::today::views::TodayMoney::decl(&cfg),
        crate::features::today::views::TodayView::decl(&cfg),
        crate::features::reports::views::ReportGrain::decl(&cfg),
        crate::features::reports::views::ReportQuery::decl(&cfg),
        crate::features::reports::views::PeriodOrders::decl(&cfg),
        crate::features::reports::views::RevenueMonth::decl(&cfg),
        crate::features::reports::views::CategoryRevenue::decl(&cfg),
        crate::features::reports::views::RegionRevenue::decl(&cfg),
        crate::features::reports::views::DeclineReason::decl(&cfg),
        crate::features::reports::views::TopItem::decl(&cfg),
        crate::features::reports::views::Share::decl(&cfg),
        crate::features::reports::views::Report::decl(&cfg),
        DeliveryInput::decl(&cfg),
        ConflictRow::decl(&cfg),
        OutageRow::decl(&cfg),
        OutageError::decl(&cfg),
        crate::features::orders::notices::NoticeOrder::decl(&cfg),
        crate::features::orders::notices::Notices::decl(&cfg),
        crate::features::workshop::views::WorkshopRow::decl(&cfg),
        crate::features::workshop::views::WorkshopQueue::decl(&cfg),
        crate::features::workshop::views::SyncState::decl(&cfg),
        crate::features::workshop::views::MeasurementInput::decl(&cfg),
        crate::features::workshop::views::FittingSessionView::decl(&cfg),
        crate::features::workshop::views::FittedView::decl(&cfg),
        crate::features::workshop::views::FittingCard::decl(&cfg),
        crate::features::workshop::views::FittingSessionInput::decl(&cfg),
        crate::features::workshop::views::FittedInput::decl(&cfg),
        crate::features::warranty::views::WarrantyItem::decl(&cfg),
        crate::features::warranty::views::WarrantyRow::decl(&cfg),
        crate::features::warranty::views::WarrantyPage::decl(&cfg),
        crate::features::warranty::views::WarrantyServiceView::decl(&cfg),
        crate::features::warranty::views::WarrantyServiceInput::decl(&cfg),
        portal_api::WarrantyServiceKind::decl(&cfg),
        DocumentKind::decl(&cfg),
        ReturnInput::decl(&cfg),
        ReplacementInput::decl(&cfg),
        OfferingFilter::decl(&cfg),
        PriceChangeInput::decl(&cfg),
        PriceRefusal::decl(&cfg),
        PriceStep::decl(&cfg),
        Rounding::decl(&cfg),
        BulkPriceOutcome::decl(&cfg),
        crate::kernel::access::Role::decl(&cfg),
        crate::kernel::access::Command::decl(&cfg),
        crate::features::staff::views::NewStaffInput::decl(&cfg),
        crate::features::staff::views::StaffRow::decl(&cfg),
        crate::features::staff::views::StaffUpdate::decl(&cfg),
        crate::features::staff::views::SessionView::decl(&cfg),
        crate::features::staff::views::SignInAnswer::decl(&cfg),
        crate::features::staff::views::SessionState::decl(&cfg),
        crate::features::audit::AuditQuery::decl(&cfg),
        crate::features::audit::AuditRow::decl(&cfg),
        crate::features::audit::AuditPage::decl(&cfg),
        crate::vault::VaultKind::decl(&cfg),
        crate::features::backup::BackupStage::decl(&cfg),
        crate::features::backup::BackupProgress::decl(&cfg),
        crate::features::backup::BackupSummary::decl(&cfg),
        crate::features::backup::BackupFile::decl(&cfg),
        crate::features::backup::BackupFolder::decl(&cfg),
    ];
    let mut text = String::from(
        "// Generated from the Rust types in the view types of crates/desk-core and crates/portal-api.\n\
         // Do not edit: run `UPDATE_BINDINGS=1 cargo test -p desk-core bindings` instead.\n\n",
    );
    for d in decls {
        text.push_str("export ");
        text.push_str(&d);
        text.push_str("\n\n");
    }
    // Values the UI needs as well as types, so that no list of them is kept by hand there.
    let commands: Vec<String> = crate::kernel::access::Command::ALL.iter().map(json).collect();
    text.push_str(&format!(
        "/** Every permission, in the order of `access::Command`. */\nexport const ALL_COMMANDS: Command[] = [{}];\n\n",
        commands.join(", ")
    ));
    let pairs: Vec<String> =
        OrderAction::ALL.iter().map(|a| format!("  {}: {},", json(a).trim_matches('"'), json(&a.command()))).collect();
    text.push_str(&format!(
        "/** The permission each order action needs (`OrderAction::command`). */\nexport const ORDER_ACTION_COMMAND: Record<OrderAction, Command> = {{\n{}\n}};\n\n",
        pairs.join("\n")
    ));
    let folds: Vec<String> =
        crate::kernel::search_text::SEARCH_FOLDS.iter().map(|(from, to)| format!("['{from}', '{to}']")).collect();
    text.push_str(&format!(
        "/** Each letter and the one search treats it as (`kernel::search_text::SEARCH_FOLDS`). */\nexport const SEARCH_FOLDS: ReadonlyArray<readonly [string, string]> = [{}];\n\n",
        folds.join(", ")
    ));
    vec![("bindings.ts", text.trim_end().to_owned() + "\n")]
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_match_the_committed_typescript() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings");
        for (file, generated) in super::bindings() {
            let path = dir.join(file);
            if std::env::var_os("UPDATE_BINDINGS").is_some() {
                std::fs::create_dir_all(&dir).expect("create ui/src/bindings");
                std::fs::write(&path, &generated).expect("write binding");
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!("{}: {e} (run UPDATE_BINDINGS=1 cargo test -p desk-core bindings)", path.display())
            });
            assert_eq!(
                committed, generated,
                "ui/src/bindings/{file} is stale: run UPDATE_BINDINGS=1 cargo test -p desk-core bindings"
            );
        }
    }
}
