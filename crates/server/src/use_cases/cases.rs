//! Cases: raising one (within the raising limit), listing what a person may see, the view
//! of one case with what they may do, and building and applying an action from its fields.

use chrono::NaiveDate;
use disputes_store::{CaseFilter, KeyedWrite, StoredCase};
use disputes_workflow::rules::consultation::ConsultationFacts;
use disputes_workflow::rules::notice::{ChangeKind, Instrument, NoticeDates, NoticeFacts};
use disputes_workflow::{
    Action, ActionKind, Actor, AppealResult, Command, DeadlineKind, ExternalBody, FieldError,
    FormalOutcome, NewCase, OrganisationId, PersonId, ProposedPanel, RecommendationDraft,
    RecommendationStatus, Stage, StateKind, Text, Title,
};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::directory::Paging;
use super::views::{CaseSummaryView, CaseView, OrganisationRef, PageView};
use crate::auth::Viewer;
use crate::extract::date;
use crate::problem::ApiError;
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
    Ok(CaseView::new(
        stored.reference,
        &stored.case,
        organisations,
        allowed,
        today,
    ))
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
        .map_err(|e| errors.push(FieldError::new(field, e.to_string())))
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
            .map_err(|e| errors.push(FieldError::new("title", e.to_string())))
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
            format!(
                "You have raised {limit} disagreements in the last 24 hours, as many as one \
                 person may. Try again in {} hour(s), or ask the facilitator.",
                seconds.div_ceil(3600)
            ),
        )),
    }
}

/// How to narrow the case list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CaseListQuery {
    /// Only this stage.
    pub stage: Option<Stage>,
    /// Only this state (`raised`, ..., `paused`, `closed`).
    pub state: Option<StateKind>,
    /// Only cases where this organisation is a party.
    pub organisation_id: Option<i64>,
    /// Only cases with a deadline passed.
    pub overdue: Option<bool>,
    /// Only cases whose title or reference contains this.
    pub q: Option<String>,
    /// From 1.
    pub page: Option<u64>,
    /// At most 100.
    pub per_page: Option<u64>,
}

/// The cases `viewer` may see, narrowed by `query`: the API's list and the pages' alike.
pub async fn list(
    state: &AppState,
    viewer: &Viewer,
    query: CaseListQuery,
) -> Result<PageView<CaseSummaryView>, ApiError> {
    let today = state.settings.compact.today(state.clock.now());
    if let Some(q) = &query.q
        && (q.chars().count() > 200 || q.chars().any(char::is_control))
    {
        return Err(ApiError::invalid_field(
            "q",
            "must be at most 200 characters, without control characters",
        ));
    }
    let filter = CaseFilter {
        stage: query.stage,
        state: query.state,
        organisation_id: query.organisation_id.map(OrganisationId),
        overdue_on: query.overdue.unwrap_or(false).then_some(today),
        text: query.q,
        open_only: false,
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

/// A recommendation as a panel writes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationInput {
    /// What should be done.
    pub text: String,
    /// The organisation that should do it.
    pub owner_organisation_id: i64,
    /// By when.
    #[serde(deserialize_with = "date::plausible")]
    pub due_on: NaiveDate,
}

/// The fields of an action. Each action takes the fields DOMAIN.md gives it and refuses
/// others; all take an optional `note` for the timeline.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionRequest {
    /// A note kept with the event (any action).
    pub note: Option<String>,
    /// Why (escalate, reject_resolution, return_to_informal, decline_formal, dismiss_appeal,
    /// withdraw, pause, extend_deadline, refer_externally).
    pub reason: Option<String>,
    /// Proposed terms (propose_resolution).
    pub terms: Option<String>,
    /// The written response (submit_response).
    pub body: Option<String>,
    /// Grounds of appeal (appeal).
    pub grounds: Option<String>,
    /// The panel's finding (issue_decision), or the new outcome (decide_appeal).
    pub outcome: Option<FormalOutcome>,
    /// The panel's reasoning (issue_decision).
    pub findings: Option<String>,
    /// Recommendations (issue_decision).
    pub recommendations: Option<Vec<RecommendationInput>>,
    /// The appeal's result (decide_appeal).
    pub result: Option<AppealResult>,
    /// The appeal panel's reasons (decide_appeal).
    pub reasons: Option<String>,
    /// Working days to add (extend_deadline).
    pub working_days: Option<u32>,
    /// Which deadline to extend; all running ones when absent (extend_deadline).
    pub deadline: Option<DeadlineKind>,
    /// Where to refer (refer_externally).
    pub to: Option<ExternalBody>,
    /// Panel members (convene_panel, convene_appeal_panel).
    pub member_ids: Option<Vec<i64>>,
    /// The member who chairs the panel (convene_panel, convene_appeal_panel).
    pub chair_id: Option<i64>,
    /// Lessons learned (record_lessons).
    pub lessons: Option<String>,
}

impl ActionRequest {
    /// The slot of the free-text field `name`, if the request has one by that name: how a
    /// form's text fields are put in their places, by name, with no field standing in for a
    /// name it does not know.
    pub fn text_field(&mut self, name: &str) -> Option<&mut Option<String>> {
        Some(match name {
            "note" => &mut self.note,
            "reason" => &mut self.reason,
            "terms" => &mut self.terms,
            "body" => &mut self.body,
            "grounds" => &mut self.grounds,
            "findings" => &mut self.findings,
            "reasons" => &mut self.reasons,
            "lessons" => &mut self.lessons,
            _ => return None,
        })
    }
}

/// Reads an action's fields, refusing missing required ones and fields the action does not
/// take.
struct Fields {
    request: ActionRequest,
    errors: Vec<FieldError>,
    used: Vec<&'static str>,
}

impl Fields {
    fn text(&mut self, field: &'static str, value: Option<String>, required: bool) -> Option<Text> {
        self.used.push(field);
        match value {
            Some(value) => text(field, &value, &mut self.errors),
            None if required => {
                self.errors.push(FieldError::required(field));
                None
            }
            None => None,
        }
    }

    fn required<T>(&mut self, field: &'static str, value: Option<T>) -> Option<T> {
        self.used.push(field);
        if value.is_none() {
            self.errors.push(FieldError::required(field));
        }
        value
    }

    fn optional<T>(&mut self, field: &'static str, value: Option<T>) -> Option<T> {
        self.used.push(field);
        value
    }

    /// Refuses fields that were sent but that this action does not take.
    fn unused(&mut self, kind: ActionKind, present: &[(&'static str, bool)]) {
        for (field, sent) in present {
            if *sent && !self.used.contains(field) {
                self.errors.push(FieldError::unknown(
                    *field,
                    format!("is not a field of {}", kind.as_str()),
                ));
            }
        }
    }
}

async fn panel(state: &AppState, fields: &mut Fields) -> Result<Option<ProposedPanel>, ApiError> {
    let member_ids = fields.request.member_ids.take();
    let chair_id = fields.request.chair_id.take();
    let members = fields.required("member_ids", member_ids);
    let chair = fields.required("chair_id", chair_id);
    let (Some(members), Some(chair)) = (members, chair) else {
        return Ok(None);
    };
    if members.len() > 20 {
        fields.errors.push(FieldError::new(
            "member_ids",
            "a panel has at most 20 members",
        ));
        return Ok(None);
    }
    let ids: Vec<PersonId> = members.into_iter().map(PersonId).collect();
    let candidates = state.store.panel_candidates(&ids).await?;
    Ok(Some(ProposedPanel {
        members: candidates,
        chair_id: PersonId(chair),
    }))
}

/// Builds the workflow's action from the path's name and the body's fields.
pub async fn action(
    state: &AppState,
    kind: ActionKind,
    request: ActionRequest,
) -> Result<(Action, Option<Text>), ApiError> {
    let present = [
        ("reason", request.reason.is_some()),
        ("terms", request.terms.is_some()),
        ("body", request.body.is_some()),
        ("grounds", request.grounds.is_some()),
        ("outcome", request.outcome.is_some()),
        ("findings", request.findings.is_some()),
        ("recommendations", request.recommendations.is_some()),
        ("result", request.result.is_some()),
        ("reasons", request.reasons.is_some()),
        ("working_days", request.working_days.is_some()),
        ("deadline", request.deadline.is_some()),
        ("to", request.to.is_some()),
        ("member_ids", request.member_ids.is_some()),
        ("chair_id", request.chair_id.is_some()),
        ("lessons", request.lessons.is_some()),
    ];
    let mut f = Fields {
        request,
        errors: Vec::new(),
        used: Vec::new(),
    };
    let note = f.request.note.take();
    let note = f.text("note", note, false);
    let r = &mut f.request;
    let (reason, terms, body, grounds, findings, reasons, lessons) = (
        r.reason.take(),
        r.terms.take(),
        r.body.take(),
        r.grounds.take(),
        r.findings.take(),
        r.reasons.take(),
        r.lessons.take(),
    );
    let (outcome, result, working_days, deadline, to, recommendations) = (
        r.outcome.take(),
        r.result.take(),
        r.working_days.take(),
        r.deadline.take(),
        r.to.take(),
        r.recommendations.take(),
    );
    let built: Option<Action> = match kind {
        ActionKind::Acknowledge => Some(Action::Acknowledge),
        ActionKind::Escalate => {
            let reason = f.text("reason", reason, false);
            Some(Action::Escalate { reason })
        }
        ActionKind::ProposeResolution => f
            .text("terms", terms, true)
            .map(|terms| Action::ProposeResolution { terms }),
        ActionKind::AcceptResolution => Some(Action::AcceptResolution),
        ActionKind::RejectResolution => f
            .text("reason", reason, true)
            .map(|reason| Action::RejectResolution { reason }),
        ActionKind::AcceptFormal => Some(Action::AcceptFormal),
        ActionKind::ReturnToInformal => f
            .text("reason", reason, true)
            .map(|reason| Action::ReturnToInformal { reason }),
        ActionKind::DeclineFormal => f
            .text("reason", reason, true)
            .map(|reason| Action::DeclineFormal { reason }),
        ActionKind::ConvenePanel => panel(state, &mut f)
            .await?
            .map(|panel| Action::ConvenePanel { panel }),
        ActionKind::SubmitResponse => f
            .text("body", body, true)
            .map(|body| Action::SubmitResponse { body }),
        ActionKind::IssueDecision => {
            let outcome = f.required("outcome", outcome);
            let findings = f.text("findings", findings, true);
            let inputs = f
                .optional("recommendations", recommendations)
                .unwrap_or_default();
            let mut drafts = Vec::with_capacity(inputs.len());
            // Each error names the recommendation as it was sent, whatever else is wrong.
            for (i, input) in inputs.into_iter().enumerate() {
                let field = format!("recommendations[{i}].text");
                let text = text(&field, &input.text, &mut f.errors);
                let owner = OrganisationId(input.owner_organisation_id);
                let known = state.store.organisation(owner).await.is_ok();
                if !known {
                    f.errors.push(FieldError::new(
                        format!("recommendations[{i}].owner_organisation_id"),
                        "there is no such organisation",
                    ));
                }
                if let (Some(text), true) = (text, known) {
                    drafts.push(RecommendationDraft {
                        text,
                        owner_organisation_id: owner,
                        due_on: input.due_on,
                    });
                }
            }
            match (outcome, findings) {
                (Some(outcome), Some(findings)) => Some(Action::IssueDecision {
                    outcome,
                    findings,
                    recommendations: drafts,
                }),
                _ => None,
            }
        }
        ActionKind::Appeal => f
            .text("grounds", grounds, true)
            .map(|grounds| Action::Appeal { grounds }),
        ActionKind::AcceptDecision => Some(Action::AcceptDecision),
        ActionKind::LapseAppealWindow => Some(Action::LapseAppealWindow),
        // The scheduler's own actions: built so that the workflow can refuse them to a
        // person (403), like any action outside one's role.
        ActionKind::SendReminder => f
            .required("deadline", deadline)
            .map(|deadline| Action::SendReminder { deadline }),
        ActionKind::SendOverdueNotice => f
            .required("deadline", deadline)
            .map(|deadline| Action::SendOverdueNotice { deadline }),
        ActionKind::ConveneAppealPanel => panel(state, &mut f)
            .await?
            .map(|panel| Action::ConveneAppealPanel { panel }),
        ActionKind::DismissAppeal => f
            .text("reason", reason, true)
            .map(|reason| Action::DismissAppeal { reason }),
        ActionKind::DecideAppeal => {
            let result = f.required("result", result);
            let outcome = f.optional("outcome", outcome);
            let reasons = f.text("reasons", reasons, true);
            match (result, reasons) {
                (Some(result), Some(reasons)) => Some(Action::DecideAppeal {
                    result,
                    outcome,
                    reasons,
                }),
                _ => None,
            }
        }
        ActionKind::Withdraw => f
            .text("reason", reason, true)
            .map(|reason| Action::Withdraw { reason }),
        ActionKind::Pause => f
            .text("reason", reason, true)
            .map(|reason| Action::Pause { reason }),
        ActionKind::Resume => Some(Action::Resume),
        ActionKind::ExtendDeadline => {
            let working_days = f.required("working_days", working_days);
            let reason = f.text("reason", reason, true);
            let deadline = f.optional("deadline", deadline);
            match (working_days, reason) {
                (Some(working_days), Some(reason)) => Some(Action::ExtendDeadline {
                    working_days,
                    reason,
                    deadline,
                }),
                _ => None,
            }
        }
        ActionKind::ReferExternally => {
            let to = f.required("to", to);
            let reason = f.text("reason", reason, true);
            match (to, reason) {
                (Some(to), Some(reason)) => Some(Action::ReferExternally { to, reason }),
                _ => None,
            }
        }
        ActionKind::RecordLessons => f
            .text("lessons", lessons, true)
            .map(|lessons| Action::RecordLessons { lessons }),
        ActionKind::ReferCaseStudy => Some(Action::ReferCaseStudy),
        ActionKind::MarkRecommendation => {
            // Marked through /recommendations/{id}/actions/..., which names the
            // recommendation; here there is no way to say which.
            return Err(ApiError::not_found());
        }
    };
    f.unused(kind, &present);
    let action = done(built, std::mem::take(&mut f.errors))?;
    Ok((action, note))
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
