//! A file attached to a case.

use sea_orm::entity::prelude::*;

/// A row of `attachments`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attachments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    pub uploaded_by: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage: String,
    pub content: Option<Vec<u8>>,
    pub path: Option<String>,
    pub created_at: DateTimeUtc,
    pub shared_at: Option<DateTimeUtc>,
    pub visibility: String,
    pub panel_scope: Option<String>,
}

/// No relations are declared: the repository joins explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
