//! The problems the workflow words itself, each named by the catalogue entry that says it in
//! any language (`config/locales/*/workflow.ftl`) and given here in English for the API. The
//! server words a page's problem from the entry ([`crate::FieldError::said`]); a test reads
//! the English catalogue and checks that it says what this table says.

use crate::error::{FieldError, Refusal};

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
];

/// `key`'s English with `args` in place of its `{name}`s.
pub fn english(key: &str, args: &[(&'static str, String)]) -> String {
    let pattern = ENGLISH
        .iter()
        .find(|(known, _)| *known == key)
        .map_or(key, |(_, english)| english);
    args.iter().fold(pattern.to_owned(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

/// A problem with `field` the workflow words as the catalogue's `key` says it.
pub(crate) fn problem(
    field: impl Into<String>,
    key: &'static str,
    args: Vec<(&'static str, String)>,
) -> FieldError {
    FieldError::new(field, english(key, &args)).said(key, args)
}

/// A refusal of one field, worded as the catalogue's `key` says it.
pub(crate) fn refused(
    field: impl Into<String>,
    key: &'static str,
    args: Vec<(&'static str, String)>,
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
            let args: Vec<(&'static str, String)> =
                names.iter().map(|n| (*n, "informal".to_owned())).collect();
            let values: Vec<(&str, Arg)> = args
                .iter()
                .map(|(n, v)| (*n, Arg::from(v.as_str())))
                .collect();
            assert_eq!(
                english_catalogue.text(key, &values),
                english(key, &args),
                "{key}"
            );
            assert!(welsh.has(key), "{key} in Welsh");
        }
    }
}
