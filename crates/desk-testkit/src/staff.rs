//! Staff for tests, benchmarks and examples: signs in a member of the given role on a store,
//! creating the first (manager) account and the member's account the way a manager would.

use desk_core::Store;
use desk_core::access::{Actor, Role};
use desk_core::features::staff::views::{NewStaffInput, SignInOutcome};

pub const STAFF_PASSWORD: &str = "correct horse battery";

/// A signed-in member of `role`, user name `role` (`manager`, `office`, …).
pub fn staff_member(store: &mut Store, role: Role) -> Actor {
    let input = |role: Role| NewStaffInput {
        username: role.as_str().into(),
        display_name: format!("Test {}", role.as_str()),
        role,
        password: STAFF_PASSWORD.into(),
    };
    if !store.has_staff().expect("read staff") {
        store.create_first_manager(&input(Role::Manager)).expect("first account");
    }
    let sign_in = |store: &mut Store, name: &str| match store.sign_in(name, STAFF_PASSWORD).expect("sign in") {
        SignInOutcome::SignedIn { actor, .. } => Some(actor),
        _ => None,
    };
    let exists = store.has_staff_named(role.as_str()).expect("read staff");
    if !exists {
        let manager = sign_in(store, "manager").expect("the manager signs in");
        store.create_staff(&manager, &input(role)).expect("create the account");
    }
    sign_in(store, role.as_str()).expect("the member signs in")
}

/// A signed-in member of `role`, for tests that only need someone to act: signed in once per
/// process on a store of its own, so that it writes nothing into the store under test. (An
/// actor is not tied to one store; the audit log names them by user name.)
pub fn actor(role: Role) -> Actor {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static ACTORS: OnceLock<Mutex<HashMap<Role, Actor>>> = OnceLock::new();
    let mut actors = ACTORS.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner());
    actors
        .entry(role)
        .or_insert_with(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let mut store = Store::open(&dir.path().join("staff.sqlite")).expect("open the staff store");
            staff_member(&mut store, role)
        })
        .clone()
}
