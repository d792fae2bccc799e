//! A formal panel's decision.

use sea_orm::entity::prelude::*;

/// A row of `decisions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "decisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub case_id: i64,
    pub outcome: String,
    #[sea_orm(column_type = "Text")]
    pub findings: String,
    pub decided_on: Date,
    pub decided_by: i64,
    pub accepted_by_raiser: bool,
    pub accepted_by_respondent: bool,
}

/// No relations are declared: the repository joins explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
