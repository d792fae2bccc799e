//! When a panel-only message or file was shared with everyone on the case: the news of it
//! reaches the readers it now reaches, gathered from that moment, while its panel scope is
//! kept to tell who could read it before.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{add_column, drop_column};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["messages", "attachments"] {
            manager
                .alter_table(add_column(
                    table,
                    timestamp_with_time_zone_null("shared_at"),
                ))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["attachments", "messages"] {
            manager.alter_table(drop_column(table, "shared_at")).await?;
        }
        Ok(())
    }
}
