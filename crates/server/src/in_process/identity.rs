//! Signing in beyond a password: API tokens and their scopes, sessions and their limits,
//! password reset by email, and the authenticator app with its recovery codes.

use std::path::Path;
use std::time::Duration as StdDuration;

use axum::http::{Method, StatusCode, header};
use chrono::Duration;
use disputes_testkit::{Cast, PASSWORD, ScratchDb, TestDatabase};
use serde_json::{Value, json};

use super::{Client, Service, on_both_databases};
use crate::auth::second_factor::code_at;
use crate::clock::Clock;

/// The emails written to the service's mail folder, as (subject, plain text), once at least
/// `count` of those matching `wanted` have arrived (account emails are sent in the
/// background). Waits up to ten seconds.
async fn mail(service: &Service, count: usize, wanted: &str) -> Vec<(String, String)> {
    let dir = service.state.settings.email.file.dir.clone();
    for _ in 0..100 {
        let found = read_mail(&dir, wanted);
        if found.len() >= count {
            return found;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    read_mail(&dir, wanted)
}

fn read_mail(dir: &Path, wanted: &str) -> Vec<(String, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .filter_map(|e| {
            let bytes = std::fs::read(e.path()).ok()?;
            let message = mail_parser::MessageParser::default().parse(&bytes)?;
            let subject = message.subject()?.to_owned();
            let text = message.body_text(0)?.into_owned();
            Some((subject, text))
        })
        .filter(|(subject, _)| subject.contains(wanted))
        .collect()
}

/// A client holding `token` as its bearer token.
fn holding(service: &Service, token: &str) -> Client {
    Client {
        router: service.router.clone(),
        token: Some(token.to_owned()),
    }
}

/// Signs in as `email` with `password`, from a browser calling itself `agent`; gives the
/// client and the login answer.
async fn sign_in_as(
    service: &Service,
    email: &str,
    password: &str,
    agent: &str,
) -> (Client, Value) {
    let body = json!({"email": email, "password": password}).to_string();
    let (status, answer, _) = service
        .anonymous()
        .call(
            Method::POST,
            "/api/v1/auth/login",
            &[(header::USER_AGENT, agent)],
            Some("application/json"),
            body.into_bytes(),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let client = holding(service, answer["token"].as_str().unwrap());
    (client, answer)
}

on_both_databases! {
    async fn api_tokens_act_as_their_person_with_their_scope_and_never_more(service: Service) {
        let raiser = service.sign_in(&Cast::email("raiser")).await;
        for (body, field) in [
            (json!({"name": "Report", "scope": "read", "expires_in_days": 367}), "expires_in_days"),
            (json!({"name": "Report", "scope": "read", "expires_in_days": 0}), "expires_in_days"),
            (json!({"name": " ", "scope": "read", "expires_in_days": 30}), "name"),
        ] {
            let (status, problem) = raiser.post("/api/v1/tokens", body).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
            assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        }
        let (status, made) = raiser.post("/api/v1/tokens", json!({"name": "Monthly report", "scope": "read", "expires_in_days": 30})).await;
        assert_eq!(status, StatusCode::CREATED, "{made}");
        let secret = made["token"].as_str().unwrap();
        assert!(secret.len() == 64 && secret.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(made["expires_at"].as_str().unwrap(), "2026-04-01T09:00:00Z");
        // Listed without the secret.
        let (_, listed) = raiser.get("/api/v1/tokens").await;
        assert_eq!(listed.as_array().unwrap().len(), 1);
        assert!(!listed.to_string().contains(secret));
        assert_eq!(listed[0]["scope"], "read");

        let reader = holding(&service, secret);
        let (status, _) = reader.get("/api/v1/cases").await;
        assert_eq!(status, StatusCode::OK);
        let (status, problem) = reader.post("/api/v1/cases", service.cast.new_case()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
        assert!(problem["detail"].as_str().unwrap().contains("only read"), "{problem}");
        // No token manages tokens or sessions, whatever its scope.
        let (_, made) = raiser.post("/api/v1/tokens", json!({"name": "Sync", "scope": "write", "expires_in_days": 366})).await;
        let writer = holding(&service, made["token"].as_str().unwrap());
        for client in [&reader, &writer] {
            for path in ["/api/v1/tokens", "/api/v1/me/sessions"] {
                let (status, problem) = client.get(path).await;
                assert_eq!(status, StatusCode::FORBIDDEN, "{path} {problem}");
            }
        }
        let (status, _) = writer.post("/api/v1/tokens", json!({"name": "More", "scope": "write", "expires_in_days": 1})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // A write token does what its person may, and no more.
        let (status, case) = writer.post("/api/v1/cases", service.cast.new_case()).await;
        assert_eq!(status, StatusCode::CREATED, "{case}");
        let (status, _) = writer.get("/api/v1/users").await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // Revoked by its owner alone; then it signs nobody in.
        let id = listed[0]["id"].as_i64().unwrap();
        let respondent = service.sign_in(&Cast::email("respondent")).await;
        let (status, _) = respondent.send(Method::DELETE, &format!("/api/v1/tokens/{id}"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = raiser.send(Method::DELETE, &format!("/api/v1/tokens/{id}"), None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_eq!(reader.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
        // Expired: the year-long token stops after its 366th day.
        service.clock.advance(Duration::days(366) - Duration::seconds(1));
        assert_eq!(writer.get("/api/v1/me").await.0, StatusCode::OK);
        service.clock.advance(Duration::seconds(1));
        assert_eq!(writer.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);

        // The owner was told of each token, and their history holds them.
        let told = mail(&service, 2, "API token").await;
        assert_eq!(told.len(), 2);
        assert!(told.iter().any(|(_, text)| text.contains("“Monthly report”")));
        let raiser = service.sign_in(&Cast::email("raiser")).await;
        let (_, history) = raiser.get("/api/v1/me/history").await;
        let kinds: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["token_revoked", "token_created", "token_created"]);
    }

    async fn sessions_are_listed_ended_one_by_one_or_everywhere_else_and_expire(service: Service) {
        let email = Cast::email("raiser");
        let (laptop, _) = sign_in_as(&service, &email, PASSWORD, "Firefox on Linux").await;
        let (phone, _) = sign_in_as(&service, &email, PASSWORD, "Safari on iPhone").await;
        let (library, _) = sign_in_as(&service, &email, PASSWORD, "Edge on Windows").await;
        let (status, sessions) = laptop.get("/api/v1/me/sessions").await;
        assert_eq!(status, StatusCode::OK, "{sessions}");
        let sessions = sessions.as_array().unwrap().clone();
        assert_eq!(sessions.len(), 3);
        let current: Vec<&Value> = sessions.iter().filter(|s| s["current"] == true).collect();
        assert_eq!(current.len(), 1);
        assert_eq!(current[0]["device"], "Firefox on Linux");
        assert_eq!(current[0]["address"], "127.0.0.1");
        // Ends by the idle limit (60 minutes), before the absolute one (8 hours).
        assert_eq!(current[0]["ends_by"], "2026-03-02T10:00:00Z");
        let id_of = |agent: &str| sessions.iter().find(|s| s["device"] == agent).unwrap()["id"].as_i64().unwrap();

        // Someone else's session is not theirs to end.
        let respondent = service.sign_in(&Cast::email("respondent")).await;
        let path = format!("/api/v1/me/sessions/{}", id_of("Safari on iPhone"));
        assert_eq!(respondent.send(Method::DELETE, &path, None).await.0, StatusCode::NOT_FOUND);
        assert_eq!(laptop.send(Method::DELETE, &path, None).await.0, StatusCode::NO_CONTENT);
        assert_eq!(phone.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
        let (status, ended) = laptop.send(Method::POST, "/api/v1/me/sessions/end-others", None).await;
        assert_eq!((status, ended["ended"].as_u64()), (StatusCode::OK, Some(1)));
        assert_eq!(library.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(laptop.get("/api/v1/me").await.0, StatusCode::OK);
        assert_eq!(respondent.get("/api/v1/me").await.0, StatusCode::OK, "others' sessions stay");

        // Idle: unused for server.session_idle_minutes (60), it ends.
        service.clock.advance(Duration::minutes(59));
        assert_eq!(laptop.get("/api/v1/me").await.0, StatusCode::OK);
        service.clock.advance(Duration::minutes(60));
        assert_eq!(laptop.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
        // Absolute: used every 50 minutes, it still ends server.session_hours (8) after
        // signing in.
        let (busy, _) = sign_in_as(&service, &email, PASSWORD, "Firefox on Linux").await;
        for _ in 0..9 {
            service.clock.advance(Duration::minutes(50));
            assert_eq!(busy.get("/api/v1/me").await.0, StatusCode::OK);
        }
        service.clock.advance(Duration::minutes(30));
        assert_eq!(busy.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED, "8 hours after signing in");
    }

    async fn a_forgotten_password_is_reset_once_by_an_emailed_link_within_an_hour(service: Service) {
        let email = Cast::email("raiser");
        let (before, _) = sign_in_as(&service, &email, PASSWORD, "Firefox").await;
        let anonymous = service.anonymous();
        let (known, known_body) = anonymous.post("/api/v1/auth/password-reset", json!({"email": email})).await;
        let (unknown, unknown_body) = anonymous.post("/api/v1/auth/password-reset", json!({"email": "nobody@example.org"})).await;
        assert_eq!((known, unknown), (StatusCode::ACCEPTED, StatusCode::ACCEPTED));
        assert_eq!(known_body, unknown_body, "the same answer either way");
        let sent = mail(&service, 1, "Set a new password").await;
        assert_eq!(sent.len(), 1, "one email, to the account's address only");
        let text = &sent[0].1;
        assert!(text.contains("within 60 minutes"), "{text}");
        let token = text.split("reset-password?token=").nth(1).unwrap()[..64].to_owned();

        // A password the policy refuses spends nothing.
        let (status, problem) = anonymous.post("/api/v1/auth/password-reset/confirm", json!({"token": token, "password": "password"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        let new_password = "kettle lighthouse orchard violin";
        let (status, _) = anonymous.post("/api/v1/auth/password-reset/confirm", json!({"token": token, "password": new_password})).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        // Once only; every session ended; the new password signs in, the old does not.
        let (status, _) = anonymous.post("/api/v1/auth/password-reset/confirm", json!({"token": token, "password": "another long passphrase here"})).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(before.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
        let (status, _) = anonymous.post("/api/v1/auth/login", json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (after, _) = sign_in_as(&service, &email, new_password, "Firefox").await;
        assert_eq!(mail(&service, 1, "was changed").await.len(), 1, "told of the change");

        // A link is good for an hour.
        anonymous.post("/api/v1/auth/password-reset", json!({"email": email})).await;
        let sent = mail(&service, 2, "Set a new password").await;
        let token = sent.iter().map(|(_, text)| text.split("reset-password?token=").nth(1).unwrap()[..64].to_owned()).find(|t| *t != token).unwrap();
        let (_, history) = after.get("/api/v1/me/history").await;
        let kinds: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["reset_requested", "password_reset", "reset_requested"]);
        service.clock.advance(Duration::minutes(60));
        let (status, _) = anonymous.post("/api/v1/auth/password-reset/confirm", json!({"token": token, "password": "yet another long passphrase"})).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // A token that is not a secret's shape is refused the same way.
        let (status, _) = anonymous.post("/api/v1/auth/password-reset/confirm", json!({"token": "x", "password": new_password})).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    async fn an_authenticator_guards_sign_in_with_each_code_once_and_recovery_codes(service: Service) {
        let email = Cast::email("chair");
        let chair = service.sign_in(&email).await;
        let (status, enrolment) = chair.send(Method::POST, "/api/v1/me/authenticator", None).await;
        assert_eq!(status, StatusCode::CREATED, "{enrolment}");
        assert!(enrolment["qr_svg"].as_str().unwrap().starts_with("<?xml") || enrolment["qr_svg"].as_str().unwrap().contains("<svg"));
        assert!(enrolment["address"].as_str().unwrap().starts_with("otpauth://totp/"));
        let secret = enrolment["secret"].as_str().unwrap().to_owned();
        let now = || service.clock.now();
        let (status, _) = chair.post("/api/v1/me/authenticator/confirm", json!({"code": "000000"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let first = code_at(&secret, now()).unwrap();
        let (status, codes) = chair.post("/api/v1/me/authenticator/confirm", json!({"code": first})).await;
        assert_eq!(status, StatusCode::OK, "{codes}");
        let codes: Vec<String> = codes["recovery_codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()).collect();
        assert_eq!(codes.len(), 10);
        assert_eq!(chair.get("/api/v1/cases").await.0, StatusCode::OK, "the enrolling session goes on");
        assert_eq!(mail(&service, 1, "authenticator app now guards").await.len(), 1);

        // A password alone now opens a session that owes a code, and does nothing else.
        let (owing, answer) = sign_in_as(&service, &email, PASSWORD, "Firefox").await;
        assert_eq!(answer["owes"], "code");
        let (status, problem) = owing.get("/api/v1/cases").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
        assert_eq!(owing.get("/api/v1/me").await.0, StatusCode::OK);
        // The code that confirmed enrolment is spent: the same step is refused.
        let (status, _) = owing.post("/api/v1/auth/second-factor", json!({"code": first})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        service.clock.advance(Duration::seconds(30));
        let (status, _) = owing.post("/api/v1/auth/second-factor", json!({"code": code_at(&secret, now()).unwrap()})).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_eq!(owing.get("/api/v1/cases").await.0, StatusCode::OK);
        let (status, _) = owing.post("/api/v1/auth/second-factor", json!({"code": code_at(&secret, now()).unwrap()})).await;
        assert_eq!(status, StatusCode::CONFLICT, "a session that owes nothing");

        // A recovery code, however typed, works once.
        let typed = codes[3].to_lowercase().replace('-', " ");
        let (lost, _) = sign_in_as(&service, &email, PASSWORD, "Firefox").await;
        assert_eq!(lost.post("/api/v1/auth/second-factor", json!({"code": typed})).await.0, StatusCode::NO_CONTENT);
        let (again, _) = sign_in_as(&service, &email, PASSWORD, "Firefox").await;
        assert_eq!(again.post("/api/v1/auth/second-factor", json!({"code": codes[3]})).await.0, StatusCode::UNPROCESSABLE_ENTITY);
        let (_, status) = lost.get("/api/v1/me/authenticator").await;
        assert_eq!(status["recovery_codes_left"], 9);
        // Guessing is slowed: after five wrong codes, 429 even for a right one.
        for _ in 0..4 {
            assert_eq!(again.post("/api/v1/auth/second-factor", json!({"code": "123456"})).await.0, StatusCode::UNPROCESSABLE_ENTITY);
        }
        service.clock.advance(Duration::seconds(30));
        let (status, problem) = again.post("/api/v1/auth/second-factor", json!({"code": code_at(&secret, now()).unwrap()})).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{problem}");

        // The facilitator resets it, with a reason, for this person alone.
        let id = service.cast.ids["chair"];
        let raiser = service.sign_in(&Cast::email("raiser")).await;
        let path = format!("/api/v1/users/{id}/authenticator/reset");
        assert_eq!(raiser.post(&path, json!({"reason": "Lost phone"})).await.0, StatusCode::FORBIDDEN);
        let facilitator = service.sign_in(&Cast::email("facilitator")).await;
        let (_, me) = facilitator.get("/api/v1/me").await;
        let own = format!("/api/v1/users/{}/authenticator/reset", me["id"]);
        assert_eq!(facilitator.post(&own, json!({"reason": "Mine"})).await.0, StatusCode::CONFLICT, "never one's own");
        let (status, problem) = facilitator.post(&path, json!({"reason": ""})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(facilitator.post(&path, json!({"reason": "Lost phone; called their office"})).await.0, StatusCode::NO_CONTENT);
        assert_eq!(lost.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED, "their sessions end");
        let (_, answer) = sign_in_as(&service, &email, PASSWORD, "Firefox").await;
        assert!(answer.get("owes").is_none(), "{answer}");
        let (_, history) = facilitator.get(&format!("/api/v1/users/{id}/history")).await;
        assert_eq!(history[0]["kind"], "second_factor_removed");
        assert_eq!(history[0]["by"], "facilitator");
        assert_eq!(history[0]["detail"], "Lost phone; called their office");
        let told = mail(&service, 1, "was removed").await;
        assert!(told[0].1.contains("by facilitator (the facilitator)"), "{}", told[0].1);
    }
}

/// The service with the configuration's own `auth.require_second_factor` (the facilitator,
/// the chair and panel members), its facilitator already enrolled.
struct Strict(Service, String);

impl TestDatabase for Strict {
    async fn sqlite() -> Strict {
        Strict::start(ScratchDb::sqlite("disputes.db")).await
    }

    async fn postgres() -> Strict {
        Strict::start(ScratchDb::postgres("disputes_in_process").await).await
    }
}

impl Strict {
    async fn start(db: ScratchDb) -> Strict {
        let (service, secret) = Service::start_with(db, true).await;
        Strict(service, secret)
    }
}

disputes_testkit::on_both_databases! { 2, Strict;
    async fn roles_that_need_an_authenticator_set_one_up_before_anything_else(strict: Strict) {
        let Strict(service, facilitator_secret) = strict;
        // The facilitator, enrolled, owes a code at each sign-in.
        let (_, answer) = sign_in_as(&service, &Cast::email("facilitator"), PASSWORD, "Firefox").await;
        assert_eq!(answer["owes"], "code");
        assert!(!facilitator_secret.is_empty());
        // A member's role needs none.
        let (_, answer) = sign_in_as(&service, &Cast::email("raiser"), PASSWORD, "Firefox").await;
        assert!(answer.get("owes").is_none(), "{answer}");
        // The chair must set one up first.
        let (chair, answer) = sign_in_as(&service, &Cast::email("chair"), PASSWORD, "Firefox").await;
        assert_eq!(answer["owes"], "enrolment");
        let (status, problem) = chair.get("/api/v1/cases").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(problem["detail"].as_str().unwrap().contains("authenticator"), "{problem}");
        assert_eq!(chair.post("/api/v1/tokens", json!({"name": "x", "scope": "read", "expires_in_days": 1})).await.0, StatusCode::FORBIDDEN);
        let (status, enrolment) = chair.send(Method::POST, "/api/v1/me/authenticator", None).await;
        assert_eq!(status, StatusCode::CREATED);
        let code = code_at(enrolment["secret"].as_str().unwrap(), service.clock.now()).unwrap();
        let (status, _) = chair.post("/api/v1/me/authenticator/confirm", json!({"code": code})).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(chair.get("/api/v1/cases").await.0, StatusCode::OK);
        // Nor may they remove it, since their role needs it.
        service.clock.advance(Duration::seconds(30));
        let code = code_at(enrolment["secret"].as_str().unwrap(), service.clock.now()).unwrap();
        let (status, problem) = chair.post("/api/v1/me/authenticator/remove", json!({"code": code})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    }
}

on_both_databases! {
    async fn reset_links_are_limited_per_account_and_per_address(service: Service) {
        let anonymous = service.anonymous();
        let email = Cast::email("raiser");
        // Four asks for one account within the hour: three links are sent, and the fourth
        // ask is answered just the same.
        for _ in 0..4 {
            let (status, _) = anonymous.post("/api/v1/auth/password-reset", json!({"email": email})).await;
            assert_eq!(status, StatusCode::ACCEPTED);
        }
        tokio::time::sleep(StdDuration::from_millis(500)).await;
        assert_eq!(mail(&service, 3, "Set a new password").await.len(), 3);
        // One address may ask 20 times an hour, whichever addresses it names; then it waits.
        for n in 4..20 {
            let (status, _) = anonymous.post("/api/v1/auth/password-reset", json!({"email": format!("someone{n}@example.org")})).await;
            assert_eq!(status, StatusCode::ACCEPTED, "ask {}", n + 1);
        }
        let (status, problem, _) = anonymous
            .call(Method::POST, "/api/v1/auth/password-reset", &[], Some("application/json"), json!({"email": email}).to_string().into_bytes())
            .await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{problem}");
        // Once the first asks are more than an hour old, it may ask again.
        service.clock.advance(Duration::hours(1) + Duration::seconds(1));
        let (status, _) = anonymous.post("/api/v1/auth/password-reset", json!({"email": email})).await;
        assert_eq!(status, StatusCode::ACCEPTED);
        assert_eq!(mail(&service, 4, "Set a new password").await.len(), 4, "and the account is sent a link again");
    }
}
