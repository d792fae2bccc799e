//! Webhook deliveries: queued for each endpoint in each event's own transaction, claimed
//! apart from emails, kept out of the email lists, sent again on request, and removed with
//! their endpoint.

use chrono::Duration;
use disputes_workflow::*;

use super::{Cast, command, on_both_databases, start};
use crate::{ClaimRequest, NewWebhook, Store, StoreError};

async fn claim(store: &Store, webhooks: bool) -> Vec<crate::OutboxItem> {
    let at = start() + Duration::days(1);
    let _ = store.register_instance("test", "test", at).await;
    store
        .claim_emails(ClaimRequest {
            due_at: at,
            at,
            lease: Duration::minutes(5),
            limit: 100,
            holder: "test",
            stale_before: at - Duration::days(3650),
            webhooks,
        })
        .await
        .unwrap()
}

on_both_databases! {
    async fn each_event_is_queued_for_each_endpoint_apart_from_emails(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let mut ids = Vec::new();
        for n in 0..2 {
            let new = NewWebhook {
                url: format!("https://hooks{n}.example.org/in"),
                description: String::new(),
                secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".to_owned(),
                created_by: cast.facilitator.id,
            };
            ids.push(db.store.create_webhook(new, start()).await.unwrap().id);
        }
        let raised = cast.raise(&db.store).await;
        db.store.apply(&raised.reference, &command(&cast.respondent, Action::Acknowledge, start()), None).await.unwrap();

        // Two events, two endpoints: four deliveries, none of them in the case's emails.
        let emails = db.store.notifications(&raised.reference).await.unwrap();
        assert!(!emails.is_empty());
        assert!(emails.iter().all(|e| !e.message_key.contains("/webhook/")), "{emails:?}");
        for id in &ids {
            let deliveries = db.store.webhook_deliveries(*id, 100).await.unwrap();
            let keys: Vec<&str> = deliveries.iter().map(|(_, d)| d.message_key.as_str()).collect();
            assert_eq!(keys, [format!("{}/2/webhook/{id}", raised.reference), format!("{}/1/webhook/{id}", raised.reference)]);
            assert!(deliveries.iter().all(|(r, d)| r == &raised.reference && d.status == "pending"));
        }
        // Each sender claims its own.
        let deliveries = claim(&db.store, true).await;
        assert_eq!(deliveries.len(), 4);
        assert!(deliveries.iter().all(|d| d.webhook_id.is_some()));
        let emails = claim(&db.store, false).await;
        assert!(!emails.is_empty());
        assert!(emails.iter().all(|e| e.webhook_id.is_none()));

        // Sent again: only once given up on or delivered; not while waiting.
        let first = deliveries[0].clone();
        let endpoint = first.webhook_id.unwrap();
        assert!(matches!(db.store.resend_delivery(endpoint, first.id, start()).await, Err(StoreError::Conflict(_))));
        db.store.mark_email_failed(first.id, 10, "the endpoint answered 503", None).await.unwrap();
        db.store.resend_delivery(endpoint, first.id, start()).await.unwrap();
        assert!(matches!(db.store.resend_delivery(ids.iter().copied().find(|i| *i != endpoint).unwrap(), first.id, start()).await, Err(StoreError::NotFound)), "only through its own endpoint");

        // Removed with its deliveries; the other endpoint keeps its own.
        db.store.delete_webhook(endpoint).await.unwrap();
        assert!(matches!(db.store.webhook_deliveries(endpoint, 100).await, Err(StoreError::NotFound)));
        assert!(matches!(db.store.delete_webhook(endpoint).await, Err(StoreError::NotFound)));
        assert_eq!(db.store.webhooks().await.unwrap().len(), 1);
        let other = db.store.webhooks().await.unwrap()[0].id;
        assert_eq!(db.store.webhook_deliveries(other, 100).await.unwrap().len(), 2);
    }
}
