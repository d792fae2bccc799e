//! Indexes that let the reports and a person's case list read indexes alone.
//!
//! The annual report counts a year's cases by outcome, stage, appeal and each side's
//! organisation: one index on the opening date holding those columns answers every count
//! without reading a case row. A member's list is the newest cases their organisation
//! raised or answers: an index per side on (organisation, opening time, id) gives the newest
//! first, in the list's own order, without sorting any of them. The report's deadline and stage counts read their
//! own tables through indexes that hold what they count.

use sea_orm_migration::prelude::*;

use crate::support::index;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

/// Each index: its name, its table, its columns.
const INDEXES: &[(&str, &str, &[&str])] = &[
    (
        "ix_cases_reporting",
        "cases",
        &[
            "opened_on",
            "outcome",
            "furthest_stage",
            "appeal_result",
            "raising_organisation_id",
            "respondent_organisation_id",
        ],
    ),
    (
        "ix_cases_raising_newest",
        "cases",
        &["raising_organisation_id", "opened_at", "id"],
    ),
    (
        "ix_cases_respondent_newest",
        "cases",
        &["respondent_organisation_id", "opened_at", "id"],
    ),
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
        for (name, table, columns) in INDEXES {
            let mut index = index(table, columns);
            index.name(*name);
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(*name).table(*table).to_owned())
                .await?;
        }
        Ok(())
    }
}
