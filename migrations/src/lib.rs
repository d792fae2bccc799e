//! The database schema of `disputes`, as sea-orm migrations: one file per change, each with
//! its `down`, applied in order by [`Migrator`]. The same migrations serve SQLite and
//! PostgreSQL.
//!
//! Column types are chosen to mean the same on both: ids are 64-bit integers, instants are
//! timestamps with time zone, civil dates are dates, and any JSON whose bytes matter (the
//! audit events, which are hashed) is stored as text, because PostgreSQL's `jsonb` would
//! reorder it.

// `MigrationTrait`'s async-trait signatures take `&SchemaManager` with its lifetime elided;
// an implementation must match them exactly.
#![allow(elided_lifetimes_in_paths)]

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_directory;
mod m20261125_000002_cases;
mod m20261125_000003_correspondence;
mod m20261125_000004_outbox;
mod m20261125_000005_login_failures;
mod m20261125_000006_case_after_event;
mod m20261125_000007_case_records;
mod m20261125_000008_reading_indexes;
mod m20261203_000009_confidentiality;
mod m20261203_000010_instances;
mod m20261203_000011_idempotent_writes;
mod m20261203_000012_report_by_opening_day;
mod m20261203_000013_outbox_request;
mod m20261203_000014_expect_rows;
mod m20261204_000015_calendar_feeds;
mod m20261204_000016_saved_views;
mod m20261204_000017_case_links;
mod m20261204_000018_withdraw_overturned;
mod m20261204_000019_search;
mod m20261204_000020_webhooks;
mod m20261204_000021_records;
mod m20261204_000022_identity;
mod m20261204_000023_replies;
mod m20261205_000024_shared_at;
mod m20261205_000025_language;
mod m20261205_000026_reply_reasons;
mod support;

/// Applies the schema's migrations in order.
#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_directory::Migration),
            Box::new(m20261125_000002_cases::Migration),
            Box::new(m20261125_000003_correspondence::Migration),
            Box::new(m20261125_000004_outbox::Migration),
            Box::new(m20261125_000005_login_failures::Migration),
            Box::new(m20261125_000006_case_after_event::Migration),
            Box::new(m20261125_000007_case_records::Migration),
            Box::new(m20261125_000008_reading_indexes::Migration),
            Box::new(m20261203_000009_confidentiality::Migration),
            Box::new(m20261203_000010_instances::Migration),
            Box::new(m20261203_000011_idempotent_writes::Migration),
            Box::new(m20261203_000012_report_by_opening_day::Migration),
            Box::new(m20261203_000013_outbox_request::Migration),
            Box::new(m20261203_000014_expect_rows::Migration),
            Box::new(m20261204_000015_calendar_feeds::Migration),
            Box::new(m20261204_000016_saved_views::Migration),
            Box::new(m20261204_000017_case_links::Migration),
            Box::new(m20261204_000018_withdraw_overturned::Migration),
            Box::new(m20261204_000019_search::Migration),
            Box::new(m20261204_000020_webhooks::Migration),
            Box::new(m20261204_000021_records::Migration),
            Box::new(m20261204_000022_identity::Migration),
            Box::new(m20261204_000023_replies::Migration),
            Box::new(m20261205_000024_shared_at::Migration),
            Box::new(m20261205_000025_language::Migration),
            Box::new(m20261205_000026_reply_reasons::Migration),
        ]
    }
}
