//! A case walked from raised through the informal, formal and appeal stages to closed, by
//! the people involved, checking the status, state and allowed actions each time.

use axum::http::StatusCode;
use disputes_testkit::Cast;
use serde_json::{Value, json};

use super::{Client, on_both_databases};

/// The names of the actions a case view allows.
fn allowed(case: &Value) -> Vec<&str> {
    case["allowed_actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect()
}

fn state(case: &Value) -> &str {
    case["state"].as_str().unwrap()
}

async fn check(
    client: &Client,
    reference: &str,
    expected_state: &str,
    expected_allowed: &[&str],
) -> Value {
    let (status, case) = client.get(&format!("/api/v1/cases/{reference}")).await;
    assert_eq!(status, StatusCode::OK, "{case}");
    assert_eq!(state(&case), expected_state);
    assert_eq!(
        allowed(&case),
        expected_allowed,
        "allowed actions in {expected_state}"
    );
    case
}

on_both_databases! {
    async fn a_case_goes_from_raised_to_closed_through_every_stage(server: Service) {
        let cast = &server.cast;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let respondent = server.sign_in(&Cast::email("respondent")).await;
        let chair = server.sign_in(&Cast::email("chair")).await;
        let panel_chair = server.sign_in(&Cast::email("panel_vcs")).await;
        let appeal_chair = server.sign_in(&Cast::email("appeal_vcs")).await;
        let champion = server.sign_in(&Cast::email("raiser_champion")).await;
        let stranger = server.sign_in(&Cast::email("other_member")).await;

        // Raised by a volunteer.
        let (status, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
        assert_eq!(status, StatusCode::CREATED, "{case}");
        let reference = case["reference"].as_str().unwrap().to_owned();
        assert!(reference.starts_with("LEIC-") && reference.ends_with("-0001"), "{reference}");
        assert_eq!((case["stage"].as_str(), state(&case)), (Some("informal"), "raised"));
        assert_eq!(allowed(&case), ["withdraw"]);
        assert_eq!(case["deadlines"][0]["kind"], "acknowledgement");
        assert!(case["deadlines"][0]["explanation"].as_str().unwrap().contains("5 working days after"));
        check(&respondent, &reference, "raised", &["acknowledge"]).await;
        check(&champion, &reference, "raised", &[]).await;
        check(&chair, &reference, "raised", &["pause", "extend_deadline", "refer_externally"]).await;
        // Someone from an unrelated council cannot see it at all.
        let (status, _) = stranger.get(&format!("/api/v1/cases/{reference}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // Informal: acknowledged, a resolution proposed and rejected, then escalated.
        let case = respondent.act(&reference, "acknowledge", json!({})).await;
        assert_eq!(state(&case), "in_dialogue");
        assert_eq!(allowed(&case), ["propose_resolution"]);
        let case = respondent
            .act(&reference, "propose_resolution", json!({"terms": "The grant runs to June."}))
            .await;
        assert_eq!(state(&case), "resolution_proposed");
        assert_eq!(case["proposal"]["by"], "respondent");
        check(&raiser, &reference, "resolution_proposed", &["escalate", "accept_resolution", "reject_resolution", "withdraw"]).await;
        let case = raiser
            .act(&reference, "reject_resolution", json!({"reason": "June is still short notice."}))
            .await;
        assert_eq!(state(&case), "in_dialogue");
        let case = raiser
            .act(&reference, "escalate", json!({"reason": "No further movement.", "note": "Escalated after the meeting."}))
            .await;
        assert_eq!((case["stage"].as_str(), state(&case)), (Some("formal"), "submitted"));

        // Formal: accepted, a panel convened, a response, a decision.
        check(&chair, &reference, "submitted", &["accept_formal", "return_to_informal", "decline_formal", "pause", "extend_deadline", "refer_externally"]).await;
        let case = chair.act(&reference, "accept_formal", json!({})).await;
        assert_eq!(state(&case), "awaiting_panel");
        let panel = json!({"member_ids": [cast.ids["panel_vcs"], cast.ids["panel_psa"]], "chair_id": cast.ids["panel_vcs"]});
        let case = chair.act(&reference, "convene_panel", panel).await;
        assert_eq!(state(&case), "under_review");
        assert_eq!(case["panel"]["chair_id"], cast.ids["panel_vcs"]);
        // The panel member can now see the case, and issue the decision.
        check(&panel_chair, &reference, "under_review", &["issue_decision"]).await;
        let case = respondent
            .act(&reference, "submit_response", json!({"body": "The budget was set late."}))
            .await;
        assert_eq!(state(&case), "under_review");
        assert!(!allowed(&case).contains(&"submit_response"));
        let decision = json!({
            "outcome": "partly_upheld",
            "findings": "Notice was ten weeks short.",
            "recommendations": [{"text": "Give three months' notice.", "owner_organisation_id": cast.council, "due_on": "2030-12-31"}]
        });
        let case = panel_chair.act(&reference, "issue_decision", decision).await;
        assert_eq!(state(&case), "decided");
        assert_eq!(case["decision"]["outcome"], "partly_upheld");
        check(&respondent, &reference, "decided", &["appeal", "accept_decision"]).await;

        // Appeal: lodged by the council, a fresh panel convened, the decision varied.
        let case = respondent
            .act(&reference, "appeal", json!({"grounds": "The dates were misread."}))
            .await;
        assert_eq!((case["stage"].as_str(), state(&case)), (Some("appeal"), "appeal_lodged"));
        let appeal_panel = json!({"member_ids": [cast.ids["appeal_vcs"], cast.ids["appeal_psa"]], "chair_id": cast.ids["appeal_vcs"]});
        let case = chair.act(&reference, "convene_appeal_panel", appeal_panel).await;
        assert_eq!(state(&case), "appeal_under_review");
        check(&appeal_chair, &reference, "appeal_under_review", &["decide_appeal"]).await;
        let case = appeal_chair
            .act(&reference, "decide_appeal", json!({"result": "decision_varied", "outcome": "upheld", "reasons": "The notice was shorter still."}))
            .await;
        assert_eq!((case["stage"].as_str(), state(&case)), (Some("closed"), "closed"));
        assert_eq!(case["outcome"], "upheld");
        assert!(case["closed_at"].is_string());
        assert_eq!(case["version"], 12);

        // After closing, the champion may record what was learned; the parties nothing.
        check(&raiser, &reference, "closed", &[]).await;
        check(&champion, &reference, "closed", &["record_lessons", "refer_case_study", "mark_recommendation"]).await;

        // The timeline lists every event, oldest first.
        let (status, events) = champion.get(&format!("/api/v1/cases/{reference}/events")).await;
        assert_eq!(status, StatusCode::OK);
        let kinds: Vec<&str> = events.as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, [
            "raised", "acknowledge", "propose_resolution", "reject_resolution", "escalate",
            "accept_formal", "convene_panel", "submit_response", "issue_decision", "appeal",
            "convene_appeal_panel", "decide_appeal",
        ]);
        assert_eq!(events[4]["note"], "Escalated after the meeting.");

        // The recommendation, marked by the champion once the case is closed.
        let (status, list) = champion.get("/api/v1/recommendations?status=open").await;
        assert_eq!(status, StatusCode::OK, "{list}");
        let id = list["items"][0]["id"].as_i64().unwrap();
        let (status, case) = champion.post(&format!("/api/v1/recommendations/{id}/actions/mark_implemented"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "{case}");
        assert_eq!(case["decision"]["recommendations"][0]["status"], "implemented");

        // And the trail verifies.
        let report = server.store.verify().await.unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
        assert_eq!((report.cases, report.events), (1, 13));
    }

    async fn the_list_shows_each_person_their_own_cases(server: Service) {
        let cast = &server.cast;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        for _ in 0..3 {
            let (status, _) = raiser.post("/api/v1/cases", cast.new_case()).await;
            assert_eq!(status, StatusCode::CREATED);
        }
        let (_, page) = raiser.get("/api/v1/cases?per_page=2").await;
        assert_eq!((page["total"].as_u64(), page["items"].as_array().unwrap().len()), (Some(3), 2));
        assert_eq!(page["items"][0]["raising_organisation"]["name"], "Age Concern Leicestershire");
        assert_eq!(page["items"][0]["next_deadline"]["kind"], "acknowledgement");
        let other = server.sign_in(&Cast::email("other_member")).await;
        let (_, page) = other.get("/api/v1/cases").await;
        assert_eq!(page["total"], 0);
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let (_, page) = facilitator.get("/api/v1/cases?stage=informal&state=raised&q=DAY-CENTRE").await;
        assert_eq!(page["total"], 3);
        let (_, page) = facilitator.get("/api/v1/cases?stage=formal").await;
        assert_eq!(page["total"], 0);
    }
}
