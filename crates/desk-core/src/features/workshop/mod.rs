//! The workshop: the queue of orders waiting to be fitted, finding an order by the number on its
//! label (typed, or "typed" by a USB scanner), and an order's fitting record — its sessions with
//! their measurements, and the mark that the item is fitted.
//!
//! An order is "fitted" when the desk holds a fitting for it that the portal has not refused
//! (a refused one that is retried counts again; a discarded one does not).

pub mod views;

use chrono::{DateTime, NaiveDate, Utc};
use portal_api::{LocalizedText, Measurement, MutationBody};
use rusqlite::{OptionalExtension, params};

use crate::features::orders::views::InboxItem;
use crate::kernel::Problem;
use crate::kernel::access::Actor;
use crate::kernel::error::{ActionError, invalid};
use crate::kernel::model::Fitting;
use crate::kernel::store::{Store, StoreError};
use crate::replica::orders::parse_status;
use views::{
    FittedInput, FittedView, FittingCard, FittingSessionInput, FittingSessionView, MeasurementInput, SyncState,
    WorkshopQueue, WorkshopRow,
};

/// The orders of the workshop: an item needs fitting and the status is one in which it is fitted.
const IN_WORKSHOP: &str = "o.needs_fitting AND o.status IN ('accepted', 'in_work', 'fitting')";

/// The fitting queue: the workshop's orders not fitted yet (`fitted`, kept by triggers: schema
/// `V12_FITTED`). The same condition is the partial index `orders_workshop`, and the queries
/// must repeat it term for term to use it.
const QUEUED: &str = "o.needs_fitting AND o.status IN ('accepted', 'in_work', 'fitting') AND NOT o.fitted";

/// The largest queue page the UI may ask for.
const MAX_PAGE: u32 = 500;

impl Store {
    /// The orders waiting in the workshop, the nearest deadline first.
    pub fn workshop_queue(&self, offset: u32, limit: u32) -> Result<WorkshopQueue, StoreError> {
        let conn = self.connection();
        let filter = format!("WHERE {QUEUED}");
        // Counted once until the orders change, as the inbox's totals are: the count walks the
        // whole queue, the page only its first rows.
        let total = self.cached_total("workshop queue", || {
            let n: i64 =
                conn.prepare_cached(&format!("SELECT count(*) FROM orders o {filter}"))?.query_row([], |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        })?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT o.id, o.number, o.status, o.participant_name, o.due_at,
                    (SELECT count(*) FROM fitting_sessions s WHERE s.order_id = o.id)
             FROM orders o {filter}
             ORDER BY o.due_at IS NULL, o.due_at, o.number
             LIMIT ?1 OFFSET ?2"
        ))?;
        let heads = stmt
            .query_map(params![limit.min(MAX_PAGE), offset], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<DateTime<Utc>>>(4)?,
                    r.get::<_, u32>(5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut items = self.fitting_items_of(heads.iter().map(|h| h.0.as_str()))?;
        let mut rows = Vec::with_capacity(heads.len());
        for (order_id, number, status, participant_name, due_at, sessions) in heads {
            rows.push(WorkshopRow {
                items: items.remove(&order_id).unwrap_or_default(),
                status: parse_status(&status)?,
                order_id,
                number,
                participant_name,
                due_at,
                sessions,
            });
        }
        Ok(WorkshopQueue { rows, total })
    }

    /// The id of the order whose number is `number`, ignoring surrounding blanks and case (a
    /// scanner with Caps Lock on sends the label's text in the other case). The number as
    /// typed, in capitals and in small letters are three seeks of the number's unique index;
    /// only a number in mixed case, or none at all, costs a scan. A case-blind index of its own
    /// would make that a seek too, but cost the first sync of 100k orders a tenth of its time.
    pub fn find_order_by_number(&self, number: &str) -> Result<Option<String>, StoreError> {
        let conn = self.connection();
        let number = number.trim();
        let seek = conn
            .prepare_cached(
                "SELECT id FROM orders WHERE number IN (?1, upper(?1), lower(?1)) ORDER BY number <> ?1 LIMIT 1",
            )?
            .query_row([number], |r| r.get(0))
            .optional()?;
        if seek.is_some() {
            return Ok(seek);
        }
        Ok(conn
            .prepare_cached("SELECT id FROM orders WHERE number = ?1 COLLATE NOCASE LIMIT 1")?
            .query_row([number], |r| r.get(0))
            .optional()?)
    }

    /// The fitting record of the order numbered `number`; an unknown number is an error of the
    /// `number` field, which the search field shows.
    pub fn fitting_card_by_number(&self, number: &str) -> Result<FittingCard, ActionError> {
        let number = number.trim();
        if number.is_empty() {
            return Err(invalid("number", Problem::new("order_number_required", "type or scan an order number")));
        }
        let id = self.find_order_by_number(number)?.ok_or_else(|| {
            invalid(
                "number",
                Problem::new("order_number_unknown", format!("there is no order {number}")).with("number", number),
            )
        })?;
        Ok(self.fitting_card(&id)?)
    }

    /// An order's fitting record.
    pub fn fitting_card(&self, order_id: &str) -> Result<FittingCard, StoreError> {
        let conn = self.connection();
        let head = conn
            .query_row(
                &format!(
                    "SELECT o.number, o.status, o.participant_name, o.due_at, {IN_WORKSHOP}
                     FROM orders o WHERE o.id = ?1"
                ),
                [order_id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<DateTime<Utc>>>(3)?,
                        r.get::<_, bool>(4)?,
                    ))
                },
            )
            .optional()?;
        let (number, status, participant_name, due_at, can_record) =
            head.ok_or_else(|| StoreError::NotFound { entity: "order", id: order_id.to_owned() })?;
        Ok(FittingCard {
            order_id: order_id.to_owned(),
            number,
            status: parse_status(&status)?,
            participant_name,
            items: self.fitting_items(order_id)?,
            due_at,
            can_record,
            sessions: self.fitting_sessions(order_id)?,
            fitted: self.fitted(order_id)?,
        })
    }

    /// Records a fitting session (the order moves into fitting); returns the mutation id.
    pub fn record_fitting_session(
        &mut self,
        actor: &Actor,
        input: &FittingSessionInput,
    ) -> Result<String, ActionError> {
        let session_on = crate::replica::workshop::parse_date("session_on", &input.session_on)?;
        let measurements = input
            .measurements
            .iter()
            // A row left wholly empty is a spare row of the form, not a measurement.
            .filter(|m| !(m.name.trim().is_empty() && m.value.trim().is_empty() && m.unit.trim().is_empty()))
            .map(|m| Measurement {
                name: m.name.trim().to_owned(),
                value: crate::replica::workshop::normalize_value(&m.value).unwrap_or_else(|| m.value.trim().to_owned()),
                unit: m.unit.trim().to_owned(),
            })
            .collect();
        self.act(
            actor,
            MutationBody::RecordFittingSession {
                order_id: input.order_id.clone(),
                session_id: uuid::Uuid::now_v7().to_string(),
                session_on,
                technician: input.technician.trim().to_owned(),
                notes: input.notes.trim().to_owned(),
                measurements,
            },
        )
    }

    /// Marks an order's item fitted; returns the mutation id.
    pub fn mark_fitted(&mut self, actor: &Actor, input: &FittedInput) -> Result<String, ActionError> {
        let fitting = Fitting {
            order_id: input.order_id.clone(),
            fitted_on: crate::replica::workshop::parse_date("fitted_on", &input.fitted_on)?,
            technician: input.technician.clone(),
            serial_numbers: input
                .serial_numbers
                .iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            adjustments: input.adjustments.trim().to_owned(),
            warranty_start: crate::replica::workshop::parse_date("warranty_start", &input.warranty_start)?,
        };
        self.record_fitting(actor, &fitting)
    }

    /// The items that need fitting of each of `order_ids`, in one query (a queue page asks for
    /// a hundred orders' items).
    fn fitting_items_of<'a>(
        &self,
        order_ids: impl Iterator<Item = &'a str>,
    ) -> Result<std::collections::HashMap<String, Vec<InboxItem>>, StoreError> {
        let ids = serde_json::to_string(&order_ids.collect::<Vec<_>>())?;
        let mut stmt = self.connection().prepare_cached(
            "SELECT l.order_id, l.classifier_code, c.name_kk, c.name_ru, c.name_en, l.quantity, c.unit
             FROM order_lines l JOIN classifier c ON c.code = l.classifier_code
             WHERE l.order_id IN (SELECT value FROM json_each(?1)) AND c.needs_fitting
             ORDER BY l.order_id, l.line_no",
        )?;
        let mut out: std::collections::HashMap<String, Vec<InboxItem>> = std::collections::HashMap::new();
        let mut rows = stmt.query([ids])?;
        while let Some(r) = rows.next()? {
            out.entry(r.get(0)?).or_default().push(InboxItem {
                classifier_code: r.get(1)?,
                name: LocalizedText { kk: r.get(2)?, ru: r.get(3)?, en: r.get(4)? },
                quantity: r.get(5)?,
                unit: r.get(6)?,
            });
        }
        Ok(out)
    }

    /// The order's items that need fitting.
    fn fitting_items(&self, order_id: &str) -> Result<Vec<InboxItem>, StoreError> {
        Ok(self.fitting_items_of(std::iter::once(order_id))?.remove(order_id).unwrap_or_default())
    }

    fn fitting_sessions(&self, order_id: &str) -> Result<Vec<FittingSessionView>, StoreError> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT id, session_on, technician, notes, measurements FROM fitting_sessions
             WHERE order_id = ?1 ORDER BY session_on, recorded_at",
        )?;
        let rows = stmt
            .query_map([order_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, NaiveDate>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, session_on, technician, notes, measurements) in rows {
            let measurements: Vec<Measurement> = serde_json::from_str(&measurements)?;
            out.push(FittingSessionView {
                sync: self.sync_state(order_id, "record_fitting_session", "$.data.session_id", &id)?,
                id,
                session_on: session_on.to_string(),
                technician,
                notes,
                measurements: measurements
                    .into_iter()
                    .map(|m| MeasurementInput { name: m.name, value: m.value, unit: m.unit })
                    .collect(),
            });
        }
        Ok(out)
    }

    /// The latest fitting recorded for the order, if any.
    fn fitted(&self, order_id: &str) -> Result<Option<FittedView>, StoreError> {
        let row = self
            .connection()
            .query_row(
                "SELECT id, fitted_on, technician, serial_numbers, adjustments, warranty_start FROM fittings
                 WHERE order_id = ?1 ORDER BY recorded_at DESC, rowid DESC LIMIT 1",
                [order_id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, NaiveDate>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, NaiveDate>(5)?,
                    ))
                },
            )
            .optional()?;
        let Some((id, fitted_on, technician, serials, adjustments, warranty_start)) = row else { return Ok(None) };
        let sync = self.sync_state(order_id, "record_fitting", "$.data.fitting_id", &id)?;
        if sync == SyncState::Rejected && self.discarded(order_id, "record_fitting", "$.data.fitting_id", &id)? {
            return Ok(None);
        }
        Ok(Some(FittedView {
            fitted_on: fitted_on.to_string(),
            technician,
            serial_numbers: serde_json::from_str(&serials)?,
            adjustments,
            warranty_start: warranty_start.to_string(),
            sync,
        }))
    }

    /// The state of the latest outbox entry that carried the record `id` (its id at `path` in
    /// the payload). `state IN (…)` lets the lookup use the outbox's (state, entity_id) index.
    fn sync_state(&self, order_id: &str, kind: &str, path: &str, id: &str) -> Result<SyncState, StoreError> {
        let state: Option<String> = self
            .connection()
            .query_row(
                "SELECT state FROM outbox
                 WHERE state IN ('pending', 'applied', 'rejected') AND entity_id = ?1 AND kind = ?2
                   AND json_extract(payload, ?3) = ?4
                 ORDER BY seq DESC LIMIT 1",
                params![order_id, kind, path, id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(match state.as_deref() {
            Some("pending") => SyncState::Pending,
            Some("rejected") => SyncState::Rejected,
            _ => SyncState::Applied,
        })
    }

    fn discarded(&self, order_id: &str, kind: &str, path: &str, id: &str) -> Result<bool, StoreError> {
        Ok(self.connection().query_row(
            "SELECT EXISTS (SELECT 1 FROM outbox
                            WHERE state = 'rejected' AND entity_id = ?1 AND kind = ?2
                              AND json_extract(payload, ?3) = ?4 AND resolution IS 'discarded')",
            params![order_id, kind, path, id],
            |r| r.get(0),
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::QUEUED;
    use crate::kernel::store::Store;

    fn plan(store: &Store, sql: &str) -> String {
        let mut stmt = store.connection().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).expect("prepare");
        let rows = stmt.query_map([], |r| r.get::<_, String>(3)).expect("plan");
        rows.collect::<Result<Vec<_>, _>>().expect("rows").join("\n")
    }

    /// At 100,000 orders the queue must be a walk of its partial index in deadline order that
    /// stops at the page's end, not a scan of every order followed by a sort.
    #[test]
    fn the_queue_walks_its_index_and_the_lookup_seeks_the_number() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
        let queue = plan(
            &store,
            &format!(
                "SELECT o.id FROM orders o WHERE {QUEUED}
                 ORDER BY o.due_at IS NULL, o.due_at, o.number LIMIT 50 OFFSET 0"
            ),
        );
        assert!(queue.contains("SCAN o USING INDEX orders_workshop"), "{queue}");
        assert!(!queue.contains("TEMP B-TREE"), "{queue}");
        let count = plan(&store, &format!("SELECT count(*) FROM orders o WHERE {QUEUED}"));
        assert!(
            count.contains("USING INDEX orders_workshop") || count.contains("USING COVERING INDEX orders_workshop"),
            "{count}"
        );
        let lookup = plan(
            &store,
            "SELECT id FROM orders WHERE number IN ('so-1', upper('so-1'), lower('so-1')) ORDER BY number <> 'so-1' LIMIT 1",
        );
        // The unique index on the number (SQLite's own, named by position): a seek, no scan.
        assert!(
            lookup.contains("SEARCH orders USING INDEX sqlite_autoindex_orders_") && lookup.contains("(number=?)"),
            "{lookup}"
        );
    }
}
