//! The core of Supplier Desk: domain types and rules, the local store, and sync with the portal.
//!
//! Nothing here knows about Tauri, the webview or the UI, so every rule is testable with plain
//! `cargo test`. The Tauri shell calls into [`Store`] and [`sync`] through thin commands.

pub mod access;
pub mod actions;
pub mod assignment;
pub mod at_rest;
pub mod attachments;
pub mod audit;
pub mod backup;
pub mod bulk_price;
mod conflicts;
mod file_seal;
mod hex;
pub mod session;
pub mod staff;
pub use portal_rules::ident;
mod inbox_filter;
pub use portal_rules::lifecycle;
pub mod documents;
pub mod log_safe;
pub mod model;
pub mod money;
pub mod notices;
mod offering_form;
mod offerings_csv;
mod outages;
pub mod refusals;
mod schema;
mod stock;
pub mod store;
mod supplier_profile;
pub mod sync;
pub mod vault;
pub mod views;
pub mod workshop;

pub use ident::{Bin, IdentError, Iin};
pub use lifecycle::{OrderStatus, Transition, TransitionError};
pub use model::{ClassifierItem, Delivery, Fitting, ModelError, Offering, Order, OrderLine};
pub use money::{Money, MoneyError};
pub use notices::{NoticeOrder, Notices};
pub use offerings_csv::{ImportError, ImportReport, RowError};
pub use store::{Store, StoreError};
pub use supplier_profile::SupplierProfile;
