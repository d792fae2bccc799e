//! The list of cases, and raising a disagreement: a guided form with the notice and
//! consultation checkers built in.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use disputes_workflow::{Case, Role, Stage};
use minijinja::Value;
use serde::Serialize;

use super::check;
use super::chrome::Page;
use super::confirm::{self, Answer, Confirmation};
use super::form::{Fields, Form, FormView};
use super::lists::{Pagination, download_link, narrowing, recent_years};
use crate::labels::{self, Words};
use crate::problem::{ApiError, says};
use crate::state::AppState;
use crate::use_cases::cases::{
    CaseListQuery, ConsultationRequest, NewCaseRequest, NoticeRequest, list as list_cases,
    list_csv, raise as raise_case,
};
use disputes_i18n::Locale;
use disputes_store::Organisation;

/// A choice in a select, radios or checkboxes.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Choice {
    /// What is sent.
    pub(crate) value: String,
    /// What is shown.
    pub(crate) label: String,
    /// A line under it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) hint: Option<String>,
}

impl Choice {
    /// A value of one of the workflow's lists, labelled by its words.
    pub(crate) fn of<T: Words>(locale: &Locale, value: T) -> Choice {
        Choice::labelled(labels::spelled(&value), value.words(locale))
    }

    /// Every value of one of the workflow's lists, in its order.
    pub(crate) fn every<T: Words>(locale: &Locale) -> Vec<Choice> {
        T::ALL.iter().map(|v| Choice::of(locale, *v)).collect()
    }

    /// A choice with a label of its own.
    pub(crate) fn labelled(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
            hint: None,
        }
    }

    /// An organisation, chosen by its id and shown by its name.
    pub(crate) fn organisation(organisation: &Organisation) -> Choice {
        Choice::labelled(organisation.id.0.to_string(), organisation.name.as_str())
    }

    /// Every signatory organisation, by name.
    pub(crate) async fn organisations(state: &AppState) -> Result<Vec<Choice>, ApiError> {
        Ok(state
            .store
            .all_organisations()
            .await?
            .iter()
            .map(Choice::organisation)
            .collect())
    }

    /// The Compact's principles, in words.
    pub(crate) fn principles(state: &AppState, locale: &Locale) -> Vec<Choice> {
        state
            .settings
            .compact
            .principles
            .iter()
            .map(|code| Choice::labelled(code.as_str(), labels::principle(locale, code)))
            .collect()
    }
}

/// `GET /cases`: every case the person may see, narrowed by stage, state, text or overdue.
pub(crate) async fn list(
    State(state): State<AppState>,
    page: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    let form = Form::parse(query.unwrap_or_default().as_bytes());
    let mut fields = Fields::new(&form);
    let query = CaseListQuery {
        stage: fields.choice("stage", false),
        state: fields.choice("state", false),
        organisation_id: None,
        principle: fields.text("principle", false),
        year: fields.number("year", false),
        due_within: fields.number("due_within", false),
        overdue: form.has("overdue").then_some(true),
        q: fields.text("q", false),
        linked_to: fields.text("linked_to", false),
        sort: fields.choice("sort", false),
        cursor: None,
        page: fields.number("page", false),
        per_page: Some(25),
    };
    if !fields.errors.is_empty() {
        return Err(ApiError::invalid(fields.errors));
    }
    if form.get("format").as_deref() == Some("csv") {
        let body = list_csv(&state, viewer, query, &page.locale).await?;
        return Ok(crate::csv::download(body, "cases.csv"));
    }
    let cases = list_cases(&state, viewer, query).await?;
    let paging = Pagination::of("/cases", &form, &cases);
    let stages = Choice::every::<Stage>(&page.locale);
    let principles = Choice::principles(&state, &page.locale);
    let years = recent_years(&state);
    let locale = &page.locale;
    let within: Vec<Choice> = [5_i64, 10, 20]
        .map(|days| {
            Choice::labelled(
                days.to_string(),
                locale.text("cases-within", &[("days", days.into())]),
            )
        })
        .to_vec();
    let orders = [
        ("-raised", "cases-order-newest"),
        ("raised", "cases-order-oldest"),
        ("due", "cases-order-due"),
        ("updated", "cases-order-updated"),
        ("reference", "cases-order-reference"),
    ]
    .map(|(value, key)| Choice::labelled(value, locale.t(key)))
    .to_vec();

    page.ok(
        "cases.html",
        page_context! {
            title => page.locale.t("page-nav-cases"),
            section => "cases",
            form => FormView { values: form.values(), ..FormView::default() },
            stages,
            principles,
            years,
            within,
            orders,
            linked_to => form.get("linked_to").filter(|r| !r.trim().is_empty()),
            csv => download_link("/cases", &form),
            query => narrowing(&form),
            banner => (form.get("done").as_deref() == Some("saved"))
                .then(|| locale.t("cases-saved")),
            cases => cases.items,
            total => cases.total,
            total_capped => cases.total_capped,
            paging,
        },
    )
}

/// The kinds of change to funding or support, in the raise form's order; their words are
/// the catalogue's `change-kind-` entries.
const CHANGE_KINDS: [&str; 4] = ["change", "reduction", "cessation", "review"];

/// What a change may be to, in the raise form's order; their words are the catalogue's
/// `instrument-` entries.
const INSTRUMENTS: [&str; 5] = ["grant", "contract", "agreement", "support", "accommodation"];

/// The words for `value` of the list whose entries start `prefix`.
fn named(locale: &Locale, prefix: &str, value: &impl Serialize) -> String {
    labels::worded(locale, prefix, &labels::spelled(value))
}

/// The choices the raise form offers.
async fn raise_choices(state: &AppState, locale: &Locale, own: i64) -> Result<Value, ApiError> {
    let own = own.to_string();
    let organisations: Vec<Choice> = Choice::organisations(state)
        .await?
        .into_iter()
        .filter(|o| o.value != own)
        .collect();
    let settings = &state.settings.compact;
    let principles = Choice::principles(state, locale);
    let change_kinds: Vec<Choice> = CHANGE_KINDS
        .iter()
        .map(|value| Choice::labelled(*value, named(locale, "change-kind-", value)))
        .collect();
    let instruments: Vec<Choice> = INSTRUMENTS
        .iter()
        .map(|value| Choice::labelled(*value, named(locale, "instrument-", value)))
        .collect();
    Ok(page_context! {
        organisations,
        principles,
        change_kinds,
        instruments,
        months => settings.notice_months,
        weeks => settings.consultation_weeks,
    })
}

/// `GET /cases/new`.
pub(crate) async fn new_form(
    State(state): State<AppState>,
    page: Page,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    viewer.require(&[Role::Member])?;
    show_raise_form(
        &state,
        &page,
        StatusCode::OK,
        FormView::default(),
        &check::Checked::default(),
    )
    .await
}

async fn show_raise_form(
    state: &AppState,
    page: &Page,
    status: StatusCode,
    form: FormView,
    checked: &check::Checked,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    let choices = raise_choices(state, &page.locale, viewer.person().organisation_id.0).await?;
    page.render(
        status,
        "case_new.html",
        page_context! {
            title => page.locale.t("raise-title"),
            section => "raise",
            form,
            notice => checked.notice,
            consultation => checked.consultation,
            ..choices
        },
    )
}

/// Whether any field of a section (`notice.`, `consultation.`) was filled in.
fn section_used(form: &Form, prefix: &str) -> bool {
    form.values().into_iter().any(|(name, value)| {
        name.starts_with(prefix)
            && !matches!(value, super::form::FieldValue::One(v) if v.trim().is_empty())
    })
}

/// `POST /cases/new`: checks the answers and shows them to confirm; with `confirm`,
/// raises the disagreement; with `change`, shows the form again to change them; with
/// `check`, only checks the dates.
pub(crate) async fn raise(
    State(state): State<AppState>,
    page: Page,
    form: Form,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    viewer.require(&[Role::Member])?;
    let settings = &state.settings.compact;
    let checked = check::assess(&page.locale, &form, ("notice.", "consultation."), settings);
    if form.has("check") {
        let view = FormView::refused_in(&page.locale, &form, &checked.errors, "field");
        return show_raise_form(&state, &page, StatusCode::OK, view, &checked).await;
    }
    if form.has("change") {
        let view = FormView {
            values: form.values(),
            ..FormView::default()
        };
        return show_raise_form(&state, &page, StatusCode::OK, view, &checked).await;
    }
    let mut fields = Fields::new(&form);
    // Read in the form's order, so the error summary lists problems in that order too.
    let respondent = fields.number::<i64>("respondent_organisation_id", true);
    let principles = form.all("principles");
    if principles.is_empty() {
        fields
            .errors
            .push(disputes_workflow::FieldError::required("principles"));
    }
    let title = fields.text("title", true);
    let summary = fields.text("summary", true);
    let notice = if section_used(&form, "notice.") {
        let change_kind = fields.choice("notice.change_kind", true);
        let instrument = fields.choice("notice.instrument", true);
        let notified_on = fields.date("notice.notified_on", true);
        let effective_on = fields.date("notice.effective_on", true);
        let defined_end_on = fields.date("notice.defined_end_on", false);
        match (change_kind, instrument, notified_on, effective_on) {
            (Some(change_kind), Some(instrument), Some(notified_on), Some(effective_on)) => {
                Some(NoticeRequest {
                    change_kind,
                    instrument,
                    notified_on,
                    effective_on,
                    defined_end_on,
                })
            }
            _ => None,
        }
    } else {
        None
    };
    let consultation = if section_used(&form, "consultation.") {
        let opened_on = fields.date("consultation.opened_on", true);
        let closes_on = fields.date("consultation.closes_on", true);
        let shortened_reason = fields.text("consultation.shortened_reason", false);
        match (opened_on, closes_on) {
            (Some(opened_on), Some(closes_on)) => Some(ConsultationRequest {
                opened_on,
                closes_on,
                shortened_reason,
            }),
            _ => None,
        }
    } else {
        None
    };
    let desired = fields.text("desired_outcome", true);
    let refused = |errors: &[disputes_workflow::FieldError]| {
        FormView::refused_in(&page.locale, &form, errors, "field")
    };
    let (Some(respondent), Some(title), Some(summary), Some(desired), true) = (
        respondent,
        title,
        summary,
        desired,
        fields.errors.is_empty(),
    ) else {
        let view = refused(&fields.errors);
        return show_raise_form(
            &state,
            &page,
            StatusCode::UNPROCESSABLE_ENTITY,
            view,
            &checked,
        )
        .await;
    };
    let request = NewCaseRequest {
        respondent_organisation_id: respondent,
        title,
        summary,
        principles,
        desired_outcome: desired,
        notice,
        consultation,
    };
    let raised = if form.has("confirm") {
        raise_case(&state, viewer, request, None).await
    } else {
        match check_raise(&state, &page, &form, request, &checked).await {
            Ok(answers) => return Ok(answers),
            Err(error) => Err(error),
        }
    };
    match raised {
        Ok(stored) => {
            Ok(Redirect::to(&format!("/cases/{}?raised=1", stored.reference)).into_response())
        }
        Err(error) if error.status() == StatusCode::UNPROCESSABLE_ENTITY => {
            let view = refused(error.field_errors());
            show_raise_form(
                &state,
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                view,
                &checked,
            )
            .await
        }
        Err(error) => Err(error),
    }
}

/// The check-your-answers page for a disagreement about to be raised: `request` checked as
/// raising it would check it, and decided, not kept.
async fn check_raise(
    state: &AppState,
    page: &Page,
    form: &Form,
    request: NewCaseRequest,
    checked: &check::Checked,
) -> Result<Response, ApiError> {
    let locale = &page.locale;
    let viewer = page.viewer()?;
    let new = request.parse()?;
    let respondent = state
        .store
        .organisation(new.respondent_organisation_id)
        .await
        .map_err(|_| {
            ApiError::invalid_field(
                "respondent_organisation_id",
                says("form-problem-not-a-choice", Vec::new()),
            )
        })?;
    let decided = Case::raise(
        new.clone(),
        viewer.person(),
        state.clock.now(),
        &state.settings.compact,
    )?;
    // A line naming a date, in the reader's words.
    let date = |key: &str, day| locale.text(key, &[("date", locale.long_date(day).into())]);
    let mut answers = vec![
        Answer::one(
            &locale.t("raise-answer-with"),
            respondent.name.clone(),
            "respondent_organisation_id",
        ),
        Answer {
            question: locale.t("raise-answer-principles"),
            lines: new
                .principles
                .iter()
                .map(|p| labels::principle(locale, p))
                .collect(),
            field: "principles".to_owned(),
        },
        Answer::one(
            &locale.t("raise-answer-title"),
            new.title.to_string(),
            "title",
        ),
        Answer::one(
            &locale.t("raise-answer-summary"),
            new.summary.to_string(),
            "summary",
        ),
    ];
    if let Some(notice) = &new.notice {
        let dates = &notice.dates;
        let mut lines = vec![
            format!(
                "{}: {}",
                named(locale, "change-kind-", &notice.change_kind),
                named(locale, "instrument-", &notice.instrument).to_lowercase()
            ),
            date("raise-notice-received", dates.notified_on),
            date("raise-notice-effect", dates.effective_on),
        ];
        if let Some(end) = dates.defined_end_on {
            lines.push(date("raise-notice-end", end));
        }
        lines.extend(checked.notice.as_ref().map(|n| n.explanation.clone()));
        answers.push(Answer {
            question: locale.t("raise-answer-notice"),
            lines,
            field: "notice-change_kind".to_owned(),
        });
    }
    if let Some(consultation) = &new.consultation {
        let mut lines = vec![
            date("raise-opened", consultation.opened_on),
            date("raise-closed", consultation.closes_on),
        ];
        lines.extend(
            consultation
                .shortened_reason
                .as_ref()
                .map(|r| locale.text("raise-shortened", &[("reason", r.to_string().into())])),
        );
        lines.extend(checked.consultation.as_ref().map(|c| c.explanation.clone()));
        answers.push(Answer {
            question: locale.t("raise-answer-consultation"),
            lines,
            field: "consultation-opened_on".to_owned(),
        });
    }
    answers.push(Answer::one(
        &locale.t("raise-answer-outcome"),
        new.desired_outcome.to_string(),
        "desired_outcome",
    ));
    Confirmation {
        title: locale.t("raise-answers-title"),
        case: None,
        action: "/cases/new".to_owned(),
        answers,
        consequences: confirm::consequences(state, locale, &decided).await?,
        confirm: locale.t("raise-submit"),
        warning: false,
        form,
    }
    .show(page)
}
