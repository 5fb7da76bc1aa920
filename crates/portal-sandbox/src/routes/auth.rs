//! `POST /v1/auth/token`: sign in with BIN and password, get a bearer token.
//!
//! Each check of a password costs an Argon2id hash (19 MiB, tens of milliseconds), so: failed
//! attempts per BIN and per client are limited (429 with `Retry-After`, before any hashing),
//! only [`crate::limits::CONCURRENT_HASHES`] hashes run at once (`crate::hashing`), and an
//! unknown BIN is checked
//! against a dummy hash so that the answer takes as long as for a known one.

use axum::Json;
use axum::extract::State;
use chrono::Utc;
use portal_api::{TokenRequest, TokenResponse};

use super::AppState;
use crate::extract::{ClientIp, JsonBody};
use crate::limits::Refused;
use crate::problem::ApiError;
use crate::store::accounts;

/// Longer passwords are refused without hashing them.
const MAX_PASSWORD_LEN: usize = 1024;

pub(super) async fn sign_in(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    JsonBody(req): JsonBody<TokenRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let bin = req.bin.trim().to_owned();
    state.sign_ins.begin(&state.limits(), &bin, client).map_err(|refused| match refused {
        Refused::Bin { retry_after_secs } => ApiError::TooManySignIns { by: "for this BIN", retry_after_secs },
        Refused::Client { retry_after_secs } => ApiError::TooManySignIns { by: "from this address", retry_after_secs },
    })?;
    if req.password.len() > MAX_PASSWORD_LEN {
        return Err(ApiError::InvalidCredentials);
    }
    let lookup = bin.clone();
    let account = state.db.run(move |conn| accounts::supplier_by_bin(conn, &lookup)).await?;
    let hash = account.as_ref().map_or_else(|| accounts::DUMMY_HASH.to_owned(), |a| a.password_hash.clone());
    // Hashing is slow on purpose: it runs off the executor, outside the database lock, on the
    // few threads of the hashing pool.
    let matches = state.hashing.verify(req.password, hash).await?;
    let account = match account {
        Some(account) if matches => account,
        _ => return Err(ApiError::InvalidCredentials),
    };
    state.sign_ins.succeeded(&bin, client);
    let supplier_id = account.id.clone();
    let (token, expires_at) = state.db.run(move |conn| accounts::issue_token(conn, &supplier_id, Utc::now())).await?;
    // The account's id, not its name: a sole proprietor's company carries its owner's name.
    tracing::info!(supplier = %account.id, "signed in");
    Ok(Json(TokenResponse { token, expires_at, supplier_name: account.name }))
}
