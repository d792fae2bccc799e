//! Idempotency keys: a retried write returns its first answer instead of acting twice.
//!
//! A request first claims its key (an insert that only one request can win, even when two
//! arrive together); the winner acts and then completes the key with its response. Anyone
//! else finds the key taken: with the first response once it is complete, or still in
//! flight. A key older than a day is forgotten.

use chrono::{DateTime, Duration, Utc};
use disputes_workflow::PersonId;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set, TryInsertResult};

use crate::Store;
use crate::entity::idempotency_keys;
use crate::error::StoreError;

/// How long a key is remembered.
pub const KEY_LIFETIME_HOURS: i64 = 24;

/// The first response to a write made with an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedResponse {
    /// A hash of the request: the same key with another request is refused.
    pub request_hash: String,
    /// The HTTP status it was answered with; 0 while the first request is still in flight.
    pub status: u16,
    /// The body it was answered with.
    pub body: String,
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
    /// Claims `person`'s `key` for a request whose hash is `request_hash`.
    pub async fn claim_idempotency_key(
        &self,
        person: PersonId,
        key: &str,
        request_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<Claim, StoreError> {
        // A key past its lifetime may be used again: its old answer goes first.
        idempotency_keys::Entity::delete_many()
            .filter(idempotency_keys::Column::PersonId.eq(person.0))
            .filter(idempotency_keys::Column::Key.eq(key))
            .filter(
                idempotency_keys::Column::CreatedAt.lt(at - Duration::hours(KEY_LIFETIME_HOURS)),
            )
            .exec(&self.write)
            .await?;
        let row = idempotency_keys::ActiveModel {
            person_id: Set(person.0),
            key: Set(key.to_owned()),
            request_hash: Set(request_hash.to_owned()),
            status_code: Set(0),
            response_body: Set(String::new()),
            created_at: Set(at),
        };
        let inserted = idempotency_keys::Entity::insert(row)
            .on_conflict_do_nothing_on([
                idempotency_keys::Column::PersonId,
                idempotency_keys::Column::Key,
            ])
            .exec(&self.write)
            .await?;
        if matches!(inserted, TryInsertResult::Inserted(_)) {
            return Ok(Claim::Claimed);
        }
        let held = idempotency_keys::Entity::find_by_id((person.0, key.to_owned()))
            .one(&self.write)
            .await?
            .ok_or_else(|| StoreError::Conflict("the idempotency key is busy".into()))?;
        Ok(Claim::Taken(SavedResponse {
            request_hash: held.request_hash,
            status: u16::try_from(held.status_code).unwrap_or(0),
            body: held.response_body,
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
            .exec(&self.write)
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
            .exec(&self.write)
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
            .exec(&self.write)
            .await?;
        Ok(result.rows_affected)
    }
}
