//! Outcomes and recommendations, for champions, the chair and the facilitator.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use disputes_store::{Count, OutcomeReport};
use disputes_workflow::{Action, RecommendationStatus};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::cases::{act_on, marked};
use super::directory::Paging;
use super::views::{PageView, RecommendationView};
use crate::auth::SignedIn;
use crate::authz::{OutcomeReader, visible_case};
use crate::extract::{ApiPath, ApiQuery, IfMatch};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;

/// A count.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountView {
    /// What was counted.
    pub key: String,
    /// How many.
    pub count: u64,
}

/// Working days spent in a stage.
#[derive(Debug, Serialize, ToSchema)]
pub struct StageTimeView {
    /// The stage.
    pub stage: String,
    /// Stays measured.
    pub spans: u64,
    /// The median stay in working days.
    pub median_working_days: f64,
}

/// Outcomes of the cases raised in a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutcomeReportView {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Cases raised.
    pub cases: u64,
    /// By outcome (`open` while not closed).
    pub by_outcome: Vec<CountView>,
    /// By stage reached.
    pub by_stage_reached: Vec<CountView>,
    /// By principle.
    pub by_principle: Vec<CountView>,
    /// By the raising side's sector.
    pub by_raising_sector: Vec<CountView>,
    /// By the raising side's grouping.
    pub by_raising_grouping: Vec<CountView>,
    /// By the respondent's sector.
    pub by_respondent_sector: Vec<CountView>,
    /// By the respondent's grouping.
    pub by_respondent_grouping: Vec<CountView>,
    /// By appeal result.
    pub by_appeal_result: Vec<CountView>,
    /// Obligations by how they ended.
    pub deadlines: Vec<CountView>,
    /// Share of ended obligations met on time.
    pub share_of_deadlines_met: Option<f64>,
    /// Recommendations by status.
    pub recommendations: Vec<CountView>,
    /// Median working days per stage.
    pub stage_times: Vec<StageTimeView>,
}

fn counts(list: Vec<Count>) -> Vec<CountView> {
    list.into_iter()
        .map(|c| CountView {
            key: c.key,
            count: c.count,
        })
        .collect()
}

impl From<OutcomeReport> for OutcomeReportView {
    fn from(r: OutcomeReport) -> Self {
        OutcomeReportView {
            from: r.from,
            to: r.to,
            cases: r.cases,
            by_outcome: counts(r.by_outcome),
            by_stage_reached: counts(r.by_stage_reached),
            by_principle: counts(r.by_principle),
            by_raising_sector: counts(r.by_raising_sector),
            by_raising_grouping: counts(r.by_raising_grouping),
            by_respondent_sector: counts(r.by_respondent_sector),
            by_respondent_grouping: counts(r.by_respondent_grouping),
            by_appeal_result: counts(r.by_appeal_result),
            deadlines: counts(r.deadlines),
            share_of_deadlines_met: r.share_of_deadlines_met,
            recommendations: counts(r.recommendations),
            stage_times: r
                .stage_times
                .into_iter()
                .map(|t| StageTimeView {
                    stage: t.stage,
                    spans: t.spans,
                    median_working_days: t.median_working_days,
                })
                .collect(),
        }
    }
}

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
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    /// First day (default: 1 January this year).
    pub from: Option<NaiveDate>,
    /// Last day (default: today).
    pub to: Option<NaiveDate>,
    /// `json` or `csv`.
    pub format: Option<ReportFormat>,
}

/// The outcome report of `from` to `to`: the API's and the outcomes page's.
pub async fn report(
    state: &AppState,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<OutcomeReport, ApiError> {
    if from > to {
        return Err(ApiError::invalid_field("to", "must not be before from"));
    }
    let calendar = state.settings.compact.calendar();
    Ok(state.store.outcome_report(from, to, &calendar).await?)
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
    OutcomeReader(_viewer): OutcomeReader,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> Result<Response, ApiError> {
    let today = state.settings.compact.today(state.clock.now());
    let from = query
        .from
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today));
    let to = query.to.unwrap_or(today);
    let view: OutcomeReportView = report(&state, from, to).await?.into();
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
    OutcomeReader(_viewer): OutcomeReader,
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
    Ok(Json(report(&state, from, to).await?.into()))
}

fn csv(view: &OutcomeReportView) -> Response {
    let mut out = String::from("dimension,key,count\n");
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
    out.push_str(&format!("cases,all,{}\n", view.cases));
    for (dimension, rows) in sections {
        for row in rows {
            out.push_str(&format!(
                "{dimension},{},{}\n",
                csv_field(&row.key),
                row.count
            ));
        }
    }
    for time in &view.stage_times {
        out.push_str(&format!(
            "median_working_days,{},{}\n",
            csv_field(&time.stage),
            time.median_working_days
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
        (status = 200, body = super::views::CaseView),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem),
    )
)]
pub async fn mark(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ApiPath((id, action)): ApiPath<(i64, String)>,
    IfMatch(expected): IfMatch,
) -> Result<Response, ApiError> {
    let status = marked(&action).ok_or_else(ApiError::not_found)?;
    let row = state.store.recommendation(id).await?;
    let stored = visible_case(&state, &viewer, &row.reference).await?;
    let action = Action::MarkRecommendation {
        recommendation: row.position,
        status,
    };
    act_on(&state, &viewer, &stored, action, None, expected).await
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
