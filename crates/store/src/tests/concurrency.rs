//! Many hands on one case at once: exactly one wins.

use std::sync::Arc;

use disputes_workflow::*;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::{Cast, command, on_both_databases, settings as test_settings, start, text};
use crate::StoreError;
use crate::entity::case_events;

const TASKS: usize = 16;

on_both_databases! {
    async fn the_same_action_at_the_same_version_commits_once(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let stored = cast.raise(&db.store).await;
        let store = Arc::new(db.store.clone());
        let acknowledge = Arc::new(command(&cast.respondent, Action::Acknowledge, start()));
        let barrier = Arc::new(tokio::sync::Barrier::new(TASKS));
        let tasks: Vec<_> = (0..TASKS)
            .map(|_| {
                let (store, acknowledge, barrier) = (store.clone(), acknowledge.clone(), barrier.clone());
                let reference = stored.reference.clone();
                tokio::spawn(async move {
                    barrier.wait().await;
                    store.apply(&reference, &acknowledge, Some(1)).await
                })
            })
            .collect();
        let mut committed = 0;
        let mut stale = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(case) => {
                    committed += 1;
                    assert_eq!(case.case.version, 2);
                }
                Err(StoreError::Stale { expected: 1, .. }) => stale += 1,
                Err(other) => panic!("unexpected error: {other:?}"),
            }
        }
        assert_eq!((committed, stale), (1, TASKS - 1));
        let case_id = crate::cases::find(db.raw(), &stored.reference).await.unwrap().id;
        let events = case_events::Entity::find()
            .filter(case_events::Column::CaseId.eq(case_id))
            .count(db.raw())
            .await
            .unwrap();
        assert_eq!(events, 2, "the raising and exactly one acknowledgement");
        assert!(db.store.verify().await.unwrap().is_ok());
    }

    async fn different_cases_proceed_side_by_side(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let mut references = Vec::new();
        for _ in 0..8 {
            references.push(cast.raise(&db.store).await.reference);
        }
        let store = Arc::new(db.store.clone());
        let acknowledge = Arc::new(command(&cast.respondent, Action::Acknowledge, start()));
        let tasks: Vec<_> = references
            .iter()
            .map(|reference| {
                let (store, acknowledge, reference) = (store.clone(), acknowledge.clone(), reference.clone());
                tokio::spawn(async move { store.apply(&reference, &acknowledge, None).await })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap().unwrap().case.state.name(), "in_dialogue");
        }
        assert!(db.store.verify().await.unwrap().is_ok());
    }

    async fn actions_without_a_version_are_decided_again_when_another_commits_first(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let stored = cast.raise(&db.store).await;
        let store = Arc::new(db.store.clone());
        // Four extensions of a day each, all at once: each is valid on whatever the others
        // left, so every one lands, one after another.
        let extend = Arc::new(command(
            &cast.facilitator,
            Action::ExtendDeadline { working_days: 1, reason: text("More time."), deadline: None },
            start(),
        ));
        let barrier = Arc::new(tokio::sync::Barrier::new(4));
        let tasks: Vec<_> = (0..4)
            .map(|_| {
                let (store, extend, barrier) = (store.clone(), extend.clone(), barrier.clone());
                let reference = stored.reference.clone();
                tokio::spawn(async move {
                    barrier.wait().await;
                    store.apply(&reference, &extend, None).await
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        let now = db.store.case(&stored.reference).await.unwrap().case;
        assert_eq!(now.version, 5);
        assert_eq!(now.extensions.len(), 4);
        assert!(db.store.verify().await.unwrap().is_ok());
    }

    async fn concurrent_raising_gives_distinct_gap_free_references(db: TestDb) {
        let cast = Arc::new(Cast::enrol(&db.store).await);
        let store = Arc::new(db.store.clone());
        let tasks: Vec<_> = (0..TASKS)
            .map(|_| {
                let (store, cast) = (store.clone(), cast.clone());
                tokio::spawn(async move { cast.raise(&store).await.reference })
            })
            .collect();
        let mut references = Vec::new();
        for task in tasks {
            references.push(task.await.unwrap());
        }
        references.sort();
        let expected: Vec<String> = (1..=TASKS).map(|n| format!("LEIC-2026-{n:04}")).collect();
        assert_eq!(references, expected);
    }
}

on_both_databases! {
    async fn writes_that_commit_together_still_stand_or_fall_alone(db: TestDb) {
        // Raises by someone whose organisation and account do not exist fail inside their
        // write, after taking a case number (the case row refers to both); beside them, good
        // raises commit. Whether or not they share a commit (SQLite's writer runs the writes
        // waiting together, each kept apart), a failed one leaves nothing behind: not its
        // row, and not its number.
        let cast = Cast::enrol(&db.store).await;
        let store = Arc::new(db.store.clone());
        let barrier = Arc::new(tokio::sync::Barrier::new(TASKS));
        let tasks: Vec<_> = (0..TASKS)
            .map(|i| {
                let (store, barrier) = (store.clone(), barrier.clone());
                let new = cast.new_case();
                let mut raiser = cast.raiser.clone();
                if i % 2 == 1 {
                    raiser.id = PersonId(999_999);
                    raiser.organisation_id = OrganisationId(999_999);
                }
                tokio::spawn(async move {
                    barrier.wait().await;
                    store.raise_case(new, &raiser, start(), &test_settings()).await
                })
            })
            .collect();
        let mut numbers = Vec::new();
        for (i, task) in tasks.into_iter().enumerate() {
            match (i % 2, task.await.unwrap()) {
                (0, Ok(stored)) => numbers.push(stored.reference),
                (1, Err(StoreError::Refused(_))) => {}
                (_, other) => panic!("raise {i} came to {other:?}"),
            }
        }
        numbers.sort();
        let expected: Vec<String> = (1..=TASKS / 2)
            .map(|n| format!("{}-2026-{n:04}", test_settings().reference_prefix))
            .collect();
        assert_eq!(numbers, expected, "gap-free: the failed raises gave their numbers back");
        let cases = crate::entity::cases::Entity::find().count(db.raw()).await.unwrap();
        assert_eq!(cases, (TASKS / 2) as u64);
        assert!(db.store.verify().await.unwrap().is_ok());
    }
}
