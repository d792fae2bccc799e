//! The load runs: the real service on a fresh database, driven over HTTP at a fixed
//! concurrency for a fixed time, for each of the four operations; then the same database's
//! raw write limit; memory and start-up.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde::Serialize;
use serde_json::{Value, json};

use crate::Result;
use crate::client::Client;
use crate::database::{Database, Kind};
use crate::service::{self, Service};
use crate::stats::Run;
use crate::{raw, reference};

/// How hard and how long to drive.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    pub(crate) concurrency: usize,
    pub(crate) duration: Duration,
}

/// Drives `op(worker, iteration)` from `concurrency` workers until `duration` has passed,
/// each as fast as it can or, with `rate`, at that many operations a second in all. An
/// operation answers whether it succeeded.
pub(crate) async fn drive<F, Fut>(shape: Shape, rate: Option<f64>, op: F) -> Run
where
    F: Fn(usize, u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = bool> + Send,
{
    let op = Arc::new(op);
    let start = Instant::now();
    let end = start + shape.duration;
    let errors = Arc::new(AtomicU64::new(0));
    let mut workers = tokio::task::JoinSet::new();
    for worker in 0..shape.concurrency {
        let op = op.clone();
        let errors = errors.clone();
        let interval = rate.map(|r| Duration::from_secs_f64(shape.concurrency as f64 / r));
        let offset = rate.map(|r| Duration::from_secs_f64(worker as f64 / r));
        workers.spawn(async move {
            let mut latencies = Vec::new();
            let mut iteration = 0_u64;
            loop {
                if let (Some(interval), Some(offset)) = (interval, offset) {
                    let due = start + offset + interval.mul_f64(iteration as f64);
                    tokio::time::sleep_until(due.into()).await;
                }
                if Instant::now() >= end {
                    break;
                }
                let began = Instant::now();
                let ok = op(worker, iteration).await;
                let took = u32::try_from(began.elapsed().as_micros()).unwrap_or(u32::MAX);
                if ok {
                    latencies.push(took);
                } else {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
                iteration += 1;
            }
            latencies
        });
    }
    let mut latencies = Vec::new();
    while let Some(done) = workers.join_next().await {
        latencies.extend(done.unwrap_or_default());
    }
    let seconds = start.elapsed().as_secs_f64();
    Run::of(latencies, errors.load(Ordering::Relaxed), seconds)
}

/// The people of a run: a voluntary organisation raising cases against a council, both
/// with a member and a champion (so a transition emails four people), and the facilitator.
pub(crate) struct Cast {
    pub(crate) facilitator: Client,
    pub(crate) raiser: Client,
    pub(crate) officer: Client,
    pub(crate) council: i64,
}

pub(crate) const PASSWORD: &str = "benchmark password 2026";

impl Cast {
    /// Makes the cast through the API of `service` (and the first account through the
    /// command line).
    pub(crate) async fn enrol(
        binary: &std::path::Path,
        database: &Database,
        service: &Service,
    ) -> Result<Cast> {
        let email = "facilitator@bench.example.org";
        service::create_facilitator(
            binary,
            &database.url,
            database.dir.path(),
            email,
            "Bench Facilitator",
            PASSWORD,
        )
        .await?;
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(256)
            .build()?;
        let facilitator = Client::sign_in(&http, &service.base, email, PASSWORD).await?;
        let organisation = async |name: &str, sector: &str, grouping: &str| -> Result<i64> {
            let body = json!({"name": name, "sector": sector, "grouping": grouping});
            let made = facilitator
                .must_post("/api/v1/organisations", &body, StatusCode::CREATED)
                .await?;
            made["id"].as_i64().ok_or_else(|| "no id".into())
        };
        let volunteers = organisation("Bench Volunteers", "vcs", "Voluntary and Community").await?;
        let council = organisation("Bench Council", "psa", "Local Government").await?;
        for (email, organisation, role) in [
            ("raiser@bench.example.org", volunteers, "member"),
            ("raiser.champion@bench.example.org", volunteers, "champion"),
            ("officer@bench.example.org", council, "member"),
            ("council.champion@bench.example.org", council, "champion"),
        ] {
            let body = json!({
                "email": email, "name": email, "organisation_id": organisation,
                "roles": [role], "password": PASSWORD,
            });
            facilitator
                .must_post("/api/v1/users", &body, StatusCode::CREATED)
                .await?;
        }
        let raiser =
            Client::sign_in(&http, &service.base, "raiser@bench.example.org", PASSWORD).await?;
        let officer =
            Client::sign_in(&http, &service.base, "officer@bench.example.org", PASSWORD).await?;
        Ok(Cast {
            facilitator,
            raiser,
            officer,
            council,
        })
    }

    /// A disagreement to raise.
    pub(crate) fn new_case(&self, n: u64) -> Value {
        json!({
            "respondent_organisation_id": self.council,
            "title": format!("Grant {n} ended at two weeks' notice"),
            "summary": "The council wrote on the first of the month that the grant ends on the fifteenth. \
                        We run a day centre for forty older people on it.",
            "principles": ["notice", "funding_and_procurement"],
            "desired_outcome": "Three months' notice, as the Compact promises.",
        })
    }

    /// Raises `count` cases and has the council acknowledge them; their references.
    pub(crate) async fn in_dialogue(&self, count: usize) -> Result<Vec<String>> {
        let references = self.raise(count).await?;
        for reference in &references {
            self.officer
                .must_post(
                    &format!("/api/v1/cases/{reference}/actions/acknowledge"),
                    &json!({}),
                    StatusCode::OK,
                )
                .await?;
        }
        Ok(references)
    }

    /// Raises `count` cases; their references.
    pub(crate) async fn raise(&self, count: usize) -> Result<Vec<String>> {
        let mut references = Vec::with_capacity(count);
        for n in 0..count {
            let case = self
                .raiser
                .must_post(
                    "/api/v1/cases",
                    &self.new_case(n as u64),
                    StatusCode::CREATED,
                )
                .await?;
            references.push(case["reference"].as_str().ok_or("no reference")?.to_owned());
        }
        Ok(references)
    }
}

/// Everything one load run measured on one database.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LoadReport {
    pub(crate) database: Kind,
    pub(crate) concurrency: usize,
    pub(crate) seconds: f64,
    pub(crate) raise: Run,
    pub(crate) transition: Run,
    pub(crate) transition_at_half_load: Run,
    pub(crate) read: Run,
    pub(crate) list: Run,
    pub(crate) raw_transition: Run,
    /// The same writes through the database's own fastest client.
    pub(crate) reference_transition: Run,
    /// On PostgreSQL, the same writes as one statement through pgbench.
    pub(crate) reference_one_statement: Option<Run>,
    pub(crate) service_over_raw: f64,
    pub(crate) service_over_reference: f64,
    /// Processor time the service spent on each transition, in milliseconds.
    pub(crate) service_cpu_ms_per_transition: f64,
    pub(crate) rss_idle_mib: f64,
    pub(crate) rss_peak_mib: f64,
    pub(crate) start_up_ms: f64,
    pub(crate) cases_at_end: u64,
}

/// One load run on a fresh database of `kind`.
pub(crate) async fn load_run(
    binary: &std::path::Path,
    kind: Kind,
    admin_url: &str,
    shape: Shape,
) -> Result<LoadReport> {
    let database = Database::fresh(kind, admin_url).await?;
    // The sweep would compete with the timed load for the database; it is measured on its
    // own in the scale run.
    let quiet = [("DISPUTES__SCHEDULER__INTERVAL_SECS", "86400".to_owned())];
    let service = Service::start(binary, &database.url, database.dir.path(), &quiet).await?;
    let cast = Arc::new(Cast::enrol(binary, &database, &service).await?);
    let (rss_idle_mib, _) = service.memory_mib();

    // Raising cases.
    phase("raise a case");
    let warm = cast.clone();
    drive(
        Shape {
            duration: Duration::from_secs(1),
            ..shape
        },
        None,
        move |w, i| {
            let cast = warm.clone();
            async move { created(&cast, w, i).await }
        },
    )
    .await;
    let raising = cast.clone();
    let raise = drive(shape, None, move |w, i| {
        let cast = raising.clone();
        async move { created(&cast, w, i).await }
    })
    .await;

    // A transition on an existing case: on a case of its own, each worker has the council
    // propose terms and the volunteers reject them, over and over (nothing accumulates in
    // the case, so the thousandth transition costs what the first did).
    let own = Arc::new(cast.in_dialogue(shape.concurrency).await?);
    let transition = |own: Arc<Vec<String>>, cast: Arc<Cast>| {
        move |w: usize, i: u64| {
            let (own, cast) = (own.clone(), cast.clone());
            async move { toggle(&cast, &own[w], i).await }
        }
    };
    let cpu_before = service.cpu_seconds();
    phase("transition");
    let transition_run = drive(shape, None, transition(own.clone(), cast.clone())).await;
    let service_cpu_ms_per_transition =
        (service.cpu_seconds() - cpu_before) * 1000.0 / transition_run.ops.max(1) as f64;
    // Half the load just reached, paced, for its latency.
    let half = transition_run.per_second / 2.0;
    phase("transition at half that load");
    let transition_at_half_load =
        drive(shape, Some(half), transition(own.clone(), cast.clone())).await;

    // Reading a case, and listing a person's cases.
    let readers = cast.clone();
    let all = Arc::new(own.clone());
    phase("read a case");
    let read = drive(shape, None, move |w, i| {
        let (cast, all) = (readers.clone(), all.clone());
        async move {
            let reference = &all[(w + i as usize) % all.len()];
            cast.facilitator
                .get_status(&format!("/api/v1/cases/{reference}"))
                .await
                == Some(StatusCode::OK)
        }
    })
    .await;
    let listers = cast.clone();
    phase("list a person's cases");
    let list =
        drive(shape, None, move |_, _| {
            let cast = listers.clone();
            async move {
                cast.raiser.get_status("/api/v1/cases?per_page=50").await == Some(StatusCode::OK)
            }
        })
        .await;
    let (_, rss_peak_mib) = service.memory_mib();
    service.stop().await?;

    // Start-up to healthy on the database as it now is, three times.
    let mut start_ups = Vec::new();
    for _ in 0..3 {
        let again = Service::start(binary, &database.url, database.dir.path(), &quiet).await?;
        start_ups.push(again.start_up.as_secs_f64() * 1000.0);
        again.stop().await?;
    }
    let start_up_ms = crate::stats::Spread::of(start_ups).median;

    // The database's own limit for the same writes, at the same concurrency.
    let raw_transition = raw::transitions(&database, &own, shape).await?;
    let (reference_transition, reference_one_statement) =
        reference::of(kind, &database, &own, shape).await?;
    let cases_at_end = raw::count_cases(&database).await?;
    let report = LoadReport {
        database: kind,
        concurrency: shape.concurrency,
        seconds: shape.duration.as_secs_f64(),
        service_over_raw: transition_run.per_second / raw_transition.per_second,
        service_over_reference: transition_run.per_second / reference_transition.per_second,
        service_cpu_ms_per_transition,
        raise,
        transition: transition_run,
        transition_at_half_load,
        read,
        list,
        raw_transition,
        reference_transition,
        reference_one_statement,
        rss_idle_mib,
        rss_peak_mib,
        start_up_ms,
        cases_at_end,
    };
    database.remove().await?;
    Ok(report)
}

/// Says which operation is driven from now on, so that a profiler watching the output can
/// record that operation alone.
fn phase(operation: &str) {
    println!("  driving: {operation}");
}

async fn created(cast: &Cast, worker: usize, iteration: u64) -> bool {
    let n = (worker as u64) << 32 | iteration;
    matches!(
        cast.raiser.post("/api/v1/cases", &cast.new_case(n)).await,
        Some((StatusCode::CREATED, _))
    )
}

/// Has the council propose terms (even iterations) or the volunteers reject them (odd); if
/// the case is not where the parity expects (an earlier step failed), the other step.
async fn toggle(cast: &Cast, reference: &str, iteration: u64) -> bool {
    let propose = (
        &cast.officer,
        "propose_resolution",
        json!({"terms": "The grant continues for three months from the notice."}),
    );
    let reject = (
        &cast.raiser,
        "reject_resolution",
        json!({"reason": "Three months from the notice is not enough."}),
    );
    let (first, second) = if iteration.is_multiple_of(2) {
        (propose, reject)
    } else {
        (reject, propose)
    };
    for (who, action, body) in [first, second] {
        let path = format!("/api/v1/cases/{reference}/actions/{action}");
        match who.post(&path, &body).await {
            Some((StatusCode::OK, _)) => return true,
            Some((StatusCode::CONFLICT, _)) => continue,
            _ => return false,
        }
    }
    false
}
