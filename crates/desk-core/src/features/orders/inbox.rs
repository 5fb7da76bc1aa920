//! The inbox and the order screen: pages of orders by filter and sort, search, and one order
//! with its lines, history and what may be done with it.

use chrono::{DateTime, Utc};
use portal_api::{LocalizedText, OrderStatus};
use rusqlite::{OptionalExtension, params};

use super::filter;
use super::views::{
    InboxItem, InboxPage, InboxQuery, InboxRow, OrderAction, OrderDetail, OrderLineView, TimelineEntry,
};
use crate::kernel::store::{Store, StoreError};
use crate::replica::orders::parse_status;

/// From how many matching orders a search is tested order by order (see `Store::inbox`).
const TESTED_FROM: usize = 2_000;

impl Store {
    /// One page of the inbox: the orders the query's filters select, in its sort (by default
    /// open orders first, the nearest deadline first), and how many there are in all.
    pub fn inbox(&self, q: &InboxQuery) -> Result<InboxPage, StoreError> {
        let limit = i64::from(q.limit.clamp(1, 500));
        let offset = i64::from(q.offset);
        // A search matching many orders is taken once and tested order by order as the page and
        // its count are read; a narrow one is a set of rowids SQLite looks up directly.
        let text_tested = match q.text.as_deref().and_then(|text| Some((text, filter::text_rowid_parts(text)?))) {
            Some((text, parts)) => self.load_search_hits(text, &parts)? > TESTED_FROM,
            None => false,
        };
        let sel = filter::selection(q, Utc::now(), text_tested);
        // Counting 100k orders costs more than the page itself; paging through one filter
        // counts once, until the orders change.
        let total = self.cached_total(&sel.count_key, || {
            let n: i64 = self.connection().query_row(
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
            &format!("{} {} LIMIT ?{} OFFSET ?{}", sel.where_sql, filter::order_by(q.sort), n + 1, n + 2),
            rusqlite::params_from_iter(&params),
        )?;
        Ok(InboxPage { rows, total })
    }

    /// Orders whose number (or its digits without the leading zeros), participant's name,
    /// phone or address, or item names match `text` (every word, as a prefix, folded as
    /// `kernel::search_text` says): the 50 (or `limit`) most recently indexed matches, shown in inbox order. Ranking
    /// every match by relevance costs too much when a common name matches thousands of orders.
    pub fn search_orders(&self, text: &str, limit: u32) -> Result<Vec<InboxRow>, StoreError> {
        let query = filter::fts_terms(text);
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
    pub(super) fn inbox_rows(&self, tail: &str, args: impl rusqlite::Params) -> Result<Vec<InboxRow>, StoreError> {
        let mut stmt = self.connection().prepare_cached(&format!(
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

    pub(super) fn order_lines(&self, order_id: &str) -> Result<Vec<OrderLineView>, StoreError> {
        let mut items = self.connection().prepare_cached(
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
                    serial_numbers_from_fitting: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(lines)
    }

    /// The serial numbers of the order's latest fitted mark, the technician's entry at the
    /// fitting; none when there is no mark or its rejected mutation was discarded.
    fn fitted_serials(&self, order_id: &str) -> Result<Vec<String>, StoreError> {
        let serials: Option<String> = self
            .connection()
            .query_row(
                "SELECT f.serial_numbers FROM fittings f
                 WHERE f.order_id = ?1
                   AND NOT EXISTS (SELECT 1 FROM outbox o
                                   WHERE o.state = 'rejected' AND o.entity_id = f.order_id
                                     AND o.kind = 'record_fitting' AND o.resolution IS 'discarded'
                                     AND json_extract(o.payload, '$.data.fitting_id') = f.id)
                 ORDER BY f.recorded_at DESC, f.rowid DESC LIMIT 1",
                [order_id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(match serials {
            Some(json) => serde_json::from_str(&json)?,
            None => Vec::new(),
        })
    }

    /// The order's history as the portal tells it: placed, then each status the desk saw the
    /// portal move it to (`order_events`, written by a trigger when a pulled snapshot changes
    /// the portal's status). An order first pulled already past `placed` shows that status as of
    /// its last change on the portal, so a paid order still says when it was paid.
    fn portal_history(
        &self,
        order_id: &str,
        row: &InboxRow,
        portal_status: &str,
    ) -> Result<Vec<TimelineEntry>, StoreError> {
        let entry = |at, action: &str, status: &str| TimelineEntry {
            at,
            actor: "portal".into(),
            action: action.into(),
            detail: if status.is_empty() { String::new() } else { serde_json::json!({ "status": status }).to_string() },
        };
        let mut out = vec![entry(row.placed_at, "placed", "")];
        let mut stmt =
            self.connection().prepare_cached("SELECT at, status FROM order_events WHERE order_id = ?1 ORDER BY id")?;
        let events = stmt
            .query_map([order_id], |r| Ok((r.get::<_, DateTime<Utc>>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        let seen_now = events.iter().any(|(_, status)| status == portal_status);
        out.extend(events.iter().map(|(at, status)| entry(*at, "portal_status", status)));
        if !seen_now && portal_status != OrderStatus::Placed.as_str() {
            let updated_at: DateTime<Utc> =
                self.connection().query_row("SELECT updated_at FROM orders WHERE id = ?1", [order_id], |r| r.get(0))?;
            out.push(entry(updated_at, "portal_status", portal_status));
        }
        Ok(out)
    }

    /// Everything the order screen shows: the order, its lines, its history and what may be done.
    pub fn order_detail(&self, order_id: &str) -> Result<OrderDetail, StoreError> {
        let row = self
            .inbox_rows("WHERE id = ?1", [order_id])?
            .pop()
            .ok_or_else(|| StoreError::NotFound { entity: "order", id: order_id.to_owned() })?;
        let (portal_status, phone, address, pending): (String, String, String, i64) = self.connection().query_row(
            "SELECT portal_status, participant_phone, participant_address,
                    (SELECT count(*) FROM outbox WHERE state = 'pending' AND entity_id = orders.id)
             FROM orders WHERE id = ?1",
            [order_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let mut lines = self.order_lines(order_id)?;
        if lines.iter().any(|l| l.needs_fitting) {
            let fitted = self.fitted_serials(order_id)?;
            for line in lines.iter_mut().filter(|l| l.needs_fitting) {
                line.serial_numbers_from_fitting = fitted.clone();
            }
        }
        let mut timeline = self.connection().prepare_cached(
            "SELECT at, actor, action, detail FROM audit_log WHERE entity = 'order' AND entity_id = ?1 ORDER BY id",
        )?;
        let mut timeline: Vec<TimelineEntry> = timeline
            .query_map([order_id], |r| {
                Ok(TimelineEntry { at: r.get(0)?, actor: r.get(1)?, action: r.get(2)?, detail: r.get(3)? })
            })?
            .collect::<Result<_, _>>()?;
        timeline.extend(self.portal_history(order_id, &row, &portal_status)?);
        // Stable: entries of one instant keep the order they were written in.
        timeline.sort_by_key(|e| e.at);
        let needs_fitting = lines.iter().any(|l| l.needs_fitting);
        let mut actions = OrderAction::allowed(row.status, needs_fitting);
        if row.status.is_open() {
            actions.push(OrderAction::Assign);
        }
        let (assignee, refusal_reason): (Option<String>, Option<String>) = self.connection().query_row(
            "SELECT assignee, refusal_reason FROM orders WHERE id = ?1",
            [order_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(OrderDetail {
            actions,
            assignee_name: self.assignee_name(assignee.as_deref())?,
            assignee,
            refusal_reason,
            portal_status: parse_status(&portal_status)?,
            participant_phone: phone,
            participant_address: address,
            lines,
            timeline,
            pending_mutations: pending as u64,
            documents: crate::features::documents::available(self.connection(), order_id, row.status)?,
            delivery_photos: self.order_delivery_photos(order_id)?,
            stock_warnings: if row.status == OrderStatus::Placed {
                self.stock_warnings(order_id, &row.region)?
            } else {
                Vec::new()
            },
            serials_elsewhere: self.serials_elsewhere(order_id)?,
            payments: self.order_payments(order_id)?,
            row,
        })
    }
}
