//! The outage journal: each period the portal could not be reached, with the errors seen. A
//! supplier exports it as evidence when a deadline slipped because of the portal.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, params};

use crate::kernel::store::{Store, StoreError};

impl Store {
    /// Notes a failed attempt to reach the portal: opens an outage, or adds to the open one.
    pub fn note_outage(&mut self, error: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        let tx = self.transaction()?;
        let open: Option<(i64, String)> = tx
            .query_row("SELECT id, errors FROM outages WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        match open {
            Some((id, errors)) => {
                let mut errors: BTreeMap<String, u64> = serde_json::from_str(&errors)?;
                *errors.entry(error.to_owned()).or_default() += 1;
                tx.execute(
                    "UPDATE outages SET error_count = error_count + 1, last_error = ?2, errors = ?3 WHERE id = ?1",
                    params![id, error, serde_json::to_string(&errors)?],
                )?;
            }
            None => {
                let errors = BTreeMap::from([(error.to_owned(), 1u64)]);
                tx.execute(
                    "INSERT INTO outages (started_at, error_count, last_error, errors) VALUES (?1, 1, ?2, ?3)",
                    params![at, error, serde_json::to_string(&errors)?],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Closes the open outage, if any: the portal answered again.
    pub fn end_outage(&mut self, at: DateTime<Utc>) -> Result<(), StoreError> {
        let tx = self.transaction()?;
        tx.execute("UPDATE outages SET ended_at = ?1 WHERE ended_at IS NULL", [at])?;
        tx.commit()?;
        Ok(())
    }

    /// Every outage, newest first.
    pub fn outages(&self) -> Result<Vec<OutageRow>, StoreError> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT id, started_at, ended_at, error_count, last_error, errors FROM outages ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                OutageRow {
                    id: r.get(0)?,
                    started_at: r.get(1)?,
                    ended_at: r.get(2)?,
                    error_count: r.get::<_, i64>(3)? as u64,
                    last_error: r.get(4)?,
                    errors: Vec::new(),
                },
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut row, errors) = row?;
            let errors: BTreeMap<String, u64> = serde_json::from_str(&errors)?;
            row.errors = errors.into_iter().map(|(message, count)| OutageError { message, count }).collect();
            out.push(row);
        }
        Ok(out)
    }

    /// The journal as CSV (UTC instants in RFC 3339, durations in seconds), oldest first.
    pub fn outages_csv(&self) -> Result<String, StoreError> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut write = |record: &[String]| w.write_record(record).map_err(|e| StoreError::Export(e.to_string()));
        write(&["started_at_utc", "ended_at_utc", "duration_seconds", "error_count", "errors"].map(String::from))?;
        let mut outages = self.outages()?;
        outages.reverse();
        for o in outages {
            let errors: Vec<String> = o.errors.iter().map(|e| format!("{} ×{}", e.message, e.count)).collect();
            write(&[
                o.started_at.to_rfc3339_opts(SecondsFormat::Secs, true),
                o.ended_at.map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)).unwrap_or_default(),
                o.ended_at.map(|t| (t - o.started_at).num_seconds().to_string()).unwrap_or_default(),
                o.error_count.to_string(),
                errors.join("; "),
            ])?;
        }
        let bytes = w.into_inner().map_err(|e| StoreError::Export(e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| StoreError::Export(e.to_string()))
    }
}

/// A period the portal could not be reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutageRow {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "string")]
    pub started_at: DateTime<Utc>,
    /// None while the outage goes on.
    #[ts(type = "string | null")]
    pub ended_at: Option<DateTime<Utc>>,
    #[ts(type = "number")]
    pub error_count: u64,
    pub last_error: String,
    /// Each distinct error seen, with how often.
    pub errors: Vec<OutageError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutageError {
    pub message: String,
    #[ts(type = "number")]
    pub count: u64,
}
