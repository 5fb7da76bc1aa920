//! The yardstick of the first-sync benchmark: a raw bulk insert of the rows a synced store
//! holds (classifier, policy, offerings, payments, orders, their lines and search index) into a new store
//! with the same schema and the same durability settings, in one transaction, with nothing of
//! sync around it: no HTTP, no JSON, no rules, no paging.
//!
//! Both stores are encrypted with the desk's key (from its vault: the keychain, or the sealed file
//! with SUPPLIER_DESK_ADMIN_PASSWORD), so the yardstick pays what the sync pays for encryption.
//!
//! `cargo run --release -p desk-core --example bulk_insert -- DESK_DATA_DIR` prints the time in
//! milliseconds and the rows copied; `scripts/bench.sh` divides the first sync's time by it.

use std::path::PathBuf;
use std::time::Instant;

use desk_core::Store;
use desk_core::vault::Vault;

/// Tables in the order their foreign keys need, each with its rowid kept where it has one (the
/// search index shares the order's rowid). Payments go before the orders, whose paid amounts are
/// copied as they are: the floor, without the payment lines' triggers updating orders.
const TABLES: [(&str, bool); 8] = [
    ("policy", true),
    ("classifier", true),
    ("offerings", true),
    ("payments", true),
    ("payment_lines", false),
    ("orders", true),
    ("order_lines", true),
    ("orders_fts", true),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let desk = std::env::args_os().nth(1).map(PathBuf::from).ok_or("usage: bulk_insert DESK_DATA_DIR")?;
    let source = desk.join("desk.sqlite");
    if !source.is_file() {
        return Err(format!("{} holds no desk database", desk.display()).into());
    }
    let admin = std::env::var("SUPPLIER_DESK_ADMIN_PASSWORD").ok();
    let key = Vault::open(&desk, admin.as_deref(), false)?.database_key(false)?;
    let dir = tempfile::tempdir()?;
    let target = dir.path().join("bulk.sqlite");
    // Opening through the store gives the same schema, indexes and pragmas as the desk's.
    drop(Store::open_encrypted(&target, &key)?);
    let mut conn = rusqlite::Connection::open(&target)?;
    conn.pragma_update(None, "key", key.pragma_value().as_str())?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "cache_size", -16_384)?;
    conn.execute(
        "ATTACH DATABASE ?1 AS source KEY ?2",
        rusqlite::params![source.to_string_lossy(), key.pragma_value().as_str()],
    )?;
    // Read the source file once beforehand so the timed part is the insert, not disk reads.
    std::io::copy(&mut std::fs::File::open(&source)?, &mut std::io::sink())?;

    let started = Instant::now();
    let tx = conn.transaction()?;
    let mut rows = 0;
    for (table, rowid) in TABLES {
        let columns: Vec<String> = tx
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let columns = if rowid { format!("rowid, {}", columns.join(", ")) } else { columns.join(", ") };
        rows +=
            tx.execute(&format!("INSERT INTO main.{table} ({columns}) SELECT {columns} FROM source.{table}"), [])?;
    }
    tx.commit()?;
    let elapsed = started.elapsed();
    println!("{:.1} ms {rows} rows", elapsed.as_secs_f64() * 1000.0);
    Ok(())
}
