//! The reads every request makes (who is signed in, the case it acts on, whom to email), on
//! SQLite connections the store keeps itself.
//!
//! Through sqlx each SQLite statement is handed to a connection's worker thread and its
//! answer handed back: two thread wake-ups per statement, which cost more than the indexed
//! look-up itself. Here the statement runs on the calling thread, on a connection taken
//! from the store's own pool and put back after, through a prepared statement kept for
//! reuse. Only look-ups by key go here (each reads a handful of index pages); anything that
//! scans stays on sqlx's threads, where it cannot hold up the requests sharing a runtime
//! thread. PostgreSQL's statements go over the network whichever way, so they stay on the
//! pool.
//!
//! A query is built once, with sea-query, and its rows decoded once, through [`Cells`],
//! whichever connection answered it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, QueryResult, StatementBuilder};

use crate::error::StoreError;
use crate::writer::{bind, lite_error};

/// How many idle connections the pool keeps: one for each runtime thread that may be
/// reading at once, with room to spare. More are opened when needed, and closed after.
const IDLE: usize = 8;

/// The store's own read-only connections to its SQLite file.
#[derive(Debug)]
pub(crate) struct Readers {
    path: PathBuf,
    busy_timeout: Duration,
    idle: Mutex<Vec<Connection>>,
}

impl Readers {
    /// Opens the first reader of the SQLite file `path` (already created, in WAL mode, by
    /// the writer), so a file that cannot be read is found at start-up.
    pub(crate) fn open(path: &Path, busy_timeout: Duration) -> Result<Readers, StoreError> {
        let readers = Readers {
            path: path.to_owned(),
            busy_timeout,
            idle: Mutex::new(Vec::new()),
        };
        let first = readers.connect()?;
        readers.put_back(first);
        Ok(readers)
    }

    fn connect(&self) -> Result<Connection, StoreError> {
        let connection = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| lite_error(&e))?;
        connection
            .busy_timeout(self.busy_timeout)
            .map_err(|e| lite_error(&e))?;
        connection.set_prepared_statement_cache_capacity(64);
        Ok(connection)
    }

    fn take(&self) -> Result<Connection, StoreError> {
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        match idle {
            Some(connection) => Ok(connection),
            None => self.connect(),
        }
    }

    fn put_back(&self, connection: Connection) {
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < IDLE
        {
            idle.push(connection);
        }
    }

    /// Runs `query` on one of the connections and decodes each row it answers.
    fn rows<T>(
        &self,
        query: &impl StatementBuilder,
        decode: impl Fn(&dyn Cells) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        let statement = DbBackend::Sqlite.build(query);
        let values = bind(&statement)?;
        let connection = self.take()?;
        let rows = {
            let mut prepared = connection
                .prepare_cached(&statement.sql)
                .map_err(|e| lite_error(&e))?;
            let mut rows = prepared
                .query(rusqlite::params_from_iter(values))
                .map_err(|e| lite_error(&e))?;
            let mut decoded = Vec::new();
            while let Some(row) = rows.next().map_err(|e| lite_error(&e))? {
                decoded.push(decode(row)?);
            }
            decoded
        };
        self.put_back(connection);
        Ok(rows)
    }
}

/// Where the store's look-ups by key go: its own SQLite readers, or the pool.
pub(crate) enum Reads<'a> {
    /// The pool's connections (PostgreSQL).
    Pool(&'a DatabaseConnection),
    /// The store's own SQLite readers.
    Lite(&'a Readers),
}

impl Reads<'_> {
    /// Every row `query` answers, decoded by `decode`.
    pub(crate) async fn rows<T>(
        &self,
        query: &impl StatementBuilder,
        decode: impl Fn(&dyn Cells) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        match self {
            Reads::Pool(db) => db
                .query_all(query)
                .await?
                .iter()
                .map(|row| decode(row))
                .collect(),
            Reads::Lite(readers) => readers.rows(query, decode),
        }
    }

    /// The first row `query` answers, if any, decoded by `decode`.
    pub(crate) async fn first<T>(
        &self,
        query: &impl StatementBuilder,
        decode: impl Fn(&dyn Cells) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        Ok(self.rows(query, decode).await?.into_iter().next())
    }
}

/// A row's values by column name, whichever driver read it.
pub(crate) trait Cells {
    /// An integer column.
    fn int(&self, column: &str) -> Result<i64, StoreError>;
    /// A text column that may be null.
    fn maybe_text(&self, column: &str) -> Result<Option<String>, StoreError>;
    /// A true-or-false column.
    fn flag(&self, column: &str) -> Result<bool, StoreError>;
    /// A moment in time.
    fn time(&self, column: &str) -> Result<DateTime<Utc>, StoreError>;
    /// A moment in time that may be null.
    fn maybe_time(&self, column: &str) -> Result<Option<DateTime<Utc>>, StoreError>;

    /// A text column that is never null.
    fn text(&self, column: &str) -> Result<String, StoreError> {
        self.maybe_text(column)?
            .ok_or_else(|| StoreError::Corrupt(format!("{column} is null")))
    }
}

impl Cells for QueryResult {
    fn int(&self, column: &str) -> Result<i64, StoreError> {
        // 32 bits where PostgreSQL's column is an `integer`.
        match self.try_get::<i64>("", column) {
            Ok(value) => Ok(value),
            Err(_) => Ok(i64::from(self.try_get::<i32>("", column)?)),
        }
    }

    fn maybe_text(&self, column: &str) -> Result<Option<String>, StoreError> {
        Ok(self.try_get("", column)?)
    }

    fn flag(&self, column: &str) -> Result<bool, StoreError> {
        Ok(self.try_get("", column)?)
    }

    fn time(&self, column: &str) -> Result<DateTime<Utc>, StoreError> {
        Ok(self.try_get("", column)?)
    }

    fn maybe_time(&self, column: &str) -> Result<Option<DateTime<Utc>>, StoreError> {
        Ok(self.try_get("", column)?)
    }
}

impl Cells for rusqlite::Row<'_> {
    fn int(&self, column: &str) -> Result<i64, StoreError> {
        self.get(column).map_err(|e| lite_error(&e))
    }

    fn maybe_text(&self, column: &str) -> Result<Option<String>, StoreError> {
        self.get(column).map_err(|e| lite_error(&e))
    }

    fn flag(&self, column: &str) -> Result<bool, StoreError> {
        self.get(column).map_err(|e| lite_error(&e))
    }

    /// As sqlx reads SQLite's text: RFC 3339 (as the store writes it), or a plain date and
    /// time taken as UTC.
    fn time(&self, column: &str) -> Result<DateTime<Utc>, StoreError> {
        self.maybe_time(column)?
            .ok_or_else(|| StoreError::Corrupt(format!("{column} is null")))
    }

    fn maybe_time(&self, column: &str) -> Result<Option<DateTime<Utc>>, StoreError> {
        let Some(text) = self.maybe_text(column)? else {
            return Ok(None);
        };
        DateTime::parse_from_rfc3339(&text)
            .map(|t| t.to_utc())
            .or_else(|_| NaiveDateTime::parse_from_str(&text, "%F %T%.f").map(|t| t.and_utc()))
            .map(Some)
            .map_err(|_| StoreError::Corrupt(format!("{column} is not a time: {text}")))
    }
}
