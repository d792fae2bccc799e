//! How fast a backlog of emails drains after a restart: the emails of `n` raised cases are
//! queued while no sweep runs, then the service is started again with a sweep every
//! second, and timed from its start until a local SMTP receiver has every one.

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::Result;
use crate::database::{Database, Kind};
use crate::load::Cast;
use crate::service::Service;

/// The tests' SMTP receiver: a real SMTP server on loopback that keeps what it receives.
#[path = "../../../tests/e2e/support/smtp.rs"]
#[allow(
    dead_code,
    missing_docs,
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]
mod smtp;

/// What a backlog run measured.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct BacklogReport {
    pub(crate) database: Kind,
    pub(crate) emails: usize,
    /// From starting the process to the last email received.
    pub(crate) seconds: f64,
    pub(crate) per_second: f64,
}

/// Queues at least `emails` emails (two for each case raised) and times how long the
/// restarted service takes to hand them all to the receiver.
pub(crate) async fn backlog_run(
    binary: &std::path::Path,
    kind: Kind,
    admin_url: &str,
    emails: usize,
) -> Result<BacklogReport> {
    let receiver = smtp::Smtp::start().await;
    let database = Database::fresh(kind, admin_url).await?;
    let mut env = vec![
        ("DISPUTES__EMAIL__TRANSPORT", "smtp".to_owned()),
        ("DISPUTES__EMAIL__SMTP__HOST", "127.0.0.1".to_owned()),
        ("DISPUTES__EMAIL__SMTP__PORT", receiver.port.to_string()),
        ("DISPUTES__EMAIL__SMTP__TLS", "none".to_owned()),
        (
            "DISPUTES__EMAIL__FROM",
            "Bench <disputes@bench.example.org>".to_owned(),
        ),
    ];
    let mut quiet = env.clone();
    quiet.push(("DISPUTES__SCHEDULER__INTERVAL_SECS", "86400".to_owned()));
    let service = Service::start(binary, &database.url, database.dir.path(), &quiet).await?;
    let cast = Cast::enrol(binary, &database, &service).await?;
    // Each case raised emails the council's member and champion.
    cast.raise(emails.div_ceil(2)).await?;
    service.stop().await?;
    let queued = receiver.received().len();

    env.push(("DISPUTES__SCHEDULER__INTERVAL_SECS", "1".to_owned()));
    let started = Instant::now();
    let service = Service::start(binary, &database.url, database.dir.path(), &env).await?;
    let target = emails.div_ceil(2) * 2;
    let received = receiver
        .wait_for(600, |all| all.len() >= queued + target)
        .await;
    let seconds = received
        .iter()
        .map(|r| r.at)
        .max()
        .map_or(Duration::ZERO, |last| {
            last.saturating_duration_since(started)
        })
        .as_secs_f64();
    if received.len() < queued + target {
        return Err(format!(
            "only {} of {target} emails arrived",
            received.len() - queued
        )
        .into());
    }
    service.stop().await?;
    database.remove().await?;
    Ok(BacklogReport {
        database: kind,
        emails: target,
        seconds,
        per_second: target as f64 / seconds.max(f64::MIN_POSITIVE),
    })
}
