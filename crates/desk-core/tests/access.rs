//! Roles and staff on real SQLite files: for every role and every command, allowed or refused
//! as the role says, by the policy, by the session, and by the store's own actions (a refused
//! action writes nothing); sign-in refusals counted and paused; the screen lock; the audit trail
//! naming who acted, its filters and its CSV.

mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use common::*;
use desk_core::access::{Actor, Command, Role};
use desk_core::features::audit::AuditQuery;
use desk_core::features::offerings::NewOffering;
use desk_core::features::offerings::bulk_price::PriceChange;
use desk_core::features::offerings::views::{OfferingFilter, Rounding};
use desk_core::features::orders::refusals::{ItemReturn, Replacement};
use desk_core::features::staff::StaffError;
use desk_core::features::staff::views::{NewStaffInput, SignInOutcome, StaffUpdate};
use desk_core::features::workshop::views::{FittedInput, FittingSessionInput};
use desk_core::kernel::ActionError;
use desk_core::kernel::money::Money;
use desk_core::kernel::session::{Session, SessionError};
use desk_core::{Delivery, Store, StoreError};
use portal_api::RegionStock;

/// The roles as the supplier described them, written out here apart from the code's table:
/// manager everything; office offerings, orders, money and reports; workshop the fitting queue and the
/// fitted mark; office and workshop the warranty register and service under it; courier
/// deliveries; everyone their own work and language.
fn expected(role: Role) -> HashSet<Command> {
    use Command as C;
    let common = [C::SyncStatus, C::MyWork, C::Today, C::OwnSettings];
    let list: Vec<Command> = match role {
        Role::Manager => return Command::ALL.into_iter().collect(),
        Role::Office => vec![
            C::InboxPage,
            C::OrderDetail,
            C::OrderAccept,
            C::OrderDecline,
            C::OrderAssign,
            C::Notices,
            C::OfferingsList,
            C::OfferingSave,
            C::OfferingPublish,
            C::OfferingsPriceChange,
            C::OfferingsImport,
            C::OfferingsExport,
            C::OrdersExport,
            C::Money,
            C::Reports,
            C::PhotoAdd,
            C::PhotoView,
            C::ConflictsList,
            C::ConflictResolve,
            C::OutagesList,
            C::DocumentOrderLabel,
            C::DocumentDeliveryAct,
            C::DocumentFittingAct,
            C::WarrantyRegister,
            C::WarrantyServiceRecord,
        ],
        Role::Workshop => vec![
            C::WorkshopQueue,
            C::FittingSessionRecord,
            C::FittingMarkFitted,
            C::DocumentOrderLabel,
            C::DocumentFittingAct,
            C::WarrantyRegister,
            C::WarrantyServiceRecord,
        ],
        Role::Courier => vec![
            C::InboxPage,
            C::OrderDetail,
            C::DeliveryRecord,
            C::ReturnRecord,
            C::ReplacementRecord,
            C::PhotoAdd,
            C::PhotoView,
            C::DocumentDeliveryAct,
        ],
    };
    list.into_iter().chain(common).collect()
}

#[test]
fn every_role_is_allowed_exactly_its_commands_by_the_policy_and_the_session() {
    let all: HashSet<Command> = Command::ALL.into_iter().collect();
    assert_eq!(all.len(), Command::ALL.len(), "no command is listed twice");
    for role in Role::ALL {
        let actor = staff::actor(role);
        let mut session = Session::new(Duration::from_secs(300));
        let now = Instant::now();
        session.begin(actor.clone(), now);
        let allowed = expected(role);
        for command in Command::ALL {
            let should = allowed.contains(&command);
            assert_eq!(role.allows(command), should, "{role:?} {command:?} by the policy");
            match session.actor_for(command, now) {
                Ok(_) => assert!(should, "{role:?} {command:?}: the session let it through"),
                Err(SessionError::Forbidden(e)) => {
                    assert!(!should, "{role:?} {command:?}: the session refused it");
                    assert_eq!((e.role, e.command), (role, command));
                }
                Err(other) => panic!("{role:?} {command:?}: {other:?}"),
            }
        }
    }
    // Only a manager manages staff, reads the audit trail, signs in to the portal or restores.
    for command in
        [Command::StaffManage, Command::StaffList, Command::AuditView, Command::PortalSignIn, Command::BackupRestore]
    {
        let roles: Vec<Role> = Role::ALL.into_iter().filter(|r| r.allows(command)).collect();
        assert_eq!(roles, [Role::Manager], "{command:?}");
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

/// Runs the store's own action for `command` as `actor`; None for commands that are reads
/// (checked by the session only) or need no store.
fn attempt(store: &mut Store, dir: &tempfile::TempDir, actor: &Actor, command: Command) -> Option<Result<(), String>> {
    use Command as C;
    let forbidden = |e: &dyn std::fmt::Debug| format!("{e:?}");
    let action = |r: Result<String, ActionError>| match r {
        Err(ActionError::Forbidden(e)) => Err(forbidden(&e)),
        _ => Ok(()),
    };
    Some(match command {
        C::OrderAccept => action(store.accept_order(actor, "a")),
        C::OrderDecline => action(store.decline_order(actor, "b", "no stock")),
        C::OrderAssign => action(store.assign_order(actor, "a", "Ержан")),
        C::DeliveryRecord => action(store.record_delivery(
            actor,
            &Delivery {
                order_id: "d".into(),
                delivered_on: day(20),
                place: "Алматы".into(),
                serial_numbers: vec![],
                notes: String::new(),
                items: vec![],
                received_by: None,
            },
        )),
        C::ReturnRecord => action(store.record_return(
            actor,
            &ItemReturn { order_id: "d".into(), returned_on: day(21), reason: "size".into(), notes: String::new() },
        )),
        C::ReplacementRecord => action(store.record_replacement(
            actor,
            &Replacement {
                order_id: "d".into(),
                replaced_on: day(21),
                serial_numbers: vec!["S-2".into()],
                notes: String::new(),
            },
        )),
        C::OfferingSave => action(store.create_offering(
            actor,
            &NewOffering {
                classifier_code: classifier().code,
                price: Money::from_tiyn(10_000),
                regions: vec!["KZ-ALA".into()],
                stock_by_region: vec![RegionStock { region: "KZ-ALA".into(), quantity: 1 }],
                warranty_months: 12,
                description: String::new(),
                published: false,
                model: None,
                manufacturer: None,
            },
        )),
        C::OfferingsPriceChange => action(
            store
                .change_prices(actor, &OfferingFilter::default(), PriceChange::Percent(-100), Rounding::Tiyn, None)
                .map(|_| String::new()),
        ),
        C::OfferingsImport => match store.import_offerings_csv(actor, "id,classifier_code\n".as_bytes()) {
            Err(desk_core::ImportError::Forbidden(e)) => Err(forbidden(&e)),
            _ => Ok(()),
        },
        C::ConflictResolve => action(store.discard_conflict(actor, "no-such-mutation", "test").map(|()| String::new())),
        C::FittingSessionRecord => action(store.record_fitting_session(
            actor,
            &FittingSessionInput {
                order_id: "d".into(),
                session_on: "2026-11-20".into(),
                technician: "Т. Техник".into(),
                notes: String::new(),
                measurements: vec![],
            },
        )),
        C::FittingMarkFitted => action(store.mark_fitted(
            actor,
            &FittedInput {
                order_id: "d".into(),
                fitted_on: "2026-11-20".into(),
                technician: "Т. Техник".into(),
                serial_numbers: vec!["S-1".into()],
                adjustments: String::new(),
                warranty_start: "2026-11-20".into(),
            },
        )),
        C::DocumentOrderLabel | C::DocumentDeliveryAct | C::DocumentFittingAct => {
            let kind = match command {
                C::DocumentOrderLabel => desk_core::documents::DocumentKind::OrderLabel,
                C::DocumentDeliveryAct => desk_core::documents::DocumentKind::DeliveryAct,
                _ => desk_core::documents::DocumentKind::FittingAct,
            };
            let fonts = desk_core::documents::Fonts::from_system().expect("DejaVu Sans is installed");
            let req =
                desk_core::documents::DocumentRequest { kind, order_id: "d", lang: desk_core::documents::Lang::En };
            match store.make_document(actor, &req, &fonts, desk_core::documents::Destination::Dir(dir.path())) {
                Err(desk_core::documents::DocumentError::Forbidden(e)) => Err(forbidden(&e)),
                _ => Ok(()),
            }
        }
        C::OrdersExport => store
            .orders_xlsx(
                actor,
                &desk_core::features::orders::views::InboxQuery { limit: 10, ..Default::default() },
                desk_core::documents::Lang::En,
            )
            .map(|_| ())
            .map_err(|e| forbidden(&e)),
        C::MyWork => store.my_work(actor).map(|_| ()).map_err(|e| forbidden(&e)),
        C::WarrantyRegister => store
            .warranty_register(
                actor,
                &desk_core::features::warranty::RegisterQuery {
                    serial_prefix: Some("S-".into()),
                    ending_within_days: None,
                    today: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
                    limit: 10,
                },
            )
            .map(|_| ())
            .map_err(|e| forbidden(&e)),
        // Refused by its rules (the seeded orders hold no serial) when the role may do it.
        C::WarrantyServiceRecord => match store.record_warranty_service(
            actor,
            &desk_core::features::warranty::WarrantyService {
                order_id: "c".into(),
                serial_number: "S-1".into(),
                kind: portal_api::WarrantyServiceKind::Repair,
                serviced_on: day(21),
                new_serial_number: None,
                notes: "fault".into(),
            },
        ) {
            Err(ActionError::Forbidden(e)) => Err(forbidden(&e)),
            _ => Ok(()),
        },
        C::OwnSettings => store.set_own_language(actor, "ru").map(|_| ()).map_err(|e| forbidden(&e)),
        C::StaffList => store.staff_list(actor).map(|_| ()).map_err(|e| forbidden(&e)),
        C::StaffManage => match store.create_staff(
            actor,
            &NewStaffInput {
                username: format!("new-{}", actor.username()),
                display_name: "New".into(),
                role: Role::Courier,
                password: "a long enough password".into(),
            },
        ) {
            Err(StaffError::Forbidden(e)) => Err(forbidden(&e)),
            other => other.map(|_| ()).map_err(|e| format!("unexpected: {e}")),
        },
        C::AuditView => match store.audit_page(actor, &AuditQuery { limit: 10, ..AuditQuery::default() }) {
            Err(desk_core::features::audit::AuditError::Forbidden(e)) => Err(forbidden(&e)),
            _ => Ok(()),
        },
        _ => return None,
    })
}

fn written(dir: &tempfile::TempDir) -> (i64, i64, i64, i64, i64) {
    let conn = raw(dir);
    let orders: i64 = conn
        .query_row(
            "SELECT count(*) FROM orders WHERE status <> 'placed' AND status <> 'paid' AND status <> 'in_work'",
            [],
            |r| r.get(0),
        )
        .expect("orders");
    (count(&conn, "outbox"), count(&conn, "audit_log"), count(&conn, "offerings"), count(&conn, "staff"), orders)
}

#[test]
fn the_stores_own_actions_refuse_a_role_that_does_not_cover_them_and_write_nothing() {
    let mut checked = 0;
    for role in Role::ALL {
        // One seeded store with this role's member, copied for each command: its staff are the
        // store's own, and the copies spare a password hash per command.
        let template = tempfile::tempdir().expect("dir");
        let actor = {
            let mut store = seeded(&template);
            staff::staff_member(&mut store, role)
        };
        let allowed = expected(role);
        for command in Command::ALL {
            let dir = tempfile::tempdir().expect("dir");
            std::fs::copy(template.path().join("desk.sqlite"), dir.path().join("desk.sqlite")).expect("copy");
            let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
            let before = written(&dir);
            let Some(outcome) = attempt(&mut store, &dir, &actor, command) else { continue };
            checked += 1;
            if allowed.contains(&command) {
                assert!(outcome.is_ok(), "{role:?} {command:?} refused: {outcome:?}");
            } else {
                let refusal = outcome.expect_err(&format!("{role:?} {command:?} must be refused"));
                assert!(refusal.contains(&format!("{command:?}")), "{refusal}");
                assert_eq!(written(&dir), before, "{role:?} {command:?}: a refused action writes nothing");
                let documents = std::fs::read_dir(dir.path())
                    .expect("dir")
                    .filter(|e| e.as_ref().is_ok_and(|e| e.path().extension().is_some_and(|x| x == "pdf")));
                assert_eq!(documents.count(), 0, "{role:?} {command:?}: no document made");
            }
        }
    }
    assert_eq!(checked, 4 * 23, "every role against every command the store checks itself");
}

fn new_staff(username: &str, role: Role) -> NewStaffInput {
    NewStaffInput {
        username: username.into(),
        display_name: format!("{username} name"),
        role,
        password: "password-of-8+".into(),
    }
}

#[test]
fn the_first_account_is_a_manager_made_once_and_accounts_are_checked() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = seeded(&dir);
    assert!(!store.has_staff().expect("staff"));
    // Whatever role the form says, the first account manages the workstation.
    let manager = store.create_first_manager(&new_staff("Aigul", Role::Courier)).expect("first");
    assert_eq!((manager.username(), manager.role()), ("aigul", Role::Manager));
    assert!(matches!(store.create_first_manager(&new_staff("other", Role::Manager)), Err(StaffError::AlreadySetUp)));

    let bad = [
        (NewStaffInput { username: " ".into(), ..new_staff("x", Role::Office) }, "username"),
        (NewStaffInput { username: "a b".into(), ..new_staff("x", Role::Office) }, "username"),
        (NewStaffInput { display_name: "".into(), ..new_staff("x", Role::Office) }, "display_name"),
        (NewStaffInput { password: "short".into(), ..new_staff("x", Role::Office) }, "password"),
        (new_staff("AIGUL", Role::Office), "username"),
    ];
    for (input, field) in bad {
        match store.create_staff(&manager, &input) {
            Err(StaffError::Invalid { field: f, .. }) => assert_eq!(f, field, "{input:?}"),
            other => panic!("{input:?}: {other:?}"),
        }
    }
    let row = store.create_staff(&manager, &new_staff("tech", Role::Workshop)).expect("create");
    assert_eq!((row.username.as_str(), row.role, row.active), ("tech", Role::Workshop, true));
    // No one's password is stored: only its Argon2id hash.
    let hashes: Vec<String> = raw(&dir)
        .prepare("SELECT password_hash FROM staff")
        .expect("sql")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("read");
    assert!(hashes.iter().all(|h| h.starts_with("$argon2id$") && !h.contains("password-of-8+")), "{hashes:?}");
    assert_eq!(store.staff_list(&manager).expect("list").len(), 2);
}

#[test]
fn a_wrong_password_is_refused_counted_and_paused_after_five_in_a_row() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = seeded(&dir);
    let manager = store.create_first_manager(&new_staff("boss", Role::Manager)).expect("first");
    store.create_staff(&manager, &new_staff("tech", Role::Workshop)).expect("create");

    for n in 1..=4 {
        match store.sign_in("tech", "wrong password").expect("sign in") {
            SignInOutcome::Refused { refused_in_row, paused_until: None } => assert_eq!(refused_in_row, n),
            other => panic!("attempt {n}: {other:?}"),
        }
    }
    // The right password now: signed in, told how many refusals came before.
    match store.sign_in(" TECH ", "password-of-8+").expect("sign in") {
        SignInOutcome::SignedIn { actor, refused_before } => {
            assert_eq!((actor.username(), actor.role(), refused_before), ("tech", Role::Workshop, 4));
        }
        other => panic!("{other:?}"),
    }
    // The count starts again; five refusals in a row pause the name, even for the right password.
    for n in 1..=5 {
        let outcome = store.sign_in("tech", "wrong again").expect("sign in");
        let SignInOutcome::Refused { refused_in_row, paused_until } = outcome else { panic!("{outcome:?}") };
        assert_eq!(refused_in_row, n);
        assert_eq!(paused_until.is_some(), n == 5);
    }
    assert!(matches!(store.sign_in("tech", "password-of-8+").expect("sign in"), SignInOutcome::Paused { .. }));
    // An unknown name is answered like a wrong password, and counted under the name typed.
    assert!(matches!(
        store.sign_in("nobody", "whatever").expect("sign in"),
        SignInOutcome::Refused { refused_in_row: 1, paused_until: None }
    ));
    assert_eq!(store.refused_sign_ins("tech").expect("count"), 9);
    assert_eq!(store.refused_sign_ins("nobody").expect("count"), 1);

    // Each attempt is audited under the name typed.
    let page = store
        .audit_page(&manager, &AuditQuery { actor: Some("tech".into()), limit: 100, ..Default::default() })
        .expect("audit");
    let actions: Vec<&str> = page.rows.iter().rev().map(|r| r.action.as_str()).collect();
    assert_eq!(actions.iter().filter(|a| **a == "sign_in_refused").count(), 9);
    assert_eq!(actions.iter().filter(|a| **a == "signed_in").count(), 1);

    // A turned-off account cannot sign in, with its right password.
    let tech_id =
        store.staff_list(&manager).expect("list").into_iter().find(|s| s.username == "tech").expect("tech").id;
    store.create_staff(&manager, &new_staff("courier1", Role::Courier)).expect("create");
    let courier_id =
        store.staff_list(&manager).expect("list").into_iter().find(|s| s.username == "courier1").expect("c").id;
    store.set_staff_active(&manager, courier_id, false).expect("turn off");
    assert_eq!(store.sign_in("courier1", "password-of-8+").expect("sign in"), SignInOutcome::Disabled);
    assert!(matches!(
        store.set_staff_active(&manager, manager.staff_id(), false),
        Err(StaffError::Invalid { field: "active", .. })
    ));
    store.reset_staff_password(&manager, tech_id, "a brand new one").expect("reset");
}

/// A manager corrects a name and changes a role, in one audited change each; cannot change
/// their own role; a bad name or someone else doing it changes nothing.
#[test]
fn a_manager_edits_a_name_and_a_role_and_not_their_own_role() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = seeded(&dir);
    let manager = store.create_first_manager(&new_staff("boss", Role::Manager)).expect("first");
    let tech = store.create_staff(&manager, &new_staff("tech", Role::Workshop)).expect("create");
    let office = store.create_staff(&manager, &new_staff("desk", Role::Office)).expect("create");

    let change = StaffUpdate { display_name: "  Ерлан Сейітов ".into(), role: Role::Courier };
    let row = store.update_staff(&manager, tech.id, &change).expect("update");
    assert_eq!((row.display_name.as_str(), row.role, row.username.as_str()), ("Ерлан Сейітов", Role::Courier, "tech"));
    // The next sign-in carries the new role.
    match store.sign_in("tech", "password-of-8+").expect("sign in") {
        SignInOutcome::SignedIn { actor, .. } => assert_eq!(actor.role(), Role::Courier),
        other => panic!("{other:?}"),
    }

    let refused = [
        (
            store.update_staff(&manager, tech.id, &StaffUpdate { display_name: " ".into(), role: Role::Office }),
            "display_name",
        ),
        (
            store.update_staff(
                &manager,
                manager.staff_id(),
                &StaffUpdate { display_name: "Boss".into(), role: Role::Office },
            ),
            "role",
        ),
    ];
    for (outcome, field) in refused {
        assert!(matches!(outcome, Err(StaffError::Invalid { field: f, .. }) if f == field), "{field}");
    }
    assert!(matches!(
        store.update_staff(&manager, 9_999, &StaffUpdate { display_name: "X".into(), role: Role::Office }),
        Err(StaffError::Store(StoreError::NotFound { .. }))
    ));
    // A manager may rename themselves, keeping their role.
    let me = store.update_staff(
        &manager,
        manager.staff_id(),
        &StaffUpdate { display_name: "The Boss".into(), role: Role::Manager },
    );
    assert_eq!(me.expect("rename self").display_name, "The Boss");
    // An office account may not manage staff.
    let SignInOutcome::SignedIn { actor: clerk, .. } = store.sign_in("desk", "password-of-8+").expect("sign in") else {
        panic!("the office account signs in")
    };
    assert!(matches!(
        store.update_staff(&clerk, office.id, &StaffUpdate { display_name: "Me".into(), role: Role::Manager }),
        Err(StaffError::Forbidden(_))
    ));
    let list = store.staff_list(&manager).expect("list");
    let clerk_row = list.iter().find(|s| s.username == "desk").expect("desk");
    assert_eq!((clerk_row.display_name.as_str(), clerk_row.role), ("desk name", Role::Office), "nothing changed");

    // Two successful edits, two audit entries saying what changed.
    let page = store.audit_page(&manager, &AuditQuery { limit: 100, ..Default::default() }).expect("audit");
    let edits: Vec<_> = page.rows.iter().filter(|r| r.action == "staff_updated").collect();
    assert_eq!(edits.len(), 2);
    assert!(
        edits.iter().any(|r| r.detail.contains("\"role_before\":\"workshop\"") && r.detail.contains("courier")),
        "{edits:?}"
    );
}

#[test]
fn the_session_locks_after_idle_time_and_use_keeps_it_open() {
    let actor = staff::actor(Role::Courier);
    let mut session = Session::new(Duration::from_secs(300));
    let start = Instant::now();
    assert_eq!(session.actor_for(Command::InboxPage, start), Err(SessionError::SignedOut));
    session.begin(actor.clone(), start);
    // Used every four minutes: stays open for twelve.
    for minutes in [4, 8, 12] {
        assert!(session.touch(start + Duration::from_secs(minutes * 60)).is_ok(), "{minutes} min");
    }
    // Five minutes without use: locked, once naming who was signed in, then signed out.
    let later = start + Duration::from_secs(17 * 60);
    assert_eq!(session.actor_for(Command::InboxPage, later), Err(SessionError::Locked(Some(actor.clone()))));
    assert_eq!(session.actor_for(Command::InboxPage, later), Err(SessionError::SignedOut));
    // Switching user: whoever signs in next replaces whoever was there.
    session.begin(actor, later);
    session.begin(staff::actor(Role::Workshop), later);
    assert_eq!(session.current().map(Actor::role), Some(Role::Workshop));
    assert!(matches!(session.actor_for(Command::DeliveryRecord, later), Err(SessionError::Forbidden(_))));
}

#[test]
fn every_audit_entry_names_its_staff_member_and_the_viewer_filters_and_exports() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = seeded(&dir);
    let manager = staff::staff_member(&mut store, Role::Manager);
    let office = staff::staff_member(&mut store, Role::Office);
    let courier = staff::staff_member(&mut store, Role::Courier);
    store.accept_order(&office, "a").expect("accept");
    store.decline_order(&office, "b", "нет в наличии").expect("decline");
    store
        .record_delivery(
            &courier,
            &Delivery {
                order_id: "d".into(),
                delivered_on: day(20),
                place: "Алматы".into(),
                serial_numbers: vec![],
                notes: String::new(),
                items: vec![],
                received_by: None,
            },
        )
        .expect("deliver");

    let all = store.audit_page(&manager, &AuditQuery { limit: 500, ..Default::default() }).expect("all");
    let known: HashSet<&str> = ["manager", "office", "courier"].into();
    assert!(all.rows.iter().all(|r| known.contains(r.actor.as_str())), "every entry names a staff member");
    assert_eq!(all.total as usize, all.rows.len());
    assert!(all.rows.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    assert!(all.actions.contains(&"accept_order".to_owned()) && all.actors.contains(&"courier".to_owned()));

    let by_office = store
        .audit_page(
            &manager,
            &AuditQuery {
                actor: Some("office".into()),
                action: Some("accept_order".into()),
                limit: 50,
                ..Default::default()
            },
        )
        .expect("filtered");
    assert_eq!(by_office.rows.len(), 1);
    assert_eq!((by_office.rows[0].entity_id.as_str(), by_office.total), ("a", 1));
    let on_d = store
        .audit_page(&manager, &AuditQuery { entity_id: Some("d".into()), limit: 50, ..Default::default() })
        .expect("d");
    assert_eq!(on_d.rows.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(), ["record_delivery"]);
    let now = chrono::Utc::now();
    let future = store
        .audit_page(
            &manager,
            &AuditQuery { from: Some(now + chrono::Duration::hours(1)), limit: 50, ..Default::default() },
        )
        .expect("future");
    assert_eq!(future.total, 0);
    let past = store
        .audit_page(
            &manager,
            &AuditQuery {
                until: Some(now + chrono::Duration::seconds(1)),
                from: Some(now - chrono::Duration::hours(1)),
                limit: 50,
                ..Default::default()
            },
        )
        .expect("past");
    assert_eq!(past.total, all.total);
    let paged = store.audit_page(&manager, &AuditQuery { offset: 1, limit: 2, ..Default::default() }).expect("page");
    assert_eq!(
        paged.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        all.rows[1..3].iter().map(|r| r.id).collect::<Vec<_>>()
    );

    let csv =
        store.audit_csv(&manager, &AuditQuery { actor: Some("office".into()), ..Default::default() }).expect("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().expect("header").iter().collect::<Vec<_>>(),
        ["at_utc", "actor", "action", "entity", "entity_id", "detail"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    let office_total = all.rows.iter().filter(|r| r.actor == "office").count();
    assert_eq!(rows.len(), office_total);
    assert!(rows.iter().all(|r| &r[1] == "office"));
    assert!(rows.iter().any(|r| &r[2] == "decline_order" && r[5].contains("нет в наличии")));
}
