//! The actions people (and the scheduler) take on a case, with the fields each needs.
//!
//! [`Action`] is what the API receives and what the audit trail records; its serde form is
//! tagged by `action` (`{"action": "escalate", "reason": "..."}`). [`ActionKind`] names an
//! action without its fields, for `allowed_actions` and URL paths.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::deadline::DeadlineKind;
use crate::ids::OrganisationId;
use crate::panel::ProposedPanel;
use crate::state::{AppealResult, ExternalBody, FormalOutcome};
use crate::text::Text;

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
}

/// An action on a case, with its fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Respondent: acknowledges the disagreement and opens dialogue.
    Acknowledge,
    /// Raiser: takes the matter to the formal stage. A reason is required once dialogue has
    /// begun; from `raised` the overdue acknowledgement is reason enough.
    Escalate {
        /// Why informal resolution has not worked.
        #[serde(default)]
        reason: Option<Text>,
    },
    /// Either party: proposes terms to settle the matter.
    ProposeResolution {
        /// The proposed terms.
        terms: Text,
    },
    /// The other party: accepts the proposed terms, closing the case.
    AcceptResolution,
    /// The other party: rejects the proposed terms; dialogue continues.
    RejectResolution {
        /// Why.
        reason: Text,
    },
    /// Subgroup chair: accepts the formal complaint.
    AcceptFormal,
    /// Subgroup chair: sends the case back because the informal stage was not really tried.
    ReturnToInformal {
        /// Why.
        reason: Text,
    },
    /// Subgroup chair: declines the complaint (not a Compact matter, or out of time).
    DeclineFormal {
        /// Why.
        reason: Text,
    },
    /// Subgroup chair: convenes the formal panel.
    ConvenePanel {
        /// The proposed panel.
        panel: ProposedPanel,
    },
    /// Respondent: sends the panel a written response.
    SubmitResponse {
        /// The response.
        body: Text,
    },
    /// Panel chair: issues the panel's decision.
    IssueDecision {
        /// The finding.
        outcome: FormalOutcome,
        /// The panel's reasoning.
        findings: Text,
        /// What the panel recommends.
        #[serde(default)]
        recommendations: Vec<RecommendationDraft>,
    },
    /// Either party: appeals the decision within the appeal window.
    Appeal {
        /// The grounds of appeal.
        grounds: Text,
    },
    /// Either party, once each: accepts the decision; when both have, the case closes.
    AcceptDecision,
    /// The scheduler: the appeal window passed with no appeal, so the decision stands.
    LapseAppealWindow,
    /// The scheduler: reminds whoever owes a deadline that it falls due soon.
    SendReminder {
        /// Which running deadline.
        deadline: DeadlineKind,
    },
    /// The scheduler: tells whoever owed a deadline, the subgroup chair and the facilitator
    /// that it has passed.
    SendOverdueNotice {
        /// Which running deadline.
        deadline: DeadlineKind,
    },
    /// Subgroup chair: convenes the appeal panel.
    ConveneAppealPanel {
        /// The proposed panel.
        panel: ProposedPanel,
    },
    /// Subgroup chair: dismisses the appeal (out of time, or no grounds).
    DismissAppeal {
        /// Why.
        reason: Text,
    },
    /// Appeal panel chair: decides the appeal; final.
    DecideAppeal {
        /// What the appeal did to the decision.
        result: AppealResult,
        /// The new outcome; required when the decision is varied or overturned.
        #[serde(default)]
        outcome: Option<FormalOutcome>,
        /// The appeal panel's reasons.
        reasons: Text,
    },
    /// Raiser: withdraws the disagreement.
    Withdraw {
        /// Why.
        reason: Text,
    },
    /// Subgroup chair or facilitator: pauses the case; every deadline waits.
    Pause {
        /// Why.
        reason: Text,
    },
    /// Subgroup chair or facilitator: resumes a paused case.
    Resume,
    /// Subgroup chair or facilitator: gives more time.
    ExtendDeadline {
        /// Working days to add.
        working_days: u32,
        /// Why.
        reason: Text,
        /// Which running deadline; all of them when not given.
        #[serde(default)]
        deadline: Option<DeadlineKind>,
    },
    /// Subgroup chair: refers the case outside the Compact's process, closing it.
    ReferExternally {
        /// To whom.
        to: ExternalBody,
        /// Why.
        reason: Text,
    },
    /// Facilitator or a party's champion, after closing: records the lessons learned.
    RecordLessons {
        /// The lessons.
        lessons: Text,
    },
    /// Facilitator or a party's champion, after closing: refers the case to the Steering
    /// Group as an anonymised case study.
    ReferCaseStudy,
    /// Facilitator or a champion concerned, after closing: records what became of a
    /// recommendation.
    MarkRecommendation {
        /// Its position in the decision's list, from 0.
        recommendation: usize,
        /// `implemented` or `not_implemented`.
        status: RecommendationStatus,
    },
}

macro_rules! action_kinds {
    ($($kind:ident => $name:literal),* $(,)?) => {
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
    };
}

action_kinds! {
    Acknowledge => "acknowledge",
    Escalate => "escalate",
    ProposeResolution => "propose_resolution",
    AcceptResolution => "accept_resolution",
    RejectResolution => "reject_resolution",
    AcceptFormal => "accept_formal",
    ReturnToInformal => "return_to_informal",
    DeclineFormal => "decline_formal",
    ConvenePanel => "convene_panel",
    SubmitResponse => "submit_response",
    IssueDecision => "issue_decision",
    Appeal => "appeal",
    AcceptDecision => "accept_decision",
    LapseAppealWindow => "lapse_appeal_window",
    SendReminder => "send_reminder",
    SendOverdueNotice => "send_overdue_notice",
    ConveneAppealPanel => "convene_appeal_panel",
    DismissAppeal => "dismiss_appeal",
    DecideAppeal => "decide_appeal",
    Withdraw => "withdraw",
    Pause => "pause",
    Resume => "resume",
    ExtendDeadline => "extend_deadline",
    ReferExternally => "refer_externally",
    RecordLessons => "record_lessons",
    ReferCaseStudy => "refer_case_study",
    MarkRecommendation => "mark_recommendation",
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

impl ActionKind {
    /// The action's name in words, for messages: "propose a resolution".
    pub fn describe(self) -> &'static str {
        match self {
            ActionKind::Acknowledge => "acknowledge the disagreement",
            ActionKind::Escalate => "escalate to the formal stage",
            ActionKind::ProposeResolution => "propose a resolution",
            ActionKind::AcceptResolution => "accept the proposed resolution",
            ActionKind::RejectResolution => "reject the proposed resolution",
            ActionKind::AcceptFormal => "accept the formal complaint",
            ActionKind::ReturnToInformal => "return the case to the informal stage",
            ActionKind::DeclineFormal => "decline the formal complaint",
            ActionKind::ConvenePanel => "convene the panel",
            ActionKind::SubmitResponse => "submit the written response",
            ActionKind::IssueDecision => "issue the panel's decision",
            ActionKind::Appeal => "appeal the decision",
            ActionKind::AcceptDecision => "accept the decision",
            ActionKind::LapseAppealWindow => "close the appeal window",
            ActionKind::SendReminder => "send a deadline reminder",
            ActionKind::SendOverdueNotice => "send an overdue notice",
            ActionKind::ConveneAppealPanel => "convene the appeal panel",
            ActionKind::DismissAppeal => "dismiss the appeal",
            ActionKind::DecideAppeal => "decide the appeal",
            ActionKind::Withdraw => "withdraw the disagreement",
            ActionKind::Pause => "pause the case",
            ActionKind::Resume => "resume the case",
            ActionKind::ExtendDeadline => "extend a deadline",
            ActionKind::ReferExternally => "refer the case externally",
            ActionKind::RecordLessons => "record lessons learned",
            ActionKind::ReferCaseStudy => "refer the case as a case study",
            ActionKind::MarkRecommendation => "mark a recommendation",
        }
    }

    /// A stand-in action of this kind, for asking the machine whether a person may take it.
    /// Its fields are never read: the machine decides who and when before it reads fields.
    pub(crate) fn placeholder(self) -> Action {
        let text = Text::placeholder;
        let panel = || ProposedPanel {
            members: Vec::new(),
            chair_id: crate::ids::PersonId(0),
        };
        match self {
            ActionKind::Acknowledge => Action::Acknowledge,
            ActionKind::Escalate => Action::Escalate { reason: None },
            ActionKind::ProposeResolution => Action::ProposeResolution { terms: text() },
            ActionKind::AcceptResolution => Action::AcceptResolution,
            ActionKind::RejectResolution => Action::RejectResolution { reason: text() },
            ActionKind::AcceptFormal => Action::AcceptFormal,
            ActionKind::ReturnToInformal => Action::ReturnToInformal { reason: text() },
            ActionKind::DeclineFormal => Action::DeclineFormal { reason: text() },
            ActionKind::ConvenePanel => Action::ConvenePanel { panel: panel() },
            ActionKind::SubmitResponse => Action::SubmitResponse { body: text() },
            ActionKind::IssueDecision => Action::IssueDecision {
                outcome: FormalOutcome::NotUpheld,
                findings: text(),
                recommendations: Vec::new(),
            },
            ActionKind::Appeal => Action::Appeal { grounds: text() },
            ActionKind::AcceptDecision => Action::AcceptDecision,
            ActionKind::LapseAppealWindow => Action::LapseAppealWindow,
            ActionKind::SendReminder => Action::SendReminder {
                deadline: DeadlineKind::Acknowledgement,
            },
            ActionKind::SendOverdueNotice => Action::SendOverdueNotice {
                deadline: DeadlineKind::Acknowledgement,
            },
            ActionKind::ConveneAppealPanel => Action::ConveneAppealPanel { panel: panel() },
            ActionKind::DismissAppeal => Action::DismissAppeal { reason: text() },
            ActionKind::DecideAppeal => Action::DecideAppeal {
                result: AppealResult::DecisionConfirmed,
                outcome: None,
                reasons: text(),
            },
            ActionKind::Withdraw => Action::Withdraw { reason: text() },
            ActionKind::Pause => Action::Pause { reason: text() },
            ActionKind::Resume => Action::Resume,
            ActionKind::ExtendDeadline => Action::ExtendDeadline {
                working_days: 0,
                reason: text(),
                deadline: None,
            },
            ActionKind::ReferExternally => Action::ReferExternally {
                to: ExternalBody::Mediation,
                reason: text(),
            },
            ActionKind::RecordLessons => Action::RecordLessons { lessons: text() },
            ActionKind::ReferCaseStudy => Action::ReferCaseStudy,
            ActionKind::MarkRecommendation => Action::MarkRecommendation {
                recommendation: 0,
                status: RecommendationStatus::Implemented,
            },
        }
    }
}

impl Action {
    /// The action's name.
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Acknowledge => ActionKind::Acknowledge,
            Action::Escalate { .. } => ActionKind::Escalate,
            Action::ProposeResolution { .. } => ActionKind::ProposeResolution,
            Action::AcceptResolution => ActionKind::AcceptResolution,
            Action::RejectResolution { .. } => ActionKind::RejectResolution,
            Action::AcceptFormal => ActionKind::AcceptFormal,
            Action::ReturnToInformal { .. } => ActionKind::ReturnToInformal,
            Action::DeclineFormal { .. } => ActionKind::DeclineFormal,
            Action::ConvenePanel { .. } => ActionKind::ConvenePanel,
            Action::SubmitResponse { .. } => ActionKind::SubmitResponse,
            Action::IssueDecision { .. } => ActionKind::IssueDecision,
            Action::Appeal { .. } => ActionKind::Appeal,
            Action::AcceptDecision => ActionKind::AcceptDecision,
            Action::LapseAppealWindow => ActionKind::LapseAppealWindow,
            Action::SendReminder { .. } => ActionKind::SendReminder,
            Action::SendOverdueNotice { .. } => ActionKind::SendOverdueNotice,
            Action::ConveneAppealPanel { .. } => ActionKind::ConveneAppealPanel,
            Action::DismissAppeal { .. } => ActionKind::DismissAppeal,
            Action::DecideAppeal { .. } => ActionKind::DecideAppeal,
            Action::Withdraw { .. } => ActionKind::Withdraw,
            Action::Pause { .. } => ActionKind::Pause,
            Action::Resume => ActionKind::Resume,
            Action::ExtendDeadline { .. } => ActionKind::ExtendDeadline,
            Action::ReferExternally { .. } => ActionKind::ReferExternally,
            Action::RecordLessons { .. } => ActionKind::RecordLessons,
            Action::ReferCaseStudy => ActionKind::ReferCaseStudy,
            Action::MarkRecommendation { .. } => ActionKind::MarkRecommendation,
        }
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
