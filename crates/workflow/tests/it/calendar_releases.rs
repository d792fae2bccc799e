//! Releases of the holiday tables: a case's dates are counted under the release in force when
//! each was counted, and its trail replays to exactly the stored case after newer releases
//! ship.
//!
//! The story: a Scottish case raised on Tuesday 9 June 2026, the week before Scotland's one-off
//! bank holiday of Monday 15 June, which the first release did not know.

use chrono::{DateTime, NaiveDate, Utc};
use disputes_workflow::*;

use super::cast::{Cast::*, World, new_case};
use ActionKind as A;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Tuesday 9 June 2026, 09:00 in Edinburgh (BST).
fn tuesday_9_june() -> DateTime<Utc> {
    "2026-06-09T08:00:00Z".parse().unwrap()
}

fn scottish() -> CompactSettings {
    CompactSettings {
        jurisdiction: Jurisdiction::Scotland,
        ..CompactSettings::default()
    }
}

fn raised_under(release: Release) -> World {
    World::raised_under(new_case(), &scottish(), tuesday_9_june(), release)
}

/// Raised on the 9th, acknowledged on the 10th, paused on the 11th and resumed on the 16th.
fn paused_over_the_holiday(world: World) -> World {
    world
        .step(RespondentMember, A::Acknowledge)
        .step(Facilitator, A::Pause)
        .later(4)
        .step(Facilitator, A::Resume)
}

fn due(world: &World, kind: DeadlineKind) -> NaiveDate {
    world.last_deadline(kind).due_on
}

#[test]
fn the_first_release_worked_on_15_june_and_the_current_one_does_not() {
    let first = Calendar::at(Jurisdiction::Scotland, Release::FIRST);
    let current = Calendar::of(Jurisdiction::Scotland);
    assert!(first.is_working_day(d("2026-06-15")));
    assert!(!current.is_working_day(d("2026-06-15")));
    assert!(Release::FIRST < Release::CURRENT);
    assert_eq!(first.version().to_string(), "scotland/2026.1");
    // Nowhere else.
    for jurisdiction in [Jurisdiction::EnglandAndWales, Jurisdiction::NorthernIreland] {
        assert!(Calendar::of(jurisdiction).is_working_day(d("2026-06-15")));
    }
}

#[test]
fn a_case_decided_under_the_first_release_replays_to_its_stored_dates_after_a_newer_one_ships() {
    let stored = paused_over_the_holiday(raised_under(Release::FIRST));
    // Counted as the first release counted them, 15 June a working day: acknowledgement due
    // five working days after the 9th; informal resolution ten after the 10th (24 June),
    // moved on three working days for the pause (12th, 15th and 16th).
    assert_eq!(due(&stored, DeadlineKind::Acknowledgement), d("2026-06-16"));
    let informal = stored.last_deadline(DeadlineKind::InformalResolution);
    assert_eq!(informal.adjustments[0].from, d("2026-06-24"));
    assert_eq!(informal.adjustments[0].working_days, 3);
    assert_eq!(informal.due_on, d("2026-06-29"));
    assert_eq!(
        informal.calendar_version.to_string(),
        "scotland/2026.1",
        "each deadline names the release it was counted under"
    );
    assert!(stored.events.iter().all(|e| e.calendar == Release::FIRST));

    // Replayed by this build, whose current release knows 15 June: the stored case exactly.
    assert_eq!(replay(&stored.events).unwrap(), stored.case);

    // Counting the same trail under the current release would have moved every date: the
    // release, not the build, decides.
    let mut retagged = stored.events.clone();
    for event in &mut retagged {
        event.calendar = Release::CURRENT;
    }
    let recounted = replay(&retagged).unwrap();
    assert_ne!(recounted, stored.case);
    let now = paused_over_the_holiday(raised_under(Release::CURRENT));
    assert_eq!(recounted, now.case);
    assert_eq!(due(&now, DeadlineKind::Acknowledgement), d("2026-06-17"));
    let informal = now.last_deadline(DeadlineKind::InformalResolution);
    assert_eq!(informal.adjustments[0].from, d("2026-06-25"));
    assert_eq!(informal.adjustments[0].working_days, 2);
    assert_eq!(informal.due_on, d("2026-06-29"));
}

#[test]
fn events_recorded_before_releases_were_named_replay_under_the_first() {
    let stored = raised_under(Release::FIRST);
    let mut json = serde_json::to_value(&stored.events[0]).unwrap();
    assert_eq!(json["calendar"], "2026.1");
    json.as_object_mut().unwrap().remove("calendar");
    let old: CaseEvent = serde_json::from_value(json).unwrap();
    assert_eq!(old.calendar, Release::FIRST);
    assert_eq!(replay(&[old]).unwrap(), stored.case);
}

#[test]
fn an_upgrade_moves_no_running_deadline_and_new_counts_use_the_new_release() {
    let before = raised_under(Release::FIRST).step(RespondentMember, A::Acknowledge);
    let set_before = before
        .last_deadline(DeadlineKind::InformalResolution)
        .clone();
    assert_eq!(set_before.due_on, d("2026-06-24"));

    // The service is upgraded while the case is paused over the 15th.
    let after = before
        .step(Facilitator, A::Pause)
        .upgraded()
        .later(4)
        .step(Facilitator, A::Resume);
    let informal = after.last_deadline(DeadlineKind::InformalResolution);
    // Set under the first release, and still so; the pause counted under the current one
    // (the 12th and the 16th) and says so.
    assert_eq!(informal.calendar_version, set_before.calendar_version);
    let moved = &informal.adjustments[0];
    assert_eq!(moved.from, d("2026-06-24"));
    assert_eq!(moved.working_days, 2);
    assert_eq!(
        moved.calendar_version.map(|v| v.to_string()).as_deref(),
        Some("scotland/2026.2")
    );
    assert_eq!(informal.due_on, d("2026-06-26"));
    // Its reminder follows the calendar of the last count: two working days before Friday
    // 26 June is Wednesday the 24th.
    let before_days = after.case.terms.deadlines.reminder_before;
    assert_eq!(informal.reminder_on(before_days).unwrap(), d("2026-06-24"));
    assert_eq!(
        after.events.last().unwrap().calendar,
        Release::CURRENT,
        "the resumption was decided under the current release"
    );
    assert_eq!(replay(&after.events).unwrap(), after.case);
}
