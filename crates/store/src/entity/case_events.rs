//! One event of a case's hash-chained audit trail.

use sea_orm::entity::prelude::*;

/// A row of `case_events`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    pub seq: i32,
    pub kind: String,
    pub actor_id: Option<i64>,
    pub at: DateTimeUtc,
    pub from_state: Option<String>,
    pub to_state: String,
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
    /// The case record as it stood after this event (null for events recorded before it was
    /// kept).
    #[sea_orm(column_type = "Text", nullable)]
    pub case_after: Option<String>,
    /// The seals of the event's text (a JSON list), or none for an event hashed whole.
    #[sea_orm(column_type = "Text", nullable)]
    pub seals: Option<String>,
}

/// No relations are declared: the repository joins explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
