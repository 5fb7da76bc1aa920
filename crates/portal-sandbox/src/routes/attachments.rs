//! `PUT`, `HEAD` and `GET /v1/attachments/{sha256}`: a supplier's photos, uploaded whole or in
//! chunks (see `portal_api::UploadQuery`), checked against their name when the last byte
//! arrives, and fetched whole by the supplier's other desks.

use axum::Json;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use portal_api::{
    MAX_ATTACHMENT_BYTES, UPLOAD_COMPLETE_HEADER, UPLOAD_OFFSET_HEADER, UploadQuery, UploadStatus, is_sha256_hex,
};

use super::AppState;
use crate::extract::{BodyReadTimeout, QueryParams, Supplier, content_length, read_body};
use crate::problem::ApiError;
use crate::store::attachments::{self, ChunkOutcome};

fn checked_name(sha256: &str) -> Result<(), ApiError> {
    if is_sha256_hex(sha256) {
        Ok(())
    } else {
        Err(ApiError::invalid_field("sha256", "must be 64 lowercase hex digits"))
    }
}

fn too_large(detail: String) -> ApiError {
    ApiError::BodyRejected { status: StatusCode::PAYLOAD_TOO_LARGE, detail }
}

pub(super) async fn upload(
    supplier: Supplier,
    State(state): State<AppState>,
    Path(sha256): Path<String>,
    QueryParams(query): QueryParams<UploadQuery>,
    req: Request,
) -> Result<Json<UploadStatus>, ApiError> {
    checked_name(&sha256)?;
    let (parts, body) = req.into_parts();
    // What the request announces is checked before a byte of the body is waited for.
    let announced = content_length(&parts.headers);
    if let Some(n) = announced.filter(|&n| n > MAX_ATTACHMENT_BYTES) {
        return Err(too_large(format!(
            "an attachment may have at most {MAX_ATTACHMENT_BYTES} bytes, got a body of {n}"
        )));
    }
    // Without `total` the body is the whole attachment.
    let (offset, total) = match (query.offset, query.total) {
        (None, total) => (0, total),
        (Some(_), None) => return Err(ApiError::invalid_field("total", "is required with offset")),
        (Some(offset), Some(total)) => (offset, Some(total)),
    };
    if let Some(total) = total {
        if total > MAX_ATTACHMENT_BYTES {
            return Err(too_large(format!("an attachment may have at most {MAX_ATTACHMENT_BYTES} bytes, got {total}")));
        }
        if let Some(n) = announced
            && offset.checked_add(n).is_none_or(|end| end > total)
        {
            return Err(ApiError::invalid_field("offset", format!("the chunk ends past the total of {total} bytes")));
        }
    }
    let timeout = parts.extensions.get::<BodyReadTimeout>().copied();
    let chunk = read_body(body, MAX_ATTACHMENT_BYTES as usize, timeout).await?;
    let total = total.unwrap_or(chunk.len() as u64);
    if offset.checked_add(chunk.len() as u64).is_none_or(|end| end > total) {
        return Err(ApiError::invalid_field("offset", format!("the chunk ends past the total of {total} bytes")));
    }
    let name = sha256.clone();
    let now = state.clock.now();
    let quota = state.limits().attachment_quota_bytes;
    let outcome = state
        .db
        .run(move |conn| attachments::put_chunk(conn, &supplier.id, &name, offset, total, &chunk, now, quota))
        .await?;
    match outcome {
        ChunkOutcome::Held(h) => Ok(Json(UploadStatus { sha256, received: h.received, complete: h.complete })),
        ChunkOutcome::WrongOffset { held } => {
            Err(ApiError::Conflict(format!("the chunk starts at byte {offset}, but the portal holds {held} bytes")))
        }
        ChunkOutcome::HashMismatch { actual } => Err(ApiError::invalid_body_field(
            "sha256",
            format!("the bytes hash to {actual}, not to the name; nothing was kept"),
        )),
        ChunkOutcome::OverQuota { needed } => Err(ApiError::QuotaExceeded { needed, quota }),
    }
}

pub(super) async fn status(
    supplier: Supplier,
    State(state): State<AppState>,
    Path(sha256): Path<String>,
) -> Result<Response, ApiError> {
    checked_name(&sha256)?;
    let held = state.db.run(move |conn| attachments::held(conn, &supplier.id, &sha256)).await?;
    if held.received == 0 && !held.complete {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    let mut headers = HeaderMap::new();
    headers.insert(UPLOAD_OFFSET_HEADER, HeaderValue::from(held.received));
    headers.insert(UPLOAD_COMPLETE_HEADER, HeaderValue::from_static(if held.complete { "true" } else { "false" }));
    Ok((StatusCode::OK, headers).into_response())
}

pub(super) async fn download(
    supplier: Supplier,
    State(state): State<AppState>,
    Path(sha256): Path<String>,
) -> Result<Response, ApiError> {
    checked_name(&sha256)?;
    let name = sha256.clone();
    let bytes = state.db.run(move |conn| attachments::complete_bytes(conn, &supplier.id, &name)).await?;
    let Some(bytes) = bytes else {
        return Err(ApiError::NotFound(format!("there is no complete attachment {sha256}")));
    };
    let mut headers = HeaderMap::new();
    headers.insert(axum::http::header::CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
    Ok((StatusCode::OK, headers, bytes).into_response())
}
