//! What the scheduler and the email dispatcher ask of the store: the deadlines due a
//! notice, the appeal windows that have closed, and the outbox rows due to be sent.
//!
//! Claiming outbox rows is safe with several server processes: a claim sets a lease
//! (`locked_until`) on the rows it takes and names the process that holds it
//! (`claimed_by`), and on PostgreSQL the rows are chosen with `FOR UPDATE SKIP LOCKED`, so
//! two processes never take the same row. (On SQLite there is one writer, so the claim is
//! already one at a time.) A process that dies while sending leaves its claim behind; once
//! its heartbeat is stale (see `instances`), or at the latest when the lease runs out, the
//! row is taken by another sweep and sent again with the same Message-ID.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use disputes_workflow::{Action, CaseEvent, DeadlineKind, OrganisationId, PersonId, StateKind};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, Order, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::cases::StoredCase;
use crate::entity::{
    attachments, case_events, cases, deadlines, messages, organisations, outbox, people,
};
use crate::error::StoreError;
use crate::outbox::NEWS_KIND;
use crate::{Store, parse};

/// Most deadlines one sweep looks at: the sweep's work depends on what is due, never on
/// how many cases there are.
const SWEEP_LIMIT: u64 = 500;

/// A deadline notice the scheduler should send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueNotice {
    /// The case.
    pub reference: String,
    /// The deadline.
    pub kind: DeadlineKind,
    /// Whether it is the reminder (before) or the overdue notice (after).
    pub overdue: bool,
}

impl DueNotice {
    /// The service's action that sends it.
    pub fn action(&self) -> Action {
        if self.overdue {
            Action::SendOverdueNotice {
                deadline: self.kind,
            }
        } else {
            Action::SendReminder {
                deadline: self.kind,
            }
        }
    }
}

/// A sweep's request for the emails due.
#[derive(Debug, Clone, Copy)]
pub struct ClaimRequest<'a> {
    /// The service's time: emails due by then are taken.
    pub due_at: DateTime<Utc>,
    /// The real time of the claim.
    pub at: DateTime<Utc>,
    /// How long the claim lasts at most.
    pub lease: Duration,
    /// The most emails taken.
    pub limit: u64,
    /// The process claiming them.
    pub holder: &'a str,
    /// A holder not heard from since then is taken for dead, and its claims are taken.
    pub stale_before: DateTime<Utc>,
    /// Whether deliveries to webhooks are claimed, rather than emails: each has a sender
    /// of its own, so a slow endpoint never holds up an email, nor a mail server a webhook.
    pub webhooks: bool,
}

/// An outbox row as it is when queued again from `now`: waiting, with no attempts and no
/// claim. Resending an email or a webhook delivery alike.
pub(crate) fn requeued(now: DateTime<Utc>) -> outbox::ActiveModel {
    outbox::ActiveModel {
        status: Set("pending".to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        claimed_by: Set(None),
        ..Default::default()
    }
}

/// An email claimed for sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    /// The row.
    pub id: i64,
    /// The stable key its Message-ID is made from.
    pub message_key: String,
    /// The case it is about.
    pub case_id: Option<i64>,
    /// The event it reports.
    pub event_seq: Option<u32>,
    /// What it is about (the event's name).
    pub kind: String,
    /// Who it is for.
    pub recipient_id: Option<PersonId>,
    /// Where it goes.
    pub recipient_email: String,
    /// Attempts made before this one.
    pub attempts: u32,
    /// When it was queued: for news of messages and files, when its gathering began.
    pub created_at: DateTime<Utc>,
    /// The request that queued it, if one did (not a deadline reminder).
    pub request_id: Option<String>,
    /// The webhook a delivery goes to; none for an email.
    pub webhook_id: Option<i64>,
    /// The received email it answers: an acknowledgement or a refusal.
    pub inbound_id: Option<i64>,
}

impl Store {
    /// The reminders and overdue notices due on `today`.
    ///
    /// Each query starts from the running deadlines whose day has come (an index on
    /// status and date), and looks up only their cases: its cost follows what is due, not
    /// how many cases there are.
    pub async fn due_notices(&self, today: NaiveDate) -> Result<Vec<DueNotice>, StoreError> {
        let live = || {
            Expr::col((cases::Entity, cases::Column::State))
                .is_not_in([StateKind::Paused.as_str(), StateKind::Closed.as_str()])
        };
        let reminders = Query::select()
            .and_where(Expr::col((deadlines::Entity, deadlines::Column::RemindOn)).lte(today))
            .and_where(Expr::col((deadlines::Entity, deadlines::Column::DueOn)).gte(today))
            .cond_where(
                Condition::any()
                    .add(
                        Expr::col((deadlines::Entity, deadlines::Column::ReminderSentFor))
                            .is_null(),
                    )
                    .add(
                        Expr::col((deadlines::Entity, deadlines::Column::ReminderSentFor))
                            .ne(Expr::col((deadlines::Entity, deadlines::Column::DueOn))),
                    ),
            )
            .and_where(live())
            .order_by((deadlines::Entity, deadlines::Column::RemindOn), Order::Asc)
            .to_owned();
        let overdue = Query::select()
            .and_where(
                Expr::col((deadlines::Entity, deadlines::Column::Kind))
                    .ne(DeadlineKind::AppealWindow.as_str()),
            )
            .and_where(Expr::col((deadlines::Entity, deadlines::Column::OverdueOn)).lte(today))
            .cond_where(
                Condition::any()
                    .add(
                        Expr::col((deadlines::Entity, deadlines::Column::OverdueSentFor)).is_null(),
                    )
                    .add(
                        Expr::col((deadlines::Entity, deadlines::Column::OverdueSentFor))
                            .ne(Expr::col((deadlines::Entity, deadlines::Column::DueOn))),
                    ),
            )
            .and_where(live())
            .order_by(
                (deadlines::Entity, deadlines::Column::OverdueOn),
                Order::Asc,
            )
            .to_owned();
        let mut notices = Vec::new();
        for (query, is_overdue) in [(reminders, false), (overdue, true)] {
            for (reference, kind) in self.running_deadlines(query).await? {
                notices.push(DueNotice {
                    reference,
                    kind: parse(&kind)?,
                    overdue: is_overdue,
                });
            }
        }
        Ok(notices)
    }

    /// The cases whose appeal window closed before `today` with no appeal.
    pub async fn lapsed_appeal_windows(&self, today: NaiveDate) -> Result<Vec<String>, StoreError> {
        let query = Query::select()
            .and_where(
                Expr::col((deadlines::Entity, deadlines::Column::Kind))
                    .eq(DeadlineKind::AppealWindow.as_str()),
            )
            .and_where(Expr::col((deadlines::Entity, deadlines::Column::DueOn)).lt(today))
            .and_where(Expr::col((cases::Entity, cases::Column::State)).eq("decided"))
            .to_owned();
        Ok(self
            .running_deadlines(query)
            .await?
            .into_iter()
            .map(|(reference, _)| reference)
            .collect())
    }

    /// The case reference and kind of the running deadlines `query` narrows to, at most
    /// [`SWEEP_LIMIT`]: `query` brings its conditions and order, this the rest.
    async fn running_deadlines(
        &self,
        mut query: SelectStatement,
    ) -> Result<Vec<(String, String)>, StoreError> {
        query
            .column((cases::Entity, cases::Column::Reference))
            .column((deadlines::Entity, deadlines::Column::Kind))
            .from(deadlines::Entity)
            .inner_join(
                cases::Entity,
                Expr::col((cases::Entity, cases::Column::Id))
                    .equals((deadlines::Entity, deadlines::Column::CaseId)),
            )
            .and_where(Expr::col((deadlines::Entity, deadlines::Column::Status)).eq("running"))
            .limit(SWEEP_LIMIT);
        let rows = self.read.query_all(&query).await?;
        rows.iter()
            .map(|row| Ok((row.try_get("", "reference")?, row.try_get("", "kind")?)))
            .collect()
    }

    /// Claims up to `request.limit` emails due at the service's time `request.due_at`, for
    /// `request.holder`, from the real instant `request.at` for `request.lease`: no other
    /// claim takes them until the lease runs out (at [`claim_ends`]`(at, lease)`) or their
    /// holder stops or falls silent. Leases and heartbeats are kept in real time, which
    /// `clock.now` does not move, so processes started at different moments agree on them.
    pub async fn claim_emails(
        &self,
        request: ClaimRequest<'_>,
    ) -> Result<Vec<OutboxItem>, StoreError> {
        let ClaimRequest {
            due_at,
            at,
            lease,
            limit,
            holder,
            stale_before,
            webhooks,
        } = request;
        let channel = if webhooks {
            outbox::Column::WebhookId.is_not_null()
        } else {
            outbox::Column::WebhookId.is_null()
        };
        let due =
            Query::select()
                .column(outbox::Column::Id)
                .from(outbox::Entity)
                .and_where(outbox::Column::Status.eq("pending"))
                .and_where(outbox::Column::NextAttemptAt.lte(due_at))
                .and_where(channel)
                .cond_where(
                    Condition::any()
                        .add(outbox::Column::LockedUntil.is_null())
                        .add(outbox::Column::LockedUntil.lte(at))
                        // A process sweeps one batch at a time: a claim of its own that an
                        // earlier sweep left (the database went away mid-sweep) is abandoned.
                        .add(outbox::Column::ClaimedBy.eq(holder))
                        .add(
                            Condition::all()
                                .add(outbox::Column::ClaimedBy.is_not_null())
                                .add(outbox::Column::ClaimedBy.not_in_subquery(
                                    crate::instances::live_instances(stale_before),
                                )),
                        ),
                )
                .order_by(outbox::Column::NextAttemptAt, sea_orm::Order::Asc)
                .order_by(outbox::Column::Id, sea_orm::Order::Asc)
                .limit(limit)
                .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
                .to_owned();
        let claimed = outbox::Entity::update_many()
            .set(outbox::ActiveModel {
                locked_until: Set(Some(claim_ends(at, lease))),
                claimed_by: Set(Some(holder.to_owned())),
                ..Default::default()
            })
            .filter(outbox::Column::Id.in_subquery(due))
            .exec_with_returning(*self.writer().await)
            .await?;
        let mut items: Vec<OutboxItem> = claimed
            .into_iter()
            .map(|row| OutboxItem {
                id: row.id,
                message_key: row.message_key,
                case_id: row.case_id,
                event_seq: row.event_seq.and_then(|s| u32::try_from(s).ok()),
                kind: row.kind,
                recipient_id: row.recipient_id.map(PersonId),
                recipient_email: row.recipient_email,
                attempts: u32::try_from(row.attempts).unwrap_or_default(),
                created_at: row.created_at,
                request_id: row.request_id,
                webhook_id: row.webhook_id,
                inbound_id: row.inbound_id,
            })
            .collect();
        items.sort_by_key(|i| i.id);
        Ok(items)
    }

    /// Records that the emails `ids` were handed to the mail server: one statement for a
    /// sweep's batch.
    pub async fn mark_emails_sent(&self, ids: &[i64], at: DateTime<Utc>) -> Result<(), StoreError> {
        if ids.is_empty() {
            return Ok(());
        }
        outbox::Entity::update_many()
            .set(outbox::ActiveModel {
                status: Set("sent".to_owned()),
                sent_at: Set(Some(at)),
                locked_until: Set(None),
                claimed_by: Set(None),
                last_error: Set(None),
                ..Default::default()
            })
            .filter(outbox::Column::Id.is_in(ids.iter().copied()))
            .exec(*self.writer().await)
            .await?;
        Ok(())
    }

    /// Records a failed attempt: tried again at `retry_at`, or given up on when `None`.
    pub async fn mark_email_failed(
        &self,
        id: i64,
        attempts: u32,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError> {
        let mut row = outbox::ActiveModel {
            attempts: Set(i32::try_from(attempts).unwrap_or(i32::MAX)),
            last_error: Set(Some(error.chars().take(1000).collect())),
            locked_until: Set(None),
            claimed_by: Set(None),
            ..Default::default()
        };
        match retry_at {
            Some(at) => row.next_attempt_at = Set(at),
            None => row.status = Set("failed".to_owned()),
        }
        outbox::Entity::update_many()
            .set(row)
            .filter(outbox::Column::Id.eq(id))
            .exec(*self.writer().await)
            .await?;
        Ok(())
    }

    /// Gives up a claim, ending at `claim_ends`, on emails its sweep will not try, so the
    /// next sweep may take them without waiting for it to run out. An email whose claim has
    /// run out and been taken by another sweep is left to that sweep.
    pub async fn release_emails(
        &self,
        ids: &[i64],
        claim_ends: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if ids.is_empty() {
            return Ok(());
        }
        outbox::Entity::update_many()
            .set(outbox::ActiveModel {
                locked_until: Set(None),
                claimed_by: Set(None),
                ..Default::default()
            })
            .filter(outbox::Column::Id.is_in(ids.iter().copied()))
            .filter(outbox::Column::Status.eq("pending"))
            .filter(outbox::Column::LockedUntil.eq(claim_ends))
            .exec(*self.writer().await)
            .await?;
        Ok(())
    }

    /// Queues a failed email of the case with `reference` to be tried again from `now`.
    /// Only a failed email may be resent: one delivered would reach its receiver as a
    /// repeat, which receivers are right to drop.
    pub async fn resend_email(
        &self,
        reference: &str,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let case = crate::cases::find(&self.read, reference).await?;
        let row = outbox::Entity::find_by_id(id)
            .filter(outbox::Column::CaseId.eq(case.id))
            .filter(outbox::Column::WebhookId.is_null())
            .one(&self.read)
            .await?
            .ok_or(StoreError::NotFound)?;
        let not_failed = |status: &str| {
            StoreError::Conflict(format!(
                "only a failed email can be sent again; this one is {status}"
            ))
        };
        if row.status != "failed" {
            return Err(not_failed(&row.status));
        }
        // Conditional on the status, so that two resends at once queue it only once.
        let requeued = outbox::Entity::update_many()
            .set(requeued(now))
            .filter(outbox::Column::Id.eq(id))
            .filter(outbox::Column::Status.eq("failed"))
            .exec(*self.writer().await)
            .await?;
        if requeued.rows_affected == 0 {
            return Err(not_failed("already queued again"));
        }
        Ok(())
    }

    /// How many emails are waiting and how many were given up on.
    pub async fn outbox_counts(&self) -> Result<(u64, u64), StoreError> {
        let count = |status: &'static str| {
            outbox::Entity::find()
                .filter(outbox::Column::Status.eq(status))
                .filter(outbox::Column::WebhookId.is_null())
                .count(&self.read)
        };
        Ok((count("pending").await?, count("failed").await?))
    }

    /// What the emails `items` tell, read in a few queries for the whole batch rather than
    /// several for each email: each event with the case as it stood just after it (so an
    /// email tells of the event as it was, however late it is sent), and the names of the
    /// people and organisations the emails mention.
    pub async fn email_contexts(&self, items: &[OutboxItem]) -> Result<EmailContexts, StoreError> {
        let mut wanted: Vec<(i64, u32)> = items
            .iter()
            .filter_map(|item| Some((item.case_id?, item.event_seq?)))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut contexts = EmailContexts::default();
        let mut people: Vec<i64> = items
            .iter()
            .filter_map(|i| i.recipient_id.map(|p| p.0))
            .collect();
        let mut organisations = Vec::new();
        for item in items.iter().filter(|i| i.kind == NEWS_KIND) {
            let (Some(case_id), Some(reader)) = (item.case_id, item.recipient_id) else {
                continue;
            };
            let news = self.news_for(case_id, reader, item.created_at).await?;
            people.extend(news.messages.iter().chain(&news.files).map(|p| p.0));
            organisations.extend([
                news.case.case.raising_organisation_id.0,
                news.case.case.respondent_organisation_id.0,
            ]);
            contexts.news.insert(item.id, news);
        }
        let answering: Vec<i64> = items.iter().filter_map(|i| i.inbound_id).collect();
        if !answering.is_empty() {
            contexts.replies = self.reply_notices(&answering).await?;
        }
        let mut pairs = Condition::any();
        // No event wanted: a condition that matches nothing.
        if wanted.is_empty() {
            pairs = pairs.add(Expr::val(1).eq(0));
        }
        for (case_id, seq) in &wanted {
            pairs = pairs.add(
                Condition::all()
                    .add(case_events::Column::CaseId.eq(*case_id))
                    .add(case_events::Column::Seq.eq(i64::from(*seq))),
            );
        }
        let events = case_events::Entity::find()
            .filter(pairs)
            .all(&self.read)
            .await?;
        let case_ids: Vec<i64> = wanted.iter().map(|(case_id, _)| *case_id).collect();
        let references = crate::cases::references(&self.read, case_ids).await?;
        for row in events {
            let Some(reference) = references.get(&row.case_id) else {
                continue;
            };
            // Events recorded before the case was kept beside them fall back to the case now.
            let record = match row.case_after {
                Some(record) => record,
                None => crate::cases::record_of(&self.read, row.case_id).await?,
            };
            let event: CaseEvent = serde_json::from_str(&row.payload)?;
            let case: disputes_workflow::Case = serde_json::from_str(&record)?;
            people.extend(event.actor.person().map(|p| p.id.0));
            organisations.extend([
                case.raising_organisation_id.0,
                case.respondent_organisation_id.0,
            ]);
            let seq = u32::try_from(row.seq).unwrap_or_default();
            contexts.events.insert(
                (row.case_id, seq),
                (
                    event,
                    StoredCase {
                        case,
                        reference: reference.clone(),
                        row: None,
                    },
                ),
            );
        }
        let found: Vec<(i64, String, i64, String)> = people::Entity::find()
            .select_only()
            .column(people::Column::Id)
            .column(people::Column::Name)
            .column(people::Column::OrganisationId)
            .column(people::Column::Language)
            .filter(people::Column::Id.is_in(people))
            .into_tuple()
            .all(&self.read)
            .await?;
        for (id, name, organisation, language) in found {
            organisations.push(organisation);
            contexts.people.insert(
                PersonId(id),
                Addressee {
                    name,
                    organisation_id: OrganisationId(organisation),
                    language: language.parse().unwrap_or_default(),
                },
            );
        }
        let names: Vec<(i64, String)> = organisations::Entity::find()
            .select_only()
            .column(organisations::Column::Id)
            .column(organisations::Column::Name)
            .filter(organisations::Column::Id.is_in(organisations))
            .into_tuple()
            .all(&self.read)
            .await?;
        contexts.organisations = names
            .into_iter()
            .map(|(id, name)| (OrganisationId(id), name))
            .collect();
        Ok(contexts)
    }
}

/// What a news email tells its reader: the messages and files added in its gathering that
/// they may read.
#[derive(Debug, Clone)]
pub struct News {
    /// The case as it stands.
    pub case: StoredCase,
    /// Who wrote each message, in order.
    pub messages: Vec<PersonId>,
    /// Who added each file, in order.
    pub files: Vec<PersonId>,
    /// How many of them are for a panel only.
    pub panel_only: usize,
}

/// A person an email is to or names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addressee {
    /// Their name.
    pub name: String,
    /// Their organisation.
    pub organisation_id: OrganisationId,
    /// The language emails to them are written in.
    pub language: disputes_i18n::Lang,
}

/// What a batch of emails tells: see [`Store::email_contexts`].
#[derive(Debug, Clone, Default)]
pub struct EmailContexts {
    /// Each event, by case id and number, with the case as it stood just after it.
    pub events: HashMap<(i64, u32), (CaseEvent, StoredCase)>,
    /// Each news email's news, by the email's id.
    pub news: HashMap<i64, News>,
    /// The people the emails are to or mention.
    pub people: HashMap<PersonId, Addressee>,
    /// Organisations' names.
    pub organisations: HashMap<OrganisationId, String>,
    /// What each acknowledgement or refusal of a received email tells, by the received
    /// email's id.
    pub replies: HashMap<i64, crate::ReplyNotice>,
}

impl Store {
    /// The news gathered for `reader` on the case `case_id` from `from`: what others added in
    /// the gathering that `reader` may read.
    async fn news_for(
        &self,
        case_id: i64,
        reader: PersonId,
        from: DateTime<Utc>,
    ) -> Result<News, StoreError> {
        let row = cases::Entity::find_by_id(case_id)
            .one(&self.read)
            .await?
            .ok_or(StoreError::NotFound)?;
        let case: disputes_workflow::Case =
            serde_json::from_str(&crate::cases::record_of(&self.read, case_id).await?)?;
        let person = self.person(reader).await?.person;
        let scopes = disputes_workflow::visibility::panel_scopes(&case, &person);
        let until = from + self.news_digest;
        let messages = messages::Entity::find()
            .filter(messages::Column::CaseId.eq(case_id))
            .filter(messages::Column::AuthorId.ne(reader.0))
            .filter(news_in(
                (messages::Column::CreatedAt, messages::Column::SharedAt),
                messages::Column::PanelScope,
                (from, until),
                &scopes,
            ))
            .filter(crate::correspondence::readable(
                messages::Column::Visibility,
                messages::Column::PanelScope,
                &scopes,
            ))
            .order_by_asc(messages::Column::CreatedAt)
            .all(&self.read)
            .await?;
        let files = attachments::Entity::find()
            .filter(attachments::Column::CaseId.eq(case_id))
            .filter(attachments::Column::UploadedBy.ne(reader.0))
            .filter(news_in(
                (
                    attachments::Column::CreatedAt,
                    attachments::Column::SharedAt,
                ),
                attachments::Column::PanelScope,
                (from, until),
                &scopes,
            ))
            .filter(crate::correspondence::readable(
                attachments::Column::Visibility,
                attachments::Column::PanelScope,
                &scopes,
            ))
            .order_by_asc(attachments::Column::CreatedAt)
            .all(&self.read)
            .await?;
        let panel_only = messages.iter().filter(|m| m.visibility == "panel").count()
            + files.iter().filter(|f| f.visibility == "panel").count();
        Ok(News {
            case: StoredCase {
                case,
                reference: row.reference,
                row: None,
            },
            messages: messages.iter().map(|m| PersonId(m.author_id)).collect(),
            files: files.iter().map(|f| PersonId(f.uploaded_by)).collect(),
            panel_only,
        })
    }
}

/// The rows of a table of messages or files that are news in the gathering `from..until`
/// for a reader of the panel notes of `scopes`: added then, or shared with everyone then
/// when the reader could not read it before (it was for a panel they do not read).
fn news_in<C: ColumnTrait>(
    (created, shared): (C, C),
    panel_scope: C,
    (from, until): (DateTime<Utc>, DateTime<Utc>),
    scopes: &[disputes_workflow::visibility::PanelScope],
) -> Condition {
    let mut shared_then = Condition::all().add(shared.gte(from)).add(shared.lt(until));
    if !scopes.is_empty() {
        shared_then = shared_then.add(panel_scope.is_not_in(scopes.iter().map(|s| s.as_str())));
    }
    Condition::any()
        .add(
            Condition::all()
                .add(created.gte(from))
                .add(created.lt(until)),
        )
        .add(shared_then)
}

/// When a claim made at `at` for `lease` runs out, to the microsecond that both databases
/// keep, so that a sweep can name its own claim exactly.
pub fn claim_ends(at: DateTime<Utc>, lease: Duration) -> DateTime<Utc> {
    use chrono::SubsecRound;
    (at + lease).trunc_subsecs(6)
}
