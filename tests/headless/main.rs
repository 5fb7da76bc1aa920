//! The tests that need no display, in one test binary (one link instead of one per file): the
//! sync suites against a real sandbox over loopback (first sync, answers in doubt, the fault
//! matrix, the crash test, the randomized two-desk run, conflicts, assignments, refusals,
//! photos, writes during a sync), the command line, the logs and the bytes at rest.
//!
//! The suites that time SIGKILLs or faults (`crash`, `faults`, `sync_randomized`) take
//! `sync_support::heavy()`, so that they never run beside each other.

mod sync_support;

mod assignment;
mod at_rest;
mod attachments_sync;
mod cli;
mod cli_documents;
mod concurrent_writes;
mod conflicts;
mod crash;
mod faults;
mod first_sync;
mod logs;
mod refusals;
mod sync_in_doubt;
mod sync_randomized;
