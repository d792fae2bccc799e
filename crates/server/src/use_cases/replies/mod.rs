//! Replies by email: an email sent to a reply address becomes a message on its case, with
//! its files, when its sender is the person the address was given to and they may still
//! write there; otherwise it is refused into the quarantine, and its sender told why when
//! it is known that they sent it. Automatic replies are never recorded or answered, and a
//! report that one of the service's emails bounced marks that email failed.
//!
//! The addresses are `case+TOKEN@domain` (one per case and person, made as the first email
//! is sent to them) and `bounces@domain` (the return path of every email the service sends).

pub mod mail;
pub mod quotes;

use chrono::{DateTime, Utc};
use disputes_i18n::{Lang, Locale};
pub use disputes_notify::reply::{Mailbox, mailbox};
use disputes_store::{
    NewAttachment, NewReply, NotRecorded, Noted, Quarantined, Reason, Received, ReplyAddress,
    StoreError, Visibility,
};
use disputes_workflow::visibility::{PanelScope, can_see, can_write_panel_notes};
use disputes_workflow::{Said, Word};
use serde::Serialize;
use utoipa::ToSchema;

use self::mail::{Authentication, Bounce};
use super::files;
use crate::auth::Viewer;
use crate::problem::{ApiError, says, worded};
use crate::state::AppState;

/// Why the listener refuses an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// Not in the reply domain: the listener relays nothing.
    OtherDomain,
    /// In the domain, but no reply address of ours.
    NoSuchAddress,
}

/// Whether mail for `recipient` is taken.
pub async fn accepts(state: &AppState, recipient: &str) -> Result<Result<(), Unknown>, StoreError> {
    let Some(domain) = state.settings.email.inbound.domain.as_deref() else {
        return Ok(Err(Unknown::OtherDomain));
    };
    match mailbox(recipient, domain) {
        None if !disputes_notify::reply::in_domain(recipient, domain) => {
            Ok(Err(Unknown::OtherDomain))
        }
        None => Ok(Err(Unknown::NoSuchAddress)),
        Some(Mailbox::Bounces) => Ok(Ok(())),
        Some(Mailbox::Reply(token)) => Ok(match state.store.reply_address(&token).await? {
            Some(_) => Ok(()),
            None => Err(Unknown::NoSuchAddress),
        }),
    }
}

/// Why a reply was refused, and whether its sender may be told.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Refusal {
    /// Why, as the catalogue words it.
    said: Said,
    /// Whether the `From` address is known to have sent it.
    answerable: bool,
}

impl Refusal {
    fn told(key: &'static str, args: Vec<(&'static str, Word)>) -> Refusal {
        Refusal {
            said: says(key, args),
            answerable: true,
        }
    }
}

/// Takes the email `raw` sent to `recipient` (with the envelope sender `envelope_from`,
/// empty for a delivery report): recorded, refused or set aside, and committed, before this
/// returns.
pub async fn receive(
    state: &AppState,
    envelope_from: &str,
    recipient: &str,
    raw: &[u8],
) -> Result<(), StoreError> {
    let settings = &state.settings.email.inbound;
    let read = mail::read(raw, settings.authserv_id.as_deref());
    let noted = Received {
        recipient: recipient.to_ascii_lowercase(),
        message_id: read.as_ref().map_or_else(
            || format!("unreadable:{}", raw.len()),
            |r| r.message_id.clone(),
        ),
        sender: read
            .as_ref()
            .and_then(|r| r.from.clone())
            .unwrap_or_else(|| envelope_from.to_ascii_lowercase()),
        subject: read.as_ref().map(|r| r.subject.clone()).unwrap_or_default(),
        size_bytes: raw.len() as u64,
        at: state.clock.now(),
    };
    let address = address_of(state, recipient).await?;
    let outcome = match (&read, &address) {
        (Some(read), _) if read.bounce.is_some() || envelope_from.is_empty() && read.automatic => {
            if let Some(bounce) = &read.bounce {
                mark_bounced(state, bounce).await?;
            }
            NotRecorded::Bounce
        }
        (Some(read), _) if read.automatic => NotRecorded::Ignored,
        (_, None) => NotRecorded::Ignored,
        (None, Some(_)) => NotRecorded::Refused {
            reason: reason(
                |lang| state.locale(lang),
                &says("reply-reason-unreadable", Vec::new()),
            ),
            raw: raw.to_vec(),
            answer: None,
        },
        (Some(read), Some(address)) => match decide(state, address, read, true).await? {
            Ok(reply) => {
                let (noted, _) = state
                    .store
                    .record_reply(address, &noted, reply, None)
                    .await?;
                count("recorded", &noted);
                return Ok(());
            }
            Err(refusal) => NotRecorded::Refused {
                answer: match (refusal.answerable, &read.from) {
                    (true, Some(from)) if may_answer(state, from, noted.at).await? => {
                        Some(from.clone())
                    }
                    _ => None,
                },
                reason: reason(|lang| state.locale(lang), &refusal.said),
                raw: raw.to_vec(),
            },
        },
    };
    let kind = outcome.outcome();
    let done = state
        .store
        .set_aside(&noted, address.as_ref(), outcome)
        .await?;
    count(kind, &done);
    Ok(())
}

/// Why a reply was refused, worded in each language the service speaks: its sender is
/// answered in theirs, the facilitator reads it in theirs.
fn reason(locale_of: impl Fn(Lang) -> Locale, said: &Said) -> Reason {
    Lang::ALL
        .into_iter()
        .fold(Reason::default(), |reason, lang| {
            reason.with(lang, worded(&locale_of(lang), said))
        })
}

/// Whom the reply address `recipient` belongs to, if it is one.
async fn address_of(state: &AppState, recipient: &str) -> Result<Option<ReplyAddress>, StoreError> {
    let domain = state
        .settings
        .email
        .inbound
        .domain
        .as_deref()
        .unwrap_or_default();
    match mailbox(recipient, domain) {
        Some(Mailbox::Reply(token)) => state.store.reply_address(&token).await,
        _ => Ok(None),
    }
}

fn count(outcome: &'static str, noted: &Noted) {
    if matches!(noted, Noted::New(_)) {
        metrics::counter!("disputes_emails_received_total", "outcome" => outcome).increment(1);
        tracing::info!(outcome, "email received");
    }
}

/// Whether another refusal may be sent to `address` now: a few an hour at most.
async fn may_answer(
    state: &AppState,
    address: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let most = state.settings.email.inbound.answers_an_hour;
    let sent = state
        .store
        .refusals_sent_to(address, now - chrono::Duration::hours(1))
        .await?;
    Ok(sent < u64::from(most))
}

/// What `read`, sent to `address`, becomes on the case, or why it may not: from its
/// person's own address (when `check_sender`), who may still write on the open case, with
/// text or files that the file rules take.
async fn decide(
    state: &AppState,
    address: &ReplyAddress,
    read: &mail::Received,
    check_sender: bool,
) -> Result<Result<NewReply, Refusal>, StoreError> {
    let person = match state.store.person(address.person).await {
        Ok(person) => person,
        Err(StoreError::NotFound) => {
            return Ok(Err(Refusal::told("reply-reason-no-longer", Vec::new())));
        }
        Err(error) => return Err(error),
    };
    if check_sender {
        let own = read.from.as_deref() == Some(person.email.to_lowercase().as_str());
        match (own, read.authentication) {
            (true, Authentication::Pass | Authentication::Absent) => {}
            (true, Authentication::Fail) => {
                return Ok(Err(Refusal {
                    said: says("reply-reason-unauthenticated", Vec::new()),
                    answerable: false,
                }));
            }
            (false, authentication) => {
                return Ok(Err(Refusal {
                    said: says("reply-reason-other-address", Vec::new()),
                    answerable: authentication == Authentication::Pass,
                }));
            }
        }
    }
    let case = &address.case.case;
    if !person.active || person.erased_at.is_some() || !can_see(case, &person.person) {
        return Ok(Err(Refusal::told("reply-reason-no-longer", Vec::new())));
    }
    if case.state.is_closed() {
        return Ok(Err(Refusal::told("reply-reason-closed", Vec::new())));
    }
    let limit = state.settings.server.attachment_limit_bytes;
    let visibility = if can_write_panel_notes(case, &person.person) {
        Visibility::Panel(PanelScope::for_writing(case))
    } else {
        Visibility::Parties
    };
    let mut taken = Vec::with_capacity(read.files.len());
    for (name, content) in &read.files {
        let name = files::clean_name(name);
        if content.is_empty() {
            continue;
        }
        if content.len() > limit {
            return Ok(Err(Refusal::told(
                "reply-reason-file-too-large",
                vec![
                    ("name", name.as_str().into()),
                    ("limit", files::size_words(limit).into()),
                ],
            )));
        }
        let kind = match files::check(&name, content) {
            Ok(kind) => kind,
            Err(error) => {
                let why = error.field_errors().first().map_or_else(
                    || error.detail().into(),
                    |e| match &e.said {
                        Some(said) => said.clone().into(),
                        None => e.message.as_str().into(),
                    },
                );
                return Ok(Err(Refusal::told(
                    "reply-reason-file-refused",
                    vec![("name", name.as_str().into()), ("why", why)],
                )));
            }
        };
        taken.push(NewAttachment {
            uploaded_by: person.person.id,
            file_name: name,
            content_type: kind.content_type.to_owned(),
            content: content.clone(),
            visibility,
        });
    }
    let body = if read.text.trim().is_empty() {
        None
    } else {
        match disputes_workflow::Text::parse(read.text.clone()) {
            Ok(text) => Some(text),
            Err(error) => {
                return Ok(Err(Refusal::told(
                    "reply-reason-text",
                    vec![("why", error.said().into())],
                )));
            }
        }
    };
    if body.is_none() && taken.is_empty() {
        return Ok(Err(Refusal::told("reply-reason-empty", Vec::new())));
    }
    Ok(Ok(NewReply {
        author: person.person.id,
        visibility,
        body,
        files: taken,
        acknowledge: Some(person.email),
    }))
}

/// Marks failed the service's email that `bounce` reports, found by its Message-ID (whose
/// first part is its case's reference).
async fn mark_bounced(state: &AppState, bounce: &Bounce) -> Result<(), StoreError> {
    let Some(original) = &bounce.original else {
        return Ok(());
    };
    let Ok(from) = state
        .settings
        .email
        .from
        .parse::<lettre::message::Mailbox>()
    else {
        return Ok(());
    };
    let wanted = format!("<{}>", original.trim_matches(['<', '>']));
    let reference = original
        .trim_matches('<')
        .split(['.', '@'])
        .next()
        .unwrap_or_default();
    if !disputes_store::is_reference_shaped(reference) {
        return Ok(());
    }
    let emails = match state.store.notifications(reference).await {
        Ok(emails) => emails,
        Err(StoreError::NotFound) => return Ok(()),
        Err(error) => return Err(error),
    };
    let bounced = emails.iter().find(|email| {
        disputes_notify::message::message_id(&email.message_key, &from) == wanted
            && bounce
                .recipient
                .as_deref()
                .is_none_or(|to| to.eq_ignore_ascii_case(&email.recipient_email))
    });
    if let Some(email) = bounced {
        state
            .store
            .mark_email_bounced(email.id, &bounce.report)
            .await?;
        tracing::warn!(email = email.id, report = %bounce.report, "an email bounced");
    }
    Ok(())
}

/// A refused email waiting for the facilitator.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuarantinedView {
    /// Its id.
    pub id: i64,
    /// When it came.
    pub received_at: DateTime<Utc>,
    /// Its `From` address.
    pub sender: String,
    /// Its subject.
    pub subject: String,
    /// Why it was refused, as a sentence.
    pub reason: String,
    /// Its size in bytes.
    pub size_bytes: u64,
    /// The case its reply address named.
    pub reference: Option<String>,
    /// The person the reply address was given to.
    pub person_id: Option<i64>,
    /// Their name: releasing the email adds it as theirs.
    pub person_name: Option<String>,
}

impl QuarantinedView {
    /// `q`, its reason in `lang`.
    fn of(q: Quarantined, lang: Lang) -> QuarantinedView {
        QuarantinedView {
            id: q.id,
            received_at: q.received_at,
            sender: q.sender,
            subject: q.subject,
            reason: format!("{}.", super::upper_first(q.reason.in_language(lang))),
            size_bytes: q.size_bytes,
            reference: q.reference,
            person_id: q.person.map(|p| p.0),
            person_name: None,
        }
    }
}

/// The quarantine, newest first (the facilitator's), each with the name of the person its
/// reply address was given to.
/// Each reason is in `lang` (English for the API).
pub async fn quarantine(state: &AppState, lang: Lang) -> Result<Vec<QuarantinedView>, ApiError> {
    let quarantine = state.store.quarantine(200).await?;
    let people: Vec<_> = quarantine.iter().filter_map(|q| q.person).collect();
    let names = state.store.person_names(&people).await?;
    Ok(quarantine
        .into_iter()
        .map(|quarantined| {
            let name = quarantined.person.and_then(|p| names.get(&p).cloned());
            QuarantinedView {
                person_name: name,
                ..QuarantinedView::of(quarantined, lang)
            }
        })
        .collect())
}

/// Records the quarantined email `id` on its case after all, as its reply address's person
/// wrote it, `viewer` (the facilitator) vouching for its sender: 409 with the reason when it
/// still may not be (the case closed since, a file the rules refuse).
pub async fn release(state: &AppState, viewer: &Viewer, id: i64) -> Result<Option<i64>, ApiError> {
    let (noted, raw) = state.store.quarantined(id).await?;
    let authserv_id = state.settings.email.inbound.authserv_id.as_deref();
    let address = address_of(state, &noted.recipient).await?;
    let (Some(address), Some(read)) = (address, mail::read(&raw, authserv_id)) else {
        return Err(ApiError::conflict(says(
            "detail-reply-unreadable",
            Vec::new(),
        )));
    };
    let mut reply = match decide(state, &address, &read, false).await? {
        Ok(reply) => reply,
        Err(refusal) => {
            return Err(ApiError::conflict(says(
                "detail-reply-not-added",
                vec![("reason", refusal.said.into())],
            )));
        }
    };
    reply.acknowledge = None;
    let by = (id, viewer.person().id);
    let (_, message) = state
        .store
        .record_reply(&address, &noted, reply, Some(by))
        .await?;
    Ok(message.map(|m| m.id))
}

/// Throws the quarantined email `id` away.
pub async fn discard(state: &AppState, viewer: &Viewer, id: i64) -> Result<(), ApiError> {
    state
        .store
        .discard_quarantined(id, viewer.person().id, state.clock.now())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quarantine_gives_each_reason_in_the_readers_language() {
        let said = says(
            "reply-reason-file-refused",
            vec![
                ("name", "grant.exe".into()),
                (
                    "why",
                    says("files-refused-extension", vec![("extension", "exe".into())]).into(),
                ),
            ],
        );
        let reason = reason(Locale::built_in, &said);
        let quarantined = Quarantined {
            id: 1,
            received_at: DateTime::<Utc>::from_timestamp(0, 0).unwrap(),
            sender: "jo@example.org".to_owned(),
            subject: "Re: grant".to_owned(),
            reason,
            size_bytes: 10,
            reference: None,
            person: None,
        };
        let english = QuarantinedView::of(quarantined.clone(), Lang::En).reason;
        assert!(
            english
                .starts_with("The file grant.exe was refused: files ending .exe are not accepted"),
            "{english}"
        );
        let welsh = QuarantinedView::of(quarantined, Lang::Cy).reason;
        assert!(
            welsh.starts_with("Gwrthodwyd y ffeil “grant.exe”: "),
            "{welsh}"
        );
        assert!(welsh.ends_with('.'), "{welsh}");
    }
}
