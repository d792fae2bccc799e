//! The scale run: a database of a million cases (most closed, some open, a thousand due a
//! reminder today), then the scheduler's sweep, the annual report, a person's case list,
//! the database's size, and start-up and memory on it.
//!
//! Closed cases are written in bulk, straight to the tables, from a real closed case's
//! record and events; open cases are raised through the store, so that every row the sweep
//! acts on is exactly what the service itself would have written.

use std::time::Instant;

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use disputes_store::{Store, StoreOptions};
use disputes_workflow::{
    Action, Actor, Command, CompactSettings, NewCase, OrganisationId, Person, PersonId, Role,
    Roles, Text, Title,
};
use reqwest::StatusCode;
use sea_orm::sea_query::{Alias, InsertStatement, Query};
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde::Serialize;

use crate::Result;
use crate::client::Client;
use crate::database::{Database, Kind};
use crate::load::PASSWORD;
use crate::service::{self, Service};
use crate::stats::Spread;

/// How big a database to make.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Size {
    pub(crate) cases: u64,
    pub(crate) open: u64,
    pub(crate) due: u64,
}

/// The day the run's clock stands on: a Thursday, when cases raised on the Monday before
/// are due their acknowledgement reminder.
pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 5).unwrap_or_default()
}

pub(crate) fn at(date: NaiveDate, hour: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(hour, 0, 0).unwrap_or_default())
}

/// Organisations in the Compact: half voluntary, half public.
const ORGANISATIONS: i64 = 200;
/// The years closed cases are spread over.
const YEARS: std::ops::RangeInclusive<i32> = 2017..=2026;

/// What the scale run measured.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ScaleReport {
    pub(crate) database: Kind,
    pub(crate) cases: u64,
    pub(crate) open: u64,
    pub(crate) due: u64,
    pub(crate) populate_seconds: f64,
    pub(crate) database_mib: f64,
    /// Finding what is due (the sweep's queries), in milliseconds.
    pub(crate) sweep_scan_ms: Spread,
    /// Acting on every due reminder through the store, as the scheduler does, in ms.
    pub(crate) sweep_act_ms: f64,
    pub(crate) reminders_sent: u64,
    /// The annual report of the current year and of a full past year, over HTTP, in ms.
    pub(crate) annual_report_current_ms: Spread,
    pub(crate) annual_report_past_ms: Spread,
    pub(crate) cases_in_past_year: u64,
    /// A member's first page of cases, over HTTP, in ms, and how many they can see.
    pub(crate) case_list_ms: Spread,
    pub(crate) case_list_total: u64,
    pub(crate) start_up_ms: Spread,
    pub(crate) rss_idle_mib: f64,
}

/// A small, fast, repeatable random sequence for spreading the data.
pub(crate) struct Dice(pub(crate) u64);

impl Dice {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Runs the scale benchmark on a fresh database of `kind`.
pub(crate) async fn scale_run(
    binary: &std::path::Path,
    kind: Kind,
    admin_url: &str,
    size: Size,
) -> Result<ScaleReport> {
    let database = Database::fresh(kind, admin_url).await?;
    let began = Instant::now();
    let (store, people) = populated(&database).await?;
    let settings = CompactSettings::default();
    closed_cases(&store, &settings, size.cases - size.open)
        .await
        .map_err(|e| format!("writing the closed cases: {e}"))?;
    open_cases(&store, &settings, &people, size)
        .await
        .map_err(|e| format!("raising the open cases: {e}"))?;
    let populate_seconds = began.elapsed().as_secs_f64();
    if kind == Kind::Postgres {
        store
            .connections()
            .0
            .execute_unprepared("VACUUM ANALYZE")
            .await?;
    } else {
        store.connections().0.execute_unprepared("ANALYZE").await?;
    }

    // The sweep: finding what is due, then acting on it as the scheduler does.
    let mut scans = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let due = store.due_notices(today()).await?;
        store.lapsed_appeal_windows(today()).await?;
        scans.push(started.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(due);
    }
    let acting = Instant::now();
    let mut reminders_sent = 0;
    loop {
        let due = store.due_notices(today()).await?;
        if due.is_empty() {
            break;
        }
        for notice in due {
            let action = notice.action();
            let command = Command {
                actor: Actor::System,
                action,
                at: at(today(), 9),
                note: None,
            };
            store.apply(&notice.reference, &command, None).await?;
            reminders_sent += 1;
        }
    }
    let sweep_act_ms = acting.elapsed().as_secs_f64() * 1000.0;
    // The population's emails count as sent, so the service measured next is not busy
    // sending thousands of them.
    store
        .connections()
        .0
        .execute_unprepared("UPDATE outbox SET status = 'sent' WHERE status = 'pending'")
        .await?;
    store.close().await?;
    let database_mib = database.size_bytes().await? as f64 / (1024.0 * 1024.0);

    // The service on it.
    let clock = [
        ("DISPUTES__CLOCK__NOW", at(today(), 10).to_rfc3339()),
        ("DISPUTES__SCHEDULER__INTERVAL_SECS", "86400".to_owned()),
    ];
    // The first account, made before the service starts so nothing competes with it.
    service::create_facilitator(
        binary,
        &database.url,
        database.dir.path(),
        FACILITATOR,
        "Facilitator",
        PASSWORD,
    )
    .await?;
    let mut start_ups = Vec::new();
    for _ in 0..3 {
        let service = Service::start(binary, &database.url, database.dir.path(), &clock).await?;
        start_ups.push(service.start_up.as_secs_f64() * 1000.0);
        service.stop().await?;
    }
    let service = Service::start(binary, &database.url, database.dir.path(), &clock).await?;
    let (rss_idle_mib, _) = service.memory_mib();
    let (facilitator, member) = signed_in(&service, &people).await?;

    let timed = async |client: &Client, path: &str, times: usize| -> Result<Spread> {
        let mut all = Vec::new();
        for _ in 0..times {
            let started = Instant::now();
            let status = client.get_status(path).await;
            if status != Some(StatusCode::OK) {
                return Err(format!("{path}: {status:?}").into());
            }
            all.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        Ok(Spread::of(all))
    };
    let current_year = today().year();
    let annual_report_current_ms = timed(
        &facilitator,
        &format!("/api/v1/reports/annual/{current_year}"),
        5,
    )
    .await?;
    let annual_report_past_ms = timed(
        &facilitator,
        &format!("/api/v1/reports/annual/{}", current_year - 1),
        5,
    )
    .await?;
    let past = facilitator
        .get_json(&format!("/api/v1/reports/annual/{}", current_year - 1))
        .await?;
    let case_list_ms = timed(&member, "/api/v1/cases?per_page=50", 20).await?;
    let listed = member.get_json("/api/v1/cases?per_page=1").await?;
    service.stop().await?;
    let report = ScaleReport {
        database: kind,
        cases: size.cases,
        open: size.open,
        due: size.due,
        populate_seconds,
        database_mib,
        sweep_scan_ms: Spread::of(scans),
        sweep_act_ms,
        reminders_sent,
        annual_report_current_ms,
        annual_report_past_ms,
        cases_in_past_year: past["cases"].as_u64().unwrap_or_default(),
        case_list_ms,
        case_list_total: listed["total"].as_u64().unwrap_or_default(),
        start_up_ms: Spread::of(start_ups),
        rss_idle_mib,
    };
    database.remove().await?;
    Ok(report)
}

/// The facilitator's address, for the account made before the service starts.
pub(crate) const FACILITATOR: &str = "facilitator@bench.example.org";

/// A store on `database`, migrated and opened for bulk writing (SQLite without a sync at
/// each commit), with the Compact's organisations and people: where the scale and search
/// runs start.
pub(crate) async fn populated(database: &Database) -> Result<(Store, People)> {
    let options = StoreOptions {
        sqlite_full_sync: false,
        ..StoreOptions::default()
    };
    let store = Store::connect(&database.url, &options).await?;
    store.migrate().await?;
    let people = directory(&store)
        .await
        .map_err(|e| format!("making the organisations and people: {e}"))?;
    Ok((store, people))
}

/// The facilitator ([`FACILITATOR`]) signed in to `service`, and a member of the first
/// organisation, made by the facilitator and signed in.
pub(crate) async fn signed_in(service: &Service, people: &People) -> Result<(Client, Client)> {
    let http = reqwest::Client::new();
    let facilitator = Client::sign_in(&http, &service.base, FACILITATOR, PASSWORD).await?;
    let member_email = "member@bench.example.org";
    let body = serde_json::json!({
        "email": member_email, "name": "Member", "organisation_id": people.member.organisation_id.0,
        "roles": ["member"], "password": PASSWORD,
    });
    facilitator
        .must_post("/api/v1/users", &body, StatusCode::CREATED)
        .await?;
    let member = Client::sign_in(&http, &service.base, member_email, PASSWORD).await?;
    Ok((facilitator, member))
}

/// The people the population uses.
pub(crate) struct People {
    /// A member of the first voluntary organisation, who raises the open cases.
    pub(crate) member: Person,
}

/// Rows of one table, inserted a few hundred at a time.
pub(crate) struct Bulk {
    table: &'static str,
    columns: Vec<&'static str>,
    rows: Vec<Vec<sea_orm::Value>>,
}

impl Bulk {
    pub(crate) fn new(table: &'static str, columns: &[&'static str]) -> Bulk {
        Bulk {
            table,
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds a row. The caller flushes, parents before children (a flush of its own would
    /// write a child before its parent row exists), often enough to stay under SQLite's
    /// limit of 32,766 values a statement.
    pub(crate) async fn push(
        &mut self,
        _db: &impl ConnectionTrait,
        row: Vec<sea_orm::Value>,
    ) -> Result<()> {
        self.rows.push(row);
        Ok(())
    }

    pub(crate) async fn flush(&mut self, db: &impl ConnectionTrait) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let mut insert: InsertStatement = Query::insert();
        insert
            .into_table(Alias::new(self.table))
            .columns(self.columns.iter().map(|c| Alias::new(*c)));
        for row in self.rows.drain(..) {
            insert.values(row.into_iter().map(Into::into))?;
        }
        db.execute(&insert).await?;
        Ok(())
    }
}

/// Organisations, and a member and a champion of each.
async fn directory(store: &Store) -> Result<People> {
    let (write, _) = store.connections();
    let now = at(today(), 8);
    let groupings = [
        "Voluntary and Community",
        "Local Government",
        "Health and Social Care",
    ];
    let mut organisations = Bulk::new(
        "organisations",
        &["id", "name", "name_key", "sector", "grouping", "created_at"],
    );
    let mut people = Bulk::new(
        "people",
        &[
            "id",
            "email",
            "name",
            "organisation_id",
            "password_hash",
            "active",
            "created_at",
        ],
    );
    let mut roles = Bulk::new("person_roles", &["person_id", "role"]);
    for id in 1..=ORGANISATIONS {
        let vcs = id % 2 == 1;
        let name = format!("Organisation {id}");
        let key = disputes_workflow::names::organisation_key(&name);
        organisations
            .push(
                write,
                vec![
                    id.into(),
                    name.into(),
                    key.into(),
                    (if vcs { "vcs" } else { "psa" }).into(),
                    groupings[if vcs { 0 } else { 1 + (id as usize / 2) % 2 }].into(),
                    now.into(),
                ],
            )
            .await?;
        for (n, role) in [(0, "member"), (1, "champion")] {
            let person = id * 2 + n;
            // No one signs in as these; their hash verifies nothing.
            people
                .push(
                    write,
                    vec![
                        person.into(),
                        format!("{role}{id}@organisation{id}.example.org").into(),
                        format!("{role} of organisation {id}").into(),
                        id.into(),
                        "!".into(),
                        true.into(),
                        now.into(),
                    ],
                )
                .await?;
            roles.push(write, vec![person.into(), role.into()]).await?;
        }
    }
    organisations.flush(write).await?;
    people.flush(write).await?;
    roles.flush(write).await?;
    if store.backend() == disputes_store::Backend::Postgres {
        for table in ["organisations", "people"] {
            write
                .execute_unprepared(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                ))
                .await?;
        }
    }
    Ok(People {
        member: Person {
            id: PersonId(2),
            organisation_id: OrganisationId(1),
            roles: Roles::from([Role::Member]),
        },
    })
}

/// A disagreement as its raiser writes it.
fn new_case(respondent: i64, n: u64) -> Result<NewCase> {
    Ok(NewCase {
        respondent_organisation_id: OrganisationId(respondent),
        title: Title::parse(format!("Grant {n} ended at two weeks' notice"))?,
        summary: Text::parse(
            "The council wrote on the first of the month that the grant ends on the fifteenth. \
             We run a day centre for forty older people on it, and were told nothing before.",
        )?,
        principles: vec![
            "funding_and_procurement".to_owned(),
            "partnership".to_owned(),
        ],
        desired_outcome: Text::parse("Three months' notice, as the Compact promises.")?,
        notice: None,
        consultation: None,
    })
}

/// `count` closed cases, spread over the years, written in bulk from one real closed case.
pub(crate) async fn closed_cases(
    store: &Store,
    settings: &CompactSettings,
    count: u64,
) -> Result<()> {
    // The template: raised, acknowledged and withdrawn, as the workflow records it.
    let raiser = Person {
        id: PersonId(2),
        organisation_id: OrganisationId(1),
        roles: Roles::from([Role::Member]),
    };
    let opened = at(NaiveDate::from_ymd_opt(2025, 6, 2).unwrap_or_default(), 9);
    let raised = disputes_workflow::Case::raise(new_case(2, 0)?, &raiser, opened, settings)?;
    let withdrawn = raised.case.decide(&Command {
        actor: Actor::Person(raiser.clone()),
        action: Action::Withdraw {
            reason: Text::parse("The council has agreed to three months' notice.")?,
        },
        at: opened + chrono::Duration::days(10),
        note: None,
    })?;
    let record = serde_json::to_string(&withdrawn.case)?;
    let raised_payload = serde_json::to_string(&raised.event)?;
    let closed_payload = serde_json::to_string(&withdrawn.event)?;

    let (write, _) = store.connections();
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
    let mut cases = Bulk::new(
        "cases",
        &[
            "id",
            "reference",
            "year",
            "number",
            "title",
            "raising_organisation_id",
            "respondent_organisation_id",
            "raised_by",
            "state",
            "stage",
            "furthest_stage",
            "outcome",
            "appeal_result",
            "priority",
            "version",
            "opened_at",
            "opened_on",
            "closed_at",
            "updated_at",
            "last_event_hash",
        ],
    );
    let mut records = Bulk::new("case_records", &["case_id", "record"]);
    let mut principles = Bulk::new(
        "case_principles",
        &["case_id", "case_opened_on", "principle"],
    );
    let mut events = Bulk::new("case_events", &crate::raw::EVENT_COLUMNS);
    let mut deadlines = Bulk::new(
        "deadlines",
        &[
            "case_id",
            "case_opened_on",
            "position",
            "kind",
            "owed_by",
            "started_on",
            "working_days",
            "due_on",
            "remind_on",
            "overdue_on",
            "status",
            "settled_on",
            "calendar_version",
            "estimated",
        ],
    );
    let mut spans = Bulk::new(
        "stage_spans",
        &[
            "case_id",
            "case_opened_on",
            "position",
            "stage",
            "entered_on",
            "left_on",
        ],
    );
    let mut recommendations = Bulk::new(
        "recommendations",
        &[
            "case_id",
            "case_opened_on",
            "position",
            "text",
            "owner_organisation_id",
            "due_on",
            "status",
            "marked_on",
        ],
    );
    let years: Vec<i32> = YEARS.collect();
    let per_year = count.div_ceil(years.len() as u64);
    let outcomes = [
        ("resolved_informally", "informal"),
        ("withdrawn", "informal"),
        ("not_accepted", "formal"),
        ("upheld", "formal"),
        ("partly_upheld", "formal"),
        ("not_upheld", "formal"),
        ("upheld", "appeal"),
        ("referred_externally", "formal"),
    ];
    let principle_codes = settings.principles.clone();
    let hash = "0".repeat(64);
    let mut txn = write.begin().await?;
    for n in 0..count {
        let id = i64::try_from(n)? + 1;
        let year = years[usize::try_from(n / per_year)?.min(years.len() - 1)];
        let number = i64::try_from(n % per_year)? + 1;
        // Cases of the current year only up to today.
        let days = if year == today().year() { 60 } else { 360 };
        let opened_on = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default()
            + chrono::Duration::days(i64::try_from(dice.below(days))?);
        let closed_on = opened_on + chrono::Duration::days(10 + i64::try_from(dice.below(50))?);
        let raising = i64::try_from(dice.below(ORGANISATIONS as u64 / 2))? * 2 + 1;
        let respondent = i64::try_from(dice.below(ORGANISATIONS as u64 / 2))? * 2 + 2;
        let (outcome, furthest) = outcomes[usize::try_from(dice.below(outcomes.len() as u64))?];
        cases
            .push(
                &txn,
                vec![
                    id.into(),
                    format!("SCALE-{year}-{number:06}").into(),
                    year.into(),
                    number.into(),
                    format!("Grant {n} ended at two weeks' notice").into(),
                    raising.into(),
                    respondent.into(),
                    (raising * 2).into(),
                    "closed".into(),
                    "closed".into(),
                    furthest.into(),
                    outcome.into(),
                    (if furthest == "appeal" {
                        Some("decision_confirmed")
                    } else {
                        None
                    })
                    .into(),
                    "normal".into(),
                    2.into(),
                    at(opened_on, 9).into(),
                    opened_on.into(),
                    at(closed_on, 15).into(),
                    at(closed_on, 15).into(),
                    hash.as_str().into(),
                ],
            )
            .await?;
        records
            .push(&txn, vec![id.into(), record.as_str().into()])
            .await?;
        let first = &principle_codes[usize::try_from(dice.below(principle_codes.len() as u64))?];
        principles
            .push(
                &txn,
                vec![id.into(), opened_on.into(), first.as_str().into()],
            )
            .await?;
        for (seq, kind, from, to, payload, when) in [
            (1, "raised", None, "raised", &raised_payload, opened_on),
            (
                2,
                "withdraw",
                Some("in_dialogue"),
                "closed",
                &closed_payload,
                closed_on,
            ),
        ] {
            events
                .push(
                    &txn,
                    vec![
                        id.into(),
                        seq.into(),
                        kind.into(),
                        (raising * 2).into(),
                        at(when, 10).into(),
                        from.into(),
                        to.into(),
                        payload.as_str().into(),
                        hash.as_str().into(),
                        hash.as_str().into(),
                    ],
                )
                .await?;
        }
        let met = if dice.below(10) < 8 { "met" } else { "missed" };
        for (position, kind, owed, status, due_days) in [
            (0, "acknowledgement", "respondent", met, 7),
            (1, "informal_resolution", "parties", "cancelled", 28),
        ] {
            let due = opened_on + chrono::Duration::days(due_days);
            deadlines
                .push(
                    &txn,
                    vec![
                        id.into(),
                        opened_on.into(),
                        position.into(),
                        kind.into(),
                        owed.into(),
                        opened_on.into(),
                        5.into(),
                        due.into(),
                        (due - chrono::Duration::days(2)).into(),
                        (due + chrono::Duration::days(1)).into(),
                        status.into(),
                        Some(closed_on).into(),
                        "2026.1".into(),
                        false.into(),
                    ],
                )
                .await?;
        }
        let stages: &[&str] = if furthest == "informal" {
            &["informal"]
        } else {
            &["informal", "formal"]
        };
        let mut entered = opened_on;
        for (position, stage) in stages.iter().enumerate() {
            let left = if position + 1 == stages.len() {
                closed_on
            } else {
                entered + chrono::Duration::days(14)
            };
            spans
                .push(
                    &txn,
                    vec![
                        id.into(),
                        opened_on.into(),
                        i32::try_from(position)?.into(),
                        (*stage).into(),
                        entered.into(),
                        Some(left).into(),
                    ],
                )
                .await?;
            entered = left;
        }
        if matches!(outcome, "upheld" | "partly_upheld") {
            let status =
                ["implemented", "not_implemented", "open"][usize::try_from(dice.below(3))?];
            recommendations
                .push(
                    &txn,
                    vec![
                        id.into(),
                        opened_on.into(),
                        0.into(),
                        "Review every grant ending this year for notice.".into(),
                        respondent.into(),
                        (closed_on + chrono::Duration::days(90)).into(),
                        status.into(),
                        (if status == "open" {
                            None
                        } else {
                            Some(closed_on + chrono::Duration::days(60))
                        })
                        .into(),
                    ],
                )
                .await?;
        }
        // Written every 500 cases, parents before children; a transaction every 20,000, so
        // that SQLite's log stays small.
        if n % 500 == 499 {
            for bulk in [
                &mut cases,
                &mut records,
                &mut principles,
                &mut events,
                &mut deadlines,
                &mut spans,
                &mut recommendations,
            ] {
                bulk.flush(&txn).await?;
            }
        }
        if n % 20_000 == 19_999 {
            txn.commit().await?;
            txn = write.begin().await?;
        }
    }
    for bulk in [
        &mut cases,
        &mut records,
        &mut principles,
        &mut events,
        &mut deadlines,
        &mut spans,
        &mut recommendations,
    ] {
        bulk.flush(&txn).await?;
    }
    txn.commit().await?;
    // New cases are numbered after the bulk ones.
    for year in YEARS {
        let mut counter = Query::insert();
        counter
            .into_table(Alias::new("case_counters"))
            .columns([Alias::new("year"), Alias::new("last_number")])
            .values([year.into(), i64::try_from(per_year)?.into()])?;
        write.execute(&counter).await?;
    }
    if store.backend() == disputes_store::Backend::Postgres {
        write
            .execute_unprepared(
                "SELECT setval(pg_get_serial_sequence('cases', 'id'), (SELECT max(id) FROM cases))",
            )
            .await?;
    }
    Ok(())
}

/// The open cases, raised through the store: `due` of them on the Monday (due their
/// acknowledgement reminder today), the rest today.
async fn open_cases(
    store: &Store,
    settings: &CompactSettings,
    people: &People,
    size: Size,
) -> Result<()> {
    let monday = today() - chrono::Duration::days(3);
    for n in 0..size.open {
        let when = if n < size.due {
            at(monday, 9)
        } else {
            at(today(), 8)
        };
        let respondent = 2 + 2 * i64::try_from(n % (ORGANISATIONS as u64 / 2))?;
        store
            .raise_case(new_case(respondent, n)?, &people.member, when, settings)
            .await?;
    }
    Ok(())
}
