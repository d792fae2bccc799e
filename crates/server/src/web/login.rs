//! Signing in and out through the pages: the API's sign-in (same throttling, same answer
//! whatever was wrong), with the session in an HttpOnly cookie.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::chrome::Page;
use super::form::{Fields, Form, FormView};
use crate::auth::session::{session_cookies, sign_in};
use crate::auth::throttle::Client;
use crate::problem::ApiError;
use crate::state::AppState;

/// Where to go after signing in.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Next {
    next: Option<String>,
    signed_out: Option<String>,
}

/// Only a path on this service: never another site, so a link cannot send someone who
/// signs in elsewhere.
fn safe_next(next: Option<&str>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .filter(|n| !n.chars().any(char::is_control))
        .map_or_else(|| "/".to_owned(), str::to_owned)
}

/// `GET /login`: the sign-in form.
pub(crate) async fn form(page: Page, Query(next): Query<Next>) -> Result<Response, ApiError> {
    if page.viewer.is_some() {
        return Ok(Redirect::to(&safe_next(next.next.as_deref())).into_response());
    }
    show(&page, StatusCode::OK, &FormView::default(), &next)
}

/// The sign-in page.
pub(crate) fn show(
    page: &Page,
    status: StatusCode,
    form: &FormView,
    next: &Next,
) -> Result<Response, ApiError> {
    let banner = next.signed_out.as_ref().map(|_| "You have signed out.");
    page.render(
        status,
        "login.html",
        page_context! {
            title => "Sign in",
            section => "login",
            form,
            next => safe_next(next.next.as_deref()),
            banner,
        },
    )
}

/// `POST /login`.
pub(crate) async fn submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    page: Page,
    form: Form,
) -> Result<Response, ApiError> {
    let client = Client::of(peer.ip(), &headers, &state.settings.server.trusted_proxies);
    let next = Next {
        next: form.get("next"),
        signed_out: None,
    };
    let mut fields = Fields::new(&form);
    let email = fields.text("email", true);
    let password = fields.secret("password", true);
    let label = |field: &str| match field {
        "email" => "Your email address".to_owned(),
        _ => "Your password".to_owned(),
    };
    let (Some(email), Some(password)) = (email, password) else {
        let view = FormView::refused(&form, &fields.errors, label);
        return show(
            &page,
            StatusCode::UNPROCESSABLE_ENTITY,
            &without_password(view),
            &next,
        );
    };
    match sign_in(&state, &client, &email, password).await {
        Ok(session) => {
            let mut response = Redirect::to(&safe_next(next.next.as_deref())).into_response();
            for cookie in session_cookies(&state, &session)? {
                response.headers_mut().append(header::SET_COOKIE, cookie);
            }
            Ok(response)
        }
        Err(error) if error.status() == StatusCode::UNAUTHORIZED => {
            let mut view = without_password(FormView::refused(&form, &[], label));
            view.problem(
                "email",
                "The email address or password is not right".to_owned(),
            );
            show(&page, StatusCode::UNAUTHORIZED, &view, &next)
        }
        Err(error) if error.status() == StatusCode::TOO_MANY_REQUESTS => {
            let mut view = without_password(FormView::refused(&form, &[], label));
            view.problem("email", error.detail().trim_end_matches('.').to_owned());
            let mut response = show(&page, StatusCode::TOO_MANY_REQUESTS, &view, &next)?;
            if let Some(seconds) = error.retry_after() {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            }
            Ok(response)
        }
        Err(error) => Err(error),
    }
}

/// A password is never sent back into the page.
fn without_password(mut view: FormView) -> FormView {
    view.values.remove("password");
    view
}

/// `GET /logout`: a button, because signing out changes something and so is a form.
pub(crate) async fn confirm_sign_out(page: Page) -> Result<Response, ApiError> {
    if page.viewer.is_none() {
        return Ok(Redirect::to("/login").into_response());
    }
    page.ok("logout.html", page_context! { title => "Sign out" })
}

/// `POST /logout`.
pub(crate) async fn sign_out(
    State(state): State<AppState>,
    page: Page,
    _form: Form,
) -> Result<Response, ApiError> {
    let Some(viewer) = &page.viewer else {
        return Ok(Redirect::to("/login").into_response());
    };
    let cookie = crate::auth::session::sign_out(&state, viewer).await?;
    let mut response = Redirect::to("/login?signed_out=1").into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_path_of_this_service_is_followed_after_signing_in() {
        assert_eq!(
            safe_next(Some("/cases/LEIC-2026-0001")),
            "/cases/LEIC-2026-0001"
        );
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil",
            "javascript:x",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
