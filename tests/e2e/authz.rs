//! The authorisation matrix: every route, by everyone, on a case of their own organisation
//! and one of another's. A route added without a rule here fails the suite: the matrix must
//! cover every path of the OpenAPI document.

use std::collections::BTreeSet;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Cast, Client, Server, on_both_databases};

/// Someone trying the routes.
struct Persona {
    name: &'static str,
    roles: &'static [&'static str],
    /// Whether they can see the case under test.
    sees_case: bool,
    /// Their own user id, for the self rule.
    is_raiser: bool,
}

const PERSONAS: &[Persona] = &[
    Persona {
        name: "anonymous",
        roles: &[],
        sees_case: false,
        is_raiser: false,
    },
    Persona {
        name: "raiser",
        roles: &["member"],
        sees_case: true,
        is_raiser: true,
    },
    Persona {
        name: "raiser_champion",
        roles: &["champion"],
        sees_case: true,
        is_raiser: false,
    },
    Persona {
        name: "respondent",
        roles: &["member"],
        sees_case: true,
        is_raiser: false,
    },
    Persona {
        name: "other_member",
        roles: &["member"],
        sees_case: false,
        is_raiser: false,
    },
    Persona {
        name: "other_champion",
        roles: &["champion"],
        sees_case: false,
        is_raiser: false,
    },
    Persona {
        name: "subgroup",
        roles: &["subgroup"],
        sees_case: false,
        is_raiser: false,
    },
    Persona {
        name: "panel_vcs",
        roles: &["subgroup"],
        sees_case: true,
        is_raiser: false,
    },
    Persona {
        name: "chair",
        roles: &["subgroup", "chair"],
        sees_case: true,
        is_raiser: false,
    },
    Persona {
        name: "facilitator",
        roles: &["facilitator"],
        sees_case: true,
        is_raiser: false,
    },
];

/// What a route allows.
#[derive(Clone, Copy)]
enum Rule {
    /// Anyone, signed in or not.
    Public(u16),
    /// Anyone signed in.
    SignedIn(u16),
    /// Holders of these roles; 403 for others.
    Roles(&'static [&'static str], u16),
    /// Those who can see the case; 404 for others.
    Visible(u16),
    /// Those who can see the case (else 404) and hold these roles (else 403).
    VisibleWithRole(&'static [&'static str], u16),
    /// The person themselves or these roles; 404 for others.
    SelfOr(&'static [&'static str], u16),
}

impl Rule {
    fn expect(self, who: &Persona) -> u16 {
        let has = |roles: &[&str]| who.roles.iter().any(|r| roles.contains(r));
        if who.name == "anonymous" && !matches!(self, Rule::Public(_)) {
            return 401;
        }
        match self {
            Rule::Public(code) | Rule::SignedIn(code) => code,
            Rule::Roles(roles, code) => {
                if has(roles) {
                    code
                } else {
                    403
                }
            }
            Rule::Visible(code) => {
                if who.sees_case {
                    code
                } else {
                    404
                }
            }
            Rule::VisibleWithRole(roles, code) => {
                if !who.sees_case {
                    404
                } else if has(roles) {
                    code
                } else {
                    403
                }
            }
            Rule::SelfOr(roles, code) => {
                if who.is_raiser || has(roles) {
                    code
                } else {
                    404
                }
            }
        }
    }
}

const FACILITATOR: &[&str] = &["facilitator"];
const READERS: &[&str] = &["champion", "chair", "facilitator"];

/// Every route: method, documented path, the path to call, a body, and its rule. Bodies are
/// chosen so that an allowed caller is refused on its fields or its state, and nothing
/// changes between personas.
fn routes(
    case: &str,
    org: i64,
    user: i64,
    attachment: i64,
    recommendation: i64,
    email: i64,
) -> Vec<(Method, &'static str, String, Option<Value>, Rule)> {
    let c = |p: &str| format!("/api/v1/cases/{case}{p}");
    vec![
        (
            Method::POST,
            "/api/v1/auth/login",
            "/api/v1/auth/login".into(),
            Some(json!({})),
            Rule::Public(422),
        ),
        (
            Method::POST,
            "/api/v1/auth/logout",
            "/api/v1/auth/logout".into(),
            None,
            Rule::SignedIn(204),
        ),
        (
            Method::GET,
            "/api/v1/me",
            "/api/v1/me".into(),
            None,
            Rule::SignedIn(200),
        ),
        (
            Method::GET,
            "/api/v1/organisations",
            "/api/v1/organisations".into(),
            None,
            Rule::SignedIn(200),
        ),
        (
            Method::POST,
            "/api/v1/organisations",
            "/api/v1/organisations".into(),
            Some(json!({})),
            Rule::Roles(FACILITATOR, 422),
        ),
        (
            Method::GET,
            "/api/v1/organisations/{id}",
            format!("/api/v1/organisations/{org}"),
            None,
            Rule::SignedIn(200),
        ),
        (
            Method::PATCH,
            "/api/v1/organisations/{id}",
            format!("/api/v1/organisations/{org}"),
            Some(json!({"grouping": "Nowhere"})),
            Rule::Roles(FACILITATOR, 422),
        ),
        (
            Method::GET,
            "/api/v1/users",
            "/api/v1/users".into(),
            None,
            Rule::Roles(&["facilitator", "chair"], 200),
        ),
        (
            Method::POST,
            "/api/v1/users",
            "/api/v1/users".into(),
            Some(json!({})),
            Rule::Roles(FACILITATOR, 422),
        ),
        (
            Method::GET,
            "/api/v1/users/{id}",
            format!("/api/v1/users/{user}"),
            None,
            Rule::SelfOr(&["facilitator", "chair"], 200),
        ),
        (
            Method::PATCH,
            "/api/v1/users/{id}",
            format!("/api/v1/users/{user}"),
            Some(json!({"roles": []})),
            Rule::Roles(FACILITATOR, 422),
        ),
        (
            Method::GET,
            "/api/v1/cases",
            "/api/v1/cases".into(),
            None,
            Rule::SignedIn(200),
        ),
        (
            Method::POST,
            "/api/v1/cases",
            "/api/v1/cases".into(),
            Some(json!({})),
            Rule::Roles(&["member"], 422),
        ),
        (
            Method::GET,
            "/api/v1/cases/{reference}",
            c(""),
            None,
            Rule::Visible(200),
        ),
        (
            Method::POST,
            "/api/v1/cases/{reference}/actions/{action}",
            c("/actions/acknowledge"),
            Some(json!({"bogus": 1})),
            Rule::Visible(422),
        ),
        (
            Method::GET,
            "/api/v1/cases/{reference}/events",
            c("/events"),
            None,
            Rule::Visible(200),
        ),
        (
            Method::GET,
            "/api/v1/cases/{reference}/messages",
            c("/messages"),
            None,
            Rule::Visible(200),
        ),
        (
            Method::POST,
            "/api/v1/cases/{reference}/messages",
            c("/messages"),
            Some(json!({})),
            Rule::Visible(422),
        ),
        (
            Method::GET,
            "/api/v1/cases/{reference}/attachments",
            c("/attachments"),
            None,
            Rule::Visible(200),
        ),
        (
            Method::POST,
            "/api/v1/cases/{reference}/attachments",
            c("/attachments"),
            Some(json!({})),
            Rule::Visible(415),
        ),
        (
            Method::GET,
            "/api/v1/cases/{reference}/attachments/{id}",
            c(&format!("/attachments/{attachment}")),
            None,
            Rule::Visible(200),
        ),
        (
            Method::GET,
            "/api/v1/cases/{reference}/notifications",
            c("/notifications"),
            None,
            Rule::VisibleWithRole(FACILITATOR, 200),
        ),
        // The email was not given up on, so it is not sent again.
        (
            Method::POST,
            "/api/v1/cases/{reference}/notifications/{id}/resend",
            c(&format!("/notifications/{email}/resend")),
            None,
            Rule::VisibleWithRole(FACILITATOR, 409),
        ),
        (
            Method::POST,
            "/api/v1/rules/notice",
            "/api/v1/rules/notice".into(),
            Some(json!({})),
            Rule::SignedIn(422),
        ),
        (
            Method::POST,
            "/api/v1/rules/consultation",
            "/api/v1/rules/consultation".into(),
            Some(json!({})),
            Rule::SignedIn(422),
        ),
        (
            Method::GET,
            "/api/v1/calendar/working-days",
            "/api/v1/calendar/working-days?from=2026-03-02&days=5".into(),
            None,
            Rule::SignedIn(200),
        ),
        (
            Method::GET,
            "/api/v1/reports/outcomes",
            "/api/v1/reports/outcomes".into(),
            None,
            Rule::Roles(READERS, 200),
        ),
        (
            Method::GET,
            "/api/v1/reports/annual/{year}",
            "/api/v1/reports/annual/2026".into(),
            None,
            Rule::Roles(READERS, 200),
        ),
        (
            Method::GET,
            "/api/v1/recommendations",
            "/api/v1/recommendations".into(),
            None,
            Rule::Roles(READERS, 200),
        ),
        // The case is decided, not closed: marking is refused by its state, for anyone who
        // can see it.
        (
            Method::POST,
            "/api/v1/recommendations/{id}/actions/{action}",
            format!("/api/v1/recommendations/{recommendation}/actions/mark_implemented"),
            None,
            Rule::Visible(409),
        ),
        (
            Method::GET,
            "/api/v1/openapi.json",
            "/api/v1/openapi.json".into(),
            None,
            Rule::Public(200),
        ),
    ]
}

on_both_databases! {
    async fn every_route_answers_every_person_as_its_rule_says(db: Db) {
        let server = Server::start(&db, &[]);
        let cast = Cast::enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let respondent = server.sign_in(&Cast::email("respondent")).await;
        let chair = server.sign_in(&Cast::email("chair")).await;
        let panel = server.sign_in(&Cast::email("panel_vcs")).await;

        // A case of the volunteers' against the council, decided by a panel, with an
        // attachment and a recommendation.
        let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
        let reference = case["reference"].as_str().unwrap().to_owned();
        respondent.act(&reference, "acknowledge", json!({})).await;
        raiser.act(&reference, "escalate", json!({"reason": "Stuck."})).await;
        chair.act(&reference, "accept_formal", json!({})).await;
        chair.act(&reference, "convene_panel", json!({"member_ids": [cast.ids["panel_vcs"], cast.ids["panel_psa"]], "chair_id": cast.ids["panel_vcs"]})).await;
        panel.act(&reference, "issue_decision", json!({"outcome": "upheld", "findings": "Short notice.", "recommendations": [{"text": "Give notice.", "owner_organisation_id": cast.council, "due_on": "2030-01-01"}]})).await;
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.4 letter".to_vec()).file_name("letter.pdf").mime_str("application/pdf").unwrap(),
        );
        let uploaded: Value = raiser.request(Method::POST, &format!("/api/v1/cases/{reference}/attachments")).multipart(form).send().await.unwrap().json().await.unwrap();
        let attachment = uploaded["id"].as_i64().unwrap();
        let (_, recommendations) = chair.get("/api/v1/recommendations").await;
        let recommendation = recommendations["items"][0]["id"].as_i64().unwrap();

        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let (_, emails) = facilitator.get(&format!("/api/v1/cases/{reference}/notifications")).await;
        let email = emails[0]["id"].as_i64().unwrap();
        let routes = routes(&reference, cast.council, cast.ids["raiser"], attachment, recommendation, email);

        // Every documented route is in the matrix, and nothing in the matrix is undocumented.
        let (_, document) = server.anonymous().get("/api/v1/openapi.json").await;
        let documented: BTreeSet<(String, String)> = document["paths"]
            .as_object()
            .unwrap()
            .iter()
            .flat_map(|(path, item)| {
                item.as_object().unwrap().keys().map(move |method| (method.to_uppercase(), path.clone()))
            })
            .collect();
        let covered: BTreeSet<(String, String)> = routes
            .iter()
            .filter(|(_, path, ..)| *path != "/api/v1/openapi.json")
            .map(|(method, path, ..)| (method.to_string(), (*path).to_owned()))
            .collect();
        assert_eq!(covered, documented, "the matrix and the OpenAPI document must list the same routes");

        let mut failures = Vec::new();
        for persona in PERSONAS {
            let sign_in = async || -> Client {
                if persona.name == "anonymous" {
                    server.anonymous()
                } else {
                    server.sign_in(&Cast::email(persona.name)).await
                }
            };
            let mut client = sign_in().await;
            for (method, documented, path, body, rule) in &routes {
                if *documented == "/api/v1/auth/logout" {
                    // Signing out ends this session; the next requests need another.
                    let (status, _) = client.send(method.clone(), path, body.clone()).await;
                    if status.as_u16() != rule.expect(persona) {
                        failures.push(format!("{} logout: got {status}", persona.name));
                    }
                    client = sign_in().await;
                    continue;
                }
                let (status, answer) = client.send(method.clone(), path, body.clone()).await;
                let expected = rule.expect(persona);
                if status.as_u16() != expected {
                    failures.push(format!("{} {method} {documented}: expected {expected}, got {status} {answer}", persona.name));
                }
                if status.is_client_error() {
                    assert_ne!(answer["type"], "/problems/no-route", "{method} {path} is not routed");
                }
            }
        }
        assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));

        // And the case is as it was: refused requests changed nothing.
        let (_, after) = chair.get(&format!("/api/v1/cases/{reference}")).await;
        assert_eq!(after["state"], "decided");
        assert_eq!(after["version"], case["version"].as_u64().unwrap() + 5);
        let _ = StatusCode::OK;
    }
}
