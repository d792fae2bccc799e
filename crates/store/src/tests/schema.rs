//! Migrations apply to an empty database, change nothing when applied again, and leave a
//! schema that matches the entities column for column.

use std::collections::BTreeMap;

use disputes_migration::{Migrator, MigratorTrait};
use sea_orm::{ColumnTrait, ColumnType, ConnectionTrait, DbBackend, EntityTrait, Iterable};

use super::{TestDb, on_both_databases};
use crate::entity::*;

/// What the database says of each column: (nullable, type family).
type Columns = BTreeMap<String, (bool, &'static str)>;

async fn database_columns(db: &TestDb, table: &str) -> Columns {
    let raw = db.raw();
    let backend = raw.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => format!(
            "SELECT column_name AS name, is_nullable = 'YES' AS nullable, data_type AS type \
             FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}'"
        ),
        _ => format!(
            "SELECT name, \"notnull\" = 0 AS nullable, type FROM pragma_table_info('{table}')"
        ),
    };
    let rows = raw
        .query_all_raw(sea_orm::Statement::from_string(backend, sql))
        .await
        .unwrap();
    rows.iter()
        .map(|row| {
            let name: String = row.try_get("", "name").unwrap();
            let nullable: bool = row.try_get("", "nullable").unwrap();
            let kind: String = row.try_get("", "type").unwrap();
            (name, (nullable, family_of_database_type(backend, &kind)))
        })
        .collect()
}

fn family_of_database_type(backend: DbBackend, kind: &str) -> &'static str {
    match kind.to_lowercase().as_str() {
        // SQLite integers are all 64-bit; an auto-increment key must be spelt `integer`.
        "integer" if backend == DbBackend::Sqlite => "bigint",
        "bigint" => "bigint",
        "integer" => "integer",
        "text" | "character varying" | "varchar" | "string" => "text",
        "date" | "date_text" => "date",
        "timestamp with time zone" | "timestamp_with_timezone_text" | "timestamptz" => "instant",
        "boolean" | "bool" => "boolean",
        "bytea" | "blob" => "bytes",
        "tsvector" => "words",
        other => panic!("unexpected database type {other}"),
    }
}

fn family_of_entity_type(backend: DbBackend, kind: &ColumnType) -> &'static str {
    match kind {
        ColumnType::BigInteger => "bigint",
        ColumnType::Integer if backend == DbBackend::Sqlite => "bigint",
        ColumnType::Integer => "integer",
        ColumnType::String(_) | ColumnType::Text => "text",
        ColumnType::Date => "date",
        ColumnType::TimestampWithTimeZone => "instant",
        ColumnType::Boolean => "boolean",
        ColumnType::VarBinary(_) | ColumnType::Binary(_) | ColumnType::Blob => "bytes",
        other => panic!("unexpected entity type {other:?}"),
    }
}

fn entity_columns<E: EntityTrait>(backend: DbBackend) -> (String, Columns) {
    let columns = E::Column::iter()
        .map(|column| {
            let def = column.def();
            (
                sea_orm::IdenStatic::as_str(&column).to_owned(),
                (
                    def.is_null(),
                    family_of_entity_type(backend, def.get_column_type()),
                ),
            )
        })
        .collect();
    (E::default().table_name().to_owned(), columns)
}

fn entities(backend: DbBackend) -> Vec<(String, Columns)> {
    vec![
        entity_columns::<organisations::Entity>(backend),
        entity_columns::<people::Entity>(backend),
        entity_columns::<person_roles::Entity>(backend),
        entity_columns::<sessions::Entity>(backend),
        entity_columns::<api_tokens::Entity>(backend),
        entity_columns::<password_resets::Entity>(backend),
        entity_columns::<account_events::Entity>(backend),
        entity_columns::<oidc_attempts::Entity>(backend),
        entity_columns::<second_factors::Entity>(backend),
        entity_columns::<recovery_codes::Entity>(backend),
        entity_columns::<reply_addresses::Entity>(backend),
        entity_columns::<inbound_mail::Entity>(backend),
        entity_columns::<case_counters::Entity>(backend),
        entity_columns::<cases::Entity>(backend),
        entity_columns::<case_principles::Entity>(backend),
        entity_columns::<case_events::Entity>(backend),
        entity_columns::<deadlines::Entity>(backend),
        entity_columns::<stage_spans::Entity>(backend),
        entity_columns::<panels::Entity>(backend),
        entity_columns::<panel_members::Entity>(backend),
        entity_columns::<decisions::Entity>(backend),
        entity_columns::<appeal_decisions::Entity>(backend),
        entity_columns::<recommendations::Entity>(backend),
        entity_columns::<messages::Entity>(backend),
        entity_columns::<attachments::Entity>(backend),
        entity_columns::<outbox::Entity>(backend),
        entity_columns::<idempotency_keys::Entity>(backend),
        entity_columns::<login_failures::Entity>(backend),
        entity_columns::<case_records::Entity>(backend),
        entity_columns::<trusted_devices::Entity>(backend),
        entity_columns::<instances::Entity>(backend),
        entity_columns::<calendar_feeds::Entity>(backend),
        entity_columns::<saved_views::Entity>(backend),
        entity_columns::<case_links::Entity>(backend),
        entity_columns::<search_entries::Entity>(backend),
        entity_columns::<webhooks::Entity>(backend),
    ]
}

async fn tables(db: &TestDb) -> Vec<String> {
    let raw = db.raw();
    let backend = raw.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT table_name AS name FROM information_schema.tables \
             WHERE table_schema = 'public' ORDER BY 1"
        }
        _ => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
              AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        }
    };
    raw.query_all_raw(sea_orm::Statement::from_string(backend, sql))
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get::<String>("", "name").unwrap())
        .collect()
}

on_both_databases! {
    async fn the_schema_matches_the_entities(db: TestDb) {
        let entities = entities(db.raw().get_database_backend());
        let mut expected: Vec<String> = entities.iter().map(|(t, _)| t.clone()).collect();
        expected.push("seaql_migrations".to_owned());
        if db.raw().get_database_backend() == DbBackend::Sqlite {
            // The full-text index and the tables SQLite keeps it in.
            for table in ["", "_config", "_data", "_docsize", "_idx"] {
                expected.push(format!("search_index{table}"));
            }
        }
        expected.sort();
        assert_eq!(tables(&db).await, expected);
        for (table, mut columns) in entities {
            if table == "search_entries" && db.raw().get_database_backend() == DbBackend::Postgres {
                // The words PostgreSQL's index holds, generated from the body: no entity
                // reads them.
                columns.insert("words".to_owned(), (true, "words"));
            }
            assert_eq!(database_columns(&db, &table).await, columns, "table {table}");
        }
    }

    async fn migrations_apply_once_and_then_change_nothing(db: TestDb) {
        assert_eq!(db.store.pending_migrations().await.unwrap(), 0);
        let before = tables(&db).await;
        let applied = Migrator::get_applied_migrations(db.raw()).await.unwrap().len();
        assert_eq!(applied, Migrator::migrations().len());
        // Again, on the migrated database.
        db.store.migrate().await.unwrap();
        assert_eq!(tables(&db).await, before);
        assert_eq!(Migrator::get_applied_migrations(db.raw()).await.unwrap().len(), applied);
        // Down and up again leaves the same schema.
        Migrator::down(db.raw(), None).await.unwrap();
        assert_eq!(tables(&db).await, ["seaql_migrations"]);
        assert_eq!(db.store.pending_migrations().await.unwrap(), Migrator::migrations().len());
        db.store.migrate().await.unwrap();
        assert_eq!(tables(&db).await, before);
    }

    async fn sqlite_runs_in_wal_mode_with_foreign_keys_and_full_sync(db: TestDb) {
        if db.raw().get_database_backend() != DbBackend::Sqlite {
            return;
        }
        assert_eq!(pragma::<String>(&db, "journal_mode").await, "wal");
        assert_eq!(pragma::<i32>(&db, "foreign_keys").await, 1);
        assert_eq!(pragma::<i32>(&db, "synchronous").await, 2, "FULL");
        assert_eq!(pragma::<i32>(&db, "busy_timeout").await, 5000);
    }
}

async fn pragma<T: sea_orm::TryGetable>(db: &TestDb, name: &str) -> T {
    db.raw()
        .query_one_raw(sea_orm::Statement::from_string(
            DbBackend::Sqlite,
            format!("PRAGMA {name}"),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index(0)
        .unwrap()
}

/// The SQLite compiled in (one library, under sqlx and the writer thread alike) plans a
/// statement once: with a bound LIMIT, as every `.one()` and every list has, SQLite would
/// otherwise read the bound value while planning and so plan the statement again at each
/// execution (`.cargo/config.toml` sets `SQLITE_ENABLE_QPSG`).
#[test]
fn sqlite_plans_each_statement_once() {
    use rusqlite::StatementStatus;
    use rusqlite::config::DbConfig;

    let db = rusqlite::Connection::open_in_memory().unwrap();
    assert!(db.db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG).unwrap());
    db.execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3);")
        .unwrap();
    let replans = |db: &rusqlite::Connection| {
        let mut limited = db.prepare("SELECT x FROM t ORDER BY x LIMIT ?1").unwrap();
        for limit in [1, 2, 3, 2] {
            let rows: Vec<i64> = limited
                .query_map([limit], |row| row.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(rows.len(), usize::try_from(limit).unwrap());
        }
        limited.get_status(StatementStatus::RePrepare)
    };
    assert_eq!(replans(&db), 0);
    // What the guarantee saves: without it, each new LIMIT plans the statement again.
    db.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, false)
        .unwrap();
    assert!(replans(&db) >= 3);
}
