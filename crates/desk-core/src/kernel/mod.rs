//! The kernel: the store and what every action shares — its schema, the one write transaction
//! (domain rows + outbox + audit), roles, errors, photos kept beside the database, and the
//! domain's plain types. It knows nothing of the features above it.

pub mod access;
pub mod at_rest;
pub mod attachments;
pub(crate) mod bulk_load;
pub(crate) mod error;
pub(crate) mod file_seal;
pub mod model;
pub mod money;
pub(crate) mod outbox;
pub(crate) mod schema;
pub mod search_text;
pub mod session;
pub mod spreadsheet;
pub mod store;

pub use error::{ActionError, Problem};
