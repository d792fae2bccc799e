//! Building the email message itself, with a Message-ID that stays the same for every
//! attempt at the same outbox row, so a receiver can drop repeats.

use lettre::Message;
use lettre::message::header::ContentType;
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

/// The message for one recipient.
pub fn build(
    from: &Mailbox,
    to_name: &str,
    to_email: &str,
    key: &str,
    email: &Rendered,
) -> Result<Message, MessageError> {
    let to: Mailbox = to_email
        .parse::<lettre::Address>()
        .map(|address| Mailbox::new(Some(to_name.to_owned()), address))
        .map_err(|e| MessageError(format!("recipient address: {e}")))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(email.subject.clone())
        .message_id(Some(message_id(key, from)))
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
        )
        .unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(
            raw.contains("Message-ID: <LEIC-2026-0001.3.42@compact.example.org>"),
            "{raw}"
        );
        assert!(raw.contains("multipart/alternative"));
        assert!(build(&from, "X", "not an address", "k", &email).is_err());
    }
}
