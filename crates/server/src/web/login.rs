//! Signing in and out through the pages: the API's sign-in (same throttling, same answer
//! whatever was wrong), with the session in an HttpOnly cookie.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use disputes_store::Pending;

use super::account::{code_problem, keep_retry_after, refused_code};
use super::chrome::{Page, ProviderChoice};
use super::form::{Fields, Form, FormView};
use crate::auth::oidc::{self, OidcFailure};
use crate::auth::session::OpenedSession;
use crate::auth::session::{session_cookies, sign_in};
use crate::auth::throttle::Client;
use crate::auth::{cookie_secret, secret_cookie};
use crate::extract::ApiPath;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::use_cases::account;

/// Where to go after signing in.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Next {
    next: Option<String>,
    signed_out: Option<String>,
    reset: Option<String>,
}

/// Only a path on this service: never another site, so a link cannot send someone who
/// signs in elsewhere.
pub(crate) fn safe_next(next: Option<&str>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .filter(|n| !n.chars().any(char::is_control))
        .map_or_else(|| "/".to_owned(), str::to_owned)
}

/// `GET /login`: the sign-in form.
pub(crate) async fn form(
    State(state): State<AppState>,
    page: Page,
    Query(next): Query<Next>,
) -> Result<Response, ApiError> {
    if page.viewer.is_some() {
        return Ok(Redirect::to(&safe_next(next.next.as_deref())).into_response());
    }
    show(&state, &page, StatusCode::OK, &FormView::default(), &next)
}

/// The sign-in page.
pub(crate) fn show(
    state: &AppState,
    page: &Page,
    status: StatusCode,
    form: &FormView,
    next: &Next,
) -> Result<Response, ApiError> {
    let banner = match (&next.signed_out, &next.reset) {
        (Some(_), _) => Some(page.locale.t("login-signed-out")),
        (None, Some(_)) => Some(page.locale.t("login-password-set")),
        (None, None) => None,
    };
    page.render(
        status,
        "login.html",
        page_context! {
            title => page.locale.t("login-title"),
            section => "login",
            form,
            next => safe_next(next.next.as_deref()),
            banner,
            providers => state
                .settings
                .auth
                .oidc
                .iter()
                .map(|(name, p)| ProviderChoice { name: name.clone(), label: p.label.clone() })
                .collect::<Vec<_>>(),
        },
    )
}

/// `GET /login/oidc/{name}`: off to the provider, with a cookie naming this browser.
pub(crate) async fn oidc_begin(
    State(state): State<AppState>,
    page: Page,
    ApiPath(name): ApiPath<String>,
    Query(next): Query<Next>,
) -> Result<Response, ApiError> {
    let next_path = safe_next(next.next.as_deref());
    match oidc::begin(&state, &name, &next_path).await {
        Ok((url, browser)) => {
            let mut response = Redirect::to(&url).into_response();
            let minutes = u64::try_from(oidc::ATTEMPT_MINUTES).unwrap_or(10);
            let cookie = secret_cookie(
                oidc::OIDC_COOKIE,
                &browser,
                Some(minutes * 60),
                state.settings.is_https(),
            );
            response.headers_mut().append(
                header::SET_COOKIE,
                HeaderValue::from_str(&cookie).map_err(|_| ApiError::internal())?,
            );
            Ok(response)
        }
        Err(failure) => oidc_refused(&state, &page, &name, failure, &next),
    }
}

/// `GET /login/oidc/callback`: back from the provider.
pub(crate) async fn oidc_callback(
    State(state): State<AppState>,
    client: Client,
    headers: HeaderMap,
    page: Page,
    Query(callback): Query<oidc::Callback>,
) -> Result<Response, ApiError> {
    let browser = cookie_secret(&headers, oidc::OIDC_COOKIE);
    let https = state.settings.is_https();
    let cleared = HeaderValue::from_str(&secret_cookie(oidc::OIDC_COOKIE, "", Some(0), https))
        .map_err(|_| ApiError::internal())?;
    let mut response = match oidc::finish(&state, &client, callback, browser).await {
        Ok(signed_in) => {
            let opened = OpenedSession {
                secret: signed_in.secret,
                record: signed_in.record,
                new_device: None,
                pending: signed_in.pending,
            };
            let mut response = Redirect::to(&safe_next(Some(&signed_in.next))).into_response();
            for cookie in session_cookies(&state, &opened)? {
                response.headers_mut().append(header::SET_COOKIE, cookie);
            }
            response
        }
        Err(failure) => oidc_refused(&state, &page, "", failure, &Next::default())?,
    };
    response.headers_mut().append(header::SET_COOKIE, cleared);
    Ok(response)
}

/// The sign-in page again, saying why the provider's sign-in did not sign anyone in.
fn oidc_refused(
    state: &AppState,
    page: &Page,
    name: &str,
    failure: OidcFailure,
    next: &Next,
) -> Result<Response, ApiError> {
    let locale = &page.locale;
    let label = state
        .settings
        .auth
        .oidc
        .get(name)
        .map_or_else(|| locale.t("login-your-organisation"), |p| p.label.clone());
    tracing::warn!(provider = name, reason = %failure, "sign-in through a provider refused");
    let (status, message) = match failure {
        OidcFailure::Unknown => return Err(ApiError::not_found()),
        OidcFailure::Service(error) => return Err(error),
        OidcFailure::Unreachable(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            locale.text("login-oidc-unreachable", &[("provider", label.into())]),
        ),
        OidcFailure::NotStartedHere => (
            StatusCode::BAD_REQUEST,
            locale.t("login-oidc-not-started-here"),
        ),
        OidcFailure::Refused(_) => (StatusCode::UNAUTHORIZED, locale.t("login-oidc-refused")),
        OidcFailure::Unchecked(_) => (StatusCode::UNAUTHORIZED, locale.t("login-oidc-unchecked")),
        OidcFailure::Unverified => (StatusCode::FORBIDDEN, locale.t("login-oidc-unverified")),
        OidcFailure::NoAccount | OidcFailure::NotTheirs => {
            (StatusCode::FORBIDDEN, locale.t("login-oidc-no-account"))
        }
    };
    let mut view = FormView::default();
    view.problem("email", message);
    show(state, page, status, &view, next)
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
        ..Next::default()
    };
    let mut fields = Fields::new(&form);
    let email = fields.text("email", true);
    let password = fields.secret("password", true);
    let (Some(email), Some(password)) = (email, password) else {
        let view = FormView::refused_in(&page.locale, &form, &fields.errors, "field");
        return show(
            &state,
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
            let mut view = without_password(FormView::again(&form));
            view.problem("email", page.locale.t("login-refused"));
            show(&state, &page, StatusCode::UNAUTHORIZED, &view, &next)
        }
        Err(error) if error.status() == StatusCode::TOO_MANY_REQUESTS => {
            let view =
                without_password(FormView::again_saying(&page.locale, &form, "email", &error));
            let mut response = show(&state, &page, StatusCode::TOO_MANY_REQUESTS, &view, &next)?;
            keep_retry_after(&error, &mut response);
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
    page.ok(
        "logout.html",
        page_context! { title => page.locale.t("page-sign-out") },
    )
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

/// `GET /login/code`: the code a session owes after the password.
pub(crate) async fn code_form(page: Page, Query(next): Query<Next>) -> Result<Response, ApiError> {
    let next = safe_next(next.next.as_deref());
    if page.viewer()?.pending() != Some(Pending::Code) {
        return Ok(Redirect::to(&next).into_response());
    }
    show_code(&page, StatusCode::OK, &FormView::default(), &next)
}

fn show_code(
    page: &Page,
    status: StatusCode,
    form: &FormView,
    next: &str,
) -> Result<Response, ApiError> {
    page.render(
        status,
        "login_code.html",
        page_context! { title => page.locale.t("code-title"), section => "login", form, next },
    )
}

/// `POST /login/code`.
pub(crate) async fn code_submit(
    State(state): State<AppState>,
    client: Client,
    page: Page,
    form: Form,
) -> Result<Response, ApiError> {
    let next = safe_next(form.get("next").as_deref());
    let code = form.get("code").unwrap_or_default();
    match account::give_code(&state, page.viewer()?, &code, &client).await {
        Ok(()) => Ok(Redirect::to(&next).into_response()),
        Err(error) if code_problem(&error) => {
            let view = refused_code(&page.locale, &form, &error);
            let mut response = show_code(&page, error.status(), &view, &next)?;
            keep_retry_after(&error, &mut response);
            Ok(response)
        }
        Err(error) => Err(error),
    }
}

/// `GET /forgot-password`.
pub(crate) async fn forgot_form(page: Page) -> Result<Response, ApiError> {
    show_forgot(&page, StatusCode::OK, &FormView::default(), false)
}

fn show_forgot(
    page: &Page,
    status: StatusCode,
    form: &FormView,
    sent: bool,
) -> Result<Response, ApiError> {
    page.render(
        status,
        "forgot_password.html",
        page_context! {
            title => page.locale.t(if sent { "forgot-sent-title" } else { "forgot-title" }),
            section => "login",
            form,
            sent,
            minutes => account::RESET_MINUTES,
        },
    )
}

/// `POST /forgot-password`: the same answer whether or not the address is an account's.
pub(crate) async fn forgot_submit(
    State(state): State<AppState>,
    client: Client,
    page: Page,
    form: Form,
) -> Result<Response, ApiError> {
    let mut fields = Fields::new(&form);
    let Some(email) = fields.text("email", true) else {
        let view = FormView::refused_in(&page.locale, &form, &fields.errors, "field");
        return show_forgot(&page, StatusCode::UNPROCESSABLE_ENTITY, &view, false);
    };
    match account::request_reset(&state, &email, &client).await {
        Ok(()) => show_forgot(&page, StatusCode::OK, &FormView::default(), true),
        Err(error) if error.status() == StatusCode::TOO_MANY_REQUESTS => {
            let view = FormView::again_saying(&page.locale, &form, "email", &error);
            let mut response = show_forgot(&page, StatusCode::TOO_MANY_REQUESTS, &view, false)?;
            keep_retry_after(&error, &mut response);
            Ok(response)
        }
        Err(error) => Err(error),
    }
}

/// The token of a reset link.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ResetLink {
    token: Option<String>,
}

/// `GET /reset-password?token=`: the new-password form, or why the link does not work.
pub(crate) async fn reset_form(
    State(state): State<AppState>,
    page: Page,
    Query(link): Query<ResetLink>,
) -> Result<Response, ApiError> {
    let token = link.token.unwrap_or_default();
    let works = account::reset_link_works(&state, &token).await?;
    let status = if works {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    show_reset(
        &state,
        &page,
        status,
        &FormView::default(),
        works.then_some(token.as_str()),
    )
}

fn show_reset(
    state: &AppState,
    page: &Page,
    status: StatusCode,
    form: &FormView,
    token: Option<&str>,
) -> Result<Response, ApiError> {
    page.render(
        status,
        "reset_password.html",
        page_context! {
            title => page.locale.t(if token.is_some() { "reset-title" } else { "reset-broken-title" }),
            section => "login",
            form,
            token,
            password_min => state.settings.auth.password_min_length,
        },
    )
}

/// `POST /reset-password`.
pub(crate) async fn reset_submit(
    State(state): State<AppState>,
    client: Client,
    page: Page,
    form: Form,
) -> Result<Response, ApiError> {
    let token = form.get("token").unwrap_or_default();
    let mut fields = Fields::new(&form);
    let refused = |errors: &[disputes_workflow::FieldError]| {
        without_password(FormView::refused_in(
            &page.locale,
            &form,
            errors,
            "new-password-field",
        ))
    };
    let Some(password) = fields.secret("password", true) else {
        let view = refused(&fields.errors);
        return show_reset(
            &state,
            &page,
            StatusCode::UNPROCESSABLE_ENTITY,
            &view,
            Some(&token),
        );
    };
    let request = account::ResetRequest {
        token: token.clone(),
        password,
    };
    match account::finish_reset(&state, request, &client).await {
        Ok(()) => Ok(Redirect::to("/login?reset=1").into_response()),
        Err(error) if error.status() == StatusCode::NOT_FOUND => show_reset(
            &state,
            &page,
            StatusCode::NOT_FOUND,
            &FormView::default(),
            None,
        ),
        Err(error) if !error.field_errors().is_empty() => {
            let view = refused(error.field_errors());
            show_reset(
                &state,
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                &view,
                Some(&token),
            )
        }
        Err(error) => Err(error),
    }
}
