//! An action that fails half-way leaves no trace.
//!
//! The fault is injected by the database itself: a trigger refuses the outbox insert, which
//! comes after the case update and the event insert in the action's transaction.

use disputes_workflow::*;
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait};

use super::{Cast, TestDb, command, on_both_databases, start};
use crate::StoreError;
use crate::entity::{case_events, deadlines, outbox};

async fn fail_every_outbox_insert(db: &TestDb) {
    let raw = db.raw();
    let statements: &[&str] = match raw.get_database_backend() {
        DbBackend::Postgres => &[
            "CREATE FUNCTION refuse_outbox() RETURNS trigger AS $$ \
             BEGIN RAISE EXCEPTION 'injected fault'; END; $$ LANGUAGE plpgsql",
            "CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox \
             FOR EACH ROW EXECUTE FUNCTION refuse_outbox()",
        ],
        _ => &["CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox \
                BEGIN SELECT RAISE(ABORT, 'injected fault'); END"],
    };
    for statement in statements {
        raw.execute_unprepared(statement).await.unwrap();
    }
}

async fn counts(db: &TestDb) -> (u64, u64, u64) {
    (
        case_events::Entity::find().count(db.raw()).await.unwrap(),
        outbox::Entity::find().count(db.raw()).await.unwrap(),
        deadlines::Entity::find().count(db.raw()).await.unwrap(),
    )
}

on_both_databases! {
    async fn a_failure_after_the_event_insert_leaves_no_trace(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let stored = cast.raise(&db.store).await;
        let before = counts(&db).await;
        fail_every_outbox_insert(&db).await;

        let result = db
            .store
            .apply(&stored.reference, &command(&cast.respondent, Action::Acknowledge, start()), None)
            .await;
        assert!(matches!(result, Err(StoreError::Database(_))), "{result:?}");
        assert_eq!(counts(&db).await, before, "no event, no email, no deadline");
        assert_eq!(db.store.case(&stored.reference).await.unwrap(), stored, "no state change");
        assert!(db.store.verify().await.unwrap().is_ok());

        // Raising fails whole too, and gives its reference number back.
        let raised = db
            .store
            .raise_case(cast.new_case(), &cast.raiser, start(), &crate::tests::settings())
            .await;
        assert!(raised.is_err());
        assert_eq!(counts(&db).await, before);
        let drop = match db.raw().get_database_backend() {
            DbBackend::Postgres => "DROP TRIGGER refuse_outbox ON outbox",
            _ => "DROP TRIGGER refuse_outbox",
        };
        db.raw().execute_unprepared(drop).await.unwrap();
        assert_eq!(cast.raise(&db.store).await.reference, "LEIC-2026-0002");
    }
}
