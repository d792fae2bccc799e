//! Webhooks: the facilitator registers endpoints, and every case event reaches each as a
//! signed POST that a receiver verifies with the Standard Webhooks reference library; a
//! refused delivery is tried again with the same `webhook-id`, one given up on is shown to
//! the facilitator and sent again on request; a delivery carries no more of a case than
//! its emails (no summary, no message).

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::hooks::{Receiver, verified};
use crate::support::{Cast, Server, enrol, on_both_databases};

/// A service that sweeps every second, tries a refused delivery again a second later, and
/// gives up after two attempts; its endpoints may be plain HTTP on loopback.
fn quick() -> Vec<(&'static str, String)> {
    vec![
        ("DISPUTES__SCHEDULER__INTERVAL_SECS", "1".to_owned()),
        ("DISPUTES__WEBHOOKS__ALLOW_HTTP", "true".to_owned()),
        ("DISPUTES__WEBHOOKS__RETRY_BASE_SECS", "1".to_owned()),
        ("DISPUTES__WEBHOOKS__RETRY_MAX_SECS", "1".to_owned()),
        ("DISPUTES__WEBHOOKS__MAX_ATTEMPTS", "2".to_owned()),
    ]
}

on_both_databases! {
    async fn every_case_event_reaches_each_endpoint_signed_retried_and_resendable(db: Db) {
        let receiver = Receiver::start().await;
        let server = Server::start_with(&db, &quick());
        let cast = enrol(&server, &db).await;
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let respondent = server.sign_in(&Cast::email("respondent")).await;

        // Registering: the facilitator's alone; https only unless allowed (it is here);
        // the secret shown once.
        let (status, _) = raiser.post("/api/v1/webhooks", json!({"url": format!("{}/steady", receiver.base)})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, problem) = facilitator.post("/api/v1/webhooks", json!({"url": "ftp://example.org/"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(problem["errors"][0]["field"], "url");
        let mut secrets = std::collections::HashMap::new();
        let mut ids = std::collections::HashMap::new();
        for path in ["steady", "flaky", "down"] {
            let (status, hook) = facilitator
                .post("/api/v1/webhooks", json!({"url": format!("{}/{path}", receiver.base), "description": format!("The {path} receiver")}))
                .await;
            assert_eq!(status, StatusCode::CREATED, "{hook}");
            let secret = hook["secret"].as_str().unwrap().to_owned();
            assert!(secret.starts_with("whsec_"), "{hook}");
            secrets.insert(path, secret);
            ids.insert(path, hook["id"].as_i64().unwrap());
        }
        let (_, listed) = facilitator.get("/api/v1/webhooks").await;
        assert_eq!(listed.as_array().unwrap().len(), 3);
        assert!(!listed.to_string().contains("whsec_"), "secrets are never listed: {listed}");
        receiver.set_down(true);

        let (status, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
        assert_eq!(status, StatusCode::CREATED, "{case}");
        let reference = case["reference"].as_str().unwrap().to_owned();
        let message = "Our treasurer's private note about the overdraft.";
        raiser.post(&format!("/api/v1/cases/{reference}/messages"), json!({"body": message})).await;
        respondent.act(&reference, "acknowledge", json!({})).await;

        // Steady: both events, in order, each verified, each carrying what an email would.
        let steady = receiver
            .wait_for(Duration::from_secs(30), |all| {
                let got: Vec<_> = all.iter().filter(|a| a.path == "steady").cloned().collect();
                (got.len() >= 2).then_some(got)
            })
            .await
            .expect("two deliveries to the steady receiver within 30 s");
        assert_eq!(steady.len(), 2, "one delivery an event");
        let types: Vec<&str> = steady.iter().map(|a| a.body["type"].as_str().unwrap()).collect();
        assert_eq!(types, ["case.raised", "case.acknowledge"]);
        for arrived in &steady {
            assert!(verified(arrived, &secrets["steady"]), "{arrived:?}");
            assert!(!verified(arrived, &secrets["flaky"]), "another endpoint's secret does not verify it");
            let data = &arrived.body["data"];
            assert_eq!(data["reference"], reference.as_str());
            assert_eq!(data["title"], case["title"]);
            assert!(data["url"].as_str().unwrap().ends_with(&format!("/cases/{reference}")));
            assert!(!arrived.raw.contains(message), "no message text");
            assert!(!arrived.raw.contains(case["summary"].as_str().unwrap()), "no summary");
            assert_eq!(arrived.id, format!("{reference}/{}/webhook/{}", data["seq"], ids["steady"]));
        }
        // A changed byte fails the check.
        let mut tampered = steady[0].clone();
        tampered.raw = tampered.raw.replacen(&reference, "LEIC-2026-9999", 1);
        assert!(!verified(&tampered, &secrets["steady"]));

        // Flaky: each delivery refused once, then taken, with the same id.
        let flaky = receiver
            .wait_for(Duration::from_secs(30), |all| {
                let got: Vec<_> = all.iter().filter(|a| a.path == "flaky" && a.answered == 204).cloned().collect();
                (got.len() >= 2).then_some(all.iter().filter(|a| a.path == "flaky").cloned().collect::<Vec<_>>())
            })
            .await
            .expect("both deliveries to the flaky receiver taken within 30 s");
        for arrived in flaky.iter().filter(|a| a.answered == 204) {
            let tries = flaky.iter().filter(|a| a.id == arrived.id).count();
            assert_eq!(tries, 2, "refused once, then taken: {}", arrived.id);
            assert!(verified(arrived, &secrets["flaky"]));
        }

        // Down: given up on after two attempts each, shown as failed with the reason.
        let deliveries = format!("/api/v1/webhooks/{}/deliveries", ids["down"]);
        let failed = wait_for_status(&facilitator, &deliveries, "failed", 2).await;
        assert!(failed[0]["last_error"].as_str().unwrap().contains("503"), "{failed:?}");
        assert_eq!(failed[0]["attempts"], 2);
        let (status, _) = raiser.get(&deliveries).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // Sent again once the receiver is back: taken, with the id it had.
        receiver.set_down(false);
        let first = failed.last().unwrap();
        let resend = format!("{deliveries}/{}/resend", first["id"]);
        let (status, answer) = facilitator.send(reqwest::Method::POST, &resend, None).await;
        assert_eq!(status, StatusCode::ACCEPTED, "{answer}");
        let (status, _) = facilitator.send(reqwest::Method::POST, &resend, None).await;
        assert_eq!(status, StatusCode::CONFLICT, "already waiting");
        let taken = receiver
            .wait_for(Duration::from_secs(30), |all| {
                all.iter().find(|a| a.path == "down" && a.answered == 204).cloned()
            })
            .await
            .expect("the resent delivery taken within 30 s");
        assert_eq!(taken.id, first["webhook_id"].as_str().unwrap());
        assert!(verified(&taken, &secrets["down"]));

        // Removed: no more deliveries to it, and its record goes.
        let (status, _) = facilitator.send(reqwest::Method::DELETE, &format!("/api/v1/webhooks/{}", ids["steady"]), None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) = facilitator.get(&format!("/api/v1/webhooks/{}/deliveries", ids["steady"])).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        raiser.act(&reference, "escalate", json!({"reason": "No answer."})).await;
        receiver
            .wait_for(Duration::from_secs(30), |all| {
                all.iter().any(|a| a.path == "flaky" && a.body["type"] == "case.escalate" && a.answered == 204).then_some(())
            })
            .await
            .expect("the escalation delivered to the flaky receiver within 30 s");
        assert_eq!(receiver.arrived().iter().filter(|a| a.path == "steady").count(), 2);
    }
}

/// Waits up to 30 s until `count` of the deliveries listed at `path` have `status`.
async fn wait_for_status(
    client: &crate::support::Client,
    path: &str,
    status: &str,
    count: usize,
) -> Vec<Value> {
    for _ in 0..300 {
        let (_, listed) = client.get(path).await;
        let matching: Vec<Value> = listed
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["status"] == status)
            .cloned()
            .collect();
        if matching.len() >= count {
            return matching;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{count} deliveries at {path} were not {status} within 30 s");
}
