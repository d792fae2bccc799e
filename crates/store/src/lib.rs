//! Durable cases, on SQLite (the embedded default) or PostgreSQL.
//!
//! The central call is [`Store::apply`]: load a case, let the workflow decide an action, and
//! in one transaction write the new state (checking the version it was read at), append the
//! hash-chained audit event, bring the deadline, panel, decision and recommendation tables up
//! to date, and queue an email per person told — or, on any failure, none of it.
//!
//! Around it: raising a case with its human reference ([`Store::raise_case`]), the directory
//! of organisations and people, lists filtered by what the viewer may see, the annual
//! review's counts (done in SQL), and [`Store::verify`], which walks every case's chain and
//! replays its events.
//!
//! Nothing database-specific leaves this crate: callers see workflow types and the plain
//! records defined here.

mod access;
mod backup;
mod batch;
mod cases;
mod chain;
mod connect;
mod correspondence;
mod directory;
mod dispatch;
mod entity;
mod error;
mod export;
mod grants;
mod idempotency;
mod identity;
mod inbound;
mod instances;
mod links;
mod lists;
pub mod origin;
mod outbox;
mod projection;
mod reader;
mod recommendations;
mod records;
mod reports;
mod saved;
mod search;
mod verify;
mod webhooks;
mod worklist;
mod writer;

#[cfg(test)]
mod tests;

use std::ops::Deref;
use std::path::PathBuf;
use std::sync::Arc;

use disputes_migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::Instrument;

use batch::Batch;

pub use cases::{StoredCase, StoredEvent};
pub use connect::StoreOptions;
pub use correspondence::{Attachment, Message, NewAttachment, Shared, Visibility};
pub use directory::{
    NewOrganisation, NewPerson, Organisation, OrganisationChanges, PersonChanges, PersonRecord,
};
pub use dispatch::{
    Addressee, ClaimRequest, DueNotice, EmailContexts, News, OutboxItem, claim_ends,
};
pub use error::{Cause, StoreError};
pub use export::PersonExport;
pub use grants::{
    ApiToken, Grant, Holder, LAST_SEEN_EVERY, NewSession, Pending, SessionInfo, TokenScope,
};
pub use idempotency::{
    Claim, KEY_LIFETIME_HOURS, KeyClaim, KeyedWrite, SavedResponse, WriteOutcome,
};
pub use identity::{AccountEvent, AccountEventKind, OidcAttempt, SecondFactor};
pub use inbound::{
    NewReply, NotRecorded, Noted, Quarantined, REPLY_RECORDED, REPLY_REFUSED, Reason, Received,
    ReplyAddress, ReplyNotice,
};
pub use links::CaseLink;
pub use lists::{COUNTED, CaseFilter, CaseSort, CaseSummary, ListCursor, Page, PageRequest};
pub use outbox::{NEWS_KIND, Notification};
pub use recommendations::{RecommendationFilter, RecommendationRow};
pub use records::{ERASED_NAME, Erasure, Removed, RetentionSweep, erased_email};
pub use reports::{Count, OutcomeReport, StageTime};
pub use saved::SavedView;
pub use search::{MOST_WORDS, words};
pub use verify::{ChainLink, VerifyProblem, VerifyReport, verify_links};
pub use webhooks::{NewWebhook, Webhook, WebhookTarget};
pub use worklist::{OpenDeadline, WORKLIST_LIMIT, Worklist};
pub(crate) use writer::{Body, Tx};

/// The database behind the service.
#[derive(Debug, Clone)]
pub struct Store {
    read: DatabaseConnection,
    write: DatabaseConnection,
    /// SQLite's writer thread; none on PostgreSQL.
    writer: Option<Arc<writer::Writer>>,
    /// SQLite's own readers for look-ups by key; none on PostgreSQL.
    readers: Option<Arc<reader::Readers>>,
    attachments_dir: Option<PathBuf>,
    news_digest: chrono::Duration,
}

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A single SQLite file.
    Sqlite,
    /// A PostgreSQL server, which several service processes may share.
    Postgres,
}

impl Store {
    /// Opens the database at `url` (`sqlite://path?mode=rwc` or `postgres://...`).
    pub async fn connect(url: &str, options: &StoreOptions) -> Result<Store, StoreError> {
        let pools = connect::open(url, options).await?;
        Ok(Store {
            read: pools.read,
            write: pools.write,
            writer: pools.writer.map(Arc::new),
            readers: pools.readers.map(Arc::new),
            attachments_dir: options.attachments_dir.clone(),
            news_digest: chrono::Duration::from_std(options.news_digest)
                .unwrap_or(chrono::Duration::minutes(15)),
        })
    }

    /// A span for one write transaction, within the request or sweep that opened it, so a
    /// trace shows where a request's time went between the service and its database.
    fn transaction_span(&self) -> tracing::Span {
        let system = match self.backend() {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgresql",
        };
        tracing::info_span!(
            "db.transaction",
            otel.name = "db.transaction",
            otel.kind = "client",
            db.system.name = system,
            request.id = origin::current(),
        )
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        match self.write.get_database_backend() {
            DbBackend::Postgres => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }

    /// The connection writes go through, and the one reads go through (the same pool on
    /// PostgreSQL). For tools that measure the database itself, beside the store: the
    /// benchmarks' raw write limit and their bulk population.
    pub fn connections(&self) -> (&DatabaseConnection, &DatabaseConnection) {
        (&self.write, &self.read)
    }

    /// Where look-ups by key go: SQLite's own readers, or the pool.
    pub(crate) fn reads(&self) -> reader::Reads<'_> {
        match &self.readers {
            Some(readers) => reader::Reads::Lite(readers),
            None => reader::Reads::Pool(&self.read),
        }
    }

    /// Runs `body` as one write transaction, and answers once it is durable: on SQLite on
    /// the writer thread (sharing its commit with the writes waiting beside it, each kept
    /// apart from the others), on PostgreSQL as one statement where the body needs no answer
    /// from the database, else in a transaction of the pool ([`batch`]). Nothing `body`
    /// wrote stands if it returns an error.
    pub(crate) async fn write<T, F>(&self, body: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'t> FnOnce(&'t Tx<'t>) -> Body<'t, T> + Send + 'static,
    {
        if let Some(writer) = &self.writer {
            return writer.run(body).instrument(self.transaction_span()).await;
        }
        let span = self.transaction_span();
        let batch = Batch::new(&self.write);
        let result = body(&Tx::Batch(&batch)).instrument(span.clone()).await;
        match result {
            Ok(value) => {
                batch.finish().instrument(span).await?;
                Ok(value)
            }
            Err(error) => {
                batch.abandon().await;
                Err(error)
            }
        }
    }

    /// The connection for writes not run by [`Store::write`], held alone for as long as
    /// the returned guard lives: on SQLite the writer thread waits meanwhile.
    pub(crate) async fn writer(&self) -> Held<'_, &DatabaseConnection> {
        Held {
            _lock: match &self.writer {
                Some(writer) => Some(writer.hold().await),
                None => None,
            },
            value: &self.write,
            _span: tracing::Span::none(),
        }
    }

    /// Starts a transaction that writes, holding the write connection alone until it ends
    /// ([`Store::writer`]). On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`): a
    /// transaction that read first and wrote later would be refused at once, without
    /// waiting, if another process (a command run beside the service) wrote between its read
    /// and its write; one that starts by taking the lock waits its turn instead.
    pub(crate) async fn begin_write(&self) -> Result<Held<'_, DatabaseTransaction>, StoreError> {
        let span = self.transaction_span();
        let held = self.writer().instrument(span.clone()).await;
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        Ok(Held {
            value: self
                .write
                .begin_with_options(options)
                .instrument(span.clone())
                .await?,
            _lock: held._lock,
            _span: span,
        })
    }

    /// Applies every pending migration, then reseals audit chains written before events
    /// had seals ([`Store::reseal_chains`]).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        Migrator::up(*self.writer().await, None).await?;
        self.reseal_chains().await?;
        Ok(())
    }

    /// How many migrations are not yet applied (0 when the schema is current). Asked of the
    /// writer: the migrator creates its own table if it is missing.
    pub async fn pending_migrations(&self) -> Result<usize, StoreError> {
        Ok(Migrator::get_pending_migrations(*self.writer().await)
            .await?
            .len())
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.read.execute_unprepared("SELECT 1").await?;
        Ok(())
    }

    /// Whether the database answers a connection of its own, outside the pools: tells an
    /// outage (PostgreSQL stopped, its host gone) from pools that are only all in use, which
    /// time out the same way. A SQLite file is always there to open.
    pub async fn answers_afresh(&self) -> bool {
        use sea_orm::sqlx::Connection;
        use sea_orm::sqlx::postgres::PgConnection;
        if self.backend() == Backend::Sqlite {
            return true;
        }
        let options = self.read.get_postgres_connection_pool().connect_options();
        let attempt = async {
            let mut connection = PgConnection::connect_with(&options).await?;
            connection.ping().await?;
            connection.close().await
        };
        matches!(
            tokio::time::timeout(std::time::Duration::from_secs(3), attempt).await,
            Ok(Ok(()))
        )
    }

    /// Closes the connections, waiting for those in use.
    pub async fn close(self) -> Result<(), StoreError> {
        if let Some(writer) = &self.writer {
            let writer = writer.clone();
            let _ = tokio::task::spawn_blocking(move || writer.stop()).await;
        }
        let separate = self.backend() == Backend::Sqlite;
        self.read.close().await?;
        if separate {
            self.write.close().await?;
        }
        Ok(())
    }
}

/// Something of the store's write connection, held alone while it lives.
pub(crate) struct Held<'a, T> {
    value: T,
    _lock: Option<tokio::sync::MutexGuard<'a, ()>>,
    /// The transaction's span, which ends when it is committed or rolled back.
    _span: tracing::Span,
}

impl<T> Deref for Held<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl Held<'_, DatabaseTransaction> {
    /// Commits the transaction, then lets the connection go.
    pub(crate) async fn commit(self) -> Result<(), sea_orm::DbErr> {
        self.value.commit().await
    }
}

/// Reads back an enumeration stored in its API spelling (`"in_dialogue"`, `"vcs"`, ...).
pub(crate) fn parse<T: DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|_| StoreError::Corrupt(format!("unexpected stored value {text:?}")))
}

/// Whether `text` has the shape of a case reference (capital letters, digits and hyphens, at
/// most 40): anything else names no case, and need not reach the database.
pub fn is_reference_shaped(text: &str) -> bool {
    (1..=40).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

/// A value of one of the workflow's lists (a stage, an outcome, a status...) as the API, the
/// database and the templates spell it: `partly_upheld`. Its serde name, so one spelling
/// serves everywhere.
pub fn spelled<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        other => format!("{other:?}"),
    }
}

pub(crate) use spelled as spell;
