//! Participants: the people who place orders. Their IIN stays on the portal; suppliers see the
//! wire `Participant` (name, region, phone, address).

use rusqlite::{Connection, params};

use super::StoreError;

#[derive(Debug, Clone)]
pub(crate) struct NewParticipant {
    pub id: String,
    pub iin: String,
    pub full_name: String,
    pub region: String,
    pub phone: String,
    pub address: String,
}

pub(crate) fn insert(conn: &Connection, p: &NewParticipant) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO participant (id, iin, full_name, region, phone, address) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![p.id, p.iin, p.full_name, p.region, p.phone, p.address],
    )?;
    Ok(())
}

/// Every participant's id and region, in id order.
pub(crate) fn all(conn: &Connection) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, region FROM participant ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
