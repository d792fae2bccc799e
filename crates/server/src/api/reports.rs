//! Outcomes and recommendations, for champions, the chair and the facilitator.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Months, NaiveDate};
use disputes_store::{Count, OutcomeReport};
use disputes_workflow::{Action, RecommendationStatus, Role};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::cases::{Taken, act_on, marked};
use super::directory::Paging;
use super::views::{PageView, RecommendationView};
use crate::auth::{SignedIn, Viewer};
use crate::authz::{OutcomeReader, visible_case};
use crate::extract::{ApiPath, ApiQuery, IfMatch, date};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;

/// A count, or the fact that it is too small to show.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountView {
    /// What was counted.
    pub key: String,
    /// How many; `null` when `suppressed`.
    pub count: Option<u64>,
    /// Whether the count was left out because it is small enough to pick out a case (or
    /// would reveal one that is).
    pub suppressed: bool,
}

/// Working days spent in a stage.
#[derive(Debug, Serialize, ToSchema)]
pub struct StageTimeView {
    /// The stage.
    pub stage: String,
    /// Stays measured; `null` when `suppressed`.
    pub spans: Option<u64>,
    /// The median stay in working days; `null` when `suppressed`.
    pub median_working_days: Option<f64>,
    /// Whether the figures were left out because too few stays were measured.
    pub suppressed: bool,
}

/// Outcomes of the cases raised in a period.
///
/// For those outside the Compact's oversight (champions), every count from 1 to
/// `min_cell - 1` is suppressed (`null`, with `suppressed: true`), and where that would
/// leave a single suppressed count in a list (which the others would give away), the next
/// smallest is suppressed too. The subgroup chair and the facilitator see exact figures.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutcomeReportView {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// The smallest count shown; smaller ones are suppressed (1: nothing is).
    pub min_cell: u32,
    /// Whether any figure was suppressed.
    pub suppressed: bool,
    /// Cases raised; `null` when there were too few to show.
    pub cases: Option<u64>,
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
    /// Share of ended obligations met on time; `null` when none ended, or too few to show.
    pub share_of_deadlines_met: Option<f64>,
    /// Recommendations by status.
    pub recommendations: Vec<CountView>,
    /// Median working days per stage.
    pub stage_times: Vec<StageTimeView>,
}

/// Whether a count is small enough to pick out a case: from 1 to `min_cell - 1`.
fn too_small(count: u64, min_cell: u32) -> bool {
    count > 0 && count < u64::from(min_cell)
}

/// A list of counts with the small ones suppressed, and, when that leaves exactly one
/// suppressed, the next smallest too, so that no one can work the small one out from the
/// total. Gives whether any was suppressed.
fn counts(list: Vec<Count>, min_cell: u32) -> (Vec<CountView>, bool) {
    let mut views: Vec<CountView> = list
        .into_iter()
        .map(|c| CountView {
            suppressed: too_small(c.count, min_cell),
            key: c.key,
            count: Some(c.count),
        })
        .collect();
    if views.iter().filter(|v| v.suppressed).count() == 1 {
        let next = views
            .iter_mut()
            .filter(|v| !v.suppressed)
            .min_by_key(|v| v.count);
        if let Some(next) = next {
            next.suppressed = true;
        }
    }
    let mut any = false;
    for view in &mut views {
        if view.suppressed {
            view.count = None;
            any = true;
        }
    }
    (views, any)
}

impl OutcomeReportView {
    /// The report as someone sees it who is shown counts of at least `min_cell` (1 shows
    /// every count).
    pub fn new(r: OutcomeReport, min_cell: u32) -> Self {
        let mut suppressed = false;
        let mut list = |counted: Vec<Count>| {
            let (views, any) = counts(counted, min_cell);
            suppressed |= any;
            views
        };
        let by_outcome = list(r.by_outcome);
        let by_stage_reached = list(r.by_stage_reached);
        let by_principle = list(r.by_principle);
        let by_raising_sector = list(r.by_raising_sector);
        let by_raising_grouping = list(r.by_raising_grouping);
        let by_respondent_sector = list(r.by_respondent_sector);
        let by_respondent_grouping = list(r.by_respondent_grouping);
        let by_appeal_result = list(r.by_appeal_result);
        let ended: u64 = r.deadlines.iter().map(|c| c.count).sum();
        let deadlines = list(r.deadlines);
        let recommendations = list(r.recommendations);
        let share_hidden = too_small(ended, min_cell);
        let stage_times: Vec<StageTimeView> = r
            .stage_times
            .into_iter()
            .map(|t| {
                let hidden = too_small(t.spans, min_cell);
                StageTimeView {
                    stage: t.stage,
                    spans: (!hidden).then_some(t.spans),
                    median_working_days: (!hidden).then_some(t.median_working_days),
                    suppressed: hidden,
                }
            })
            .collect();
        let cases_hidden = too_small(r.cases, min_cell);
        suppressed |= share_hidden || cases_hidden || stage_times.iter().any(|t| t.suppressed);
        OutcomeReportView {
            from: r.from,
            to: r.to,
            min_cell,
            suppressed,
            cases: (!cases_hidden).then_some(r.cases),
            by_outcome,
            by_stage_reached,
            by_principle,
            by_raising_sector,
            by_raising_grouping,
            by_respondent_sector,
            by_respondent_grouping,
            by_appeal_result,
            deadlines,
            share_of_deadlines_met: r.share_of_deadlines_met.filter(|_| !share_hidden),
            recommendations,
            stage_times,
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

/// The outcome report of `from` to `to` as `viewer` may see it: the API's and the outcomes
/// page's. The subgroup chair and the facilitator see exact figures for any period;
/// anyone else (a champion) sees small counts suppressed, and only for periods of at least
/// a calendar quarter, so that no case can be picked out by narrowing the dates.
pub async fn report(
    state: &AppState,
    viewer: &Viewer,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<OutcomeReportView, ApiError> {
    if from > to {
        return Err(ApiError::invalid_field("to", "must not be before from"));
    }
    let exact = viewer.has_any(&[Role::Chair, Role::Facilitator]);
    let quarter_ends = from
        .checked_add_months(Months::new(3))
        .and_then(|d| d.pred_opt());
    if !exact && quarter_ends.is_none_or(|end| to < end) {
        return Err(ApiError::invalid_field(
            "to",
            "must be at least a calendar quarter (three months) after from: shorter periods \
             could pick out a single case",
        ));
    }
    let calendar = state.settings.compact.calendar();
    let report = state.store.outcome_report(from, to, &calendar).await?;
    let min_cell = if exact {
        1
    } else {
        state.settings.reports.min_cell
    };
    Ok(OutcomeReportView::new(report, min_cell))
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
        (status = 200, body = super::views::CaseView),
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

    #[test]
    fn small_counts_are_suppressed_and_never_left_alone() {
        let count = |key: &str, count| Count {
            key: key.to_owned(),
            count,
        };
        // One small count would be given away by the total: the next smallest goes too.
        let (views, any) = counts(
            vec![
                count("upheld", 12),
                count("withdrawn", 7),
                count("not_upheld", 2),
            ],
            5,
        );
        assert!(any);
        let shown: Vec<Option<u64>> = views.iter().map(|v| v.count).collect();
        assert_eq!(shown, [Some(12), None, None]);
        assert!(views[1].suppressed && views[2].suppressed);
        // Two small ones hide each other; a count of 0 hides nothing.
        let (views, _) = counts(
            vec![count("a", 9), count("b", 3), count("c", 1), count("d", 0)],
            5,
        );
        let shown: Vec<Option<u64>> = views.iter().map(|v| v.count).collect();
        assert_eq!(shown, [Some(9), None, None, Some(0)]);
        // With a minimum of 1 (the chair and the facilitator), nothing is suppressed.
        let (views, any) = counts(vec![count("a", 1)], 1);
        assert!(!any && views[0].count == Some(1));
    }
}
