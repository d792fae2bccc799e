//! The case as it stood after each event, kept beside the event, so that whatever tells of an
//! event later (an email sent after an outage, say) tells how things stood then, not now.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Null for events recorded before this column existed.
        manager
            .alter_table(
                Table::alter()
                    .table("case_events")
                    .add_column(text_null("case_after"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("case_events")
                    .drop_column("case_after")
                    .to_owned(),
            )
            .await
    }
}
