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

    // The courier has an account on both desks (the manager made them on each).
    let clerk = staff::staff_member(&mut office.store(), Role::Office);
    staff::staff_member(&mut office.store(), Role::Courier);
    staff::staff_member(&mut field.store(), Role::Courier);
    office.store().assign_order(&clerk, &order, "courier").expect("assign");
    office.sync_until_drained(2).await;
    let on_portal = portal.state().await.expect("state").order(&order).expect("order").assignee.clone();
    assert_eq!(on_portal.as_deref(), Some("courier"));

    field.sync_until_drained(2).await;
    let detail = field.store().order_detail(&order).expect("detail");
    assert_eq!(detail.assignee.as_deref(), Some("courier"));
    assert_eq!(detail.assignee_name.as_deref(), Some("Test courier"));
    // …and it is in the courier's own work there.
    let courier = staff::staff_member(&mut field.store(), Role::Courier);
    let mine = field.store().my_work(&courier).expect("my work");
    assert_eq!(mine.iter().map(|w| w.row.order_id.as_str()).collect::<Vec<_>>(), [order.as_str()]);
}
