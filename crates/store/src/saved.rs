//! Saved lists: searches of the case list that people named, their own and those the
//! facilitator shared with a role they hold.

use chrono::{DateTime, Utc};
use disputes_workflow::{Person, PersonId, Role};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::entity::saved_views;
use crate::error::StoreError;
use crate::{Store, parse, spell};

/// A saved list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedView {
    /// Its id.
    pub id: i64,
    /// Who saved it.
    pub owner_id: PersonId,
    /// What they called it.
    pub name: String,
    /// The case list's query string.
    pub query: String,
    /// The role it is shared with, if any.
    pub shared_with: Option<Role>,
    /// When it was saved.
    pub created_at: DateTime<Utc>,
}

fn saved(row: saved_views::Model) -> Result<SavedView, StoreError> {
    Ok(SavedView {
        id: row.id,
        owner_id: PersonId(row.owner_id),
        name: row.name,
        query: row.query,
        shared_with: row.shared_with_role.as_deref().map(parse).transpose()?,
        created_at: row.created_at,
    })
}

impl Store {
    /// Saves `query` as `name` for `owner`.
    pub async fn save_view(
        &self,
        owner: PersonId,
        name: &str,
        query: &str,
        at: DateTime<Utc>,
    ) -> Result<SavedView, StoreError> {
        let row = saved_views::ActiveModel {
            owner_id: Set(owner.0),
            name: Set(name.to_owned()),
            query: Set(query.to_owned()),
            shared_with_role: Set(None),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(*self.writer().await)
        .await?;
        saved(row)
    }

    /// How many lists `owner` has saved.
    pub async fn views_saved_by(&self, owner: PersonId) -> Result<u64, StoreError> {
        Ok(saved_views::Entity::find()
            .filter(saved_views::Column::OwnerId.eq(owner.0))
            .count(&self.read)
            .await?)
    }

    /// The lists `person` may use: their own, and those shared with a role they hold; by
    /// name.
    pub async fn views_for(&self, person: &Person) -> Result<Vec<SavedView>, StoreError> {
        let roles: Vec<String> = Role::ALL
            .iter()
            .filter(|role| person.has(**role))
            .map(spell)
            .collect();
        let rows = saved_views::Entity::find()
            .filter(
                Condition::any()
                    .add(saved_views::Column::OwnerId.eq(person.id.0))
                    .add(saved_views::Column::SharedWithRole.is_in(roles)),
            )
            .order_by_asc(saved_views::Column::Name)
            .order_by_asc(saved_views::Column::Id)
            .all(&self.read)
            .await?;
        rows.into_iter().map(saved).collect()
    }

    /// The saved list `id`.
    pub async fn saved_view(&self, id: i64) -> Result<SavedView, StoreError> {
        saved_views::Entity::find_by_id(id)
            .one(&self.read)
            .await?
            .ok_or(StoreError::NotFound)
            .and_then(saved)
    }

    /// Shares the saved list `id` with everyone holding `role`, or with nobody.
    pub async fn share_view(&self, id: i64, role: Option<Role>) -> Result<SavedView, StoreError> {
        let row = saved_views::ActiveModel {
            id: Set(id),
            shared_with_role: Set(role.as_ref().map(spell)),
            ..Default::default()
        }
        .update(*self.writer().await)
        .await?;
        saved(row)
    }

    /// Deletes the saved list `id`.
    pub async fn delete_view(&self, id: i64) -> Result<(), StoreError> {
        saved_views::Entity::delete_by_id(id)
            .exec(*self.writer().await)
            .await?;
        Ok(())
    }
}
