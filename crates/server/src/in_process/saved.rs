//! Saved lists over the API: saved as the case list would read them, listed for their
//! owner and for the role the facilitator shared them with, and no one else's to change.

use axum::http::{Method, StatusCode};
use disputes_testkit::Cast;
use serde_json::{Value, json};

use super::on_both_databases;

/// The names of a list of saved lists, in its order.
fn names(views: &Value) -> Vec<&str> {
    views
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {views}"))
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect()
}

on_both_databases! {
    async fn lists_are_saved_shared_with_a_role_and_kept_to_their_owner(service: Service) {
        let raiser = service.sign_in(&Cast::email("raiser")).await;
        let (status, view) = raiser.post("/api/v1/views", json!({"name": "Formal cases", "query": "?stage=formal&page=2&sort=due"})).await;
        assert_eq!(status, StatusCode::CREATED, "{view}");
        assert_eq!(view["query"], "stage=formal&sort=due");
        assert_eq!(view["mine"], true);
        let mine = view["id"].as_i64().unwrap();

        // Checked as the case list checks its query; every problem named.
        for (body, fields) in [
            (json!({"name": " ", "query": ""}), vec!["name"]),
            (json!({"name": "Colours", "query": "colour=red"}), vec!["query"]),
            (json!({"name": "Peace", "query": "principle=world_peace&year=1999"}), vec!["query.principle", "query.year"]),
            (json!({"name": "x", "query": "q=".to_owned() + &"a".repeat(2_001)}), vec!["query"]),
        ] {
            let (status, problem) = raiser.post("/api/v1/views", body.clone()).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {problem}");
            let named: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
            assert_eq!(named, fields, "{body}: {problem}");
        }

        // The facilitator shares one of theirs with the champions.
        let facilitator = service.sign_in(&Cast::email("facilitator")).await;
        let (_, shared) = facilitator.post("/api/v1/views", json!({"name": "Overdue", "query": "overdue=true"})).await;
        let shared_id = shared["id"].as_i64().unwrap();
        let path = format!("/api/v1/views/{shared_id}");
        let (status, problem) = raiser.send(Method::PATCH, &path, Some(json!({"shared_with_role": "member"}))).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
        let (status, view) = facilitator.send(Method::PATCH, &path, Some(json!({"shared_with_role": "champion"}))).await;
        assert_eq!(status, StatusCode::OK, "{view}");
        let (status, _) = facilitator.send(Method::PATCH, &format!("/api/v1/views/{mine}"), Some(json!({"shared_with_role": "champion"}))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "not the facilitator's to share");

        let champion = service.sign_in(&Cast::email("raiser_champion")).await;
        let (_, views) = champion.get("/api/v1/views").await;
        assert_eq!(names(&views), ["Overdue"]);
        assert_eq!(views[0]["mine"], false);
        let (_, views) = raiser.get("/api/v1/views").await;
        assert_eq!(names(&views), ["Formal cases"]);

        // Only its owner deletes it; to anyone else it does not exist.
        for (who, id) in [(&champion, shared_id), (&facilitator, mine)] {
            let (status, _) = who.send(Method::DELETE, &format!("/api/v1/views/{id}"), None).await;
            assert_eq!(status, StatusCode::NOT_FOUND);
        }
        let (status, _) = raiser.send(Method::DELETE, &format!("/api/v1/views/{mine}"), None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (_, views) = raiser.get("/api/v1/views").await;
        assert!(names(&views).is_empty());

        // At most 50 a person.
        for n in 0..50 {
            let (status, view) = raiser.post("/api/v1/views", json!({"name": format!("List {n}"), "query": ""})).await;
            assert_eq!(status, StatusCode::CREATED, "{view}");
        }
        let (status, problem) = raiser.post("/api/v1/views", json!({"name": "One more", "query": ""})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    }
}
