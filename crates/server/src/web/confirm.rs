//! Check your answers: before a step that cannot be undone (raising a disagreement, taking
//! it to the formal stage, a decision, an appeal, withdrawing, closing), the person sees
//! what they are about to send, what will happen, and who will be told, and confirms.
//!
//! Nothing is kept between the two pages: the answers travel in the confirming form's
//! hidden fields and are checked again when it comes back. What will happen is found by
//! deciding the step on the case as it stands, without keeping the result: the same
//! decision the store makes when the step is confirmed.

use axum::http::StatusCode;
use axum::response::Response;
use disputes_workflow::{
    Action, ActionKind, Audience, Decided, Input, OrganisationId, Owing, PersonId, ProposedPanel,
    RecommendationDraft,
};
use serde::Serialize;

use super::chrome::Page;
use super::form::Form;
use super::owing::{OwingWords, what_is_owed};
use crate::auth::csrf::TOKEN_FIELD;
use crate::labels::{self, Words};
use crate::problem::ApiError;
use crate::state::AppState;
use disputes_i18n::Locale;

/// The form fields that steer the pages rather than answer a question: never carried.
const STEERING: [&str; 4] = [TOKEN_FIELD, "confirm", "change", "check"];

/// The steps that cannot be undone, and so are confirmed on a page of their own.
pub(crate) fn confirm_first(kind: ActionKind) -> bool {
    matches!(
        kind,
        ActionKind::Escalate
            | ActionKind::AcceptResolution
            | ActionKind::DeclineFormal
            | ActionKind::IssueDecision
            | ActionKind::Appeal
            | ActionKind::AcceptDecision
            | ActionKind::DismissAppeal
            | ActionKind::DecideAppeal
            | ActionKind::Withdraw
            | ActionKind::ReferExternally
    )
}

/// One answer, as the summary list shows it.
#[derive(Debug, Serialize)]
pub(crate) struct Answer {
    /// What was asked.
    pub(crate) question: String,
    /// What was answered, a line each.
    pub(crate) lines: Vec<String>,
    /// The id of the field to change it at.
    pub(crate) field: String,
}

impl Answer {
    /// An answer of one line.
    pub(crate) fn one(question: &str, line: impl Into<String>, field: &str) -> Answer {
        Answer {
            question: question.to_owned(),
            lines: vec![line.into()],
            field: field.to_owned(),
        }
    }
}

/// What a step will set in motion: where the case will stand, what will be owed next and
/// by whom, and who will be emailed.
#[derive(Debug, Serialize)]
pub(crate) struct Consequences {
    /// Where the case will stand, in words.
    pub(crate) stands: String,
    /// What will be owed next, a sentence each.
    pub(crate) next: Vec<String>,
    /// Who will be emailed, in a sentence.
    pub(crate) told: String,
}

/// What confirming the step `decided` (decided, not kept) will set in motion.
pub(crate) async fn consequences(
    state: &AppState,
    locale: &Locale,
    decided: &Decided,
) -> Result<Consequences, ApiError> {
    let case = &decided.case;
    let stage = case.stage();
    let stands = if case.state.is_closed() {
        let outcome = case
            .state
            .outcome()
            .map(|o| o.words(locale))
            .unwrap_or_default();
        locale.text("confirm-will-close", &[("outcome", outcome.into())])
    } else {
        locale.text(
            "confirm-will-be",
            &[
                (
                    "stage",
                    locale.t(&format!("stage-phrase-{}", stage.as_str())).into(),
                ),
                ("state", labels::state(locale, case.state.kind()).into()),
            ],
        )
    };
    let running: Vec<_> = case.deadlines.iter().filter(|d| d.is_running()).collect();
    let owings: Vec<Owing> = running.iter().map(|d| Owing::of(case, d.kind)).collect();
    let words = OwingWords::of(state, &owings).await?;
    let next = running
        .iter()
        .zip(&owings)
        .map(|(deadline, owing)| {
            locale.text(
                "confirm-will-owe",
                &[
                    ("who", words.who(locale, owing).into()),
                    ("due", locale.long_date(deadline.due_on).into()),
                    ("what", what_is_owed(locale, deadline.kind, owing).into()),
                ],
            )
        })
        .collect();
    let told = told(state, locale, &Audience::of(case, &decided.event)).await?;
    Ok(Consequences { stands, next, told })
}

/// Who `audience` is, in a sentence.
async fn told(state: &AppState, locale: &Locale, audience: &Audience) -> Result<String, ApiError> {
    if audience.is_empty() {
        return Ok(locale.t("confirm-nobody-told"));
    }
    let mut organisations: Vec<OrganisationId> = audience
        .members_of
        .iter()
        .chain(&audience.champions_of)
        .copied()
        .collect();
    organisations.sort_unstable();
    organisations.dedup();
    let names = state.store.organisation_names(&organisations).await?;
    let mut groups = Vec::new();
    for id in &organisations {
        let key = match (
            audience.members_of.contains(id),
            audience.champions_of.contains(id),
        ) {
            (true, true) => "confirm-members-and-champions",
            (true, false) => "confirm-members",
            _ => "confirm-champions",
        };
        groups.push(locale.text(
            key,
            &[(
                "organisation",
                names.get(id).cloned().unwrap_or_default().into(),
            )],
        ));
    }
    if audience.chairs {
        groups.push(locale.t("confirm-subgroup-chair"));
    }
    if audience.facilitators {
        groups.push(locale.t("confirm-facilitator"));
    }
    let panel: Vec<PersonId> = audience
        .people
        .iter()
        .filter(|id| Some(**id) != audience.except)
        .map(|id| PersonId(id.0))
        .collect();
    let names = state.store.person_names(&panel).await?;
    let people: Vec<String> = panel
        .iter()
        .filter_map(|id| names.get(id).cloned())
        .collect();
    if !people.is_empty() {
        groups.push(locale.text("confirm-panel", &[("names", people.join(", ").into())]));
    }
    let list = disputes_notify::content::in_a_list(locale, &groups);
    Ok(locale.text("confirm-told", &[("list", list.into())]))
}

/// The answers an action carries, as the summary list shows them: each field the action's
/// table gives it, under the question its form asked, in the form's order.
pub(crate) async fn answers_of(
    state: &AppState,
    locale: &Locale,
    action: &Action,
    note: Option<&str>,
) -> Result<Vec<Answer>, ApiError> {
    let sent = serde_json::to_value(action).unwrap_or_default();
    let mut answers = Vec::new();
    for field in action.kind().fields() {
        let value = &sent[field.name];
        let lines = match field.input {
            _ if value.is_null() => continue,
            Input::Text => vec![value.as_str().unwrap_or_default().to_owned()],
            Input::Days | Input::Index => vec![value.to_string()],
            Input::Recommendations => {
                let drafts: Vec<RecommendationDraft> =
                    serde_json::from_value(value.clone()).unwrap_or_default();
                recommendation_lines(state, locale, &drafts).await?
            }
            Input::Panel => {
                // Written from the typed action a moment ago: it always reads back.
                let Ok(panel) = serde_json::from_value::<ProposedPanel>(value.clone()) else {
                    continue;
                };
                panel_lines(state, locale, &panel).await?
            }
            Input::Outcome
            | Input::AppealResult
            | Input::Deadline
            | Input::External
            | Input::RecommendationStatus => {
                vec![labels::choice(locale, value.as_str().unwrap_or_default())]
            }
        };
        // "Change" goes to the form's first control for the field.
        let control = field.wire_names().first().copied().unwrap_or(field.name);
        answers.push(Answer {
            question: locale.t(&labels::field_key(action.kind(), field.name)),
            lines,
            field: control.to_owned(),
        });
    }
    if let Some(note) = note {
        answers.push(Answer::one(&locale.t("action-note-question"), note, "note"));
    }
    Ok(answers)
}

/// A decision's recommendations, a line each: what, for whom, by when.
async fn recommendation_lines(
    state: &AppState,
    locale: &Locale,
    recommendations: &[RecommendationDraft],
) -> Result<Vec<String>, ApiError> {
    let owners: Vec<OrganisationId> = recommendations
        .iter()
        .map(|r| r.owner_organisation_id)
        .collect();
    let owners = state.store.organisation_names(&owners).await?;
    let mut lines: Vec<String> = recommendations
        .iter()
        .map(|r| {
            let owner = owners.get(&r.owner_organisation_id);
            locale.text(
                "action-recommendation-line",
                &[
                    ("text", r.text.as_str().into()),
                    ("organisation", owner.map_or("", String::as_str).into()),
                    ("date", locale.long_date(r.due_on).into()),
                ],
            )
        })
        .collect();
    if lines.is_empty() {
        lines.push(locale.t("action-recommendations-none"));
    }
    Ok(lines)
}

/// A panel's members, a line each, its chair named as such.
async fn panel_lines(
    state: &AppState,
    locale: &Locale,
    panel: &ProposedPanel,
) -> Result<Vec<String>, ApiError> {
    let ids: Vec<PersonId> = panel.members.iter().map(|m| m.person_id).collect();
    let names = state.store.person_names(&ids).await?;
    Ok(ids
        .iter()
        .filter_map(|id| {
            let name = names.get(id)?;
            Some(if *id == panel.chair_id {
                locale.text("action-panel-chair-line", &[("name", name.into())])
            } else {
                name.clone()
            })
        })
        .collect())
}

/// The check-your-answers page: `answers` to confirm at `action`, with the `form` they came
/// from carried in hidden fields, what confirming will set in motion, and the button that
/// confirms it (`confirm`) and the one that goes back to change them.
pub(crate) struct Confirmation<'a> {
    /// The page's heading.
    pub(crate) title: String,
    /// The case it is about (its reference and title), if any.
    pub(crate) case: Option<(String, String)>,
    /// Where the confirming form goes.
    pub(crate) action: String,
    /// What was answered.
    pub(crate) answers: Vec<Answer>,
    /// What will happen.
    pub(crate) consequences: Consequences,
    /// The confirming button's words.
    pub(crate) confirm: String,
    /// Whether the step is one to think twice about (a red button).
    pub(crate) warning: bool,
    /// The form as sent.
    pub(crate) form: &'a Form,
}

impl Confirmation<'_> {
    /// Renders the page.
    pub(crate) fn show(self, page: &Page) -> Result<Response, ApiError> {
        let carried: Vec<(String, String)> = self
            .form
            .pairs()
            .iter()
            .filter(|(name, _)| !STEERING.contains(&name.as_str()))
            .cloned()
            .collect();
        page.render(
            StatusCode::OK,
            "check_answers.html",
            page_context! {
                title => self.title,
                section => "cases",
                case => self.case,
                action => self.action,
                answers => self.answers,
                consequences => self.consequences,
                confirm => self.confirm,
                warning => self.warning,
                carried,
            },
        )
    }
}
