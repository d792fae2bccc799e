//! An email or a webhook delivery waiting to be sent, sent, or given up on.

use sea_orm::entity::prelude::*;

/// A row of `outbox`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub message_key: String,
    pub case_id: Option<i64>,
    pub event_seq: Option<i32>,
    pub deadline_id: Option<i64>,
    pub kind: String,
    pub recipient_id: Option<i64>,
    pub recipient_email: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub locked_until: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    pub claimed_by: Option<String>,
    pub request_id: Option<String>,
    pub webhook_id: Option<i64>,
    pub inbound_id: Option<i64>,
}

/// No relations are declared: the repository joins explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
