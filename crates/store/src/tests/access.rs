//! Sessions, API tokens, idempotency records, messages and attachments.

use chrono::Duration;
use sea_orm::{EntityTrait, QuerySelect};

use super::{Cast, on_both_databases, session, start, text};
use crate::entity::{api_tokens, sessions};
use crate::{
    Claim, Grant, KeyClaim, NewAttachment, NewSession, Pending, SavedResponse, StoreError,
    TokenScope, Visibility,
};

/// A claim on `key` at `at` by the process `instance`, which dies when silent for 15
/// seconds; claims older than two minutes are abandoned.
fn key_claim<'a>(
    person: disputes_workflow::PersonId,
    key: &'a str,
    request_hash: &'a str,
    at: chrono::DateTime<chrono::Utc>,
    atomic: bool,
    instance: &'a str,
) -> KeyClaim<'a> {
    KeyClaim {
        person,
        key,
        request_hash,
        at,
        atomic,
        instance,
        abandoned_before: at - chrono::Duration::minutes(2),
        stale_before: at - chrono::Duration::seconds(15),
    }
}
use disputes_workflow::visibility::PanelScope;

on_both_databases! {
    async fn sessions_sign_people_in_until_they_end_expire_or_lie_idle(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let now = start();
        let idle = |at: chrono::DateTime<chrono::Utc>| at - Duration::hours(1);
        let id = db.store.open_session(session(cast.raiser.id, "secret-one", now)).await.unwrap();
        let found = db.store.holder("secret-one", now, idle(now)).await.unwrap().unwrap();
        assert_eq!(found.record.person, cast.raiser);
        assert_eq!(found.grant, Grant::Session { id, pending: None });
        assert!(db.store.holder("secret-two", now, idle(now)).await.unwrap().is_none());
        // Past the absolute limit (a day), however busy.
        let mut at = now;
        while at < now + Duration::days(1) - Duration::minutes(50) {
            at += Duration::minutes(50);
            assert!(db.store.holder("secret-one", at, idle(at)).await.unwrap().is_some(), "{at}");
        }
        assert!(db.store.holder("secret-one", now + Duration::days(1), idle(now + Duration::days(1))).await.unwrap().is_none());
        // Idle: last seen more than an hour before.
        db.store.open_session(session(cast.respondent.id, "secret-idle", now)).await.unwrap();
        let quiet = now + Duration::minutes(59);
        assert!(db.store.holder("secret-idle", quiet, idle(quiet)).await.unwrap().is_some());
        let listed = db.store.sessions_of(cast.respondent.id, quiet, idle(quiet)).await.unwrap();
        assert_eq!(listed.iter().map(|s| s.last_seen_at).collect::<Vec<_>>(), [quiet], "each use is noted");
        assert_eq!((listed[0].user_agent.as_deref(), listed[0].address.as_deref()), (Some("Firefox on Linux"), Some("192.0.2.7")));
        // Noted at most once a minute: a use 30 s later leaves the last seen time.
        let soon = quiet + Duration::seconds(30);
        db.store.holder("secret-idle", soon, idle(soon)).await.unwrap().unwrap();
        assert_eq!(db.store.sessions_of(cast.respondent.id, soon, idle(soon)).await.unwrap()[0].last_seen_at, quiet);
        let gone = quiet + Duration::hours(1);
        assert!(db.store.holder("secret-idle", gone, idle(gone)).await.unwrap().is_none());
        // Only the hash is stored.
        let stored: Vec<String> = sessions::Entity::find()
            .select_only()
            .column(sessions::Column::TokenHash)
            .into_tuple()
            .all(db.raw())
            .await
            .unwrap();
        assert!(stored.iter().all(|h| h.len() == 64 && !h.contains("secret")));
        db.store.close_session("secret-idle").await.unwrap();
        assert!(db.store.holder("secret-idle", quiet, idle(quiet)).await.unwrap().is_none());
    }

    async fn a_person_ends_one_session_or_all_but_their_own(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let now = start();
        let idle = now - Duration::hours(1);
        let mine = db.store.open_session(session(cast.raiser.id, "a", now)).await.unwrap();
        let other = db.store.open_session(session(cast.raiser.id, "b", now)).await.unwrap();
        db.store.open_session(session(cast.raiser.id, "c", now)).await.unwrap();
        let theirs = db.store.open_session(session(cast.respondent.id, "d", now)).await.unwrap();
        assert_eq!(db.store.sessions_of(cast.raiser.id, now, idle).await.unwrap().len(), 3);
        // Another person's session is not theirs to end.
        assert!(matches!(db.store.close_session_of(cast.raiser.id, theirs).await, Err(StoreError::NotFound)));
        db.store.close_session_of(cast.raiser.id, other).await.unwrap();
        assert!(db.store.holder("b", now, idle).await.unwrap().is_none());
        assert_eq!(db.store.close_sessions_of(cast.raiser.id, Some(mine)).await.unwrap(), 1);
        let left: Vec<i64> = db.store.sessions_of(cast.raiser.id, now, idle).await.unwrap().iter().map(|s| s.id).collect();
        assert_eq!(left, [mine]);
        assert!(db.store.holder("d", now, idle).await.unwrap().is_some());
        assert_eq!(db.store.close_sessions_of(cast.raiser.id, None).await.unwrap(), 1);
    }

    async fn a_session_owing_its_second_factor_says_so_until_settled(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let now = start();
        let id = db.store.open_session(NewSession { pending: Some(Pending::Code), ..session(cast.chair.id, "s", now) }).await.unwrap();
        let grant = |g: Option<crate::Holder>| g.unwrap().grant;
        assert_eq!(grant(db.store.holder("s", now, now - Duration::hours(1)).await.unwrap()), Grant::Session { id, pending: Some(Pending::Code) });
        db.store.settle_session(id).await.unwrap();
        assert_eq!(grant(db.store.holder("s", now, now - Duration::hours(1)).await.unwrap()), Grant::Session { id, pending: None });
    }

    async fn api_tokens_work_with_their_scope_until_revoked_or_expired(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let now = start();
        let idle = now - Duration::hours(1);
        let token = db.store.create_api_token(cast.facilitator.id, "reports", TokenScope::Read, "tok", now, None).await.unwrap();
        let holder = db.store.holder("tok", now, idle).await.unwrap().unwrap();
        assert_eq!(holder.record.person, cast.facilitator);
        assert_eq!(holder.grant, Grant::Token { id: token.id, scope: TokenScope::Read });
        let listed = db.store.api_tokens_of(cast.facilitator.id, now).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!((listed[0].name.as_str(), listed[0].scope, listed[0].last_used_at), ("reports", TokenScope::Read, Some(now)));
        // Someone else cannot revoke it.
        let other = db.store.revoke_api_token(cast.raiser.id, token.id, now).await;
        assert!(matches!(other, Err(StoreError::NotFound)));
        db.store.revoke_api_token(cast.facilitator.id, token.id, now).await.unwrap();
        assert!(db.store.holder("tok", now, idle).await.unwrap().is_none());
        assert!(db.store.api_tokens_of(cast.facilitator.id, now).await.unwrap().is_empty());
        let expiring = now + Duration::days(1);
        db.store.create_api_token(cast.facilitator.id, "short", TokenScope::Write, "tok2", now, Some(expiring)).await.unwrap();
        assert!(db.store.holder("tok2", now, idle).await.unwrap().is_some());
        assert!(db.store.holder("tok2", expiring, idle).await.unwrap().is_none());
        let hashes: Vec<String> = api_tokens::Entity::find()
            .select_only()
            .column(api_tokens::Column::TokenHash)
            .into_tuple()
            .all(db.raw())
            .await
            .unwrap();
        assert!(hashes.iter().all(|h| h.len() == 64 && !h.contains("tok")));
    }

    async fn an_idempotency_key_is_claimed_once_and_kept_for_a_day(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let now = start();
        let person = cast.raiser.id;
        assert_eq!(db.store.claim_idempotency_key(key_claim(person, "k", "h1", now, false, "live")).await.unwrap(), Claim::Claimed);
        // A second request with the key while the first is in flight.
        let in_flight = db.store.claim_idempotency_key(key_claim(person, "k", "h1", now, false, "live")).await.unwrap();
        assert_eq!(in_flight, Claim::Taken(SavedResponse { request_hash: "h1".into(), status: 0, body: String::new(), outcome: None }));
        db.store.complete_idempotency_key(person, "k", 201, "{\"a\":1}").await.unwrap();
        let done = db.store.claim_idempotency_key(key_claim(person, "k", "h2", now, false, "live")).await.unwrap();
        assert_eq!(done, Claim::Taken(SavedResponse { request_hash: "h1".into(), status: 201, body: "{\"a\":1}".into(), outcome: None }));
        // Keys are per person.
        assert_eq!(db.store.claim_idempotency_key(key_claim(cast.respondent.id, "k", "h1", now, false, "live")).await.unwrap(), Claim::Claimed);
        // A released key may be claimed again; so may one past its lifetime.
        db.store.release_idempotency_key(cast.respondent.id, "k").await.unwrap();
        assert_eq!(db.store.claim_idempotency_key(key_claim(cast.respondent.id, "k", "h3", now, false, "live")).await.unwrap(), Claim::Claimed);
        let later = now + chrono::Duration::hours(25);
        assert_eq!(db.store.claim_idempotency_key(key_claim(person, "k", "h4", later, false, "live")).await.unwrap(), Claim::Claimed);
        assert_eq!(db.store.forget_idempotency_keys_before(later).await.unwrap(), 1);
    }

    async fn a_case_write_completes_its_key_in_its_own_transaction(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let now = start();
        let person = cast.raiser.id;
        db.store.register_instance("live", "test", now).await.unwrap();
        // The raise completes its key with the case it raised, before any answer is sent.
        assert_eq!(db.store.claim_idempotency_key(key_claim(person, "raise", "h", now, true, "live")).await.unwrap(), Claim::Claimed);
        let key = crate::KeyedWrite { person, key: "raise".into(), status: 201 };
        let raised = db.store.raise_case_keyed(cast.new_case(), &cast.raiser, now, &crate::tests::settings(), Some(&key)).await.unwrap();
        let Claim::Taken(saved) = db.store.claim_idempotency_key(key_claim(person, "raise", "h", now, true, "live")).await.unwrap() else {
            panic!("the key was free");
        };
        assert_eq!((saved.status, saved.body.as_str()), (201, ""));
        assert_eq!(saved.outcome, Some(crate::WriteOutcome::Case { reference: raised.reference.clone(), version: 1 }));
        assert_eq!(db.store.case_at(&raised.reference, 1).await.unwrap(), raised);
        // A message too; and a message that fails completes nothing.
        db.store.claim_idempotency_key(key_claim(person, "say", "h", now, true, "live")).await.unwrap();
        let key = crate::KeyedWrite { person, key: "say".into(), status: 201 };
        let said = db.store.add_message(&raised, person, Visibility::Parties, text("Hello."), now, Some(&key)).await.unwrap();
        let Claim::Taken(saved) = db.store.claim_idempotency_key(key_claim(person, "say", "h", now, true, "live")).await.unwrap() else {
            panic!("the key was free");
        };
        assert_eq!(saved.outcome, Some(crate::WriteOutcome::Message { reference: raised.reference.clone(), id: said.id }));
        assert_eq!(db.store.message(&raised.reference, said.id).await.unwrap(), said);
        // An atomic claim left in flight by a request whose process died before writing is
        // taken over as soon as the process is known dead, or once no request could still
        // be running; one not atomic stays in flight.
        db.store.claim_idempotency_key(key_claim(person, "lost", "h", now, true, "live")).await.unwrap();
        db.store.claim_idempotency_key(key_claim(person, "unsure", "h", now, false, "live")).await.unwrap();
        let soon = now + chrono::Duration::seconds(5);
        let busy = db.store.claim_idempotency_key(key_claim(person, "lost", "h", soon, true, "live")).await.unwrap();
        assert!(matches!(busy, Claim::Taken(SavedResponse { status: 0, .. })), "a live process's claim was taken");
        db.store.stop_instance("live", soon).await.unwrap();
        assert_eq!(db.store.claim_idempotency_key(key_claim(person, "lost", "h", soon, true, "new")).await.unwrap(), Claim::Claimed);
        let later = now + chrono::Duration::minutes(3);
        assert!(matches!(db.store.claim_idempotency_key(key_claim(person, "unsure", "h", later, false, "new")).await.unwrap(), Claim::Taken(SavedResponse { status: 0, .. })));
        db.store.claim_idempotency_key(key_claim(person, "slow", "h", now, true, "new")).await.unwrap();
        db.store.register_instance("new", "test", later).await.unwrap();
        assert_eq!(db.store.claim_idempotency_key(key_claim(person, "slow", "h", later, true, "new")).await.unwrap(), Claim::Claimed);
    }

    async fn messages_keep_panel_notes_apart(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let raised = cast.raise(&db.store).await;
        let reference = raised.reference.clone();
        let at = start();
        db.store.add_message(&raised, cast.raiser.id, Visibility::Parties, text("Can we meet?"), at, None).await.unwrap();
        db.store
            .add_message(&raised, cast.chair.id, Visibility::Panel(PanelScope::Formal), text("Panel note."), at + Duration::minutes(1), None)
            .await
            .unwrap();
        db.store
            .add_message(&raised, cast.chair.id, Visibility::Panel(PanelScope::Appeal), text("Appeal note."), at + Duration::minutes(2), None)
            .await
            .unwrap();
        let parties = db.store.messages(&reference, &[]).await.unwrap();
        assert_eq!(parties.len(), 1);
        assert_eq!(parties[0].body.as_str(), "Can we meet?");
        // Each panel reads its own notes; the overseers read both.
        let formal = db.store.messages(&reference, &[PanelScope::Formal]).await.unwrap();
        let bodies = |list: &[crate::Message]| list.iter().map(|m| m.body.as_str().to_owned()).collect::<Vec<_>>();
        assert_eq!(bodies(&formal), ["Can we meet?", "Panel note."]);
        let appeal = db.store.messages(&reference, &[PanelScope::Appeal]).await.unwrap();
        assert_eq!(bodies(&appeal), ["Can we meet?", "Appeal note."]);
        let all = db.store.messages(&reference, &PanelScope::ALL).await.unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(all[1].visibility, Visibility::Panel(PanelScope::Formal));
        let missing = db.store.messages("LEIC-2026-0404", &PanelScope::ALL).await;
        assert!(matches!(missing, Err(StoreError::NotFound)));
        // News of each goes to those who may read it, the writer aside, gathered: the
        // facilitator's gathering from the formal note carries the appeal note too.
        let news: std::collections::BTreeSet<(i64, String)> = db
            .store
            .notifications(&reference)
            .await
            .unwrap()
            .into_iter()
            .filter(|n| n.kind == crate::NEWS_KIND)
            .map(|n| (n.recipient_id.unwrap().0, n.created_at.to_rfc3339()))
            .collect();
        let expected: std::collections::BTreeSet<(i64, String)> = [
            (cast.raiser_champion.id.0, at),
            (cast.respondent.id.0, at),
            (cast.facilitator.id.0, at + Duration::minutes(1)),
        ]
        .into_iter()
        .map(|(id, when)| (id, when.to_rfc3339()))
        .collect();
        assert_eq!(news, expected);
    }

    async fn attachments_come_back_byte_for_byte(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let raised = cast.raise(&db.store).await;
        let reference = raised.reference.clone();
        let content = b"%PDF-1.4 the council's letter".to_vec();
        let added = db
            .store
            .add_attachment(
                &raised,
                NewAttachment {
                    uploaded_by: cast.raiser.id,
                    file_name: "letter.pdf".into(),
                    content_type: "application/pdf".into(),
                    content: content.clone(),
                    visibility: Visibility::Parties,
                },
                start(),
                None,
            )
            .await
            .unwrap();
        assert_eq!(added.size_bytes, content.len() as u64);
        assert_eq!(db.store.attachments(&reference, &[]).await.unwrap(), std::slice::from_ref(&added));
        let (info, bytes) = db.store.attachment(&reference, added.id, &[]).await.unwrap();
        assert_eq!((info, bytes), (added.clone(), content));
        // An attachment is only found through its own case.
        let other = cast.raise(&db.store).await.reference;
        assert!(matches!(db.store.attachment(&other, added.id, &PanelScope::ALL).await, Err(StoreError::NotFound)));
        // A panel's file is found only by readers of that panel's notes.
        let note = NewAttachment {
            uploaded_by: cast.chair.id,
            file_name: "panel.txt".into(),
            content_type: "text/plain".into(),
            content: b"for the panel".to_vec(),
            visibility: Visibility::Panel(PanelScope::Appeal),
        };
        let hidden = db.store.add_attachment(&raised, note, start(), None).await.unwrap();
        assert_eq!(db.store.attachments(&reference, &[PanelScope::Formal]).await.unwrap().len(), 1);
        assert!(matches!(db.store.attachment(&reference, hidden.id, &[PanelScope::Formal]).await, Err(StoreError::NotFound)));
        let (info, _) = db.store.attachment(&reference, hidden.id, &[PanelScope::Appeal]).await.unwrap();
        assert_eq!(info.visibility, Visibility::Panel(PanelScope::Appeal));
    }
}

#[tokio::test]
async fn attachments_may_live_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
    let options = crate::StoreOptions {
        attachments_dir: Some(dir.path().join("files")),
        ..crate::StoreOptions::default()
    };
    let store = crate::Store::connect(&url, &options).await.unwrap();
    store.migrate().await.unwrap();
    let cast = Cast::enrol(&store).await;
    let raised = cast.raise(&store).await;
    let reference = raised.reference.clone();
    let added = store
        .add_attachment(
            &raised,
            NewAttachment {
                uploaded_by: cast.raiser.id,
                file_name: "notes.txt".into(),
                content_type: "text/plain".into(),
                visibility: Visibility::Parties,
                content: b"notes".to_vec(),
            },
            start(),
            None,
        )
        .await
        .unwrap();
    let path = dir.path().join("files").join(&added.sha256);
    assert_eq!(std::fs::read(&path).unwrap(), b"notes");
    assert_eq!(
        store.attachment(&reference, added.id, &[]).await.unwrap().1,
        b"notes"
    );
    // A file changed on disk is caught.
    std::fs::write(&path, b"forged").unwrap();
    assert!(matches!(
        store.attachment(&reference, added.id, &[]).await,
        Err(StoreError::Corrupt(_))
    ));
}
