//! A server process, and when it last showed it was alive.

use sea_orm::entity::prelude::*;

/// A row of `instances`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "instances")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub host: String,
    pub started_at: DateTimeUtc,
    pub heartbeat_at: DateTimeUtc,
    pub stopped_at: Option<DateTimeUtc>,
}

/// No relations are declared: the repository joins explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
