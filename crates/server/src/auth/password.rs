//! Password hashing with argon2id, off the async threads (each hash takes tens of
//! milliseconds by design).

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use disputes_workflow::FieldError;

use crate::problem::ApiError;

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 12;
/// The longest: argon2 would take anything, but a megabyte of password is a denial of service.
pub const MAX_LENGTH: usize = 1024;

/// A hash of a password no one has, checked when the account does not exist so that a
/// failed sign-in takes as long whatever the cause.
const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$ZGVjb3lkZWNveWRlY295$O7fFhbXPeE7fHvGmSJd5wBwpZDy2Iu/0DcP+yk9tTKM";

/// Checks that a new password is long enough to be worth hashing.
pub fn check(field: &str, password: &str) -> Result<(), FieldError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(FieldError::new(
            field,
            format!("must be at least {MIN_LENGTH} characters"),
        ));
    }
    if length > MAX_LENGTH {
        return Err(FieldError::new(
            field,
            format!("must be at most {MAX_LENGTH} characters"),
        ));
    }
    Ok(())
}

/// Hashes `password` to a PHC string.
pub async fn hash(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
    })
    .await
    .map_err(|_| ApiError::internal())?
    .map_err(|error| {
        tracing::error!(%error, "password hashing failed");
        ApiError::internal()
    })
}

/// Whether `password` matches `hash`; against a decoy when there is no account, so that
/// the answer takes as long either way.
pub async fn verify(password: String, hash: Option<String>) -> bool {
    let known = hash.is_some();
    let hash = hash.unwrap_or_else(|| DECOY.to_owned());
    let matches = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false);
    known && matches
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hashed = hash("correct horse battery".into()).await.unwrap();
        assert!(hashed.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".into(), Some(hashed.clone())).await);
        assert!(!verify("wrong horse battery".into(), Some(hashed)).await);
        assert!(!verify("anything at all".into(), None).await);
        assert!(PasswordHash::new(DECOY).is_ok());
    }

    #[test]
    fn short_and_enormous_passwords_are_refused() {
        assert!(check("password", "short").is_err());
        assert!(check("password", &"x".repeat(MAX_LENGTH + 1)).is_err());
        assert!(check("password", "twelve chars").is_ok());
    }
}
