//! The public checkers: did notice of a change, or a consultation, keep the Compact? For
//! anyone, signed in or not; the raise form uses the same answers.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use disputes_workflow::rules::consultation::{
    ConsultationAssessment, ConsultationFacts, assess_consultation,
};
use disputes_workflow::rules::notice::{NoticeAssessment, NoticeDates, assess_notice};
use disputes_workflow::{CompactSettings, FieldError, Text};

use super::chrome::Page;
use super::form::{Fields, Form, FormView};
use super::render::render;
use crate::problem::ApiError;
use crate::state::AppState;

/// What the checkers found in a form: each assessment made, and what stopped the others.
#[derive(Debug, Default)]
pub(crate) struct Checked {
    /// The notice assessment, when its dates were given.
    pub(crate) notice: Option<NoticeAssessment>,
    /// The consultation assessment, when its dates were given.
    pub(crate) consultation: Option<ConsultationAssessment>,
    /// Fields at fault, named with `prefix`.
    pub(crate) errors: Vec<FieldError>,
}

/// Assesses whichever of the notice and consultation dates `form` holds, its fields named
/// with `prefix` (`notice.` and `consultation.` on the raise form, nothing here).
pub(crate) fn assess(form: &Form, prefix: (&str, &str), settings: &CompactSettings) -> Checked {
    let mut checked = Checked::default();
    let mut fields = Fields::new(form);
    let (n, c) = prefix;
    let named = |p: &str, f: &str| format!("{p}{f}");
    let notified = fields.date(&named(n, "notified_on"), false);
    let effective = fields.date(&named(n, "effective_on"), false);
    let defined_end = fields.date(&named(n, "defined_end_on"), false);
    if let (Some(notified_on), Some(effective_on)) = (notified, effective) {
        let dates = NoticeDates {
            notified_on,
            effective_on,
            defined_end_on: defined_end,
        };
        match assess_notice(&dates, settings.notice_months, None) {
            Ok(assessment) => checked.notice = Some(assessment),
            Err(error) => fields.errors.extend(
                ApiError::from(error)
                    .field_errors()
                    .iter()
                    .map(|e| FieldError::new(named(n, &e.field), e.message.clone())),
            ),
        }
    }
    let opened = fields.date(&named(c, "opened_on"), false);
    let closes = fields.date(&named(c, "closes_on"), false);
    let reason = fields.text(&named(c, "shortened_reason"), false);
    if let (Some(opened_on), Some(closes_on)) = (opened, closes) {
        let shortened_reason = reason.and_then(|r| Text::parse(r).ok());
        let facts = ConsultationFacts {
            opened_on,
            closes_on,
            shortened_reason,
        };
        match assess_consultation(&facts, settings.consultation_weeks) {
            Ok(assessment) => checked.consultation = Some(assessment),
            Err(error) => fields.errors.extend(
                ApiError::from(error)
                    .field_errors()
                    .iter()
                    .map(|e| FieldError::new(named(c, &e.field), e.message.clone())),
            ),
        }
    }
    checked.errors = fields.errors;
    checked
}

/// The words for a checker's field.
pub(crate) fn label(field: &str) -> String {
    let name = field.rsplit('.').next().unwrap_or(field);
    match name {
        "notified_on" => "The date written notice was received",
        "effective_on" => "The date the change takes effect",
        "defined_end_on" => "The end date agreed before notice",
        "opened_on" => "The date the consultation opened",
        "closes_on" => "The date the consultation closed",
        "shortened_reason" => "The reason given for a shorter consultation",
        other => return other.replace('_', " "),
    }
    .to_owned()
}

/// `GET /check`: the checkers, answered from the query; with `fragment=notice` or
/// `fragment=consultation`, only that answer (for the page's script to put in place).
pub(crate) async fn check(
    State(state): State<AppState>,
    page: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let form = Form::parse(query.unwrap_or_default().as_bytes());
    let checked = assess(&form, ("", ""), &state.settings.compact);
    let view = FormView::refused(&form, &checked.errors, label);
    let settings = &state.settings.compact;
    if let Some(fragment) = form.get("fragment") {
        let (template, context) = match fragment.as_str() {
            "notice" => (
                "notice_result.html",
                page_context! { notice => checked.notice, form => view, months => settings.notice_months },
            ),
            "consultation" => (
                "consultation_result.html",
                page_context! { consultation => checked.consultation, form => view, weeks => settings.consultation_weeks },
            ),
            _ => return Err(ApiError::invalid_field("fragment", "is not a checker")),
        };
        let mut response = Html(render(template, context)?).into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return Ok(response);
    }
    page.ok(
        "check.html",
        page_context! {
            title => "Check notice and consultation",
            section => "check",
            form => view,
            notice => checked.notice,
            consultation => checked.consultation,
            months => settings.notice_months,
            weeks => settings.consultation_weeks,
        },
    )
}
