//! A person with an account.

use sea_orm::entity::prelude::*;

/// A row of `people`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub organisation_id: i64,
    pub password_hash: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
    /// When the person was erased, if they were.
    pub erased_at: Option<DateTimeUtc>,
    /// The facilitator who erased them.
    pub erased_by: Option<i64>,
    /// The language they read the service in: `en` or `cy`.
    pub language: String,
}

/// No relations are declared: the repository joins explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
