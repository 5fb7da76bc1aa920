//! The workshop's records as the portal sends them in an order's snapshot: sessions, fitted
//! marks and warranty services recorded on any desk of the supplier. Written by the pull next to the order; a record
//! this desk made itself has the same id and is kept as it is.

use chrono::Utc;
use portal_api::{FittingMark, FittingSession, WarrantyService};
use rusqlite::{Transaction, params};

use crate::kernel::store::StoreError;

#[derive(Debug, Default)]
pub(crate) struct PortalRecords {
    sessions: Vec<FittingSession>,
    fittings: Vec<FittingMark>,
    services: Vec<WarrantyService>,
}

impl PortalRecords {
    /// Takes the records out of the snapshot, which then converts to the desk's order.
    pub(crate) fn take(order: &mut portal_api::Order) -> PortalRecords {
        PortalRecords {
            sessions: std::mem::take(&mut order.fitting_sessions),
            fittings: std::mem::take(&mut order.fittings),
            services: std::mem::take(&mut order.warranty_services),
        }
    }

    /// Adds the records the desk does not hold yet to order `order_id` (already written).
    pub(crate) fn write(self, tx: &Transaction<'_>, order_id: &str) -> Result<(), StoreError> {
        if self.sessions.is_empty() && self.fittings.is_empty() && self.services.is_empty() {
            return Ok(());
        }
        let now = Utc::now();
        let mut session = tx.prepare_cached(
            "INSERT INTO fitting_sessions (id, order_id, session_on, technician, notes, measurements, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO NOTHING",
        )?;
        for s in &self.sessions {
            session.execute(params![
                s.id,
                order_id,
                s.session_on,
                s.technician,
                s.notes,
                serde_json::to_string(&s.measurements)?,
                now
            ])?;
        }
        let mut fitting = tx.prepare_cached(
            "INSERT INTO fittings (id, order_id, fitted_on, technician, serial_numbers, adjustments, warranty_start,
                                   recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO NOTHING",
        )?;
        for f in &self.fittings {
            fitting.execute(params![
                f.id,
                order_id,
                f.fitted_on,
                f.technician,
                serde_json::to_string(&f.serial_numbers)?,
                f.adjustments,
                f.warranty_start,
                now
            ])?;
        }
        let mut service = tx.prepare_cached(
            "INSERT INTO warranty_services (id, order_id, serviced_on, kind, serial_number, new_serial_number, notes,
                                            recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO NOTHING",
        )?;
        for w in &self.services {
            service.execute(params![
                w.id,
                order_id,
                w.serviced_on,
                crate::replica::warranty::kind_text(w.kind),
                w.serial_number,
                w.new_serial_number,
                w.notes,
                now
            ])?;
        }
        Ok(())
    }
}
