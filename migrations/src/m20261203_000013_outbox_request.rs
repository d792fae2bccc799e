//! Each queued email names the request that queued it (`outbox.request_id`, the request's
//! `X-Request-Id`), so that an operator following a request in the logs or in traces finds
//! the emails it caused, sent later by a sweep. Deadline reminders, which no request
//! queues, have none.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{add_column, drop_column};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(add_column("outbox", string_null("request_id")))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(drop_column("outbox", "request_id"))
            .await
    }
}
