//! A recommendation of a decision, and what became of it.

use sea_orm::entity::prelude::*;

/// A row of `recommendations`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "recommendations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    /// Its case's opening day, kept here for the annual report (migration 12).
    pub case_opened_on: Option<Date>,
    pub position: i32,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub owner_organisation_id: i64,
    pub due_on: Date,
    pub status: String,
    pub marked_on: Option<Date>,
}

/// No relations are declared: the repository joins explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
