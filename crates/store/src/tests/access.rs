//! Sessions, API tokens, idempotency records, messages and attachments.

use chrono::Duration;
use sea_orm::{EntityTrait, QuerySelect};

use super::{Cast, on_both_databases, start, text};
use crate::entity::{api_tokens, sessions};
use crate::{Claim, NewAttachment, SavedResponse, StoreError, Visibility};
use disputes_workflow::visibility::PanelScope;

on_both_databases! {
    async fn sessions_sign_people_in_until_they_end_or_expire(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let now = start();
        db.store.open_session(cast.raiser.id, "secret-one", now, now + Duration::hours(8)).await.unwrap();
        let found = db.store.session_person("secret-one", now).await.unwrap().unwrap();
        assert_eq!(found.person, cast.raiser);
        assert!(db.store.session_person("secret-two", now).await.unwrap().is_none());
        assert!(db.store.session_person("secret-one", now + Duration::hours(9)).await.unwrap().is_none());
        // Only the hash is stored.
        let stored: Vec<String> = sessions::Entity::find()
            .select_only()
            .column(sessions::Column::TokenHash)
            .into_tuple()
            .all(db.raw())
            .await
            .unwrap();
        assert_eq!(stored.len(), 1);
        assert!(!stored[0].contains("secret"));
        assert_eq!(stored[0].len(), 64);
        db.store.close_session("secret-one").await.unwrap();
        assert!(db.store.session_person("secret-one", now).await.unwrap().is_none());
        db.store.open_session(cast.raiser.id, "a", now, now + Duration::hours(1)).await.unwrap();
        db.store.open_session(cast.raiser.id, "b", now, now + Duration::hours(1)).await.unwrap();
        assert_eq!(db.store.close_sessions_of(cast.raiser.id).await.unwrap(), 2);
    }

    async fn api_tokens_work_until_revoked(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let now = start();
        let token = db.store.create_api_token(cast.facilitator.id, "reports", "tok", now, None).await.unwrap();
        assert_eq!(db.store.api_token_person("tok", now).await.unwrap().unwrap().person, cast.facilitator);
        // Someone else cannot revoke it.
        let other = db.store.revoke_api_token(cast.raiser.id, token.id, now).await;
        assert!(matches!(other, Err(StoreError::NotFound)));
        db.store.revoke_api_token(cast.facilitator.id, token.id, now).await.unwrap();
        assert!(db.store.api_token_person("tok", now).await.unwrap().is_none());
        let expiring = now + Duration::days(1);
        db.store.create_api_token(cast.facilitator.id, "short", "tok2", now, Some(expiring)).await.unwrap();
        assert!(db.store.api_token_person("tok2", now).await.unwrap().is_some());
        assert!(db.store.api_token_person("tok2", expiring).await.unwrap().is_none());
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
        assert_eq!(db.store.claim_idempotency_key(person, "k", "h1", now).await.unwrap(), Claim::Claimed);
        // A second request with the key while the first is in flight.
        let in_flight = db.store.claim_idempotency_key(person, "k", "h1", now).await.unwrap();
        assert_eq!(in_flight, Claim::Taken(SavedResponse { request_hash: "h1".into(), status: 0, body: String::new() }));
        db.store.complete_idempotency_key(person, "k", 201, "{\"a\":1}").await.unwrap();
        let done = db.store.claim_idempotency_key(person, "k", "h2", now).await.unwrap();
        assert_eq!(done, Claim::Taken(SavedResponse { request_hash: "h1".into(), status: 201, body: "{\"a\":1}".into() }));
        // Keys are per person.
        assert_eq!(db.store.claim_idempotency_key(cast.respondent.id, "k", "h1", now).await.unwrap(), Claim::Claimed);
        // A released key may be claimed again; so may one past its lifetime.
        db.store.release_idempotency_key(cast.respondent.id, "k").await.unwrap();
        assert_eq!(db.store.claim_idempotency_key(cast.respondent.id, "k", "h3", now).await.unwrap(), Claim::Claimed);
        let later = now + chrono::Duration::hours(25);
        assert_eq!(db.store.claim_idempotency_key(person, "k", "h4", later).await.unwrap(), Claim::Claimed);
        assert_eq!(db.store.forget_idempotency_keys_before(later).await.unwrap(), 1);
    }

    async fn messages_keep_panel_notes_apart(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = cast.raise(&db.store).await.reference;
        let at = start();
        db.store.add_message(&reference, cast.raiser.id, Visibility::Parties, text("Can we meet?"), at).await.unwrap();
        db.store
            .add_message(&reference, cast.chair.id, Visibility::Panel(PanelScope::Formal), text("Panel note."), at + Duration::minutes(1))
            .await
            .unwrap();
        db.store
            .add_message(&reference, cast.chair.id, Visibility::Panel(PanelScope::Appeal), text("Appeal note."), at + Duration::minutes(2))
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
    }

    async fn attachments_come_back_byte_for_byte(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = cast.raise(&db.store).await.reference;
        let content = b"%PDF-1.4 the council's letter".to_vec();
        let added = db
            .store
            .add_attachment(
                &reference,
                NewAttachment {
                    uploaded_by: cast.raiser.id,
                    file_name: "letter.pdf".into(),
                    content_type: "application/pdf".into(),
                    content: content.clone(),
                    visibility: Visibility::Parties,
                },
                start(),
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
        let hidden = db.store.add_attachment(&reference, note, start()).await.unwrap();
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
    let reference = cast.raise(&store).await.reference;
    let added = store
        .add_attachment(
            &reference,
            NewAttachment {
                uploaded_by: cast.raiser.id,
                file_name: "notes.txt".into(),
                content_type: "text/plain".into(),
                visibility: Visibility::Parties,
                content: b"notes".to_vec(),
            },
            start(),
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
