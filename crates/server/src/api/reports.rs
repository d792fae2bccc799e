//! Outcomes and recommendations over HTTP, as JSON or CSV, for champions, the chair and the
//! facilitator.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Months, NaiveDate};
use disputes_workflow::Action;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::cases::act_on;
use crate::auth::SignedIn;
use crate::authz::{OutcomeReader, visible_case};
use crate::extract::{ApiPath, ApiQuery, IfMatch, date};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::use_cases;
use crate::use_cases::cases::{Taken, marked};
use crate::use_cases::reports::{
    OutcomeReportView, RecommendationQuery, TrackedRecommendationView, outcomes_csv,
    recommendations_csv, report,
};
use crate::use_cases::views::PageView;

/// Report format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// JSON.
    #[default]
    Json,
    /// Comma-separated values, a row per count.
    Csv,
}

/// A reporting period.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    /// First day (default: 1 January this year).
    #[serde(default, deserialize_with = "date::optional")]
    pub from: Option<NaiveDate>,
    /// Last day (default: today, or for a champion at least the end of the first quarter).
    #[serde(default, deserialize_with = "date::optional")]
    pub to: Option<NaiveDate>,
    /// `json` or `csv`.
    pub format: Option<ReportFormat>,
}

/// The outcome report (champions, chair, facilitator), as JSON or CSV.
#[utoipa::path(
    get,
    path = "/api/v1/reports/outcomes",
    tag = "reports",
    params(ReportQuery),
    responses(
        (status = 200, description = "The report: JSON, or CSV with format=csv", content(
            (OutcomeReportView = "application/json"),
            (String = "text/csv"),
        )),
        (status = 403, body = Problem), (status = 422, body = Problem),
    )
)]
pub async fn outcomes(
    State(state): State<AppState>,
    OutcomeReader(viewer): OutcomeReader,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> Result<Response, ApiError> {
    let today = state.settings.compact.today(state.clock.now());
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let from = query.from.unwrap_or(year_start);
    // The default period runs to today, or for a champion early in a year to the end of
    // its first quarter: never shorter than they may ask for.
    let to = query.to.unwrap_or_else(|| {
        let quarter = from
            .checked_add_months(Months::new(3))
            .and_then(|d| d.pred_opt());
        quarter.map_or(today, |end| today.max(end))
    });
    let view = report(&state, &viewer, from, to).await?;
    Ok(match query.format.unwrap_or_default() {
        ReportFormat::Json => Json(view).into_response(),
        ReportFormat::Csv => crate::csv::download(
            outcomes_csv(
                &view,
                &state.locale(crate::problem::asked_language(&headers)),
            ),
            "outcomes.csv",
        ),
    })
}

/// The annual review of a year (champions, chair, facilitator).
#[utoipa::path(
    get,
    path = "/api/v1/reports/annual/{year}",
    tag = "reports",
    params(("year" = i32, Path, minimum = 1, maximum = 9999, description = "e.g. 2026")),
    responses((status = 200, body = OutcomeReportView), (status = 403, body = Problem), (status = 404, body = Problem))
)]
pub async fn annual(
    State(state): State<AppState>,
    OutcomeReader(viewer): OutcomeReader,
    ApiPath(year): ApiPath<i32>,
) -> Result<Json<OutcomeReportView>, ApiError> {
    // Dates outside years 1 to 9999 have no ISO 8601 form without a sign.
    if !(1..=9999).contains(&year) {
        return Err(ApiError::not_found());
    }
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Err(ApiError::not_found());
    };
    Ok(Json(report(&state, &viewer, from, to).await?))
}

/// The recommendations of the cases the caller may see (champions, chair, facilitator):
/// those still open after their day first, then by due date. As CSV, every one the query
/// narrows to, with `Accept: text/csv`.
#[utoipa::path(
    get,
    path = "/api/v1/recommendations",
    tag = "reports",
    params(RecommendationQuery),
    responses(
        (status = 200, description = "A page of them as JSON, or all of them as CSV", content(
            (PageView<TrackedRecommendationView> = "application/json"),
            (String = "text/csv"),
        )),
        (status = 403, body = Problem),
    )
)]
pub async fn recommendations(
    State(state): State<AppState>,
    OutcomeReader(viewer): OutcomeReader,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<RecommendationQuery>,
) -> Result<Response, ApiError> {
    if crate::csv::wanted(&headers) {
        let locale = state.locale(crate::problem::asked_language(&headers));
        let body = recommendations_csv(&state, &viewer, query, &locale).await?;
        return Ok(crate::csv::download(body, "recommendations.csv"));
    }
    let page = use_cases::reports::recommendations(&state, &viewer, &query).await?;
    Ok(Json(page).into_response())
}

/// Marks a recommendation implemented or not, once its case is closed (the facilitator,
/// or a champion of either party). Answers with the case.
#[utoipa::path(
    post,
    path = "/api/v1/recommendations/{id}/actions/{action}",
    tag = "reports",
    params(
        ("id" = i64, Path, description = "The recommendation"),
        ("action" = String, Path, description = "mark_implemented or mark_not_implemented"),
    ),
    responses(
        (status = 200, body = crate::use_cases::views::CaseView),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem),
    )
)]
pub async fn mark(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ApiPath((id, action)): ApiPath<(i64, String)>,
    IfMatch(expected): IfMatch,
    key: Option<axum::Extension<disputes_store::KeyedWrite>>,
) -> Result<Response, ApiError> {
    let status = marked(&action).ok_or_else(ApiError::not_found)?;
    let row = state.store.recommendation(id).await?;
    let stored = visible_case(&state, &viewer, &row.reference).await?;
    let action = Action::MarkRecommendation {
        recommendation: row.position,
        status,
    };
    let taken = Taken {
        action,
        note: None,
        expected,
    };
    act_on(&state, &viewer, &stored, taken, key.as_deref()).await
}
