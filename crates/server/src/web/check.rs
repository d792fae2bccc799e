//! The public checkers: did notice of a change, or a consultation, keep the Compact? For
//! anyone, signed in or not; the raise form uses the same answers.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use disputes_i18n::{Arg, Locale};
use disputes_workflow::rules::consultation::{
    ConsultationAssessment, ConsultationFacts, ConsultationVerdict, assess_consultation,
};
use disputes_workflow::rules::notice::{NoticeAssessment, NoticeDates, assess_notice};
use disputes_workflow::{CompactSettings, FieldError, Text};

use super::chrome::Page;
use super::form::{Fields, Form, FormView};
use super::render::render;
use crate::problem::{ApiError, says};
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
/// The assessments' explanations are written in `locale`.
pub(crate) fn assess(
    locale: &Locale,
    form: &Form,
    prefix: (&str, &str),
    settings: &CompactSettings,
) -> Checked {
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
            Ok(mut assessment) => {
                assessment.explanation = notice_words(locale, &dates, &assessment);
                checked.notice = Some(assessment);
            }
            Err(error) => fields.errors.extend(under(n, error)),
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
            Ok(mut assessment) => {
                assessment.explanation = consultation_words(locale, &facts, &assessment);
                checked.consultation = Some(assessment);
            }
            Err(error) => fields.errors.extend(under(c, error)),
        }
    }
    checked.errors = fields.errors;
    checked
}

/// A rule's refusal of its dates, each field named under `prefix` (`notice.`), as the form
/// that sent them names it.
fn under(prefix: &str, error: disputes_workflow::rules::RuleError) -> Vec<FieldError> {
    ApiError::from(error)
        .field_errors()
        .iter()
        .map(|e| FieldError {
            field: format!("{prefix}{}", e.field),
            ..e.clone()
        })
        .collect()
}

/// What the notice assessment `a` of `dates` found, in `locale`'s sentences.
pub(crate) fn notice_words(locale: &Locale, dates: &NoticeDates, a: &NoticeAssessment) -> String {
    let day = |date| Arg::from(locale.long_date(date));
    let months = Arg::from(a.required_months);
    let effective = ("effective", day(dates.effective_on));
    if a.exempt {
        let end = dates.defined_end_on.unwrap_or(dates.effective_on);
        return locale.text("notice-explain-exempt", &[("end", day(end)), effective]);
    }
    let mut sentences = vec![locale.text(
        "notice-explain-given",
        &[
            ("notified", day(dates.notified_on)),
            ("months", months.clone()),
            ("ends", day(a.notice_ends_on)),
        ],
    )];
    if a.compliant {
        sentences.push(locale.text("notice-explain-kept", &[effective, ("months", months)]));
        return sentences.join(" ");
    }
    sentences.push(if dates.notified_on >= dates.effective_on {
        locale.text("notice-explain-before", &[effective])
    } else {
        locale.text(
            "notice-explain-early",
            &[effective, ("days", a.days_short.into())],
        )
    });
    sentences.push(locale.text("notice-explain-not-kept", &[("months", months)]));
    if let Some(end) = dates.defined_end_on {
        sentences.push(locale.text("notice-explain-end-no-help", &[("end", day(end))]));
    }
    sentences.push(locale.text(
        "notice-explain-earliest",
        &[("ends", day(a.earliest_compliant_effective_on))],
    ));
    sentences.join(" ")
}

/// What the consultation assessment `a` of `facts` found, in `locale`'s sentences.
pub(crate) fn consultation_words(
    locale: &Locale,
    facts: &ConsultationFacts,
    a: &ConsultationAssessment,
) -> String {
    let ran = locale.text(
        "consultation-explain-ran",
        &[
            ("opened", locale.long_date(facts.opened_on).into()),
            ("closes", locale.long_date(facts.closes_on).into()),
            ("days", a.length_days.into()),
        ],
    );
    let period = [
        ("weeks", Arg::from(a.required_weeks)),
        ("required", Arg::from(i64::from(a.required_weeks) * 7)),
        ("short", Arg::from(a.shortfall_days)),
    ];
    let key = match a.verdict {
        ConsultationVerdict::Compliant => "consultation-explain-kept",
        ConsultationVerdict::ShortenedWithExplanation => "consultation-explain-shortened",
        ConsultationVerdict::Breach => "consultation-explain-breach",
    };
    format!("{ran} {}", locale.text(key, &period))
}

/// `GET /check`: the checkers, answered from the query; with `fragment=notice` or
/// `fragment=consultation`, only that answer (for the page's script to put in place).
pub(crate) async fn check(
    State(state): State<AppState>,
    page: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let form = Form::parse(query.unwrap_or_default().as_bytes());
    let checked = assess(&page.locale, &form, ("", ""), &state.settings.compact);
    let view = FormView::refused_in(&page.locale, &form, &checked.errors, "check-field");
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
            _ => {
                return Err(ApiError::invalid_field(
                    "fragment",
                    says("field-not-a-checker", Vec::new()),
                ));
            }
        };
        let mut response = Html(render(template, &page.locale, context)?).into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return Ok(response);
    }
    page.ok(
        "check.html",
        page_context! {
            title => page.locale.t("page-nav-check-visitor"),
            section => "check",
            form => view,
            notice => checked.notice,
            consultation => checked.consultation,
            months => settings.notice_months,
            weeks => settings.consultation_weeks,
        },
    )
}
