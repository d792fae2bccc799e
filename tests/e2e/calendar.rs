//! The calendar feed: a person turns on a secret address on its page, their calendar
//! program reads their own deadlines from it (read here by an iCalendar parser), and one
//! click replaces the address or turns it off, the old one failing at once. The feed holds
//! nothing but each deadline's case reference, the step due and the day; the secret reaches
//! no log.

use std::io::BufReader;

use ical::parser::ical::component::IcalCalendar;
use reqwest::StatusCode;

use crate::support::visitor::Visitor;
use crate::support::{Cast, Server, enrol, on_both_databases};

/// The calendar address a page shows, as a path on the service.
fn address_on(page: &str) -> String {
    let start = page.find("id=\"address\"").expect("no address on the page");
    let value = &page[start..];
    let value = &value[value.find("value=\"").unwrap() + 7..];
    // As the browser reads the attribute: the page escapes its slashes.
    let url = value[..value.find('"').unwrap()].replace("&#x2f;", "/");
    url[url.find("/calendar/").unwrap()..].to_owned()
}

/// Reads `path` as a calendar program would: the status, and the calendar when there is one.
async fn subscribe(server: &Server, path: &str) -> (StatusCode, Option<IcalCalendar>) {
    let response = reqwest::get(format!("{}{path}", server.base))
        .await
        .unwrap();
    let status = response.status();
    if status != StatusCode::OK {
        return (status, None);
    }
    let kind = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(kind.starts_with("text/calendar"), "{kind}");
    let body = response.text().await.unwrap();
    assert!(body.contains("\r\n"), "lines end in CRLF");
    let mut calendars = ical::IcalParser::new(BufReader::new(body.as_bytes()));
    let calendar = calendars
        .next()
        .expect("a calendar")
        .expect("a calendar that parses");
    assert!(calendars.next().is_none());
    (status, Some(calendar))
}

/// The value of `name` among `properties`.
fn value<'a>(properties: &'a [ical::property::Property], name: &str) -> Option<&'a str> {
    properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
}

on_both_databases! {
    async fn a_calendar_address_gives_ones_own_deadlines_and_is_replaced_or_ended_in_a_click(db: Db) {
        // Logged at debug level, where every request's path is written.
        let server = Server::start(&db, &[("DISPUTES__LOG__FILTER", "debug")]);
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
        let reference = case["reference"].as_str().unwrap().to_owned();
        let due_on = case["deadlines"][0]["due_on"].as_str().unwrap().replace('-', "");

        // The council's officer owes the acknowledgement, and turns the feed on.
        let mut officer = Visitor::signed_in(&server, "respondent").await;
        let page = officer.get("/calendar").await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("Get a calendar address"), "{}", page.body);
        let token = page.token();
        let on = officer.post("/calendar", &[("csrf", &token), ("change", "turn_on")]).await;
        assert_eq!(on.status, 200, "{}", on.body);
        let first = address_on(&on.body);
        let (status, calendar) = subscribe(&server, &first).await;
        assert_eq!(status, StatusCode::OK);
        let calendar = calendar.unwrap();
        assert_eq!(calendar.events.len(), 1);
        let event = &calendar.events[0].properties;
        assert_eq!(value(event, "DTSTART"), Some(due_on.as_str()));
        let summary = value(event, "SUMMARY").unwrap();
        assert!(summary.starts_with(&format!("{reference}: ")), "{summary}");
        assert!(summary.to_lowercase().contains("acknowledge"), "{summary}");
        // Nothing but the reference, the step and the day: not the title, nor anything else.
        let names: Vec<&str> = event.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "TRANSP"]);
        assert!(!summary.contains("Day-centre"), "{summary}");

        // The raiser's own feed lists nothing: they owe nothing yet.
        let mut volunteer = Visitor::signed_in(&server, "raiser").await;
        let token = volunteer.get("/calendar").await.token();
        let theirs = volunteer.post("/calendar", &[("csrf", &token), ("change", "turn_on")]).await;
        let theirs = address_on(&theirs.body);
        let (_, calendar) = subscribe(&server, &theirs).await;
        assert!(calendar.unwrap().events.is_empty());
        // Each address holds 32 random bytes (in hex), and stops working when its person can
        // no longer sign in.
        for address in [&first, &theirs] {
            let secret = address.trim_start_matches("/calendar/");
            assert!(secret.len() == 64 && secret.bytes().all(|b| b.is_ascii_hexdigit()), "{secret}");
        }
        assert_ne!(first, theirs);
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let (status, _) = facilitator.patch(&format!("/api/v1/users/{}", cast.ids["raiser"]), serde_json::json!({"active": false})).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(subscribe(&server, &theirs).await.0, StatusCode::NOT_FOUND);

        // Replaced: the old address fails at once, the new one works.
        let page = officer.get("/calendar").await;
        assert!(page.body.contains("Replace your calendar address"), "{}", page.body);
        let replaced = officer.post("/calendar", &[("csrf", &page.token()), ("change", "turn_on")]).await;
        let second = address_on(&replaced.body);
        assert_ne!(first, second);
        assert_eq!(subscribe(&server, &first).await.0, StatusCode::NOT_FOUND);
        assert_eq!(subscribe(&server, &second).await.0, StatusCode::OK);

        // Turned off: no address works; rubbish in the address is no feed either.
        let page = officer.get("/calendar").await;
        let off = officer.post("/calendar", &[("csrf", &page.token()), ("change", "turn_off")]).await;
        assert_eq!(off.status, 200);
        assert!(off.body.contains("no longer works"), "{}", off.body);
        assert_eq!(subscribe(&server, &second).await.0, StatusCode::NOT_FOUND);
        for rubbish in ["/calendar/abc", "/calendar/%00", &format!("/calendar/{}", "0".repeat(64))] {
            assert_eq!(subscribe(&server, rubbish).await.0, StatusCode::NOT_FOUND, "{rubbish}");
        }
        // Without the form's token, nothing changes.
        let forged = officer.post("/calendar", &[("change", "turn_on")]).await;
        assert_eq!(forged.status, 403);

        let logs = server.logs();
        for address in [&first, &second] {
            let secret = address.trim_start_matches("/calendar/");
            assert!(!logs.contains(secret), "a calendar secret reached the log");
        }
    }
}
