//! Sessions, API tokens, idempotency records, messages and attachments.

use chrono::Duration;
use sea_orm::{EntityTrait, QuerySelect};

use super::{Cast, on_both_databases, start, text};
use crate::entity::{api_tokens, sessions};
use crate::{MessageVisibility, NewAttachment, SavedResponse, StoreError};

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

    async fn the_first_response_to_a_key_is_kept_for_a_day(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let now = start();
        let first = SavedResponse { request_hash: "h1".into(), status: 201, body: "{\"a\":1}".into() };
        let second = SavedResponse { request_hash: "h2".into(), status: 201, body: "{\"a\":2}".into() };
        db.store.save_response(cast.raiser.id, "key-1", &first, now).await.unwrap();
        db.store.save_response(cast.raiser.id, "key-1", &second, now).await.unwrap();
        let since = now - Duration::days(1);
        assert_eq!(db.store.saved_response(cast.raiser.id, "key-1", since).await.unwrap(), Some(first.clone()));
        // Keys are per person.
        assert!(db.store.saved_response(cast.respondent.id, "key-1", since).await.unwrap().is_none());
        // After a day the key is forgotten and may be used again.
        let later = now + Duration::days(2);
        assert!(db.store.saved_response(cast.raiser.id, "key-1", later - Duration::days(1)).await.unwrap().is_none());
        db.store.save_response(cast.raiser.id, "key-1", &second, later).await.unwrap();
        assert_eq!(
            db.store.saved_response(cast.raiser.id, "key-1", later - Duration::days(1)).await.unwrap(),
            Some(second)
        );
        assert_eq!(db.store.forget_responses_before(later + Duration::seconds(1)).await.unwrap(), 1);
    }

    async fn messages_keep_panel_notes_apart(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = cast.raise(&db.store).await.reference;
        let at = start();
        db.store.add_message(&reference, cast.raiser.id, MessageVisibility::Parties, text("Can we meet?"), at).await.unwrap();
        db.store
            .add_message(&reference, cast.chair.id, MessageVisibility::Panel, text("Panel note."), at + Duration::minutes(1))
            .await
            .unwrap();
        let parties = db.store.messages(&reference, false).await.unwrap();
        assert_eq!(parties.len(), 1);
        assert_eq!(parties[0].body.as_str(), "Can we meet?");
        let all = db.store.messages(&reference, true).await.unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].visibility, MessageVisibility::Panel);
        let missing = db.store.messages("LEIC-2026-0404", true).await;
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
                },
                start(),
            )
            .await
            .unwrap();
        assert_eq!(added.size_bytes, content.len() as u64);
        assert_eq!(db.store.attachments(&reference).await.unwrap(), std::slice::from_ref(&added));
        let (info, bytes) = db.store.attachment(&reference, added.id).await.unwrap();
        assert_eq!((info, bytes), (added.clone(), content));
        // An attachment is only found through its own case.
        let other = cast.raise(&db.store).await.reference;
        assert!(matches!(db.store.attachment(&other, added.id).await, Err(StoreError::NotFound)));
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
                content: b"notes".to_vec(),
            },
            start(),
        )
        .await
        .unwrap();
    let path = dir.path().join("files").join(&added.sha256);
    assert_eq!(std::fs::read(&path).unwrap(), b"notes");
    assert_eq!(
        store.attachment(&reference, added.id).await.unwrap().1,
        b"notes"
    );
    // A file changed on disk is caught.
    std::fs::write(&path, b"forged").unwrap();
    assert!(matches!(
        store.attachment(&reference, added.id).await,
        Err(StoreError::Corrupt(_))
    ));
}
