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
    /// The same number of the same emails sent to the same receiver by a plain lettre loop
    /// on one connection: what SMTP on loopback allows without the service.
    pub(crate) lettre_per_second: f64,
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
    let sample = received
        .last()
        .ok_or("the receiver holds no email to resend")?;
    let lettre_seconds = lettre_loop_apart(receiver.port, sample, target).await?;
    Ok(BacklogReport {
        database: kind,
        emails: target,
        seconds,
        per_second: target as f64 / seconds.max(f64::MIN_POSITIVE),
        lettre_per_second: target as f64 / lettre_seconds.max(f64::MIN_POSITIVE),
    })
}

/// Seconds a plain lettre loop takes to send `sample` `emails` times to the receiver on
/// `port`, run as a process of its own (`disputes-bench lettre-loop`), as the service is: in
/// this process it would share a runtime with the receiver.
async fn lettre_loop_apart(port: u16, sample: &smtp::Received, emails: usize) -> Result<f64> {
    use tokio::io::AsyncWriteExt;

    let mut child = tokio::process::Command::new(std::env::current_exe()?)
        .args(["lettre-loop", "--port", &port.to_string()])
        .args(["--emails", &emails.to_string()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().ok_or("the lettre loop has no input")?;
    stdin.write_all(sample.data.as_bytes()).await?;
    drop(stdin);
    let output = child.wait_with_output().await?;
    let said = String::from_utf8_lossy(&output.stdout);
    said.trim()
        .parse()
        .map_err(|_| format!("the lettre loop said: {said}").into())
}

/// Seconds a plain lettre loop takes to send `email` `emails` times over one connection to
/// the receiver on `port`, with `TCP_NODELAY` as the service's own connections have: no
/// database, no templates, no claims, no marks.
pub(crate) async fn lettre_loop(port: u16, email: &[u8], emails: usize) -> Result<f64> {
    use lettre::address::{Address, Envelope};
    use lettre::transport::smtp::client::AsyncSmtpConnection;
    use lettre::transport::smtp::extension::ClientId;

    let from: Address = "disputes@bench.example.org".parse()?;
    let to: Address = "member@bench.example.org".parse()?;
    let envelope = Envelope::new(Some(from), vec![to])?;
    let started = Instant::now();
    let stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
    stream.set_nodelay(true)?;
    let mut connection =
        AsyncSmtpConnection::connect_with_transport(Box::new(stream), &ClientId::default()).await?;
    for _ in 0..emails {
        connection.send(&envelope, email).await?;
    }
    connection.quit().await?;
    Ok(started.elapsed().as_secs_f64())
}
