//! The local store: one SQLite file in WAL mode with `synchronous=FULL`, foreign keys on and a
//! busy timeout. Everything the desk knows lives here, so it works the same with or without the
//! portal.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use portal_api::PolicyTerms;
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::kernel::model::ModelError;
use portal_rules::lifecycle::TransitionError;

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
    /// The orders the last broad search matched, which `search_hit(rowid)` tests.
    search_hits: crate::kernel::search_text::SharedHits,
    /// The key of the files kept beside the database (photos); none for a plain store.
    files: Option<crate::kernel::file_seal::FileSeal>,
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
        crate::kernel::at_rest::encrypt_if_plain(path, key)?;
        let conn = Connection::open(path)?;
        crate::kernel::at_rest::key(&conn, key)?;
        let store = Store::set_up(conn, Some(crate::kernel::file_seal::FileSeal::for_database(key)))?;
        store.seal_plain_photos()?;
        Ok(store)
    }

    fn set_up(mut conn: Connection, files: Option<crate::kernel::file_seal::FileSeal>) -> Result<Store, StoreError> {
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
        let search_hits = crate::kernel::search_text::SharedHits::default();
        crate::kernel::search_text::register(&conn, &search_hits)?;
        // A first sync that never ended left its indexes to build (`bulk_load`).
        crate::kernel::bulk_load::build_deferred(&mut conn)?;
        crate::kernel::schema::migrations().to_latest(&mut conn)?;
        conn.execute(
            "INSERT OR IGNORE INTO sync_state (id, device_id, next_device_seq, cursor, head)
             VALUES (1, ?1, 1, 0, 0)",
            [uuid::Uuid::now_v7().to_string()],
        )?;
        Ok(Store { conn, inbox_totals: RefCell::default(), search_hits, files })
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

    /// Makes `search_hit(rowid)` answer for the search `key`, whose matching rowids the queries
    /// `parts` list between them (each with its parameters, numbered from 1 in its own SQL);
    /// they are taken again only when the search or the data changed. Returns how many matched.
    pub(crate) fn load_search_hits(
        &self,
        key: &str,
        parts: &[(String, Vec<rusqlite::types::Value>)],
    ) -> Result<usize, StoreError> {
        let key = format!("{key}@{:?}", self.data_state()?);
        {
            let hits = self.search_hits.read().unwrap_or_else(|e| e.into_inner());
            if hits.key == key {
                return Ok(hits.rowids.len());
            }
        }
        let mut rowids: Vec<i64> = Vec::new();
        for (sql, params) in parts {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| r.get(0))?;
            for rowid in rows {
                rowids.push(rowid?);
            }
        }
        rowids.sort_unstable();
        rowids.dedup();
        let n = rowids.len();
        *self.search_hits.write().unwrap_or_else(|e| e.into_inner()) =
            crate::kernel::search_text::SearchHits { key, rowids };
        Ok(n)
    }

    /// A write transaction, begun IMMEDIATE (see `set_up`).
    pub(crate) fn transaction(&mut self) -> Result<Transaction<'_>, StoreError> {
        Ok(self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    /// The key of the files kept beside the database, if it is encrypted.
    pub(crate) fn file_seal(&self) -> Option<&crate::kernel::file_seal::FileSeal> {
        self.files.as_ref()
    }

    pub(crate) fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// After a restore replaced the database's pages: a backup of an older app brought up to
    /// this schema, and the counts kept for the old content forgotten.
    pub(crate) fn after_restore(&mut self) -> Result<(), StoreError> {
        crate::kernel::schema::migrations().to_latest(&mut self.conn)?;
        self.inbox_totals.borrow_mut().clear();
        Ok(())
    }

    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
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
}

pub(crate) fn set_policy(tx: &Transaction<'_>, terms: &PolicyTerms) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO policy (id, terms) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET terms = excluded.terms",
    )?
    .execute([serde_json::to_string(terms)?])?;
    Ok(())
}

/// Counts and sync bookkeeping read from the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StoreSummary {
    pub device_id: String,
    #[ts(type = "number")]
    pub cursor: u64,
    #[ts(type = "number")]
    pub head: u64,
    #[ts(type = "string | null")]
    pub last_sync_at: Option<DateTime<Utc>>,
    #[ts(type = "number")]
    pub orders: u64,
    #[ts(type = "number")]
    pub open_orders: u64,
    #[ts(type = "number")]
    pub offerings: u64,
    #[ts(type = "number")]
    pub classifier_items: u64,
    #[ts(type = "number")]
    pub pending_mutations: u64,
    /// Mutations the portal refused that nobody has resolved yet.
    #[ts(type = "number")]
    pub conflicts: u64,
}
