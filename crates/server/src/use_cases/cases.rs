//! Cases: raising one (within the raising limit), listing what a person may see, the view
//! of one case with what they may do, and building and applying an action from its fields.

use chrono::NaiveDate;
use disputes_store::{CaseFilter, CaseSort, KeyedWrite, ListCursor, StoredCase};
use disputes_workflow::rules::consultation::ConsultationFacts;
use disputes_workflow::rules::notice::{ChangeKind, Instrument, NoticeDates, NoticeFacts};
use disputes_workflow::{
    Action, ActionKind, Actor, Command, FieldError, NewCase, OrganisationId, RecommendationStatus,
    Stage, StateKind, Text, Title,
};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::directory::Paging;
use super::views::{CaseSummaryView, CaseView, OrganisationRef, PageAt, PageView, every_item};
use crate::auth::Viewer;
use crate::extract::date;
use crate::problem::{ApiError, field_problem, says};
use crate::state::AppState;

/// The view of a case for `viewer`, with what they may do now: the API's answer and what
/// the case page shows.
pub async fn case_view(
    state: &AppState,
    viewer: &Viewer,
    stored: StoredCase,
) -> Result<CaseView, ApiError> {
    let now = state.clock.now();
    let (raising, respondent) = (
        stored.case.raising_organisation_id,
        stored.case.respondent_organisation_id,
    );
    // A case read for this request comes with its organisations' names; one raised
    // just now does not.
    let names = match stored.organisation_names() {
        Some((raising_name, respondent_name)) => {
            (raising_name.to_owned(), respondent_name.to_owned())
        }
        None => {
            let mut found = state
                .store
                .organisation_names(&[raising, respondent])
                .await?;
            (
                found.remove(&raising).unwrap_or_default(),
                found.remove(&respondent).unwrap_or_default(),
            )
        }
    };
    let organisations = (
        OrganisationRef {
            id: raising.0,
            name: names.0,
        },
        OrganisationRef {
            id: respondent.0,
            name: names.1,
        },
    );
    let actor = Actor::Person(viewer.person().clone());
    let allowed = stored.case.allowed_actions(&actor, now);
    let today = stored.case.terms.today(now);
    let links = super::links::links(state, viewer, &stored).await?;
    let mut view = CaseView::new(
        stored.reference,
        &stored.case,
        organisations,
        allowed,
        today,
    );
    view.links = links;
    Ok(view)
}

/// The notified change, when the disagreement is about notice.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoticeRequest {
    /// `change`, `reduction`, `cessation` or `review`.
    pub change_kind: ChangeKind,
    /// `contract`, `grant`, `agreement`, `support` or `accommodation`.
    pub instrument: Instrument,
    /// When written notice was received.
    #[serde(deserialize_with = "date::plausible")]
    pub notified_on: NaiveDate,
    /// When the change takes effect.
    #[serde(deserialize_with = "date::plausible")]
    pub effective_on: NaiveDate,
    /// An end date agreed before notice, if any.
    #[serde(default, deserialize_with = "date::optional")]
    pub defined_end_on: Option<NaiveDate>,
}

/// The consultation, when the disagreement is about one.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsultationRequest {
    /// The day it opened.
    #[serde(deserialize_with = "date::plausible")]
    pub opened_on: NaiveDate,
    /// The day it closed.
    #[serde(deserialize_with = "date::plausible")]
    pub closes_on: NaiveDate,
    /// Why it was shorter than the Compact asks, if it was.
    #[serde(default)]
    pub shortened_reason: Option<String>,
}

/// A disagreement to raise, for the caller's own organisation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCaseRequest {
    /// The organisation the disagreement is with.
    pub respondent_organisation_id: i64,
    /// A short title (the only case text that emails carry).
    pub title: String,
    /// What happened.
    pub summary: String,
    /// The Compact principles not kept.
    pub principles: Vec<String>,
    /// What you want to happen.
    pub desired_outcome: String,
    /// The notified change, for a notice disagreement.
    #[serde(default)]
    pub notice: Option<NoticeRequest>,
    /// The consultation, for a consultation disagreement.
    #[serde(default)]
    pub consultation: Option<ConsultationRequest>,
}

fn text(field: &str, value: &str, errors: &mut Vec<FieldError>) -> Option<Text> {
    Text::parse(value)
        .map_err(|e| errors.push(e.on(field)))
        .ok()
}

fn done<T>(value: Option<T>, errors: Vec<FieldError>) -> Result<T, ApiError> {
    match value {
        Some(value) if errors.is_empty() => Ok(value),
        _ => Err(ApiError::invalid(errors)),
    }
}

impl NewCaseRequest {
    /// Checks the fields, naming each one at fault.
    pub fn parse(self) -> Result<NewCase, ApiError> {
        let mut errors = Vec::new();
        let title = Title::parse(self.title)
            .map_err(|e| errors.push(e.on("title")))
            .ok();
        let summary = text("summary", &self.summary, &mut errors);
        let desired = text("desired_outcome", &self.desired_outcome, &mut errors);
        let consultation = match self.consultation {
            Some(c) => {
                let reason = c
                    .shortened_reason
                    .as_deref()
                    .map(|r| text("consultation.shortened_reason", r, &mut errors));
                Some(ConsultationFacts {
                    opened_on: c.opened_on,
                    closes_on: c.closes_on,
                    shortened_reason: reason.flatten(),
                })
            }
            None => None,
        };
        let parsed = match (title, summary, desired) {
            (Some(title), Some(summary), Some(desired_outcome)) => Some(NewCase {
                respondent_organisation_id: OrganisationId(self.respondent_organisation_id),
                title,
                summary,
                principles: self.principles,
                desired_outcome,
                notice: self.notice.map(|n| NoticeFacts {
                    change_kind: n.change_kind,
                    instrument: n.instrument,
                    dates: NoticeDates {
                        notified_on: n.notified_on,
                        effective_on: n.effective_on,
                        defined_end_on: n.defined_end_on,
                    },
                }),
                consultation,
            }),
            _ => None,
        };
        done(parsed, errors)
    }
}

/// Raises the disagreement `request` describes for `viewer`'s organisation: the API's and
/// the pages' way alike. `key` is the request's idempotency key, completed with the case.
pub async fn raise(
    state: &AppState,
    viewer: &Viewer,
    request: NewCaseRequest,
    key: Option<&KeyedWrite>,
) -> Result<StoredCase, ApiError> {
    within_raising_limit(state, viewer).await?;
    let new = request.parse()?;
    let stored = state
        .store
        .raise_case_keyed(
            new,
            viewer.person(),
            state.clock.now(),
            &state.settings.compact,
            key,
        )
        .await?;
    tracing::info!(case = %stored.reference, "case raised");
    metrics::counter!("disputes_cases_raised_total").increment(1);
    Ok(stored)
}

/// Refuses (429, saying when to try again) a person who has raised as many disagreements
/// in the last 24 hours as `limits.cases_raised_per_day` allows: each one emails every
/// member and champion of an organisation, and no one person should be able to flood an
/// organisation's inboxes.
async fn within_raising_limit(state: &AppState, viewer: &Viewer) -> Result<(), ApiError> {
    let now = state.clock.now();
    let day = chrono::Duration::hours(24);
    let limit = state.settings.limits.cases_raised_per_day;
    // Room comes again a day after the oldest of the last `limit` raises.
    let oldest_counted = state
        .store
        .nth_latest_raise(viewer.person().id, now - day, limit)
        .await?;
    match oldest_counted.map(|at| crate::auth::throttle::seconds_until(at + day, now)) {
        None => Ok(()),
        Some(seconds) => Err(ApiError::too_many(
            seconds,
            says(
                "detail-raise-throttled",
                vec![
                    ("limit", limit.into()),
                    ("hours", seconds.div_ceil(3600).into()),
                ],
            ),
        )),
    }
}

/// How a case list is ordered, as the API spells it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
pub enum CaseOrder {
    /// Newest raised first.
    #[default]
    #[serde(rename = "-raised")]
    NewestRaised,
    /// Oldest raised first.
    #[serde(rename = "raised")]
    OldestRaised,
    /// The soonest next deadline first; cases owing nothing last.
    #[serde(rename = "due")]
    Due,
    /// The most recently changed first.
    #[serde(rename = "updated")]
    Updated,
    /// By reference.
    #[serde(rename = "reference")]
    Reference,
}

impl From<CaseOrder> for CaseSort {
    fn from(order: CaseOrder) -> Self {
        match order {
            CaseOrder::NewestRaised => CaseSort::RaisedNewest,
            CaseOrder::OldestRaised => CaseSort::RaisedOldest,
            CaseOrder::Due => CaseSort::Due,
            CaseOrder::Updated => CaseSort::Updated,
            CaseOrder::Reference => CaseSort::Reference,
        }
    }
}

/// How to narrow and order the case list: the API's query and the list page's form alike.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CaseListQuery {
    /// Only this stage.
    pub stage: Option<Stage>,
    /// Only this state (`raised`, ..., `paused`, `closed`).
    pub state: Option<StateKind>,
    /// Only cases where this organisation is a party (raising or responding).
    pub organisation_id: Option<i64>,
    /// Only cases citing this principle (one of the Compact's keys, e.g. `notice`).
    pub principle: Option<String>,
    /// Only cases raised in this year.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// Only cases with a deadline due within this many working days (those already past
    /// included; not paused cases, whose deadlines wait).
    #[param(maximum = 260)]
    pub due_within: Option<u32>,
    /// Only cases with a deadline passed.
    pub overdue: Option<bool>,
    /// Only cases whose reference contains this, or which hold each of its words (up to
    /// ten; a word matches the start of a word, in any case) in text the viewer may read:
    /// the title, summary and desired outcome, messages, and files' names.
    pub q: Option<String>,
    /// Only the case with this reference and the cases linked to it (those the viewer may
    /// see): the group one decision caused, as a list.
    pub linked_to: Option<String>,
    /// The order: `-raised` (newest first, the default), `raised`, `due`, `updated` or
    /// `reference`.
    pub sort: Option<CaseOrder>,
    /// The `next_cursor` of the page before, to read the next page from where that one
    /// ended, however cases were raised or changed meanwhile (with the same filters and
    /// order); `page` is then not used.
    pub cursor: Option<String>,
    /// From 1.
    pub page: Option<u64>,
    /// At most 100.
    pub per_page: Option<u64>,
}

/// The furthest ahead `due_within` looks: a year of working days.
pub const MOST_DAYS_AHEAD: u32 = 260;

/// The years a list can be narrowed to.
pub const LISTED_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The cases `viewer` may see, narrowed by `query`: the API's list and the pages' alike.
pub async fn list(
    state: &AppState,
    viewer: &Viewer,
    query: CaseListQuery,
) -> Result<PageView<CaseSummaryView>, ApiError> {
    let today = state.settings.compact.today(state.clock.now());
    let mut errors = Vec::new();
    if let Some(q) = &query.q
        && (q.chars().count() > 200 || q.chars().any(char::is_control))
    {
        errors.push(field_problem("q", "field-q-shape", Vec::new()));
    }
    if let Some(reference) = &query.linked_to
        && (reference.chars().count() > 40 || reference.chars().any(char::is_control))
    {
        errors.push(field_problem(
            "linked_to",
            "field-linked-to-shape",
            Vec::new(),
        ));
    }
    if let Some(principle) = &query.principle
        && !state.settings.compact.has_principle(principle)
    {
        errors.push(field_problem(
            "principle",
            "field-principle-choice",
            vec![(
                "principles",
                state.settings.compact.principles.join(", ").into(),
            )],
        ));
    }
    if query.year.is_some_and(|year| !LISTED_YEARS.contains(&year)) {
        errors.push(field_problem("year", "field-a-year", Vec::new()));
    }
    let due_by = match query.due_within {
        Some(days) if days > MOST_DAYS_AHEAD => {
            errors.push(field_problem(
                "due_within",
                "field-due-within-most",
                vec![("max", MOST_DAYS_AHEAD.into())],
            ));
            None
        }
        Some(days) => {
            let calendar = state.settings.compact.calendar();
            let due = calendar.add_working_days(today, days).map_err(|_| {
                ApiError::invalid_field("due_within", says("field-too-far-ahead", Vec::new()))
            })?;
            Some(due.due_on)
        }
        None => None,
    };
    let sort: CaseSort = query.sort.unwrap_or_default().into();
    let after = match query.cursor.as_deref() {
        Some(text) => {
            let cursor = ListCursor::decode(text, sort);
            if cursor.is_none() {
                errors.push(field_problem("cursor", "field-cursor", Vec::new()));
            }
            cursor
        }
        None => None,
    };
    if !errors.is_empty() {
        return Err(ApiError::invalid(errors));
    }
    let filter = CaseFilter {
        stage: query.stage,
        state: query.state,
        organisation_id: query.organisation_id.map(OrganisationId),
        overdue_on: query.overdue.unwrap_or(false).then_some(today),
        text: query.q,
        open_only: false,
        principle: query.principle,
        year: query.year,
        due_by,
        linked_to: query.linked_to.map(|r| r.trim().to_uppercase()),
        sort,
        after,
    };
    let paging = Paging {
        page: query.page,
        per_page: query.per_page,
    };
    let page = state
        .store
        .list_cases(viewer.person(), &filter, paging.request())
        .await?;
    Ok(PageView::of(page, |s| CaseSummaryView::new(s, today)))
}

/// Every case `query` narrows to (not one page, up to
/// [`MOST_DOWNLOADED`](super::views::MOST_DOWNLOADED)), as CSV, a line
/// each in the list's order.
pub async fn list_csv(
    state: &AppState,
    viewer: &Viewer,
    query: CaseListQuery,
    locale: &disputes_i18n::Locale,
) -> Result<String, ApiError> {
    let mut out = crate::csv::header(
        locale,
        &[
            "reference",
            "title",
            "raised_on",
            "raising_organisation",
            "respondent_organisation",
            "stage",
            "state",
            "outcome",
            "next_deadline",
            "next_due_on",
            "overdue",
        ],
    );
    let cases = every_item(|at, per_page| {
        let (page, cursor) = match at {
            PageAt::Number(number) => (Some(number), None),
            PageAt::Cursor(cursor) => (None, Some(cursor)),
        };
        let page = CaseListQuery {
            page,
            cursor,
            per_page: Some(per_page),
            ..query.clone()
        };
        async move { list(state, viewer, page).await }
    })
    .await?;
    for case in &cases {
        let next = case.next_deadline.as_ref();
        let (kind, due_on, overdue) = (
            next.map(|d| disputes_store::spelled(&d.kind))
                .unwrap_or_default(),
            next.map(|d| d.due_on.to_string()).unwrap_or_default(),
            next.is_some_and(|d| d.overdue),
        );
        out.push_str(&crate::csv::line([
            case.reference.as_str(),
            case.title.as_str(),
            case.opened_at.date_naive().to_string().as_str(),
            case.raising_organisation.name.as_str(),
            case.respondent_organisation.name.as_str(),
            disputes_store::spelled(&case.stage).as_str(),
            case.state.as_str(),
            case.outcome
                .map(|o| disputes_store::spelled(&o))
                .unwrap_or_default()
                .as_str(),
            kind.as_str(),
            due_on.as_str(),
            if overdue { "yes" } else { "no" },
        ]));
    }
    Ok(out)
}

/// Whether `viewer` may take an action of `kind` on `stored` now, before its fields are
/// read: 403 if they may never take it, 409 if the case's state does not offer it.
pub fn may_act(
    state: &AppState,
    viewer: &Viewer,
    stored: &StoredCase,
    kind: ActionKind,
) -> Result<(), ApiError> {
    let actor = Actor::Person(viewer.person().clone());
    Ok(stored.case.may(kind, &actor, state.clock.now())?)
}

/// An action someone takes: what, with what note for the timeline, and, when they name
/// one, the version of the case they saw.
#[derive(Debug, Clone)]
pub struct Taken {
    /// The action.
    pub action: Action,
    /// The note kept with its event.
    pub note: Option<Text>,
    /// The `If-Match` version.
    pub expected: Option<u32>,
}

/// `viewer` taking `action` now, as the workflow decides on it: for applying it, and for
/// the pages to check it before asking the person to confirm.
pub(crate) fn command_of(
    state: &AppState,
    viewer: &Viewer,
    action: Action,
    note: Option<Text>,
) -> Command {
    Command {
        actor: Actor::Person(viewer.person().clone()),
        action,
        at: state.clock.now(),
        note,
    }
}

/// Applies a built action for `viewer` to a case they were just shown to be able to see:
/// the API's way and the pages' alike. `key` is the request's idempotency key, completed
/// in the action's transaction.
pub async fn apply(
    state: &AppState,
    viewer: &Viewer,
    stored: &StoredCase,
    taken: Taken,
    key: Option<&KeyedWrite>,
) -> Result<StoredCase, ApiError> {
    let kind = taken.action.kind();
    let command = command_of(state, viewer, taken.action, taken.note);
    let applied = state
        .store
        .apply_to_keyed(stored, &command, taken.expected, key)
        .await?;
    tracing::info!(case = %stored.reference, action = %kind, "action taken");
    metrics::counter!("disputes_actions_total", "action" => kind.as_str()).increment(1);
    Ok(applied)
}

/// The status a recommendation is marked with, by the action's name.
pub fn marked(action: &str) -> Option<RecommendationStatus> {
    match action {
        "mark_implemented" => Some(RecommendationStatus::Implemented),
        "mark_not_implemented" => Some(RecommendationStatus::NotImplemented),
        _ => None,
    }
}
