//! On PostgreSQL, `disputes_expect_rows(changed, expected)`: answers `changed`, or raises
//! SQLSTATE `DS001` when it is not `expected`. A write sent as one statement (an action on a
//! case: its version-checked update and every row it adds, as one data-modifying `WITH`)
//! checks its guard with it, so that a case another action moved on stops the whole
//! statement before its other parts run. SQLite's writes run a statement at a time and need
//! no such function.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const CREATE: &str = r"
CREATE FUNCTION disputes_expect_rows(changed bigint, expected bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
    IF changed <> expected THEN
        RAISE EXCEPTION 'another write came first: expected % changed rows, found %', expected, changed
            USING ERRCODE = 'DS001';
    END IF;
    RETURN changed;
END
$$";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        manager.get_connection().execute_unprepared(CREATE).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared("DROP FUNCTION IF EXISTS disputes_expect_rows(bigint, bigint)")
            .await?;
        Ok(())
    }
}
