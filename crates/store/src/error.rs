//! What can go wrong in the store, by cause, so the server can answer each in one way.

use disputes_workflow::Refusal;
use sea_orm::{DbErr, SqlErr};

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such case, organisation or person.
    #[error("not found")]
    NotFound,
    /// The workflow refused the action or the new case (state, person or fields).
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// The case changed since the version the caller acted on.
    #[error("the case is no longer at version {expected}")]
    Stale {
        /// The version the caller expected.
        expected: u32,
        /// The version it is at, when known.
        current: Option<u32>,
    },
    /// A value that must be unique is taken (an email, an organisation's name).
    #[error("{0}")]
    Conflict(String),
    /// The database cannot be reached; the request may be retried later.
    #[error("the database is unavailable")]
    Unavailable(#[source] Cause),
    /// A stored record cannot be read back: the database was edited outside the service.
    #[error("a stored record cannot be read: {0}")]
    Corrupt(String),
    /// The store cannot be opened as configured.
    #[error("{0}")]
    Config(String),
    /// Any other database failure.
    #[error("database error")]
    Database(#[source] Cause),
}

/// The underlying error, kept for logs without naming the database library's types.
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

impl StoreError {
    /// A write broke a unique constraint.
    pub(crate) fn taken() -> StoreError {
        StoreError::Conflict("that value is already taken".to_owned())
    }

    /// A write referred to a row that does not exist (a foreign key).
    pub(crate) fn dangling() -> StoreError {
        StoreError::Refused(Refusal::invalid(
            "id",
            "refers to something that does not exist",
        ))
    }
}

impl From<DbErr> for StoreError {
    fn from(error: DbErr) -> Self {
        match error.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => return StoreError::taken(),
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => return StoreError::dangling(),
            _ => {}
        }
        if lost_database(&error) {
            StoreError::Unavailable(Box::new(error))
        } else {
            StoreError::Database(Box::new(error))
        }
    }
}

/// Whether the error says the database is out of reach (not running, restarting, shutting
/// down, or the connection broke) rather than that the statement was wrong: the first is
/// answered "try again soon", the second is a fault.
fn lost_database(error: &DbErr) -> bool {
    use sea_orm::RuntimeErr;
    use sea_orm::sqlx::Error as Sqlx;
    let runtime = match error {
        DbErr::ConnectionAcquire(_) => return true,
        DbErr::Conn(runtime) | DbErr::Exec(runtime) | DbErr::Query(runtime) => runtime,
        _ => return false,
    };
    let RuntimeErr::SqlxError(sqlx) = runtime else {
        return matches!(error, DbErr::Conn(_));
    };
    match sqlx.as_ref() {
        Sqlx::Io(_)
        | Sqlx::Tls(_)
        | Sqlx::PoolTimedOut
        | Sqlx::PoolClosed
        | Sqlx::WorkerCrashed => true,
        // PostgreSQL's classes 08 (connection exception) and 57P (operator intervention:
        // shutting down, starting up, cannot connect now).
        Sqlx::Database(database) => database
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
        _ => matches!(error, DbErr::Conn(_)),
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(error: serde_json::Error) -> Self {
        StoreError::Corrupt(error.to_string())
    }
}
