//! What the tests, benchmarks and examples of Supplier Desk share, as a crate of its own
//! instead of files included by path: staff who act on a store (`staff`), and a desk's secrets
//! as the app keeps them in tests, without a keychain (`vault`). A dev-dependency only.

pub mod staff;
pub mod vault;
