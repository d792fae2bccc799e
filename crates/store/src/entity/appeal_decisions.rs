//! An appeal panel's decision.

use sea_orm::entity::prelude::*;

/// A row of `appeal_decisions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appeal_decisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub case_id: i64,
    pub result: String,
    pub outcome: String,
    #[sea_orm(column_type = "Text")]
    pub reasons: String,
    pub decided_on: Date,
    pub decided_by: i64,
}

/// No relations are declared: the repository joins explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
