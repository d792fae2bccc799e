//! The authorisation matrix: every route, by everyone who could ask, on cases at every stage.
//!
//! Fourteen people (the members and champions of both parties and of a third
//! organisation, a subgroup member on no panel, both members of each panel, the chair, the
//! facilitator, and someone signed out) try every route of the OpenAPI document against
//! four cases: one just raised, one decided by its formal panel, one before its appeal
//! panel, and one closed. Each answer's status must be exactly the rule's (401, then 404
//! for a case out of reach, then 403 for a step not theirs, then 409 for one the state does
//! not offer, then 422 for the fields), and no answer may carry a panel's note to anyone
//! outside that panel. Afterwards, every email the service sent is read as its recipient
//! would read it: each went to someone who may see its case, and none carries a panel's
//! note. A route added without a rule here fails the suite.
//!
//! The whole matrix runs three times: signed in with a session, with a `write` API token
//! (the same answers, but 403 on the routes that manage sign-in, which no token may), and
//! with a `read` API token (403 for anything but reading).

use std::collections::{BTreeSet, HashMap};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::smtp::Smtp;
use crate::support::{Cast, Client, Db, Server, enrol, on_both_databases};

/// Who is asking, and where they stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Persona {
    name: &'static str,
    roles: &'static [&'static str],
    /// `volunteers` and `council` are the parties; anything else is not.
    organisation: &'static str,
    /// Which panels they sit on in the cases that have them.
    formal_panel: bool,
    appeal_panel: bool,
}

const fn persona(
    name: &'static str,
    roles: &'static [&'static str],
    organisation: &'static str,
) -> Persona {
    Persona {
        name,
        roles,
        organisation,
        formal_panel: false,
        appeal_panel: false,
    }
}

const PERSONAS: &[Persona] = &[
    persona("anonymous", &[], ""),
    persona("raiser", &["member"], "volunteers"),
    persona("raiser_champion", &["champion"], "volunteers"),
    persona("respondent", &["member"], "council"),
    persona("respondent_champion", &["champion"], "council"),
    persona("other_member", &["member"], "other_council"),
    persona("other_champion", &["champion"], "other_council"),
    persona("subgroup", &["subgroup"], "vcs_b"),
    Persona {
        formal_panel: true,
        ..persona("panel_vcs", &["subgroup"], "vcs_a")
    },
    Persona {
        formal_panel: true,
        ..persona("panel_psa", &["subgroup"], "psa_a")
    },
    Persona {
        appeal_panel: true,
        ..persona("appeal_vcs", &["subgroup"], "vcs_b")
    },
    Persona {
        appeal_panel: true,
        ..persona("appeal_psa", &["subgroup"], "psa_b")
    },
    persona("chair", &["subgroup", "chair"], "compact"),
    persona("facilitator", &["facilitator"], ""),
];

impl Persona {
    fn has(&self, roles: &[&str]) -> bool {
        self.roles.iter().any(|r| roles.contains(r))
    }

    fn oversees(&self) -> bool {
        self.has(&["chair", "facilitator"])
    }

    fn party(&self) -> bool {
        self.has(&["member", "champion"]) && ["volunteers", "council"].contains(&self.organisation)
    }

    fn sees(&self, case: &Case) -> bool {
        self.oversees()
            || self.party()
            || (self.formal_panel && case.formal_panel)
            || (self.appeal_panel && case.appeal_panel)
    }

    /// Whether they may read the panel notes of `scope` on `case`.
    fn reads(&self, case: &Case, scope: Scope) -> bool {
        self.oversees()
            || match scope {
                Scope::Formal => self.formal_panel && case.formal_panel,
                Scope::Appeal => self.appeal_panel && case.appeal_panel,
            }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Formal,
    Appeal,
}

/// A case under test, and what it holds.
#[derive(Debug, Clone)]
struct Case {
    reference: String,
    formal_panel: bool,
    appeal_panel: bool,
    closed: bool,
    /// A file for everyone on the case, and the panels' files.
    parties_file: i64,
    panel_files: Vec<(Scope, i64)>,
    /// The recommendation of its decision, if it has one.
    recommendation: Option<i64>,
    /// An email sent about it.
    email: i64,
}

/// A panel's note, which no one outside the panel may read.
#[derive(Debug, Clone)]
struct Secret {
    text: String,
    reference: String,
    scope: Scope,
}

fn secret(reference: &str, scope: Scope, what: &str) -> String {
    format!("SECRET-{scope:?}-{what}-{reference}").to_uppercase()
}

/// A route's call, and what each person should get.
struct Call {
    method: Method,
    documented: &'static str,
    path: String,
    body: Option<Value>,
    if_match: Option<&'static str>,
    expect: Box<dyn Fn(&Persona) -> u16>,
}

fn call(
    method: Method,
    documented: &'static str,
    path: impl Into<String>,
    body: Option<Value>,
    expect: impl Fn(&Persona) -> u16 + 'static,
) -> Call {
    Call {
        method,
        documented,
        path: path.into(),
        body,
        if_match: None,
        expect: Box::new(expect),
    }
}

/// Anyone signed in gets `code`.
fn signed_in(code: u16) -> impl Fn(&Persona) -> u16 {
    move |p| if p.name == "anonymous" { 401 } else { code }
}

/// Anyone signed in with a session gets `code`; an API token, 403 (it may not manage
/// sign-in). The token passes apply the 403 ([`Credential::expect`]); here, the session's
/// answer.
fn session_only(code: u16) -> impl Fn(&Persona) -> u16 {
    signed_in(code)
}

/// What the requests of a pass are signed in with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Credential {
    /// A session, opened with the password.
    Session,
    /// An API token of the given scope, made by the person's session.
    Token(&'static str),
}

impl Credential {
    /// What `call` answers `persona` signed in this way, given the session's answer.
    fn expect(self, call: &Call, persona: &Persona) -> u16 {
        let by_session = (call.expect)(persona);
        let Credential::Token(scope) = self else {
            return by_session;
        };
        if persona.name == "anonymous" {
            return by_session;
        }
        // A read token is refused anything but reading, whatever the route.
        if scope == "read" && call.method != Method::GET {
            return 403;
        }
        // No token manages sign-in: refused before anything else is looked at.
        if SESSION_ONLY.contains(&(call.method.as_str(), call.documented)) {
            return 403;
        }
        by_session
    }
}

/// The routes only a session may use.
const SESSION_ONLY: &[(&str, &str)] = &[
    ("POST", "/api/v1/auth/second-factor"),
    ("GET", "/api/v1/me/sessions"),
    ("DELETE", "/api/v1/me/sessions/{id}"),
    ("POST", "/api/v1/me/sessions/end-others"),
    ("POST", "/api/v1/me/authenticator"),
    ("POST", "/api/v1/me/authenticator/confirm"),
    ("POST", "/api/v1/me/authenticator/remove"),
    ("POST", "/api/v1/tokens"),
    ("GET", "/api/v1/tokens"),
    ("DELETE", "/api/v1/tokens/{id}"),
];

/// Holders of `roles` get `code`; others signed in 403.
fn roles(roles: &'static [&'static str], code: u16) -> impl Fn(&Persona) -> u16 {
    move |p| match p.name {
        "anonymous" => 401,
        _ if p.has(roles) => code,
        _ => 403,
    }
}

/// Those who see `case` get `code`; others 404 (as if it did not exist).
fn visible(case: &Case, code: u16) -> impl Fn(&Persona) -> u16 + use<> {
    let case = case.clone();
    move |p| match p.name {
        "anonymous" => 401,
        _ if !p.sees(&case) => 404,
        _ => code,
    }
}

const READERS: &[&str] = &["champion", "chair", "facilitator"];

/// Every route, on every case.
fn calls(cast: &Cast, cases: &[Case], raiser_id: i64, view: i64) -> Vec<Call> {
    let org = cast.council;
    let mut calls = vec![
        call(
            Method::POST,
            "/api/v1/views",
            "/api/v1/views",
            Some(json!({})),
            signed_in(422),
        ),
        call(
            Method::GET,
            "/api/v1/views",
            "/api/v1/views",
            None,
            signed_in(200),
        ),
        call(
            Method::PATCH,
            "/api/v1/views/{id}",
            format!("/api/v1/views/{view}"),
            Some(json!({"shared_with_role": "everyone"})),
            roles(&["facilitator"], 422),
        ),
        call(
            Method::DELETE,
            "/api/v1/views/{id}",
            format!("/api/v1/views/{view}"),
            None,
            |p| match p.name {
                "anonymous" => 401,
                "facilitator" => 204,
                _ => 404,
            },
        ),
        // Webhooks: the facilitator's alone (and then the fields, or an endpoint that is not).
        call(
            Method::POST,
            "/api/v1/webhooks",
            "/api/v1/webhooks",
            Some(json!({})),
            roles(&["facilitator"], 422),
        ),
        call(
            Method::GET,
            "/api/v1/webhooks",
            "/api/v1/webhooks",
            None,
            roles(&["facilitator"], 200),
        ),
        call(
            Method::DELETE,
            "/api/v1/webhooks/{id}",
            "/api/v1/webhooks/999999",
            None,
            roles(&["facilitator"], 404),
        ),
        call(
            Method::GET,
            "/api/v1/webhooks/{id}/deliveries",
            "/api/v1/webhooks/999999/deliveries",
            None,
            roles(&["facilitator"], 404),
        ),
        call(
            Method::POST,
            "/api/v1/webhooks/{id}/deliveries/{delivery}/resend",
            "/api/v1/webhooks/999999/deliveries/1/resend",
            None,
            roles(&["facilitator"], 404),
        ),
        // The quarantine of refused replies: the facilitator's alone.
        call(
            Method::GET,
            "/api/v1/quarantine",
            "/api/v1/quarantine",
            None,
            roles(&["facilitator"], 200),
        ),
        call(
            Method::POST,
            "/api/v1/quarantine/{id}/release",
            "/api/v1/quarantine/999999/release",
            None,
            roles(&["facilitator"], 404),
        ),
        call(
            Method::POST,
            "/api/v1/quarantine/{id}/discard",
            "/api/v1/quarantine/999999/discard",
            None,
            roles(&["facilitator"], 404),
        ),
        call(
            Method::POST,
            "/api/v1/auth/login",
            "/api/v1/auth/login",
            Some(json!({})),
            |_| 422,
        ),
        call(
            Method::POST,
            "/api/v1/auth/logout",
            "/api/v1/auth/logout",
            None,
            signed_in(204),
        ),
        call(
            Method::GET,
            "/api/v1/me",
            "/api/v1/me",
            None,
            signed_in(200),
        ),
        call(
            Method::POST,
            "/api/v1/auth/second-factor",
            "/api/v1/auth/second-factor",
            Some(json!({"code": "123456"})),
            session_only(409),
        ),
        call(
            Method::POST,
            "/api/v1/auth/password-reset",
            "/api/v1/auth/password-reset",
            Some(json!({})),
            |_| 422,
        ),
        call(
            Method::POST,
            "/api/v1/auth/password-reset/confirm",
            "/api/v1/auth/password-reset/confirm",
            Some(json!({})),
            |_| 422,
        ),
        call(
            Method::GET,
            "/api/v1/me/sessions",
            "/api/v1/me/sessions",
            None,
            session_only(200),
        ),
        call(
            Method::DELETE,
            "/api/v1/me/sessions/{id}",
            "/api/v1/me/sessions/999999",
            None,
            session_only(404),
        ),
        call(
            Method::POST,
            "/api/v1/me/sessions/end-others",
            "/api/v1/me/sessions/end-others",
            None,
            session_only(200),
        ),
        call(
            Method::GET,
            "/api/v1/me/authenticator",
            "/api/v1/me/authenticator",
            None,
            signed_in(200),
        ),
        call(
            Method::POST,
            "/api/v1/me/authenticator",
            "/api/v1/me/authenticator",
            None,
            session_only(201),
        ),
        call(
            Method::POST,
            "/api/v1/me/authenticator/confirm",
            "/api/v1/me/authenticator/confirm",
            Some(json!({})),
            session_only(422),
        ),
        call(
            Method::POST,
            "/api/v1/me/authenticator/remove",
            "/api/v1/me/authenticator/remove",
            Some(json!({})),
            session_only(422),
        ),
        call(
            Method::GET,
            "/api/v1/me/history",
            "/api/v1/me/history",
            None,
            signed_in(200),
        ),
        call(
            Method::POST,
            "/api/v1/tokens",
            "/api/v1/tokens",
            Some(json!({})),
            session_only(422),
        ),
        call(
            Method::GET,
            "/api/v1/tokens",
            "/api/v1/tokens",
            None,
            session_only(200),
        ),
        call(
            Method::DELETE,
            "/api/v1/tokens/{id}",
            "/api/v1/tokens/999999",
            None,
            session_only(404),
        ),
        call(
            Method::POST,
            "/api/v1/users/{id}/authenticator/reset",
            format!("/api/v1/users/{raiser_id}/authenticator/reset"),
            Some(json!({})),
            roles(&["facilitator"], 422),
        ),
        call(
            Method::GET,
            "/api/v1/users/{id}/history",
            format!("/api/v1/users/{raiser_id}/history"),
            None,
            roles(&["facilitator"], 200),
        ),
        call(
            Method::GET,
            "/api/v1/organisations",
            "/api/v1/organisations",
            None,
            signed_in(200),
        ),
        call(
            Method::POST,
            "/api/v1/organisations",
            "/api/v1/organisations",
            Some(json!({})),
            roles(&["facilitator"], 422),
        ),
        call(
            Method::GET,
            "/api/v1/organisations/{id}",
            format!("/api/v1/organisations/{org}"),
            None,
            signed_in(200),
        ),
        call(
            Method::PATCH,
            "/api/v1/organisations/{id}",
            format!("/api/v1/organisations/{org}"),
            Some(json!({"grouping": "Nowhere"})),
            roles(&["facilitator"], 422),
        ),
        call(
            Method::GET,
            "/api/v1/users",
            "/api/v1/users",
            None,
            roles(&["facilitator", "chair"], 200),
        ),
        call(
            Method::POST,
            "/api/v1/users",
            "/api/v1/users",
            Some(json!({})),
            roles(&["facilitator"], 422),
        ),
        call(
            Method::GET,
            "/api/v1/users/{id}",
            format!("/api/v1/users/{raiser_id}"),
            None,
            |p| match p.name {
                "anonymous" => 401,
                "raiser" => 200,
                _ if p.has(&["facilitator", "chair"]) => 200,
                _ => 404,
            },
        ),
        call(
            Method::PATCH,
            "/api/v1/users/{id}",
            format!("/api/v1/users/{raiser_id}"),
            Some(json!({"roles": []})),
            roles(&["facilitator"], 422),
        ),
        // Records: the facilitator's alone.
        call(
            Method::GET,
            "/api/v1/users/{id}/export",
            format!("/api/v1/users/{raiser_id}/export"),
            None,
            roles(&["facilitator"], 200),
        ),
        call(
            Method::POST,
            "/api/v1/users/{id}/erase",
            format!("/api/v1/users/{raiser_id}/erase"),
            Some(json!({"reason": " "})),
            roles(&["facilitator"], 422),
        ),
        call(
            Method::GET,
            "/api/v1/cases",
            "/api/v1/cases",
            None,
            signed_in(200),
        ),
        call(
            Method::POST,
            "/api/v1/cases",
            "/api/v1/cases",
            Some(json!({})),
            roles(&["member"], 422),
        ),
        call(
            Method::POST,
            "/api/v1/rules/notice",
            "/api/v1/rules/notice",
            Some(json!({})),
            signed_in(422),
        ),
        call(
            Method::POST,
            "/api/v1/rules/consultation",
            "/api/v1/rules/consultation",
            Some(json!({})),
            signed_in(422),
        ),
        call(
            Method::GET,
            "/api/v1/calendar/working-days",
            "/api/v1/calendar/working-days?from=2026-03-02&days=5",
            None,
            signed_in(200),
        ),
        call(
            Method::GET,
            "/api/v1/reports/outcomes",
            "/api/v1/reports/outcomes",
            None,
            roles(READERS, 200),
        ),
        call(
            Method::GET,
            "/api/v1/reports/annual/{year}",
            "/api/v1/reports/annual/2026",
            None,
            roles(READERS, 200),
        ),
        call(
            Method::GET,
            "/api/v1/recommendations",
            "/api/v1/recommendations",
            None,
            roles(READERS, 200),
        ),
        call(
            Method::GET,
            "/api/v1/openapi.json",
            "/api/v1/openapi.json",
            None,
            |_| 200,
        ),
    ];
    for case in cases {
        let c = |p: &str| format!("/api/v1/cases/{}{p}", case.reference);
        calls.push(call(
            Method::GET,
            "/api/v1/cases/{reference}",
            c(""),
            None,
            visible(case, 200),
        ));
        // Linking: out of reach 404, not the chair's or the facilitator's 403, and only
        // then the fields (422) or the link (404: there is none to remove).
        for (method, documented, path, body) in [
            (
                Method::POST,
                "/api/v1/cases/{reference}/links",
                c("/links"),
                Some(json!({})),
            ),
            (
                Method::DELETE,
                "/api/v1/cases/{reference}/links/{other}",
                c("/links/LEIC-2026-9999"),
                None,
            ),
        ] {
            let code = if body.is_some() { 422 } else { 404 };
            let reach = visible(case, 0);
            calls.push(call(method, documented, path, body, move |p| {
                match reach(p) {
                    0 if p.oversees() => code,
                    0 => 403,
                    refused => refused,
                }
            }));
        }
        // One panel for the linked cases: the chair's alone; 409 before the case has a
        // panel. (No case here has links: nothing changes.)
        let reach = visible(case, 0);
        let has_panel = case.formal_panel;
        calls.push(call(
            Method::POST,
            "/api/v1/cases/{reference}/links/convene_panel",
            c("/links/convene_panel"),
            None,
            move |p| match reach(p) {
                0 if p.name != "chair" => 403,
                0 if has_panel => 200,
                0 => 409,
                other => other,
            },
        ));
        // Pausing, with a field it does not take: out of reach 404, not the chair's or the
        // facilitator's 403, closed 409, and only then the field 422.
        let closed = case.closed;
        let reach = visible(case, 0);
        calls.push(call(
            Method::POST,
            "/api/v1/cases/{reference}/actions/{action}",
            c("/actions/pause"),
            Some(json!({"bogus": 1})),
            move |p| match reach(p) {
                0 if !p.oversees() => 403,
                0 if closed => 409,
                0 => 422,
                other => other,
            },
        ));
        calls.push(call(
            Method::GET,
            "/api/v1/cases/{reference}/events",
            c("/events"),
            None,
            visible(case, 200),
        ));
        calls.push(call(
            Method::GET,
            "/api/v1/cases/{reference}/messages",
            c("/messages"),
            None,
            visible(case, 200),
        ));
        calls.push(call(
            Method::POST,
            "/api/v1/cases/{reference}/messages",
            c("/messages"),
            Some(json!({})),
            visible(case, 422),
        ));
        calls.push(call(
            Method::GET,
            "/api/v1/cases/{reference}/attachments",
            c("/attachments"),
            None,
            visible(case, 200),
        ));
        calls.push(call(
            Method::POST,
            "/api/v1/cases/{reference}/attachments",
            c("/attachments"),
            Some(json!({})),
            visible(case, 415),
        ));
        calls.push(call(
            Method::GET,
            "/api/v1/cases/{reference}/attachments/{id}",
            c(&format!("/attachments/{}", case.parties_file)),
            None,
            visible(case, 200),
        ));
        // The bundle: the parties' and the facilitator's; others who see the case are refused.
        let reach = visible(case, 0);
        calls.push(call(
            Method::GET,
            "/api/v1/cases/{reference}/bundle",
            c("/bundle"),
            None,
            move |p| match reach(p) {
                0 if p.party() || p.has(&["facilitator"]) => 200,
                0 => 403,
                other => other,
            },
        ));
        // The panel's decision letter: there once the case has a decision.
        calls.push(call(
            Method::GET,
            "/api/v1/cases/{reference}/letters/{kind}",
            c("/letters/formal"),
            None,
            visible(
                case,
                if case.recommendation.is_some() {
                    200
                } else {
                    404
                },
            ),
        ));
        for (scope, id) in &case.panel_files {
            let (scope, reader) = (*scope, case.clone());
            let reach = visible(case, 0);
            calls.push(call(
                Method::GET,
                "/api/v1/cases/{reference}/attachments/{id}",
                c(&format!("/attachments/{id}")),
                None,
                move |p| match reach(p) {
                    // A panel's file is not there at all for anyone outside it.
                    0 if p.reads(&reader, scope) => 200,
                    0 => 404,
                    other => other,
                },
            ));
        }
        let reach = visible(case, 0);
        calls.push(call(
            Method::GET,
            "/api/v1/cases/{reference}/notifications",
            c("/notifications"),
            None,
            move |p| match reach(p) {
                0 if p.has(&["facilitator"]) => 200,
                0 => 403,
                other => other,
            },
        ));
        // Sharing is for a panel-only message or file of one's own: none of these is.
        calls.push(call(
            Method::POST,
            "/api/v1/cases/{reference}/messages/{id}/share",
            c("/messages/999999/share"),
            None,
            visible(case, 404),
        ));
        calls.push(call(
            Method::POST,
            "/api/v1/cases/{reference}/attachments/{id}/share",
            c(&format!("/attachments/{}/share", case.parties_file)),
            None,
            visible(case, 404),
        ));
        // The email was not given up on, so it is not sent again.
        let reach = visible(case, 0);
        calls.push(call(
            Method::POST,
            "/api/v1/cases/{reference}/notifications/{id}/resend",
            c(&format!("/notifications/{}/resend", case.email)),
            None,
            move |p| match reach(p) {
                0 if p.has(&["facilitator"]) => 409,
                0 => 403,
                other => other,
            },
        ));
        if let Some(id) = case.recommendation {
            // The council owes the recommendation: its own champion may not mark it. The
            // facilitator and the volunteers' champion may, but not before the case closes
            // (409), and on the closed case not at a version they have not seen (409).
            let reach = visible(case, 0);
            let mut mark = call(
                Method::POST,
                "/api/v1/recommendations/{id}/actions/{action}",
                format!("/api/v1/recommendations/{id}/actions/mark_implemented"),
                None,
                move |p| match reach(p) {
                    0 if p.name == "facilitator" || p.name == "raiser_champion" => 409,
                    0 => 403,
                    other => other,
                },
            );
            if case.closed {
                mark.if_match = Some("\"1\"");
            }
            calls.push(mark);
        }
    }
    calls
}

/// Raises a case and takes it as far as `stage`: `raised`, `decided`, `appeal` (before the
/// appeal panel) or `closed` (both parties accepted the decision). Panel notes and files
/// are written along the way, each in the stage whose panel it is for.
async fn build(
    server: &Server,
    cast: &Cast,
    stage: &str,
    secrets: &mut Vec<Secret>,
) -> (String, Value) {
    let as_ = async |part: &str| server.sign_in(&Cast::email(part)).await;
    let raiser = as_("raiser").await;
    let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
    let reference = case["reference"].as_str().unwrap().to_owned();
    let r = reference.as_str();
    raiser
        .post(
            &format!("/api/v1/cases/{r}/messages"),
            json!({"body": format!("Can we meet about {r}?")}),
        )
        .await;
    upload(&raiser, r, &format!("letter-{r}.txt"), "Dear council", None).await;
    if stage == "raised" {
        return (reference, case);
    }
    let (respondent, chair, panel) = (
        as_("respondent").await,
        as_("chair").await,
        as_("panel_vcs").await,
    );
    respondent.act(r, "acknowledge", json!({})).await;
    raiser.act(r, "escalate", json!({"reason": "Stuck."})).await;
    chair.act(r, "accept_formal", json!({})).await;
    chair.act(r, "convene_panel", json!({"member_ids": [cast.ids["panel_vcs"], cast.ids["panel_psa"]], "chair_id": cast.ids["panel_vcs"]})).await;
    let note = secret(r, Scope::Formal, "note");
    let (status, _) = chair
        .post(
            &format!("/api/v1/cases/{r}/messages"),
            json!({"body": note, "visibility": "panel"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let file = secret(r, Scope::Formal, "file");
    upload(&panel, r, &format!("{file}.txt"), &file, Some("panel")).await;
    secrets.push(Secret {
        text: note,
        reference: reference.clone(),
        scope: Scope::Formal,
    });
    secrets.push(Secret {
        text: file,
        reference: reference.clone(),
        scope: Scope::Formal,
    });
    let decided = panel.act(r, "issue_decision", json!({"outcome": "upheld", "findings": "Short notice.", "recommendations": [{"text": "Give notice.", "owner_organisation_id": cast.council, "due_on": "2030-01-01"}]})).await;
    match stage {
        "decided" => (reference, decided),
        "closed" => {
            raiser.act(r, "accept_decision", json!({})).await;
            let closed = respondent.act(r, "accept_decision", json!({})).await;
            (reference, closed)
        }
        _ => {
            respondent
                .act(
                    r,
                    "appeal",
                    json!({"grounds": "The panel misread the dates."}),
                )
                .await;
            chair.act(r, "convene_appeal_panel", json!({"member_ids": [cast.ids["appeal_vcs"], cast.ids["appeal_psa"]], "chair_id": cast.ids["appeal_vcs"]})).await;
            let appeal = as_("appeal_vcs").await;
            let note = secret(r, Scope::Appeal, "note");
            let (status, _) = appeal
                .post(
                    &format!("/api/v1/cases/{r}/messages"),
                    json!({"body": note, "visibility": "panel"}),
                )
                .await;
            assert_eq!(status, StatusCode::CREATED);
            let file = secret(r, Scope::Appeal, "file");
            upload(&appeal, r, &format!("{file}.txt"), &file, Some("panel")).await;
            secrets.push(Secret {
                text: note,
                reference: reference.clone(),
                scope: Scope::Appeal,
            });
            secrets.push(Secret {
                text: file,
                reference: reference.clone(),
                scope: Scope::Appeal,
            });
            let (_, now) = chair.get(&format!("/api/v1/cases/{r}")).await;
            (reference, now)
        }
    }
}

async fn upload(
    client: &Client,
    reference: &str,
    name: &str,
    text: &str,
    visibility: Option<&str>,
) -> i64 {
    let (status, file) = client
        .upload(reference, name, text.as_bytes(), visibility)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{name}");
    file["id"].as_i64().unwrap()
}

on_both_databases! {
    async fn every_route_answers_every_person_at_every_stage_as_its_rule_says(db: Db) {
        let smtp = Smtp::start().await;
        let mut server = Server::start_with(&db, &Db::smtp_env(smtp.port));
        let cast = enrol(&server, &db).await;
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let mut secrets = Vec::new();
        let mut cases = Vec::new();
        let mut versions = HashMap::new();
        for stage in ["raised", "decided", "appeal", "closed"] {
            let (reference, view) = build(&server, &cast, stage, &mut secrets).await;
            let (_, files) = facilitator.get(&format!("/api/v1/cases/{reference}/attachments")).await;
            let files = files.as_array().unwrap();
            let id_of = |visibility: &str, scope: Option<&str>| {
                files.iter().find(|f| f["visibility"] == visibility && scope.is_none_or(|s| f["panel_scope"] == s)).map(|f| f["id"].as_i64().unwrap())
            };
            let panel_files = [(Scope::Formal, "formal"), (Scope::Appeal, "appeal")]
                .into_iter()
                .filter_map(|(scope, name)| id_of("panel", Some(name)).map(|id| (scope, id)))
                .collect();
            let (_, recommendations) = facilitator.get("/api/v1/recommendations").await;
            let recommendation = recommendations["items"].as_array().unwrap().iter().find(|r| r["reference"] == reference.as_str()).map(|r| r["id"].as_i64().unwrap());
            let (_, emails) = facilitator.get(&format!("/api/v1/cases/{reference}/notifications")).await;
            versions.insert(reference.clone(), view["version"].clone());
            cases.push(Case {
                formal_panel: !view["panel"].is_null(),
                appeal_panel: !view["appeal_panel"].is_null(),
                closed: view["state"] == "closed",
                parties_file: id_of("parties", None).unwrap(),
                panel_files,
                recommendation,
                email: emails[0]["id"].as_i64().unwrap(),
                reference,
            });
        }
        assert_eq!(cases.iter().map(|c| (c.formal_panel, c.appeal_panel, c.closed)).collect::<Vec<_>>(), [(false, false, false), (true, false, false), (true, true, false), (true, false, true)]);
        // A list the facilitator saved: anyone else asking to delete it is told it does not
        // exist (the facilitator comes last, and deletes it).
        let (status, view) = facilitator.post("/api/v1/views", json!({"name": "Formal cases", "query": "stage=formal"})).await;
        assert_eq!(status, StatusCode::CREATED, "{view}");
        assert_eq!(PERSONAS.last().unwrap().name, "facilitator");
        let calls_for = calls;
        let mut calls = calls_for(&cast, &cases, cast.ids["raiser"], view["id"].as_i64().unwrap());

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
        let covered: BTreeSet<(String, String)> = calls
            .iter()
            .filter(|c| c.documented != "/api/v1/openapi.json")
            .map(|c| (c.method.to_string(), c.documented.to_owned()))
            .collect();
        assert_eq!(covered, documented, "the matrix and the OpenAPI document must list the same routes");

        let case_of = |reference: &str| cases.iter().find(|c| c.reference == reference).unwrap();
        let mut failures = Vec::new();
        let mut checked = 0;
        let passes = [Credential::Session, Credential::Token("write"), Credential::Token("read")];
        // Each token made is told to its person by email, as they are made.
        let mut tokens_made = 0;
        for (pass, persona) in passes.iter().enumerate().flat_map(|(i, _)| PERSONAS.iter().map(move |p| (i, p))) {
            let credential = passes[pass];
            // Each pass has a saved list of its own to delete (the facilitator's last call).
            if pass > 0 && persona.name == PERSONAS[0].name {
                let facilitator = server.sign_in(&Cast::email("facilitator")).await;
                let (status, view) = facilitator.post("/api/v1/views", json!({"name": format!("Formal cases {pass}"), "query": "stage=formal"})).await;
                assert_eq!(status, StatusCode::CREATED, "{view}");
                calls = calls_for(&cast, &cases, cast.ids["raiser"], view["id"].as_i64().unwrap());
            }
            let sign_in = async || -> Client {
                if persona.name == "anonymous" {
                    return server.anonymous();
                }
                let session = server.sign_in(&Cast::email(persona.name)).await;
                let Credential::Token(scope) = credential else {
                    return session;
                };
                let (status, made) = session.post("/api/v1/tokens", json!({"name": "Matrix", "scope": scope, "expires_in_days": 1})).await;
                assert_eq!(status, StatusCode::CREATED, "{made}");
                Client { token: Some(made["token"].as_str().unwrap().to_owned()), ..session }
            };
            let made_token = matches!(credential, Credential::Token(_)) && persona.name != "anonymous";
            let mut client = sign_in().await;
            tokens_made += usize::from(made_token);
            for call in &calls {
                let mut request = client.request(call.method.clone(), &call.path);
                if let Some(body) = &call.body {
                    request = request.json(body);
                }
                if let Some(version) = call.if_match {
                    request = request.header("If-Match", version);
                }
                let response = request.send().await.unwrap();
                let status = response.status();
                let answer = response.text().await.unwrap();
                let expected = credential.expect(call, persona);
                checked += 1;
                if status.as_u16() != expected {
                    failures.push(format!("{} ({credential:?}) {} {}: expected {expected}, got {status} {answer}", persona.name, call.method, call.path));
                }
                // Nothing of a panel's reaches anyone outside it, in any answer.
                for secret in &secrets {
                    let case = case_of(&secret.reference);
                    if answer.contains(&secret.text) && !persona.reads(case, secret.scope) {
                        failures.push(format!("{} {} {} was shown {}", persona.name, call.method, call.path, secret.text));
                    }
                }
                // The case list holds exactly the cases the person may see.
                if call.path == "/api/v1/cases" && call.method == Method::GET && status.is_success() {
                    let listed: BTreeSet<String> = serde_json::from_str::<Value>(&answer).unwrap()["items"].as_array().unwrap().iter().map(|c| c["reference"].as_str().unwrap().to_owned()).collect();
                    let visible: BTreeSet<String> = cases.iter().filter(|c| persona.sees(c)).map(|c| c.reference.clone()).collect();
                    if listed != visible {
                        failures.push(format!("{} lists {listed:?}, but sees {visible:?}", persona.name));
                    }
                }
                if call.documented == "/api/v1/auth/logout" {
                    // Signing out ends this session; the next requests need another.
                    client = sign_in().await;
                    tokens_made += usize::from(made_token);
                }
            }
        }
        assert!(failures.is_empty(), "{} of {checked} answers were wrong:\n{}", failures.len(), failures.join("\n"));
        assert_eq!(checked, passes.len() * PERSONAS.len() * calls.len());
        // Signing out everywhere else ended the sessions opened before the passes.
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;

        // Those who may read a panel's notes do read them, and only that panel's.
        let appeal = &cases[2].reference;
        for (part, formal, appealed) in [("panel_vcs", true, false), ("appeal_psa", false, true), ("chair", true, true), ("raiser", false, false)] {
            let client = server.sign_in(&Cast::email(part)).await;
            let (_, messages) = client.get(&format!("/api/v1/cases/{appeal}/messages")).await;
            let text = messages.to_string();
            assert_eq!(text.contains(&secret(appeal, Scope::Formal, "note")), formal, "{part}");
            assert_eq!(text.contains(&secret(appeal, Scope::Appeal, "note")), appealed, "{part}");
        }

        // A search finds a panel's note or file by its words for those who may read it, and
        // for no one else: its words are on that case alone, and only in the note.
        for persona in PERSONAS.iter().filter(|p| p.name != "anonymous") {
            let client = server.sign_in(&Cast::email(persona.name)).await;
            for secret in &secrets {
                let (status, list) = client.get(&format!("/api/v1/cases?q={}", secret.text)).await;
                assert_eq!(status, StatusCode::OK, "{list}");
                let found: Vec<&str> = list["items"].as_array().unwrap().iter().map(|c| c["reference"].as_str().unwrap()).collect();
                let case = case_of(&secret.reference);
                let expected = if persona.sees(case) && persona.reads(case, secret.scope) { vec![secret.reference.as_str()] } else { vec![] };
                assert_eq!(found, expected, "{} searching {}", persona.name, secret.text);
            }
        }

        // And the cases are as they were: refused requests changed nothing.
        for case in &cases {
            let (_, after) = facilitator.get(&format!("/api/v1/cases/{}", case.reference)).await;
            assert_eq!(after["version"], versions[&case.reference], "{}", case.reference);
        }

        // Every email went to someone who may see its case, and none carries a panel's note.
        // News of messages and files is gathered for a quarter of an hour: a service whose
        // clock has moved on past that sends it too.
        server.stop();
        let mut later = Db::smtp_env(smtp.port);
        later.push(("DISPUTES__CLOCK__NOW", (chrono::Utc::now() + chrono::Duration::minutes(16)).to_rfc3339()));
        let server = Server::start_with(&db, &later);
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let queued: usize = {
            let mut total = 0;
            for case in &cases {
                let (_, log) = facilitator.get(&format!("/api/v1/cases/{}/notifications", case.reference)).await;
                total += log.as_array().unwrap().len();
            }
            total
        };
        let about_a_case = |email: &crate::support::smtp::Received| {
            let subject = email.header("Subject").unwrap_or_default();
            cases.iter().any(|c| subject.starts_with(&c.reference))
        };
        let received = smtp.wait_for(30, |r| r.iter().filter(|e| about_a_case(e)).count() >= queued).await;
        let (received, about_accounts): (Vec<_>, Vec<_>) = received.into_iter().partition(|e| about_a_case(e));
        assert_eq!(received.len(), queued, "every queued email was delivered");
        // The rest tell each person of the tokens made for them, and nothing else.
        assert_eq!(about_accounts.len(), tokens_made);
        for email in &about_accounts {
            assert!(email.header("Subject").unwrap_or_default().contains("An API token was made"));
            assert!(email.readable().contains("“Matrix”"));
        }
        for email in &received {
            let subject = email.header("Subject").unwrap_or_default();
            let case = cases.iter().find(|c| subject.starts_with(&c.reference)).unwrap_or_else(|| panic!("an email about no case: {subject}"));
            for address in &email.to {
                let part = address.trim_end_matches("@example.org");
                let persona = PERSONAS.iter().find(|p| p.name == part).unwrap_or_else(|| panic!("an email to a stranger: {address}"));
                assert!(persona.sees(case), "{address} was told of {}", case.reference);
            }
            let text = email.readable();
            for secret in &secrets {
                assert!(!text.contains(&secret.text), "an email carries {}", secret.text);
            }
        }
    }
}
