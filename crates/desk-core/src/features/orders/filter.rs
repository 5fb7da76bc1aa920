//! The inbox's filters as SQL: which orders a query selects, and the key under which their count
//! is kept until the orders change.

use chrono::{DateTime, Duration, Utc};
use rusqlite::types::Value;

use super::views::{DeadlineFilter, InboxQuery, InboxSort};

/// How close a deadline is "soon": the same 48 hours the window marks rows with.
pub const SOON: Duration = Duration::hours(48);

/// A query's WHERE clause (empty or starting with `WHERE`), its parameters, and its count's key.
pub struct Selection {
    pub where_sql: String,
    pub params: Vec<Value>,
    pub count_key: String,
}

/// What `q` selects at `now`. Every value the user typed or picked goes in as a parameter.
/// With `text_tested`, the search text's orders are those `search_hit(rowid)` answers for (the
/// store has loaded them: `Store::load_search_hits`); otherwise they are a subquery.
pub fn selection(q: &InboxQuery, now: DateTime<Utc>, text_tested: bool) -> Selection {
    let mut clauses: Vec<String> = Vec::new();
    let mut params: Vec<Value> = Vec::new();
    let mut key = format!("open={}", q.open_only);
    if q.open_only {
        clauses.push("is_open = 1".into());
    }
    if let Some(status) = q.status {
        params.push(Value::Text(status.as_str().into()));
        clauses.push(format!("status = ?{}", params.len()));
        key.push_str(&format!(";status={}", status.as_str()));
    }
    if let Some(region) = q.region.as_deref().filter(|r| !r.is_empty()) {
        params.push(Value::Text(region.to_uppercase()));
        clauses.push(format!("participant_region = ?{}", params.len()));
        key.push_str(&format!(";region={}", region.to_uppercase()));
    }
    if let Some(category) = q.category {
        params.push(Value::Text(category.as_str().into()));
        clauses.push(format!(
            "EXISTS (SELECT 1 FROM order_lines l JOIN classifier c ON c.code = l.classifier_code
                     WHERE l.order_id = orders.id AND c.category = ?{})",
            params.len()
        ));
        key.push_str(&format!(";category={}", category.as_str()));
    }
    if let Some(deadline) = q.deadline {
        // Stored as chrono writes a DateTime<Utc> (`2026-12-14 16:48:30+00:00`), which sorts as
        // text; the bound goes in through the same conversion.
        params.push(Value::Text(sql_time(now)));
        let at = params.len();
        match deadline {
            DeadlineFilter::Overdue => clauses.push(format!("due_at IS NOT NULL AND due_at < ?{at}")),
            DeadlineFilter::Soon => {
                params.push(Value::Text(sql_time(now + SOON)));
                clauses.push(format!("due_at >= ?{at} AND due_at < ?{}", params.len()));
            }
        }
        // The set moves with the clock: a count is kept for the minute it was taken in.
        key.push_str(&format!(";deadline={deadline:?}@{}", now.format("%Y%m%d%H%M")));
    }
    if let Some(assignee) = q.assignee.as_deref().filter(|a| !a.is_empty()) {
        params.push(Value::Text(assignee.to_owned()));
        clauses.push(format!("assignee = ?{}", params.len()));
        key.push_str(&format!(";assignee={assignee}"));
    }
    if let Some(text) = q.text.as_deref()
        && let Some((rowids, text_params)) = text_rowids(text, params.len() + 1)
    {
        if text_tested {
            clauses.push("search_hit(rowid)".into());
        } else {
            params.extend(text_params);
            clauses.push(format!("rowid IN ({rowids})"));
        }
        key.push_str(&format!(";text={}", fts_terms(text)));
    }
    let where_sql = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    Selection { where_sql, params, count_key: key }
}

/// The rowids of the orders `text` matches — its words in the search index, and for one word with
/// a digit the orders of the serial numbers it begins (typed or scanned) — as SQL whose parameters
/// start at `?{first}`, with those parameters; None when the text holds no word. One set, not an
/// OR of two conditions, which SQLite could only test order by order.
pub fn text_rowids(text: &str, first: usize) -> Option<(String, Vec<Value>)> {
    let parts = rowid_parts(text, first, first + 1)?;
    let params = parts.iter().flat_map(|(_, p)| p.iter().cloned()).collect();
    Some((parts.into_iter().map(|(sql, _)| sql).collect::<Vec<_>>().join(" UNION "), params))
}

/// The queries whose rowids together are `text_rowids`, each with its parameters numbered from
/// `?1`: the store reads them one by one and merges them.
pub fn text_rowid_parts(text: &str) -> Option<Vec<(String, Vec<Value>)>> {
    rowid_parts(text, 1, 1)
}

fn rowid_parts(text: &str, terms_at: usize, serial_at: usize) -> Option<Vec<(String, Vec<Value>)>> {
    let terms = fts_terms(text);
    if terms.is_empty() {
        return None;
    }
    let mut parts =
        vec![(format!("SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?{terms_at}"), vec![Value::Text(terms)])];
    if let Some(serial) = serial_prefix(text) {
        parts.push((
            format!(
                "SELECT o.rowid FROM order_serials s JOIN orders o ON o.id = s.order_id
                 WHERE s.serial >= ?{serial_at} AND s.serial < ?{serial_at} || char(1114111)"
            ),
            vec![Value::Text(serial)],
        ));
    }
    Some(parts)
}

/// The ORDER BY of a sort; every one ends with the order number so that pages never overlap.
pub fn order_by(sort: Option<InboxSort>) -> &'static str {
    match sort.unwrap_or(InboxSort::Deadline) {
        InboxSort::Deadline => "ORDER BY is_open DESC, due_at IS NULL, due_at, number",
        InboxSort::Newest => "ORDER BY placed_at DESC, number",
        InboxSort::Total => "ORDER BY total_tiyn DESC, number",
    }
}

/// Each word, folded as the index is (`kernel::search_text`), as a quoted prefix term, so
/// that user input never reaches FTS5's query syntax; a phone typed in groups is one term.
pub fn fts_terms(text: &str) -> String {
    if let Some(digits) = crate::kernel::search_text::phone_query(text) {
        return format!("\"{digits}\"*");
    }
    crate::kernel::search_text::fold(text)
        .split_whitespace()
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` upper-cased when it is one word holding a digit, as serial numbers are written
/// (`WC-2026-0007`); None for anything else.
pub fn serial_prefix(text: &str) -> Option<String> {
    let word = text.trim();
    let one_word = !word.is_empty() && !word.contains(char::is_whitespace);
    (one_word && word.chars().any(|c| c.is_ascii_digit())).then(|| word.to_uppercase())
}

/// An instant as chrono stores a `DateTime<Utc>` in SQLite, so that it compares as text.
pub(crate) fn sql_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S%:z").to_string()
}
