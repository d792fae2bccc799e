//! The scheduler's sweeps and the outbox claims.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use disputes_workflow::*;

use super::{Cast, command, on_both_databases, start, text, walk_to_the_end};
use crate::{ClaimRequest, DueNotice, OutboxItem, Store, StoreError};

/// Claims as the process `holder` (registered on first use), with every process taken to
/// be alive: what leases alone allow.
async fn claim(
    store: &Store,
    holder: &str,
    due_at: chrono::DateTime<chrono::Utc>,
    at: chrono::DateTime<chrono::Utc>,
    lease: Duration,
    limit: u64,
) -> Vec<OutboxItem> {
    claim_by(
        store,
        holder,
        due_at,
        at,
        lease,
        limit,
        Duration::days(3650),
    )
    .await
}

/// Claims as the process `holder`, alive at `at` (registered on first use, its heartbeat
/// beaten at `at`), taking for dead the processes silent for `stale`.
async fn claim_by(
    store: &Store,
    holder: &str,
    due_at: chrono::DateTime<chrono::Utc>,
    at: chrono::DateTime<chrono::Utc>,
    lease: Duration,
    limit: u64,
    stale: Duration,
) -> Vec<OutboxItem> {
    let _ = store.register_instance(holder, "test", at).await;
    store.heartbeat(holder, at).await.unwrap();
    store
        .claim_emails(ClaimRequest {
            due_at,
            at,
            lease,
            limit,
            holder,
            stale_before: at - stale,
            webhooks: false,
        })
        .await
        .unwrap()
}

fn day(days_after_start: i64) -> NaiveDate {
    (start() + Duration::days(days_after_start)).date_naive()
}

fn system(action: Action, days_after_start: i64) -> Command {
    Command {
        actor: Actor::System,
        action,
        at: start() + Duration::days(days_after_start),
        note: None,
    }
}

on_both_databases! {
    async fn reminders_and_overdue_notices_come_due_once(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = cast.raise(&db.store).await.reference;
        // Raised Monday 2 March; acknowledgement due Monday 9 March.
        assert!(db.store.due_notices(day(2)).await.unwrap().is_empty());
        let reminder = DueNotice { reference: reference.clone(), kind: DeadlineKind::Acknowledgement, overdue: false };
        assert_eq!(db.store.due_notices(day(3)).await.unwrap(), std::slice::from_ref(&reminder));
        db.store
            .apply(&reference, &system(Action::SendReminder { deadline: DeadlineKind::Acknowledgement }, 3), None)
            .await
            .unwrap();
        assert!(db.store.due_notices(day(4)).await.unwrap().is_empty(), "sent once");
        // Overdue from Tuesday 10 March.
        let overdue = DueNotice { overdue: true, ..reminder };
        assert_eq!(db.store.due_notices(day(8)).await.unwrap(), [overdue]);
        db.store
            .apply(&reference, &system(Action::SendOverdueNotice { deadline: DeadlineKind::Acknowledgement }, 8), None)
            .await
            .unwrap();
        assert!(db.store.due_notices(day(9)).await.unwrap().is_empty());
        // A second attempt at the same notice is refused by the workflow.
        let again = db
            .store
            .apply(&reference, &system(Action::SendOverdueNotice { deadline: DeadlineKind::Acknowledgement }, 9), None)
            .await;
        assert!(matches!(again, Err(StoreError::Refused(r)) if r.kind() == RefusalKind::State));
        // A paused case's deadlines are not chased.
        let paused = cast.raise(&db.store).await.reference;
        db.store
            .apply(&paused, &command(&cast.facilitator, Action::Pause { reason: text("Waiting.") }, start()), None)
            .await
            .unwrap();
        assert!(db.store.due_notices(day(8)).await.unwrap().iter().all(|n| n.reference != paused));
    }

    async fn closed_appeal_windows_are_found_for_lapsing(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = cast.raise(&db.store).await.reference;
        let formal = cast.panel_of(&db.store, &cast.panel).await;
        let steps: Vec<(&Person, Action)> = vec![
            (&cast.respondent, Action::Acknowledge),
            (&cast.raiser, Action::Escalate { reason: Some(text("Stuck.")) }),
            (&cast.chair, Action::AcceptFormal),
            (&cast.chair, Action::ConvenePanel { panel: formal }),
            (&cast.panel[0], Action::IssueDecision { outcome: FormalOutcome::NotUpheld, findings: text("Kept."), recommendations: vec![] }),
        ];
        for (n, (who, action)) in steps.into_iter().enumerate() {
            let at = start() + Duration::days(i64::try_from(n).unwrap() + 1);
            db.store.apply(&reference, &command(who, action, at), None).await.unwrap();
        }
        let stored = db.store.case(&reference).await.unwrap();
        let window = stored.case.running(DeadlineKind::AppealWindow).unwrap().due_on;
        assert!(db.store.lapsed_appeal_windows(window).await.unwrap().is_empty());
        let after = window + Duration::days(1);
        assert_eq!(db.store.lapsed_appeal_windows(after).await.unwrap(), std::slice::from_ref(&reference));
        let at = chrono::TimeZone::from_utc_datetime(&chrono::Utc, &after.and_hms_opt(9, 0, 0).unwrap());
        let closed = db
            .store
            .apply(&reference, &Command { actor: Actor::System, action: Action::LapseAppealWindow, at, note: None }, None)
            .await
            .unwrap();
        assert_eq!(closed.case.state.outcome(), Some(Outcome::NotUpheld));
        assert!(db.store.lapsed_appeal_windows(after).await.unwrap().is_empty());
    }

    async fn emails_are_claimed_once_sent_retried_and_given_up_on(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let reference = walk_to_the_end(&db.store, &cast).await;
        let now = start() + Duration::days(30);
        let lease = Duration::minutes(5);
        let total = db.store.notifications(&reference).await.unwrap().len();
        let first = claim(&db.store, "one", now, now, lease, 5).await;
        assert_eq!(first.len(), 5);
        let second = claim(&db.store, "two", now, now, lease, 5).await;
        let first_ids: HashSet<i64> = first.iter().map(|i| i.id).collect();
        assert!(second.iter().all(|i| !first_ids.contains(&i.id)), "claimed twice");
        // Sent, retried later, and given up on.
        db.store.mark_emails_sent(&[first[0].id], now).await.unwrap();
        db.store.mark_email_failed(first[1].id, 1, "421 try later", Some(now + Duration::minutes(10))).await.unwrap();
        db.store.mark_email_failed(first[2].id, 8, "550 no such user", None).await.unwrap();
        // Leases still hold on the rest of the first claim; the retry is not yet due.
        let rest = claim(&db.store, "three", now, now, lease, 1000).await;
        assert_eq!(rest.len(), total - 10);
        assert!(claim(&db.store, "four", now + Duration::minutes(1), now + Duration::minutes(1), lease, 1000).await.is_empty());
        // When the leases run out, what was claimed but not settled comes back, and so does
        // the retry when it falls due.
        let later = claim(&db.store, "five", now + Duration::minutes(11), now + Duration::minutes(11), lease, 1000).await;
        let ids: HashSet<i64> = later.iter().map(|i| i.id).collect();
        assert!(ids.contains(&first[1].id) && ids.contains(&first[3].id));
        assert!(!ids.contains(&first[0].id) && !ids.contains(&first[2].id));
        assert_eq!(later.iter().find(|i| i.id == first[1].id).unwrap().attempts, 1);
        // The log shows it; a failed email may be sent again, a sent one may not.
        let log = db.store.notifications(&reference).await.unwrap();
        let failed = log.iter().find(|n| n.id == first[2].id).unwrap();
        assert_eq!((failed.status.as_str(), failed.last_error.as_deref()), ("failed", Some("550 no such user")));
        assert_eq!(db.store.outbox_counts().await.unwrap().1, 1);
        let given_up = db.store.failed_emails(10).await.unwrap();
        assert_eq!(given_up.len(), 1);
        assert_eq!((given_up[0].0.as_str(), given_up[0].1.id), (reference.as_str(), first[2].id));
        db.store.resend_email(&reference, first[2].id, now).await.unwrap();
        assert!(matches!(db.store.resend_email(&reference, first[0].id, now).await, Err(StoreError::Conflict(_))));
        assert!(matches!(db.store.resend_email(&reference, 999_999, now).await, Err(StoreError::NotFound)));
        let retried = claim(&db.store, "six", now + Duration::hours(1), now + Duration::hours(1), lease, 1000).await;
        assert!(retried.iter().any(|i| i.id == first[2].id && i.attempts == 0));
        // What the dispatcher reads to write the email: the event, and the case as it stood
        // then, not as it stands now.
        let item = &first[0];
        let contexts = db.store.email_contexts(std::slice::from_ref(item)).await.unwrap();
        let (event, then) = &contexts.events[&(item.case_id.unwrap(), item.event_seq.unwrap())];
        assert_eq!((event.name(), then.reference.as_str()), (item.kind.as_str(), reference.as_str()));
        assert_eq!((then.case.version, &then.case.state), (event.seq, &event.to_state));
        let recipient = item.recipient_id.unwrap();
        assert_eq!(contexts.people[&recipient].name, db.store.person(recipient).await.unwrap().name);
        assert_eq!(contexts.organisations[&cast.council], "Leicestershire County Council");
        assert_ne!(then.case.state, db.store.case(&reference).await.unwrap().case.state);
    }

    async fn concurrent_claims_never_take_the_same_email(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        walk_to_the_end(&db.store, &cast).await;
        let now = start() + Duration::days(30);
        let store = Arc::new(db.store.clone());
        let tasks: Vec<_> = (0..8)
            .map(|n| {
                let store = store.clone();
                tokio::spawn(async move { claim(&store, &format!("p{n}"), now, now, Duration::minutes(5), 4).await })
            })
            .collect();
        let mut seen = HashSet::new();
        for task in tasks {
            for item in task.await.unwrap() {
                assert!(seen.insert(item.id), "email {} claimed twice", item.id);
            }
        }
        assert!(!seen.is_empty());
    }

    async fn a_sweep_hands_back_only_the_emails_it_still_holds(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        walk_to_the_end(&db.store, &cast).await;
        let now = start() + Duration::days(30);
        let lease = Duration::minutes(5);
        // A slow sweep claims two emails and outlives its claim; another sweep takes them.
        let slow = claim(&db.store, "one", now, now, lease, 2).await;
        let ids: Vec<i64> = slow.iter().map(|i| i.id).collect();
        let later = now + Duration::minutes(6);
        let taken = claim(&db.store, "two", later, later, lease, 2).await;
        assert_eq!(taken.iter().map(|i| i.id).collect::<Vec<_>>(), ids);
        // The slow sweep's release names its own claim, so the other sweep keeps them.
        db.store.release_emails(&ids, crate::claim_ends(now, lease)).await.unwrap();
        let third = claim(&db.store, "three", later, later, lease, 1000).await;
        assert!(third.iter().all(|i| !ids.contains(&i.id)), "an email held by a sweep was taken");
        // The other sweep's own release lets them go at once.
        db.store.release_emails(&ids, crate::claim_ends(later, lease)).await.unwrap();
        let fourth = claim(&db.store, "four", later, later, lease, 1000).await;
        assert_eq!(fourth.iter().map(|i| i.id).collect::<Vec<_>>(), ids);
    }

    async fn a_dead_process_claims_are_taken_once_its_heartbeat_is_stale(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        walk_to_the_end(&db.store, &cast).await;
        let now = start() + Duration::days(30);
        let lease = Duration::minutes(5);
        let stale = Duration::seconds(15);
        let total = db.store.outbox_counts().await.unwrap().0 as usize;
        // Process one claims two emails; process two, five seconds later, may not have them
        // while one is alive...
        let held: Vec<i64> = claim_by(&db.store, "one", now, now, lease, 2, stale).await.iter().map(|i| i.id).collect();
        let soon = now + Duration::seconds(5);
        let others = claim_by(&db.store, "two", soon, soon, lease, 1000, stale).await;
        assert_eq!(others.len(), total - 2);
        assert!(others.iter().all(|i| !held.contains(&i.id)));
        db.store.release_emails(&others.iter().map(|i| i.id).collect::<Vec<_>>(), crate::claim_ends(soon, lease)).await.unwrap();
        // ...nor when one still beats its heartbeat, long after...
        let later = now + Duration::seconds(30);
        db.store.heartbeat("one", later).await.unwrap();
        let alive = claim_by(&db.store, "two", later, later, lease, 1000, stale).await;
        assert!(alive.iter().all(|i| !held.contains(&i.id)), "a live process's claim was taken");
        db.store.release_emails(&alive.iter().map(|i| i.id).collect::<Vec<_>>(), crate::claim_ends(later, lease)).await.unwrap();
        // ...but once one has been silent for more than 15 seconds, two takes them, well
        // before their lease would have run out.
        let silent = later + Duration::seconds(16);
        let taken = claim_by(&db.store, "two", silent, silent, lease, 1000, stale).await;
        assert!(held.iter().all(|id| taken.iter().any(|i| i.id == *id)), "a dead process's claims stayed");
        // A process that stops gives back what it holds; SQLite's one process releases every
        // claim as it starts.
        assert_eq!(db.store.stop_instance("two", silent).await.unwrap(), total as u64);
        assert_eq!(db.store.release_all_claims().await.unwrap(), 0);
        claim_by(&db.store, "three", silent, silent, lease, 3, stale).await;
        assert_eq!(db.store.release_all_claims().await.unwrap(), 3);
        // Whatever a stopped process held is anyone's at once, and a process's next sweep
        // takes back what an earlier sweep of its own left claimed.
        claim_by(&db.store, "four", silent, silent, lease, 1, stale).await;
        db.store.stop_instance("four", silent).await.unwrap();
        assert_eq!(claim_by(&db.store, "five", silent, silent, lease, 1000, stale).await.len(), total);
        assert_eq!(claim_by(&db.store, "five", silent, silent, lease, 1000, stale).await.len(), total);
        assert_eq!(db.store.forget_instances_before(silent + Duration::days(2)).await.unwrap(), 5);
    }
}
