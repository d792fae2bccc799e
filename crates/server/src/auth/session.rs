//! Opening and ending a session: the password check behind the sign-in throttle, the
//! remembered device, and the cookies that carry the session.

use axum::http::HeaderValue;
use chrono::Duration;
use disputes_workflow::names::{EMAIL_MAX, email_key};
use sha2::{Digest, Sha256};

use crate::auth::throttle::{self, Client, DEVICE_COOKIE};
use crate::auth::{Viewer, new_secret, password, secret_cookie, session_cookie};
use crate::problem::{ApiError, minutes, says};
use crate::state::AppState;
use disputes_store::{NewSession, Pending, PersonRecord};

/// A session just opened.
#[derive(Debug)]
pub struct OpenedSession {
    /// Its secret.
    pub secret: String,
    /// Who signed in.
    pub record: PersonRecord,
    /// A new device cookie's secret, when this browser was not yet one of the account's.
    pub new_device: Option<String>,
    /// What the session still owes before it may do anything else.
    pub pending: Option<Pending>,
}

/// Checks an email and password and opens a session: the sign-in of the API and of the
/// pages alike. Answers the same way whatever was wrong. Refuses (429, saying how long to
/// wait) after repeated failures: from a browser that has signed in to the account before,
/// its own failures only; from any other client, the account's failures from such clients
/// and its address's ([`crate::auth::throttle`]).
pub async fn sign_in(
    state: &AppState,
    client: &Client,
    email: &str,
    password: String,
) -> Result<OpenedSession, ApiError> {
    let now = state.clock.now();
    // An address that cannot be one is answered like any other wrong detail, without
    // touching the database.
    if email.len() > EMAIL_MAX || email.chars().any(char::is_control) {
        return Err(ApiError::bad_credentials());
    }
    let auth = &state.settings.auth;
    let window = Duration::minutes(i64::from(auth.failure_window_minutes));
    let store = &state.store;
    let found = store.credentials(email).await?;
    let (record, hash) = match found {
        Some((record, hash)) if record.active => (Some(record), Some(hash)),
        _ => (None, None),
    };
    let device = match (&client.device, &record) {
        (Some(secret), Some(record))
            if store.trusted_device_holder(secret, now).await? == Some(record.person.id) =>
        {
            Some(secret)
        }
        _ => None,
    };
    let counted: Vec<(String, u32)> = match device {
        Some(secret) => vec![(device_key(secret), auth.device_failures)],
        None => vec![
            (
                format!("account:{}", email_key(email)),
                auth.account_failures,
            ),
            (format!("address:{}", client.address), auth.address_failures),
        ],
    };
    let mut wait = None;
    for (key, limit) in &counted {
        wait = wait.max(throttle::counted_wait(store, key, *limit, window, now).await?);
    }
    if let Some(seconds) = wait {
        metrics::counter!("disputes_login_throttled_total").increment(1);
        let key = if device.is_some() {
            "detail-sign-in-throttled-browser"
        } else {
            "detail-sign-in-throttled"
        };
        return Err(ApiError::too_many(
            seconds,
            says(key, vec![("minutes", minutes(seconds))]),
        ));
    }
    let matches = password::verify(password, hash).await;
    let Some(record) = record.filter(|_| matches) else {
        metrics::counter!("disputes_login_failures_total").increment(1);
        let keys: Vec<String> = counted.into_iter().map(|(key, _)| key).collect();
        store.record_login_failure(&keys, now).await?;
        return Err(ApiError::bad_credentials());
    };
    // The owner is in: their earlier slips no longer count against them.
    for (key, _) in &counted {
        if !key.starts_with("address:") {
            store
                .clear_login_failures(key, now - Duration::days(1))
                .await?;
        }
    }
    let new_device = match device {
        Some(_) => None,
        None => {
            let secret = new_secret()?;
            let days = Duration::days(i64::from(auth.device_days));
            store
                .trust_device(record.person.id, &secret, now, now + days)
                .await?;
            Some(secret)
        }
    };
    let pending = owed(state, &record).await?;
    let secret = open(state, client, &record, pending).await?;
    tracing::info!(person = record.person.id.0, pending = ?pending, "signed in");
    Ok(OpenedSession {
        secret,
        record,
        new_device,
        pending,
    })
}

/// What a person signing in with a password owes besides: a code, when they have an
/// authenticator; setting one up, when their role requires one and they have none.
pub async fn owed(state: &AppState, record: &PersonRecord) -> Result<Option<Pending>, ApiError> {
    let confirmed = state
        .store
        .second_factor(record.person.id)
        .await?
        .is_some_and(|factor| factor.confirmed_at.is_some());
    let required = state
        .settings
        .auth
        .require_second_factor
        .iter()
        .any(|role| record.person.has(*role));
    Ok(match (confirmed, required) {
        (true, _) => Some(Pending::Code),
        (false, true) => Some(Pending::Enrol),
        (false, false) => None,
    })
}

/// Opens a session for `record` from `client`, owing `pending`; returns its secret. Always
/// a new secret: a session id known before sign-in is never promoted.
pub async fn open(
    state: &AppState,
    client: &Client,
    record: &PersonRecord,
    pending: Option<Pending>,
) -> Result<String, ApiError> {
    let now = state.clock.now();
    let secret = new_secret()?;
    let server = &state.settings.server;
    let address = client.address.to_string();
    state
        .store
        .open_session(NewSession {
            person: record.person.id,
            secret: &secret,
            at: now,
            expires_at: now + Duration::hours(i64::from(server.session_hours)),
            idle_before: now - server.session_idle(),
            user_agent: client.user_agent.as_deref(),
            address: Some(&address),
            pending,
        })
        .await?;
    Ok(secret)
}

/// The key a device's own failures are counted under: its secret's hash, never the secret.
fn device_key(secret: &str) -> String {
    format!("device:{}", hex::encode(Sha256::digest(secret.as_bytes())))
}

/// The `Set-Cookie` headers for a session just opened: the session, and the device cookie
/// when the browser is new to the account.
pub fn session_cookies(
    state: &AppState,
    session: &OpenedSession,
) -> Result<Vec<HeaderValue>, ApiError> {
    let https = state.settings.is_https();
    let seconds = u64::from(state.settings.server.session_hours) * 3600;
    let mut cookies = vec![session_cookie(&session.secret, seconds, https)];
    if let Some(device) = &session.new_device {
        let days = u64::from(state.settings.auth.device_days) * 86_400;
        cookies.push(secret_cookie(DEVICE_COOKIE, device, Some(days), https));
    }
    cookies
        .iter()
        .map(|cookie| HeaderValue::from_str(cookie).map_err(|_| ApiError::internal()))
        .collect()
}

/// Ends the session `viewer` signed in with; gives the `Set-Cookie` header that clears it.
pub async fn sign_out(state: &AppState, viewer: &Viewer) -> Result<HeaderValue, ApiError> {
    state.store.close_session(&viewer.secret).await?;
    let cookie = session_cookie("", 0, state.settings.is_https());
    HeaderValue::from_str(&cookie).map_err(|_| ApiError::internal())
}
