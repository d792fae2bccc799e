//! Queues the emails an event calls for, in the event's own transaction (and, through
//! [`crate::webhooks`], its deliveries to webhooks).
//!
//! The workflow says who is concerned ([`Audience`]); this turns those groups into people
//! with addresses and writes one outbox row each. A row carries ids only: the dispatcher
//! reads the event, and the case as it stood after it, when it renders the email.

use chrono::{DateTime, Utc};
use disputes_workflow::visibility::PanelScope;
use disputes_workflow::{Audience, Case, CaseEvent, PersonId, Role};
use sea_orm::sea_query::{Alias, BinOper, Expr, ExprTrait, Order, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::entity::{cases, outbox, people, person_roles};
use crate::error::StoreError;
use crate::reader::Reads;
use crate::{Store, Tx};

/// Queues one email about `event` to each active person it concerns (leaving `case` as it
/// is), in one statement that finds them as it writes them: the write reads nothing first,
/// and the people told are those of the moment it commits.
pub(crate) async fn enqueue(
    txn: &Tx<'_>,
    case_id: i64,
    reference: &str,
    case: &Case,
    event: &CaseEvent,
) -> Result<(), StoreError> {
    let seq = i32::try_from(event.seq)
        .map_err(|_| StoreError::Corrupt("event number out of range".into()))?;
    crate::webhooks::enqueue(txn, case_id, reference, seq, event).await?;
    let audience = Audience::of(case, event);
    if audience.is_empty() {
        return Ok(());
    }
    let person = Expr::col((people::Entity, people::Column::Id));
    // The message key: `REFERENCE/SEQ/PERSON`.
    let key = Expr::val(format!("{reference}/{}/", event.seq)).binary(
        BinOper::Custom("||"),
        person.clone().cast_as(Alias::new("TEXT")),
    );
    let address = Expr::col((people::Entity, people::Column::Email));
    let insert = queue(
        people_in(&audience),
        (key, address),
        (case_id, seq, event),
        (person, outbox::Column::RecipientId),
    )?;
    txn.run(insert).await
}

/// Queues a row of the outbox for each row `rows` selects, about `event` (number `seq` of the
/// case `case_id`): each with its message key and address, and last the one it is for
/// (`recipient`, written to `column`: the person, or the webhook). The email's queue and the
/// webhooks' alike.
pub(crate) fn queue(
    mut rows: SelectStatement,
    (key, address): (Expr, Expr),
    (case_id, seq, event): (i64, i32, &CaseEvent),
    (recipient, column): (Expr, outbox::Column),
) -> Result<sea_orm::sea_query::InsertStatement, StoreError> {
    rows.exprs([
        key,
        Expr::val(case_id),
        Expr::val(seq),
        Expr::val(event.name()),
        address,
        Expr::val("pending"),
        Expr::val(0),
        Expr::val(event.at),
        Expr::val(event.at),
        Expr::val(crate::origin::current()),
        recipient,
    ]);
    Ok(Query::insert()
        .into_table(outbox::Entity)
        .columns([
            outbox::Column::MessageKey,
            outbox::Column::CaseId,
            outbox::Column::EventSeq,
            outbox::Column::Kind,
            outbox::Column::RecipientEmail,
            outbox::Column::Status,
            outbox::Column::Attempts,
            outbox::Column::NextAttemptAt,
            outbox::Column::CreatedAt,
            outbox::Column::RequestId,
            column,
        ])
        .select_from(rows)
        .map_err(|e| StoreError::Database(e.into()))?
        .to_owned())
}

/// The outbox kind of an email that gathers news of messages and files on a case.
pub const NEWS_KIND: &str = "news";

/// How long after its gathering window closes a news email waits before it may be sent: a
/// message written at the window's last moment is committed by then, so the email that
/// should carry it does.
pub(crate) const NEWS_GRACE_SECS: i64 = 10;

/// The people told of a message or file `author` added to `case`, for readers of `panel`'s
/// notes only, or of everything on the case when `panel` is none.
pub(crate) async fn readers_of(
    reads: &Reads<'_>,
    case: &Case,
    panel: Option<PanelScope>,
    author: PersonId,
) -> Result<Vec<(i64, String)>, StoreError> {
    recipients(reads, &Audience::reading(case, panel, author)).await
}

/// Queues news of something added to a case at `at`, in its transaction: for each of
/// `readers` not already gathering news of this case, an email that gathers from `at` for
/// `digest` (one gathering since `at - digest` already carries it). So a person gets at
/// most one such email per case in any `digest`.
pub(crate) async fn gather_news(
    txn: &DatabaseTransaction,
    case_id: i64,
    reference: &str,
    readers: &[(i64, String)],
    at: DateTime<Utc>,
    digest: chrono::Duration,
) -> Result<(), StoreError> {
    if readers.is_empty() {
        return Ok(());
    }
    // Two additions at once must not both open a gathering for the same reader: on
    // PostgreSQL the case's row is locked for the rest of the transaction (a SQLite write
    // transaction already runs alone).
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        cases::Entity::find_by_id(case_id)
            .lock_exclusive()
            .one(txn)
            .await?;
    }
    let gathering: Vec<i64> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::RecipientId)
        .filter(outbox::Column::CaseId.eq(case_id))
        .filter(outbox::Column::Kind.eq(NEWS_KIND))
        .filter(outbox::Column::CreatedAt.gt(at - digest))
        .filter(outbox::Column::CreatedAt.lte(at))
        .into_tuple::<Option<i64>>()
        .all(txn)
        .await?
        .into_iter()
        .flatten()
        .collect();
    let origin = crate::origin::current();
    let rows: Vec<outbox::ActiveModel> = readers
        .iter()
        .filter(|(person_id, _)| !gathering.contains(person_id))
        .map(|(person_id, email)| outbox::ActiveModel {
            message_key: Set(format!(
                "{reference}/news/{person_id}/{}",
                at.timestamp_micros()
            )),
            case_id: Set(Some(case_id)),
            event_seq: Set(None),
            deadline_id: Set(None),
            kind: Set(NEWS_KIND.to_owned()),
            recipient_id: Set(Some(*person_id)),
            recipient_email: Set(email.clone()),
            status: Set("pending".to_owned()),
            attempts: Set(0),
            next_attempt_at: Set(at + digest + chrono::Duration::seconds(NEWS_GRACE_SECS)),
            locked_until: Set(None),
            last_error: Set(None),
            created_at: Set(at),
            sent_at: Set(None),
            request_id: Set(origin.clone()),
            ..Default::default()
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    outbox::Entity::insert_many(rows)
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// The active people in `audience`, each once, by id.
async fn recipients(
    reads: &Reads<'_>,
    audience: &Audience,
) -> Result<Vec<(i64, String)>, StoreError> {
    let query = people_in(audience)
        .columns([people::Column::Id, people::Column::Email])
        .to_owned();
    reads
        .rows(&query, |row| Ok((row.int("id")?, row.text("email")?)))
        .await
}

/// The active people in `audience`, each once, in order of id: a query without columns, for
/// its callers to choose theirs.
fn people_in(audience: &Audience) -> SelectStatement {
    let has_role = |roles: &[Role]| {
        let with_role = Query::select()
            .column(person_roles::Column::PersonId)
            .from(person_roles::Entity)
            .and_where(
                Expr::col(person_roles::Column::Role).is_in(roles.iter().map(|r| r.as_str())),
            )
            .to_owned();
        people::Column::Id.in_subquery(with_role)
    };
    let mut who = Condition::any();
    let in_role_at = |orgs: &[disputes_workflow::OrganisationId], role: Role| {
        Condition::all()
            .add(people::Column::OrganisationId.is_in(orgs.iter().map(|o| o.0)))
            .add(has_role(&[role]))
    };
    if !audience.members_of.is_empty() {
        who = who.add(in_role_at(&audience.members_of, Role::Member));
    }
    if !audience.champions_of.is_empty() {
        who = who.add(in_role_at(&audience.champions_of, Role::Champion));
    }
    if audience.chairs {
        who = who.add(has_role(&[Role::Chair]));
    }
    if audience.facilitators {
        who = who.add(has_role(&[Role::Facilitator]));
    }
    if !audience.people.is_empty() {
        who = who.add(people::Column::Id.is_in(audience.people.iter().map(|p| p.0)));
    }
    let mut query = Query::select()
        .from(people::Entity)
        .and_where(people::Column::Active.eq(true))
        .cond_where(who)
        .order_by(people::Column::Id, Order::Asc)
        .to_owned();
    if let Some(except) = audience.except {
        query.and_where(people::Column::Id.ne(except.0));
    }
    query
}

/// An email queued for, sent about, or given up on for a case: what the facilitator's email
/// log shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// Its id.
    pub id: i64,
    /// The stable key its Message-ID is made from.
    pub message_key: String,
    /// What it is about: the event's name, or a deadline reminder.
    pub kind: String,
    /// The event it reports, if any.
    pub event_seq: Option<u32>,
    /// Who it is for.
    pub recipient_id: Option<PersonId>,
    /// Where it goes.
    pub recipient_email: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// Sending attempts so far.
    pub attempts: u32,
    /// When the next attempt is due.
    pub next_attempt_at: DateTime<Utc>,
    /// What went wrong last time.
    pub last_error: Option<String>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// When it was sent.
    pub sent_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Every email queued for the case with `reference`, oldest first.
    pub async fn notifications(&self, reference: &str) -> Result<Vec<Notification>, StoreError> {
        let case = crate::cases::find(&self.read, reference).await?;
        let rows = outbox::Entity::find()
            .filter(outbox::Column::CaseId.eq(case.id))
            .filter(outbox::Column::WebhookId.is_null())
            .order_by_asc(outbox::Column::Id)
            .all(&self.read)
            .await?;
        Ok(rows.into_iter().map(notification).collect())
    }

    /// The emails given up on, newest first, at most `limit`, each with its case's
    /// reference: the facilitator's list of what to look into and send again.
    pub async fn failed_emails(
        &self,
        limit: u64,
    ) -> Result<Vec<(String, Notification)>, StoreError> {
        let rows = outbox::Entity::find()
            .filter(outbox::Column::Status.eq("failed"))
            .filter(outbox::Column::WebhookId.is_null())
            .order_by_desc(outbox::Column::Id)
            .limit(limit)
            .all(&self.read)
            .await?;
        with_references(&self.read, rows).await
    }
}

/// Outbox `rows`, each with its case's reference, read in one statement.
pub(crate) async fn with_references(
    db: &impl ConnectionTrait,
    rows: Vec<outbox::Model>,
) -> Result<Vec<(String, Notification)>, StoreError> {
    let case_ids: Vec<i64> = rows.iter().filter_map(|r| r.case_id).collect();
    let references: std::collections::HashMap<i64, String> = cases::Entity::find()
        .filter(cases::Column::Id.is_in(case_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.reference))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let reference = row
                .case_id
                .and_then(|id| references.get(&id).cloned())
                .unwrap_or_default();
            (reference, notification(row))
        })
        .collect())
}

fn notification(row: outbox::Model) -> Notification {
    Notification {
        id: row.id,
        message_key: row.message_key,
        kind: row.kind,
        event_seq: row.event_seq.and_then(|s| u32::try_from(s).ok()),
        recipient_id: row.recipient_id.map(PersonId),
        recipient_email: row.recipient_email,
        status: row.status,
        attempts: u32::try_from(row.attempts).unwrap_or_default(),
        next_attempt_at: row.next_attempt_at,
        last_error: row.last_error,
        created_at: row.created_at,
        sent_at: row.sent_at,
    }
}
