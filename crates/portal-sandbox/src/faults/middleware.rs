//! The fault injector as axum middleware. [`inject`] wraps the supplier API's routes;
//! [`maintenance_only`] wraps the OpenAPI document, which a maintenance window closes too but
//! no other fault touches.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;

use super::{Cut, FaultInjector};
use crate::problem::ApiError;

/// How long a cut body stays open before the connection drops, so the status line and headers
/// (and the kept part of the body) reach the client first.
const PAUSE_BEFORE_CUT: Duration = Duration::from_millis(30);

pub(crate) async fn inject(State(faults): State<Arc<FaultInjector>>, req: Request, next: Next) -> Response {
    if let Some(retry_after_secs) = faults.maintenance() {
        return ApiError::Maintenance { retry_after_secs }.into_response();
    }
    let plan = faults.plan();
    if let Some(wait) = plan.before {
        tokio::time::sleep(wait).await;
    }
    if let Some(status) = plan.fail {
        tracing::debug!(status, "injected an error");
        return ApiError::InjectedFailure { status }.into_response();
    }
    let resp = next.run(req).await;
    if let Some(wait) = plan.after {
        tokio::time::sleep(wait).await;
    }
    match plan.cut {
        None => resp,
        Some(cut) => cut_body(resp, cut).await,
    }
}

pub(crate) async fn maintenance_only(State(faults): State<Arc<FaultInjector>>, req: Request, next: Next) -> Response {
    match faults.maintenance() {
        Some(retry_after_secs) => ApiError::Maintenance { retry_after_secs }.into_response(),
        None => next.run(req).await,
    }
}

/// The response with its full `Content-Length` but a body that stops early (nothing at all for
/// a reset) and then fails, which makes the server drop the connection.
async fn cut_body(resp: Response, cut: Cut) -> Response {
    let (mut parts, body) = resp.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(e) => {
            tracing::warn!(error = %e, "could not read a response to cut it");
            return ApiError::Panicked.into_response();
        }
    };
    let keep = match cut {
        Cut::Reset => 0,
        Cut::Truncate(share) => ((bytes.len() as f64 * share) as usize).min(bytes.len().saturating_sub(1)),
    };
    parts.headers.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let kept = futures_util::stream::iter((keep > 0).then(|| Ok::<Bytes, std::io::Error>(bytes.slice(..keep))));
    let fail = futures_util::stream::once(async {
        tokio::time::sleep(PAUSE_BEFORE_CUT).await;
        Err::<Bytes, std::io::Error>(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "injected fault"))
    });
    tracing::debug!(?cut, len = bytes.len(), keep, "cutting a response");
    Response::from_parts(parts, Body::from_stream(kept.chain(fail)))
}
