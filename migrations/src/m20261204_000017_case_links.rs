//! Links between cases: the dozen disagreements one budget decision caused, or cases
//! that bear on each other. Each link is kept in both directions, so that either case
//! finds the other by its own id.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{drop_tables, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("case_links")
                    .col(big_integer("case_id"))
                    .col(big_integer("linked_case_id"))
                    .col(string("kind"))
                    .col(big_integer("linked_by"))
                    .col(timestamp_with_time_zone("linked_at"))
                    .primary_key(Index::create().col("case_id").col("linked_case_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("case_links", "case_id")
                            .to("cases", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("case_links", "linked_case_id")
                            .to("cases", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("case_links", &["linked_case_id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["case_links"]).await
    }
}
