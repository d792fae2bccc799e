//! Cymraeg: a Welsh-speaking person reads the pages and their emails in Welsh, and an API
//! client asking for Welsh gets its problem documents in Welsh, with field names and codes
//! left as they are.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::browser::Browser;
use crate::support::smtp::Smtp;
use crate::support::{Cast, Client, Db, PASSWORD, Server, enrol, on_both_databases};

/// Sets `part`'s language through the API, as the facilitator.
async fn speaks(facilitator: &Client, cast: &Cast, part: &str, language: &str) -> Value {
    let (status, person) = facilitator
        .patch(
            &format!("/api/v1/users/{}", cast.ids[part]),
            json!({ "language": language }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{person}");
    person
}

/// `path` asked for with `Accept-Language: accept`, if given: the status, the
/// Content-Language and the body.
async fn asked(
    client: &Client,
    method: Method,
    path: &str,
    accept: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, String, Value) {
    let mut request = client.request(method, path);
    if let Some(accept) = accept {
        request = request.header("accept-language", accept);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let language = response
        .headers()
        .get("content-language")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, language, response.json().await.unwrap_or_default())
}

on_both_databases! {
    async fn a_welsh_speaker_is_written_to_in_welsh_and_problems_come_in_welsh_on_request(db: Db) {
        let smtp = Smtp::start().await;
        let server = Server::start_with(&db, &Db::smtp_env(smtp.port));
        let cast = enrol(&server, &db).await;
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;

        // The language is on the person, set through the API; one it does not speak is
        // refused and changes nothing.
        let person = speaks(&facilitator, &cast, "respondent", "cy").await;
        assert_eq!(person["language"], "cy");
        let (status, problem) = facilitator
            .patch(&format!("/api/v1/users/{}", cast.ids["respondent"]), json!({"language": "fr"}))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        let (_, respondent) = facilitator
            .get(&format!("/api/v1/users/{}", cast.ids["respondent"]))
            .await;
        assert_eq!(respondent["language"], "cy", "{respondent}");

        // Raising the case emails the respondent in Welsh, subject and all, and the
        // raising organisation's champion in English.
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let (status, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
        assert_eq!(status, StatusCode::CREATED, "{case}");
        let reference = case["reference"].as_str().unwrap().to_owned();
        let to = |part: &str| Cast::email(part);
        let received = smtp
            .wait_for(30, |r| {
                ["respondent", "raiser_champion"]
                    .iter()
                    .all(|p| r.iter().any(|m| m.to.contains(&to(p))))
            })
            .await;
        let email_to = |part: &str| {
            received
                .iter()
                .find(|m| m.to.contains(&to(part)))
                .unwrap_or_else(|| panic!("no email to {part}"))
                .readable()
        };
        let welsh = email_to("respondent");
        let subject = welsh.lines().next().unwrap();
        assert_eq!(
            subject,
            format!("{reference}: codwyd - Day-centre grant ended at two weeks' notice"),
            "{welsh}"
        );
        assert!(welsh.contains("Annwyl respondent,"), "{welsh}");
        assert!(welsh.contains("wedi codi anghytundeb."), "{welsh}");
        assert!(welsh.contains("cydnabod yr anghytundeb erbyn Dydd"), "{welsh}");
        assert!(!welsh.contains("Dear "), "{welsh}");
        let english = email_to("raiser_champion");
        assert!(english.lines().next().unwrap().contains(": raised - "), "{english}");
        assert!(english.contains("raised a disagreement."), "{english}");

        // A problem document in Welsh on request: title and detail; the kind, field names
        // and codes as they are.
        let anonymous = server.anonymous();
        let (status, language, problem) =
            asked(&anonymous, Method::GET, "/api/v1/cases", Some("cy-GB,en;q=0.5"), None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(language, "cy");
        assert_eq!(problem["title"], "Mewngofnodwch yn gyntaf");
        assert_eq!(
            problem["detail"],
            "Mae angen sesiwn wedi mewngofnodi neu docyn cludwr ar gyfer hyn."
        );
        assert_eq!(problem["type"], "/problems/unauthorised");
        let (_, language, problem) =
            asked(&anonymous, Method::GET, "/api/v1/cases", None, None).await;
        assert_eq!(language, "en");
        assert_eq!(problem["title"], "Sign in first");
        let (status, _, problem) = asked(
            &raiser,
            Method::POST,
            "/api/v1/cases",
            Some("cy"),
            Some(json!({
                "respondent_organisation_id": cast.council,
                "title": "Grant cut",
                "summary": "",
                "principles": [],
                "desired_outcome": "",
            })),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem["title"], "Ni ellir defnyddio rhai meysydd");
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.starts_with("Ni ellir defnyddio'r meysydd hyn: "), "{detail}");
        assert!(detail.contains("summary"), "{detail}");
        let fields: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["summary", "desired_outcome"], "{problem}");
        for field in &fields {
            assert!(detail.contains(field), "{detail}");
        }
        assert!(problem["errors"].as_array().unwrap().iter().all(|e| e["code"] == "invalid"), "{problem}");
        // A rule of the workflow's, broken: its message too is in Welsh; the field and code
        // stay as they are.
        let (status, _, problem) = asked(
            &raiser,
            Method::POST,
            "/api/v1/cases",
            Some("cy"),
            Some(json!({
                "respondent_organisation_id": cast.volunteers,
                "title": "Grant cut",
                "summary": "The grant ends on the 15th.",
                "principles": [],
                "desired_outcome": "Three months' notice.",
            })),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        let said: Vec<(&str, &str)> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["field"].as_str().unwrap(), e["message"].as_str().unwrap()))
            .collect();
        assert_eq!(
            said,
            [
                ("respondent_organisation_id", "ni ellir codi anghytundeb yn erbyn eich sefydliad eich hun"),
                ("principles", "nodwch o leiaf un egwyddor"),
            ],
            "{problem}"
        );
        let (status, _, problem) = asked(
            &raiser,
            Method::GET,
            "/api/v1/cases/NOPE-2026-0001",
            Some("cy"),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(problem["title"], "Heb ei ganfod");
        assert_eq!(problem["detail"], "Does dim byd yma.");

        // The workflow's refusals: who may act (403) and what the state allows (409), their
        // English unchanged, and in Welsh with the step and the state by their Welsh names.
        let acknowledge = format!("/api/v1/cases/{reference}/actions/acknowledge");
        let (status, _, problem) =
            asked(&raiser, Method::POST, &acknowledge, None, Some(json!({}))).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
        assert_eq!(
            problem["detail"],
            "only a member of the respondent organisation may acknowledge the disagreement"
        );
        let (status, _, problem) =
            asked(&raiser, Method::POST, &acknowledge, Some("cy"), Some(json!({}))).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
        assert_eq!(problem["title"], "Ni chewch wneud hyn");
        assert_eq!(
            problem["detail"],
            "dim ond aelod o'r sefydliad sy'n ymateb all gymryd y cam hwn (“Cydnabod yr anghytundeb”)"
        );
        let escalate = format!("/api/v1/cases/{reference}/actions/escalate");
        let (status, _, english) =
            asked(&raiser, Method::POST, &escalate, None, Some(json!({}))).await;
        assert_eq!(status, StatusCode::CONFLICT, "{english}");
        let english = english["detail"].as_str().unwrap();
        assert!(
            english.starts_with(
                "cannot escalate to the formal stage while the case is raised: the respondent has until "
            ),
            "{english}"
        );
        let (status, _, problem) =
            asked(&raiser, Method::POST, &escalate, Some("cy"), Some(json!({}))).await;
        assert_eq!(status, StatusCode::CONFLICT, "{problem}");
        assert_eq!(problem["title"], "Nid yw'n bosibl nawr");
        let detail = problem["detail"].as_str().unwrap();
        assert!(
            detail.starts_with(
                "ni ellir cymryd y cam “Mynd ag ef i'r cam ffurfiol” tra bo'r achos yn y cyflwr \
                 “Yn aros am gydnabyddiaeth”: y diwrnod olaf i'r sefydliad sy'n ymateb gydnabod yr anghytundeb yw Dydd "
            ),
            "{detail}"
        );
        assert!(detail.ends_with("; gellir mynd â'r anghytundeb i'r cam ffurfiol o'r diwrnod wedyn"), "{detail}");
        // A refusal the service words itself: the role a route needs, by its Welsh name.
        let (status, _, problem) =
            asked(&raiser, Method::GET, "/api/v1/users", Some("cy"), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
        assert_eq!(problem["detail"], "Mae angen rôl benodol ar gyfer hyn: Hwylusydd / Cadeirydd.");
    }
}

/// Raising a case and the chair's queue, in Welsh, in a real Chromium: every page says
/// `lang="cy"`, passes axe, and is photographed at 1280, 390 and 320 pixels.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raising_a_case_and_the_chairs_queue_in_welsh() {
    let db = Db::sqlite();
    // Monday 2 March 2026.
    let server = Server::start(&db, &[("DISPUTES__CLOCK__NOW", "2026-03-02T09:00:00Z")]);
    let cast = enrol(&server, &db).await;
    let facilitator = server.sign_in(&Cast::email("facilitator")).await;
    speaks(&facilitator, &cast, "raiser", "cy").await;
    speaks(&facilitator, &cast, "chair", "cy").await;
    let b = Browser::start(&server.base, "welsh").await;

    // A visitor asks for Welsh by the address; the toggle takes them back to English and
    // the choice stays with the browser.
    b.open("/login?lang=cy").await;
    assert_eq!(b.lang().await, "cy");
    assert_eq!(b.text("h1").await, "Mewngofnodi");
    b.look("cy-sign-in").await;
    b.click_text("English").await;
    assert_eq!(b.lang().await, "en");
    assert_eq!(b.text("h1").await, "Sign in");
    b.open("/login").await;
    assert_eq!(b.lang().await, "en");
    b.click_text("Cymraeg").await;
    assert_eq!(b.lang().await, "cy");

    // What a visitor reads before signing in, in Welsh: the start page (the Compact's name,
    // which has no Welsh in this configuration, marked as English), the checkers and the
    // statements.
    for (path, name, heading) in [
        ("/", "cy-start", "Datrys anghytundeb o dan y Compact"),
        ("/check", "cy-check", "Gwirio rhybudd ac ymgynghoriad"),
        ("/privacy", "cy-privacy", "Hysbysiad preifatrwydd"),
        ("/accessibility", "cy-accessibility", "Datganiad hygyrchedd"),
        ("/cookies", "cy-cookies", "Cwcis"),
    ] {
        b.open(path).await;
        assert_eq!(b.lang().await, "cy", "{path}");
        let h1 = b.text("h1").await;
        assert!(h1.starts_with(heading), "{path}: {h1}");
        b.look(name).await;
    }
    assert!(b.text("h1").await == "Cwcis" && b.text("main").await.contains("disputes_lang"));
    // The checker names what is wrong with a date in Welsh.
    b.open(
        "/check?notified_on.day=30&notified_on.month=2&notified_on.year=2026\
         &effective_on.day=16&effective_on.year=2026",
    )
    .await;
    assert_eq!(
        b.texts(".error-summary__list li").await,
        [
            "Y dyddiad y daeth rhybudd ysgrifenedig i law: rhaid iddo fod yn ddyddiad go iawn",
            "Y dyddiad y daw'r newid i rym: rhaid iddo gynnwys mis",
        ]
    );
    b.look("cy-check-refused").await;
    b.open("/").await;
    assert!(
        b.text("h1").await.contains("Demo Compact [yn Saesneg]"),
        "{}",
        b.text("h1").await
    );
    b.open("/login").await;

    // The volunteer reads Welsh because their account says so.
    b.fill("#email", &Cast::email("raiser")).await;
    b.fill("#password", PASSWORD).await;
    b.click_text("Mewngofnodi").await;
    assert_eq!(b.path().await, "/");
    assert_eq!(b.lang().await, "cy");
    assert_eq!(b.text("h1").await, "Eich achosion");
    b.look("cy-home").await;
    b.open("/calendar").await;
    assert_eq!(b.text("h1").await, "Eich terfynau amser yn eich calendr");
    b.look("cy-calendar").await;
    // A page that is not theirs says why, in Welsh.
    b.open("/admin").await;
    assert_eq!(b.lang().await, "cy");
    assert_eq!(b.text("h1").await, "Ni chewch wneud hyn");
    let said = b.text("main").await;
    assert!(
        said.contains("Mae angen rôl benodol ar gyfer hyn: Hwylusydd."),
        "{said}"
    );
    b.look("cy-forbidden").await;
    b.open("/").await;

    // The raise form, refused in Welsh, then answered.
    b.click("a.nav__link[href='/cases/new']").await;
    assert_eq!(b.text("h1").await, "Codi anghytundeb");
    b.look("cy-raise-form").await;
    b.fill("#title", "Day-centre grant ended at two weeks' notice")
        .await;
    b.click_text("Codi'r anghytundeb").await;
    assert_eq!(
        b.texts(".error-summary__list li").await,
        [
            "Dewiswch y sefydliad y mae'r anghytundeb ag ef",
            "Dewiswch yr egwyddorion na chadwyd atynt",
            "Dywedwch beth ddigwyddodd",
            "Dywedwch beth rydych am iddo ddigwydd",
        ]
    );
    assert_eq!(b.text(".error-summary__title").await, "Mae problem");
    b.look("cy-raise-refused").await;
    b.select("#respondent_organisation_id", &cast.council.to_string())
        .await;
    b.tick("#principles").await;
    b.fill(
        "#summary",
        "The grant ends on the 15th; we were told on the 1st.",
    )
    .await;
    b.date("#notice-notified_on", "2026-03-02").await;
    b.date("#notice-effective_on", "2026-03-16").await;
    b.tick("#notice-change_kind").await;
    b.tick("#notice-instrument").await;
    b.fill("#desired_outcome", "Three months' notice.").await;
    b.click_text("Codi'r anghytundeb").await;
    assert_eq!(
        b.text("h1").await,
        "Gwiriwch eich atebion cyn codi'r anghytundeb"
    );
    let answers = b.text("main").await;
    assert!(
        answers.contains("Rhybudd wedi dod i law: Dydd Llun 2 Mawrth 2026"),
        "{answers}"
    );
    assert!(answers.contains("Beth sy'n digwydd nesaf"), "{answers}");
    assert!(answers.contains("erbyn Dydd"), "{answers}");
    b.look("cy-check-answers").await;
    b.click_text("Codi'r anghytundeb").await;
    assert!(
        b.path().await.starts_with("/cases/LEIC-2026-0001"),
        "{}",
        b.path().await
    );
    assert_eq!(b.lang().await, "cy");
    assert!(
        b.text(".banner")
            .await
            .contains("Mae eich anghytundeb wedi'i godi."),
        "{}",
        b.text(".banner").await
    );
    let case = b.text("main").await;
    for words in [
        "Am yr anghytundeb",
        "Beth sydd wedi digwydd",
        "Mae raiser (Age Concern Leicestershire) wedi codi anghytundeb.",
        "Terfynau amser",
        "Rhybudd o dri mis cyn newid i gyllid neu gymorth",
    ] {
        assert!(case.contains(words), "{words} in {case}");
    }
    b.look("cy-case").await;

    // The case goes to the formal stage, and the chair, a Welsh speaker, finds it in the
    // queue.
    let respondent = server.sign_in(&Cast::email("respondent")).await;
    respondent
        .act("LEIC-2026-0001", "acknowledge", json!({}))
        .await;
    let raiser = server.sign_in(&Cast::email("raiser")).await;
    raiser
        .act(
            "LEIC-2026-0001",
            "escalate",
            json!({"reason": "Talking has not resolved it."}),
        )
        .await;
    b.click_text("Allgofnodi").await;
    assert_eq!(b.text(".banner").await, "Rydych wedi allgofnodi.");
    b.open("/subgroup").await;
    b.fill("#email", &Cast::email("chair")).await;
    b.fill("#password", PASSWORD).await;
    b.click_text("Mewngofnodi").await;
    assert_eq!(b.path().await, "/subgroup");
    assert_eq!(b.lang().await, "cy");
    assert_eq!(b.text("h1").await, "Is-grŵp Datrys Anghydfodau");
    let queue = b.text("main").await;
    assert!(queue.contains("Yn aros am y cadeirydd"), "{queue}");
    assert!(
        queue.contains("Derbyn, dychwelyd neu wrthod y gŵyn"),
        "{queue}"
    );
    assert!(queue.contains("LEIC-2026-0001"), "{queue}");
    b.look("cy-subgroup").await;

    // The chair's step: its form, refused in Welsh (the field's Welsh name, then what is
    // wrong), then taken.
    b.open("/cases/LEIC-2026-0001/actions/return_to_informal")
        .await;
    assert_eq!(b.lang().await, "cy");
    assert_eq!(b.text("h1").await, "Ei dychwelyd i'r cam anffurfiol");
    b.look("cy-action").await;
    b.click_text("Ei dychwelyd i'r cam anffurfiol").await;
    assert_eq!(
        b.texts(".error-summary__list li").await,
        ["Eich rheswm: rhaid ateb hwn"]
    );
    b.look("cy-action-refused").await;
    b.fill("#reason", "Nid yw'r cyngor wedi ateb y llythyr eto.")
        .await;
    b.click_text("Ei dychwelyd i'r cam anffurfiol").await;
    assert!(
        b.path().await.starts_with("/cases/LEIC-2026-0001"),
        "{}",
        b.path().await
    );
    // A rule of the workflow's, broken, is said in Welsh too.
    b.open("/cases/LEIC-2026-0001/actions/extend_deadline")
        .await;
    b.fill("#working_days", "25").await;
    b.fill("#reason", "Mae'r swyddog ar wyliau.").await;
    b.click_text("Rhoi mwy o amser").await;
    assert_eq!(
        b.texts(".error-summary__list li").await,
        [
            "Diwrnodau gwaith i'w hychwanegu: dim ond 20 diwrnod gwaith o estyniad sydd ar ôl yn y cam anffurfiol"
        ]
    );

    // The chair's account and reports.
    for (path, name, heading) in [
        ("/account", "cy-account", "Eich cyfrif"),
        (
            "/account/authenticator",
            "cy-authenticator",
            "Gosod ap dilysu",
        ),
        ("/outcomes", "cy-outcomes", "Canlyniadau 2026"),
        ("/recommendations", "cy-recommendations", "Argymhellion"),
    ] {
        b.open(path).await;
        assert_eq!(b.lang().await, "cy", "{path}");
        assert_eq!(b.text("h1").await, heading, "{path}");
        b.look(name).await;
    }
    let account = {
        b.open("/account").await;
        b.text("main").await
    };
    assert!(account.contains("Ble rydych wedi mewngofnodi"), "{account}");
    // The outcomes page's download is its own, in the page's language.
    b.open("/outcomes").await;
    let download = b.links("a[download]").await;
    assert_eq!(download, ["/outcomes?year=2026&format=csv"]);
    let chair = server.sign_in(&Cast::email("chair")).await;
    let csv = chair.text(&download[0]).await;
    assert_eq!(csv.lines().next(), Some("Dimensiwn,Gwerth,Nifer"), "{csv}");

    // The facilitator reads English until they choose Welsh with the toggle, which their
    // account then keeps.
    b.click_text("Allgofnodi").await;
    b.open("/admin").await;
    b.fill("#email", &Cast::email("facilitator")).await;
    b.fill("#password", PASSWORD).await;
    b.click_text("Mewngofnodi").await;
    assert_eq!(b.path().await, "/admin");
    assert_eq!(b.lang().await, "en");
    b.click_text("Cymraeg").await;
    assert_eq!(b.path().await, "/admin");
    assert_eq!(b.lang().await, "cy");
    let (_, me) = facilitator.get("/api/v1/me").await;
    assert_eq!(me["language"], "cy", "{me}");
    assert_eq!(b.text("h1").await, "Gweinyddu");
    b.look("cy-admin").await;
    b.tick("#add-organisation summary").await;
    b.click_text("Ychwanegu'r sefydliad").await;
    assert_eq!(
        b.texts(".error-summary__list li").await,
        [
            "Yr enw: rhaid ateb hwn",
            "Dewiswch y sector",
            "Dewiswch y grŵp"
        ]
    );
    b.look("cy-admin-refused").await;
    for (path, name, heading) in [
        (
            format!("/admin/people/{}", cast.ids["respondent"]),
            "cy-admin-person",
            "Newid manylion respondent",
        ),
        ("/admin/webhooks".to_owned(), "cy-webhooks", "Webhooks"),
    ] {
        b.open(&path).await;
        assert_eq!(b.lang().await, "cy", "{path}");
        assert_eq!(b.text("h1").await, heading, "{path}");
        b.look(name).await;
    }
    b.close().await;
}
