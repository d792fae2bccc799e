//! Records management over the API and the pages: a person's export, their erasure (after
//! which they appear in no answer, page or CSV), and the retention rule's sweep.

use axum::http::{Method, StatusCode, header};
use disputes_testkit::{Cast, PASSWORD, pdf_text};
use serde_json::{Value, json};

use super::{Client, on_both_databases};

/// The distinctive name and address of the person erased, so that finding either anywhere
/// cannot be a coincidence.
const NAME: &str = "Bronwen Ffoulkes-Tegid";
const EMAIL: &str = "bronwen.ffoulkes@example.org";
const THEIR_WORDS: &str = "Our treasurer Gwilym warned the bank about the overdraft.";

/// Every answer `client` gets at `paths`, as text: JSON, CSV and pages alike.
async fn everything(client: &Client, paths: &[String]) -> Vec<(String, String)> {
    let mut seen = Vec::new();
    for path in paths {
        for accept in ["application/json", "text/csv", "text/html"] {
            let (status, _, _, body) = client
                .call_raw(
                    Method::GET,
                    path,
                    &[(header::ACCEPT, accept)],
                    None,
                    Vec::new(),
                )
                .await;
            if status == StatusCode::OK {
                seen.push((
                    format!("{path} ({accept})"),
                    String::from_utf8_lossy(&body).into_owned(),
                ));
            }
        }
    }
    seen
}

fn mentions(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["bronwen", "ffoulkes", "gwilym"]
        .iter()
        .any(|w| lower.contains(w))
}

on_both_databases! {
    async fn an_erased_person_appears_in_no_answer_page_or_csv_and_the_chain_verifies(service: Service) {
        let facilitator = service.sign_in(&Cast::email("facilitator")).await;
        let (status, person) = facilitator
            .post("/api/v1/users", json!({
                "email": EMAIL, "name": NAME, "organisation_id": service.cast.volunteers,
                "roles": ["member"], "password": PASSWORD,
            }))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{person}");
        let id = person["id"].as_i64().unwrap();
        let bronwen = service.sign_in(EMAIL).await;
        let (status, case) = bronwen.post("/api/v1/cases", service.cast.new_case()).await;
        assert_eq!(status, StatusCode::CREATED, "{case}");
        let reference = case["reference"].as_str().unwrap().to_owned();
        let (status, _) = bronwen.post(&format!("/api/v1/cases/{reference}/messages"), json!({"body": THEIR_WORDS})).await;
        assert_eq!(status, StatusCode::CREATED);
        let respondent = service.sign_in(&Cast::email("respondent")).await;
        respondent.post(&format!("/api/v1/cases/{reference}/messages"), json!({"body": "The council will reply in writing."})).await;
        respondent.act(&reference, "acknowledge", json!({})).await;
        let paths: Vec<String> = vec![
            format!("/api/v1/cases/{reference}"),
            format!("/api/v1/cases/{reference}/events"),
            format!("/api/v1/cases/{reference}/messages"),
            format!("/api/v1/cases/{reference}/notifications"),
            "/api/v1/cases".to_owned(),
            "/api/v1/users?per_page=100".to_owned(),
            format!("/api/v1/users/{id}"),
            format!("/cases/{reference}"),
            "/cases".to_owned(),
            "/admin".to_owned(),
            format!("/admin/people/{id}"),
        ];
        let before = everything(&facilitator, &paths).await;
        assert!(before.iter().filter(|(_, body)| mentions(body)).count() >= 8, "the test looks where the person was");

        // The export holds what names them, and what they wrote.
        let (status, export) = facilitator.get(&format!("/api/v1/users/{id}/export")).await;
        assert_eq!(status, StatusCode::OK, "{export}");
        assert_eq!(export["tables"]["people"][0]["name"], NAME);
        assert_eq!(export["tables"]["cases"][0]["reference"], reference.as_str());
        assert_eq!(export["tables"]["messages"][0]["body"], THEIR_WORDS);
        assert!(export["tables"]["sessions"].as_array().is_some_and(|s| !s.is_empty()));
        assert!(!export.to_string().contains("argon2"), "no password hash");
        let (status, _) = respondent.get(&format!("/api/v1/users/{id}/export")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // And to read, as a PDF.
        let (status, _, kind, pdf) = facilitator
            .call_raw(Method::GET, &format!("/api/v1/users/{id}/export?format=pdf"), &[], None, Vec::new())
            .await;
        assert_eq!((status, kind.as_str()), (StatusCode::OK, "application/pdf"));
        let text = pdf_text(&pdf);
        for wanted in [NAME, EMAIL, THEIR_WORDS, &reference] {
            assert!(text.contains(wanted), "{wanted} in the readable export: {text}");
        }
        let (status, _) = facilitator.get(&format!("/api/v1/users/{id}/export?format=xml")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

        // Refusals change nothing.
        let (status, _) = respondent.post(&format!("/api/v1/users/{id}/erase"), json!({"reason": "Because."})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, problem) = facilitator.post(&format!("/api/v1/users/{id}/erase"), json!({"reason": "  "})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(problem["errors"][0]["field"], "reason");
        let (_, myself) = facilitator.get("/api/v1/me").await;
        let my_id = myself["id"].as_i64().unwrap();
        let (status, _) = facilitator.post(&format!("/api/v1/users/{my_id}/erase"), json!({"reason": "Leaving."})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a facilitator cannot erase themselves");
        assert_eq!(facilitator.get(&format!("/api/v1/users/{id}")).await.1["name"], NAME);

        let (status, erased) = facilitator
            .post(&format!("/api/v1/users/{id}/erase"), json!({"reason": "Asked to be forgotten, by email on 1 March."}))
            .await;
        assert_eq!(status, StatusCode::OK, "{erased}");
        assert_eq!(erased["cases"], json!([reference]));
        assert_eq!(erased["messages_removed"], 1);
        assert_eq!(erased["texts_removed"], 3, "the title, summary and desired outcome they wrote");

        // Gone from every answer, page and CSV, for the facilitator and for the other party.
        for (viewer, who) in [(&facilitator, "facilitator"), (&respondent, "respondent")] {
            for (path, body) in everything(viewer, &paths).await {
                assert!(!mentions(&body), "{who} still finds the erased person at {path}:\n{body}");
            }
        }
        let (_, messages) = respondent.get(&format!("/api/v1/cases/{reference}/messages")).await;
        assert!(messages.to_string().contains("The council will reply in writing."), "others' words stay: {messages}");
        // The other party sees that someone was erased, not why; the facilitator sees why.
        let (_, events) = respondent.get(&format!("/api/v1/cases/{reference}/events")).await;
        let last = events.as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["kind"], "redacted");
        assert_eq!(last["data"]["rule"], "erasure");
        assert!(last["data"].get("reason").is_none(), "{last}");
        let (_, events) = facilitator.get(&format!("/api/v1/cases/{reference}/events")).await;
        assert_eq!(events.as_array().unwrap().last().unwrap()["data"]["reason"], "Asked to be forgotten, by email on 1 March.");

        // Their sign-in is gone, and they cannot be changed back into being.
        let (status, _) = bronwen.get("/api/v1/me").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = service.anonymous().post("/api/v1/auth/login", json!({"email": EMAIL, "password": PASSWORD})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = facilitator
            .send(Method::PATCH, &format!("/api/v1/users/{id}"), Some(json!({"active": true, "email": EMAIL})))
            .await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (status, _) = facilitator.post(&format!("/api/v1/users/{id}/erase"), json!({"reason": "Again."})).await;
        assert_eq!(status, StatusCode::CONFLICT);

        // New emails go to no one at their old address.
        respondent.act(&reference, "propose_resolution", json!({"terms": "The grant runs to June."})).await;
        let (_, emails) = facilitator.get(&format!("/api/v1/cases/{reference}/notifications")).await;
        assert!(!emails.to_string().to_lowercase().contains("bronwen"), "{emails}");
        assert!(service.store.verify().await.unwrap().is_ok());
    }

    async fn the_erase_form_asks_for_a_reason_and_a_confirmation(service: Service) {
        let facilitator = service.sign_in(&Cast::email("facilitator")).await;
        let id = service.cast.ids["other_member"];
        // The page's form, with the token a page signed in by this token carries.
        let csrf = crate::auth::csrf::token(facilitator.token.as_deref().unwrap());
        let form = |body: &str| {
            let facilitator = facilitator.clone();
            let body = format!("csrf={csrf}&{body}");
            async move {
                facilitator
                    .call_raw(Method::POST, &format!("/admin/people/{id}/erase"), &[], Some("application/x-www-form-urlencoded"), body.into_bytes())
                    .await
            }
        };
        let (status, _, _, page) = form("reason=Left+the+council").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("Confirm that you understand an erasure cannot be undone"), "{page}");
        assert!(page.contains("value=\"other member\""), "the change form still shows the person: {page}");
        assert_eq!(facilitator.get(&format!("/api/v1/users/{id}")).await.1["name"], "other member");
        let (status, _, _, _) = form("reason=Left+the+council&understood=yes").await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, _, _, page) = facilitator.call_raw(Method::GET, &format!("/admin/people/{id}"), &[], None, Vec::new()).await;
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("This person was erased on"), "{page}");
        assert!(!page.contains("Save changes"), "an erased person has no change form");
        let (status, _, kind, body) = facilitator.call_raw(Method::GET, &format!("/admin/people/{id}/export"), &[], None, Vec::new()).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(kind, "application/json");
        let export: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(export["tables"]["people"][0]["name"], disputes_store::ERASED_NAME);
    }

    async fn the_retention_sweep_anonymises_a_case_closed_six_years_ago_and_the_report_still_counts_it(service: Service) {
        let raiser = service.sign_in(&Cast::email("raiser")).await;
        let (_, case) = raiser.post("/api/v1/cases", service.cast.new_case()).await;
        let reference = case["reference"].as_str().unwrap().to_owned();
        raiser.act(&reference, "withdraw", json!({"reason": "We found other money for the day centre."})).await;
        let facilitator = service.sign_in(&Cast::email("facilitator")).await;
        let (_, before) = facilitator.get("/api/v1/reports/annual/2026").await;

        // Closed on 2 March 2026; on 1 March 2032, six years less a day later, it is kept.
        service.clock.advance_days(6 * 365 + 1);
        crate::scheduler::apply_retention(&service.state, service.state.clock.now()).await.unwrap();
        // Sessions do not last six years.
        let facilitator = service.sign_in(&Cast::email("facilitator")).await;
        let (_, kept) = facilitator.get(&format!("/api/v1/cases/{reference}")).await;
        assert_eq!(kept["title"], "Day-centre grant ended at two weeks' notice", "{kept}");
        // On 3 March 2032 it is past the six years.
        service.clock.advance_days(2);
        crate::scheduler::apply_retention(&service.state, service.state.clock.now()).await.unwrap();
        let facilitator = service.sign_in(&Cast::email("facilitator")).await;
        let (_, gone) = facilitator.get(&format!("/api/v1/cases/{reference}")).await;
        assert_eq!(gone["title"], "[removed]", "{gone}");
        assert_eq!(gone["summary"], "[removed]");
        assert_eq!(gone["state"], case_state(&kept));
        let (_, events) = facilitator.get(&format!("/api/v1/cases/{reference}/events")).await;
        let last = events.as_array().unwrap().last().unwrap();
        assert_eq!(last["kind"], "redacted");
        assert_eq!(last["actor_id"], Value::Null, "the service did it");
        assert!(!events.to_string().contains("other money"), "{events}");
        let (_, after) = facilitator.get("/api/v1/reports/annual/2026").await;
        assert_eq!(after, before, "the annual review counts it as before");
        let (_, _, _, page) = facilitator.call_raw(Method::GET, &format!("/cases/{reference}"), &[], None, Vec::new()).await;
        assert!(String::from_utf8(page).unwrap().contains("removed the case&#x27;s text under the retention rule, 6 years"));
        assert!(service.store.verify().await.unwrap().is_ok());
    }
}

fn case_state(case: &Value) -> Value {
    case["state"].clone()
}
