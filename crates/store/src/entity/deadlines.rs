//! A deadline of a case, with the dates its reminder and overdue notice are due.

use sea_orm::entity::prelude::*;

/// A row of `deadlines`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deadlines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    /// Its case's opening day, kept here for the annual report (migration 12).
    pub case_opened_on: Option<Date>,
    pub position: i32,
    pub kind: String,
    pub owed_by: String,
    pub started_on: Date,
    pub working_days: i32,
    pub due_on: Date,
    pub remind_on: Date,
    pub overdue_on: Date,
    pub status: String,
    pub settled_on: Option<Date>,
    pub calendar_version: String,
    pub estimated: bool,
    pub reminder_sent_for: Option<Date>,
    pub overdue_sent_for: Option<Date>,
}

/// No relations are declared: the repository joins explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
