//! Linked cases over the API: the chair links them, each case shows the links its viewer
//! may follow, and a link to a case out of the viewer's reach is not shown at all.

use axum::http::{Method, StatusCode};
use disputes_testkit::Cast;
use serde_json::{Value, json};

use super::{Client, on_both_databases};

/// The references of a case view's links, with their kinds.
fn links(case: &Value) -> Vec<(String, String)> {
    case["links"]
        .as_array()
        .unwrap_or_else(|| panic!("no links in {case}"))
        .iter()
        .map(|l| {
            (
                l["reference"].as_str().unwrap().to_owned(),
                l["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

on_both_databases! {
    async fn linked_cases_show_only_where_the_viewer_may_follow(service: Service) {
        let raiser = service.sign_in(&Cast::email("raiser")).await;
        let other = service.sign_in(&Cast::email("other_member")).await;
        let chair = service.sign_in(&Cast::email("chair")).await;
        let respondent = service.sign_in(&Cast::email("respondent")).await;
        let raise = async |who: &Client| {
            let (status, case) = who.post("/api/v1/cases", service.cast.new_case()).await;
            assert_eq!(status, StatusCode::CREATED, "{case}");
            case["reference"].as_str().unwrap().to_owned()
        };
        // Two of the volunteers' cases, and one a third organisation raised: all against
        // the council.
        let (a, b, c) = (raise(&raiser).await, raise(&raiser).await, raise(&other).await);
        let path = format!("/api/v1/cases/{a}/links");
        let (status, answer) = chair.post(&path, json!({"reference": b, "kind": "same_decision"})).await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
        let (status, _) = chair.post(&path, json!({"reference": c, "kind": "related"})).await;
        assert_eq!(status, StatusCode::CREATED);

        // Each case shows the links its viewer may follow; the volunteers never learn of the
        // third organisation's case.
        let (_, seen) = raiser.get(&format!("/api/v1/cases/{a}")).await;
        assert_eq!(links(&seen), [(b.clone(), "same_decision".to_owned())]);
        let (_, seen) = raiser.get(&format!("/api/v1/cases/{b}")).await;
        assert_eq!(links(&seen), [(a.clone(), "same_decision".to_owned())]);
        let (_, seen) = respondent.get(&format!("/api/v1/cases/{a}")).await;
        assert_eq!(links(&seen), [(b.clone(), "same_decision".to_owned()), (c.clone(), "related".to_owned())]);
        let (_, seen) = other.get(&format!("/api/v1/cases/{c}")).await;
        assert!(links(&seen).is_empty(), "{seen}");

        // Refusals: a case linked to itself or to none, someone not overseeing, an outsider.
        for (body, field) in [(json!({"reference": a, "kind": "related"}), "reference"), (json!({"reference": "LEIC-2026-9999", "kind": "related"}), "reference"), (json!({"reference": b, "kind": "cousins"}), "kind")] {
            let (status, problem) = chair.post(&path, body).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
            assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        }
        let (status, _) = raiser.post(&path, json!({"reference": b, "kind": "related"})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = other.post(&path, json!({"reference": c, "kind": "related"})).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // Linked again, the kind changes; unlinked, the link goes from both cases, once.
        let (_, answer) = chair.post(&path, json!({"reference": b, "kind": "related"})).await;
        assert_eq!(links(&json!({"links": answer}))[0], (b.clone(), "related".to_owned()));
        let unlink = format!("/api/v1/cases/{b}/links/{a}");
        let (status, _) = chair.send(Method::DELETE, &unlink, None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) = chair.send(Method::DELETE, &unlink, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, seen) = respondent.get(&format!("/api/v1/cases/{a}")).await;
        assert_eq!(links(&seen), [(c.clone(), "related".to_owned())]);
    }
}
