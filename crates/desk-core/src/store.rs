//! The local store: one SQLite file in WAL mode with `synchronous=FULL`, foreign keys on and a
//! busy timeout. Everything the desk knows lives here, so it works the same with or without the
//! portal.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use portal_api::{LocalizedText, MutationBody, OrderStatus, PolicyTerms};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::inbox_filter;
use crate::lifecycle::TransitionError;
use crate::model::{ClassifierItem, ModelError, Offering, Order};
use crate::views::{
    InboxItem, InboxPage, InboxQuery, InboxRow, OfferingRow, OrderAction, OrderDetail, OrderLineView, StoreSummary,
    TimelineEntry,
};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("could not bring the database schema up to date: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("stored data could not be read: {0}")]
    Json(#[from] serde_json::Error),
    #[error("no {entity} with id {id}")]
    NotFound { entity: &'static str, id: String },
    #[error(transparent)]
    Transition(#[from] TransitionError),
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error("could not write the export: {0}")]
    Export(String),
    #[error("stored value '{value}' in {column} is not recognised")]
    UnknownValue { column: &'static str, value: String },
    #[error("could not read or write a file: {0}")]
    File(String),
    #[error("the database key does not open this desk's database (or the file is damaged)")]
    WrongKey,
}

/// The SQLite file that holds the desk's data.
pub struct Store {
    conn: Connection,
    /// The inbox total per filter (and the workshop queue's), with the state of the database
    /// it was counted in.
    inbox_totals: RefCell<HashMap<String, (DataState, u64)>>,
    /// The key of the files kept beside the database (photos); none for a plain store.
    files: Option<crate::file_seal::FileSeal>,
}

/// What identifies the database's content for a cache: rows changed through this connection,
/// and SQLite's `data_version`, which moves when another connection (a headless sync of the
/// same file) commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DataState {
    own_changes: u64,
    others: i64,
}

impl Store {
    /// Opens (or creates) the plain SQLite database at `path` and applies pending migrations.
    /// For tests and tools on throwaway data: a desk's database is opened by `open_encrypted`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::set_up(Connection::open(path)?, None)
    }

    /// Opens (or creates) the desk's SQLCipher database at `path` with its key from the vault,
    /// encrypting it first if it was kept in plain SQLite, and applies pending migrations.
    pub fn open_encrypted(path: &Path, key: &crate::vault::DatabaseKey) -> Result<Store, StoreError> {
        crate::at_rest::encrypt_if_plain(path, key)?;
        let conn = Connection::open(path)?;
        crate::at_rest::key(&conn, key)?;
        let store = Store::set_up(conn, Some(crate::file_seal::FileSeal::for_database(key)))?;
        store.seal_plain_photos()?;
        Ok(store)
    }

    fn set_up(mut conn: Connection, files: Option<crate::file_seal::FileSeal>) -> Result<Store, StoreError> {
        // WAL lets the UI read while sync writes; FULL makes every committed action survive a
        // power cut, which matters more here than write speed.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // Every write transaction takes the write lock when it begins. A deferred one that reads
        // first and then writes cannot wait for a sync's commit under WAL: SQLite answers
        // "database is locked" at once, whatever the busy timeout.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        // A 16 MiB page cache (the default is 2 MiB) keeps the upper levels of the order and
        // search indexes in memory through a first sync of 100k orders.
        conn.pragma_update(None, "cache_size", -16_384)?;
        // Checkpoint the WAL every 64 MiB rather than every 4 MiB: a first sync writes a few MB
        // per page, and copying them into the database after nearly every page doubled its
        // commit time. The file is cut back to that size after a checkpoint.
        conn.pragma_update(None, "wal_autocheckpoint", 16_384)?;
        conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
        crate::schema::migrations().to_latest(&mut conn)?;
        conn.execute(
            "INSERT OR IGNORE INTO sync_state (id, device_id, next_device_seq, cursor, head)
             VALUES (1, ?1, 1, 0, 0)",
            [uuid::Uuid::now_v7().to_string()],
        )?;
        Ok(Store { conn, inbox_totals: RefCell::default(), files })
    }

    fn data_state(&self) -> Result<DataState, StoreError> {
        Ok(DataState {
            own_changes: self.conn.total_changes(),
            others: self.conn.pragma_query_value(None, "data_version", |r| r.get(0))?,
        })
    }

    /// A count kept under `key` until the database's content changes (here or through another
    /// connection), counted by `count` when it is not kept.
    pub(crate) fn cached_total(
        &self,
        key: &str,
        count: impl FnOnce() -> Result<u64, StoreError>,
    ) -> Result<u64, StoreError> {
        let state = self.data_state()?;
        if let Some(&(at, n)) = self.inbox_totals.borrow().get(key)
            && at == state
        {
            return Ok(n);
        }
        let n = count()?;
        let mut totals = self.inbox_totals.borrow_mut();
        // Filters come and go as the user types; keep the counts of the last few.
        if totals.len() >= 64 {
            totals.clear();
        }
        totals.insert(key.to_owned(), (state, n));
        Ok(n)
    }

    /// A write transaction, begun IMMEDIATE (see `set_up`).
    pub(crate) fn transaction(&mut self) -> Result<Transaction<'_>, StoreError> {
        Ok(self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    /// The key of the files kept beside the database, if it is encrypted.
    pub(crate) fn file_seal(&self) -> Option<&crate::file_seal::FileSeal> {
        self.files.as_ref()
    }

    pub(crate) fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// After a restore replaced the database's pages: a backup of an older app brought up to
    /// this schema, and the counts kept for the old content forgotten.
    pub(crate) fn after_restore(&mut self) -> Result<(), StoreError> {
        crate::schema::migrations().to_latest(&mut self.conn)?;
        self.inbox_totals.borrow_mut().clear();
        Ok(())
    }

    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    /// One page of the inbox: the orders the query's filters select, in its sort (by default
    /// open orders first, the nearest deadline first), and how many there are in all.
    pub fn inbox(&self, q: &InboxQuery) -> Result<InboxPage, StoreError> {
        let limit = i64::from(q.limit.clamp(1, 500));
        let offset = i64::from(q.offset);
        let sel = inbox_filter::selection(q, Utc::now());
        // Counting 100k orders costs more than the page itself; paging through one filter
        // counts once, until the orders change.
        let total = self.cached_total(&sel.count_key, || {
            let n: i64 = self.conn.query_row(
                &format!("SELECT count(*) FROM orders {}", sel.where_sql),
                rusqlite::params_from_iter(&sel.params),
                |r| r.get(0),
            )?;
            Ok(u64::try_from(n).unwrap_or(0))
        })?;
        let n = sel.params.len();
        let mut params = sel.params;
        params.push(rusqlite::types::Value::Integer(limit));
        params.push(rusqlite::types::Value::Integer(offset));
        let rows = self.inbox_rows(
            &format!("{} {} LIMIT ?{} OFFSET ?{}", sel.where_sql, inbox_filter::order_by(q.sort), n + 1, n + 2),
            rusqlite::params_from_iter(&params),
        )?;
        Ok(InboxPage { rows, total })
    }

    /// Orders whose number, participant's name or item names match `text` (every word, as a
    /// prefix): the 50 (or `limit`) most recently indexed matches, shown in inbox order. Ranking
    /// every match by relevance costs too much when a common name matches thousands of orders.
    pub fn search_orders(&self, text: &str, limit: u32) -> Result<Vec<InboxRow>, StoreError> {
        let query = inbox_filter::fts_terms(text);
        if query.is_empty() {
            return Ok(Vec::new());
        }
        self.inbox_rows(
            "WHERE rowid IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)
             ORDER BY is_open DESC, due_at IS NULL, due_at, number",
            params![query, i64::from(limit.clamp(1, 500))],
        )
    }

    /// Inbox rows of the orders `tail` (a WHERE/ORDER/LIMIT clause) selects, with their items.
    fn inbox_rows(&self, tail: &str, args: impl rusqlite::Params) -> Result<Vec<InboxRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, number, status, participant_name, participant_region, placed_at, accept_by,
                    deliver_by, due_at, total_tiyn
             FROM orders {tail}"
        ))?;
        let mut rows = Vec::new();
        let mut q_rows = stmt.query(args)?;
        while let Some(r) = q_rows.next()? {
            let status: String = r.get(2)?;
            rows.push(InboxRow {
                order_id: r.get(0)?,
                number: r.get(1)?,
                status: parse_status(&status)?,
                participant_name: r.get(3)?,
                region: r.get(4)?,
                placed_at: r.get(5)?,
                accept_by: r.get(6)?,
                deliver_by: r.get(7)?,
                due_at: r.get(8)?,
                total_tiyn: r.get(9)?,
                items: Vec::new(),
            });
        }
        for row in &mut rows {
            row.items = self
                .order_lines(&row.order_id)?
                .into_iter()
                .map(|l| InboxItem {
                    classifier_code: l.classifier_code,
                    name: l.name,
                    quantity: l.quantity,
                    unit: l.unit,
                })
                .collect();
        }
        Ok(rows)
    }

    fn order_lines(&self, order_id: &str) -> Result<Vec<OrderLineView>, StoreError> {
        let mut items = self.conn.prepare_cached(
            "SELECT l.classifier_code, l.quantity, c.name_kk, c.name_ru, c.name_en, c.unit, l.unit_price_tiyn,
                    coalesce(c.needs_fitting, 0)
             FROM order_lines l LEFT JOIN classifier c ON c.code = l.classifier_code
             WHERE l.order_id = ?1 ORDER BY l.line_no",
        )?;
        let lines = items
            .query_map([order_id], |r| {
                let code: String = r.get(0)?;
                // An item the classifier does not (yet) hold is shown by its code.
                let name = |i: usize| -> rusqlite::Result<String> {
                    Ok(r.get::<_, Option<String>>(i)?.unwrap_or_else(|| code.clone()))
                };
                Ok(OrderLineView {
                    name: LocalizedText { kk: name(2)?, ru: name(3)?, en: name(4)? },
                    classifier_code: code.clone(),
                    quantity: r.get(1)?,
                    unit: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                    unit_price_tiyn: r.get(6)?,
                    needs_fitting: r.get(7)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(lines)
    }

    /// Everything the order screen shows: the order, its lines, its history and what may be done.
    pub fn order_detail(&self, order_id: &str) -> Result<OrderDetail, StoreError> {
        let row = self
            .inbox_rows("WHERE id = ?1", [order_id])?
            .pop()
            .ok_or_else(|| StoreError::NotFound { entity: "order", id: order_id.to_owned() })?;
        let (portal_status, phone, address, pending): (String, String, String, i64) = self.conn.query_row(
            "SELECT portal_status, participant_phone, participant_address,
                    (SELECT count(*) FROM outbox WHERE state = 'pending' AND entity_id = orders.id)
             FROM orders WHERE id = ?1",
            [order_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let lines = self.order_lines(order_id)?;
        let mut timeline = self.conn.prepare_cached(
            "SELECT at, actor, action, detail FROM audit_log WHERE entity = 'order' AND entity_id = ?1 ORDER BY id",
        )?;
        let timeline = timeline
            .query_map([order_id], |r| {
                Ok(TimelineEntry { at: r.get(0)?, actor: r.get(1)?, action: r.get(2)?, detail: r.get(3)? })
            })?
            .collect::<Result<_, _>>()?;
        let needs_fitting = lines.iter().any(|l| l.needs_fitting);
        let mut actions = OrderAction::allowed(row.status, needs_fitting);
        if row.status.is_open() {
            actions.push(OrderAction::Assign);
        }
        let (assignee, refusal_reason): (Option<String>, Option<String>) =
            self.conn.query_row("SELECT assignee, refusal_reason FROM orders WHERE id = ?1", [order_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok(OrderDetail {
            actions,
            assignee,
            refusal_reason,
            portal_status: parse_status(&portal_status)?,
            participant_phone: phone,
            participant_address: address,
            lines,
            timeline,
            pending_mutations: pending as u64,
            documents: crate::documents::available(&self.conn, order_id, row.status)?,
            delivery_photos: self.order_delivery_photos(order_id)?,
            row,
        })
    }

    /// The supplier's offerings with their classifier names and limit prices.
    pub fn offerings(&self) -> Result<Vec<OfferingRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.classifier_code, c.category, c.name_kk, c.name_ru, c.name_en,
                    o.price_tiyn, c.limit_price_tiyn, o.stock, o.regions, o.warranty_months, o.published,
                    o.description, o.stock_by_region
             FROM offerings o JOIN classifier c ON c.code = o.classifier_code
             ORDER BY c.category, o.classifier_code, o.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                OfferingRow {
                    id: r.get(0)?,
                    classifier_code: r.get(1)?,
                    category: portal_api::Category::Services,
                    name: LocalizedText { kk: r.get(3)?, ru: r.get(4)?, en: r.get(5)? },
                    price_tiyn: r.get(6)?,
                    limit_price_tiyn: r.get(7)?,
                    stock: r.get(8)?,
                    regions: Vec::new(),
                    stock_by_region: Vec::new(),
                    warranty_months: r.get(10)?,
                    description: r.get(12)?,
                    published: r.get(11)?,
                },
                r.get::<_, String>(2)?,
                r.get::<_, String>(9)?,
                r.get::<_, String>(13)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut row, category, regions, by_region) = row?;
            row.category = portal_api::Category::parse(&category)
                .ok_or(StoreError::UnknownValue { column: "classifier.category", value: category })?;
            row.regions = serde_json::from_str(&regions)?;
            let given: Vec<portal_api::RegionStock> = serde_json::from_str(&by_region)?;
            row.stock_by_region = portal_api::region_stock(&row.regions, row.stock, &given);
            out.push(row);
        }
        Ok(out)
    }

    /// Counts and sync bookkeeping for the status bar and the headless `status` command.
    pub fn summary(&self) -> Result<StoreSummary, StoreError> {
        let (cursor, head, last_sync_at, device_id): (i64, i64, Option<DateTime<Utc>>, String) = self.conn.query_row(
            "SELECT cursor, head, last_sync_at, device_id FROM sync_state WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let count =
            |sql: &str| -> Result<u64, StoreError> { Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
        Ok(StoreSummary {
            device_id,
            cursor: cursor as u64,
            head: head as u64,
            last_sync_at,
            orders: count("SELECT count(*) FROM orders")?,
            open_orders: count("SELECT count(*) FROM orders WHERE is_open = 1")?,
            offerings: count("SELECT count(*) FROM offerings")?,
            classifier_items: count("SELECT count(*) FROM classifier")?,
            pending_mutations: count("SELECT count(*) FROM outbox WHERE state = 'pending'")?,
            conflicts: count("SELECT count(*) FROM outbox WHERE state = 'rejected' AND resolved_at IS NULL")?,
        })
    }

    pub fn policy(&self) -> Result<Option<PolicyTerms>, StoreError> {
        let json: Option<String> =
            self.conn.query_row("SELECT terms FROM policy WHERE id = 1", [], |r| r.get(0)).optional()?;
        Ok(json.map(|j| serde_json::from_str(&j)).transpose()?)
    }

    pub fn order(&self, id: &str) -> Result<Order, StoreError> {
        read_order(&self.conn, id)
    }
}

pub(crate) fn parse_status(s: &str) -> Result<OrderStatus, StoreError> {
    OrderStatus::parse(s).ok_or_else(|| StoreError::UnknownValue { column: "orders.status", value: s.to_owned() })
}

pub(crate) fn read_order(conn: &Connection, id: &str) -> Result<Order, StoreError> {
    let order = conn
        .query_row(
            "SELECT id, number, status, participant_id, participant_name, participant_region,
                    participant_phone, participant_address, placed_at, accept_by, deliver_by, updated_at,
                    assignee, refusal_reason
             FROM orders WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(2)?,
                    Order {
                        id: r.get(0)?,
                        number: r.get(1)?,
                        status: OrderStatus::Placed,
                        participant: crate::model::Participant {
                            id: r.get(3)?,
                            full_name: r.get(4)?,
                            region: r.get(5)?,
                            phone: r.get(6)?,
                            address: r.get(7)?,
                        },
                        lines: Vec::new(),
                        placed_at: r.get(8)?,
                        accept_by: r.get(9)?,
                        deliver_by: r.get(10)?,
                        updated_at: r.get(11)?,
                        assignee: r.get(12)?,
                        refusal_reason: r.get(13)?,
                    },
                ))
            },
        )
        .optional()?;
    let (status, mut order) = order.ok_or_else(|| StoreError::NotFound { entity: "order", id: id.to_owned() })?;
    order.status = parse_status(&status)?;
    let mut stmt = conn.prepare_cached(
        "SELECT classifier_code, offering_id, quantity, unit_price_tiyn FROM order_lines
         WHERE order_id = ?1 ORDER BY line_no",
    )?;
    order.lines = stmt
        .query_map([id], |r| {
            Ok(crate::model::OrderLine {
                classifier_code: r.get(0)?,
                offering_id: r.get(1)?,
                quantity: r.get(2)?,
                unit_price: crate::money::Money::from_tiyn(r.get(3)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(order)
}

pub(crate) fn upsert_classifier(tx: &Transaction<'_>, c: &ClassifierItem) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO classifier (code, category, name_kk, name_ru, name_en, unit, limit_price_tiyn,
                                 needs_fitting, warranty_months)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (code) DO UPDATE SET category = excluded.category, name_kk = excluded.name_kk,
             name_ru = excluded.name_ru, name_en = excluded.name_en, unit = excluded.unit,
             limit_price_tiyn = excluded.limit_price_tiyn, needs_fitting = excluded.needs_fitting,
             warranty_months = excluded.warranty_months",
    )?
    .execute(params![
        c.code,
        c.category.as_str(),
        c.name.kk,
        c.name.ru,
        c.name.en,
        c.unit,
        c.limit_price.tiyn(),
        c.needs_fitting,
        c.warranty_months
    ])?;
    Ok(())
}

/// The rule of what the desk shows: the portal's last snapshot of an entity with this desk's
/// mutations laid over it that the snapshot does not include yet — queued, in doubt (sent, no
/// answer) or applied by the portal after the snapshot was taken — and never a refused one. A
/// condition on `outbox` rows; `in_snapshot` is set when a pulled snapshot says it includes the
/// mutation (`portal_api::Change::includes_device_seq`).
pub(crate) const OVERLAID: &str = "state <> 'rejected' AND in_snapshot = 0";

/// Records that the portal's snapshot of `entity_id` just pulled includes this desk's mutations
/// of it up to `device_seq`: they are no longer laid over it.
pub(crate) fn mark_in_snapshot(tx: &Transaction<'_>, entity_id: &str, device_seq: u64) -> Result<(), StoreError> {
    tx.prepare_cached(
        "UPDATE outbox SET in_snapshot = 1
         WHERE entity_id = ?1 AND device_seq <= ?2 AND in_snapshot = 0
           AND device_id = (SELECT device_id FROM sync_state WHERE id = 1)",
    )?
    .execute(params![entity_id, i64::try_from(device_seq).unwrap_or(i64::MAX)])?;
    Ok(())
}

/// Stores the portal's view of an offering and shows it, unless a local edit of it is laid over
/// it ([`OVERLAID`]). The stock shown is always the portal's plus the overlaid stock changes.
pub(crate) fn upsert_offering(tx: &Transaction<'_>, o: &Offering, pending: &PendingEntities) -> Result<(), StoreError> {
    let (pending_edit, pending_deltas) =
        if pending.contains(&o.id) { pending_offering_changes(tx, &o.id)? } else { (false, Vec::new()) };
    // With an edit of its regions still queued, the stock is spread over the regions the desk
    // shows, not the portal's.
    let local_regions: Option<Vec<String>> = if pending_edit {
        tx.query_row("SELECT regions FROM offerings WHERE id = ?1", [&o.id], |r| r.get::<_, String>(0))
            .optional()?
            .map(|r| serde_json::from_str(&r))
            .transpose()?
    } else {
        None
    };
    let by_region = with_pending_deltas(local_regions.as_deref().unwrap_or(&o.regions), o, &pending_deltas);
    let stock = crate::stock::saturating_total(&by_region);
    let sql = if pending_edit {
        "INSERT INTO offerings (id, classifier_code, price_tiyn, stock, regions, warranty_months,
                                description, published, updated_at, portal_json, stock_by_region)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET stock = excluded.stock, portal_json = excluded.portal_json,
             stock_by_region = excluded.stock_by_region"
    } else {
        "INSERT INTO offerings (id, classifier_code, price_tiyn, stock, regions, warranty_months,
                                description, published, updated_at, portal_json, stock_by_region)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET classifier_code = excluded.classifier_code,
             price_tiyn = excluded.price_tiyn, stock = excluded.stock, regions = excluded.regions,
             warranty_months = excluded.warranty_months, description = excluded.description,
             published = excluded.published, updated_at = excluded.updated_at,
             portal_json = excluded.portal_json, stock_by_region = excluded.stock_by_region"
    };
    tx.prepare_cached(sql)?.execute(params![
        o.id,
        o.classifier_code,
        o.price.tiyn(),
        stock,
        serde_json::to_string(&o.regions)?,
        o.warranty_months,
        o.description,
        o.published,
        o.updated_at,
        serde_json::to_string(o)?,
        serde_json::to_string(&by_region)?
    ])?;
    if let (false, Some(photos)) = (pending_edit, &o.photos) {
        crate::attachments::adopt_offering_photos(tx, &o.id, photos)?;
    }
    Ok(())
}

/// The sum of an offering's overlaid stock changes per region (`None`: a change queued before
/// stock was kept per region, which is the first region's).
type PendingDeltas = Vec<(Option<String>, i64)>;

/// Whether an edit of the offering is laid over the portal's snapshot, and its overlaid stock
/// changes ([`OVERLAID`]).
fn pending_offering_changes(tx: &Transaction<'_>, id: &str) -> Result<(bool, PendingDeltas), StoreError> {
    let pending_edit: bool = tx
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE {OVERLAID} AND entity_id = ?1
                                AND kind IN ('create_offering', 'update_offering'))"
        ))?
        .query_row([id], |r| r.get(0))?;
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT json_extract(payload, '$.data.region'), sum(json_extract(payload, '$.data.delta'))
         FROM outbox WHERE {OVERLAID} AND entity_id = ?1 AND kind = 'change_stock'
         GROUP BY 1"
    ))?;
    let deltas = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<Vec<_>, _>>()?;
    Ok((pending_edit, deltas))
}

/// The portal's stock per region of `o`, spread over `regions`, with the changes still queued
/// added. A queued change for a region the breakdown lacks counts in the first region, as the
/// portal's reading of such a change does.
fn with_pending_deltas(
    regions: &[String],
    o: &Offering,
    deltas: &[(Option<String>, i64)],
) -> Vec<portal_api::RegionStock> {
    let mut by_region = portal_api::region_stock(regions, o.stock, &o.stock_by_region);
    for (region, delta) in deltas {
        let slot = match region {
            Some(region) => by_region.iter().position(|r| &r.region == region).unwrap_or(0),
            None => 0,
        };
        if let Some(slot) = by_region.get_mut(slot) {
            slot.quantity = slot.quantity.saturating_add(*delta);
        }
    }
    by_region
}

/// Recomputes what the desk shows of an offering from the portal's last snapshot and the
/// changes laid over it ([`OVERLAID`]: queued, or applied since that snapshot). An offering the
/// portal never confirmed and no longer overlaid is removed.
pub(crate) fn refresh_offering(tx: &Transaction<'_>, id: &str) -> Result<(), StoreError> {
    let row: Option<(Option<String>, String)> = tx
        .query_row("SELECT portal_json, regions FROM offerings WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((portal_json, local_regions)) = row else { return Ok(()) };
    let (pending_edit, pending_deltas) = pending_offering_changes(tx, id)?;
    let Some(portal_json) = portal_json else {
        if !pending_edit {
            tx.execute("DELETE FROM offerings WHERE id = ?1", [id])?;
        }
        return Ok(());
    };
    let portal: Offering = serde_json::from_str(&portal_json)?;
    if pending_edit {
        let local_regions: Vec<String> = serde_json::from_str(&local_regions)?;
        let by_region = with_pending_deltas(&local_regions, &portal, &pending_deltas);
        let stock = crate::stock::saturating_total(&by_region);
        tx.execute(
            "UPDATE offerings SET stock = ?2, stock_by_region = ?3 WHERE id = ?1",
            params![id, stock, serde_json::to_string(&by_region)?],
        )?;
    } else {
        let by_region = with_pending_deltas(&portal.regions, &portal, &pending_deltas);
        let stock = crate::stock::saturating_total(&by_region);
        tx.execute(
            "UPDATE offerings SET classifier_code = ?2, price_tiyn = ?3, stock = ?4, regions = ?5,
                    warranty_months = ?6, description = ?7, published = ?8, updated_at = ?9,
                    stock_by_region = ?10
             WHERE id = ?1",
            params![
                id,
                portal.classifier_code,
                portal.price.tiyn(),
                stock,
                serde_json::to_string(&portal.regions)?,
                portal.warranty_months,
                portal.description,
                portal.published,
                portal.updated_at,
                serde_json::to_string(&by_region)?
            ],
        )?;
        // A refused photo change is undone with the rest.
        if let Some(photos) = &portal.photos {
            crate::attachments::adopt_offering_photos(tx, id, photos)?;
        }
    }
    Ok(())
}

/// After the portal answered a mutation of an order: with nothing laid over the portal's
/// snapshot ([`OVERLAID`]), the order shows the portal's status unless the local one is further
/// along. `force` (a refusal) returns to the portal's status and assignee, with the mutations
/// still overlaid — queued, or applied since the snapshot — replayed on top.
pub(crate) fn refresh_order(tx: &Transaction<'_>, id: &str, force: bool) -> Result<(), StoreError> {
    let row: Option<(String, String, Option<String>)> = tx
        .query_row("SELECT status, portal_status, portal_assignee FROM orders WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((local, portal, portal_assignee)) = row else { return Ok(()) };
    let overlay: Vec<String> = tx
        .prepare_cached(&format!("SELECT payload FROM outbox WHERE {OVERLAID} AND entity_id = ?1 ORDER BY seq"))?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let (local, portal) = (parse_status(&local)?, parse_status(&portal)?);
    if !force {
        if overlay.is_empty() && crate::lifecycle::rank(portal) >= crate::lifecycle::rank(local) {
            set_status(tx, id, portal)?;
        }
        return Ok(());
    }
    let (mut status, mut assignee) = (portal, portal_assignee);
    for payload in overlay {
        let body: MutationBody = serde_json::from_str(&payload)?;
        // A move the portal's status no longer allows is the portal's to refuse; until it has,
        // the order shows where the portal has it.
        let path = crate::actions::order_path(&body, status);
        if let Ok(moved) = path.iter().try_fold(status, |s, t| t.apply(s)) {
            status = moved;
        }
        if let MutationBody::AssignOrder { assignee: name, .. } = body {
            assignee = Some(name);
        }
    }
    tx.prepare_cached("UPDATE orders SET assignee = ?2 WHERE id = ?1")?.execute(params![id, assignee])?;
    set_status(tx, id, status)?;
    Ok(())
}

/// Shows `status` for an order, with the deadline that status makes due.
pub(crate) fn set_status(tx: &Transaction<'_>, id: &str, status: OrderStatus) -> Result<(), StoreError> {
    let (accept_by, deliver_by) =
        tx.query_row("SELECT accept_by, deliver_by FROM orders WHERE id = ?1", [id], |r| {
            Ok((r.get::<_, DateTime<Utc>>(0)?, r.get::<_, Option<DateTime<Utc>>>(1)?))
        })?;
    tx.prepare_cached("UPDATE orders SET status = ?2, is_open = ?3, due_at = ?4 WHERE id = ?1")?.execute(params![
        id,
        status.as_str(),
        status.is_open(),
        crate::model::due_at(status, accept_by, deliver_by)
    ])?;
    Ok(())
}

pub(crate) fn classifier_item(tx: &Transaction<'_>, code: &str) -> Result<Option<ClassifierItem>, StoreError> {
    let row = tx
        .query_row(
            "SELECT code, category, name_kk, name_ru, name_en, unit, limit_price_tiyn, needs_fitting, warranty_months
             FROM classifier WHERE code = ?1",
            [code],
            |r| {
                Ok((
                    r.get::<_, String>(1)?,
                    ClassifierItem {
                        code: r.get(0)?,
                        category: portal_api::Category::Services,
                        name: LocalizedText { kk: r.get(2)?, ru: r.get(3)?, en: r.get(4)? },
                        unit: r.get(5)?,
                        limit_price: crate::money::Money::from_tiyn(r.get(6)?),
                        needs_fitting: r.get(7)?,
                        warranty_months: r.get(8)?,
                    },
                ))
            },
        )
        .optional()?;
    row.map(|(category, mut item)| {
        item.category = portal_api::Category::parse(&category)
            .ok_or(StoreError::UnknownValue { column: "classifier.category", value: category })?;
        Ok(item)
    })
    .transpose()
}

/// Appends an entry to the audit log.
pub(crate) fn audit(
    tx: &Transaction<'_>,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    detail: &str,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![Utc::now(), actor, action, entity, entity_id, detail])?;
    Ok(())
}

/// The entities with a mutation laid over the portal's snapshot ([`OVERLAID`]), read once per
/// page of the feed rather than once per entity (the overlay is small; the page is not).
#[derive(Debug)]
pub(crate) struct PendingEntities(std::collections::HashSet<String>);

impl PendingEntities {
    pub(crate) fn read(tx: &Transaction<'_>) -> Result<PendingEntities, StoreError> {
        let ids = tx
            .prepare_cached(&format!("SELECT DISTINCT entity_id FROM outbox WHERE {OVERLAID}"))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(PendingEntities(ids))
    }

    pub(crate) fn contains(&self, id: &str) -> bool {
        self.0.contains(id)
    }
}

/// The search index rows of the orders a page brings, written in one statement when the page
/// is done. FTS5 flushes what it holds in memory at every statement that writes to it, so one
/// statement per order would write one tiny index segment per order and merge them over and
/// over; one statement per page writes one segment.
#[derive(Debug, Default)]
pub(crate) struct SearchRows {
    /// Classifier code -> "code name_kk name_ru name_en", looked up once per page.
    names: HashMap<String, String>,
    /// A JSON array of `[rowid, order_id, number, participant_name, items]`, one per order.
    rows: String,
}

impl SearchRows {
    fn item_text(&mut self, tx: &Transaction<'_>, code: &str) -> Result<&str, StoreError> {
        if !self.names.contains_key(code) {
            let name: Option<String> = tx
                .prepare_cached("SELECT name_kk || ' ' || name_ru || ' ' || name_en FROM classifier WHERE code = ?1")?
                .query_row([code], |r| r.get(0))
                .optional()?;
            self.names.insert(code.to_owned(), format!("{code} {}", name.unwrap_or_default()));
        }
        Ok(self.names.get(code).map_or("", String::as_str))
    }

    /// Drops what is known of `code` (its names just changed).
    pub(crate) fn forget(&mut self, code: &str) {
        self.names.remove(code);
    }

    /// Writes the collected rows, replacing the index rows of the same orders (an index row
    /// shares its order's rowid).
    pub(crate) fn write(self, tx: &Transaction<'_>) -> Result<(), StoreError> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let mut rows = self.rows;
        rows.insert(0, '[');
        rows.push(']');
        tx.prepare_cached(
            "INSERT OR REPLACE INTO orders_fts (rowid, order_id, number, participant_name, items)
             SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?1)",
        )?
        .execute([rows])?;
        Ok(())
    }
}

/// Stores the portal's view of an order. The portal is authoritative for status, except while
/// a local move of this order is laid over the snapshot ([`OVERLAID`]): then the desk keeps
/// showing the local move until a snapshot includes it or the portal refuses it.
pub(crate) fn upsert_order(
    tx: &Transaction<'_>,
    o: &Order,
    pending: &PendingEntities,
    search: &mut SearchRows,
) -> Result<(), StoreError> {
    let pending = pending.contains(&o.id);
    let rowid: i64 = tx
        .prepare_cached(
            "INSERT INTO orders (id, number, status, portal_status, is_open, participant_id,
                                 participant_name, participant_region, participant_phone,
                                 participant_address, placed_at, accept_by, deliver_by, due_at,
                                 total_tiyn, updated_at, assignee, portal_assignee, refusal_reason)
             VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?17, ?17, ?18)
             ON CONFLICT (id) DO UPDATE SET
                 number = excluded.number,
                 portal_status = excluded.portal_status,
                 status = CASE WHEN ?16 THEN orders.status ELSE excluded.status END,
                 is_open = CASE WHEN ?16 THEN orders.is_open ELSE excluded.is_open END,
                 participant_id = excluded.participant_id, participant_name = excluded.participant_name,
                 participant_region = excluded.participant_region,
                 participant_phone = excluded.participant_phone,
                 participant_address = excluded.participant_address,
                 placed_at = excluded.placed_at, accept_by = excluded.accept_by,
                 deliver_by = excluded.deliver_by,
                 due_at = CASE WHEN ?16 THEN orders.due_at ELSE excluded.due_at END,
                 total_tiyn = excluded.total_tiyn, updated_at = excluded.updated_at,
                 -- The assignee follows the portal like the status: kept while a local change
                 -- of the order waits in the outbox.
                 portal_assignee = excluded.portal_assignee,
                 assignee = CASE WHEN ?16 THEN orders.assignee ELSE excluded.assignee END,
                 refusal_reason = excluded.refusal_reason
             RETURNING rowid",
        )?
        .query_row(
            params![
                o.id,
                o.number,
                o.status.as_str(),
                o.status.is_open(),
                o.participant.id,
                o.participant.full_name,
                o.participant.region,
                o.participant.phone,
                o.participant.address,
                o.placed_at,
                o.accept_by,
                o.deliver_by,
                o.due_at(),
                o.total().tiyn(),
                o.updated_at,
                pending,
                o.assignee,
                o.refusal_reason
            ],
            |r| r.get(0),
        )?;
    tx.prepare_cached("DELETE FROM order_lines WHERE order_id = ?1")?.execute([&o.id])?;
    let mut line = tx.prepare_cached(
        "INSERT INTO order_lines (order_id, line_no, classifier_code, offering_id, quantity, unit_price_tiyn)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut items = String::new();
    for (i, l) in o.lines.iter().enumerate() {
        line.execute(params![o.id, i as i64, l.classifier_code, l.offering_id, l.quantity, l.unit_price.tiyn()])?;
        if !items.is_empty() {
            items.push(' ');
        }
        items.push_str(search.item_text(tx, &l.classifier_code)?);
    }
    if !search.rows.is_empty() {
        search.rows.push(',');
    }
    // Writing into a String cannot fail; the error type is serde_json's all the same.
    search.rows.push_str(&serde_json::to_string(&(rowid, &o.id, &o.number, &o.participant.full_name, &items))?);
    Ok(())
}

pub(crate) fn set_policy(tx: &Transaction<'_>, terms: &PolicyTerms) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO policy (id, terms) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET terms = excluded.terms",
    )?
    .execute([serde_json::to_string(terms)?])?;
    Ok(())
}
