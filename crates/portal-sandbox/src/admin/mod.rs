//! The admin API that only the sandbox has (`/admin/*`, no token: keep the sandbox on
//! loopback). It drives faults, the clock, simulated participants and limit prices, and reads
//! the whole state; docs/sandbox-admin.md has the paths with curl examples. Every handler is a
//! thin adapter over `crate::control`, which `RunningSandbox` uses too.
//!
//! Without a token, two checks keep web pages out: a request must be addressed to a loopback
//! `Host` (a page on another name that resolves to 127.0.0.1, DNS rebinding, is refused 403),
//! and a `POST` must say `Content-Type: application/json` (415 otherwise), which a page can
//! only send after a CORS preflight that the sandbox never allows.

mod clock;
mod faults;
mod simulation;

use crate::control::YEARS;
use std::net::{IpAddr, Ipv6Addr};

use chrono::{DateTime, Datelike, Utc};

use axum::Json;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::{Next, from_fn};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};

use crate::context::AppState;
use crate::problem::ApiError;
use crate::state::SandboxState;
use crate::store::StoreError;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/faults", get(faults::report).put(faults::set).delete(faults::clear))
        .route("/admin/maintenance", put(faults::maintenance).delete(faults::end_maintenance))
        .route("/admin/tokens/expire", post(faults::expire_tokens))
        .route("/admin/clock", get(clock::show))
        .route("/admin/clock/advance", post(clock::advance))
        .route("/admin/tick", post(simulation::tick))
        .route("/admin/participants", get(simulation::behaviour).put(simulation::set_behaviour))
        .route("/admin/orders", post(simulation::place_order))
        .route("/admin/orders/{id}/participant/{action}", post(simulation::participant_acts))
        .route("/admin/classifier/{code}/limit-price", put(simulation::set_limit_price))
        .route("/admin/payments", post(simulation::pay))
        .route("/admin/payments/{id}/reverse", post(simulation::reverse_payment))
        .route("/admin/state", get(state))
        .route_layer(from_fn(loopback_json_only))
}

/// `at` if its year is within [`YEARS`], else a 422 naming `field`.
pub(crate) fn checked_date(field: &str, at: DateTime<Utc>) -> Result<DateTime<Utc>, ApiError> {
    if YEARS.contains(&at.year()) {
        Ok(at)
    } else {
        Err(ApiError::invalid_body_field(
            field,
            format!("must be in the years {}..={}, got {at}", YEARS.start(), YEARS.end()),
        ))
    }
}

/// Whether a `Host` value (with or without a port) names the loopback interface.
fn is_loopback_host(host: &str) -> bool {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((v6, port)) => return v6.parse::<Ipv6Addr>().is_ok_and(|ip| ip.is_loopback()) && port_ok(port),
            None => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, port)) => (name, format!(":{port}")),
            None => (host, String::new()),
        },
    };
    port_ok(&port)
        && (name.eq_ignore_ascii_case("localhost")
            || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_ipv4() && ip.is_loopback()))
}

/// Nothing, or `:` and a port number.
fn port_ok(port: &str) -> bool {
    port.is_empty() || port.strip_prefix(':').is_some_and(|p| p.parse::<u16>().is_ok())
}

async fn loopback_json_only(req: Request, next: Next) -> Response {
    let host = match req.headers().get(header::HOST) {
        Some(h) => String::from_utf8_lossy(h.as_bytes()).into_owned(),
        None => req.uri().authority().map(|a| a.as_str().to_owned()).unwrap_or_default(),
    };
    if !is_loopback_host(host.trim()) {
        let shown = if host.is_empty() { "no Host".to_owned() } else { host.chars().take(100).collect() };
        return ApiError::NotLoopbackHost(shown).into_response();
    }
    if req.method() == Method::POST {
        let content_type =
            req.headers().get(header::CONTENT_TYPE).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let essence = content_type.as_deref().and_then(|c| c.split(';').next()).map(|e| e.trim().to_ascii_lowercase());
        if essence.as_deref() != Some("application/json") {
            let got = content_type.unwrap_or_else(|| "no Content-Type".into());
            return ApiError::UnsupportedMediaType(got).into_response();
        }
    }
    next.run(req).await
}

/// Store errors of admin actions, as problems: an unknown order or item is 404, a move the
/// lifecycle refuses is 409, a bad value 422.
pub(crate) fn store_problem(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound { kind, id } => ApiError::NotFound(format!("{kind} {id}")),
        StoreError::Transition(t) => ApiError::Conflict(t.to_string()),
        StoreError::Invalid(message) => ApiError::InvalidBody { detail: message, errors: Vec::new() },
        other => ApiError::Internal(other),
    }
}

async fn state(State(state): State<AppState>) -> Result<Json<SandboxState>, ApiError> {
    Ok(Json(state.state().await.map_err(store_problem)?))
}

#[cfg(test)]
mod tests {
    use super::is_loopback_host;

    #[test]
    fn only_loopback_hosts_pass() {
        for ok in ["127.0.0.1", "127.0.0.1:8787", "localhost", "LOCALHOST:1", "[::1]", "[::1]:8787", "127.1.2.3:80"] {
            assert!(is_loopback_host(ok), "{ok}");
        }
        for bad in [
            "",
            "evil.example",
            "evil.example:8787",
            "localhost.evil.example",
            "10.0.0.1:8787",
            "[::2]:80",
            "127.0.0.1:x",
            "[::1]x",
            "127.0.0.1:8787:1",
            "0.0.0.0",
            "[::ffff:127.0.0.1]",
        ] {
            assert!(!is_loopback_host(bad), "{bad}");
        }
    }
}
