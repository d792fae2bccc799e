//! Who a secret belongs to (calendar feeds, remembered browsers), the person lookup every
//! signed-in request makes, and the failed sign-ins the throttle counts.
//!
//! As with sessions and tokens ([`crate::grants`]), a secret's SHA-256 alone is stored.

use chrono::{DateTime, Utc};
use disputes_workflow::{OrganisationId, Person, PersonId, Roles};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use sha2::{Digest, Sha256};

use crate::Store;
use crate::directory::PersonRecord;
use crate::entity::{calendar_feeds, login_failures, people, person_roles, trusted_devices};
use crate::error::StoreError;
use crate::reader::Cells;

/// The SHA-256 of a secret, in hex: all the database ever holds of it.
pub(crate) fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

impl Store {
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

    /// The active person whose id `owner` selects, with their roles: one query (a row per
    /// role), as every signed-in request makes it.
    async fn active_person_in(
        &self,
        owner: SelectStatement,
    ) -> Result<Option<PersonRecord>, StoreError> {
        let select = person_select()
            .and_where(Expr::col((people::Entity, people::Column::Id)).in_subquery(owner))
            .to_owned();
        Ok(persons_with_roles(self, &select, |_| Ok(()))
            .await?
            .map(|(person, ())| person))
    }
}

/// The columns of an active person and one of their roles, from `people` joined to their
/// roles (a row per role): to be narrowed to one person, and joined to what led to them.
pub(crate) fn person_select() -> SelectStatement {
    Query::select()
        .columns(
            [
                people::Column::Id,
                people::Column::OrganisationId,
                people::Column::Email,
                people::Column::Name,
                people::Column::Active,
                people::Column::CreatedAt,
                people::Column::Language,
            ]
            .map(|column| (people::Entity, column)),
        )
        .column((person_roles::Entity, person_roles::Column::Role))
        .from(people::Entity)
        .left_join(
            person_roles::Entity,
            Expr::col((person_roles::Entity, person_roles::Column::PersonId))
                .equals((people::Entity, people::Column::Id)),
        )
        .and_where(Expr::col((people::Entity, people::Column::Active)).eq(true))
        .to_owned()
}

/// The one person a [`person_select`] finds, with all their roles gathered from its rows,
/// and what `extra` reads from the first row.
pub(crate) async fn persons_with_roles<T>(
    store: &Store,
    select: &SelectStatement,
    extra: impl Fn(&dyn Cells) -> Result<T, StoreError>,
) -> Result<Option<(PersonRecord, T)>, StoreError> {
    let rows = store
        .reads()
        .rows(select, |row| {
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
                language: row.text("language")?.parse().unwrap_or_default(),
            };
            Ok((person, row.maybe_text("role")?, extra(row)?))
        })
        .await?;
    let roles = rows
        .iter()
        .filter_map(|(_, role, _)| role.as_deref())
        .map(crate::parse)
        .collect::<Result<Roles, _>>()?;
    Ok(rows.into_iter().next().map(|(mut person, _, extra)| {
        person.person.roles = roles;
        (person, extra)
    }))
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
