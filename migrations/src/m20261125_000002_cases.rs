//! Cases, their hash-chained audit events, and the tables the queries read: deadlines,
//! stage spans, principles, panels, decisions and recommendations.
//!
//! The case row keeps the whole workflow record as JSON (`record`), which is what the
//! workflow decides on; the other tables are written from it in the same transaction, so the
//! scheduler, the lists and the reports can query them.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{drop_tables, fk, index, unique};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const RESTRICT: ForeignKeyAction = ForeignKeyAction::Restrict;
const CASCADE: ForeignKeyAction = ForeignKeyAction::Cascade;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One row a year: the last case number given, so references are gap-free per year.
        manager
            .create_table(
                Table::create()
                    .table("case_counters")
                    .col(integer("year").primary_key())
                    .col(integer("last_number"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("cases")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("reference"))
                    .col(integer("year"))
                    .col(integer("number"))
                    .col(text("title"))
                    .col(big_integer("raising_organisation_id"))
                    .col(big_integer("respondent_organisation_id"))
                    .col(big_integer("raised_by"))
                    .col(string("state"))
                    .col(string("stage"))
                    .col(string("furthest_stage"))
                    .col(string_null("outcome"))
                    .col(string_null("appeal_result"))
                    .col(string("priority"))
                    .col(integer("version"))
                    .col(timestamp_with_time_zone("opened_at"))
                    .col(date("opened_on"))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(string("last_event_hash"))
                    .col(text("record"))
                    .foreign_key(&mut fk(
                        "cases",
                        "raising_organisation_id",
                        "organisations",
                        RESTRICT,
                    ))
                    .foreign_key(&mut fk(
                        "cases",
                        "respondent_organisation_id",
                        "organisations",
                        RESTRICT,
                    ))
                    .foreign_key(&mut fk("cases", "raised_by", "people", RESTRICT))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique("cases", &["year", "number"]))
            .await?;
        manager
            .create_index(index("cases", &["raising_organisation_id", "state"]))
            .await?;
        manager
            .create_index(index("cases", &["respondent_organisation_id", "state"]))
            .await?;
        manager
            .create_index(index("cases", &["stage", "state"]))
            .await?;
        manager.create_index(index("cases", &["opened_on"])).await?;

        manager
            .create_table(
                Table::create()
                    .table("case_principles")
                    .col(big_integer("case_id"))
                    .col(string("principle"))
                    .primary_key(Index::create().col("case_id").col("principle"))
                    .foreign_key(&mut fk("case_principles", "case_id", "cases", CASCADE))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("case_principles", &["principle"]))
            .await?;

        // Append-only. Each event carries the hash of its predecessor and its own hash over
        // the case id, its number, the predecessor's hash and its payload, so editing or
        // removing an event breaks the chain.
        manager
            .create_table(
                Table::create()
                    .table("case_events")
                    .col(big_pk_auto("id"))
                    .col(big_integer("case_id"))
                    .col(integer("seq"))
                    .col(string("kind"))
                    .col(big_integer_null("actor_id"))
                    .col(timestamp_with_time_zone("at"))
                    .col(string_null("from_state"))
                    .col(string("to_state"))
                    .col(text("payload"))
                    .col(string("prev_hash"))
                    .col(string("hash"))
                    .foreign_key(&mut fk("case_events", "case_id", "cases", RESTRICT))
                    .foreign_key(&mut fk("case_events", "actor_id", "people", RESTRICT))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique("case_events", &["case_id", "seq"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("deadlines")
                    .col(big_pk_auto("id"))
                    .col(big_integer("case_id"))
                    .col(integer("position"))
                    .col(string("kind"))
                    .col(string("owed_by"))
                    .col(date("started_on"))
                    .col(integer("working_days"))
                    .col(date("due_on"))
                    .col(date("remind_on"))
                    .col(date("overdue_on"))
                    .col(string("status"))
                    .col(date_null("settled_on"))
                    .col(string("calendar_version"))
                    .col(boolean("estimated"))
                    .col(date_null("reminder_sent_for"))
                    .col(date_null("overdue_sent_for"))
                    .foreign_key(&mut fk("deadlines", "case_id", "cases", CASCADE))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique("deadlines", &["case_id", "position"]))
            .await?;
        manager
            .create_index(index("deadlines", &["status", "due_on"]))
            .await?;
        manager
            .create_index(index("deadlines", &["status", "remind_on"]))
            .await?;
        manager
            .create_index(index("deadlines", &["status", "overdue_on"]))
            .await?;

        // When each case entered and left each stage, for the time-per-stage reports.
        manager
            .create_table(
                Table::create()
                    .table("stage_spans")
                    .col(big_pk_auto("id"))
                    .col(big_integer("case_id"))
                    .col(integer("position"))
                    .col(string("stage"))
                    .col(date("entered_on"))
                    .col(date_null("left_on"))
                    .foreign_key(&mut fk("stage_spans", "case_id", "cases", CASCADE))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique("stage_spans", &["case_id", "position"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("panels")
                    .col(big_pk_auto("id"))
                    .col(big_integer("case_id"))
                    .col(string("kind"))
                    .col(big_integer("chair_id"))
                    .col(date("convened_on"))
                    .foreign_key(&mut fk("panels", "case_id", "cases", CASCADE))
                    .foreign_key(&mut fk("panels", "chair_id", "people", RESTRICT))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique("panels", &["case_id", "kind"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("panel_members")
                    .col(big_integer("panel_id"))
                    .col(big_integer("person_id"))
                    .col(big_integer("organisation_id"))
                    .col(string("sector"))
                    .primary_key(Index::create().col("panel_id").col("person_id"))
                    .foreign_key(&mut fk("panel_members", "panel_id", "panels", CASCADE))
                    .foreign_key(&mut fk("panel_members", "person_id", "people", RESTRICT))
                    .foreign_key(&mut fk(
                        "panel_members",
                        "organisation_id",
                        "organisations",
                        RESTRICT,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("panel_members", &["person_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("decisions")
                    .col(big_integer("case_id").primary_key())
                    .col(string("outcome"))
                    .col(text("findings"))
                    .col(date("decided_on"))
                    .col(big_integer("decided_by"))
                    .col(boolean("accepted_by_raiser"))
                    .col(boolean("accepted_by_respondent"))
                    .foreign_key(&mut fk("decisions", "case_id", "cases", CASCADE))
                    .foreign_key(&mut fk("decisions", "decided_by", "people", RESTRICT))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("appeal_decisions")
                    .col(big_integer("case_id").primary_key())
                    .col(string("result"))
                    .col(string("outcome"))
                    .col(text("reasons"))
                    .col(date("decided_on"))
                    .col(big_integer("decided_by"))
                    .foreign_key(&mut fk("appeal_decisions", "case_id", "cases", CASCADE))
                    .foreign_key(&mut fk(
                        "appeal_decisions",
                        "decided_by",
                        "people",
                        RESTRICT,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("recommendations")
                    .col(big_pk_auto("id"))
                    .col(big_integer("case_id"))
                    .col(integer("position"))
                    .col(text("text"))
                    .col(big_integer("owner_organisation_id"))
                    .col(date("due_on"))
                    .col(string("status"))
                    .col(date_null("marked_on"))
                    .foreign_key(&mut fk("recommendations", "case_id", "cases", CASCADE))
                    .foreign_key(&mut fk(
                        "recommendations",
                        "owner_organisation_id",
                        "organisations",
                        RESTRICT,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique("recommendations", &["case_id", "position"]))
            .await?;
        manager
            .create_index(index("recommendations", &["status", "due_on"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "recommendations",
                "appeal_decisions",
                "decisions",
                "panel_members",
                "panels",
                "stage_spans",
                "deadlines",
                "case_events",
                "case_principles",
                "cases",
                "case_counters",
            ],
        )
        .await
    }
}
