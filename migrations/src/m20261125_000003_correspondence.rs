//! Messages and attachments on a case.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("messages")
                    .col(big_pk_auto("id"))
                    .col(big_integer("case_id"))
                    .col(big_integer("author_id"))
                    .col(string("visibility"))
                    .col(text("body"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        "messages",
                        "case_id",
                        "cases",
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "messages",
                        "author_id",
                        "people",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("messages", &["case_id", "created_at"]))
            .await?;

        // The content is kept either in the row or in a configured folder (then `path`
        // names the file); its SHA-256 lets a download be checked.
        manager
            .create_table(
                Table::create()
                    .table("attachments")
                    .col(big_pk_auto("id"))
                    .col(big_integer("case_id"))
                    .col(big_integer("uploaded_by"))
                    .col(string("file_name"))
                    .col(string("content_type"))
                    .col(big_integer("size_bytes"))
                    .col(string("sha256"))
                    .col(string("storage"))
                    .col(blob_null("content"))
                    .col(string_null("path"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        "attachments",
                        "case_id",
                        "cases",
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "attachments",
                        "uploaded_by",
                        "people",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("attachments", &["case_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["attachments", "messages"]).await
    }
}
