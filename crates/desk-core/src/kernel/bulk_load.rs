//! The first sync's bulk load. A store without orders fills `orders` with every order the
//! portal holds; keeping six secondary indexes of `orders` (and one of `payments`) up to date
//! row by row made that load take more than twice as long as a plain bulk insert of the same
//! rows (docs/BENCHMARKS.md). So the first sync drops them before its first page and builds each
//! once after its last one. The definitions stay where the migrations wrote them: a dropped
//! index's SQL is kept in `deferred_indexes` until it is built again — at the end of the pull,
//! or when the store is next opened if the pull never ended.

use rusqlite::{Connection, OptionalExtension, Transaction};

use super::store::{Store, StoreError};

/// The indexes a first sync builds after loading instead of during it: read by screens, never
/// by the sync's own upserts (which find rows by their keys).
const DEFERRED: [&str; 7] = [
    "orders_inbox",
    "orders_workshop",
    "orders_by_assignee",
    "orders_money",
    "orders_placed_day",
    "orders_confirmed_day",
    "payments_by_date",
];

impl Store {
    /// Before a pull: when the store holds no order yet, drops the deferred indexes, keeping
    /// their definitions. Returns whether it did.
    pub(crate) fn begin_bulk_load(&mut self) -> Result<bool, StoreError> {
        let tx = self.transaction()?;
        let empty: bool = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM orders)", [], |r| r.get(0))?;
        if !empty {
            return Ok(false);
        }
        defer(&tx)?;
        tx.commit()?;
        Ok(true)
    }

    /// After a pull: builds every index a bulk load deferred (none: nothing to do).
    pub(crate) fn finish_bulk_load(&mut self) -> Result<(), StoreError> {
        build_deferred(self.connection_mut())
    }
}

fn defer(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.execute_batch("CREATE TABLE IF NOT EXISTS deferred_indexes (name TEXT PRIMARY KEY, sql TEXT NOT NULL)")?;
    for name in DEFERRED {
        let sql: Option<String> = tx
            .query_row("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1", [name], |r| r.get(0))
            .optional()?;
        let Some(sql) = sql else { continue };
        tx.execute("INSERT OR REPLACE INTO deferred_indexes (name, sql) VALUES (?1, ?2)", [name, &sql])?;
        tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    Ok(())
}

/// Builds the indexes kept in `deferred_indexes`, each in its own transaction with its row
/// removed; called when a store opens too (before its migrations, which may change them).
pub(crate) fn build_deferred(conn: &mut Connection) -> Result<(), StoreError> {
    let kept: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'deferred_indexes')",
        [],
        |r| r.get(0),
    )?;
    if !kept {
        return Ok(());
    }
    let deferred: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM deferred_indexes ORDER BY name")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (name, sql) in deferred {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?1)",
            [&name],
            |r| r.get(0),
        )?;
        if !exists {
            tx.execute_batch(&sql)?;
        }
        tx.execute("DELETE FROM deferred_indexes WHERE name = ?1", [&name])?;
        tx.commit()?;
    }
    Ok(())
}
