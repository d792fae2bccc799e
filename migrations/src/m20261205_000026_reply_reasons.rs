//! Why a reply by email was refused, in each language besides English (a JSON object by
//! language code): the answer goes to its sender in their language, and the facilitator
//! reads the quarantine in theirs. Rows refused before it have English alone.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{add_column, drop_column};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(add_column("inbound_mail", text_null("reason_translations")))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(drop_column("inbound_mail", "reason_translations"))
            .await
    }
}
