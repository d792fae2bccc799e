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

impl From<DbErr> for StoreError {
    fn from(error: DbErr) -> Self {
        match error.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                return StoreError::Conflict("that value is already taken".to_owned());
            }
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => {
                return StoreError::Refused(Refusal::invalid(
                    "id",
                    "refers to something that does not exist",
                ));
            }
            _ => {}
        }
        match error {
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => {
                StoreError::Unavailable(Box::new(error))
            }
            other => StoreError::Database(Box::new(other)),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(error: serde_json::Error) -> Self {
        StoreError::Corrupt(error.to_string())
    }
}
