//! Bad input of every kind gets the right 4xx problem document, changes nothing, and never
//! makes the server answer 500 or panic.

use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};

use crate::support::{Cast, Client, Server, enrol, on_both_databases, raw_head};

/// Sends raw bytes with a content type; returns the status, the problem document and its
/// content type.
async fn raw(
    client: &Client,
    method: Method,
    path: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> (StatusCode, Value, String) {
    let mut request = client.request(method, path).body(body);
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::Null),
        content_type,
    )
}

/// Asserts a well-formed problem document with `status`, and returns it.
fn problem(answer: &(StatusCode, Value, String), status: u16, context: &str) -> Value {
    let (got, body, content_type) = answer;
    assert_eq!(got.as_u16(), status, "{context}: {body}");
    assert_eq!(content_type, "application/problem+json", "{context}");
    assert_eq!(body["status"], status, "{context}");
    for field in ["type", "title", "detail"] {
        assert!(body[field].is_string(), "{context}: no {field} in {body}");
    }
    body.clone()
}

/// Sends only the head of a `kind` body declaring `length` bytes, and reads the head of the
/// answer.
async fn head_only(base: &str, path: &str, token: &str, kind: &str, length: usize) -> String {
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: {kind}\r\nContent-Length: {length}\r\n\r\n"
    );
    raw_head(base, &head).await
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["field"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// What a request could have changed: every case as its owner sees it, and the directory.
pub(crate) async fn fingerprint(facilitator: &Client) -> Value {
    let (_, cases) = facilitator.get("/api/v1/cases?per_page=100").await;
    let (_, organisations) = facilitator.get("/api/v1/organisations?per_page=100").await;
    let (_, users) = facilitator.get("/api/v1/users?per_page=100").await;
    json!({"cases": cases, "organisations": organisations["total"], "users": users["total"]})
}

on_both_databases! {
    async fn bad_input_is_refused_with_a_problem_and_changes_nothing(db: Db) {
        let server = Server::start(&db, &[]);
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let chair = server.sign_in(&Cast::email("chair")).await;
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
        let reference = case["reference"].as_str().unwrap().to_owned();
        let before = fingerprint(&facilitator).await;
        let json_type = Some("application/json");
        let with = |changes: Value| {
            let mut body = cast.new_case();
            for (key, value) in changes.as_object().unwrap() {
                body[key] = value.clone();
            }
            serde_json::to_vec(&body).unwrap()
        };
        let cases = "/api/v1/cases";

        // Malformed JSON, JSON that is not UTF-8, trailing rubbish, and no JSON at all.
        problem(&raw(&raiser, Method::POST, cases, json_type, b"{\"title\": ".to_vec()).await, 400, "truncated");
        problem(&raw(&raiser, Method::POST, cases, json_type, vec![0xff, 0xfe, 0x7b]).await, 400, "not UTF-8");
        let mut trailing = with(json!({}));
        trailing.extend_from_slice(b" {}");
        problem(&raw(&raiser, Method::POST, cases, json_type, trailing).await, 400, "trailing");
        problem(&raw(&raiser, Method::POST, cases, Some("text/plain"), with(json!({}))).await, 415, "not JSON");
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        problem(&raw(&raiser, Method::POST, cases, json_type, deep.into_bytes()).await, 422, "deeply nested: not a case");

        // Wrong types, unknown enumerations, missing and unknown fields, impossible dates.
        let p = problem(&raw(&raiser, Method::POST, cases, json_type, with(json!({"respondent_organisation_id": "council"}))).await, 422, "wrong type");
        assert_eq!(fields(&p), ["respondent_organisation_id"]);
        let p = problem(&raw(&raiser, Method::POST, cases, json_type, with(json!({"respondent_organisation_id": 1e30}))).await, 422, "huge number");
        assert_eq!(fields(&p), ["respondent_organisation_id"]);
        let notice = json!({"change_kind": "abolition", "instrument": "grant", "notified_on": "2026-03-01", "effective_on": "2026-03-15"});
        let p = problem(&raw(&raiser, Method::POST, cases, json_type, with(json!({"notice": notice}))).await, 422, "unknown enum");
        assert_eq!(fields(&p), ["notice.change_kind"]);
        let notice = json!({"change_kind": "cessation", "instrument": "grant", "notified_on": "2026-02-30", "effective_on": "2026-03-15"});
        let p = problem(&raw(&raiser, Method::POST, cases, json_type, with(json!({"notice": notice}))).await, 422, "impossible date");
        assert_eq!(fields(&p), ["notice.notified_on"]);
        let mut missing = cast.new_case();
        missing.as_object_mut().unwrap().remove("title");
        let p = problem(&raw(&raiser, Method::POST, cases, json_type, serde_json::to_vec(&missing).unwrap()).await, 422, "missing field");
        assert!(p["detail"].as_str().unwrap().contains("title"), "{p}");
        assert_eq!(fields(&p), ["title"]);
        assert_eq!(p["errors"][0]["code"], "required", "{p}");
        let p = problem(&raw(&raiser, Method::POST, cases, json_type, with(json!({"titel": "typo"}))).await, 422, "unknown field");
        assert!(p["detail"].as_str().unwrap().contains("titel"));
        assert_eq!(fields(&p), ["titel"]);
        assert_eq!(p["errors"][0]["code"], "unknown", "{p}");
        let p = problem(&raw(&raiser, Method::POST, cases, json_type, with(json!({"respondent_organisation_id": "council"}))).await, 422, "wrong type");
        assert_eq!(p["errors"][0]["code"], "invalid", "{p}");
        let consultation = json!({"opened_on": "2026-05-01", "closes_on": "2026-04-01"});
        let p = problem(&raw(&raiser, Method::POST, cases, json_type, with(json!({"consultation": consultation}))).await, 422, "dates out of order");
        assert_eq!(fields(&p), ["consultation"]);
        let p = problem(&raw(&raiser, Method::POST, cases, json_type, with(json!({"title": "   ", "summary": ""}))).await, 422, "blank text");
        assert_eq!(fields(&p), ["title", "summary"]);
        let p = problem(&raw(&raiser, Method::POST, cases, json_type, with(json!({"title": "a\u{0}b"}))).await, 422, "NUL");
        assert_eq!(fields(&p), ["title"]);
        let p = problem(&raw(&raiser, Method::POST, cases, json_type, with(json!({"title": "x".repeat(201)}))).await, 422, "too long");
        assert_eq!(fields(&p), ["title"]);
        let p = problem(&raw(&raiser, Method::POST, cases, json_type, with(json!({"principles": ["notice", "world_peace"]}))).await, 422, "unknown principle");
        assert_eq!(fields(&p), ["principles[1]"]);

        // Unknown ids, and ids of the wrong organisation.
        let p = problem(&raw(&raiser, Method::POST, cases, json_type, with(json!({"respondent_organisation_id": 987_654}))).await, 422, "unknown org");
        assert_eq!(fields(&p), ["respondent_organisation_id"]);
        let p = problem(&raw(&raiser, Method::POST, cases, json_type, with(json!({"respondent_organisation_id": cast.volunteers}))).await, 422, "own org");
        assert_eq!(fields(&p), ["respondent_organisation_id"]);
        for path in [
            "/api/v1/cases/LEIC-2026-9999".to_owned(),
            "/api/v1/cases/leic'%20OR%201=1".to_owned(),
            "/api/v1/cases/LEIC%00".to_owned(),
            "/api/v1/organisations/987654".to_owned(),
            "/api/v1/organisations/not-a-number".to_owned(),
            "/api/v1/users/99999999999999999999".to_owned(),
            format!("/api/v1/cases/{reference}/attachments/424242"),
            format!("/api/v1/cases/{reference}/actions/frobnicate"),
            "/api/v1/no/such/route".to_owned(),
        ] {
            problem(&raw(&raiser, Method::GET, &path, None, Vec::new()).await, if path.contains("/actions/") { 405 } else { 404 }, &path);
        }
        problem(&raw(&raiser, Method::POST, &format!("/api/v1/cases/{reference}/actions/frobnicate"), None, Vec::new()).await, 404, "unknown action");

        // A panel drawn from the parties' own staff, with a chair off the panel.
        let respondent = server.sign_in(&Cast::email("respondent")).await;
        respondent.act(&reference, "acknowledge", json!({})).await;
        raiser.act(&reference, "escalate", json!({"reason": "Stuck."})).await;
        chair.act(&reference, "accept_formal", json!({})).await;
        let before_panel = fingerprint(&facilitator).await;
        let path = format!("/api/v1/cases/{reference}/actions/convene_panel");
        let body = json!({"member_ids": [cast.ids["raiser"], cast.ids["panel_psa"]], "chair_id": cast.ids["chair"]});
        let p = problem(&raw(&chair, Method::POST, &path, json_type, serde_json::to_vec(&body).unwrap()).await, 422, "bad panel");
        let rules: Vec<&str> = p["breaches"].as_array().unwrap().iter().map(|b| b["rule"].as_str().unwrap()).collect();
        assert_eq!(rules, ["not_subgroup_member", "works_for_a_party", "chair_not_a_member"]);
        let body = json!({"member_ids": [987_654], "chair_id": 987_654});
        let p = problem(&raw(&chair, Method::POST, &path, json_type, serde_json::to_vec(&body).unwrap()).await, 422, "unknown member");
        assert_eq!(fields(&p), ["member_ids[0]"]);
        // A value of the wrong type hides nothing else: the missing chair is named too.
        let p = problem(&raw(&chair, Method::POST, &path, json_type, b"{\"member_ids\": \"all\"}".to_vec()).await, 422, "wrong type");
        assert_eq!(fields(&p), ["member_ids", "chair_id"]);
        let codes: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["invalid", "required"], "{p}");
        let p = problem(&raw(&chair, Method::POST, &path, json_type, b"{\"action\": \"appeal\"}".to_vec()).await, 422, "another action named");
        assert_eq!(fields(&p), ["action", "member_ids", "chair_id"]);
        let p = problem(&raw(&chair, Method::POST, &path, json_type, b"{\"terms\": \"x\"}".to_vec()).await, 422, "wrong fields");
        assert_eq!(fields(&p), ["member_ids", "chair_id", "terms"]);
        let codes: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["required", "required", "unknown"], "{p}");
        let extend = format!("/api/v1/cases/{reference}/actions/extend_deadline");
        for days in ["-3", "4294967296", "\"ten\""] {
            let body = format!("{{\"working_days\": {days}, \"reason\": \"More time.\"}}");
            let p = problem(&raw(&chair, Method::POST, &extend, json_type, body.into_bytes()).await, 422, days);
            assert_eq!(fields(&p), ["working_days"], "{days}");
        }
        let body = serde_json::to_vec(&json!({"working_days": 400, "reason": "A year."})).unwrap();
        problem(&raw(&chair, Method::POST, &extend, json_type, body).await, 422, "over the allowance");
        // The wrong person (403) and the wrong state (409), for the record: someone who may
        // never take an action is told so whatever the state.
        problem(&raw(&raiser, Method::POST, &format!("/api/v1/cases/{reference}/actions/accept_decision"), None, Vec::new()).await, 409, "wrong state");
        problem(&raw(&raiser, Method::POST, &format!("/api/v1/cases/{reference}/actions/accept_formal"), None, Vec::new()).await, 403, "never the raiser's");
        problem(&raw(&raiser, Method::POST, &format!("/api/v1/cases/{reference}/actions/pause"), json_type, b"{\"reason\": \"Mine.\"}".to_vec()).await, 403, "wrong person");
        let stale = chair
            .request(Method::POST, &format!("/api/v1/cases/{reference}/actions/pause"))
            .header(header::IF_MATCH, "\"1\"")
            .json(&json!({"reason": "Holiday."}))
            .send()
            .await
            .unwrap();
        assert_eq!(stale.status(), StatusCode::CONFLICT);
        let garbage = chair
            .request(Method::POST, &format!("/api/v1/cases/{reference}/actions/pause"))
            .header(header::IF_MATCH, "yesterday")
            .json(&json!({"reason": "Holiday."}))
            .send()
            .await
            .unwrap();
        assert_eq!(garbage.status(), StatusCode::BAD_REQUEST);
        assert_eq!(fingerprint(&facilitator).await, before_panel, "refused actions changed the case");

        // Bodies over the limits are refused from their declared length, before they are
        // read; the unread body ends the connection, and the answer says so, so that the
        // client does not send its next request down it.
        let token = raiser.token.as_deref().unwrap();
        let attachments = format!("/api/v1/cases/{reference}/attachments");
        for (path, kind, length) in [
            (cases, "application/json", 2 * 1024 * 1024),
            (attachments.as_str(), "multipart/form-data; boundary=x", 11 * 1024 * 1024),
        ] {
            let answer = head_only(&server.base, path, token, kind, length).await;
            assert!(answer.starts_with("HTTP/1.1 413"), "{path}: {answer}");
            assert!(answer.contains("content-type: application/problem+json"), "{path}: {answer}");
            assert!(answer.contains("connection: close"), "{path}: {answer}");
        }
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(b"<html><script>alert(1)</script></html>".to_vec()).file_name("page.html").mime_str("text/html").unwrap(),
        );
        let response = raiser.request(Method::POST, &format!("/api/v1/cases/{reference}/attachments")).multipart(form).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // Query strings.
        for query in ["page=-1", "per_page=abc", "stage=limbo", "state=limbo", "overdue=perhaps", "q=%00", "colour=red"] {
            problem(&raw(&raiser, Method::GET, &format!("/api/v1/cases?{query}"), None, Vec::new()).await, 422, query);
        }
        problem(&raw(&raiser, Method::GET, "/api/v1/calendar/working-days?from=2026-02-30&days=5", None, Vec::new()).await, 422, "bad date");
        problem(&raw(&raiser, Method::GET, "/api/v1/calendar/working-days?from=2026-03-02&days=100000", None, Vec::new()).await, 422, "too many days");
        problem(&raw(&raiser, Method::POST, "/api/v1/rules/notice", json_type, b"{\"notified_on\": \"+262143-01-01\", \"effective_on\": \"2026-01-01\"}".to_vec()).await, 422, "far date");

        // Sign-in with rubbish is just a failed sign-in.
        let anonymous = server.anonymous();
        for email in ["' OR 1=1 --", "a\u{0}b@example.org", &"x".repeat(300)] {
            let body = serde_json::to_vec(&json!({"email": email, "password": "whatever it is"})).unwrap();
            problem(&raw(&anonymous, Method::POST, "/api/v1/auth/login", json_type, body).await, 401, "odd email");
        }
        let forged = anonymous.request(Method::GET, "/api/v1/me").header(header::AUTHORIZATION, "Bearer ' OR 1=1 --").send().await.unwrap();
        assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);

        assert_eq!(fingerprint(&facilitator).await, before_panel, "bad input changed something");
        let _ = before;
        let logs = server.logs();
        assert!(!logs.contains("panicked"), "the server panicked:\n{logs}");
    }

    async fn sql_like_and_unusual_text_is_kept_exactly_as_written(db: Db) {
        let server = Server::start(&db, &[]);
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let title = "Robert'); DROP TABLE cases;-- \u{202e}gnp.exe\u{202c} 🙂 Ünïcödé 中文 עברית";
        let summary = "Line one\nLine two\t with a tab; %_\\ and \"quotes\" and <b>markup</b>";
        let mut body = cast.new_case();
        body["title"] = json!(title);
        body["summary"] = json!(summary);
        let (status, case) = raiser.post("/api/v1/cases", body).await;
        assert_eq!(status, StatusCode::CREATED, "{case}");
        let reference = case["reference"].as_str().unwrap();
        let (_, fetched) = raiser.get(&format!("/api/v1/cases/{reference}")).await;
        assert_eq!(fetched["title"], title);
        assert_eq!(fetched["summary"], summary);
        // Searching with LIKE's wildcards and quotes finds only what is literally there.
        let (_, page) = raiser.get("/api/v1/cases?q=%25_%5C").await;
        assert_eq!(page["total"], 0);
        let (_, page) = raiser.get("/api/v1/cases?q=drop%20table").await;
        assert_eq!(page["total"], 1);
        let (_, page) = raiser.get("/api/v1/cases?q=%27%20OR%201%3D1%20--").await;
        assert_eq!(page["total"], 0);
        drop(server);
        let (ok, out, err) = db.run(&["audit", "verify"], &[]);
        assert!(ok, "{out}{err}");
    }

    async fn attachments_are_checked_by_their_bytes_and_only_ever_downloaded(db: Db) {
        let server = Server::start(&db, &[]);
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let respondent = server.sign_in(&Cast::email("respondent")).await;
        let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
        let reference = case["reference"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/cases/{reference}/attachments");
        let upload = async |name: &str, kind: &str, bytes: &[u8]| {
            let file = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_owned()).mime_str(kind).unwrap();
            let form = reqwest::multipart::Form::new().part("file", file);
            let response = raiser.request(Method::POST, &path).multipart(form).send().await.unwrap();
            let status = response.status();
            (status, response.json::<Value>().await.unwrap_or(Value::Null))
        };
        // Types that a browser would run, and files whose bytes belie their declared type.
        for (name, kind, bytes) in [
            ("page.html", "text/html", b"<p>hello</p>".as_slice()),
            ("logo.svg", "image/svg+xml", b"<svg onload='alert(1)'/>".as_slice()),
            ("letter.pdf", "application/pdf", b"<html><script>alert(1)</script>".as_slice()),
            ("notes.txt", "text/plain", b"\x00\x01binary, not text".as_slice()),
            ("invoice.pdf.bat", "application/pdf", b"%PDF-1.7 looks like a pdf".as_slice()),
            ("photo.png", "image/png", b"GIF89a not a png".as_slice()),
            ("tool.exe", "application/octet-stream", b"MZ\x90\x00".as_slice()),
        ] {
            let (status, problem) = upload(name, kind, bytes).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {problem}");
            assert_eq!(problem["errors"][0]["field"], "file", "{name}");
        }
        let (_, listed) = raiser.get(&path).await;
        assert_eq!(listed.as_array().unwrap().len(), 0, "nothing refused was kept");

        // A real PDF, under a name that tries to leave its folder, is kept and offered back
        // only as a download, to the other party too.
        let (status, attached) = upload("../../etc/letter.pdf", "application/pdf", b"%PDF-1.7 the letter").await;
        assert_eq!(status, StatusCode::CREATED, "{attached}");
        let id = attached["id"].as_i64().unwrap();
        let response = respondent.request(Method::GET, &format!("{path}/{id}")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers().clone();
        let header = |name: header::HeaderName| headers.get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        assert_eq!(header(header::CONTENT_DISPOSITION), "attachment; filename=\"letter.pdf\"; filename*=UTF-8''letter.pdf");
        assert_eq!(header(header::CONTENT_TYPE), "application/pdf");
        assert_eq!(header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert!(header(header::CONTENT_SECURITY_POLICY).starts_with("sandbox"), "{headers:?}");
        assert_eq!(response.bytes().await.unwrap().as_ref(), b"%PDF-1.7 the letter");
        // A name that hides its real ending behind a right-to-left override loses the
        // override, and a name in any script goes back exactly, as RFC 6266 allows.
        let (status, hidden) = upload("report\u{202e}fdp.pdf", "application/pdf", b"%PDF-1.7 a report").await;
        assert_eq!(status, StatusCode::CREATED, "{hidden}");
        assert_eq!(hidden["file_name"], "reportfdp.pdf");
        let (status, accented) = upload("R\u{e9}ponse du conseil.pdf", "application/octet-stream", b"%PDF-1.7 the reply").await;
        assert_eq!(status, StatusCode::CREATED, "{accented}");
        assert_eq!(accented["content_type"], "application/pdf", "the type is the name's kind's, not the sender's");
        let reply = respondent.request(Method::GET, &format!("{path}/{}", accented["id"])).send().await.unwrap();
        let disposition = reply.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().to_owned();
        assert!(disposition.ends_with("filename*=UTF-8''R%C3%A9ponse%20du%20conseil.pdf"), "{disposition}");
        // Someone outside the case cannot have it.
        let outsider = server.sign_in(&Cast::email("other_member")).await;
        assert_eq!(outsider.get(&format!("{path}/{id}")).await.0, StatusCode::NOT_FOUND);
    }
}
