//! Signing in and out, and who am I.

use std::net::{IpAddr, SocketAddr};

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::views::UserView;
use crate::auth::{SignedIn, Viewer, new_secret, password, session_cookie};
use crate::extract::ApiJson;
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use disputes_store::PersonRecord;

/// Failed attempts allowed per account in [`WINDOW_MINUTES`].
pub const ACCOUNT_LIMIT: u64 = 5;
/// Failed attempts allowed per client address in [`WINDOW_MINUTES`].
pub const ADDRESS_LIMIT: u64 = 20;
/// The window failed attempts are counted over.
pub const WINDOW_MINUTES: i64 = 15;

/// Email and password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The email address the account was made with.
    pub email: String,
    /// The password.
    pub password: String,
}

/// A signed-in session.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// A bearer token for this session (the same secret as the cookie).
    pub token: String,
    /// Who signed in.
    pub user: UserView,
}

/// Signs in: answers the same way whatever was wrong, and slows down after repeated
/// failures for the account or the address.
#[utoipa::path(
    post,
    path = "/api/v1/auth/login",
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; also sets the session cookie", body = LoginResponse),
        (status = 401, description = "Wrong email or password", body = Problem),
        (status = 429, description = "Too many failed attempts", body = Problem),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let (secret, record) = sign_in(&state, address.ip(), &request.email, request.password).await?;
    let cookie = opened_session_cookie(&state, &secret)?;
    let mut response = Json(LoginResponse {
        token: secret,
        user: record.into(),
    })
    .into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

/// Checks an email and password and opens a session: the sign-in of the API and of the
/// pages alike. Answers the same way whatever was wrong, and refuses (429) after repeated
/// failures for the account or the address. Gives the new session's secret.
pub async fn sign_in(
    state: &AppState,
    address: IpAddr,
    email: &str,
    password: String,
) -> Result<(String, PersonRecord), ApiError> {
    let now = state.clock.now();
    // An address that cannot be one is answered like any other wrong detail, without
    // touching the database.
    if email.len() > 254 || email.chars().any(char::is_control) {
        return Err(ApiError::bad_credentials());
    }
    let since = now - Duration::minutes(WINDOW_MINUTES);
    let account = format!("account:{}", email.trim().to_lowercase());
    let address = format!("address:{address}");
    let store = &state.store;
    if store.login_failures_since(&account, since).await? >= ACCOUNT_LIMIT
        || store.login_failures_since(&address, since).await? >= ADDRESS_LIMIT
    {
        metrics::counter!("disputes_login_throttled_total").increment(1);
        return Err(ApiError::too_many(
            u64::try_from(WINDOW_MINUTES * 60).unwrap_or(900),
        ));
    }
    let found = store.credentials(email).await?;
    let (record, hash) = match found {
        Some((record, hash)) if record.active => (Some(record), Some(hash)),
        _ => (None, None),
    };
    let matches = password::verify(password, hash).await;
    let Some(record) = record.filter(|_| matches) else {
        metrics::counter!("disputes_login_failures_total").increment(1);
        store.record_login_failure(&[account, address], now).await?;
        return Err(ApiError::bad_credentials());
    };
    store
        .clear_login_failures(&account, now - Duration::days(1))
        .await?;
    // Always a new secret: a session id known before sign-in is never promoted.
    let secret = new_secret()?;
    let hours = i64::from(state.settings.server.session_hours);
    store
        .open_session(record.person.id, &secret, now, now + Duration::hours(hours))
        .await?;
    tracing::info!(person = record.person.id.0, "signed in");
    Ok((secret, record))
}

/// The `Set-Cookie` header for a session just opened with `secret`.
pub fn opened_session_cookie(state: &AppState, secret: &str) -> Result<HeaderValue, ApiError> {
    let seconds = u64::from(state.settings.server.session_hours) * 3600;
    let cookie = session_cookie(secret, seconds, state.settings.is_https());
    HeaderValue::from_str(&cookie).map_err(|_| ApiError::internal())
}

/// Ends the session `viewer` signed in with; gives the `Set-Cookie` header that clears it.
pub async fn sign_out(state: &AppState, viewer: &Viewer) -> Result<HeaderValue, ApiError> {
    state.store.close_session(&viewer.secret).await?;
    let cookie = session_cookie("", 0, state.settings.is_https());
    HeaderValue::from_str(&cookie).map_err(|_| ApiError::internal())
}

/// Signs out: ends this session and clears the cookie.
#[utoipa::path(
    post,
    path = "/api/v1/auth/logout",
    tag = "auth",
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "Not signed in", body = Problem),
    )
)]
pub async fn logout(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> Result<Response, ApiError> {
    let cookie = sign_out(&state, &viewer).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

/// Who is signed in.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "auth",
    responses(
        (status = 200, body = UserView),
        (status = 401, description = "Not signed in", body = Problem),
    )
)]
pub async fn me(SignedIn(viewer): SignedIn) -> Json<UserView> {
    Json(viewer.record.into())
}
