//! Who is asking: passwords, secrets, and the signed-in person of each request.
//!
//! A request is signed in by `Authorization: Bearer <token>` or by the session cookie. Both
//! are random secrets the store keeps only as hashes. Passwords are hashed with argon2id.

pub mod password;
mod viewer;

pub use viewer::{SESSION_COOKIE, SignedIn, Viewer, authenticate, secret_cookie, session_cookie};

use crate::problem::ApiError;

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
