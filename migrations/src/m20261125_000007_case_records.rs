//! The case record (the workflow's whole case, as JSON) moves to a table of its own.
//!
//! Lists, reports and the scheduler query the case row's small columns across many cases;
//! with a record of a few kilobytes in the same row, SQLite had to read every record to
//! scan them. A record is only ever read one case at a time, by its id.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{add_column, drop_column, drop_tables, fk};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("case_records")
                    .col(big_integer("case_id").primary_key())
                    .col(text("record"))
                    .foreign_key(&mut fk(
                        "case_records",
                        "case_id",
                        "cases",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO case_records (case_id, record) SELECT id, record FROM cases",
        )
        .await?;
        manager.alter_table(drop_column("cases", "record")).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(add_column("cases", text("record").default("")))
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE cases SET record = (SELECT record FROM case_records WHERE case_records.case_id = cases.id)",
            )
            .await?;
        drop_tables(manager, &["case_records"]).await
    }
}
