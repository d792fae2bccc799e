//! A saved list: a named search of the case list.

use sea_orm::entity::prelude::*;

/// A row of `saved_views`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "saved_views")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub owner_id: i64,
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub query: String,
    pub shared_with_role: Option<String>,
    pub created_at: DateTimeUtc,
}

/// No relations are declared: the repository joins explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
