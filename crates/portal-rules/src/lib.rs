//! The rules the portal and the desk both enforce, each written once: the order lifecycle,
//! the delivered items and their receiver, what a payment may pay, IIN and BIN, the price against the limit, stock per region, the workshop's fitted mark and
//! measurements, the warranty and its service, the contract's sizes and years.
//!
//! Pure: no I/O, no SQLite, no async, no HTTP. The sandbox (the portal's side) and desk-core
//! (the desk's side) depend on it and never on each other; `portal-api` re-exports the wire
//! types it defines (`OrderStatus`, `RegionStock`).

pub mod delivery;
pub mod fitting;
pub mod ident;
pub mod lifecycle;
pub mod limits;
pub mod payment;
pub mod price;
pub mod status;
pub mod stock;
pub mod warranty;

pub use delivery::{DeliveredItem, ReceivedBy};
pub use ident::{Bin, IdentError, Iin};
pub use lifecycle::{Transition, TransitionError};
pub use status::OrderStatus;
pub use stock::RegionStock;
pub use warranty::WarrantyServiceKind;
