//! The outbox dispatcher: claims the emails that are due, renders and sends each, and
//! records the result. A failure is tried again later, waiting longer each time (with a
//! little randomness, so a recovering server is not hit by every email at once); after the
//! configured number of attempts, or at once when the server refuses for good, the email is
//! marked failed for the facilitator to see and send again.
//!
//! A batch is read in a few queries (its events, cases, people and organisations at once),
//! sent over one SMTP connection, and marked sent in one statement. Its claim names this
//! process, which beats a heartbeat while it lives: a process that stops gives its claims
//! back, and one that dies has them taken once its heartbeat is stale.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use disputes_i18n::{Catalogue, Lang, Locale};
use disputes_store::{ClaimRequest, EmailContexts, OutboxItem, Store, StoreError};
use lettre::message::Mailbox;
use tracing::Instrument;

use crate::config::EmailSettings;
use crate::content::{
    Added, EmailContext, Names, NextSteps, Template, closes_with_decision, context, news_context,
    person_of,
};
use crate::message::{AutoSubmitted, Routing, build};
use crate::render::{Rendered, Renderer};
use crate::reply::ReplyContext;
use crate::transport::{Mailer, SendError, Session};

/// Sent emails are recorded [`MARK_EVERY`] at a time, in one statement: should the process
/// die in between, those not yet recorded are sent again (with the same Message-ID) once
/// their claim is taken over, so this bounds the repeats a crash can cause.
const MARK_EVERY: usize = 10;

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sweep {
    /// Emails handed to the mail server.
    pub sent: u32,
    /// Attempts that failed and will be tried again.
    pub retried: u32,
    /// Emails given up on.
    pub failed: u32,
}

/// Sends the outbox.
#[derive(Debug)]
pub struct Dispatcher {
    store: Store,
    renderer: Renderer,
    mailer: Mailer,
    from: Mailbox,
    public_url: String,
    settings: EmailSettings,
    /// This process, as its claims name it.
    instance: String,
    /// Help outside the Compact, for the email that tells of a case's closing decision.
    next_steps: Option<NextSteps>,
    /// The domain of reply addresses, when replies by email are received.
    reply_domain: Option<String>,
}

/// The reply token of each (case, person) a batch writes to.
type Tokens = std::collections::HashMap<(i64, disputes_workflow::PersonId), String>;

/// Why the dispatcher could not start.
#[derive(Debug, thiserror::Error)]
pub enum DispatchError {
    /// `email.from` is not an address.
    #[error("email.from: {0}")]
    From(String),
    /// A template cannot be used.
    #[error(transparent)]
    Template(#[from] crate::render::TemplateError),
    /// The transport cannot be set up.
    #[error("email: {0}")]
    Transport(#[from] crate::transport::SendError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Dispatcher {
    /// A dispatcher writing with `catalogue` (which names the Compact), with links to
    /// `public_url`, whose claims name the process `instance`.
    pub fn new(
        store: Store,
        settings: &EmailSettings,
        catalogue: Arc<Catalogue>,
        public_url: &str,
        instance: &str,
    ) -> Result<Dispatcher, DispatchError> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|e: lettre::address::AddressError| DispatchError::From(e.to_string()))?;
        Ok(Dispatcher {
            store,
            renderer: Renderer::new(settings.templates_dir.as_deref(), catalogue)?,
            mailer: Mailer::new(settings)?,
            from,
            public_url: public_url.to_owned(),
            settings: settings.clone(),
            instance: instance.to_owned(),
            next_steps: None,
            reply_domain: settings.inbound.reply_domain().map(str::to_owned),
        })
    }

    /// Offers `next_steps` in the email that tells of a decision closing a case.
    #[must_use]
    pub fn with_next_steps(mut self, next_steps: NextSteps) -> Dispatcher {
        self.next_steps = Some(next_steps);
        self
    }

    /// The most emails one sweep claims.
    pub fn batch_size(&self) -> u32 {
        self.settings.batch_size.max(1)
    }

    /// Sends what is due at `now` (the service's time): one batch. Stops between emails
    /// once `stopping` turns true, giving back the claim on the rest.
    pub async fn sweep(
        &self,
        now: DateTime<Utc>,
        stopping: &tokio::sync::watch::Receiver<bool>,
    ) -> Result<Sweep, DispatchError> {
        let batch = u64::from(self.batch_size());
        // The configuration allows a day at most.
        let lease_std = std::time::Duration::from_secs(self.settings.lease_secs);
        let lease = Duration::from_std(lease_std).unwrap_or(Duration::days(1));
        let stale = self.settings.claim_stale();
        // The claim is kept in real time: `clock.now` moves the service's time, not leases.
        let at = Utc::now();
        let claim = Claim {
            ends: disputes_store::claim_ends(at, lease),
            runs_out: std::time::Instant::now() + lease_std,
        };
        let items = self
            .store
            .claim_emails(ClaimRequest {
                due_at: now,
                at,
                lease,
                limit: batch,
                holder: &self.instance,
                stale_before: at - stale,
                webhooks: false,
            })
            .await?;
        if items.is_empty() {
            return Ok(Sweep::default());
        }
        let read = async {
            Ok::<_, StoreError>((
                self.store.email_contexts(&items).await?,
                self.reply_tokens(&items, now).await?,
            ))
        };
        let (contexts, tokens) = match read.await {
            Ok(read) => read,
            Err(error) => {
                self.release(items.into_iter(), &claim).await?;
                return Err(error.into());
            }
        };
        let started = std::time::Instant::now();
        let mut session = self.mailer.session();
        let mut sweep = Sweep::default();
        let mut sent = Vec::new();
        let mut items = items.into_iter();
        while let Some(item) = items.next() {
            if *stopping.borrow() {
                self.release(std::iter::once(item).chain(items), &claim)
                    .await?;
                break;
            }
            let attempts = item.attempts + 1;
            let batch = (&contexts, &tokens);
            let error = match self.send(&mut session, &item, batch, &claim).await {
                Ok(Attempt::Sent) => {
                    sent.push(item.id);
                    metrics::counter!("disputes_emails_sent_total").increment(1);
                    sweep.sent += 1;
                    if sent.len() >= MARK_EVERY {
                        self.store.mark_emails_sent(&sent, now).await?;
                        sent.clear();
                    }
                    continue;
                }
                // Too late to start an attempt that could outlast the claim: this email and
                // the rest are left for the next sweep.
                Ok(Attempt::OutOfTime) => {
                    self.release(std::iter::once(item).chain(items), &claim)
                        .await?;
                    break;
                }
                Err(error) => error,
            };
            let give_up = error.permanent || attempts >= self.settings.max_attempts;
            // The wait runs from when the attempt ended, not from when the sweep began.
            let ended = now + Duration::from_std(started.elapsed()).unwrap_or_default();
            let retry_at = (!give_up).then(|| ended + self.backoff(attempts));
            self.store
                .mark_email_failed(item.id, attempts, &error.message, retry_at)
                .await?;
            metrics::counter!("disputes_email_attempts_failed_total").increment(1);
            if give_up {
                metrics::counter!("disputes_emails_failed_total").increment(1);
                tracing::warn!(email = item.id, attempts, error = %error.message, "email given up on");
                sweep.failed += 1;
            } else {
                tracing::info!(email = item.id, attempts, error = %error.message, "email will be tried again");
                sweep.retried += 1;
            }
            if !error.permanent {
                // The mail server is down or not answering: the rest of the batch would
                // only wait out the same timeout, one by one.
                self.release(items, &claim).await?;
                break;
            }
        }
        session.close().await;
        self.store.mark_emails_sent(&sent, now).await?;
        Ok(sweep)
    }

    /// Gives back the claim on emails this sweep leaves for the next.
    async fn release(
        &self,
        items: impl Iterator<Item = OutboxItem>,
        claim: &Claim,
    ) -> Result<(), StoreError> {
        let ids: Vec<i64> = items.map(|item| item.id).collect();
        self.store.release_emails(&ids, claim.ends).await
    }

    /// The reply token of each case email's recipient in `items`, made where missing; none
    /// when replies are not received.
    async fn reply_tokens(
        &self,
        items: &[OutboxItem],
        now: DateTime<Utc>,
    ) -> Result<Tokens, StoreError> {
        if self.reply_domain.is_none() {
            return Ok(Tokens::new());
        }
        let mut pairs: Vec<_> = items
            .iter()
            .filter_map(|item| Some((item.case_id?, item.recipient_id?)))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        if pairs.is_empty() {
            return Ok(Tokens::new());
        }
        self.store.reply_tokens(&pairs, now).await
    }

    /// Where answers to `item` go: its recipient's reply address on its case, and bounces
    /// to the service, when replies are received; an answer to a received email is itself
    /// never answered.
    fn routing(&self, item: &OutboxItem, tokens: &Tokens) -> Routing {
        let Some(domain) = &self.reply_domain else {
            return Routing::default();
        };
        if item.kind == disputes_store::REPLY_REFUSED {
            return Routing {
                reply_to: None,
                return_path: Some(None),
                auto: AutoSubmitted::Replied,
            };
        }
        let token = item
            .case_id
            .zip(item.recipient_id)
            .and_then(|pair| tokens.get(&pair));
        Routing {
            reply_to: token.map(|token| crate::reply::reply_address(token, domain)),
            return_path: Some(Some(crate::reply::bounce_address(domain))),
            auto: if item.inbound_id.is_some() {
                AutoSubmitted::Replied
            } else {
                AutoSubmitted::Generated
            },
        }
    }

    /// The acknowledgement or refusal `item` carries, rendered, and whom it greets.
    fn answer(
        &self,
        item: &OutboxItem,
        contexts: &EmailContexts,
    ) -> Result<(String, Rendered), SendError> {
        let notice = item
            .inbound_id
            .and_then(|id| contexts.replies.get(&id))
            .ok_or_else(|| SendError::transient("the received email could not be read"))?;
        let addressee = item.recipient_id.and_then(|id| contexts.people.get(&id));
        let recipient = addressee.map_or_else(|| item.recipient_email.clone(), |a| a.name.clone());
        let locale = self.locale_for(item, contexts);
        let reference = notice.reference.clone().unwrap_or_default();
        let link = match (&notice.reference, notice.message) {
            (Some(reference), Some(message)) => {
                format!("{}/cases/{reference}#message-{message}", self.public_url)
            }
            (Some(reference), None) => format!("{}/cases/{reference}", self.public_url),
            (None, _) => format!("{}/login", self.public_url),
        };
        let context = ReplyContext {
            compact: locale.t("compact-name"),
            recipient: recipient.clone(),
            recorded: notice.reason.is_none(),
            reference,
            subject: notice.subject.clone(),
            reason: notice
                .reason
                .as_ref()
                .map(|reason| reason.in_language(locale.lang()).to_owned())
                .unwrap_or_default(),
            panel_only: notice.panel_only,
            link,
        };
        let rendered = self
            .renderer
            .reply(&context, locale.lang())
            .map_err(|e| SendError::permanent(e.to_string()))?;
        Ok((recipient, rendered))
    }

    /// What `item` says, rendered, and whom it greets; none when a news email has nothing
    /// left to tell.
    fn rendered(
        &self,
        item: &OutboxItem,
        contexts: &EmailContexts,
        routing: &Routing,
    ) -> Result<Option<(String, Rendered)>, SendError> {
        if item.inbound_id.is_some() {
            return self.answer(item, contexts).map(Some);
        }
        let locale = self.locale_for(item, contexts);
        let Some(mut content) = self.content_of(item, contexts, &locale)? else {
            return Ok(None);
        };
        content.replies = routing.reply_to.is_some();
        let rendered = self
            .renderer
            .render(Template::for_event(&item.kind), &content, locale.lang())
            .map_err(|e| SendError::permanent(e.to_string()))?;
        Ok(Some((content.recipient, rendered)))
    }

    /// What `item` says, from the batch's `contexts`; none when a news email has nothing
    /// left to tell (its reader may no longer read what was added).
    fn content_of(
        &self,
        item: &OutboxItem,
        contexts: &EmailContexts,
        locale: &Locale,
    ) -> Result<Option<EmailContext>, SendError> {
        let person = |id| {
            contexts
                .people
                .get(&id)
                .map(|a| (&a.name, &a.organisation_id))
                .ok_or_else(|| SendError::transient(format!("person {} could not be read", id.0)))
        };
        let organisation = |id| {
            contexts.organisations.get(&id).cloned().ok_or_else(|| {
                SendError::transient(format!("organisation {} could not be read", id.0))
            })
        };
        let signed = |id| -> Result<String, SendError> {
            let (name, org) = person(id)?;
            Ok(person_of(locale, name, &organisation(*org)?))
        };
        let recipient = match item.recipient_id {
            Some(id) => person(id)?.0.clone(),
            None => item.recipient_email.clone(),
        };
        let names_for = |case: &disputes_workflow::Case, actor| -> Result<Names, SendError> {
            Ok(Names {
                recipient: recipient.clone(),
                actor,
                raiser: organisation(case.raising_organisation_id)?,
                respondent: organisation(case.respondent_organisation_id)?,
            })
        };
        if item.kind == disputes_store::NEWS_KIND {
            let news = contexts
                .news
                .get(&item.id)
                .ok_or_else(|| SendError::transient("the email's news could not be read"))?;
            let added = Added {
                messages: news
                    .messages
                    .iter()
                    .map(|p| signed(*p))
                    .collect::<Result<_, _>>()?,
                files: news
                    .files
                    .iter()
                    .map(|p| signed(*p))
                    .collect::<Result<_, _>>()?,
                panel_only: news.panel_only,
            };
            if added.is_empty() {
                return Ok(None);
            }
            let case = &news.case;
            return Ok(Some(news_context(
                locale,
                &locale.t("compact-name"),
                &self.public_url,
                &case.reference,
                &case.case,
                &added,
                &names_for(&case.case, None)?,
            )));
        }
        let (Some(case_id), Some(seq)) = (item.case_id, item.event_seq) else {
            return Err(SendError::permanent("the email names no case event"));
        };
        let Some((event, stored)) = contexts.events.get(&(case_id, seq)) else {
            return Err(SendError::transient("the email's event could not be read"));
        };
        let actor = match event.actor.person() {
            Some(actor) => {
                let (name, org) = person(actor.id)?;
                Some((name.clone(), organisation(*org)?))
            }
            None => None,
        };
        let mut content = context(
            locale,
            &locale.t("compact-name"),
            &self.public_url,
            &stored.reference,
            &stored.case,
            event,
            &names_for(&stored.case, actor)?,
        );
        if closes_with_decision(event) {
            // The Compact's own words for them, in the reader's language, where the
            // catalogue was given them.
            content.next_steps = self
                .next_steps
                .as_ref()
                .map(|english| NextSteps::of(locale).unwrap_or_else(|| english.clone()));
        }
        Ok(Some(content))
    }

    /// The words an email to `item`'s recipient is written in: their language, or English
    /// for an address that is no one's.
    fn locale_for(&self, item: &OutboxItem, contexts: &EmailContexts) -> Locale {
        let lang = item
            .recipient_id
            .and_then(|id| contexts.people.get(&id))
            .map_or(Lang::En, |a| a.language);
        self.renderer.locale(lang)
    }

    /// Renders and sends one email in `session`, unless the attempt could outlast `claim`.
    async fn send(
        &self,
        session: &mut Session<'_>,
        item: &OutboxItem,
        (contexts, tokens): (&EmailContexts, &Tokens),
        claim: &Claim,
    ) -> Result<Attempt, SendError> {
        let routing = self.routing(item, tokens);
        let Some((recipient, rendered)) = self.rendered(item, contexts, &routing)? else {
            tracing::info!(email = item.id, "nothing left to tell: not sent");
            return Ok(Attempt::Sent);
        };
        let message = build(
            &self.from,
            &recipient,
            &item.recipient_email,
            &item.message_key,
            &rendered,
            &routing,
        )
        .map_err(|e| SendError::permanent(e.to_string()))?;
        // The attempt may take the whole SMTP timeout; one that could outlast the claim
        // would let another sweep take the email and send it at the same time.
        let timeout = std::time::Duration::from_secs(self.settings.smtp.timeout_secs);
        if std::time::Instant::now() + timeout >= claim.runs_out {
            return Ok(Attempt::OutOfTime);
        }
        let span = tracing::info_span!(
            "email.send",
            otel.name = "email.send",
            otel.kind = "client",
            email.id = item.id,
            email.kind = %item.kind,
            request.id = item.request_id.as_deref(),
        );
        session.send(message).instrument(span).await?;
        Ok(Attempt::Sent)
    }

    /// The wait before attempt `attempts + 1`: the base doubled for each attempt made, at
    /// most the maximum, give or take a fifth.
    fn backoff(&self, attempts: u32) -> Duration {
        backoff(
            self.settings.retry_base_secs,
            self.settings.retry_max_secs,
            attempts,
            jitter(),
        )
    }
}

/// This sweep's claim on its emails.
struct Claim {
    /// When it runs out, as stored (the token that names it).
    ends: DateTime<Utc>,
    /// When it runs out, on this process's monotonic clock.
    runs_out: std::time::Instant,
}

/// What became of one email that did not fail.
enum Attempt {
    /// The mail server took it.
    Sent,
    /// Not tried: the claim could run out during the attempt.
    OutOfTime,
}

/// A number from -1.0 to 1.0, from the operating system's randomness (0 if there is none).
pub(crate) fn jitter() -> f64 {
    let mut byte = [0_u8; 1];
    match getrandom::fill(&mut byte) {
        Ok(()) => f64::from(byte[0]) / 127.5 - 1.0,
        Err(_) => 0.0,
    }
}

/// `base · 2^(attempts-1)`, capped at `max`, scaled by `1 + jitter/5`.
pub fn backoff(base_secs: u64, max_secs: u64, attempts: u32, jitter: f64) -> Duration {
    let doubled = base_secs.saturating_mul(1_u64 << attempts.saturating_sub(1).min(30));
    let capped = doubled.min(max_secs.max(1)) as f64;
    let millis = (capped * 1000.0 * (1.0 + jitter.clamp(-1.0, 1.0) / 5.0)).max(1.0);
    Duration::milliseconds(millis as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_the_cap_with_a_fifth_of_jitter() {
        assert_eq!(backoff(30, 3600, 1, 0.0), Duration::seconds(30));
        assert_eq!(backoff(30, 3600, 2, 0.0), Duration::seconds(60));
        assert_eq!(backoff(30, 3600, 5, 0.0), Duration::seconds(480));
        assert_eq!(backoff(30, 3600, 40, 0.0), Duration::seconds(3600));
        assert_eq!(backoff(30, 3600, 1, 1.0), Duration::seconds(36));
        assert_eq!(backoff(30, 3600, 1, -1.0), Duration::seconds(24));
        for _ in 0..100 {
            let j = jitter();
            assert!((-1.0..=1.0).contains(&j));
        }
    }
}
