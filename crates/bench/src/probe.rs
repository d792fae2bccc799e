//! The outside tester's probe, run as they would run it: `wrk` with 16 connections driving
//! the chair's pause and resume over 1,000 cases of the release build on its default SQLite
//! file, then, in the same run, the same writes straight to SQLite through rusqlite. And the
//! same on PostgreSQL, against pgbench.
//!
//! The load runs drive the service with the benchmark's own client; this one takes a load
//! generator nobody here wrote, and one written in C that takes less of the machine the
//! service shares with it, so that the two can be compared.

use std::process::Stdio;
use std::sync::Arc;

use reqwest::StatusCode;
use serde::Serialize;
use serde_json::json;

use crate::Result;
use crate::client::Client;
use crate::database::{Database, Kind};
use crate::load::{Cast, PASSWORD, Shape};
use crate::reference;
use crate::service::Service;
use crate::stats::Run;

/// Cases the chair pauses and resumes in turn, as the outside tester's probe had them.
pub(crate) const CASES: usize = 1_000;

/// Threads `wrk` runs its connections on: one per core of the machines measured.
const WRK_THREADS: usize = 2;

/// What one probe measured.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProbeReport {
    pub(crate) cases: usize,
    pub(crate) connections: usize,
    /// Pauses and resumes over HTTP, as `wrk` counted them (`errors`: those answered with
    /// anything but success, or not at all).
    pub(crate) wrk: Run,
    /// The database probed.
    pub(crate) database: Kind,
    /// The same writes through rusqlite or pgbench, on the same database, after the service
    /// has stopped.
    pub(crate) reference: Run,
    /// On PostgreSQL, the same writes as one statement through pgbench.
    pub(crate) reference_one_statement: Option<Run>,
    pub(crate) service_over_reference: f64,
}

/// One probe on a fresh database of `kind` with `cases` cases.
pub(crate) async fn probe_run(
    binary: &std::path::Path,
    kind: Kind,
    admin_url: &str,
    shape: Shape,
    cases: usize,
) -> Result<ProbeReport> {
    let database = Database::fresh(kind, admin_url).await?;
    let quiet = [("DISPUTES__SCHEDULER__INTERVAL_SECS", "86400".to_owned())];
    let service = Service::start(binary, &database.url, database.dir.path(), &quiet).await?;
    let cast = Arc::new(Cast::enrol(binary, &database, &service).await?);
    let chair = enrol_chair(&cast, &service.base).await?;
    let references = cast.raise(cases).await?;
    let script = database.dir.path().join("pause-resume.lua");
    std::fs::write(&script, lua_script(&references, chair.token(), WRK_THREADS))?;
    let wrk = wrk(&service.base, &script, shape).await?;
    service.stop().await?;
    let (reference, reference_one_statement) =
        reference::of(kind, &database, &references, shape).await?;
    database.remove().await?;
    Ok(ProbeReport {
        cases,
        database: kind,
        connections: shape.concurrency,
        service_over_reference: wrk.per_second / reference.per_second,
        wrk,
        reference,
        reference_one_statement,
    })
}

/// The subgroup's chair, at an organisation of their own (a chair at either party's would
/// sit on their own dispute).
async fn enrol_chair(cast: &Cast, base: &str) -> Result<Client> {
    let subgroup = cast
        .facilitator
        .must_post(
            "/api/v1/organisations",
            &json!({"name": "Bench Compact Subgroup", "sector": "vcs", "grouping": "Partnership"}),
            StatusCode::CREATED,
        )
        .await?;
    let email = "chair@bench.example.org";
    let body = json!({
        "email": email, "name": "Bench Chair", "organisation_id": subgroup["id"],
        "roles": ["chair"], "password": PASSWORD,
    });
    cast.facilitator
        .must_post("/api/v1/users", &body, StatusCode::CREATED)
        .await?;
    let http = reqwest::Client::new();
    Client::sign_in(&http, base, email, PASSWORD).await
}

/// A `wrk` script in which each of `threads` threads takes its own share of `references`
/// in turn, pausing each case on one round and resuming it on the next, so that no two
/// requests in flight are for the same case.
fn lua_script(references: &[String], token: &str, threads: usize) -> String {
    let cases = references
        .iter()
        .map(|r| format!("{r:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        r#"local cases = {{ {cases} }}
local threads = {threads}
local share = math.floor(#cases / threads)
local made = 0
local headers = {{ ["Authorization"] = "Bearer {token}", ["Content-Type"] = "application/json" }}

local all = {{}}
function setup(thread)
  made = made + 1
  thread:set("id", made - 1)
  table.insert(all, thread)
end

failed = ""
function response(status, headers, body)
  if status >= 300 and #failed < 2000 then
    failed = failed .. status .. " " .. body:sub(1, 300) .. "\n"
  end
end

-- wrk calls the first thread's request() once to check the script and sends nothing: that
-- call must not take a case's turn.
local sent = 0
function init(args)
  if id == 0 then
    sent = -1
  end
end

function request()
  local turn = sent % share
  local round = math.floor(sent / share)
  sent = sent + 1
  local case = cases[id * share + turn + 1]
  if round % 2 == 0 then
    return wrk.format("POST", "/api/v1/cases/" .. case .. "/actions/pause", headers,
      '{{"reason": "The subgroup awaits the council budget papers."}}')
  end
  return wrk.format("POST", "/api/v1/cases/" .. case .. "/actions/resume", headers, "{{}}")
end

function done(summary, latency, requests)
  for _, thread in ipairs(all) do
    io.write(thread:get("failed"))
  end
  local e = summary.errors
  io.write(string.format(
    "probe: requests=%d failures=%d seconds=%.6f p50=%.3f p95=%.3f p99=%.3f\n",
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"#
    )
}

/// Runs `wrk` against `base` with `script` at `shape`'s connections and duration, prints the
/// failed requests the script saw, and reads the line the script's `done` prints.
async fn wrk(base: &str, script: &std::path::Path, shape: Shape) -> Result<Run> {
    let output = tokio::process::Command::new("wrk")
        .arg(format!("-t{WRK_THREADS}"))
        .arg(format!("-c{}", shape.concurrency))
        .arg(format!("-d{}s", shape.duration.as_secs().max(1)))
        .arg("-s")
        .arg(script)
        .arg(base)
        .stdin(Stdio::null())
        .output()
        .await
        .map_err(|e| format!("cannot run wrk (the probe needs it: apt install wrk): {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!("wrk failed: {text}").into());
    }
    // What the script's `response` gathered of each failed request: its status and answer.
    for failure in text
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
    {
        println!("  failed: {failure}");
    }
    summary(&text)
}

/// The `probe:` line of the script's `done`, as a run: the requests that succeeded, those
/// that did not (any answer but success, or none), their rate and latencies.
fn summary(text: &str) -> Result<Run> {
    let line = text
        .lines()
        .find_map(|line| line.strip_prefix("probe: "))
        .ok_or_else(|| format!("no summary in wrk's output: {text}"))?;
    let field = |name: &str| -> Result<f64> {
        line.split_whitespace()
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
            .ok_or_else(|| format!("no {name} in {line}"))?
            .parse::<f64>()
            .map_err(Into::into)
    };
    let (requests, failures) = (field("requests")? as u64, field("failures")? as u64);
    let ops = requests.saturating_sub(failures);
    Ok(Run {
        ops,
        errors: failures,
        per_second: ops as f64 / field("seconds")?.max(f64::MIN_POSITIVE),
        p50_ms: field("p50")?,
        p95_ms: field("p95")?,
        p99_ms: field("p99")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_only_successes_in_the_rate() {
        let run = summary(
            "Running 10s test @ http://127.0.0.1:40123\n\
             probe: requests=14273 failures=273 seconds=10.000 p50=10.53 p95=19.20 p99=27.90\n\
             Requests/sec:   1427.30\n",
        )
        .unwrap();
        assert_eq!((run.ops, run.errors), (14000, 273));
        assert!((run.per_second - 1400.0).abs() < 1e-9);
        assert!((run.p95_ms - 19.20).abs() < 1e-9);
    }

    #[test]
    fn output_without_a_summary_is_an_error() {
        assert!(summary("Requests/sec: 1427.30").is_err());
    }
}
