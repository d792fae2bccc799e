//! Raising cases and applying actions to them: the store's central calls.

use chrono::{DateTime, Datelike, Utc};
use disputes_workflow::{
    Actor, Case, CaseEvent, Command, CompactSettings, NewCase, Person, Refusal,
};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

use crate::chain::{GENESIS, link};
use crate::entity::{case_counters, case_events, cases, organisations};
use crate::error::StoreError;
use crate::{Store, outbox, projection, spell};

/// A case as stored: its reference and the workflow's record of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCase {
    /// The human reference, e.g. `LEIC-2026-0042`.
    pub reference: String,
    /// The case.
    pub case: Case,
}

/// An event of a case's audit trail, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    /// The event.
    pub event: CaseEvent,
    /// Its hash in the chain.
    pub hash: String,
}

impl Store {
    /// Raises a case for `by`'s organisation: checks it with the workflow, gives it the next
    /// reference of the year (`PREFIX-YEAR-NNNN` with the Compact's prefix, gap-free: the
    /// counter is taken in the same transaction), and stores it with its first event,
    /// deadline and emails.
    pub async fn raise_case(
        &self,
        new: NewCase,
        by: &Person,
        at: DateTime<Utc>,
        settings: &CompactSettings,
    ) -> Result<StoredCase, StoreError> {
        let decided = Case::raise(new, by, at, settings)?;
        let case = decided.case;
        let event = decided.event;
        let txn = self.write.begin().await?;
        if organisations::Entity::find_by_id(case.respondent_organisation_id.0)
            .one(&txn)
            .await?
            .is_none()
        {
            return Err(Refusal::invalid(
                "respondent_organisation_id",
                "there is no such organisation",
            )
            .into());
        }
        let opened_on = case.opened_on();
        let year = opened_on.year();
        let number = next_number(&txn, year).await?;
        let reference = format!("{}-{year}-{number:04}", settings.reference_prefix);
        let payload = serde_json::to_string(&event)?;
        let record = serde_json::to_string(&case)?;
        let hash = link(&reference, event.seq, GENESIS, &payload);
        let row = cases::ActiveModel {
            reference: Set(reference.clone()),
            year: Set(year),
            number: Set(number),
            title: Set(case.title.to_string()),
            raising_organisation_id: Set(case.raising_organisation_id.0),
            respondent_organisation_id: Set(case.respondent_organisation_id.0),
            raised_by: Set(case.raised_by.0),
            opened_at: Set(case.opened_at),
            opened_on: Set(opened_on),
            ..columns(&case, &record, &hash, at)?
        }
        .insert(&txn)
        .await?;
        let written = Written {
            payload: &payload,
            record: &record,
            hash: &hash,
        };
        append_event(&txn, row.id, &event, GENESIS, written).await?;
        projection::project(&txn, row.id, None, &case, &event).await?;
        outbox::enqueue(&txn, row.id, &reference, &case, &event).await?;
        txn.commit().await?;
        Ok(StoredCase { reference, case })
    }

    /// The case with `reference`. (Whether the caller may see it is the caller's question:
    /// ask [`disputes_workflow::visibility`].)
    pub async fn case(&self, reference: &str) -> Result<StoredCase, StoreError> {
        let row = find(&self.read, reference).await?;
        Ok(StoredCase {
            case: serde_json::from_str(&row.record)?,
            reference: row.reference,
        })
    }

    /// Applies `command` to the case with `reference`, as one transaction: the new state
    /// (only if the case is still at the version it was read at, or at `expected_version`
    /// when given), the hash-chained event, the deadline and decision tables, and an email
    /// per person told. Nothing is written if anything fails.
    pub async fn apply(
        &self,
        reference: &str,
        command: &Command,
        expected_version: Option<u32>,
    ) -> Result<StoredCase, StoreError> {
        let txn = self.write.begin().await?;
        let row = find(&txn, reference).await?;
        let case: Case = serde_json::from_str(&row.record)?;
        if let Some(expected) = expected_version
            && expected != case.version
        {
            return Err(StoreError::Stale {
                expected,
                current: Some(case.version),
            });
        }
        let decided = case.decide(command)?;
        let (next, event) = (decided.case, decided.event);
        let payload = serde_json::to_string(&event)?;
        let record = serde_json::to_string(&next)?;
        let hash = link(&row.reference, event.seq, &row.last_event_hash, &payload);

        // The version check: if another action committed since this case was read, no row
        // matches and nothing is written.
        let update = cases::Entity::update_many()
            .set(columns(&next, &record, &hash, command.at)?)
            .filter(cases::Column::Id.eq(row.id))
            .filter(cases::Column::Version.eq(row.version));
        if update.exec(&txn).await?.rows_affected != 1 {
            return Err(StoreError::Stale {
                expected: case.version,
                current: None,
            });
        }
        let written = Written {
            payload: &payload,
            record: &record,
            hash: &hash,
        };
        append_event(&txn, row.id, &event, &row.last_event_hash, written).await?;
        projection::project(&txn, row.id, Some(&case), &next, &event).await?;
        outbox::enqueue(&txn, row.id, &row.reference, &next, &event).await?;
        txn.commit().await?;
        Ok(StoredCase {
            reference: row.reference,
            case: next,
        })
    }

    /// The case's audit trail, oldest first.
    pub async fn events(&self, reference: &str) -> Result<Vec<StoredEvent>, StoreError> {
        let row = find(&self.read, reference).await?;
        case_events::Entity::find()
            .filter(case_events::Column::CaseId.eq(row.id))
            .order_by_asc(case_events::Column::Seq)
            .all(&self.read)
            .await?
            .into_iter()
            .map(|e| {
                Ok(StoredEvent {
                    event: serde_json::from_str(&e.payload)?,
                    hash: e.hash,
                })
            })
            .collect()
    }
}

pub(crate) async fn find(
    db: &impl ConnectionTrait,
    reference: &str,
) -> Result<cases::Model, StoreError> {
    cases::Entity::find()
        .filter(cases::Column::Reference.eq(reference))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The columns that follow from the case record (`record` is `case`, serialised); the caller
/// adds the fixed ones.
fn columns(
    case: &Case,
    record: &str,
    hash: &str,
    at: DateTime<Utc>,
) -> Result<cases::ActiveModel, StoreError> {
    Ok(cases::ActiveModel {
        state: Set(case.state.name().to_owned()),
        stage: Set(case.stage().as_str().to_owned()),
        furthest_stage: Set(case.furthest_stage().as_str().to_owned()),
        outcome: Set(case.state.outcome().map(|o| o.as_str().to_owned())),
        appeal_result: Set(case.appeal_decision.as_ref().map(|d| spell(&d.result))),
        priority: Set(spell(&case.priority)),
        version: Set(i32::try_from(case.version)
            .map_err(|_| StoreError::Corrupt("version out of range".into()))?),
        closed_at: Set(case.closed_at),
        updated_at: Set(at),
        last_event_hash: Set(hash.to_owned()),
        record: Set(record.to_owned()),
        ..Default::default()
    })
}

/// What an event writes, serialised once: the event, the case after it, and the event's link
/// in the hash chain.
#[derive(Clone, Copy)]
struct Written<'a> {
    payload: &'a str,
    record: &'a str,
    hash: &'a str,
}

async fn append_event(
    txn: &DatabaseTransaction,
    case_id: i64,
    event: &CaseEvent,
    previous: &str,
    written: Written<'_>,
) -> Result<(), StoreError> {
    case_events::ActiveModel {
        case_id: Set(case_id),
        seq: Set(i32::try_from(event.seq)
            .map_err(|_| StoreError::Corrupt("event number out of range".into()))?),
        kind: Set(event.name().to_owned()),
        actor_id: Set(match &event.actor {
            Actor::Person(person) => Some(person.id.0),
            Actor::System => None,
        }),
        at: Set(event.at),
        from_state: Set(event.from_state.as_ref().map(|s| s.name().to_owned())),
        to_state: Set(event.to_state.name().to_owned()),
        payload: Set(written.payload.to_owned()),
        prev_hash: Set(previous.to_owned()),
        hash: Set(written.hash.to_owned()),
        case_after: Set(Some(written.record.to_owned())),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Takes the next case number of `year`: the counter row is locked until the transaction
/// ends, so numbers are unique, and a rolled-back case gives its number back.
async fn next_number(txn: &DatabaseTransaction, year: i32) -> Result<i32, StoreError> {
    let statement = Query::insert()
        .into_table(case_counters::Entity)
        .columns([
            case_counters::Column::Year,
            case_counters::Column::LastNumber,
        ])
        .values_panic([year.into(), 1.into()])
        .on_conflict(
            OnConflict::column(case_counters::Column::Year)
                .value(
                    case_counters::Column::LastNumber,
                    Expr::col((case_counters::Entity, case_counters::Column::LastNumber)).add(1),
                )
                .to_owned(),
        )
        .returning_col(case_counters::Column::LastNumber)
        .to_owned();
    let row = txn
        .query_one(&statement)
        .await?
        .ok_or_else(|| StoreError::Corrupt("the case counter returned nothing".into()))?;
    Ok(row.try_get("", "last_number")?)
}
