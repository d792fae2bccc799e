//! The annual report reads a year's rows without joining the cases.
//!
//! The report counts principles, ended deadlines, recommendations and stage stays of the
//! cases raised in a period. Joined to the cases by their id, PostgreSQL hashed whole tables
//! (every deadline and stay of ten years) to find one year's. Each of these rows now keeps
//! its case's opening day (`case_opened_on`, which never changes once a case is raised),
//! with an index that leads with it and holds what the report counts, so that a year's rows
//! are one range of one index. The stage stays' index for the join is dropped (their
//! lookups by case go through the unique `(case_id, position)`); the deadlines' stays, for
//! the case list's running deadlines of a page of cases.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

use crate::support::index;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

/// The tables that keep their case's opening day.
const TABLES: [&str; 4] = [
    "case_principles",
    "deadlines",
    "recommendations",
    "stage_spans",
];

/// Each new index: its table, its columns after the opening day.
const INDEXES: [(&str, &[&str]); 4] = [
    ("case_principles", &["principle"]),
    ("deadlines", &["status", "kind"]),
    ("recommendations", &["status"]),
    ("stage_spans", &["left_on", "stage", "entered_on"]),
];

/// The index of migration 8 nothing uses now: name, table, columns.
const REPLACED: [(&str, &str, &[&str]); 1] = [(
    "ix_stage_spans_reporting",
    "stage_spans",
    &["case_id", "left_on", "stage", "entered_on"],
)];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for table in TABLES {
            // Null only until filled below; every write fills it from then on.
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(date_null("case_opened_on"))
                        .to_owned(),
                )
                .await?;
            db.execute_unprepared(&format!(
                "UPDATE {table} SET case_opened_on = \
                 (SELECT opened_on FROM cases WHERE cases.id = {table}.case_id)"
            ))
            .await?;
        }
        for (table, columns) in INDEXES {
            manager.create_index(by_opening_day(table, columns)).await?;
        }
        for (name, table, _) in REPLACED {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in REPLACED {
            let mut replaced = index(table, columns);
            replaced.name(name);
            manager.create_index(replaced).await?;
        }
        for (table, columns) in INDEXES {
            // Named as `index` names it.
            let name = format!("ix_{table}_case_opened_on_{}", columns.join("_"));
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        for table in TABLES {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column("case_opened_on")
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

/// The index of `table` on its case's opening day, then `columns`.
fn by_opening_day(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut all = vec!["case_opened_on"];
    all.extend_from_slice(columns);
    index(table, &all)
}
