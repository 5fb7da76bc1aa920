//! The core of Supplier Desk: the local store, the rules of every user action, and sync with
//! the portal. Nothing here knows about Tauri, the webview or the UI, so every rule is testable
//! with plain `cargo test`; the Tauri shell calls in through thin commands.
//!
//! Four layers, imports running one way (checked by `tests/tidy.rs`):
//!
//! - [`vault`]: the secrets — the database key and where it is kept.
//! - [`kernel`]: the store (opening it, its schema, the one write transaction), the outbox and
//!   audit entry every action writes, roles, errors, and the domain's plain types.
//! - [`replica`]: the portal's state as this desk holds it with its own mutations laid over it,
//!   and the local half of every mutation.
//! - [`features`]: what people do — orders, offerings, workshop, documents, staff, backup, … —
//!   each with its actions, queries and views.
//! - [`sync`]: talking to the portal; it writes into the replica and reads the kernel's outbox.

pub mod bindings;
pub mod features;
pub mod kernel;
pub mod replica;
pub mod sync;
pub mod vault;

pub use features::documents;
pub use features::offerings::csv::{ImportError, ImportReport, RowError};
pub use features::orders::notices::{NoticeOrder, Notices};
pub use kernel::access;
pub use kernel::model::{ClassifierItem, Delivery, Fitting, ModelError, Offering, Order, OrderLine};
pub use kernel::money::{Money, MoneyError};
pub use kernel::store::{Store, StoreError};
pub use portal_rules::ident::{self, Bin, IdentError, Iin};
pub use portal_rules::lifecycle::{self, OrderStatus, Transition, TransitionError};
pub use replica::supplier_profile::SupplierProfile;
