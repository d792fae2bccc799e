//! Saved lists: a search a person named, to come back to from their home page; the
//! facilitator may share one with everyone holding a role.

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
                    .table("saved_views")
                    .col(big_pk_auto("id"))
                    .col(big_integer("owner_id"))
                    .col(string("name"))
                    .col(text("query"))
                    .col(string_null("shared_with_role"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("saved_views", "owner_id")
                            .to("people", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("saved_views", &["owner_id"]))
            .await?;
        manager
            .create_index(index("saved_views", &["shared_with_role"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["saved_views"]).await
    }
}
