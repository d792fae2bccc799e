//! What a visitor meets first, and the pages every public service owes the people who use
//! it: the start page at `/` (the Compact's process in plain words, with its own time
//! limits), the accessibility statement, the privacy notice and the cookies page, each
//! linked from every page's footer.

use axum::extract::State;
use axum::response::Response;

use super::chrome::Page;
use crate::auth::SESSION_COOKIE;
use crate::auth::throttle::DEVICE_COOKIE;
use crate::problem::ApiError;
use crate::state::AppState;

/// The start page: `/` for someone not signed in.
pub(crate) fn page(state: &AppState, page: &Page) -> Result<Response, ApiError> {
    let compact = &state.settings.compact;
    page.ok(
        "start.html",
        page_context! {
            title => page.locale.t("start-title"),
            section => "start",
            days => compact.deadlines,
            months => compact.notice_months,
            weeks => compact.consultation_weeks,
            // Whose bank holidays are not working days: the catalogue's `holidays-` entry.
            holidays => crate::labels::spelled(&compact.jurisdiction),
        },
    )
}

/// `GET /accessibility`.
pub(crate) async fn accessibility(
    State(state): State<AppState>,
    page: Page,
) -> Result<Response, ApiError> {
    page.ok(
        "accessibility.html",
        page_context! {
            title => page.locale.t("accessibility-title"),
            section => "accessibility",
            service => state.settings.service,
            version => env!("CARGO_PKG_VERSION"),
        },
    )
}

/// `GET /privacy`.
pub(crate) async fn privacy(
    State(state): State<AppState>,
    page: Page,
) -> Result<Response, ApiError> {
    let settings = &state.settings;
    page.ok(
        "privacy.html",
        page_context! {
            title => page.locale.t("privacy-title"),
            section => "privacy",
            service => settings.service,
            failure_minutes => settings.auth.failure_window_minutes,
            device_days => settings.auth.device_days,
        },
    )
}

/// `GET /cookies`: every cookie the service sets, and why each is essential.
pub(crate) async fn cookies(
    State(state): State<AppState>,
    page: Page,
) -> Result<Response, ApiError> {
    let settings = &state.settings;
    page.ok(
        "cookies.html",
        page_context! {
            title => page.locale.t("cookies-title"),
            section => "cookies",
            session => SESSION_COOKIE,
            session_hours => settings.server.session_hours,
            visitor => crate::auth::csrf::VISITOR_COOKIE,
            language => super::language::COOKIE,
            device => DEVICE_COOKIE,
            device_days => settings.auth.device_days,
        },
    )
}
