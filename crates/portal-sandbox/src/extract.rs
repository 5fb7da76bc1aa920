//! Request extractors that refuse bad input with a problem body instead of axum's plain-text
//! rejections: a JSON body, a query string, the bearer token of a signed-in supplier, and the
//! client's address.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use chrono::Utc;
use portal_api::FieldError;
use serde::de::DeserializeOwned;

use crate::problem::ApiError;
use crate::routes::AppState;
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
    let field = if path == "." || path.is_empty() {
        named_field(&message).unwrap_or("").to_owned()
    } else {
        path
    };
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

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        match content_type {
            Some(ct) if is_json(&ct) => {}
            Some(ct) => return Err(ApiError::UnsupportedMediaType(ct)),
            None => return Err(ApiError::UnsupportedMediaType("no Content-Type".into())),
        }
        let bytes = Bytes::from_request(req, state)
            .await
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
