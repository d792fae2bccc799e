//! The real `disputes` binary, started on a database for a run: its address, its memory,
//! and how long it took to answer `/healthz`.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::Result;

/// The release binary, next to this one; built first when missing.
pub(crate) fn binary() -> Result<PathBuf> {
    if let Ok(path) = std::env::var("DISPUTES_BIN") {
        return Ok(PathBuf::from(path));
    }
    let here = std::env::current_exe()?;
    let dir = here.parent().ok_or("no folder")?;
    let binary = dir.join("disputes");
    // Under `cargo run`, build the service too, so that one command measures the current
    // code.
    if let Ok(cargo) = std::env::var("CARGO") {
        let profile = if dir.ends_with("release") {
            "--release"
        } else {
            "--quiet"
        };
        let status = std::process::Command::new(cargo)
            .args(["build", "--bin", "disputes", profile])
            .status()?;
        if !status.success() {
            return Err("cannot build the disputes binary".into());
        }
    }
    if binary.exists() {
        Ok(binary)
    } else {
        Err(format!(
            "{} is missing: cargo build --release --bin disputes",
            binary.display()
        )
        .into())
    }
}

/// A running service.
pub(crate) struct Service {
    child: Child,
    /// `http://127.0.0.1:port`.
    pub(crate) base: String,
    /// From spawning the process to its first healthy answer.
    pub(crate) start_up: Duration,
}

/// The environment every run gives the service: the database, a free port, mail written to
/// files in the run's folder, and `extra`.
fn command(binary: &Path, url: &str, dir: &Path, extra: &[(&str, String)]) -> Command {
    let mut command = Command::new(binary);
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DISPUTES__DATABASE__URL", url)
        .env("DISPUTES__SERVER__BIND", "127.0.0.1:0")
        // The benchmark's people sign in with a password alone.
        .env("DISPUTES__AUTH__REQUIRE_SECOND_FACTOR", "[]")
        .env("DISPUTES__EMAIL__FILE__DIR", dir.join("mail"))
        // The load raises thousands of cases per person: a workload, not a person, so one
        // person's daily limit does not apply.
        .env("DISPUTES__LIMITS__CASES_RAISED_PER_DAY", "4000000000")
        .current_dir(dir);
    for (key, value) in extra {
        command.env(key, value);
    }
    command
}

/// Runs `disputes` with `args` to completion (migrations, the first account).
pub(crate) async fn run(binary: &Path, url: &str, dir: &Path, args: &[&str]) -> Result<String> {
    let output = command(binary, url, dir, &[])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .await?;
    if !output.status.success() {
        return Err(format!(
            "disputes {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Makes the first facilitator through the command line, with `password` given in a file
/// in `dir`, as an operator would.
pub(crate) async fn create_facilitator(
    binary: &Path,
    url: &str,
    dir: &Path,
    email: &str,
    name: &str,
    password: &str,
) -> Result<()> {
    let password_file = dir.join("password");
    std::fs::write(&password_file, password)?;
    let file = password_file.display().to_string();
    let args = [
        "admin",
        "create",
        "--email",
        email,
        "--name",
        name,
        "--password-file",
        &file,
    ];
    run(binary, url, dir, &args).await?;
    Ok(())
}

impl Service {
    /// Starts `disputes serve` and waits until `/healthz` answers.
    pub(crate) async fn start(
        binary: &Path,
        url: &str,
        dir: &Path,
        extra: &[(&str, String)],
    ) -> Result<Service> {
        let started = Instant::now();
        let log = std::fs::File::create(dir.join("service.log"))?;
        let mut child = command(binary, url, dir, extra)
            .arg("serve")
            .stdout(Stdio::piped())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            let line = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
                .await??
                .ok_or("the service stopped before listening")?;
            if let Some(at) = line.find("listening on ") {
                break line[at + "listening on ".len()..].trim().to_owned();
            }
        };
        // Keep reading, so the service never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        let http = reqwest::Client::new();
        loop {
            let healthy = http
                .get(format!("{base}/healthz"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if healthy {
                break;
            }
            if started.elapsed() > Duration::from_secs(60) {
                return Err("the service never became healthy".into());
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        Ok(Service {
            child,
            base,
            start_up: started.elapsed(),
        })
    }

    /// Resident memory now, and at its peak, in MiB.
    pub(crate) fn memory_mib(&self) -> (f64, f64) {
        let status = self
            .child
            .id()
            .and_then(|pid| std::fs::read_to_string(format!("/proc/{pid}/status")).ok())
            .unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
                .map_or(f64::NAN, |kb| kb / 1024.0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    /// Processor time the service has used so far, in seconds (user and system).
    pub(crate) fn cpu_seconds(&self) -> f64 {
        let stat = self
            .child
            .id()
            .and_then(|pid| std::fs::read_to_string(format!("/proc/{pid}/stat")).ok())
            .unwrap_or_default();
        // Fields after the command name, which is in parentheses and may hold spaces.
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map(|(_, rest)| rest.split_whitespace().collect())
            .unwrap_or_default();
        let ticks = |n: usize| {
            fields
                .get(n)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        // utime and stime are the 14th and 15th fields: 12th and 13th after the name.
        (ticks(11) + ticks(12)) / 100.0
    }

    /// Asks the service to stop, and waits for it.
    pub(crate) async fn stop(mut self) -> Result<()> {
        if let Some(pid) = self.child.id() {
            let _ = Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status()
                .await;
        }
        tokio::time::timeout(Duration::from_secs(30), self.child.wait()).await??;
        Ok(())
    }
}
