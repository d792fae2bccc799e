//! What every page carries: the Compact's name, who is signed in (for the navigation), and
//! the token every form must send back.
//!
//! The form token is derived from a secret the browser holds in an HttpOnly cookie and
//! another site cannot read: the session secret once signed in, before that a random
//! visitor secret. A form posted from elsewhere cannot carry it, so it is refused.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use disputes_workflow::Role;
use minijinja::Value;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::render::render;
use crate::auth::{Viewer, new_secret, secret_cookie};
use crate::problem::ApiError;
use crate::state::AppState;

/// The cookie that carries a signed-out visitor's secret, for the sign-in form's token.
pub(crate) const VISITOR_COOKIE: &str = "disputes_visitor";

/// The navigation's view of the signed-in person.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct UserChrome {
    /// Their name.
    pub(crate) name: String,
    /// May raise disagreements.
    pub(crate) member: bool,
    /// Sees the subgroup's queue.
    pub(crate) subgroup: bool,
    /// Follows outcomes.
    pub(crate) outcomes: bool,
    /// Administers the Compact.
    pub(crate) facilitator: bool,
}

/// The parts of a page that are the same on every page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Chrome {
    /// The Compact's name.
    pub(crate) compact: String,
    /// Who is signed in.
    pub(crate) user: Option<UserChrome>,
    /// The token every form carries.
    pub(crate) csrf: String,
}

/// A page being answered: who asks, and the chrome to render around it.
#[derive(Debug)]
pub(crate) struct Page {
    /// The signed-in person, if any.
    pub(crate) viewer: Option<Viewer>,
    /// The common parts.
    pub(crate) chrome: Chrome,
    /// The cookie carrying a visitor secret made for this response.
    new_visitor: Option<String>,
}

impl FromRequestParts<AppState> for Page {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let viewer = parts.extensions.get::<Viewer>().cloned();
        Page::new(state, viewer, &parts.headers)
    }
}

impl Page {
    /// The page for `viewer` (or a visitor, by the cookies in `headers`).
    pub(crate) fn new(
        state: &AppState,
        viewer: Option<Viewer>,
        headers: &HeaderMap,
    ) -> Result<Page, ApiError> {
        let (secret, new_visitor) = match (&viewer, visitor_secret(headers)) {
            (Some(viewer), _) => (viewer.secret.clone(), None),
            (None, Some(visitor)) => (visitor, None),
            (None, None) => {
                let fresh = new_secret()?;
                let cookie = secret_cookie(VISITOR_COOKIE, &fresh, None, state.settings.is_https());
                (fresh, Some(cookie))
            }
        };
        let user = viewer.as_ref().map(|v| UserChrome {
            name: v.record.name.clone(),
            member: v.has_any(&[Role::Member]),
            subgroup: v.has_any(&[Role::Chair, Role::Subgroup, Role::Facilitator]),
            outcomes: v.has_any(&[Role::Champion, Role::Chair, Role::Facilitator]),
            facilitator: v.has_any(&[Role::Facilitator]),
        });
        Ok(Page {
            viewer,
            chrome: Chrome {
                compact: state.settings.compact.name.clone(),
                user,
                csrf: token(&secret),
            },
            new_visitor,
        })
    }

    /// The signed-in person; 401 (and so the sign-in page) for a visitor.
    pub(crate) fn viewer(&self) -> Result<&Viewer, ApiError> {
        self.viewer.as_ref().ok_or_else(ApiError::unauthorised)
    }

    /// Renders `template` with `context` and the chrome, answering with `status`.
    pub(crate) fn render(
        &self,
        status: StatusCode,
        template: &str,
        context: Value,
    ) -> Result<Response, ApiError> {
        let html = render(
            template,
            page_context! { chrome => &self.chrome, ..context },
        )?;
        let mut response = (status, Html(html)).into_response();
        let headers = response.headers_mut();
        // Pages show private case details: never kept by a shared cache or the back button
        // after signing out.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(cookie) = &self.new_visitor {
            let value = HeaderValue::from_str(cookie).map_err(|_| ApiError::internal())?;
            headers.append(header::SET_COOKIE, value);
        }
        Ok(response)
    }

    /// Renders `template` with status 200.
    pub(crate) fn ok(&self, template: &str, context: Value) -> Result<Response, ApiError> {
        self.render(StatusCode::OK, template, context)
    }
}

/// The form token for the browser holding `secret`.
pub(crate) fn token(secret: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(b"disputes form token\0");
    hash.update(secret.as_bytes());
    hex::encode(hash.finalize())
}

/// The token a form posted with `headers` by `viewer` must carry, if it can carry any.
pub(crate) fn expected_token(viewer: Option<&Viewer>, headers: &HeaderMap) -> Option<String> {
    match viewer {
        Some(viewer) => Some(token(&viewer.secret)),
        None => visitor_secret(headers).map(|s| token(&s)),
    }
}

/// Compares two tokens in time that does not depend on where they differ.
pub(crate) fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0_u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

fn visitor_secret(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == VISITOR_COOKIE)
        .map(|(_, value)| value)
        .filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

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
