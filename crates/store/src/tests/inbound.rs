//! Replies by email in the store: a reply recorded whole and once, a refusal kept for the
//! facilitator with its answer, and both forgotten with their person or their case.

use chrono::Duration;
use disputes_workflow::Outcome;

use super::{Cast, TestDb, on_both_databases, start, text, walk_to_the_end};
use crate::{
    NewAttachment, NewReply, NotRecorded, Noted, REPLY_RECORDED, REPLY_REFUSED, Reason, Received,
    Visibility,
};
use disputes_i18n::Lang;

fn received(recipient: &str, id: &str, at: chrono::DateTime<chrono::Utc>) -> Received {
    Received {
        recipient: recipient.to_owned(),
        message_id: id.to_owned(),
        sender: "respondent@example.org".to_owned(),
        subject: "Re: the case".to_owned(),
        size_bytes: 100,
        at,
    }
}

async fn count(db: &TestDb, query: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let raw = db.raw();
    let row = raw
        .query_one_raw(Statement::from_string(
            raw.get_database_backend(),
            query.to_owned(),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

on_both_databases! {
    async fn a_reply_is_recorded_whole_once_and_forgotten_with_its_person_or_its_case(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = cast.raise(&db.store).await.reference;
        let case_id = crate::cases::find(db.raw(), &reference).await.unwrap().id;
        let pair = (case_id, cast.respondent.id);
        let tokens = db.store.reply_tokens(&[pair], start()).await.unwrap();
        let again = db.store.reply_tokens(&[pair], start()).await.unwrap();
        assert_eq!(tokens, again, "one address for each case and person");
        let token = &tokens[&pair];
        let address = db.store.reply_address(token).await.unwrap().unwrap();
        assert_eq!((address.case.reference.as_str(), address.person), (reference.as_str(), cast.respondent.id));
        assert!(db.store.reply_address("no-such-token").await.unwrap().is_none());

        let recipient = format!("case+{token}@replies.example.org");
        let reply = || NewReply {
            author: cast.respondent.id,
            visibility: Visibility::Parties,
            body: Some(text("We will send the accounts.")),
            files: vec![NewAttachment {
                uploaded_by: cast.respondent.id,
                file_name: "accounts.txt".to_owned(),
                content_type: "text/plain".to_owned(),
                content: b"Income and spending.".to_vec(),
                visibility: Visibility::Parties,
            }],
            acknowledge: Some("respondent@example.org".to_owned()),
        };
        let note = received(&recipient, "<r1@example.org>", start());
        let (noted, message) = db.store.record_reply(&address, &note, reply(), None).await.unwrap();
        assert!(matches!(noted, Noted::New(_)));
        assert_eq!(message.unwrap().body.as_str(), "We will send the accounts.");
        let (twice, none) = db.store.record_reply(&address, &note, reply(), None).await.unwrap();
        assert_eq!((twice, none), (Noted::Again, None), "the same email is recorded once");
        assert_eq!(db.store.messages(&reference, &[]).await.unwrap().len(), 1);
        assert_eq!(db.store.attachments(&reference, &[]).await.unwrap().len(), 1);
        let acks = count(&db, &format!("SELECT COUNT(*) AS n FROM outbox WHERE kind = '{REPLY_RECORDED}'")).await;
        assert_eq!(acks, 1);
        let news = count(&db, "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'news'").await;
        assert!(news > 0, "the others are told");

        let refused = NotRecorded::Refused {
            reason: Reason::new("the case is closed").with(Lang::Cy, "mae'r achos ar gau"),
            raw: b"From: respondent@example.org\r\n\r\nLate.\r\n".to_vec(),
            answer: Some("respondent@example.org".to_owned()),
        };
        let later = start() + Duration::minutes(5);
        db.store.set_aside(&received(&recipient, "<r2@example.org>", later), Some(&address), refused).await.unwrap();
        let quarantine = db.store.quarantine(10).await.unwrap();
        assert_eq!(quarantine.len(), 1);
        assert_eq!(quarantine[0].reference.as_deref(), Some(reference.as_str()));
        // The reason is kept in each language it was given in, English for any other.
        let reason = &quarantine[0].reason;
        assert_eq!(reason.english(), "the case is closed");
        assert_eq!(reason.in_language(Lang::Cy), "mae'r achos ar gau");
        assert_eq!(reason.in_language(Lang::En), "the case is closed");
        let notices = db.store.reply_notices(&[quarantine[0].id]).await.unwrap();
        assert_eq!(notices[&quarantine[0].id].reason.as_ref(), Some(reason));
        assert_eq!(db.store.refusals_sent_to("respondent@example.org", start()).await.unwrap(), 1);
        let refusals = count(&db, &format!("SELECT COUNT(*) AS n FROM outbox WHERE kind = '{REPLY_REFUSED}'")).await;
        assert_eq!(refusals, 1);

        // Erased, the person's emails and reply addresses are gone (what they wrote, by the
        // erasure's own rule: kept here).
        db.store.erase_person(cast.respondent.id, &cast.facilitator, text("Left the council."), false, later).await.unwrap();
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM inbound_mail WHERE person_id = {}", cast.respondent.id.0)).await, 0);
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM reply_addresses WHERE person_id = {}", cast.respondent.id.0)).await, 0);
        assert!(db.store.quarantine(10).await.unwrap().is_empty());
        assert!(db.store.reply_address(token).await.unwrap().is_none());
    }

    async fn the_retention_rule_forgets_a_closed_cases_emails_and_addresses(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let closed = walk_to_the_end(&db.store, &cast).await;
        let stored = db.store.case(&closed).await.unwrap();
        assert_eq!(stored.case.state.outcome(), Some(Outcome::PartlyUpheld));
        let case_id = crate::cases::find(db.raw(), &closed).await.unwrap().id;
        let pair = (case_id, cast.raiser.id);
        let token = db.store.reply_tokens(&[pair], start()).await.unwrap()[&pair].clone();
        let address = db.store.reply_address(&token).await.unwrap().unwrap();
        let refused = NotRecorded::Refused { reason: Reason::new("the case is closed"), raw: b"Late words".to_vec(), answer: None };
        db.store.set_aside(&received("case+x@replies.example.org", "<late@example.org>", start()), Some(&address), refused).await.unwrap();
        let closed_at = stored.case.closed_at.unwrap();
        let later = closed_at + Duration::days(6 * 366);
        let swept = db.store.anonymise_closed_before(closed_at + Duration::seconds(1), 6, later).await.unwrap();
        assert_eq!(swept.anonymised, vec![closed.clone()]);
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM inbound_mail WHERE case_id = {case_id}")).await, 0);
        assert_eq!(count(&db, &format!("SELECT COUNT(*) AS n FROM reply_addresses WHERE case_id = {case_id}")).await, 0);
    }
}

on_both_databases! {
    async fn a_shared_panel_note_is_news_for_those_it_now_reaches_and_no_one_else(db: TestDb) {
        use crate::{ClaimRequest, NEWS_KIND, Shared};
        use disputes_workflow::visibility::PanelScope;

        let cast = Cast::enrol(&db.store).await;
        let stored = cast.raise(&db.store).await;
        let note = db.store
            .add_message(&stored, cast.facilitator.id, Visibility::Panel(PanelScope::Formal), text("For the panel: check the dates."), start(), None)
            .await
            .unwrap();
        let at = start() + Duration::hours(2);
        let by_someone_else = db.store.share_with_parties(&stored, Shared::Message(note.id), cast.chair.id, at).await;
        assert!(matches!(by_someone_else, Err(crate::StoreError::NotFound)), "{by_someone_else:?}");
        db.store.share_with_parties(&stored, Shared::Message(note.id), cast.facilitator.id, at).await.unwrap();
        let again = db.store.share_with_parties(&stored, Shared::Message(note.id), cast.facilitator.id, at).await;
        assert!(matches!(again, Err(crate::StoreError::NotFound)), "shared once");

        // News for those it now reaches (the two organisations' people), from the moment it
        // was shared; none for the chair, who read it before, or its author.
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        use crate::entity::outbox;
        let told: Vec<i64> = outbox::Entity::find()
            .filter(outbox::Column::Kind.eq(NEWS_KIND))
            .filter(outbox::Column::CreatedAt.eq(at))
            .all(db.raw())
            .await
            .unwrap()
            .iter()
            .filter_map(|row| row.recipient_id)
            .collect();
        for reader in [&cast.raiser, &cast.raiser_champion, &cast.respondent] {
            assert!(told.contains(&reader.id.0), "{} not told: {told:?}", reader.id.0);
        }
        assert!(!told.contains(&cast.chair.id.0) && !told.contains(&cast.facilitator.id.0), "{told:?}");

        // What the raiser's news email tells: the shared note, by its author.
        let items = db.store
            .claim_emails(ClaimRequest {
                due_at: at + Duration::days(1),
                at: chrono::Utc::now(),
                lease: Duration::minutes(5),
                limit: 1000,
                holder: "test",
                stale_before: chrono::Utc::now() - Duration::minutes(1),
                webhooks: false,
            })
            .await
            .unwrap();
        let item = items
            .iter()
            .find(|i| i.kind == NEWS_KIND && i.recipient_id == Some(cast.raiser.id))
            .expect("the raiser's news");
        let contexts = db.store.email_contexts(std::slice::from_ref(item)).await.unwrap();
        let news = &contexts.news[&item.id];
        assert_eq!(news.messages, vec![cast.facilitator.id]);
        assert_eq!(news.panel_only, 0);
    }
}
