//! Every page, as each person who uses it, in the demonstration Compact: signed out, then
//! as the facilitator, the subgroup chair, a panel member, a volunteer, a champion and a
//! council officer, each page each can reach is opened in Chromium, photographed at 1280,
//! 390 and 320 px (under `target/tmp/screenshots/tour-<role>`), checked for sideways
//! scrolling at each width, and checked with axe-core; and what each home page says is
//! held to the deadlines behind it.

use std::collections::BTreeSet;

use crate::support::browser::Browser;
use crate::support::{Db, PASSWORD, Server};

/// Monday 2 November 2026, 09:00: the demonstration is loaded then, its cases set in the
/// weeks before.
const LOADED: &str = "2026-11-02T09:00:00Z";

/// A fortnight later, when the service is toured: deadlines have passed unmet, as they do
/// in a demonstration left running.
const TOURED: &str = "2026-11-16T09:00:00Z";

/// Who is shown round, by the folder their screenshots go in.
const ROLES: [(&str, &str); 6] = [
    ("facilitator", "facilitator@compact.example.org"),
    ("chair", "chair@compact.example.org"),
    ("panel-member", "t.whitaker@rcc.example.org"),
    ("volunteer", "jo.patel@ageconcern.example.org"),
    ("champion", "d.hardy@ageconcern.example.org"),
    ("council-officer", "l.cole@leics.example.org"),
];

/// The footer's links, on every page.
const FOOTER: [&str; 3] = ["/accessibility", "/privacy", "/cookies"];

async fn footer_links(b: &Browser) {
    let links = b.links("footer a").await;
    for link in FOOTER {
        assert!(
            links.iter().any(|l| l == link),
            "{}: no footer link to {link}",
            b.path().await
        );
    }
}

/// Opens `path`, checks its footer, and photographs it as `name`.
async fn visit(b: &Browser, path: &str, name: &str) {
    b.open(path).await;
    footer_links(b).await;
    b.look(name).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_as_each_role_reflows_passes_axe_and_tells_the_truth() {
    let db = Db::sqlite();
    let password = db.dir.path().join("demo-password");
    std::fs::write(&password, PASSWORD).unwrap();
    let (ok, out, err) = db.run(
        &["demo", "--password-file", password.to_str().unwrap()],
        &[("DISPUTES__CLOCK__NOW", LOADED)],
    );
    assert!(ok, "{out}{err}");
    let server = Server::start(&db, &[("DISPUTES__CLOCK__NOW", TOURED)]);
    // The first sweep sends the overdue notices and closes the lapsed appeal windows; the
    // tour starts once it has.
    for _ in 0..300 {
        if server.logs().contains("deadlines swept") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        server.logs().contains("deadlines swept"),
        "{}",
        server.logs()
    );

    // Signed out: the start page, signing in, the checker and the statements.
    let b = Browser::start(&server.base, "tour-visitor").await;
    for (path, name) in [
        ("/", "start"),
        ("/login", "sign-in"),
        ("/check", "checker"),
        ("/accessibility", "accessibility"),
        ("/privacy", "privacy"),
        ("/cookies", "cookies"),
    ] {
        visit(&b, path, name).await;
    }
    let cookies = b.text("main").await;
    for cookie in [
        "disputes_session",
        "disputes_visitor",
        "disputes_device",
        "disputes_lang",
    ] {
        assert!(
            cookies.contains(cookie),
            "the cookies page leaves out {cookie}"
        );
    }
    b.close().await;

    let mut closed_with_next_steps = 0;
    let mut paused_seen = 0;
    for (role, email) in ROLES {
        let b = Browser::start(&server.base, &format!("tour-{role}")).await;
        b.open("/login").await;
        b.fill("#email", email).await;
        b.fill("#password", PASSWORD).await;
        b.click_text("Sign in").await;
        assert_eq!(b.path().await, "/", "{role} signed in");
        footer_links(&b).await;
        b.look("home").await;
        let owed = b.texts("#owed tbody tr").await.join("\n");
        match role {
            "facilitator" => {
                // The facilitator owes no step, but sees every overdue one.
                assert!(
                    b.texts("#overdue-list tbody tr").await.len() >= 2,
                    "the facilitator is not shown what is overdue"
                );
            }
            "chair" => {
                // A panel not yet convened is the chair's to convene, not to decide.
                assert!(owed.contains("Convene the panel"), "{owed}");
                assert!(!owed.contains("Issue the panel's decision"), "{owed}");
                assert!(!b.texts("#overdue-list tbody tr").await.is_empty());
            }
            _ => assert!(
                b.texts("#overdue-list").await.is_empty(),
                "{role} is shown the whole Compact's overdue list"
            ),
        }

        // Every case they can see, and every kind of step they can take on one.
        visit(&b, "/cases", "cases").await;
        let cases: BTreeSet<String> = b
            .links("main table a[href^='/cases/']")
            .await
            .into_iter()
            .collect();
        assert!(!cases.is_empty(), "{role} sees no case");
        let mut steps: BTreeSet<String> = BTreeSet::new();
        for case in &cases {
            let reference = case.trim_start_matches("/cases/");
            visit(&b, case, &format!("case-{reference}")).await;
            let page = b.text("main").await;
            if page.contains("The case is paused") {
                paused_seen += 1;
                assert!(
                    page.contains("Clock stopped") && page.contains("working day"),
                    "{case} is paused but shows no stopped clock"
                );
            }
            if !b.texts("#next-steps").await.is_empty() {
                closed_with_next_steps += 1;
                let stage = b.text(".stages__step--current").await;
                assert!(
                    stage.contains("Closed"),
                    "{case}: next steps before it closed"
                );
                assert!(
                    b.links("main a[href^='https://www.lgo.org.uk']")
                        .await
                        .len()
                        == 1,
                    "{case}: no link to the Ombudsman"
                );
            }
            for step in b.links("main a[href*='/actions/']").await {
                let name = step.rsplit('/').next().unwrap().to_owned();
                if steps.insert(name.clone()) {
                    visit(&b, &step, &format!("step-{name}")).await;
                }
            }
        }

        // The pages their role opens from the navigation.
        for link in b.links("header nav a").await {
            if ["/", "/cases", "/cases/new", "/check"].contains(&link.as_str()) {
                continue;
            }
            visit(&b, &link, link.trim_start_matches('/')).await;
        }
        visit(&b, "/calendar", "calendar").await;
        if b.links("header nav a[href='/cases/new']").await.len() == 1 {
            visit(&b, "/cases/new", "raise").await;
        }
        if role == "facilitator" {
            b.open("/admin").await;
            let person = b
                .links("#people + .table-wrap a[href^='/admin/people/']")
                .await;
            visit(&b, &person[0], "admin-person").await;
        }
        visit(&b, "/logout", "sign-out").await;
        b.close().await;
    }
    assert!(paused_seen >= 1, "no paused case was visited");
    assert!(
        closed_with_next_steps >= 1,
        "no case closed by a decision offered next steps"
    );
}
