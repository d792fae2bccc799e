//! Opening the database: SQLite (a file, in WAL mode, one writer) or PostgreSQL (a pool).
//!
//! SQLite lets one transaction write at a time; a pool of writers would make concurrent
//! actions fail with "database is locked" rather than wait. So writes go through a single
//! writer (the writer thread, [`crate::writer`], and sqlx's one write connection for the
//! writes not yet run there, taking turns), while reads use several read-only connections
//! that WAL lets run beside it. PostgreSQL uses one pool for both.

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend};

use crate::error::StoreError;
use crate::reader::Readers;
use crate::writer::Writer;

/// How long a PostgreSQL connection sits unused before it is pinged at its next use: longer
/// than the gaps between a busy service's statements, so that only a quiet service pings.
const IDLE_BEFORE_PING: Duration = Duration::from_secs(1);

/// How to open the database.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Connections for reading (and, on PostgreSQL, writing).
    pub max_connections: u32,
    /// How long a request waits for a connection before the database counts as unavailable.
    pub acquire_timeout: Duration,
    /// How long SQLite waits for another process's lock before giving up.
    pub busy_timeout: Duration,
    /// SQLite: sync the log to disk at every commit (`synchronous=FULL`), so an
    /// acknowledged action survives a power cut, not only a crash. A dispute record is
    /// evidence, so this is the default.
    pub sqlite_full_sync: bool,
    /// Where attachment files are kept; in the database when not set.
    pub attachments_dir: Option<PathBuf>,
    /// How long news of messages and files is gathered into one email for each reader of a
    /// case: at most one such email per person and case in this time.
    pub news_digest: Duration,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            max_connections: 8,
            acquire_timeout: Duration::from_secs(5),
            busy_timeout: Duration::from_secs(5),
            sqlite_full_sync: true,
            attachments_dir: None,
            news_digest: Duration::from_secs(15 * 60),
        }
    }
}

/// The two connections the store works through (the same pool, on PostgreSQL).
pub(crate) struct Pools {
    pub(crate) read: DatabaseConnection,
    pub(crate) write: DatabaseConnection,
    /// SQLite's writer thread.
    pub(crate) writer: Option<Writer>,
    /// SQLite's readers for look-ups by key.
    pub(crate) readers: Option<Readers>,
}

pub(crate) async fn open(url: &str, options: &StoreOptions) -> Result<Pools, StoreError> {
    if url.starts_with("sqlite:") {
        // The writer first: it creates the file (with `mode=rwc`) and switches it to WAL,
        // which then persists for every connection.
        let write = sqlite(url, options, 1, false).await?;
        let read = sqlite(url, options, options.max_connections, true).await?;
        let file = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Config(format!("database.url: {e}")))?;
        let writer = Writer::start(
            file.get_filename(),
            options.sqlite_full_sync,
            options.busy_timeout,
        )?;
        let readers = Readers::open(file.get_filename(), options.busy_timeout)?;
        Ok(Pools {
            read,
            write,
            writer: Some(writer),
            readers: Some(readers),
        })
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        reach_postgres(url, options.acquire_timeout).await?;
        let mut connect = ConnectOptions::new(url);
        connect
            .max_connections(options.max_connections)
            .acquire_timeout(options.acquire_timeout)
            .connect_timeout(options.acquire_timeout)
            // A connection is pinged before use only after it sat idle: pinging at every
            // acquire is a round trip more for every statement. One that broke while busy
            // (PostgreSQL restarted) fails the request that finds it (503, to be retried)
            // and leaves the pool.
            .test_before_acquire_if_idle_for(IDLE_BEFORE_PING)
            .sqlx_logging(false);
        let pool = Database::connect(connect).await?;
        Ok(Pools {
            read: pool.clone(),
            write: pool,
            writer: None,
            readers: None,
        })
    } else {
        Err(StoreError::Config(
            "database.url must start with sqlite: or postgres:".to_owned(),
        ))
    }
}

/// Opens one connection to the PostgreSQL server at `url` and closes it: a pool that cannot
/// connect says only that it timed out waiting for a connection, and the cause (refused, an
/// unknown host, a wrong password) is what whoever reads the error needs.
async fn reach_postgres(url: &str, timeout: Duration) -> Result<(), StoreError> {
    use sea_orm::sqlx::Connection;
    let unavailable = |cause: String| StoreError::Unavailable(cause.into());
    let connection = tokio::time::timeout(timeout, sea_orm::sqlx::PgConnection::connect(url))
        .await
        .map_err(|_| unavailable(format!("no answer within {} s", timeout.as_secs())))?
        .map_err(|e| unavailable(e.to_string()))?;
    let _ = connection.close().await;
    Ok(())
}

async fn sqlite(
    url: &str,
    options: &StoreOptions,
    connections: u32,
    read_only: bool,
) -> Result<DatabaseConnection, StoreError> {
    let busy = options.busy_timeout;
    let synchronous = if options.sqlite_full_sync {
        SqliteSynchronous::Full
    } else {
        SqliteSynchronous::Normal
    };
    let mut connect = ConnectOptions::new(url);
    connect
        .max_connections(connections)
        .min_connections(if read_only { 0 } else { 1 })
        .acquire_timeout(options.acquire_timeout)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(move |o| {
            let o = o
                .busy_timeout(busy)
                .foreign_keys(true)
                .synchronous(synchronous);
            if read_only {
                o.read_only(true)
            } else {
                o.journal_mode(SqliteJournalMode::Wal)
            }
        });
    let pool = Database::connect(connect).await?;
    debug_assert_eq!(pool.get_database_backend(), DbBackend::Sqlite);
    Ok(pool)
}
