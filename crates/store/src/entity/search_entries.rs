//! A piece of a case's text a search reads, with who may read it.

use sea_orm::entity::prelude::*;

/// A row of `search_entries`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    pub source: String,
    pub source_id: i64,
    pub visibility: String,
    pub panel_scope: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub body: String,
}

/// No relations are declared: the repository joins explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
