//! One's own sign-in over HTTP: the second factor at sign-in, password reset, sessions, the
//! authenticator, API tokens and the security history; and the facilitator's reset of
//! someone's authenticator.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use disputes_workflow::PersonId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::throttle::Client;
use crate::auth::{SessionOnly, SignedIn};
use crate::authz::Facilitator;
use crate::extract::{ApiJson, ApiPath};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::use_cases::account::{
    self, AccountEventView, AuthenticatorView, CodeRequest, CreatedToken, EnrolmentView,
    FactorResetRequest, RecoveryCodes, ResetRequest, SessionView, TokenRequest, TokenView,
};

/// The code a session owes after a password sign-in, from the authenticator app or a
/// recovery code; the session may then do everything its person may.
#[utoipa::path(
    post,
    path = "/api/v1/auth/second-factor",
    tag = "auth",
    request_body = CodeRequest,
    responses(
        (status = 204, description = "The session is signed in fully"),
        (status = 409, description = "The session owes no code", body = Problem),
        (status = 422, description = "The code is not right, or was used before", body = Problem),
        (status = 429, description = "Too many wrong codes; `Retry-After` says how long to wait", body = Problem),
    )
)]
pub async fn second_factor(
    State(state): State<AppState>,
    SessionOnly(viewer): SessionOnly,
    client: Client,
    ApiJson(request): ApiJson<CodeRequest>,
) -> Result<StatusCode, ApiError> {
    account::give_code(&state, &viewer, &request.code, &client).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An address to send a reset link to.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetLinkRequest {
    /// The account's email address.
    pub email: String,
}

/// Emails a link to set a new password, valid for an hour and once, if the address is an
/// account's. The answer is the same whether it is or not.
#[utoipa::path(
    post,
    path = "/api/v1/auth/password-reset",
    tag = "auth",
    request_body = ResetLinkRequest,
    responses(
        (status = 202, description = "If the address is an account's, a link is on its way"),
        (status = 429, description = "Too many links asked for from this network", body = Problem),
    )
)]
pub async fn password_reset(
    State(state): State<AppState>,
    client: Client,
    ApiJson(request): ApiJson<ResetLinkRequest>,
) -> Result<StatusCode, ApiError> {
    account::request_reset(&state, &request.email, &client).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Sets a new password with the token from a reset link; every session of the account ends.
#[utoipa::path(
    post,
    path = "/api/v1/auth/password-reset/confirm",
    tag = "auth",
    request_body = ResetRequest,
    responses(
        (status = 204, description = "The password is set; sign in with it"),
        (status = 404, description = "The link was used, is over an hour old, or was never sent", body = Problem),
        (status = 422, description = "The password is refused", body = Problem),
    )
)]
pub async fn confirm_password_reset(
    State(state): State<AppState>,
    client: Client,
    ApiJson(request): ApiJson<ResetRequest>,
) -> Result<StatusCode, ApiError> {
    account::finish_reset(&state, request, &client).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One's sessions, the most recently used first (not with an API token).
#[utoipa::path(
    get,
    path = "/api/v1/me/sessions",
    tag = "auth",
    responses((status = 200, body = Vec<SessionView>))
)]
pub async fn sessions(
    State(state): State<AppState>,
    SessionOnly(viewer): SessionOnly,
) -> Result<Json<Vec<SessionView>>, ApiError> {
    Ok(Json(account::sessions(&state, &viewer).await?))
}

/// Ends one of one's sessions.
#[utoipa::path(
    delete,
    path = "/api/v1/me/sessions/{id}",
    tag = "auth",
    params(("id" = i64, Path, description = "The session's id")),
    responses((status = 204, description = "Ended"), (status = 404, body = Problem))
)]
pub async fn end_session(
    State(state): State<AppState>,
    SessionOnly(viewer): SessionOnly,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    account::end_session(&state, &viewer, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// How many sessions ended.
#[derive(Debug, Serialize, ToSchema)]
pub struct Ended {
    /// Sessions ended.
    pub ended: u64,
}

/// Signs out everywhere else: every session but this one ends.
#[utoipa::path(
    post,
    path = "/api/v1/me/sessions/end-others",
    tag = "auth",
    responses((status = 200, body = Ended))
)]
pub async fn end_other_sessions(
    State(state): State<AppState>,
    SessionOnly(viewer): SessionOnly,
    client: Client,
) -> Result<Json<Ended>, ApiError> {
    let ended = account::end_other_sessions(&state, &viewer, &client).await?;
    Ok(Json(Ended { ended }))
}

/// Whether an authenticator app guards one's account.
#[utoipa::path(
    get,
    path = "/api/v1/me/authenticator",
    tag = "auth",
    responses((status = 200, body = AuthenticatorView))
)]
pub async fn authenticator(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> Result<Json<AuthenticatorView>, ApiError> {
    Ok(Json(account::authenticator(&state, &viewer).await?))
}

/// Starts setting up an authenticator app: the secret and a QR code for the app. It guards
/// the account once confirmed with a code from the app.
#[utoipa::path(
    post,
    path = "/api/v1/me/authenticator",
    tag = "auth",
    responses(
        (status = 201, body = EnrolmentView),
        (status = 409, description = "An authenticator is already set up", body = Problem),
    )
)]
pub async fn begin_authenticator(
    State(state): State<AppState>,
    SessionOnly(viewer): SessionOnly,
) -> Result<(StatusCode, Json<EnrolmentView>), ApiError> {
    let enrolment = account::begin_enrolment(&state, &viewer).await?;
    Ok((StatusCode::CREATED, Json(enrolment.into())))
}

/// Confirms the authenticator being set up with a code from it; gives ten recovery codes,
/// shown this once.
#[utoipa::path(
    post,
    path = "/api/v1/me/authenticator/confirm",
    tag = "auth",
    request_body = CodeRequest,
    responses(
        (status = 200, body = RecoveryCodes),
        (status = 409, description = "No authenticator is being set up", body = Problem),
        (status = 422, description = "The code is not right", body = Problem),
        (status = 429, description = "Too many wrong codes", body = Problem),
    )
)]
pub async fn confirm_authenticator(
    State(state): State<AppState>,
    SessionOnly(viewer): SessionOnly,
    client: Client,
    ApiJson(request): ApiJson<CodeRequest>,
) -> Result<Json<RecoveryCodes>, ApiError> {
    Ok(Json(
        account::confirm_enrolment(&state, &viewer, &request.code, &client).await?,
    ))
}

/// Removes one's authenticator, given a current code from it (not when one's role needs
/// one).
#[utoipa::path(
    post,
    path = "/api/v1/me/authenticator/remove",
    tag = "auth",
    request_body = CodeRequest,
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "There is none", body = Problem),
        (status = 409, description = "The role needs one", body = Problem),
        (status = 422, description = "The code is not right", body = Problem),
        (status = 429, description = "Too many wrong codes", body = Problem),
    )
)]
pub async fn remove_authenticator(
    State(state): State<AppState>,
    SessionOnly(viewer): SessionOnly,
    client: Client,
    ApiJson(request): ApiJson<CodeRequest>,
) -> Result<StatusCode, ApiError> {
    account::remove_own(&state, &viewer, &request.code, &client).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One's security history, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/me/history",
    tag = "auth",
    responses((status = 200, body = Vec<AccountEventView>))
)]
pub async fn my_history(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> Result<Json<Vec<AccountEventView>>, ApiError> {
    let id = viewer.person().id;
    Ok(Json(account::history(&state, &viewer, id).await?))
}

/// Makes an API token acting for oneself with the scope given, for at most a year. The
/// token is in this answer only; the service keeps its hash. Not with another token.
#[utoipa::path(
    post,
    path = "/api/v1/tokens",
    tag = "auth",
    request_body = TokenRequest,
    responses(
        (status = 201, body = CreatedToken),
        (status = 403, description = "Asked with an API token", body = Problem),
        (status = 422, body = Problem),
    )
)]
pub async fn create_token(
    State(state): State<AppState>,
    SessionOnly(viewer): SessionOnly,
    client: Client,
    ApiJson(request): ApiJson<TokenRequest>,
) -> Result<(StatusCode, Json<CreatedToken>), ApiError> {
    let created = account::create_token(&state, &viewer, request, &client).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// One's working API tokens, without their secrets.
#[utoipa::path(
    get,
    path = "/api/v1/tokens",
    tag = "auth",
    responses((status = 200, body = Vec<TokenView>))
)]
pub async fn list_tokens(
    State(state): State<AppState>,
    SessionOnly(viewer): SessionOnly,
) -> Result<Json<Vec<TokenView>>, ApiError> {
    Ok(Json(account::tokens(&state, &viewer).await?))
}

/// Revokes one of one's API tokens; it stops working at once.
#[utoipa::path(
    delete,
    path = "/api/v1/tokens/{id}",
    tag = "auth",
    params(("id" = i64, Path, description = "The token's id")),
    responses((status = 204, description = "Revoked"), (status = 404, body = Problem))
)]
pub async fn revoke_token(
    State(state): State<AppState>,
    SessionOnly(viewer): SessionOnly,
    client: Client,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    account::revoke_token(&state, &viewer, id, &client).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a person's authenticator, for the reason given (the facilitator: they lost it).
/// Recorded in their security history; their sessions end; they are told by email.
#[utoipa::path(
    post,
    path = "/api/v1/users/{id}/authenticator/reset",
    tag = "directory",
    params(("id" = i64, Path, description = "The person's id")),
    request_body = FactorResetRequest,
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No such person, or none set up", body = Problem),
        (status = 409, description = "One's own", body = Problem),
        (status = 422, body = Problem),
    )
)]
pub async fn reset_authenticator(
    State(state): State<AppState>,
    Facilitator(viewer): Facilitator,
    client: Client,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<FactorResetRequest>,
) -> Result<StatusCode, ApiError> {
    account::reset_for(&state, &viewer, PersonId(id), request, &client).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A person's security history (the facilitator).
#[utoipa::path(
    get,
    path = "/api/v1/users/{id}/history",
    tag = "directory",
    params(("id" = i64, Path, description = "The person's id")),
    responses((status = 200, body = Vec<AccountEventView>), (status = 404, body = Problem))
)]
pub async fn user_history(
    State(state): State<AppState>,
    Facilitator(viewer): Facilitator,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<AccountEventView>>, ApiError> {
    let id = PersonId(id);
    state.store.person(id).await?;
    Ok(Json(account::history(&state, &viewer, id).await?))
}
