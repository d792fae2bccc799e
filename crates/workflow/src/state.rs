//! Where a case stands: its state, the stage that state belongs to, and how it ended.
//!
//! [`CaseState`] is the state type of the statig machine in [`crate::machine`] and also the
//! stored format: its serde form (`{"state": "paused", "resume_to": "in_dialogue"}`) is
//! written here, on purpose, rather than derived from the machine.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The four stages a case moves through, as the stage bar shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Stage {
    /// Resolved between the partners, by dialogue and negotiation.
    Informal,
    /// A written complaint to the Dispute Resolution Subgroup.
    Formal,
    /// A fresh panel reviews the formal decision.
    Appeal,
    /// Finished, with an outcome.
    Closed,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 4] = [Stage::Informal, Stage::Formal, Stage::Appeal, Stage::Closed];

    /// The stage's name as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Informal => "informal",
            Stage::Formal => "formal",
            Stage::Appeal => "appeal",
            Stage::Closed => "closed",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The states in which a case is being worked on: where a pause remembers to return to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum OpenState {
    /// Informal: waiting for the respondent to acknowledge.
    Raised,
    /// Informal: the parties are talking.
    InDialogue,
    /// Informal: one party has proposed terms; the other must answer.
    ResolutionProposed,
    /// Formal: waiting for the subgroup to accept or return the complaint.
    Submitted,
    /// Formal: accepted, waiting for a panel.
    AwaitingPanel,
    /// Formal: the panel is reviewing.
    UnderReview,
    /// Formal: decided; the appeal window is open.
    Decided,
    /// Appeal: lodged, waiting for an appeal panel.
    AppealLodged,
    /// Appeal: the appeal panel is reviewing.
    AppealUnderReview,
}

impl OpenState {
    /// Every open state, in process order.
    pub const ALL: [OpenState; 9] = [
        OpenState::Raised,
        OpenState::InDialogue,
        OpenState::ResolutionProposed,
        OpenState::Submitted,
        OpenState::AwaitingPanel,
        OpenState::UnderReview,
        OpenState::Decided,
        OpenState::AppealLodged,
        OpenState::AppealUnderReview,
    ];

    /// The stage this state belongs to.
    pub fn stage(self) -> Stage {
        match self {
            OpenState::Raised | OpenState::InDialogue | OpenState::ResolutionProposed => {
                Stage::Informal
            }
            OpenState::Submitted
            | OpenState::AwaitingPanel
            | OpenState::UnderReview
            | OpenState::Decided => Stage::Formal,
            OpenState::AppealLodged | OpenState::AppealUnderReview => Stage::Appeal,
        }
    }

    /// The state's name as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            OpenState::Raised => "raised",
            OpenState::InDialogue => "in_dialogue",
            OpenState::ResolutionProposed => "resolution_proposed",
            OpenState::Submitted => "submitted",
            OpenState::AwaitingPanel => "awaiting_panel",
            OpenState::UnderReview => "under_review",
            OpenState::Decided => "decided",
            OpenState::AppealLodged => "appeal_lodged",
            OpenState::AppealUnderReview => "appeal_under_review",
        }
    }
}

/// A case's state without its fields: what lists filter by and show, and the state column
/// of the database holds. An open state, paused, or closed; spelled as the API spells them
/// (`raised`, ..., `paused`, `closed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StateKind {
    /// One of the open states.
    Open(OpenState),
    /// Paused.
    Paused,
    /// Closed.
    Closed,
}

impl StateKind {
    /// Every state, in process order, paused and closed last.
    pub fn all() -> impl Iterator<Item = StateKind> {
        OpenState::ALL
            .into_iter()
            .map(StateKind::Open)
            .chain([StateKind::Paused, StateKind::Closed])
    }

    /// Its name as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            StateKind::Open(state) => state.as_str(),
            StateKind::Paused => "paused",
            StateKind::Closed => "closed",
        }
    }
}

impl fmt::Display for StateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for StateKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        StateKind::all()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("`{s}` is not a state a case can be in"))
    }
}

impl Serialize for StateKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for StateKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<str>::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for StateKind {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(StateKind::all().map(StateKind::as_str)))
            .description(Some("A case's state: an open state, `paused` or `closed`."))
            .build()
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for StateKind {}

/// How a closed case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Outcome {
    /// The parties agreed terms in the informal stage.
    ResolvedInformally,
    /// The raiser withdrew.
    Withdrawn,
    /// The subgroup declined the formal complaint.
    NotAccepted,
    /// The panel found for the raiser.
    Upheld,
    /// The panel found for the raiser in part.
    PartlyUpheld,
    /// The panel did not find for the raiser.
    NotUpheld,
    /// The chair referred the case outside the Compact's process.
    ReferredExternally,
}

impl Outcome {
    /// Every outcome, for reports.
    pub const ALL: [Outcome; 7] = [
        Outcome::ResolvedInformally,
        Outcome::Withdrawn,
        Outcome::NotAccepted,
        Outcome::Upheld,
        Outcome::PartlyUpheld,
        Outcome::NotUpheld,
        Outcome::ReferredExternally,
    ];

    /// Whether the case ended in a decision under the Compact (a panel's, or the
    /// subgroup's refusal of the complaint), after which only bodies outside the Compact can
    /// take it further.
    pub fn is_decision(self) -> bool {
        matches!(
            self,
            Outcome::NotAccepted | Outcome::Upheld | Outcome::PartlyUpheld | Outcome::NotUpheld
        )
    }

    /// The outcome's name as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::ResolvedInformally => "resolved_informally",
            Outcome::Withdrawn => "withdrawn",
            Outcome::NotAccepted => "not_accepted",
            Outcome::Upheld => "upheld",
            Outcome::PartlyUpheld => "partly_upheld",
            Outcome::NotUpheld => "not_upheld",
            Outcome::ReferredExternally => "referred_externally",
        }
    }
}

/// A panel's finding on a formal complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FormalOutcome {
    /// The complaint is upheld.
    Upheld,
    /// Upheld in part.
    PartlyUpheld,
    /// Not upheld.
    NotUpheld,
}

impl FormalOutcome {
    /// Every finding, the complainant's best first.
    pub const ALL: [FormalOutcome; 3] = [
        FormalOutcome::Upheld,
        FormalOutcome::PartlyUpheld,
        FormalOutcome::NotUpheld,
    ];
}

impl From<FormalOutcome> for Outcome {
    fn from(outcome: FormalOutcome) -> Self {
        match outcome {
            FormalOutcome::Upheld => Outcome::Upheld,
            FormalOutcome::PartlyUpheld => Outcome::PartlyUpheld,
            FormalOutcome::NotUpheld => Outcome::NotUpheld,
        }
    }
}

/// What an appeal panel did with the formal decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AppealResult {
    /// The decision stands.
    DecisionConfirmed,
    /// The decision is changed, with a new outcome.
    DecisionVaried,
    /// The decision is reversed, with a new outcome.
    DecisionOverturned,
}

impl AppealResult {
    /// Every result, the decision's least changed first.
    pub const ALL: [AppealResult; 3] = [
        AppealResult::DecisionConfirmed,
        AppealResult::DecisionVaried,
        AppealResult::DecisionOverturned,
    ];
}

/// Where a case may be referred outside the Compact's own process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ExternalBody {
    /// Independent mediation.
    Mediation,
    /// The regional Compact panel.
    RegionalPanel,
    /// An ombudsman.
    Ombudsman,
    /// Compact Advocacy (Compact Voice).
    CompactAdvocacy,
}

impl ExternalBody {
    /// Every body a case may be referred to.
    pub const ALL: [ExternalBody; 4] = [
        ExternalBody::Mediation,
        ExternalBody::RegionalPanel,
        ExternalBody::Ombudsman,
        ExternalBody::CompactAdvocacy,
    ];
}

/// The state of a case: one of the open states, paused, or closed.
///
/// Variant names and fields match the handlers of the state machine: statig's macro maps
/// `fn in_dialogue` to `CaseState::InDialogue {}` and `fn paused(resume_to: ..)` to
/// `CaseState::Paused { resume_to }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum CaseState {
    /// See [`OpenState::Raised`].
    Raised {},
    /// See [`OpenState::InDialogue`].
    InDialogue {},
    /// See [`OpenState::ResolutionProposed`].
    ResolutionProposed {},
    /// See [`OpenState::Submitted`].
    Submitted {},
    /// See [`OpenState::AwaitingPanel`].
    AwaitingPanel {},
    /// See [`OpenState::UnderReview`].
    UnderReview {},
    /// See [`OpenState::Decided`].
    Decided {},
    /// See [`OpenState::AppealLodged`].
    AppealLodged {},
    /// See [`OpenState::AppealUnderReview`].
    AppealUnderReview {},
    /// Stopped by the chair or facilitator; every deadline waits.
    Paused {
        /// The state the case returns to on resuming.
        resume_to: OpenState,
    },
    /// Finished.
    Closed {
        /// How it ended.
        outcome: Outcome,
    },
}

impl CaseState {
    /// The open state as a case state.
    pub fn open(state: OpenState) -> CaseState {
        match state {
            OpenState::Raised => CaseState::Raised {},
            OpenState::InDialogue => CaseState::InDialogue {},
            OpenState::ResolutionProposed => CaseState::ResolutionProposed {},
            OpenState::Submitted => CaseState::Submitted {},
            OpenState::AwaitingPanel => CaseState::AwaitingPanel {},
            OpenState::UnderReview => CaseState::UnderReview {},
            OpenState::Decided => CaseState::Decided {},
            OpenState::AppealLodged => CaseState::AppealLodged {},
            OpenState::AppealUnderReview => CaseState::AppealUnderReview {},
        }
    }

    /// The open state, unless the case is paused or closed.
    pub fn as_open(&self) -> Option<OpenState> {
        Some(match self {
            CaseState::Raised {} => OpenState::Raised,
            CaseState::InDialogue {} => OpenState::InDialogue,
            CaseState::ResolutionProposed {} => OpenState::ResolutionProposed,
            CaseState::Submitted {} => OpenState::Submitted,
            CaseState::AwaitingPanel {} => OpenState::AwaitingPanel,
            CaseState::UnderReview {} => OpenState::UnderReview,
            CaseState::Decided {} => OpenState::Decided,
            CaseState::AppealLodged {} => OpenState::AppealLodged,
            CaseState::AppealUnderReview {} => OpenState::AppealUnderReview,
            CaseState::Paused { .. } | CaseState::Closed { .. } => return None,
        })
    }

    /// The open state the case is in, or would return to from a pause.
    pub fn underlying(&self) -> Option<OpenState> {
        match self {
            CaseState::Paused { resume_to } => Some(*resume_to),
            other => other.as_open(),
        }
    }

    /// The stage: a paused case stays in the stage it was paused in.
    pub fn stage(&self) -> Stage {
        self.underlying().map_or(Stage::Closed, OpenState::stage)
    }

    /// The state without its fields.
    pub fn kind(&self) -> StateKind {
        match self {
            CaseState::Paused { .. } => StateKind::Paused,
            CaseState::Closed { .. } => StateKind::Closed,
            open => open.as_open().map_or(StateKind::Closed, StateKind::Open),
        }
    }

    /// The state's name as the API spells it (`raised`, ..., `paused`, `closed`).
    pub fn name(&self) -> &'static str {
        self.kind().as_str()
    }

    /// How the case ended, once closed.
    pub fn outcome(&self) -> Option<Outcome> {
        match self {
            CaseState::Closed { outcome } => Some(*outcome),
            _ => None,
        }
    }

    /// Whether the case is closed.
    pub fn is_closed(&self) -> bool {
        matches!(self, CaseState::Closed { .. })
    }

    /// Whether the case is paused.
    pub fn is_paused(&self) -> bool {
        matches!(self, CaseState::Paused { .. })
    }

    // Constructors in the shape statig's macro expects of a custom state type.

    pub(crate) const fn raised() -> CaseState {
        CaseState::Raised {}
    }
}

impl fmt::Display for CaseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_format_is_explicit() {
        let paused = CaseState::Paused {
            resume_to: OpenState::InDialogue,
        };
        let json = serde_json::to_string(&paused).unwrap();
        assert_eq!(json, r#"{"state":"paused","resume_to":"in_dialogue"}"#);
        assert_eq!(serde_json::from_str::<CaseState>(&json).unwrap(), paused);
        let closed = CaseState::Closed {
            outcome: Outcome::PartlyUpheld,
        };
        assert_eq!(
            serde_json::to_string(&closed).unwrap(),
            r#"{"state":"closed","outcome":"partly_upheld"}"#
        );
        assert_eq!(
            serde_json::to_string(&CaseState::open(OpenState::AppealLodged)).unwrap(),
            r#"{"state":"appeal_lodged"}"#
        );
    }

    #[test]
    fn names_and_stages_follow_the_open_state() {
        for open in OpenState::ALL {
            let state = CaseState::open(open);
            assert_eq!(state.name(), open.as_str());
            assert_eq!(state.stage(), open.stage());
            assert_eq!(state.as_open(), Some(open));
            let paused = CaseState::Paused { resume_to: open };
            assert_eq!(paused.stage(), open.stage());
            assert_eq!(paused.name(), "paused");
        }
    }

    #[test]
    fn a_state_kind_is_spelled_as_the_api_spells_it_and_read_back() {
        let all: Vec<StateKind> = StateKind::all().collect();
        assert_eq!(all.len(), OpenState::ALL.len() + 2);
        for kind in all {
            assert_eq!(kind.as_str().parse::<StateKind>(), Ok(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{kind}\""));
            assert_eq!(serde_json::from_str::<StateKind>(&json).unwrap(), kind);
        }
        assert!("frozen".parse::<StateKind>().is_err());
        assert!(serde_json::from_str::<StateKind>("\"Raised\"").is_err());
        let paused = CaseState::Paused {
            resume_to: OpenState::Decided,
        };
        assert_eq!(paused.kind(), StateKind::Paused);
        assert_eq!(
            CaseState::open(OpenState::Decided).kind(),
            StateKind::Open(OpenState::Decided)
        );
    }
}
