//! The form token: how a form, or an upload from a page, proves it came from this service.
//!
//! The token is derived from a secret the browser holds in an HttpOnly cookie and another
//! site cannot read: the session secret once signed in, before that a random visitor secret.
//! A form posted from elsewhere cannot carry it, so it is refused. The pages put the token in
//! every form; the page forms and the API's upload (when it comes from a page) check it here.

use axum::http::HeaderMap;
use sha2::{Digest, Sha256};

use super::{Viewer, cookie_secret};
use crate::problem::{ApiError, says};

/// The cookie that carries a signed-out visitor's secret, for the sign-in form's token.
pub const VISITOR_COOKIE: &str = "disputes_visitor";

/// The name of the form field that carries the token.
pub const TOKEN_FIELD: &str = "csrf";

/// The form token for the browser holding `secret`.
pub fn token(secret: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(b"disputes form token\0");
    hash.update(secret.as_bytes());
    hex::encode(hash.finalize())
}

/// The visitor secret the browser sent, if it could be one.
pub fn visitor_secret(headers: &HeaderMap) -> Option<String> {
    cookie_secret(headers, VISITOR_COOKIE)
}

/// The token a form posted with `headers` by `viewer` must carry, if it can carry any.
pub fn expected_token(viewer: Option<&Viewer>, headers: &HeaderMap) -> Option<String> {
    match viewer {
        Some(viewer) => Some(token(&viewer.secret)),
        None => visitor_secret(headers).map(|s| token(&s)),
    }
}

/// Whether the browser says the request comes from another site: such a form is refused
/// whatever it carries.
pub fn is_cross_site(headers: &HeaderMap) -> bool {
    headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
}

/// Compares two tokens in time that does not depend on where they differ.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0_u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

/// The answer to a form whose token is missing or wrong.
pub fn expired() -> ApiError {
    ApiError::forbidden(says("detail-form-expired", Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header;

    #[test]
    fn tokens_differ_by_secret_and_compare_exactly() {
        let (a, b) = (token(&"a".repeat(64)), token(&"b".repeat(64)));
        assert_ne!(a, b);
        assert!(same_token(&a, &a.clone()));
        assert!(!same_token(&a, &b));
        assert!(!same_token(&a, &a[..10]));
    }

    #[test]
    fn a_visitor_is_known_by_a_cookie_that_could_be_a_secret() {
        let mut headers = HeaderMap::new();
        let secret = "c".repeat(64);
        headers.insert(
            header::COOKIE,
            format!("x=1; {VISITOR_COOKIE}={secret}").parse().unwrap(),
        );
        assert_eq!(expected_token(None, &headers), Some(token(&secret)));
        headers.insert(
            header::COOKIE,
            format!("{VISITOR_COOKIE}=short").parse().unwrap(),
        );
        assert_eq!(expected_token(None, &headers), None);
    }
}
