//! Sign-in sessions and API tokens.
//!
//! The secret a browser or script holds never reaches the database: only its SHA-256 is
//! stored and looked up, so a copy of the database opens no account.

use chrono::{DateTime, Utc};
use disputes_workflow::PersonId;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use crate::Store;
use crate::directory::PersonRecord;
use crate::entity::{api_tokens, login_failures, people, sessions};
use crate::error::StoreError;

fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// An API token as its owner sees it listed (never the secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// Its id, for revoking it.
    pub id: i64,
    /// What its owner called it.
    pub name: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it stops working, if ever.
    pub expires_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Records a session for `person`, identified by `secret` until `expires_at`.
    pub async fn open_session(
        &self,
        person: PersonId,
        secret: &str,
        at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sessions::ActiveModel {
            token_hash: Set(digest(secret)),
            person_id: Set(person.0),
            created_at: Set(at),
            expires_at: Set(Some(expires_at)),
            last_used_at: Set(None),
            ..Default::default()
        }
        .insert(&self.write)
        .await?;
        Ok(())
    }

    /// The person a session `secret` signs in, if the session exists, has not expired at
    /// `now`, and its person is still active.
    pub async fn session_person(
        &self,
        secret: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PersonRecord>, StoreError> {
        let Some(session) = sessions::Entity::find()
            .filter(sessions::Column::TokenHash.eq(digest(secret)))
            .one(&self.read)
            .await?
        else {
            return Ok(None);
        };
        if session.expires_at.is_some_and(|end| end <= now) {
            return Ok(None);
        }
        self.active_person(session.person_id).await
    }

    /// Ends the session `secret` (signing out). Ending one that does not exist is not an
    /// error.
    pub async fn close_session(&self, secret: &str) -> Result<(), StoreError> {
        sessions::Entity::delete_many()
            .filter(sessions::Column::TokenHash.eq(digest(secret)))
            .exec(&self.write)
            .await?;
        Ok(())
    }

    /// Ends every session of `person` (on a password change, or when they leave).
    pub async fn close_sessions_of(&self, person: PersonId) -> Result<u64, StoreError> {
        let result = sessions::Entity::delete_many()
            .filter(sessions::Column::PersonId.eq(person.0))
            .exec(&self.write)
            .await?;
        Ok(result.rows_affected)
    }

    /// Issues an API token named `name` for `person`, identified by `secret`.
    pub async fn create_api_token(
        &self,
        person: PersonId,
        name: &str,
        secret: &str,
        at: DateTime<Utc>,
        expires_at: Option<DateTime<Utc>>,
    ) -> Result<ApiToken, StoreError> {
        let row = api_tokens::ActiveModel {
            token_hash: Set(digest(secret)),
            person_id: Set(person.0),
            created_at: Set(at),
            expires_at: Set(expires_at),
            last_used_at: Set(None),
            name: Set(name.to_owned()),
            revoked_at: Set(None),
            ..Default::default()
        }
        .insert(&self.write)
        .await?;
        Ok(ApiToken {
            id: row.id,
            name: row.name,
            created_at: row.created_at,
            expires_at: row.expires_at,
        })
    }

    /// The person an API token `secret` acts for, unless it is revoked or expired at `now`.
    pub async fn api_token_person(
        &self,
        secret: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PersonRecord>, StoreError> {
        let Some(token) = api_tokens::Entity::find()
            .filter(api_tokens::Column::TokenHash.eq(digest(secret)))
            .one(&self.read)
            .await?
        else {
            return Ok(None);
        };
        if token.revoked_at.is_some() || token.expires_at.is_some_and(|end| end <= now) {
            return Ok(None);
        }
        self.active_person(token.person_id).await
    }

    /// Revokes `person`'s token `id`; it stops working at once.
    pub async fn revoke_api_token(
        &self,
        person: PersonId,
        id: i64,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let result = api_tokens::Entity::update_many()
            .set(api_tokens::ActiveModel {
                revoked_at: Set(Some(at)),
                ..Default::default()
            })
            .filter(api_tokens::Column::Id.eq(id))
            .filter(api_tokens::Column::PersonId.eq(person.0))
            .filter(api_tokens::Column::RevokedAt.is_null())
            .exec(&self.write)
            .await?;
        if result.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn active_person(&self, id: i64) -> Result<Option<PersonRecord>, StoreError> {
        let active = people::Entity::find_by_id(id)
            .one(&self.read)
            .await?
            .is_some_and(|p| p.active);
        if !active {
            return Ok(None);
        }
        self.person(PersonId(id)).await.map(Some)
    }
}

impl Store {
    /// Records one failed sign-in against each of `keys` (an account, an address).
    pub async fn record_login_failure(
        &self,
        keys: &[String],
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        for key in keys {
            login_failures::ActiveModel {
                key: Set(key.clone()),
                at: Set(at),
                ..Default::default()
            }
            .insert(&self.write)
            .await?;
        }
        Ok(())
    }

    /// How many failed sign-ins `key` has had since `since`.
    pub async fn login_failures_since(
        &self,
        key: &str,
        since: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        Ok(login_failures::Entity::find()
            .filter(login_failures::Column::Key.eq(key))
            .filter(login_failures::Column::At.gte(since))
            .count(&self.read)
            .await?)
    }

    /// Forgets `key`'s failed sign-ins (after it signs in), and everyone's before `cutoff`.
    pub async fn clear_login_failures(
        &self,
        key: &str,
        cutoff: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        login_failures::Entity::delete_many()
            .filter(
                sea_orm::Condition::any()
                    .add(login_failures::Column::Key.eq(key))
                    .add(login_failures::Column::At.lt(cutoff)),
            )
            .exec(&self.write)
            .await?;
        Ok(())
    }
}
