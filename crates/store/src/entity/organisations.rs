//! A signatory organisation.

use sea_orm::entity::prelude::*;

/// A row of `organisations`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub name: String,
    /// The name as it is compared for uniqueness.
    #[sea_orm(unique)]
    pub name_key: String,
    pub sector: String,
    pub grouping: String,
    pub signatory_since: Option<Date>,
    pub created_at: DateTimeUtc,
}

/// No relations are declared: the repository joins explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
