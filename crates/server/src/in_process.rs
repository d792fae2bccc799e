//! The API answered in this process: the service's router is handed each request with
//! tower's `oneshot`, on a scratch database (each test runs on SQLite and on PostgreSQL),
//! with no socket and no child process.
//! What needs a real process (signals, crashes, real SMTP, the browser) stays in the
//! end-to-end suite; API behaviour that does not belongs here, where a test costs
//! milliseconds.

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use disputes_store::{NewOrganisation, NewPerson, Store};
use disputes_testkit::{ScratchDb, TestDatabase};
use disputes_workflow::{Role, Roles, Sector};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::config::{Secret, Settings};
use crate::state::AppState;

const PASSWORD: &str = "correct horse battery staple";

/// The service on a scratch database, with a Compact of three organisations and a member
/// of each party.
struct Service {
    router: Router,
    state: AppState,
    store: Store,
    council: i64,
    _db: ScratchDb,
}

/// Runs each test once on SQLite and once on PostgreSQL.
macro_rules! on_both_databases {
    ($($tests:tt)*) => {
        disputes_testkit::on_both_databases! { 2, $crate::in_process::Service; $($tests)* }
    };
}

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
        let mut settings = Settings::load(None).unwrap();
        settings.database.url = Secret::new(db.url.clone());
        settings.database.attachments_dir = Some(db.path().join("files"));
        let store = crate::cli::open_store(&settings).await.unwrap();
        store.migrate().await.unwrap();
        let clock = crate::clock::configured(Some("2026-03-02T09:00:00Z".parse().unwrap()));
        let state = AppState::new(store.clone(), settings, clock, None, "in-process".into());
        let router = crate::app::router(state.clone())
            .layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40_000))));
        let mut service = Service {
            router,
            state,
            store,
            council: 0,
            _db: db,
        };
        let volunteers = service.organisation("Age Concern", Sector::Vcs).await;
        service.council = service
            .organisation("Leicestershire County Council", Sector::Psa)
            .await;
        service
            .person("raiser@example.org", volunteers, Role::Member)
            .await;
        service
            .person("respondent@example.org", service.council, Role::Member)
            .await;
        service
    }

    async fn organisation(&self, name: &str, sector: Sector) -> i64 {
        let grouping = match sector {
            Sector::Vcs => "Voluntary and Community",
            Sector::Psa => "Local Government",
        };
        let new = NewOrganisation {
            name: name.to_owned(),
            sector,
            grouping: grouping.to_owned(),
            signatory_since: None,
        };
        let now = "2026-02-01T09:00:00Z".parse().unwrap();
        self.store.create_organisation(new, now).await.unwrap().id.0
    }

    async fn person(&self, email: &str, organisation: i64, role: Role) {
        let new = NewPerson {
            email: email.to_owned(),
            name: email.split('@').next().unwrap().to_owned(),
            organisation_id: disputes_workflow::OrganisationId(organisation),
            roles: Roles::from([role]),
            password_hash: crate::auth::password::hash(PASSWORD.to_owned())
                .await
                .unwrap(),
        };
        let now = "2026-02-01T09:00:00Z".parse().unwrap();
        self.store.create_person(new, now).await.unwrap();
    }

    /// Answers one request: its status and its body as JSON (null when it has none).
    async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let request = match body {
            Some(body) => request
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string())),
            None => request.body(Body::empty()),
        }
        .unwrap();
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    /// A bearer token for `email`, by signing in as a client would.
    async fn sign_in(&self, email: &str) -> String {
        let body = json!({"email": email, "password": PASSWORD});
        let (status, answer) = self
            .call(Method::POST, "/api/v1/auth/login", None, Some(body))
            .await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        answer["token"].as_str().unwrap().to_owned()
    }

    fn new_case(&self) -> Value {
        json!({
            "respondent_organisation_id": self.council,
            "title": "Day-centre grant cut at two weeks' notice",
            "summary": "The grant ends on 1 April; notice came on 16 March.",
            "principles": ["funding_and_procurement"],
            "desired_outcome": "Three months' notice.",
        })
    }
}

on_both_databases! {
    async fn a_case_is_raised_and_acknowledged_in_process(service: Service) {
        let raiser = service.sign_in("raiser@example.org").await;
        let (status, case) = service
            .call(
                Method::POST,
                "/api/v1/cases",
                Some(&raiser),
                Some(service.new_case()),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{case}");
        assert_eq!(case["state"], "raised");
        let reference = case["reference"].as_str().unwrap();
        let respondent = service.sign_in("respondent@example.org").await;
        let (status, case) = service
            .call(
                Method::POST,
                &format!("/api/v1/cases/{reference}/actions/acknowledge"),
                Some(&respondent),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{case}");
        assert_eq!(case["state"], "in_dialogue");
        // Only the raiser may take it to the formal stage: the respondent is refused.
        let (status, problem) = service
            .call(
                Method::POST,
                &format!("/api/v1/cases/{reference}/actions/escalate"),
                Some(&respondent),
                Some(json!({"reason": "Stuck."})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    }

    async fn a_case_outside_ones_reach_is_404_and_a_visitor_is_401(service: Service) {
        let raiser = service.sign_in("raiser@example.org").await;
        let (status, problem) = service
            .call(
                Method::GET,
                "/api/v1/cases/LEIC-2026-0001",
                Some(&raiser),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{problem}");
        assert_eq!(problem["status"], 404);
        let (status, _) = service.call(Method::GET, "/api/v1/cases", None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }

    async fn a_body_missing_a_field_or_with_an_unknown_one_is_refused_by_code(service: Service) {
        let raiser = service.sign_in("raiser@example.org").await;
        let mut body = service.new_case();
        body.as_object_mut().unwrap().remove("title");
        let (status, problem) = service
            .call(Method::POST, "/api/v1/cases", Some(&raiser), Some(body))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(problem["errors"][0]["field"], "title");
        assert_eq!(problem["errors"][0]["code"], "required");
        let mut body = service.new_case();
        body["titel"] = json!("typo");
        let (status, problem) = service
            .call(Method::POST, "/api/v1/cases", Some(&raiser), Some(body))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(problem["errors"][0]["field"], "titel");
        assert_eq!(problem["errors"][0]["code"], "unknown");
        let (_, list) = service
            .call(Method::GET, "/api/v1/cases", Some(&raiser), None)
            .await;
        assert_eq!(list["total"], 0, "{list}");
    }

    async fn each_actions_body_is_read_as_the_openapi_document_describes_it(service: Service) {
        let raiser = service.sign_in("raiser@example.org").await;
        let (status, document) = service
            .call(Method::GET, "/api/v1/openapi.json", Some(&raiser), None)
            .await;
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
