//! What the scheduler and the email dispatcher ask of the store: the deadlines due a
//! notice, the appeal windows that have closed, and the outbox rows due to be sent.
//!
//! Claiming outbox rows is safe with several server processes: a claim sets a lease
//! (`locked_until`) on the rows it takes, and on PostgreSQL the rows are chosen with
//! `FOR UPDATE SKIP LOCKED`, so two processes never take the same row. (On SQLite there is
//! one writer, so the claim is already one at a time.) A process that dies while sending
//! leaves its lease to expire, and the row is sent again with the same Message-ID.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use disputes_workflow::{Action, CaseEvent, DeadlineKind, PersonId};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, Order, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
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
    ///
    /// Each query starts from the running deadlines whose day has come (an index on
    /// status and date), and looks up only their cases: its cost follows what is due, not
    /// how many cases there are.
    pub async fn due_notices(&self, today: NaiveDate) -> Result<Vec<DueNotice>, StoreError> {
        let live =
            || Expr::col((cases::Entity, cases::Column::State)).is_not_in(["paused", "closed"]);
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

    /// Claims up to `limit` emails due at the service's time `due_at`, from the instant `at`
    /// for `lease`: no other claim takes them until the lease runs out (at
    /// [`claim_ends`]`(at, lease)`). Leases are kept in real time, which `clock.now` does not
    /// move, so processes started at different moments agree on them.
    pub async fn claim_emails(
        &self,
        due_at: DateTime<Utc>,
        at: DateTime<Utc>,
        lease: Duration,
        limit: u64,
    ) -> Result<Vec<OutboxItem>, StoreError> {
        let due = Query::select()
            .column(outbox::Column::Id)
            .from(outbox::Entity)
            .and_where(outbox::Column::Status.eq("pending"))
            .and_where(outbox::Column::NextAttemptAt.lte(due_at))
            .cond_where(
                Condition::any()
                    .add(outbox::Column::LockedUntil.is_null())
                    .add(outbox::Column::LockedUntil.lte(at)),
            )
            .order_by(outbox::Column::NextAttemptAt, sea_orm::Order::Asc)
            .order_by(outbox::Column::Id, sea_orm::Order::Asc)
            .limit(limit)
            .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
            .to_owned();
        let claimed = outbox::Entity::update_many()
            .set(outbox::ActiveModel {
                locked_until: Set(Some(claim_ends(at, lease))),
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
                ..Default::default()
            })
            .filter(outbox::Column::Id.is_in(ids.iter().copied()))
            .filter(outbox::Column::Status.eq("pending"))
            .filter(outbox::Column::LockedUntil.eq(claim_ends))
            .exec(&self.write)
            .await?;
        Ok(())
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
        let record = match event.case_after {
            Some(record) => record,
            None => crate::cases::record_of(&self.read, case_id).await?,
        };
        Ok((
            serde_json::from_str(&event.payload)?,
            StoredCase {
                case: serde_json::from_str(&record)?,
                reference: case.reference,
                row: None,
            },
        ))
    }
}

/// When a claim made at `at` for `lease` runs out, to the microsecond that both databases
/// keep, so that a sweep can name its own claim exactly.
pub fn claim_ends(at: DateTime<Utc>, lease: Duration) -> DateTime<Utc> {
    use chrono::SubsecRound;
    (at + lease).trunc_subsecs(6)
}
