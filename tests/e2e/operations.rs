//! Operations: health, readiness, metrics, request ids, the OpenAPI document, graceful
//! shutdown, configuration errors, and the command line.

use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};

use crate::support::visitor::Visitor;
use crate::support::{Cast, Db, PASSWORD, Server, enrol, on_both_databases};

on_both_databases! {
    async fn health_readiness_metrics_and_request_ids(db: Db) {
        let server = Server::start(&db, &[]);
        let anonymous = server.anonymous();
        assert_eq!(anonymous.get("/healthz").await, (StatusCode::OK, json!({"status": "ok"})));
        assert_eq!(anonymous.get("/readyz").await, (StatusCode::OK, json!({"status": "ready"})));
        let _ = anonymous.get("/api/v1/me").await;
        let metrics = anonymous.request(Method::GET, "/metrics").send().await.unwrap().text().await.unwrap();
        assert!(metrics.contains("http_requests_total"), "{metrics}");
        assert!(metrics.contains("route=\"/api/v1/me\""), "{metrics}");
        // Every response carries a request id, and every log line of the request names it.
        let response = anonymous.request(Method::GET, "/api/v1/me").send().await.unwrap();
        let id = response.headers().get("x-request-id").unwrap().to_str().unwrap().to_owned();
        assert_eq!(id.len(), 36);
        let echoed = anonymous.request(Method::GET, "/healthz").header("x-request-id", "trace-me-42").send().await.unwrap();
        assert_eq!(echoed.headers().get("x-request-id").unwrap(), "trace-me-42");
        for name in ["x-content-type-options", "referrer-policy", "x-frame-options", "content-security-policy"] {
            assert!(response.headers().contains_key(name), "{name}");
        }
        let _ = header::CONTENT_TYPE;
    }

    async fn the_openapi_document_describes_every_route(db: Db) {
        let server = Server::start(&db, &[]);
        let (status, document) = server.anonymous().get("/api/v1/openapi.json").await;
        assert_eq!(status, StatusCode::OK);
        assert!(document["openapi"].as_str().unwrap().starts_with("3."));
        let paths = document["paths"].as_object().unwrap();
        // API.md's resources, all there.
        for path in [
            "/api/v1/auth/login", "/api/v1/auth/logout", "/api/v1/me", "/api/v1/organisations",
            "/api/v1/organisations/{id}", "/api/v1/users", "/api/v1/users/{id}", "/api/v1/cases",
            "/api/v1/cases/{reference}", "/api/v1/cases/{reference}/actions/{action}",
            "/api/v1/cases/{reference}/events", "/api/v1/cases/{reference}/messages",
            "/api/v1/cases/{reference}/attachments", "/api/v1/cases/{reference}/attachments/{id}",
            "/api/v1/cases/{reference}/notifications", "/api/v1/rules/notice",
            "/api/v1/rules/consultation", "/api/v1/calendar/working-days",
            "/api/v1/reports/outcomes", "/api/v1/reports/annual/{year}",
            "/api/v1/recommendations", "/api/v1/recommendations/{id}/actions/{action}",
        ] {
            assert!(paths.contains_key(path), "{path} is not documented");
        }
        // Every documented route is served: none falls through to "no such address".
        let anonymous = server.anonymous();
        for (path, item) in paths {
            let concrete = path.replace("{reference}", "LEIC-2026-0001").replace("{id}", "1")
                .replace("{action}", "acknowledge").replace("{year}", "2026");
            for method in item.as_object().unwrap().keys() {
                let method: Method = method.to_uppercase().parse().unwrap();
                let (_, answer) = anonymous.send(method.clone(), &concrete, None).await;
                assert_ne!(answer["type"], "/problems/no-route", "{method} {path}");
            }
        }
        let schemas = document["components"]["schemas"].as_object().unwrap();
        for schema in ["CaseView", "Problem", "ActionRequest", "NewCaseRequest", "ActionKind"] {
            assert!(schemas.contains_key(schema), "{schema}");
        }
        // Parameters are where the document says: a path parameter is one the path names,
        // and every name in the path is one; the rest are asked in the query or headers.
        for (path, item) in paths {
            for (method, operation) in item.as_object().unwrap() {
                let parameters = operation["parameters"].as_array().cloned().unwrap_or_default();
                let in_path: Vec<&str> = parameters
                    .iter()
                    .filter(|p| p["in"] == "path")
                    .map(|p| p["name"].as_str().unwrap())
                    .collect();
                let named: Vec<&str> = path.split('{').skip(1).map(|rest| rest.split('}').next().unwrap()).collect();
                assert_eq!(in_path, named, "{method} {path}: path parameters");
            }
        }
        let list = &paths["/api/v1/cases"]["get"]["parameters"];
        let stage = list.as_array().unwrap().iter().find(|p| p["name"] == "stage").unwrap();
        assert_eq!(stage["in"], "query", "the case list is filtered in the query");
        // The filters and paging a client generated from the document must send as a query.
        for (path, name) in [
            ("/api/v1/cases", "state"),
            ("/api/v1/cases", "page"),
            ("/api/v1/cases", "per_page"),
            ("/api/v1/reports/outcomes", "from"),
            ("/api/v1/users", "page"),
        ] {
            let parameters = paths[path]["get"]["parameters"].as_array().unwrap();
            let declared = parameters.iter().find(|p| p["name"] == name);
            assert_eq!(declared.map(|p| &p["in"]), Some(&Value::from("query")), "{path} ?{name}");
        }
        // Every operation lists the answers any request may get, as problem documents.
        for (path, item) in paths {
            for (method, operation) in item.as_object().unwrap() {
                let unavailable = &operation["responses"]["503"]["content"]["application/problem+json"];
                assert!(unavailable.is_object(), "{method} {path} does not list 503");
            }
        }
        // Every reference resolves, so generators and fuzzers can read the whole document.
        let text = document.to_string();
        for reference in text.split("\"#/components/schemas/").skip(1) {
            let name = reference.split('"').next().unwrap();
            assert!(schemas.contains_key(name), "{name} is referred to but not defined");
        }
    }

    async fn the_command_line_migrates_creates_and_verifies(db: Db) {
        // A process told not to migrate refuses an unmigrated database, saying what to run.
        let no_migrating = [("DISPUTES__DATABASE__MIGRATE_ON_START", "false")];
        let (ok, _, err) = db.run(&["serve"], &no_migrating);
        assert!(!ok);
        assert!(err.contains("migrations are pending") && err.contains("disputes migrate"), "{err}");
        let (ok, out, err) = db.run(&["migrate"], &[]);
        assert!(ok, "{out}{err}");
        assert!(out.contains(" migrations applied"), "{out}");
        let (ok, out, err) = db.run(&["migrate"], &[]);
        assert!(ok, "migrating twice: {out}{err}");
        assert!(out.contains("no migrations pending"), "migrating twice: {out}");
        // The first facilitator, with the password on standard input.
        let mut child = db
            .command(&[])
            .args(["admin", "create", "--email", "first@example.org", "--name", "First Facilitator"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success());
        assert!(String::from_utf8_lossy(&output.stdout).contains("created facilitator"));
        // A short password is refused, and nobody is created.
        let (ok, _, err) = db.run(&["admin", "create", "--email", "second@example.org", "--name", "S", "--password-file", "/dev/null"], &[]);
        assert!(!ok);
        assert!(err.contains("at least 15 characters"), "{err}");
        let server = Server::start(&db, &[]);
        let facilitator = server.sign_in("first@example.org").await;
        let (_, me) = facilitator.get("/api/v1/me").await;
        assert_eq!(me["roles"], json!(["facilitator"]));
        drop(server);
        let (ok, out, _) = db.run(&["audit", "verify"], &[]);
        assert!(ok);
        assert!(out.contains("verified 0 cases"), "{out}");
    }

    async fn an_event_edited_in_the_database_fails_audit_verify(db: Db) {
        let server = Server::start(&db, &[]);
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let respondent = server.sign_in(&Cast::email("respondent")).await;
        let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
        let reference = case["reference"].as_str().unwrap().to_owned();
        respondent.act(&reference, "acknowledge", json!({})).await;
        respondent.act(&reference, "propose_resolution", json!({"terms": "The grant runs to June."})).await;
        drop(server);
        let (ok, out, err) = db.run(&["audit", "verify"], &[]);
        assert!(ok, "{out}{err}");
        // Someone with database access makes the council's offer look more generous.
        use sea_orm::ConnectionTrait;
        let connection = sea_orm::Database::connect(&db.url).await.unwrap();
        connection
            .execute_unprepared("UPDATE case_events SET payload = REPLACE(payload, 'June', 'December') WHERE seq = 3")
            .await
            .unwrap();
        connection.close().await.unwrap();
        let (ok, out, err) = db.run(&["audit", "verify"], &[]);
        assert!(!ok, "a tampered trail must not verify: {out}");
        assert!(format!("{out}{err}").contains(&format!("{reference} event 3")), "{out}{err}");
    }

    async fn the_demonstration_loads_a_living_compact(db: Db) {
        let password = db.dir.path().join("demo-password");
        std::fs::write(&password, PASSWORD).unwrap();
        let (ok, out, err) = db.run(&["demo", "--password-file", password.to_str().unwrap()], &[]);
        assert!(ok, "{out}{err}");
        assert!(out.contains("18 organisations") && out.contains("14 cases"), "{out}");
        // Only into an empty database.
        let (ok, _, err) = db.run(&["demo", "--password-file", password.to_str().unwrap()], &[]);
        assert!(!ok);
        assert!(err.contains("empty"), "{err}");
        let (ok, out, err) = db.run(&["audit", "verify"], &[]);
        assert!(ok, "{out}{err}");
        let server = Server::start(&db, &[]);
        let facilitator = server.sign_in("facilitator@compact.example.org").await;
        let (_, page) = facilitator.get("/api/v1/cases?per_page=100").await;
        let states: std::collections::BTreeSet<&str> = page["items"].as_array().unwrap().iter().map(|c| c["state"].as_str().unwrap()).collect();
        for state in ["raised", "in_dialogue", "resolution_proposed", "submitted", "awaiting_panel", "under_review", "decided", "appeal_lodged", "appeal_under_review", "paused", "closed"] {
            assert!(states.contains(state), "no demonstration case is {state}");
        }
        // Those who oversee the cases belong to no organisation that is a party to one.
        for overseer in ["facilitator@compact.example.org", "chair@compact.example.org"] {
            let (_, me) = server.sign_in(overseer).await.get("/api/v1/me").await;
            assert!(me["organisation_id"].is_i64(), "{me}");
            for case in page["items"].as_array().unwrap() {
                for party in ["raising_organisation", "respondent_organisation"] {
                    assert_ne!(case[party]["id"], me["organisation_id"], "{overseer} is of a party to {}", case["reference"]);
                }
            }
        }
        let champion = server.sign_in("d.hardy@ageconcern.example.org").await;
        let (status, report) = champion.get("/api/v1/reports/annual/2026").await;
        assert_eq!(status, StatusCode::OK);
        assert!(report["cases"].as_u64().unwrap() >= 1);

        // The accounts can be printed again; the password cannot, but a new one can be set.
        let (ok, out, err) = db.run(&["demo", "accounts"], &[]);
        assert!(ok, "{out}{err}");
        assert!(out.contains("chair@compact.example.org") && out.contains("Margaret Ellis"), "{out}");
        assert!(out.contains("--new-password") && !out.contains(PASSWORD), "{out}");
        let (ok, out, err) = db.run(&["demo", "accounts", "--new-password"], &[]);
        assert!(ok, "{out}{err}");
        let new = out
            .split_whitespace()
            .find(|w| w.starts_with("demo-"))
            .unwrap_or_else(|| panic!("no new password in {out}"));
        let login = |password: &str| {
            json!({"email": "chair@compact.example.org", "password": password})
        };
        let anonymous = server.anonymous();
        let (status, _) = anonymous.post("/api/v1/auth/login", login(PASSWORD)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "the old password is gone");
        let (status, _) = anonymous.post("/api/v1/auth/login", login(new)).await;
        assert_eq!(status, StatusCode::OK);
        // A session signed in with the old password has ended.
        assert_eq!(champion.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
    }
}

#[test]
fn a_busy_port_stops_the_start_before_anything_is_loaded() {
    let db = Db::sqlite();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let output = db
        .command(&[("DISPUTES__SERVER__BIND", &format!("127.0.0.1:{port}"))])
        .args(["serve", "--demo"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let (out, err) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert_eq!(output.status.code(), Some(2), "{out}{err}");
    assert!(
        err.contains(&format!("port {port} is already in use")) && err.contains("server.bind"),
        "{err}"
    );
    // Nothing was loaded or printed, and no database was made.
    assert!(!out.contains("password"), "{out}");
    assert!(!db.dir.path().join("disputes.db").exists());
    // A bad setting is a setting to change too.
    let (ok, _, _) = db.run(&["serve"], &[("DISPUTES__SERVER__BIND", "nowhere")]);
    assert!(!ok);
    let status = db
        .command(&[("DISPUTES__SERVER__BIND", "nowhere")])
        .arg("serve")
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
}

#[test]
fn data_paths_are_found_from_the_configuration_file_whatever_the_folder() {
    let home = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let config = home.path().join("disputes.toml");
    std::fs::write(
        &config,
        "[database]\nurl = \"sqlite://data/disputes.db?mode=rwc\"\n\
         [email.file]\ndir = \"data/mail\"\n",
    )
    .unwrap();
    let password = home.path().join("password");
    std::fs::write(&password, PASSWORD).unwrap();
    let run = |folder: &std::path::Path, args: &[&str]| {
        let output = std::process::Command::new(crate::support::binary())
            .current_dir(folder)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .arg("--config")
            .arg(&config)
            .args(args)
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.success(), text)
    };
    let (ok, out) = run(
        home.path(),
        &["demo", "--password-file", password.to_str().unwrap()],
    );
    assert!(ok, "{out}");
    assert!(home.path().join("data/disputes.db").exists());
    // Run from another folder, the same command finds the same database.
    let (ok, out) = run(elsewhere.path(), &["demo", "accounts"]);
    assert!(ok && out.contains("chair@compact.example.org"), "{out}");
    assert!(!elsewhere.path().join("data").exists());
}

#[test]
fn a_bad_configuration_is_reported_with_its_key_and_nothing_starts() {
    let db = Db::sqlite();
    let (ok, _, err) = db.run(
        &["serve"],
        &[("DISPUTES__EMAIL__SMTP__PORT", "twenty-five")],
    );
    assert!(!ok);
    assert!(err.contains("email.smtp.port"), "{err}");
    let (ok, _, err) = db.run(
        &["serve"],
        &[("DISPUTES__COMPACT__DEADLINES__ACKNOWLEDGE", "0")],
    );
    assert!(!ok);
    assert!(err.contains("compact.deadlines.acknowledge"), "{err}");
    // A claim on emails shorter than one attempt could let two processes send one email.
    let (ok, _, err) = db.run(&["serve"], &[("DISPUTES__EMAIL__LEASE_SECS", "30")]);
    assert!(!ok);
    assert!(err.contains("email.lease_secs"), "{err}");
    // Mail from localhost would be dropped once people use a real address.
    let public = [(
        "DISPUTES__SERVER__PUBLIC_URL",
        "https://disputes.example.org",
    )];
    let (ok, _, err) = db.run(&["serve"], &public);
    assert!(!ok);
    assert!(err.contains("email.from"), "{err}");
    assert!(
        !db.dir.path().join("disputes.db").exists(),
        "nothing was opened"
    );
    let (ok, _, err) = db.run(&["--config", "/no/such/file.toml", "migrate"], &[]);
    assert!(!ok);
    assert!(err.contains("/no/such/file.toml"), "{err}");
    let file = db.dir.path().join("custom.toml");
    std::fs::write(&file, "[server]\nbnid = \"0.0.0.0:1\"\n").unwrap();
    let (ok, _, err) = db.run(&["--config", file.to_str().unwrap(), "migrate"], &[]);
    assert!(!ok);
    assert!(err.contains("bnid"), "{err}");
}

on_both_databases! {
    async fn a_full_run_logged_at_debug_level_shows_no_secret(db: Db) {
        // The database password, where there is one: PostgreSQL here trusts local
        // connections, so any password opens it, and it must still never be written down.
        let db_secret = "db-secret-Zq81";
        let mut db = db;
        db.url = db.url.replacen("postgres@", &format!("postgres:{db_secret}@"), 1);
        let mut server = Server::start(&db, &[("DISPUTES__LOG__FILTER", "debug")]);
        let cast = enrol(&server, &db).await;
        let mut secrets = vec![PASSWORD.to_owned(), db_secret.to_owned()];
        // A failed sign-in, a sign-in, a password change, and a case walked to a decision.
        let wrong = "wrong-password-Kx42";
        let (status, _) = server
            .anonymous()
            .post("/api/v1/auth/login", json!({"email": Cast::email("raiser"), "password": wrong}))
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        secrets.push(wrong.to_owned());
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let respondent = server.sign_in(&Cast::email("respondent")).await;
        let chair = server.sign_in(&Cast::email("chair")).await;
        let panel = server.sign_in(&Cast::email("panel_vcs")).await;
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        for client in [&raiser, &respondent, &chair, &panel, &facilitator] {
            secrets.push(client.token.clone().unwrap());
        }
        let changed = "a new passphrase for Melton";
        let (status, _) = facilitator
            .patch(&format!("/api/v1/users/{}", cast.ids["other_member"]), json!({"password": changed}))
            .await;
        assert_eq!(status, StatusCode::OK);
        secrets.push(changed.to_owned());
        let (status, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
        assert_eq!(status, StatusCode::CREATED);
        let reference = case["reference"].as_str().unwrap().to_owned();
        respondent.act(&reference, "acknowledge", json!({})).await;
        raiser.act(&reference, "escalate", json!({"reason": "No reply."})).await;
        chair.act(&reference, "accept_formal", json!({})).await;
        let members = json!({"member_ids": [cast.ids["panel_vcs"], cast.ids["panel_psa"]], "chair_id": cast.ids["panel_vcs"]});
        chair.act(&reference, "convene_panel", members).await;
        panel.act(&reference, "issue_decision", json!({"outcome": "upheld", "findings": "Two weeks is not three months.", "recommendations": []})).await;
        // The pages: a visitor's cookie, the form token, a session cookie from the form.
        let mut visitor = Visitor::new(&server);
        let page = visitor.get("/login").await;
        let token = page.token();
        secrets.push(token.clone());
        secrets.push(visitor.cookie.split('=').nth(1).unwrap().to_owned());
        let email = Cast::email("respondent");
        let signed_in = visitor.post("/login", &[("csrf", &token), ("email", &email), ("password", PASSWORD)]).await;
        assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
        let session = signed_in.header("set-cookie");
        let session = session.split(';').next().unwrap().split('=').nth(1).unwrap().to_owned();
        secrets.push(session);

        let status = server.stop();
        assert!(status.success(), "{status:?}");
        let logs = server.logs();
        assert!(logs.contains("shutting down") && logs.contains("stopped"), "{logs}");
        assert!(
            logs.lines().all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()),
            "log lines are JSON"
        );
        assert!(logs.contains("request.id"), "{logs}");
        assert!(logs.contains("\"level\":\"DEBUG\""), "the run was logged at debug level");
        // What people wrote stays out of the logs too.
        secrets.push("The grant ends on the 15th".to_owned());
        for secret in &secrets {
            let line = logs.lines().find(|l| l.contains(secret.as_str()));
            assert!(line.is_none(), "a log line carries {secret:?}: {line:?}");
        }
    }
}

#[tokio::test]
async fn a_backup_taken_while_serving_restores_every_case_with_its_chain() {
    let db = Db::sqlite();
    let password = db.dir.path().join("demo-password");
    std::fs::write(&password, PASSWORD).unwrap();
    let (ok, out, err) = db.run(
        &["demo", "--password-file", password.to_str().unwrap()],
        &[],
    );
    assert!(ok, "{out}{err}");
    let server = Server::start(&db, &[]);
    let facilitator = server.sign_in("facilitator@compact.example.org").await;
    // A case raised while the server runs, so the copy must take what is still in the WAL.
    let raiser = server.sign_in("jo.patel@ageconcern.example.org").await;
    let (_, page) = raiser.get("/api/v1/cases").await;
    let existing = page["items"][0]["reference"].as_str().unwrap().to_owned();
    let (_, case) = raiser.get(&format!("/api/v1/cases/{existing}")).await;
    let body = json!({
        "respondent_organisation_id": case["respondent_organisation"]["id"],
        "title": "Transport grant ended at a week's notice",
        "summary": "The minibus grant ends on Friday; we were told on Monday.",
        "principles": ["notice"],
        "desired_outcome": "Three months' notice.",
    });
    let (status, made) = raiser.post("/api/v1/cases", body).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let raised = made["reference"].as_str().unwrap().to_owned();
    let (_, before) = facilitator.get("/api/v1/cases?per_page=100").await;

    let copy = db.dir.path().join("copy.db");
    let (ok, out, err) = db.run(&["backup", copy.to_str().unwrap()], &[]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("copied the database"), "{out}");
    // The copy is whole without the original's WAL, and never overwritten.
    assert!(!db.dir.path().join("copy.db-wal").exists());
    let (ok, _, err) = db.run(&["backup", copy.to_str().unwrap()], &[]);
    assert!(!ok);
    assert!(err.contains("already exists"), "{err}");
    drop(server);

    let restored = Db::sqlite();
    std::fs::copy(&copy, restored.dir.path().join("disputes.db")).unwrap();
    let (ok, out, err) = restored.run(&["audit", "verify"], &[]);
    assert!(ok, "{out}{err}");
    let cases = before["total"].as_u64().unwrap();
    assert!(out.contains(&format!("verified {cases} cases")), "{out}");
    let server = Server::start(&restored, &[]);
    let facilitator = server.sign_in("facilitator@compact.example.org").await;
    let (_, after) = facilitator.get("/api/v1/cases?per_page=100").await;
    assert_eq!(after["items"], before["items"]);
    let (status, case) = facilitator.get(&format!("/api/v1/cases/{raised}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(case["state"], "raised");
}

#[tokio::test]
async fn a_backup_of_postgresql_points_to_pg_dump_and_of_nothing_refuses() {
    let db = Db::postgres().await;
    let (ok, _, err) = db.run(&["backup", "/tmp/never-written.db"], &[]);
    assert!(!ok);
    assert!(err.contains("pg_dump"), "{err}");
    let empty = Db::sqlite();
    let copy = empty.dir.path().join("copy.db");
    let (ok, _, err) = empty.run(&["backup", copy.to_str().unwrap()], &[]);
    assert!(!ok);
    assert!(err.contains("there is no database"), "{err}");
    assert!(!copy.exists() && !empty.dir.path().join("disputes.db").exists());
}

/// Two processes share one PostgreSQL with no sticky sessions: a person signed in through
/// one is signed in on the other, a case raised through one is acted on through the other,
/// and signing out through the second ends the session on both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_in_and_a_case_on_one_process_are_good_on_the_other() {
    let db = Db::postgres().await;
    let first = Server::start(&db, &[]);
    let second = Server::start(&db, &[("DISPUTES__DATABASE__MIGRATE_ON_START", "false")]);
    let cast = enrol(&first, &db).await;
    let raiser = first.sign_in(&Cast::email("raiser")).await;
    let (status, raised) = raiser.post("/api/v1/cases", cast.new_case()).await;
    assert_eq!(status, StatusCode::CREATED, "{raised}");
    let reference = raised["reference"].as_str().unwrap();

    // The same session, through the other process.
    let elsewhere = crate::support::Client {
        base: second.base.clone(),
        ..raiser.clone()
    };
    let (status, case) = elsewhere.get(&format!("/api/v1/cases/{reference}")).await;
    assert_eq!(status, StatusCode::OK, "{case}");
    let officer = second.sign_in(&Cast::email("respondent")).await;
    let (status, acted) = officer
        .post(
            &format!("/api/v1/cases/{reference}/actions/acknowledge"),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{acted}");
    let (_, seen) = raiser.get(&format!("/api/v1/cases/{reference}")).await;
    assert_eq!(
        seen["state"], acted["state"],
        "the first process reads what the second wrote"
    );

    let (status, _) = elsewhere
        .send(Method::POST, "/api/v1/auth/logout", None)
        .await;
    assert!(status.is_success(), "{status}");
    let (status, _) = raiser.get(&format!("/api/v1/cases/{reference}")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

/// The systemd unit verifies (`systemd-analyze verify`, with only its binary's path changed
/// to the one built here), runs as its own user, restarts on failure, and may write only in
/// its data folder.
#[test]
fn the_systemd_unit_verifies_and_keeps_the_service_to_its_data_folder() {
    let unit = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../packaging/disputes.service"
    ))
    .unwrap();
    let lines: Vec<&str> = unit.lines().collect();
    for setting in [
        "User=disputes",
        "Restart=on-failure",
        "ProtectSystem=strict",
        "PrivateTmp=true",
        "NoNewPrivileges=true",
        "ReadWritePaths=/var/lib/disputes",
    ] {
        assert!(lines.contains(&setting), "the unit lacks {setting}");
    }
    let writable: Vec<&&str> = lines
        .iter()
        .filter(|l| l.starts_with("ReadWritePaths="))
        .collect();
    assert_eq!(writable, [&"ReadWritePaths=/var/lib/disputes"]);
    let dir = tempfile::tempdir().unwrap();
    let here = dir.path().join("disputes.service");
    let built = unit.replace(
        "ExecStart=/usr/bin/disputes ",
        &format!("ExecStart={} ", crate::support::binary()),
    );
    assert_ne!(built, unit, "the unit starts /usr/bin/disputes");
    std::fs::write(&here, built).unwrap();
    crate::support::systemd_verify(&here);
}
