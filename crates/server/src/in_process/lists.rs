//! The case list over the API: each filter and order checked against a known set of cases,
//! refusals of values that cannot be used, and the list as CSV, with formulas defused and
//! nothing the viewer may not see.

use axum::http::{Method, StatusCode, header};
use disputes_testkit::Cast;
use serde_json::Value;

use super::{Client, on_both_databases};

/// The references a list answer holds, in its order.
fn references(list: &Value) -> Vec<&str> {
    list["items"]
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|c| c["reference"].as_str().unwrap())
        .collect()
}

/// Gets `path` as CSV: the status, the body and its content type.
async fn csv(client: &Client, path: &str) -> (StatusCode, String, String) {
    let accept = [(header::ACCEPT, "text/csv")];
    let (status, _, kind, body) = client
        .call_raw(Method::GET, path, &accept, None, Vec::new())
        .await;
    (status, String::from_utf8(body).unwrap(), kind)
}

on_both_databases! {
    async fn the_list_filters_orders_and_downloads_what_the_viewer_may_see(service: Service) {
        let raiser = service.sign_in(&Cast::email("raiser")).await;
        let mut made = Vec::new();
        for title in ["Grant cut at two weeks' notice", "=SUM(A1) charges, doubled", "Rent review"] {
            let mut case = service.cast.new_case();
            case["title"] = title.into();
            let (status, case) = raiser.post("/api/v1/cases", case).await;
            assert_eq!(status, StatusCode::CREATED, "{case}");
            made.push(case["reference"].as_str().unwrap().to_owned());
        }
        let newest_first: Vec<&str> = made.iter().rev().map(String::as_str).collect();
        let in_order: Vec<&str> = made.iter().map(String::as_str).collect();
        for (query, expected) in [
            ("", newest_first.clone()),
            ("sort=-raised", newest_first.clone()),
            ("sort=raised", in_order.clone()),
            ("sort=reference", in_order.clone()),
            ("sort=due", in_order.clone()),
            ("principle=notice", newest_first.clone()),
            ("principle=equality", vec![]),
            ("year=2026", newest_first.clone()),
            ("year=2025", vec![]),
            // Raised on Monday 2 March, acknowledgements are due on Monday 9 March: five
            // working days ahead.
            ("due_within=5", newest_first.clone()),
            ("due_within=4", vec![]),
            ("q=rent&sort=reference", vec![in_order[2]]),
        ] {
            let (status, list) = raiser.get(&format!("/api/v1/cases?{query}")).await;
            assert_eq!(status, StatusCode::OK, "{query}: {list}");
            assert_eq!(references(&list), expected, "{query}");
        }
        for (query, field) in [
            ("sort=title", "sort"),
            ("principle=world_peace", "principle"),
            ("year=1999", "year"),
            ("due_within=261", "due_within"),
            ("due_within=-1", "due_within"),
        ] {
            let (status, problem) = raiser.get(&format!("/api/v1/cases?{query}")).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}: {problem}");
            assert_eq!(problem["errors"][0]["field"], field, "{query}: {problem}");
        }

        // By cursor: each page's next_cursor asks for the next, the last page has none, and a
        // cursor of another order or of nothing is refused.
        let (_, first) = raiser.get("/api/v1/cases?sort=reference&per_page=2").await;
        assert_eq!(references(&first), in_order[..2]);
        let cursor = first["next_cursor"].as_str().unwrap().to_owned();
        let (status, rest) = raiser.get(&format!("/api/v1/cases?sort=reference&per_page=2&cursor={cursor}")).await;
        assert_eq!(status, StatusCode::OK, "{rest}");
        assert_eq!(references(&rest), in_order[2..]);
        assert!(rest.get("next_cursor").is_none(), "{rest}");
        for query in [format!("sort=raised&cursor={cursor}"), "cursor=nonsense".to_owned()] {
            let (status, problem) = raiser.get(&format!("/api/v1/cases?{query}")).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}: {problem}");
            assert_eq!(problem["errors"][0]["field"], "cursor");
        }

        // As CSV: every case in the list's order, a title that looks like a formula made text.
        let (status, body, kind) = csv(&raiser, "/api/v1/cases?sort=reference").await;
        assert_eq!(status, StatusCode::OK);
        assert!(kind.starts_with("text/csv"), "{kind}");
        let lines: Vec<&str> = body.lines().collect();
        assert_eq!(lines[0], "reference,title,raised_on,raising_organisation,respondent_organisation,stage,state,outcome,next_deadline,next_due_on,overdue");
        assert_eq!(lines.len(), 4, "{body}");
        assert!(lines[1].starts_with(&format!("{},Grant cut at two weeks' notice,2026-03-02,Age Concern Leicestershire,Leicestershire County Council,informal,raised,,acknowledgement,2026-03-09,no", made[0])), "{body}");
        assert!(lines[2].starts_with(&format!("{},\"'=SUM(A1) charges, doubled\",", made[1])), "{body}");
        // The page's download is the same file; someone outside gets the header alone.
        let (_, _, _, page) = raiser.call_raw(Method::GET, "/cases?sort=reference&format=csv", &[], None, Vec::new()).await;
        assert_eq!(String::from_utf8(page).unwrap(), body);
        let outsider = service.sign_in(&Cast::email("other_member")).await;
        let (_, body, _) = csv(&outsider, "/api/v1/cases").await;
        assert_eq!(body.lines().count(), 1, "{body}");
    }
}
