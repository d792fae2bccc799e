//! The words pages and documents use for the workflow's names: principles, states, outcomes
//! and actions. The API's names stay the keys; these are only how a person reads them.

use disputes_workflow::{
    ActionKind, AppealResult, DeadlineStatus, ExternalBody, FormalOutcome, OpenState, Outcome,
    RecommendationStatus, Sector, Stage, StateKind,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A principle code as a person reads it. Codes a Compact adds of its own read as
/// themselves.
pub(crate) fn principle(code: &str) -> String {
    let known = match code {
        "notice" => "Three months' notice of a change to funding or support",
        "consultation" => "Twelve weeks' written consultation",
        "funding_and_procurement" => "Funding and procurement",
        "full_cost_recovery" => "Full cost recovery",
        "independence" => "Independence, including the right to campaign",
        "partnership" => "Working in partnership",
        "volunteering" => "Volunteering",
        "community_groups" => "Community groups",
        "bme_groups" => "Black and minority ethnic groups",
        "equality" => "Equality",
        "information_sharing" => "Sharing information",
        "other" => "Another undertaking or code of practice",
        other => return other.replace('_', " "),
    };
    known.to_owned()
}

/// A state as a person reads it.
pub(crate) fn state(kind: StateKind) -> &'static str {
    match kind {
        StateKind::Open(open) => match open {
            OpenState::Raised => "Waiting for acknowledgement",
            OpenState::InDialogue => "In dialogue",
            OpenState::ResolutionProposed => "Terms proposed",
            OpenState::Submitted => "Formal complaint submitted",
            OpenState::AwaitingPanel => "Waiting for a panel",
            OpenState::UnderReview => "With the panel",
            OpenState::Decided => "Decided: appeal window open",
            OpenState::AppealLodged => "Appeal lodged",
            OpenState::AppealUnderReview => "With the appeal panel",
        },
        StateKind::Paused => "Paused",
        StateKind::Closed => "Closed",
    }
}

pub(crate) use disputes_store::spelled;

/// A value of one of the workflow's lists (an outcome, a sector, a deadline's status...) as
/// a person reads it. Each list's words are one exhaustive match, so a value added to the
/// workflow cannot reach a page unworded.
pub(crate) trait Words: Copy + Serialize + DeserializeOwned + 'static {
    /// Every value, in the order a form offers them.
    const ALL: &'static [Self];
    /// The words.
    fn words(self) -> &'static str;
}

impl Words for Outcome {
    const ALL: &'static [Self] = &Outcome::ALL;
    fn words(self) -> &'static str {
        match self {
            Outcome::ResolvedInformally => "Resolved informally",
            Outcome::Withdrawn => "Withdrawn",
            Outcome::NotAccepted => "Not accepted for the formal stage",
            Outcome::Upheld => "Upheld",
            Outcome::PartlyUpheld => "Partly upheld",
            Outcome::NotUpheld => "Not upheld",
            Outcome::ReferredExternally => "Referred outside the Compact",
        }
    }
}

impl Words for FormalOutcome {
    const ALL: &'static [Self] = &FormalOutcome::ALL;
    fn words(self) -> &'static str {
        Outcome::from(self).words()
    }
}

impl Words for AppealResult {
    const ALL: &'static [Self] = &AppealResult::ALL;
    fn words(self) -> &'static str {
        match self {
            AppealResult::DecisionConfirmed => "The decision is confirmed",
            AppealResult::DecisionVaried => "The decision is varied",
            AppealResult::DecisionOverturned => "The decision is overturned",
        }
    }
}

impl Words for ExternalBody {
    const ALL: &'static [Self] = &ExternalBody::ALL;
    fn words(self) -> &'static str {
        match self {
            ExternalBody::Mediation => "Independent mediation",
            ExternalBody::RegionalPanel => "The regional Compact panel",
            ExternalBody::Ombudsman => "An ombudsman",
            ExternalBody::CompactAdvocacy => "Compact Advocacy",
        }
    }
}

impl Words for Sector {
    const ALL: &'static [Self] = &Sector::ALL;
    fn words(self) -> &'static str {
        match self {
            Sector::Vcs => "Voluntary and community sector",
            Sector::Psa => "Public service agency",
        }
    }
}

impl Words for RecommendationStatus {
    const ALL: &'static [Self] = &RecommendationStatus::ALL;
    fn words(self) -> &'static str {
        match self {
            RecommendationStatus::Open => "Still open",
            RecommendationStatus::Implemented => "Implemented",
            RecommendationStatus::NotImplemented => "Not implemented",
            RecommendationStatus::Withdrawn => "Withdrawn",
        }
    }
}

impl Words for DeadlineStatus {
    const ALL: &'static [Self] = &DeadlineStatus::ALL;
    fn words(self) -> &'static str {
        match self {
            DeadlineStatus::Running => "Running",
            DeadlineStatus::Met => "Met on time",
            DeadlineStatus::Late => "Met late",
            DeadlineStatus::Missed => "Missed",
            DeadlineStatus::Cancelled => "No longer needed",
            DeadlineStatus::Expired => "Closed unused",
        }
    }
}

impl Words for Stage {
    const ALL: &'static [Self] = &Stage::ALL;
    fn words(self) -> &'static str {
        match self {
            Stage::Informal => "Informal",
            Stage::Formal => "Formal",
            Stage::Appeal => "Appeal",
            Stage::Closed => "Closed",
        }
    }
}

/// The words for a value as the API spells it, whichever list it is from: for templates and
/// reports, which hold values as text. A value of no list reads as itself.
pub(crate) fn choice(value: &str) -> String {
    fn from<T: Words>(value: &str) -> Option<&'static str> {
        serde_json::from_value::<T>(serde_json::Value::from(value))
            .ok()
            .map(T::words)
    }
    from::<Outcome>(value)
        .or_else(|| from::<AppealResult>(value))
        .or_else(|| from::<ExternalBody>(value))
        .or_else(|| from::<Sector>(value))
        .or_else(|| from::<RecommendationStatus>(value))
        .or_else(|| from::<DeadlineStatus>(value))
        .or_else(|| from::<Stage>(value))
        .map_or_else(|| value.replace('_', " "), str::to_owned)
}

/// What an action is called on its button and page, and what it does, in a sentence.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ActionWords {
    /// The API's name.
    pub(crate) name: &'static str,
    /// The button and page title.
    pub(crate) title: &'static str,
    /// What happens when it is taken.
    pub(crate) hint: &'static str,
}

/// The words for `kind`.
pub(crate) fn action(kind: ActionKind) -> ActionWords {
    let (title, hint) = match kind {
        ActionKind::Acknowledge => (
            "Acknowledge the disagreement",
            "Say you have received it. The informal stage begins: both organisations try to \
             resolve it together.",
        ),
        ActionKind::Escalate => (
            "Take it to the formal stage",
            "Ask the Dispute Resolution Subgroup to look at it, because talking has not \
             resolved it.",
        ),
        ActionKind::ProposeResolution => (
            "Propose terms to resolve it",
            "Set out what you would agree to. The other organisation accepts or rejects them.",
        ),
        ActionKind::AcceptResolution => (
            "Accept the proposed terms",
            "The disagreement is resolved on these terms and the case closes.",
        ),
        ActionKind::RejectResolution => {
            ("Reject the proposed terms", "Say why. Dialogue carries on.")
        }
        ActionKind::AcceptFormal => (
            "Accept the formal complaint",
            "The subgroup will convene a panel to decide it.",
        ),
        ActionKind::ReturnToInformal => (
            "Return it to the informal stage",
            "The organisations have not yet really tried to resolve it between them.",
        ),
        ActionKind::DeclineFormal => (
            "Decline the formal complaint",
            "It is not a Compact matter, or it is out of time. The case closes.",
        ),
        ActionKind::ConvenePanel => (
            "Convene the panel",
            "Choose subgroup members with equal numbers from each sector, none from either \
             organisation, and one of them to chair.",
        ),
        ActionKind::SubmitResponse => (
            "Send the panel your written response",
            "Your organisation's answer to the complaint, for the panel to consider.",
        ),
        ActionKind::IssueDecision => (
            "Issue the panel's decision",
            "Record the finding, the reasons and any recommendations. Either organisation may \
             then appeal.",
        ),
        ActionKind::Appeal => (
            "Appeal the decision",
            "Give your grounds. An appeal panel of different members will look at it.",
        ),
        ActionKind::AcceptDecision => (
            "Accept the decision",
            "When both organisations accept it, the case closes.",
        ),
        ActionKind::ConveneAppealPanel => (
            "Convene the appeal panel",
            "Choose subgroup members who did not sit on the formal panel.",
        ),
        ActionKind::DismissAppeal => (
            "Dismiss the appeal",
            "It is out of time or has no grounds. The panel's decision stands.",
        ),
        ActionKind::DecideAppeal => (
            "Decide the appeal",
            "The appeal panel's decision is final and closes the case.",
        ),
        ActionKind::Withdraw => (
            "Withdraw the disagreement",
            "The case closes. Withdrawing never counts against your organisation.",
        ),
        ActionKind::Pause => (
            "Pause the case",
            "Every deadline waits until the case resumes, for mediation or another process.",
        ),
        ActionKind::Resume => (
            "Resume the case",
            "Running deadlines move on by the working days the pause lasted.",
        ),
        ActionKind::ExtendDeadline => (
            "Give more time",
            "Add working days to a running deadline: at most 20 in each stage.",
        ),
        ActionKind::ReferExternally => (
            "Refer it outside the Compact",
            "Hand the case to another body. The case closes.",
        ),
        ActionKind::RecordLessons => (
            "Record lessons learned",
            "For the annual review. The case's details stay confidential.",
        ),
        ActionKind::ReferCaseStudy => (
            "Refer as a case study",
            "Offer it to the Steering Group as an anonymised case study.",
        ),
        ActionKind::MarkRecommendation => (
            "Mark a recommendation",
            "Record whether a recommendation was carried out.",
        ),
        ActionKind::LapseAppealWindow => ("Close: no appeal", "Done by the service."),
        ActionKind::SendReminder => ("Send a reminder", "Done by the service."),
        ActionKind::SendOverdueNotice => ("Send an overdue notice", "Done by the service."),
    };
    ActionWords {
        name: kind.as_str(),
        title,
        hint,
    }
}

pub(crate) use crate::use_cases::upper_first;

/// The text with its first letter small: a title used inside a sentence.
pub(crate) fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each value reads the same whether a page holds it typed or as the API spells it, so
    /// no two lists spell a value alike with different words.
    fn worded_alike<T: Words>() {
        for value in T::ALL {
            let spelled = spelled(value);
            assert!(!spelled.is_empty());
            assert_eq!(choice(&spelled), value.words(), "{spelled}");
        }
    }

    #[test]
    fn every_value_of_every_list_reads_the_same_typed_or_spelled() {
        worded_alike::<Outcome>();
        worded_alike::<FormalOutcome>();
        worded_alike::<AppealResult>();
        worded_alike::<ExternalBody>();
        worded_alike::<Sector>();
        worded_alike::<RecommendationStatus>();
        worded_alike::<DeadlineStatus>();
        worded_alike::<Stage>();
        assert_eq!(choice("something_else"), "something else");
    }
}
