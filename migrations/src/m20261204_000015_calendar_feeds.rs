//! A person's calendar feed: the secret address their calendar program reads their
//! deadlines from. Only the secret's SHA-256 is kept, one feed a person; replacing it
//! replaces the row, so the old address stops working at once.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::drop_tables;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("calendar_feeds")
                    .col(big_integer("person_id").primary_key())
                    .col(string("token_hash").unique_key())
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("calendar_feeds", "person_id")
                            .to("people", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["calendar_feeds"]).await
    }
}
