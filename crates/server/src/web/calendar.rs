//! "Your deadlines in your calendar": the page where a person turns on, replaces or turns
//! off the secret address their calendar program reads their deadlines from, and that
//! address itself.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::chrome::Page;
use super::form::Form;
use crate::extract::ApiPath;
use crate::problem::{ApiError, says};
use crate::state::AppState;
use crate::use_cases::deadlines::{feed, feed_since, start_feed, stop_feed};

/// `GET /calendar`: whether the feed is on, and the buttons to change it.
pub(crate) async fn settings(
    State(state): State<AppState>,
    page: Page,
) -> Result<Response, ApiError> {
    show(&state, &page, None, None).await
}

/// `POST /calendar`: `turn_on` (a new address, which stops any earlier one) or `turn_off`.
pub(crate) async fn change(
    State(state): State<AppState>,
    page: Page,
    form: Form,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    match form.get("change").as_deref() {
        Some("turn_on") => {
            let address = start_feed(&state, viewer).await?;
            show(&state, &page, Some(address), None).await
        }
        Some("turn_off") => {
            stop_feed(&state, viewer).await?;
            let done = page.locale.t("calendar-turned-off");
            show(&state, &page, None, Some(&done)).await
        }
        _ => Err(ApiError::invalid_field(
            "change",
            says("field-turn-on-or-off", Vec::new()),
        )),
    }
}

async fn show(
    state: &AppState,
    page: &Page,
    address: Option<String>,
    done: Option<&str>,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    let since = feed_since(state, viewer).await?;
    page.ok(
        "calendar.html",
        page_context! {
            title => page.locale.t("calendar-title"),
            section => "calendar",
            since,
            address,
            banner => done,
        },
    )
}

/// `GET /calendar/{secret}`: the person's deadlines as iCalendar, for their calendar
/// program; the secret in the address is the only key.
pub(crate) async fn subscribed(
    State(state): State<AppState>,
    ApiPath(secret): ApiPath<String>,
) -> Result<Response, ApiError> {
    let body = feed(&state, &secret).await?;
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    Ok(response)
}
