//! Webhooks: endpoints the facilitator registers, each sent every case event. An event is
//! queued for each endpoint in the event's own transaction, as an outbox row naming the
//! endpoint, which the webhook sender claims, retries and marks as the email sender does
//! its rows; the facilitator sees an endpoint's deliveries and may send one again.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use disputes_workflow::{CaseEvent, PersonId};
use sea_orm::sea_query::{Alias, BinOper, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};

use crate::entity::{outbox, webhooks};
use crate::error::StoreError;
use crate::outbox::{Notification, with_references};
use crate::{Store, Tx};

/// An endpoint to register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWebhook {
    /// Where deliveries are POSTed.
    pub url: String,
    /// What it is for, in the facilitator's words.
    pub description: String,
    /// The signing secret (`whsec_` and the base64 of its bytes).
    pub secret: String,
    /// Who registers it.
    pub created_by: PersonId,
}

/// A registered endpoint, as listed: never its secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhook {
    /// Its id.
    pub id: i64,
    /// Where deliveries are POSTed.
    pub url: String,
    /// What it is for.
    pub description: String,
    /// Who registered it.
    pub created_by: PersonId,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Where a delivery goes and what signs it: for the webhook sender alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookTarget {
    /// The endpoint's address.
    pub url: String,
    /// Its signing secret.
    pub secret: String,
}

fn webhook(row: webhooks::Model) -> Webhook {
    Webhook {
        id: row.id,
        url: row.url,
        description: row.description,
        created_by: PersonId(row.created_by),
        created_at: row.created_at,
    }
}

/// Queues `event` (number `seq` of the case `case_id`, `reference`) for every registered
/// endpoint, in one statement that reads the endpoints as it writes their rows.
pub(crate) async fn enqueue(
    txn: &Tx<'_>,
    case_id: i64,
    reference: &str,
    seq: i32,
    event: &CaseEvent,
) -> Result<(), StoreError> {
    let id = Expr::col((webhooks::Entity, webhooks::Column::Id));
    // The message key, which the delivery's `webhook-id` is: `REFERENCE/SEQ/webhook/ID`.
    let key = Expr::val(format!("{reference}/{seq}/webhook/")).binary(
        BinOper::Custom("||"),
        id.clone().cast_as(Alias::new("TEXT")),
    );
    let address = Expr::col((webhooks::Entity, webhooks::Column::Url));
    let endpoints = Query::select().from(webhooks::Entity).to_owned();
    let insert = crate::outbox::queue(
        endpoints,
        (key, address),
        (case_id, seq, event),
        (id, outbox::Column::WebhookId),
    )?;
    txn.run(insert).await
}

impl Store {
    /// Registers an endpoint: every case event from now on is delivered to it.
    pub async fn create_webhook(
        &self,
        new: NewWebhook,
        at: DateTime<Utc>,
    ) -> Result<Webhook, StoreError> {
        let row = webhooks::ActiveModel {
            url: Set(new.url),
            description: Set(new.description),
            secret: Set(new.secret),
            created_by: Set(new.created_by.0),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(*self.writer().await)
        .await?;
        Ok(webhook(row))
    }

    /// Every registered endpoint, oldest first.
    pub async fn webhooks(&self) -> Result<Vec<Webhook>, StoreError> {
        Ok(webhooks::Entity::find()
            .order_by_asc(webhooks::Column::Id)
            .all(&self.read)
            .await?
            .into_iter()
            .map(webhook)
            .collect())
    }

    /// Removes the endpoint `id` and its deliveries, sent or waiting, in one transaction.
    pub async fn delete_webhook(&self, id: i64) -> Result<(), StoreError> {
        let writer = self.writer().await;
        let txn = writer.begin().await?;
        outbox::Entity::delete_many()
            .filter(outbox::Column::WebhookId.eq(id))
            .exec(&txn)
            .await?;
        let removed = webhooks::Entity::delete_by_id(id).exec(&txn).await?;
        if removed.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        txn.commit().await?;
        Ok(())
    }

    /// The endpoint `id`'s deliveries, newest first, at most `limit`, each with its case's
    /// reference.
    pub async fn webhook_deliveries(
        &self,
        id: i64,
        limit: u64,
    ) -> Result<Vec<(String, Notification)>, StoreError> {
        if webhooks::Entity::find_by_id(id)
            .one(&self.read)
            .await?
            .is_none()
        {
            return Err(StoreError::NotFound);
        }
        let rows = outbox::Entity::find()
            .filter(outbox::Column::WebhookId.eq(id))
            .order_by_desc(outbox::Column::Id)
            .limit(limit)
            .all(&self.read)
            .await?;
        with_references(&self.read, rows).await
    }

    /// Queues the delivery `delivery` to the endpoint `id` again from `now`: one given up
    /// on, or one delivered that its receiver lost (it goes with the same `webhook-id`, so
    /// a receiver that has it already can tell). One still waiting is left to its turn.
    pub async fn resend_delivery(
        &self,
        id: i64,
        delivery: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let requeued = outbox::Entity::update_many()
            .set(crate::dispatch::requeued(now))
            .filter(outbox::Column::Id.eq(delivery))
            .filter(outbox::Column::WebhookId.eq(id))
            .filter(outbox::Column::Status.is_in(["failed", "sent"]))
            .exec(*self.writer().await)
            .await?;
        if requeued.rows_affected == 1 {
            return Ok(());
        }
        match outbox::Entity::find_by_id(delivery)
            .filter(outbox::Column::WebhookId.eq(id))
            .one(&self.read)
            .await?
        {
            None => Err(StoreError::NotFound),
            Some(_) => Err(StoreError::Conflict(
                "this delivery is waiting to be sent already".to_owned(),
            )),
        }
    }

    /// Where each of the endpoints `ids` is and what signs for it: for the webhook sender.
    pub async fn webhook_targets(
        &self,
        ids: &[i64],
    ) -> Result<HashMap<i64, WebhookTarget>, StoreError> {
        Ok(webhooks::Entity::find()
            .filter(webhooks::Column::Id.is_in(ids.iter().copied()))
            .all(&self.read)
            .await?
            .into_iter()
            .map(|row| {
                let target = WebhookTarget {
                    url: row.url,
                    secret: row.secret,
                };
                (row.id, target)
            })
            .collect())
    }
}
