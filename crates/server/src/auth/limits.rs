//! What a secret may do beyond what its person may: an API token of `read` scope only reads;
//! a session that still owes its second factor may only finish signing in (give a code, or
//! set up an authenticator), sign out, and read the service's public pages.

use axum::http::{Method, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use disputes_store::{Grant, Pending, TokenScope};

use crate::problem::{ApiError, says};

/// The page where a session owing `pending` goes.
pub fn page_for(pending: Pending) -> &'static str {
    match pending {
        Pending::Code => "/login/code",
        Pending::Enrol => "/account/authenticator",
    }
}

/// Routes open to a session that owes a code; one that owes enrolment may also use those
/// of [`ENROLMENT`].
const FINISHING: &[(&str, &str)] = &[
    ("POST", "/api/v1/auth/second-factor"),
    ("POST", "/api/v1/auth/logout"),
    ("GET", "/api/v1/me"),
    ("GET", "/login/code"),
    ("POST", "/login/code"),
    ("GET", "/logout"),
    ("POST", "/logout"),
    ("GET", "/accessibility"),
    ("GET", "/privacy"),
    ("GET", "/cookies"),
];

/// Routes that set up an authenticator.
const ENROLMENT: &[(&str, &str)] = &[
    ("POST", "/api/v1/me/authenticator"),
    ("POST", "/api/v1/me/authenticator/confirm"),
    ("GET", "/account/authenticator"),
    ("POST", "/account/authenticator"),
    ("POST", "/account/authenticator/confirm"),
];

/// The answer to a request `grant` may not make, if it may not; none if it may.
pub fn refusal(grant: Grant, method: &Method, uri: &Uri) -> Option<Response> {
    match grant {
        Grant::Token {
            scope: TokenScope::Read,
            ..
        } if !method.is_safe() => {
            Some(ApiError::forbidden(says("detail-token-read-only", Vec::new())).into_response())
        }
        Grant::Session {
            pending: Some(pending),
            ..
        } => {
            let path = uri.path();
            let allowed = |routes: &[(&str, &str)]| {
                routes
                    .iter()
                    .any(|(m, p)| *m == method.as_str() && *p == path)
            };
            if allowed(FINISHING) || (pending == Pending::Enrol && allowed(ENROLMENT)) {
                return None;
            }
            if path.starts_with("/api/") {
                let key = match pending {
                    Pending::Code => "detail-code-first",
                    Pending::Enrol => "detail-enrol-first",
                };
                return Some(ApiError::forbidden(says(key, Vec::new())).into_response());
            }
            let next = uri
                .path_and_query()
                .map(|p| p.as_str())
                .filter(|_| *method == Method::GET)
                .unwrap_or("/");
            let to = format!(
                "{}?next={}",
                page_for(pending),
                form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
            );
            Some(Redirect::to(&to).into_response())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    fn answer(grant: Grant, method: &Method, path: &str) -> Option<(StatusCode, String)> {
        refusal(grant, method, &path.parse().unwrap()).map(|r| {
            let location = r
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_owned())
                .unwrap_or_default();
            (r.status(), location)
        })
    }

    #[test]
    fn a_read_token_reads_and_nothing_more() {
        let read = Grant::Token {
            id: 1,
            scope: TokenScope::Read,
        };
        assert_eq!(answer(read, &Method::GET, "/api/v1/cases"), None);
        assert_eq!(answer(read, &Method::HEAD, "/api/v1/cases"), None);
        for method in [Method::POST, Method::PATCH, Method::PUT, Method::DELETE] {
            assert_eq!(
                answer(read, &method, "/api/v1/cases").map(|a| a.0),
                Some(StatusCode::FORBIDDEN)
            );
        }
        let write = Grant::Token {
            id: 1,
            scope: TokenScope::Write,
        };
        assert_eq!(answer(write, &Method::POST, "/api/v1/cases"), None);
    }

    #[test]
    fn a_session_owing_its_second_factor_may_only_finish_signing_in() {
        let owing = |pending| Grant::Session {
            id: 1,
            pending: Some(pending),
        };
        let code = owing(Pending::Code);
        assert_eq!(
            answer(code, &Method::POST, "/api/v1/auth/second-factor"),
            None
        );
        assert_eq!(answer(code, &Method::GET, "/login/code"), None);
        assert_eq!(
            answer(code, &Method::GET, "/api/v1/cases").map(|a| a.0),
            Some(StatusCode::FORBIDDEN)
        );
        assert_eq!(
            answer(code, &Method::GET, "/cases?state=open"),
            Some((
                StatusCode::SEE_OTHER,
                "/login/code?next=%2Fcases%3Fstate%3Dopen".to_owned()
            ))
        );
        // Setting up an authenticator is for those who must and have none yet.
        assert!(answer(code, &Method::POST, "/api/v1/me/authenticator").is_some());
        let enrol = owing(Pending::Enrol);
        assert_eq!(
            answer(enrol, &Method::POST, "/api/v1/me/authenticator"),
            None
        );
        assert_eq!(
            answer(enrol, &Method::POST, "/cases/new").map(|a| a.1),
            Some("/account/authenticator?next=%2F".to_owned())
        );
        let settled = Grant::Session {
            id: 1,
            pending: None,
        };
        assert_eq!(answer(settled, &Method::POST, "/cases/new"), None);
    }
}
