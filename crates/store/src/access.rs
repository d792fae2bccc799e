//! Sign-in sessions and API tokens.
//!
//! The secret a browser or script holds never reaches the database: only its SHA-256 is
//! stored and looked up, so a copy of the database opens no account.

use chrono::{DateTime, Utc};
use disputes_workflow::{OrganisationId, Person, PersonId, Roles};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set, TransactionTrait,
};
use sha2::{Digest, Sha256};

use crate::Store;
use crate::directory::PersonRecord;
use crate::entity::{
    api_tokens, calendar_feeds, login_failures, people, person_roles, sessions, trusted_devices,
};
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
        .insert(*self.writer().await)
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
        let session = Query::select()
            .column(sessions::Column::PersonId)
            .from(sessions::Entity)
            .and_where(sessions::Column::TokenHash.eq(digest(secret)))
            .cond_where(
                Condition::any()
                    .add(sessions::Column::ExpiresAt.is_null())
                    .add(sessions::Column::ExpiresAt.gt(now)),
            )
            .to_owned();
        self.active_person_in(session).await
    }

    /// Turns on `person`'s calendar feed at the address holding `secret`, replacing any
    /// earlier one (whose address stops working in the same commit).
    pub async fn start_calendar_feed(
        &self,
        person: PersonId,
        secret: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let writer = self.writer().await;
        let txn = (*writer).begin().await?;
        calendar_feeds::Entity::delete_many()
            .filter(calendar_feeds::Column::PersonId.eq(person.0))
            .exec(&txn)
            .await?;
        calendar_feeds::ActiveModel {
            person_id: Set(person.0),
            token_hash: Set(digest(secret)),
            created_at: Set(at),
        }
        .insert(&txn)
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Turns off `person`'s calendar feed; its address stops working.
    pub async fn stop_calendar_feed(&self, person: PersonId) -> Result<(), StoreError> {
        calendar_feeds::Entity::delete_many()
            .filter(calendar_feeds::Column::PersonId.eq(person.0))
            .exec(*self.writer().await)
            .await?;
        Ok(())
    }

    /// Since when `person`'s calendar feed has been at its present address, if it is on.
    pub async fn calendar_feed_since(
        &self,
        person: PersonId,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        Ok(calendar_feeds::Entity::find_by_id(person.0)
            .one(&self.read)
            .await?
            .map(|feed| feed.created_at))
    }

    /// The active person whose calendar feed's address holds `secret`, if any.
    pub async fn calendar_feed_person(
        &self,
        secret: &str,
    ) -> Result<Option<PersonRecord>, StoreError> {
        let owner = Query::select()
            .column(calendar_feeds::Column::PersonId)
            .from(calendar_feeds::Entity)
            .and_where(calendar_feeds::Column::TokenHash.eq(digest(secret)))
            .to_owned();
        self.active_person_in(owner).await
    }

    /// Ends the session `secret` (signing out). Ending one that does not exist is not an
    /// error.
    pub async fn close_session(&self, secret: &str) -> Result<(), StoreError> {
        sessions::Entity::delete_many()
            .filter(sessions::Column::TokenHash.eq(digest(secret)))
            .exec(*self.writer().await)
            .await?;
        Ok(())
    }

    /// Ends every session of `person` (on a password change, or when they leave).
    pub async fn close_sessions_of(&self, person: PersonId) -> Result<u64, StoreError> {
        let result = sessions::Entity::delete_many()
            .filter(sessions::Column::PersonId.eq(person.0))
            .exec(*self.writer().await)
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
        .insert(*self.writer().await)
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
        let token = Query::select()
            .column(api_tokens::Column::PersonId)
            .from(api_tokens::Entity)
            .and_where(api_tokens::Column::TokenHash.eq(digest(secret)))
            .and_where(api_tokens::Column::RevokedAt.is_null())
            .cond_where(
                Condition::any()
                    .add(api_tokens::Column::ExpiresAt.is_null())
                    .add(api_tokens::Column::ExpiresAt.gt(now)),
            )
            .to_owned();
        self.active_person_in(token).await
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
            .exec(*self.writer().await)
            .await?;
        if result.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The active person whose id `owner` selects, with their roles: one query (a row per
    /// role), as every signed-in request makes it.
    async fn active_person_in(
        &self,
        owner: SelectStatement,
    ) -> Result<Option<PersonRecord>, StoreError> {
        let select = Query::select()
            .columns([
                people::Column::Id,
                people::Column::OrganisationId,
                people::Column::Email,
                people::Column::Name,
                people::Column::Active,
                people::Column::CreatedAt,
            ])
            .column((person_roles::Entity, person_roles::Column::Role))
            .from(people::Entity)
            .left_join(
                person_roles::Entity,
                Expr::col((person_roles::Entity, person_roles::Column::PersonId))
                    .equals((people::Entity, people::Column::Id)),
            )
            .and_where(Expr::col((people::Entity, people::Column::Id)).in_subquery(owner))
            .and_where(Expr::col((people::Entity, people::Column::Active)).eq(true))
            .to_owned();
        let rows = self
            .reads()
            .rows(&select, |row| {
                let person = PersonRecord {
                    person: Person {
                        id: PersonId(row.int("id")?),
                        organisation_id: OrganisationId(row.int("organisation_id")?),
                        roles: Roles::default(),
                    },
                    email: row.text("email")?,
                    name: row.text("name")?,
                    active: row.flag("active")?,
                    created_at: row.time("created_at")?,
                    erased_at: None,
                };
                Ok((person, row.maybe_text("role")?))
            })
            .await?;
        let roles = rows
            .iter()
            .filter_map(|(_, role)| role.as_deref())
            .map(crate::parse)
            .collect::<Result<Roles, _>>()?;
        Ok(rows.into_iter().next().map(|(mut person, _)| {
            person.person.roles = roles;
            person
        }))
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
            .insert(*self.writer().await)
            .await?;
        }
        Ok(())
    }

    /// When `key`'s failed sign-ins since `since` happened, oldest first: how many there
    /// were, and when the oldest of them stop counting.
    pub async fn login_failures_since(
        &self,
        key: &str,
        since: DateTime<Utc>,
    ) -> Result<Vec<DateTime<Utc>>, StoreError> {
        Ok(login_failures::Entity::find()
            .select_only()
            .column(login_failures::Column::At)
            .filter(login_failures::Column::Key.eq(key))
            .filter(login_failures::Column::At.gte(since))
            .order_by_asc(login_failures::Column::At)
            .into_tuple()
            .all(&self.read)
            .await?)
    }

    /// Remembers the browser holding `secret` as one that has signed in to `person`'s
    /// account, until `expires_at`.
    pub async fn trust_device(
        &self,
        person: PersonId,
        secret: &str,
        at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        trusted_devices::ActiveModel {
            token_hash: Set(digest(secret)),
            person_id: Set(person.0),
            created_at: Set(at),
            expires_at: Set(expires_at),
            ..Default::default()
        }
        .insert(*self.writer().await)
        .await?;
        // Devices long gone are forgotten as new ones arrive.
        trusted_devices::Entity::delete_many()
            .filter(trusted_devices::Column::ExpiresAt.lt(at))
            .exec(*self.writer().await)
            .await?;
        Ok(())
    }

    /// The person whose account the browser holding `secret` has signed in to, unless
    /// that was so long ago that the trust has lapsed by `now`.
    pub async fn trusted_device_holder(
        &self,
        secret: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PersonId>, StoreError> {
        let id: Option<i64> = trusted_devices::Entity::find()
            .select_only()
            .column(trusted_devices::Column::PersonId)
            .filter(trusted_devices::Column::TokenHash.eq(digest(secret)))
            .filter(trusted_devices::Column::ExpiresAt.gt(now))
            .into_tuple()
            .one(&self.read)
            .await?;
        Ok(id.map(PersonId))
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
            .exec(*self.writer().await)
            .await?;
        Ok(())
    }
}
