//! Email, end to end: a real SMTP receiver on localhost, the service sending to it.

use std::collections::{BTreeSet, HashMap};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::smtp::{Received, Smtp};
use crate::support::{Cast, Client, Db, Server, enrol, on_both_databases};

/// A word in the case's summary: no email may carry it.
const CONFIDENTIAL: &str = "Zanzibar";

fn new_case(cast: &Cast) -> Value {
    let mut case = cast.new_case();
    case["summary"] = json!(format!(
        "The council's officer told us in confidence about {CONFIDENTIAL}."
    ));
    case
}

/// The emails of event `seq`, by recipient address.
fn of_event(received: &[Received], reference: &str, seq: u32) -> HashMap<String, Received> {
    let marker = format!("<{reference}.{seq}.");
    received
        .iter()
        .filter(|r| r.message_id().starts_with(&marker))
        .map(|r| (r.to[0].clone(), r.clone()))
        .collect()
}

fn emails(parts: &[&str]) -> BTreeSet<String> {
    parts.iter().map(|p| Cast::email(p)).collect()
}

/// Who hears of an event by `actor`, given whether the case has reached the formal stage and
/// who sits on its panels.
fn expected(actor: &str, formal: bool, panels: &[&str]) -> BTreeSet<String> {
    let mut parts = vec![
        "raiser",
        "raiser_champion",
        "respondent",
        "respondent_champion",
    ];
    if formal {
        parts.extend(["chair", "facilitator"]);
        parts.extend(panels);
    }
    parts.retain(|p| *p != actor);
    emails(&parts)
}

/// One step of a walk: who acts (as client and cast part), the action and its body, whether
/// the case is then formal, and who sits on its panels by then.
type Step<'a> = (&'a Client, &'a str, &'a str, Value, bool, Vec<&'a str>);

async fn act(client: &Client, reference: &str, action: &str, body: Value) {
    client.act(reference, action, body).await;
}

on_both_databases! {
    async fn every_transition_emails_exactly_the_people_it_concerns(db: Db) {
        let smtp = Smtp::start().await;
        let server = Server::start_with(&db, &Db::smtp_env(smtp.port));
        let cast = enrol(&server, &db).await;
        let sign_in = async |part: &str| server.sign_in(&Cast::email(part)).await;
        let (raiser, respondent, chair) = (sign_in("raiser").await, sign_in("respondent").await, sign_in("chair").await);
        let (panel, appeal) = (sign_in("panel_vcs").await, sign_in("appeal_vcs").await);
        let (status, case) = raiser.post("/api/v1/cases", new_case(&cast)).await;
        assert_eq!(status, StatusCode::CREATED);
        let reference = case["reference"].as_str().unwrap().to_owned();

        let panel_ids = json!({"member_ids": [cast.ids["panel_vcs"], cast.ids["panel_psa"]], "chair_id": cast.ids["panel_vcs"]});
        let appeal_ids = json!({"member_ids": [cast.ids["appeal_vcs"], cast.ids["appeal_psa"]], "chair_id": cast.ids["appeal_vcs"]});
        let decision = json!({"outcome": "upheld", "findings": "Short notice.", "recommendations": []});
        let steps: Vec<Step<'_>> = vec![
            (&respondent, "respondent", "acknowledge", json!({}), false, vec![]),
            (&raiser, "raiser", "escalate", json!({"reason": "Stuck."}), true, vec![]),
            (&chair, "chair", "accept_formal", json!({}), true, vec![]),
            (&chair, "chair", "convene_panel", panel_ids, true, vec!["panel_vcs", "panel_psa"]),
            (&respondent, "respondent", "submit_response", json!({"body": "Our answer."}), true, vec!["panel_vcs", "panel_psa"]),
            (&panel, "panel_vcs", "issue_decision", decision, true, vec!["panel_vcs", "panel_psa"]),
            (&respondent, "respondent", "appeal", json!({"grounds": "Misread."}), true, vec!["panel_vcs", "panel_psa"]),
            (&chair, "chair", "convene_appeal_panel", appeal_ids, true, vec!["panel_vcs", "panel_psa", "appeal_vcs", "appeal_psa"]),
            (&appeal, "appeal_vcs", "decide_appeal", json!({"result": "decision_confirmed", "reasons": "It stands."}), true, vec!["panel_vcs", "panel_psa", "appeal_vcs", "appeal_psa"]),
        ];
        let mut expectations = vec![(1_u32, "raised".to_owned(), expected("raiser", false, &[]))];
        for (n, (client, actor, action, body, formal, panels)) in steps.into_iter().enumerate() {
            act(client, &reference, action, body).await;
            expectations.push((u32::try_from(n).unwrap() + 2, action.to_owned(), expected(actor, formal, &panels)));
        }
        let total: usize = expectations.iter().map(|(_, _, to)| to.len()).sum();
        let received = smtp.wait_for(30, |r| r.len() >= total).await;
        for (seq, action, to) in &expectations {
            let got = of_event(&received, &reference, *seq);
            let addresses: BTreeSet<String> = got.keys().cloned().collect();
            assert_eq!(&addresses, to, "who was told of {action} (event {seq})");
            for (address, email) in &got {
                assert!(email.header("To").unwrap_or_default().contains(address.as_str()), "{address}");
                assert!(email.header("Subject").unwrap().starts_with(&reference), "{action}");
                assert!(email.data.contains("Day-centre grant ended"), "the title is in every email");
                assert!(!email.data.contains(CONFIDENTIAL), "{action} to {address} carries the case text");
                assert!(email.data.contains(&format!("/cases/{reference}")), "a link to the case");
            }
        }
        // The acknowledgement says who did what, where the case now stands, and what is due
        // next, by whom and when (the informal stage ends 20 working days after it).
        let acknowledged = &of_event(&received, &reference, 2)[&Cast::email("raiser")];
        let text = &acknowledged.data;
        assert!(text.contains("respondent of Leicestershire County Council acknowledged"), "{text}");
        assert!(text.contains("In dialogue (at the informal stage)"), "{text}");
        assert!(text.contains("What happens next"), "{text}");
        assert!(acknowledged.data.contains("text/html"), "a HTML part too");
        assert!(!text.contains("/letters/"), "no letter for an acknowledgement");
        // The decisions' emails link their letters.
        let (decided, appealed) = (&of_event(&received, &reference, 7)[&Cast::email("raiser")], &of_event(&received, &reference, 10)[&Cast::email("respondent")]);
        assert!(decided.readable().contains(&format!("/cases/{reference}/letters/formal")), "{}", decided.readable());
        assert!(appealed.readable().contains(&format!("/cases/{reference}/letters/appeal")), "{}", appealed.readable());
        // Every email has its own Message-ID, and nobody else was written to.
        let ids: BTreeSet<String> = received.iter().map(Received::message_id).collect();
        assert_eq!(ids.len(), received.len());
        assert!(received.iter().all(|r| r.message_id().ends_with("@compact.example.org>")));
        assert_eq!(received.len(), total);
        for outsider in ["other_member", "other_champion", "subgroup"] {
            assert!(received.iter().all(|r| r.to[0] != Cast::email(outsider)), "{outsider} was told");
        }
        // The log shows them sent.
        let facilitator = sign_in("facilitator").await;
        let (_, log) = facilitator.get(&format!("/api/v1/cases/{reference}/notifications")).await;
        let log = log.as_array().unwrap();
        assert_eq!(log.len(), total);
        assert!(log.iter().all(|n| n["status"] == "sent"));
    }
}

/// The environment of a service sending to `smtp` whose clock reads `clock`.
fn at(smtp: &Smtp, clock: &str) -> Vec<(&'static str, String)> {
    let mut env = Db::smtp_env(smtp.port);
    env.push(("DISPUTES__CLOCK__NOW", clock.to_owned()));
    env
}

/// Stops `server` and starts it again with its clock at `clock`.
fn restart(server: &mut Server, db: &Db, smtp: &Smtp, clock: &str) -> Server {
    server.stop();
    Server::start_with(db, &at(smtp, clock))
}

fn deadline<'a>(case: &'a Value, kind: &str) -> &'a Value {
    case["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == kind && d["status"] == "running")
        .unwrap()
}

on_both_databases! {
    async fn deadlines_remind_chase_and_lapse_on_the_services_clock(db: Db) {
        let smtp = Smtp::start().await;
        // Monday 2 March 2026: the acknowledgement falls due on Monday 9 March.
        let mut server = Server::start_with(&db, &at(&smtp, "2026-03-02T09:00:00Z"));
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let (_, case) = raiser.post("/api/v1/cases", new_case(&cast)).await;
        let reference = case["reference"].as_str().unwrap().to_owned();
        assert_eq!(deadline(&case, "acknowledgement")["due_on"], "2026-03-09");
        smtp.wait_for(10, |r| r.len() >= 3).await;

        // Thursday 5 March: two working days before, the council is reminded, and only it.
        let mut server = restart(&mut server, &db, &smtp, "2026-03-05T09:00:00Z");
        let received = smtp.wait_for(10, |r| !of_event(r, &reference, 2).is_empty()).await;
        let reminder = of_event(&received, &reference, 2);
        assert_eq!(reminder.keys().cloned().collect::<BTreeSet<_>>(), emails(&["respondent"]));
        let email = &reminder[&Cast::email("respondent")];
        assert!(email.header("Subject").unwrap().contains("reminder"), "{:?}", email.header("Subject"));
        assert!(email.data.contains("Monday 9 March 2026"));
        // A restart does not send it again.
        let mut server = restart(&mut server, &db, &smtp, "2026-03-05T15:00:00Z");
        tokio::time::sleep(std::time::Duration::from_secs(3)).await;
        assert_eq!(smtp.received().len(), 4, "nothing more after a restart");
        // Escalating is not yet possible.
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let (status, _) = raiser.post(&format!("/api/v1/cases/{reference}/actions/escalate"), json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT);

        // Tuesday 10 March, the working day after: overdue, to the council, the chair and the
        // facilitator.
        let mut server = restart(&mut server, &db, &smtp, "2026-03-10T09:00:00Z");
        let received = smtp.wait_for(10, |r| !of_event(r, &reference, 3).is_empty()).await;
        let overdue = of_event(&received, &reference, 3);
        let received = smtp.wait_for(10, |r| of_event(r, &reference, 3).len() >= 3).await;
        let overdue_to: BTreeSet<String> = of_event(&received, &reference, 3).keys().cloned().collect();
        assert_eq!(overdue_to, emails(&["respondent", "chair", "facilitator"]));
        assert!(overdue.values().next().unwrap().header("Subject").unwrap().contains("overdue"));
        // Now the raiser may escalate without the council having answered.
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let case = raiser.act(&reference, "escalate", json!({})).await;
        assert_eq!(case["state"], "submitted");
        let events = server.sign_in(&Cast::email("facilitator")).await.get(&format!("/api/v1/cases/{reference}/events")).await.1;
        let kinds: Vec<&str> = events.as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["raised", "send_reminder", "send_overdue_notice", "escalate"], "the notices are in the audit trail");

        // Through to a decision; 20 working days later the appeal window closes unused.
        let chair = server.sign_in(&Cast::email("chair")).await;
        chair.act(&reference, "accept_formal", json!({})).await;
        chair.act(&reference, "convene_panel", json!({"member_ids": [cast.ids["panel_vcs"], cast.ids["panel_psa"]], "chair_id": cast.ids["panel_vcs"]})).await;
        let panel = server.sign_in(&Cast::email("panel_vcs")).await;
        let case = panel.act(&reference, "issue_decision", json!({"outcome": "partly_upheld", "findings": "Late.", "recommendations": []})).await;
        let window = deadline(&case, "appeal_window")["due_on"].as_str().unwrap().to_owned();
        assert_eq!(window, "2026-04-09", "20 working days after Tuesday 10 March, over Easter");
        let mut server = restart(&mut server, &db, &smtp, "2026-04-10T09:00:00Z");
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let mut closed = Value::Null;
        for _ in 0..50 {
            closed = facilitator.get(&format!("/api/v1/cases/{reference}")).await.1;
            if closed["state"] == "closed" {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        assert_eq!((closed["state"].as_str(), closed["outcome"].as_str()), (Some("closed"), Some("partly_upheld")));
        let (_, events) = facilitator.get(&format!("/api/v1/cases/{reference}/events")).await;
        let last = events.as_array().unwrap().last().unwrap().clone();
        assert_eq!((last["kind"].as_str(), last["actor_id"].is_null()), (Some("lapse_appeal_window"), true));
        let seq = u32::try_from(last["seq"].as_u64().unwrap()).unwrap();
        let everyone = expected("", true, &["panel_vcs", "panel_psa"]);
        let received = smtp.wait_for(10, |r| of_event(r, &reference, seq).len() >= everyone.len()).await;
        let told: BTreeSet<String> = of_event(&received, &reference, seq).keys().cloned().collect();
        assert_eq!(told, everyone, "the service acting leaves no one out");
        // The decision that closed the case points to help outside the Compact; no email
        // before it did.
        let closing = &of_event(&received, &reference, seq)[&Cast::email("raiser")];
        assert!(closing.readable().contains("Local Government and Social Care Ombudsman"), "{}", closing.readable());
        assert!(of_event(&received, &reference, seq - 1).values().all(|e| !e.readable().contains("Ombudsman")));

        // A pause moves the running deadline on by the working days it lasted.
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let (_, second) = raiser.post("/api/v1/cases", new_case(&cast)).await;
        let second_ref = second["reference"].as_str().unwrap().to_owned();
        let before = deadline(&second, "acknowledgement")["due_on"].as_str().unwrap().to_owned();
        facilitator.act(&second_ref, "pause", json!({"reason": "Waiting for mediation."})).await;
        // A week later (five working days, no holidays that week).
        let server = restart(&mut server, &db, &smtp, "2026-04-17T09:00:00Z");
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let resumed = facilitator.act(&second_ref, "resume", json!({})).await;
        let after = deadline(&resumed, "acknowledgement")["due_on"].as_str().unwrap().to_owned();
        assert_eq!((before.as_str(), after.as_str()), ("2026-04-17", "2026-04-24"));
        assert!(deadline(&resumed, "acknowledgement")["explanation"].as_str().unwrap().contains("pause"));
    }
}

/// The news emails received, by recipient address.
fn news(received: &[Received], reference: &str) -> HashMap<String, Vec<Received>> {
    let marker = format!("<{reference}.news.");
    let mut by_person: HashMap<String, Vec<Received>> = HashMap::new();
    for email in received
        .iter()
        .filter(|r| r.message_id().starts_with(&marker))
    {
        by_person
            .entry(email.to[0].clone())
            .or_default()
            .push(email.clone());
    }
    by_person
}

on_both_databases! {
    async fn messages_and_files_are_told_to_each_reader_gathered(db: Db) {
        let smtp = Smtp::start().await;
        // Monday 2 March 2026, 09:00; news is gathered for 15 minutes (the default).
        let mut server = Server::start_with(&db, &at(&smtp, "2026-03-02T09:00:00Z"));
        let cast = enrol(&server, &db).await;
        let sign_in = async |server: &Server, part: &str| server.sign_in(&Cast::email(part)).await;
        let raiser = sign_in(&server, "raiser").await;
        let respondent = sign_in(&server, "respondent").await;
        let (_, case) = raiser.post("/api/v1/cases", new_case(&cast)).await;
        let reference = case["reference"].as_str().unwrap().to_owned();
        let messages = format!("/api/v1/cases/{reference}/messages");
        let secret = format!("Meet on Tuesday about {CONFIDENTIAL}.");
        // Two messages and a file, from both sides, within the quarter hour.
        assert_eq!(raiser.post(&messages, json!({"body": secret})).await.0, StatusCode::CREATED);
        assert_eq!(respondent.post(&messages, json!({"body": "Tuesday suits us."})).await.0, StatusCode::CREATED);
        let file = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.7 minutes".to_vec()).file_name("minutes-zanzibar.pdf").mime_str("application/pdf").unwrap(),
        );
        let sent = raiser
            .request(reqwest::Method::POST, &format!("/api/v1/cases/{reference}/attachments"))
            .multipart(file)
            .send()
            .await
            .unwrap();
        assert_eq!(sent.status(), StatusCode::CREATED);
        // Nothing is sent while the news is gathering.
        smtp.wait_for(10, |r| r.len() >= 3).await;
        tokio::time::sleep(std::time::Duration::from_secs(3)).await;
        assert!(news(&smtp.received(), &reference).is_empty(), "news went before its quarter hour");

        // At 09:16 the gathering has closed: one email each, to everyone who may read them
        // but the person who wrote all of it.
        let server2 = restart(&mut server, &db, &smtp, "2026-03-02T09:16:00Z");
        let readers = emails(&["raiser", "raiser_champion", "respondent", "respondent_champion"]);
        let received = smtp.wait_for(20, |r| news(r, &reference).len() >= readers.len()).await;
        let told = news(&received, &reference);
        assert_eq!(told.keys().cloned().collect::<BTreeSet<_>>(), readers);
        assert!(told.values().all(|emails| emails.len() == 1), "one email each");
        let to_champion = told[&Cast::email("respondent_champion")][0].readable();
        assert!(to_champion.contains("added 2 messages and a file to the case"), "{to_champion}");
        assert!(to_champion.contains(&format!("/cases/{reference}#messages")), "{to_champion}");
        // What the council's officer hears of leaves out their own message.
        let to_respondent = told[&Cast::email("respondent")][0].readable();
        assert!(to_respondent.contains("raiser of Age Concern") && to_respondent.contains("a message and a file"), "{to_respondent}");
        for email in told.values().flatten() {
            let text = email.readable();
            assert!(!text.contains(CONFIDENTIAL) && !text.contains("zanzibar") && !text.contains("Tuesday"), "news carries what was written: {text}");
        }
        for outsider in ["other_member", "chair", "facilitator", "panel_vcs"] {
            assert!(!told.contains_key(&Cast::email(outsider)), "{outsider} was told");
        }

        // A message written after that quarter hour opens a new one: nothing more goes to
        // anyone until it closes, a quarter of an hour after the message.
        let mut server = server2;
        let respondent = sign_in(&server, "respondent").await;
        assert_eq!(respondent.post(&messages, json!({"body": "Room 4."})).await.0, StatusCode::CREATED);
        let mut server = restart(&mut server, &db, &smtp, "2026-03-02T09:30:00Z");
        tokio::time::sleep(std::time::Duration::from_secs(3)).await;
        let count = |r: &[Received]| news(r, &reference).values().map(Vec::len).sum::<usize>();
        assert_eq!(count(&smtp.received()), 4, "a second email inside the quarter hour");
        let _server = restart(&mut server, &db, &smtp, "2026-03-02T09:33:00Z");
        let received = smtp.wait_for(20, |r| count(r) >= 7).await;
        assert_eq!(count(&received), 7, "the raiser's side and the council's champion hear of it");
        assert_eq!(news(&received, &reference)[&Cast::email("respondent")].len(), 1);
    }
}

on_both_databases! {
    async fn an_outage_loses_nothing_and_a_refused_address_blocks_no_one(db: Db) {
        let mut smtp = Smtp::start().await;
        let mut server = Server::start_with(&db, &Db::smtp_env(smtp.port));
        // The outage makes attempts fail on purpose.
        server.expect_failed_emails();
        let cast = enrol(&server, &db).await;
        smtp.stop();
        // While the mail server is down, the work goes on.
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let respondent = server.sign_in(&Cast::email("respondent")).await;
        let (status, case) = raiser.post("/api/v1/cases", new_case(&cast)).await;
        assert_eq!(status, StatusCode::CREATED);
        let reference = case["reference"].as_str().unwrap().to_owned();
        respondent.act(&reference, "acknowledge", json!({})).await;
        tokio::time::sleep(std::time::Duration::from_secs(4)).await;
        let failed_attempts = server.anonymous().metric("disputes_email_attempts_failed_total").await;
        assert!(failed_attempts >= 1.0, "retries are visible in the metrics");
        assert!(smtp.received().is_empty());
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let (_, log) = facilitator.get(&format!("/api/v1/cases/{reference}/notifications")).await;
        assert!(log.as_array().unwrap().iter().all(|n| n["status"] == "pending"));
        assert!(log.as_array().unwrap().iter().any(|n| n["attempts"].as_u64().unwrap() >= 1));

        // It comes back: every email arrives, once.
        smtp.restart().await;
        let received = smtp.wait_for(30, |r| r.len() >= 6).await;
        assert_eq!(received.len(), 6);
        let ids: BTreeSet<String> = received.iter().map(Received::message_id).collect();
        assert_eq!(ids.len(), 6);

        // One address refused for good: the others still get theirs; that one is shown failed.
        smtp.reject(&Cast::email("respondent_champion"));
        respondent.act(&reference, "propose_resolution", json!({"terms": "Until June."})).await;
        let received = smtp.wait_for(20, |r| of_event(r, &reference, 3).len() >= 2).await;
        assert_eq!(of_event(&received, &reference, 3).keys().cloned().collect::<BTreeSet<_>>(), emails(&["raiser", "raiser_champion"]));
        let mut failed = Value::Null;
        for _ in 0..50 {
            let (_, log) = facilitator.get(&format!("/api/v1/cases/{reference}/notifications")).await;
            if let Some(row) = log.as_array().unwrap().iter().find(|n| n["status"] == "failed") {
                failed = row.clone();
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        assert_eq!(failed["recipient_email"], Cast::email("respondent_champion"));
        assert!(failed["last_error"].as_str().unwrap().contains("550"), "{failed}");
        // The facilitator sends it again once the address is fixed, and it arrives.
        smtp.accept(&Cast::email("respondent_champion"));
        let id = failed["id"].as_i64().unwrap();
        let (status, _) = facilitator.post(&format!("/api/v1/cases/{reference}/notifications/{id}/resend"), json!({})).await;
        assert_eq!(status, StatusCode::ACCEPTED);
        let received = smtp.wait_for(20, |r| of_event(r, &reference, 3).len() >= 3).await;
        assert!(of_event(&received, &reference, 3).contains_key(&Cast::email("respondent_champion")));
        // Only a failed email can be sent again.
        let (status, problem) = facilitator.post(&format!("/api/v1/cases/{reference}/notifications/{id}/resend"), json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_database_send_each_email_once() {
    let db = Db::postgres().await;
    let smtp = Smtp::start().await;
    // Raised on Monday 2 March by the first server alone.
    let mut first = Server::start_with(&db, &at(&smtp, "2026-03-02T09:00:00Z"));
    let cast = enrol(&first, &db).await;
    let raiser = first.sign_in(&Cast::email("raiser")).await;
    let mut references = Vec::new();
    for _ in 0..4 {
        let (_, case) = raiser.post("/api/v1/cases", new_case(&cast)).await;
        references.push(case["reference"].as_str().unwrap().to_owned());
    }
    first.stop();
    // Then two servers, on Thursday 5 March, when every acknowledgement is due a reminder,
    // both sweeping every second while people act through both.
    let env = at(&smtp, "2026-03-05T09:00:00Z");
    let one = Server::start_with(&db, &env);
    let two = Server::start_with(&db, &env);
    let respondent_one = one.sign_in(&Cast::email("respondent")).await;
    let respondent_two = two.sign_in(&Cast::email("respondent")).await;
    for (n, reference) in references.iter().enumerate() {
        let client = if n % 2 == 0 {
            &respondent_one
        } else {
            &respondent_two
        };
        let (status, _) = client
            .post(
                &format!("/api/v1/cases/{reference}/actions/acknowledge"),
                json!({}),
            )
            .await;
        // A case whose reminder was just sent is at a newer version; acknowledging still works.
        assert_eq!(status, StatusCode::OK);
    }
    // Per case: 3 emails for raising, 1 reminder to the respondent (if the sweep came before
    // the acknowledgement), 3 for the acknowledgement.
    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    let received = smtp.received();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for email in &received {
        *by_id.entry(email.message_id()).or_default() += 1;
    }
    let repeats: Vec<_> = by_id.iter().filter(|(_, n)| **n > 1).collect();
    assert!(repeats.is_empty(), "sent more than once: {repeats:?}");
    let facilitator = one.sign_in(&Cast::email("facilitator")).await;
    let mut queued = 0;
    for reference in &references {
        let (_, log) = facilitator
            .get(&format!("/api/v1/cases/{reference}/notifications"))
            .await;
        let log = log.as_array().unwrap();
        assert!(log.iter().all(|n| n["status"] == "sent"), "{log:?}");
        queued += log.len();
        let (_, events) = facilitator
            .get(&format!("/api/v1/cases/{reference}/events"))
            .await;
        let reminders = events
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "send_reminder")
            .count();
        assert!(reminders <= 1, "{reference} was reminded {reminders} times");
    }
    assert_eq!(
        received.len(),
        queued,
        "every queued email arrived exactly once"
    );
    assert!(received.len() >= 4 * 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn by_default_emails_are_written_to_files_from_the_operators_templates() {
    let db = Db::sqlite();
    let templates = db.dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("transition.subject.txt"),
        "[Our Compact] {{ reference }} was {{ summary_line }}",
    )
    .unwrap();
    let templates_dir = templates.display().to_string();
    let env = [
        ("DISPUTES__EMAIL__TEMPLATES_DIR", templates_dir.as_str()),
        ("DISPUTES__SCHEDULER__INTERVAL_SECS", "1"),
    ];
    let server = Server::start(&db, &env);
    let cast = enrol(&server, &db).await;
    let raiser = server.sign_in(&Cast::email("raiser")).await;
    let (status, case) = raiser.post("/api/v1/cases", new_case(&cast)).await;
    assert_eq!(status, StatusCode::CREATED);
    let reference = case["reference"].as_str().unwrap().to_owned();

    let folder = db.dir.path().join("mail");
    let mut files = Vec::new();
    for _ in 0..100 {
        files = std::fs::read_dir(&folder)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        if files.len() >= 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        files.len(),
        3,
        "one file per person told of the raising: {files:?}"
    );
    let mut told = BTreeSet::new();
    for file in &files {
        assert_eq!(file.extension().and_then(|e| e.to_str()), Some("eml"));
        let email = std::fs::read_to_string(file).unwrap();
        assert!(
            email.contains(&format!("Subject: [Our Compact] {reference} was raised")),
            "{email}"
        );
        assert!(
            email.contains(&format!("Message-ID: <{reference}.1.")),
            "{email}"
        );
        assert!(!email.contains(CONFIDENTIAL));
        let to = email
            .lines()
            .find(|l| l.starts_with("To: "))
            .unwrap_or_default()
            .to_owned();
        told.extend(
            ["respondent", "raiser_champion", "respondent_champion"]
                .into_iter()
                .filter(|p| to.contains(&format!("<{}>", Cast::email(p)))),
        );
    }
    assert_eq!(
        told,
        ["raiser_champion", "respondent", "respondent_champion"]
            .into_iter()
            .collect()
    );

    // A template that does not compile stops the service before it starts, naming the file.
    std::fs::write(templates.join("reminder.txt"), "Dear {{ recipient ").unwrap();
    let output = db.command(&env).arg("serve").output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("reminder.txt"), "{stderr}");
}
