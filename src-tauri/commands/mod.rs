//! The IPC commands the webview may call: thin adapters from JSON arguments to desk-core.

pub mod inbox;
pub mod sync;
