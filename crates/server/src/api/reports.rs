//! Outcomes and recommendations over HTTP, as JSON or CSV, for champions, the chair and the
//! facilitator.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Months, NaiveDate};
use disputes_workflow::{Action, RecommendationStatus};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::cases::act_on;
use crate::auth::SignedIn;
use crate::authz::{OutcomeReader, visible_case};
use crate::extract::{ApiPath, ApiQuery, IfMatch, date};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::use_cases::cases::{Taken, marked};
use crate::use_cases::directory::Paging;
use crate::use_cases::reports::{CountView, OutcomeReportView, report};
use crate::use_cases::views::{PageView, RecommendationView};

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
        ReportFormat::Csv => csv(&view),
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

fn csv(view: &OutcomeReportView) -> Response {
    let mut out = String::from("dimension,key,count\n");
    let fewer = format!("fewer than {}", view.min_cell);
    let shown = |count: Option<u64>| count.map_or_else(|| fewer.clone(), |n| n.to_string());
    let sections: [(&str, &Vec<CountView>); 10] = [
        ("outcome", &view.by_outcome),
        ("stage_reached", &view.by_stage_reached),
        ("principle", &view.by_principle),
        ("raising_sector", &view.by_raising_sector),
        ("raising_grouping", &view.by_raising_grouping),
        ("respondent_sector", &view.by_respondent_sector),
        ("respondent_grouping", &view.by_respondent_grouping),
        ("appeal_result", &view.by_appeal_result),
        ("deadline", &view.deadlines),
        ("recommendation", &view.recommendations),
    ];
    out.push_str(&format!("cases,all,{}\n", shown(view.cases)));
    for (dimension, rows) in sections {
        for row in rows {
            out.push_str(&format!(
                "{dimension},{},{}\n",
                csv_field(&row.key),
                shown(row.count)
            ));
        }
    }
    for time in &view.stage_times {
        let median = time
            .median_working_days
            .map_or_else(|| fewer.clone(), |m| m.to_string());
        out.push_str(&format!(
            "median_working_days,{},{median}\n",
            csv_field(&time.stage),
        ));
    }
    let mut response = out.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"outcomes.csv\""),
    );
    response
}

/// Quotes a CSV field when it needs it, and defuses spreadsheet formulas.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// Which recommendations.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RecommendationQuery {
    /// `open`, `implemented` or `not_implemented`.
    pub status: Option<RecommendationStatus>,
    /// From 1.
    pub page: Option<u64>,
    /// At most 100.
    pub per_page: Option<u64>,
}

/// Recommendations of the cases the caller may see, by due date (champions, chair,
/// facilitator).
#[utoipa::path(
    get,
    path = "/api/v1/recommendations",
    tag = "reports",
    params(RecommendationQuery),
    responses((status = 200, body = PageView<RecommendationView>), (status = 403, body = Problem))
)]
pub async fn recommendations(
    State(state): State<AppState>,
    OutcomeReader(viewer): OutcomeReader,
    ApiQuery(query): ApiQuery<RecommendationQuery>,
) -> Result<Json<PageView<RecommendationView>>, ApiError> {
    let paging = Paging {
        page: query.page,
        per_page: query.per_page,
    };
    let page = state
        .store
        .recommendations(viewer.person(), query.status, paging.request())
        .await?;
    Ok(Json(PageView::of(page, |r| RecommendationView {
        id: Some(r.id),
        reference: Some(r.reference),
        text: r.text,
        owner_organisation_id: r.owner_organisation_id.0,
        due_on: r.due_on,
        status: r.status,
        marked_on: r.marked_on,
    })))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("Local Government"), "Local Government");
        assert_eq!(
            csv_field("Police, Uniformed and Legal"),
            "\"Police, Uniformed and Legal\""
        );
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
