//! The sandbox's own SQLite database (`DIR/portal.sqlite`): opening it, its schema, and the
//! handle the async side uses to run blocking work on it.

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::Connection;

use crate::store::StoreError;

/// The file name of the database inside the data directory.
pub const DB_FILE: &str = "portal.sqlite";

/// The schema, applied once to a new database (`user_version` 0 -> 1).
///
/// Instants are stored as rusqlite's UTC text, money in integer tiyn. Every change of a policy,
/// classifier item, offering or order is also appended to `changes` with the entity's full wire
/// snapshot, in the same transaction: that table *is* the change feed.
const SCHEMA_V1: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE counter (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

CREATE TABLE policy (
    id                       INTEGER PRIMARY KEY CHECK (id = 1),
    acceptance_window_days   INTEGER NOT NULL,
    acceptance_window_basis  TEXT NOT NULL,
    delivery_term_days       INTEGER NOT NULL,
    delivery_term_basis      TEXT NOT NULL,
    confirmation_window_days INTEGER NOT NULL,
    confirmation_window_basis TEXT NOT NULL,
    payment_term_days        INTEGER NOT NULL,
    payment_term_basis       TEXT NOT NULL,
    updated_at               TEXT NOT NULL
);

CREATE TABLE classifier_item (
    code             TEXT PRIMARY KEY,
    category         TEXT NOT NULL,
    name_kk          TEXT NOT NULL,
    name_ru          TEXT NOT NULL,
    name_en          TEXT NOT NULL,
    unit             TEXT NOT NULL,
    limit_price_tiyn INTEGER NOT NULL CHECK (limit_price_tiyn > 0),
    needs_fitting    INTEGER NOT NULL,
    warranty_months  INTEGER NOT NULL CHECK (warranty_months >= 0),
    updated_at       TEXT NOT NULL
);

CREATE TABLE supplier (
    id            TEXT PRIMARY KEY,
    bin           TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    region        TEXT NOT NULL,
    password_hash TEXT NOT NULL
);

CREATE TABLE participant (
    id        TEXT PRIMARY KEY,
    iin       TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    region    TEXT NOT NULL,
    phone     TEXT NOT NULL,
    address   TEXT NOT NULL
);

CREATE TABLE offering (
    id              TEXT PRIMARY KEY,
    supplier_id     TEXT NOT NULL REFERENCES supplier(id),
    classifier_code TEXT NOT NULL REFERENCES classifier_item(code),
    price_tiyn      INTEGER NOT NULL CHECK (price_tiyn > 0),
    stock           INTEGER NOT NULL,
    regions         TEXT NOT NULL, -- JSON array of region codes
    warranty_months INTEGER NOT NULL CHECK (warranty_months >= 0),
    description     TEXT NOT NULL,
    published       INTEGER NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX offering_supplier ON offering(supplier_id);

CREATE TABLE orders (
    id             TEXT PRIMARY KEY,
    number         TEXT NOT NULL UNIQUE,
    supplier_id    TEXT NOT NULL REFERENCES supplier(id),
    participant_id TEXT NOT NULL REFERENCES participant(id),
    status         TEXT NOT NULL,
    placed_at      TEXT NOT NULL,
    accept_by      TEXT NOT NULL,
    accepted_at    TEXT,
    deliver_by     TEXT,
    updated_at     TEXT NOT NULL
);
CREATE INDEX orders_supplier_status ON orders(supplier_id, status);

CREATE TABLE order_line (
    order_id        TEXT NOT NULL REFERENCES orders(id),
    line_no         INTEGER NOT NULL,
    classifier_code TEXT NOT NULL REFERENCES classifier_item(code),
    offering_id     TEXT NOT NULL REFERENCES offering(id),
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_tiyn INTEGER NOT NULL CHECK (unit_price_tiyn >= 0),
    PRIMARY KEY (order_id, line_no)
);

-- Every status move of an order, in the order it happened.
CREATE TABLE order_history (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id    TEXT NOT NULL REFERENCES orders(id),
    transition  TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX order_history_order ON order_history(order_id);

CREATE TABLE token (
    token       TEXT PRIMARY KEY,
    supplier_id TEXT NOT NULL REFERENCES supplier(id),
    issued_at   TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

-- The change feed. supplier_id is NULL for entities every supplier sees (policy, classifier).
CREATE TABLE changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    supplier_id TEXT REFERENCES supplier(id),
    entity_kind TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    snapshot    TEXT NOT NULL, -- JSON of portal_api::Entity
    recorded_at TEXT NOT NULL
);
CREATE INDEX changes_entity ON changes(entity_kind, entity_id);
"#;

/// Version 2 (1 -> 2): the ledger of mutations the desks pushed, the deliveries and fittings
/// they recorded, and, on each change of the feed, the mutation that caused it (NULL for the
/// portal's own changes).
///
/// A mutation is recorded with its result whether it was applied or rejected, so a replay is
/// answered the same; `applications` counts how often its effect was applied (0 for a
/// rejection, 1 otherwise: anything else is a bug the convergence tests look for).
const SCHEMA_V2: &str = r#"
ALTER TABLE changes ADD COLUMN mutation_id TEXT;
CREATE INDEX changes_mutation ON changes(mutation_id) WHERE mutation_id IS NOT NULL;

CREATE TABLE applied_mutation (
    id           TEXT PRIMARY KEY,
    supplier_id  TEXT NOT NULL REFERENCES supplier(id),
    device_id    TEXT NOT NULL,
    device_seq   INTEGER NOT NULL,
    created_at   TEXT NOT NULL,  -- the device's clock: evidence only
    body         TEXT NOT NULL,  -- JSON of portal_api::MutationBody
    result       TEXT NOT NULL,  -- JSON of portal_api::MutationOutcome
    applications INTEGER NOT NULL,
    applied_at   TEXT NOT NULL   -- the sandbox's clock
);
CREATE INDEX applied_mutation_device ON applied_mutation(device_id, device_seq);

CREATE TABLE delivery (
    id             TEXT PRIMARY KEY,
    order_id       TEXT NOT NULL REFERENCES orders(id),
    delivered_on   TEXT NOT NULL,
    place          TEXT NOT NULL,
    serial_numbers TEXT NOT NULL, -- JSON array
    notes          TEXT NOT NULL,
    mutation_id    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
);
CREATE INDEX delivery_order ON delivery(order_id);

CREATE TABLE fitting (
    id             TEXT PRIMARY KEY,
    order_id       TEXT NOT NULL REFERENCES orders(id),
    fitted_on      TEXT NOT NULL,
    technician     TEXT NOT NULL,
    serial_numbers TEXT NOT NULL, -- JSON array
    adjustments    TEXT NOT NULL,
    warranty_start TEXT NOT NULL,
    mutation_id    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
);
CREATE INDEX fitting_order ON fitting(order_id);
"#;

/// Version 3 (2 -> 3): each change knows whether a later change of the same entity superseded
/// it, and the live ones have their own index, so a `latest_only` page reads only what it
/// serves instead of walking every order's history.
const SCHEMA_V3: &str = r#"
ALTER TABLE changes ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
UPDATE changes SET superseded = 1
 WHERE EXISTS (SELECT 1 FROM changes later
                WHERE later.entity_kind = changes.entity_kind AND later.entity_id = changes.entity_id
                  AND later.supplier_id IS changes.supplier_id AND later.seq > changes.seq);
CREATE INDEX changes_live ON changes(seq) WHERE superseded = 0;
"#;

/// Version 4 (3 -> 4): the workshop's fitting sessions with their measurements.
const SCHEMA_V4: &str = r#"
CREATE TABLE fitting_session (
    id           TEXT PRIMARY KEY,
    order_id     TEXT NOT NULL REFERENCES orders(id),
    session_on   TEXT NOT NULL,
    technician   TEXT NOT NULL,
    notes        TEXT NOT NULL,
    measurements TEXT NOT NULL, -- JSON array of portal_api::Measurement
    mutation_id  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX fitting_session_order ON fitting_session(order_id);
"#;

/// Version 5 (4 -> 5): what suppliers did after a refusal at receipt: items taken back, and
/// items handed over in place of refused ones.
const SCHEMA_V5: &str = r#"
CREATE TABLE order_return (
    id          TEXT PRIMARY KEY,
    order_id    TEXT NOT NULL REFERENCES orders(id),
    returned_on TEXT NOT NULL,
    reason      TEXT NOT NULL,
    notes       TEXT NOT NULL,
    mutation_id TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX order_return_order ON order_return(order_id);

CREATE TABLE replacement (
    id             TEXT PRIMARY KEY,
    order_id       TEXT NOT NULL REFERENCES orders(id),
    replaced_on    TEXT NOT NULL,
    serial_numbers TEXT NOT NULL, -- JSON array
    notes          TEXT NOT NULL,
    mutation_id    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
);
CREATE INDEX replacement_order ON replacement(order_id);
"#;

/// Version 6 (5 -> 6): who of the supplier's staff handles an order, as a desk named them, and
/// why its participant refused the item at receipt.
const SCHEMA_V6: &str = r#"
ALTER TABLE orders ADD COLUMN assignee TEXT;
ALTER TABLE orders ADD COLUMN refusal_reason TEXT;
"#;

/// Version 7 (6 -> 7): attachments (photos) uploaded by suppliers, the chunks of uploads still
/// under way, and the photos a delivery or an offering names.
const SCHEMA_V7: &str = r#"
CREATE TABLE attachment (
    supplier_id TEXT NOT NULL REFERENCES supplier(id),
    sha256      TEXT NOT NULL,   -- of `bytes`, checked when the upload completed
    size        INTEGER NOT NULL,
    bytes       BLOB NOT NULL,
    uploaded_at TEXT NOT NULL,
    PRIMARY KEY (supplier_id, sha256)
);
CREATE INDEX attachment_sha256 ON attachment(sha256);
CREATE TABLE attachment_chunk (
    supplier_id TEXT NOT NULL REFERENCES supplier(id),
    sha256      TEXT NOT NULL,
    offset      INTEGER NOT NULL,
    bytes       BLOB NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (supplier_id, sha256, offset)
);
ALTER TABLE delivery ADD COLUMN photos TEXT NOT NULL DEFAULT '[]'; -- JSON array of sha256
ALTER TABLE offering ADD COLUMN photos TEXT NOT NULL DEFAULT '[]'; -- JSON array of sha256
"#;

/// Version 8 (7 -> 8): an offering's stock per region, a JSON array of `{region, quantity}`.
/// An offering stored before keeps `[]`, read as its whole stock in its first region
/// (`portal_api::region_stock`).
const SCHEMA_V8: &str = r#"
ALTER TABLE offering ADD COLUMN stock_by_region TEXT NOT NULL DEFAULT '[]';
"#;

/// Version 9 (8 -> 9): which entity each recorded mutation changed, and where the feed stood
/// when it was processed, so that a feed page tells a desk which of its mutations a snapshot
/// includes. Mutations recorded before carry neither and are never reported.
const SCHEMA_V9: &str = r#"
ALTER TABLE applied_mutation ADD COLUMN entity_id TEXT;
ALTER TABLE applied_mutation ADD COLUMN feed_after INTEGER;
CREATE INDEX applied_mutation_entity ON applied_mutation(device_id, entity_id, feed_after)
    WHERE entity_id IS NOT NULL;
"#;

/// Version 10 (9 -> 10): an offering's model and manufacturer, trimmed, NULL for none.
const SCHEMA_V10: &str = r#"
ALTER TABLE offering ADD COLUMN model TEXT;
ALTER TABLE offering ADD COLUMN manufacturer TEXT;
"#;

/// Version 11 (10 -> 11): a delivery's serial numbers per order line (JSON array of
/// `DeliveredItem`, `[]` when a desk sent the flat list only) and who received the items (JSON
/// of `ReceivedBy`, NULL when not said).
const SCHEMA_V11: &str = r#"
ALTER TABLE delivery ADD COLUMN items TEXT NOT NULL DEFAULT '[]';
ALTER TABLE delivery ADD COLUMN received_by TEXT;
"#;

/// Version 12 (11 -> 12): the paying office's payment orders and their lines (negative in a
/// reversal), and the reversals the simulation has decided on and will make when due.
const SCHEMA_V12: &str = r#"
CREATE TABLE payment (
    id          TEXT PRIMARY KEY,
    supplier_id TEXT NOT NULL REFERENCES supplier(id),
    number      TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('payment', 'reversal')),
    paid_on     TEXT NOT NULL,
    amount_tiyn INTEGER NOT NULL,
    reverses    TEXT UNIQUE REFERENCES payment(id),
    recorded_at TEXT NOT NULL
);
CREATE TABLE payment_line (
    payment_id  TEXT NOT NULL REFERENCES payment(id),
    line_no     INTEGER NOT NULL,
    order_id    TEXT NOT NULL REFERENCES orders(id),
    amount_tiyn INTEGER NOT NULL,
    PRIMARY KEY (payment_id, line_no)
);
CREATE INDEX payment_line_order ON payment_line(order_id);
CREATE TABLE payment_reversal_due (
    payment_id TEXT PRIMARY KEY REFERENCES payment(id),
    due_at     TEXT NOT NULL
);
"#;

/// Version 13 (12 -> 13): repairs and replacements under warranty of the items of orders.
const SCHEMA_V13: &str = r#"
CREATE TABLE warranty_service (
    id                TEXT PRIMARY KEY,
    order_id          TEXT NOT NULL REFERENCES orders(id),
    serviced_on       TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('repair', 'replacement')),
    serial_number     TEXT NOT NULL,
    new_serial_number TEXT,
    notes             TEXT NOT NULL,
    mutation_id       TEXT NOT NULL,
    recorded_at       TEXT NOT NULL
);
CREATE INDEX warranty_service_order ON warranty_service(order_id);
"#;

/// The schema version this build writes.
const SCHEMA_VERSION: i64 = 13;

/// Opens (creating if needed) the database file and brings its schema up to date.
pub(crate) fn open(path: &Path) -> Result<Connection, StoreError> {
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // A batch of 200 mutations dirties more than the default 2 MiB page cache, which then
    // spills to the WAL in the middle of the batch; and the push path's statements outnumber
    // rusqlite's default statement cache of 16.
    conn.pragma_update(None, "cache_size", -16_384)?;
    conn.set_prepared_statement_cache_capacity(64);
    migrate(&mut conn)?;
    Ok(conn)
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if !(0..=SCHEMA_VERSION).contains(&version) {
        return Err(StoreError::SchemaTooNew { found: version, supported: SCHEMA_VERSION });
    }
    if version < 1 {
        tx.execute_batch(SCHEMA_V1)?;
    }
    if version < 2 {
        tx.execute_batch(SCHEMA_V2)?;
    }
    if version < 3 {
        tx.execute_batch(SCHEMA_V3)?;
    }
    if version < 4 {
        tx.execute_batch(SCHEMA_V4)?;
    }
    if version < 5 {
        tx.execute_batch(SCHEMA_V5)?;
    }
    if version < 6 {
        tx.execute_batch(SCHEMA_V6)?;
    }
    if version < 7 {
        tx.execute_batch(SCHEMA_V7)?;
    }
    if version < 8 {
        tx.execute_batch(SCHEMA_V8)?;
    }
    if version < 9 {
        tx.execute_batch(SCHEMA_V9)?;
    }
    if version < 10 {
        tx.execute_batch(SCHEMA_V10)?;
    }
    if version < 11 {
        tx.execute_batch(SCHEMA_V11)?;
    }
    if version < 12 {
        tx.execute_batch(SCHEMA_V12)?;
    }
    if version < 13 {
        tx.execute_batch(SCHEMA_V13)?;
    }
    if version != SCHEMA_VERSION {
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    tx.commit()?;
    Ok(())
}

/// The shared handle to the database. One connection behind a mutex: the sandbox's load is
/// small, and a single writer keeps the change feed's sequence trivially monotonic. Work on it
/// runs on tokio's blocking pool, never on the async executor.
#[derive(Debug, Clone)]
pub(crate) struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    pub(crate) fn new(conn: Connection) -> Db {
        Db { conn: Arc::new(Mutex::new(conn)) }
    }

    /// Runs `f` with the connection on the blocking pool.
    pub(crate) async fn run<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            // Every write is a transaction, so a panic while the lock was held cannot have left
            // half a change behind: the connection under a poisoned lock is still sound.
            let mut guard = conn.lock().unwrap_or_else(PoisonError::into_inner);
            f(&mut guard)
        })
        .await
        .map_err(|e| StoreError::Task(e.to_string()))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_twice_keeps_the_schema() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(DB_FILE);
        drop(open(&path).expect("first open"));
        let conn = open(&path).expect("second open");
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
        assert_eq!(version, SCHEMA_VERSION);
        let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).expect("mode");
        assert_eq!(mode, "wal");
    }

    #[test]
    fn a_version_1_database_is_brought_to_the_current_version() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(DB_FILE);
        {
            let conn = Connection::open(&path).expect("open");
            conn.execute_batch(SCHEMA_V1).expect("v1 schema");
            conn.pragma_update(None, "user_version", 1).expect("set version");
        }
        let conn = open(&path).expect("open and migrate");
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
        assert_eq!(version, SCHEMA_VERSION);
        let ledger: i64 = conn.query_row("SELECT COUNT(*) FROM applied_mutation", [], |r| r.get(0)).expect("ledger");
        assert_eq!(ledger, 0);
        conn.execute(
            "INSERT INTO changes (supplier_id, entity_kind, entity_id, snapshot, recorded_at, mutation_id)
             VALUES (NULL, 'policy', 'policy', '{}', '2026-01-01', 'm1')",
            [],
        )
        .expect("the feed has a mutation column");
    }

    #[test]
    fn a_version_2_feed_learns_which_changes_are_superseded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(DB_FILE);
        {
            let conn = Connection::open(&path).expect("open");
            conn.execute_batch(SCHEMA_V1).expect("v1 schema");
            conn.execute_batch(SCHEMA_V2).expect("v2 schema");
            conn.pragma_update(None, "user_version", 2).expect("set version");
            for (kind, id) in [("order", "a"), ("order", "b"), ("order", "a"), ("offering", "a"), ("order", "a")] {
                conn.execute(
                    "INSERT INTO changes (supplier_id, entity_kind, entity_id, snapshot, recorded_at)
                     VALUES (NULL, ?1, ?2, '{}', '2026-01-01')",
                    [kind, id],
                )
                .expect("change");
            }
        }
        let conn = open(&path).expect("open and migrate");
        let live: Vec<i64> = conn
            .prepare("SELECT seq FROM changes WHERE superseded = 0 ORDER BY seq")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("live changes");
        assert_eq!(live, vec![2, 4, 5], "the last change of each entity stays live");
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(DB_FILE);
        {
            let conn = Connection::open(&path).expect("open");
            conn.pragma_update(None, "user_version", 99).expect("set version");
        }
        assert!(matches!(open(&path), Err(StoreError::SchemaTooNew { found: 99, .. })));
    }
}
