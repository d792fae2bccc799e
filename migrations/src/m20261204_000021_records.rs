//! Records management (ARCHITECTURE.md, "Records"): each event's seals, which keep its text
//! apart from what its hash covers so that the text can be removed and the chain still
//! verify; when a case's text was removed under the retention rule; when a person was erased, and by whom.
//!
//! Events written before have no seals and keep their old hash until the store reseals their
//! chains, which it does as it migrates (`Store::reseal_chains`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{add_column, drop_column};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Kept by `down` (see there), so it may be here already.
        if !manager.has_column("case_events", "seals").await? {
            manager
                .alter_table(add_column("case_events", text_null("seals")))
                .await?;
        }
        // The events still to seal, which the store looks for each time it migrates: an
        // index of those alone is empty once they are sealed, so the look costs nothing.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX ix_case_events_unsealed ON case_events (case_id) \
                 WHERE seals IS NULL",
            )
            .await?;
        manager
            .alter_table(add_column(
                "cases",
                timestamp_with_time_zone_null("anonymised_at"),
            ))
            .await?;
        manager
            .alter_table(add_column(
                "people",
                timestamp_with_time_zone_null("erased_at"),
            ))
            .await?;
        manager
            .alter_table(add_column("people", big_integer_null("erased_by")))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX ix_case_events_unsealed")
            .await?;
        manager
            .alter_table(drop_column("people", "erased_by"))
            .await?;
        manager
            .alter_table(drop_column("people", "erased_at"))
            .await?;
        manager
            .alter_table(drop_column("cases", "anonymised_at"))
            .await
        // The seals stay: without them an event written since cannot be verified, and the
        // code before this release reads past a column it does not know.
    }
}
