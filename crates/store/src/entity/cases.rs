//! A case: query columns, and the whole workflow record as JSON in `record`.

use sea_orm::entity::prelude::*;

/// A row of `cases`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub reference: String,
    pub year: i32,
    pub number: i32,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    pub raising_organisation_id: i64,
    pub respondent_organisation_id: i64,
    pub raised_by: i64,
    pub state: String,
    pub stage: String,
    pub furthest_stage: String,
    pub outcome: Option<String>,
    pub appeal_result: Option<String>,
    pub priority: String,
    pub version: i32,
    pub opened_at: DateTimeUtc,
    pub opened_on: Date,
    pub closed_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
    pub last_event_hash: String,
    /// When the retention rule removed the case's text, if it has.
    pub anonymised_at: Option<DateTimeUtc>,
}

/// No relations are declared: the repository joins explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
