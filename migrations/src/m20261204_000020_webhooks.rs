//! Webhooks: endpoints the facilitator registers, to which every case event is delivered as
//! a signed JSON POST through the outbox, with the same claims, retries and resends as
//! email. A delivery is an outbox row naming its endpoint (`outbox.webhook_id`); an email
//! names none.
//!
//! An endpoint's signing secret is kept as it was given, because each delivery is signed
//! with it (Standard Webhooks: HMAC-SHA256); the endpoint's owner holds the same secret.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{add_column, drop_column, drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("webhooks")
                    .col(big_pk_auto("id"))
                    .col(text("url"))
                    .col(text("description"))
                    .col(string("secret"))
                    .col(big_integer("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        "webhooks",
                        "created_by",
                        "people",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(add_column("outbox", big_integer_null("webhook_id")))
            .await?;
        // An endpoint's deliveries, newest first, for the admin pages.
        manager
            .create_index(index("outbox", &["webhook_id", "id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_outbox_webhook_id_id")
                    .table("outbox")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(drop_column("outbox", "webhook_id"))
            .await?;
        drop_tables(manager, &["webhooks"]).await
    }
}
