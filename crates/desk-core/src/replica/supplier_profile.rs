//! The supplier's own details (BIN and registered name), kept from the portal's answer at the
//! last sign-in so that documents printed offline still name the supplier.

use chrono::Utc;
use rusqlite::{OptionalExtension, params};

use crate::kernel::store::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierProfile {
    pub bin: String,
    pub name: String,
}

impl Store {
    /// The supplier as last signed in, or `None` before the first sign-in.
    pub fn supplier_profile(&self) -> Result<Option<SupplierProfile>, StoreError> {
        Ok(self
            .connection()
            .query_row("SELECT bin, name FROM supplier_profile WHERE id = 1", [], |r| {
                Ok(SupplierProfile { bin: r.get(0)?, name: r.get(1)? })
            })
            .optional()?)
    }

    /// Keeps what the portal said about the supplier at sign-in.
    pub fn set_supplier_profile(&mut self, profile: &SupplierProfile) -> Result<(), StoreError> {
        self.connection().execute(
            "INSERT INTO supplier_profile (id, bin, name, updated_at) VALUES (1, ?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET bin = excluded.bin, name = excluded.name, updated_at = excluded.updated_at",
            params![profile.bin, profile.name, Utc::now()],
        )?;
        Ok(())
    }
}
