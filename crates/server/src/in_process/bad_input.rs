//! Bad input of every kind gets the right 4xx problem document and changes nothing: JSON
//! that cannot be read or has the wrong shape, wrong fields on an action, wrong query
//! values and paths, stale or garbled preconditions, rubbish at sign-in.
//! (Bodies over the limits, refused before they are read, need a socket: see the
//! end-to-end `bad_input`.)

use axum::http::{Method, StatusCode, header};
use disputes_testkit::{Cast, fields, fingerprint, problem};
use serde_json::{Value, json};

use super::on_both_databases;

on_both_databases! {
    async fn bad_input_is_refused_with_a_problem_and_changes_nothing(server: Service) {
        let cast = &server.cast;
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
        problem(&raiser.raw(Method::POST, cases, json_type, b"{\"title\": ".to_vec()).await, 400, "truncated");
        problem(&raiser.raw(Method::POST, cases, json_type, vec![0xff, 0xfe, 0x7b]).await, 400, "not UTF-8");
        let mut trailing = with(json!({}));
        trailing.extend_from_slice(b" {}");
        problem(&raiser.raw(Method::POST, cases, json_type, trailing).await, 400, "trailing");
        problem(&raiser.raw(Method::POST, cases, Some("text/plain"), with(json!({}))).await, 415, "not JSON");
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        problem(&raiser.raw(Method::POST, cases, json_type, deep.into_bytes()).await, 422, "deeply nested: not a case");

        // Wrong types, unknown enumerations, missing and unknown fields, impossible dates.
        let p = problem(&raiser.raw(Method::POST, cases, json_type, with(json!({"respondent_organisation_id": "council"}))).await, 422, "wrong type");
        assert_eq!(fields(&p), ["respondent_organisation_id"]);
        let p = problem(&raiser.raw(Method::POST, cases, json_type, with(json!({"respondent_organisation_id": 1e30}))).await, 422, "huge number");
        assert_eq!(fields(&p), ["respondent_organisation_id"]);
        let notice = json!({"change_kind": "abolition", "instrument": "grant", "notified_on": "2026-03-01", "effective_on": "2026-03-15"});
        let p = problem(&raiser.raw(Method::POST, cases, json_type, with(json!({"notice": notice}))).await, 422, "unknown enum");
        assert_eq!(fields(&p), ["notice.change_kind"]);
        let notice = json!({"change_kind": "cessation", "instrument": "grant", "notified_on": "2026-02-30", "effective_on": "2026-03-15"});
        let p = problem(&raiser.raw(Method::POST, cases, json_type, with(json!({"notice": notice}))).await, 422, "impossible date");
        assert_eq!(fields(&p), ["notice.notified_on"]);
        let mut missing = cast.new_case();
        missing.as_object_mut().unwrap().remove("title");
        let p = problem(&raiser.raw(Method::POST, cases, json_type, serde_json::to_vec(&missing).unwrap()).await, 422, "missing field");
        assert!(p["detail"].as_str().unwrap().contains("title"), "{p}");
        assert_eq!(fields(&p), ["title"]);
        assert_eq!(p["errors"][0]["code"], "required", "{p}");
        let p = problem(&raiser.raw(Method::POST, cases, json_type, with(json!({"titel": "typo"}))).await, 422, "unknown field");
        assert!(p["detail"].as_str().unwrap().contains("titel"));
        assert_eq!(fields(&p), ["titel"]);
        assert_eq!(p["errors"][0]["code"], "unknown", "{p}");
        let p = problem(&raiser.raw(Method::POST, cases, json_type, with(json!({"respondent_organisation_id": "council"}))).await, 422, "wrong type");
        assert_eq!(p["errors"][0]["code"], "invalid", "{p}");
        let consultation = json!({"opened_on": "2026-05-01", "closes_on": "2026-04-01"});
        let p = problem(&raiser.raw(Method::POST, cases, json_type, with(json!({"consultation": consultation}))).await, 422, "dates out of order");
        assert_eq!(fields(&p), ["consultation"]);
        let p = problem(&raiser.raw(Method::POST, cases, json_type, with(json!({"title": "   ", "summary": ""}))).await, 422, "blank text");
        assert_eq!(fields(&p), ["title", "summary"]);
        let p = problem(&raiser.raw(Method::POST, cases, json_type, with(json!({"title": "a\u{0}b"}))).await, 422, "NUL");
        assert_eq!(fields(&p), ["title"]);
        let p = problem(&raiser.raw(Method::POST, cases, json_type, with(json!({"title": "x".repeat(201)}))).await, 422, "too long");
        assert_eq!(fields(&p), ["title"]);
        let p = problem(&raiser.raw(Method::POST, cases, json_type, with(json!({"principles": ["notice", "world_peace"]}))).await, 422, "unknown principle");
        assert_eq!(fields(&p), ["principles[1]"]);

        // Unknown ids, and ids of the wrong organisation.
        let p = problem(&raiser.raw(Method::POST, cases, json_type, with(json!({"respondent_organisation_id": 987_654}))).await, 422, "unknown org");
        assert_eq!(fields(&p), ["respondent_organisation_id"]);
        let p = problem(&raiser.raw(Method::POST, cases, json_type, with(json!({"respondent_organisation_id": cast.volunteers}))).await, 422, "own org");
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
            problem(&raiser.raw(Method::GET, &path, None, Vec::new()).await, if path.contains("/actions/") { 405 } else { 404 }, &path);
        }
        problem(&raiser.raw(Method::POST, &format!("/api/v1/cases/{reference}/actions/frobnicate"), None, Vec::new()).await, 404, "unknown action");

        // A panel drawn from the parties' own staff, with a chair off the panel.
        let respondent = server.sign_in(&Cast::email("respondent")).await;
        respondent.act(&reference, "acknowledge", json!({})).await;
        raiser.act(&reference, "escalate", json!({"reason": "Stuck."})).await;
        chair.act(&reference, "accept_formal", json!({})).await;
        let before_panel = fingerprint(&facilitator).await;
        let path = format!("/api/v1/cases/{reference}/actions/convene_panel");
        let body = json!({"member_ids": [cast.ids["raiser"], cast.ids["panel_psa"]], "chair_id": cast.ids["chair"]});
        let p = problem(&chair.raw(Method::POST, &path, json_type, serde_json::to_vec(&body).unwrap()).await, 422, "bad panel");
        let rules: Vec<&str> = p["breaches"].as_array().unwrap().iter().map(|b| b["rule"].as_str().unwrap()).collect();
        assert_eq!(rules, ["not_subgroup_member", "works_for_a_party", "chair_not_a_member"]);
        let body = json!({"member_ids": [987_654], "chair_id": 987_654});
        let p = problem(&chair.raw(Method::POST, &path, json_type, serde_json::to_vec(&body).unwrap()).await, 422, "unknown member");
        assert_eq!(fields(&p), ["member_ids[0]"]);
        // A value of the wrong type hides nothing else: the missing chair is named too.
        let p = problem(&chair.raw(Method::POST, &path, json_type, b"{\"member_ids\": \"all\"}".to_vec()).await, 422, "wrong type");
        assert_eq!(fields(&p), ["member_ids", "chair_id"]);
        let codes: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["invalid", "required"], "{p}");
        let p = problem(&chair.raw(Method::POST, &path, json_type, b"{\"action\": \"appeal\"}".to_vec()).await, 422, "another action named");
        assert_eq!(fields(&p), ["action", "member_ids", "chair_id"]);
        let p = problem(&chair.raw(Method::POST, &path, json_type, b"{\"terms\": \"x\"}".to_vec()).await, 422, "wrong fields");
        assert_eq!(fields(&p), ["member_ids", "chair_id", "terms"]);
        let codes: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["required", "required", "unknown"], "{p}");
        let extend = format!("/api/v1/cases/{reference}/actions/extend_deadline");
        for days in ["-3", "4294967296", "\"ten\""] {
            let body = format!("{{\"working_days\": {days}, \"reason\": \"More time.\"}}");
            let p = problem(&chair.raw(Method::POST, &extend, json_type, body.into_bytes()).await, 422, days);
            assert_eq!(fields(&p), ["working_days"], "{days}");
        }
        let body = serde_json::to_vec(&json!({"working_days": 400, "reason": "A year."})).unwrap();
        problem(&chair.raw(Method::POST, &extend, json_type, body).await, 422, "over the allowance");
        // The wrong person (403) and the wrong state (409), for the record: someone who may
        // never take an action is told so whatever the state.
        problem(&raiser.raw(Method::POST, &format!("/api/v1/cases/{reference}/actions/accept_decision"), None, Vec::new()).await, 409, "wrong state");
        problem(&raiser.raw(Method::POST, &format!("/api/v1/cases/{reference}/actions/accept_formal"), None, Vec::new()).await, 403, "never the raiser's");
        problem(&raiser.raw(Method::POST, &format!("/api/v1/cases/{reference}/actions/pause"), json_type, b"{\"reason\": \"Mine.\"}".to_vec()).await, 403, "wrong person");
        let pause = format!("/api/v1/cases/{reference}/actions/pause");
        let holiday = serde_json::to_vec(&json!({"reason": "Holiday."})).unwrap();
        let stale = chair.call(Method::POST, &pause, &[(header::IF_MATCH, "\"1\"")], json_type, holiday.clone()).await;
        assert_eq!(stale.0, StatusCode::CONFLICT);
        let garbage = chair.call(Method::POST, &pause, &[(header::IF_MATCH, "yesterday")], json_type, holiday).await;
        assert_eq!(garbage.0, StatusCode::BAD_REQUEST);
        assert_eq!(fingerprint(&facilitator).await, before_panel, "refused actions changed the case");

        // Query strings.
        for query in ["page=-1", "per_page=abc", "stage=limbo", "state=limbo", "overdue=perhaps", "q=%00", "colour=red"] {
            problem(&raiser.raw(Method::GET, &format!("/api/v1/cases?{query}"), None, Vec::new()).await, 422, query);
        }
        problem(&raiser.raw(Method::GET, "/api/v1/calendar/working-days?from=2026-02-30&days=5", None, Vec::new()).await, 422, "bad date");
        problem(&raiser.raw(Method::GET, "/api/v1/calendar/working-days?from=2026-03-02&days=100000", None, Vec::new()).await, 422, "too many days");
        problem(&raiser.raw(Method::POST, "/api/v1/rules/notice", json_type, b"{\"notified_on\": \"+262143-01-01\", \"effective_on\": \"2026-01-01\"}".to_vec()).await, 422, "far date");

        // Sign-in with rubbish is just a failed sign-in.
        let anonymous = server.anonymous();
        for email in ["' OR 1=1 --", "a\u{0}b@example.org", &"x".repeat(300)] {
            let body = serde_json::to_vec(&json!({"email": email, "password": "whatever it is"})).unwrap();
            problem(&anonymous.raw(Method::POST, "/api/v1/auth/login", json_type, body).await, 401, "odd email");
        }
        let forged = anonymous.call(Method::GET, "/api/v1/me", &[(header::AUTHORIZATION, "Bearer ' OR 1=1 --")], None, Vec::new()).await;
        assert_eq!(forged.0, StatusCode::UNAUTHORIZED);

        assert_eq!(fingerprint(&facilitator).await, before_panel, "bad input changed something");
        let _ = before;
    }
}
