//! Idempotency keys: a retried write returns its first answer instead of acting twice.
//!
//! A request first claims its key (an insert that only one request can win, even when two
//! arrive together); the winner acts and then completes the key with its response. Anyone
//! else finds the key taken: with the first response once it is complete, or still in
//! flight. A key older than a day is forgotten.
//!
//! A case write (raising, acting, a message, a file) is claimed `atomic`: it completes the
//! key inside its own transaction with what it did ([`WriteOutcome`]), so the key and the
//! write stand or fall together. If the process dies before it can answer, a retry finds
//! the outcome and is answered from it; and an atomic claim still in flight once no request
//! could still be running means the write never happened, so a retry may act.

use chrono::{DateTime, Duration, Utc};
use disputes_workflow::PersonId;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, Set, TryInsertResult};
use serde::{Deserialize, Serialize};

use crate::entity::idempotency_keys;
use crate::error::StoreError;
use crate::writer::RunIn;
use crate::{Store, Tx};

/// How long a key is remembered.
pub const KEY_LIFETIME_HOURS: i64 = 24;

/// The first response to a write made with an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedResponse {
    /// A hash of the request: the same key with another request is refused.
    pub request_hash: String,
    /// The HTTP status it was answered with; 0 while the first request is still in flight.
    pub status: u16,
    /// The body it was answered with; empty when the write completed the key but its
    /// answer was never sent (then `outcome` says what it did).
    pub body: String,
    /// What an atomic write did, recorded with it.
    pub outcome: Option<WriteOutcome>,
}

/// What a case write did, recorded in its own transaction on the key it was made with:
/// enough to answer a retry as the write would have been answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WriteOutcome {
    /// The case with `reference` at `version`, which the write raised or moved to.
    Case {
        /// The case.
        reference: String,
        /// Its version just after the write.
        version: u32,
    },
    /// A message added to a case.
    Message {
        /// The case.
        reference: String,
        /// Its id.
        id: i64,
    },
    /// A file added to a case.
    Attachment {
        /// The case.
        reference: String,
        /// Its id.
        id: i64,
    },
}

/// A request's claim on its idempotency key.
#[derive(Debug, Clone, Copy)]
pub struct KeyClaim<'a> {
    /// Whose key.
    pub person: PersonId,
    /// The key.
    pub key: &'a str,
    /// A hash of the request: the same key with another request is refused.
    pub request_hash: &'a str,
    /// The service's time.
    pub at: DateTime<Utc>,
    /// Whether the write completes the key in its own transaction.
    pub atomic: bool,
    /// The process making the claim.
    pub instance: &'a str,
    /// No request claimed before this (service's time) can still be running.
    pub abandoned_before: DateTime<Utc>,
    /// A process not heard from since this (real time) is dead.
    pub stale_before: DateTime<Utc>,
}

/// A request's idempotency key, to be completed in the transaction of the write it guards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyedWrite {
    /// Whose key.
    pub person: PersonId,
    /// The key.
    pub key: String,
    /// The status the write answers with when it succeeds.
    pub status: u16,
}

/// Completes `key`, if any, with what the write did: within the write's own transaction.
pub(crate) async fn complete_in(
    txn: &Tx<'_>,
    key: Option<&KeyedWrite>,
    outcome: &WriteOutcome,
) -> Result<(), StoreError> {
    let Some(key) = key else {
        return Ok(());
    };
    idempotency_keys::Entity::update_many()
        .col_expr(
            idempotency_keys::Column::StatusCode,
            Expr::value(i32::from(key.status)),
        )
        .col_expr(
            idempotency_keys::Column::Outcome,
            Expr::value(serde_json::to_string(outcome)?),
        )
        .filter(idempotency_keys::Column::PersonId.eq(key.person.0))
        .filter(idempotency_keys::Column::Key.eq(key.key.as_str()))
        .filter(idempotency_keys::Column::StatusCode.eq(0))
        .run_in(txn)
        .await?;
    Ok(())
}

/// What claiming a key found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The key is this request's: act, then complete or release it.
    Claimed,
    /// Another request holds the key.
    Taken(SavedResponse),
}

impl Store {
    /// Claims a key for a request ([`KeyClaim`]). An atomic claim still in flight whose
    /// process has died, or from before any request still running could have made it, is
    /// taken over: its write never happened.
    pub async fn claim_idempotency_key(&self, claim: KeyClaim<'_>) -> Result<Claim, StoreError> {
        let KeyClaim {
            person,
            key,
            request_hash,
            at,
            atomic,
            instance,
            abandoned_before,
            stale_before,
        } = claim;
        // A key past its lifetime may be used again: its old answer goes first; and so may
        // an abandoned atomic claim.
        idempotency_keys::Entity::delete_many()
            .filter(idempotency_keys::Column::PersonId.eq(person.0))
            .filter(idempotency_keys::Column::Key.eq(key))
            .filter(
                Condition::any()
                    .add(
                        idempotency_keys::Column::CreatedAt
                            .lt(at - Duration::hours(KEY_LIFETIME_HOURS)),
                    )
                    .add(
                        Condition::all()
                            .add(idempotency_keys::Column::StatusCode.eq(0))
                            .add(idempotency_keys::Column::Atomic.eq(true))
                            .add(
                                Condition::any()
                                    .add(idempotency_keys::Column::CreatedAt.lt(abandoned_before))
                                    .add(idempotency_keys::Column::Instance.is_null())
                                    .add(idempotency_keys::Column::Instance.not_in_subquery(
                                        crate::instances::live_instances(stale_before),
                                    )),
                            ),
                    ),
            )
            .exec(*self.writer().await)
            .await?;
        let row = idempotency_keys::ActiveModel {
            person_id: Set(person.0),
            key: Set(key.to_owned()),
            request_hash: Set(request_hash.to_owned()),
            status_code: Set(0),
            response_body: Set(String::new()),
            created_at: Set(at),
            outcome: Set(None),
            atomic: Set(atomic),
            instance: Set(Some(instance.to_owned())),
        };
        let inserted = idempotency_keys::Entity::insert(row)
            .on_conflict_do_nothing_on([
                idempotency_keys::Column::PersonId,
                idempotency_keys::Column::Key,
            ])
            .exec(*self.writer().await)
            .await?;
        if matches!(inserted, TryInsertResult::Inserted(_)) {
            return Ok(Claim::Claimed);
        }
        let held = idempotency_keys::Entity::find_by_id((person.0, key.to_owned()))
            .one(*self.writer().await)
            .await?
            .ok_or_else(|| StoreError::Conflict("the idempotency key is busy".into()))?;
        let outcome = match held.outcome {
            Some(outcome) => Some(serde_json::from_str(&outcome)?),
            None => None,
        };
        Ok(Claim::Taken(SavedResponse {
            request_hash: held.request_hash,
            status: u16::try_from(held.status_code).unwrap_or(0),
            body: held.response_body,
            outcome,
        }))
    }

    /// Records the response to a claimed key.
    pub async fn complete_idempotency_key(
        &self,
        person: PersonId,
        key: &str,
        status: u16,
        body: &str,
    ) -> Result<(), StoreError> {
        idempotency_keys::Entity::update_many()
            .set(idempotency_keys::ActiveModel {
                status_code: Set(i32::from(status)),
                response_body: Set(body.to_owned()),
                ..Default::default()
            })
            .filter(idempotency_keys::Column::PersonId.eq(person.0))
            .filter(idempotency_keys::Column::Key.eq(key))
            .exec(*self.writer().await)
            .await?;
        Ok(())
    }

    /// Gives a claimed key back, when the request failed in a way worth retrying.
    pub async fn release_idempotency_key(
        &self,
        person: PersonId,
        key: &str,
    ) -> Result<(), StoreError> {
        idempotency_keys::Entity::delete_many()
            .filter(idempotency_keys::Column::PersonId.eq(person.0))
            .filter(idempotency_keys::Column::Key.eq(key))
            .exec(*self.writer().await)
            .await?;
        Ok(())
    }

    /// Forgets keys claimed before `cutoff`; returns how many.
    pub async fn forget_idempotency_keys_before(
        &self,
        cutoff: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let result = idempotency_keys::Entity::delete_many()
            .filter(idempotency_keys::Column::CreatedAt.lt(cutoff))
            .exec(*self.writer().await)
            .await?;
        Ok(result.rows_affected)
    }
}
