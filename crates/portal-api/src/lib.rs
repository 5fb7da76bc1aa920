//! The supplier API contract of the portal of social services.
//!
//! This crate is the one place where the wire format lives: the types the portal sends and
//! receives (serde), the problem-details error body, a client for it, and the OpenAPI document
//! generated from the same types. Every path is versioned under `/v1`.
//!
//! Wire types are deliberately plain (strings, integers, UTC instants); the desktop's domain
//! model in `desk-core` validates them on the way in.

mod attachments;
mod auth;
mod catalog;
mod client;
mod dates;
mod feed;
mod limits;
mod mutations;
mod openapi;
mod orders;
mod payments;
mod policy;
mod problem;
mod workshop;

pub use attachments::{
    MAX_ATTACHMENT_BYTES, UPLOAD_CHUNK_BYTES, UPLOAD_COMPLETE_HEADER, UPLOAD_OFFSET_HEADER, UploadQuery, UploadStatus,
    is_sha256_hex,
};
pub use auth::{TokenRequest, TokenResponse};
pub use catalog::{
    Category, ClassifierItem, LocalizedText, Offering, RegionStock, region_stock, repeated_region,
    stock_breakdown_problem,
};
pub use client::{ClientError, PortalClient, decode_answer};
pub use feed::{Change, ChangePage, ChangesQuery, Entity, MAX_DEVICE_ID_CHARS, MAX_PAGE_SIZE};
pub use mutations::Measurement;
pub use mutations::{
    MAX_BATCH, Mutation, MutationBatch, MutationBatchResult, MutationBody, MutationOutcome, MutationResult,
    RejectReason, is_canonical_uuid,
};
pub use openapi::{ApiDoc, openapi_document};
pub use orders::{Order, OrderCounts, OrderLine, OrderStatus, Participant, StatusCount};
pub use payments::{Payment, PaymentKind, PaymentLine};
pub use policy::{PolicyBasis, PolicyTerm, PolicyTerms};
pub use portal_rules::delivery::{
    DeliveredItem, ReceivedBy, delivered_items_problem, flat_serials, received_by_problem,
};
pub use portal_rules::limits::{
    MAX_ANSWER_BYTES, MAX_ASSIGNEE_CHARS, MAX_ID_CHARS, MAX_LIST_ITEMS, MAX_MODEL_CHARS, MAX_NAME_CHARS,
    MAX_PAGE_BYTES, MAX_RECEIVER_CHARS, MAX_TEXT_CHARS, MAX_YEAR, MIN_YEAR, model_text, year_in_range,
};
pub use portal_rules::payment::{Settlement, owed_tiyn, payment_line_problem, settlement};
pub use problem::{FieldError, PROBLEM_CONTENT_TYPE, Problem};
pub use workshop::{FittingMark, FittingSession, WarrantyService, WarrantyServiceKind};

/// The version prefix of every path of the contract.
pub const API_PREFIX: &str = "/v1";
