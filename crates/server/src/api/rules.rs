//! The Compact's rules as calculators, for anyone signed in (and for the public checker
//! page).

use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use disputes_workflow::calendar::{Calendar, MAX_WORKING_DAYS};
use disputes_workflow::rules::RuleError;
use disputes_workflow::rules::consultation::{
    ConsultationAssessment, ConsultationFacts, assess_consultation,
};
use disputes_workflow::rules::notice::{NoticeAssessment, NoticeDates, assess_notice};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::SignedIn;
use crate::extract::{ApiJson, ApiQuery, date};
use crate::problem::{ApiError, Problem, says};
use crate::state::AppState;

impl From<RuleError> for ApiError {
    fn from(error: RuleError) -> Self {
        match error {
            RuleError::Inconsistent { field, key } => {
                ApiError::invalid_field(field, says(key, Vec::new()))
            }
            RuleError::OutOfRange { field } => {
                ApiError::invalid_field(field, says("field-too-far-ahead", Vec::new()))
            }
        }
    }
}

/// Checks three months' notice (or the Compact's number of months).
#[utoipa::path(
    post,
    path = "/api/v1/rules/notice",
    tag = "rules",
    request_body = NoticeDates,
    responses((status = 200, body = NoticeAssessment), (status = 422, body = Problem))
)]
pub async fn notice(
    State(state): State<AppState>,
    SignedIn(_viewer): SignedIn,
    ApiJson(dates): ApiJson<NoticeDates>,
) -> Result<Json<NoticeAssessment>, ApiError> {
    date::check(&[
        ("notified_on", Some(dates.notified_on)),
        ("effective_on", Some(dates.effective_on)),
        ("defined_end_on", dates.defined_end_on),
    ])?;
    Ok(Json(assess_notice(
        &dates,
        state.settings.compact.notice_months,
        None,
    )?))
}

/// The dates of a consultation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsultationCheck {
    /// The day it opened.
    #[serde(deserialize_with = "date::plausible")]
    pub opened_on: NaiveDate,
    /// The day it closed.
    #[serde(deserialize_with = "date::plausible")]
    pub closes_on: NaiveDate,
    /// Why it was shorter, if a reason was given.
    #[serde(default)]
    pub shortened_reason: Option<String>,
}

/// Checks the twelve-week consultation rule (or the Compact's number of weeks).
#[utoipa::path(
    post,
    path = "/api/v1/rules/consultation",
    tag = "rules",
    request_body = ConsultationCheck,
    responses((status = 200, body = ConsultationAssessment), (status = 422, body = Problem))
)]
pub async fn consultation(
    State(state): State<AppState>,
    SignedIn(_viewer): SignedIn,
    ApiJson(check): ApiJson<ConsultationCheck>,
) -> Result<Json<ConsultationAssessment>, ApiError> {
    let shortened_reason = match check.shortened_reason {
        Some(reason) => Some(
            disputes_workflow::Text::parse(reason)
                .map_err(|e| ApiError::invalid(vec![e.on("shortened_reason")]))?,
        ),
        None => None,
    };
    let facts = ConsultationFacts {
        opened_on: check.opened_on,
        closes_on: check.closes_on,
        shortened_reason,
    };
    Ok(Json(assess_consultation(
        &facts,
        state.settings.compact.consultation_weeks,
    )?))
}

/// A working-day count.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct WorkingDaysQuery {
    /// The day counting starts from (day 0).
    #[serde(deserialize_with = "date::plausible")]
    pub from: NaiveDate,
    /// How many working days.
    pub days: u32,
}

/// A bank holiday passed over.
#[derive(Debug, Serialize, ToSchema)]
pub struct HolidayView {
    /// The day.
    pub date: NaiveDate,
    /// Its name.
    pub name: String,
}

/// The result of counting working days.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkingDaysView {
    /// The last working day counted.
    pub due_on: NaiveDate,
    /// Bank holidays passed over.
    pub holidays_skipped: Vec<HolidayView>,
    /// Whether unpublished bank holidays were assumed.
    pub estimated: bool,
    /// The calendar table used.
    pub calendar_version: String,
}

/// Counts working days on the Compact's calendar.
#[utoipa::path(
    get,
    path = "/api/v1/calendar/working-days",
    tag = "rules",
    params(WorkingDaysQuery),
    responses((status = 200, body = WorkingDaysView), (status = 422, body = Problem))
)]
pub async fn working_days(
    State(state): State<AppState>,
    SignedIn(_viewer): SignedIn,
    ApiQuery(query): ApiQuery<WorkingDaysQuery>,
) -> Result<Json<WorkingDaysView>, ApiError> {
    let calendar = Calendar::of(state.settings.compact.jurisdiction);
    let counted = calendar
        .add_working_days(query.from, query.days)
        .map_err(|_| {
            ApiError::invalid_field(
                "days",
                says(
                    "field-days-at-most",
                    vec![("max", MAX_WORKING_DAYS.to_string().into())],
                ),
            )
        })?;
    Ok(Json(WorkingDaysView {
        due_on: counted.due_on,
        holidays_skipped: counted
            .holidays_skipped
            .into_iter()
            .map(|h| HolidayView {
                date: h.date,
                name: h.name.into_owned(),
            })
            .collect(),
        estimated: counted.estimated,
        calendar_version: calendar.version().to_string(),
    }))
}
