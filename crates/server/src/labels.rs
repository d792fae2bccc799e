//! The words pages and documents use for the workflow's names: principles, states, outcomes
//! and actions. The API's names stay the keys; these are only how a person reads them.

use disputes_i18n::Locale;
use disputes_workflow::{
    ActionField, ActionKind, AppealResult, DeadlineStatus, ExternalBody, FormalOutcome, Outcome,
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

/// The catalogue key of a grouping, which the Compact names in English (its configuration,
/// and each organisation, hold the English name): `grouping-` and the name's words in
/// lower case, joined by dashes ("Education (FE and HE)" is `grouping-education-fe-and-he`).
pub(crate) fn grouping_key(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!("grouping-{}", words.join("-"))
}

/// A grouping as a person reads it: its words in `locale` where the catalogue has them
/// (the built-in groupings, and those the configuration gives in Welsh), else its name.
pub(crate) fn grouping(locale: &Locale, name: &str) -> String {
    let key = grouping_key(name);
    if locale.has(&key) {
        locale.t(&key)
    } else {
        name.to_owned()
    }
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
    pub(crate) title: String,
    /// What happens when it is taken.
    pub(crate) hint: String,
}

/// The words for `kind`, in `locale`: the catalogue's `action-` entries.
pub(crate) fn action(locale: &Locale, kind: ActionKind) -> ActionWords {
    let key = format!("action-{}", kind.as_str());
    ActionWords {
        name: kind.as_str(),
        title: locale.t(&key),
        hint: locale.t(&format!("{key}-hint")),
    }
}

/// A field of an action's form with what the form calls it and says under it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FieldWords {
    /// The field as the workflow describes it.
    #[serde(flatten)]
    pub(crate) field: ActionField,
    /// Its label.
    pub(crate) label: String,
    /// What the form says under the label; empty when nothing.
    pub(crate) hint: String,
}

/// The catalogue's key for `field` of `kind`: `action-{action}-{field}`.
pub(crate) fn field_key(kind: ActionKind, field: &str) -> String {
    format!("action-{}-{field}", kind.as_str())
}

/// The fields of `kind`'s form, in its order, in `locale`'s words.
pub(crate) fn action_fields(locale: &Locale, kind: ActionKind) -> Vec<FieldWords> {
    kind.fields()
        .iter()
        .map(|field| {
            let key = field_key(kind, field.name);
            let hint = format!("{key}-hint");
            FieldWords {
                field: *field,
                label: locale.t(&key),
                hint: if locale.has(&hint) {
                    locale.t(&hint)
                } else {
                    String::new()
                },
            }
        })
        .collect()
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
    fn every_action_has_words_in_both_languages() {
        for lang in disputes_i18n::Lang::ALL {
            let locale = Locale::built_in(lang);
            for kind in ActionKind::ALL {
                let key = format!("action-{}", kind.as_str());
                assert!(
                    locale.has(&key) && locale.has(&format!("{key}-hint")),
                    "{key}"
                );
            }
        }
    }

    /// Every field of every action's form has a label in both languages, and every choice a
    /// sentence for leaving it out, so no form shows a field as the API spells it.
    #[test]
    fn every_field_of_every_action_has_words_in_both_languages() {
        use disputes_workflow::Input;
        for lang in disputes_i18n::Lang::ALL {
            let locale = Locale::built_in(lang);
            for &kind in ActionKind::ALL {
                for field in kind.fields() {
                    let key = field_key(kind, field.name);
                    assert!(locale.has(&key), "{key}");
                    let choice = matches!(
                        field.input,
                        Input::Outcome
                            | Input::AppealResult
                            | Input::Deadline
                            | Input::External
                            | Input::RecommendationStatus
                    );
                    assert_eq!(locale.has(&format!("{key}-choose")), choice, "{key}-choose");
                }
                assert_eq!(action_fields(&locale, kind).len(), kind.fields().len());
            }
        }
    }

    /// Every rule a proposed panel can break is worded in both languages, naming the member.
    #[test]
    fn every_panel_rule_is_worded_in_both_languages() {
        use disputes_workflow::panel::{
            Panel, PanelCandidate, PanelContext, PanelSeat, ProposedPanel, check_panel,
        };
        use disputes_workflow::{OrganisationId, PersonId, Role, Roles, Sector};
        let candidate = |id, organisation, roles: &[Role]| PanelCandidate {
            person_id: PersonId(id),
            organisation_id: OrganisationId(organisation),
            sector: Sector::Vcs,
            roles: Roles::from_iter(roles.iter().copied()),
        };
        let formal = Panel {
            members: vec![PanelSeat {
                person_id: PersonId(13),
                organisation_id: OrganisationId(5),
                sector: Sector::Vcs,
            }],
            chair_id: PersonId(13),
            convened_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        };
        let context = PanelContext {
            raiser: OrganisationId(1),
            respondent: OrganisationId(2),
            formal_panel: Some(&formal),
        };
        let proposals = [
            ProposedPanel {
                members: vec![candidate(10, 1, &[Role::Subgroup])],
                chair_id: PersonId(99),
            },
            ProposedPanel {
                members: vec![
                    candidate(11, 2, &[Role::Member]),
                    candidate(11, 2, &[Role::Member]),
                    candidate(13, 5, &[Role::Subgroup]),
                ],
                chair_id: PersonId(11),
            },
        ];
        let breaches: Vec<_> = proposals
            .iter()
            .flat_map(|p| check_panel(p, context))
            .collect();
        let mut rules: Vec<_> = breaches.iter().map(|b| b.rule).collect();
        rules.sort_by_key(|r| r.as_str());
        rules.dedup();
        assert_eq!(rules.len(), 7, "every rule is broken once: {rules:?}");
        for lang in disputes_i18n::Lang::ALL {
            let locale = Locale::built_in(lang);
            for breach in &breaches {
                let mut said = breach.said.clone();
                assert!(locale.has(said.key), "{}", said.key);
                said.args.push(("name", "Ann Lee".into()));
                let words = crate::problem::worded(&locale, &said);
                assert!(
                    breach.person_id.is_none() || words.contains("Ann Lee"),
                    "{words}"
                );
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
