//! The search run: a database of 100,000 cases, each with its own text, messages (some for
//! a panel only) and files' names in the search index, then searches over HTTP, as the
//! facilitator (who reads everything) and as a member (who sees their organisation's cases
//! and reads none of the panels' notes).
//!
//! The cases are the scale run's closed cases, written in bulk; their searchable text is
//! generated: words drawn from a vocabulary of the service's subject, the common ones far
//! more often than the rare (a Zipf spread, as in any prose), and four marker words placed
//! in a known share of the cases, so that each search's reach is known: `heronsgate` in one
//! case in 10,000, `allotment` in one in 100, `funding` in one in two, and `scoring` only
//! in panel notes.

use std::time::Instant;

use disputes_store::Store;
use disputes_workflow::CompactSettings;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde::Serialize;

use crate::Result;
use crate::database::{Database, Kind};
use crate::load::PASSWORD;
use crate::scale::{Bulk, Dice, FACILITATOR, at, closed_cases, populated, signed_in, today};
use crate::service::{self, Service};
use crate::stats::Spread;

/// How many cases the run writes.
pub(crate) const CASES: u64 = 100_000;

/// The words a case's text is drawn from, the most common first.
const VOCABULARY: &[&str] = &[
    "the",
    "council",
    "grant",
    "notice",
    "we",
    "our",
    "was",
    "were",
    "to",
    "of",
    "and",
    "a",
    "in",
    "for",
    "on",
    "with",
    "weeks",
    "months",
    "service",
    "services",
    "people",
    "centre",
    "contract",
    "consultation",
    "decision",
    "meeting",
    "letter",
    "budget",
    "cut",
    "cuts",
    "volunteers",
    "trustees",
    "board",
    "officer",
    "commissioning",
    "tender",
    "procurement",
    "partnership",
    "compact",
    "principle",
    "principles",
    "review",
    "deadline",
    "days",
    "charity",
    "community",
    "voluntary",
    "organisation",
    "organisations",
    "older",
    "younger",
    "families",
    "children",
    "carers",
    "housing",
    "health",
    "hospital",
    "transport",
    "library",
    "youth",
    "club",
    "hall",
    "rent",
    "lease",
    "premises",
    "evidence",
    "minutes",
    "report",
    "impact",
    "assessment",
    "equality",
    "duty",
    "reasons",
    "response",
    "appeal",
    "panel",
    "chair",
    "facilitator",
    "mediation",
    "agreement",
    "terms",
    "proposal",
    "timetable",
    "april",
    "march",
    "january",
    "september",
    "october",
    "year",
    "quarter",
    "staff",
    "redundancy",
    "payments",
    "invoice",
    "late",
    "delay",
    "delayed",
    "promised",
    "promise",
    "told",
    "email",
    "phone",
    "written",
    "verbal",
    "informal",
    "formal",
    "stage",
    "subgroup",
    "annual",
    "plan",
    "strategy",
    "priorities",
    "outcomes",
    "targets",
    "monitoring",
    "data",
    "sharing",
    "information",
    "confidential",
    "public",
    "sector",
    "bodies",
    "district",
    "county",
    "parish",
    "ward",
    "councillor",
    "cabinet",
    "scrutiny",
    "committee",
    "policy",
    "rural",
    "urban",
    "village",
    "town",
    "city",
    "north",
    "south",
    "east",
    "west",
];

/// The marker words, and one case in how many holds each.
const MARKERS: [(&str, u64); 3] = [("heronsgate", 10_000), ("allotment", 100), ("funding", 2)];

/// A word only panel notes hold.
const PANEL_WORD: &str = "scoring";

/// What the search run measured.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SearchReport {
    pub(crate) database: Kind,
    pub(crate) cases: u64,
    /// Entries in the search index: the cases' own text, messages and files' names.
    pub(crate) entries: u64,
    pub(crate) populate_seconds: f64,
    /// Each search: who searched, what, how many cases it found, and its time over HTTP
    /// (the first page of 50), in milliseconds.
    pub(crate) searches: Vec<Timed>,
}

/// One search, timed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Timed {
    pub(crate) who: &'static str,
    pub(crate) query: String,
    pub(crate) found: String,
    pub(crate) ms: Spread,
}

/// Draws a word, the first of `VOCABULARY` most often: rank r with weight 1/r.
fn zipf(dice: &mut Dice, weights: &[f64], total: f64) -> &'static str {
    let mut point = (dice.below(1 << 30) as f64 / f64::from(1 << 30)) * total;
    for (word, weight) in VOCABULARY.iter().zip(weights) {
        if point < *weight {
            return word;
        }
        point -= weight;
    }
    VOCABULARY[0]
}

/// Runs the search benchmark on a fresh database of `kind` with `cases` cases.
pub(crate) async fn search_run(
    binary: &std::path::Path,
    kind: Kind,
    admin_url: &str,
    cases: u64,
) -> Result<SearchReport> {
    let database = Database::fresh(kind, admin_url).await?;
    let began = Instant::now();
    let (store, people) = populated(&database).await?;
    closed_cases(&store, &CompactSettings::default(), cases).await?;
    let entries = index(&store, cases).await?;
    let populate_seconds = began.elapsed().as_secs_f64();
    let analyse = match kind {
        Kind::Postgres => "VACUUM ANALYZE",
        Kind::Sqlite => "ANALYZE",
    };
    store.connections().0.execute_unprepared(analyse).await?;
    store.close().await?;

    let clock = [
        ("DISPUTES__CLOCK__NOW", at(today(), 10).to_rfc3339()),
        ("DISPUTES__SCHEDULER__INTERVAL_SECS", "86400".to_owned()),
    ];
    let dir = database.dir.path();
    service::create_facilitator(
        binary,
        &database.url,
        dir,
        FACILITATOR,
        "Facilitator",
        PASSWORD,
    )
    .await?;
    let service = Service::start(binary, &database.url, dir, &clock).await?;
    let (facilitator, member) = signed_in(&service, &people).await?;

    let mut searches = Vec::new();
    for (who, client) in [("facilitator", &facilitator), ("member", &member)] {
        for query in [
            "heronsgate",
            "allotment",
            "funding",
            "funding allotment",
            "fund",
            PANEL_WORD,
            "SCALE-2020-000123",
        ] {
            let path = format!("/api/v1/cases?per_page=50&q={}", query.replace(' ', "+"));
            let mut times = Vec::new();
            for _ in 0..20 {
                let started = Instant::now();
                let status = client.get_status(&path).await;
                if status != Some(StatusCode::OK) {
                    return Err(format!("{path}: {status:?}").into());
                }
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            let first = client.get_json(&path).await?;
            let total = first["total"].as_u64().unwrap_or_default();
            let found = if first["total_capped"] == true {
                format!("more than {total}")
            } else {
                total.to_string()
            };
            searches.push(Timed {
                who,
                query: query.to_owned(),
                found,
                ms: Spread::of(times),
            });
        }
    }
    service.stop().await?;
    database.remove().await?;
    Ok(SearchReport {
        database: kind,
        cases,
        entries,
        populate_seconds,
        searches,
    })
}

/// Writes each case's searchable text: its own (its reference, and 40 words for its title,
/// summary and desired outcome),
/// two or three messages of 30 words (one in five for the formal panel only), and a file's
/// name or two. Answers how many entries were written.
async fn index(store: &Store, cases: u64) -> Result<u64> {
    let weights: Vec<f64> = (1..=VOCABULARY.len()).map(|r| 1.0 / r as f64).collect();
    let total: f64 = weights.iter().sum();
    let mut dice = Dice(0x2545_F491_4F6C_DD1D);
    let (write, _) = store.connections();
    let mut entries = Bulk::new(
        "search_entries",
        &[
            "case_id",
            "source",
            "source_id",
            "visibility",
            "panel_scope",
            "body",
        ],
    );
    let mut written = 0;
    let mut source_id = 0_i64;
    let text = |dice: &mut Dice, words: usize| {
        (0..words)
            .map(|_| zipf(dice, &weights, total))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let references: Vec<String> = write
        .query_all_raw(sea_orm::Statement::from_string(
            write.get_database_backend(),
            "SELECT reference FROM cases ORDER BY id",
        ))
        .await?
        .iter()
        .map(|row| row.try_get("", "reference"))
        .collect::<std::result::Result<_, _>>()?;
    let mut txn = write.begin().await?;
    for (n, reference) in (0..cases).zip(&references) {
        let case_id = i64::try_from(n)? + 1;
        let mut own = format!("{reference}\n{}", text(&mut dice, 40));
        for (marker, one_in) in MARKERS {
            if n % one_in == 0 {
                own.push(' ');
                own.push_str(marker);
            }
        }
        let messages = 2 + dice.below(2);
        let mut pieces = vec![("case", case_id, "parties", None, own)];
        for _ in 0..messages {
            source_id += 1;
            let mut body = text(&mut dice, 30);
            let (visibility, scope) = if dice.below(5) == 0 {
                body.push(' ');
                body.push_str(PANEL_WORD);
                ("panel", Some("formal"))
            } else {
                ("parties", None)
            };
            pieces.push(("message", source_id, visibility, scope, body));
        }
        for _ in 0..1 + dice.below(2) {
            source_id += 1;
            let name = format!("{}-{}.pdf", text(&mut dice, 1), text(&mut dice, 1));
            pieces.push(("file", source_id, "parties", None, name));
        }
        for (source, id, visibility, scope, body) in pieces {
            entries
                .push(
                    &txn,
                    vec![
                        case_id.into(),
                        source.into(),
                        id.into(),
                        visibility.into(),
                        scope.into(),
                        body.into(),
                    ],
                )
                .await?;
            written += 1;
        }
        if n % 200 == 199 {
            entries.flush(&txn).await?;
        }
        if n % 20_000 == 19_999 {
            txn.commit().await?;
            txn = write.begin().await?;
        }
    }
    entries.flush(&txn).await?;
    txn.commit().await?;
    Ok(written)
}
