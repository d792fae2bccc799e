//! Responses kept against idempotency keys, so a retried write returns its first answer.

use chrono::{DateTime, Utc};
use disputes_workflow::PersonId;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::Store;
use crate::entity::idempotency_keys;
use crate::error::StoreError;

/// The first response to a write made with an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedResponse {
    /// A hash of the request body: the same key with another body is a different request.
    pub request_hash: String,
    /// The HTTP status it was answered with.
    pub status: u16,
    /// The body it was answered with.
    pub body: String,
}

impl Store {
    /// The response saved for `person`'s `key`, if one was saved at or after `since`.
    pub async fn saved_response(
        &self,
        person: PersonId,
        key: &str,
        since: DateTime<Utc>,
    ) -> Result<Option<SavedResponse>, StoreError> {
        let row = idempotency_keys::Entity::find_by_id((person.0, key.to_owned()))
            .filter(idempotency_keys::Column::CreatedAt.gte(since))
            .one(&self.read)
            .await?;
        Ok(row.map(|r| SavedResponse {
            request_hash: r.request_hash,
            status: u16::try_from(r.status_code).unwrap_or(500),
            body: r.response_body,
        }))
    }

    /// Saves the response to `person`'s `key`; when one is already saved, the first stays.
    pub async fn save_response(
        &self,
        person: PersonId,
        key: &str,
        response: &SavedResponse,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        // An expired key may be reused: its old answer goes first.
        idempotency_keys::Entity::delete_many()
            .filter(idempotency_keys::Column::PersonId.eq(person.0))
            .filter(idempotency_keys::Column::Key.eq(key))
            .filter(idempotency_keys::Column::CreatedAt.lt(at - chrono::Duration::days(1)))
            .exec(&self.write)
            .await?;
        let row = idempotency_keys::ActiveModel {
            person_id: Set(person.0),
            key: Set(key.to_owned()),
            request_hash: Set(response.request_hash.clone()),
            status_code: Set(i32::from(response.status)),
            response_body: Set(response.body.clone()),
            created_at: Set(at),
        };
        idempotency_keys::Entity::insert(row)
            .on_conflict_do_nothing_on([
                idempotency_keys::Column::PersonId,
                idempotency_keys::Column::Key,
            ])
            .exec(&self.write)
            .await?;
        Ok(())
    }

    /// Forgets responses saved before `cutoff`; returns how many.
    pub async fn forget_responses_before(&self, cutoff: DateTime<Utc>) -> Result<u64, StoreError> {
        let result = idempotency_keys::Entity::delete_many()
            .filter(idempotency_keys::Column::CreatedAt.lt(cutoff))
            .exec(&self.write)
            .await?;
        Ok(result.rows_affected)
    }
}
