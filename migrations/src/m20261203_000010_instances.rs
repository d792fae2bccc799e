//! Which server process holds which email, and whether it is alive.
//!
//! Every `disputes serve` process records itself in `instances` and beats a heartbeat there
//! every few seconds; a sweep's claim on an email names its process (`outbox.claimed_by`).
//! A claim whose process has stopped, or missed its heartbeat for `email.claim_stale_secs`,
//! is taken over at once, rather than waiting out the claim's lease: after a crash, the
//! emails of every acknowledged action go out within seconds, and a live process's claims
//! are never taken.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{add_column, drop_column, drop_tables, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("instances")
                    .col(string("id").primary_key())
                    .col(string("host"))
                    .col(timestamp_with_time_zone("started_at"))
                    .col(timestamp_with_time_zone("heartbeat_at"))
                    .col(timestamp_with_time_zone_null("stopped_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(add_column("outbox", string_null("claimed_by")))
            .await?;
        manager.create_index(index("outbox", &["claimed_by"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_outbox_claimed_by")
                    .table("outbox")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(drop_column("outbox", "claimed_by"))
            .await?;
        drop_tables(manager, &["instances"]).await
    }
}
