//! Identity (SECURITY.md, "Signing in"): what an API token may do; where each session was
//! opened, and whether it still owes a second factor; password-reset tokens; each person's
//! authenticator secret and recovery codes; each account's security history; and sign-ins
//! through an OpenID Connect provider under way.
//!
//! Every secret a person is handed (reset tokens, recovery codes) is kept as its SHA-256
//! alone. The authenticator secret cannot be: checking a code needs it, so it is kept as it
//! is and never exported or shown again after enrolment.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{add_column, drop_column, drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Tokens made before scopes could do everything their person could: they still may.
        manager
            .alter_table(add_column("api_tokens", string("scope").default("write")))
            .await?;
        for column in ["user_agent", "address", "pending"] {
            manager
                .alter_table(add_column("sessions", string_null(column)))
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("password_resets")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("token_hash"))
                    .col(big_integer("person_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(&mut fk(
                        "password_resets",
                        "person_id",
                        "people",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("password_resets", &["person_id"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("second_factors")
                    .col(big_integer("person_id").primary_key())
                    .col(string("secret"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("confirmed_at"))
                    // The last time step a code was accepted for: no code of that step or
                    // before is accepted again.
                    .col(big_integer_null("last_step"))
                    .foreign_key(&mut fk(
                        "second_factors",
                        "person_id",
                        "people",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("recovery_codes")
                    .col(big_pk_auto("id"))
                    .col(big_integer("person_id"))
                    .col(string("code_hash"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(&mut fk(
                        "recovery_codes",
                        "person_id",
                        "people",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("recovery_codes", &["person_id"]))
            .await?;
        // What happened to each account's sign-in, by whom: shown to the person and to the
        // facilitator, kept with the person's other records.
        manager
            .create_table(
                Table::create()
                    .table("account_events")
                    .col(big_pk_auto("id"))
                    .col(big_integer("person_id"))
                    .col(big_integer_null("actor_id"))
                    .col(string("kind"))
                    .col(text_null("detail"))
                    .col(string_null("address"))
                    .col(timestamp_with_time_zone("at"))
                    .foreign_key(&mut fk(
                        "account_events",
                        "person_id",
                        "people",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "account_events",
                        "actor_id",
                        "people",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("account_events", &["person_id", "at"]))
            .await?;
        // A sign-in through an OpenID Connect provider under way: what the callback must
        // match (the state, and the browser that started it, both by hash) and what it needs
        // (the nonce, the PKCE verifier, where to go after). Used once, within minutes.
        manager
            .create_table(
                Table::create()
                    .table("oidc_attempts")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("state_hash"))
                    .col(string("browser_hash"))
                    .col(string("provider"))
                    .col(string("nonce"))
                    .col(string("verifier"))
                    .col(text("next"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "oidc_attempts",
                "account_events",
                "recovery_codes",
                "second_factors",
                "password_resets",
            ],
        )
        .await?;
        for column in ["pending", "address", "user_agent"] {
            manager.alter_table(drop_column("sessions", column)).await?;
        }
        manager
            .alter_table(drop_column("api_tokens", "scope"))
            .await
    }
}
