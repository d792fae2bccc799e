//! Failing fast while the database is out of reach.
//!
//! When PostgreSQL stops, or its host goes away, every request would otherwise wait the
//! whole connection timeout before failing, and pile up behind one another. Once one request
//! finds the database gone, and a connection of its own confirms it (pools that are merely
//! all in use time out the same way), the service answers every request that needs the
//! database with 503 at once, and a single probe tries it until it answers again; then the
//! service carries on by itself, without a restart. Nothing is written while the database is away,
//! so an answered write is never lost: a request either committed and was answered 2xx,
//! or was answered 503 and may be sent again.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::problem::ApiError;
use crate::state::AppState;

/// Marks an answer given because the database could not be reached.
#[derive(Debug, Clone, Copy)]
pub struct DatabaseLost;

/// Whether the database is out of reach, and since when.
#[derive(Debug, Default)]
pub struct Outage {
    since: Mutex<Option<Instant>>,
    /// A failure is being checked with a connection of its own.
    checking: AtomicBool,
}

impl Outage {
    /// How long the database has been out of reach, if it is.
    pub fn down_for(&self) -> Option<Duration> {
        self.lock().map(|since| since.elapsed())
    }

    /// Records that the database is out of reach; true if it was thought reachable.
    fn begin(&self) -> bool {
        let mut since = self.since.lock().unwrap_or_else(|e| e.into_inner());
        if since.is_some() {
            return false;
        }
        *since = Some(Instant::now());
        true
    }

    /// Records that the database answers again; how long it was away.
    fn end(&self) -> Option<Duration> {
        let mut since = self.since.lock().unwrap_or_else(|e| e.into_inner());
        since.take().map(|since| since.elapsed())
    }

    fn lock(&self) -> Option<Instant> {
        *self.since.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// How often the probe pings a database that is away.
const PROBE_EVERY: Duration = Duration::from_millis(500);

/// The paths that never need the database: they are answered even during an outage
/// (`/readyz` reports the outage itself).
fn needs_no_database(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz" | "/metrics") || path.starts_with("/assets/")
}

/// Answers 503 at once while the database is away; notices when a request finds it gone.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if state.outage.down_for().is_some() && !needs_no_database(request.uri().path()) {
        return ApiError::unavailable().into_response();
    }
    let response = next.run(request).await;
    if response.extensions().get::<DatabaseLost>().is_some()
        && !state.outage.checking.swap(true, Ordering::SeqCst)
    {
        tokio::spawn(confirm(state));
    }
    response
}

/// Checks a failure with a connection of its own; if the database does not answer, answers
/// 503 at once until the probe finds it again.
async fn confirm(state: AppState) {
    let away = !state.store.answers_afresh().await && state.outage.begin();
    state.outage.checking.store(false, Ordering::SeqCst);
    if away {
        metrics::counter!("disputes_database_outages_total").increment(1);
        tracing::warn!("the database is out of reach: answering 503 until it returns");
        probe(state).await;
    }
}

/// Tries the database until it answers, then lets requests through again.
async fn probe(state: AppState) {
    loop {
        tokio::time::sleep(PROBE_EVERY).await;
        if state.store.answers_afresh().await {
            let away = state.outage.end().unwrap_or_default();
            tracing::info!(
                away_ms = u64::try_from(away.as_millis()).unwrap_or(u64::MAX),
                "the database answers again"
            );
            return;
        }
    }
}
