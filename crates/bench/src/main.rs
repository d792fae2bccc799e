//! `disputes-bench`: how fast and how frugal the service is, measured against the database's
//! own limit. One command runs it all and prints the figures `BENCHMARKS.md` reports:
//!
//! ```sh
//! cargo run --release -p disputes-bench
//! ```
//!
//! It builds and starts the real `disputes` binary on a fresh database (a SQLite file, and a
//! PostgreSQL database it creates and drops), drives it over HTTP from a fixed number of
//! concurrent clients for a fixed time, then issues the same writes as a transition straight
//! to the database, and finally builds a database of a million cases to time the sweep, the
//! annual report and a person's case list on it. Benchmarks, not tests: nothing here fails
//! because a machine is slow.

// The report is this program's output.
#![allow(clippy::print_stdout)]

mod backlog;
mod client;
mod database;
mod load;
mod probe;
mod raw;
mod reference;
mod scale;
mod search;
mod service;
mod stats;

use std::time::Duration;

use clap::{Parser, Subcommand};

use database::Kind;
use load::{LoadReport, Shape};
use scale::{ScaleReport, Size};
use stats::Spread;

/// Errors end the run with a message; a benchmark has no one to recover for.
type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

#[derive(Parser)]
#[command(about = "Benchmarks of the disputes service")]
struct Cli {
    #[command(subcommand)]
    command: Option<Which>,
    /// The databases to run on.
    #[arg(long = "db", value_enum, global = true, default_values_t = [Kind::Sqlite, Kind::Postgres])]
    databases: Vec<Kind>,
    /// A PostgreSQL database to create the runs' databases from.
    #[arg(
        long,
        global = true,
        default_value = "postgres://postgres@127.0.0.1:5432/postgres",
        env = "DISPUTES_BENCH_POSTGRES_URL"
    )]
    postgres_url: String,
    /// Concurrent clients.
    #[arg(long, global = true, default_value_t = 16)]
    concurrency: usize,
    /// Seconds each operation is driven for.
    #[arg(long, global = true, default_value_t = 10)]
    seconds: u64,
    /// Load runs per database, each on a fresh database; figures are their median.
    #[arg(long, global = true, default_value_t = 3)]
    runs: usize,
    /// Cases in the scale run's database.
    #[arg(long, global = true, default_value_t = 1_000_000)]
    cases: u64,
    /// Of which open.
    #[arg(long, global = true, default_value_t = 10_000)]
    open: u64,
    /// Of which due a reminder today.
    #[arg(long, global = true, default_value_t = 1_000)]
    due: u64,
    /// Emails in the backlog run.
    #[arg(long, global = true, default_value_t = 5_000)]
    emails: usize,
    /// Where to write every figure as JSON.
    #[arg(long, global = true, default_value = "target/bench/results.json")]
    json: std::path::PathBuf,
}

#[derive(Subcommand, Clone, Copy, PartialEq, Eq)]
enum Which {
    /// The load runs, the search runs, the scale runs and the backlog run (the default).
    All,
    /// Throughput, latency, the raw database limit, memory and start-up.
    Load,
    /// A database of a million cases.
    Scale,
    /// Searches over a database of 100,000 cases.
    Search,
    /// A backlog of emails sent after a restart.
    Backlog,
    /// The outside tester's probe: `wrk` (which must be installed) with the clients given
    /// driving the chair's pause and resume over 1,000 cases, against rusqlite or pgbench in
    /// the same run. Not part of `all`.
    Probe,
    /// Sends the email on standard input to the SMTP receiver on `port` of this machine,
    /// `emails` times over one connection, and prints the seconds it took: the backlog run's
    /// plain lettre loop, run as a process of its own as the service is.
    #[command(hide = true)]
    LettreLoop {
        #[arg(long)]
        port: u16,
        #[arg(long)]
        emails: usize,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    // Built with the workspace, reqwest has no TLS provider of its own: ring, as the
    // service uses.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let cli = Cli::parse();
    match run(&cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            println!("disputes-bench: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: &Cli) -> Result<()> {
    let which = cli.command.unwrap_or(Which::All);
    if let Which::LettreLoop { port, emails } = which {
        let mut email = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut email)?;
        println!("{}", backlog::lettre_loop(port, &email, emails).await?);
        return Ok(());
    }
    if !(cli.due <= cli.open && cli.open <= cli.cases) {
        return Err(format!(
            "--due ({}) must be at most --open ({}), and --open at most --cases ({})",
            cli.due, cli.open, cli.cases
        )
        .into());
    }
    let binary = service::binary()?;
    let shape = Shape {
        concurrency: cli.concurrency,
        duration: Duration::from_secs(cli.seconds),
    };
    println!("{}", machine());
    let mut loads: Vec<LoadReport> = Vec::new();
    let mut scales: Vec<ScaleReport> = Vec::new();
    let mut backlogs = Vec::new();
    let mut searches = Vec::new();
    let mut probes = Vec::new();
    if which == Which::Probe {
        for &kind in &cli.databases {
            let mut runs = Vec::new();
            for run in 1..=cli.runs {
                println!("probe {run} of {}: wrk on {kind}...", cli.runs);
                let url = &cli.postgres_url;
                runs.push(probe::probe_run(&binary, kind, url, shape, probe::CASES).await?);
            }
            print_probes(&runs);
            probes.extend(runs);
        }
    }
    for &kind in &cli.databases {
        if matches!(which, Which::All | Which::Load) {
            for run in 1..=cli.runs {
                println!("load run {run} of {} on {kind}...", cli.runs);
                loads.push(load::load_run(&binary, kind, &cli.postgres_url, shape).await?);
            }
            print_loads(
                kind,
                &loads
                    .iter()
                    .filter(|r| r.database == kind)
                    .collect::<Vec<_>>(),
            );
        }
        if matches!(which, Which::All | Which::Backlog) {
            println!("backlog run on {kind}: {} emails...", cli.emails);
            let report = backlog::backlog_run(&binary, kind, &cli.postgres_url, cli.emails).await?;
            println!(
                "\n{kind}: a backlog of {} emails sent {:.1} s after the restart ({:.0} per second); \
                 a plain lettre loop to the same receiver: {:.0} per second ({:.2}x)",
                report.emails,
                report.seconds,
                report.per_second,
                report.lettre_per_second,
                report.per_second / report.lettre_per_second.max(f64::MIN_POSITIVE)
            );
            backlogs.push(report);
        }
        if matches!(which, Which::All | Which::Search) {
            println!("search run on {kind}: {} cases...", search::CASES);
            let url = &cli.postgres_url;
            let report = search::search_run(&binary, kind, url, search::CASES).await?;
            print_search(&report);
            searches.push(report);
        }
        if matches!(which, Which::All | Which::Scale) {
            println!("scale run on {kind}: {} cases...", cli.cases);
            let size = Size {
                cases: cli.cases,
                open: cli.open,
                due: cli.due,
            };
            let report = scale::scale_run(&binary, kind, &cli.postgres_url, size).await?;
            print_scale(&report);
            scales.push(report);
        }
    }
    if let Some(folder) = cli.json.parent() {
        std::fs::create_dir_all(folder)?;
    }
    // Only the parts run now are replaced: a run of one part keeps the others' figures.
    let mut all = std::fs::read_to_string(&cli.json)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .filter(serde_json::Value::is_object)
        .unwrap_or_else(|| serde_json::json!({}));
    all["machine"] = machine().into();
    for (part, ran, figures) in [
        ("load", Which::Load, serde_json::to_value(&loads)?),
        ("scale", Which::Scale, serde_json::to_value(&scales)?),
        ("backlog", Which::Backlog, serde_json::to_value(&backlogs)?),
        ("search", Which::Search, serde_json::to_value(&searches)?),
        ("probe", Which::Probe, serde_json::to_value(&probes)?),
    ] {
        if which == ran || (which == Which::All && ran != Which::Probe) {
            all[part] = figures;
        }
    }
    std::fs::write(&cli.json, serde_json::to_string_pretty(&all)?)?;
    println!("\nEvery figure: {}", cli.json.display());
    Ok(())
}

/// What the figures were measured on.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    format!("machine: {cpu}, {cores} cores, {memory:.0} GiB")
}

/// The head of a table of timed runs, `first` naming its first column.
fn print_header(first: &str) {
    println!("| {first} | per second | p50 ms | p95 ms | p99 ms | errors |");
    println!("|---|---|---|---|---|---|");
}

/// The row of PostgreSQL's one-statement reference, where the runs have one, and the
/// service's rate (`service`, transitions per second) over it.
fn print_one_statement<'r>(runs: impl Iterator<Item = (f64, Option<&'r stats::Run>)>) {
    let (service, runs): (Vec<f64>, Vec<&stats::Run>) = runs
        .filter_map(|(service, run)| Some((service, run?)))
        .unzip();
    if runs.is_empty() {
        return;
    }
    print_row("the same writes as one statement through pgbench", &runs);
    let ratios = service.iter().zip(&runs).map(|(s, r)| s / r.per_second);
    println!("service / one statement: {}", Spread::of(ratios));
}

/// A row of a table of timed runs: each figure's median (min–max) over `runs`.
fn print_row(name: &str, runs: &[&stats::Run]) {
    let of = |f: &dyn Fn(&stats::Run) -> f64| Spread::of(runs.iter().map(|r| f(r)));
    println!(
        "| {name} | {} | {} | {} | {} | {} |",
        of(&|r| r.per_second),
        of(&|r| r.p50_ms),
        of(&|r| r.p95_ms),
        of(&|r| r.p99_ms),
        of(&|r| r.errors as f64),
    );
}

fn print_loads(kind: Kind, runs: &[&LoadReport]) {
    let Some(first) = runs.first() else {
        return;
    };
    println!(
        "\n{kind}: {} clients, {} s per operation, median (min–max) of {} runs",
        first.concurrency,
        first.seconds,
        runs.len()
    );
    print_header("operation");
    let row = |name: &str, pick: &dyn Fn(&LoadReport) -> &stats::Run| {
        print_row(name, &runs.iter().map(|r| pick(r)).collect::<Vec<_>>());
    };
    row("raise a case", &|r| &r.raise);
    row("transition", &|r| &r.transition);
    row("transition at half that load", &|r| {
        &r.transition_at_half_load
    });
    row("read a case", &|r| &r.read);
    row("list a person's cases", &|r| &r.list);
    row(
        "the same writes straight to the database (rusqlite / pgbench)",
        &|r| &r.reference_transition,
    );
    row("the same writes through sqlx", &|r| &r.raw_transition);
    print_one_statement(runs.iter().map(|r| {
        let service = r.transition.per_second;
        (service, r.reference_one_statement.as_ref())
    }));
    let of = |f: &dyn Fn(&LoadReport) -> f64| Spread::of(runs.iter().map(|r| f(r)));
    println!(
        "service / database (transitions per second): {}; service / sqlx: {}",
        of(&|r| r.service_over_reference),
        of(&|r| r.service_over_raw)
    );
    println!(
        "resident memory idle: {} MiB; peak under load: {} MiB",
        of(&|r| r.rss_idle_mib),
        of(&|r| r.rss_peak_mib)
    );
    println!(
        "start-up to healthy: {} ms (on {} cases)",
        of(&|r| r.start_up_ms),
        of(&|r| r.cases_at_end as f64)
    );
}

fn print_probes(probes: &[probe::ProbeReport]) {
    let Some(first) = probes.first() else {
        return;
    };
    println!(
        "\n{}, wrk: {} connections, pause and resume over {} cases, median (min–max) of {} runs",
        first.database,
        first.connections,
        first.cases,
        probes.len()
    );
    print_header("driven by");
    let row = |name: &str, pick: &dyn Fn(&probe::ProbeReport) -> &stats::Run| {
        print_row(name, &probes.iter().map(pick).collect::<Vec<_>>());
    };
    row("wrk, over HTTP", &|r| &r.wrk);
    row("the same writes through rusqlite / pgbench", &|r| {
        &r.reference
    });
    print_one_statement(
        probes
            .iter()
            .map(|r| (r.wrk.per_second, r.reference_one_statement.as_ref())),
    );
    println!(
        "service / database: {}",
        Spread::of(probes.iter().map(|r| r.service_over_reference))
    );
}

fn print_scale(report: &ScaleReport) {
    println!(
        "\n{}: {} cases ({} open, {} due a reminder today), populated in {:.0} s, {:.0} MiB",
        report.database,
        report.cases,
        report.open,
        report.due,
        report.populate_seconds,
        report.database_mib
    );
    println!("sweep, finding what is due: {} ms", report.sweep_scan_ms);
    println!(
        "sweep, acting on it: {} reminders in {:.0} ms",
        report.reminders_sent, report.sweep_act_ms
    );
    println!(
        "annual report, current year: {} ms",
        report.annual_report_current_ms
    );
    println!(
        "annual report, a full past year ({} cases): {} ms",
        report.cases_in_past_year, report.annual_report_past_ms
    );
    println!(
        "a member's case list (first 50 of {}): {} ms",
        report.case_list_total, report.case_list_ms
    );
    println!(
        "start-up to healthy: {} ms; resident memory idle: {:.1} MiB",
        report.start_up_ms, report.rss_idle_mib
    );
}

fn print_search(report: &search::SearchReport) {
    println!(
        "\n{}: {} cases, {} entries in the search index, populated in {:.0} s",
        report.database, report.cases, report.entries, report.populate_seconds
    );
    println!("| who | q | cases found | ms, median (min–max) of 20 |");
    println!("|---|---|---|---|");
    for timed in &report.searches {
        println!(
            "| {} | `{}` | {} | {} |",
            timed.who, timed.query, timed.found, timed.ms
        );
    }
}
