//! Sample emails, for `disputes email preview` and for checking templates at start-up.

use crate::content::{EmailContext, Step, Template, describe};
use disputes_workflow::ActionKind;

/// Sample content for `template`, as an acknowledgement (transitions), a reminder or
/// overdue notice about an acknowledgement, or two messages and a file (news).
pub fn sample(template: Template) -> EmailContext {
    match template {
        Template::Transition => sample_for(ActionKind::Acknowledge),
        Template::Reminder => sample_for(ActionKind::SendReminder),
        Template::Overdue => sample_for(ActionKind::SendOverdueNotice),
        Template::News => sample_news(),
    }
}

/// Sample news: two messages and a file, in dialogue.
pub fn sample_news() -> EmailContext {
    EmailContext {
        headline: "Linda Cole of Leicestershire County Council and Jo Patel of Age Concern \
                   Leicestershire added 2 messages and a file to the case."
            .to_owned(),
        summary_line: "new messages and files".to_owned(),
        link: "https://disputes.example.org/cases/LEIC-2026-0042#messages".to_owned(),
        ..sample_for(ActionKind::Acknowledge)
    }
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
