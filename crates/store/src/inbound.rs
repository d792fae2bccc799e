//! Replies by email: the reply address each person is given for each case, and every email
//! the service receives, recorded on the case, refused into the quarantine, or set aside.
//!
//! Whether a received email may be recorded is the server's question; the store keeps the
//! answer whole: a recorded reply's message, its files, the news for the case's other
//! readers, the acknowledgement for its author and the note of its receipt are one
//! transaction, so the mail server is told the email is taken only once all of it is.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use disputes_i18n::Lang;
use disputes_workflow::{PersonId, Text};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::correspondence::{insert_attachment, insert_message, message};
use crate::entity::{cases, inbound_mail, outbox, people, reply_addresses};
use crate::error::StoreError;
use crate::{Message, NewAttachment, Store, StoredCase, Visibility};

/// The outbox kind of the email that tells a reply's author it is on the case.
pub const REPLY_RECORDED: &str = "reply.recorded";
/// The outbox kind of the email that tells a sender why their email was not recorded.
pub const REPLY_REFUSED: &str = "reply.refused";

/// Whom a reply address belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyAddress {
    /// The case it replies to.
    pub case: StoredCase,
    /// The person it was given to.
    pub person: PersonId,
}

/// What every received email is noted with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The address it was delivered to.
    pub recipient: String,
    /// Its Message-ID (or, lacking one, a digest of its bytes).
    pub message_id: String,
    /// Its `From` address.
    pub sender: String,
    /// Its subject.
    pub subject: String,
    /// Its size as received.
    pub size_bytes: u64,
    /// When it was received, on the service's clock.
    pub at: DateTime<Utc>,
}

/// A reply to record on its case.
#[derive(Debug, Clone)]
pub struct NewReply {
    /// Who wrote it: the reply address's person.
    pub author: PersonId,
    /// Who may read it and its files.
    pub visibility: Visibility,
    /// Its text, quotes and signature removed; none when it only carries files.
    pub body: Option<Text>,
    /// Its files, checked under the file rules.
    pub files: Vec<NewAttachment>,
    /// Whom to acknowledge it to, when anyone: the author's address.
    pub acknowledge: Option<String>,
}

/// Why a reply was refused, in English (which the API and the record give) and in the
/// other languages the service speaks, so that its sender is answered in theirs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reason {
    english: String,
    others: Vec<(Lang, String)>,
}

impl Reason {
    /// A reason in English alone (an email refused before reasons were kept in other
    /// languages reads in English everywhere).
    pub fn new(english: impl Into<String>) -> Reason {
        Reason {
            english: english.into(),
            others: Vec::new(),
        }
    }

    /// The same, with its words in `lang` too.
    #[must_use]
    pub fn with(mut self, lang: Lang, words: impl Into<String>) -> Reason {
        if lang == Lang::En {
            self.english = words.into();
        } else {
            self.others.retain(|(known, _)| *known != lang);
            self.others.push((lang, words.into()));
        }
        self
    }

    /// In English.
    pub fn english(&self) -> &str {
        &self.english
    }

    /// In `lang`, or in English where it was not written in `lang`.
    pub fn in_language(&self, lang: Lang) -> &str {
        self.others
            .iter()
            .find(|(known, _)| *known == lang)
            .map_or(&self.english, |(_, words)| words)
    }

    /// The other languages' words, as the `reason_translations` column keeps them.
    fn translations(&self) -> Option<String> {
        let others: serde_json::Map<String, serde_json::Value> = self
            .others
            .iter()
            .map(|(lang, words)| (lang.code().to_owned(), words.clone().into()))
            .collect();
        (!others.is_empty()).then(|| serde_json::Value::Object(others).to_string())
    }

    /// A reason as a row keeps it; a translation it cannot read is left out.
    fn of_row(english: Option<String>, translations: Option<&str>) -> Reason {
        let others = translations
            .and_then(|json| serde_json::from_str::<HashMap<String, String>>(json).ok())
            .unwrap_or_default();
        others.into_iter().fold(
            Reason::new(english.unwrap_or_default()),
            |reason, (code, words)| match code.parse::<Lang>() {
                Ok(lang) => reason.with(lang, words),
                Err(_) => reason,
            },
        )
    }
}

/// What became of a received email that was not recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotRecorded {
    /// Refused for `reason`: kept whole in the quarantine, and the sender told, when their
    /// address is known to have sent it.
    Refused {
        /// Why, in words the sender and the facilitator read.
        reason: Reason,
        /// The email as received.
        raw: Vec<u8>,
        /// Where to send the refusal, if anywhere.
        answer: Option<String>,
    },
    /// An automatic reply: noted, never recorded or answered.
    Ignored,
    /// A report that one of the service's emails could not be delivered.
    Bounce,
}

impl NotRecorded {
    /// Its name, as the `outcome` column and the received-email metric call it.
    pub fn outcome(&self) -> &'static str {
        match self {
            NotRecorded::Refused { .. } => "refused",
            NotRecorded::Ignored => "ignored",
            NotRecorded::Bounce => "bounce",
        }
    }
}

/// The outcome of noting a received email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Noted {
    /// Noted now, as the row with this id.
    New(i64),
    /// The same email (recipient and Message-ID) was noted before: nothing changed.
    Again,
}

/// A refused email waiting for the facilitator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quarantined {
    /// Its id.
    pub id: i64,
    /// When it came.
    pub received_at: DateTime<Utc>,
    /// Its `From` address.
    pub sender: String,
    /// Its subject.
    pub subject: String,
    /// Why it was refused.
    pub reason: Reason,
    /// Its size.
    pub size_bytes: u64,
    /// The case its address named, by reference.
    pub reference: Option<String>,
    /// The person its address was given to.
    pub person: Option<PersonId>,
}

/// What an acknowledgement or a refusal tells: read for the outbox email that carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyNotice {
    /// The case the email replied to, by reference.
    pub reference: Option<String>,
    /// The subject it came with.
    pub subject: String,
    /// Why it was refused; none when recorded.
    pub reason: Option<Reason>,
    /// The message it became, if it held text.
    pub message: Option<i64>,
    /// Whether what was recorded is for the panel only.
    pub panel_only: bool,
}

/// What the facilitator did with a quarantined email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Settle {
    /// Recorded on its case after all.
    Released,
    /// Thrown away.
    Discarded,
}

/// The row noting `received`, delivered to `address` on the case `case_id`.
fn noted(
    received: &Received,
    address: Option<&ReplyAddress>,
    case_id: Option<i64>,
) -> inbound_mail::ActiveModel {
    inbound_mail::ActiveModel {
        received_at: Set(received.at),
        recipient: Set(received.recipient.clone()),
        case_id: Set(case_id),
        person_id: Set(address.map(|a| a.person.0)),
        message_id: Set(received.message_id.clone()),
        sender: Set(received.sender.clone()),
        subject: Set(received.subject.clone()),
        size_bytes: Set(i64::try_from(received.size_bytes).unwrap_or(i64::MAX)),
        ..Default::default()
    }
}

/// Inserts the note of an email unless the same one was noted before: its id, or none.
async fn note(
    txn: &DatabaseTransaction,
    received: &Received,
    row: inbound_mail::ActiveModel,
) -> Result<Option<i64>, StoreError> {
    let inserted = inbound_mail::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                inbound_mail::Column::Recipient,
                inbound_mail::Column::MessageId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    if inserted == 0 {
        return Ok(None);
    }
    let id = inbound_mail::Entity::find()
        .select_only()
        .column(inbound_mail::Column::Id)
        .filter(inbound_mail::Column::Recipient.eq(&received.recipient))
        .filter(inbound_mail::Column::MessageId.eq(&received.message_id))
        .into_tuple::<i64>()
        .one(txn)
        .await?;
    Ok(id)
}

/// Queues the email `kind` answering the received email `inbound_id`, to `to`.
async fn answer(
    txn: &DatabaseTransaction,
    kind: &str,
    inbound_id: i64,
    case_id: Option<i64>,
    recipient: Option<PersonId>,
    to: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    outbox::ActiveModel {
        message_key: Set(format!("reply/{inbound_id}/{kind}")),
        case_id: Set(case_id),
        kind: Set(kind.to_owned()),
        recipient_id: Set(recipient.map(|p| p.0)),
        recipient_email: Set(to.to_owned()),
        status: Set("pending".to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(at),
        created_at: Set(at),
        request_id: Set(crate::origin::current()),
        inbound_id: Set(Some(inbound_id)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// A new reply token: 20 random bytes, in lowercase base32 (32 letters and digits, so it
/// survives any mail server's handling of an address's case).
fn new_token() -> Result<String, StoreError> {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut bytes = [0_u8; 20];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::Config(format!("no randomness for a reply address: {e}")))?;
    let mut bits = 0_u32;
    let mut held = 0_u32;
    let mut token = String::with_capacity(32);
    for byte in bytes {
        bits = (bits << 8) | u32::from(byte);
        held += 8;
        while held >= 5 {
            held -= 5;
            token.push(char::from(ALPHABET[((bits >> held) & 31) as usize]));
        }
    }
    Ok(token)
}

impl Store {
    /// The reply token of each (case, person) of `pairs`, making those not yet made.
    pub async fn reply_tokens(
        &self,
        pairs: &[(i64, PersonId)],
        at: DateTime<Utc>,
    ) -> Result<HashMap<(i64, PersonId), String>, StoreError> {
        let mut tokens = self.existing_tokens(pairs).await?;
        let missing: Vec<reply_addresses::ActiveModel> = pairs
            .iter()
            .filter(|pair| !tokens.contains_key(pair))
            .map(|(case_id, person)| {
                Ok(reply_addresses::ActiveModel {
                    token: Set(new_token()?),
                    case_id: Set(*case_id),
                    person_id: Set(person.0),
                    created_at: Set(at),
                    ..Default::default()
                })
            })
            .collect::<Result<_, StoreError>>()?;
        if missing.is_empty() {
            return Ok(tokens);
        }
        // Two senders making the same pair's token at once: the first one made stays.
        reply_addresses::Entity::insert_many(missing)
            .on_conflict(
                OnConflict::columns([
                    reply_addresses::Column::CaseId,
                    reply_addresses::Column::PersonId,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(*self.writer().await)
            .await?;
        tokens.extend(self.existing_tokens(pairs).await?);
        Ok(tokens)
    }

    async fn existing_tokens(
        &self,
        pairs: &[(i64, PersonId)],
    ) -> Result<HashMap<(i64, PersonId), String>, StoreError> {
        let cases: Vec<i64> = pairs.iter().map(|(case, _)| *case).collect();
        let people: Vec<i64> = pairs.iter().map(|(_, person)| person.0).collect();
        Ok(reply_addresses::Entity::find()
            .filter(reply_addresses::Column::CaseId.is_in(cases))
            .filter(reply_addresses::Column::PersonId.is_in(people))
            .all(&self.read)
            .await?
            .into_iter()
            .map(|row| ((row.case_id, PersonId(row.person_id)), row.token))
            .filter(|(pair, _)| pairs.contains(pair))
            .collect())
    }

    /// Whom the reply address with `token` belongs to, if it is one.
    pub async fn reply_address(&self, token: &str) -> Result<Option<ReplyAddress>, StoreError> {
        let Some(row) = reply_addresses::Entity::find()
            .filter(reply_addresses::Column::Token.eq(token.to_ascii_lowercase()))
            .one(&self.read)
            .await?
        else {
            return Ok(None);
        };
        let reference = cases::Entity::find_by_id(row.case_id)
            .select_only()
            .column(cases::Column::Reference)
            .into_tuple::<String>()
            .one(&self.read)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(Some(ReplyAddress {
            case: self.case(&reference).await?,
            person: PersonId(row.person_id),
        }))
    }

    /// Records `reply`, received as `received` at `address`, on its case: its message and
    /// files, news of them for the case's other readers, and its acknowledgement, in one
    /// transaction with the note of its receipt. Answers the message (none when the reply
    /// held only files), or [`Noted::Again`] for an email recorded before.
    pub async fn record_reply(
        &self,
        address: &ReplyAddress,
        received: &Received,
        reply: NewReply,
        release_of: Option<(i64, PersonId)>,
    ) -> Result<(Noted, Option<Message>), StoreError> {
        let stored = &address.case;
        let at = received.at;
        let (case_id, reference) = (self.row_id(stored).await?, stored.reference.as_str());
        let readers = self
            .readers(&stored.case, reply.visibility, reply.author)
            .await?;
        let mut files = Vec::with_capacity(reply.files.len());
        for file in reply.files {
            files.push(self.stow(case_id, file, at).await?);
        }
        let txn = self.begin_write().await?;
        let id = match release_of {
            Some((id, by)) => {
                settle(&txn, id, Settle::Released, by, at).await?;
                Some(id)
            }
            None => {
                let mut row = noted(received, Some(address), Some(case_id));
                row.outcome = Set("recorded".to_owned());
                note(&txn, received, row).await?
            }
        };
        let Some(id) = id else {
            return Ok((Noted::Again, None));
        };
        crate::outbox::gather_news(&txn, case_id, reference, &readers, at, self.news_digest)
            .await?;
        let message_row = match reply.body {
            Some(body) => {
                Some(insert_message(&txn, case_id, reply.author, reply.visibility, body, at).await?)
            }
            None => None,
        };
        for file in files {
            insert_attachment(&txn, file).await?;
        }
        let (visibility, _) = reply.visibility.columns();
        inbound_mail::Entity::update_many()
            .col_expr(
                inbound_mail::Column::MessageRowId,
                Expr::value(message_row.as_ref().map(|m| m.id)),
            )
            .col_expr(inbound_mail::Column::Visibility, Expr::value(visibility))
            .filter(inbound_mail::Column::Id.eq(id))
            .exec(&*txn)
            .await?;
        if let Some(to) = &reply.acknowledge {
            let author = Some(reply.author);
            answer(&txn, REPLY_RECORDED, id, Some(case_id), author, to, at).await?;
        }
        txn.commit().await?;
        Ok((Noted::New(id), message_row.map(message).transpose()?))
    }

    /// Notes `received`, delivered to `address` (if it named one), as not recorded: kept
    /// in the quarantine and answered when refused.
    pub async fn set_aside(
        &self,
        received: &Received,
        address: Option<&ReplyAddress>,
        outcome: NotRecorded,
    ) -> Result<Noted, StoreError> {
        let case_id = match address {
            Some(address) => Some(self.row_id(&address.case).await?),
            None => None,
        };
        let mut row = noted(received, address, case_id);
        row.outcome = Set(outcome.outcome().to_owned());
        let txn = self.begin_write().await?;
        let answer_to = match outcome {
            NotRecorded::Refused {
                reason,
                raw,
                answer,
            } => {
                row.reason = Set(Some(reason.english().to_owned()));
                row.reason_translations = Set(reason.translations());
                row.raw = Set(Some(raw));
                answer
            }
            NotRecorded::Ignored | NotRecorded::Bounce => None,
        };
        let Some(id) = note(&txn, received, row).await? else {
            return Ok(Noted::Again);
        };
        if let Some(to) = answer_to {
            // An answer to the address's own person greets them, in their language.
            let person = match address {
                Some(address) => people::Entity::find_by_id(address.person.0)
                    .one(&*txn)
                    .await?
                    .filter(|person| person.email.eq_ignore_ascii_case(&to))
                    .map(|_| address.person),
                None => None,
            };
            answer(&txn, REPLY_REFUSED, id, case_id, person, &to, received.at).await?;
        }
        txn.commit().await?;
        Ok(Noted::New(id))
    }

    /// The refused emails the facilitator has not released or discarded, newest first, at
    /// most `limit`.
    pub async fn quarantine(&self, limit: u64) -> Result<Vec<Quarantined>, StoreError> {
        let rows = inbound_mail::Entity::find()
            .filter(inbound_mail::Column::Outcome.eq("refused"))
            .filter(inbound_mail::Column::Settled.is_null())
            .order_by_desc(inbound_mail::Column::Id)
            .limit(limit)
            .all(&self.read)
            .await?;
        let case_ids: Vec<i64> = rows.iter().filter_map(|r| r.case_id).collect();
        let references = crate::cases::references(&self.read, case_ids).await?;
        Ok(rows
            .into_iter()
            .map(|row| Quarantined {
                id: row.id,
                received_at: row.received_at,
                sender: row.sender,
                subject: row.subject,
                reason: Reason::of_row(row.reason, row.reason_translations.as_deref()),
                size_bytes: u64::try_from(row.size_bytes).unwrap_or_default(),
                reference: row.case_id.and_then(|id| references.get(&id).cloned()),
                person: row.person_id.map(PersonId),
            })
            .collect())
    }

    /// One quarantined email, as it was noted, and its bytes as received.
    pub async fn quarantined(&self, id: i64) -> Result<(Received, Vec<u8>), StoreError> {
        let row = inbound_mail::Entity::find_by_id(id)
            .filter(inbound_mail::Column::Outcome.eq("refused"))
            .filter(inbound_mail::Column::Settled.is_null())
            .one(&self.read)
            .await?
            .ok_or(StoreError::NotFound)?;
        let received = Received {
            recipient: row.recipient,
            message_id: row.message_id,
            sender: row.sender,
            subject: row.subject,
            size_bytes: u64::try_from(row.size_bytes).unwrap_or_default(),
            at: row.received_at,
        };
        Ok((received, row.raw.unwrap_or_default()))
    }

    /// Throws the quarantined email `id` away, as `by` at `at`.
    pub async fn discard_quarantined(
        &self,
        id: i64,
        by: PersonId,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let txn = self.begin_write().await?;
        settle(&txn, id, Settle::Discarded, by, at).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Marks the sent email `id` failed because the mail system reported it undeliverable:
    /// the facilitator sees it among the failed emails, to look into and send again.
    pub async fn mark_email_bounced(&self, id: i64, report: &str) -> Result<(), StoreError> {
        outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value("failed"))
            .col_expr(
                outbox::Column::LastError,
                Expr::value(format!("bounced: {report}")),
            )
            .filter(outbox::Column::Id.eq(id))
            .filter(outbox::Column::WebhookId.is_null())
            .exec(*self.writer().await)
            .await?;
        Ok(())
    }

    /// What the received emails `ids` tell in their answers, by id.
    pub async fn reply_notices(
        &self,
        ids: &[i64],
    ) -> Result<HashMap<i64, ReplyNotice>, StoreError> {
        let rows = inbound_mail::Entity::find()
            .filter(inbound_mail::Column::Id.is_in(ids.iter().copied()))
            .all(&self.read)
            .await?;
        let case_ids: Vec<i64> = rows.iter().filter_map(|r| r.case_id).collect();
        let references = crate::cases::references(&self.read, case_ids).await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let notice = ReplyNotice {
                    reference: row.case_id.and_then(|id| references.get(&id).cloned()),
                    subject: row.subject,
                    reason: row.reason.map(|english| {
                        Reason::of_row(Some(english), row.reason_translations.as_deref())
                    }),
                    message: row.message_row_id,
                    panel_only: row.visibility.as_deref() == Some("panel"),
                };
                (row.id, notice)
            })
            .collect())
    }

    /// Which of the messages `ids` came by email: the case page says so beside them.
    pub async fn emailed(&self, ids: &[i64]) -> Result<std::collections::HashSet<i64>, StoreError> {
        if ids.is_empty() {
            return Ok(std::collections::HashSet::new());
        }
        Ok(inbound_mail::Entity::find()
            .select_only()
            .column(inbound_mail::Column::MessageRowId)
            .filter(inbound_mail::Column::MessageRowId.is_in(ids.iter().copied()))
            .into_tuple::<Option<i64>>()
            .all(&self.read)
            .await?
            .into_iter()
            .flatten()
            .collect())
    }

    /// How many refusals were queued for `address` since `since`.
    pub async fn refusals_sent_to(
        &self,
        address: &str,
        since: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        Ok(outbox::Entity::find()
            .filter(outbox::Column::Kind.eq(REPLY_REFUSED))
            .filter(outbox::Column::RecipientEmail.eq(address))
            .filter(outbox::Column::CreatedAt.gte(since))
            .count(&self.read)
            .await?)
    }
}

/// Marks the quarantined email `id` settled `how` (its bytes dropped), unless it was
/// settled already.
async fn settle(
    txn: &DatabaseTransaction,
    id: i64,
    how: Settle,
    by: PersonId,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let how = match how {
        Settle::Released => "released",
        Settle::Discarded => "discarded",
    };
    let settled = inbound_mail::Entity::update_many()
        .col_expr(inbound_mail::Column::Settled, Expr::value(how))
        .col_expr(inbound_mail::Column::SettledBy, Expr::value(by.0))
        .col_expr(inbound_mail::Column::SettledAt, Expr::value(at))
        .col_expr(
            inbound_mail::Column::Raw,
            Expr::value(Option::<Vec<u8>>::None),
        )
        .filter(inbound_mail::Column::Id.eq(id))
        .filter(inbound_mail::Column::Outcome.eq("refused"))
        .filter(inbound_mail::Column::Settled.is_null())
        .exec(txn)
        .await?;
    if settled.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_32_characters_of_lowercase_base32_and_differ() {
        let a = super::new_token().unwrap();
        let b = super::new_token().unwrap();
        assert_eq!(a.len(), 32);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_lowercase() || (b'2'..=b'7').contains(&c))
        );
        assert_ne!(a, b);
    }
}
