//! The words pages and documents use for the workflow's names: principles, states, outcomes
//! and actions. The API's names stay the keys; these are only how a person reads them.

use disputes_i18n::Locale;
use disputes_workflow::{
    ActionKind, AppealResult, DeadlineStatus, ExternalBody, FormalOutcome, Outcome,
    RecommendationStatus, Sector, Stage, StateKind,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The catalogue's words for a workflow name (`prefix` and the name as the API spells it),
/// in `locale`. A name with no entry (a principle a Compact adds without words for it)
/// reads as itself.
pub(crate) fn worded(locale: &Locale, prefix: &str, name: &str) -> String {
    let key = format!("{prefix}{name}");
    if locale.has(&key) {
        locale.t(&key)
    } else if prefix == "state-" {
        locale.t("state-unknown")
    } else {
        name.replace('_', " ")
    }
}

/// A principle code as a person reads it.
pub(crate) fn principle(locale: &Locale, code: &str) -> String {
    worded(locale, "principle-", code)
}

/// A state as a person reads it.
pub(crate) fn state(locale: &Locale, kind: StateKind) -> String {
    let name = match kind {
        StateKind::Open(open) => open.as_str(),
        StateKind::Paused => "paused",
        StateKind::Closed => "closed",
    };
    worded(locale, "state-", name)
}

pub(crate) use disputes_store::spelled;

/// A value of one of the workflow's lists (an outcome, a sector, a deadline's status...) as
/// a person reads it: the catalogue's `choice-` entry for the value as the API spells it.
pub(crate) trait Words: Copy + Serialize + DeserializeOwned + 'static {
    /// Every value, in the order a form offers them.
    const ALL: &'static [Self];
    /// The words, in `locale`.
    fn words(self, locale: &Locale) -> String {
        choice(locale, &spelled(&self))
    }
}

impl Words for Outcome {
    const ALL: &'static [Self] = &Outcome::ALL;
}

impl Words for FormalOutcome {
    const ALL: &'static [Self] = &FormalOutcome::ALL;
}

impl Words for AppealResult {
    const ALL: &'static [Self] = &AppealResult::ALL;
}

impl Words for ExternalBody {
    const ALL: &'static [Self] = &ExternalBody::ALL;
}

impl Words for Sector {
    const ALL: &'static [Self] = &Sector::ALL;
}

impl Words for RecommendationStatus {
    const ALL: &'static [Self] = &RecommendationStatus::ALL;
}

impl Words for DeadlineStatus {
    const ALL: &'static [Self] = &DeadlineStatus::ALL;
}

impl Words for Stage {
    const ALL: &'static [Self] = &Stage::ALL;
}

/// The words for a value as the API spells it, whichever list it is from: for templates and
/// reports, which hold values as text. A value of no list reads as itself.
pub(crate) fn choice(locale: &Locale, value: &str) -> String {
    worded(locale, "choice-", value)
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

    /// Every value of every list has words in the catalogue, so none reaches a page as
    /// the API spells it.
    fn worded<T: Words>() {
        for lang in disputes_i18n::Lang::ALL {
            let locale = Locale::built_in(lang);
            for value in T::ALL {
                let spelled = spelled(value);
                assert!(locale.has(&format!("choice-{spelled}")), "{spelled}");
                assert_ne!(value.words(&locale), spelled.replace('_', " "), "{spelled}");
            }
        }
    }

    #[test]
    fn every_value_of_every_list_has_words_in_both_languages() {
        worded::<Outcome>();
        worded::<FormalOutcome>();
        worded::<AppealResult>();
        worded::<ExternalBody>();
        worded::<Sector>();
        worded::<RecommendationStatus>();
        worded::<DeadlineStatus>();
        worded::<Stage>();
        let locale = Locale::built_in(disputes_i18n::Lang::En);
        assert_eq!(choice(&locale, "something_else"), "something else");
    }
}
