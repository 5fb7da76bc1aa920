//! Each SQLite connection keeps its own page cache. The desk's store shares its process with the
//! bundled sandbox's database, and when SQLite was built with one cache pool for the process
//! (libsqlite3-sys's SQLITE_ENABLE_MEMORY_MANAGEMENT, undone in `.cargo/config.toml`) the
//! sandbox's work evicted the store's pages: every one read again from the encrypted file costs
//! a decryption, and the inbox page went from 2 ms to 17 ms.

use rusqlite::{Connection, ffi};

/// Bytes of page cache `conn` holds now.
fn cache_used(conn: &Connection) -> i32 {
    let (mut current, mut highest) = (0, 0);
    // SAFETY: the handle is live for `conn`'s lifetime and both out-pointers are valid.
    let rc = unsafe {
        ffi::sqlite3_db_status(conn.handle(), ffi::SQLITE_DBSTATUS_CACHE_USED, &mut current, &mut highest, 0)
    };
    assert_eq!(rc, ffi::SQLITE_OK);
    current
}

fn fill(conn: &mut Connection, rows: usize) {
    conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)").unwrap();
    for start in (0..rows).step_by(1000) {
        let tx = conn.transaction().unwrap();
        for i in start..start + 1000 {
            tx.execute("INSERT INTO t (id, body) VALUES (?1, ?2)", rusqlite::params![i as i64, format!("{i:0>400}")])
                .unwrap();
        }
        tx.commit().unwrap();
    }
}

#[test]
fn a_busy_connection_does_not_take_the_page_cache_of_another() {
    let dir = tempfile::tempdir().unwrap();
    // The reader: a 4 MiB cache filled by reading a table of about 8 MB.
    let mut reader = Connection::open(dir.path().join("reader.sqlite")).unwrap();
    fill(&mut reader, 20_000);
    reader.pragma_update(None, "cache_size", -4096).unwrap();
    let read_all =
        |conn: &Connection| conn.query_row("SELECT sum(length(body)) FROM t", [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(read_all(&reader), 20_000 * 400);
    let before = cache_used(&reader);
    assert!(before > 3 * 1024 * 1024, "the reader's cache holds {before} bytes after reading 8 MB");

    // Another connection in the same process, with SQLite's default 2 MB cache, works through
    // a database of its own of the same size.
    let mut busy = Connection::open(dir.path().join("busy.sqlite")).unwrap();
    fill(&mut busy, 20_000);
    assert_eq!(read_all(&busy), 20_000 * 400);

    let after = cache_used(&reader);
    assert!(
        after >= before,
        "the reader's page cache shrank from {before} to {after} bytes while another connection worked: \
         SQLite was built with one page cache pool for the process (see .cargo/config.toml)"
    );
    assert!(cache_used(&busy) <= 2_200 * 1024, "the busy connection's cache grew past its own size");
}
