//! Every error the sandbox answers: a typed [`ApiError`] turned into an RFC 9457 problem body
//! (`portal_api::Problem`, content type `application/problem+json`).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_api::{FieldError, PROBLEM_CONTENT_TYPE, Problem};

use crate::store::StoreError;

/// Why a request was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("this call needs a bearer token (Authorization: Bearer <token>)")]
    MissingToken,
    #[error("the Authorization header is not a bearer token")]
    MalformedAuthorization,
    #[error("the bearer token is not known")]
    InvalidToken,
    #[error("the bearer token has expired; sign in again")]
    ExpiredToken,
    #[error("the BIN or the password is wrong")]
    InvalidCredentials,
    #[error("{detail}")]
    InvalidQuery { detail: String, errors: Vec<FieldError> },
    #[error("the body is not valid JSON: {0}")]
    MalformedJson(String),
    #[error("{detail}")]
    InvalidBody { detail: String, errors: Vec<FieldError> },
    #[error("the body must be JSON (Content-Type: application/json), got {0}")]
    UnsupportedMediaType(String),
    #[error("{detail}")]
    BodyRejected { status: StatusCode, detail: String },
    #[error("no resource at {0}")]
    NotFound(String),
    #[error("{method} is not allowed on {path}")]
    MethodNotAllowed { method: String, path: String },
    #[error("a batch may hold at most {max} mutations, got {got}")]
    BatchTooLarge { got: usize, max: usize },
    #[error("{0}")]
    Conflict(String),
    #[error("the portal is down for maintenance; try again in {retry_after_secs} s")]
    Maintenance { retry_after_secs: u64 },
    #[error("too many failed sign-ins {by}; try again in {retry_after_secs} s")]
    TooManySignIns { by: &'static str, retry_after_secs: u64 },
    #[error("the request body did not arrive within {secs} s")]
    BodyTimeout { secs: u64 },
    #[error("the supplier's attachments would take {needed} bytes, above its quota of {quota} bytes; nothing was kept")]
    QuotaExceeded { needed: u64, quota: u64 },
    #[error(
        "the admin API answers only requests addressed to loopback (Host 127.0.0.1, localhost or [::1]), not to {0}"
    )]
    NotLoopbackHost(String),
    #[error("the portal failed to handle the request (injected fault)")]
    InjectedFailure { status: u16 },
    #[error("the portal failed to handle the request")]
    Internal(#[from] StoreError),
    #[error("the portal failed to handle the request")]
    Panicked,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::MissingToken
            | ApiError::MalformedAuthorization
            | ApiError::InvalidToken
            | ApiError::ExpiredToken
            | ApiError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            ApiError::InvalidQuery { .. } | ApiError::MalformedJson(_) => StatusCode::BAD_REQUEST,
            ApiError::InvalidBody { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::BodyRejected { status, .. } => *status,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::BatchTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Maintenance { .. } => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::TooManySignIns { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::BodyTimeout { .. } => StatusCode::REQUEST_TIMEOUT,
            ApiError::QuotaExceeded { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::NotLoopbackHost(_) => StatusCode::FORBIDDEN,
            ApiError::InjectedFailure { status } => {
                StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            }
            ApiError::Internal(_) | ApiError::Panicked => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine-readable code of the problem.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::MissingToken | ApiError::MalformedAuthorization => "unauthorized",
            ApiError::InvalidToken => "invalid_token",
            ApiError::ExpiredToken => "token_expired",
            ApiError::InvalidCredentials => "invalid_credentials",
            ApiError::InvalidQuery { .. } => "invalid_query",
            ApiError::MalformedJson(_) => "malformed_json",
            ApiError::InvalidBody { .. } => "invalid_body",
            ApiError::UnsupportedMediaType(_) => "unsupported_media_type",
            ApiError::BodyRejected { .. } => "invalid_body",
            ApiError::NotFound(_) => "not_found",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
            ApiError::BatchTooLarge { .. } => "batch_too_large",
            ApiError::Conflict(_) => "conflict",
            ApiError::Maintenance { .. } => "maintenance",
            ApiError::TooManySignIns { .. } => "too_many_sign_ins",
            ApiError::BodyTimeout { .. } => "body_timeout",
            ApiError::QuotaExceeded { .. } => "quota_exceeded",
            ApiError::NotLoopbackHost(_) => "not_loopback",
            ApiError::InjectedFailure { status: 503 } => "unavailable",
            ApiError::InjectedFailure { .. } | ApiError::Internal(_) | ApiError::Panicked => "internal",
        }
    }

    fn title(&self) -> &'static str {
        match self {
            ApiError::MissingToken | ApiError::MalformedAuthorization => "Authentication required",
            ApiError::InvalidToken | ApiError::ExpiredToken => "Invalid token",
            ApiError::InvalidCredentials => "Sign-in refused",
            ApiError::InvalidQuery { .. } => "Invalid query",
            ApiError::MalformedJson(_) => "Malformed JSON",
            ApiError::InvalidBody { .. } | ApiError::BodyRejected { .. } => "Invalid request body",
            ApiError::UnsupportedMediaType(_) => "Unsupported media type",
            ApiError::NotFound(_) => "Not found",
            ApiError::MethodNotAllowed { .. } => "Method not allowed",
            ApiError::BatchTooLarge { .. } => "Batch too large",
            ApiError::Conflict(_) => "Conflict",
            ApiError::Maintenance { .. } => "Scheduled maintenance",
            ApiError::TooManySignIns { .. } => "Too many sign-in attempts",
            ApiError::BodyTimeout { .. } => "Request body timeout",
            ApiError::QuotaExceeded { .. } => "Attachment quota exceeded",
            ApiError::NotLoopbackHost(_) => "Admin API on loopback only",
            ApiError::InjectedFailure { status: 503 } => "Service unavailable",
            ApiError::InjectedFailure { .. } | ApiError::Internal(_) | ApiError::Panicked => "Internal error",
        }
    }

    pub fn problem(&self) -> Problem {
        let status = self.status();
        let mut p = Problem::new(status.as_u16(), self.code(), self.title(), Some(self.to_string()));
        if let ApiError::InvalidQuery { errors, .. } | ApiError::InvalidBody { errors, .. } = self {
            p.errors = errors.clone();
        }
        p
    }

    /// A body that parsed but holds a value out of range.
    pub fn invalid_body_field(field: &str, message: impl Into<String>) -> ApiError {
        let message = message.into();
        ApiError::InvalidBody {
            detail: format!("{field}: {message}"),
            errors: vec![FieldError { field: field.to_owned(), message }],
        }
    }

    /// A query parameter that parsed but is out of range.
    pub fn invalid_field(field: &str, message: impl Into<String>) -> ApiError {
        let message = message.into();
        ApiError::InvalidQuery {
            detail: format!("{field}: {message}"),
            errors: vec![FieldError { field: field.to_owned(), message }],
        }
    }
}

/// Renders a problem as a response with its status and content type.
pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).unwrap_or_else(|_| b"{}".to_vec());
    let mut resp = (status, body).into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_CONTENT_TYPE));
    resp
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(e) = &self {
            tracing::error!(error = %e, "request failed");
        }
        let mut resp = problem_response(&self.problem());
        if let ApiError::Maintenance { retry_after_secs } | ApiError::TooManySignIns { retry_after_secs, .. } = &self {
            resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
        }
        if let ApiError::BodyTimeout { .. } = &self {
            // The rest of the body may still come; the connection cannot be reused.
            resp.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        if self.status() == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"portal\""));
        }
        resp
    }
}
