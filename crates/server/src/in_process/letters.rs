//! Decision letters over the API and the pages: a PDF for each decision the case reached,
//! to either party, saying the decision, its reasons, each recommendation and what comes
//! next, as poppler's `pdftotext` reads it.

use axum::http::{Method, StatusCode};
use disputes_testkit::{Cast, pdf_text};
use serde_json::json;

use super::{Client, Service, on_both_databases};

/// A case walked to the panel's decision, with two recommendations; its reference.
async fn decided(service: &Service) -> String {
    let cast = &service.cast;
    let raiser = service.sign_in(&Cast::email("raiser")).await;
    let respondent = service.sign_in(&Cast::email("respondent")).await;
    let chair = service.sign_in(&Cast::email("chair")).await;
    let panel_chair = service.sign_in(&Cast::email("panel_vcs")).await;
    let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
    let reference = case["reference"].as_str().unwrap().to_owned();
    respondent.act(&reference, "acknowledge", json!({})).await;
    raiser
        .act(&reference, "escalate", json!({"reason": "No movement."}))
        .await;
    chair.act(&reference, "accept_formal", json!({})).await;
    let panel = json!({"member_ids": [cast.ids["panel_vcs"], cast.ids["panel_psa"]], "chair_id": cast.ids["panel_vcs"]});
    chair.act(&reference, "convene_panel", panel).await;
    let decision = json!({
        "outcome": "partly_upheld",
        "findings": "Notice came ten weeks short of the three months the Compact promises.\n- The budget meeting was the start.",
        "recommendations": [
            {"text": "Give three months' notice of every change to a grant.", "owner_organisation_id": cast.council, "due_on": "2026-12-31"},
            {"text": "Publish the grant timetable each January.", "owner_organisation_id": cast.council, "due_on": "2027-01-29"}
        ]
    });
    panel_chair
        .act(&reference, "issue_decision", decision)
        .await;
    reference
}

/// The letter at `path` as `client` gets it: its status, type and text by `pdftotext`.
async fn letter(client: &Client, path: &str) -> (StatusCode, String, String) {
    let (status, _, kind, body) = client
        .call_raw(Method::GET, path, &[], None, Vec::new())
        .await;
    if status != StatusCode::OK {
        return (status, kind, String::new());
    }
    (status, kind, pdf_text(&body))
}

on_both_databases! {
    async fn a_decision_letter_says_the_decision_each_recommendation_and_what_comes_next(service: Service) {
        let reference = decided(&service).await;
        let raiser = service.sign_in(&Cast::email("raiser")).await;
        let respondent = service.sign_in(&Cast::email("respondent")).await;
        let path = format!("/api/v1/cases/{reference}/letters/formal");

        let (status, kind, text) = letter(&raiser, &path).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(kind, "application/pdf");
        for wanted in [
            "Decision of the Dispute Resolution Panel",
            &format!("Case: {reference}, Day-centre grant ended at two weeks' notice"),
            "To: Age Concern Leicestershire",
            "Three months' notice of a change to funding or support",
            "Partly upheld.",
            "Notice came ten weeks short of the three months the Compact promises.",
            "- The budget meeting was the start.",
            "Give three months' notice of every change to a grant. For Leicestershire County Council, by Thursday 31 December 2026.",
            "Publish the grant timetable each January. For Leicestershire County Council, by Friday 29 January 2027.",
            "Either organisation may appeal against this decision, on the case's page, by",
            "If you are still not satisfied",
        ] {
            assert!(text.contains(wanted), "{wanted} is not in the letter: {text}");
        }
        // Addressed to the viewer's own organisation, or to either when asked.
        let (_, _, to_council) = letter(&respondent, &path).await;
        assert!(to_council.contains("To: Leicestershire County Council"), "{to_council}");
        let (_, _, asked) = letter(&raiser, &format!("{path}?to=respondent")).await;
        assert!(asked.contains("To: Leicestershire County Council"), "{asked}");

        // In Welsh when asked, or when the reader's account says Welsh; what people wrote
        // stays as they wrote it.
        let welsh = disputes_i18n::Locale::built_in(disputes_i18n::Lang::Cy);
        let in_welsh = |text: &str| {
            for wanted in [
                welsh.t("letter-heading-formal"),
                welsh.t("letter-about"),
                welsh.t("letter-next"),
                "Dydd Iau 31 Rhagfyr 2026".to_owned(),
                "Give three months' notice of every change to a grant.".to_owned(),
                "Notice came ten weeks short of the three months the Compact promises.".to_owned(),
            ] {
                assert!(text.contains(&wanted), "{wanted} is not in the Welsh letter: {text}");
            }
            for english in ["What happens next", "Decision of the Dispute Resolution Panel", "Thursday"] {
                assert!(!text.contains(english), "{english} in the Welsh letter: {text}");
            }
        };
        let (status, _, cymraeg) = letter(&raiser, &format!("{path}?lang=cy")).await;
        assert_eq!(status, StatusCode::OK);
        in_welsh(&cymraeg);
        let (status, _, _) = letter(&raiser, &format!("{path}?lang=fr")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let facilitator = service.sign_in(&Cast::email("facilitator")).await;
        let (status, _) = facilitator
            .send(Method::PATCH, &format!("/api/v1/users/{}", service.cast.ids["respondent"]), Some(json!({"language": "cy"})))
            .await;
        assert_eq!(status, StatusCode::OK);
        let (_, _, theirs) = letter(&respondent, &path).await;
        in_welsh(&theirs);
        let (_, _, asked) = letter(&respondent, &format!("{path}?lang=en")).await;
        assert!(asked.contains("What happens next"), "{asked}");

        // No letter for a decision not made, an unknown kind, or a case out of reach.
        let (status, _, _) = letter(&raiser, &format!("/api/v1/cases/{reference}/letters/appeal")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _, _) = letter(&raiser, &format!("/api/v1/cases/{reference}/letters/verdict")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _, _) = letter(&raiser, &format!("{path}?to=ombudsman")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let stranger = service.sign_in(&Cast::email("other_member")).await;
        let (status, _, _) = letter(&stranger, &path).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // The case page links each party's letter; the page route gives the same letter.
        let (_, _, _, page) = raiser.call_raw(Method::GET, &format!("/cases/{reference}"), &[], None, Vec::new()).await;
        let page = String::from_utf8(page).unwrap().replace("&#x2f;", "/");
        assert!(page.contains(&format!("/cases/{reference}/letters/formal?to=respondent")), "{page}");
        let (status, kind, text) = letter(&raiser, &format!("/cases/{reference}/letters/formal")).await;
        assert_eq!((status, kind.as_str()), (StatusCode::OK, "application/pdf"));
        assert!(text.contains("To: Age Concern Leicestershire"));
    }
}
