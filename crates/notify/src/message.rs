//! Building the email message itself, with a Message-ID that stays the same for every
//! attempt at the same outbox row, so a receiver can drop repeats.

use lettre::Message;
use lettre::address::Envelope;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};

use crate::render::Rendered;

/// Why a message could not be built (an address that is not one).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct MessageError(pub String);

/// The Message-ID of outbox row `key`, in the sender's domain: `<LEIC-2026-0001.3.42@...>`.
pub fn message_id(key: &str, from: &Mailbox) -> String {
    let local: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '.'
            }
        })
        .collect();
    format!("<{local}@{}>", from.email.domain())
}

/// `Auto-Submitted` (RFC 3834): every email the service sends is automatic, so that
/// well-behaved out-of-office replies are never sent to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AutoSubmitted {
    /// An email the service sends of itself: `auto-generated`.
    Generated,
    /// An answer to an email received: `auto-replied`.
    Replied,
}

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(s: &str) -> Result<AutoSubmitted, Box<dyn std::error::Error + Send + Sync>> {
        match s.trim() {
            "auto-generated" => Ok(AutoSubmitted::Generated),
            "auto-replied" => Ok(AutoSubmitted::Replied),
            other => Err(format!("Auto-Submitted: {other}").into()),
        }
    }

    fn display(&self) -> HeaderValue {
        let value = match self {
            AutoSubmitted::Generated => "auto-generated",
            AutoSubmitted::Replied => "auto-replied",
        };
        HeaderValue::new(Self::name(), value.to_owned())
    }
}

/// Where answers to an email go: replies (`Reply-To`) and reports of non-delivery (the
/// envelope's return path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routing {
    /// The reply address of the email's case and recipient.
    pub reply_to: Option<String>,
    /// The return path: `Some(address)` for bounces to come back to the service, `None`
    /// for the empty path (nothing is ever sent back). Unset: the sender.
    pub return_path: Option<Option<String>>,
    /// What kind of automatic email it is.
    pub auto: AutoSubmitted,
}

impl Default for Routing {
    fn default() -> Routing {
        Routing {
            reply_to: None,
            return_path: None,
            auto: AutoSubmitted::Generated,
        }
    }
}

/// An address, for a header or an envelope.
fn address(text: &str, what: &str) -> Result<lettre::Address, MessageError> {
    text.parse::<lettre::Address>()
        .map_err(|e| MessageError(format!("{what} address: {e}")))
}

/// The message for one recipient, routed as `routing` says.
pub fn build(
    from: &Mailbox,
    to_name: &str,
    to_email: &str,
    key: &str,
    email: &Rendered,
    routing: &Routing,
) -> Result<Message, MessageError> {
    let recipient = address(to_email, "recipient")?;
    let to = Mailbox::new(Some(to_name.to_owned()), recipient.clone());
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(email.subject.clone())
        .message_id(Some(message_id(key, from)))
        .header(routing.auto);
    if let Some(reply_to) = &routing.reply_to {
        builder = builder.reply_to(Mailbox::new(None, address(reply_to, "reply")?));
    }
    if let Some(return_path) = &routing.return_path {
        let sender = return_path
            .as_deref()
            .map(|path| address(path, "return path"))
            .transpose()?;
        let envelope = Envelope::new(sender, vec![recipient])
            .map_err(|e| MessageError(format!("envelope: {e}")))?;
        builder = builder.envelope(envelope);
    }
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(email.text.clone()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(email.html.clone()),
                ),
        )
        .map_err(|e| MessageError(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_id_is_stable_and_in_the_senders_domain() {
        let from: Mailbox = "Compact disputes <disputes@compact.example.org>"
            .parse()
            .unwrap();
        let id = message_id("LEIC-2026-0001/3/42", &from);
        assert_eq!(id, "<LEIC-2026-0001.3.42@compact.example.org>");
        assert_eq!(id, message_id("LEIC-2026-0001/3/42", &from));
        let email = Rendered {
            subject: "Subject".into(),
            text: "text".into(),
            html: "<p>html</p>".into(),
        };
        let message = build(
            &from,
            "Jo Patel",
            "jo@example.org",
            "LEIC-2026-0001/3/42",
            &email,
            &Routing::default(),
        )
        .unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(
            raw.contains("Message-ID: <LEIC-2026-0001.3.42@compact.example.org>"),
            "{raw}"
        );
        assert!(raw.contains("multipart/alternative"));
        assert!(raw.contains("Auto-Submitted: auto-generated"), "{raw}");
        assert!(!raw.contains("Reply-To"), "{raw}");
        assert_eq!(
            message.envelope().from().map(ToString::to_string),
            Some("disputes@compact.example.org".to_owned())
        );
        assert!(
            build(
                &from,
                "X",
                "not an address",
                "k",
                &email,
                &Routing::default()
            )
            .is_err()
        );
    }

    #[test]
    fn a_routed_message_carries_its_reply_address_and_return_path() {
        let from: Mailbox = "disputes@compact.example.org".parse().unwrap();
        let email = Rendered {
            subject: "Subject".into(),
            text: "text".into(),
            html: "<p>html</p>".into(),
        };
        let routing = Routing {
            reply_to: Some("case+abc@replies.example.org".into()),
            return_path: Some(Some("bounces@replies.example.org".into())),
            auto: AutoSubmitted::Generated,
        };
        let message = build(&from, "Jo", "jo@example.org", "k", &email, &routing).unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(
            raw.contains("Reply-To: case+abc@replies.example.org"),
            "{raw}"
        );
        assert_eq!(
            message.envelope().from().map(ToString::to_string),
            Some("bounces@replies.example.org".to_owned())
        );
        let answer = Routing {
            reply_to: None,
            return_path: Some(None),
            auto: AutoSubmitted::Replied,
        };
        let message = build(&from, "Jo", "jo@example.org", "k", &email, &answer).unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(raw.contains("Auto-Submitted: auto-replied"), "{raw}");
        assert_eq!(message.envelope().from(), None);
    }
}
