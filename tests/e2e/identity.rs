//! Signing in beyond a password, through the pages in a real Chromium: a chair whose role
//! needs an authenticator app sets one up before anything else and gives a code at each
//! sign-in after; a person manages their sessions and API tokens; a forgotten password is
//! reset by a link that arrives by real SMTP; the facilitator resets a lost authenticator.
//! Each page is photographed at 1280, 390 and 320 px and checked with axe-core.

use chrono::{Duration, Utc};
use disputes_server::auth::second_factor::code_at;

use crate::support::browser::Browser;
use crate::support::smtp::Smtp;
use crate::support::{Cast, Db, PASSWORD, Server, enrol};

async fn sign_in(b: &Browser, part: &str, password: &str) {
    b.fill("#email", &Cast::email(part)).await;
    b.fill("#password", password).await;
    b.click_text("Sign in").await;
}

/// The reset link's path, from the newest reset email to `part`.
fn reset_path(smtp: &Smtp, part: &str) -> Option<String> {
    smtp.received()
        .iter()
        .rev()
        .filter(|e| e.to.iter().any(|to| to == &Cast::email(part)))
        .filter(|e| {
            e.header("Subject")
                .unwrap_or_default()
                .starts_with("Set a new password")
        })
        .find_map(|e| {
            let text = e.readable();
            let start = text.find("/reset-password?token=")?;
            Some(text[start..start + "/reset-password?token=".len() + 64].to_owned())
        })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_with_an_authenticator_sessions_tokens_and_a_reset_password_through_the_pages() {
    let db = Db::sqlite();
    let smtp = Smtp::start().await;
    let mut env = Db::smtp_env(smtp.port);
    env.push((
        "DISPUTES__AUTH__REQUIRE_SECOND_FACTOR",
        "[\"chair\"]".to_owned(),
    ));
    // A provider on the sign-in page (tests/e2e/oidc.rs signs people in through a real one).
    env.extend([
        (
            "DISPUTES__AUTH__OIDC__COUNCIL__LABEL",
            "Leicestershire County Council".to_owned(),
        ),
        (
            "DISPUTES__AUTH__OIDC__COUNCIL__ISSUER",
            "http://127.0.0.1:9".to_owned(),
        ),
        (
            "DISPUTES__AUTH__OIDC__COUNCIL__CLIENT_ID",
            "disputes".to_owned(),
        ),
        (
            "DISPUTES__AUTH__OIDC__COUNCIL__CLIENT_SECRET",
            "unused".to_owned(),
        ),
        (
            "DISPUTES__AUTH__OIDC__COUNCIL__DOMAINS",
            "[\"leics.gov.uk\"]".to_owned(),
        ),
    ]);
    let server = Server::start_with(&db, &env);
    enrol(&server, &db).await;
    let b = Browser::start(&server.base, "identity").await;

    // The chair's role needs an authenticator: after the password, setting one up comes
    // before anything else, and then the page they asked for.
    b.open("/subgroup").await;
    b.look("sign-in").await;
    sign_in(&b, "chair", PASSWORD).await;
    assert_eq!(b.path().await, "/account/authenticator?next=%2Fsubgroup");
    b.look("enrol-start").await;
    b.open("/cases").await;
    assert_eq!(
        b.path().await,
        "/account/authenticator?next=%2Fcases",
        "nothing else first"
    );
    b.click_text("Start").await;
    b.look("enrol-scan").await;
    b.expand("details").await;
    let secret: String = b.text("code.key").await.split_whitespace().collect();
    b.fill("#code", "000000").await;
    b.click_text("Confirm").await;
    assert!(
        b.text(".error-summary").await.contains("is not right"),
        "{}",
        b.text(".error-summary").await
    );
    b.look("enrol-refused").await;
    b.fill("#code", &code_at(&secret, Utc::now()).unwrap())
        .await;
    b.click_text("Confirm").await;
    let codes = b.texts(".codes code").await;
    assert_eq!(codes.len(), 10);
    b.look("recovery-codes").await;
    b.click_text("I have kept my recovery codes").await;
    assert_eq!(b.path().await, "/cases", "then where they were going");

    // Next time: the password, then a code (the next step's: the one used to confirm is
    // spent).
    b.click_text("Sign out").await;
    b.open("/subgroup").await;
    sign_in(&b, "chair", PASSWORD).await;
    assert_eq!(b.path().await, "/login/code?next=%2Fsubgroup");
    b.look("code").await;
    b.fill("#code", "123456").await;
    b.click_text("Continue").await;
    b.look("code-refused").await;
    b.fill(
        "#code",
        &code_at(&secret, Utc::now() + Duration::seconds(30)).unwrap(),
    )
    .await;
    b.click_text("Continue").await;
    assert_eq!(b.path().await, "/subgroup");

    // Their account: where they are signed in, and a token made, shown once, and revoked.
    let elsewhere = server.anonymous().signed_in(&Cast::email("chair")).await;
    b.open("/account").await;
    assert_eq!(b.texts("#sessions + table tbody tr").await.len(), 2);
    b.look("account").await;
    b.expand("#make-token").await;
    b.fill("#name", "Monthly report").await;
    b.tick("#scope").await;
    b.fill("#expires_in_days", "30").await;
    b.click_text("Make the token").await;
    let token = b.value("#new-token").await;
    assert_eq!(token.len(), 64);
    b.look("token-made").await;
    let reader = crate::support::Client {
        token: Some(token.clone()),
        ..server.anonymous()
    };
    assert_eq!(reader.get("/api/v1/cases").await.0, 200);
    b.click_text("Revoke Monthly report").await;
    assert_eq!(reader.get("/api/v1/cases").await.0, 401);
    b.click_text("Sign out everywhere else").await;
    assert_eq!(elsewhere.get("/api/v1/me").await.0, 401);
    assert_eq!(b.texts("#sessions + table tbody tr").await.len(), 1);
    b.look("account-after").await;
    b.click_text("Sign out").await;

    // A forgotten password: the same page whatever the address, a link by email, and a
    // new password that signs in.
    b.click_text("Forgotten your password?").await;
    b.look("forgot").await;
    b.fill("#email", &Cast::email("raiser")).await;
    b.click_text("Send the link").await;
    b.look("forgot-sent").await;
    let sent = b.text("h1").await;
    b.open("/forgot-password").await;
    b.fill("#email", "nobody@example.org").await;
    b.click_text("Send the link").await;
    assert_eq!(b.text("h1").await, sent);
    smtp.wait_for(30, |_| reset_path(&smtp, "raiser").is_some())
        .await;
    let link = reset_path(&smtp, "raiser").unwrap();
    b.open(&link).await;
    b.look("reset").await;
    b.fill("#password", "password").await;
    b.click_text("Set the password").await;
    b.look("reset-refused").await;
    b.fill("#password", "kettle lighthouse orchard violin")
        .await;
    b.click_text("Set the password").await;
    assert_eq!(b.path().await, "/login?reset=1");
    b.look("reset-done").await;
    sign_in(&b, "raiser", "kettle lighthouse orchard violin").await;
    assert_eq!(b.path().await, "/");
    b.open(&link).await;
    assert_eq!(b.text("h1").await, "This link does not work");
    b.look("reset-spent").await;
    b.click_text("Sign out").await;

    // The chair lost their phone: the facilitator resets it, with a reason they can read.
    sign_in(&b, "facilitator", PASSWORD).await;
    let facilitator = server.sign_in(&Cast::email("facilitator")).await;
    let (_, people) = facilitator.get("/api/v1/users").await;
    let id = people["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["email"] == Cast::email("chair").as_str())
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    b.open(&format!("/admin/people/{id}")).await;
    b.look("admin-person-authenticator").await;
    b.fill(
        "#reason",
        "Lost their phone; confirmed by a call to their office.",
    )
    .await;
    b.click_text("Remove their authenticator app").await;
    assert!(
        b.text("#authenticator + p")
            .await
            .contains("has no authenticator app")
    );
    let history = b.text("#history + table").await;
    assert!(history.contains("Lost their phone"), "{history}");
    b.look("admin-person-reset").await;
    let told = smtp
        .wait_for(30, |r| {
            r.iter().any(|e| {
                e.header("Subject")
                    .unwrap_or_default()
                    .contains("was removed")
            })
        })
        .await;
    assert!(
        told.iter()
            .any(|e| e.to == [Cast::email("chair")] && e.readable().contains("facilitator"))
    );
    // No password reset for an address that is no one's was ever sent.
    assert!(
        smtp.received()
            .iter()
            .all(|e| e.to != ["nobody@example.org"])
    );
    b.close().await;
}
