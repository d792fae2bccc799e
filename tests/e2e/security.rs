//! What each person may read, and what a hostile one can do: one test for each control of
//! SECURITY.md that the authorisation matrix (`authz.rs`) does not already hold.

use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};

use crate::support::visitor::Visitor;
use crate::support::{Cast, Db, PASSWORD, Server, enrol, on_both_databases};

/// Takes a case to its formal panel; gives its reference.
async fn before_the_panel(server: &Server, cast: &Cast) -> String {
    let raiser = server.sign_in(&Cast::email("raiser")).await;
    let respondent = server.sign_in(&Cast::email("respondent")).await;
    let chair = server.sign_in(&Cast::email("chair")).await;
    let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
    let reference = case["reference"].as_str().unwrap().to_owned();
    respondent.act(&reference, "acknowledge", json!({})).await;
    raiser
        .act(&reference, "escalate", json!({"reason": "Stuck."}))
        .await;
    chair.act(&reference, "accept_formal", json!({})).await;
    chair.act(&reference, "convene_panel", json!({"member_ids": [cast.ids["panel_vcs"], cast.ids["panel_psa"]], "chair_id": cast.ids["panel_vcs"]})).await;
    reference
}

fn field(problem: &Value) -> &str {
    problem["errors"][0]["field"].as_str().unwrap_or_default()
}

on_both_databases! {
    async fn whoever_may_write_for_the_panel_must_choose_and_the_parties_cannot(db: Db) {
        let server = Server::start(&db, &[]);
        let cast = enrol(&server, &db).await;
        let reference = before_the_panel(&server, &cast).await;
        let messages = format!("/api/v1/cases/{reference}/messages");
        let (chair, panel, raiser) = (
            server.sign_in(&Cast::email("chair")).await,
            server.sign_in(&Cast::email("panel_vcs")).await,
            server.sign_in(&Cast::email("raiser")).await,
        );
        // The chair and the panel must say who a message is for: nothing defaults to the panel
        // or to the parties.
        for writer in [&chair, &panel] {
            let (status, problem) = writer.post(&messages, json!({"body": "Who reads this?"})).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
            assert_eq!(field(&problem), "visibility");
            let (status, problem) = writer.upload(&reference, "notes.txt", b"Who reads this?", None).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
            assert_eq!(field(&problem), "visibility");
        }
        // A party writes for everyone, and may not write for the panel.
        let (status, _) = raiser.post(&messages, json!({"body": "For everyone."})).await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, _) = raiser.post(&messages, json!({"body": "Sneaky.", "visibility": "panel"})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = raiser.upload(&reference, "notes.txt", b"Sneaky.", Some("panel")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // The panel's note and file belong to the formal panel, and the parties see neither.
        let (status, note) = panel.post(&messages, json!({"body": "Between us.", "visibility": "panel"})).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!((note["visibility"].as_str(), note["panel_scope"].as_str()), (Some("panel"), Some("formal")));
        let (status, file) = panel.upload(&reference, "draft.txt", b"Draft findings.", Some("panel")).await;
        assert_eq!(status, StatusCode::CREATED, "{file}");
        assert_eq!(file["panel_scope"], "formal");
        let (_, seen) = raiser.get(&messages).await;
        assert!(!seen.to_string().contains("Between us."));
        let (_, files) = raiser.get(&format!("/api/v1/cases/{reference}/attachments")).await;
        assert!(files.as_array().unwrap().is_empty());
        let id = file["id"].as_i64().unwrap();
        assert_eq!(raiser.get(&format!("/api/v1/cases/{reference}/attachments/{id}")).await.0, StatusCode::NOT_FOUND);

        // On the page, nothing is chosen for them either.
        let mut visitor = Visitor::signed_in(&server, "chair").await;
        let answer = visitor.get(&format!("/cases/{reference}")).await;
        let choices: Vec<&str> = answer.body.split("name=\"visibility\"").skip(1).map(|rest| &rest[..rest.find('>').unwrap()]).collect();
        assert_eq!(choices.len(), 4, "two choices for a message, two for a file");
        assert!(choices.iter().all(|input| !input.contains("checked")), "{choices:?}");
        let token = answer.token();
        let refused = visitor.post(&format!("/cases/{reference}/messages"), &[("csrf", &token), ("body", "Who reads this?")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Choose who can read it"), "the page asks for the choice");
    }

    async fn outcome_counts_never_pick_out_a_case(db: Db) {
        let server = Server::start(&db, &[]);
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        // Five cases about notice, and one about consultation.
        for n in 0..6 {
            let mut case = cast.new_case();
            case["principles"] = if n == 5 { json!(["consultation"]) } else { json!(["notice"]) };
            let (status, _) = raiser.post("/api/v1/cases", case).await;
            assert_eq!(status, StatusCode::CREATED);
        }
        let champion = server.sign_in(&Cast::email("other_champion")).await;
        let chair = server.sign_in(&Cast::email("chair")).await;
        let year = "/api/v1/reports/outcomes?from=2026-01-01&to=2026-12-31";
        let (status, report) = champion.get(year).await;
        assert_eq!(status, StatusCode::OK, "{report}");
        assert_eq!((report["min_cell"].as_u64(), report["suppressed"].as_bool()), (Some(5), Some(true)));
        assert_eq!(report["cases"], 6);
        // The lone consultation case is hidden, and so is the count it would be worked out
        // from.
        let principles = report["by_principle"].as_array().unwrap();
        assert!(principles.iter().all(|c| c["count"].is_null() && c["suppressed"] == true), "{principles:?}");
        // The chair and the facilitator see exact figures.
        let (_, exact) = chair.get(year).await;
        assert_eq!(exact["min_cell"], 1);
        assert_eq!(exact["suppressed"], false);
        let count = |report: &Value, key: &str| report["by_principle"].as_array().unwrap().iter().find(|c| c["key"] == key).unwrap()["count"].clone();
        assert_eq!((count(&exact, "notice"), count(&exact, "consultation")), (json!(5), json!(1)));
        // A champion cannot narrow the period to pick a case out; the chair can.
        let day = "/api/v1/reports/outcomes?from=2026-03-02&to=2026-03-02";
        let (status, problem) = champion.get(day).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(field(&problem), "to");
        let quarter = "/api/v1/reports/outcomes?from=2026-01-01&to=2026-03-31";
        assert_eq!(champion.get(quarter).await.0, StatusCode::OK);
        assert_eq!(champion.get("/api/v1/reports/outcomes?from=2026-01-01&to=2026-03-30").await.0, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(chair.get(day).await.0, StatusCode::OK);
        // The CSV says so in words.
        let csv = champion.request(Method::GET, &format!("{year}&format=csv")).send().await.unwrap().text().await.unwrap();
        assert!(csv.contains("principle,consultation,fewer than 5"), "{csv}");
        assert!(csv.contains("cases,all,6"), "{csv}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_works_only_from_the_services_own_pages() {
    let db = Db::sqlite();
    let server = Server::start(&db, &[]);
    let cast = enrol(&server, &db).await;
    let raiser = server.sign_in(&Cast::email("raiser")).await;
    let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
    let reference = case["reference"].as_str().unwrap().to_owned();
    let cookie = format!("disputes_session={}", raiser.token.clone().unwrap());
    let withdraw = format!("/api/v1/cases/{reference}/actions/withdraw");
    let anonymous = server.anonymous();
    let send = async |path: &str, headers: &[(&str, &str)], multipart: bool| {
        let mut request = anonymous
            .request(Method::POST, path)
            .header(header::COOKIE, &cookie);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request = if multipart {
            let part = reqwest::multipart::Part::bytes(b"%PDF-1.7 x".to_vec()).file_name("x.pdf");
            request.multipart(reqwest::multipart::Form::new().part("file", part))
        } else {
            request.json(&json!({"reason": "A sibling site made the browser do this."}))
        };
        request.send().await.unwrap().status()
    };
    // A sibling site's page, another site's, an old browser's foreign Origin, a bare request:
    // refused, whether an action or an upload.
    let attachments = format!("/api/v1/cases/{reference}/attachments");
    for headers in [
        &[("sec-fetch-site", "same-site")][..],
        &[("sec-fetch-site", "cross-site")],
        &[("origin", "http://evil.example.org")],
        &[],
    ] {
        assert_eq!(
            send(&withdraw, headers, false).await,
            StatusCode::FORBIDDEN,
            "{headers:?}"
        );
        assert_eq!(
            send(&attachments, headers, true).await,
            StatusCode::FORBIDDEN,
            "{headers:?}"
        );
    }
    let (_, still) = raiser.get(&format!("/api/v1/cases/{reference}")).await;
    assert_eq!(still["state"], "raised", "nothing was done");
    assert_eq!(
        raiser.get(&attachments).await.1.as_array().unwrap().len(),
        0
    );
    // From the service's own page, the cookie acts; and a bearer token needs no such header.
    let own_origin = server.base.clone();
    assert_eq!(
        send(&attachments, &[("origin", &own_origin)], true).await,
        StatusCode::CREATED
    );
    assert_eq!(
        send(&withdraw, &[("sec-fetch-site", "same-origin")], false).await,
        StatusCode::OK
    );
    let (status, _) = raiser.get(&format!("/api/v1/cases/{reference}")).await;
    assert_eq!(status, StatusCode::OK);
}

on_both_databases! {
    async fn a_stranger_guessing_never_locks_the_owner_out(db: Db) {
        let server = Server::start(&db, &[]);
        db.create_facilitator("fran@example.org");
        let login = async |cookie: Option<&str>, password: &str| {
            let mut request = server.anonymous().request(Method::POST, "/api/v1/auth/login");
            if let Some(cookie) = cookie {
                request = request.header(header::COOKIE, cookie);
            }
            let response = request.json(&json!({"email": "fran@example.org", "password": password})).send().await.unwrap();
            let status = response.status();
            let retry = response.headers().get(header::RETRY_AFTER).map(|v| v.to_str().unwrap().parse::<u64>().unwrap());
            let device = response
                .headers()
                .get_all(header::SET_COOKIE)
                .iter()
                .map(|v| v.to_str().unwrap().to_owned())
                .find(|c| c.starts_with("disputes_device="));
            (status, retry, device)
        };
        // Fran signs in from her own browser, which is remembered for 180 days.
        let (status, _, device) = login(None, PASSWORD).await;
        assert_eq!(status, StatusCode::OK);
        let device = device.expect("a browser new to the account is remembered");
        assert!(device.contains("HttpOnly") && device.contains("SameSite=Lax") && device.contains("Max-Age=15552000"), "{device}");
        let fran = device.split(';').next().unwrap().to_owned();
        // A stranger guesses five times: then every new client waits out the 15-minute window,
        // told how long, even with the right password.
        for _ in 0..5 {
            assert_eq!(login(None, "is it this one?").await.0, StatusCode::UNAUTHORIZED);
        }
        let (status, retry, _) = login(None, PASSWORD).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        let retry = retry.expect("Retry-After");
        assert!((850..=900).contains(&retry), "{retry}");
        // Fran's own browser is not held up.
        let (status, _, again) = login(Some(&fran), PASSWORD).await;
        assert_eq!(status, StatusCode::OK);
        assert!(again.is_none(), "a remembered browser is not given another cookie");
        // A browser remembered for another account is a stranger to this one.
        let other = "disputes_device=".to_owned() + &"a".repeat(64);
        assert_eq!(login(Some(&other), PASSWORD).await.0, StatusCode::TOO_MANY_REQUESTS);
        // Fran's browser has a count of its own: ten slips, then it waits too.
        for _ in 0..10 {
            assert_eq!(login(Some(&fran), "a slip of the finger").await.0, StatusCode::UNAUTHORIZED);
        }
        let (status, retry, _) = login(Some(&fran), PASSWORD).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert!(retry.is_some_and(|r| (850..=900).contains(&r)), "{retry:?}");
        // The sign-in page says the same, with the same header.
        let mut visitor = Visitor::new(&server);
        let token = visitor.get("/login").await.token();
        let page = visitor.post("/login", &[("csrf", &token), ("email", "fran@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(page.body.contains("a browser you have signed in with before"), "{}", page.body);
        assert!(!page.header("retry-after").is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_each_client_is_counted_on_its_own() {
    let db = Db::sqlite();
    let server = Server::start(
        &db,
        &[("DISPUTES__SERVER__TRUSTED_PROXIES", "[\"127.0.0.0/8\"]")],
    );
    db.create_facilitator("fran@example.org");
    let attempt = async |forwarded: &str, n: usize| {
        server
            .anonymous()
            .request(Method::POST, "/api/v1/auth/login")
            .header("x-forwarded-for", forwarded)
            .json(&json!({"email": format!("guess{n}@example.org"), "password": "guessing"}))
            .send()
            .await
            .unwrap()
            .status()
    };
    // One client behind the proxy guesses at twenty accounts, and is held up...
    for n in 0..20 {
        assert_eq!(attempt("203.0.113.7", n).await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        attempt("203.0.113.7", 20).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // ...even when it claims another address before the proxy's own.
    assert_eq!(
        attempt("198.51.100.1, 203.0.113.7", 21).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Everyone else behind the same proxy signs in as ever.
    assert_eq!(attempt("203.0.113.8", 22).await, StatusCode::UNAUTHORIZED);
    let fran = server
        .anonymous()
        .request(Method::POST, "/api/v1/auth/login")
        .header("x-forwarded-for", "192.0.2.44")
        .json(&json!({"email": "fran@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(fran.status(), StatusCode::OK);
}

on_both_databases! {
    async fn names_addresses_and_passwords_are_judged_as_people_mean_them(db: Db) {
        let server = Server::start(&db, &[]);
        let cast = enrol(&server, &db).await;
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let person = |email: &str, password: &str| json!({"email": email, "name": "Zoë Brown", "organisation_id": cast.volunteers, "roles": ["member"], "password": password});
        // One plain address, nothing around it.
        for bad in ["<x@evil.example>", "Zoe <zoe@example.org>", "zoe@example.org, boss@example.org"] {
            let (status, problem) = facilitator.post("/api/v1/users", person(bad, PASSWORD)).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {problem}");
            assert_eq!(field(&problem), "email", "{bad}");
        }
        // An address in another Unicode form or case is the same address.
        let (status, created) = facilitator.post("/api/v1/users", person("Zo\u{e9}@Example.org", PASSWORD)).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(created["email"], "zo\u{e9}@example.org");
        let (status, _) = facilitator.post("/api/v1/users", person("zoe\u{301}@example.org", PASSWORD)).await;
        assert_eq!(status, StatusCode::CONFLICT);
        server.sign_in("ZOE\u{301}@EXAMPLE.ORG").await;
        // An organisation's name is the same name whatever its case and spacing.
        let (status, _) = facilitator.post("/api/v1/organisations", json!({"name": "age concern  LEICESTERSHIRE", "sector": "vcs", "grouping": "Voluntary and Community"})).await;
        assert_eq!(status, StatusCode::CONFLICT);
        // Passwords: long enough, not common, not the person's own name, nothing trimmed.
        for (password, says) in [
            ("short one", "at least 15 characters"),
            ("Password123456789", "passwords people use most"),
            ("brownbrownbrown 1", "repeats"),
            ("Zoe Brown example 2026", "your name"),
        ] {
            let (status, problem) = facilitator.post("/api/v1/users", person("new@example.org", password)).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{password}");
            assert_eq!(field(&problem), "password");
            assert!(problem["errors"][0]["message"].as_str().unwrap().contains(says), "{password}: {problem}");
        }
        let spaced = "  tulip river lantern  ";
        let (status, created) = facilitator.post("/api/v1/users", person("spaces@example.org", spaced)).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let login = async |password: &str| {
            server.anonymous().post("/api/v1/auth/login", json!({"email": "spaces@example.org", "password": password})).await.0
        };
        assert_eq!(login(spaced.trim()).await, StatusCode::UNAUTHORIZED);
        assert_eq!(login(spaced).await, StatusCode::OK);
        // The sign-in page keeps the spaces too.
        let mut visitor = Visitor::new(&server);
        let token = visitor.get("/login").await.token();
        let signed_in = visitor.post("/login", &[("csrf", &token), ("email", "spaces@example.org"), ("password", spaced)]).await;
        assert_eq!(signed_in.status, StatusCode::SEE_OTHER, "{}", signed_in.body);
    }

    async fn one_person_cannot_flood_an_organisations_inboxes(db: Db) {
        let server = Server::start(&db, &[("DISPUTES__LIMITS__CASES_RAISED_PER_DAY", "2")]);
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        for _ in 0..2 {
            assert_eq!(raiser.post("/api/v1/cases", cast.new_case()).await.0, StatusCode::CREATED);
        }
        let response = raiser.request(Method::POST, "/api/v1/cases").json(&cast.new_case()).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        let retry: u64 = response.headers()[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
        assert!((86_000..=86_400).contains(&retry), "{retry}");
        let (_, list) = raiser.get("/api/v1/cases").await;
        assert_eq!(list["total"], 2, "nothing was raised");
        // Another member of the organisation is not held up by it.
        let other = server.sign_in(&Cast::email("respondent")).await;
        let mut back = cast.new_case();
        back["respondent_organisation_id"] = json!(cast.volunteers);
        assert_eq!(other.post("/api/v1/cases", back).await.0, StatusCode::CREATED);
    }

    async fn a_chair_working_for_a_party_is_on_the_record(db: Db) {
        let server = Server::start(&db, &[]);
        let cast = enrol(&server, &db).await;
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        // The chair moves to the council, which the volunteers' disagreement is with.
        let (status, _) = facilitator.patch(&format!("/api/v1/users/{}", cast.ids["chair"]), json!({"organisation_id": cast.council})).await;
        assert_eq!(status, StatusCode::OK);
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let respondent = server.sign_in(&Cast::email("respondent")).await;
        let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
        let reference = case["reference"].as_str().unwrap().to_owned();
        respondent.act(&reference, "acknowledge", json!({})).await;
        raiser.act(&reference, "escalate", json!({"reason": "Stuck."})).await;
        // The page warns the chair before they act...
        let mut chair_page = Visitor::signed_in(&server, "chair").await;
        let form = chair_page.get(&format!("/cases/{reference}/actions/accept_formal")).await;
        assert!(form.body.contains("You work for Leicestershire County Council, one of the parties"), "{}", form.body);
        // ...and the step is recorded for everyone on the case to see.
        let chair = server.sign_in(&Cast::email("chair")).await;
        let accepted = chair.act(&reference, "accept_formal", json!({})).await;
        assert_eq!(accepted["conflicts"][0]["person_id"], cast.ids["chair"]);
        assert_eq!(accepted["conflicts"][0]["organisation_id"], cast.council);
        assert_eq!(accepted["conflicts"][0]["action"], "accept_formal");
        let (_, seen) = raiser.get(&format!("/api/v1/cases/{reference}")).await;
        assert_eq!(seen["conflicts"], accepted["conflicts"]);
        let page = Visitor::signed_in(&server, "raiser").await.get(&format!("/cases/{reference}")).await.body;
        assert!(page.contains("Declared interests") && page.contains("works for Leicestershire County Council, a party to this case"), "{page}");

        // Decided and accepted, the council's recommendation is marked by the volunteers'
        // champion, never by the council's own.
        chair.act(&reference, "convene_panel", json!({"member_ids": [cast.ids["panel_vcs"], cast.ids["panel_psa"]], "chair_id": cast.ids["panel_vcs"]})).await;
        let panel = server.sign_in(&Cast::email("panel_vcs")).await;
        panel.act(&reference, "issue_decision", json!({"outcome": "upheld", "findings": "Short notice.", "recommendations": [{"text": "Give notice.", "owner_organisation_id": cast.council, "due_on": "2030-01-01"}]})).await;
        raiser.act(&reference, "accept_decision", json!({})).await;
        respondent.act(&reference, "accept_decision", json!({})).await;
        let (_, list) = facilitator.get("/api/v1/recommendations?status=open").await;
        let id = list["items"][0]["id"].as_i64().unwrap();
        let mark = format!("/api/v1/recommendations/{id}/actions/mark_implemented");
        let own = server.sign_in(&Cast::email("respondent_champion")).await;
        let (status, problem) = own.send(Method::POST, &mark, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
        let (_, case) = own.get(&format!("/api/v1/cases/{reference}")).await;
        assert!(!case["allowed_actions"].as_array().unwrap().contains(&json!("mark_recommendation")));
        let other_side = server.sign_in(&Cast::email("raiser_champion")).await;
        let (status, marked) = other_side.send(Method::POST, &mark, None).await;
        assert_eq!(status, StatusCode::OK, "{marked}");
        assert_eq!(marked["decision"]["recommendations"][0]["status"], "implemented");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn small_things_a_hostile_request_tries() {
    let db = Db::sqlite();
    let server = Server::start(&db, &[]);
    let cast = enrol(&server, &db).await;
    let raiser = server.sign_in(&Cast::email("raiser")).await;

    // Nothing signed in is kept by a cache or the back button; the stylesheet may be.
    for path in [
        "/api/v1/me",
        "/api/v1/cases",
        "/api/v1/cases/LEIC-2026-0999",
        "/cases",
        "/",
    ] {
        let response = raiser.request(Method::GET, path).send().await.unwrap();
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "no-store",
            "{path}"
        );
    }
    let style = raiser
        .request(Method::GET, "/assets/site.css")
        .send()
        .await
        .unwrap();
    assert_ne!(style.headers()[header::CACHE_CONTROL], "no-store");

    // A plain request id is kept; one that could forge a log line is replaced.
    let id_of = async |sent: &str| {
        let response = raiser
            .request(Method::GET, "/api/v1/me")
            .header("x-request-id", sent)
            .send()
            .await
            .unwrap();
        response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(id_of("checkout-7f3a.1").await, "checkout-7f3a.1");
    let forged = "x\" level=\"ERROR\" message=\"payment failed";
    let replaced = id_of(forged).await;
    assert_ne!(replaced, forged);
    assert_eq!(replaced.len(), 36, "a fresh UUID: {replaced}");
    assert_eq!(id_of(&"a".repeat(64)).await, "a".repeat(64), "64 is kept");
    assert_ne!(id_of(&"a".repeat(65)).await.len(), 65);
    assert!(!server.logs().contains("payment failed"));

    // Dates from outside a Compact's life are refused, naming the field.
    let cases = [
        (
            "/api/v1/rules/notice",
            json!({"notified_on": "0001-01-01", "effective_on": "2026-04-01"}),
            "notified_on",
        ),
        (
            "/api/v1/rules/consultation",
            json!({"opened_on": "2026-01-05", "closes_on": "9999-12-31"}),
            "closes_on",
        ),
    ];
    // The bounds themselves: the first and last days taken, and the days either side.
    for (notified_on, effective_on, taken) in [
        ("1990-01-01", "2026-04-01", true),
        ("1989-12-31", "2026-04-01", false),
        ("2199-06-01", "2199-12-31", true),
        ("2199-06-01", "2200-01-01", false),
    ] {
        let body = json!({"notified_on": notified_on, "effective_on": effective_on});
        let (status, problem) = raiser.post("/api/v1/rules/notice", body).await;
        let expected = if taken {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        assert_eq!(
            status, expected,
            "{notified_on} to {effective_on}: {problem}"
        );
    }
    for (path, body, at) in cases {
        let (status, problem) = raiser.post(path, body).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path}: {problem}"
        );
        assert_eq!(field(&problem), at);
        assert!(
            problem["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("from 1 January 1990 to 31 December 2199")
        );
    }
    let mut case = cast.new_case();
    case["notice"] = json!({"change_kind": "cessation", "instrument": "grant", "notified_on": "2026-03-01", "effective_on": "9999-12-31"});
    let (status, problem) = raiser.post("/api/v1/cases", case).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field(&problem), "notice.effective_on");
    assert_eq!(
        raiser
            .get("/api/v1/calendar/working-days?from=0001-01-01&days=5")
            .await
            .0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let champion = server.sign_in(&Cast::email("raiser_champion")).await;
    assert_eq!(
        champion
            .get("/api/v1/reports/outcomes?from=0001-01-01&to=2026-12-31")
            .await
            .0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}
