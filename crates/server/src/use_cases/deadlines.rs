//! Each person's deadlines: the ones they owe, by the scheduler's own rule of who owes what,
//! for their home page and for their calendar feed, a secret address their calendar program
//! subscribes to (RFC 5545). The feed holds nothing but each deadline's case reference, the
//! step due and the day: it may be read by a calendar service outside the Compact.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use disputes_i18n::Locale;
use disputes_store::{OpenDeadline, Worklist};
use disputes_workflow::{Audience, DeadlineKind, Owing, Person};

use super::upper_first;
use crate::auth::{Viewer, is_secret, new_secret};
use crate::problem::ApiError;
use crate::state::AppState;

/// What is to be done for a deadline of `kind`: a panel's decision before the panel is
/// convened is, for now, the subgroup chair's to arrange by convening it.
pub fn what_is_owed(locale: &Locale, kind: DeadlineKind, owing: &Owing) -> String {
    match kind {
        DeadlineKind::FormalDecision if owing.awaits_panel() => locale.t("owed-convene-panel"),
        DeadlineKind::AppealDecision if owing.awaits_panel() => {
            locale.t("owed-convene-appeal-panel")
        }
        kind => locale.t(&format!("deadline-{}", kind.as_str())),
    }
}

/// The running deadlines `person` owes, soonest first.
pub async fn owed_by(state: &AppState, person: &Person) -> Result<Vec<OpenDeadline>, ApiError> {
    Ok(state
        .store
        .worklist(Worklist::Concerning(person))
        .await?
        .into_iter()
        .filter(|d| Audience::owing_by(&d.owing).includes(person))
        .collect())
}

/// The address of the feed whose secret is `secret`.
fn feed_url(state: &AppState, secret: &str) -> String {
    let base = state.settings.server.public_url.trim_end_matches('/');
    format!("{base}/calendar/{secret}")
}

/// Turns on `viewer`'s calendar feed at a new secret address, which stops any earlier one
/// working; gives the address, which is shown this once and kept only as a hash.
pub async fn start_feed(state: &AppState, viewer: &Viewer) -> Result<String, ApiError> {
    let secret = new_secret()?;
    state
        .store
        .start_calendar_feed(viewer.person().id, &secret, state.clock.now())
        .await?;
    tracing::info!("calendar feed turned on");
    Ok(feed_url(state, &secret))
}

/// Turns off `viewer`'s calendar feed: its address stops working.
pub async fn stop_feed(state: &AppState, viewer: &Viewer) -> Result<(), ApiError> {
    state.store.stop_calendar_feed(viewer.person().id).await?;
    tracing::info!("calendar feed turned off");
    Ok(())
}

/// Since when `viewer`'s calendar feed has been at its present address, if it is on.
pub async fn feed_since(
    state: &AppState,
    viewer: &Viewer,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    Ok(state.store.calendar_feed_since(viewer.person().id).await?)
}

/// The calendar at the feed address holding `secret`: 404 for an address that is not (or
/// no longer) a feed's, or whose person may no longer sign in.
pub async fn feed(state: &AppState, secret: &str) -> Result<String, ApiError> {
    if !is_secret(secret) {
        return Err(ApiError::not_found());
    }
    let person = state
        .store
        .calendar_feed_person(secret)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let owed = owed_by(state, &person.person).await?;
    let host = state
        .settings
        .server
        .public_url
        .split("://")
        .last()
        .unwrap_or_default()
        .trim_end_matches('/');
    // The address is one person's, so it is written in their language.
    let locale = state.locale(person.language);
    Ok(calendar(&owed, state.clock.now(), host, &locale))
}

/// `deadlines` as an iCalendar document in `locale`'s words: an all-day event each, on its
/// day.
fn calendar(deadlines: &[OpenDeadline], now: DateTime<Utc>, host: &str, locale: &Locale) -> String {
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let day = |date: NaiveDate| date.format("%Y%m%d").to_string();
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//disputes//Compact deadlines//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        format!("X-WR-CALNAME:{}", escaped(&locale.t("calendar-feed-name"))),
    ];
    for deadline in deadlines {
        let what = what_is_owed(locale, deadline.kind, &deadline.owing);
        let summary = format!("{}: {}", deadline.reference, upper_first(&what));
        let uid = format!("{}-{}@{host}", deadline.reference, deadline.kind.as_str());
        lines.extend([
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}", escaped(&uid)),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", day(deadline.due_on)),
            format!(
                "DTEND;VALUE=DATE:{}",
                day(deadline.due_on + Duration::days(1))
            ),
            format!("SUMMARY:{}", escaped(&summary)),
            "TRANSP:TRANSPARENT".to_owned(),
            "END:VEVENT".to_owned(),
        ]);
    }
    lines.push("END:VCALENDAR".to_owned());
    lines.iter().map(|line| folded(line)).collect()
}

/// Text as an iCalendar value (RFC 5545 3.3.11): backslashes, semicolons, commas and line
/// breaks escaped.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (RFC 5545 3.1), never inside a character, ended with
/// CRLF.
fn folded(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_is_written_in_its_persons_language() {
        use disputes_i18n::Lang;
        use disputes_workflow::{OrganisationId, Owed};
        let deadline = OpenDeadline {
            reference: "LEIC-2026-0001".to_owned(),
            title: "Grant cut".to_owned(),
            kind: DeadlineKind::Acknowledgement,
            due_on: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
            owing: Owing {
                owed_by: Owed::Respondent,
                raising_organisation_id: OrganisationId(1),
                respondent_organisation_id: OrganisationId(2),
                panel_chair: None,
            },
        };
        let now = DateTime::from_timestamp(0, 0).unwrap();
        let feed = |lang| {
            calendar(
                std::slice::from_ref(&deadline),
                now,
                "example.org",
                &Locale::built_in(lang),
            )
        };
        let english = feed(Lang::En);
        assert!(
            english.contains("X-WR-CALNAME:Dispute deadlines\r\n"),
            "{english}"
        );
        assert!(
            english.contains("SUMMARY:LEIC-2026-0001: Acknowledge the disagreement\r\n"),
            "{english}"
        );
        let welsh = feed(Lang::Cy);
        assert!(
            welsh.contains("X-WR-CALNAME:Terfynau amser anghydfodau\r\n"),
            "{welsh}"
        );
        assert!(
            welsh.contains("SUMMARY:LEIC-2026-0001: Cydnabod yr anghytundeb\r\n"),
            "{welsh}"
        );
        // The same event either way: a calendar that re-reads it in another language
        // replaces it rather than adding another.
        let uid = |feed: &str| {
            feed.lines()
                .find(|l| l.starts_with("UID:"))
                .map(str::to_owned)
        };
        assert_eq!(uid(&english), uid(&welsh));
    }

    #[test]
    fn text_is_escaped_and_long_lines_folded_whole_characters_at_a_time() {
        assert_eq!(escaped("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let long = format!("SUMMARY:{}", "é".repeat(60));
        let folded = folded(&long);
        for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
    }
}
