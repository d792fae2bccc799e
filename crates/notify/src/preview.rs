//! Sample emails, for `disputes email preview` and for checking templates at start-up.

use crate::content::{EmailContext, Step, Template, describe};
use disputes_workflow::ActionKind;

/// Sample content for `template`, as an acknowledgement (transitions), or a reminder or
/// overdue notice about an acknowledgement.
pub fn sample(template: Template) -> EmailContext {
    sample_for(match template {
        Template::Transition => ActionKind::Acknowledge,
        Template::Reminder => ActionKind::SendReminder,
        Template::Overdue => ActionKind::SendOverdueNotice,
    })
}

/// Sample content for an event of `kind`.
pub fn sample_for(kind: ActionKind) -> EmailContext {
    let (phrase, short) = describe(kind);
    let acknowledgement = Step {
        what: "acknowledge the disagreement".to_owned(),
        who: "Leicestershire County Council".to_owned(),
        verb: "has".to_owned(),
        due: "Monday 9 March 2026".to_owned(),
    };
    let dialogue = Step {
        what: "resolve the disagreement informally".to_owned(),
        who: "Age Concern Leicestershire and Leicestershire County Council".to_owned(),
        verb: "have".to_owned(),
        due: "Monday 16 March 2026".to_owned(),
    };
    let notice = matches!(
        kind,
        ActionKind::SendReminder | ActionKind::SendOverdueNotice
    );
    EmailContext {
        compact: "Compact Leicestershire".to_owned(),
        recipient: "Jo Patel".to_owned(),
        reference: "LEIC-2026-0042".to_owned(),
        title: "Day-centre grant ended at two weeks' notice".to_owned(),
        headline: if notice {
            format!("The service {phrase}.")
        } else {
            format!("Linda Cole of Leicestershire County Council {phrase}.")
        },
        summary_line: short.to_owned(),
        state: if notice {
            "raised (informal stage)".to_owned()
        } else {
            "in dialogue (informal stage)".to_owned()
        },
        next: if notice {
            vec![acknowledgement.clone()]
        } else {
            vec![dialogue]
        },
        deadline: notice.then_some(acknowledgement),
        link: "https://disputes.example.org/cases/LEIC-2026-0042".to_owned(),
    }
}
