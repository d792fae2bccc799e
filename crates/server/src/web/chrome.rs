//! What every page carries: the Compact's name, who is signed in (for the navigation), and
//! the token every form must send back (made and checked in `auth::csrf`).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use disputes_workflow::Role;
use minijinja::Value;
use serde::Serialize;

use super::render::render;
use crate::auth::csrf::{VISITOR_COOKIE, token, visitor_secret};
use crate::auth::{Viewer, new_secret, secret_cookie};
use crate::problem::ApiError;
use crate::state::AppState;

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
    /// Still owes a second factor: the navigation would only lead back to giving it.
    pub(crate) owing: bool,
}

/// A provider's button on the sign-in page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProviderChoice {
    /// Its name, in its address.
    pub(crate) name: String,
    /// What the button says after "Sign in with".
    pub(crate) label: String,
}

/// The parts of a page that are the same on every page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Chrome {
    /// The Compact's name, in the page's language.
    pub(crate) compact: String,
    /// The page's language, as `<html lang>` carries it.
    pub(crate) lang: &'static str,
    /// The other language, which the toggle offers: its code and its name in itself.
    pub(crate) other_lang: (&'static str, &'static str),
    /// The page's own address, where the toggle comes back to.
    pub(crate) here: String,
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
    /// The words the page is written in.
    pub(crate) locale: disputes_i18n::Locale,
    /// The cookie carrying a visitor secret made for this response.
    new_visitor: Option<String>,
}

impl FromRequestParts<AppState> for Page {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let viewer = parts.extensions.get::<Viewer>().cloned();
        let here = parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
        Page::new(state, viewer, &parts.headers, &here)
    }
}

impl Page {
    /// The page at `here` for `viewer` (or a visitor, by the cookies in `headers`).
    pub(crate) fn new(
        state: &AppState,
        viewer: Option<Viewer>,
        headers: &HeaderMap,
        here: &str,
    ) -> Result<Page, ApiError> {
        let query = here.split_once('?').map(|(_, q)| q);
        let lang =
            super::language::of_page(viewer.as_ref().map(|v| v.record.language), headers, query);
        let locale = state.locale(lang);
        let other = match lang {
            disputes_i18n::Lang::En => disputes_i18n::Lang::Cy,
            disputes_i18n::Lang::Cy => disputes_i18n::Lang::En,
        };
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
            owing: v.pending().is_some(),
        });
        Ok(Page {
            viewer,
            chrome: Chrome {
                compact: locale.t("compact-name"),
                lang: lang.code(),
                other_lang: (other.code(), other.own_name()),
                here: super::language::without_choice(here),
                user,
                csrf: token(&secret),
            },
            locale,
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
            &self.locale,
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
