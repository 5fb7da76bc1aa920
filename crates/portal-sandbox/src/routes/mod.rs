//! The HTTP surface: the routes of the supplier API contract (`portal_api::openapi_document`),
//! and the fallbacks that answer every other request with a problem body.

mod attachments;
mod auth;
mod feed;
mod meta;
mod mutations;
mod orders;

use std::any::Any;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::{Request, State};
use axum::http::{Method, Uri};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

use crate::extract::BodyReadTimeout;
use crate::faults::middleware::{inject, maintenance_only};
use crate::problem::ApiError;

/// What every handler can reach.
pub(crate) use crate::context::AppState;

/// The sandbox's router, with a panic guard as the outermost layer. Injected faults apply to
/// the supplier API but not to health, the OpenAPI document (only maintenance closes it) or the
/// admin API.
pub(crate) fn router(state: AppState) -> Router {
    let faults = state.faults.clone();
    let api = Router::new()
        .route("/v1/auth/token", post(auth::sign_in))
        .route("/v1/changes", get(feed::changes))
        .route("/v1/mutations", post(mutations::push))
        .route("/v1/orders/counts", get(orders::counts))
        .route(
            "/v1/attachments/{sha256}",
            put(attachments::upload)
                .head(attachments::status)
                .get(attachments::download)
                // The handler reads the body with the contract's own limit.
                .layer(DefaultBodyLimit::disable()),
        )
        .route_layer(from_fn_with_state(faults.clone(), inject));
    let document = Router::new()
        .route("/v1/openapi.json", get(meta::openapi))
        .route_layer(from_fn_with_state(faults, maintenance_only));
    Router::new()
        .merge(api)
        .merge(document)
        .route("/v1/health", get(meta::health))
        .merge(crate::admin::router())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(state.clone(), read_deadline))
        .with_state(state)
        .layer(TraceLayer::new_for_http())
        .layer(CatchPanicLayer::custom(panic_problem))
}

/// Tells the body readers of `extract` how long the request's body may take
/// ([`crate::Limits::body_read_timeout`], as it is when the request arrives).
async fn read_deadline(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    req.extensions_mut().insert(BodyReadTimeout(state.limits().body_read_timeout));
    next.run(req).await
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::NotFound(uri.path().to_owned())
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::MethodNotAllowed { method: method.to_string(), path: uri.path().to_owned() }
}

/// The last guard: a handler that panicked still answers a problem body (500), and the server
/// keeps serving. The tests check that no malformed input gets here.
fn panic_problem(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!(%message, "a request handler panicked");
    ApiError::Panicked.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    use tower::ServiceExt;

    async fn buggy_handler() -> &'static str {
        panic!("a bug in a handler")
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_a_problem() {
        let app: Router =
            Router::new().route("/boom", get(buggy_handler)).layer(CatchPanicLayer::custom(panic_problem));
        let resp = app
            .oneshot(Request::builder().uri("/boom").body(Body::empty()).expect("request"))
            .await
            .expect("a response");
        assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            resp.headers().get(header::CONTENT_TYPE).map(|v| v.as_bytes()),
            Some(&b"application/problem+json"[..])
        );
        let body = axum::body::to_bytes(resp.into_body(), 1 << 16).await.expect("body");
        let problem: portal_api::Problem = serde_json::from_slice(&body).expect("a problem body");
        assert_eq!(problem.code, "internal");
    }
}
