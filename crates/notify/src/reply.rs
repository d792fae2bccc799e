//! The answers to emails the service receives: the acknowledgement that a reply is on its
//! case (and for whom), and the one plain refusal saying why one is not.
//!
//! Both are queued in the outbox in the transaction that decided them, so they are sent
//! once even if the process stops, and both are marked `Auto-Submitted: auto-replied` and
//! sent so that nothing ever answers them in turn (a refusal goes with an empty return
//! path: a refusal that cannot be delivered is dropped, never bounced back).

use serde::Serialize;

/// Everything an acknowledgement's or a refusal's template may use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplyContext {
    /// The Compact's name.
    pub compact: String,
    /// Whom it greets: the person's name, or the address that sent the email.
    pub recipient: String,
    /// Whether the reply was recorded (an acknowledgement) or refused.
    pub recorded: bool,
    /// The case's reference, when the email named a case.
    pub reference: String,
    /// The subject the email came with.
    pub subject: String,
    /// Why it was refused.
    pub reason: String,
    /// Whether what was recorded is for the panel only, so the author may widen it.
    pub panel_only: bool,
    /// The case page, at the message when there is one.
    pub link: String,
}

/// A sample of each answer, for checking the templates at start-up.
pub fn samples() -> Vec<ReplyContext> {
    let recorded = ReplyContext {
        compact: "Leicestershire Compact".to_owned(),
        recipient: "Jo Patel".to_owned(),
        recorded: true,
        reference: "LEIC-2026-0001".to_owned(),
        subject: "Re: Case LEIC-2026-0001: formal stage opened".to_owned(),
        reason: String::new(),
        panel_only: true,
        link: "https://disputes.example.org/cases/LEIC-2026-0001#message-4".to_owned(),
    };
    let refused = ReplyContext {
        recorded: false,
        recipient: "jo@example.org".to_owned(),
        reason: "the case is closed".to_owned(),
        panel_only: false,
        ..recorded.clone()
    };
    vec![recorded, refused]
}
