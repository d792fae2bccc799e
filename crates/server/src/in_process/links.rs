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

        // The group as a list, as each sees it.
        let group = |list: &Value| -> Vec<String> {
            list["items"].as_array().unwrap().iter().map(|c| c["reference"].as_str().unwrap().to_owned()).collect()
        };
        let path_of = format!("/api/v1/cases?linked_to={}&sort=reference", a.to_lowercase());
        let (_, listed) = respondent.get(&path_of).await;
        assert_eq!(group(&listed), [a.clone(), b.clone(), c.clone()]);
        let (_, listed) = raiser.get(&path_of).await;
        assert_eq!(group(&listed), [a.clone(), b.clone()]);
        let (status, problem) = raiser.get(&format!("/api/v1/cases?linked_to={}", "X".repeat(41))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(problem["errors"][0]["field"], "linked_to");

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

    async fn one_panel_is_convened_on_the_cases_linked_to_one_that_has_it(service: Service) {
        let raiser = service.sign_in(&Cast::email("raiser")).await;
        let respondent = service.sign_in(&Cast::email("respondent")).await;
        let chair = service.sign_in(&Cast::email("chair")).await;
        let facilitator = service.sign_in(&Cast::email("facilitator")).await;
        let ids = &service.cast.ids;
        let mut refs = Vec::new();
        for _ in 0..4 {
            let (status, case) = raiser.post("/api/v1/cases", service.cast.new_case()).await;
            assert_eq!(status, StatusCode::CREATED, "{case}");
            refs.push(case["reference"].as_str().unwrap().to_owned());
        }
        let [a, b, c, d] = [&refs[0], &refs[1], &refs[2], &refs[3]];
        // a, b and d wait for a panel; c is still informal. a and d have theirs.
        for r in [a, b, d] {
            respondent.act(r, "acknowledge", json!({})).await;
            raiser.act(r, "escalate", json!({"reason": "Stuck."})).await;
            chair.act(r, "accept_formal", json!({})).await;
        }
        let panel = json!({"member_ids": [ids["panel_vcs"], ids["panel_psa"]], "chair_id": ids["panel_vcs"]});
        let convened_a = chair.act(a, "convene_panel", panel.clone()).await;
        chair.act(d, "convene_panel", panel).await;
        for other in [b, c, d] {
            let (status, _) = chair.post(&format!("/api/v1/cases/{a}/links"), json!({"reference": other, "kind": "same_decision"})).await;
            assert_eq!(status, StatusCode::CREATED);
        }

        let path = format!("/api/v1/cases/{a}/links/convene_panel");
        let (status, _) = facilitator.send(Method::POST, &path, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "the chair convenes panels");
        let (status, problem) = chair.send(Method::POST, &format!("/api/v1/cases/{c}/links/convene_panel"), None).await;
        assert_eq!(status, StatusCode::CONFLICT, "c has no panel to share: {problem}");

        let (status, done) = chair.send(Method::POST, &path, None).await;
        assert_eq!(status, StatusCode::OK, "{done}");
        assert_eq!(done["convened"], json!([b]), "{done}");
        let left: Vec<&str> = done["left"].as_array().unwrap().iter().map(|l| l["reference"].as_str().unwrap()).collect();
        assert_eq!(left, [c.as_str(), d.as_str()], "{done}");
        assert!(done["left"][1]["reason"].as_str().unwrap().contains("panel already"), "{done}");
        // b is heard by a's panel, as convene_panel gives it: same seats, same chair, its
        // own event.
        let (_, heard) = chair.get(&format!("/api/v1/cases/{b}")).await;
        assert_eq!(heard["panel"]["members"], convened_a["panel"]["members"], "{heard}");
        assert_eq!(heard["panel"]["chair_id"], convened_a["panel"]["chair_id"]);
        let (_, events) = chair.get(&format!("/api/v1/cases/{b}/events")).await;
        assert_eq!(events.as_array().unwrap().last().unwrap()["kind"], "convene_panel", "{events}");
        // Again: nothing is waiting now.
        let (_, again) = chair.send(Method::POST, &path, None).await;
        assert_eq!(again["convened"], json!([]), "{again}");
    }
}
