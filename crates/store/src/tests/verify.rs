//! The verifier finds what was tampered with, and says where.

use disputes_workflow::*;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};

use super::{Cast, TestDb, on_both_databases, walk_to_an_appeal, walk_to_the_end};
use crate::entity::{case_events, cases};

/// Runs `statement` on the database directly, as someone with access to it would.
pub(super) async fn sql(db: &TestDb, statement: &str) {
    let raw = db.raw();
    raw.execute_raw(Statement::from_string(
        raw.get_database_backend(),
        statement.to_owned(),
    ))
    .await
    .unwrap();
}

async fn event(db: &TestDb, seq: i32) -> case_events::Model {
    case_events::Entity::find()
        .filter(case_events::Column::Seq.eq(seq))
        .one(db.raw())
        .await
        .unwrap()
        .unwrap()
}

/// The hash a forger with the database's contents would compute for `event` with `payload`,
/// following `previous`: by its seals, which are in the database beside it.
pub(super) fn forged_hash(
    reference: &str,
    previous: &str,
    event: &case_events::Model,
    payload: &str,
) -> String {
    let decoded: CaseEvent = serde_json::from_str(payload).unwrap();
    let seals =
        serde_json::from_str::<Vec<crate::chain::Seal>>(event.seals.as_deref().unwrap()).unwrap();
    crate::chain::link(reference, previous, &decoded, &seals).unwrap()
}

async fn reseal(db: &TestDb, id: i64, payload: &str, previous: &str, hash: &str) {
    let update = Query::update()
        .table(case_events::Entity)
        .value(case_events::Column::Payload, payload)
        .value(case_events::Column::PrevHash, previous)
        .value(case_events::Column::Hash, hash)
        .and_where(Expr::col(case_events::Column::Id).eq(id))
        .to_owned();
    db.raw().execute(&update).await.unwrap();
}

on_both_databases! {
    async fn untouched_cases_verify(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        walk_to_the_end(&db.store, &cast).await;
        cast.raise(&db.store).await;
        let report = db.store.verify().await.unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
        assert_eq!((report.cases, report.events), (2, 11));
    }

    async fn an_edited_event_payload_is_found(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = walk_to_the_end(&db.store, &cast).await;
        cast.raise(&db.store).await;
        // Someone with database access changes the decision's outcome in the trail.
        sql(
            &db,
            "UPDATE case_events SET payload = REPLACE(payload, '\"partly_upheld\"', '\"upheld\"') \
             WHERE seq = 7",
        )
        .await;
        let report = db.store.verify().await.unwrap();
        assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
        let problem = &report.problems[0];
        assert_eq!((problem.reference.as_str(), problem.seq), (reference.as_str(), Some(7)));
        assert!(problem.problem.contains("edited"), "{problem}");
        assert_eq!(problem.to_string(), format!("{reference} event 7: {}", problem.problem));
    }

    async fn a_resealed_forgery_breaks_the_next_link(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = walk_to_the_end(&db.store, &cast).await;
        // A forger edits event 3 and computes its hash afresh: event 4 no longer links.
        let event = event(&db, 3).await;
        let payload = event.payload.replace("No progress.", "A forged reason.");
        assert_ne!(payload, event.payload);
        let hash = forged_hash(&reference, &event.prev_hash, &event, &payload);
        reseal(&db, event.id, &payload, &event.prev_hash, &hash).await;
        let report = db.store.verify().await.unwrap();
        assert_eq!(report.problems[0].seq, Some(4));
        assert!(report.problems[0].problem.contains("does not link"));
    }

    async fn a_removed_event_is_found(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        walk_to_the_end(&db.store, &cast).await;
        sql(&db, "DELETE FROM case_events WHERE seq = 5").await;
        let report = db.store.verify().await.unwrap();
        assert_eq!(report.problems[0].seq, Some(5));
        assert!(report.problems[0].problem.contains("missing"));
    }

    async fn a_record_that_replay_does_not_reproduce_is_found(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = walk_to_the_end(&db.store, &cast).await;
        // The stored record is edited to a different outcome; the chain is intact, but
        // replaying the events gives the true one.
        sql(
            &db,
            "UPDATE case_records SET record = REPLACE(record, '\"outcome\":\"partly_upheld\"}', \
             '\"outcome\":\"upheld\"}')",
        )
        .await;
        let stored = db.store.case(&reference).await.unwrap();
        assert_eq!(stored.case.state.outcome(), Some(Outcome::Upheld), "the edit took");
        let report = db.store.verify().await.unwrap();
        assert_eq!(report.problems.len(), 1);
        assert!(report.problems[0].problem.contains("replaying"), "{}", report.problems[0]);
    }

    async fn an_event_the_rules_forbid_is_found_on_replay(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        walk_to_the_end(&db.store, &cast).await;
        // Rewrite the acknowledgement as if the raiser had made it, and re-seal the whole
        // chain so that only the replay can tell.
        let reference = crate::cases::find(db.raw(), "LEIC-2026-0001").await.unwrap();
        let as_json = |p: &Person| {
            let json = serde_json::to_string(p).unwrap();
            json[1..json.len() - 1].to_owned()
        };
        let mut previous = crate::chain::GENESIS.to_owned();
        for seq in 1..=10 {
            let event = event(&db, seq).await;
            let payload = if seq == 2 {
                event.payload.replace(&as_json(&cast.respondent), &as_json(&cast.raiser))
            } else {
                event.payload.clone()
            };
            let hash = forged_hash(&reference.reference, &previous, &event, &payload);
            reseal(&db, event.id, &payload, &previous, &hash).await;
            previous = hash;
        }
        let update = Query::update()
            .table(cases::Entity)
            .value(cases::Column::LastEventHash, previous)
            .to_owned();
        db.raw().execute(&update).await.unwrap();
        let report = db.store.verify().await.unwrap();
        assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
        assert_eq!(report.problems[0].seq, Some(2));
        assert!(report.problems[0].problem.contains("replay fails"), "{}", report.problems[0]);
    }
}

on_both_databases! {
    async fn an_overturned_decisions_recommendations_are_withdrawn_and_old_records_brought_along(db: TestDb) {
        use disputes_migration::{Migrator, MigratorTrait};
        let cast = Cast::enrol(&db.store).await;
        let reference = walk_to_an_appeal(&db.store, &cast, AppealResult::DecisionOverturned).await;
        let stored = db.store.case(&reference).await.unwrap();
        let decided_on = stored.case.appeal_decision.as_ref().unwrap().decided_on;
        let withdrawn = &stored.case.decision.as_ref().unwrap().recommendations[0];
        assert_eq!((withdrawn.status, withdrawn.marked_on), (RecommendationStatus::Withdrawn, Some(decided_on)));
        let open = crate::RecommendationFilter { status: Some(RecommendationStatus::Open), ..Default::default() };
        let listed = db.store.recommendations(&cast.chair, &open, decided_on, crate::PageRequest::default()).await.unwrap();
        assert_eq!(listed.total, 0, "a withdrawn recommendation leaves the open list");
        assert!(db.store.verify().await.unwrap().is_ok());

        // A case overturned before this rule: its record and row as the older code left them.
        // Replay now withdraws, so verify finds the record stale until migration 18 runs.
        let id = crate::cases::find(db.raw(), &reference).await.unwrap().id;
        let record = crate::cases::record_of(db.raw(), id).await.unwrap();
        let old = record.replace("\"status\":\"withdrawn\"", "\"status\":\"open\"").replace(&format!(",\"marked_on\":\"{decided_on}\""), "");
        assert_ne!(old, record);
        let old = old.replace('\'', "''");
        sql(&db, &format!("UPDATE case_records SET record = '{old}' WHERE case_id = {id}")).await;
        sql(&db, &format!("UPDATE recommendations SET status = 'open', marked_on = NULL WHERE case_id = {id}")).await;
        assert!(!db.store.verify().await.unwrap().is_ok(), "the old record no longer replays");
        // Migration 18 and those after it, down and up again.
        let from_18 = u32::try_from(Migrator::migrations().len() - 17).unwrap();
        Migrator::down(db.raw(), Some(from_18)).await.unwrap();
        Migrator::up(db.raw(), None).await.unwrap();
        assert!(db.store.verify().await.unwrap().is_ok(), "migration 18 brought the record along");
        let listed = db.store.recommendations(&cast.chair, &Default::default(), decided_on, crate::PageRequest::default()).await.unwrap();
        assert_eq!(listed.items[0].status, RecommendationStatus::Withdrawn);
        assert_eq!(listed.items[0].marked_on, Some(decided_on));
    }
}
