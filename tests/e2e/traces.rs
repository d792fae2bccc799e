//! Traces for the operators' collector: with `telemetry.otlp_endpoint` set, a request's span
//! (named by its route, carrying its request id and status) reaches an OTLP collector, with
//! the database transactions it ran inside the same trace, and each email sent has a span
//! naming the request that queued it.

use std::time::Duration;

use reqwest::{Method, StatusCode};

use crate::support::otlp::{Collector, ReceivedSpan};
use crate::support::{Cast, Server, enrol, on_both_databases};

/// How long spans may take to arrive: the batch is sent every 100 ms here
/// (OTEL_BSP_SCHEDULE_DELAY), and the outbox is swept every second.
const ARRIVAL: Duration = Duration::from_secs(30);

on_both_databases! {
    async fn a_request_its_transactions_and_its_emails_reach_the_collector(db: Db) {
        let collector = Collector::start().await;
        let server = Server::start(&db, &[
            ("DISPUTES__TELEMETRY__OTLP_ENDPOINT", collector.endpoint.as_str()),
            ("DISPUTES__SCHEDULER__INTERVAL_SECS", "1"),
            ("OTEL_BSP_SCHEDULE_DELAY", "100"),
        ]);
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let response = raiser
            .request(Method::POST, "/api/v1/cases")
            .header("x-request-id", "raise-traced-1")
            .json(&cast.new_case())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);

        let request = collector
            .wait_for(ARRIVAL, |spans| {
                spans.iter().find(|s| s.kind == 2 && s.attribute("request.id").as_deref() == Some("raise-traced-1")).cloned()
            })
            .await
            .unwrap_or_else(|| panic!("no span for the request: {:#?}", names(&collector.spans())));
        assert_eq!(request.name, "POST /api/v1/cases");
        assert_eq!(request.kind, 2, "a server span");
        assert_eq!(request.attribute("http.route").as_deref(), Some("/api/v1/cases"));
        assert_eq!(request.attribute("http.response.status_code").as_deref(), Some("201"));
        assert_eq!(request.service.as_deref(), Some("disputes"));
        assert_eq!(request.attribute("person"), Some(cast.ids["raiser"].to_string()), "the person who asked");

        // The case was written in a transaction of the request's own trace.
        let spans = collector.spans();
        let transaction = spans
            .iter()
            .find(|s| s.name == "db.transaction" && s.trace_id == request.trace_id)
            .unwrap_or_else(|| panic!("no transaction in the request's trace: {:#?}", names(&spans)));
        assert!(descends_from(transaction, &request, &spans), "the transaction is within the request");
        assert_eq!(transaction.kind, 3, "a client span");
        let system = if db.is_postgres() { "postgresql" } else { "sqlite" };
        assert_eq!(transaction.attribute("db.system.name").as_deref(), Some(system));

        assert_eq!(transaction.attribute("request.id").as_deref(), Some("raise-traced-1"));

        // The emails the raise queued are sent later, by a sweep no request started; each
        // has a span naming the request that queued it.
        let email = collector
            .wait_for(ARRIVAL, |spans| {
                spans
                    .iter()
                    .find(|s| s.name == "email.send" && s.attribute("request.id").as_deref() == Some("raise-traced-1"))
                    .cloned()
            })
            .await
            .unwrap_or_else(|| panic!("no span for the raise's emails: {:#?}", names(&collector.spans())));
        assert_eq!(email.kind, 3);
        assert_eq!(email.attribute("email.kind").as_deref(), Some("raised"));
        assert!(email.attribute("email.id").is_some());
        // Nothing a person wrote is in a span.
        let summary = cast.new_case()["summary"].as_str().unwrap().to_owned();
        for span in collector.spans() {
            for kv in &span.attributes {
                assert!(!format!("{:?}", kv.value).contains(&summary), "{} carries the summary", span.name);
            }
        }
    }
}

fn names(spans: &[ReceivedSpan]) -> Vec<&str> {
    spans.iter().map(|s| s.name.as_str()).collect()
}

/// Whether `span` sits under `ancestor`, following parents through `spans`.
fn descends_from(span: &ReceivedSpan, ancestor: &ReceivedSpan, spans: &[ReceivedSpan]) -> bool {
    let mut parent = span.parent_span_id.clone();
    while !parent.is_empty() {
        if parent == ancestor.span_id {
            return true;
        }
        parent = match spans.iter().find(|s| s.span_id == parent) {
            Some(next) => next.parent_span_id.clone(),
            None => return false,
        };
    }
    false
}
