//! Sample emails, for `disputes email preview` and for checking templates at start-up, in
//! the language of the `locale` they are made with.

use chrono::NaiveDate;
use disputes_i18n::{Arg, Locale};
use disputes_workflow::{ActionKind, CaseState, OpenState};

use crate::content::{EmailContext, Step, Template, describe_state, in_a_list, person_of};

/// Sample content for `template`, as an acknowledgement (transitions), a reminder or
/// overdue notice about an acknowledgement, or two messages and a file (news).
pub fn sample(locale: &Locale, template: Template) -> EmailContext {
    match template {
        Template::Transition => sample_for(locale, ActionKind::Acknowledge),
        Template::Reminder => sample_for(locale, ActionKind::SendReminder),
        Template::Overdue => sample_for(locale, ActionKind::SendOverdueNotice),
        Template::News => sample_news(locale),
    }
}

/// Sample news: two messages and a file, in dialogue.
pub fn sample_news(locale: &Locale) -> EmailContext {
    let who = in_a_list(
        locale,
        &[
            person_of(locale, "Linda Cole", "Leicestershire County Council"),
            person_of(locale, "Jo Patel", "Age Concern Leicestershire"),
        ],
    );
    let what = in_a_list(
        locale,
        &[
            locale.text("news-messages", &[("count", 2_i64.into())]),
            locale.text("news-files", &[("count", 1_i64.into())]),
        ],
    );
    EmailContext {
        headline: locale.text("news-added", &[("who", who.into()), ("what", what.into())]),
        summary_line: locale.t("news-summary-both"),
        link: "https://disputes.example.org/cases/LEIC-2026-0042#messages".to_owned(),
        ..sample_for(locale, ActionKind::Acknowledge)
    }
}

/// Sample content for an event of `kind`.
pub fn sample_for(locale: &Locale, kind: ActionKind) -> EmailContext {
    let day = |text: &str| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(|d| locale.long_date(d))
            .unwrap_or_default()
    };
    let acknowledgement = Step {
        what: locale.t("deadline-acknowledgement"),
        who: "Leicestershire County Council".to_owned(),
        due: day("2026-03-09"),
    };
    let dialogue = Step {
        what: locale.t("deadline-informal_resolution"),
        who: in_a_list(
            locale,
            &[
                "Age Concern Leicestershire".to_owned(),
                "Leicestershire County Council".to_owned(),
            ],
        ),
        due: day("2026-03-16"),
    };
    let notice = matches!(
        kind,
        ActionKind::SendReminder | ActionKind::SendOverdueNotice
    );
    let who = if notice {
        locale.t("the-service")
    } else {
        person_of(locale, "Linda Cole", "Leicestershire County Council")
    };
    let state = if notice {
        OpenState::Raised
    } else {
        OpenState::InDialogue
    };
    EmailContext {
        compact: "Compact Leicestershire".to_owned(),
        recipient: "Jo Patel".to_owned(),
        reference: "LEIC-2026-0042".to_owned(),
        title: "Day-centre grant ended at two weeks' notice".to_owned(),
        headline: locale.text(
            &format!("done-{}", kind.as_str()),
            &[("who", Arg::Text(who))],
        ),
        summary_line: locale.t(&format!("short-{}", kind.as_str())),
        state: describe_state(locale, &CaseState::open(state)),
        next: if notice {
            vec![acknowledgement.clone()]
        } else {
            vec![dialogue]
        },
        deadline: notice.then_some(acknowledgement),
        link: "https://disputes.example.org/cases/LEIC-2026-0042".to_owned(),
        next_steps: None,
        letter: crate::letter::LetterKind::made_by(kind).map(|letter| {
            format!(
                "https://disputes.example.org/cases/LEIC-2026-0042/letters/{}",
                letter.as_str()
            )
        }),
        replies: true,
    }
}
