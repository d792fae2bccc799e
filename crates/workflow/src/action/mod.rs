//! The actions people (and the scheduler) take on a case, with the fields each needs.
//!
//! [`Action`] is what the API receives and what the audit trail records; its serde form is
//! tagged by `action` (`{"action": "escalate", "reason": "..."}`). [`ActionKind`] names an
//! action without its fields, for `allowed_actions` and URL paths; [`ActionKind::fields`]
//! describes each field for the API's schema and the pages' forms. All three come from one
//! table, so a field is added to an action in one place.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

mod field;

pub use field::{ActionField, Input, PANEL_CHAIR, PANEL_MEMBERS};

use crate::actor::Actor;
use crate::deadline::DeadlineKind;
use crate::ids::OrganisationId;
use crate::panel::ProposedPanel;
use crate::state::{AppealResult, ExternalBody, FormalOutcome};
use crate::text::Text;
use field::FieldType;

/// A recommendation as a panel writes it into its decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationDraft {
    /// What should be done.
    pub text: Text,
    /// The organisation that should do it.
    pub owner_organisation_id: OrganisationId,
    /// By when.
    pub due_on: NaiveDate,
}

/// What became of a recommendation after the case closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RecommendationStatus {
    /// Not yet marked.
    Open,
    /// Done.
    Implemented,
    /// Not done, and not going to be.
    NotImplemented,
    /// Withdrawn with its decision, which an appeal overturned; never marked by a person.
    Withdrawn,
}

impl RecommendationStatus {
    /// Every status, the unmarked first.
    pub const ALL: [RecommendationStatus; 4] = [
        RecommendationStatus::Open,
        RecommendationStatus::Implemented,
        RecommendationStatus::NotImplemented,
        RecommendationStatus::Withdrawn,
    ];
}

/// Declares [`Action`] and [`ActionKind`] from one table: each action's API name, its words,
/// and each field with its type. What the API's schema, the page's form and the request's
/// checks need is read from here ([`ActionKind::fields`]), so an action's field is added in
/// one place; what a form calls each field is in the catalogues
/// (`action-{action}-{field}`), in each language.
macro_rules! actions {
    ($(
        $(#[$doc:meta])*
        $kind:ident = $name:literal, $words:literal
        $({$(
            $(#[$field_doc:meta])*
            $field:ident: $ty:ty
        ),* $(,)?})?;
    )*) => {
        /// An action on a case, with its fields.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(tag = "action", rename_all = "snake_case")]
        pub enum Action {
            $(
                $(#[$doc])*
                $kind $({$(
                    $(#[$field_doc])*
                    $field: $ty,
                )*})?,
            )*
        }

        /// An action's name, without its fields.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum ActionKind {
            $(
                #[doc = concat!("`", $name, "`: see [`Action::", stringify!($kind), "`].")]
                $kind,
            )*
        }

        impl ActionKind {
            /// Every action, in process order.
            pub const ALL: &'static [ActionKind] = &[$(ActionKind::$kind),*];

            /// The action's name as the API spells it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ActionKind::$kind => $name,)*
                }
            }

            /// The action's name in words, for messages: "propose a resolution".
            pub fn describe(self) -> &'static str {
                match self {
                    $(ActionKind::$kind => $words,)*
                }
            }

            /// The fields the action takes, in the order a form asks for them; every action
            /// also takes an optional note for the timeline.
            pub fn fields(self) -> &'static [ActionField] {
                match self {
                    $(ActionKind::$kind => {
                        const FIELDS: &[ActionField] = &[$($(ActionField {
                            name: stringify!($field),
                            input: <$ty as FieldType>::INPUT,
                            required: <$ty as FieldType>::REQUIRED,
                        },)*)?];
                        FIELDS
                    })*
                }
            }

            /// A stand-in action of this kind, for asking the machine whether a person may
            /// take it. Its fields are never read: the machine decides who and when before
            /// it reads fields.
            pub(crate) fn placeholder(self) -> Action {
                match self {
                    $(ActionKind::$kind => Action::$kind $({$(
                        $field: <$ty as FieldType>::placeholder(),
                    )*})?,)*
                }
            }
        }

        impl FromStr for ActionKind {
            type Err = UnknownAction;
            fn from_str(name: &str) -> Result<Self, UnknownAction> {
                match name {
                    $($name => Ok(ActionKind::$kind),)*
                    _ => Err(UnknownAction),
                }
            }
        }

        impl Action {
            /// The action's name.
            pub fn kind(&self) -> ActionKind {
                match self {
                    $(Action::$kind { .. } => ActionKind::$kind,)*
                }
            }

            /// Pushes each piece of the action's free text, field by field in the table's
            /// order (see `crate::content`).
            pub(crate) fn texts_mut<'a>(&'a mut self, out: &mut Vec<&'a mut String>) {
                match self {
                    $(Action::$kind $({$($field),*})? => {
                        $($(FieldType::texts_mut($field, out);)*)?
                    })*
                }
            }
        }
    };
}

actions! {
    /// Respondent: acknowledges the disagreement and opens dialogue.
    Acknowledge = "acknowledge", "acknowledge the disagreement";
    /// Raiser: takes the matter to the formal stage. A reason is required once dialogue has
    /// begun; from `raised` the overdue acknowledgement is reason enough.
    Escalate = "escalate", "escalate to the formal stage" {
        /// Why informal resolution has not worked.
        reason: Option<Text>,
    };
    /// Either party: proposes terms to settle the matter.
    ProposeResolution = "propose_resolution", "propose a resolution" {
        /// The proposed terms.
        terms: Text,
    };
    /// The other party: accepts the proposed terms, closing the case.
    AcceptResolution = "accept_resolution", "accept the proposed resolution";
    /// The other party: rejects the proposed terms; dialogue continues.
    RejectResolution = "reject_resolution", "reject the proposed resolution" {
        /// Why.
        reason: Text,
    };
    /// Subgroup chair: accepts the formal complaint.
    AcceptFormal = "accept_formal", "accept the formal complaint";
    /// Subgroup chair: sends the case back because the informal stage was not really tried.
    ReturnToInformal = "return_to_informal", "return the case to the informal stage" {
        /// Why.
        reason: Text,
    };
    /// Subgroup chair: declines the complaint (not a Compact matter, or out of time).
    DeclineFormal = "decline_formal", "decline the formal complaint" {
        /// Why.
        reason: Text,
    };
    /// Subgroup chair: convenes the formal panel.
    ConvenePanel = "convene_panel", "convene the panel" {
        /// The proposed panel.
        panel: ProposedPanel,
    };
    /// Respondent: sends the panel a written response.
    SubmitResponse = "submit_response", "submit the written response" {
        /// The response.
        body: Text,
    };
    /// Panel chair: issues the panel's decision.
    IssueDecision = "issue_decision", "issue the panel's decision" {
        /// The finding.
        outcome: FormalOutcome,
        /// The panel's reasoning.
        findings: Text,
        /// What the panel recommends.
        #[serde(default)]
        recommendations: Vec<RecommendationDraft>,
    };
    /// Either party: appeals the decision within the appeal window.
    Appeal = "appeal", "appeal the decision" {
        /// The grounds of appeal.
        grounds: Text,
    };
    /// Either party, once each: accepts the decision; when both have, the case closes.
    AcceptDecision = "accept_decision", "accept the decision";
    /// The scheduler: the appeal window passed with no appeal, so the decision stands.
    LapseAppealWindow = "lapse_appeal_window", "close the appeal window";
    /// The scheduler: reminds whoever owes a deadline that it falls due soon.
    SendReminder = "send_reminder", "send a deadline reminder" {
        /// Which running deadline.
        deadline: DeadlineKind,
    };
    /// The scheduler: tells whoever owed a deadline, the subgroup chair and the facilitator
    /// that it has passed.
    SendOverdueNotice = "send_overdue_notice", "send an overdue notice" {
        /// Which running deadline.
        deadline: DeadlineKind,
    };
    /// Subgroup chair: convenes the appeal panel.
    ConveneAppealPanel = "convene_appeal_panel", "convene the appeal panel" {
        /// The proposed panel.
        panel: ProposedPanel,
    };
    /// Subgroup chair: dismisses the appeal (out of time, or no grounds).
    DismissAppeal = "dismiss_appeal", "dismiss the appeal" {
        /// Why.
        reason: Text,
    };
    /// Appeal panel chair: decides the appeal; final.
    DecideAppeal = "decide_appeal", "decide the appeal" {
        /// What the appeal did to the decision.
        result: AppealResult,
        /// The new outcome; required when the decision is varied or overturned.
        outcome: Option<FormalOutcome>,
        /// The appeal panel's reasons.
        reasons: Text,
    };
    /// Raiser: withdraws the disagreement.
    Withdraw = "withdraw", "withdraw the disagreement" {
        /// Why.
        reason: Text,
    };
    /// Subgroup chair or facilitator: pauses the case; every deadline waits.
    Pause = "pause", "pause the case" {
        /// Why.
        reason: Text,
    };
    /// Subgroup chair or facilitator: resumes a paused case.
    Resume = "resume", "resume the case";
    /// Subgroup chair or facilitator: gives more time.
    ExtendDeadline = "extend_deadline", "extend a deadline" {
        /// Working days to add.
        working_days: u32,
        /// Which running deadline; all of them when not given.
        deadline: Option<DeadlineKind>,
        /// Why.
        reason: Text,
    };
    /// Subgroup chair: refers the case outside the Compact's process, closing it.
    ReferExternally = "refer_externally", "refer the case externally" {
        /// To whom.
        to: ExternalBody,
        /// Why.
        reason: Text,
    };
    /// Facilitator or a party's champion, after closing: records the lessons learned.
    RecordLessons = "record_lessons", "record lessons learned" {
        /// The lessons.
        lessons: Text,
    };
    /// Facilitator or a party's champion, after closing: refers the case to the Steering
    /// Group as an anonymised case study.
    ReferCaseStudy = "refer_case_study", "refer the case as a case study";
    /// Facilitator or a champion concerned, after closing: records what became of a
    /// recommendation.
    MarkRecommendation = "mark_recommendation", "mark a recommendation" {
        /// Its position in the decision's list, from 0.
        recommendation: usize,
        /// `implemented` or `not_implemented`.
        status: RecommendationStatus,
    };
}

/// A name that is not an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("there is no such action")]
pub struct UnknownAction;

impl fmt::Display for ActionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An action someone asks to take, at an instant, with an optional note for the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Command {
    /// Who acts.
    pub actor: Actor,
    /// What they do.
    pub action: Action,
    /// When: the service's clock, never the system's inside this crate.
    pub at: DateTime<Utc>,
    /// A note to keep with the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_name_and_placeholder() {
        for &kind in ActionKind::ALL {
            assert_eq!(kind.as_str().parse::<ActionKind>(), Ok(kind));
            assert_eq!(kind.placeholder().kind(), kind);
            let json = serde_json::to_value(kind.placeholder()).unwrap();
            assert_eq!(json["action"], kind.as_str());
        }
        assert_eq!("frobnicate".parse::<ActionKind>(), Err(UnknownAction));
    }

    #[test]
    fn every_field_is_described_as_serde_reads_it() {
        for &kind in ActionKind::ALL {
            let whole = serde_json::to_value(kind.placeholder()).unwrap();
            let mut sent: Vec<&str> = whole
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            sent.retain(|name| *name != "action");
            let mut described: Vec<&str> = kind.fields().iter().map(|f| f.name).collect();
            described.sort_unstable();
            sent.sort_unstable();
            assert_eq!(sent, described, "{kind}");
            for field in kind.fields() {
                let mut without = whole.clone();
                without.as_object_mut().unwrap().remove(field.name);
                let read = serde_json::from_value::<Action>(without);
                assert_eq!(read.is_err(), field.required, "{kind}.{}", field.name);
            }
        }
    }

    #[test]
    fn actions_read_from_the_api_shape() {
        let action: Action = serde_json::from_str(
            r#"{"action":"extend_deadline","working_days":3,"reason":"Holiday cover"}"#,
        )
        .unwrap();
        assert_eq!(action.kind(), ActionKind::ExtendDeadline);
        assert!(serde_json::from_str::<Action>(r#"{"action":"withdraw","reason":"  "}"#).is_err());
        assert!(serde_json::from_str::<Action>(r#"{"action":"withdraw"}"#).is_err());
    }
}
