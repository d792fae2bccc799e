//! The audit verifier: walks every case's event chain and replays it.
//!
//! For each case it checks that events are numbered 1, 2, 3, ...; that each links to its
//! predecessor's hash and that its own hash matches its stored payload (an edited payload
//! fails here); that the case row ends the chain; and that replaying the events through the
//! workflow gives exactly the stored record (an edited record, or an event the rules would
//! not allow, fails here).

use disputes_workflow::{CaseEvent, replay};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::Store;
use crate::chain::{GENESIS, Seal, link, link_v1};
use crate::entity::{case_events, cases};
use crate::error::StoreError;

/// One thing that does not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyProblem {
    /// The case.
    pub reference: String,
    /// The event, when the problem is in one.
    pub seq: Option<u32>,
    /// What is wrong.
    pub problem: String,
}

impl std::fmt::Display for VerifyProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.seq {
            Some(seq) => write!(f, "{} event {seq}: {}", self.reference, self.problem),
            None => write!(f, "{}: {}", self.reference, self.problem),
        }
    }
}

/// What the verifier found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerifyReport {
    /// Cases checked.
    pub cases: u64,
    /// Events checked.
    pub events: u64,
    /// The first problem of each case that has one, in case order.
    pub problems: Vec<VerifyProblem>,
}

impl VerifyReport {
    /// Whether everything verified.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Cases are read a batch at a time, so memory stays flat however many there are.
const BATCH: u64 = 200;

impl Store {
    /// Verifies every case's audit chain and replay.
    pub async fn verify(&self) -> Result<VerifyReport, StoreError> {
        let mut report = VerifyReport::default();
        let mut after = 0_i64;
        loop {
            let batch = cases::Entity::find()
                .filter(cases::Column::Id.gt(after))
                .order_by_asc(cases::Column::Id)
                .limit(BATCH)
                .all(&self.read)
                .await?;
            let Some(last) = batch.last() else { break };
            after = last.id;
            for case in batch {
                let events = case_events::Entity::find()
                    .filter(case_events::Column::CaseId.eq(case.id))
                    .order_by_asc(case_events::Column::Seq)
                    .all(&self.read)
                    .await?;
                let record = crate::cases::record_of(&self.read, case.id).await?;
                report.cases += 1;
                report.events += events.len() as u64;
                if let Err((seq, problem)) = verify_case(&case, &record, &events) {
                    report.problems.push(VerifyProblem {
                        reference: case.reference.clone(),
                        seq,
                        problem,
                    });
                }
            }
        }
        Ok(report)
    }
}

type Finding = (Option<u32>, String);

/// An event as it is linked into its case's chain: all that is needed to check it, in the
/// database or offline (a case bundle's `audit/events.json`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChainLink {
    /// Its number in the case's trail, from 1.
    pub seq: u32,
    /// The event, as the workflow wrote it (its removed text as `[removed]`).
    pub payload: String,
    /// The seals of its text (JSON), or none for an event hashed whole.
    pub seals: Option<String>,
    /// The hash of the event before it.
    pub prev_hash: String,
    /// Its own hash.
    pub hash: String,
}

impl ChainLink {
    pub(crate) fn of(row: &case_events::Model) -> ChainLink {
        ChainLink {
            seq: u32::try_from(row.seq).unwrap_or(u32::MAX),
            payload: row.payload.clone(),
            seals: row.seals.clone(),
            prev_hash: row.prev_hash.clone(),
            hash: row.hash.clone(),
        }
    }
}

/// The hash `event` should have: by its seals, when it has them, checking that its payload is
/// exactly the workflow's own writing of `decoded` (so no byte changes unnoticed); or by the
/// rule of events hashed whole.
fn chained(reference: &str, event: &ChainLink, decoded: &CaseEvent) -> Result<String, String> {
    let Some(seals) = &event.seals else {
        return Ok(link_v1(
            reference,
            event.seq,
            &event.prev_hash,
            &event.payload,
        ));
    };
    let seals: Vec<Seal> =
        serde_json::from_str(seals).map_err(|e| format!("its seals cannot be read: {e}"))?;
    if serde_json::to_string(decoded).ok().as_deref() != Some(event.payload.as_str()) {
        return Err("its payload is not as it was written: it was edited".to_owned());
    }
    link(reference, &event.prev_hash, decoded, &seals).map_err(|e| e.to_string())
}

/// Checks that `links` are case `reference`'s events 1, 2, 3, ..., each linking to the one
/// before and hashing to its own hash, and answers them read. Needs no database: it checks a
/// case bundle's trail offline as it checks the database's.
pub fn verify_links(reference: &str, links: &[ChainLink]) -> Result<Vec<CaseEvent>, VerifyProblem> {
    walk(reference, links).map_err(|(seq, problem)| VerifyProblem {
        reference: reference.to_owned(),
        seq,
        problem,
    })
}

fn walk(reference: &str, links: &[ChainLink]) -> Result<Vec<CaseEvent>, Finding> {
    let mut previous = GENESIS;
    let mut parsed = Vec::with_capacity(links.len());
    for (i, event) in links.iter().enumerate() {
        let expected = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let seq = Some(event.seq);
        if event.seq != expected {
            return Err((
                Some(expected),
                format!(
                    "event {expected} is missing (found {} in its place)",
                    event.seq
                ),
            ));
        }
        if event.prev_hash != previous {
            return Err((seq, "does not link to the event before it".to_owned()));
        }
        let decoded: CaseEvent = serde_json::from_str(&event.payload)
            .map_err(|e| (seq, format!("its payload cannot be read: {e}")))?;
        if chained(reference, event, &decoded).map_err(|problem| (seq, problem))? != event.hash {
            return Err((
                seq,
                "its hash does not match its contents: it was edited".to_owned(),
            ));
        }
        if decoded.seq != expected {
            return Err((seq, "its payload carries another event's number".to_owned()));
        }
        parsed.push(decoded);
        previous = &event.hash;
    }
    Ok(parsed)
}

pub(crate) fn verify_case(
    case: &cases::Model,
    record: &str,
    events: &[case_events::Model],
) -> Result<(), Finding> {
    let links: Vec<ChainLink> = events.iter().map(ChainLink::of).collect();
    let parsed = walk(&case.reference, &links)?;
    let last = links.last().map_or(GENESIS, |l| l.hash.as_str());
    if case.last_event_hash != last {
        return Err((
            None,
            "the case does not end where its event chain ends".to_owned(),
        ));
    }
    let replayed =
        replay(&parsed).map_err(|e| (Some(e.seq), format!("replay fails: {}", e.problem)))?;
    let stored: disputes_workflow::Case = serde_json::from_str(record)
        .map_err(|e| (None, format!("the stored case cannot be read: {e}")))?;
    if replayed != stored {
        return Err((
            None,
            "replaying its events does not give the stored case".to_owned(),
        ));
    }
    if i64::from(stored.version) != i64::from(case.version) || stored.state.name() != case.state {
        return Err((None, "the case row disagrees with its record".to_owned()));
    }
    Ok(())
}
