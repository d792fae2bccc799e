//! Faults inflicted on the running service: killed in the middle of its work, its database
//! stopped under it, its mail server hung. Each test drives real work through the real
//! binary while the fault strikes, then checks that nothing acknowledged was lost, that the
//! audit trail verifies, that every email went out, and that the service carried on by
//! itself. Each prints what it inflicted and found (`cargo test -- --nocapture` shows it);
//! RELIABILITY.md quotes those lines.

#![allow(clippy::print_stdout)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::cluster::Cluster;
use crate::support::smtp::{Received, Smtp};
use crate::support::{Cast, Client, Db, Server, enrol, on_both_databases};

/// Each client raises hundreds of cases in a minute, far beyond what one person may raise
/// in a day; that limit is not what these tests inflict.
fn unlimited_raising() -> (&'static str, String) {
    (
        "DISPUTES__LIMITS__CASES_RAISED_PER_DAY",
        "1000000".to_owned(),
    )
}

/// Pairs of people working at once, each on its own cases.
const WORKERS: usize = 6;
/// Times the server is killed in the crash test.
const KILLS: usize = 4;
/// The pause between one pair's requests.
const THINK_MS: u64 = 60;
/// Actions on one case before its pair raises another, so the work spreads over many cases.
const ACTIONS_PER_CASE: u64 = 8;

/// An action the service answered in full with a 2xx: it must be in the database.
#[derive(Debug, Clone)]
struct Acknowledged {
    reference: String,
    seq: u64,
    kind: String,
    at: Instant,
}

/// What one worker did in one spell of work.
#[derive(Debug, Default)]
struct Spell {
    acknowledged: Vec<Acknowledged>,
    unavailable: Vec<Duration>,
    /// The case being worked on, to carry on with in the next spell.
    case: Option<String>,
    /// The Idempotency-Key of a raise that got no answer, to send again in the next spell.
    unanswered_raise: Option<String>,
    /// The keys of raises answered 201.
    raises: Vec<String>,
}

/// Gives every raise a key of its own.
static RAISES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Sends one request: the status and body if the whole answer arrived, `None` if the
/// connection failed (the server is gone).
async fn attempt(
    client: &Client,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> Option<(StatusCode, Value)> {
    attempt_keyed(client, method, path, body, None).await
}

/// [`attempt`], with an `Idempotency-Key`.
async fn attempt_keyed(
    client: &Client,
    method: Method,
    path: &str,
    body: Option<Value>,
    key: Option<&str>,
) -> Option<(StatusCode, Value)> {
    let mut request = client
        .request(method, path)
        .timeout(Duration::from_secs(30));
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.ok()?;
    let status = response.status();
    let text = response.text().await.ok()?;
    assert_ne!(
        status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "500 from {path}: {text}"
    );
    Some((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
}

/// The same person on a (re)started server.
fn on(server: &Server, person: &Client) -> Client {
    Client {
        base: server.base.clone(),
        ..person.clone()
    }
}

/// One pair at work until `stop` is set or the server goes away: the volunteer raises a
/// case, the council acknowledges it, then proposes terms that the volunteer rejects, over
/// and over; after a few actions the volunteer raises another case. A 503 is not an
/// answer: the pair reads the case again (the action may or may not have happened) and
/// carries on. Each raise carries an Idempotency-Key, and one that got no answer (the
/// server was killed) is sent again, with its key, before anything else.
async fn work(
    raiser: Client,
    respondent: Client,
    new_case: Value,
    mut case: Option<String>,
    unanswered_raise: Option<String>,
    stop: Arc<AtomicBool>,
) -> Spell {
    let mut spell = Spell {
        unanswered_raise,
        ..Spell::default()
    };
    // The state and version of the case, once read.
    let mut known: Option<(String, u64)> = None;
    while !stop.load(Ordering::SeqCst) {
        // People pause between actions; a bounded load keeps the emails to a few hundred.
        tokio::time::sleep(Duration::from_millis(THINK_MS)).await;
        let sent = Instant::now();
        let answer = match (&case, &known) {
            (Some(reference), None) => {
                let answer = attempt(
                    &respondent,
                    Method::GET,
                    &format!("/api/v1/cases/{reference}"),
                    None,
                )
                .await;
                match answer {
                    Some((StatusCode::OK, view)) => {
                        known = Some((
                            view["state"].as_str().unwrap().to_owned(),
                            view["version"].as_u64().unwrap(),
                        ));
                        continue;
                    }
                    other => other,
                }
            }
            (Some(_), Some((_, version))) if *version >= ACTIONS_PER_CASE => {
                case = None;
                continue;
            }
            (None, _) => {
                let key = spell
                    .unanswered_raise
                    .take()
                    .unwrap_or_else(|| format!("raise-{}", RAISES.fetch_add(1, Ordering::SeqCst)));
                let answer = attempt_keyed(
                    &raiser,
                    Method::POST,
                    "/api/v1/cases",
                    Some(new_case.clone()),
                    Some(&key),
                )
                .await;
                match &answer {
                    // Lost with the server: sent again, with its key, in the next spell.
                    None => spell.unanswered_raise = Some(key.clone()),
                    // The killed process's claim on the key: free once it is known dead.
                    Some((StatusCode::CONFLICT, problem))
                        if problem["type"] == "/problems/conflict" =>
                    {
                        spell.unanswered_raise = Some(key.clone());
                        tokio::time::sleep(Duration::from_millis(500)).await;
                        continue;
                    }
                    _ => {}
                }
                if let Some((StatusCode::CREATED, view)) = &answer {
                    spell.raises.push(key);
                    let reference = view["reference"].as_str().unwrap().to_owned();
                    spell.acknowledged.push(Acknowledged {
                        reference: reference.clone(),
                        seq: 1,
                        kind: "raised".to_owned(),
                        at: Instant::now(),
                    });
                    case = Some(reference);
                    known = Some(("raised".to_owned(), 1));
                    continue;
                }
                answer
            }
            (Some(reference), Some((state, _))) => {
                let (person, action, body) = match state.as_str() {
                    "raised" => (&respondent, "acknowledge", json!({})),
                    "in_dialogue" => (
                        &respondent,
                        "propose_resolution",
                        json!({"terms": "The grant runs to the end of the quarter."}),
                    ),
                    "resolution_proposed" => (
                        &raiser,
                        "reject_resolution",
                        json!({"reason": "The quarter is still short notice."}),
                    ),
                    other => panic!("{reference} is {other}, which this work never reaches"),
                };
                let answer = attempt(
                    person,
                    Method::POST,
                    &format!("/api/v1/cases/{reference}/actions/{action}"),
                    Some(body),
                )
                .await;
                if let Some((StatusCode::OK, view)) = &answer {
                    let seq = view["version"].as_u64().unwrap();
                    spell.acknowledged.push(Acknowledged {
                        reference: reference.clone(),
                        seq,
                        kind: action.to_owned(),
                        at: Instant::now(),
                    });
                    known = Some((view["state"].as_str().unwrap().to_owned(), seq));
                    continue;
                }
                answer
            }
        };
        match answer {
            // The server is gone.
            None => break,
            Some((StatusCode::SERVICE_UNAVAILABLE, problem)) => {
                assert_eq!(problem["type"], "/problems/unavailable", "{problem}");
                spell.unavailable.push(sent.elapsed());
                known = None;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Some((status, body)) => panic!("unexpected {status}: {body}"),
        }
    }
    spell.case = case;
    spell
}

/// A small generator of pseudo-random numbers, seeded from the clock and printed, so a
/// failing run can be told apart and the moments it chose are on record.
struct Dice(u64);

impl Dice {
    fn new() -> Dice {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64;
        println!("random seed {seed}");
        Dice(seed | 1)
    }

    fn between(&mut self, low: u64, high: u64) -> u64 {
        // xorshift64
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        low + self.0 % (high - low)
    }
}

/// Every case in the database, as the facilitator lists them.
async fn every_reference(facilitator: &Client) -> Vec<String> {
    let mut references = Vec::new();
    for page in 1.. {
        let (status, list) = facilitator
            .get(&format!("/api/v1/cases?per_page=100&page={page}"))
            .await;
        assert_eq!(status, StatusCode::OK, "{list}");
        let items = list["items"].as_array().unwrap();
        references.extend(
            items
                .iter()
                .map(|c| c["reference"].as_str().unwrap().to_owned()),
        );
        if items.len() < 100 {
            break;
        }
    }
    references
}

/// Checks that every acknowledged action is in its case's timeline; returns how many
/// events the cases hold.
async fn find_every_acknowledged(facilitator: &Client, acknowledged: &[Acknowledged]) -> usize {
    let mut by_case: BTreeMap<&str, BTreeSet<(u64, &str)>> = BTreeMap::new();
    for ack in acknowledged {
        by_case
            .entry(&ack.reference)
            .or_default()
            .insert((ack.seq, &ack.kind));
    }
    let mut events = 0;
    for (reference, expected) in by_case {
        let (status, timeline) = facilitator
            .get(&format!("/api/v1/cases/{reference}/events"))
            .await;
        assert_eq!(status, StatusCode::OK, "{timeline}");
        let found: BTreeSet<(u64, &str)> = timeline
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["seq"].as_u64().unwrap(), e["kind"].as_str().unwrap()))
            .collect();
        let lost: Vec<_> = expected.difference(&found).collect();
        assert!(
            lost.is_empty(),
            "{reference} lost acknowledged actions {lost:?}"
        );
        events += found.len();
    }
    events
}

/// The emails queued for every case, waiting (up to `seconds`) until none is pending.
async fn queued_emails(facilitator: &Client, references: &[String], seconds: u64) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        let mut all = Vec::new();
        for reference in references {
            let (status, log) = facilitator
                .get(&format!("/api/v1/cases/{reference}/notifications"))
                .await;
            assert_eq!(status, StatusCode::OK, "{log}");
            all.extend(log.as_array().unwrap().iter().cloned());
        }
        if all.iter().all(|n| n["status"] == "sent") || Instant::now() > deadline {
            return all;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// A kill: when the server was killed, and when its replacement was listening.
#[derive(Debug, Clone, Copy)]
struct Crash {
    killed: Instant,
    replaced: Instant,
}

/// When an email may arrive twice (always with its one Message-ID).
#[derive(Debug, Clone, Copy)]
enum Repeats<'a> {
    /// Only across one of these crashes: the first copy from the killed process (before its
    /// replacement was even listening), the next after the kill. The killed process handed
    /// the email over but died before recording it; its claim ran out and the email went
    /// again.
    AcrossCrashes(&'a [Crash]),
    /// Also when the database went away between sending an email and recording it sent.
    AcrossAnOutage,
}

/// Checks that every queued email arrived at least once, with its Message-ID, and that any
/// repeat is one `allowed` explains. Returns (delivered, repeats).
fn check_deliveries(queued: &[Value], smtp: &Smtp, allowed: Repeats<'_>) -> (usize, usize) {
    let received = smtp.received();
    let pending: Vec<&Value> = queued.iter().filter(|n| n["status"] != "sent").collect();
    assert!(
        pending.is_empty(),
        "{} of {} emails never sent, among them {:?}",
        pending.len(),
        queued.len(),
        &pending[..pending.len().min(2)]
    );
    let mut arrivals: BTreeMap<String, Vec<&Received>> = BTreeMap::new();
    for email in &received {
        arrivals.entry(email.message_id()).or_default().push(email);
    }
    let expected: BTreeSet<String> = queued
        .iter()
        .map(|n| n["message_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        expected.len(),
        queued.len(),
        "each email has its own Message-ID"
    );
    let missing: Vec<_> = expected
        .iter()
        .filter(|id| !arrivals.contains_key(*id))
        .collect();
    assert!(missing.is_empty(), "sent but never received: {missing:?}");
    let strays: Vec<_> = arrivals
        .keys()
        .filter(|id| !expected.contains(*id))
        .collect();
    assert!(strays.is_empty(), "received but never queued: {strays:?}");
    let mut repeats = 0;
    for (id, copies) in &arrivals {
        for pair in copies.windows(2) {
            let explained = match allowed {
                Repeats::AcrossAnOutage => true,
                Repeats::AcrossCrashes(crashes) => crashes
                    .iter()
                    .any(|c| pair[0].at < c.replaced && c.killed < pair[1].at),
            };
            assert!(explained, "{id} arrived again with no crash between");
            repeats += 1;
        }
    }
    (expected.len(), repeats)
}

on_both_databases! {
    async fn a_server_killed_at_random_moments_loses_nothing_it_acknowledged(db: Db) {
        let smtp = Smtp::start().await;
        let mut env = Db::smtp_env(smtp.port);
        env.push(unlimited_raising());
        let mut server = Server::start_with(&db, &env);
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let respondent = server.sign_in(&Cast::email("respondent")).await;
        let mut dice = Dice::new();
        let mut acknowledged = Vec::new();
        let mut cases: Vec<Option<String>> = vec![None; WORKERS];
        let mut unanswered: Vec<Option<String>> = vec![None; WORKERS];
        let mut raises = Vec::new();
        let mut crashes = Vec::new();
        let never = Arc::new(AtomicBool::new(false));
        for _ in 0..KILLS {
            let workers: Vec<_> = cases
                .iter()
                .zip(&unanswered)
                .map(|(case, raise)| {
                    tokio::spawn(work(on(&server, &raiser), on(&server, &respondent), cast.new_case(), case.clone(), raise.clone(), never.clone()))
                })
                .collect();
            tokio::time::sleep(Duration::from_millis(dice.between(300, 1500))).await;
            server.kill();
            let killed = Instant::now();
            for (n, worker) in workers.into_iter().enumerate() {
                let spell = worker.await.unwrap();
                assert!(spell.unavailable.is_empty(), "a 503 with the database up");
                acknowledged.extend(spell.acknowledged);
                raises.extend(spell.raises);
                cases[n] = spell.case;
                unanswered[n] = spell.unanswered_raise;
            }
            server = Server::start_with(&db, &env);
            crashes.push(Crash { killed, replaced: Instant::now() });
        }
        // The raises the last kill left unanswered are sent again with their keys: each is
        // answered with the case it raised, or raises it now, never a second case.
        let raiser_now = on(&server, &raiser);
        let retried = unanswered.iter().flatten().count();
        for key in unanswered.into_iter().flatten() {
            let mut answer = None;
            for _ in 0..60 {
                answer = attempt_keyed(&raiser_now, Method::POST, "/api/v1/cases", Some(cast.new_case()), Some(&key)).await;
                if !matches!(answer, Some((StatusCode::CONFLICT, _))) {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            let (status, view) = answer.expect("the server answers");
            assert_eq!(status, StatusCode::CREATED, "{view}");
            acknowledged.push(Acknowledged {
                reference: view["reference"].as_str().unwrap().to_owned(),
                seq: 1,
                kind: "raised".to_owned(),
                at: Instant::now(),
            });
            raises.push(key);
        }

        // The emails the killed processes had claimed are not left to wait out their
        // 300-second claims: every one is out within 30 seconds of the last start.
        let last_start = crashes.last().unwrap().replaced;
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let events = find_every_acknowledged(&facilitator, &acknowledged).await;
        let references = every_reference(&facilitator).await;
        // One case for each raise, however often a raise was sent.
        assert_eq!(raises.iter().collect::<BTreeSet<_>>().len(), raises.len());
        assert_eq!(references.len(), raises.len(), "a raise sent again made a second case, or none");
        let left = Duration::from_secs(30).saturating_sub(last_start.elapsed());
        let queued = queued_emails(&facilitator, &references, left.as_secs()).await;
        if queued.iter().any(|n| n["status"] != "sent") {
            let logs = server.logs();
            let tail: Vec<&str> = logs.lines().rev().take(30).collect();
            println!("server log, newest first:\n{}", tail.join("\n"));
        }
        // Every email sent is received before the sweep records it; a moment for the last.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let (delivered, repeats) = check_deliveries(&queued, &smtp, Repeats::AcrossCrashes(&crashes));
        let last = last_arrivals(&smtp).into_values().max().unwrap();
        let drained = last.saturating_duration_since(last_start);
        assert!(drained <= Duration::from_secs(30), "the last email arrived {drained:?} after the last start");
        server.stop();
        let (ok, out, err) = db.run(&["audit", "verify"], &[]);
        assert!(ok, "{out}{err}");
        assert!(out.contains(&format!("verified {} cases", references.len())), "{out}");
        println!(
            "crash test on {}: {KILLS} kills, {} actions acknowledged, all {} found among {events} events in {} cases, one for each of {} raises ({retried} sent again after the last kill with their Idempotency-Key); {delivered} emails queued, all delivered, the last {:.1} s after the last start, {repeats} repeated across a crash; audit verify: {}",
            if db.is_postgres() { "PostgreSQL" } else { "SQLite" },
            acknowledged.len(),
            acknowledged.len(),
            references.len(),
            raises.len(),
            drained.as_secs_f64(),
            out.trim(),
        );
        assert!(acknowledged.len() >= KILLS, "the workers did some work");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_database_is_answered_503_and_the_service_recovers_by_itself() {
    let cluster = Cluster::start();
    let db = Db::at(cluster.url("postgres"));
    let smtp = Smtp::start().await;
    let mut env = Db::smtp_env(smtp.port);
    env.push(unlimited_raising());
    let server = Server::start_with(&db, &env);
    let cast = enrol(&server, &db).await;
    let raiser = server.sign_in(&Cast::email("raiser")).await;
    let respondent = server.sign_in(&Cast::email("respondent")).await;
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            tokio::spawn(work(
                raiser.clone(),
                respondent.clone(),
                cast.new_case(),
                None,
                None,
                stop.clone(),
            ))
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(1)).await;

    cluster.stop();
    let stopped = Instant::now();
    let anonymous = server.anonymous();
    // The service notices, and says so at /readyz, while /healthz (the process) stays up.
    let mut ready = (StatusCode::OK, Value::Null);
    for _ in 0..100 {
        ready = anonymous.get("/readyz").await;
        if ready.0 == StatusCode::SERVICE_UNAVAILABLE {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(ready.0, StatusCode::SERVICE_UNAVAILABLE, "{}", ready.1);
    assert_eq!(ready.1["type"], "/problems/unavailable");
    assert!(
        ready.1["detail"].as_str().unwrap().contains("database"),
        "{}",
        ready.1
    );
    assert_eq!(anonymous.get("/healthz").await.0, StatusCode::OK);
    // A page is answered too, as a page.
    let page = anonymous
        .request(Method::GET, "/cases")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
    tokio::time::sleep(Duration::from_secs(2)).await;

    cluster.resume();
    let resumed = Instant::now();
    let mut back = None;
    for _ in 0..300 {
        if anonymous.get("/readyz").await.0 == StatusCode::OK {
            back = Some(resumed.elapsed());
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let back = back.expect("the service is ready again without a restart");
    tokio::time::sleep(Duration::from_secs(1)).await;
    stop.store(true, Ordering::SeqCst);
    let mut acknowledged = Vec::new();
    let mut unavailable = Vec::new();
    for worker in workers {
        let spell = worker.await.unwrap();
        assert!(
            spell.acknowledged.iter().any(|a| a.at > resumed),
            "each pair works again after the database returns"
        );
        acknowledged.extend(spell.acknowledged);
        unavailable.extend(spell.unavailable);
    }
    assert!(
        !unavailable.is_empty(),
        "requests during the outage were answered 503"
    );
    assert_eq!(
        anonymous.metric("disputes_database_outages_total").await,
        1.0
    );

    let facilitator = server.sign_in(&Cast::email("facilitator")).await;
    let events = find_every_acknowledged(&facilitator, &acknowledged).await;
    // The emails of actions before, during and after the outage all go out.
    let references = every_reference(&facilitator).await;
    let queued = queued_emails(&facilitator, &references, 90).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (delivered, repeats) = check_deliveries(&queued, &smtp, Repeats::AcrossAnOutage);
    drop(server);
    let (ok, out, err) = db.run(&["audit", "verify"], &[]);
    assert!(ok, "{out}{err}");
    unavailable.sort();
    println!(
        "database outage: stopped for {:.1} s; {} requests answered 503 (median {} ms, slowest {} ms); ready {} ms after PostgreSQL returned; {} actions acknowledged, all found among {events} events; {delivered} emails queued, all delivered, {repeats} repeated; audit verify: {}",
        (resumed - stopped).as_secs_f64(),
        unavailable.len(),
        unavailable[unavailable.len() / 2].as_millis(),
        unavailable[unavailable.len() - 1].as_millis(),
        back.as_millis(),
        acknowledged.len(),
        out.trim(),
    );
}

/// When each email (by Message-ID) first arrived.
fn last_arrivals(smtp: &Smtp) -> BTreeMap<String, Instant> {
    let mut first = BTreeMap::new();
    for email in smtp.received() {
        first.entry(email.message_id()).or_insert(email.at);
    }
    first
}

/// Whether any email waiting to be sent is claimed by a sweep, read straight from the
/// database.
async fn claims_held(db: &Db) -> u64 {
    use sea_orm::{ConnectionTrait, Statement};
    let connection = sea_orm::Database::connect(&db.url).await.unwrap();
    let row = connection
        .query_one_raw(Statement::from_string(
            connection.get_database_backend(),
            "SELECT COUNT(*) AS held FROM outbox WHERE status = 'pending' AND locked_until IS NOT NULL",
        ))
        .await
        .unwrap()
        .unwrap();
    let held: i64 = row.try_get("", "held").unwrap();
    u64::try_from(held).unwrap()
}

on_both_databases! {
    async fn a_server_stopped_under_load_gives_back_its_emails(db: Db) {
        let smtp = Smtp::start().await;
        let mut env = Db::smtp_env(smtp.port);
        env.push(unlimited_raising());
        let mut server = Server::start_with(&db, &env);
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let respondent = server.sign_in(&Cast::email("respondent")).await;
        // Pairs at work while the mail server stops answering, so that a sweep is in the
        // middle of a batch when the service is told to stop.
        let stop = Arc::new(AtomicBool::new(false));
        let workers: Vec<_> = (0..WORKERS)
            .map(|_| tokio::spawn(work(raiser.clone(), respondent.clone(), cast.new_case(), None, None, stop.clone())))
            .collect();
        tokio::time::sleep(Duration::from_secs(2)).await;
        smtp.hang();
        tokio::time::sleep(Duration::from_secs(1)).await;
        stop.store(true, Ordering::SeqCst);
        let mut acknowledged = Vec::new();
        for worker in workers {
            acknowledged.extend(worker.await.unwrap().acknowledged);
        }
        let stopped = Instant::now();
        let status = server.stop();
        let took = stopped.elapsed();
        assert!(status.success(), "a clean exit: {status}");
        assert!(took <= Duration::from_secs(20), "stopped {took:?} after SIGTERM, past the grace period");
        assert!(server.logs().contains("gave back the emails this process had claimed"));
        assert_eq!(claims_held(&db).await, 0, "every claim was given back");

        // Started again, with the mail server answering: everything due is out within
        // 10 seconds.
        smtp.answer();
        let started = Instant::now();
        server = Server::start_with(&db, &env);
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let references = every_reference(&facilitator).await;
        let left = Duration::from_secs(10).saturating_sub(started.elapsed());
        let queued = queued_emails(&facilitator, &references, left.as_secs()).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let (delivered, repeats) = check_deliveries(&queued, &smtp, Repeats::AcrossCrashes(&[]));
        let last = last_arrivals(&smtp).into_values().max().unwrap();
        let drained = last.saturating_duration_since(started);
        assert!(drained <= Duration::from_secs(10), "the last email arrived {drained:?} after the start");
        find_every_acknowledged(&facilitator, &acknowledged).await;
        println!(
            "stop test on {}: stopped {took:?} after SIGTERM with every claim given back; {delivered} emails queued, all delivered within {:.1} s of the next start, {repeats} repeated",
            if db.is_postgres() { "PostgreSQL" } else { "SQLite" },
            drained.as_secs_f64(),
        );
    }
}

/// Two processes share one PostgreSQL: the first holds a batch, stuck on a mail server that
/// says nothing; the second never takes it while the first lives, and sends it within 30
/// seconds of the first being killed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_process_s_emails_are_sent_by_the_other() {
    let db = Db::postgres().await;
    let (stuck, working) = (Smtp::start().await, Smtp::start().await);
    stuck.hang();
    let mut first_env = Db::smtp_env(stuck.port);
    first_env.push(("DISPUTES__EMAIL__SMTP__TIMEOUT_SECS", "120".to_owned()));
    // Three disagreements are raised with no sweep running...
    let mut quiet = first_env.clone();
    quiet.push(("DISPUTES__SCHEDULER__INTERVAL_SECS", "3600".to_owned()));
    let mut first = Server::start_with(&db, &quiet);
    let cast = enrol(&first, &db).await;
    let raiser = first.sign_in(&Cast::email("raiser")).await;
    for _ in 0..3 {
        let (status, _) = raiser.post("/api/v1/cases", cast.new_case()).await;
        assert_eq!(status, StatusCode::CREATED);
    }
    first.stop();
    // ...then the first process's first sweep claims them all, and hangs on the first.
    first = Server::start_with(&db, &first_env);
    let facilitator = first.sign_in(&Cast::email("facilitator")).await;
    let references = every_reference(&facilitator).await;
    let mut held = 0;
    for _ in 0..50 {
        held = claims_held(&db).await;
        if held > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let queued = queued_emails(&facilitator, &references, 0).await;
    assert_eq!(
        held,
        queued.len() as u64,
        "the first process claimed every email"
    );
    // The second process, sweeping every second, leaves them alone for 20 seconds, longer
    // than a silent process is given, because the first is alive.
    let second = Server::start_with(&db, &Db::smtp_env(working.port));
    tokio::time::sleep(Duration::from_secs(20)).await;
    assert!(
        working.received().is_empty(),
        "a live process's claim was taken"
    );
    first.kill();
    let killed = Instant::now();
    let received = working.wait_for(30, |r| r.len() >= queued.len()).await;
    assert_eq!(
        received.len(),
        queued.len(),
        "the other process sent them all"
    );
    let taken = received
        .iter()
        .map(|r| r.at)
        .max()
        .unwrap()
        .saturating_duration_since(killed);
    assert!(taken <= Duration::from_secs(30), "{taken:?}");
    let facilitator = Client {
        base: second.base.clone(),
        ..facilitator
    };
    let sent = queued_emails(&facilitator, &references, 5).await;
    assert!(sent.iter().all(|n| n["status"] == "sent"));
    println!(
        "takeover: {} emails held by a live process for 20 s were left alone; sent by the other {:.1} s after the kill",
        queued.len(),
        taken.as_secs_f64()
    );
}

on_both_databases! {
    async fn a_hung_mail_server_holds_up_no_one_and_loses_nothing(db: Db) {
        let smtp = Smtp::start().await;
        let mut env = Db::smtp_env(smtp.port);
        env.push(("DISPUTES__EMAIL__SMTP__TIMEOUT_SECS", "2".to_owned()));
        let server = Server::start_with(&db, &env);
        let cast = enrol(&server, &db).await;
        smtp.hang();
        // While the mail server takes connections and says nothing, the work goes on.
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let respondent = server.sign_in(&Cast::email("respondent")).await;
        let (status, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
        assert_eq!(status, StatusCode::CREATED);
        let reference = case["reference"].as_str().unwrap().to_owned();
        respondent.act(&reference, "acknowledge", json!({})).await;
        respondent.act(&reference, "propose_resolution", json!({"terms": "To June."})).await;
        // Attempts time out and are tried again later, and the metrics show it.
        let mut failed_attempts = 0.0;
        for _ in 0..100 {
            failed_attempts = server.anonymous().metric("disputes_email_attempts_failed_total").await;
            if failed_attempts >= 1.0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(failed_attempts >= 1.0, "timed-out attempts are counted");
        assert!(smtp.received().is_empty());

        // It answers again: everything queued arrives.
        smtp.answer();
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let queued = queued_emails(&facilitator, std::slice::from_ref(&reference), 60).await;
        smtp.wait_for(10, |r| r.len() >= queued.len()).await;
        let (delivered, repeats) = check_deliveries(&queued, &smtp, Repeats::AcrossCrashes(&[]));
        assert_eq!((delivered, repeats), (queued.len(), 0));
        assert_eq!(delivered, 9, "three emails for each of the three events");
    }
}
