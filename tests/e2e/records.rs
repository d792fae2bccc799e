//! Records, end to end: a case's bundle downloaded from the running service verifies
//! offline with `disputes audit verify-bundle`, and fails when any one byte of it changes;
//! it holds the record, the letters, the files and the trail as its requester may see them.

use std::io::{Cursor, Read};

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::smtp::Smtp;
use crate::support::{Cast, Client, Db, Server, enrol, on_both_databases};

/// The bundle of `reference` as `client` downloads it.
async fn download(client: &Client, reference: &str) -> (StatusCode, Vec<u8>) {
    download_in(client, reference, "").await
}

/// The same, asked for with `query` (`?lang=cy`).
async fn download_in(client: &Client, reference: &str, query: &str) -> (StatusCode, Vec<u8>) {
    let response = client
        .request(
            Method::GET,
            &format!("/api/v1/cases/{reference}/bundle{query}"),
        )
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.bytes().await.unwrap().to_vec())
}

/// `disputes audit verify-bundle` on `bytes`: whether it passed, and what it said.
fn verify_bundle(db: &Db, bytes: &[u8], name: &str) -> (bool, String) {
    let file = db.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    let (ok, out, err) = db.run(&["audit", "verify-bundle", file.to_str().unwrap()], &[]);
    (ok, format!("{out}{err}"))
}

fn entry(bundle: &[u8], name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bundle)).unwrap();
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).unwrap();
    bytes
}

fn names(bundle: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(Cursor::new(bundle)).unwrap();
    archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect()
}

on_both_databases! {
    async fn a_bundle_verifies_offline_and_fails_when_one_byte_changes(db: Db) {
        let server = Server::start(&db, &[]);
        let cast = enrol(&server, &db).await;
        let sign_in = async |part: &str| server.sign_in(&Cast::email(part)).await;
        let (raiser, respondent, chair, panel) = (sign_in("raiser").await, sign_in("respondent").await, sign_in("chair").await, sign_in("panel_vcs").await);
        let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
        let reference = case["reference"].as_str().unwrap().to_owned();
        raiser.post(&format!("/api/v1/cases/{reference}/messages"), json!({"body": "Our trustees met on Tuesday."})).await;
        let (status, _) = raiser.upload(&reference, "minutes.txt", b"Minutes of the trustees' meeting.", None).await;
        assert_eq!(status, StatusCode::CREATED);
        respondent.act(&reference, "acknowledge", json!({})).await;
        raiser.act(&reference, "escalate", json!({"reason": "No movement."})).await;
        chair.act(&reference, "accept_formal", json!({})).await;
        chair.act(&reference, "convene_panel", json!({"member_ids": [cast.ids["panel_vcs"], cast.ids["panel_psa"]], "chair_id": cast.ids["panel_vcs"]})).await;
        let note = "Deliberation: the council's dates do not add up.";
        let (status, _) = panel.post(&format!("/api/v1/cases/{reference}/messages"), json!({"body": note, "visibility": "panel"})).await;
        assert_eq!(status, StatusCode::CREATED);
        panel.act(&reference, "issue_decision", json!({"outcome": "upheld", "findings": "Two weeks is not three months.", "recommendations": [{"text": "Give three months' notice.", "owner_organisation_id": cast.council, "due_on": "2030-01-01"}]})).await;

        // Who may have it: the parties and the facilitator; not the chair; not a stranger.
        let (status, _) = download(&chair, &reference).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = download(&sign_in("other_member").await, &reference).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, bundle) = download(&raiser, &reference).await;
        assert_eq!(status, StatusCode::OK);

        // What it holds.
        let held = names(&bundle);
        for wanted in ["record.pdf", "audit/events.json", "manifest.json", "letters/"] {
            assert!(held.iter().any(|n| n.starts_with(wanted)), "{wanted} in {held:?}");
        }
        assert_eq!(held.iter().filter(|n| n.starts_with("letters/")).count(), 2, "the panel's decision to each party");
        let file = held.iter().find(|n| n.starts_with("files/")).expect("the file");
        assert_eq!(entry(&bundle, file), b"Minutes of the trustees' meeting.");
        let record = disputes_testkit::pdf_text(&entry(&bundle, "record.pdf"));
        for wanted in [reference.as_str(), "Our trustees met on Tuesday.", "Two weeks is not three months.", "Give three months' notice.", "minutes.txt"] {
            assert!(record.contains(wanted), "{wanted} in the record: {record}");
        }
        // The panel's note is in the facilitator's record, never in a party's bundle.
        assert!(!record.contains("do not add up"), "a party's record holds a panel note");
        for name in &held {
            let bytes = entry(&bundle, name);
            assert!(!String::from_utf8_lossy(&bytes).contains("do not add up"), "{name} holds a panel note");
        }
        let (status, full) = download(&sign_in("facilitator").await, &reference).await;
        assert_eq!(status, StatusCode::OK);
        assert!(disputes_testkit::pdf_text(&entry(&full, "record.pdf")).contains(note));
        let events: serde_json::Value = serde_json::from_slice(&entry(&bundle, "audit/events.json")).unwrap();
        assert_eq!(events.as_array().unwrap().len(), 6);

        let (ok, said) = verify_bundle(&db, &bundle, "bundle.zip");
        assert!(ok, "{said}");
        assert!(said.contains(&format!("{reference}: complete and untampered: 6 events")), "{said}");
        // In Welsh on request: the record and the letters, and it verifies the same.
        let (status, welsh) = download_in(&raiser, &reference, "?lang=cy").await;
        assert_eq!(status, StatusCode::OK);
        let record = disputes_testkit::pdf_text(&entry(&welsh, "record.pdf"));
        for wanted in [format!("Cofnod yr achos: {reference}"), "Penderfyniad y panel".to_owned(), "Y trywydd archwilio".to_owned(), "Two weeks is not three months.".to_owned()] {
            assert!(record.contains(&wanted), "{wanted} in the Welsh record: {record}");
        }
        let letter = names(&welsh).into_iter().find(|n| n.starts_with("letters/")).unwrap();
        let letter = disputes_testkit::pdf_text(&entry(&welsh, &letter));
        assert!(letter.contains("Argymhellion"), "a Welsh letter: {letter}");
        let (ok, said) = verify_bundle(&db, &welsh, "welsh.zip");
        assert!(ok, "{said}");
        // One byte changed anywhere: at the start, in each entry, in the central directory, in
        // the digest itself.
        let mut places: Vec<usize> = (0..40).map(|i| i * bundle.len() / 40).collect();
        places.extend([bundle.len() - 1, bundle.len() - 70, bundle.len() / 2 + 1]);
        assert_eq!(places.len(), 43, "the README says 43 places");
        for place in places {
            let mut changed = bundle.clone();
            changed[place] ^= 0x20;
            let (ok, said) = verify_bundle(&db, &changed, "changed.zip");
            assert!(!ok, "a byte changed at {place} of {} was not found: {said}", bundle.len());
        }
    }

    async fn a_bundle_after_an_erasure_still_verifies_and_keeps_the_reason_from_the_parties(db: Db) {
        let smtp = Smtp::start().await;
        let server = Server::start_with(&db, &Db::smtp_env(smtp.port));
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let respondent = server.sign_in(&Cast::email("respondent")).await;
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
        let reference = case["reference"].as_str().unwrap().to_owned();
        respondent.act(&reference, "acknowledge", json!({})).await;
        let reason = "Asked for erasure by letter of 3 March";
        let (status, erased) = facilitator.post(&format!("/api/v1/users/{}/erase", cast.ids["raiser"]), json!({"reason": reason})).await;
        assert_eq!(status, StatusCode::OK, "{erased}");
        let (ok, out, err) = db.run(&["audit", "verify"], &[]);
        assert!(ok, "{out}{err}");

        let (_, theirs) = download(&respondent, &reference).await;
        let (_, full) = download(&facilitator, &reference).await;
        for (bundle, name) in [(&theirs, "theirs.zip"), (&full, "full.zip")] {
            let (ok, said) = verify_bundle(&db, bundle, name);
            assert!(ok, "{name}: {said}");
        }
        let trail = |bundle: &[u8]| String::from_utf8(entry(bundle, "audit/events.json")).unwrap();
        assert!(!trail(&theirs).contains(reason), "the erasure's reason is the facilitator's");
        assert!(trail(&full).contains(reason));
        for bundle in [&theirs, &full] {
            assert!(!trail(bundle).contains("Day-centre grant ended"), "the erased person's words are gone");
        }

        // New emails go to the raising organisation's champion, and not to the erased person.
        respondent.act(&reference, "propose_resolution", json!({"terms": "The grant runs to June."})).await;
        let marker = format!("<{reference}.4.");
        let received = smtp
            .wait_for(30, |all| all.iter().any(|r| r.message_id().starts_with(&marker)))
            .await;
        let new: Vec<_> = received.iter().filter(|r| r.message_id().starts_with(&marker)).collect();
        assert!(new.iter().any(|r| r.to[0] == Cast::email("raiser_champion")), "the champion is told");
        for email in new {
            assert_ne!(email.to[0], Cast::email("raiser"));
            assert!(!email.readable().contains(&Cast::email("raiser")), "{}", email.readable());
        }
    }
}
