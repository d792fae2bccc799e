//! Webhook deliveries: every case event POSTed as signed JSON to each endpoint the
//! facilitator registered, from the same outbox as email, with the same claims and the same
//! backoff, but a sender of its own, so that an endpoint that hangs delays no email.
//!
//! A delivery follows the Standard Webhooks scheme (<https://www.standardwebhooks.com/>):
//! headers `webhook-id` (the same on every attempt, so a receiver can drop a repeat),
//! `webhook-timestamp` (seconds since 1970, when sent) and `webhook-signature`
//! (`v1,` and the base64 of HMAC-SHA256 over `id.timestamp.body`, keyed with the
//! endpoint's secret). The body carries no more of a case than its emails do: the
//! reference, the title, what happened, and where the case stands, with a link to it.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Duration, Utc};
use disputes_store::{ClaimRequest, EmailContexts, OutboxItem, Store, StoreError, WebhookTarget};
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;

use crate::dispatcher::{Sweep, backoff, jitter};

/// Deliveries to webhooks, as the `[webhooks]` section of the configuration holds them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookSettings {
    /// Seconds an endpoint has to answer before the attempt counts as failed.
    pub timeout_secs: u64,
    /// Attempts before a delivery is given up on (the facilitator can send it again).
    pub max_attempts: u32,
    /// The wait after the first failed attempt; it doubles with each further one.
    pub retry_base_secs: u64,
    /// The longest wait between attempts.
    pub retry_max_secs: u64,
    /// Whether an endpoint may be a plain `http://` address (on a private network behind
    /// the service, or in tests); by default only `https://`, so a case's title never
    /// crosses a network unencrypted.
    pub allow_http: bool,
}

/// A new endpoint's signing secret: `whsec_` and the base64 of 32 random bytes. None when
/// the operating system has no randomness to give.
pub fn new_secret() -> Option<String> {
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes).ok()?;
    Some(format!("whsec_{}", STANDARD.encode(bytes)))
}

/// The `webhook-signature` of `body`, sent as message `id` at `timestamp` (seconds), for an
/// endpoint with `secret` (`whsec_` and base64): none if the secret is not one.
pub fn signature(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Option<String> {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap_or(secret))
        .ok()?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).ok()?;
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    Some(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

/// Makes ring the process's TLS provider, which every HTTP client in it (reqwest, built
/// without a provider of its own) then uses; a second call changes nothing.
pub fn install_tls() {
    // An error means a provider is installed already, which is all that is wanted.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// An HTTP client for calls to other systems (webhook endpoints, OpenID Connect providers):
/// TLS through rustls with ring and the Mozilla roots, whatever the machine holds; no
/// redirect followed (a redirect could lead anywhere); `timeout` for each request; and the
/// service's name as its user agent.
pub fn outbound_client(timeout: StdDuration) -> Result<reqwest::Client, reqwest::Error> {
    install_tls();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map(|builder| builder.with_root_certificates(roots).with_no_client_auth());
    let mut http = reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("disputes/", env!("CARGO_PKG_VERSION")));
    if let Ok(tls) = tls {
        http = http.tls_backend_preconfigured(tls);
    }
    http.build()
}

/// Sends the outbox's webhook deliveries.
#[derive(Debug, Clone)]
pub struct WebhookSender {
    store: Store,
    http: reqwest::Client,
    settings: WebhookSettings,
    public_url: String,
    instance: String,
    /// How long a sweep's claim lasts, and when a holder is taken for dead: the email's.
    lease: StdDuration,
    stale: StdDuration,
}

/// Deliveries claimed by one sweep.
pub const BATCH: u32 = 50;

impl WebhookSender {
    /// A sender whose claims name the process `instance`, with links to `public_url`, and
    /// claims that last `lease` (a holder silent for `stale` is taken for dead).
    pub fn new(
        store: Store,
        settings: &WebhookSettings,
        public_url: &str,
        instance: &str,
        (lease, stale): (StdDuration, StdDuration),
    ) -> Result<WebhookSender, reqwest::Error> {
        let http = outbound_client(StdDuration::from_secs(settings.timeout_secs.max(1)))?;
        Ok(WebhookSender {
            store,
            http,
            settings: settings.clone(),
            public_url: public_url.trim_end_matches('/').to_owned(),
            instance: instance.to_owned(),
            lease,
            stale,
        })
    }

    /// Sends the deliveries due at `now` (the service's time): one batch. Stops between
    /// deliveries once `stopping` turns true, giving back the claim on the rest.
    pub async fn sweep(
        &self,
        now: DateTime<Utc>,
        stopping: &tokio::sync::watch::Receiver<bool>,
    ) -> Result<Sweep, StoreError> {
        let lease = Duration::from_std(self.lease).unwrap_or(Duration::days(1));
        let at = Utc::now();
        let stale = Duration::from_std(self.stale).unwrap_or(Duration::minutes(1));
        let items = self
            .store
            .claim_emails(ClaimRequest {
                due_at: now,
                at,
                lease,
                limit: u64::from(BATCH),
                holder: &self.instance,
                stale_before: at - stale,
                webhooks: true,
            })
            .await?;
        if items.is_empty() {
            return Ok(Sweep::default());
        }
        let ends = disputes_store::claim_ends(at, lease);
        let contexts = self.store.email_contexts(&items).await?;
        let ids: Vec<i64> = items.iter().filter_map(|item| item.webhook_id).collect();
        let targets = self.store.webhook_targets(&ids).await?;
        let started = std::time::Instant::now();
        let mut sweep = Sweep::default();
        let mut items = items.into_iter();
        while let Some(item) = items.next() {
            if *stopping.borrow() {
                let rest: Vec<i64> = std::iter::once(item).chain(items).map(|i| i.id).collect();
                self.store.release_emails(&rest, ends).await?;
                break;
            }
            let attempts = item.attempts + 1;
            let target = item.webhook_id.and_then(|id| targets.get(&id));
            let error = match self.deliver(&item, target, &contexts).await {
                Ok(()) => {
                    self.store.mark_emails_sent(&[item.id], now).await?;
                    metrics::counter!("disputes_webhooks_delivered_total").increment(1);
                    sweep.sent += 1;
                    continue;
                }
                Err(error) => error,
            };
            let give_up = attempts >= self.settings.max_attempts;
            let ended = now + Duration::from_std(started.elapsed()).unwrap_or_default();
            let wait = backoff(
                self.settings.retry_base_secs,
                self.settings.retry_max_secs,
                attempts,
                jitter(),
            );
            let retry_at = (!give_up).then(|| ended + wait);
            self.store
                .mark_email_failed(item.id, attempts, &error, retry_at)
                .await?;
            if give_up {
                metrics::counter!("disputes_webhooks_failed_total").increment(1);
                tracing::warn!(delivery = item.id, attempts, %error, "webhook delivery given up on");
                sweep.failed += 1;
            } else {
                tracing::info!(delivery = item.id, attempts, %error, "webhook delivery will be tried again");
                sweep.retried += 1;
            }
        }
        Ok(sweep)
    }

    /// POSTs one delivery; an error says why it did not arrive.
    async fn deliver(
        &self,
        item: &OutboxItem,
        target: Option<&WebhookTarget>,
        contexts: &EmailContexts,
    ) -> Result<(), String> {
        let target = target.ok_or("the endpoint was removed")?;
        let body = self.body(item, contexts)?;
        let timestamp = Utc::now().timestamp();
        let signature = signature(&target.secret, &item.message_key, timestamp, &body)
            .ok_or("the endpoint's secret cannot sign")?;
        let answer = self
            .http
            .post(&target.url)
            .header("content-type", "application/json")
            .header("webhook-id", &item.message_key)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(body)
            .send()
            .await
            .map_err(|error| format!("not delivered: {error}"))?;
        let status = answer.status();
        if status.is_success() {
            Ok(())
        } else {
            Err(format!("the endpoint answered {status}"))
        }
    }

    /// The delivery's JSON: the event, and what its emails would say of the case.
    fn body(&self, item: &OutboxItem, contexts: &EmailContexts) -> Result<Vec<u8>, String> {
        let (case_id, seq) = item
            .case_id
            .zip(item.event_seq)
            .ok_or("not about an event")?;
        let (event, stored) = contexts
            .events
            .get(&(case_id, seq))
            .ok_or("the event is not in the store")?;
        let case = &stored.case;
        let payload = serde_json::json!({
            "type": format!("case.{}", event.name()),
            "timestamp": event.at.to_rfc3339(),
            "data": {
                "reference": stored.reference,
                "title": case.title.to_string(),
                "event": event.name(),
                "seq": seq,
                "stage": case.stage().as_str(),
                "state": case.state.kind().as_str(),
                "url": format!("{}/cases/{}", self.public_url, stored.reference),
            },
        });
        serde_json::to_vec(&payload).map_err(|error| error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Standard Webhooks specification's own example.
    #[test]
    fn signs_as_the_specification_s_example_does() {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        let body = br#"{"test": 2432232314}"#;
        assert_eq!(
            signature(secret, id, 1_614_265_330, body).as_deref(),
            Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        );
        assert!(signature("whsec_not base64!", id, 0, body).is_none());
    }

    #[test]
    fn a_new_secret_is_32_random_bytes_in_base64() {
        let (a, b) = (new_secret().unwrap(), new_secret().unwrap());
        assert_ne!(a, b);
        let bytes = STANDARD.decode(a.strip_prefix("whsec_").unwrap()).unwrap();
        assert_eq!(bytes.len(), 32);
    }
}
