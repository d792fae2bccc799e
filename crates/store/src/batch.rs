//! A write's statements on PostgreSQL, sent together.
//!
//! Every statement is a round trip that PostgreSQL parses, plans and answers, and on a busy
//! machine the round trips, not the rows, are what a write costs. So the statements whose
//! answer a write does not need (it only changes rows) are held back and sent as one: each
//! becomes a part of a data-modifying `WITH`, and the whole is one statement, which
//! PostgreSQL runs atomically on its own. An action on a case is then one round trip, with no
//! `BEGIN` and no `COMMIT`. A statement whose answer the write needs (a new row's id, a
//! count) begins a transaction, sends what was held back, and runs; the rest follows in that
//! transaction, and the write commits at its end.
//!
//! One held-back update may be the write's guard: it must change exactly one row (the case,
//! at the version it was read at), or none of the write stands. The statement's `SELECT`
//! counts the guard's rows and hands the count to `disputes_expect_rows` (migration 14),
//! which raises SQLSTATE `DS001` when it is wrong. PostgreSQL runs the `SELECT` first and
//! the parts no one reads after it, so a guard that fails stops the write before its other
//! parts run: a racing action finds "moved on", not the other's audit event in its way.

use sea_orm::sea_query::{
    Alias, CommonTableExpression, Expr, ExprTrait, Func, Query, SubQueryStatement, UpdateStatement,
    WithClause,
};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, RuntimeErr,
    TransactionTrait,
};
use tokio::sync::{Mutex, MutexGuard};

use crate::error::StoreError;

/// The SQLSTATE `disputes_expect_rows` raises when a guard changed a number of rows other
/// than the one it expects.
const GUARD_FAILED: &str = "DS001";

/// One write on PostgreSQL: the statements held back, and the transaction, once one was
/// needed.
pub(crate) struct Batch {
    pool: DatabaseConnection,
    state: Mutex<State>,
}

/// What a write has held back, and its transaction once it needed one.
#[derive(Default)]
pub(crate) struct State {
    txn: Option<DatabaseTransaction>,
    held: Vec<SubQueryStatement>,
    guard: Option<Guard>,
}

/// An update that must change one row, and what the write fails with when it does not.
struct Guard {
    update: UpdateStatement,
    moved: StoreError,
}

impl Batch {
    /// A write on `pool`, holding nothing yet.
    pub(crate) fn new(pool: &DatabaseConnection) -> Batch {
        Batch {
            pool: pool.clone(),
            state: Mutex::new(State::default()),
        }
    }

    /// Holds `statement` back until the write needs an answer or ends.
    pub(crate) async fn hold(&self, statement: SubQueryStatement) {
        self.state.lock().await.held.push(statement);
    }

    /// Holds `update` back as the write's guard: it must change exactly one row, or the
    /// write fails with `moved`.
    pub(crate) async fn guard(
        &self,
        mut update: UpdateStatement,
        moved: StoreError,
    ) -> Result<(), StoreError> {
        update.returning_col(Alias::new("id"));
        let mut state = self.state.lock().await;
        if state.guard.is_some() {
            // One guard to a statement: the first is sent before the second is held.
            state = self.begun(state).await?;
        }
        state.guard = Some(Guard { update, moved });
        Ok(())
    }

    /// The write's transaction, begun if it was not, with everything held back sent: for a
    /// statement whose answer the write needs.
    pub(crate) async fn transaction(&self) -> Result<MutexGuard<'_, State>, StoreError> {
        let state = self.state.lock().await;
        self.begun(state).await
    }

    async fn begun<'b>(
        &'b self,
        mut state: MutexGuard<'b, State>,
    ) -> Result<MutexGuard<'b, State>, StoreError> {
        if state.txn.is_none() {
            state.txn = Some(self.pool.begin().await?);
        }
        let (held, guard) = (std::mem::take(&mut state.held), state.guard.take());
        if let Some(txn) = &state.txn {
            send(txn, held, guard).await?;
        }
        Ok(state)
    }

    /// Sends what is still held back and makes the write durable: as one statement when
    /// the write never needed a transaction, else in it, then commits.
    pub(crate) async fn finish(self) -> Result<(), StoreError> {
        let State { txn, held, guard } = self.state.into_inner();
        match txn {
            Some(txn) => match send(&txn, held, guard).await {
                Ok(()) => Ok(txn.commit().await?),
                Err(error) => {
                    let _ = txn.rollback().await;
                    Err(error)
                }
            },
            None => send(&self.pool, held, guard).await,
        }
    }

    /// Abandons the write: nothing held back is sent, and its transaction, if any, rolls
    /// back.
    pub(crate) async fn abandon(self) {
        if let Some(txn) = self.state.into_inner().txn {
            let _ = txn.rollback().await;
        }
    }
}

impl State {
    /// The transaction [`Batch::transaction`] began.
    pub(crate) fn txn(&self) -> Result<&DatabaseTransaction, StoreError> {
        self.txn
            .as_ref()
            .ok_or_else(|| StoreError::Database("the write's transaction was not begun".into()))
    }
}

/// Sends `held` and `guard` to `db` as one statement: each a part of its `WITH`, the guard
/// first and checked by its `SELECT`.
async fn send(
    db: &impl ConnectionTrait,
    held: Vec<SubQueryStatement>,
    guard: Option<Guard>,
) -> Result<(), StoreError> {
    if held.is_empty() && guard.is_none() {
        return Ok(());
    }
    let mut with = WithClause::new();
    let mut select = Query::select();
    let moved = match guard {
        Some(Guard { update, moved }) => {
            with.cte(part("guard", update.into()));
            let changed = Query::select()
                .expr(Expr::col(Alias::new("id")).count())
                .from(Alias::new("guard"))
                .to_owned();
            select.expr(
                Func::cust(Alias::new("disputes_expect_rows"))
                    .arg(Expr::SubQuery(None, Box::new(changed.into())))
                    .arg(1),
            );
            Some(moved)
        }
        None => {
            select.expr(Expr::val(1));
            None
        }
    };
    for (n, statement) in held.into_iter().enumerate() {
        with.cte(part(&format!("held{n}"), statement));
    }
    let statement = DbBackend::Postgres.build(&select.to_owned().with(with));
    match db.execute_raw(statement).await {
        Ok(_) => Ok(()),
        Err(error) => match moved {
            Some(moved) if sqlstate(&error).as_deref() == Some(GUARD_FAILED) => Err(moved),
            _ => Err(error.into()),
        },
    }
}

fn part(name: &str, statement: SubQueryStatement) -> CommonTableExpression {
    CommonTableExpression::new()
        .table_name(Alias::new(name))
        .query(statement)
        .to_owned()
}

/// The SQLSTATE PostgreSQL answered `error` with, if it did.
fn sqlstate(error: &DbErr) -> Option<String> {
    let (DbErr::Exec(RuntimeErr::SqlxError(sqlx)) | DbErr::Query(RuntimeErr::SqlxError(sqlx))) =
        error
    else {
        return None;
    };
    match sqlx.as_ref() {
        sea_orm::sqlx::Error::Database(database) => database.code().map(|code| code.into_owned()),
        _ => None,
    }
}
