//! Signing in: cookies, bearer tokens, identical failures, throttling, signing out.

use reqwest::{Method, StatusCode, header};
use serde_json::json;

use crate::support::{Cast, PASSWORD, Server, enrol, on_both_databases};

on_both_databases! {
    async fn a_session_cookie_is_http_only_and_new_at_every_sign_in(db: Db) {
        let server = Server::start(&db, &[]);
        db.create_facilitator("fran@example.org");
        let anonymous = server.anonymous();
        let sign_in = async || {
            anonymous
                .request(Method::POST, "/api/v1/auth/login")
                .json(&json!({"email": "Fran@Example.org", "password": PASSWORD}))
                .send()
                .await
                .unwrap()
        };
        let first = sign_in().await;
        assert_eq!(first.status(), StatusCode::OK);
        let cookie = first.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap().to_owned();
        assert!(cookie.starts_with("disputes_session="), "{cookie}");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(!cookie.contains("Secure"), "not over plain http");
        let body: serde_json::Value = first.json().await.unwrap();
        let token = body["token"].as_str().unwrap().to_owned();
        // 32 random bytes, in hex.
        assert!(
            token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()),
            "{token}"
        );
        assert_eq!(body["user"]["roles"], json!(["facilitator"]));
        // The cookie alone signs in a request from the service's own pages.
        let secret = cookie.split(';').next().unwrap().to_owned();
        let me = anonymous
            .request(Method::GET, "/api/v1/me")
            .header(header::COOKIE, &secret)
            .header("sec-fetch-site", "same-origin")
            .send()
            .await
            .unwrap();
        assert_eq!(me.status(), StatusCode::OK);
        // A second sign-in gets a different session.
        let second: serde_json::Value = sign_in().await.json().await.unwrap();
        assert_ne!(second["token"].as_str().unwrap(), token);
        // Signing out ends that session only, and clears the cookie.
        let mut client = server.anonymous();
        client.token = Some(token.clone());
        let out = client.request(Method::POST, "/api/v1/auth/logout").send().await.unwrap();
        assert_eq!(out.status(), StatusCode::NO_CONTENT);
        assert!(out.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap().contains("Max-Age=0"));
        assert_eq!(client.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
        client.token = Some(second["token"].as_str().unwrap().to_owned());
        assert_eq!(client.get("/api/v1/me").await.0, StatusCode::OK);
    }

    async fn secure_cookies_behind_https(db: Db) {
        let server = Server::start(
            &db,
            &[
                ("DISPUTES__SERVER__PUBLIC_URL", "https://disputes.example.org"),
                ("DISPUTES__EMAIL__FROM", "Compact disputes <disputes@example.org>"),
            ],
        );
        db.create_facilitator("fran@example.org");
        let response = server
            .anonymous()
            .request(Method::POST, "/api/v1/auth/login")
            .json(&json!({"email": "fran@example.org", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert!(response.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap().ends_with("; Secure"));
        // The visitor's cookie, which the pages' form tokens derive from, too.
        let page = server.anonymous().request(Method::GET, "/login").send().await.unwrap();
        let visitor = page.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap();
        assert!(visitor.starts_with("disputes_visitor=") && visitor.ends_with("; Secure"), "{visitor}");
    }

    async fn a_session_id_chosen_before_sign_in_is_never_the_one_given(db: Db) {
        let server = Server::start(&db, &[]);
        db.create_facilitator("fran@example.org");
        // An attacker plants a session id in the victim's browser, hoping sign-in adopts it.
        let planted = "ab".repeat(32);
        let response = server
            .anonymous()
            .request(Method::POST, "/api/v1/auth/login")
            .header(header::COOKIE, format!("disputes_session={planted}"))
            .json(&json!({"email": "fran@example.org", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let cookie = response.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap().to_owned();
        assert!(!cookie.contains(&planted), "{cookie}");
        let me = server
            .anonymous()
            .request(Method::GET, "/api/v1/me")
            .header(header::COOKIE, format!("disputes_session={planted}"))
            .send()
            .await
            .unwrap();
        assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
    }

    async fn failures_look_the_same_and_are_slowed_down(db: Db) {
        let server = Server::start(&db, &[]);
        db.create_facilitator("fran@example.org");
        let anonymous = server.anonymous();
        let attempt = async |email: &str, password: &str| {
            anonymous.post("/api/v1/auth/login", json!({"email": email, "password": password})).await
        };
        // An unknown account and a wrong password get the same answer.
        let unknown = attempt("nobody@example.org", "whatever it is").await;
        let wrong = attempt("fran@example.org", "not the password").await;
        assert_eq!(unknown, wrong);
        assert_eq!(unknown.0, StatusCode::UNAUTHORIZED);
        // Five failures for the account, then even the right password waits.
        for _ in 0..4 {
            assert_eq!(attempt("fran@example.org", "not the password").await.0, StatusCode::UNAUTHORIZED);
        }
        let (status, problem) = attempt("fran@example.org", PASSWORD).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{problem}");
        assert_eq!(problem["type"], "/problems/too-many-attempts");
    }
}

on_both_databases! {
    async fn an_address_trying_many_accounts_is_slowed_down(db: Db) {
        let server = Server::start(&db, &[]);
        db.create_facilitator("fran@example.org");
        let anonymous = server.anonymous();
        for n in 0..20 {
            let (status, _) = anonymous
                .post("/api/v1/auth/login", json!({"email": format!("guess{n}@example.org"), "password": "guessing"}))
                .await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
        }
        let (status, _) = anonymous
            .post("/api/v1/auth/login", json!({"email": "fran@example.org", "password": PASSWORD}))
            .await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    }

    async fn a_deactivated_person_is_signed_out_and_kept_out(db: Db) {
        let server = Server::start(&db, &[]);
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let (status, _) = facilitator
            .patch(&format!("/api/v1/users/{}", cast.ids["raiser"]), json!({"active": false}))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(raiser.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
        let (status, _) = server
            .anonymous()
            .post("/api/v1/auth/login", json!({"email": Cast::email("raiser"), "password": PASSWORD}))
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        // A facilitator cannot shut themselves out: another facilitator must do it.
        let (_, me) = facilitator.get("/api/v1/me").await;
        let myself = format!("/api/v1/users/{}", me["id"]);
        let (status, problem) = facilitator.patch(&myself, json!({"active": false})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(problem["errors"][0]["field"], "active");
        let (status, problem) = facilitator.patch(&myself, json!({"roles": ["chair"]})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(problem["errors"][0]["field"], "roles");
        let (status, me) = facilitator.get("/api/v1/me").await;
        assert_eq!((status, me["roles"].clone(), me["active"].clone()), (StatusCode::OK, json!(["facilitator"]), json!(true)));
        let (status, _) = facilitator.patch(&myself, json!({"roles": ["facilitator", "chair"], "name": "Fran F."})).await;
        assert_eq!(status, StatusCode::OK);
    }

    async fn a_retried_write_with_the_same_key_acts_once(db: Db) {
        let server = Server::start(&db, &[]);
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let send = async |key: &str, body: &serde_json::Value| {
            let response = raiser
                .request(Method::POST, "/api/v1/cases")
                .header("Idempotency-Key", key)
                .json(body)
                .send()
                .await
                .unwrap();
            let replayed = response.headers().contains_key("idempotent-replayed");
            (response.status(), replayed, response.json::<serde_json::Value>().await.unwrap())
        };
        let body = cast.new_case();
        let first = send("raise-1", &body).await;
        let second = send("raise-1", &body).await;
        assert_eq!(first.0, StatusCode::CREATED);
        assert_eq!((second.0, second.1), (StatusCode::CREATED, true));
        assert_eq!(first.2["reference"], second.2["reference"]);
        let (_, page) = raiser.get("/api/v1/cases").await;
        assert_eq!(page["total"], 1);
        // The same key with another body is refused; another key acts.
        let mut other = body.clone();
        other["title"] = json!("Another disagreement");
        let reused = send("raise-1", &other).await;
        assert_eq!(reused.0, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(send("raise-2", &other).await.0, StatusCode::CREATED);
        let (_, page) = raiser.get("/api/v1/cases").await;
        assert_eq!(page["total"], 2);
    }
}
