//! The problems the workflow words itself, each named by the catalogue entry that says it in
//! any language (`config/locales/*/workflow.ftl`) and given here in English for the API. The
//! server words a page's problem from the entry ([`crate::FieldError::said`]); a test reads
//! the English catalogue and checks that it says what this table says.

use crate::calendar::long_date;
use crate::error::{FieldError, Refusal, Said, Word};

/// Each entry's key and its English, a value written `{name}`.
pub const ENGLISH: &[(&str, &str)] = &[
    (
        "workflow-escalate-why",
        "say why the informal stage has not resolved the disagreement",
    ),
    ("workflow-extend-at-least-one", "must be at least 1"),
    (
        "workflow-extend-left",
        "only {left} working days of extension remain in the {stage} stage",
    ),
    (
        "workflow-appeal-outcome-not-needed",
        "give an outcome only when the decision is varied or overturned",
    ),
    (
        "workflow-appeal-outcome-needed",
        "a varied or overturned decision needs its new outcome",
    ),
    (
        "workflow-mark-status",
        "must be implemented or not_implemented",
    ),
    (
        "workflow-mark-no-such",
        "the decision has no such recommendation",
    ),
    (
        "workflow-mark-withdrawn",
        "that recommendation was withdrawn when an appeal overturned the decision",
    ),
    (
        "workflow-mark-already",
        "that recommendation has already been marked",
    ),
    (
        "workflow-raise-own",
        "a disagreement cannot be raised against your own organisation",
    ),
    ("workflow-raise-no-principle", "cite at least one principle"),
    (
        "workflow-raise-unknown-principle",
        "{principle} is not one of this Compact's principles",
    ),
    (
        "workflow-raise-principle-twice",
        "{principle} is cited twice",
    ),
    (
        "workflow-not-in-state",
        "cannot {action} while the case is {state}: {reason}",
    ),
    ("workflow-state-closed", "the case is closed"),
    (
        "workflow-state-paused",
        "the case is paused; it must be resumed first",
    ),
    (
        "workflow-state-not-a-step",
        "it is not a step of the {stage} stage",
    ),
    (
        "workflow-no-running-deadline",
        "there is no running {deadline} deadline",
    ),
    (
        "workflow-no-reminder-due",
        "no reminder is due for the {deadline} deadline of {date}",
    ),
    (
        "workflow-no-overdue-notice-due",
        "no overdue notice is due for the {deadline} deadline of {date}",
    ),
    ("workflow-no-deadline-running", "no deadline is running"),
    (
        "workflow-extension-used-up",
        "the {days} working days of extension allowed in the {stage} stage are used up",
    ),
    (
        "workflow-decision-accepted-already",
        "your organisation has already accepted the decision",
    ),
    (
        "workflow-appeal-window-closed",
        "the appeal window closed on {date}",
    ),
    (
        "workflow-appeal-window-not-open",
        "the appeal window is not open",
    ),
    (
        "workflow-appeal-window-open-until",
        "the appeal window is open until {date}",
    ),
    (
        "workflow-acknowledgement-not-late",
        "the respondent has until {date} to acknowledge; escalation is possible from the next day",
    ),
    (
        "workflow-response-submitted-already",
        "the written response was already submitted on {date}",
    ),
    (
        "workflow-case-study-referred-already",
        "the case was already referred as a case study on {date}",
    ),
    (
        "workflow-no-open-recommendations",
        "the case has no open recommendations",
    ),
    ("workflow-only-who", "only {who} may {action}"),
    ("workflow-only-a-person", "only a person may do this"),
    (
        "workflow-only-a-party",
        "only a member of one of the parties may do this",
    ),
    (
        "workflow-not-the-owner",
        "a recommendation is marked by the facilitator or by a champion of the other party, \
         not by the organisation that owes it",
    ),
    (
        "workflow-closes-before-opens",
        "must not be before opened_on",
    ),
    (
        "workflow-email-length",
        "must be an email address of at most 254 characters",
    ),
    (
        "workflow-email-shape",
        "must be an email address, like name@example.org",
    ),
    (
        "workflow-email-plain",
        "must be one plain email address, like name@example.org, with nothing around it",
    ),
    (
        "workflow-email-domain",
        "must end in a domain with a dot, like example.org",
    ),
    ("workflow-text-empty", "must not be empty"),
    ("workflow-text-too-long", "must be at most {max} characters"),
    (
        "workflow-text-control",
        "must not contain control characters",
    ),
    (
        "workflow-raise-members-only",
        "only a member of an organisation may raise a disagreement for it",
    ),
];

/// `key`'s English with `args` in place of its `{name}`s.
pub fn english(key: &str, args: &[(&'static str, Word)]) -> String {
    let pattern = ENGLISH
        .iter()
        .find(|(known, _)| *known == key)
        .map_or(key, |(_, english)| english);
    args.iter().fold(pattern.to_owned(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), &in_english(value))
    })
}

/// A value as the English says it.
fn in_english(word: &Word) -> String {
    match word {
        Word::Text(text) => text.clone(),
        Word::Number(count) => count.to_string(),
        Word::Date(date) => long_date(*date),
        Word::Named { english, .. } => english.clone(),
        Word::Said(said) => said.english(),
    }
}

/// Why a step cannot be taken now, as the catalogue's `key` says it.
pub(crate) fn reason(key: &'static str, args: Vec<(&'static str, Word)>) -> Said {
    Said { key, args }
}

/// A problem with `field` the workflow words as the catalogue's `key` says it.
pub(crate) fn problem(
    field: impl Into<String>,
    key: &'static str,
    args: Vec<(&'static str, Word)>,
) -> FieldError {
    FieldError::new(field, english(key, &args)).said(key, args)
}

/// A refusal of one field, worded as the catalogue's `key` says it.
pub(crate) fn refused(
    field: impl Into<String>,
    key: &'static str,
    args: Vec<(&'static str, Word)>,
) -> Refusal {
    Refusal::Invalid(vec![problem(field, key, args)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use disputes_i18n::{Arg, Lang, Locale};

    /// The English here and the English catalogue say the same, and Welsh has every entry.
    #[test]
    fn every_problem_reads_the_same_as_the_english_catalogue() {
        let english_catalogue = Locale::built_in(Lang::En);
        let welsh = Locale::built_in(Lang::Cy);
        for (key, pattern) in ENGLISH {
            let names: Vec<&'static str> = pattern
                .split('{')
                .skip(1)
                .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
                .map(|name| &*Box::leak(name.to_owned().into_boxed_str()))
                .collect();
            let args: Vec<(&'static str, Word)> =
                names.iter().map(|n| (*n, "informal".into())).collect();
            let values: Vec<(&str, Arg)> = names.iter().map(|n| (*n, "informal".into())).collect();
            assert_eq!(
                english_catalogue.text(key, &values),
                english(key, &args),
                "{key}"
            );
            assert!(welsh.has(key), "{key} in Welsh");
        }
    }
}
