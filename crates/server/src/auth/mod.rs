//! Who is asking: passwords, secrets, and the signed-in person of each request.
//!
//! A request is signed in by `Authorization: Bearer <token>` or by the session cookie. Both
//! are random secrets the store keeps only as hashes. Passwords are hashed with argon2id.
//! What a secret grants is limited by what it is ([`limits`]): an API token by its scope, a
//! session by the second factor it may still owe.

pub mod csrf;
pub mod limits;
pub mod oidc;
pub mod origin;
pub mod password;
pub mod second_factor;
pub mod session;
pub mod throttle;
mod viewer;

pub use viewer::{
    Credential, SESSION_COOKIE, SessionOnly, SignedIn, Viewer, authenticate, secret_cookie,
    session_cookie,
};

use axum::http::{HeaderMap, header};

use crate::problem::ApiError;

/// The value of the cookie `name` in `headers`, when it could be one of the service's
/// secrets (64 hex digits): anything else is never looked up.
pub fn cookie_secret(headers: &HeaderMap, name: &str) -> Option<String> {
    cookie(headers, name).filter(|s| is_secret(s))
}

/// The value of the cookie `name` in `headers`, whatever it holds.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// Whether `text` has the shape of a secret this service makes.
pub(crate) fn is_secret(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A new random secret for a session or an API token: 32 bytes from the operating system,
/// in hex.
pub fn new_secret() -> Result<String, ApiError> {
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes).map_err(|error| {
        tracing::error!(%error, "no randomness available");
        ApiError::internal()
    })?;
    Ok(hex::encode(bytes))
}
