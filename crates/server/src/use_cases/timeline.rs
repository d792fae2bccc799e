//! A case's story in words, for its page and for its record in a bundle: who did what and
//! when, with the names of the people and organisations it mentions.

use disputes_i18n::Locale;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use disputes_workflow::{Action, Actor, EventBody, PersonId, Redaction};
use serde::Serialize;

use crate::problem::ApiError;
use crate::state::AppState;

/// Names of the people and organisations a page mentions.
pub(crate) struct Names {
    people: HashMap<i64, String>,
    organisations: HashMap<i64, String>,
}

impl Names {
    /// The organisations' names, and those of `people`.
    pub(crate) async fn of(
        state: &AppState,
        people: impl IntoIterator<Item = i64>,
    ) -> Result<Names, ApiError> {
        let organisations = state
            .store
            .all_organisations()
            .await?
            .into_iter()
            .map(|o| (o.id.0, o.name))
            .collect();
        let mut names = HashMap::new();
        for id in people {
            if let std::collections::hash_map::Entry::Vacant(entry) = names.entry(id) {
                let record = state.store.person(PersonId(id)).await?;
                entry.insert(record.name);
            }
        }
        Ok(Names {
            people: names,
            organisations,
        })
    }

    /// A person's name ("Someone" for one not looked up).
    pub(crate) fn person(&self, id: i64) -> String {
        self.people
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "Someone".to_owned())
    }

    /// An organisation's name.
    pub(crate) fn organisation(&self, id: i64) -> String {
        self.organisations.get(&id).cloned().unwrap_or_default()
    }
}

/// An event of the timeline, in words.
#[derive(Debug, Serialize)]
pub(crate) struct TimelineEntry {
    /// When.
    pub(crate) at: DateTime<Utc>,
    /// Who did what, as a sentence.
    pub(crate) headline: String,
    /// The main text the action carried.
    pub(crate) text: Option<String>,
    /// The note kept with it.
    pub(crate) note: Option<String>,
}

/// The words of an event: "Linda Cole of Leicestershire County Council acknowledged the
/// disagreement", and the main text the action carried.
/// The sentences are `locale`'s `done-` entries.
pub(crate) fn timeline(
    locale: &Locale,
    events: &[disputes_workflow::CaseEvent],
    names: &Names,
    reads_reasons: bool,
) -> Vec<TimelineEntry> {
    events
        .iter()
        .map(|event| {
            let who = match &event.actor {
                Actor::Person(person) => disputes_notify::content::person_of(
                    locale,
                    &names.person(person.id.0),
                    &names.organisation(person.organisation_id.0),
                ),
                Actor::System => locale.t("the-service"),
            };
            let said = |key: &str| locale.text(key, &[("who", who.clone().into())]);
            let (headline, text, note) = match &event.body {
                EventBody::Raised { .. } => (said("done-raised"), None, None),
                EventBody::Redacted { redaction } => (
                    match redaction {
                        Redaction::Retention { closed_case_years } => locale.text(
                            "done-retention",
                            &[
                                ("who", who.clone().into()),
                                ("years", (*closed_case_years).into()),
                            ],
                        ),
                        Redaction::Erasure { .. } => said("done-erasure"),
                    },
                    redaction
                        .reason()
                        .filter(|_| reads_reasons)
                        .map(ToString::to_string),
                    None,
                ),
                EventBody::Acted { action, note } => (
                    said(&format!("done-{}", action.kind().as_str())),
                    action_text(action),
                    note.as_ref().map(ToString::to_string),
                ),
            };
            TimelineEntry {
                at: event.at,
                headline,
                text,
                note,
            }
        })
        .collect()
}

/// The text an action carried, to quote in the timeline.
fn action_text(action: &Action) -> Option<String> {
    let text = match action {
        Action::Escalate { reason } => reason.as_ref()?,
        Action::ProposeResolution { terms } => terms,
        Action::RejectResolution { reason }
        | Action::ReturnToInformal { reason }
        | Action::DeclineFormal { reason }
        | Action::DismissAppeal { reason }
        | Action::Withdraw { reason }
        | Action::Pause { reason }
        | Action::ExtendDeadline { reason, .. }
        | Action::ReferExternally { reason, .. } => reason,
        Action::SubmitResponse { body } => body,
        Action::IssueDecision { findings, .. } => findings,
        Action::Appeal { grounds } => grounds,
        Action::DecideAppeal { reasons, .. } => reasons,
        Action::RecordLessons { lessons } => lessons,
        _ => return None,
    };
    Some(text.to_string())
}
