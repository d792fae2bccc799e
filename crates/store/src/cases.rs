//! Raising cases and applying actions to them: the store's central calls.

use chrono::{DateTime, Datelike, Utc};
use disputes_workflow::{
    Actor, Case, CaseEvent, Command, CompactSettings, NewCase, Person, Refusal,
};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    Set,
};

use crate::chain::{GENESIS, link, seal};
use crate::entity::{case_counters, case_events, case_records, cases, organisations};
use crate::error::StoreError;
use crate::idempotency::{KeyedWrite, WriteOutcome, complete_in};
use crate::reader::Reads;
use crate::search::{self, Source};
use crate::writer::RunIn;
use crate::{Store, Tx, Visibility, outbox, projection, spell};

/// How many times an action without an expected version is decided again when other
/// actions keep committing first.
const APPLY_ATTEMPTS: u32 = 5;

/// What the version check fails with when another action committed after the case was read
/// at version `read` (with `expected_version`, that version too: the caller's conflict).
fn moved(read: u32) -> StoreError {
    StoreError::Stale {
        expected: read,
        current: None,
    }
}

/// A case as stored: its reference and the workflow's record of it.
#[derive(Debug, Clone)]
pub struct StoredCase {
    /// The human reference, e.g. `LEIC-2026-0042`.
    pub reference: String,
    /// The case.
    pub case: Case,
    /// Where the case was read from, so that acting on it soon after need not read it
    /// again.
    pub(crate) row: Option<RowMark>,
}

/// A case row's id and the hash its next event chains to, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RowMark {
    id: i64,
    last_event_hash: String,
    /// The raising and the respondent organisations' names.
    names: (String, String),
}

/// Two stored cases are the same when their references and records are: where each was
/// read from does not matter.
impl PartialEq for StoredCase {
    fn eq(&self, other: &Self) -> bool {
        self.reference == other.reference && self.case == other.case
    }
}

impl Eq for StoredCase {}

impl StoredCase {
    fn read(loaded: Loaded) -> Result<StoredCase, StoreError> {
        Ok(StoredCase {
            case: serde_json::from_str(&loaded.record)?,
            row: Some(RowMark {
                id: loaded.id,
                last_event_hash: loaded.last_event_hash,
                names: loaded.names,
            }),
            reference: loaded.reference,
        })
    }

    /// The names of the raising and the respondent organisations, when the case was read
    /// with them (as [`Store::case`] reads it).
    pub fn organisation_names(&self) -> Option<(&str, &str)> {
        self.row
            .as_ref()
            .map(|row| (row.names.0.as_str(), row.names.1.as_str()))
    }
}

/// A case row as read for acting on: with its record and its organisations' names.
pub(crate) struct Loaded {
    id: i64,
    reference: String,
    last_event_hash: String,
    record: String,
    names: (String, String),
}

/// An event of a case's audit trail, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    /// The event.
    pub event: CaseEvent,
    /// Its hash in the chain.
    pub hash: String,
}

/// The references of the cases `ids`, by id, in one statement.
pub(crate) async fn references(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
) -> Result<std::collections::HashMap<i64, String>, StoreError> {
    Ok(cases::Entity::find()
        .select_only()
        .column(cases::Column::Id)
        .column(cases::Column::Reference)
        .filter(cases::Column::Id.is_in(ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
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
        self.raise_case_keyed(new, by, at, settings, None).await
    }

    /// [`Store::raise_case`], completing the request's idempotency key `key`, if any, in the
    /// same transaction.
    pub async fn raise_case_keyed(
        &self,
        new: NewCase,
        by: &Person,
        at: DateTime<Utc>,
        settings: &CompactSettings,
        key: Option<&KeyedWrite>,
    ) -> Result<StoredCase, StoreError> {
        let decided = Case::raise(new, by, at, settings)?;
        let case = decided.case;
        let event = decided.event;
        let prefix = settings.reference_prefix.clone();
        let key = key.cloned();
        self.write(move |tx| {
            Box::pin(async move {
                let reference = write_raised(tx, &prefix, &case, &event, at, key.as_ref()).await?;
                Ok(StoredCase {
                    reference,
                    case,
                    row: None,
                })
            })
        })
        .await
    }

    /// When `person` raised the `n`th most recent of the cases they raised since `since`, if
    /// they raised that many: for limiting how often one person can have the service email
    /// a whole organisation. The index on (raiser, opening time) is walked, not the cases
    /// read, so the answer costs the same however many they raised.
    pub async fn nth_latest_raise(
        &self,
        person: disputes_workflow::PersonId,
        since: DateTime<Utc>,
        n: u32,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        let Some(skipped) = n.checked_sub(1) else {
            return Ok(None);
        };
        let query = cases::Entity::find()
            .select_only()
            .column(cases::Column::OpenedAt)
            .filter(cases::Column::RaisedBy.eq(person.0))
            .filter(cases::Column::OpenedAt.gte(since))
            .order_by_desc(cases::Column::OpenedAt)
            .offset(u64::from(skipped))
            .limit(1)
            .into_query();
        self.reads()
            .first(&query, |row| row.time("opened_at"))
            .await
    }

    /// The case with `reference` as it stood at `version`, just after its event of that
    /// number: what a write that moved it there answered with.
    pub async fn case_at(&self, reference: &str, version: u32) -> Result<StoredCase, StoreError> {
        let row = find(&self.read, reference).await?;
        let event = case_events::Entity::find()
            .filter(case_events::Column::CaseId.eq(row.id))
            .filter(case_events::Column::Seq.eq(i64::from(version)))
            .one(&self.read)
            .await?
            .ok_or(StoreError::NotFound)?;
        let record = match event.case_after {
            Some(record) => record,
            None => record_of(&self.read, row.id).await?,
        };
        Ok(StoredCase {
            reference: reference.to_owned(),
            case: serde_json::from_str(&record)?,
            row: None,
        })
    }

    /// The case with `reference`. (Whether the caller may see it is the caller's question:
    /// ask [`disputes_workflow::visibility`].)
    pub async fn case(&self, reference: &str) -> Result<StoredCase, StoreError> {
        StoredCase::read(load(&self.reads(), reference).await?)
    }

    /// Applies `command` to the case with `reference`, as one transaction: the new state
    /// (only if the case is still at the version it was read at, or at `expected_version`
    /// when given), the hash-chained event, the deadline and decision tables, and an email
    /// per person told. Nothing is written if anything fails.
    ///
    /// The case is read, decided on and its emails addressed before the transaction, so
    /// the transaction only writes and holds the database (SQLite's one writer) for as
    /// short a time as it can. If another action commits in between, the version check
    /// finds it: with `expected_version` that is the caller's conflict; without, the
    /// command is decided again on the newer case, a few times at most.
    pub async fn apply(
        &self,
        reference: &str,
        command: &Command,
        expected_version: Option<u32>,
    ) -> Result<StoredCase, StoreError> {
        self.apply_to(&self.case(reference).await?, command, expected_version)
            .await
    }

    /// [`Store::apply`] to a case already read (by [`Store::case`]), without reading it
    /// again unless another action commits first.
    pub async fn apply_to(
        &self,
        stored: &StoredCase,
        command: &Command,
        expected_version: Option<u32>,
    ) -> Result<StoredCase, StoreError> {
        self.apply_to_keyed(stored, command, expected_version, None)
            .await
    }

    /// [`Store::apply_to`], completing the request's idempotency key `key`, if any, in the
    /// action's transaction.
    pub async fn apply_to_keyed(
        &self,
        stored: &StoredCase,
        command: &Command,
        expected_version: Option<u32>,
        key: Option<&KeyedWrite>,
    ) -> Result<StoredCase, StoreError> {
        let mut read = Some(stored.clone()).filter(|s| s.row.is_some());
        let mut attempt = 1;
        loop {
            let current = match read.take() {
                Some(current) => current,
                None => self.case(&stored.reference).await?,
            };
            match self
                .try_apply(current, command, expected_version, key)
                .await
            {
                Err(StoreError::Stale {
                    expected: read,
                    current: None,
                }) if expected_version.is_none() && attempt < APPLY_ATTEMPTS => {
                    tracing::debug!(case = %stored.reference, read, attempt, "the case moved on; deciding again");
                    attempt += 1;
                }
                result => return result,
            }
        }
    }

    async fn try_apply(
        &self,
        stored: StoredCase,
        command: &Command,
        expected_version: Option<u32>,
        key: Option<&KeyedWrite>,
    ) -> Result<StoredCase, StoreError> {
        let StoredCase {
            reference,
            case,
            row,
        } = stored;
        let row = row.ok_or_else(|| StoreError::Corrupt("a case not read from its row".into()))?;
        // Whether the person may take the action at all is answered before a stale version
        // is, and that before the state and the fields are judged.
        case.admits(command.action.kind(), &command.actor)?;
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
        let written = Sealed::of(&reference, &row.last_event_hash, &event, &next)?;
        let (key, at, read) = (key.cloned(), command.at, case.version);
        self.write(move |tx| {
            Box::pin(async move {
                // The version check: if another action committed since this case was read,
                // no row matches and nothing is written.
                cases::Entity::update_many()
                    .set(columns(&next, &written.hash, at)?)
                    .filter(cases::Column::Id.eq(row.id))
                    .filter(cases::Column::Version.eq(i64::from(case.version)))
                    .guard_in(tx, moved(read))
                    .await?;
                case_records::Entity::update_many()
                    .col_expr(
                        case_records::Column::Record,
                        Expr::value(written.record.as_str()),
                    )
                    .filter(case_records::Column::CaseId.eq(row.id))
                    .run_in(tx)
                    .await?;
                let on = Row {
                    id: row.id,
                    reference: &reference,
                    previous: &row.last_event_hash,
                    key: key.as_ref(),
                };
                record_event(tx, on, Some(&case), &next, &event, &written).await?;
                Ok(StoredCase {
                    reference,
                    case: next,
                    row: Some(RowMark {
                        id: row.id,
                        last_event_hash: written.hash,
                        names: row.names,
                    }),
                })
            })
        })
        .await
    }

    /// The id of `stored`'s row: as it was read, or looked up by its reference when it was
    /// not read from its row (a case just raised).
    pub(crate) async fn row_id(&self, stored: &StoredCase) -> Result<i64, StoreError> {
        match &stored.row {
            Some(row) => Ok(row.id),
            None => Ok(find(&self.read, &stored.reference).await?.id),
        }
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

/// The case row with `reference` (what acting on it needs of the row), its record and its
/// organisations' names, in one query.
pub(crate) async fn load(reads: &Reads<'_>, reference: &str) -> Result<Loaded, StoreError> {
    let (raising, respondent) = (Alias::new("raising"), Alias::new("respondent"));
    let select = Query::select()
        .columns([
            (cases::Entity, cases::Column::Id),
            (cases::Entity, cases::Column::Reference),
            (cases::Entity, cases::Column::LastEventHash),
        ])
        .expr_as(
            Expr::col((case_records::Entity, case_records::Column::Record)),
            Alias::new("record"),
        )
        .expr_as(
            Expr::col((raising.clone(), organisations::Column::Name)),
            Alias::new("raising_name"),
        )
        .expr_as(
            Expr::col((respondent.clone(), organisations::Column::Name)),
            Alias::new("respondent_name"),
        )
        .from(cases::Entity)
        .inner_join(
            case_records::Entity,
            Expr::col((case_records::Entity, case_records::Column::CaseId))
                .equals((cases::Entity, cases::Column::Id)),
        )
        .join_as(
            JoinType::InnerJoin,
            organisations::Entity,
            raising.clone(),
            Expr::col((raising, organisations::Column::Id))
                .equals((cases::Entity, cases::Column::RaisingOrganisationId)),
        )
        .join_as(
            JoinType::InnerJoin,
            organisations::Entity,
            respondent.clone(),
            Expr::col((respondent, organisations::Column::Id))
                .equals((cases::Entity, cases::Column::RespondentOrganisationId)),
        )
        .and_where(Expr::col((cases::Entity, cases::Column::Reference)).eq(reference))
        .to_owned();
    reads
        .first(&select, |row| {
            Ok(Loaded {
                id: row.int("id")?,
                reference: row.text("reference")?,
                last_event_hash: row.text("last_event_hash")?,
                record: row.text("record")?,
                names: (row.text("raising_name")?, row.text("respondent_name")?),
            })
        })
        .await?
        .ok_or(StoreError::NotFound)
}

/// The record of the case with id `case_id`.
pub(crate) async fn record_of(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<String, StoreError> {
    Ok(case_records::Entity::find_by_id(case_id)
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)?
        .record)
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

/// The columns of the case row that follow from the case; the caller adds the fixed ones.
pub(crate) fn columns(
    case: &Case,
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
        ..Default::default()
    })
}

/// What an event writes, serialised once: the event, its text's seals, the case after it,
/// and the event's link in the hash chain.
pub(crate) struct Sealed {
    pub(crate) payload: String,
    pub(crate) seals: String,
    pub(crate) record: String,
    pub(crate) hash: String,
}

impl Sealed {
    /// `event` of case `reference`, following `previous`, with new seals, leaving `case`.
    pub(crate) fn of(
        reference: &str,
        previous: &str,
        event: &CaseEvent,
        case: &Case,
    ) -> Result<Sealed, StoreError> {
        let seals = seal(event);
        let hash = link(reference, previous, event, &seals)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(Sealed {
            payload: serde_json::to_string(event)?,
            seals: serde_json::to_string(&seals)?,
            record: serde_json::to_string(case)?,
            hash,
        })
    }
}

/// A raised case's writes, in its transaction: the next reference of the year, the case row
/// and its record, its first event, its query tables and its emails. Answers the reference.
async fn write_raised(
    tx: &Tx<'_>,
    prefix: &str,
    case: &Case,
    event: &CaseEvent,
    at: DateTime<Utc>,
    key: Option<&KeyedWrite>,
) -> Result<String, StoreError> {
    let respondent = Query::select()
        .expr(Expr::val(1))
        .from(organisations::Entity)
        .and_where(Expr::col(organisations::Column::Id).eq(case.respondent_organisation_id.0))
        .to_owned();
    if tx.scalar(&respondent).await?.is_none() {
        return Err(Refusal::invalid(
            "respondent_organisation_id",
            "there is no such organisation",
        )
        .into());
    }
    let opened_on = case.opened_on();
    let year = opened_on.year();
    let number = next_number(tx, year).await?;
    let reference = format!("{prefix}-{year}-{number:04}");
    let written = Sealed::of(&reference, GENESIS, event, case)?;
    let id = cases::Entity::insert(cases::ActiveModel {
        reference: Set(reference.clone()),
        year: Set(year),
        number: Set(number),
        title: Set(case.title.to_string()),
        raising_organisation_id: Set(case.raising_organisation_id.0),
        respondent_organisation_id: Set(case.respondent_organisation_id.0),
        raised_by: Set(case.raised_by.0),
        opened_at: Set(case.opened_at),
        opened_on: Set(opened_on),
        ..columns(case, &written.hash, at)?
    })
    .id_in(tx)
    .await?;
    case_records::Entity::insert(case_records::ActiveModel {
        case_id: Set(id),
        record: Set(written.record.clone()),
    })
    .run_in(tx)
    .await?;
    let on = Row {
        id,
        reference: &reference,
        previous: GENESIS,
        key,
    };
    record_event(tx, on, None, case, event, &written).await?;
    Ok(reference)
}

/// Where an event is recorded: the case row's id and reference, the hash the event chains
/// to, and the request's idempotency key.
#[derive(Clone, Copy)]
pub(crate) struct Row<'a> {
    pub(crate) id: i64,
    pub(crate) reference: &'a str,
    pub(crate) previous: &'a str,
    pub(crate) key: Option<&'a KeyedWrite>,
}

/// What every event writes once its case row is: the event in the chain, the query tables
/// brought up to `new` (and, as it is raised, the case's text made searchable), an email to
/// each of the people told, and the request's key completed.
pub(crate) async fn record_event(
    tx: &Tx<'_>,
    on: Row<'_>,
    old: Option<&Case>,
    new: &Case,
    event: &CaseEvent,
    written: &Sealed,
) -> Result<(), StoreError> {
    append_event(tx, on.id, event, on.previous, written).await?;
    projection::project(tx, on.id, old, new, event).await?;
    if old.is_none() {
        let text = new.searchable_text(on.reference);
        search::index(tx, on.id, (Source::Case, on.id), Visibility::Parties, text).await?;
    }
    outbox::enqueue(tx, on.id, on.reference, new, event).await?;
    let outcome = WriteOutcome::Case {
        reference: on.reference.to_owned(),
        version: new.version,
    };
    complete_in(tx, on.key, &outcome).await
}

async fn append_event(
    txn: &Tx<'_>,
    case_id: i64,
    event: &CaseEvent,
    previous: &str,
    written: &Sealed,
) -> Result<(), StoreError> {
    let row = case_events::ActiveModel {
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
        payload: Set(written.payload.clone()),
        prev_hash: Set(previous.to_owned()),
        hash: Set(written.hash.clone()),
        case_after: Set(Some(written.record.clone())),
        seals: Set(Some(written.seals.clone())),
        ..Default::default()
    };
    case_events::Entity::insert(row).run_in(txn).await?;
    Ok(())
}

/// Takes the next case number of `year`: the counter row is locked until the transaction
/// ends, so numbers are unique, and a rolled-back case gives its number back.
async fn next_number(txn: &Tx<'_>, year: i32) -> Result<i32, StoreError> {
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
    let number = txn
        .scalar(&statement)
        .await?
        .ok_or_else(|| StoreError::Corrupt("the case counter returned nothing".into()))?;
    i32::try_from(number).map_err(|_| StoreError::Corrupt("case number out of range".into()))
}
