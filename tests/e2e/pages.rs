//! The pages, in a real headless Chromium: people raise, respond, escalate, convene a panel,
//! decide and follow outcomes through the forms, as they would. Every page visited is
//! photographed (under the tests' output folder, `target/tmp/screenshots`) and checked with
//! axe-core.

use serde_json::json;

use crate::support::browser::Browser;
use crate::support::smtp::Smtp;
use crate::support::{Cast, Db, PASSWORD, Server};

const TITLE: &str = "Day-centre grant ended at two weeks' notice";

async fn sign_in(b: &Browser, part: &str) {
    b.fill("#email", &Cast::email(part)).await;
    b.fill("#password", PASSWORD).await;
    b.click_text("Sign in").await;
}

async fn sign_out(b: &Browser) {
    b.click_text("Sign out").await;
    assert_eq!(b.path().await, "/login?signed_out=1");
}

/// Signs out whoever is in, and signs in as `part` on the way to `path`.
async fn as_person(b: &Browser, part: &str, path: &str) {
    sign_out(b).await;
    b.open(path).await;
    assert!(
        b.path().await.starts_with("/login?next="),
        "{}",
        b.path().await
    );
    sign_in(b, part).await;
    assert_eq!(b.path().await, path);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disagreement_goes_from_raising_to_a_decision_through_the_pages() {
    let db = Db::sqlite();
    // Monday 2 March 2026.
    let server = Server::start(&db, &[("DISPUTES__CLOCK__NOW", "2026-03-02T09:00:00Z")]);
    let cast = Cast::enrol(&server, &db).await;
    let b = Browser::start(&server.base, "raise-to-decision").await;

    // Anyone can check notice: the answer comes as the dates are entered.
    b.open("/check").await;
    b.look("checker").await;
    b.date("#notified_on", "2026-03-02").await;
    b.date("#effective_on", "2026-03-16").await;
    let answer = b
        .wait_for_text(
            "[data-checker=notice] [data-result]",
            "did not keep the Compact",
        )
        .await;
    assert!(answer.contains("Tuesday 2 June 2026"), "{answer}");
    b.look("checker-answered").await;

    // The volunteer signs in; a wrong password is refused without saying which part.
    b.open("/").await;
    b.look("sign-in").await;
    b.fill("#email", &Cast::email("raiser")).await;
    b.fill("#password", "not the password").await;
    b.click_text("Sign in").await;
    assert!(
        b.text(".error-summary")
            .await
            .contains("The email address or password is not right")
    );
    assert_eq!(
        b.value("#email").await,
        Cast::email("raiser"),
        "what was typed is kept"
    );
    assert_eq!(b.value("#password").await, "", "but never the password");
    b.look("sign-in-refused").await;
    b.fill("#password", PASSWORD).await;
    b.click_text("Sign in").await;
    assert_eq!(b.path().await, "/");
    b.look("home-volunteer").await;

    // A raise form missing most of its answers keeps what was typed and says what to fix.
    b.click("a.nav__link[href='/cases/new']").await;
    b.look("raise-form").await;
    b.fill("#title", TITLE).await;
    b.click_text("Raise the disagreement").await;
    let problems = b.texts(".error-summary__list li").await;
    assert_eq!(
        problems,
        [
            "Choose the organisation the disagreement is with",
            "Choose the principles that were not kept",
            "Enter what happened",
            "Enter what you want to happen",
        ]
    );
    assert_eq!(b.value("#title").await, TITLE);
    assert!(
        b.text("#summary-error")
            .await
            .contains("Enter what happened")
    );
    b.look("raise-refused").await;

    // Answered in full, with the notice dates checked as they are entered.
    b.select("#respondent_organisation_id", &cast.council.to_string())
        .await;
    b.tick("input[name=principles][value=notice]").await;
    b.fill(
        "#summary",
        "The council told us on 2 March that the grant ends on 16 March.",
    )
    .await;
    b.tick("input[name='notice.change_kind'][value=cessation]")
        .await;
    b.tick("input[name='notice.instrument'][value=grant]").await;
    b.date("#notice-notified_on", "2026-03-02").await;
    b.date("#notice-effective_on", "2026-03-16").await;
    b.wait_for_text("[data-checker=notice] [data-result]", "78 days short")
        .await;
    b.fill("#desired_outcome", "The grant continues until 2 June.")
        .await;
    b.click_text("Raise the disagreement").await;
    let reference = "LEIC-2026-0001";
    assert_eq!(b.path().await, format!("/cases/{reference}?raised=1"));
    assert!(
        b.text(".banner")
            .await
            .contains(&format!("Its reference is {reference}"))
    );
    assert!(b.text("h1").await.contains(TITLE));
    assert!(
        b.text(".stages__step--current")
            .await
            .contains("Waiting for acknowledgement")
    );
    b.look("case-raised").await;
    let case = format!("/cases/{reference}");

    // The council officer acknowledges it.
    as_person(&b, "respondent", &case).await;
    b.look("case-for-the-council").await;
    b.click_text("Acknowledge the disagreement").await;
    b.look("acknowledge").await;
    b.click_text("Acknowledge the disagreement").await;
    assert!(
        b.text(".banner")
            .await
            .contains("Done: you acknowledged the disagreement")
    );
    assert!(
        b.text(".stages__step--current")
            .await
            .contains("In dialogue")
    );

    // The volunteer takes it to the formal stage, which needs a reason by now.
    as_person(&b, "raiser", &case).await;
    b.click_text("Take it to the formal stage").await;
    b.click_text("Take it to the formal stage").await;
    assert_eq!(
        b.texts(".error-summary__list li").await,
        ["Say why the informal stage has not resolved the disagreement"]
    );
    b.look("escalate-refused").await;
    b.fill("#reason", "The council has not replied to two letters.")
        .await;
    b.click_text("Take it to the formal stage").await;
    assert!(b.text(".stages__step--current").await.contains("Formal"));

    // The chair finds it in the subgroup's queue, accepts it and convenes a panel.
    as_person(&b, "chair", "/subgroup").await;
    assert!(b.text("main").await.contains(reference));
    b.look("subgroup").await;
    b.click(&format!("a[href='{case}']")).await;
    b.click_text("Accept the formal complaint").await;
    b.click_text("Accept the formal complaint").await;
    b.click_text("Convene the panel").await;
    b.look("convene").await;
    // Two voluntary-sector members, chaired by someone not on it: refused, rule by rule.
    let id = |part: &str| cast.ids[part].to_string();
    b.tick(&format!(
        "input[name=member_ids][value='{}']",
        id("panel_vcs")
    ))
    .await;
    b.tick(&format!(
        "input[name=member_ids][value='{}']",
        id("appeal_vcs")
    ))
    .await;
    b.tick(&format!("input[name=chair_id][value='{}']", id("chair")))
        .await;
    b.click_text("Convene the panel").await;
    let problems = b.texts(".error-summary__list li").await.join("\n");
    assert!(problems.contains("as many members from the voluntary and community sector as from public service agencies; this one has 2 and 0"), "{problems}");
    assert!(problems.contains("chair"), "{problems}");
    b.look("panel-refused").await;
    b.tick(&format!(
        "input[name=member_ids][value='{}']",
        id("appeal_vcs")
    ))
    .await;
    b.tick(&format!(
        "input[name=member_ids][value='{}']",
        id("panel_psa")
    ))
    .await;
    b.tick(&format!(
        "input[name=chair_id][value='{}']",
        id("panel_vcs")
    ))
    .await;
    b.click_text("Convene the panel").await;
    assert!(b.text(".banner").await.contains("convened the panel"));
    assert!(b.text("main").await.contains("panel vcs"));

    // The panel's chair decides, with a recommendation.
    as_person(&b, "panel_vcs", &case).await;
    b.click_text("Issue the panel's decision").await;
    b.tick("input[name=outcome][value=upheld]").await;
    b.fill(
        "#findings",
        "Two weeks' notice of a grant ending breaks the Compact.",
    )
    .await;
    b.fill(
        "#recommendations-1-text",
        "Review every grant ending this year for notice.",
    )
    .await;
    b.select("#recommendations-1-owner", &cast.council.to_string())
        .await;
    b.date("#recommendations-1-due_on", "2026-06-30").await;
    b.look("decision-form").await;
    b.click_text("Issue the panel's decision").await;
    let page = b.text("main").await;
    assert!(
        page.contains("Review every grant ending this year for notice."),
        "{page}"
    );
    assert!(b.text(".stages__step--current").await.contains("Decided"));
    b.look("decided").await;

    // A champion of the volunteers' organisation finds it counted in the outcomes.
    as_person(&b, "raiser_champion", "/outcomes").await;
    let summary = b.text(".summary-list").await;
    assert!(summary.contains("Cases raised in 2026\n1"), "{summary}");
    let principles = b.text("#principle + .chart + .table-wrap").await;
    assert!(
        principles.contains("Three months' notice of a change to funding or support 1"),
        "{principles}"
    );
    let recommendations = b.text("#recommendations + .chart + .table-wrap").await;
    assert!(
        recommendations.contains("Still open 1"),
        "{recommendations}"
    );
    b.look("outcomes").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_reads_well_and_explains_what_it_refuses() {
    let db = Db::sqlite();
    let smtp = Smtp::start().await;
    let server = Server::start_with(&db, &Db::smtp_env(smtp.port));
    let cast = Cast::enrol(&server, &db).await;
    // A case in dialogue, one of whose emails the mail server refuses for good.
    smtp.reject(&Cast::email("respondent_champion"));
    let raiser = server.sign_in(&Cast::email("raiser")).await;
    let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
    let reference = case["reference"].as_str().unwrap().to_owned();
    let path = format!("/cases/{reference}");
    server
        .sign_in(&Cast::email("respondent"))
        .await
        .act(&reference, "acknowledge", json!({}))
        .await;

    let b = Browser::start(&server.base, "every-page").await;
    b.open("/check?notified_on=2026-02-30&effective_on=2026-03-16")
        .await;
    assert_eq!(
        b.texts(".error-summary__list li").await,
        ["The date written notice was received must be a real date, like 27/3/2026"]
    );
    assert_eq!(
        b.value("#notified_on").await,
        "",
        "a date input cannot hold an impossible date"
    );
    b.look("checker-refused").await;

    // Pages need signing in, and come back after it.
    b.open(&path).await;
    assert!(b.path().await.starts_with("/login?next="));
    sign_in(&b, "raiser").await;
    assert_eq!(b.path().await, path);

    // An empty message is refused; a message and a file are added.
    b.click_text("Add message").await;
    assert_eq!(
        b.texts(".error-summary__list li").await,
        ["Your message must not be empty"]
    );
    b.fill("#body", "We can meet on Thursday.").await;
    b.click_text("Add message").await;
    assert!(
        b.text("#messages + .timeline")
            .await
            .contains("We can meet on Thursday.")
    );
    let upload = tempfile::tempdir().unwrap();
    let page = upload.path().join("letter.html");
    std::fs::write(&page, "<html><script>alert(1)</script></html>").unwrap();
    b.fill("#file", page.to_str().unwrap()).await;
    b.click_text("Add file").await;
    let refused = b.texts(".error-summary__list li").await.join(" ");
    assert!(refused.contains("files are not accepted"), "{refused}");
    let letter = upload.path().join("letter.txt");
    std::fs::write(&letter, "Dear council, ...").unwrap();
    b.fill("#file", letter.to_str().unwrap()).await;
    b.click_text("Add file").await;
    assert!(b.text(".banner").await.contains("Your file has been added"));
    assert!(b.text("#files + .list").await.contains("letter.txt"));
    b.look("case-with-message-and-file").await;

    // Another organisation's case is not there at all; administration is not for members.
    b.open("/cases/LEIC-2026-0999").await;
    let missing = b.text("main").await;
    assert!(missing.contains("Page not found"), "{missing}");
    b.look("not-found").await;
    as_person(&b, "other_member", &path).await;
    assert_eq!(
        b.text("main").await,
        missing,
        "the same page as for no case at all"
    );
    b.open("/admin").await;
    assert!(b.text("h1").await.contains("You may not do this"));
    b.look("forbidden").await;

    // The facilitator's administration: organisations, people and roles, failed emails.
    as_person(&b, "facilitator", "/admin").await;
    b.look("admin").await;
    b.tick("#add-organisation summary").await;
    b.click_text("Add organisation").await;
    let problems = b.texts(".error-summary__list li").await;
    assert_eq!(
        problems,
        ["Enter the name", "Choose the sector", "Choose the grouping"]
    );
    b.fill("#organisation-name", "Harborough Foodbank").await;
    b.tick("input[name='organisation.sector'][value=vcs]").await;
    b.select("#organisation-grouping", "Voluntary and Community")
        .await;
    b.click_text("Add organisation").await;
    assert!(
        b.text(".banner")
            .await
            .contains("The organisation has been added")
    );
    assert!(
        b.text("#organisations + .table-wrap")
            .await
            .contains("Harborough Foodbank")
    );

    b.tick("#add-person summary").await;
    b.fill("#person-name", "Nadia Shah").await;
    b.fill("#person-email", "n.shah@foodbank.example.org").await;
    b.fill("#person-password", "short").await;
    b.click_text("Add person").await;
    let problems = b.texts(".error-summary__list li").await;
    assert_eq!(
        problems,
        [
            "Choose the organisation",
            "Give at least one role",
            "The password must be at least 12 characters",
        ]
    );
    assert_eq!(b.value("#person-name").await, "Nadia Shah");
    assert_eq!(b.value("#person-password").await, "");
    b.look("admin-refused").await;
    b.select("#person-organisation_id", &cast.council.to_string())
        .await;
    b.tick("input[name='person.roles'][value=member]").await;
    b.fill("#person-password", "a long enough password").await;
    b.click_text("Add person").await;
    assert!(
        b.text(".banner")
            .await
            .contains("The person has been added")
    );
    b.click("a[href^='/admin/people/'] ").await;
    b.look("admin-person").await;

    // The refused email is listed, and sent again on request.
    b.open("/admin#emails").await;
    let failed = b.text("#emails + .table-wrap").await;
    assert!(
        failed.contains(&Cast::email("respondent_champion")) && failed.contains("550"),
        "{failed}"
    );
    smtp.accept(&Cast::email("respondent_champion"));
    b.click("#emails + .table-wrap button").await;
    assert!(b.text(".banner").await.contains("sent again"));

    // The lists.
    b.open("/cases?q=day-centre").await;
    assert!(b.text("main").await.contains(&reference));
    b.look("cases").await;
    b.open("/").await;
    b.look("home-facilitator").await;
    b.open("/logout").await;
    b.look("sign-out").await;
    b.close().await;
}
