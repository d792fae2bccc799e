//! What the scheduler and the email dispatcher ask of the store: the deadlines due a
//! notice, the appeal windows that have closed, and the outbox rows due to be sent.
//!
//! Claiming outbox rows is safe with several server processes: a claim sets a lease
//! (`locked_until`) on the rows it takes, and on PostgreSQL the rows are chosen with
//! `FOR UPDATE SKIP LOCKED`, so two processes never take the same row. (On SQLite there is
//! one writer, so the claim is already one at a time.) A process that dies while sending
//! leaves its lease to expire, and the row is sent again with the same Message-ID.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use disputes_workflow::{CaseEvent, DeadlineKind, PersonId};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, Query};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::cases::StoredCase;
use crate::entity::{case_events, cases, deadlines, outbox};
use crate::error::StoreError;
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
}

impl Store {
    /// The reminders and overdue notices due on `today`.
    pub async fn due_notices(&self, today: NaiveDate) -> Result<Vec<DueNotice>, StoreError> {
        let live = Query::select()
            .column(cases::Column::Id)
            .from(cases::Entity)
            .and_where(cases::Column::State.is_not_in(["paused", "closed"]))
            .to_owned();
        let reminders = deadlines::Entity::find()
            .filter(deadlines::Column::Status.eq("running"))
            .filter(deadlines::Column::RemindOn.lte(today))
            .filter(deadlines::Column::DueOn.gte(today))
            .filter(
                Condition::any()
                    .add(deadlines::Column::ReminderSentFor.is_null())
                    .add(
                        Expr::col(deadlines::Column::ReminderSentFor)
                            .ne(Expr::col(deadlines::Column::DueOn)),
                    ),
            )
            .filter(deadlines::Column::CaseId.in_subquery(live.clone()))
            .order_by_asc(deadlines::Column::RemindOn)
            .limit(SWEEP_LIMIT)
            .all(&self.read)
            .await?;
        let overdue = deadlines::Entity::find()
            .filter(deadlines::Column::Status.eq("running"))
            .filter(deadlines::Column::Kind.ne(DeadlineKind::AppealWindow.as_str()))
            .filter(deadlines::Column::OverdueOn.lte(today))
            .filter(
                Condition::any()
                    .add(deadlines::Column::OverdueSentFor.is_null())
                    .add(
                        Expr::col(deadlines::Column::OverdueSentFor)
                            .ne(Expr::col(deadlines::Column::DueOn)),
                    ),
            )
            .filter(deadlines::Column::CaseId.in_subquery(live))
            .order_by_asc(deadlines::Column::OverdueOn)
            .limit(SWEEP_LIMIT)
            .all(&self.read)
            .await?;
        let mut notices = Vec::with_capacity(reminders.len() + overdue.len());
        for (rows, is_overdue) in [(reminders, false), (overdue, true)] {
            for row in rows {
                notices.push(DueNotice {
                    reference: self.reference_of(row.case_id).await?,
                    kind: parse(&row.kind)?,
                    overdue: is_overdue,
                });
            }
        }
        Ok(notices)
    }

    /// The cases whose appeal window closed before `today` with no appeal.
    pub async fn lapsed_appeal_windows(&self, today: NaiveDate) -> Result<Vec<String>, StoreError> {
        let decided = Query::select()
            .column(cases::Column::Id)
            .from(cases::Entity)
            .and_where(cases::Column::State.eq("decided"))
            .to_owned();
        let rows = deadlines::Entity::find()
            .filter(deadlines::Column::Status.eq("running"))
            .filter(deadlines::Column::Kind.eq(DeadlineKind::AppealWindow.as_str()))
            .filter(deadlines::Column::DueOn.lt(today))
            .filter(deadlines::Column::CaseId.in_subquery(decided))
            .limit(SWEEP_LIMIT)
            .all(&self.read)
            .await?;
        let mut references = Vec::with_capacity(rows.len());
        for row in rows {
            references.push(self.reference_of(row.case_id).await?);
        }
        Ok(references)
    }

    async fn reference_of(&self, case_id: i64) -> Result<String, StoreError> {
        let reference: Option<String> = cases::Entity::find_by_id(case_id)
            .select_only()
            .column(cases::Column::Reference)
            .into_tuple()
            .one(&self.read)
            .await?;
        reference.ok_or(StoreError::NotFound)
    }

    /// Claims up to `limit` emails due at `now` for `lease`: no other claim takes them until
    /// the lease runs out.
    pub async fn claim_emails(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
        limit: u64,
    ) -> Result<Vec<OutboxItem>, StoreError> {
        let due = Query::select()
            .column(outbox::Column::Id)
            .from(outbox::Entity)
            .and_where(outbox::Column::Status.eq("pending"))
            .and_where(outbox::Column::NextAttemptAt.lte(now))
            .cond_where(
                Condition::any()
                    .add(outbox::Column::LockedUntil.is_null())
                    .add(outbox::Column::LockedUntil.lte(now)),
            )
            .order_by(outbox::Column::NextAttemptAt, sea_orm::Order::Asc)
            .order_by(outbox::Column::Id, sea_orm::Order::Asc)
            .limit(limit)
            .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
            .to_owned();
        let claimed = outbox::Entity::update_many()
            .set(outbox::ActiveModel {
                locked_until: Set(Some(now + lease)),
                ..Default::default()
            })
            .filter(outbox::Column::Id.in_subquery(due))
            .exec_with_returning(&self.write)
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
            })
            .collect();
        items.sort_by_key(|i| i.id);
        Ok(items)
    }

    /// Records that the email was handed to the mail server.
    pub async fn mark_email_sent(&self, id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.update_email(
            id,
            outbox::ActiveModel {
                status: Set("sent".to_owned()),
                sent_at: Set(Some(at)),
                locked_until: Set(None),
                last_error: Set(None),
                attempts: Set(0),
                ..Default::default()
            },
            true,
        )
        .await
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
            ..Default::default()
        };
        match retry_at {
            Some(at) => row.next_attempt_at = Set(at),
            None => row.status = Set("failed".to_owned()),
        }
        self.update_email(id, row, false).await
    }

    async fn update_email(
        &self,
        id: i64,
        mut row: outbox::ActiveModel,
        keep_attempts: bool,
    ) -> Result<(), StoreError> {
        if keep_attempts {
            // A sent row keeps the count of its attempts.
            row.attempts = sea_orm::ActiveValue::NotSet;
        }
        outbox::Entity::update_many()
            .set(row)
            .filter(outbox::Column::Id.eq(id))
            .exec(&self.write)
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
            .set(outbox::ActiveModel {
                status: Set("pending".to_owned()),
                attempts: Set(0),
                next_attempt_at: Set(now),
                locked_until: Set(None),
                ..Default::default()
            })
            .filter(outbox::Column::Id.eq(id))
            .filter(outbox::Column::Status.eq("failed"))
            .exec(&self.write)
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
                .count(&self.read)
        };
        Ok((count("pending").await?, count("failed").await?))
    }

    /// Event `seq` of the case with database id `case_id`, and the case as it stood just
    /// after it: what an email about that event tells, however late it is sent.
    pub async fn event_with_case(
        &self,
        case_id: i64,
        seq: u32,
    ) -> Result<(CaseEvent, StoredCase), StoreError> {
        let event = case_events::Entity::find()
            .filter(case_events::Column::CaseId.eq(case_id))
            .filter(case_events::Column::Seq.eq(i64::from(seq)))
            .one(&self.read)
            .await?
            .ok_or(StoreError::NotFound)?;
        let case = cases::Entity::find_by_id(case_id)
            .one(&self.read)
            .await?
            .ok_or(StoreError::NotFound)?;
        // Events recorded before the case was kept beside them fall back to the case now.
        let record = event.case_after.as_deref().unwrap_or(&case.record);
        Ok((
            serde_json::from_str(&event.payload)?,
            StoredCase {
                case: serde_json::from_str(record)?,
                reference: case.reference,
            },
        ))
    }
}
