//! The annual report reads a year's rows without joining the cases.
//!
//! The report counts principles, ended deadlines, recommendations and stage stays of the
//! cases raised in a period. Joined to the cases by their id, PostgreSQL hashed whole tables
//! (every deadline and stay of ten years) to find one year's. Each of these rows now keeps
//! its case's opening day (`case_opened_on`, which never changes once a case is raised),
//! with an index that leads with it and holds what the report counts, so that a year's rows
//! are one range of one index. Migration 8's indexes for the join are dropped.
//!
//! A case list reads each listed case's earliest running deadline with the case: an index
//! on `(case_id, status, due_on, position)` gives it as the first entry of one range (with
//! only `(case_id, status, kind)`, SQLite preferred to walk every running deadline in order
//! of due day).

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

/// Each new index: its table and columns.
const INDEXES: [(&str, &[&str]); 5] = [
    ("case_principles", &["case_opened_on", "principle"]),
    ("deadlines", &["case_opened_on", "status", "kind"]),
    ("recommendations", &["case_opened_on", "status"]),
    (
        "stage_spans",
        &["case_opened_on", "left_on", "stage", "entered_on"],
    ),
    ("deadlines", &["case_id", "status", "due_on", "position"]),
];

/// The indexes of migration 8 nothing uses now: name, table, columns.
const REPLACED: [(&str, &str, &[&str]); 2] = [
    (
        "ix_deadlines_reporting",
        "deadlines",
        &["case_id", "status", "kind"],
    ),
    (
        "ix_stage_spans_reporting",
        "stage_spans",
        &["case_id", "left_on", "stage", "entered_on"],
    ),
];

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
            manager.create_index(index(table, columns)).await?;
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
            let name = format!("ix_{table}_{}", columns.join("_"));
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
