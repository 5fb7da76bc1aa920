//! Printable documents: the act of delivery, the act of fitting, an order's label with a QR code,
//! and the claim letter for late payments, as PDF in Kazakh, Russian or English.
//!
//! A document states facts the desk holds (an act of delivery needs a recorded delivery), is
//! written atomically (a temporary file renamed into place), and who made it is audited in the
//! same transaction. It is not a portal mutation: nothing is queued for the portal.

mod act;
mod claim;
mod facts;
mod font;
mod label;
pub(crate) mod layout;
mod text;

use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use ts_rs::TS;

use chrono::{FixedOffset, Offset};

pub(crate) use facts::available;
pub use font::{FontError, Fonts};
pub use text::Lang;
pub(crate) use text::region_name;

use crate::kernel::access::Actor;
use crate::kernel::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("{field}: {message}")]
    Invalid { field: &'static str, message: String },
    #[error(transparent)]
    Font(#[from] FontError),
    #[error("could not lay out the document ({0})")]
    Layout(&'static str),
    #[error("could not save {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Forbidden(#[from] crate::kernel::access::AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for DocumentError {
    fn from(e: rusqlite::Error) -> Self {
        DocumentError::Store(StoreError::Sqlite(e))
    }
}

/// Kazakhstan's time (UTC+5 since 1 March 2024): the date a label shows for an order.
pub(crate) fn kazakhstan_time() -> FixedOffset {
    // Always Some: 5 h is within the ±24 h an offset may be.
    FixedOffset::east_opt(5 * 3600).unwrap_or(chrono::Utc.fix())
}

/// Today in Kazakhstan: the date documents carry and money is aged on.
pub fn kazakhstan_today() -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&kazakhstan_time()).date_naive()
}

impl DocumentKind {
    /// The file name a document of this kind gets for `number` in `lang`
    /// (`act-delivery-SO-2026-000123-ru.pdf`): the Kazakh and the Russian act of one order are
    /// two files. Characters a file system might refuse become `_`.
    pub fn file_name(self, number: &str, lang: Lang) -> String {
        let stem = match self {
            DocumentKind::DeliveryAct => "act-delivery",
            DocumentKind::FittingAct => "act-fitting",
            DocumentKind::OrderLabel => "label",
        };
        let safe: String =
            number.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
        format!("{stem}-{safe}-{}.pdf", lang.code())
    }

    /// What a person must be allowed to make this document.
    pub fn command(self) -> crate::kernel::access::Command {
        match self {
            DocumentKind::DeliveryAct => crate::kernel::access::Command::DocumentDeliveryAct,
            DocumentKind::FittingAct => crate::kernel::access::Command::DocumentFittingAct,
            DocumentKind::OrderLabel => crate::kernel::access::Command::DocumentOrderLabel,
        }
    }

    /// The audit log's action for making this document.
    fn audit_action(self) -> &'static str {
        match self {
            DocumentKind::DeliveryAct => "document_delivery_act",
            DocumentKind::FittingAct => "document_fitting_act",
            DocumentKind::OrderLabel => "document_order_label",
        }
    }
}

/// Where a made document goes.
#[derive(Debug, Clone, Copy)]
pub enum Destination<'a> {
    /// Into this directory, under [`DocumentKind::file_name`].
    Dir(&'a Path),
    /// Exactly this file.
    File(&'a Path),
}

/// What to make.
#[derive(Debug, Clone, Copy)]
pub struct DocumentRequest<'a> {
    pub kind: DocumentKind,
    pub order_id: &'a str,
    pub lang: Lang,
}

impl Store {
    /// Renders a document as PDF bytes without saving it; returns the order's number too.
    pub fn render_document(
        &self,
        req: &DocumentRequest<'_>,
        fonts: &Fonts,
    ) -> Result<(String, Vec<u8>), DocumentError> {
        render(self.connection(), req, fonts)
    }

    /// The id of the order numbered `number` (what a label's QR code and the CLI name).
    pub fn order_id_by_number(&self, number: &str) -> Result<String, DocumentError> {
        facts::order_id_by_number(self.connection(), number)
    }

    /// Renders a document, saves it atomically at `dest`, and audits who made it, in one
    /// transaction: the audit entry is committed only with the file in place, and the file is
    /// removed again if the commit fails. Returns the saved file's path.
    pub fn make_document(
        &mut self,
        actor: &Actor,
        req: &DocumentRequest<'_>,
        fonts: &Fonts,
        dest: Destination<'_>,
    ) -> Result<PathBuf, DocumentError> {
        actor.require(req.kind.command())?;
        let tx = self.transaction()?;
        let (number, pdf) = render(&tx, req, fonts)?;
        let path = match dest {
            Destination::Dir(dir) => dir.join(req.kind.file_name(&number, req.lang)),
            Destination::File(file) => file.to_path_buf(),
        };
        let audited = Audited {
            action: req.kind.audit_action(),
            entity: "order",
            entity_id: req.order_id,
            detail: serde_json::json!({
                "document": req.kind.audit_action(),
                "number": number,
                "lang": req.lang.code(),
            }),
        };
        save_audited(tx, actor, audited, &path, &pdf)?;
        tracing::info!(kind = req.kind.audit_action(), %number, "document saved");
        Ok(path)
    }
}

impl Store {
    /// Makes the claim letter for every order whose payment is late on `today`, saves it in
    /// `dir` (`claim-2026-12-07-ru.pdf`) and audits who made it, in one transaction as
    /// [`Store::make_document`] does. Refused when nothing is late.
    pub fn make_claim_letter(
        &mut self,
        actor: &Actor,
        today: chrono::NaiveDate,
        lang: Lang,
        fonts: &Fonts,
        dir: &Path,
    ) -> Result<PathBuf, DocumentError> {
        let late = self.late_orders(actor, today).map_err(|e| match e {
            crate::kernel::error::ActionError::Forbidden(f) => DocumentError::Forbidden(f),
            other => DocumentError::Invalid { field: "orders", message: other.to_string() },
        })?;
        let supplier = self.supplier_profile()?;
        let pdf = claim::render(supplier.as_ref(), &late, today, lang, fonts)?;
        let path = dir.join(format!("claim-{today}-{}.pdf", lang.code()));
        let tx = self.transaction()?;
        let numbers: Vec<&str> = late.iter().map(|o| o.number.as_str()).collect();
        let audited = Audited {
            action: "document_claim_letter",
            entity: "payer",
            entity_id: "claim",
            detail: serde_json::json!({
                "document": "document_claim_letter",
                "orders": numbers,
                "owed_tiyn": late.iter().map(|o| o.owed_tiyn).sum::<i64>(),
                "lang": lang.code(),
            }),
        };
        save_audited(tx, actor, audited, &path, &pdf)?;
        tracing::info!(orders = late.len(), "claim letter saved");
        Ok(path)
    }
}

fn render(
    conn: &rusqlite::Connection,
    req: &DocumentRequest<'_>,
    fonts: &Fonts,
) -> Result<(String, Vec<u8>), DocumentError> {
    let facts = facts::read(conn, req.order_id, req.kind, req.lang)?;
    let pdf = match req.kind {
        DocumentKind::DeliveryAct | DocumentKind::FittingAct => act::render(&facts, req.kind, req.lang, fonts)?,
        DocumentKind::OrderLabel => label::render(&facts, req.lang, fonts)?,
    };
    Ok((facts.order.number, pdf))
}

/// What a document is audited as: its action, the entity it concerns, and what else the entry
/// says (the saved file's name is added).
pub(crate) struct Audited<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub detail: serde_json::Value,
}

/// Saves `pdf` at `path` and audits who made it in `tx`: the audit entry is committed only with
/// the file in place, and the file is removed again if the commit fails.
pub(crate) fn save_audited(
    tx: rusqlite::Transaction<'_>,
    actor: &Actor,
    audited: Audited<'_>,
    path: &Path,
    pdf: &[u8],
) -> Result<(), DocumentError> {
    let mut detail = audited.detail;
    if let Some(fields) = detail.as_object_mut() {
        fields.insert("file".into(), path.file_name().map(|n| n.to_string_lossy().into_owned()).into());
    }
    crate::kernel::outbox::audit(
        &tx,
        actor.username(),
        audited.action,
        audited.entity,
        audited.entity_id,
        &detail.to_string(),
    )?;
    write_atomically(path, pdf)?;
    if let Err(e) = tx.commit() {
        if let Err(remove) = std::fs::remove_file(path) {
            // Not the path: a file name chosen for a document may name the participant.
            tracing::warn!(error = %remove, action = audited.action, "could not remove an unaudited document");
        }
        return Err(e.into());
    }
    Ok(())
}

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk, and renames it over
/// `path`: a reader sees the old file or the whole new one, never half a PDF.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), DocumentError> {
    let failed = |source| DocumentError::Write { path: path.to_path_buf(), source };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(failed)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", uuid::Uuid::now_v7()));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = written {
        // The temporary file may not exist (create failed); nothing else to clean up.
        let _ = std::fs::remove_file(&tmp);
        return Err(failed(e));
    }
    Ok(())
}

/// A printable document of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    DeliveryAct,
    FittingAct,
    OrderLabel,
}
