//! The case as it stood after each event, kept beside the event, so that whatever tells of an
//! event later (an email sent after an outage, say) tells how things stood then, not now.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{add_column, drop_column};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Null for events recorded before this column existed.
        manager
            .alter_table(add_column("case_events", text_null("case_after")))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(drop_column("case_events", "case_after"))
            .await
    }
}
