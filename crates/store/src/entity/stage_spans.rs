//! When a case entered and left a stage.

use sea_orm::entity::prelude::*;

/// A row of `stage_spans`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stage_spans")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    /// Its case's opening day, kept here for the annual report (migration 12).
    pub case_opened_on: Option<Date>,
    pub position: i32,
    pub stage: String,
    pub entered_on: Date,
    pub left_on: Option<Date>,
}

/// No relations are declared: the repository joins explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
