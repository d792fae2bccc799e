//! An idempotency key completed in the same transaction as the write it guards.
//!
//! A key claimed by a request that then met a crash stayed "in flight" for a day: nobody
//! could tell whether its write had happened. Now a case write records, in its own
//! transaction, what it did to the key (`outcome`: the case and version, or the message or
//! file it added), and the key says it was claimed for such a write (`atomic`). A retry
//! then finds the write's answer if it happened; and a claim left in flight by a process
//! that has died (`instance`), or past any request's lifetime, means the write never
//! happened, so the retry acts.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{add_column, drop_column};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(add_column("idempotency_keys", text_null("outcome")))
            .await?;
        manager
            .alter_table(add_column(
                "idempotency_keys",
                boolean("atomic").default(false),
            ))
            .await?;
        manager
            .alter_table(add_column("idempotency_keys", string_null("instance")))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["instance", "atomic", "outcome"] {
            manager
                .alter_table(drop_column("idempotency_keys", column))
                .await?;
        }
        Ok(())
    }
}
