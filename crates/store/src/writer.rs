//! SQLite's one writer: a thread that owns the write connection and runs each write
//! transaction it is handed whole, several to one commit.
//!
//! SQLite lets one transaction write at a time, and through sqlx every statement of it is
//! handed to a connection thread and back, so a transaction holds the write lock for as
//! long as its task takes to be scheduled again between statements. Here the whole body of
//! a write runs on the thread that owns the connection, statement after statement, through
//! prepared statements kept for reuse. And the writes waiting when one starts share its
//! commit (group commit): each is kept apart from the others (in a savepoint of its own once
//! another's changes stand in the transaction), so each stands or falls alone, and none is
//! answered before the commit that makes it durable has returned. One that fell is answered
//! after that commit too, so that its caller, reading again, finds what the writes before it
//! did (an action whose case another action moved on decides again on the newer case).
//!
//! Writes not yet written as bodies ([`crate::Store::writer`]) still go through sqlx's write
//! connection; they take the same lock as the thread takes for each batch, so only one of
//! the two ever holds SQLite's write lock and neither waits in SQLite's busy loop.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::pin::Pin;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::types::Value as Lite;
use rusqlite::{CachedStatement, Connection, OpenFlags, OptionalExtension, ParamsFromIter};
use sea_orm::sea_query::{Alias, InsertStatement, SubQueryStatement, UpdateStatement, Value};
use sea_orm::{
    ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, QueryTrait, Statement, StatementBuilder,
};

use crate::batch::Batch;
use crate::error::StoreError;

/// How many writes share one commit at most: enough to absorb every request a busy service
/// has in flight, few enough that the first of them is not kept waiting long.
const MOST_PER_COMMIT: usize = 64;

/// The body of a write: what it does in its transaction, on whichever connection runs it.
pub(crate) type Body<'t, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 't>>;

/// Where a write's statements go: PostgreSQL's pool, a statement at a time or held back and
/// sent together ([`crate::batch`]), or SQLite's writer thread. A body builds its statements
/// with sea-orm and sea-query and runs them through the few calls here, so it is written
/// once for all.
pub(crate) enum Tx<'a> {
    /// A pool's transaction.
    Pool(&'a DatabaseTransaction),
    /// PostgreSQL's pool, the statements held back where the write needs no answer.
    Batch(&'a Batch),
    /// The writer thread's connection, kept apart from the writes beside it.
    Thread(&'a Mutex<Connection>),
}

/// The writer thread, as the store sees it: where to send writes, and the lock that keeps
/// sqlx's writes out of its way.
#[derive(Debug)]
pub(crate) struct Writer {
    jobs: Mutex<Option<Sender<Box<dyn Job>>>>,
    lock: Arc<tokio::sync::Mutex<()>>,
    thread: Mutex<Option<std::thread::JoinHandle<()>>>,
}

/// A write as the thread runs it: run apart from the writes beside it, or refused when no
/// transaction could be begun for it.
trait Job: Send {
    fn run(self: Box<Self>, tx: &Tx<'_>) -> Ran;
    fn refuse(self: Box<Self>, error: &rusqlite::Error);
}

/// How a write's caller is answered once the commit has returned (with the commit's error,
/// if it failed).
type Answer = Box<dyn FnOnce(Option<&rusqlite::Error>) + Send>;

/// What a write came to: whether its changes stand, and its answer.
struct Ran {
    kept: bool,
    answer: Answer,
}

/// A body and where its caller waits for the answer.
struct Write<T, F> {
    body: F,
    send: tokio::sync::oneshot::Sender<Result<T, StoreError>>,
    /// The request it was made for ([`crate::origin`]).
    origin: Option<String>,
}

impl<T, F> Job for Write<T, F>
where
    T: Send + 'static,
    F: for<'t> FnOnce(&'t Tx<'t>) -> Body<'t, T> + Send + 'static,
{
    fn run(self: Box<Self>, tx: &Tx<'_>) -> Ran {
        let Write { body, send, origin } = *self;
        let result = crate::origin::on_thread(origin, || futures_executor::block_on(body(tx)));
        Ran {
            kept: result.is_ok(),
            answer: Box::new(move |failed| {
                let _ = send.send(match (result, failed) {
                    (Ok(_), Some(error)) => Err(lite_error(error)),
                    (result, _) => result,
                });
            }),
        }
    }

    fn refuse(self: Box<Self>, error: &rusqlite::Error) {
        let _ = self.send.send(Err(lite_error(error)));
    }
}

impl Writer {
    /// Opens the write connection to the SQLite file `path` and starts the thread.
    pub(crate) fn start(
        path: &Path,
        full_sync: bool,
        busy_timeout: Duration,
    ) -> Result<Writer, StoreError> {
        let connection = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| lite_error(&e))?;
        connection
            .busy_timeout(busy_timeout)
            .and_then(|()| {
                connection.execute_batch(&format!(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = {}; PRAGMA foreign_keys = ON;",
                    if full_sync { "FULL" } else { "NORMAL" }
                ))
            })
            .map_err(|e| lite_error(&e))?;
        connection.set_prepared_statement_cache_capacity(128);
        let (jobs, queue) = channel();
        let lock = Arc::new(tokio::sync::Mutex::new(()));
        let held = lock.clone();
        let thread = std::thread::Builder::new()
            .name("sqlite-writer".to_owned())
            .spawn(move || serve(&Mutex::new(connection), &queue, &held))
            .map_err(|e| StoreError::Config(format!("cannot start the writer thread: {e}")))?;
        Ok(Writer {
            jobs: Mutex::new(Some(jobs)),
            lock,
            thread: Mutex::new(Some(thread)),
        })
    }

    /// The lock a write outside the thread holds for its whole transaction.
    pub(crate) async fn hold(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.lock.lock().await
    }

    /// Runs `body` on the thread, answering once its commit is durable.
    pub(crate) async fn run<T, F>(&self, body: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'t> FnOnce(&'t Tx<'t>) -> Body<'t, T> + Send + 'static,
    {
        let (send, answer) = tokio::sync::oneshot::channel();
        let job: Box<dyn Job> = Box::new(Write {
            body,
            send,
            origin: crate::origin::current(),
        });
        let sent = match self.jobs.lock() {
            Ok(jobs) => jobs.as_ref().map(|jobs| jobs.send(job).is_ok()),
            Err(_) => None,
        };
        if sent != Some(true) {
            return Err(StoreError::Unavailable("the store is closed".into()));
        }
        answer.await.unwrap_or_else(|_| {
            Err(StoreError::Database(
                "the write stopped before it finished".into(),
            ))
        })
    }

    /// Finishes the writes already sent and stops the thread.
    pub(crate) fn stop(&self) {
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.take();
        }
        let thread = self.thread.lock().ok().and_then(|mut t| t.take());
        if let Some(thread) = thread {
            let _ = thread.join();
        }
    }
}

/// The thread: takes a write, and with it every write already waiting, up to
/// [`MOST_PER_COMMIT`], runs each apart from the others, commits them together, and answers
/// each.
fn serve(
    connection: &Mutex<Connection>,
    queue: &Receiver<Box<dyn Job>>,
    lock: &tokio::sync::Mutex<()>,
) {
    while let Ok(first) = queue.recv() {
        let _held = lock.blocking_lock();
        let mut answers = Vec::new();
        if let Err(error) = plain(connection, "BEGIN IMMEDIATE") {
            tracing::error!(%error, "a write transaction could not begin");
            first.refuse(&error);
            continue;
        }
        let (mut next, mut ran) = (Some(first), 0);
        let (mut lost, mut undone) = (None, Vec::new());
        while let Some(job) = next.take() {
            ran += 1;
            // While no write of the transaction stands, the transaction itself keeps the
            // next one apart: no savepoint, and no copy of the pages it changes.
            let apart = if answers.is_empty() {
                Apart::Transaction
            } else {
                Apart::Savepoint
            };
            match one(connection, job, apart) {
                Ok(Outcome::Kept(answer)) => answers.push(answer),
                Ok(Outcome::Undone(answer)) => undone.extend(answer),
                Err(error) => {
                    lost = Some(error);
                    break;
                }
            }
            if ran < MOST_PER_COMMIT {
                next = queue.try_recv().ok();
            }
        }
        let outcome = match lost {
            Some(error) => Err(error),
            None => plain(connection, "COMMIT"),
        };
        match outcome {
            Ok(()) => answers.into_iter().for_each(|answer| answer(None)),
            Err(error) => fail(connection, answers, &error),
        }
        // Each with its own error, after the writes before it are durable: a caller who
        // reads again (an action that found its case moved on) sees what they did.
        undone.into_iter().for_each(|answer| answer(None));
    }
}

/// What became of one write in its batch.
enum Outcome {
    /// Its changes stand: answered once the commit returns, with the commit's error if it
    /// fails.
    Kept(Answer),
    /// It failed and was undone (its answer none if it panicked): answered with its own
    /// error once the commit returns.
    Undone(Option<Answer>),
}

/// What keeps a write's changes apart from the other writes sharing its commit, so that
/// undoing it undoes it alone.
#[derive(Clone, Copy)]
enum Apart {
    /// A savepoint of its own, after writes that stand.
    Savepoint,
    /// The transaction, which holds nothing else yet: undone by rolling it back and beginning
    /// it again.
    Transaction,
}

/// Runs one write apart from the others: what became of it, or an error when the whole
/// transaction was lost with it (the write then answered).
fn one(
    connection: &Mutex<Connection>,
    job: Box<dyn Job>,
    apart: Apart,
) -> Result<Outcome, rusqlite::Error> {
    if let Apart::Savepoint = apart
        && let Err(error) = plain(connection, "SAVEPOINT write")
    {
        job.refuse(&error);
        return Err(error);
    }
    let ran = catch_unwind(AssertUnwindSafe(|| job.run(&Tx::Thread(connection))));
    let failed = match ran {
        Ok(Ran { kept: true, answer }) => {
            return match apart {
                Apart::Transaction => Ok(Outcome::Kept(answer)),
                Apart::Savepoint => match plain(connection, "RELEASE write") {
                    Ok(()) => Ok(Outcome::Kept(answer)),
                    Err(error) => {
                        answer(Some(&error));
                        Err(error)
                    }
                },
            };
        }
        Ok(Ran {
            kept: false,
            answer,
        }) => Some(answer),
        Err(_) => {
            tracing::error!("a write panicked; its changes are undone");
            None
        }
    };
    match undo(connection, apart) {
        Ok(()) => Ok(Outcome::Undone(failed)),
        Err(error) => {
            if let Some(answer) = failed {
                answer(None);
            }
            Err(error)
        }
    }
}

/// Undoes a write's changes; an error when SQLite had already ended the transaction (after a
/// full disk or an I/O failure), which takes every write before it too, or when it cannot
/// be begun again.
fn undo(connection: &Mutex<Connection>, apart: Apart) -> Result<(), rusqlite::Error> {
    if connection.lock().is_ok_and(|c| c.is_autocommit()) {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ABORT),
            Some("the transaction was rolled back by the database".to_owned()),
        ));
    }
    match apart {
        Apart::Savepoint => {
            plain(connection, "ROLLBACK TO write")?;
            plain(connection, "RELEASE write")
        }
        Apart::Transaction => {
            plain(connection, "ROLLBACK")?;
            plain(connection, "BEGIN IMMEDIATE")
        }
    }
}

/// Answers every write of a batch that could not commit with the error, and leaves the
/// connection outside any transaction.
fn fail(connection: &Mutex<Connection>, answers: Vec<Answer>, error: &rusqlite::Error) {
    tracing::error!(%error, writes = answers.len(), "a batch of writes could not commit");
    if connection.lock().is_ok_and(|c| !c.is_autocommit()) {
        let _ = plain(connection, "ROLLBACK");
    }
    answers.into_iter().for_each(|answer| answer(Some(error)));
}

fn plain(connection: &Mutex<Connection>, sql: &str) -> Result<(), rusqlite::Error> {
    let connection = connection
        .lock()
        .map_err(|_| rusqlite::Error::InvalidQuery)?;
    connection.prepare_cached(sql)?.execute([]).map(|_| ())
}

/// A rusqlite error as the store's, by SQLite's codes: a broken unique or foreign key is
/// the caller's conflict or mistake, as through sqlx; a busy or failing file is the database
/// being unavailable, as a lost connection is.
pub(crate) fn lite_error(error: &rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode::{
        CannotOpen, DatabaseBusy, DatabaseLocked, DiskFull, NotADatabase, SystemIoFailure,
    };
    use rusqlite::ffi::{
        SQLITE_CONSTRAINT_FOREIGNKEY, SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE,
    };
    if let rusqlite::Error::SqliteFailure(failure, _) = error {
        match failure.extended_code {
            SQLITE_CONSTRAINT_UNIQUE | SQLITE_CONSTRAINT_PRIMARYKEY => return StoreError::taken(),
            SQLITE_CONSTRAINT_FOREIGNKEY => return StoreError::dangling(),
            _ => {}
        }
    }
    let cause = error.to_string().into();
    match error.sqlite_error_code() {
        Some(
            DatabaseBusy | DatabaseLocked | SystemIoFailure | DiskFull | CannotOpen | NotADatabase,
        ) => StoreError::Unavailable(cause),
        _ => StoreError::Database(cause),
    }
}

/// A statement's values as SQLite stores them, the way sqlx writes them (dates and times
/// as sqlx's text forms), so rows written here read back the same through sqlx.
pub(crate) fn bind(statement: &Statement) -> Result<Vec<Lite>, StoreError> {
    let Some(values) = &statement.values else {
        return Ok(Vec::new());
    };
    values.0.iter().map(lite_value).collect()
}

fn lite_value(value: &Value) -> Result<Lite, StoreError> {
    use chrono::SecondsFormat;
    let int = |v: Option<i64>| v.map_or(Lite::Null, Lite::Integer);
    let text = |v: Option<String>| v.map_or(Lite::Null, Lite::Text);
    Ok(match value {
        Value::Bool(v) => int(v.map(i64::from)),
        Value::TinyInt(v) => int(v.map(i64::from)),
        Value::SmallInt(v) => int(v.map(i64::from)),
        Value::Int(v) => int(v.map(i64::from)),
        Value::BigInt(v) => int(*v),
        Value::TinyUnsigned(v) => int(v.map(i64::from)),
        Value::SmallUnsigned(v) => int(v.map(i64::from)),
        Value::Unsigned(v) => int(v.map(i64::from)),
        Value::BigUnsigned(v) => match v {
            Some(v) => Lite::Integer(
                i64::try_from(*v)
                    .map_err(|_| StoreError::Database("integer out of range".into()))?,
            ),
            None => Lite::Null,
        },
        Value::Float(v) => v.map_or(Lite::Null, |v| Lite::Real(f64::from(v))),
        Value::Double(v) => v.map_or(Lite::Null, Lite::Real),
        Value::String(v) => text(v.clone()),
        Value::Char(v) => text(v.map(String::from)),
        Value::Bytes(v) => v.clone().map_or(Lite::Null, Lite::Blob),
        Value::Json(v) => text(v.as_ref().map(|j| j.to_string())),
        Value::ChronoDate(v) => text(v.map(|d| d.format("%F").to_string())),
        Value::ChronoDateTime(v) => text(v.map(|t| t.format("%F %T%.f").to_string())),
        Value::ChronoDateTimeUtc(v) => {
            text(v.map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, false)))
        }
        Value::ChronoDateTimeWithTimeZone(v) => {
            text(v.map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, false)))
        }
        other => {
            return Err(StoreError::Database(
                format!("the SQLite writer cannot store {other:?}").into(),
            ));
        }
    })
}

impl Tx<'_> {
    /// Which database the statements are built for.
    pub(crate) fn backend(&self) -> DbBackend {
        match self {
            Tx::Pool(txn) => txn.get_database_backend(),
            Tx::Batch(_) => DbBackend::Postgres,
            Tx::Thread(_) => DbBackend::Sqlite,
        }
    }

    /// Runs a statement whose answer the write does not need: on PostgreSQL it is held
    /// back and sent with the write's others ([`crate::batch`]).
    pub(crate) async fn run<S>(&self, statement: S) -> Result<(), StoreError>
    where
        S: Into<SubQueryStatement> + StatementBuilder,
    {
        match self {
            Tx::Batch(batch) => {
                batch.hold(statement.into()).await;
                Ok(())
            }
            _ => self
                .execute(self.backend().build(&statement))
                .await
                .map(drop),
        }
    }

    /// Runs a statement that changes rows; answers how many it changed.
    pub(crate) async fn execute(&self, statement: Statement) -> Result<u64, StoreError> {
        match self {
            Tx::Pool(txn) => Ok(txn.execute_raw(statement).await?.rows_affected()),
            Tx::Batch(batch) => Ok(batch
                .transaction()
                .await?
                .txn()?
                .execute_raw(statement)
                .await?
                .rows_affected()),
            Tx::Thread(connection) => lite(connection, &statement, |_, prepared, values| {
                Ok(prepared.execute(values)? as u64)
            }),
        }
    }

    /// Inserts a row; answers its new `id`.
    pub(crate) async fn insert_id(&self, insert: InsertStatement) -> Result<i64, StoreError> {
        match self {
            Tx::Pool(txn) => pool_insert_id(txn, insert).await,
            Tx::Batch(batch) => pool_insert_id(batch.transaction().await?.txn()?, insert).await,
            Tx::Thread(connection) => {
                let statement = DbBackend::Sqlite.build(&insert);
                lite(connection, &statement, |c, prepared, values| {
                    prepared.execute(values)?;
                    Ok(c.last_insert_rowid())
                })
            }
        }
    }

    /// The first column of the first row a query answers, as a 64-bit integer (a count, an
    /// id, a number); none when it answers no row.
    pub(crate) async fn scalar(
        &self,
        query: &impl StatementBuilder,
    ) -> Result<Option<i64>, StoreError> {
        match self {
            Tx::Pool(txn) => pool_scalar(txn, query).await,
            Tx::Batch(batch) => pool_scalar(batch.transaction().await?.txn()?, query).await,
            Tx::Thread(connection) => {
                let statement = DbBackend::Sqlite.build(query);
                lite(connection, &statement, |_, prepared, values| {
                    prepared.query_row(values, |row| row.get(0)).optional()
                })
            }
        }
    }
}

async fn pool_insert_id(
    txn: &DatabaseTransaction,
    mut insert: InsertStatement,
) -> Result<i64, StoreError> {
    insert.returning_col(Alias::new("id"));
    Ok(txn
        .query_one(&insert)
        .await?
        .ok_or(DbErr::RecordNotInserted)?
        .try_get("", "id")?)
}

async fn pool_scalar(
    txn: &DatabaseTransaction,
    query: &impl StatementBuilder,
) -> Result<Option<i64>, StoreError> {
    let Some(row) = txn.query_one(query).await? else {
        return Ok(None);
    };
    // 32 bits where PostgreSQL's column is an `integer`.
    match row.try_get_by_index::<i64>(0) {
        Ok(value) => Ok(Some(value)),
        Err(_) => Ok(Some(i64::from(row.try_get_by_index::<i32>(0)?))),
    }
}

/// Runs sea-orm's queries (`Entity::insert`, `update_many`, ...) in a write's transaction.
pub(crate) trait RunIn: QueryTrait + Sized {
    /// Runs the statement in `tx`, whose answer the write does not need: on PostgreSQL it
    /// is held back and sent with the write's others.
    fn run_in<'a>(self, tx: &'a Tx<'a>) -> impl Future<Output = Result<(), StoreError>> + Send + 'a
    where
        Self::QueryStatement: Into<SubQueryStatement> + StatementBuilder + Send + 'a,
    {
        tx.run(self.into_query())
    }

    /// Runs the update in `tx` as the write's guard: it must change exactly one row, or the
    /// whole write fails with `moved`. On PostgreSQL it is held back with the others and
    /// checked before they run.
    fn guard_in<'a>(
        self,
        tx: &'a Tx<'a>,
        moved: StoreError,
    ) -> impl Future<Output = Result<(), StoreError>> + Send + 'a
    where
        Self: QueryTrait<QueryStatement = UpdateStatement>,
    {
        let update = self.into_query();
        async move {
            match tx {
                Tx::Batch(batch) => batch.guard(update, moved).await,
                _ => match tx.execute(tx.backend().build(&update)).await? {
                    1 => Ok(()),
                    _ => Err(moved),
                },
            }
        }
    }

    /// Runs the insert in `tx`; answers the new row's `id`.
    fn id_in<'a>(self, tx: &'a Tx<'a>) -> impl Future<Output = Result<i64, StoreError>> + Send + 'a
    where
        Self: QueryTrait<QueryStatement = InsertStatement>,
    {
        tx.insert_id(self.into_query())
    }
}

impl<Q: QueryTrait> RunIn for Q {}

/// Runs `work` on `statement` as the thread's connection has it prepared (cached for the
/// next write), with its values bound.
fn lite<T>(
    connection: &Mutex<Connection>,
    statement: &Statement,
    work: impl FnOnce(
        &Connection,
        &mut CachedStatement<'_>,
        ParamsFromIter<Vec<Lite>>,
    ) -> Result<T, rusqlite::Error>,
) -> Result<T, StoreError> {
    let values = bind(statement)?;
    let connection = connection
        .lock()
        .map_err(|_| StoreError::Database("the writer's connection is poisoned".into()))?;
    let mut prepared = connection
        .prepare_cached(&statement.sql)
        .map_err(|e| lite_error(&e))?;
    work(
        &connection,
        &mut prepared,
        rusqlite::params_from_iter(values),
    )
    .map_err(|e| lite_error(&e))
}
