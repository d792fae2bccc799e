//! Everything the service holds about a person, for a subject access request.
//!
//! The rows are found the way the schema itself says a row is about a person: every column
//! with a foreign key to `people` (read from the database's own catalogue, so a table added
//! later is exported without a change here), the person's own row, and the sign-in failures
//! counted against their address. Secrets (password and token hashes, webhook signing keys)
//! and files' bytes are left out: they are credentials and documents, not data about the
//! person, and the files are listed by name.

use disputes_workflow::PersonId;
use disputes_workflow::names::email_key;
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, JsonValue, Statement};
use serde_json::{Map, Value};

use crate::Store;
use crate::error::StoreError;

/// Columns never exported: secrets (a reply address's token among them), and the bytes of
/// files and of emails waiting in the quarantine.
const WITHHELD: &[&str] = &[
    "password_hash",
    "token_hash",
    "code_hash",
    "secret",
    "token",
    "content",
    "raw",
];

/// What is held about one person: each table's rows that name them, by table.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonExport {
    /// The person.
    pub person: PersonId,
    /// Table name to its rows (each a JSON object of its columns), in table order.
    pub tables: Map<String, Value>,
}

impl PersonExport {
    /// How many rows of `table` name the person.
    pub fn rows(&self, table: &str) -> usize {
        self.tables
            .get(table)
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    }
}

impl Store {
    /// Every row that names `person`, by table (see the module's documentation).
    pub async fn person_export(&self, person: PersonId) -> Result<PersonExport, StoreError> {
        let backend = self.read.get_database_backend();
        let mut tables = Map::new();
        let own = rows(self, backend, "people", "id", person.0.into()).await?;
        let Some(email) = own
            .first()
            .and_then(|row| row.get("email"))
            .and_then(Value::as_str)
            .map(email_key)
        else {
            return Err(StoreError::NotFound);
        };
        tables.insert("people".to_owned(), Value::Array(own));
        for (table, column) in person_columns(self, backend).await? {
            let found = rows(self, backend, &table, &column, person.0.into()).await?;
            let entry = tables
                .entry(table)
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = entry {
                for row in found {
                    if !list.contains(&row) {
                        list.push(row);
                    }
                }
            }
        }
        let failures = rows(
            self,
            backend,
            "login_failures",
            "key",
            format!("account:{email}").into(),
        )
        .await?;
        tables.insert("login_failures".to_owned(), Value::Array(failures));
        Ok(PersonExport { person, tables })
    }
}

/// Every `(table, column)` with a foreign key to `people`, from the database's catalogue.
pub(crate) async fn person_columns(
    store: &Store,
    backend: DbBackend,
) -> Result<Vec<(String, String)>, StoreError> {
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT kcu.table_name AS t, kcu.column_name AS c \
             FROM information_schema.referential_constraints rc \
             JOIN information_schema.key_column_usage kcu \
               ON kcu.constraint_name = rc.constraint_name \
              AND kcu.constraint_schema = rc.constraint_schema \
             JOIN information_schema.constraint_column_usage ccu \
               ON ccu.constraint_name = rc.unique_constraint_name \
              AND ccu.constraint_schema = rc.unique_constraint_schema \
             WHERE ccu.table_name = 'people' AND kcu.table_schema = current_schema() \
             ORDER BY 1, 2"
        }
        _ => {
            "SELECT m.name AS t, f.\"from\" AS c \
             FROM sqlite_master m, pragma_foreign_key_list(m.name) f \
             WHERE m.type = 'table' AND f.\"table\" = 'people' ORDER BY 1, 2"
        }
    };
    let found = store
        .read
        .query_all_raw(Statement::from_string(backend, sql))
        .await?;
    found
        .iter()
        .map(|row| Ok((row.try_get("", "t")?, row.try_get("", "c")?)))
        .collect::<Result<Vec<_>, sea_orm::DbErr>>()
        .map_err(StoreError::from)
}

/// `table`'s rows whose `column` is `value`, each as a JSON object without withheld columns.
async fn rows(
    store: &Store,
    backend: DbBackend,
    table: &str,
    column: &str,
    value: sea_orm::Value,
) -> Result<Vec<Value>, StoreError> {
    // Table and column names come from the catalogue or from this module, never from a
    // request; quoting them keeps an unusual name whole all the same.
    let quote = |name: &str| format!("\"{}\"", name.replace('"', "\"\""));
    let placeholder = match backend {
        DbBackend::Postgres => "$1",
        _ => "?",
    };
    let sql = format!(
        "SELECT * FROM {} WHERE {} = {placeholder} ORDER BY 1",
        quote(table),
        quote(column)
    );
    let statement = Statement::from_sql_and_values(backend, sql, [value]);
    let found = JsonValue::find_by_statement(statement)
        .all(&store.read)
        .await?;
    Ok(found
        .into_iter()
        .map(|mut row| {
            if let Value::Object(fields) = &mut row {
                fields.retain(|name, _| !WITHHELD.contains(&name.as_str()));
            }
            row
        })
        .collect())
}
