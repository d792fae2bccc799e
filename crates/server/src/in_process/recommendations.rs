//! The recommendations tracker over the API: what each person may see of it, those still
//! open after their day first, each filter, and the CSV download with its formulas defused.

use axum::http::{Method, StatusCode, header};
use disputes_testkit::Cast;
use serde_json::{Value, json};

use super::{Client, Service, on_both_databases};

/// A case raised, taken to the formal panel and decided with `recommendations`, then closed
/// by both parties accepting the decision; its reference.
async fn decided_and_closed(service: &Service, recommendations: Value) -> String {
    let cast = &service.cast;
    let as_ = async |part: &str| service.sign_in(&Cast::email(part)).await;
    let (raiser, respondent, chair, panel) = (
        as_("raiser").await,
        as_("respondent").await,
        as_("chair").await,
        as_("panel_vcs").await,
    );
    let (status, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    let r = case["reference"].as_str().unwrap().to_owned();
    respondent.act(&r, "acknowledge", json!({})).await;
    raiser
        .act(&r, "escalate", json!({"reason": "Stuck."}))
        .await;
    chair.act(&r, "accept_formal", json!({})).await;
    let members = [cast.ids["panel_vcs"], cast.ids["panel_psa"]];
    let convened = json!({"member_ids": members, "chair_id": members[0]});
    chair.act(&r, "convene_panel", convened).await;
    let decision = json!({"outcome": "upheld", "findings": "Short notice.", "recommendations": recommendations});
    panel.act(&r, "issue_decision", decision).await;
    raiser.act(&r, "accept_decision", json!({})).await;
    respondent.act(&r, "accept_decision", json!({})).await;
    r
}

/// The due dates of a list's items, in its order.
fn dues(list: &Value) -> Vec<&str> {
    list["items"]
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|r| r["due_on"].as_str().unwrap())
        .collect()
}

on_both_databases! {
    async fn the_tracker_puts_the_overdue_first_filters_and_downloads_safely(service: Service) {
        let cast = &service.cast;
        let (council, volunteers) = (cast.council, cast.volunteers);
        let reference = decided_and_closed(&service, json!([
            {"text": "Publish the grants timetable.", "owner_organisation_id": council, "due_on": "2026-12-31"},
            {"text": "=HYPERLINK(\"http://evil.example\") Review notice periods.", "owner_organisation_id": volunteers, "due_on": "2026-04-30"},
            {"text": "Give three months' notice.", "owner_organisation_id": council, "due_on": "2026-06-30"},
        ])).await;
        let champion = service.sign_in(&Cast::email("raiser_champion")).await;
        let (status, list) = champion.get("/api/v1/recommendations").await;
        assert_eq!(status, StatusCode::OK, "{list}");
        // Nothing is past its day yet: by due date.
        assert_eq!(dues(&list), ["2026-04-30", "2026-06-30", "2026-12-31"]);
        assert!(list["items"].as_array().unwrap().iter().all(|r| r["overdue"] == false));
        assert_eq!(list["items"][0]["owner_organisation_name"], "Age Concern Leicestershire");

        // The earliest is marked done (by the other party's champion: nobody marks their own
        // organisation's); a fortnight after the second's day, the second is overdue and
        // comes before the one done, though that one's day was earlier.
        let id = list["items"][0]["id"].as_i64().unwrap();
        let marker = service.sign_in(&Cast::email("respondent_champion")).await;
        let (status, _) = marker.post(&format!("/api/v1/recommendations/{id}/actions/mark_implemented"), json!({})).await;
        assert_eq!(status, StatusCode::OK);
        service.clock.advance_days(135);
        // Sessions do not last four months: sign in again.
        let champion = service.sign_in(&Cast::email("raiser_champion")).await;
        let (_, list) = champion.get("/api/v1/recommendations").await;
        assert_eq!(dues(&list), ["2026-06-30", "2026-04-30", "2026-12-31"]);
        let overdue: Vec<bool> = list["items"].as_array().unwrap().iter().map(|r| r["overdue"].as_bool().unwrap()).collect();
        assert_eq!(overdue, [true, false, false]);

        // Each filter, against the known set.
        for (query, expected) in [
            ("status=open", vec!["2026-06-30", "2026-12-31"]),
            ("status=implemented", vec!["2026-04-30"]),
            (&format!("organisation_id={council}") as &str, vec!["2026-06-30", "2026-12-31"]),
            (&format!("organisation_id={volunteers}&status=open"), vec![]),
            ("year=2026", vec!["2026-06-30", "2026-04-30", "2026-12-31"]),
            ("year=2025", vec![]),
            ("per_page=1&page=2", vec!["2026-04-30"]),
        ] {
            let (status, list) = champion.get(&format!("/api/v1/recommendations?{query}")).await;
            assert_eq!(status, StatusCode::OK, "{query}: {list}");
            assert_eq!(dues(&list), expected, "{query}");
        }
        for query in ["year=1999", "status=done", "organisation_id=council", "colour=red"] {
            let (status, problem) = champion.get(&format!("/api/v1/recommendations?{query}")).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}: {problem}");
        }

        // Only those who may see the case see its recommendations; members not at all.
        let other = service.sign_in(&Cast::email("other_champion")).await;
        let (_, list) = other.get("/api/v1/recommendations").await;
        assert_eq!(list["total"], 0, "{list}");
        let member = service.sign_in(&Cast::email("raiser")).await;
        let (status, _) = member.get("/api/v1/recommendations").await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // As CSV: every one, in the list's order, a formula made text.
        let (status, _, kind) = csv(&champion, "/api/v1/recommendations").await;
        assert_eq!(status, StatusCode::OK);
        assert!(kind.starts_with("text/csv"), "{kind}");
        let (_, body, _) = csv(&champion, "/api/v1/recommendations?status=open").await;
        let lines: Vec<&str> = body.lines().collect();
        assert_eq!(lines[0], "reference,organisation,recommendation,due_on,status,overdue,marked_on");
        assert_eq!(lines.len(), 3, "{body}");
        assert_eq!(lines[1], format!("{reference},Leicestershire County Council,Give three months' notice.,2026-06-30,open,yes,"));
        let (_, body, _) = csv(&champion, &format!("/api/v1/recommendations?organisation_id={volunteers}")).await;
        assert!(body.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\") Review notice periods.\","), "{body}");
        assert!(!body.contains(",=HYPERLINK"), "{body}");

        // The page lists the same, the overdue one marked so, and downloads the same file.
        let (status, _, _, page) = champion.call_raw(Method::GET, "/recommendations", &[], None, Vec::new()).await;
        assert_eq!(status, StatusCode::OK);
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("2 open recommendations."), "{page}");
        assert!(page.contains("Overdue"), "{page}");
        let (status, _, kind, download) = champion.call_raw(Method::GET, "/recommendations?status=open&format=csv", &[], None, Vec::new()).await;
        assert_eq!(status, StatusCode::OK);
        assert!(kind.starts_with("text/csv"), "{kind}");
        let (_, api, _) = csv(&champion, "/api/v1/recommendations?status=open").await;
        assert_eq!(String::from_utf8(download).unwrap(), api);
    }
}

/// Gets `path` as CSV: the status, the body and its content type.
async fn csv(client: &Client, path: &str) -> (StatusCode, String, String) {
    let (status, _, kind, body) = client
        .call_raw(
            Method::GET,
            path,
            &[(header::ACCEPT, "text/csv")],
            None,
            Vec::new(),
        )
        .await;
    (status, String::from_utf8(body).unwrap(), kind)
}
