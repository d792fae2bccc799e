//! The answers to emails the service receives: the acknowledgement that a reply is on its
//! case (and for whom), and the one plain refusal saying why one is not.
//!
//! Both are queued in the outbox in the transaction that decided them, so they are sent
//! once even if the process stops, and both are marked `Auto-Submitted: auto-replied` and
//! sent so that nothing ever answers them in turn (a refusal goes with an empty return
//! path: a refusal that cannot be delivered is dropped, never bounced back).

use serde::Serialize;

/// The local part of the address bounces come back to.
const BOUNCES: &str = "bounces";
/// What starts the local part of a reply address.
const REPLY_PREFIX: &str = "case+";

/// The reply address carrying `token`, at `domain`: what a case email's `Reply-To` says.
pub fn reply_address(token: &str, domain: &str) -> String {
    format!("{REPLY_PREFIX}{token}@{domain}")
}

/// The return path of every email sent while replies are received, at `domain`.
pub fn bounce_address(domain: &str) -> String {
    format!("{BOUNCES}@{domain}")
}

/// Which of the service's addresses an email was sent to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mailbox {
    /// The return path: delivery reports come here.
    Bounces,
    /// A reply address, by its token.
    Reply(String),
}

/// Whether `recipient` is an address at `domain`.
pub fn in_domain(recipient: &str, domain: &str) -> bool {
    recipient
        .rsplit_once('@')
        .is_some_and(|(_, at)| at.eq_ignore_ascii_case(domain))
}

/// The mailbox `recipient` names at `domain`, if it names one: the reverse of
/// [`reply_address`] and [`bounce_address`].
pub fn mailbox(recipient: &str, domain: &str) -> Option<Mailbox> {
    if !in_domain(recipient, domain) {
        return None;
    }
    let (local, _) = recipient.rsplit_once('@')?;
    let local = local.to_ascii_lowercase();
    if local == BOUNCES {
        return Some(Mailbox::Bounces);
    }
    let token = local.strip_prefix(REPLY_PREFIX)?;
    let plausible = token.len() == 32
        && token
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    plausible.then(|| Mailbox::Reply(token.to_owned()))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_reply_domains_own_addresses_are_mailboxes() {
        let token = "abcdefghijklmnopqrstuvwxyz234567";
        let domain = "replies.example.org";
        assert_eq!(
            mailbox(&reply_address(token, domain), domain),
            Some(Mailbox::Reply(token.to_owned()))
        );
        assert_eq!(
            mailbox(
                &format!("Case+{}@Replies.Example.org", token.to_uppercase()),
                domain
            ),
            Some(Mailbox::Reply(token.to_owned()))
        );
        assert_eq!(
            mailbox(&bounce_address(domain), domain),
            Some(Mailbox::Bounces)
        );
        assert_eq!(
            mailbox(&format!("case+{token}@other.example"), domain),
            None
        );
        assert_eq!(mailbox("case+short@replies.example.org", domain), None);
        assert_eq!(mailbox("jo@replies.example.org", domain), None);
        assert!(in_domain("jo@Replies.Example.org", domain));
        assert!(!in_domain("jo@example.org", domain));
    }
}
