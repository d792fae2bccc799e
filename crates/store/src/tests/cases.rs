//! Raising cases and carrying them through the process, with everything an action writes.

use chrono::Duration;
use disputes_workflow::*;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use super::{Cast, command, on_both_databases, start, walk_to_the_end};
use crate::entity::{
    appeal_decisions, case_events, deadlines, decisions, outbox, panel_members, panels,
    recommendations, stage_spans,
};
use crate::{RecommendationFilter, StoreError};

on_both_databases! {
    async fn references_are_sequential_per_year_and_gap_free(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let settings = crate::tests::settings();
        let first = cast.raise(&db.store).await;
        assert_eq!(first.reference, "LEIC-2026-0001");
        // A refused case takes no number.
        let mut own = cast.new_case();
        own.respondent_organisation_id = cast.volunteers;
        let refused = db.store.raise_case(own, &cast.raiser, start(), &settings).await;
        assert!(matches!(refused, Err(StoreError::Refused(Refusal::Invalid(_)))));
        let mut unknown = cast.new_case();
        unknown.respondent_organisation_id = OrganisationId(9999);
        let refused = db.store.raise_case(unknown, &cast.raiser, start(), &settings).await;
        assert!(matches!(refused, Err(StoreError::Refused(Refusal::Invalid(_)))));
        let second = cast.raise(&db.store).await;
        assert_eq!(second.reference, "LEIC-2026-0002");
        // The count starts again each year, by the Compact's calendar.
        let new_year = "2027-01-01T00:30:00Z".parse().unwrap();
        let next_year = db
            .store
            .raise_case(cast.new_case(), &cast.raiser, new_year, &settings)
            .await
            .unwrap();
        assert_eq!(next_year.reference, "LEIC-2027-0001");
        assert_eq!(db.store.case("LEIC-2026-0002").await.unwrap(), second);
        assert!(matches!(db.store.case("LEIC-2026-0003").await, Err(StoreError::NotFound)));
    }

    async fn a_raised_case_is_stored_with_its_event_deadline_and_emails(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let stored = cast.raise(&db.store).await;
        assert_eq!(stored.case.state.name(), "raised");
        assert_eq!(db.store.case(&stored.reference).await.unwrap(), stored);

        let events = db.store.events(&stored.reference).await.unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].event.seq, 1);
        assert_eq!(events[0].event.name(), "raised");

        let deadline = deadlines::Entity::find().one(db.raw()).await.unwrap().unwrap();
        assert_eq!(deadline.kind, "acknowledgement");
        assert_eq!(deadline.due_on.to_string(), "2026-03-09");
        assert_eq!(deadline.remind_on.to_string(), "2026-03-05");
        assert_eq!(deadline.overdue_on.to_string(), "2026-03-10");
        assert_eq!(
            deadline.calendar_version,
            format!("england_and_wales/{}", Release::CURRENT)
        );

        // The respondent's member and both champions... but not the raiser who acted, and
        // in the informal stage not the subgroup.
        let mut told: Vec<i64> = outbox::Entity::find()
            .all(db.raw())
            .await
            .unwrap()
            .into_iter()
            .map(|row| row.recipient_id.unwrap())
            .collect();
        told.sort_unstable();
        assert_eq!(told, [cast.raiser_champion.id.0, cast.respondent.id.0]);
    }

    async fn a_case_walks_through_every_stage_and_every_table_follows(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = walk_to_the_end(&db.store, &cast).await;
        let stored = db.store.case(&reference).await.unwrap();
        assert_eq!(stored.case.state.outcome(), Some(Outcome::PartlyUpheld));
        assert_eq!(stored.case.version, 10);

        let events = db.store.events(&reference).await.unwrap();
        let names: Vec<&str> = events.iter().map(|e| e.event.name()).collect();
        assert_eq!(
            names,
            [
                "raised", "acknowledge", "escalate", "accept_formal", "convene_panel",
                "submit_response", "issue_decision", "appeal", "convene_appeal_panel",
                "decide_appeal"
            ]
        );
        assert_eq!(replay(&events.iter().map(|e| e.event.clone()).collect::<Vec<_>>()).unwrap(), stored.case);

        // Deadlines: one row each, in order, none running once closed.
        let rows = deadlines::Entity::find()
            .order_by_asc(deadlines::Column::Position)
            .all(db.raw())
            .await
            .unwrap();
        assert_eq!(rows.len(), stored.case.deadlines.len());
        for (row, deadline) in rows.iter().zip(&stored.case.deadlines) {
            assert_eq!(row.kind, deadline.kind.as_str());
            assert_eq!(row.status, deadline.status.as_str());
            assert_eq!(row.due_on, deadline.due_on);
        }
        assert!(rows.iter().all(|r| r.status != "running"));

        // Panels and their members.
        assert_eq!(panels::Entity::find().count(db.raw()).await.unwrap(), 2);
        assert_eq!(panel_members::Entity::find().count(db.raw()).await.unwrap(), 4);
        let decision = decisions::Entity::find().one(db.raw()).await.unwrap().unwrap();
        assert_eq!(decision.outcome, "partly_upheld");
        let appeal = appeal_decisions::Entity::find().one(db.raw()).await.unwrap().unwrap();
        assert_eq!(appeal.result, "decision_confirmed");
        let recommendation = recommendations::Entity::find().one(db.raw()).await.unwrap().unwrap();
        assert_eq!(recommendation.status, "open");

        // Stage spans: informal, formal, appeal, each closed.
        let spans = stage_spans::Entity::find()
            .order_by_asc(stage_spans::Column::Position)
            .all(db.raw())
            .await
            .unwrap();
        let stages: Vec<&str> = spans.iter().map(|s| s.stage.as_str()).collect();
        assert_eq!(stages, ["informal", "formal", "appeal"]);
        assert!(spans.iter().all(|s| s.left_on.is_some()));

        // Marking the recommendation after closing updates its row.
        let at = start() + Duration::days(20);
        db.store
            .apply(
                &reference,
                &command(
                    &cast.facilitator,
                    Action::MarkRecommendation {
                        recommendation: 0,
                        status: RecommendationStatus::Implemented,
                    },
                    at,
                ),
                None,
            )
            .await
            .unwrap();
        let recommendation = recommendations::Entity::find().one(db.raw()).await.unwrap().unwrap();
        assert_eq!(recommendation.status, "implemented");
        assert_eq!(recommendation.marked_on, Some(at.date_naive()));
    }

    async fn emails_follow_the_audience_of_each_event(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = walk_to_the_end(&db.store, &cast).await;
        let told = |seq: i32| {
            let raw = db.raw();
            async move {
                let mut ids: Vec<i64> = outbox::Entity::find()
                    .filter(outbox::Column::EventSeq.eq(seq))
                    .all(raw)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|r| r.recipient_id.unwrap())
                    .collect();
                ids.sort_unstable();
                ids
            }
        };
        // Event 2, the acknowledgement, in the informal stage: the raiser's side only.
        assert_eq!(told(2).await, [cast.raiser.id.0, cast.raiser_champion.id.0]);
        // Event 10, the appeal decision by the appeal panel's chair: both parties, both
        // champions, the chair, the facilitator and every panel member but the actor.
        let mut expected = vec![
            cast.raiser.id.0,
            cast.raiser_champion.id.0,
            cast.respondent.id.0,
            cast.chair.id.0,
            cast.facilitator.id.0,
            cast.panel[0].id.0,
            cast.panel[1].id.0,
            cast.appeal_panel[1].id.0,
        ];
        expected.sort_unstable();
        assert_eq!(told(10).await, expected);
        // Every row is pending with a stable, unique key.
        let rows = outbox::Entity::find().all(db.raw()).await.unwrap();
        assert!(rows.iter().all(|r| r.status == "pending" && r.attempts == 0));
        assert!(rows.iter().all(|r| r.message_key.starts_with(&format!("{reference}/"))));
        let stranger = rows.iter().filter(|r| r.recipient_id == Some(cast.stranger.id.0)).count();
        assert_eq!(stranger, 0);
    }

    async fn a_refused_action_writes_nothing(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let stored = cast.raise(&db.store).await;
        let before_events = case_events::Entity::find().count(db.raw()).await.unwrap();
        let before_emails = outbox::Entity::find().count(db.raw()).await.unwrap();
        // The raiser cannot acknowledge (403), nor accept a resolution in `raised` (409).
        let wrong_person = db
            .store
            .apply(&stored.reference, &command(&cast.raiser, Action::Acknowledge, start()), None)
            .await;
        assert!(matches!(&wrong_person, Err(StoreError::Refused(r)) if r.kind() == RefusalKind::Actor));
        let wrong_state = db
            .store
            .apply(&stored.reference, &command(&cast.respondent, Action::AcceptResolution, start()), None)
            .await;
        assert!(matches!(&wrong_state, Err(StoreError::Refused(r)) if r.kind() == RefusalKind::State));
        let unknown = db
            .store
            .apply("LEIC-2026-9999", &command(&cast.respondent, Action::Acknowledge, start()), None)
            .await;
        assert!(matches!(unknown, Err(StoreError::NotFound)));
        assert_eq!(case_events::Entity::find().count(db.raw()).await.unwrap(), before_events);
        assert_eq!(outbox::Entity::find().count(db.raw()).await.unwrap(), before_emails);
        assert_eq!(db.store.case(&stored.reference).await.unwrap(), stored);
    }

    async fn acting_on_an_old_version_is_refused_as_stale(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let stored = cast.raise(&db.store).await;
        let acknowledge = command(&cast.respondent, Action::Acknowledge, start());
        let stale = db.store.apply(&stored.reference, &acknowledge, Some(7)).await;
        assert!(matches!(stale, Err(StoreError::Stale { expected: 7, current: Some(1) })));
        let done = db.store.apply(&stored.reference, &acknowledge, Some(1)).await.unwrap();
        assert_eq!(done.case.version, 2);
        let again = db.store.apply(&stored.reference, &acknowledge, Some(1)).await;
        assert!(matches!(again, Err(StoreError::Stale { expected: 1, current: Some(2) })));
    }

    async fn the_chain_links_every_event_to_the_one_before(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = walk_to_the_end(&db.store, &cast).await;
        let rows = case_events::Entity::find()
            .order_by_asc(case_events::Column::Seq)
            .all(db.raw())
            .await
            .unwrap();
        assert_eq!(rows[0].prev_hash, crate::chain::GENESIS);
        for pair in rows.windows(2) {
            assert_eq!(pair[1].prev_hash, pair[0].hash);
        }
        for row in &rows {
            assert_eq!(row.hash, crate::tests::verify::forged_hash(&reference, &row.prev_hash, row, &row.payload));
        }
        let case = crate::cases::find(db.raw(), &reference).await.unwrap();
        assert_eq!(case.last_event_hash, rows.last().unwrap().hash);
    }
}

on_both_databases! {
    async fn the_email_log_and_the_recommendations_follow_each_case(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = walk_to_the_end(&db.store, &cast).await;
        let log = db.store.notifications(&reference).await.unwrap();
        assert!(log.iter().all(|n| n.status == "pending" && n.attempts == 0));
        assert_eq!(log.iter().filter(|n| n.event_seq == Some(1)).count(), 2);
        assert_eq!(log[0].kind, "raised");

        let today: chrono::NaiveDate = "2026-06-01".parse().unwrap();
        let open = RecommendationFilter {
            status: Some(RecommendationStatus::Open),
            ..RecommendationFilter::default()
        };
        let page = db
            .store
            .recommendations(&cast.raiser_champion, &open, today, crate::PageRequest::default())
            .await
            .unwrap();
        assert_eq!(page.total, 1);
        let row = &page.items[0];
        assert_eq!((row.reference.as_str(), row.position), (reference.as_str(), 0));
        assert_eq!(row.owner_organisation_name, "Leicestershire County Council");
        assert_eq!(db.store.recommendation(row.id).await.unwrap(), *row);
        // Someone who cannot see the case does not see its recommendations.
        let all = RecommendationFilter::default();
        let hidden = db
            .store
            .recommendations(&cast.stranger, &all, today, crate::PageRequest::default())
            .await
            .unwrap();
        assert_eq!(hidden.total, 0);
        let implemented = RecommendationFilter {
            status: Some(RecommendationStatus::Implemented),
            ..RecommendationFilter::default()
        };
        let implemented = db
            .store
            .recommendations(&cast.chair, &implemented, today, crate::PageRequest::default())
            .await
            .unwrap();
        assert_eq!(implemented.total, 0);
        // By the organisation that is to carry it out, and by the year its case was raised.
        for (filter, expected) in [
            (RecommendationFilter { owner_organisation_id: Some(cast.council), ..all.clone() }, 1),
            (RecommendationFilter { owner_organisation_id: Some(cast.volunteers), ..all.clone() }, 0),
            (RecommendationFilter { year: Some(2026), ..all.clone() }, 1),
            (RecommendationFilter { year: Some(2025), ..all.clone() }, 0),
            (RecommendationFilter { year: Some(i32::MAX), ..all.clone() }, 0),
        ] {
            let page = db.store.recommendations(&cast.chair, &filter, today, crate::PageRequest::default()).await.unwrap();
            assert_eq!(page.total, expected, "{filter:?}");
        }
    }
}
