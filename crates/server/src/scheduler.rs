//! The scheduler: every `scheduler.interval_secs` it sends the reminders and overdue
//! notices that are due, closes appeal windows that have passed, sends the outbox, and
//! tidies expired records; once a day (by the service's date) it applies the retention rule.
//!
//! Each notice and lapse goes through the store exactly as a person's action does, so it is
//! audited and emailed, and the optimistic version check makes it happen once however many
//! server processes sweep at the same moment: the others are refused, and say so in the
//! debug log. The time is the service's clock, so `clock.now` moves the whole service.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use disputes_notify::{Dispatcher, WebhookSender};
use disputes_store::StoreError;
use disputes_workflow::{Action, Actor, Command};
use tokio::sync::watch;

use crate::state::AppState;

/// What one deadline sweep did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeadlineSweep {
    /// Reminders sent.
    pub reminders: u32,
    /// Overdue notices sent.
    pub overdue: u32,
    /// Appeal windows closed.
    pub lapses: u32,
}

/// Runs the sweeps every interval until `shutdown` changes: the deadlines, the emails and
/// the webhook deliveries each in a loop of its own, so a mail server or an endpoint that
/// hangs delays no reminder or lapse, and neither delays the other.
pub async fn run(
    state: AppState,
    dispatcher: Arc<Dispatcher>,
    webhooks: Arc<WebhookSender>,
    shutdown: watch::Receiver<bool>,
) {
    let retained = Arc::new(Daily::default());
    let deadlines = every_interval(&state, shutdown.clone(), |now| {
        sweep_deadlines_and_tidy(state.clone(), now, retained.clone())
    });
    let stopping = shutdown.clone();
    let outbox = every_interval(&state, shutdown.clone(), |now| {
        send_outbox(dispatcher.clone(), now, stopping.clone())
    });
    let stopping = shutdown.clone();
    let deliveries = every_interval(&state, shutdown, |now| {
        send_webhooks(webhooks.clone(), now, stopping.clone())
    });
    tokio::join!(deadlines, outbox, deliveries);
}

/// One sweep of the webhook deliveries, with what it did logged; at once again after a
/// whole batch was delivered.
async fn send_webhooks(
    webhooks: Arc<WebhookSender>,
    now: DateTime<Utc>,
    stopping: watch::Receiver<bool>,
) -> More {
    match webhooks.sweep(now, &stopping).await {
        Ok(done) if done != disputes_notify::Sweep::default() => {
            tracing::info!(
                delivered = done.sent,
                retried = done.retried,
                failed = done.failed,
                "webhooks swept"
            );
            if done.sent >= disputes_notify::webhook::BATCH {
                return More::Yes;
            }
            More::No
        }
        Ok(_) => More::No,
        Err(error) => {
            tracing::warn!(%error, "webhook sweep failed");
            More::No
        }
    }
}

/// Runs `sweep` at once and then every `scheduler.interval_secs`, at the service's time,
/// until `shutdown` changes; at once again when a sweep says there is more to do.
async fn every_interval<F: Future<Output = More>>(
    state: &AppState,
    mut shutdown: watch::Receiver<bool>,
    mut sweep: impl FnMut(DateTime<Utc>) -> F,
) {
    let interval = Duration::from_secs(state.settings.scheduler.interval_secs);
    loop {
        if sweep(state.clock.now()).await == More::Yes && !*shutdown.borrow() {
            continue;
        }
        tokio::select! {
            () = tokio::time::sleep(interval) => {}
            _ = shutdown.changed() => break,
        }
    }
}

/// Whether a sweep left work it could do at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum More {
    Yes,
    No,
}

/// One deadline sweep and the housekeeping, with what they did logged.
async fn sweep_deadlines_and_tidy(
    state: AppState,
    now: DateTime<Utc>,
    retained: Arc<Daily>,
) -> More {
    match sweep_deadlines(&state, now).await {
        Ok(done) if done != DeadlineSweep::default() => {
            tracing::info!(
                reminders = done.reminders,
                overdue = done.overdue,
                lapses = done.lapses,
                "deadlines swept"
            );
        }
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "deadline sweep failed"),
    }
    if let Err(error) = tidy(&state, now).await {
        tracing::warn!(%error, "housekeeping failed");
    }
    let today = now.date_naive();
    if retained.due(today) {
        match apply_retention(&state, now).await {
            Ok(()) => retained.done(today),
            Err(error) => tracing::warn!(%error, "retention sweep failed"),
        }
    }
    More::No
}

/// A job done once a service day: due at the first sweep of each day, and again at the
/// next sweep of the same day when it failed.
#[derive(Debug, Default)]
struct Daily {
    last: std::sync::Mutex<Option<NaiveDate>>,
}

impl Daily {
    fn due(&self, today: NaiveDate) -> bool {
        self.last.lock().is_ok_and(|last| *last != Some(today))
    }

    fn done(&self, today: NaiveDate) {
        if let Ok(mut last) = self.last.lock() {
            *last = Some(today);
        }
    }
}

/// Anonymises the cases closed longer ago than `retention.closed_case_years` (none when it
/// is 0). Several server processes may sweep at once: the store anonymises each case once.
pub async fn apply_retention(state: &AppState, now: DateTime<Utc>) -> Result<(), StoreError> {
    let years = state.settings.retention.closed_case_years;
    let Some(cutoff) = retention_cutoff(now, years) else {
        return Ok(());
    };
    let swept = state
        .store
        .anonymise_closed_before(cutoff, years, now)
        .await?;
    if !swept.anonymised.is_empty() {
        tracing::info!(
            cases = swept.anonymised.len(),
            years,
            "retention rule applied"
        );
    }
    Ok(())
}

/// The instant `years` whole years before `now` (the same day and time of year; 28
/// February for a 29th): a case closed before it is past retention. None for 0 years.
pub fn retention_cutoff(now: DateTime<Utc>, years: u32) -> Option<DateTime<Utc>> {
    if years == 0 {
        return None;
    }
    now.checked_sub_months(chrono::Months::new(years.saturating_mul(12)))
}

/// One outbox sweep, with what it did logged. A backlog (after an outage, say) is sent
/// batch after batch, not one batch an interval, as long as the mail server takes it; on
/// shutdown, the sweep stops after the email it is sending.
async fn send_outbox(
    dispatcher: Arc<Dispatcher>,
    now: DateTime<Utc>,
    stopping: watch::Receiver<bool>,
) -> More {
    match dispatcher.sweep(now, &stopping).await {
        Ok(sent) if sent != disputes_notify::Sweep::default() => {
            tracing::info!(
                sent = sent.sent,
                retried = sent.retried,
                failed = sent.failed,
                "outbox swept"
            );
            // A whole batch settled (a transient failure ends a sweep early).
            if sent.sent + sent.failed >= dispatcher.batch_size() {
                return More::Yes;
            }
            More::No
        }
        Ok(_) => More::No,
        Err(error) => {
            tracing::warn!(%error, "outbox sweep failed");
            More::No
        }
    }
}

/// Sends the notices due today and closes the lapsed appeal windows.
pub async fn sweep_deadlines(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<DeadlineSweep, StoreError> {
    let today = state.settings.compact.today(now);
    let mut done = DeadlineSweep::default();
    for notice in state.store.due_notices(today).await? {
        let action = notice.action();
        if act(state, &notice.reference, action, now).await? {
            if notice.overdue {
                done.overdue += 1;
            } else {
                done.reminders += 1;
            }
        }
    }
    for reference in state.store.lapsed_appeal_windows(today).await? {
        if act(state, &reference, Action::LapseAppealWindow, now).await? {
            done.lapses += 1;
        }
    }
    Ok(done)
}

/// Takes a scheduler action; `false` when another process took it first (or it is no
/// longer due).
async fn act(
    state: &AppState,
    reference: &str,
    action: Action,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let kind = action.kind();
    let command = Command {
        actor: Actor::System,
        action,
        at: now,
        note: None,
    };
    match state.store.apply(reference, &command, None).await {
        Ok(_) => {
            metrics::counter!("disputes_scheduler_actions_total", "action" => kind.as_str())
                .increment(1);
            Ok(true)
        }
        Err(StoreError::Refused(_) | StoreError::Stale { .. }) => {
            tracing::debug!(case = reference, action = %kind, "already done elsewhere");
            Ok(false)
        }
        Err(other) => Err(other),
    }
}

/// Forgets idempotency keys past their day, old failed sign-ins and processes long gone,
/// and reports the outbox.
async fn tidy(state: &AppState, now: DateTime<Utc>) -> Result<(), StoreError> {
    let day_ago = now - chrono::Duration::hours(disputes_store::KEY_LIFETIME_HOURS);
    state.store.forget_idempotency_keys_before(day_ago).await?;
    state.store.clear_login_failures("", day_ago).await?;
    // Heartbeats are kept in real time, like claims.
    let gone = chrono::Utc::now() - chrono::Duration::days(1);
    state.store.forget_instances_before(gone).await?;
    let (pending, failed) = state.store.outbox_counts().await?;
    metrics::gauge!("disputes_outbox_pending").set(pending as f64);
    metrics::gauge!("disputes_outbox_failed").set(failed as f64);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_retention_cutoff_is_whole_years_back_and_none_for_zero() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            retention_cutoff(at("2033-05-10T12:00:00Z"), 6),
            Some(at("2027-05-10T12:00:00Z"))
        );
        assert_eq!(
            retention_cutoff(at("2032-02-29T08:00:00Z"), 6),
            Some(at("2026-02-28T08:00:00Z"))
        );
        assert_eq!(retention_cutoff(at("2033-05-10T12:00:00Z"), 0), None);
    }

    #[test]
    fn the_retention_sweep_is_due_once_a_day_and_again_after_a_failure() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let daily = Daily::default();
        assert!(
            daily.due(day("2033-05-10")),
            "the first sweep of the first day"
        );
        // It failed: the next sweep of the day tries again.
        assert!(daily.due(day("2033-05-10")));
        daily.done(day("2033-05-10"));
        assert!(
            !daily.due(day("2033-05-10")),
            "once done, not again that day"
        );
        assert!(daily.due(day("2033-05-11")), "the next day");
    }
}
