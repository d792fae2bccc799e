//! What an email says: built from the case and the event, never from the case's
//! confidential text. Only the reference and title of a case leave in an email; what
//! happened is said in the service's own words, and everything else is on the case page.

use disputes_i18n::{Arg, Locale};
use disputes_workflow::{
    Action, ActionKind, Actor, Case, CaseEvent, CaseState, Deadline, DeadlineKind, EventBody, Owed,
};
use serde::Serialize;

use crate::letter::LetterKind;

/// Which template an email uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// Something happened to the case.
    Transition,
    /// A deadline falls due soon.
    Reminder,
    /// A deadline has passed.
    Overdue,
    /// Messages or files were added to the case.
    News,
}

impl Template {
    /// The template files' base name.
    pub fn name(self) -> &'static str {
        match self {
            Template::Transition => "transition",
            Template::Reminder => "reminder",
            Template::Overdue => "overdue",
            Template::News => "news",
        }
    }

    /// Every template, for checking them all at start-up.
    pub const ALL: [Template; 4] = [
        Template::Transition,
        Template::Reminder,
        Template::Overdue,
        Template::News,
    ];

    /// The template for an event of `kind` (the outbox row's `kind`).
    pub fn for_event(kind: &str) -> Template {
        if kind == disputes_store::NEWS_KIND {
            return Template::News;
        }
        match kind.parse::<ActionKind>() {
            Ok(ActionKind::SendReminder) => Template::Reminder,
            Ok(ActionKind::SendOverdueNotice) => Template::Overdue,
            _ => Template::Transition,
        }
    }
}

/// Something owed: what, by whom, by when, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// What is to be done, e.g. "acknowledge the disagreement".
    pub what: String,
    /// Who owes it, e.g. "Leicestershire County Council".
    pub who: String,
    /// The due day, e.g. "Monday 9 March 2026".
    pub due: String,
}

/// Everything a template may use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmailContext {
    /// The Compact's name.
    pub compact: String,
    /// The recipient's name.
    pub recipient: String,
    /// The case reference.
    pub reference: String,
    /// The case title (the one piece of case text an email carries).
    pub title: String,
    /// What happened, as a sentence: "Linda Cole of Leicestershire County Council
    /// acknowledged the disagreement."
    pub headline: String,
    /// What happened, in a few words for the subject: "acknowledged".
    pub summary_line: String,
    /// Where the case stands now, e.g. "in dialogue (informal stage)".
    pub state: String,
    /// What is owed next.
    pub next: Vec<Step>,
    /// The deadline a reminder or overdue notice is about.
    pub deadline: Option<Step>,
    /// The case page.
    pub link: String,
    /// Help outside the Compact, once the case has closed with a decision.
    pub next_steps: Option<NextSteps>,
    /// The decision letter the event made, to download once signed in.
    pub letter: Option<String>,
    /// Whether a reply to the email goes into the case (replies by email are received, and
    /// the email carries the recipient's reply address).
    pub replies: bool,
}

/// Help outside the Compact for an organisation still not satisfied once its case has
/// ended in a decision: configured as `[service.next_steps]`, offered on the case's page
/// and in the email that tells of the decision that closed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextSteps {
    /// What they can do, in a sentence or two.
    pub text: String,
    /// The words of the link.
    pub link_text: String,
    /// Where it goes.
    pub url: String,
}

impl NextSteps {
    /// The Compact's next steps in `locale`'s words, where the catalogue was given them
    /// (the configuration's `service.next_steps` and, in Welsh, `language.welsh_next_steps`).
    pub fn of(locale: &Locale) -> Option<NextSteps> {
        locale.has("next-steps-text").then(|| NextSteps {
            text: locale.t("next-steps-text"),
            link_text: locale.t("next-steps-link-text"),
            url: locale.t("next-steps-url"),
        })
    }
}

/// Whether `event` closed its case with a decision (see [`disputes_workflow::Outcome::is_decision`]):
/// the email telling of it carries the next steps outside the Compact.
pub fn closes_with_decision(event: &CaseEvent) -> bool {
    let was_open = !matches!(event.from_state, Some(CaseState::Closed { .. }));
    was_open && event.to_state.outcome().is_some_and(|o| o.is_decision())
}

/// What was added to a case in one news email's gathering, with names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    /// The author of each message, as "Linda Cole of Leicestershire County Council".
    pub messages: Vec<String>,
    /// Who added each file, the same way.
    pub files: Vec<String>,
    /// How many were for a panel only.
    pub panel_only: usize,
}

impl Added {
    /// Whether there is anything to tell.
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty() && self.files.is_empty()
    }
}

/// `person` acting for `organisation`, in `locale`'s words: "Linda Cole of Leicestershire
/// County Council".
pub fn person_of(locale: &Locale, person: &str, organisation: &str) -> String {
    locale.text(
        "person-of-organisation",
        &[
            ("person", person.into()),
            ("organisation", organisation.into()),
        ],
    )
}

/// "A and B", "A, B and C", in `locale`'s words. Welsh says "ac" before a vowel.
pub fn in_a_list(locale: &Locale, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => {
            let vowel = last
                .chars()
                .next()
                .is_some_and(|c| "AEIOUWYaeiouwyÂÊÎÔÛŴŶâêîôûŵŷ".contains(c));
            let key = if vowel { "list-and-vowel" } else { "list-and" };
            locale.text(
                key,
                &[("items", rest.join(", ").into()), ("last", last.into())],
            )
        }
    }
}

/// The email telling one reader what was added to a case (as it now stands): who added how
/// many messages and files, never what they say or what the files are called.
pub fn news_context(
    locale: &Locale,
    compact: &str,
    public_url: &str,
    reference: &str,
    case: &Case,
    added: &Added,
    names: &Names,
) -> EmailContext {
    let mut authors: Vec<String> = Vec::new();
    for author in added.messages.iter().chain(&added.files) {
        if !authors.contains(author) {
            authors.push(author.clone());
        }
    }
    let count = |key: &str, n: usize| (n > 0).then(|| locale.text(key, &[("count", n.into())]));
    let what: Vec<String> = [
        count("news-messages", added.messages.len()),
        count("news-files", added.files.len()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut headline = locale.text(
        "news-added",
        &[
            ("who", in_a_list(locale, &authors).into()),
            ("what", in_a_list(locale, &what).into()),
        ],
    );
    let panel = match added.panel_only {
        0 => None,
        n if n == added.messages.len() + added.files.len() => Some(locale.t("news-panel-all")),
        n => Some(locale.text("news-panel-some", &[("count", n.into())])),
    };
    if let Some(panel) = panel {
        headline = format!("{headline} {panel}");
    }
    let summary = if added.files.is_empty() {
        "news-summary-messages"
    } else if added.messages.is_empty() {
        "news-summary-files"
    } else {
        "news-summary-both"
    };
    EmailContext {
        compact: compact.to_owned(),
        recipient: names.recipient.clone(),
        reference: reference.to_owned(),
        title: case.title.to_string(),
        headline,
        summary_line: locale.t(summary),
        state: describe_state(locale, &case.state),
        next: running_steps(locale, case, names),
        deadline: None,
        link: format!("{public_url}/cases/{reference}#messages"),
        next_steps: None,
        letter: None,
        replies: false,
    }
}

/// The steps owed next on `case`: none while it is paused.
fn running_steps(locale: &Locale, case: &Case, names: &Names) -> Vec<Step> {
    case.deadlines
        .iter()
        .filter(|d| d.is_running() && !case.state.is_paused())
        .map(|d| step(locale, d, names))
        .collect()
}

/// The names an email needs, looked up by the dispatcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    /// The recipient.
    pub recipient: String,
    /// The person who acted and their organisation; `None` for the service itself.
    pub actor: Option<(String, String)>,
    /// The raising organisation.
    pub raiser: String,
    /// The respondent organisation.
    pub respondent: String,
}

/// The state in words, e.g. "In dialogue (at the informal stage)" or "Closed: Upheld".
pub fn describe_state(locale: &Locale, state: &CaseState) -> String {
    let stage =
        |stage: disputes_workflow::Stage| locale.t(&format!("stage-phrase-{}", stage.as_str()));
    match state {
        CaseState::Closed { outcome } => locale.text(
            "email-state-closed",
            &[(
                "outcome",
                locale.t(&format!("choice-{}", outcome.as_str())).into(),
            )],
        ),
        CaseState::Paused { resume_to } => locale.text(
            "email-state-paused",
            &[
                ("stage", stage(resume_to.stage()).into()),
                (
                    "state",
                    locale.t(&format!("state-{}", resume_to.as_str())).into(),
                ),
            ],
        ),
        open => locale.text(
            "email-state-open",
            &[
                ("state", locale.t(&format!("state-{}", open.name())).into()),
                ("stage", stage(open.stage()).into()),
            ],
        ),
    }
}

fn owed_by(locale: &Locale, owed: Owed, names: &Names) -> String {
    match owed {
        Owed::Respondent => names.respondent.clone(),
        Owed::Parties => in_a_list(locale, &[names.raiser.clone(), names.respondent.clone()]),
        Owed::SubgroupChair => locale.t("owed-subgroup_chair"),
        Owed::PanelChair => locale.t("owed-panel_chair"),
        Owed::AppealPanelChair => locale.t("owed-appeal_panel_chair"),
    }
}

fn step(locale: &Locale, deadline: &Deadline, names: &Names) -> Step {
    Step {
        what: locale.t(&format!("deadline-{}", deadline.kind.as_str())),
        who: owed_by(locale, deadline.owed_by, names),
        due: locale.long_date(deadline.due_on),
    }
}

/// The email for `event` of `case` (as the case stands after it), for one recipient.
pub fn context(
    locale: &Locale,
    compact: &str,
    public_url: &str,
    reference: &str,
    case: &Case,
    event: &CaseEvent,
    names: &Names,
) -> EmailContext {
    let (kind, about): (Option<ActionKind>, Option<DeadlineKind>) = match &event.body {
        EventBody::Raised { .. } | EventBody::Redacted { .. } => (None, None),
        EventBody::Acted { action, .. } => {
            let about = match action {
                Action::SendReminder { deadline } | Action::SendOverdueNotice { deadline } => {
                    Some(*deadline)
                }
                _ => None,
            };
            (Some(action.kind()), about)
        }
    };
    let name = kind.map_or("raised", ActionKind::as_str);
    let who = match (&event.actor, &names.actor) {
        (Actor::Person(_), Some((person, organisation))) => person_of(locale, person, organisation),
        _ => locale.t("the-service"),
    };
    // The deadline a notice is about: the latest of its kind (it has not moved since).
    let deadline = about.and_then(|k| case.deadlines.iter().rev().find(|d| d.kind == k));
    EmailContext {
        compact: compact.to_owned(),
        recipient: names.recipient.clone(),
        reference: reference.to_owned(),
        title: case.title.to_string(),
        headline: locale.text(&format!("done-{name}"), &[("who", Arg::Text(who))]),
        summary_line: locale.t(&format!("short-{name}")),
        state: describe_state(locale, &case.state),
        next: running_steps(locale, case, names),
        deadline: deadline.map(|d| step(locale, d, names)),
        link: format!("{public_url}/cases/{reference}"),
        next_steps: None,
        letter: kind
            .and_then(LetterKind::made_by)
            .map(|letter| format!("{public_url}/cases/{reference}/letters/{}", letter.as_str())),
        replies: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Renderer;
    use disputes_workflow::{
        Command, CompactSettings, NewCase, OrganisationId, Person, PersonId, Role, Roles, Text,
        Title,
    };

    fn person(id: i64, org: i64) -> Person {
        Person {
            id: PersonId(id),
            organisation_id: OrganisationId(org),
            roles: Roles::from([Role::Member]),
        }
    }

    #[test]
    fn an_email_carries_the_title_but_none_of_the_case_text() {
        let raiser = person(1, 10);
        let respondent = person(2, 20);
        let at = |s: &str| s.parse().unwrap();
        let raised = Case::raise(
            NewCase {
                respondent_organisation_id: OrganisationId(20),
                title: Title::parse("Grant cut").unwrap(),
                summary: Text::parse("SECRET SUMMARY of who said what").unwrap(),
                principles: vec!["notice".into()],
                desired_outcome: Text::parse("SECRET OUTCOME wanted").unwrap(),
                notice: None,
                consultation: None,
            },
            &raiser,
            at("2026-03-02T09:00:00Z"),
            &CompactSettings::default(),
        )
        .unwrap();
        let acknowledged = raised
            .case
            .decide(&Command {
                actor: respondent.clone().into(),
                action: Action::Acknowledge,
                at: at("2026-03-03T09:00:00Z"),
                note: Some(Text::parse("SECRET NOTE").unwrap()),
            })
            .unwrap();
        let proposed = acknowledged
            .case
            .decide(&Command {
                actor: respondent.into(),
                action: Action::ProposeResolution {
                    terms: Text::parse("SECRET TERMS of the offer").unwrap(),
                },
                at: at("2026-03-04T09:00:00Z"),
                note: None,
            })
            .unwrap();
        let names = Names {
            recipient: "Jo Patel".into(),
            actor: Some(("Linda Cole".into(), "Leicestershire County Council".into())),
            raiser: "Age Concern".into(),
            respondent: "Leicestershire County Council".into(),
        };
        let renderer = Renderer::new(None, disputes_i18n::Catalogue::built_in()).unwrap();
        let locale = Locale::built_in(disputes_i18n::Lang::En);
        for decided in [&raised, &acknowledged, &proposed] {
            let content = context(
                &locale,
                "Compact Leicestershire",
                "https://disputes.example.org",
                "LEIC-2026-0001",
                &decided.case,
                &decided.event,
                &names,
            );
            let email = renderer
                .render(Template::Transition, &content, disputes_i18n::Lang::En)
                .unwrap();
            for part in [&email.subject, &email.text, &email.html] {
                assert!(!part.contains("SECRET"), "{part}");
                assert!(part.contains("Grant cut"));
            }
        }
        let content = context(
            &locale,
            "Compact Leicestershire",
            "https://disputes.example.org",
            "LEIC-2026-0001",
            &proposed.case,
            &proposed.event,
            &names,
        );
        assert_eq!(
            content.headline,
            "Linda Cole of Leicestershire County Council proposed terms to resolve it."
        );
        assert_eq!(content.state, "Terms proposed (at the informal stage)");
        assert_eq!(
            content.next[0].who,
            "Age Concern and Leicestershire County Council"
        );
        assert_eq!(content.next[0].due, "Tuesday 17 March 2026");
    }
}
