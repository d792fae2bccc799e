//! Replies by email (README, "Replying by email"): the reply address each person is given
//! for each case, every email the service receives, and which outbox email answers which.
//!
//! A reply address's token is the only thing that binds a received email to a case and a
//! person; it is random and kept as it is, because every later email to that person about
//! that case carries it again. A received email's raw bytes are kept only while it waits in
//! the quarantine for the facilitator, and removed once they release or discard it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{add_column, drop_column, drop_tables, fk, index, unique};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("reply_addresses")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("token"))
                    .col(big_integer("case_id"))
                    .col(big_integer("person_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        "reply_addresses",
                        "case_id",
                        "cases",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "reply_addresses",
                        "person_id",
                        "people",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique("reply_addresses", &["case_id", "person_id"]))
            .await?;
        // Every email received, whatever became of it. `outcome` is `recorded`, `refused`,
        // `ignored` (an automatic reply) or `bounce`; a refused one waits in the quarantine
        // (`raw` kept) until `settled` says `released` or `discarded`.
        manager
            .create_table(
                Table::create()
                    .table("inbound_mail")
                    .col(big_pk_auto("id"))
                    .col(timestamp_with_time_zone("received_at"))
                    .col(string("recipient"))
                    .col(big_integer_null("case_id"))
                    .col(big_integer_null("person_id"))
                    // The Message-ID it came with: the same email delivered twice (a mail
                    // server that did not hear our answer) is recorded once.
                    .col(string("message_id"))
                    .col(string("sender"))
                    .col(text("subject"))
                    .col(string("outcome"))
                    .col(text_null("reason"))
                    .col(big_integer("size_bytes"))
                    .col(blob_null("raw"))
                    .col(big_integer_null("message_row_id"))
                    // Who a recorded reply is for: `parties` or `panel`.
                    .col(string_null("visibility"))
                    .col(string_null("settled"))
                    .col(big_integer_null("settled_by"))
                    .col(timestamp_with_time_zone_null("settled_at"))
                    .foreign_key(&mut fk(
                        "inbound_mail",
                        "case_id",
                        "cases",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "inbound_mail",
                        "person_id",
                        "people",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique("inbound_mail", &["recipient", "message_id"]))
            .await?;
        manager
            .create_index(index("inbound_mail", &["outcome", "settled"]))
            .await?;
        // The acknowledgement or refusal an outbox email carries.
        manager
            .alter_table(add_column("outbox", big_integer_null("inbound_id")))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(drop_column("outbox", "inbound_id"))
            .await?;
        drop_tables(manager, &["inbound_mail", "reply_addresses"]).await
    }
}
