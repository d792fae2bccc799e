//! The database's own limit for the writes one transition makes, through its own fastest
//! client, at the service's durability settings, in the same run as the load:
//!
//! - **SQLite**: rusqlite on one connection (SQLite runs one writer at a time), prepared
//!   statements kept for reuse, WAL and `synchronous = FULL` as the service opens the file,
//!   `BEGIN IMMEDIATE`; the case row updated at the version read, its record, the event and
//!   the emails, then `COMMIT`.
//! - **PostgreSQL**: `pgbench` with prepared statements, as many clients as the load has,
//!   `synchronous_commit` as the server has it, running the same writes as one script (the
//!   case row's version is incremented in place rather than checked against a version read:
//!   pgbench keeps no state between transactions). And beside it the same writes as one
//!   statement (a data-modifying `WITH`, as the service sends them), the database's fastest
//!   way to take them, so that what the one statement saves the database shows apart from
//!   what the service costs.
//!
//! The service's transition is compared with these figures.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{SecondsFormat, Utc};

use crate::Result;
use crate::database::{Database, Kind};
use crate::load::Shape;
use crate::raw::{Template, prepared};
use crate::stats::Run;

/// The writes of one transition straight to SQLite through rusqlite, for `shape`'s duration,
/// on `cases` in turn.
pub(crate) async fn sqlite(database: &Database, cases: &[String], shape: Shape) -> Result<Run> {
    let (template, owned) = prepared(database, cases).await?;
    let file = database.sqlite_path();
    let duration = shape.duration;
    tokio::task::spawn_blocking(move || sqlite_loop(&file, &template, owned, duration)).await?
}

fn sqlite_loop(
    file: &std::path::Path,
    template: &Template,
    mut cases: Vec<(i64, i64)>,
    duration: Duration,
) -> Result<Run> {
    let connection = rusqlite::Connection::open(file)?;
    connection.busy_timeout(Duration::from_secs(5))?;
    connection.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
    )?;
    let outbox = format!(
        "INSERT INTO outbox (message_key, case_id, event_seq, kind, recipient_id, \
         recipient_email, status, attempts, next_attempt_at, created_at) VALUES {}",
        vec![
            "(?, ?, ?, 'propose_resolution', ?, ?, 'pending', 0, ?, ?)";
            template.recipients.len()
        ]
        .join(", ")
    );
    let (mut latencies, mut errors) = (Vec::new(), 0);
    let start = Instant::now();
    let (mut turn, count) = (0, cases.len());
    while start.elapsed() < duration {
        let (id, version) = &mut cases[turn % count];
        turn += 1;
        let began = Instant::now();
        match sqlite_one(&connection, template, &outbox, *id, *version) {
            Ok(()) => {
                *version += 1;
                latencies.push(u32::try_from(began.elapsed().as_micros()).unwrap_or(u32::MAX));
            }
            Err(_) => {
                errors += 1;
                let _ = connection.execute_batch("ROLLBACK");
            }
        }
    }
    Ok(Run::of(latencies, errors, start.elapsed().as_secs_f64()))
}

fn sqlite_one(
    connection: &rusqlite::Connection,
    template: &Template,
    outbox: &str,
    id: i64,
    from: i64,
) -> Result<()> {
    use rusqlite::types::Value;
    let version = from + 1;
    let now = Utc::now().to_rfc3339_opts(SecondsFormat::AutoSi, false);
    let hash = format!("{version:064x}");
    connection.prepare_cached("BEGIN IMMEDIATE")?.execute([])?;
    let updated = connection
        .prepare_cached(
            "UPDATE cases SET version = ?1, state = 'resolution_proposed', updated_at = ?2, \
             last_event_hash = ?3 WHERE id = ?4 AND version = ?5",
        )?
        .execute(rusqlite::params![version, now, hash, id, from])?;
    if updated != 1 {
        return Err("the version moved".into());
    }
    connection
        .prepare_cached("UPDATE case_records SET record = ?1 WHERE case_id = ?2")?
        .execute(rusqlite::params![template.record, id])?;
    connection
        .prepare_cached(
            "INSERT INTO case_events (case_id, seq, kind, actor_id, at, from_state, to_state, \
             payload, prev_hash, hash, case_after) VALUES (?1, ?2, 'propose_resolution', ?3, ?4, \
             'in_dialogue', 'resolution_proposed', ?5, ?6, ?6, ?7)",
        )?
        .execute(rusqlite::params![
            id,
            version,
            template.actor,
            now,
            template.payload,
            hash,
            template.record
        ])?;
    let mut values = Vec::new();
    for (person, email) in &template.recipients {
        values.extend([
            Value::Text(format!("reference.{id}.{version}.{person}")),
            Value::Integer(id),
            Value::Integer(version),
            Value::Integer(*person),
            Value::Text(email.clone()),
            Value::Text(now.clone()),
            Value::Text(now.clone()),
        ]);
    }
    connection
        .prepare_cached(outbox)?
        .execute(rusqlite::params_from_iter(values))?;
    connection.prepare_cached("COMMIT")?.execute([])?;
    Ok(())
}

/// The references for a database of `kind`: the one-transaction figure the service's ratio
/// is to, and on PostgreSQL the same writes as one statement.
pub(crate) async fn of(
    kind: Kind,
    database: &Database,
    cases: &[String],
    shape: Shape,
) -> Result<(Run, Option<Run>)> {
    Ok(match kind {
        Kind::Sqlite => (sqlite(database, cases, shape).await?, None),
        Kind::Postgres => (
            postgres(database, cases, shape, Form::Transaction).await?,
            Some(postgres(database, cases, shape, Form::OneStatement).await?),
        ),
    })
}

/// How the PostgreSQL reference sends a transition's writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// A statement per write, in a transaction: `BEGIN`, four writes, `COMMIT`.
    Transaction,
    /// The four writes as one data-modifying `WITH`.
    OneStatement,
}

/// The writes of one transition in PostgreSQL through `pgbench`, prepared, in `form`, from
/// as many clients as `shape` has, each on a case of its own.
pub(crate) async fn postgres(
    database: &Database,
    cases: &[String],
    shape: Shape,
    form: Form,
) -> Result<Run> {
    let (template, owned) = prepared(database, cases).await?;
    let ids = owned
        .iter()
        .map(|(id, _)| id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let recipients = template
        .recipients
        .iter()
        .map(|(person, email)| format!("({person}, '{}')", email.replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(", ");
    // Each client's case: the client's place in the list of ids.
    let case = "(:ids::bigint[])[:place]";
    let update = format!(
        "UPDATE cases SET version = version + 1, state = 'resolution_proposed', updated_at = now(), last_event_hash = md5(version::text) WHERE id = {case}"
    );
    let record = format!("UPDATE case_records SET record = :record WHERE case_id = {case}");
    let event = "INSERT INTO case_events (case_id, seq, kind, actor_id, at, from_state, to_state, payload, prev_hash, hash, case_after) SELECT id, version, 'propose_resolution', :actor, now(), 'in_dialogue', 'resolution_proposed', :payload, last_event_hash, last_event_hash, :record FROM";
    let outbox = format!(
        "INSERT INTO outbox (message_key, case_id, event_seq, kind, recipient_id, recipient_email, status, attempts, next_attempt_at, created_at) SELECT 'reference.' || id || '.' || version || '.' || p.person, id, version, 'propose_resolution', p.person, p.email, 'pending', 0, now(), now() FROM (VALUES {recipients}) AS p(person, email), "
    );
    let script = match form {
        Form::Transaction => format!(
            "\\set place :client_id + 1\n\
             BEGIN;\n\
             {update};\n\
             {record};\n\
             {event} cases WHERE id = {case};\n\
             {outbox}cases WHERE id = {case};\n\
             END;\n"
        ),
        Form::OneStatement => format!(
            "\\set place :client_id + 1\n\
             WITH c AS ({update} RETURNING id, version, last_event_hash), \
             r AS ({record}), \
             e AS ({event} c), \
             o AS ({outbox}c) \
             SELECT count(*) FROM c;\n"
        ),
    };
    let dir = tempfile::tempdir()?;
    let script_file = dir.path().join("transition.sql");
    std::fs::write(&script_file, script)?;
    let logs = dir.path().join("log");
    let output = tokio::process::Command::new(pgbench()?)
        .arg("--no-vacuum")
        .args(["--protocol", "prepared"])
        .args(["--client", &shape.concurrency.to_string()])
        .args(["--jobs", "2"])
        .args(["--time", &shape.duration.as_secs().max(1).to_string()])
        .arg("--log")
        .arg(format!("--log-prefix={}", logs.display()))
        .arg("--file")
        .arg(&script_file)
        .arg(format!("--define=ids={{{ids}}}"))
        .arg(format!("--define=record={}", template.record))
        .arg(format!("--define=payload={}", template.payload))
        .arg(format!("--define=actor={}", template.actor))
        .arg(&database.url)
        .output()
        .await?;
    if !output.status.success() {
        return Err(format!(
            "pgbench failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    // Each logged line: client, transaction, latency in microseconds, script, epoch, µs.
    let mut latencies = Vec::new();
    for entry in std::fs::read_dir(dir.path())? {
        let path = entry?.path();
        if !path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("log"))
        {
            continue;
        }
        for line in std::fs::read_to_string(&path)?.lines() {
            if let Some(micros) = line.split_whitespace().nth(2) {
                latencies.push(micros.parse::<u32>()?);
            }
        }
    }
    Ok(Run::of(latencies, 0, shape.duration.as_secs_f64()))
}

/// PostgreSQL's `pgbench`, from the server's own installation.
fn pgbench() -> Result<PathBuf> {
    if let Ok(path) = std::env::var("DISPUTES_BENCH_PGBENCH") {
        return Ok(PathBuf::from(path));
    }
    let mut found = std::fs::read_dir("/usr/lib/postgresql")?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("bin/pgbench"))
        .filter(|p| p.exists())
        .collect::<Vec<_>>();
    found.sort();
    found
        .pop()
        .ok_or_else(|| "pgbench is missing: install PostgreSQL's client tools".into())
}
