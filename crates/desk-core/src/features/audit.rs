//! The audit trail as the manager reads it: every entry names who acted (a staff member, or
//! `portal` for the portal's refusals), filtered by person, action, entity and time, in pages,
//! and as CSV.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::kernel::access::{AccessError, Actor, Command};
use crate::kernel::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error(transparent)]
    Forbidden(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for AuditError {
    fn from(e: rusqlite::Error) -> Self {
        AuditError::Store(StoreError::Sqlite(e))
    }
}

/// Which entries to show. Every filter left out matches everything.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct AuditQuery {
    /// Who acted: a user name (or `portal`).
    #[serde(default)]
    pub actor: Option<String>,
    /// What was done, e.g. `accept_order`, `signed_in`.
    #[serde(default)]
    pub action: Option<String>,
    /// The id of the order, offering or staff member acted upon.
    #[serde(default)]
    pub entity_id: Option<String>,
    /// From this instant (inclusive).
    #[serde(default)]
    #[ts(type = "string | null")]
    pub from: Option<DateTime<Utc>>,
    /// Until this instant (exclusive).
    #[serde(default)]
    #[ts(type = "string | null")]
    pub until: Option<DateTime<Utc>>,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditRow {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    /// What was sent or decided, as JSON.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    #[ts(type = "number")]
    pub total: u64,
    /// Everyone and every action the trail holds, for the filters' lists.
    pub actors: Vec<String>,
    pub actions: Vec<String>,
}

/// The most entries one page holds.
const MAX_PAGE: u32 = 500;

/// The WHERE clause and its parameters for `q`.
fn filter(q: &AuditQuery) -> (String, Vec<Value>) {
    let mut clauses = Vec::new();
    let mut values = Vec::new();
    let mut add = |clause: &str, value: Value| {
        values.push(value);
        clauses.push(clause.replace('?', &format!("?{}", values.len())));
    };
    if let Some(actor) = q.actor.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        add("actor = ?", Value::Text(actor.to_owned()));
    }
    if let Some(action) = q.action.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        add("action = ?", Value::Text(action.to_owned()));
    }
    if let Some(id) = q.entity_id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        add("entity_id = ?", Value::Text(id.to_owned()));
    }
    // Stored instants are text in one format and one offset, so they compare as text.
    if let Some(from) = q.from {
        add("at >= ?", Value::Text(sql_instant(from)));
    }
    if let Some(until) = q.until {
        add("at < ?", Value::Text(sql_instant(until)));
    }
    let clause = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    (clause, values)
}

/// An instant as rusqlite's chrono support stores one.
fn sql_instant(t: DateTime<Utc>) -> String {
    t.format("%F %T%.f%:z").to_string()
}

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRow> {
    Ok(AuditRow {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        entity_id: r.get(5)?,
        detail: r.get(6)?,
    })
}

const COLUMNS: &str = "SELECT id, at, actor, action, entity, entity_id, detail FROM audit_log";

impl Store {
    /// A page of the audit trail, newest first. Managers only.
    pub fn audit_page(&self, actor: &Actor, q: &AuditQuery) -> Result<AuditPage, AuditError> {
        actor.require(Command::AuditView)?;
        let conn = self.connection();
        let (clause, values) = filter(q);
        let total: i64 = conn.query_row(
            &format!("SELECT count(*) FROM audit_log {clause}"),
            rusqlite::params_from_iter(values.iter()),
            |r| r.get(0),
        )?;
        let mut page_values = values.clone();
        page_values.push(Value::Integer(q.limit.min(MAX_PAGE).into()));
        page_values.push(Value::Integer(q.offset.into()));
        let n = values.len();
        let rows = conn
            .prepare(&format!("{COLUMNS} {clause} ORDER BY id DESC LIMIT ?{} OFFSET ?{}", n + 1, n + 2))?
            .query_map(rusqlite::params_from_iter(page_values.iter()), read_row)?
            .collect::<Result<Vec<_>, _>>()?;
        let distinct = |column: &str| -> Result<Vec<String>, rusqlite::Error> {
            conn.prepare(&format!("SELECT DISTINCT {column} FROM audit_log ORDER BY {column}"))?
                .query_map([], |r| r.get(0))?
                .collect()
        };
        Ok(AuditPage {
            rows,
            total: total.try_into().unwrap_or_default(),
            actors: distinct("actor")?,
            actions: distinct("action")?,
        })
    }

    /// Every entry `q` matches (its paging ignored), oldest first, as CSV. Managers only.
    pub fn audit_csv(&self, actor: &Actor, q: &AuditQuery) -> Result<String, AuditError> {
        actor.require(Command::AuditView)?;
        let export = |e: csv::Error| StoreError::Export(e.to_string());
        let (clause, values) = filter(q);
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["at_utc", "actor", "action", "entity", "entity_id", "detail"]).map_err(export)?;
        let mut stmt = self.connection().prepare(&format!("{COLUMNS} {clause} ORDER BY id"))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
        while let Some(r) = rows.next()? {
            let row = read_row(r)?;
            w.write_record([
                row.at.to_rfc3339_opts(SecondsFormat::Secs, true),
                row.actor,
                row.action,
                row.entity,
                row.entity_id,
                row.detail,
            ])
            .map_err(export)?;
        }
        let bytes = w.into_inner().map_err(|e| StoreError::Export(e.to_string()))?;
        Ok(String::from_utf8(bytes).map_err(|e| StoreError::Export(e.to_string()))?)
    }
}
