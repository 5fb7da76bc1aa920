//! The IPC commands the webview may call: thin adapters from JSON arguments to desk-core.
//! Commands that touch the database are `async` so they run on the async runtime, never on the
//! main thread that drives the window.

pub mod app;
pub mod assignment;
pub mod audit;
pub mod backup;
pub mod bulk_price;
pub mod documents;
pub mod files;
pub mod inbox;
pub mod journal;
pub mod money;
pub mod notices;
pub mod offerings;
pub mod orders;
pub mod photos;
pub mod refusals;
pub mod reports;
pub mod session;
pub mod staff;
pub mod sync;
pub mod today;
pub mod warranty;
pub mod workshop;
