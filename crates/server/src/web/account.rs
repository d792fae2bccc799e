//! "Your account": one's sessions, API tokens, authenticator app and security history; and
//! setting up the authenticator, which a role may require before anything else.

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::chrome::Page;
use super::form::{Fields, Form, FormView};
use super::login::safe_next;
use crate::auth::throttle::Client;
use crate::extract::ApiPath;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::use_cases::account::{
    self, CreatedToken, HISTORY_SHOWN, Scope, TOKEN_MAX_DAYS, TokenRequest,
};
use disputes_i18n::Locale;

/// What was just done, for the banner after a redirect.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Done {
    done: Option<String>,
}

/// An instant as people read it, in the Compact's time zone and the page's language:
/// "4 Dec 2026, 14:05", "4 Rhag 2026, 14:05".
pub(crate) fn moment(state: &AppState, locale: &Locale, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&state.settings.compact.time_zone);
    locale.text(
        "account-moment",
        &[
            ("date", locale.short_date(local.date_naive()).into()),
            ("time", local.format("%H:%M").to_string().into()),
        ],
    )
}

/// What a `User-Agent` names, as people call it: "Firefox on Windows", "Safari on iPhone";
/// the header itself when it names nothing known.
fn device_name(locale: &Locale, agent: &str) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
        ("python-requests/", "account-device-python"),
        ("PowerShell/", "PowerShell"),
    ]
    .into_iter()
    .find(|(token, _)| agent.contains(token))
    .map(|(_, name)| said(locale, name));
    let system = [
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Android", "Android"),
        ("Windows", "Windows"),
        ("Mac OS X", "account-device-mac"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(token, _)| agent.contains(token))
    .map(|(_, name)| said(locale, name));
    match (browser, system) {
        (Some(browser), Some(system)) => locale.text(
            "account-device",
            &[("browser", browser.into()), ("system", system.into())],
        ),
        (Some(browser), None) => browser,
        (None, Some(system)) => locale.text("account-device-browser", &[("system", system.into())]),
        (None, None) => agent.chars().take(60).collect(),
    }
}

/// A product's name as it is, or the catalogue's words where the table names an entry.
fn said(locale: &Locale, name: &str) -> String {
    if name.starts_with("account-") {
        locale.t(name)
    } else {
        name.to_owned()
    }
}

/// A session, as the page lists it.
#[derive(Debug, Serialize)]
struct SessionRow {
    id: i64,
    current: bool,
    device: String,
    address: String,
    signed_in: String,
    last_seen: String,
}

/// A token, as the page lists it.
#[derive(Debug, Serialize)]
struct TokenRow {
    id: i64,
    name: String,
    scope: String,
    expires: String,
    last_used: String,
}

/// An entry of the history, as the page lists it.
#[derive(Debug, Serialize)]
pub(crate) struct HistoryRow {
    what: String,
    address: Option<String>,
    at: String,
}

/// The history of `id` as the pages show it, in `locale`'s words.
pub(crate) async fn history_rows(
    state: &AppState,
    locale: &Locale,
    viewer: &crate::auth::Viewer,
    id: disputes_workflow::PersonId,
) -> Result<Vec<HistoryRow>, ApiError> {
    Ok(account::history(state, viewer, id)
        .await?
        .into_iter()
        .map(|e| {
            let what = locale.t(&format!("account-event-{}", e.kind));
            let what = match (e.by, e.detail) {
                (None, None) => what,
                (Some(by), None) => locale.text(
                    "account-history-by",
                    &[("what", what.into()), ("by", by.into())],
                ),
                (None, Some(detail)) => locale.text(
                    "account-history-detail",
                    &[("what", what.into()), ("detail", detail.into())],
                ),
                (Some(by), Some(detail)) => locale.text(
                    "account-history-by-detail",
                    &[
                        ("what", what.into()),
                        ("by", by.into()),
                        ("detail", detail.into()),
                    ],
                ),
            };
            HistoryRow {
                what,
                address: e.address,
                at: moment(state, locale, e.at),
            }
        })
        .collect())
}

/// `GET /account`.
pub(crate) async fn overview(
    State(state): State<AppState>,
    page: Page,
    Query(done): Query<Done>,
) -> Result<Response, ApiError> {
    let banner = match done.done.as_deref() {
        Some(done @ ("revoked" | "ended" | "others" | "removed")) => {
            Some(page.locale.t(&format!("account-done-{done}")))
        }
        _ => None,
    };
    show(
        &state,
        &page,
        StatusCode::OK,
        FormView::default(),
        None,
        banner.as_deref(),
    )
    .await
}

async fn show(
    state: &AppState,
    page: &Page,
    status: StatusCode,
    token_form: FormView,
    created: Option<CreatedToken>,
    banner: Option<&str>,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    let locale = &page.locale;
    let sessions: Vec<SessionRow> = account::sessions(state, viewer)
        .await?
        .into_iter()
        .map(|s| SessionRow {
            id: s.id,
            current: s.current,
            device: s.device.as_deref().map_or_else(
                || locale.t("account-device-unsaid"),
                |agent| device_name(locale, agent),
            ),
            address: s.address.unwrap_or_default(),
            signed_in: moment(state, locale, s.signed_in_at),
            last_seen: moment(state, locale, s.last_seen_at),
        })
        .collect();
    let tokens: Vec<TokenRow> = account::tokens(state, viewer)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.name,
            scope: locale.t(match t.scope {
                Scope::Read => "account-token-scope-read",
                Scope::Write => "account-token-scope-write",
            }),
            expires: t
                .expires_at
                .map_or_else(|| locale.t("account-never"), |at| moment(state, locale, at)),
            last_used: t
                .last_used_at
                .map_or_else(|| locale.t("account-never"), |at| moment(state, locale, at)),
        })
        .collect();
    let authenticator = account::authenticator(state, viewer).await?;
    let mut history = history_rows(state, locale, viewer, viewer.person().id).await?;
    history.truncate(10);
    page.render(
        status,
        "account.html",
        page_context! {
            title => locale.t("account-title"),
            section => "account",
            email => viewer.record.email.clone(),
            languages => super::language::choices(),
            language => FormView::with_values([("lang", viewer.record.language.code().to_owned())]),
            sessions,
            tokens,
            created => created.map(|c| c.token),
            authenticator,
            history,
            history_shown => HISTORY_SHOWN,
            form => token_form,
            max_days => TOKEN_MAX_DAYS,
            banner,
        },
    )
}

/// `POST /account/tokens`: makes a token and shows it, once.
pub(crate) async fn create_token(
    State(state): State<AppState>,
    client: Client,
    page: Page,
    form: Form,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    let mut fields = Fields::new(&form);
    let name = fields.text("name", true);
    let scope: Option<Scope> = fields.choice("scope", true);
    let days: Option<u32> = fields.number("expires_in_days", true);
    let refused = |errors: &[disputes_workflow::FieldError]| {
        FormView::refused_in(&page.locale, &form, errors, "token-field")
    };
    let (Some(name), Some(scope), Some(days)) = (name, scope, days) else {
        let view = refused(&fields.errors);
        return show(
            &state,
            &page,
            StatusCode::UNPROCESSABLE_ENTITY,
            view,
            None,
            None,
        )
        .await;
    };
    let request = TokenRequest {
        name,
        scope,
        expires_in_days: days,
    };
    match account::create_token(&state, viewer, request, &client).await {
        Ok(created) => {
            show(
                &state,
                &page,
                StatusCode::CREATED,
                FormView::default(),
                Some(created),
                None,
            )
            .await
        }
        Err(error) if !error.field_errors().is_empty() => {
            let view = refused(error.field_errors());
            show(
                &state,
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                view,
                None,
                None,
            )
            .await
        }
        Err(error) => Err(error),
    }
}

/// `POST /account/tokens/{id}/revoke`.
pub(crate) async fn revoke_token(
    State(state): State<AppState>,
    client: Client,
    page: Page,
    ApiPath(id): ApiPath<i64>,
    _form: Form,
) -> Result<Response, ApiError> {
    account::revoke_token(&state, page.viewer()?, id, &client).await?;
    Ok(Redirect::to("/account?done=revoked").into_response())
}

/// `POST /account/sessions/{id}/end`: signs that session out; one's own, and this is
/// signing out.
pub(crate) async fn end_session(
    State(state): State<AppState>,
    page: Page,
    ApiPath(id): ApiPath<i64>,
    _form: Form,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    let own = viewer.session()? == id;
    account::end_session(&state, viewer, id).await?;
    if own {
        let mut response = Redirect::to("/login?signed_out=1").into_response();
        let cookie = crate::auth::session_cookie("", 0, state.settings.is_https());
        if let Ok(value) = cookie.parse() {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
        return Ok(response);
    }
    Ok(Redirect::to("/account?done=ended").into_response())
}

/// `POST /account/sessions/end-others`.
pub(crate) async fn end_other_sessions(
    State(state): State<AppState>,
    client: Client,
    page: Page,
    _form: Form,
) -> Result<Response, ApiError> {
    account::end_other_sessions(&state, page.viewer()?, &client).await?;
    Ok(Redirect::to("/account?done=others").into_response())
}

/// Where to go once the authenticator is set up.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Next {
    next: Option<String>,
}

/// What the authenticator page shows.
enum Stage {
    /// Set up, or not, and nothing under way: the status, and the buttons.
    Status,
    /// Being set up: the QR code and the confirmation form.
    Scanning(crate::auth::second_factor::Enrolment),
    /// Just confirmed: the recovery codes, once.
    Codes(Vec<String>),
}

impl Stage {
    /// The setting up under way, if any; else the status.
    async fn now(state: &AppState, viewer: &crate::auth::Viewer) -> Result<Stage, ApiError> {
        Ok(match account::pending_enrolment(state, viewer).await? {
            Some(enrolment) => Stage::Scanning(enrolment),
            None => Stage::Status,
        })
    }
}

async fn show_authenticator(
    state: &AppState,
    page: &Page,
    status: StatusCode,
    stage: Stage,
    form: FormView,
    next: &str,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    let current = account::authenticator(state, viewer).await?;
    let owed = viewer.pending().is_some();
    let (enrolment, codes) = match stage {
        Stage::Status => (None, None),
        Stage::Scanning(enrolment) => (Some(enrolment), None),
        Stage::Codes(codes) => (None, Some(codes)),
    };
    page.render(
        status,
        "account_authenticator.html",
        page_context! {
            title => page.locale.t(if current.enrolled && codes.is_none() { "authenticator-title-on" } else { "authenticator-title-set-up" }),
            section => "account",
            authenticator => current,
            owed,
            qr_svg => enrolment.as_ref().map(|e| e.qr_svg.clone()),
            secret => enrolment.as_ref().map(|e| spaced(&e.secret)),
            codes,
            form,
            next,
        },
    )
}

/// A base32 secret in groups of four, to type in by hand.
fn spaced(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `GET /account/authenticator`: the status, or the setting up under way.
pub(crate) async fn authenticator(
    State(state): State<AppState>,
    page: Page,
    Query(next): Query<Next>,
) -> Result<Response, ApiError> {
    let next = safe_next(next.next.as_deref());
    let stage = Stage::now(&state, page.viewer()?).await?;
    show_authenticator(
        &state,
        &page,
        StatusCode::OK,
        stage,
        FormView::default(),
        &next,
    )
    .await
}

/// `POST /account/authenticator`: starts setting one up.
pub(crate) async fn begin(
    State(state): State<AppState>,
    page: Page,
    form: Form,
) -> Result<Response, ApiError> {
    let next = safe_next(form.get("next").as_deref());
    let enrolment = account::begin_enrolment(&state, page.viewer()?).await?;
    show_authenticator(
        &state,
        &page,
        StatusCode::OK,
        Stage::Scanning(enrolment),
        FormView::default(),
        &next,
    )
    .await
}

/// `POST /account/authenticator/confirm`: the first code; then the recovery codes.
pub(crate) async fn confirm(
    State(state): State<AppState>,
    client: Client,
    page: Page,
    form: Form,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    let next = safe_next(form.get("next").as_deref());
    let code = form.get("code").unwrap_or_default();
    match account::confirm_enrolment(&state, viewer, &code, &client).await {
        Ok(codes) => {
            show_authenticator(
                &state,
                &page,
                StatusCode::OK,
                Stage::Codes(codes.recovery_codes),
                FormView::default(),
                &next,
            )
            .await
        }
        Err(error) if code_problem(&error) => {
            let view = refused_code(&page.locale, &form, &error);
            let stage = Stage::now(&state, viewer).await?;
            let mut response =
                show_authenticator(&state, &page, error.status(), stage, view, &next).await?;
            keep_retry_after(&error, &mut response);
            Ok(response)
        }
        Err(error) => Err(error),
    }
}

/// `POST /account/authenticator/remove`: with a current code.
pub(crate) async fn remove(
    State(state): State<AppState>,
    client: Client,
    page: Page,
    form: Form,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    let code = form.get("code").unwrap_or_default();
    match account::remove_own(&state, viewer, &code, &client).await {
        Ok(()) => Ok(Redirect::to("/account?done=removed").into_response()),
        Err(error) if code_problem(&error) => {
            let view = refused_code(&page.locale, &form, &error);
            let mut response =
                show_authenticator(&state, &page, error.status(), Stage::Status, view, "/").await?;
            keep_retry_after(&error, &mut response);
            Ok(response)
        }
        Err(error) => Err(error),
    }
}

/// Whether `error` is about the code typed (wrong, or too many wrong): shown on the form.
pub(crate) fn code_problem(error: &ApiError) -> bool {
    matches!(
        error.status(),
        StatusCode::UNPROCESSABLE_ENTITY | StatusCode::TOO_MANY_REQUESTS
    )
}

/// The code form shown again with what was wrong, in `locale`'s words.
pub(crate) fn refused_code(locale: &Locale, form: &Form, error: &ApiError) -> FormView {
    let mut view = FormView::refused_in(locale, form, error.field_errors(), "code-field");
    view.values.remove("code");
    if error.field_errors().is_empty() {
        let detail = error.detail_in(locale);
        let detail = detail.trim_end_matches('.');
        view.problem("code", detail.to_owned());
        view.errors.insert("code".to_owned(), detail.to_owned());
    }
    view
}

/// Keeps a 429's `Retry-After` on the page made for it.
pub(crate) fn keep_retry_after(error: &ApiError, response: &mut Response) {
    if let Some(seconds) = error.retry_after() {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, seconds.into());
    }
}

#[cfg(test)]
mod tests {
    use super::{Locale, device_name};

    #[test]
    fn devices_are_named_as_people_call_them() {
        let english = Locale::built_in(disputes_i18n::Lang::En);
        for (agent, name) in [
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
                "Edge on Windows",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
                "Safari on iPhone",
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
                "Firefox on Linux",
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                "Chrome on a Mac",
            ),
            ("curl/8.5.0", "curl"),
            ("ReportBuilder", "ReportBuilder"),
        ] {
            assert_eq!(device_name(&english, agent), name, "{agent}");
        }
        let welsh = Locale::built_in(disputes_i18n::Lang::Cy);
        let mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        assert_eq!(device_name(&welsh, mac), "Chrome ar Mac");
    }
}
