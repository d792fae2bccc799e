//! A person's own sign-in: their sessions, their API tokens, their authenticator app and
//! recovery codes, resetting a forgotten password, and the security history that records
//! each change. The API's way and the account page's alike.
//!
//! Everything here that changes how a person signs in is recorded in their security history
//! and, where a change they did not make should not go unnoticed, emailed to them at once.

use chrono::{DateTime, Duration, Utc};
use disputes_notify::{AccountContext, AccountEmailKind};
use disputes_store::{AccountEvent, AccountEventKind, PersonRecord, TokenScope};
use disputes_workflow::names::email_key;
use disputes_workflow::{PersonId, Role, Text};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::second_factor::{self, Enrolment, recovery_key};
use crate::auth::throttle::{self, Client};
use crate::auth::{Viewer, new_secret, password};
use crate::problem::{ApiError, field_problem, minutes, says};
use crate::state::AppState;

/// The longest an API token may live.
pub const TOKEN_MAX_DAYS: u32 = 366;
/// How long a password-reset link works.
pub const RESET_MINUTES: u32 = 60;
/// Reset links one account is sent in an hour; more asks are answered the same way and
/// send nothing, so that nobody can fill someone's inbox.
const RESETS_PER_HOUR: u32 = 3;
/// Entries of the security history shown.
pub const HISTORY_SHOWN: u64 = 50;

// ---------------------------------------------------------------------------------------
// Sessions

/// One of a person's sessions.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    /// Its id, to end it.
    pub id: i64,
    /// Whether it is the session of this request.
    pub current: bool,
    /// The browser or program, as it described itself.
    pub device: Option<String>,
    /// The address it signed in from.
    pub address: Option<String>,
    /// When it signed in.
    pub signed_in_at: DateTime<Utc>,
    /// When it was last used (to the minute).
    pub last_seen_at: DateTime<Utc>,
    /// When it ends at the latest, if not used again (the idle limit) or in any case (the
    /// absolute limit), whichever comes first.
    pub ends_by: DateTime<Utc>,
}

/// The viewer's live sessions, the most recently used first.
pub async fn sessions(state: &AppState, viewer: &Viewer) -> Result<Vec<SessionView>, ApiError> {
    let current = viewer.session()?;
    let now = state.clock.now();
    let idle = state.settings.server.session_idle();
    let sessions = state
        .store
        .sessions_of(viewer.person().id, now, now - idle)
        .await?;
    Ok(sessions
        .into_iter()
        .map(|s| {
            let idle_end = s.last_seen_at + idle;
            SessionView {
                id: s.id,
                current: s.id == current,
                device: s.user_agent,
                address: s.address,
                signed_in_at: s.created_at,
                last_seen_at: s.last_seen_at,
                ends_by: s.expires_at.map_or(idle_end, |end| end.min(idle_end)),
            }
        })
        .collect())
}

/// Ends the viewer's session `id` (404 if it is not theirs).
pub async fn end_session(state: &AppState, viewer: &Viewer, id: i64) -> Result<(), ApiError> {
    viewer.session()?;
    state.store.close_session_of(viewer.person().id, id).await?;
    Ok(())
}

/// Ends every session of the viewer's but this one; says how many ended.
pub async fn end_other_sessions(
    state: &AppState,
    viewer: &Viewer,
    client: &Client,
) -> Result<u64, ApiError> {
    let current = viewer.session()?;
    let ended = state
        .store
        .close_sessions_of(viewer.person().id, Some(current))
        .await?;
    record(
        state,
        viewer.person().id,
        AccountEventKind::SignedOutElsewhere,
        None,
        Some(format!("{ended} session(s) ended")),
        client,
    )
    .await?;
    Ok(ended)
}

// ---------------------------------------------------------------------------------------
// API tokens

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Only look: any request that could change something is refused (403).
    Read,
    /// Do whatever its person may.
    Write,
}

impl From<Scope> for TokenScope {
    fn from(scope: Scope) -> Self {
        match scope {
            Scope::Read => TokenScope::Read,
            Scope::Write => TokenScope::Write,
        }
    }
}

impl From<TokenScope> for Scope {
    fn from(scope: TokenScope) -> Self {
        match scope {
            TokenScope::Read => Scope::Read,
            TokenScope::Write => Scope::Write,
        }
    }
}

/// A token to make.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// What it is for, to recognise it in the list ("Monthly report").
    pub name: String,
    /// `read` (it can only look) or `write` (it can do what you can).
    pub scope: Scope,
    /// Days until it stops working, 1 to 366.
    pub expires_in_days: u32,
}

/// An API token, as listed (never its secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenView {
    /// Its id, to revoke it.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// What it may do.
    pub scope: Scope,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was last used (to the minute), if ever.
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<disputes_store::ApiToken> for TokenView {
    fn from(token: disputes_store::ApiToken) -> Self {
        TokenView {
            id: token.id,
            name: token.name,
            scope: token.scope.into(),
            created_at: token.created_at,
            expires_at: token.expires_at,
            last_used_at: token.last_used_at,
        }
    }
}

/// A token just made: the only time its secret is shown.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedToken {
    /// The secret, for `Authorization: Bearer`. Shown this once; only its hash is kept.
    pub token: String,
    /// The token as it will be listed.
    #[serde(flatten)]
    pub view: TokenView,
}

/// The longest name a token may have.
const TOKEN_NAME_MAX: usize = 100;

/// Makes an API token for the viewer.
pub async fn create_token(
    state: &AppState,
    viewer: &Viewer,
    request: TokenRequest,
    client: &Client,
) -> Result<CreatedToken, ApiError> {
    viewer.session()?;
    let mut errors = Vec::new();
    let name = request.name.trim();
    if name.is_empty()
        || name.chars().count() > TOKEN_NAME_MAX
        || name.chars().any(char::is_control)
    {
        errors.push(field_problem(
            "name",
            "field-token-name",
            vec![("max", TOKEN_NAME_MAX.into())],
        ));
    }
    if !(1..=TOKEN_MAX_DAYS).contains(&request.expires_in_days) {
        errors.push(field_problem(
            "expires_in_days",
            "field-token-days",
            vec![("max", TOKEN_MAX_DAYS.into())],
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid(errors));
    }
    let now = state.clock.now();
    let secret = new_secret()?;
    let expires_at = now + Duration::days(i64::from(request.expires_in_days));
    let token = state
        .store
        .create_api_token(
            viewer.person().id,
            name,
            request.scope.into(),
            &secret,
            now,
            Some(expires_at),
        )
        .await?;
    let scope = TokenScope::from(request.scope).as_str();
    let detail = format!("{name} ({scope})");
    record(
        state,
        viewer.person().id,
        AccountEventKind::TokenCreated,
        None,
        Some(detail),
        client,
    )
    .await?;
    email(state, &viewer.record, AccountEmailKind::TokenCreated, name);
    tracing::info!(token = token.id, scope, "API token made");
    Ok(CreatedToken {
        token: secret,
        view: token.into(),
    })
}

/// The viewer's working tokens, the newest first.
pub async fn tokens(state: &AppState, viewer: &Viewer) -> Result<Vec<TokenView>, ApiError> {
    viewer.session()?;
    let tokens = state
        .store
        .api_tokens_of(viewer.person().id, state.clock.now())
        .await?;
    Ok(tokens.into_iter().map(TokenView::from).collect())
}

/// Revokes the viewer's token `id` (404 if it is not theirs, or already revoked).
pub async fn revoke_token(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    client: &Client,
) -> Result<(), ApiError> {
    viewer.session()?;
    let name = state
        .store
        .api_tokens_of(viewer.person().id, state.clock.now())
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .map(|t| t.name);
    state
        .store
        .revoke_api_token(viewer.person().id, id, state.clock.now())
        .await?;
    record(
        state,
        viewer.person().id,
        AccountEventKind::TokenRevoked,
        None,
        name,
        client,
    )
    .await
}

// ---------------------------------------------------------------------------------------
// Password reset

/// Sends a reset link to `email` if it is an active person's address, and says nothing
/// either way: the answer, and the time it takes, are the same. Too many asks from one
/// address are refused (429); too many for one account are answered as usual and send
/// nothing more.
pub async fn request_reset(state: &AppState, email: &str, client: &Client) -> Result<(), ApiError> {
    let now = state.clock.now();
    let hour = Duration::hours(1);
    let store = &state.store;
    let address_key = format!("reset-address:{}", client.address);
    let limit = state.settings.auth.address_failures;
    if let Some(seconds) = throttle::counted_wait(store, &address_key, limit, hour, now).await? {
        return Err(ApiError::too_many(
            seconds,
            says(
                "detail-reset-throttled",
                vec![("minutes", minutes(seconds))],
            ),
        ));
    }
    let account_key = format!("reset:{}", email_key(email));
    store
        .record_login_failure(&[address_key, account_key.clone()], now)
        .await?;
    let found = match store.credentials(email).await? {
        Some((record, _)) if record.active => record,
        _ => return Ok(()),
    };
    let asks = store.login_failures_since(&account_key, now - hour).await?;
    if asks.len() > RESETS_PER_HOUR as usize {
        tracing::warn!(
            person = found.person.id.0,
            "reset link not sent: too many asked for"
        );
        return Ok(());
    }
    let secret = new_secret()?;
    let expires = now + Duration::minutes(i64::from(RESET_MINUTES));
    store
        .start_password_reset(found.person.id, &secret, now, expires)
        .await?;
    record(
        state,
        found.person.id,
        AccountEventKind::ResetRequested,
        None,
        None,
        client,
    )
    .await?;
    let link = format!(
        "{}/reset-password?token={secret}",
        state.settings.server.public_url.trim_end_matches('/')
    );
    send(
        state,
        &found,
        AccountEmailKind::PasswordReset,
        link,
        String::new(),
    );
    Ok(())
}

/// Whether `token` is a reset link that still works.
pub async fn reset_link_works(state: &AppState, token: &str) -> Result<bool, ApiError> {
    if !crate::auth::is_secret(token) {
        return Ok(false);
    }
    Ok(state
        .store
        .password_reset_holder(token, state.clock.now())
        .await?
        .is_some())
}

/// A new password through a reset link.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    /// The token from the link in the email.
    pub token: String,
    /// The new password.
    pub password: String,
}

/// Sets a new password through a reset link: the link is spent, every session of the
/// person ends, and they are told by email. A link that does not work (unknown, used,
/// expired) is 404; a password the policy refuses is 422 and spends nothing.
pub async fn finish_reset(
    state: &AppState,
    request: ResetRequest,
    client: &Client,
) -> Result<(), ApiError> {
    let now = state.clock.now();
    let gone = || ApiError::not_found().with_detail(says("detail-reset-link-gone", Vec::new()));
    if !crate::auth::is_secret(&request.token) {
        return Err(gone());
    }
    let person = state
        .store
        .password_reset_holder(&request.token, now)
        .await?
        .ok_or_else(gone)?;
    let found = state.store.person(person).await?;
    state
        .settings
        .password_policy()
        .check("password", &request.password, &found.email, &found.name)
        .map_err(|error| ApiError::invalid(vec![error]))?;
    let hash = password::hash(request.password).await?;
    state
        .store
        .finish_password_reset(&request.token, &hash, now)
        .await
        .map_err(|_| gone())?;
    record(
        state,
        person,
        AccountEventKind::PasswordReset,
        None,
        None,
        client,
    )
    .await?;
    email(state, &found, AccountEmailKind::PasswordChanged, "");
    tracing::info!(person = person.0, "password reset");
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The authenticator

/// Whether the viewer has an authenticator, and how many recovery codes are left.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthenticatorView {
    /// Whether an authenticator app guards the account.
    pub enrolled: bool,
    /// Whether the viewer's role requires one.
    pub required: bool,
    /// Unused recovery codes.
    pub recovery_codes_left: u64,
}

/// The viewer's authenticator.
pub async fn authenticator(
    state: &AppState,
    viewer: &Viewer,
) -> Result<AuthenticatorView, ApiError> {
    let person = viewer.person().id;
    let enrolled = state
        .store
        .second_factor(person)
        .await?
        .is_some_and(|f| f.confirmed_at.is_some());
    Ok(AuthenticatorView {
        enrolled,
        required: required(state, viewer.person()),
        recovery_codes_left: state.store.recovery_codes_left(person).await?,
    })
}

fn required(state: &AppState, person: &disputes_workflow::Person) -> bool {
    state
        .settings
        .auth
        .require_second_factor
        .iter()
        .any(|role| person.has(*role))
}

/// What a person needs to add the service to their authenticator app.
#[derive(Debug, Serialize, ToSchema)]
pub struct EnrolmentView {
    /// The secret, base32, to type in by hand.
    pub secret: String,
    /// The `otpauth://` address (what the QR code holds).
    pub address: String,
    /// The QR code, as an SVG image.
    pub qr_svg: String,
}

impl From<Enrolment> for EnrolmentView {
    fn from(e: Enrolment) -> Self {
        EnrolmentView {
            secret: e.secret,
            address: e.address,
            qr_svg: e.qr_svg,
        }
    }
}

/// Starts setting up an authenticator for the viewer (a new secret each time, until one is
/// confirmed); 409 if one is already set up.
pub async fn begin_enrolment(state: &AppState, viewer: &Viewer) -> Result<Enrolment, ApiError> {
    viewer.session()?;
    let secret = second_factor::new_secret()?;
    state
        .store
        .begin_second_factor(viewer.person().id, &secret, state.clock.now())
        .await?;
    enrolment_of(state, viewer, &secret)
}

/// The enrolment for the viewer's authenticator still being set up, to show it again.
pub async fn pending_enrolment(
    state: &AppState,
    viewer: &Viewer,
) -> Result<Option<Enrolment>, ApiError> {
    match state.store.second_factor(viewer.person().id).await? {
        Some(factor) if factor.confirmed_at.is_none() => {
            enrolment_of(state, viewer, &factor.secret).map(Some)
        }
        _ => Ok(None),
    }
}

fn enrolment_of(state: &AppState, viewer: &Viewer, secret: &str) -> Result<Enrolment, ApiError> {
    let issuer = format!("{} disputes", state.settings.compact.name);
    second_factor::enrolment(secret, &issuer, &viewer.record.email)
}

/// A code from the authenticator app (six digits), or a recovery code.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeRequest {
    /// The code.
    pub code: String,
}

/// The recovery codes, shown once.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecoveryCodes {
    /// Ten codes, each usable once to sign in without the app. Shown this once.
    pub recovery_codes: Vec<String>,
}

/// Confirms the authenticator being set up with a first code from it: it guards the account
/// from now on, the viewer's session owes nothing more, and ten recovery codes are given.
pub async fn confirm_enrolment(
    state: &AppState,
    viewer: &Viewer,
    code: &str,
    client: &Client,
) -> Result<RecoveryCodes, ApiError> {
    let session = viewer.session()?;
    let person = viewer.person().id;
    let factor = state
        .store
        .second_factor(person)
        .await?
        .filter(|f| f.confirmed_at.is_none())
        .ok_or_else(|| {
            ApiError::conflict(says("detail-no-authenticator-being-set-up", Vec::new()))
        })?;
    throttled(state, person).await?;
    let codes = second_factor::new_recovery_codes()?;
    let keys: Vec<String> = codes.iter().map(|c| recovery_key(c)).collect();
    accept_code(state, person, &factor.secret, code, Some(&keys)).await?;
    state.store.settle_session(session).await?;
    record(
        state,
        person,
        AccountEventKind::SecondFactorAdded,
        None,
        None,
        client,
    )
    .await?;
    email(
        state,
        &viewer.record,
        AccountEmailKind::SecondFactorAdded,
        "",
    );
    tracing::info!(person = person.0, "authenticator set up");
    Ok(RecoveryCodes {
        recovery_codes: codes,
    })
}

/// Takes the code a session owes at sign-in: from the app (each step once) or a recovery
/// code (each once). Repeated wrong codes are refused for a while (429), as passwords are.
pub async fn give_code(
    state: &AppState,
    viewer: &Viewer,
    code: &str,
    client: &Client,
) -> Result<(), ApiError> {
    let session = viewer.session()?;
    if viewer.pending() != Some(disputes_store::Pending::Code) {
        return Err(ApiError::conflict(says("detail-no-code-owed", Vec::new())));
    }
    let person = viewer.person().id;
    throttled(state, person).await?;
    let now = state.clock.now();
    let factor = state
        .store
        .second_factor(person)
        .await?
        .filter(|f| f.confirmed_at.is_some())
        .ok_or_else(|| ApiError::conflict(says("detail-no-authenticator", Vec::new())))?;
    let by_app = accepted(state, person, &factor.secret, code, None).await?;
    let by_recovery = !by_app
        && state
            .store
            .use_recovery_code(person, &recovery_key(code), now)
            .await?;
    if !(by_app || by_recovery) {
        return Err(wrong_code(state, person).await);
    }
    if by_recovery {
        let left = state.store.recovery_codes_left(person).await?;
        record(
            state,
            person,
            AccountEventKind::RecoveryCodeUsed,
            None,
            Some(format!("{left} left")),
            client,
        )
        .await?;
    }
    state
        .store
        .clear_login_failures(&code_key(person), now - Duration::days(1))
        .await?;
    state.store.settle_session(session).await?;
    Ok(())
}

/// Whether `code` is right now for the authenticator holding `secret`, and of a step not
/// accepted before (which it then is); with `recovery`, confirming an enrolment and giving
/// those recovery codes.
async fn accepted(
    state: &AppState,
    person: PersonId,
    secret: &str,
    code: &str,
    recovery: Option<&[String]>,
) -> Result<bool, ApiError> {
    let now = state.clock.now();
    Ok(match second_factor::matching_step(secret, code, now)? {
        Some(step) => {
            state
                .store
                .accept_second_factor_step(person, step, now, recovery)
                .await?
        }
        None => false,
    })
}

/// [`accepted`], counting a wrong code against the person (422, or 429 after too many).
async fn accept_code(
    state: &AppState,
    person: PersonId,
    secret: &str,
    code: &str,
    recovery: Option<&[String]>,
) -> Result<(), ApiError> {
    if accepted(state, person, secret, code, recovery).await? {
        Ok(())
    } else {
        Err(wrong_code(state, person).await)
    }
}

/// The throttle's key for wrong codes given for `person`.
fn code_key(person: PersonId) -> String {
    format!("code:{}", person.0)
}

/// Refuses (429) while `person` has had too many wrong codes lately.
async fn throttled(state: &AppState, person: PersonId) -> Result<(), ApiError> {
    let auth = &state.settings.auth;
    let window = Duration::minutes(i64::from(auth.failure_window_minutes));
    let now = state.clock.now();
    let key = code_key(person);
    match throttle::counted_wait(&state.store, &key, auth.account_failures, window, now).await? {
        Some(seconds) => Err(ApiError::too_many(
            seconds,
            says(
                "detail-codes-throttled",
                vec![("minutes", minutes(seconds))],
            ),
        )),
        None => Ok(()),
    }
}

/// Counts a wrong code against `person`, and the answer to give.
async fn wrong_code(state: &AppState, person: PersonId) -> ApiError {
    if let Err(error) = state
        .store
        .record_login_failure(&[code_key(person)], state.clock.now())
        .await
    {
        return error.into();
    }
    ApiError::invalid_field("code", says("field-wrong-code", Vec::new()))
}

/// Removes the viewer's own authenticator, given a current code from it; refused (409)
/// when their role requires one.
pub async fn remove_own(
    state: &AppState,
    viewer: &Viewer,
    code: &str,
    client: &Client,
) -> Result<(), ApiError> {
    viewer.session()?;
    let person = viewer.person().id;
    if required(state, viewer.person()) {
        return Err(ApiError::conflict(says(
            "detail-authenticator-required",
            Vec::new(),
        )));
    }
    throttled(state, person).await?;
    let factor = state
        .store
        .second_factor(person)
        .await?
        .filter(|f| f.confirmed_at.is_some())
        .ok_or_else(ApiError::not_found)?;
    accept_code(state, person, &factor.secret, code, None).await?;
    state.store.remove_second_factor(person).await?;
    record(
        state,
        person,
        AccountEventKind::SecondFactorRemoved,
        None,
        None,
        client,
    )
    .await?;
    email(
        state,
        &viewer.record,
        AccountEmailKind::SecondFactorRemoved,
        "you",
    );
    Ok(())
}

/// Why the facilitator resets someone's authenticator.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FactorResetRequest {
    /// The reason, kept in the person's security history ("Lost their phone; identity
    /// checked by a call to their office").
    pub reason: String,
}

/// The facilitator removes person `id`'s authenticator (they lost it): recorded with the
/// reason in the person's history, their sessions ended, and they are told by email. They
/// set up a new one at their next sign-in if their role needs one. Never one's own (409):
/// that would be a way round the code it asks for.
pub async fn reset_for(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
    request: FactorResetRequest,
    client: &Client,
) -> Result<(), ApiError> {
    viewer.require(&[Role::Facilitator])?;
    let reason =
        Text::parse(request.reason).map_err(|e| ApiError::invalid(vec![e.on("reason")]))?;
    let person = state.store.person(id).await?;
    if id == viewer.person().id {
        return Err(ApiError::conflict(says(
            "detail-reset-own-authenticator",
            Vec::new(),
        )));
    }
    let set_up = state
        .store
        .second_factor(id)
        .await?
        .is_some_and(|f| f.confirmed_at.is_some());
    if !set_up {
        return Err(
            ApiError::not_found().with_detail(says("detail-person-no-authenticator", Vec::new()))
        );
    }
    state.store.remove_second_factor(id).await?;
    state.store.close_sessions_of(id, None).await?;
    record(
        state,
        id,
        AccountEventKind::SecondFactorRemoved,
        Some(viewer.person().id),
        Some(reason.as_str().to_owned()),
        client,
    )
    .await?;
    let by = format!("{} (the facilitator)", viewer.record.name);
    email(state, &person, AccountEmailKind::SecondFactorRemoved, &by);
    tracing::info!(
        person = id.0,
        by = viewer.person().id.0,
        "authenticator reset"
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The security history

/// An entry of a person's security history.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountEventView {
    /// What happened, in words.
    pub what: String,
    /// Its kind, as a word.
    pub kind: String,
    /// Who did it, when not the person.
    pub by: Option<String>,
    /// More: the token's name, the facilitator's reason.
    pub detail: Option<String>,
    /// The address it came from.
    pub address: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
}

/// Person `id`'s security history, newest first: theirs to read, and the facilitator's.
pub async fn history(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
) -> Result<Vec<AccountEventView>, ApiError> {
    if viewer.person().id != id {
        viewer.require(&[Role::Facilitator])?;
    }
    let events = state.store.account_events(id, HISTORY_SHOWN).await?;
    let mut names = std::collections::HashMap::new();
    let mut views = Vec::with_capacity(events.len());
    let english = state.locale(disputes_i18n::Lang::En);
    for event in events {
        let by = match event.actor {
            Some(actor) => {
                if let std::collections::hash_map::Entry::Vacant(entry) = names.entry(actor) {
                    entry.insert(state.store.person(actor).await?.name);
                }
                names.get(&actor).cloned()
            }
            None => None,
        };
        views.push(AccountEventView {
            what: english.t(&format!("account-event-{}", event.kind.as_str())),
            kind: event.kind.as_str().to_owned(),
            by,
            detail: event.detail,
            address: event.address,
            at: event.at,
        });
    }
    Ok(views)
}

async fn record(
    state: &AppState,
    person: PersonId,
    kind: AccountEventKind,
    actor: Option<PersonId>,
    detail: Option<String>,
    client: &Client,
) -> Result<(), ApiError> {
    let event = AccountEvent {
        kind,
        actor,
        detail,
        address: Some(client.address.to_string()),
        at: state.clock.now(),
    };
    state.store.record_account_event(person, &event).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Emails

/// Emails `to` about their account, linking to their account page.
fn email(state: &AppState, to: &PersonRecord, kind: AccountEmailKind, detail: &str) {
    let link = format!(
        "{}/account",
        state.settings.server.public_url.trim_end_matches('/')
    );
    send(state, to, kind, link, detail.to_owned());
}

/// Sends an account email in the background: the answer to the request does not wait for
/// the mail server (nor, for a reset, take longer when the address is a person's). A
/// failure is logged; the person can ask again.
fn send(state: &AppState, to: &PersonRecord, kind: AccountEmailKind, link: String, detail: String) {
    let state = state.clone();
    let address = to.email.clone();
    let lang = to.language;
    let context = AccountContext {
        compact: state.locale(lang).t("compact-name"),
        recipient: to.name.clone(),
        kind,
        link,
        minutes: RESET_MINUTES,
        detail,
    };
    let person = to.person.id.0;
    tokio::spawn(async move {
        let sent = match state.renderer() {
            Ok(renderer) => {
                let key = format!("account-{person}-{}", uuid::Uuid::new_v4());
                disputes_notify::account::send(
                    &state.settings.email,
                    renderer,
                    (&context, lang),
                    &address,
                    &key,
                )
                .await
                .map_err(|e| e.to_string())
            }
            Err(error) => Err(error.detail().to_owned()),
        };
        if let Err(error) = sent {
            tracing::error!(person, kind = ?context.kind, %error, "account email not sent");
        } else {
            tracing::info!(person, kind = ?context.kind, "account email sent");
        }
    });
}
