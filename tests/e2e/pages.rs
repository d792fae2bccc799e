//! The pages, in a real headless Chromium: people raise, respond, escalate, convene a panel,
//! decide and follow outcomes through the forms, as they would. Every page visited is
//! photographed (under the tests' output folder, `target/tmp/screenshots`) and checked with
//! axe-core.

use serde_json::json;

use crate::support::browser::Browser;
use crate::support::smtp::Smtp;
use crate::support::visitor::{Answer, Visitor};
use crate::support::{Cast, Db, PASSWORD, Server, enrol, fingerprint, raw_head};

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
    let cast = enrol(&server, &db).await;
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

    // The volunteer starts from the start page, which explains the process with the
    // Compact's own time limits, and signs in; a wrong password is refused without saying
    // which part.
    b.open("/").await;
    let start = b.text("main").await;
    assert!(
        start.contains("acknowledges it within 5 working days")
            && start.contains("decides within 20 working days"),
        "{start}"
    );
    b.look("start").await;
    b.click_text("Start now").await;
    assert_eq!(b.path().await, "/login");
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
    // Before anything is sent, the answers are shown to check, with what will happen and
    // who will be told.
    assert_eq!(
        b.text("h1").await,
        "Check your answers before raising the disagreement"
    );
    let answers = b.text(".summary-list").await;
    assert!(
        answers.contains(TITLE)
            && answers.contains("Leicestershire County Council")
            && answers.contains("Monday 2 March 2026"),
        "{answers}"
    );
    let warning = b.text(".warning-text").await;
    assert!(
        warning.contains("the members and champions of Leicestershire County Council"),
        "{warning}"
    );
    b.look("raise-check").await;
    // Changing an answer goes back to the form, everything kept.
    b.click("button[name=change][value=title]").await;
    assert_eq!(b.value("#title").await, TITLE);
    assert_eq!(b.value("#notice-notified_on-month").await, "3");
    b.fill("#title", &format!("{TITLE}.")).await;
    b.click_text("Raise the disagreement").await;
    assert!(b.text(".summary-list").await.contains(&format!("{TITLE}.")));
    let api = server.sign_in(&Cast::email("raiser")).await;
    assert_eq!(
        api.get("/api/v1/cases").await.1["total"],
        0,
        "nothing is raised before it is confirmed"
    );
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
            .contains("Done: you acknowledged the disagreement.")
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
    let next = b.text("main").await;
    assert!(
        next.contains("The case will be in the formal stage")
            && next.contains("The subgroup chair will have until"),
        "{next}"
    );
    b.look("escalate-check").await;
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
    // The page names the person (the cast's chair is called "chair"); the API's id is not shown.
    assert!(
        problems.contains("The chair, chair, must be one of the panel's members"),
        "{problems}"
    );
    assert!(!problems.contains("person "), "{problems}");
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
    // A second recommendation half filled in, and a third due in the past: each problem is
    // put on its own row's own field.
    b.fill("#recommendations-2-text", "Meet the day centre monthly.")
        .await;
    b.fill("#recommendations-3-text", "Apologise in writing.")
        .await;
    b.select("#recommendations-3-owner", &cast.council.to_string())
        .await;
    b.date("#recommendations-3-due_on", "2026-01-05").await;
    b.click_text("Issue the panel's decision").await;
    assert_eq!(
        b.texts(".error-summary__list li").await,
        [
            "Choose the organisation recommendation 2 is for",
            "Enter the date recommendation 2 is due",
            "The date recommendation 3 is due must not be in the past",
        ]
    );
    assert_eq!(
        b.links(".error-summary__list a").await,
        [
            "#recommendations-2-owner",
            "#recommendations-2-due_on",
            "#recommendations-3-due_on",
        ]
    );
    assert!(
        b.text("#recommendations-3-due_on-error")
            .await
            .contains("must not be in the past")
    );
    assert_eq!(
        b.value("#recommendations-2-text").await,
        "Meet the day centre monthly."
    );
    b.look("decision-refused").await;
    b.fill("#recommendations-2-text", "").await;
    b.fill("#recommendations-3-text", "").await;
    b.select("#recommendations-3-owner", "").await;
    for part in ["", "-month", "-year"] {
        b.fill(&format!("#recommendations-3-due_on{part}"), "")
            .await;
    }
    b.look("decision-form").await;
    b.click_text("Issue the panel's decision").await;
    let check = b.text(".summary-list").await;
    assert!(
        check.contains("Upheld")
            && check.contains("Review every grant ending this year for notice.")
            && check.contains("Tuesday 30 June 2026"),
        "{check}"
    );
    b.look("decision-check").await;
    b.click_text("Issue the panel's decision").await;
    let page = b.text("main").await;
    assert!(
        page.contains("Review every grant ending this year for notice."),
        "{page}"
    );
    assert!(b.text(".stages__step--current").await.contains("Decided"));
    b.look("decided").await;

    // A champion of the volunteers' organisation finds it counted in the outcomes, but, one
    // case being too few to show without pointing at it, as "fewer than 5".
    as_person(&b, "raiser_champion", "/outcomes").await;
    let summary = b.text(".summary-list").await;
    assert!(
        summary.contains("Cases raised in 2026\nfewer than 5"),
        "{summary}"
    );
    let principles = b.text("#principle + .chart + .table-wrap").await;
    assert!(
        principles.contains("Three months' notice of a change to funding or support fewer than 5"),
        "{principles}"
    );
    assert!(
        b.text("main")
            .await
            .contains("so that nobody can pick out a case")
    );
    b.look("outcomes-champion").await;
    // The chair sees the exact figures.
    as_person(&b, "chair", "/outcomes").await;
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
    let mut server = Server::start_with(&db, &Db::smtp_env(smtp.port));
    // One address is refused on purpose, so that the failed email is shown.
    server.expect_failed_emails();
    let cast = enrol(&server, &db).await;
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
    // The checker answers without a script in a sentence, never in a data structure.
    b.open(
        "/check?notified_on.day=2&notified_on.month=3&notified_on.year=2026\
         &effective_on.day=16&effective_on.month=3&effective_on.year=2026",
    )
    .await;
    let answer = b.text("[data-checker=notice] [data-result]").await;
    assert!(
        answer.contains("Notice did not keep the Compact: 78 days short"),
        "{answer}"
    );
    assert!(
        b.texts(".banner").await.is_empty(),
        "a banner on the checker's answer"
    );
    assert!(
        !b.text("main").await.contains("{'"),
        "a raw structure shown"
    );
    // A date that is not one, or is missing a part, is named as the date input pattern
    // names it, and what was typed is kept.
    b.open(
        "/check?notified_on.day=30&notified_on.month=2&notified_on.year=2026\
         &effective_on.day=16&effective_on.year=2026",
    )
    .await;
    assert_eq!(
        b.texts(".error-summary__list li").await,
        [
            "The date written notice was received must be a real date",
            "The date the change takes effect must include a month",
        ]
    );
    assert_eq!(
        b.value("#notified_on").await,
        "30",
        "what was typed is kept"
    );
    assert_eq!(b.value("#notified_on-month").await, "2");
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
    assert!(
        refused.contains("Files ending .html are not accepted"),
        "{refused}"
    );
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

    // Webhooks: an address is required and must be https; the secret is shown once; the
    // endpoint's deliveries have their own page.
    b.open("/admin/webhooks").await;
    b.look("webhooks").await;
    b.click_text("Register the endpoint").await;
    let problems = b.texts(".error-summary__list li").await.join(" ");
    assert!(problems.contains("address"), "{problems}");
    b.fill("#url", "http://hooks.example.org/disputes").await;
    b.click_text("Register the endpoint").await;
    let problems = b.texts(".error-summary__list li").await.join(" ");
    assert!(problems.contains("https://"), "{problems}");
    b.look("webhooks-refused").await;
    b.fill(
        "#url",
        "https://hooks.example.org/disputes/a-rather-long-path-to-wrap-on-a-phone",
    )
    .await;
    b.fill("#description", "The council's records system").await;
    b.click_text("Register the endpoint").await;
    assert!(b.value("#secret").await.starts_with("whsec_"));
    b.look("webhooks-registered").await;
    b.open("/admin/webhooks").await;
    assert!(
        b.text("#endpoints + .table-wrap")
            .await
            .contains("The council's records system")
    );
    assert!(
        !b.text("main").await.contains("whsec_"),
        "the secret is shown once"
    );
    b.click("a[href^='/admin/webhooks/']").await;
    assert!(
        b.text("h1")
            .await
            .starts_with("Deliveries to https://hooks.example.org/")
    );
    b.look("webhook-deliveries").await;

    // A person's page: their export, and erasing them, which asks for a reason and a
    // confirmation first.
    b.open(&format!("/admin/people/{}", cast.ids["other_champion"]))
        .await;
    b.look("admin-person").await;
    b.click_text("Erase other champion").await;
    let problems = b.texts(".error-summary__list li").await;
    assert_eq!(problems.len(), 2, "{problems:?}");
    b.look("admin-person-erase-refused").await;
    b.fill("#reason", "Asked to be forgotten, by email on 2 March.")
        .await;
    b.tick("input[name=understood]").await;
    b.click_text("Erase other champion").await;
    assert_eq!(b.text("h1").await, "An erased person");
    b.look("admin-person-erased").await;
    b.open("/admin").await;
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
            "The password must be at least 15 characters",
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

    // The case's own email log, for the facilitator.
    b.open(&path).await;
    b.tick("#emails + details summary").await;
    let log = b.text("#emails + details").await;
    assert!(
        log.contains(&Cast::email("respondent")) && log.contains("Sent"),
        "{log}"
    );
    b.look("case-for-the-facilitator").await;
    // Every action form the facilitator may open here reads well too.
    let actions = b.links("main a[href*='/actions/']").await;
    assert!(actions.len() >= 2, "{actions:?}");
    for action in actions {
        b.open(&action).await;
        b.look(&format!("action-{}", action.rsplit('/').next().unwrap()))
            .await;
    }

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_without_its_token_changes_nothing() {
    let db = Db::sqlite();
    let server = Server::start(&db, &[]);
    let cast = enrol(&server, &db).await;
    let mut raiser = Visitor::signed_in(&server, "raiser").await;
    let form = raiser.get("/cases/new").await;
    assert_eq!(form.status, 200);
    let token = form.token();
    let council = cast.council.to_string();
    let case = |token: Option<&str>| -> Vec<(String, String)> {
        let mut fields: Vec<(String, String)> = [
            ("respondent_organisation_id", council.as_str()),
            ("principles", "notice"),
            ("title", "Grant cut"),
            ("summary", "Two weeks' notice."),
            ("desired_outcome", "Three months."),
            ("confirm", "yes"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        if let Some(token) = token {
            fields.push(("csrf".to_owned(), token.to_owned()));
        }
        fields
    };

    // No token, someone else's token, and the right token from another site: refused.
    let chairs_token = Visitor::signed_in(&server, "chair")
        .await
        .get("/")
        .await
        .token();
    for (what, fields, cross_site) in [
        ("no token", case(None), false),
        ("another person's token", case(Some(&chairs_token)), false),
        ("from another site", case(Some(&token)), true),
    ] {
        let mut request = raiser
            .http
            .post(format!("{}/cases/new", raiser.base))
            .form(&fields);
        if cross_site {
            request = request.header("sec-fetch-site", "cross-site");
        }
        let answer = raiser.send(request).await;
        assert_eq!(answer.status, 403, "{what}");
        assert!(
            answer.body.contains("This form has expired"),
            "{what}: {}",
            answer.body
        );
        assert!(
            answer.header("content-type").starts_with("text/html"),
            "{what}"
        );
    }
    let api = server.sign_in(&Cast::email("raiser")).await;
    assert_eq!(
        api.get("/api/v1/cases").await.1["total"],
        0,
        "nothing was raised"
    );

    // With its token the same form raises the case.
    let request = raiser
        .http
        .post(format!("{}/cases/new", raiser.base))
        .form(&case(Some(&token)));
    let answer = raiser.send(request).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert!(
        answer
            .header("location")
            .starts_with("/cases/LEIC-2026-0001")
    );

    // Signing out is a form too.
    assert_eq!(raiser.post("/logout", &[]).await.status, 403);
    let out = raiser.post("/logout", &[("csrf", &token)]).await;
    assert_eq!(out.status, 303);
    assert!(out.header("set-cookie").contains("Max-Age=0"));
    assert_eq!(
        api.get("/api/v1/me").await.0,
        200,
        "only that session ended"
    );
    assert_eq!(
        raiser.get("/cases").await.status,
        303,
        "the session is gone"
    );

    // Signing in needs the token of a visitor's own page.
    let mut visitor = Visitor::new(&server);
    let page = visitor.get("/login").await;
    assert!(page.header("set-cookie").contains("HttpOnly"));
    let token = page.token();
    let email = Cast::email("raiser");
    let refused = Visitor::new(&server)
        .post(
            "/login",
            &[("csrf", &token), ("email", &email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(refused.status, 403, "a token without its cookie");
    let signed_in = visitor
        .post(
            "/login",
            &[
                ("csrf", &token),
                ("email", &email),
                ("password", PASSWORD),
                ("next", "https://evil.example/"),
            ],
        )
        .await;
    assert_eq!(
        (
            signed_in.status.as_u16(),
            signed_in.header("location").as_str()
        ),
        (303, "/")
    );
    let cookie = signed_in.header("set-cookie");
    assert!(
        cookie.contains("disputes_session=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_answer_by_role_and_never_show_a_case_to_an_outsider() {
    let db = Db::sqlite();
    let server = Server::start(&db, &[]);
    let cast = enrol(&server, &db).await;
    let raiser = server.sign_in(&Cast::email("raiser")).await;
    let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
    let case_page = format!("/cases/{}", case["reference"].as_str().unwrap());
    let act = format!("{case_page}/actions/acknowledge");
    let matrix: &[(&str, &str, u16)] = &[
        ("raiser", "/", 200),
        ("raiser", "/cases", 200),
        ("raiser", "/cases/new", 200),
        ("raiser", &case_page, 200),
        // Acknowledging is never the raiser's to do.
        ("raiser", &act, 403),
        ("raiser", "/subgroup", 403),
        ("raiser", "/outcomes", 403),
        ("raiser", "/recommendations", 403),
        ("raiser", "/admin", 403),
        ("raiser_champion", "/cases/new", 403),
        ("raiser_champion", &case_page, 200),
        ("raiser_champion", "/outcomes", 200),
        ("raiser_champion", "/recommendations", 200),
        ("panel_vcs", "/recommendations", 403),
        ("respondent", &act, 200),
        ("other_member", &case_page, 404),
        ("other_member", &act, 404),
        ("panel_vcs", &case_page, 404),
        ("panel_vcs", "/subgroup", 200),
        ("chair", &case_page, 200),
        ("chair", "/subgroup", 200),
        ("chair", "/outcomes", 200),
        ("chair", "/recommendations?status=any&year=2026", 200),
        ("chair", "/admin", 403),
        ("facilitator", "/recommendations", 200),
        ("facilitator", "/admin", 200),
        (
            "facilitator",
            &format!("/admin/people/{}", cast.ids["raiser"]),
            200,
        ),
        ("facilitator", "/admin/people/999999", 404),
        (
            "chair",
            &format!("/admin/people/{}", cast.ids["raiser"]),
            403,
        ),
        (
            "raiser",
            &format!("/admin/people/{}/export", cast.ids["raiser"]),
            403,
        ),
        ("raiser", "/account", 200),
        ("chair", "/account/authenticator", 200),
        ("raiser", "/forgot-password", 200),
        ("raiser", "/reset-password?token=nothing", 404),
        ("raiser", "/login/oidc/nowhere", 404),
        ("raiser", "/login/oidc/callback?code=x&state=forged", 400),
        ("facilitator", "/admin/webhooks", 200),
        ("facilitator", "/admin/webhooks/999999", 404),
        ("chair", "/admin/webhooks", 403),
        ("raiser", "/admin/webhooks", 403),
        ("raiser", "/admin/webhooks/1", 403),
        (
            "facilitator",
            &format!("{case_page}/actions/frobnicate"),
            404,
        ),
    ];
    for (part, path, status) in matrix {
        let mut visitor = Visitor::signed_in(&server, part).await;
        let answer = visitor.get(path).await;
        assert_eq!(answer.status.as_u16(), *status, "{part} {path}");
        assert!(
            answer.header("content-type").starts_with("text/html"),
            "{part} {path}"
        );
    }
    // An outsider sees exactly the page of a case that does not exist.
    let mut outsider = Visitor::signed_in(&server, "other_member").await;
    // (The language toggle on each comes back to the address asked for, so that is set
    // aside.)
    let hidden = outsider.get(&case_page).await.body;
    let missing = outsider.get("/cases/LEIC-2026-0999").await.body;
    let set_aside = |body: &str, path: &str| body.replace(&path.replace('/', "&#x2f;"), "PATH");
    assert_eq!(
        set_aside(&hidden, &case_page),
        set_aside(&missing, "/cases/LEIC-2026-0999")
    );

    // Signed out, every page but the public ones goes to the sign-in page and back.
    let mut visitor = Visitor::new(&server);
    for path in [
        "/cases",
        &case_page,
        "/subgroup",
        "/outcomes?year=2026",
        "/recommendations",
        "/calendar",
        "/admin",
        "/account",
        "/account/authenticator",
        "/login/code",
    ] {
        let answer = visitor.get(path).await;
        assert_eq!(answer.status, 303, "{path}");
        let back: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("next", path)
            .finish();
        assert_eq!(
            answer.header("location"),
            format!("/login?{back}"),
            "{path}"
        );
    }
    for path in [
        "/",
        "/login",
        "/forgot-password",
        "/check",
        "/assets/site.css",
        "/assets/enhance.js",
    ] {
        assert_eq!(visitor.get(path).await.status, 200, "{path}");
    }
}

/// A form's fields, as name and value.
type FormFields<'a> = &'a [(&'a str, &'a str)];

/// Posts `fields` and the visitor's own form token as `part` to `path`.
async fn post_as(server: &Server, part: &str, path: &str, fields: &[(&str, &str)]) -> Answer {
    let mut visitor = Visitor::signed_in(server, part).await;
    let token = visitor.get("/").await.token();
    let mut form = vec![("csrf", token.as_str())];
    form.extend_from_slice(fields);
    visitor.post(path, &form).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_forms_answer_by_role_and_a_refused_one_changes_nothing() {
    let db = Db::sqlite();
    let server = Server::start(&db, &[]);
    let cast = enrol(&server, &db).await;
    let raiser = server.sign_in(&Cast::email("raiser")).await;
    let facilitator = server.sign_in(&Cast::email("facilitator")).await;
    let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
    let case_page = format!("/cases/{}", case["reference"].as_str().unwrap());
    let acknowledge = format!("{case_page}/actions/acknowledge");
    let messages = format!("{case_page}/messages");
    let volunteers = cast.volunteers.to_string();
    let council = cast.council.to_string();
    let raiser_email = Cast::email("raiser");
    let own_page = format!("/admin/people/{}", cast.ids["raiser"]);
    let erase = format!("/admin/people/{}/erase", cast.ids["respondent"]);
    let reset_authenticator = format!("/admin/people/{}/authenticator/reset", cast.ids["chair"]);
    let new_case: &[(&str, &str)] = &[
        ("respondent_organisation_id", &council),
        ("principles", "notice"),
        ("title", "Grant cut"),
        ("summary", "Two weeks' notice."),
        ("desired_outcome", "Three months."),
        ("confirm", "yes"),
    ];
    let organisation: &[(&str, &str)] = &[
        ("organisation.name", "Hinckley Food Bank"),
        ("organisation.sector", "vcs"),
        ("organisation.grouping", "Voluntary and Community"),
    ];
    let person: &[(&str, &str)] = &[
        ("person.name", "Nia Evans"),
        ("person.email", "nia@example.org"),
        ("person.organisation_id", &volunteers),
        ("person.roles", "member"),
        ("person.password", PASSWORD),
    ];
    // A volunteer trying to make themselves the facilitator.
    let promotion: &[(&str, &str)] = &[
        ("name", "raiser"),
        ("email", &raiser_email),
        ("organisation_id", &volunteers),
        ("roles", "facilitator"),
        ("active", "on"),
    ];
    let message: &[(&str, &str)] = &[("body", "Could we meet on Tuesday?")];
    // Sharing is for one's own panel-only message or file: there is none here.
    let share_message = format!("{messages}/1/share");
    let share_file = messages.replace("/messages", "/attachments/1/share");
    let refused: &[(&str, &str, FormFields<'_>, u16)] = &[
        ("raiser_champion", "/cases/new", new_case, 403),
        ("other_member", &acknowledge, &[("version", "1")], 404),
        ("raiser", &acknowledge, &[("version", "1")], 403),
        ("other_member", &messages, message, 404),
        ("panel_vcs", &messages, message, 404),
        ("raiser", "/admin/organisations", organisation, 403),
        ("chair", "/admin/organisations", organisation, 403),
        ("chair", "/admin/people", person, 403),
        ("raiser", &own_page, promotion, 403),
        ("chair", "/admin/emails/1/resend", &[], 403),
        (
            "chair",
            "/admin/webhooks",
            &[("url", "https://hooks.example.org/in")],
            403,
        ),
        ("raiser", "/admin/webhooks/1/delete", &[], 403),
        (
            "chair",
            &erase,
            &[("reason", "Asked to be forgotten."), ("understood", "yes")],
            403,
        ),
        ("raiser", "/admin/webhooks/1/deliveries/1/resend", &[], 403),
        (
            "chair",
            &reset_authenticator,
            &[("reason", "Lost their phone.")],
            403,
        ),
        ("raiser", "/account/tokens/999999/revoke", &[], 404),
        ("raiser", "/account/sessions/999999/end", &[], 404),
        ("chair", "/admin/quarantine/1/release", &[], 403),
        ("raiser", "/admin/quarantine/1/discard", &[], 403),
        ("other_member", &share_message, &[], 404),
        ("raiser", &share_message, &[], 404),
        ("raiser", &share_file, &[], 404),
        ("raiser", "/language", &[("lang", "fr")], 422),
    ];
    let before = fingerprint(&facilitator).await;
    for (part, path, fields, status) in refused {
        let answer = post_as(&server, part, path, fields).await;
        assert_eq!(
            answer.status.as_u16(),
            *status,
            "{part} {path}: {}",
            answer.body
        );
        assert!(
            answer.header("content-type").starts_with("text/html"),
            "{part} {path}"
        );
        assert_eq!(
            fingerprint(&facilitator).await,
            before,
            "{part} {path} changed something"
        );
    }
    let (_, me) = raiser.get("/api/v1/me").await;
    assert_eq!(me["roles"], json!(["member"]));
    let (_, hooks) = facilitator.get("/api/v1/webhooks").await;
    assert_eq!(hooks, json!([]), "no endpoint registered by a refused form");
    // An outsider's file is refused the same way.
    let mut outsider = Visitor::signed_in(&server, "other_member").await;
    let token = outsider.get("/").await.token();
    let file = reqwest::multipart::Part::bytes(b"%PDF-1.7 letter".to_vec())
        .file_name("letter.pdf")
        .mime_str("application/pdf")
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("csrf", token)
        .part("file", file);
    let request = outsider
        .http
        .post(format!("{}{case_page}/attachments", server.base))
        .multipart(form);
    assert_eq!(outsider.send(request).await.status, 404);
    assert_eq!(fingerprint(&facilitator).await, before);

    // The same forms, from the people they are for, do what they say.
    let allowed: &[(&str, &str, FormFields<'_>)] = &[
        ("respondent", &acknowledge, &[("version", "1")]),
        ("raiser", &messages, message),
        ("facilitator", "/admin/organisations", organisation),
        ("facilitator", "/admin/people", person),
        ("raiser", "/cases/new", new_case),
    ];
    for (part, path, fields) in allowed {
        let answer = post_as(&server, part, path, fields).await;
        assert_eq!(
            answer.status.as_u16(),
            303,
            "{part} {path}: {}",
            answer.body
        );
    }
    assert_ne!(fingerprint(&facilitator).await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_refuse_bad_input_with_a_page_and_never_fail() {
    let db = Db::sqlite();
    let server = Server::start(&db, &[]);
    let cast = enrol(&server, &db).await;
    let raiser = server.sign_in(&Cast::email("raiser")).await;
    let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
    let case_page = format!("/cases/{}", case["reference"].as_str().unwrap());
    let mut facilitator = Visitor::signed_in(&server, "facilitator").await;
    let token = facilitator.get("/").await.token();

    // Answers to bad addresses and queries are pages that say what is wrong.
    for (path, status) in [
        ("/cases?stage=limbo", 422),
        ("/cases?page=-1", 422),
        ("/outcomes?year=99999", 422),
        ("/outcomes?year=soon", 422),
        ("/recommendations?year=1999", 422),
        ("/recommendations?status=done", 422),
        ("/recommendations?organisation=x", 422),
        ("/check?fragment=zzz", 422),
        ("/check?notified_on=31/02/2026&effective_on=x", 200),
        ("/admin/people/abc", 404),
        ("/cases/LEIC%00/actions/pause", 404),
        ("/no/such/page", 404),
    ] {
        let answer = facilitator.get(path).await;
        assert_eq!(answer.status.as_u16(), status, "{path}: {}", answer.body);
        assert!(
            answer.header("content-type").starts_with("text/html"),
            "{path}"
        );
        assert!(answer.body.contains("<h1"), "{path}");
    }
    let before = raiser.get(&format!("/api/v1{case_page}")).await.1;
    // Actions with fields that cannot be used change nothing and say why.
    for fields in [
        vec![("working_days", "ten"), ("reason", "More time.")],
        vec![("working_days", "400"), ("reason", "A year.")],
        vec![
            ("working_days", "5"),
            ("reason", "More."),
            ("deadline", "tomorrow"),
        ],
        vec![("working_days", "5"), ("reason", "\u{7}bell")],
        vec![("version", "1"), ("working_days", "5")],
    ] {
        let mut pairs = vec![("csrf", token.as_str())];
        pairs.extend(fields.iter().copied());
        let answer = facilitator
            .post(&format!("{case_page}/actions/extend_deadline"), &pairs)
            .await;
        assert_eq!(answer.status, 422, "{fields:?}: {}", answer.body);
        assert!(answer.body.contains("There is a problem"), "{fields:?}");
    }
    // A stale version is a conflict, shown with the form to try again.
    let stale = facilitator
        .post(
            &format!("{case_page}/actions/pause"),
            &[("csrf", &token), ("version", "0"), ("reason", "Mediation.")],
        )
        .await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(stale.body.contains("Someone else has acted on this case"));
    assert_eq!(
        raiser.get(&format!("/api/v1{case_page}")).await.1,
        before,
        "nothing changed"
    );

    // Bodies that are not forms, or too large.
    let answer = facilitator
        .send(
            facilitator
                .http
                .post(format!("{}{case_page}/messages", facilitator.base))
                .header("content-type", "application/json")
                .body("{}"),
        )
        .await;
    assert_eq!(answer.status, 415);
    // A body too large is refused from its declared length, before it is sent (only the
    // head is sent here: a client still sending when the answer comes may see the connection
    // close instead), and on a page's address the answer is a page.
    // A message over the form limit (3 MiB), and a file over the service's (12 MiB).
    for (path, kind, length) in [
        (
            "messages",
            "application/x-www-form-urlencoded",
            3 * 1024 * 1024,
        ),
        (
            "attachments",
            "multipart/form-data; boundary=x",
            12 * 1024 * 1024,
        ),
    ] {
        let head = format!(
            "POST {case_page}/{path} HTTP/1.1\r\nHost: x\r\nCookie: {}\r\n\
             Content-Type: {kind}\r\nContent-Length: {length}\r\n\r\n",
            facilitator.cookie,
        );
        let answer = raw_head(&facilitator.base, &head).await;
        assert!(answer.starts_with("HTTP/1.1 413"), "{path}: {answer}");
        assert!(
            answer.contains("content-type: text/html"),
            "{path}: {answer}"
        );
        assert!(answer.contains("connection: close"), "{path}: {answer}");
    }
    let answer = facilitator
        .send(
            facilitator
                .http
                .post(format!("{}{case_page}/messages", facilitator.base))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("csrf={token}&body=%FF%FE%00")),
        )
        .await;
    assert!(
        answer.status == 422 || answer.status == 303,
        "{}",
        answer.status
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_private_and_framed_by_nobody() {
    let db = Db::sqlite();
    let server = Server::start(&db, &[]);
    let cast = enrol(&server, &db).await;
    let raiser = server.sign_in(&Cast::email("raiser")).await;
    let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
    let mut visitor = Visitor::signed_in(&server, "raiser").await;
    let page = visitor
        .get(&format!("/cases/{}", case["reference"].as_str().unwrap()))
        .await;
    assert_eq!(page.header("cache-control"), "no-store");
    assert_eq!(page.header("x-frame-options"), "DENY");
    assert!(
        page.header("content-security-policy")
            .contains("default-src 'self'")
    );
    assert!(
        page.header("content-security-policy")
            .contains("form-action 'self'")
    );
    // No inline script or style: the policy allows neither.
    assert!(
        !page.body.contains("<script>") && !page.body.contains("style=\""),
        "inline code in the page"
    );
    // What people typed is shown as text, never as markup.
    let title = "<script>alert('x')</script> grant";
    let mut new = cast.new_case();
    new["title"] = json!(title);
    let (_, case) = raiser.post("/api/v1/cases", new).await;
    let page = visitor
        .get(&format!("/cases/{}", case["reference"].as_str().unwrap()))
        .await;
    assert!(!page.body.contains(title) && page.body.contains("&lt;script&gt;"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_is_saved_from_its_page_and_found_on_the_home_page() {
    let db = Db::sqlite();
    let server = Server::start(&db, &[]);
    enrol(&server, &db).await;
    let mut raiser = Visitor::signed_in(&server, "raiser").await;
    let list = raiser.get("/cases?stage=informal&sort=due&page=1").await;
    assert_eq!(list.status, 200);
    let token = list.token();
    let saved = raiser
        .post(
            "/views",
            &[
                ("csrf", token.as_str()),
                ("query", "stage=informal&sort=due"),
                ("name", "Informal, by deadline"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(
        saved.header("location"),
        "/cases?stage=informal&sort=due&done=saved"
    );
    let back = raiser.get(&saved.header("location")).await;
    assert!(back.body.contains("The list is saved"), "{}", back.body);
    let home = raiser.get("/").await;
    assert!(
        home.body
            .contains(r#"<a href="/cases?stage=informal&amp;sort=due">Informal, by deadline</a>"#),
        "{}",
        home.body
    );
    // A name the list cannot have is refused with a page, and nothing is saved.
    let refused = raiser
        .post(
            "/views",
            &[
                ("csrf", token.as_str()),
                ("query", "stage=limbo"),
                ("name", "Limbo"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(!raiser.get("/").await.body.contains("Limbo"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chair_links_two_cases_from_a_case_page() {
    let db = Db::sqlite();
    let server = Server::start(&db, &[]);
    let cast = enrol(&server, &db).await;
    let raiser = server.sign_in(&Cast::email("raiser")).await;
    let mut references = Vec::new();
    for _ in 0..2 {
        let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
        references.push(case["reference"].as_str().unwrap().to_owned());
    }
    let (a, b) = (&references[0], &references[1]);
    let mut chair = Visitor::signed_in(&server, "chair").await;
    let page = chair.get(&format!("/cases/{a}")).await;
    assert!(page.body.contains("Link the cases"), "{}", page.body);
    let token = page.token();
    let linked = chair
        .post(
            &format!("/cases/{a}/links"),
            &[
                ("csrf", token.as_str()),
                ("reference", b.as_str()),
                ("kind", "same_decision"),
            ],
        )
        .await;
    assert_eq!(linked.status, 303, "{}", linked.body);
    let back = chair.get(&linked.header("location")).await;
    assert!(back.body.contains("The cases are linked."), "{}", back.body);
    // The raiser sees the link on the other case, without the chair's form.
    let mut volunteer = Visitor::signed_in(&server, "raiser").await;
    let other = volunteer.get(&format!("/cases/{b}")).await;
    assert!(
        other
            .body
            .contains(&format!(r#"<a href="/cases/{a}">{a}</a>"#)),
        "{}",
        other.body
    );
    assert!(other.body.contains("(the same decision)"), "{}", other.body);
    assert!(!other.body.contains("Link the cases"));
    // The group as a list, from the case page's link.
    let group = format!("/cases?linked_to={b}&amp;sort=reference");
    assert!(other.body.contains(&group), "{}", other.body);
    let listed = volunteer.get(&group.replace("&amp;", "&")).await;
    assert!(
        listed
            .body
            .contains(&format!("{b} and the cases linked to it")),
        "{}",
        listed.body
    );
    assert!(
        listed.body.contains(&format!(r#"href="/cases/{a}""#)),
        "{}",
        listed.body
    );

    // Both at the formal stage and a with its panel: the chair convenes it on b from a's page.
    let api_chair = server.sign_in(&Cast::email("chair")).await;
    let respondent = server.sign_in(&Cast::email("respondent")).await;
    for r in [a, b] {
        respondent
            .act(r, "acknowledge", serde_json::json!({}))
            .await;
        raiser
            .act(r, "escalate", serde_json::json!({"reason": "Stuck."}))
            .await;
        api_chair
            .act(r, "accept_formal", serde_json::json!({}))
            .await;
    }
    let panel = serde_json::json!({"member_ids": [cast.ids["panel_vcs"], cast.ids["panel_psa"]], "chair_id": cast.ids["panel_vcs"]});
    api_chair.act(a, "convene_panel", panel).await;
    let page = chair.get(&format!("/cases/{a}")).await;
    let button = "Convene this panel on the linked cases";
    assert!(page.body.contains(button), "{}", page.body);
    assert!(
        !volunteer
            .get(&format!("/cases/{a}"))
            .await
            .body
            .contains(button)
    );
    let convened = chair
        .post(
            &format!("/cases/{a}/links/convene_panel"),
            &[("csrf", page.token().as_str())],
        )
        .await;
    assert_eq!(convened.status, 303, "{}", convened.body);
    let back = chair.get(&convened.header("location")).await;
    assert!(
        back.body
            .contains("The panel was convened on 1 linked case."),
        "{}",
        back.body
    );
    let (_, b_now) = api_chair.get(&format!("/api/v1/cases/{b}")).await;
    assert_eq!(b_now["state"], "under_review", "{b_now}");
}
