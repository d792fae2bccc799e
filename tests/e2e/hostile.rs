//! Hostile input at scale: generated request bodies for every route that takes one, sent by
//! people allowed to use it. Whatever the body, the answer is a 2xx or a 4xx problem
//! document (never a 500, never a dropped connection), and a refused request changes
//! nothing. Bodies are of three kinds: JSON of any shape, objects with the route's own field
//! names and any values, and a valid body with one field replaced by anything. The test
//! prints how the answers fell; RELIABILITY.md quotes it.

#![allow(clippy::print_stdout)]

use std::sync::{Arc, Mutex};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use reqwest::{Method, StatusCode, header};
use serde_json::{Map, Value, json};

use crate::support::{Cast, Client, Server, enrol, fingerprint, on_both_databases};

/// Generated requests per database.
const CASES: u32 = 1000;

/// A route that takes a JSON body, with a body it accepts.
struct Target {
    method: Method,
    /// The path, with `{reference}` for the case under attack.
    path: String,
    person: &'static str,
    valid: Value,
}

/// What the requests share: the people, the case under attack, and the state a refused
/// request must leave as it found it.
struct Attack {
    targets: Vec<Target>,
    people: std::collections::HashMap<&'static str, Client>,
    new_case: Value,
    reference: Mutex<String>,
    state: Mutex<Value>,
    /// Answers by status, for the record.
    answers: Mutex<std::collections::BTreeMap<u16, u32>>,
}

/// JSON of any shape, with the leaves a parser finds hard: extremes, odd text, bad dates.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::from),
        "[a-z_ ]{0,12}".prop_map(Value::from),
        "\\PC{0,3000}".prop_map(Value::from),
        Just(json!("2026-02-30")),
        Just(json!("9999999999999999999999")),
        Just(json!("'; DROP TABLE cases; --")),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

/// A body for `valid`'s route: anything, its fields with any values, or one field changed.
fn body_for(valid: Value) -> impl Strategy<Value = Value> {
    let fields: Vec<String> = valid
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    let count = fields.len().max(1);
    let names = fields.clone();
    let shaped =
        prop::collection::vec((any::<bool>(), any_json()), fields.len()).prop_map(move |values| {
            let object: Map<String, Value> = names
                .iter()
                .zip(values)
                .filter(|(_, (keep, _))| *keep)
                .map(|(name, (_, value))| (name.clone(), value))
                .collect();
            Value::Object(object)
        });
    let one_changed = (0..count, any_json()).prop_map(move |(n, value)| {
        let mut body = valid.clone();
        if let Some(name) = fields.get(n) {
            body[name] = value;
        }
        body
    });
    prop_oneof![any_json(), shaped, one_changed]
}

impl Attack {
    fn reference(&self) -> String {
        self.reference.lock().unwrap().clone()
    }

    /// Sends `body` to target `n` and checks the answer.
    async fn send(&self, n: usize, body: &Value) -> Result<(), TestCaseError> {
        let target = &self.targets[n];
        let path = target.path.replace("{reference}", &self.reference());
        let response = self.people[target.person]
            .request(target.method.clone(), &path)
            .json(body)
            .send()
            .await
            .map_err(|e| TestCaseError::fail(format!("{path}: no answer ({e})")))?;
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let text = response.text().await.unwrap_or_default();
        *self
            .answers
            .lock()
            .unwrap()
            .entry(status.as_u16())
            .or_default() += 1;
        prop_assert!(
            status.is_success() || status.is_client_error(),
            "{} {path} answered {status}: {text}",
            target.method
        );
        let facilitator = &self.people["facilitator"];
        if status.is_success() {
            // The body happened to be acceptable: what it changed is the new baseline, and
            // an action that moved the case on leaves a fresh case for the next.
            if path.contains("/actions/") {
                let (_, case) = self.people["raiser"]
                    .post("/api/v1/cases", self.new_case.clone())
                    .await;
                *self.reference.lock().unwrap() = case["reference"].as_str().unwrap().to_owned();
            }
            *self.state.lock().unwrap() = fingerprint(facilitator).await;
            return Ok(());
        }
        prop_assert_eq!(
            content_type.as_str(),
            "application/problem+json",
            "{} {}",
            path,
            text
        );
        let after = fingerprint(facilitator).await;
        let before = self.state.lock().unwrap().clone();
        prop_assert_eq!(
            after,
            before,
            "{} {} changed what it refused: {}",
            target.method,
            path,
            text
        );
        Ok(())
    }
}

/// Who takes each action in these tests: the council, the volunteer, or the chair.
fn actor_of(action: &str) -> &'static str {
    match action {
        "withdraw" | "escalate" | "accept_resolution" | "reject_resolution" => "raiser",
        "acknowledge" | "propose_resolution" | "submit_response" | "appeal" => "respondent",
        _ => "chair",
    }
}

on_both_databases! {
    async fn generated_bodies_never_break_the_service_and_refused_ones_change_nothing(db: Db) {
        let server = Server::start(&db, &[]);
        let cast = enrol(&server, &db).await;
        let mut people = std::collections::HashMap::new();
        for person in ["raiser", "respondent", "chair", "facilitator"] {
            people.insert(person, server.sign_in(&Cast::email(person)).await);
        }
        people.insert("anonymous", server.anonymous());
        let (_, case) = people["raiser"].post("/api/v1/cases", cast.new_case()).await;
        let reference = case["reference"].as_str().unwrap().to_owned();
        let (_, document) = people["anonymous"].get("/api/v1/openapi.json").await;
        let actions: Vec<String> = document["components"]["schemas"]["ActionKind"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_owned())
            .collect();
        let other = cast.ids["other_member"];
        let fixed = [
            (Method::POST, "/api/v1/auth/login".to_owned(), "anonymous", json!({"email": Cast::email("raiser"), "password": "not the password"})),
            (Method::POST, "/api/v1/cases".to_owned(), "raiser", cast.new_case()),
            (Method::POST, "/api/v1/cases/{reference}/messages".to_owned(), "raiser", json!({"body": "Could we meet on Tuesday?"})),
            (Method::POST, "/api/v1/organisations".to_owned(), "facilitator", json!({"name": "Hinckley Food Bank", "sector": "vcs", "grouping": "Voluntary and Community"})),
            (Method::PATCH, format!("/api/v1/organisations/{}", cast.other_council), "facilitator", json!({"name": "Melton Council", "grouping": "Local Government"})),
            (Method::POST, "/api/v1/users".to_owned(), "facilitator", json!({"email": "new@example.org", "name": "New Person", "organisation_id": cast.volunteers, "roles": ["member"], "password": crate::support::PASSWORD})),
            (Method::PATCH, format!("/api/v1/users/{other}"), "facilitator", json!({"name": "Other Member", "roles": ["member"], "active": true})),
            (Method::POST, "/api/v1/rules/notice".to_owned(), "raiser", json!({"notified_on": "2026-03-02", "effective_on": "2026-03-16"})),
            (Method::POST, "/api/v1/rules/consultation".to_owned(), "raiser", json!({"opened_on": "2026-03-02", "closes_on": "2026-04-13"})),
        ];
        let mut targets: Vec<Target> = fixed
            .into_iter()
            .map(|(method, path, person, valid)| Target { method, path, person, valid })
            .collect();
        for action in &actions {
            targets.push(Target {
                method: Method::POST,
                path: format!("/api/v1/cases/{{reference}}/actions/{action}"),
                person: actor_of(action),
                valid: json!({"reason": "Because.", "terms": "To June.", "note": "Noted."}),
            });
        }
        let state = fingerprint(&people["facilitator"]).await;
        let attack = Arc::new(Attack {
            targets,
            people,
            new_case: cast.new_case(),
            reference: Mutex::new(reference),
            state: Mutex::new(state),
            answers: Mutex::default(),
        });
        let valid: Vec<Value> = attack.targets.iter().map(|t| t.valid.clone()).collect();
        let strategy = (0..valid.len()).prop_flat_map(move |n| (Just(n), body_for(valid[n].clone())));
        let handle = tokio::runtime::Handle::current();
        let runner_attack = attack.clone();
        let result = tokio::task::spawn_blocking(move || {
            let mut runner = TestRunner::new(Config {
                cases: CASES,
                failure_persistence: None,
                ..Config::default()
            });
            runner.run(&strategy, |(n, body)| handle.block_on(runner_attack.send(n, &body)))
        })
        .await
        .unwrap();
        if let Err(failure) = result {
            panic!("{failure}");
        }
        let answers = attack.answers.lock().unwrap().clone();
        println!(
            "hostile input on {}: {} generated requests to {} routes, answered {answers:?}",
            if db.is_postgres() { "PostgreSQL" } else { "SQLite" },
            answers.values().sum::<u32>(),
            attack.targets.len(),
        );
        assert!(answers.contains_key(&422), "the bodies reach the checks of their fields");
        // The service is still itself: the people can still sign in and act.
        let (status, _) = attack.people["respondent"]
            .post(&format!("/api/v1/cases/{}/actions/acknowledge", attack.reference()), json!({}))
            .await;
        assert!(status == StatusCode::OK || status == StatusCode::CONFLICT, "{status}");
    }
}
