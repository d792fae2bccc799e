//! Records management: resealing chains written before seals, removing people's text from a
//! case (the retention rule, or a person's erasure) without breaking its audit chain, and
//! erasing a person. The design is ARCHITECTURE.md's "Records".
//!
//! Each removal is one transaction: the events' text and seals, the records that follow from
//! them (replayed again), the query tables, messages, files and the search index, and the
//! `redacted` event that records it. The event hashes never move.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use disputes_workflow::{
    Actor, Case, CaseEvent, EventBody, PersonId, Redaction, Release, TOMBSTONE, Text,
    names::email_key, replay,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::Store;
use crate::cases::{Row, Sealed, columns, record_event};
use crate::chain::{GENESIS, Seal, link, remove, seal};
use crate::entity::{
    account_events, api_tokens, appeal_decisions, attachments, calendar_feeds, case_events,
    case_records, cases, decisions, idempotency_keys, inbound_mail, login_failures, messages,
    outbox, password_resets, people, person_roles, recommendations, recovery_codes,
    reply_addresses, saved_views, search_entries, second_factors, sessions, trusted_devices,
};
use crate::error::StoreError;
use crate::verify::ChainLink;
use crate::writer::Tx;

/// Whose text a removal takes from a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Everyone's: the retention rule.
    Everyone,
    /// The text one person wrote: their erasure, where the Compact's policy says so.
    WrittenBy(PersonId),
    /// None: an erasure that keeps what the person wrote, recorded on their cases all the same.
    Nobody,
}

impl Scope {
    fn covers(self, author: Option<i64>) -> bool {
        match self {
            Scope::Everyone => true,
            Scope::WrittenBy(person) => author == Some(person.0),
            Scope::Nobody => false,
        }
    }
}

/// What a removal did to one case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Removed {
    /// Pieces of event text removed.
    pub texts: usize,
    /// Messages whose text was removed.
    pub messages: usize,
    /// Files removed.
    pub files: usize,
}

/// What the retention rule did in one sweep.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetentionSweep {
    /// The cases anonymised, by reference.
    pub anonymised: Vec<String>,
}

/// What erasing a person did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Erasure {
    /// The cases whose trail records the erasure, by reference.
    pub cases: Vec<String>,
    /// What was removed from them, in all.
    pub removed: Removed,
}

/// What stands for an erased person's name.
pub const ERASED_NAME: &str = "Erased person";

/// The address an erased person is given: unique, and undeliverable by definition (RFC 6761
/// reserves `.invalid`).
pub fn erased_email(person: PersonId) -> String {
    format!("erased-{}@erased.invalid", person.0)
}

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

impl Store {
    /// Reseals every case whose events were hashed whole (before seals existed), in one
    /// transaction per case, once its chain is checked under the old rule; a case whose chain
    /// does not check is left as it is, for `disputes audit verify` to report. Answers how
    /// many cases were resealed. Run after the migrations; does nothing once all are sealed.
    pub async fn reseal_chains(&self) -> Result<usize, StoreError> {
        let unsealed: Vec<i64> = case_events::Entity::find()
            .select_only()
            .column(case_events::Column::CaseId)
            .filter(case_events::Column::Seals.is_null())
            .distinct()
            .into_tuple()
            .all(&self.read)
            .await?;
        let mut resealed = 0;
        for case_id in unsealed {
            let txn = self.begin_write().await?;
            let case = cases::Entity::find_by_id(case_id)
                .one(&*txn)
                .await?
                .ok_or(StoreError::NotFound)?;
            let events = events_of(&txn, case_id).await?;
            let Some(resealed_hash) = reseal(&txn, &case, &events).await? else {
                tracing::warn!(case = %case.reference, "its audit chain does not verify; left unsealed");
                continue;
            };
            cases::Entity::update_many()
                .col_expr(cases::Column::LastEventHash, Expr::value(resealed_hash))
                .filter(cases::Column::Id.eq(case_id))
                .exec(&*txn)
                .await?;
            txn.commit().await?;
            resealed += 1;
        }
        if resealed > 0 {
            tracing::info!(cases = resealed, "audit chains resealed");
        }
        Ok(resealed)
    }

    /// Anonymises every case closed before `cutoff` and not yet anonymised: everyone's text
    /// removed, the reference, dates, stages, principles, outcome and organisations kept.
    pub async fn anonymise_closed_before(
        &self,
        cutoff: DateTime<Utc>,
        closed_case_years: u32,
        at: DateTime<Utc>,
    ) -> Result<RetentionSweep, StoreError> {
        let due: Vec<(i64, String)> = cases::Entity::find()
            .select_only()
            .column(cases::Column::Id)
            .column(cases::Column::Reference)
            .filter(cases::Column::ClosedAt.lt(cutoff))
            .filter(cases::Column::AnonymisedAt.is_null())
            .order_by_asc(cases::Column::Id)
            .into_tuple()
            .all(&self.read)
            .await?;
        let mut sweep = RetentionSweep::default();
        for (case_id, reference) in due {
            let txn = self.begin_write().await?;
            // Another server process may have swept it since it was listed.
            let still_due = cases::Entity::find_by_id(case_id)
                .one(&*txn)
                .await?
                .is_some_and(|row| row.anonymised_at.is_none());
            if !still_due {
                continue;
            }
            let redaction = Redaction::Retention { closed_case_years };
            match redact(&txn, case_id, Scope::Everyone, redaction, Actor::System, at).await {
                Ok(_) => {}
                Err(StoreError::Conflict(why)) => {
                    tracing::debug!(case = %reference, why, "left for the next sweep");
                    continue;
                }
                Err(error) => return Err(error),
            }
            cases::Entity::update_many()
                .col_expr(cases::Column::AnonymisedAt, Expr::value(at))
                .filter(cases::Column::Id.eq(case_id))
                .exec(&*txn)
                .await?;
            txn.commit().await?;
            tracing::info!(case = %reference, "anonymised under the retention rule");
            sweep.anonymised.push(reference);
        }
        Ok(sweep)
    }

    /// Erases `person`: their sign-in removed (password, sessions, devices, tokens, calendar
    /// feed, roles), their name and address replaced by a tombstone, their emails not yet
    /// sent dropped and those sent readdressed, and, when `remove_written` holds, the text
    /// they wrote on every case removed. Each case they took part in records the erasure as
    /// its `redacted` event, by `by`, with `reason`. All in one transaction.
    pub async fn erase_person(
        &self,
        person: PersonId,
        by: &disputes_workflow::Person,
        reason: Text,
        remove_written: bool,
        at: DateTime<Utc>,
    ) -> Result<Erasure, StoreError> {
        let txn = self.begin_write().await?;
        let row = people::Entity::find_by_id(person.0)
            .one(&*txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        if row.erased_at.is_some() {
            return Err(StoreError::Conflict(
                "this person has already been erased".to_owned(),
            ));
        }
        let scope = if remove_written {
            Scope::WrittenBy(person)
        } else {
            Scope::Nobody
        };
        let mut erasure = Erasure::default();
        for (case_id, reference) in cases_of(&txn, person).await? {
            let redaction = Redaction::Erasure {
                person_id: person,
                reason: reason.clone(),
            };
            let removed = redact(
                &txn,
                case_id,
                scope,
                redaction,
                Actor::Person(by.clone()),
                at,
            )
            .await?;
            erasure.removed.texts += removed.texts;
            erasure.removed.messages += removed.messages;
            erasure.removed.files += removed.files;
            erasure.cases.push(reference);
        }
        forget(&txn, &row, by.id, at).await?;
        txn.commit().await?;
        tracing::info!(
            person = person.0,
            by = by.id.0,
            cases = erasure.cases.len(),
            "person erased"
        );
        Ok(erasure)
    }
}

impl Store {
    /// Case `reference`'s trail as an export carries it, to be checked offline: each event
    /// with its seals and hashes. Without `erasure_reasons` (for anyone but the facilitator)
    /// the reasons given for erasures are removed from the copy as removed text is, by their
    /// seals, so the chain still verifies without them.
    pub async fn chain_links(
        &self,
        reference: &str,
        erasure_reasons: bool,
    ) -> Result<Vec<ChainLink>, StoreError> {
        let case = crate::cases::find(&self.read, reference).await?;
        let rows = case_events::Entity::find()
            .filter(case_events::Column::CaseId.eq(case.id))
            .order_by_asc(case_events::Column::Seq)
            .all(&self.read)
            .await?;
        let mut links = Vec::with_capacity(rows.len());
        for row in &rows {
            let mut link = ChainLink::of(row);
            let mut event: CaseEvent = serde_json::from_str(&row.payload)?;
            if !erasure_reasons
                && matches!(event.body, EventBody::Redacted { .. })
                && let Some(seals) = &row.seals
            {
                let mut seals: Vec<Seal> = serde_json::from_str(seals)?;
                if remove(&mut event, &mut seals, |_| true) > 0 {
                    link.payload = serde_json::to_string(&event)?;
                    link.seals = Some(serde_json::to_string(&seals)?);
                }
            }
            links.push(link);
        }
        Ok(links)
    }
}

/// A case's events, in order, read in `txn`.
async fn events_of(
    txn: &DatabaseTransaction,
    case_id: i64,
) -> Result<Vec<case_events::Model>, StoreError> {
    Ok(case_events::Entity::find()
        .filter(case_events::Column::CaseId.eq(case_id))
        .order_by_asc(case_events::Column::Seq)
        .all(txn)
        .await?)
}

/// Rewrites a chain with events hashed whole in the sealed form, if it verifies as it is;
/// answers the new last hash.
async fn reseal(
    txn: &DatabaseTransaction,
    case: &cases::Model,
    events: &[case_events::Model],
) -> Result<Option<String>, StoreError> {
    let record = crate::cases::record_of(txn, case.id).await?;
    if crate::verify::verify_case(case, &record, events).is_err() {
        return Ok(None);
    }
    let mut previous = GENESIS.to_owned();
    for event in events {
        let decoded: CaseEvent = serde_json::from_str(&event.payload)?;
        let seals = match &event.seals {
            Some(seals) => serde_json::from_str(seals)?,
            None => seal(&decoded),
        };
        let hash = link(&case.reference, &previous, &decoded, &seals).map_err(corrupt)?;
        case_events::Entity::update_many()
            .col_expr(
                case_events::Column::Payload,
                Expr::value(serde_json::to_string(&decoded)?),
            )
            .col_expr(
                case_events::Column::Seals,
                Expr::value(serde_json::to_string(&seals)?),
            )
            .col_expr(case_events::Column::PrevHash, Expr::value(previous.clone()))
            .col_expr(case_events::Column::Hash, Expr::value(hash.clone()))
            .filter(case_events::Column::Id.eq(event.id))
            .exec(txn)
            .await?;
        previous = hash;
    }
    Ok(Some(previous))
}

/// The cases `person` took part in: raised, acted on, wrote or uploaded to.
async fn cases_of(
    txn: &DatabaseTransaction,
    person: PersonId,
) -> Result<Vec<(i64, String)>, StoreError> {
    let mut ids = BTreeSet::new();
    let acted: Vec<i64> = case_events::Entity::find()
        .select_only()
        .column(case_events::Column::CaseId)
        .filter(case_events::Column::ActorId.eq(person.0))
        .into_tuple()
        .all(txn)
        .await?;
    let wrote: Vec<i64> = messages::Entity::find()
        .select_only()
        .column(messages::Column::CaseId)
        .filter(messages::Column::AuthorId.eq(person.0))
        .into_tuple()
        .all(txn)
        .await?;
    let uploaded: Vec<i64> = attachments::Entity::find()
        .select_only()
        .column(attachments::Column::CaseId)
        .filter(attachments::Column::UploadedBy.eq(person.0))
        .into_tuple()
        .all(txn)
        .await?;
    ids.extend(acted);
    ids.extend(wrote);
    ids.extend(uploaded);
    Ok(cases::Entity::find()
        .select_only()
        .column(cases::Column::Id)
        .column(cases::Column::Reference)
        .filter(cases::Column::Id.is_in(ids))
        .order_by_asc(cases::Column::Id)
        .into_tuple()
        .all(txn)
        .await?)
}

/// Removes `scope`'s text from the case, everywhere it is held, and records the removal as
/// the case's next event.
async fn redact(
    txn: &DatabaseTransaction,
    case_id: i64,
    scope: Scope,
    redaction: Redaction,
    actor: Actor,
    at: DateTime<Utc>,
) -> Result<Removed, StoreError> {
    let row = cases::Entity::find_by_id(case_id)
        .one(txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let rows = events_of(txn, case_id).await?;
    let mut removed = Removed::default();
    let mut events = Vec::with_capacity(rows.len());
    let mut all_seals = Vec::with_capacity(rows.len());
    for event in &rows {
        let Some(seals) = &event.seals else {
            return Err(corrupt(format!(
                "{}'s audit chain is not sealed (it did not verify when it was to be): \
                 run `disputes audit verify`",
                row.reference
            )));
        };
        let mut decoded: CaseEvent = serde_json::from_str(&event.payload)?;
        let mut seals: Vec<Seal> = serde_json::from_str(seals)?;
        let author = event.actor_id;
        removed.texts += remove(&mut decoded, &mut seals, |_| scope.covers(author));
        events.push(decoded);
        all_seals.push(seals);
    }
    // What follows from the events is replayed from them again, event by event.
    let mut after = Vec::with_capacity(events.len());
    for n in 1..=events.len() {
        after.push(replay(&events[..n]).map_err(corrupt)?);
    }
    let Some(last) = after.last().cloned() else {
        return Err(corrupt("a case without events"));
    };
    for ((event, seals), (row, case)) in events.iter().zip(&all_seals).zip(rows.iter().zip(&after))
    {
        case_events::Entity::update_many()
            .col_expr(
                case_events::Column::Payload,
                Expr::value(serde_json::to_string(event)?),
            )
            .col_expr(
                case_events::Column::Seals,
                Expr::value(serde_json::to_string(seals)?),
            )
            .col_expr(
                case_events::Column::CaseAfter,
                Expr::value(serde_json::to_string(case)?),
            )
            .filter(case_events::Column::Id.eq(row.id))
            .exec(txn)
            .await?;
    }
    removed.messages = remove_messages(txn, case_id, scope).await?;
    removed.files = remove_files(txn, case_id, scope).await?;
    forget_replies(txn, case_id, scope).await?;
    rewrite_query_tables(txn, &row, &last).await?;
    let decided = last.record_redaction(actor, at, Release::CURRENT, redaction);
    let written = Sealed::of(
        &row.reference,
        &row.last_event_hash,
        &decided.event,
        &decided.case,
    )?;
    let mut columns = columns(&decided.case, &written.hash, at)?;
    columns.title = Set(decided.case.title.to_string());
    let moved = cases::Entity::update_many()
        .set(columns)
        .filter(cases::Column::Id.eq(case_id))
        .filter(cases::Column::Version.eq(row.version))
        .exec(txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(StoreError::Conflict(format!(
            "{} moved on while its text was being removed; try again",
            row.reference
        )));
    }
    case_records::Entity::update_many()
        .col_expr(
            case_records::Column::Record,
            Expr::value(written.record.clone()),
        )
        .filter(case_records::Column::CaseId.eq(case_id))
        .exec(txn)
        .await?;
    let on = Row {
        id: case_id,
        reference: &row.reference,
        previous: &row.last_event_hash,
        key: None,
    };
    record_event(
        &Tx::Pool(txn),
        on,
        Some(&last),
        &decided.case,
        &decided.event,
        &written,
    )
    .await?;
    Ok(removed)
}

/// The emails received on the case from people in `scope`, and the addresses they replied
/// to, gone: they hold senders' addresses, subjects and, in the quarantine, whole emails.
async fn forget_replies(
    txn: &DatabaseTransaction,
    case_id: i64,
    scope: Scope,
) -> Result<(), StoreError> {
    let (mail, addresses) = match scope {
        Scope::Everyone => (
            inbound_mail::Column::CaseId.eq(case_id),
            reply_addresses::Column::CaseId.eq(case_id),
        ),
        Scope::WrittenBy(person) => (
            inbound_mail::Column::PersonId.eq(person.0),
            reply_addresses::Column::PersonId.eq(person.0),
        ),
        Scope::Nobody => return Ok(()),
    };
    inbound_mail::Entity::delete_many()
        .filter(mail)
        .exec(txn)
        .await?;
    reply_addresses::Entity::delete_many()
        .filter(addresses)
        .exec(txn)
        .await?;
    Ok(())
}

/// The text of the case's messages in `scope` replaced by the tombstone, in the search index
/// too. Answers how many.
async fn remove_messages(
    txn: &DatabaseTransaction,
    case_id: i64,
    scope: Scope,
) -> Result<usize, StoreError> {
    let rows = messages::Entity::find()
        .filter(messages::Column::CaseId.eq(case_id))
        .filter(messages::Column::Body.ne(TOMBSTONE))
        .all(txn)
        .await?;
    let ids: Vec<i64> = rows
        .iter()
        .filter(|m| scope.covers(Some(m.author_id)))
        .map(|m| m.id)
        .collect();
    if ids.is_empty() {
        return Ok(0);
    }
    messages::Entity::update_many()
        .col_expr(messages::Column::Body, Expr::value(TOMBSTONE))
        .filter(messages::Column::Id.is_in(ids.clone()))
        .exec(txn)
        .await?;
    forget_in_search(txn, case_id, "message", &ids).await?;
    Ok(ids.len())
}

/// The case's files in `scope` removed: content, name and digest, in the search index too
/// (a file kept in the attachments folder is deleted once no other row names it). Answers
/// how many.
async fn remove_files(
    txn: &DatabaseTransaction,
    case_id: i64,
    scope: Scope,
) -> Result<usize, StoreError> {
    let rows = attachments::Entity::find()
        .filter(attachments::Column::CaseId.eq(case_id))
        .filter(attachments::Column::Storage.ne("removed"))
        .all(txn)
        .await?;
    let gone: Vec<&attachments::Model> = rows
        .iter()
        .filter(|f| scope.covers(Some(f.uploaded_by)))
        .collect();
    if gone.is_empty() {
        return Ok(0);
    }
    let ids: Vec<i64> = gone.iter().map(|f| f.id).collect();
    attachments::Entity::update_many()
        .col_expr(attachments::Column::FileName, Expr::value(TOMBSTONE))
        .col_expr(attachments::Column::Storage, Expr::value("removed"))
        .col_expr(attachments::Column::Content, Expr::value(None::<Vec<u8>>))
        .col_expr(attachments::Column::Path, Expr::value(None::<String>))
        .col_expr(attachments::Column::Sha256, Expr::value(""))
        .col_expr(attachments::Column::SizeBytes, Expr::value(0_i64))
        .filter(attachments::Column::Id.is_in(ids.clone()))
        .exec(txn)
        .await?;
    for path in gone.iter().filter_map(|f| f.path.as_deref()) {
        let still_named = attachments::Entity::find()
            .filter(attachments::Column::Path.eq(path))
            .one(txn)
            .await?
            .is_some();
        if !still_named && let Err(error) = tokio::fs::remove_file(path).await {
            // The row no longer names the file, so nothing serves it; one left on disk is
            // reported for the operator to remove.
            tracing::warn!(%error, path, "a removed file could not be deleted");
        }
    }
    forget_in_search(txn, case_id, "file", &ids).await?;
    Ok(ids.len())
}

async fn forget_in_search(
    txn: &DatabaseTransaction,
    case_id: i64,
    source: &str,
    ids: &[i64],
) -> Result<(), StoreError> {
    search_entries::Entity::update_many()
        .col_expr(search_entries::Column::Body, Expr::value(TOMBSTONE))
        .filter(search_entries::Column::CaseId.eq(case_id))
        .filter(search_entries::Column::Source.eq(source))
        .filter(search_entries::Column::SourceId.is_in(ids.to_vec()))
        .exec(txn)
        .await?;
    Ok(())
}

/// The tables that copy a case's text, brought to `case`.
async fn rewrite_query_tables(
    txn: &DatabaseTransaction,
    row: &cases::Model,
    case: &Case,
) -> Result<(), StoreError> {
    search_entries::Entity::update_many()
        .col_expr(
            search_entries::Column::Body,
            Expr::value(case.searchable_text(&row.reference)),
        )
        .filter(search_entries::Column::CaseId.eq(row.id))
        .filter(search_entries::Column::Source.eq("case"))
        .exec(txn)
        .await?;
    if let Some(decision) = &case.decision {
        decisions::Entity::update_many()
            .col_expr(
                decisions::Column::Findings,
                Expr::value(decision.findings.to_string()),
            )
            .filter(decisions::Column::CaseId.eq(row.id))
            .exec(txn)
            .await?;
        for (position, recommendation) in decision.recommendations.iter().enumerate() {
            recommendations::Entity::update_many()
                .col_expr(
                    recommendations::Column::Text,
                    Expr::value(recommendation.text.to_string()),
                )
                .filter(recommendations::Column::CaseId.eq(row.id))
                .filter(
                    recommendations::Column::Position.eq(i64::try_from(position).map_err(corrupt)?),
                )
                .exec(txn)
                .await?;
        }
    }
    if let Some(decision) = &case.appeal_decision {
        appeal_decisions::Entity::update_many()
            .col_expr(
                appeal_decisions::Column::Reasons,
                Expr::value(decision.reasons.to_string()),
            )
            .filter(appeal_decisions::Column::CaseId.eq(row.id))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// Everything that signs `person` in or names them, gone or replaced by the tombstone.
async fn forget(
    txn: &DatabaseTransaction,
    person: &people::Model,
    by: PersonId,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let id = person.id;
    let address = erased_email(PersonId(id));
    sessions::Entity::delete_many()
        .filter(sessions::Column::PersonId.eq(id))
        .exec(txn)
        .await?;
    trusted_devices::Entity::delete_many()
        .filter(trusted_devices::Column::PersonId.eq(id))
        .exec(txn)
        .await?;
    api_tokens::Entity::delete_many()
        .filter(api_tokens::Column::PersonId.eq(id))
        .exec(txn)
        .await?;
    calendar_feeds::Entity::delete_many()
        .filter(calendar_feeds::Column::PersonId.eq(id))
        .exec(txn)
        .await?;
    password_resets::Entity::delete_many()
        .filter(password_resets::Column::PersonId.eq(id))
        .exec(txn)
        .await?;
    recovery_codes::Entity::delete_many()
        .filter(recovery_codes::Column::PersonId.eq(id))
        .exec(txn)
        .await?;
    second_factors::Entity::delete_many()
        .filter(second_factors::Column::PersonId.eq(id))
        .exec(txn)
        .await?;
    // Their security history holds the addresses they signed in from.
    account_events::Entity::delete_many()
        .filter(account_events::Column::PersonId.eq(id))
        .exec(txn)
        .await?;
    // What they sent by email, and where they could reply.
    inbound_mail::Entity::delete_many()
        .filter(inbound_mail::Column::PersonId.eq(id))
        .exec(txn)
        .await?;
    reply_addresses::Entity::delete_many()
        .filter(reply_addresses::Column::PersonId.eq(id))
        .exec(txn)
        .await?;
    saved_views::Entity::delete_many()
        .filter(saved_views::Column::OwnerId.eq(id))
        .exec(txn)
        .await?;
    idempotency_keys::Entity::delete_many()
        .filter(idempotency_keys::Column::PersonId.eq(id))
        .exec(txn)
        .await?;
    person_roles::Entity::delete_many()
        .filter(person_roles::Column::PersonId.eq(id))
        .exec(txn)
        .await?;
    login_failures::Entity::delete_many()
        .filter(login_failures::Column::Key.eq(format!("account:{}", email_key(&person.email))))
        .exec(txn)
        .await?;
    outbox::Entity::delete_many()
        .filter(outbox::Column::RecipientId.eq(id))
        .filter(outbox::Column::Status.eq("pending"))
        .exec(txn)
        .await?;
    outbox::Entity::update_many()
        .col_expr(outbox::Column::RecipientEmail, Expr::value(address.clone()))
        .filter(outbox::Column::RecipientId.eq(id))
        .exec(txn)
        .await?;
    let mut erased: people::ActiveModel = person.clone().into();
    erased.name = Set(ERASED_NAME.to_owned());
    erased.email = Set(address);
    erased.password_hash = Set(String::new());
    erased.active = Set(false);
    erased.erased_at = Set(Some(at));
    erased.erased_by = Set(Some(by.0));
    erased.update(txn).await?;
    Ok(())
}
