//! Records management: text removed by the retention rule or a person's erasure is gone from
//! every place it was held, the audit chain still verifies and still catches any other
//! change, chains written before seals are resealed, and a person's export holds every row
//! that names them.

use chrono::Duration;
use disputes_workflow::*;
use sea_orm::{EntityTrait, FromQueryResult, JsonValue, QueryOrder, Statement};

use super::lists::listed;
use super::verify::sql;
use super::{Cast, TestDb, on_both_databases, session, start, text, walk_to_the_end};
use crate::entity::{case_events, messages};
use crate::{CaseFilter, NewAttachment, Store, StoreError, TokenScope, Visibility, erased_email};

async fn rows(db: &TestDb, query: &str) -> Vec<JsonValue> {
    let raw = db.raw();
    JsonValue::find_by_statement(Statement::from_string(
        raw.get_database_backend(),
        query.to_owned(),
    ))
    .all(raw)
    .await
    .unwrap()
}

fn search(q: &str) -> CaseFilter {
    CaseFilter {
        text: Some(q.to_owned()),
        ..CaseFilter::default()
    }
}

/// A message and a file on `reference`, each by `author`, and answers the message's id.
async fn write_on(store: &Store, reference: &str, author: &Person, words: &str, file: &str) -> i64 {
    let stored = store.case(reference).await.unwrap();
    let message = store
        .add_message(
            &stored,
            author.id,
            Visibility::Parties,
            text(words),
            start(),
            None,
        )
        .await
        .unwrap();
    let new = NewAttachment {
        uploaded_by: author.id,
        file_name: file.to_owned(),
        content_type: "text/plain".to_owned(),
        content: words.as_bytes().to_vec(),
        visibility: Visibility::Parties,
    };
    store
        .add_attachment(&stored, new, start(), None)
        .await
        .unwrap();
    message.id
}

fn ok(report: &crate::verify::VerifyReport) {
    assert!(report.is_ok(), "{:?}", report.problems);
}

on_both_databases! {
    async fn the_retention_rule_anonymises_cases_closed_longer_than_its_period_and_the_chain_verifies(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let closed = walk_to_the_end(&db.store, &cast).await;
        write_on(&db.store, &closed, &cast.raiser, "Minutes of the trustees meeting.", "trustees-minutes.pdf").await;
        let open = cast.raise(&db.store).await.reference;
        let closed_at = db.store.case(&closed).await.unwrap().case.closed_at.unwrap();
        let from = start().date_naive() - Duration::days(1);
        let to = from + Duration::days(400);
        let calendar = settings_calendar();
        let before = db.store.outcome_report(from, to, &calendar).await.unwrap();
        assert!(!listed(&db.store, &cast.raiser, &search("trustees")).await.is_empty());

        // Closed less than the period before: nothing happens.
        let swept = db.store.anonymise_closed_before(closed_at, 6, closed_at).await.unwrap();
        assert!(swept.anonymised.is_empty());
        let later = closed_at + Duration::days(6 * 366);
        let swept = db.store.anonymise_closed_before(closed_at + Duration::seconds(1), 6, later).await.unwrap();
        assert_eq!(swept.anonymised, vec![closed.clone()], "only the closed case");
        let again = db.store.anonymise_closed_before(later, 6, later).await.unwrap();
        assert!(again.anonymised.is_empty(), "a case is anonymised once");

        ok(&db.store.verify().await.unwrap());
        let stored = db.store.case(&closed).await.unwrap().case;
        assert_eq!(stored.title.as_str(), TOMBSTONE);
        assert_eq!(stored.summary.as_str(), TOMBSTONE);
        assert_eq!(stored.decision.as_ref().unwrap().findings.as_str(), TOMBSTONE);
        assert_eq!(stored.decision.as_ref().unwrap().recommendations[0].text.as_str(), TOMBSTONE);
        assert_eq!(stored.state.outcome(), Some(Outcome::PartlyUpheld), "the outcome is kept");
        assert_ne!(db.store.case(&open).await.unwrap().case.summary.as_str(), TOMBSTONE);
        let events = db.store.events(&closed).await.unwrap();
        let last = &events.last().unwrap().event;
        assert_eq!(last.name(), "redacted");
        assert_eq!(last.actor, Actor::System);
        assert_eq!(last.body, EventBody::Redacted { redaction: Redaction::Retention { closed_case_years: 6 } });
        // Every copy of the words is gone: the trail, the record, the query tables, messages,
        // files and the index.
        for (table, column) in [
            ("case_events", "payload"), ("case_events", "case_after"), ("case_records", "record"),
            ("cases", "title"), ("decisions", "findings"), ("recommendations", "text"),
            ("appeal_decisions", "reasons"), ("messages", "body"), ("attachments", "file_name"),
            ("search_entries", "body"),
        ] {
            let case_column = if table == "cases" { "id" } else { "case_id" };
            let id = crate::cases::find(db.raw(), &closed).await.unwrap().id;
            for word in ["Day-centre", "notice came", "No progress", "trustees", "Our response"] {
                let found = rows(&db, &format!("SELECT 1 AS x FROM {table} WHERE {column} LIKE '%{word}%' AND {case_column} = {id}")).await;
                assert!(found.is_empty(), "{word} is still in {table}.{column}");
            }
        }
        let files = rows(&db, "SELECT storage, content, sha256 FROM attachments").await;
        assert_eq!(files[0]["storage"], "removed");
        assert!(files[0]["content"].is_null());
        let kept = db.store.attachments(&closed, &[]).await.unwrap();
        assert_eq!(kept[0].file_name, TOMBSTONE, "a removed file is listed by its tombstone");
        let served = db.store.attachment(&closed, kept[0].id, &[]).await;
        assert!(matches!(served, Err(StoreError::NotFound)), "and not served: {served:?}");
        assert!(listed(&db.store, &cast.raiser, &search("trustees")).await.is_empty());
        // The annual review counts it as before.
        let after = db.store.outcome_report(from, to, &calendar).await.unwrap();
        assert_eq!(after, before);
    }

    async fn after_a_removal_the_chain_still_catches_every_other_change(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = walk_to_the_end(&db.store, &cast).await;
        let closed_at = db.store.case(&reference).await.unwrap().case.closed_at.unwrap();
        db.store.anonymise_closed_before(closed_at + Duration::seconds(1), 6, closed_at).await.unwrap();
        ok(&db.store.verify().await.unwrap());
        let first = case_events::Entity::find().order_by_asc(case_events::Column::Id).one(db.raw()).await.unwrap().unwrap();

        // The removed text put back in place of its tombstone.
        sql(&db, "UPDATE case_events SET payload = REPLACE(payload, '[removed]', 'Day-centre grant cut') WHERE seq = 1").await;
        let report = db.store.verify().await.unwrap();
        assert_eq!(report.problems[0].seq, Some(1), "{:?}", report.problems);
        assert!(report.problems[0].problem.contains("sealed as removed"), "{}", report.problems[0]);
        sql(&db, &format!("UPDATE case_events SET payload = '{}' WHERE seq = 1", first.payload.replace('\'', "''"))).await;
        ok(&db.store.verify().await.unwrap());

        // A digest of removed text changed.
        let seals = first.seals.clone().unwrap();
        let edited = seals.replacen("\"digest\":\"", "\"digest\":\"0", 1);
        assert_ne!(edited, seals);
        sql(&db, &format!("UPDATE case_events SET seals = '{edited}' WHERE seq = 1")).await;
        let report = db.store.verify().await.unwrap();
        assert!(report.problems[0].problem.contains("edited"), "{}", report.problems[0]);
        sql(&db, &format!("UPDATE case_events SET seals = '{seals}' WHERE seq = 1")).await;

        // A kept fact changed: the outcome.
        sql(&db, "UPDATE case_events SET payload = REPLACE(payload, '\"partly_upheld\"', '\"upheld\"') WHERE seq = 7").await;
        let report = db.store.verify().await.unwrap();
        assert_eq!(report.problems[0].seq, Some(7));
        assert!(report.problems[0].problem.contains("edited"), "{}", report.problems[0]);
        sql(&db, "UPDATE case_events SET payload = REPLACE(payload, '\"upheld\"', '\"partly_upheld\"') WHERE seq = 7").await;
        ok(&db.store.verify().await.unwrap());

        // A byte added that the workflow would not have written.
        sql(&db, "UPDATE case_events SET payload = REPLACE(payload, '{\"seq\":', '{ \"seq\":') WHERE seq = 2").await;
        let report = db.store.verify().await.unwrap();
        assert!(report.problems[0].problem.contains("not as it was written"), "{}", report.problems[0]);
    }

    async fn an_erased_person_is_gone_from_the_directory_their_sign_in_and_the_text_they_wrote(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = walk_to_the_end(&db.store, &cast).await;
        let theirs = write_on(&db.store, &reference, &cast.raiser, "Our trustees met on Tuesday.", "trustees.pdf").await;
        let others = write_on(&db.store, &reference, &cast.respondent, "The council replies.", "reply.pdf").await;
        let other_case = cast.raise(&db.store).await.reference;
        let before = db.store.person(cast.raiser.id).await.unwrap();
        db.store.open_session(session(cast.raiser.id, "a-session-secret", start())).await.unwrap();
        db.store.save_view(cast.raiser.id, "Mine", "state=closed", start()).await.unwrap();

        let reason = text("Asked to be forgotten on 1 December.");
        let erasure = db.store
            .erase_person(cast.raiser.id, &cast.facilitator, reason.clone(), true, start() + Duration::days(60))
            .await
            .unwrap();
        assert_eq!(erasure.cases, vec![reference.clone(), other_case.clone()]);
        assert_eq!((erasure.removed.messages, erasure.removed.files), (1, 1));
        ok(&db.store.verify().await.unwrap());

        let after = db.store.person(cast.raiser.id).await.unwrap();
        assert_eq!(after.name, crate::ERASED_NAME);
        assert_eq!(after.email, erased_email(cast.raiser.id));
        assert!(!after.active);
        assert!(after.person.roles.is_empty());
        assert!(db.store.credentials(&before.email).await.unwrap().is_none());
        assert!(db.store.holder("a-session-secret", start(), start() - Duration::hours(1)).await.unwrap().is_none());
        assert_eq!(db.store.views_saved_by(cast.raiser.id).await.unwrap(), 0);
        for (table, column) in [("people", "name"), ("people", "email"), ("outbox", "recipient_email")] {
            let found = rows(&db, &format!("SELECT 1 AS x FROM {table} WHERE LOWER({column}) LIKE '%{}%'", before.email.to_lowercase())).await;
            assert!(found.is_empty() || column == "name", "{table}.{column}");
            let named = rows(&db, &format!("SELECT 1 AS x FROM {table} WHERE {column} = '{}'", before.name)).await;
            assert!(named.is_empty(), "{table}.{column}");
        }

        // What they wrote is gone; what others wrote stays.
        let body = async |id: i64| messages::Entity::find_by_id(id).one(db.raw()).await.unwrap().unwrap().body;
        assert_eq!(body(theirs).await, TOMBSTONE);
        assert_eq!(body(others).await, "The council replies.");
        let case = db.store.case(&reference).await.unwrap().case;
        assert_eq!(case.summary.as_str(), TOMBSTONE, "they raised it");
        assert_eq!(case.decision.as_ref().unwrap().findings.as_str(), "Notice was ten weeks short.", "the panel wrote it");
        let last = db.store.events(&reference).await.unwrap().pop().unwrap().event;
        assert_eq!(last.actor, Actor::Person(cast.facilitator.clone()));
        assert_eq!(last.body, EventBody::Redacted { redaction: Redaction::Erasure { person_id: cast.raiser.id, reason } });
        assert!(listed(&db.store, &cast.respondent, &search("trustees")).await.is_empty());

        let twice = db.store.erase_person(cast.raiser.id, &cast.facilitator, text("Again."), true, start()).await;
        assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");
    }

    async fn an_erasure_that_keeps_what_was_written_still_records_itself_on_each_case(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = walk_to_the_end(&db.store, &cast).await;
        let erasure = db.store
            .erase_person(cast.respondent.id, &cast.facilitator, text("Left the council."), false, start())
            .await
            .unwrap();
        assert_eq!(erasure.cases, vec![reference.clone()]);
        assert_eq!(erasure.removed, crate::Removed::default());
        let case = db.store.case(&reference).await.unwrap().case;
        assert_eq!(case.summary.as_str(), "The grant ends on 1 April; notice came on 16 March.");
        assert_eq!(db.store.events(&reference).await.unwrap().pop().unwrap().event.name(), "redacted");
        ok(&db.store.verify().await.unwrap());
    }

    async fn chains_hashed_whole_are_resealed_when_they_verify_and_left_when_they_do_not(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let good = walk_to_the_end(&db.store, &cast).await;
        let bad = cast.raise(&db.store).await.reference;
        // Both chains rewritten as the service wrote them before seals: each payload hashed
        // whole; then the second's payload edited afterwards.
        for reference in [&good, &bad] {
            let id = crate::cases::find(db.raw(), reference).await.unwrap().id;
            let events = case_events::Entity::find().order_by_asc(case_events::Column::Seq).all(db.raw()).await.unwrap();
            let mut previous = crate::chain::GENESIS.to_owned();
            for event in events.iter().filter(|e| e.case_id == id) {
                let hash = crate::chain::link_v1(reference, u32::try_from(event.seq).unwrap(), &previous, &event.payload);
                sql(&db, &format!("UPDATE case_events SET seals = NULL, prev_hash = '{previous}', hash = '{hash}' WHERE id = {}", event.id)).await;
                previous = hash;
            }
            sql(&db, &format!("UPDATE cases SET last_event_hash = '{previous}' WHERE id = {id}")).await;
        }
        ok(&db.store.verify().await.unwrap());
        sql(&db, &format!("UPDATE case_events SET payload = REPLACE(payload, 'Three months', 'Six months') WHERE case_id = (SELECT id FROM cases WHERE reference = '{bad}')")).await;
        assert_eq!(db.store.verify().await.unwrap().problems.len(), 1);

        assert_eq!(db.store.reseal_chains().await.unwrap(), 1, "only the chain that verifies");
        let unsealed = rows(&db, "SELECT c.reference AS r FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.seals IS NULL GROUP BY c.reference").await;
        assert_eq!(unsealed.len(), 1);
        assert_eq!(unsealed[0]["r"], bad.as_str());
        let report = db.store.verify().await.unwrap();
        assert_eq!(report.problems.len(), 1);
        assert_eq!(report.problems[0].reference, bad);
        assert_eq!(db.store.reseal_chains().await.unwrap(), 0, "nothing more to reseal");
        // The resealed chain's text can now be removed.
        let closed_at = db.store.case(&good).await.unwrap().case.closed_at.unwrap();
        let swept = db.store.anonymise_closed_before(closed_at + Duration::seconds(1), 6, closed_at).await.unwrap();
        assert_eq!(swept.anonymised, vec![good]);
    }

    async fn the_export_holds_every_row_that_names_the_person(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = walk_to_the_end(&db.store, &cast).await;
        write_on(&db.store, &reference, &cast.raiser, "Our trustees met.", "minutes.pdf").await;
        db.store.open_session(session(cast.raiser.id, "secret-of-a-session", start())).await.unwrap();
        db.store.save_view(cast.raiser.id, "Mine", "state=closed", start()).await.unwrap();
        db.store.start_calendar_feed(cast.raiser.id, "secret-of-a-feed", start()).await.unwrap();
        db.store.trust_device(cast.raiser.id, "secret-of-a-device", start(), start() + Duration::days(30)).await.unwrap();
        db.store.create_api_token(cast.raiser.id, "Reports", TokenScope::Read, "secret-of-a-token", start(), None).await.unwrap();
        let email = db.store.person(cast.raiser.id).await.unwrap().email;
        db.store.record_login_failure(&[format!("account:{email}")], start()).await.unwrap();
        let export = db.store.person_export(cast.raiser.id).await.unwrap();

        // Every column of the schema that names a person, found by its name rather than by
        // the foreign keys the export reads: each of its rows naming the raiser is exported.
        let person_column = |c: &str| {
            matches!(c, "person_id" | "author_id" | "actor_id" | "recipient_id" | "owner_id" | "chair_id")
                || c.ends_with("_by")
        };
        let tables = schema_columns(&db).await;
        let mut checked = 0;
        for (table, column) in tables.iter().filter(|(_, c)| person_column(c)) {
            if column == "erased_by" {
                continue;
            }
            let count = rows(&db, &format!("SELECT {column} AS x FROM {table} WHERE {column} = {}", cast.raiser.id.0)).await;
            let count = count.len() as i64;
            let exported = export.tables.get(table.as_str()).and_then(|t| t.as_array()).cloned().unwrap_or_default();
            let named = exported.iter().filter(|row| row[column.as_str()] == cast.raiser.id.0).count();
            assert_eq!(named as i64, count, "{table}.{column}");
            checked += usize::from(count > 0);
        }
        assert!(checked >= 8, "the raiser has rows in at least eight tables ({checked})");
        assert_eq!(export.rows("people"), 1);
        assert_eq!(export.rows("login_failures"), 1);
        let text = serde_json::to_string(&export.tables).unwrap();
        assert!(text.contains("Our trustees met."));
        assert!(!text.contains("$argon2id"), "no password hash");
        assert!(!text.contains("token_hash"), "no secrets' hashes");
    }
}

/// Every `(table, column)` of the schema holding whole numbers, from the database's catalogue.
async fn schema_columns(db: &TestDb) -> Vec<(String, String)> {
    let query = match db.raw().get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            "SELECT table_name AS t, column_name AS c FROM information_schema.columns \
             WHERE table_schema = current_schema() AND data_type IN ('bigint', 'integer')"
        }
        _ => {
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p \
              WHERE m.type = 'table' AND lower(p.type) IN ('bigint', 'integer')"
        }
    };
    rows(db, query)
        .await
        .into_iter()
        .map(|row| {
            (
                row["t"].as_str().unwrap().to_owned(),
                row["c"].as_str().unwrap().to_owned(),
            )
        })
        .filter(|(t, _)| !t.starts_with("seaql") && !t.starts_with("search_index"))
        .collect()
}

fn settings_calendar() -> Calendar {
    super::settings().calendar()
}
