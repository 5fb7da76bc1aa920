//! `POST /v1/auth/token`: sign in with BIN and password, get a bearer token.

use axum::Json;
use axum::extract::State;
use chrono::Utc;
use portal_api::{TokenRequest, TokenResponse};

use super::AppState;
use crate::extract::JsonBody;
use crate::problem::ApiError;
use crate::store::{StoreError, accounts};

/// Longer passwords are refused without hashing them.
const MAX_PASSWORD_LEN: usize = 1024;

pub(super) async fn sign_in(
    State(state): State<AppState>,
    JsonBody(req): JsonBody<TokenRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    if req.password.len() > MAX_PASSWORD_LEN {
        return Err(ApiError::InvalidCredentials);
    }
    let bin = req.bin.trim().to_owned();
    let account = state
        .db
        .run(move |conn| accounts::supplier_by_bin(conn, &bin))
        .await?
        .ok_or(ApiError::InvalidCredentials)?;
    let hash = account.password_hash.clone();
    let password = req.password;
    // Hashing is slow on purpose: keep it off the executor and outside the database lock.
    let matches = tokio::task::spawn_blocking(move || accounts::verify_password(&password, &hash))
        .await
        .map_err(|e| StoreError::Task(e.to_string()))?;
    if !matches {
        return Err(ApiError::InvalidCredentials);
    }
    let supplier_id = account.id.clone();
    let (token, expires_at) = state
        .db
        .run(move |conn| accounts::issue_token(conn, &supplier_id, Utc::now()))
        .await?;
    // The account's id, not its name: a sole proprietor's company carries its owner's name.
    tracing::info!(supplier = %account.id, "signed in");
    Ok(Json(TokenResponse { token, expires_at, supplier_name: account.name }))
}
