//! Webhooks: the facilitator registers an endpoint, which every case event is then POSTed
//! to, signed (`disputes_notify::webhook`); they see each endpoint's deliveries and send
//! one again. The API's way and the admin page's alike.

use chrono::{DateTime, Utc};
use disputes_store::{NewWebhook, Notification, Webhook};
use disputes_workflow::{Role, Said};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Viewer;
use crate::problem::{ApiError, field_problem, says};
use crate::state::AppState;

/// The longest address an endpoint may have.
const MOST_URL_CHARS: usize = 2_000;
/// The longest description.
const MOST_DESCRIPTION_CHARS: usize = 200;
/// The deliveries of an endpoint listed, newest first.
pub const DELIVERIES_LISTED: u64 = 100;

/// An endpoint to register.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookRequest {
    /// Where deliveries are POSTed: an `https://` address (or `http://` where
    /// `webhooks.allow_http` is set), without a user name or password in it.
    pub url: String,
    /// What it is for, in your words (at most 200 characters).
    #[serde(default)]
    pub description: String,
}

/// A registered endpoint.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookView {
    /// Its id.
    pub id: i64,
    /// Where deliveries are POSTed.
    pub url: String,
    /// What it is for.
    pub description: String,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
}

impl From<Webhook> for WebhookView {
    fn from(webhook: Webhook) -> Self {
        WebhookView {
            id: webhook.id,
            url: webhook.url,
            description: webhook.description,
            created_at: webhook.created_at,
        }
    }
}

/// A newly registered endpoint, with its signing secret: shown this once, never again.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewWebhookView {
    /// The endpoint.
    #[serde(flatten)]
    pub webhook: WebhookView,
    /// The secret each delivery is signed with (Standard Webhooks: `whsec_` and base64).
    pub secret: String,
}

/// A delivery of a case event to an endpoint.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryView {
    /// Its id, for sending it again.
    pub id: i64,
    /// Its `webhook-id`: the same on every attempt.
    pub webhook_id: String,
    /// The case.
    pub reference: String,
    /// The event's name.
    pub event: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// Attempts made.
    pub attempts: u32,
    /// Why the last attempt failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// When it is next tried, while pending.
    pub next_attempt_at: DateTime<Utc>,
    /// When the endpoint took it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<DateTime<Utc>>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
}

impl DeliveryView {
    fn of((reference, delivery): (String, Notification)) -> Self {
        DeliveryView {
            id: delivery.id,
            webhook_id: delivery.message_key,
            reference,
            event: delivery.kind,
            status: delivery.status,
            attempts: delivery.attempts,
            last_error: delivery.last_error,
            next_attempt_at: delivery.next_attempt_at,
            sent_at: delivery.sent_at,
            created_at: delivery.created_at,
        }
    }
}

/// Registers an endpoint for `viewer` (the facilitator), giving its secret once.
pub async fn register(
    state: &AppState,
    viewer: &Viewer,
    request: WebhookRequest,
) -> Result<NewWebhookView, ApiError> {
    viewer.require(&[Role::Facilitator])?;
    let mut errors = Vec::new();
    let url = request.url.trim();
    if let Err(problem) = usable_url(url, state.settings.webhooks.allow_http) {
        errors.push(field_problem("url", problem.key, problem.args));
    }
    let description = request.description.trim();
    if description.chars().count() > MOST_DESCRIPTION_CHARS
        || description.chars().any(char::is_control)
    {
        errors.push(field_problem(
            "description",
            "field-description",
            vec![("max", MOST_DESCRIPTION_CHARS.into())],
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid(errors));
    }
    let secret = disputes_notify::webhook::new_secret().ok_or_else(|| {
        ApiError::unavailable().with_detail(says("detail-no-randomness", Vec::new()))
    })?;
    let new = NewWebhook {
        url: url.to_owned(),
        description: description.to_owned(),
        secret: secret.clone(),
        created_by: viewer.person().id,
    };
    let webhook = state.store.create_webhook(new, state.clock.now()).await?;
    tracing::info!(webhook = webhook.id, "webhook registered");
    Ok(NewWebhookView {
        webhook: webhook.into(),
        secret,
    })
}

/// Why `url` cannot be an endpoint, if it cannot, as the catalogue words it.
fn usable_url(url: &str, allow_http: bool) -> Result<(), Said> {
    if url.chars().count() > MOST_URL_CHARS {
        return Err(says(
            "workflow-text-too-long",
            vec![("max", MOST_URL_CHARS.into())],
        ));
    }
    let parsed = url::Url::parse(url).map_err(|e| {
        says(
            "field-url-not-address",
            vec![("error", e.to_string().into())],
        )
    })?;
    match parsed.scheme() {
        "https" => {}
        "http" if allow_http => {}
        "http" => return Err(says("field-url-https-or-private", Vec::new())),
        _ => return Err(says("field-url-https", Vec::new())),
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(says("field-url-host", Vec::new()));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(says("field-url-credentials", Vec::new()));
    }
    Ok(())
}

/// Every registered endpoint, for the facilitator.
pub async fn list(state: &AppState, viewer: &Viewer) -> Result<Vec<WebhookView>, ApiError> {
    viewer.require(&[Role::Facilitator])?;
    Ok(state
        .store
        .webhooks()
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Removes the endpoint `id` and its deliveries, for the facilitator.
pub async fn remove(state: &AppState, viewer: &Viewer, id: i64) -> Result<(), ApiError> {
    viewer.require(&[Role::Facilitator])?;
    state.store.delete_webhook(id).await?;
    tracing::info!(webhook = id, "webhook removed");
    Ok(())
}

/// The endpoint `id`'s latest deliveries, newest first, for the facilitator.
pub async fn deliveries(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
) -> Result<Vec<DeliveryView>, ApiError> {
    viewer.require(&[Role::Facilitator])?;
    Ok(state
        .store
        .webhook_deliveries(id, DELIVERIES_LISTED)
        .await?
        .into_iter()
        .map(DeliveryView::of)
        .collect())
}

/// Sends the endpoint `id`'s delivery `delivery` again, for the facilitator.
pub async fn resend(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    delivery: i64,
) -> Result<(), ApiError> {
    viewer.require(&[Role::Facilitator])?;
    state
        .store
        .resend_delivery(id, delivery, state.clock.now())
        .await?;
    tracing::info!(webhook = id, delivery, "webhook delivery queued again");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endpoint_is_https_with_a_host_and_no_credentials() {
        assert!(usable_url("https://hooks.example.org/disputes", false).is_ok());
        assert!(usable_url("http://10.0.0.5:8080/in", true).is_ok());
        for refused in [
            "http://hooks.example.org/",
            "ftp://hooks.example.org/",
            "https://user:pass@hooks.example.org/",
            "https://",
            "not a url",
            "javascript:alert(1)",
        ] {
            assert!(usable_url(refused, false).is_err(), "{refused}");
        }
        let long = format!("https://example.org/{}", "a".repeat(MOST_URL_CHARS));
        assert!(usable_url(&long, false).is_err());
    }
}
