//! An assignment made on one desk reaches the supplier's other desk through the real sandbox.

use crate::sync_support;

use desk_core::access::Role;
use sync_support::staff;

use desk_core::features::orders::views::InboxQuery;
use sync_support::{Device, sandbox};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_assignment_reaches_the_portal_and_the_other_desk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path(), 21).await;
    let office = Device::open(dir.path(), "office", &portal.url());
    let field = Device::open(dir.path(), "field", &portal.url());
    office.sync_until_drained(2).await;
    field.sync_until_drained(2).await;
    let inbox = office
        .store()
        .inbox(&InboxQuery { open_only: true, offset: 0, limit: 10, ..Default::default() })
        .expect("inbox");
    let order = inbox.rows[0].order_id.clone();

    office.store().assign_order(&staff::actor(Role::Office), &order, "Ержан Қасымов").expect("assign");
    office.sync_until_drained(2).await;
    let on_portal = portal.state().await.expect("state").order(&order).expect("order").assignee.clone();
    assert_eq!(on_portal.as_deref(), Some("Ержан Қасымов"));

    field.sync_until_drained(2).await;
    assert_eq!(field.store().order_detail(&order).expect("detail").assignee.as_deref(), Some("Ержан Қасымов"));
}
