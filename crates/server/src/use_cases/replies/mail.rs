//! Reading a received email with `mail-parser` (every MIME structure, transfer encoding and
//! charset it meets in the wild): who sent it and whether their mail server vouched for
//! them, whether a program sent it (an out-of-office, a bounce), what it says, and which
//! files it carries.

use mail_parser::{MessageParser, MimeHeaders};
use sha2::{Digest, Sha256};

/// What the receiving mail server's `Authentication-Results` say of the `From` domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authentication {
    /// No such header (from the trusted server): nothing to check.
    Absent,
    /// SPF, DKIM or DMARC passed for the `From` address's domain.
    Pass,
    /// The header is there and none of them passed for that domain.
    Fail,
}

/// A delivery status notification: one of the service's emails could not be delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounce {
    /// The Message-ID of the email that bounced, without angle brackets.
    pub original: Option<String>,
    /// The address it could not reach.
    pub recipient: Option<String>,
    /// What the reporting server said.
    pub report: String,
}

/// A received email, as far as the service cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// Its Message-ID, or a digest of its bytes when it has none.
    pub message_id: String,
    /// The `From` address, in lower case.
    pub from: Option<String>,
    /// Its subject.
    pub subject: String,
    /// Whether a program sent it (RFC 3834 and the common headers older programs use).
    pub automatic: bool,
    /// The delivery report it carries, if it is one.
    pub bounce: Option<Bounce>,
    /// What its mail server said of the sender.
    pub authentication: Authentication,
    /// The text it adds: quotes and signature removed (HTML made text).
    pub text: String,
    /// Its files, by name as sent: attachments, and inline parts the text does not show.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Reads `raw`; none when it has no headers at all. `authserv_id` names the one mail server
/// whose `Authentication-Results` are believed.
pub fn read(raw: &[u8], authserv_id: Option<&str>) -> Option<Received> {
    let message = MessageParser::default().parse(raw)?;
    if message.headers().is_empty() {
        return None;
    }
    let from = message
        .from()
        .and_then(|from| from.first())
        .and_then(|addr| addr.address())
        .map(str::to_lowercase);
    let message_id = message.message_id().map_or_else(
        || format!("sha256:{}", hex::encode(Sha256::digest(raw))),
        str::to_owned,
    );
    let header = |name: &str| -> Option<String> {
        message
            .headers_raw()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.trim().to_lowercase())
    };
    let is_report = message
        .root_part()
        .content_type()
        .is_some_and(|ct| ct.ctype() == "multipart" && ct.subtype() == Some("report"));
    let from_robot = from.as_deref().is_some_and(|from| {
        let local = from.split('@').next().unwrap_or_default();
        matches!(local, "mailer-daemon" | "postmaster")
    });
    let automatic = header("auto-submitted").is_some_and(|v| !v.starts_with("no"))
        || header("precedence").is_some_and(|v| matches!(v.as_str(), "bulk" | "junk" | "list"))
        || header("x-autoreply").is_some()
        || header("x-autorespond").is_some()
        || header("list-id").is_some()
        || is_report
        || from_robot;
    let bounce = (is_report || from_robot).then(|| bounce_of(&message));
    let authentication = authentication(&message, from.as_deref(), authserv_id);
    Some(Received {
        message_id,
        subject: message.subject().unwrap_or_default().trim().to_owned(),
        automatic,
        bounce,
        authentication,
        text: text_of(&message),
        files: files_of(&message),
        from,
    })
}

/// Where an email taken from a mailbox (not handed over by SMTP, with its envelope) was
/// going, and from what return path: the first of its delivery headers (`Delivered-To`,
/// `X-Original-To`, `Envelope-To`), then its `To` and `Cc`, that `is_ours` takes; and its
/// `Return-Path` (empty for a delivery report).
pub fn envelope_of(raw: &[u8], is_ours: impl Fn(&str) -> bool) -> (String, String) {
    let Some(message) = MessageParser::default().parse_headers(raw) else {
        return (String::new(), String::new());
    };
    let bare = |value: &str| value.trim().trim_matches(['<', '>']).trim().to_owned();
    let delivered = [
        "Delivered-To",
        "X-Original-To",
        "Envelope-To",
        "X-Envelope-To",
    ]
    .into_iter()
    .flat_map(|name| {
        message
            .headers_raw()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, value)| bare(value))
    });
    let addressed = message
        .to()
        .into_iter()
        .chain(message.cc())
        .flat_map(|list| list.iter())
        .filter_map(|addr| addr.address().map(str::to_owned));
    let recipient = delivered
        .chain(addressed)
        .find(|address| is_ours(address))
        .unwrap_or_default();
    let from = message
        .headers_raw()
        .find(|(n, _)| n.eq_ignore_ascii_case("Return-Path"))
        .map(|(_, value)| bare(value))
        .unwrap_or_default();
    (from, recipient)
}

/// The text a person wrote: the plain part, or the HTML part made text without what it
/// quotes.
fn text_of(message: &mail_parser::Message<'_>) -> String {
    let body = match message.text_part(0) {
        Some(part) if !part.is_text_html() => part.text_contents().unwrap_or_default().to_owned(),
        _ => match message.body_html(0) {
            Some(html) => mail_parser::decoders::html::html_to_text(&without_blockquotes(&html)),
            None => String::new(),
        },
    };
    super::quotes::new_text(&body)
}

/// `html` without its `<blockquote>` elements: where HTML mail programs put the quote.
fn without_blockquotes(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut kept = String::with_capacity(html.len());
    let mut depth = 0_usize;
    let mut at = 0;
    while at < html.len() {
        let rest = &lower[at..];
        if rest.starts_with("<blockquote") {
            depth += 1;
        } else if rest.starts_with("</blockquote") {
            depth = depth.saturating_sub(1);
            at += rest.find('>').map_or(rest.len(), |end| end + 1);
            continue;
        }
        let Some(c) = html[at..].chars().next() else {
            break;
        };
        if depth == 0 {
            kept.push(c);
        }
        at += c.len_utf8();
    }
    kept
}

/// The files `message` carries: every attachment, except inline images the HTML shows by
/// `cid:` (logos in signatures).
fn files_of(message: &mail_parser::Message<'_>) -> Vec<(String, Vec<u8>)> {
    let html = message.body_html(0).unwrap_or_default().to_lowercase();
    message
        .attachments()
        .filter(|part| {
            let shown = part
                .content_id()
                .map(|id| id.trim_matches(['<', '>']).to_lowercase())
                .is_some_and(|id| html.contains(&format!("cid:{id}")));
            !shown
        })
        .map(|part| {
            let name = part.attachment_name().map_or_else(
                || match part.message() {
                    Some(_) => "forwarded.eml".to_owned(),
                    None => "attachment".to_owned(),
                },
                str::to_owned,
            );
            (name, part.contents().to_vec())
        })
        .collect()
}

/// What a delivery report says: the email that bounced (from the returned message or its
/// headers) and the recipient and status that failed.
fn bounce_of(message: &mail_parser::Message<'_>) -> Bounce {
    let mut bounce = Bounce {
        original: None,
        recipient: None,
        report: String::new(),
    };
    for part in &message.parts {
        let Some(content_type) = part.content_type() else {
            continue;
        };
        let kind = (
            content_type.ctype(),
            content_type.subtype().unwrap_or_default(),
        );
        match kind {
            ("message", "delivery-status") | ("message", "global-delivery-status") => {
                let text = String::from_utf8_lossy(part.contents());
                for line in text.lines() {
                    let Some((name, value)) = line.split_once(':') else {
                        continue;
                    };
                    let value = value.trim();
                    match name.trim().to_ascii_lowercase().as_str() {
                        "final-recipient" | "original-recipient" if bounce.recipient.is_none() => {
                            let address = value.rsplit(';').next().unwrap_or(value).trim();
                            bounce.recipient = Some(address.to_lowercase());
                        }
                        "status" | "diagnostic-code" => {
                            if !bounce.report.is_empty() {
                                bounce.report.push_str("; ");
                            }
                            bounce.report.push_str(value);
                        }
                        _ => {}
                    }
                }
            }
            ("message", "rfc822") | ("message", "global") => {
                if let Some(original) = part.message().and_then(|m| m.message_id()) {
                    bounce.original.get_or_insert_with(|| original.to_owned());
                }
            }
            ("text", "rfc822-headers") => {
                let headers = MessageParser::default().parse(part.contents());
                if let Some(original) = headers.as_ref().and_then(|m| m.message_id()) {
                    bounce.original.get_or_insert_with(|| original.to_owned());
                }
            }
            _ => {}
        }
    }
    if bounce.original.is_none() {
        bounce.original = message
            .in_reply_to()
            .as_text()
            .map(|id| id.trim_matches(['<', '>']).to_owned());
    }
    if bounce.report.is_empty() {
        bounce.report = "the receiving mail server reported it undeliverable".to_owned();
    }
    bounce
}

/// What the trusted `Authentication-Results` header (RFC 8601) says of `from`'s domain: that
/// of the server `authserv_id`, or, with none named, the topmost (the receiving server adds
/// its own above any the sender wrote).
fn authentication(
    message: &mail_parser::Message<'_>,
    from: Option<&str>,
    authserv_id: Option<&str>,
) -> Authentication {
    let results = message
        .headers_raw()
        .filter(|(name, _)| name.eq_ignore_ascii_case("Authentication-Results"))
        .map(|(_, value)| value.split_whitespace().collect::<Vec<_>>().join(" "));
    let trusted = match authserv_id {
        Some(id) => results.into_iter().find(|value| {
            let server = value.split(';').next().unwrap_or_default();
            server
                .split_whitespace()
                .next()
                .is_some_and(|s| s.eq_ignore_ascii_case(id))
        }),
        None => results.into_iter().next(),
    };
    let Some(header) = trusted else {
        return Authentication::Absent;
    };
    let Some(domain) = from.and_then(|f| f.rsplit_once('@')).map(|(_, d)| d) else {
        return Authentication::Fail;
    };
    if passes(&header, domain) {
        Authentication::Pass
    } else {
        Authentication::Fail
    }
}

/// Whether the results `header` hold a pass of DMARC, DKIM or SPF aligned with `domain`.
fn passes(header: &str, domain: &str) -> bool {
    let domain = domain.to_lowercase();
    let names = |value: &str| {
        let value = value.trim_matches(|c| c == '"' || c == ';').to_lowercase();
        let host = value.rsplit('@').next().unwrap_or_default().to_owned();
        host == domain
    };
    header.split(';').skip(1).any(|result| {
        let result = without_comments(result);
        let mut words = result.split_whitespace();
        let Some((method, outcome)) = words.next().and_then(|w| w.split_once('=')) else {
            return false;
        };
        if !outcome.eq_ignore_ascii_case("pass") {
            return false;
        }
        let property = |key: &str| {
            result
                .split_whitespace()
                .filter_map(|w| w.split_once('='))
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v.to_owned())
        };
        match method.to_ascii_lowercase().as_str() {
            "dmarc" => property("header.from").is_some_and(|v| names(&v)),
            "dkim" => property("header.d")
                .or_else(|| property("header.i"))
                .is_some_and(|v| names(&v)),
            "spf" => property("smtp.mailfrom").is_some_and(|v| names(&v)),
            _ => false,
        }
    })
}

/// `text` without its `(comments)`.
fn without_comments(text: &str) -> String {
    let mut depth = 0_u32;
    text.chars()
        .filter(|c| match c {
            '(' => {
                depth += 1;
                false
            }
            ')' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authentication_results_pass_only_for_the_from_domain() {
        let header = "mx.example.org; spf=pass (sender ok) smtp.mailfrom=jo@charity.example; \
                      dkim=fail header.d=charity.example";
        assert!(passes(header, "charity.example"));
        assert!(!passes(header, "other.example"));
        let dmarc = "mx.example.org; dmarc=pass header.from=charity.example";
        assert!(passes(dmarc, "charity.example"));
        let failed = "mx.example.org; spf=fail smtp.mailfrom=charity.example; dmarc=fail header.from=charity.example";
        assert!(!passes(failed, "charity.example"));
    }

    #[test]
    fn the_trusted_servers_results_are_the_ones_believed() {
        let raw = b"Authentication-Results: mx.example.org; spf=fail smtp.mailfrom=jo@charity.example\r\n\
Authentication-Results: forged.example; spf=pass smtp.mailfrom=jo@charity.example\r\n\
From: jo@charity.example\r\nSubject: Re\r\n\r\nHello\r\n";
        let topmost = read(raw, None).unwrap();
        assert_eq!(topmost.authentication, Authentication::Fail);
        let named = read(raw, Some("forged.example")).unwrap();
        assert_eq!(named.authentication, Authentication::Pass);
        let absent = read(raw, Some("elsewhere.example")).unwrap();
        assert_eq!(absent.authentication, Authentication::Absent);
    }

    #[test]
    fn text_in_other_charsets_is_read_as_written() {
        let raw = b"From: jo@charity.example\r\nSubject: =?Shift_JIS?B?k/qWew==?=\r\n\
Content-Type: text/plain; charset=windows-1252\r\n\r\nCaf\xe9 costs \x805.\r\n"
            .to_vec();
        let read = read(&raw, None).unwrap();
        assert_eq!(read.text, "Café costs €5.");
        assert_eq!(read.subject, "日本");
        assert_eq!(read.from.as_deref(), Some("jo@charity.example"));
    }

    #[test]
    fn automatic_emails_are_known_by_their_headers() {
        for header in [
            "Auto-Submitted: auto-replied",
            "Precedence: bulk",
            "X-Autoreply: yes",
            "List-Id: <news.example.org>",
        ] {
            let raw =
                format!("From: jo@charity.example\r\n{header}\r\nSubject: Away\r\n\r\nAway.\r\n");
            assert!(read(raw.as_bytes(), None).unwrap().automatic, "{header}");
        }
        let person =
            "From: jo@charity.example\r\nAuto-Submitted: no\r\nSubject: Re\r\n\r\nYes.\r\n";
        assert!(!read(person.as_bytes(), None).unwrap().automatic);
    }

    #[test]
    fn a_mailboxs_email_says_where_it_was_going() {
        let raw = b"Return-Path: <jo@charity.example>\r\nDelivered-To: inbox@compact.example\r\n\
X-Original-To: case+abc@replies.example\r\nTo: Someone <someone@example.org>, case+def@replies.example\r\n\
From: jo@charity.example\r\n\r\nYes.\r\n";
        let ours = |a: &str| a.ends_with("@replies.example");
        let (from, to) = envelope_of(raw, ours);
        assert_eq!(from, "jo@charity.example");
        assert_eq!(to, "case+abc@replies.example");
        let (_, to) = envelope_of(b"To: case+def@replies.example\r\n\r\nYes.\r\n", ours);
        assert_eq!(to, "case+def@replies.example");
        let (from, to) = envelope_of(b"Return-Path: <>\r\nTo: x@example.org\r\n\r\n.\r\n", ours);
        assert_eq!((from.as_str(), to.as_str()), ("", ""));
    }

    #[test]
    fn html_loses_its_blockquotes() {
        assert_eq!(
            without_blockquotes(
                "<p>Yes</p><blockquote><p>old<blockquote>older</blockquote></p></blockquote><p>Jo</p>"
            ),
            "<p>Yes</p><p>Jo</p>"
        );
    }
}
