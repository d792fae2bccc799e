//! The API answered in this process: the service's router is handed each request with
//! tower's `oneshot`, on a scratch database (each test runs on SQLite and on PostgreSQL),
//! with no socket and no child process.
//! What needs a real process (signals, crashes, real SMTP, the browser) stays in the
//! end-to-end suite; API behaviour that does not belongs here, where a test costs
//! milliseconds.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use chrono::{DateTime, Utc};
use disputes_store::{NewOrganisation, NewPerson, Store};
use disputes_testkit::{Api, Cast, PASSWORD, ScratchDb, TestDatabase};
use disputes_workflow::{Role, Roles, Sector};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::clock::Clock;
use crate::config::{Secret, Settings};
use crate::state::AppState;

mod bad_input;
mod identity;
mod letters;
mod links;
mod lists;
mod recommendations;
mod records;
mod saved;
mod walk;

/// The service on a scratch database, with the tests' Compact ([`Cast`]) made through the
/// API by a facilitator.
struct Service {
    router: Router,
    state: AppState,
    store: Store,
    cast: Cast,
    clock: Arc<TestClock>,
    _db: ScratchDb,
}

/// The service's clock in these tests: it stands still until a test moves it on.
struct TestClock(Mutex<DateTime<Utc>>);

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

impl TestClock {
    /// Moves the clock on by `days`.
    fn advance_days(&self, days: i64) {
        self.advance(chrono::Duration::days(days));
    }

    /// Moves the clock on by `by`.
    fn advance(&self, by: chrono::Duration) {
        *self.0.lock().unwrap() += by;
    }
}

/// Runs each test once on SQLite and once on PostgreSQL.
macro_rules! on_both_databases {
    ($($tests:tt)*) => {
        disputes_testkit::on_both_databases! { 2, $crate::in_process::Service; $($tests)* }
    };
}
use on_both_databases;

impl TestDatabase for Service {
    async fn sqlite() -> Service {
        Service::start(ScratchDb::sqlite("disputes.db")).await
    }

    async fn postgres() -> Service {
        Service::start(ScratchDb::postgres("disputes_in_process").await).await
    }
}

impl Service {
    async fn start(db: ScratchDb) -> Service {
        Service::start_with(db, false).await.0
    }

    /// The service; with `strict`, with the configuration's own `auth.require_second_factor`
    /// and the facilitator enrolled with the authenticator whose secret is returned.
    async fn start_with(db: ScratchDb, strict: bool) -> (Service, String) {
        let mut settings = Settings::load(None).unwrap();
        settings.database.url = Secret::new(db.url.clone());
        settings.database.attachments_dir = Some(db.path().join("files"));
        settings.compact.reference_prefix = "LEIC".to_owned();
        settings.email.file.dir = db.path().join("mail");
        // The tests here sign people in with a password alone; the second factor's own
        // tests (`identity`) keep the requirement where they need it.
        if !strict {
            settings.auth.require_second_factor = Vec::new();
        }
        let store = crate::cli::open_store(&settings).await.unwrap();
        store.migrate().await.unwrap();
        let clock = Arc::new(TestClock(Mutex::new(
            "2026-03-02T09:00:00Z".parse().unwrap(),
        )));
        let state = AppState::new(
            store.clone(),
            settings,
            clock.clone(),
            None,
            "in-process".into(),
        );
        let router = crate::app::router(state.clone())
            .layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40_000))));
        let compact = store
            .create_organisation(
                NewOrganisation {
                    name: "The Compact's host".to_owned(),
                    sector: Sector::Vcs,
                    grouping: "Voluntary and Community".to_owned(),
                    signatory_since: None,
                },
                "2026-02-01T09:00:00Z".parse().unwrap(),
            )
            .await
            .unwrap();
        let facilitator = NewPerson {
            email: Cast::email("facilitator"),
            name: "facilitator".to_owned(),
            organisation_id: compact.id,
            roles: Roles::from([Role::Facilitator]),
            password_hash: crate::auth::password::hash(PASSWORD.to_owned())
                .await
                .unwrap(),
            language: disputes_i18n::Lang::En,
        };
        store
            .create_person(facilitator, "2026-02-01T09:00:00Z".parse().unwrap())
            .await
            .unwrap();
        let admin = Client::at(&router)
            .signed_in(&Cast::email("facilitator"))
            .await;
        let mut secret = String::new();
        if strict {
            let (status, enrolment) = admin
                .send(Method::POST, "/api/v1/me/authenticator", None)
                .await;
            assert_eq!(status, StatusCode::CREATED, "{enrolment}");
            secret = enrolment["secret"].as_str().unwrap().to_owned();
            let code = crate::auth::second_factor::code_at(&secret, clock.now()).unwrap();
            let (status, answer) = admin
                .post("/api/v1/me/authenticator/confirm", json!({"code": code}))
                .await;
            assert_eq!(status, StatusCode::OK, "{answer}");
        }
        let cast = Cast::enrol(&admin).await;
        let service = Service {
            router,
            state,
            store,
            cast,
            clock,
            _db: db,
        };
        (service, secret)
    }

    /// A client of the service, not signed in.
    fn anonymous(&self) -> Client {
        Client::at(&self.router)
    }

    /// A client signed in as `email`.
    async fn sign_in(&self, email: &str) -> Client {
        self.anonymous().signed_in(email).await
    }
}

/// A client of the API handed straight to the router, signed in or not.
#[derive(Clone)]
struct Client {
    router: Router,
    token: Option<String>,
}

impl Client {
    fn at(router: &Router) -> Client {
        Client {
            router: router.clone(),
            token: None,
        }
    }

    /// Signs in as `email` with the cast's password, as a script would.
    async fn signed_in(mut self, email: &str) -> Client {
        let body = json!({"email": email, "password": PASSWORD});
        let (status, answer) = self.post("/api/v1/auth/login", body).await;
        assert_eq!(status, StatusCode::OK, "sign in as {email}: {answer}");
        self.token = Some(answer["token"].as_str().unwrap().to_owned());
        self
    }

    /// Sends `body` (bytes of `content_type`, or nothing); gives the status, the JSON answer
    /// (null when there is none) and the answer's content type. A 500 fails the test.
    async fn raw(
        &self,
        method: Method,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> (StatusCode, Value, String) {
        self.call(method, path, &[], content_type, body).await
    }

    /// [`Client::raw`] with more headers; one given here replaces the client's own.
    async fn call(
        &self,
        method: Method,
        path: &str,
        headers: &[(header::HeaderName, &str)],
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> (StatusCode, Value, String) {
        let (status, value, content_type, _) = self
            .call_raw(method, path, headers, content_type, body)
            .await;
        (status, value, content_type)
    }

    /// [`Client::call`], with the answer's bytes as well, for answers that are not JSON.
    async fn call_raw(
        &self,
        method: Method,
        path: &str,
        headers: &[(header::HeaderName, &str)],
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> (StatusCode, Value, String, Vec<u8>) {
        let mut request = Request::builder().method(method).uri(path);
        let given = |name: &header::HeaderName| headers.iter().any(|(n, _)| n == name);
        if let Some(token) = &self.token
            && !given(&header::AUTHORIZATION)
        {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        for (name, value) in headers {
            request = request.header(name, *value);
        }
        let request = request.body(Body::from(body)).unwrap();
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 24)
            .await
            .unwrap();
        assert_ne!(
            status,
            StatusCode::INTERNAL_SERVER_ERROR,
            "500 from {path}: {}",
            String::from_utf8_lossy(&bytes)
        );
        let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, value, content_type, bytes.to_vec())
    }

    /// Sends a JSON body (or none); gives the status and the JSON answer.
    async fn send(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (status, value, _) = match body {
            Some(body) => {
                let bytes = body.to_string().into_bytes();
                self.raw(method, path, Some("application/json"), bytes)
                    .await
            }
            None => self.raw(method, path, None, Vec::new()).await,
        };
        (status, value)
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(Method::GET, path, None).await
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(Method::POST, path, Some(body)).await
    }

    /// Takes an action; fails the test unless it is taken.
    async fn act(&self, reference: &str, action: &str, body: Value) -> Value {
        let path = format!("/api/v1/cases/{reference}/actions/{action}");
        let (status, case) = self.post(&path, body).await;
        assert_eq!(status, StatusCode::OK, "{action}: {case}");
        case
    }
}

impl Api for Client {
    async fn get(&self, path: &str) -> (StatusCode, Value) {
        Client::get(self, path).await
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        Client::post(self, path, body).await
    }
}

on_both_databases! {
    async fn a_case_is_raised_and_acknowledged_in_process(service: Service) {
        let raiser = service.sign_in(&Cast::email("raiser")).await;
        let (status, case) = raiser.post("/api/v1/cases", service.cast.new_case()).await;
        assert_eq!(status, StatusCode::CREATED, "{case}");
        assert_eq!(case["state"], "raised");
        let reference = case["reference"].as_str().unwrap();
        let respondent = service.sign_in(&Cast::email("respondent")).await;
        let path = format!("/api/v1/cases/{reference}/actions/acknowledge");
        let (status, case) = respondent.send(Method::POST, &path, None).await;
        assert_eq!(status, StatusCode::OK, "{case}");
        assert_eq!(case["state"], "in_dialogue");
        // Only the raiser may take it to the formal stage: the respondent is refused.
        let path = format!("/api/v1/cases/{reference}/actions/escalate");
        let (status, problem) = respondent.post(&path, json!({"reason": "Stuck."})).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    }

    async fn a_case_outside_ones_reach_is_404_and_a_visitor_is_401(service: Service) {
        let raiser = service.sign_in(&Cast::email("raiser")).await;
        let (status, problem) = raiser.get("/api/v1/cases/LEIC-2026-0001").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{problem}");
        assert_eq!(problem["status"], 404);
        let (status, _) = service.anonymous().get("/api/v1/cases").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }

    async fn a_body_missing_a_field_or_with_an_unknown_one_is_refused_by_code(service: Service) {
        let raiser = service.sign_in(&Cast::email("raiser")).await;
        let mut body = service.cast.new_case();
        body.as_object_mut().unwrap().remove("title");
        let (status, problem) = raiser.post("/api/v1/cases", body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(problem["errors"][0]["field"], "title");
        assert_eq!(problem["errors"][0]["code"], "required");
        let mut body = service.cast.new_case();
        body["titel"] = json!("typo");
        let (status, problem) = raiser.post("/api/v1/cases", body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(problem["errors"][0]["field"], "titel");
        assert_eq!(problem["errors"][0]["code"], "unknown");
        let (_, list) = raiser.get("/api/v1/cases").await;
        assert_eq!(list["total"], 0, "{list}");
    }

    async fn each_actions_body_is_read_as_the_openapi_document_describes_it(service: Service) {
        let raiser = service.sign_in(&Cast::email("raiser")).await;
        let (status, document) = raiser.get("/api/v1/openapi.json").await;
        assert_eq!(status, StatusCode::OK);
        let schemas = &document["components"]["schemas"];
        let one_of = schemas["ActionRequest"]["oneOf"].as_array().unwrap();
        assert_eq!(
            one_of.len(),
            disputes_workflow::ActionKind::ALL.len() - 1,
            "every action but the recommendations' marks, which have their own route"
        );
        for reference in one_of {
            let name = reference["$ref"].as_str().unwrap().rsplit('/').next().unwrap();
            let schema = &schemas[name];
            let kind: disputes_workflow::ActionKind =
                schema["title"].as_str().unwrap().parse().unwrap();
            let required: Vec<&str> = schema["required"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap())
                .collect();
            // The smallest body the document allows: its required fields, each an example of
            // its schema.
            let mut body = serde_json::Map::new();
            for field in &required {
                let property = &schema["properties"][field];
                body.insert((*field).to_owned(), example(schemas, property));
            }
            let read = |body: serde_json::Map<String, Value>| {
                let request: crate::use_cases::actions::ActionRequest =
                    serde_json::from_value(Value::Object(body)).unwrap();
                crate::use_cases::actions::build(&service.state, kind, request)
            };
            let built = read(body.clone()).await;
            assert!(built.is_ok(), "{name}: {:?}", built.err());
            for field in required.iter().filter(|f| **f != "action") {
                let mut without = body.clone();
                without.remove(*field);
                let error = read(without).await.unwrap_err();
                let errors = error.field_errors();
                assert!(
                    errors.iter().any(|e| e.field == *field
                        && e.code == disputes_workflow::FieldErrorCode::Required),
                    "{name} without {field}: {errors:?}"
                );
            }
            let mut extra = body.clone();
            extra.insert("colour".to_owned(), json!("blue"));
            let error = read(extra).await.unwrap_err();
            assert_eq!(error.field_errors()[0].field, "colour", "{name}");
            assert_eq!(
                error.field_errors()[0].code,
                disputes_workflow::FieldErrorCode::Unknown
            );
        }
    }
}

/// A value the document's `schema` allows, following references into `schemas`.
fn example(schemas: &Value, schema: &Value) -> Value {
    if let Some(target) = schema["$ref"].as_str() {
        return example(schemas, &schemas[target.rsplit('/').next().unwrap()]);
    }
    if let Some(first) = schema["allOf"].get(0) {
        return example(schemas, first);
    }
    if let Some(first) = schema["enum"].get(0) {
        return first.clone();
    }
    match schema["type"].as_str() {
        Some("string") => json!("Words written for the case."),
        Some("integer") => json!(1),
        Some("array") => json!([]),
        other => panic!("no example of {other:?} in {schema}"),
    }
}
