//! The language each person reads the service in (`en` or `cy`): their pages and every email
//! to them follow it. Everyone starts in English, as the service spoke before.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{add_column, drop_column};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(add_column("people", text("language").default("en")))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(drop_column("people", "language")).await
    }
}
