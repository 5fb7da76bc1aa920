//! The policy terms of the order lifecycle (time limits), one row.

use chrono::{DateTime, Utc};
use portal_api::{Entity, PolicyBasis, PolicyTerm, PolicyTerms};
use rusqlite::{Connection, Row, params};

use super::{StoreError, changes};

fn basis_str(b: PolicyBasis) -> &'static str {
    match b {
        PolicyBasis::Published => "published",
        PolicyBasis::Default => "default",
    }
}

fn basis_parse(s: &str) -> Result<PolicyBasis, StoreError> {
    match s {
        "published" => Ok(PolicyBasis::Published),
        "default" => Ok(PolicyBasis::Default),
        other => Err(StoreError::Corrupt(format!("unknown policy basis {other:?}"))),
    }
}

/// Stores the terms and appends them to the feed.
pub(crate) fn save(conn: &Connection, terms: &PolicyTerms, at: DateTime<Utc>) -> Result<(), StoreError> {
    let t = terms;
    conn.execute(
        "INSERT INTO policy (id, acceptance_window_days, acceptance_window_basis, delivery_term_days,
             delivery_term_basis, confirmation_window_days, confirmation_window_basis,
             payment_term_days, payment_term_basis, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET
             acceptance_window_days = excluded.acceptance_window_days,
             acceptance_window_basis = excluded.acceptance_window_basis,
             delivery_term_days = excluded.delivery_term_days,
             delivery_term_basis = excluded.delivery_term_basis,
             confirmation_window_days = excluded.confirmation_window_days,
             confirmation_window_basis = excluded.confirmation_window_basis,
             payment_term_days = excluded.payment_term_days,
             payment_term_basis = excluded.payment_term_basis,
             updated_at = excluded.updated_at",
        params![
            t.acceptance_window.days,
            basis_str(t.acceptance_window.basis),
            t.delivery_term.days,
            basis_str(t.delivery_term.basis),
            t.confirmation_window.days,
            basis_str(t.confirmation_window.basis),
            t.payment_term.days,
            basis_str(t.payment_term.basis),
            at,
        ],
    )?;
    changes::append(conn, None, &Entity::Policy(*terms), at)?;
    Ok(())
}

fn term(row: &Row<'_>, days: usize, basis: usize) -> Result<PolicyTerm, StoreError> {
    Ok(PolicyTerm { days: row.get(days)?, basis: basis_parse(&row.get::<_, String>(basis)?)? })
}

/// The terms in force.
pub(crate) fn load(conn: &Connection) -> Result<PolicyTerms, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT acceptance_window_days, acceptance_window_basis, delivery_term_days, delivery_term_basis,
                confirmation_window_days, confirmation_window_basis, payment_term_days, payment_term_basis
         FROM policy WHERE id = 1",
    )?;
    let mut rows = stmt.query([])?;
    let row = rows.next()?.ok_or(StoreError::NotFound { kind: "policy", id: "1".into() })?;
    Ok(PolicyTerms {
        acceptance_window: term(row, 0, 1)?,
        delivery_term: term(row, 2, 3)?,
        confirmation_window: term(row, 4, 5)?,
        payment_term: term(row, 6, 7)?,
    })
}
