//! The writes one transition makes (update the case row and its record, add its event,
//! queue its emails, in one transaction) issued through sqlx, the driver sea-orm runs on,
//! from 16 tasks on the store's own write connection (the same pool, the same SQLite
//! settings), with no HTTP and no workflow: the driver's cost, beside the database's own
//! limit measured through its fastest client ([`crate::reference`]).

use std::sync::Arc;

use chrono::Utc;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

use crate::Result;
use crate::database::Database;
use crate::load::{Shape, drive};
use crate::stats::Run;

/// The columns of an audit event as the service writes them, but the case's state after it
/// (which the scale population leaves out of closed cases written in bulk).
pub(crate) const EVENT_COLUMNS: [&str; 10] = [
    "case_id",
    "seq",
    "kind",
    "actor_id",
    "at",
    "from_state",
    "to_state",
    "payload",
    "prev_hash",
    "hash",
];

/// What each raw transition writes, taken from the service's own rows so the sizes match.
pub(crate) struct Template {
    pub(crate) record: String,
    pub(crate) payload: String,
    pub(crate) actor: i64,
    pub(crate) recipients: Vec<(i64, String)>,
}

/// A case a worker writes to.
struct Owned {
    id: i64,
    version: std::sync::atomic::AtomicI64,
}

async fn store(database: &Database) -> Result<disputes_store::Store> {
    Ok(
        disputes_store::Store::connect(&database.url, &disputes_store::StoreOptions::default())
            .await?,
    )
}

/// Runs the raw transitions on `cases` (one per worker) for `shape`.
pub(crate) async fn transitions(
    database: &Database,
    cases: &[String],
    shape: Shape,
) -> Result<Run> {
    let store = store(database).await?;
    let (write, _) = store.connections();
    let write = write.clone();
    let (template, rows) = prepare(&write, cases).await?;
    let template = Arc::new(template);
    let owned = rows
        .into_iter()
        .map(|(id, version)| Owned {
            id,
            version: std::sync::atomic::AtomicI64::new(version),
        })
        .collect::<Vec<_>>();
    let owned = Arc::new(owned);
    let run = drive(shape, None, move |worker, _| {
        let (write, template, owned) = (write.clone(), template.clone(), owned.clone());
        async move { one(&write, &template, &owned[worker]).await.is_ok() }
    })
    .await;
    store.close().await?;
    Ok(run)
}

/// What the raw transitions write, and the id and version of each case in `cases`.
async fn prepare(
    write: &DatabaseConnection,
    cases: &[String],
) -> Result<(Template, Vec<(i64, i64)>)> {
    let template = template(write, &cases[0]).await?;
    let mut owned = Vec::new();
    for reference in cases {
        let row = write
            .query_one(
                Query::select()
                    .columns([Alias::new("id"), Alias::new("version")])
                    .from(Alias::new("cases"))
                    .and_where(Expr::col(Alias::new("reference")).eq(reference.as_str())),
            )
            .await?
            .ok_or("no such case")?;
        owned.push((
            row.try_get("", "id")?,
            i64::from(row.try_get::<i32>("", "version")?),
        ));
    }
    Ok((template, owned))
}

/// [`prepare`], on its own connection.
pub(crate) async fn prepared(
    database: &Database,
    cases: &[String],
) -> Result<(Template, Vec<(i64, i64)>)> {
    let store = store(database).await?;
    let prepared = prepare(store.connections().0, cases).await;
    store.close().await?;
    prepared
}

/// One transition's writes.
async fn one(write: &DatabaseConnection, template: &Template, case: &Owned) -> Result<()> {
    use std::sync::atomic::Ordering;
    let from = case.version.load(Ordering::Relaxed);
    let version = from + 1;
    let now = Utc::now();
    let hash = format!("{version:064x}");
    let txn = write.begin().await?;
    let updated = txn
        .execute(
            Query::update()
                .table(Alias::new("cases"))
                .value(Alias::new("version"), version)
                .value(Alias::new("state"), "resolution_proposed")
                .value(Alias::new("updated_at"), now)
                .value(Alias::new("last_event_hash"), hash.as_str())
                .and_where(Expr::col(Alias::new("id")).eq(case.id))
                .and_where(Expr::col(Alias::new("version")).eq(from)),
        )
        .await?;
    if updated.rows_affected() != 1 {
        return Err("the version moved".into());
    }
    txn.execute(
        Query::update()
            .table(Alias::new("case_records"))
            .value(Alias::new("record"), template.record.as_str())
            .and_where(Expr::col(Alias::new("case_id")).eq(case.id)),
    )
    .await?;
    txn.execute(
        Query::insert()
            .into_table(Alias::new("case_events"))
            .columns(
                EVENT_COLUMNS
                    .iter()
                    .chain(&["case_after"])
                    .copied()
                    .map(Alias::new),
            )
            .values([
                case.id.into(),
                version.into(),
                "propose_resolution".into(),
                template.actor.into(),
                now.into(),
                "in_dialogue".into(),
                "resolution_proposed".into(),
                template.payload.as_str().into(),
                hash.as_str().into(),
                hash.as_str().into(),
                template.record.as_str().into(),
            ])?,
    )
    .await?;
    let mut outbox = Query::insert();
    outbox.into_table(Alias::new("outbox")).columns(
        [
            "message_key",
            "case_id",
            "event_seq",
            "kind",
            "recipient_id",
            "recipient_email",
            "status",
            "attempts",
            "next_attempt_at",
            "created_at",
        ]
        .map(Alias::new),
    );
    for (person, email) in &template.recipients {
        outbox.values([
            format!("raw.{}.{version}.{person}", case.id).into(),
            case.id.into(),
            version.into(),
            "propose_resolution".into(),
            (*person).into(),
            email.as_str().into(),
            "pending".into(),
            0.into(),
            now.into(),
            now.into(),
        ])?;
    }
    txn.execute(&outbox).await?;
    txn.commit().await?;
    case.version.store(version, Ordering::Relaxed);
    Ok(())
}

/// The record, event text, actor and recipients of the service's own action halfway through
/// its actions on `reference` (a proposal in the load runs, a pause or a resume in the
/// probe): the rows a transition writes, copied. Halfway, because a case's record grows
/// with every action: the last action's is the largest the service wrote, and a reference
/// copying it would be slowed the more, the more actions the service managed.
async fn template(write: &DatabaseConnection, reference: &str) -> Result<Template> {
    let case = write
        .query_one(
            Query::select()
                .column(Alias::new("id"))
                .from(Alias::new("cases"))
                .and_where(Expr::col(Alias::new("reference")).eq(reference)),
        )
        .await?
        .ok_or("no such case")?;
    let id: i64 = case.try_get("", "id")?;
    let events = write
        .query_all(
            Query::select()
                .columns([
                    Alias::new("payload"),
                    Alias::new("actor_id"),
                    Alias::new("case_after"),
                ])
                .from(Alias::new("case_events"))
                .and_where(Expr::col(Alias::new("case_id")).eq(id))
                .and_where(Expr::col(Alias::new("kind")).ne("raised"))
                .order_by(Alias::new("seq"), sea_orm::Order::Asc),
        )
        .await?;
    let event = events
        .get(events.len() / 2)
        .ok_or("the service took no action on the case to copy")?;
    let actor: i64 = event.try_get("", "actor_id")?;
    let recipients = write
        .query_all(
            Query::select()
                .columns([Alias::new("id"), Alias::new("email")])
                .from(Alias::new("people"))
                .and_where(Expr::col(Alias::new("id")).ne(actor))
                .and_where(Expr::col(Alias::new("email")).like("%@bench.example.org"))
                .and_where(Expr::col(Alias::new("email")).ne("facilitator@bench.example.org")),
        )
        .await?
        .iter()
        .map(|row| Ok((row.try_get("", "id")?, row.try_get("", "email")?)))
        .collect::<Result<Vec<(i64, String)>>>()?;
    Ok(Template {
        record: event.try_get("", "case_after")?,
        payload: event.try_get("", "payload")?,
        actor,
        recipients,
    })
}

/// How many cases the database holds.
pub(crate) async fn count_cases(database: &Database) -> Result<u64> {
    let store = store(database).await?;
    let (_, read) = store.connections();
    let row = read
        .query_one(
            Query::select()
                .expr_as(Expr::col(Alias::new("id")).count(), Alias::new("n"))
                .from(Alias::new("cases")),
        )
        .await?
        .ok_or("no count")?;
    let n: i64 = row.try_get("", "n")?;
    store.close().await?;
    Ok(u64::try_from(n)?)
}
