//! Full-text search over what a case holds: its own text (reference, title, summary, desired
//! outcome),
//! its messages and its files' names. Each piece is a row of `search_entries` carrying the
//! visibility of what it came from, so that a search reads only what its viewer may read.
//!
//! The index is each database's own, kept by the database in the writing transaction. On
//! PostgreSQL each row carries its words (`words`, a generated `tsvector`) under a GIN
//! index. On SQLite an FTS5 table holds one document for each case and audience (its
//! parties, its formal panel, its appeal panel), numbered `case_id * 4 + audience` (0, 1
//! and 2), rebuilt by triggers as rows come and go: a search then finds the cases from the
//! index alone, without reading a row for each piece of text that matched. Both split text
//! into words at anything but letters and digits, without stemming (the texts are English
//! and Welsh); SQLite also folds accents.
//!
//! Cases, messages and files written before are indexed here, the cases' text read from
//! their records with the workflow's own [`Case::searchable_text`].

use disputes_workflow::Case;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::support::{drop_tables, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

/// The document of the case and audience of a row of `search_entries` (`new` or `old`).
fn document(row: &str) -> String {
    format!(
        "{row}.case_id * 4 + CASE WHEN {row}.visibility = 'parties' THEN 0 \
         WHEN {row}.panel_scope = 'formal' THEN 1 ELSE 2 END"
    )
}

/// Rebuilds the SQLite document of the case and audience of `row` from its rows.
fn rebuild(row: &str) -> String {
    let document = document(row);
    format!(
        "DELETE FROM search_index WHERE rowid = {document}; \
         INSERT INTO search_index (rowid, body) \
         SELECT {document}, group_concat(body, char(10)) FROM search_entries \
         WHERE case_id = {row}.case_id AND visibility = {row}.visibility \
         AND panel_scope IS {row}.panel_scope HAVING count(*) > 0;"
    )
}

/// The SQLite index and the triggers that keep it.
fn sqlite_index() -> Vec<String> {
    let (new, old) = (rebuild("new"), rebuild("old"));
    vec![
        "CREATE VIRTUAL TABLE search_index USING fts5(body, content='', contentless_delete=1, \
         tokenize='unicode61 remove_diacritics 2')"
            .to_owned(),
        format!(
            "CREATE TRIGGER search_entries_added AFTER INSERT ON search_entries BEGIN {new} END"
        ),
        format!(
            "CREATE TRIGGER search_entries_removed AFTER DELETE ON search_entries BEGIN {old} END"
        ),
        format!(
            "CREATE TRIGGER search_entries_changed AFTER UPDATE ON search_entries BEGIN {old} {new} END"
        ),
    ]
}

/// The PostgreSQL words of each row, and their index.
const POSTGRES_INDEX: [&str; 2] = [
    "ALTER TABLE search_entries ADD COLUMN words tsvector GENERATED ALWAYS AS \
     (to_tsvector('simple', regexp_replace(body, '[[:punct:]]', ' ', 'g'))) STORED",
    "CREATE INDEX ix_search_entries_words ON search_entries USING gin (words)",
];

fn corrupt(error: impl std::fmt::Display) -> DbErr {
    DbErr::Custom(format!("a case record cannot be read: {error}"))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("search_entries")
                    .col(big_pk_auto("id"))
                    .col(big_integer("case_id"))
                    .col(string("source"))
                    .col(big_integer("source_id"))
                    .col(string("visibility"))
                    .col(string_null("panel_scope"))
                    .col(text("body"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("search_entries", "case_id")
                            .to("cases", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("search_entries", &["case_id"]))
            .await?;
        // Every case, newest first: the order of the lists of those who see every case,
        // read from its start and stopped when a page (or a search's page) is full.
        manager
            .create_index(index("cases", &["opened_at", "id"]))
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                for statement in POSTGRES_INDEX {
                    db.execute_unprepared(statement).await?;
                }
            }
            _ => {
                for statement in sqlite_index() {
                    db.execute_unprepared(&statement).await?;
                }
            }
        }

        let backend = db.get_database_backend();
        let records = Statement::from_string(
            backend,
            "SELECT r.case_id AS case_id, r.record AS record, c.reference AS reference \
             FROM case_records r JOIN cases c ON c.id = r.case_id ORDER BY r.case_id",
        );
        for row in db.query_all_raw(records).await? {
            let case_id: i64 = row.try_get("", "case_id")?;
            let record: String = row.try_get("", "record")?;
            let reference: String = row.try_get("", "reference")?;
            let case: Case = serde_json::from_str(&record).map_err(corrupt)?;
            manager
                .exec_stmt(
                    Query::insert()
                        .into_table("search_entries")
                        .columns(["case_id", "source", "source_id", "visibility", "body"])
                        .values_panic([
                            case_id.into(),
                            "case".into(),
                            case_id.into(),
                            "parties".into(),
                            case.searchable_text(&reference).into(),
                        ])
                        .to_owned(),
                )
                .await?;
        }
        for (source, table, body) in [
            ("message", "messages", "body"),
            ("file", "attachments", "file_name"),
        ] {
            db.execute_unprepared(&format!(
                "INSERT INTO search_entries (case_id, source, source_id, visibility, panel_scope, body) \
                 SELECT case_id, '{source}', id, visibility, panel_scope, {body} FROM {table} ORDER BY id"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Sqlite {
            // The triggers go with their table; the index is a table of its own.
            manager
                .get_connection()
                .execute_unprepared("DROP TABLE search_index")
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("ix_cases_opened_at_id")
                    .table("cases")
                    .to_owned(),
            )
            .await?;
        drop_tables(manager, &["search_entries"]).await
    }
}
