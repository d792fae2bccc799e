//! An email the service received, and what became of it.

use sea_orm::entity::prelude::*;

/// A row of `inbound_mail`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inbound_mail")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub received_at: DateTimeUtc,
    pub recipient: String,
    pub case_id: Option<i64>,
    pub person_id: Option<i64>,
    pub message_id: String,
    pub sender: String,
    #[sea_orm(column_type = "Text")]
    pub subject: String,
    pub outcome: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason_translations: Option<String>,
    pub size_bytes: i64,
    pub raw: Option<Vec<u8>>,
    pub message_row_id: Option<i64>,
    pub visibility: Option<String>,
    pub settled: Option<String>,
    pub settled_by: Option<i64>,
    pub settled_at: Option<DateTimeUtc>,
}

/// No relations are declared: the repository joins explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
