//! Organisations, people and their roles, and how people sign in.

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
                    .table("organisations")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("name"))
                    .col(string("sector"))
                    .col(string("grouping"))
                    .col(date_null("signatory_since"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("people")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("email"))
                    .col(string("name"))
                    .col(big_integer("organisation_id"))
                    .col(string("password_hash"))
                    .col(boolean("active"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        "people",
                        "organisation_id",
                        "organisations",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("people", &["organisation_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("person_roles")
                    .col(big_integer("person_id"))
                    .col(string("role"))
                    .primary_key(Index::create().col("person_id").col("role"))
                    .foreign_key(&mut fk(
                        "person_roles",
                        "person_id",
                        "people",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("person_roles", &["role"]))
            .await?;

        // Session and API tokens are stored as SHA-256 hashes: a stolen database copy holds
        // no usable credential.
        for table in ["sessions", "api_tokens"] {
            let mut create = Table::create();
            create
                .table(table)
                .col(big_pk_auto("id"))
                .col(string_uniq("token_hash"))
                .col(big_integer("person_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("expires_at"))
                .col(timestamp_with_time_zone_null("last_used_at"))
                .foreign_key(&mut fk(
                    table,
                    "person_id",
                    "people",
                    ForeignKeyAction::Cascade,
                ));
            if table == "api_tokens" {
                create
                    .col(string("name"))
                    .col(timestamp_with_time_zone_null("revoked_at"));
            }
            manager.create_table(create.to_owned()).await?;
            manager.create_index(index(table, &["person_id"])).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "api_tokens",
                "sessions",
                "person_roles",
                "people",
                "organisations",
            ],
        )
        .await
    }
}
