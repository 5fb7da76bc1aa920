//! The local database schema as embedded migrations. Each migration runs in a transaction and
//! bumps `PRAGMA user_version`; a database newer than this build is refused rather than touched.

use rusqlite_migration::{M, Migrations};

const V1: &str = r#"
CREATE TABLE policy (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    terms       TEXT NOT NULL            -- portal_api::PolicyTerms as JSON
) STRICT;

CREATE TABLE classifier (
    code             TEXT PRIMARY KEY,
    category         TEXT NOT NULL,
    name_kk          TEXT NOT NULL,
    name_ru          TEXT NOT NULL,
    name_en          TEXT NOT NULL,
    unit             TEXT NOT NULL,
    limit_price_tiyn INTEGER NOT NULL CHECK (limit_price_tiyn > 0),
    needs_fitting    INTEGER NOT NULL,
    warranty_months  INTEGER NOT NULL
) STRICT;

CREATE TABLE offerings (
    id              TEXT PRIMARY KEY,
    classifier_code TEXT NOT NULL,
    price_tiyn      INTEGER NOT NULL CHECK (price_tiyn > 0),
    stock           INTEGER NOT NULL,
    regions         TEXT NOT NULL,       -- JSON array of region codes
    warranty_months INTEGER NOT NULL,
    description     TEXT NOT NULL,
    published       INTEGER NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE orders (
    id                  TEXT PRIMARY KEY,
    number              TEXT NOT NULL UNIQUE,
    status              TEXT NOT NULL,   -- what the desk shows: the portal's, or a pending local move
    portal_status       TEXT NOT NULL,   -- what the portal last said
    is_open             INTEGER NOT NULL,
    participant_id      TEXT NOT NULL,
    participant_name    TEXT NOT NULL,
    participant_region  TEXT NOT NULL,
    participant_phone   TEXT NOT NULL,
    participant_address TEXT NOT NULL,
    placed_at           TEXT NOT NULL,
    accept_by           TEXT NOT NULL,
    deliver_by          TEXT,
    due_at              TEXT,            -- the next deadline the supplier must meet
    total_tiyn          INTEGER NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;
CREATE INDEX orders_inbox ON orders (is_open DESC, due_at, number);

CREATE TABLE order_lines (
    order_id        TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no         INTEGER NOT NULL,
    classifier_code TEXT NOT NULL,
    offering_id     TEXT NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_tiyn INTEGER NOT NULL CHECK (unit_price_tiyn >= 0),
    PRIMARY KEY (order_id, line_no)
) STRICT;

CREATE TABLE deliveries (
    id             TEXT PRIMARY KEY,
    order_id       TEXT NOT NULL REFERENCES orders (id),
    delivered_on   TEXT NOT NULL,
    place          TEXT NOT NULL,
    serial_numbers TEXT NOT NULL,        -- JSON array
    notes          TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
) STRICT;

CREATE TABLE fittings (
    id             TEXT PRIMARY KEY,
    order_id       TEXT NOT NULL REFERENCES orders (id),
    fitted_on      TEXT NOT NULL,
    technician     TEXT NOT NULL,
    serial_numbers TEXT NOT NULL,        -- JSON array
    adjustments    TEXT NOT NULL,
    warranty_start TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
) STRICT;

-- What the portal must learn, written in the same transaction as the change itself.
CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    mutation_id  TEXT NOT NULL UNIQUE,   -- UUID v7 made on this device
    device_id    TEXT NOT NULL,
    device_seq   INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    payload      TEXT NOT NULL,          -- JSON
    created_at   TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applied', 'rejected')),
    UNIQUE (device_id, device_seq)
) STRICT;
CREATE INDEX outbox_pending ON outbox (state, entity_id);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail    TEXT NOT NULL              -- JSON
) STRICT;

CREATE TABLE sync_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    device_id       TEXT NOT NULL,
    next_device_seq INTEGER NOT NULL,
    cursor          INTEGER NOT NULL,    -- last change-feed sequence applied
    head            INTEGER NOT NULL,    -- the feed's head when last seen
    last_sync_at    TEXT
) STRICT;

CREATE VIRTUAL TABLE orders_fts USING fts5 (
    order_id UNINDEXED, number, participant_name, items, tokenize = 'unicode61 remove_diacritics 2'
);
"#;

/// Push results, conflicts, the portal's own view of offerings, and the outage journal.
const V2: &str = r#"
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN reject_reason TEXT;      -- portal_api::RejectReason, snake_case
ALTER TABLE outbox ADD COLUMN reject_message TEXT;
ALTER TABLE outbox ADD COLUMN rejected_at TEXT;
ALTER TABLE outbox ADD COLUMN resolution TEXT;         -- 'discarded' or 'retried', once resolved
ALTER TABLE outbox ADD COLUMN resolution_note TEXT;
ALTER TABLE outbox ADD COLUMN resolved_at TEXT;
CREATE INDEX outbox_open_conflicts ON outbox (state, resolved_at);

-- The offering as the portal last sent it (JSON), so a refused local change can be undone;
-- NULL while the portal has not confirmed the offering.
ALTER TABLE offerings ADD COLUMN portal_json TEXT;

-- Each period the portal could not be reached, with what went wrong: evidence for the contact
-- centre when a deadline slipped because of the portal.
CREATE TABLE outages (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at  TEXT NOT NULL,
    ended_at    TEXT,
    error_count INTEGER NOT NULL,
    last_error  TEXT NOT NULL,
    errors      TEXT NOT NULL              -- JSON object: message -> count
) STRICT;
"#;

/// The inbox's sort order as an index, so a page is an index walk instead of sorting every
/// order (136 ms → see docs/BENCHMARKS.md at 100k orders).
const V3: &str = r#"
DROP INDEX orders_inbox;
CREATE INDEX orders_inbox ON orders (is_open DESC, due_at IS NULL, due_at, number);
"#;

/// What the desktop notices have announced so far (see `notices.rs`).
const V4_NOTICES: &str = r#"
CREATE TABLE notice_state (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    orders_seen_rowid INTEGER NOT NULL   -- orders up to this rowid were announced or known
) STRICT;
-- The deadline each order was last reminded of; a later deadline of the same order is new.
CREATE TABLE deadline_notices (
    order_id TEXT PRIMARY KEY,
    due_at   TEXT NOT NULL
) STRICT;
"#;

/// The workshop: fitting sessions with their measurements; whether an order has an item that
/// needs fitting, kept on the order by triggers (so that the fitting queue is a walk of the
/// partial index `orders_workshop` (redefined in `V12_FITTED`, whose WHERE `workshop::QUEUED` repeats),
/// instead of a join per order); an order's fittings.
const V5_WORKSHOP: &str = r#"
CREATE TABLE fitting_sessions (
    id           TEXT PRIMARY KEY,
    order_id     TEXT NOT NULL REFERENCES orders (id),
    session_on   TEXT NOT NULL,
    technician   TEXT NOT NULL,
    notes        TEXT NOT NULL,
    measurements TEXT NOT NULL,          -- JSON array of portal_api::Measurement
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX fitting_sessions_order ON fitting_sessions (order_id);
CREATE INDEX fittings_order ON fittings (order_id);

ALTER TABLE orders ADD COLUMN needs_fitting INTEGER NOT NULL DEFAULT 0;
UPDATE orders SET needs_fitting = 1
 WHERE id IN (SELECT l.order_id FROM order_lines l JOIN classifier c ON c.code = l.classifier_code
               WHERE c.needs_fitting);

-- A sync rewrites an order's lines (delete, then insert): the flag follows each line, and the
-- classifier item, which may arrive after the orders that name it.
CREATE TRIGGER order_lines_fitting_insert AFTER INSERT ON order_lines
WHEN EXISTS (SELECT 1 FROM classifier WHERE code = NEW.classifier_code AND needs_fitting)
BEGIN
    UPDATE orders SET needs_fitting = 1 WHERE id = NEW.order_id AND NOT needs_fitting;
END;
CREATE TRIGGER order_lines_fitting_delete AFTER DELETE ON order_lines
BEGIN
    UPDATE orders SET needs_fitting = EXISTS (
               SELECT 1 FROM order_lines l JOIN classifier c ON c.code = l.classifier_code
                WHERE l.order_id = OLD.order_id AND c.needs_fitting)
     WHERE id = OLD.order_id AND needs_fitting;
END;
CREATE TRIGGER classifier_fitting_insert AFTER INSERT ON classifier WHEN NEW.needs_fitting
BEGIN
    UPDATE orders SET needs_fitting = 1
     WHERE id IN (SELECT order_id FROM order_lines WHERE classifier_code = NEW.code) AND NOT needs_fitting;
END;
CREATE TRIGGER classifier_fitting_update AFTER UPDATE OF needs_fitting ON classifier
WHEN OLD.needs_fitting IS NOT NEW.needs_fitting
BEGIN
    UPDATE orders SET needs_fitting = EXISTS (
               SELECT 1 FROM order_lines l JOIN classifier c ON c.code = l.classifier_code
                WHERE l.order_id = orders.id AND c.needs_fitting)
     WHERE id IN (SELECT order_id FROM order_lines WHERE classifier_code = NEW.code);
END;

CREATE INDEX orders_workshop ON orders (due_at IS NULL, due_at, number)
    WHERE needs_fitting AND status IN ('accepted', 'in_work', 'fitting');
"#;

/// The supplier's own details as the portal named them at the last sign-in: the documents the
/// desk prints (acts) carry them.
const V6_SUPPLIER_PROFILE: &str = r#"
CREATE TABLE supplier_profile (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    bin        TEXT NOT NULL,
    name       TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
"#;

/// What was done after a refusal at receipt: the item taken back, or another handed over.
const V7_REFUSALS: &str = r#"
CREATE TABLE order_returns (
    id          TEXT PRIMARY KEY,
    order_id    TEXT NOT NULL REFERENCES orders (id),
    returned_on TEXT NOT NULL,
    reason      TEXT NOT NULL,
    notes       TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;

CREATE TABLE replacements (
    id             TEXT PRIMARY KEY,
    order_id       TEXT NOT NULL REFERENCES orders (id),
    replaced_on    TEXT NOT NULL,
    serial_numbers TEXT NOT NULL,        -- JSON array
    notes          TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
) STRICT;
"#;

/// Who of the supplier's staff handles an order: what the desk shows, and what the portal last
/// said (to return to when the portal refuses a local assignment); and why the participant
/// refused the item at receipt, as the portal reports it.
const V8_ASSIGNEE: &str = r#"
ALTER TABLE orders ADD COLUMN assignee TEXT;
ALTER TABLE orders ADD COLUMN portal_assignee TEXT;
ALTER TABLE orders ADD COLUMN refusal_reason TEXT;
"#;

/// Photos kept as content-addressed files (`attachments/<sha256>` beside the database; see
/// `attachments.rs`) and the deliveries and offerings that name them.
const V9_ATTACHMENTS: &str = r#"
CREATE TABLE attachments (
    sha256     TEXT PRIMARY KEY,         -- of the file's bytes, lowercase hex
    media_type TEXT NOT NULL,            -- image/jpeg, image/png, image/webp
    size       INTEGER NOT NULL,
    uploaded   INTEGER NOT NULL DEFAULT 0, -- the portal holds it whole
    added_at   TEXT NOT NULL
) STRICT;
CREATE TABLE delivery_photos (
    delivery_id TEXT NOT NULL REFERENCES deliveries (id),
    position    INTEGER NOT NULL,
    sha256      TEXT NOT NULL REFERENCES attachments (sha256),
    PRIMARY KEY (delivery_id, position)
) STRICT;
-- No foreign key to offerings: a refused new offering's row goes, its photos may be retried.
CREATE TABLE offering_photos (
    offering_id TEXT NOT NULL,
    position    INTEGER NOT NULL,
    sha256      TEXT NOT NULL REFERENCES attachments (sha256),
    PRIMARY KEY (offering_id, position)
) STRICT;
"#;

/// An offering's stock per region: a JSON array of `{region, quantity}`, one per region of
/// `regions`; `[]` (a row written before) reads as the whole stock in the first region.
const V10_REGION_STOCK: &str = r#"
ALTER TABLE offerings ADD COLUMN stock_by_region TEXT NOT NULL DEFAULT '[]';
"#;

/// Photos named by the portal (another desk's offering photos) have a row before their file
/// arrives: `present` says whether the file is on this desk, `fetch_tried_at` when fetching it
/// last failed (those wait behind the others).
const V11_REMOTE_PHOTOS: &str = r#"
ALTER TABLE attachments ADD COLUMN present INTEGER NOT NULL DEFAULT 1;
ALTER TABLE attachments ADD COLUMN fetch_tried_at TEXT;
CREATE INDEX attachments_absent ON attachments (present) WHERE present = 0;
"#;

/// Whether an order is fitted, kept on the order by triggers (as `needs_fitting` is), so that
/// the fitting queue and its count are a walk of the partial index `orders_workshop` alone: an
/// order is fitted when it has a fitting the portal has not refused for good (a refused one
/// counts again once retried). Fittings are only ever added; the outbox's answers move the flag.
const V12_FITTED: &str = r#"
-- The orders with a fitting the portal has not refused for good.
CREATE VIEW fitted_orders AS
SELECT f.order_id FROM fittings f
 WHERE NOT EXISTS (
       SELECT 1 FROM outbox x
        WHERE x.state = 'rejected' AND x.entity_id = f.order_id AND x.kind = 'record_fitting'
          AND x.resolution IS NOT 'retried'
          AND json_extract(x.payload, '$.data.fitting_id') = f.id);

ALTER TABLE orders ADD COLUMN fitted INTEGER NOT NULL DEFAULT 0;
UPDATE orders SET fitted = 1 WHERE id IN (SELECT order_id FROM fitted_orders);

CREATE TRIGGER fittings_fitted AFTER INSERT ON fittings
BEGIN
    UPDATE orders SET fitted = EXISTS (SELECT 1 FROM fitted_orders WHERE order_id = NEW.order_id)
     WHERE id = NEW.order_id;
END;
CREATE TRIGGER outbox_fitting_answered AFTER UPDATE OF state, resolution ON outbox
WHEN NEW.kind = 'record_fitting'
BEGIN
    UPDATE orders SET fitted = EXISTS (SELECT 1 FROM fitted_orders WHERE order_id = NEW.entity_id)
     WHERE id = NEW.entity_id;
END;

DROP INDEX orders_workshop;
CREATE INDEX orders_workshop ON orders (due_at IS NULL, due_at, number)
    WHERE needs_fitting AND status IN ('accepted', 'in_work', 'fitting') AND NOT fitted;
"#;

/// Staff accounts and their sign-in attempts (see `staff/`), and the audit viewer's indexes.
/// Entries written before accounts existed name the operating-system user who made them.
const V13_STAFF: &str = r#"
CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('manager', 'office', 'workshop', 'courier')),
    password_hash TEXT NOT NULL,           -- Argon2id, PHC string
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE sign_in_attempts (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    username  TEXT NOT NULL,               -- as typed, lower-cased; an account may not have it
    staff_id  INTEGER REFERENCES staff (id),
    succeeded INTEGER NOT NULL
) STRICT;
CREATE INDEX sign_in_attempts_by_name ON sign_in_attempts (username, succeeded, id);

CREATE INDEX audit_log_by_actor ON audit_log (actor, id);
CREATE INDEX audit_log_by_action ON audit_log (action, id);
CREATE INDEX audit_log_by_time ON audit_log (at);
"#;

/// Whether the portal's last pulled snapshot of a mutation's entity includes it: until then it
/// is laid over that snapshot even after the portal applied it (`replica::overlay::OVERLAID`). Mutations
/// the portal answered before keep their old reading, that the snapshot includes them.
const V14_IN_SNAPSHOT: &str = r#"
ALTER TABLE outbox ADD COLUMN in_snapshot INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET in_snapshot = 1 WHERE state <> 'pending';
CREATE INDEX outbox_overlay ON outbox (entity_id, seq) WHERE state <> 'rejected' AND in_snapshot = 0;
"#;

/// The search index folds what it holds (`kernel::search_text`) and also holds each order's
/// short number and the participant's phone and address; rebuilt from the orders it indexes.
const V15_SEARCH: &str = r#"
DROP TABLE orders_fts;
CREATE VIRTUAL TABLE orders_fts USING fts5 (
    order_id UNINDEXED, number, participant_name, items, contact,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO orders_fts (rowid, order_id, number, participant_name, items, contact)
SELECT o.rowid, o.id, search_number(o.number), search_fold(o.participant_name),
       search_fold(coalesce((SELECT group_concat(l.classifier_code || ' ' || coalesce(c.name_kk || ' ' || c.name_ru || ' ' || c.name_en, ''), ' ')
                             FROM order_lines l LEFT JOIN classifier c ON c.code = l.classifier_code
                             WHERE l.order_id = o.id), '')),
       search_contact(o.participant_phone, o.participant_address)
FROM orders o;
"#;

/// Each person's language, and their assigned orders found without a scan ("My work").
const V16_PEOPLE: &str = r#"
ALTER TABLE staff ADD COLUMN language TEXT CHECK (language IN ('kk', 'ru', 'en'));
CREATE INDEX orders_by_assignee ON orders (assignee, is_open, due_at) WHERE assignee IS NOT NULL;
"#;

/// An offering's model and manufacturer (trimmed, NULL for none): what tells two offerings of
/// one classifier item apart.
const V17_OFFERING_MODEL: &str = r#"
ALTER TABLE offerings ADD COLUMN model TEXT;
ALTER TABLE offerings ADD COLUMN manufacturer TEXT;
"#;

/// The statuses the portal moved an order to, as the desk saw them arrive: a trigger notes each
/// change of `portal_status` by a pulled snapshot, at the snapshot's own time. A first pull
/// inserts and so notes nothing (the order screen shows the status as of `updated_at`).
const V18_ORDER_EVENTS: &str = r#"
CREATE TABLE order_events (
    id       INTEGER PRIMARY KEY,
    order_id TEXT NOT NULL,
    at       TEXT NOT NULL,
    status   TEXT NOT NULL
) STRICT;
CREATE INDEX order_events_by_order ON order_events (order_id, id);
CREATE TRIGGER order_events_from_portal AFTER UPDATE OF portal_status ON orders
WHEN old.portal_status <> new.portal_status
BEGIN
    INSERT INTO order_events (order_id, at, status) VALUES (new.id, new.updated_at, new.portal_status);
END;
"#;

/// Every serial number the desk holds for an order (delivered, fitted, replaced), upper-cased,
/// so that one typed or scanned into the search finds its order by a prefix of the index.
/// Triggers keep it in step with the three tables, whichever path writes them.
const V19_SERIALS: &str = r#"
CREATE TABLE order_serials (
    serial    TEXT NOT NULL,
    source_id TEXT NOT NULL,
    order_id  TEXT NOT NULL,
    PRIMARY KEY (serial, source_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER deliveries_serials_in AFTER INSERT ON deliveries BEGIN
    INSERT OR IGNORE INTO order_serials SELECT upper(trim(value)), new.id, new.order_id FROM json_each(new.serial_numbers) WHERE trim(value) <> '';
END;
CREATE TRIGGER deliveries_serials_out AFTER DELETE ON deliveries BEGIN
    DELETE FROM order_serials WHERE source_id = old.id;
END;
CREATE TRIGGER deliveries_serials_change AFTER UPDATE OF serial_numbers ON deliveries BEGIN
    DELETE FROM order_serials WHERE source_id = old.id;
    INSERT OR IGNORE INTO order_serials SELECT upper(trim(value)), new.id, new.order_id FROM json_each(new.serial_numbers) WHERE trim(value) <> '';
END;
CREATE TRIGGER fittings_serials_in AFTER INSERT ON fittings BEGIN
    INSERT OR IGNORE INTO order_serials SELECT upper(trim(value)), new.id, new.order_id FROM json_each(new.serial_numbers) WHERE trim(value) <> '';
END;
CREATE TRIGGER fittings_serials_out AFTER DELETE ON fittings BEGIN
    DELETE FROM order_serials WHERE source_id = old.id;
END;
CREATE TRIGGER fittings_serials_change AFTER UPDATE OF serial_numbers ON fittings BEGIN
    DELETE FROM order_serials WHERE source_id = old.id;
    INSERT OR IGNORE INTO order_serials SELECT upper(trim(value)), new.id, new.order_id FROM json_each(new.serial_numbers) WHERE trim(value) <> '';
END;
CREATE TRIGGER replacements_serials_in AFTER INSERT ON replacements BEGIN
    INSERT OR IGNORE INTO order_serials SELECT upper(trim(value)), new.id, new.order_id FROM json_each(new.serial_numbers) WHERE trim(value) <> '';
END;
CREATE TRIGGER replacements_serials_out AFTER DELETE ON replacements BEGIN
    DELETE FROM order_serials WHERE source_id = old.id;
END;
CREATE TRIGGER replacements_serials_change AFTER UPDATE OF serial_numbers ON replacements BEGIN
    DELETE FROM order_serials WHERE source_id = old.id;
    INSERT OR IGNORE INTO order_serials SELECT upper(trim(value)), new.id, new.order_id FROM json_each(new.serial_numbers) WHERE trim(value) <> '';
END;

INSERT OR IGNORE INTO order_serials
    SELECT upper(trim(j.value)), d.id, d.order_id FROM deliveries d, json_each(d.serial_numbers) j WHERE trim(j.value) <> ''
    UNION ALL
    SELECT upper(trim(j.value)), f.id, f.order_id FROM fittings f, json_each(f.serial_numbers) j WHERE trim(j.value) <> ''
    UNION ALL
    SELECT upper(trim(j.value)), r.id, r.order_id FROM replacements r, json_each(r.serial_numbers) j WHERE trim(j.value) <> '';
"#;

/// A delivery's serial numbers per order line (JSON array of `DeliveredItem`, `[]` when recorded
/// with the flat list only) and who received the items (JSON of `ReceivedBy`, NULL when not
/// said), as the act of delivery prints them.
const V20_DELIVERY_ITEMS: &str = r#"
ALTER TABLE deliveries ADD COLUMN items TEXT NOT NULL DEFAULT '[]';
ALTER TABLE deliveries ADD COLUMN received_by TEXT;
"#;

/// The paying office's payments as the portal sent them (never changed once recorded), when each
/// order's receipt was confirmed (the payment term runs from it), and what
/// was paid per order net of reversals (`orders.paid_tiyn`: summed as an order arrives, then kept
/// by the payment lines' triggers), so that what is owed is read from one partial index.
const V21_PAYMENTS: &str = r#"
CREATE TABLE payments (
    id          TEXT PRIMARY KEY,
    number      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    paid_on     TEXT NOT NULL,
    amount_tiyn INTEGER NOT NULL,
    reverses    TEXT,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX payments_by_date ON payments (paid_on);
CREATE TABLE payment_lines (
    payment_id   TEXT NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
    line_no      INTEGER NOT NULL,
    order_id     TEXT NOT NULL,
    order_number TEXT NOT NULL,
    amount_tiyn  INTEGER NOT NULL,
    PRIMARY KEY (payment_id, line_no)
) STRICT, WITHOUT ROWID;
CREATE INDEX payment_lines_by_order ON payment_lines (order_id);
ALTER TABLE orders ADD COLUMN paid_tiyn INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN confirmed_at TEXT;
CREATE TRIGGER payment_lines_paid_in AFTER INSERT ON payment_lines BEGIN
    UPDATE orders SET paid_tiyn = paid_tiyn + new.amount_tiyn WHERE id = new.order_id;
END;
CREATE TRIGGER payment_lines_paid_out AFTER DELETE ON payment_lines BEGIN
    UPDATE orders SET paid_tiyn = paid_tiyn - old.amount_tiyn WHERE id = old.order_id;
END;
CREATE INDEX orders_money ON orders (status, paid_tiyn, total_tiyn)
    WHERE status IN ('delivered', 'replaced', 'confirmed') OR (status = 'paid' AND paid_tiyn <> total_tiyn);
"#;

/// The Reports tab reads a year of orders by their day in Kazakhstan (UTC+5): covering indexes on
/// that day (an expression the report's queries repeat word for word, with the columns it reads)
/// give the rows in day order, so a report groups them by day without sorting 100,000 of them
/// (measured at 100,000 orders: a year's report took 234 ms at p50 without them). Confirmed orders
/// have a partial index of their own; declines and deliveries are found without a scan.
const V22_REPORTS: &str = r#"
CREATE INDEX orders_placed_day ON orders (date(placed_at, '+5 hours'), status, placed_at);
CREATE INDEX orders_confirmed_day ON orders (date(confirmed_at, '+5 hours'), participant_region, total_tiyn, confirmed_at, id)
    WHERE confirmed_at IS NOT NULL;
CREATE INDEX outbox_declines ON outbox (entity_id) WHERE kind = 'decline_order';
CREATE INDEX deliveries_order ON deliveries (order_id, delivered_on);
"#;

/// Repairs and replacements under warranty, recorded here or pulled with their order. A
/// replacement's new serial joins the serials' index (V19), so the register and the search find
/// the item the participant now holds.
const V23_WARRANTY_SERVICE: &str = r#"
CREATE TABLE warranty_services (
    id                TEXT PRIMARY KEY,
    order_id          TEXT NOT NULL,
    serviced_on       TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('repair', 'replacement')),
    serial_number     TEXT NOT NULL,
    new_serial_number TEXT,
    notes             TEXT NOT NULL,
    recorded_at       TEXT NOT NULL
);
CREATE INDEX warranty_services_order ON warranty_services (order_id);
CREATE TRIGGER warranty_services_serials_in AFTER INSERT ON warranty_services
    WHEN trim(coalesce(new.new_serial_number, '')) <> '' BEGIN
    INSERT OR IGNORE INTO order_serials VALUES (upper(trim(new.new_serial_number)), new.id, new.order_id);
END;
CREATE TRIGGER warranty_services_serials_out AFTER DELETE ON warranty_services BEGIN
    DELETE FROM order_serials WHERE source_id = old.id;
END;
"#;

pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up(V4_NOTICES),
        M::up(V5_WORKSHOP),
        M::up(V6_SUPPLIER_PROFILE),
        M::up(V7_REFUSALS),
        M::up(V8_ASSIGNEE),
        M::up(V9_ATTACHMENTS),
        M::up(V10_REGION_STOCK),
        M::up(V11_REMOTE_PHOTOS),
        M::up(V12_FITTED),
        M::up(V13_STAFF),
        M::up(V14_IN_SNAPSHOT),
        M::up(V15_SEARCH),
        M::up(V16_PEOPLE),
        M::up(V17_OFFERING_MODEL),
        M::up(V18_ORDER_EVENTS),
        M::up(V19_SERIALS),
        M::up(V20_DELIVERY_ITEMS),
        M::up(V21_PAYMENTS),
        M::up(V22_REPORTS),
        M::up(V23_WARRANTY_SERVICE),
    ])
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        // Run on a fresh database with the search functions the store registers before it
        // migrates (`kernel::search_text`), which `Migrations::validate` does not know of.
        let mut conn = rusqlite::Connection::open_in_memory().expect("in-memory database");
        crate::kernel::search_text::register(&conn, &Default::default()).expect("search functions");
        super::migrations().to_latest(&mut conn).expect("every migration applies");
    }
}
