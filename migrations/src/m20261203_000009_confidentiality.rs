//! What each person may read, and what a hostile one can do.
//!
//! - A panel-only message or file belongs to the panel of the stage it was written in
//!   (`panel_scope`: `formal` or `appeal`), so that the appeal panel's deliberation stays its
//!   own. Files get the same choice as messages (`visibility`). Panel messages written
//!   before this change belong to the appeal panel when an appeal had been lodged by then.
//! - An organisation's name is unique as people read it (`name_key`: case, spacing and
//!   compatibility forms ignored), and email addresses are stored in Unicode NFC.
//! - A browser that has signed in to an account is remembered (`trusted_devices`), so that
//!   throttling a stranger's guesses never locks the owner out.
//! - The cases a person raised lately are counted by an index, to limit how often one
//!   person can make the service email a whole organisation.

use disputes_workflow::names::{email_key, organisation_key};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

use crate::support::{add_column, drop_column, drop_tables, fk, index, unique};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        manager
            .alter_table(add_column("messages", string_null("panel_scope")))
            .await?;
        db.execute_unprepared(
            "UPDATE messages SET panel_scope = CASE WHEN EXISTS (SELECT 1 FROM case_events e \
             WHERE e.case_id = messages.case_id AND e.kind = 'appeal' \
             AND e.at <= messages.created_at) THEN 'appeal' ELSE 'formal' END \
             WHERE visibility = 'panel'",
        )
        .await?;
        manager
            .alter_table(add_column(
                "attachments",
                string("visibility").default("parties"),
            ))
            .await?;
        manager
            .alter_table(add_column("attachments", string_null("panel_scope")))
            .await?;

        manager
            .alter_table(add_column("organisations", string("name_key").default("")))
            .await?;
        fill_keys(db).await?;
        manager
            .create_index(unique("organisations", &["name_key"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("trusted_devices")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("token_hash"))
                    .col(big_integer("person_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .foreign_key(&mut fk(
                        "trusted_devices",
                        "person_id",
                        "people",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("cases", &["raised_by", "opened_at"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_cases_raised_by_opened_at")
                    .table("cases")
                    .to_owned(),
            )
            .await?;
        drop_tables(manager, &["trusted_devices"]).await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ux_organisations_name_key")
                    .table("organisations")
                    .to_owned(),
            )
            .await?;
        for (table, column) in [
            ("organisations", "name_key"),
            ("attachments", "panel_scope"),
            ("attachments", "visibility"),
            ("messages", "panel_scope"),
        ] {
            manager.alter_table(drop_column(table, column)).await?;
        }
        Ok(())
    }
}

/// Gives every organisation its name key and every person their address in NFC. Two
/// organisations whose names were distinct only in case keep apart by the later one's id
/// (so the migration never fails on existing data; the facilitator can rename them), and an
/// address whose normal form another account already has is left as it was.
async fn fill_keys(db: &SchemaManagerConnection<'_>) -> Result<(), DbErr> {
    let mut seen = std::collections::HashSet::new();
    let rows = db
        .query_all(
            Query::select()
                .columns(["id", "name"])
                .from("organisations")
                .order_by("id", Order::Asc),
        )
        .await?;
    for row in rows {
        let id: i64 = row.try_get("", "id")?;
        let name: String = row.try_get("", "name")?;
        let mut key = organisation_key(&name);
        if !seen.insert(key.clone()) {
            key = format!("{key}#{id}");
        }
        db.execute(
            Query::update()
                .table("organisations")
                .value("name_key", key)
                .and_where(Expr::col("id").eq(id)),
        )
        .await?;
    }

    let rows = db
        .query_all(
            Query::select()
                .columns(["id", "email"])
                .from("people")
                .order_by("id", Order::Asc),
        )
        .await?;
    let emails: Vec<(i64, String)> = rows
        .iter()
        .map(|row| Ok((row.try_get("", "id")?, row.try_get("", "email")?)))
        .collect::<Result<_, DbErr>>()?;
    let taken: std::collections::HashSet<&str> = emails.iter().map(|(_, e)| e.as_str()).collect();
    for (id, email) in &emails {
        let key = email_key(email);
        if key != *email && !taken.contains(key.as_str()) {
            db.execute(
                Query::update()
                    .table("people")
                    .value("email", key)
                    .and_where(Expr::col("id").eq(*id)),
            )
            .await?;
        }
    }
    Ok(())
}
