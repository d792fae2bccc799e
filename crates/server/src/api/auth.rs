//! Signing in and out over HTTP, and who am I.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use disputes_store::Pending;

use crate::auth::SignedIn;
use crate::auth::session::{session_cookies, sign_in, sign_out};
use crate::auth::throttle::Client;
use crate::extract::ApiJson;
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::use_cases::views::UserView;

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
    /// What the session still owes before it may do anything else: `code` (give the code
    /// from the authenticator app to POST /api/v1/auth/second-factor) or `enrolment` (set
    /// one up: POST /api/v1/me/authenticator); absent when nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owes: Option<Owed>,
}

/// What a new session still owes.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Owed {
    /// A code from the authenticator app, or a recovery code.
    Code,
    /// Setting up an authenticator app, which the person's role needs.
    Enrolment,
}

/// Signs in: answers the same way whatever was wrong, and slows down repeated failures
/// without locking the owner's own browser out. Sets the session cookie, and a device
/// cookie in a browser new to the account.
#[utoipa::path(
    post,
    path = "/api/v1/auth/login",
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; also sets the session cookie", body = LoginResponse),
        (status = 401, description = "Wrong email or password", body = Problem),
        (status = 429, description = "Too many failed attempts; `Retry-After` says how many seconds to wait", body = Problem),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let client = Client::of(peer.ip(), &headers, &state.settings.server.trusted_proxies);
    let session = sign_in(&state, &client, &request.email, request.password).await?;
    let cookies = session_cookies(&state, &session)?;
    let owes = session.pending.map(|pending| match pending {
        Pending::Code => Owed::Code,
        Pending::Enrol => Owed::Enrolment,
    });
    let mut response = Json(LoginResponse {
        token: session.secret,
        user: session.record.into(),
        owes,
    })
    .into_response();
    for cookie in cookies {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
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
