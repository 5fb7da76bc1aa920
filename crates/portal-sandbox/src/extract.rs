//! Request extractors that refuse bad input with a problem body instead of axum's plain-text
//! rejections: a JSON body, a query string, the bearer token of a signed-in supplier, and the
//! client's address; and reading a body before the request's deadline.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use chrono::Utc;
use portal_api::FieldError;
use serde::de::DeserializeOwned;

use crate::context::AppState;
use crate::problem::ApiError;
use crate::store::accounts::{self, TokenCheck};

/// The field a serde error names, if any ("missing field `x`", "unknown field `x`").
fn named_field(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

fn field_error<E: std::fmt::Display>(e: &serde_path_to_error::Error<E>) -> FieldError {
    let message = e.inner().to_string();
    let path = e.path().to_string();
    let field = if path == "." || path.is_empty() { named_field(&message).unwrap_or("").to_owned() } else { path };
    FieldError { field, message }
}

/// A JSON request body of type `T`. Refuses a body that is not declared as JSON (415), that is
/// not JSON (400), or that does not fit `T` (422, naming the field).
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// The most a JSON body may have: axum's default body limit, which every JSON route keeps.
const MAX_JSON_BODY: u64 = 2 * 1024 * 1024;

/// How long a request's body may take to arrive, counted from when the handler starts reading
/// it (not from the request's arrival: injected latency and the server's own work do not
/// count). Set for every request by `routes::router`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyReadTimeout(pub Duration);

/// Waits for `read` until `timeout` has passed (forever without one), then answers 408.
async fn before<T>(timeout: Option<BodyReadTimeout>, read: impl Future<Output = T>) -> Result<T, ApiError> {
    match timeout {
        Some(BodyReadTimeout(t)) => {
            tokio::time::timeout(t, read).await.map_err(|_| ApiError::BodyTimeout { secs: t.as_secs() })
        }
        None => Ok(read.await),
    }
}

/// The `Content-Length` a request announces, if it is a number.
pub(crate) fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(header::CONTENT_LENGTH)?.to_str().ok()?.trim().parse().ok()
}

/// Reads a whole body of at most `limit` bytes within `timeout` when there is one: a client
/// that stops sending gets 408 instead of holding the request open.
pub(crate) async fn read_body(body: Body, limit: usize, timeout: Option<BodyReadTimeout>) -> Result<Bytes, ApiError> {
    let too_large = || ApiError::BodyRejected {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        detail: format!("the body may have at most {limit} bytes"),
    };
    before(timeout, axum::body::to_bytes(body, limit)).await?.map_err(|e| {
        let limited = std::error::Error::source(&e).is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
        if limited {
            too_large()
        } else {
            ApiError::BodyRejected {
                status: StatusCode::BAD_REQUEST,
                detail: format!("the body could not be read: {e}"),
            }
        }
    })
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let content_type =
            req.headers().get(header::CONTENT_TYPE).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        match content_type {
            Some(ct) if is_json(&ct) => {}
            Some(ct) => return Err(ApiError::UnsupportedMediaType(ct)),
            None => return Err(ApiError::UnsupportedMediaType("no Content-Type".into())),
        }
        // Refused at once rather than after waiting for bytes that will not be read.
        if content_length(req.headers()).is_some_and(|n| n > MAX_JSON_BODY) {
            return Err(ApiError::BodyRejected {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                detail: format!("a JSON body may have at most {MAX_JSON_BODY} bytes"),
            });
        }
        let timeout = req.extensions().get::<BodyReadTimeout>().copied();
        let bytes = before(timeout, Bytes::from_request(req, state))
            .await?
            .map_err(|r| ApiError::BodyRejected { status: r.status(), detail: r.body_text() })?;
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        let value: T = match serde_path_to_error::deserialize(&mut de) {
            Ok(v) => v,
            Err(e) if e.inner().is_data() => {
                let err = field_error(&e);
                return Err(ApiError::InvalidBody {
                    detail: format!("the body does not fit: {}", e.inner()),
                    errors: vec![err],
                });
            }
            Err(e) => return Err(ApiError::MalformedJson(e.inner().to_string())),
        };
        // Trailing garbage after the value is malformed JSON too.
        de.end().map_err(|e| ApiError::MalformedJson(e.to_string()))?;
        Ok(JsonBody(value))
    }
}

/// The IP address of the client (the TCP peer), when the server recorded it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClientIp(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Infallible> {
        Ok(ClientIp(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())))
    }
}

/// A query string of type `T`, refused with a 400 problem naming the parameter at fault.
#[derive(Debug)]
pub struct QueryParams<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for QueryParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de).map(QueryParams).map_err(|e| {
            let err = field_error(&e);
            let detail = if err.field.is_empty() {
                format!("the query string is invalid: {}", e.inner())
            } else {
                format!("{}: {}", err.field, e.inner())
            };
            ApiError::InvalidQuery { detail, errors: vec![err] }
        })
    }
}

/// The supplier a valid bearer token belongs to. Refuses a missing, malformed, unknown or
/// expired token with a 401 problem.
#[derive(Debug, Clone)]
pub struct Supplier {
    pub id: String,
}

/// Longer tokens are never issued, so they are refused without a lookup.
const MAX_TOKEN_LEN: usize = 256;

impl FromRequestParts<AppState> for Supplier {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let value = parts.headers.get(header::AUTHORIZATION).ok_or(ApiError::MissingToken)?;
        let value = value.to_str().map_err(|_| ApiError::MalformedAuthorization)?;
        let (scheme, token) = value.trim().split_once(' ').ok_or(ApiError::MalformedAuthorization)?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return Err(ApiError::MalformedAuthorization);
        }
        let token = token.trim().to_owned();
        if token.is_empty() || token.len() > MAX_TOKEN_LEN {
            return Err(ApiError::InvalidToken);
        }
        let check = state.db.run(move |conn| accounts::check_token(conn, &token, Utc::now())).await?;
        match check {
            TokenCheck::Valid { supplier_id } => Ok(Supplier { id: supplier_id }),
            TokenCheck::Unknown => Err(ApiError::InvalidToken),
            TokenCheck::Expired => Err(ApiError::ExpiredToken),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_content_types() {
        assert!(is_json("application/json"));
        assert!(is_json("Application/JSON; charset=utf-8"));
        assert!(is_json("application/merge-patch+json"));
        assert!(!is_json("text/plain"));
        assert!(!is_json("application/x-www-form-urlencoded"));
        assert!(!is_json(""));
    }

    #[test]
    fn field_names_from_serde_messages() {
        assert_eq!(named_field("missing field `password` at line 1 column 2"), Some("password"));
        assert_eq!(named_field("unknown field `x`, expected `bin` or `password`"), Some("x"));
        assert_eq!(named_field("invalid type"), None);
    }
}
