//! The email outbox, written in the same transaction as the action it reports, and the
//! idempotency keys that make retried requests safe.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One row per email. `message_key` is unique and stable, so the dispatcher can give
        // every attempt the same Message-ID and a receiver can drop repeats. `locked_until`
        // is a lease: SQLite has no `FOR UPDATE SKIP LOCKED`.
        manager
            .create_table(
                Table::create()
                    .table("outbox")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("message_key"))
                    .col(big_integer_null("case_id"))
                    .col(integer_null("event_seq"))
                    .col(big_integer_null("deadline_id"))
                    .col(string("kind"))
                    .col(big_integer_null("recipient_id"))
                    .col(string("recipient_email"))
                    .col(string("status"))
                    .col(integer("attempts"))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .col(text_null("last_error"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .foreign_key(&mut fk(
                        "outbox",
                        "case_id",
                        "cases",
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "outbox",
                        "deadline_id",
                        "deadlines",
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        "outbox",
                        "recipient_id",
                        "people",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("outbox", &["status", "next_attempt_at"]))
            .await?;
        manager.create_index(index("outbox", &["case_id"])).await?;

        // The first response to a write, kept so a retry with the same key and body gets it
        // again instead of acting twice.
        manager
            .create_table(
                Table::create()
                    .table("idempotency_keys")
                    .col(big_integer("person_id"))
                    .col(string("key"))
                    .col(string("request_hash"))
                    .col(integer("status_code"))
                    .col(text("response_body"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("person_id").col("key"))
                    .foreign_key(&mut fk(
                        "idempotency_keys",
                        "person_id",
                        "people",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idempotency_keys", &["created_at"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["idempotency_keys", "outbox"]).await
    }
}
