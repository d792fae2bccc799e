//! Deadlines as the parties meet them: counted in working days, halved for urgent cases,
//! moved by extensions and pauses, reminded and chased.

use chrono::NaiveDate;
use disputes_workflow::deadline::AdjustmentKind;
use disputes_workflow::rules::notice::{ChangeKind, Instrument, NoticeDates, NoticeFacts};
use disputes_workflow::*;

use super::cast::{Cast::*, World, new_case, text};
use ActionKind as A;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn due(world: &World, kind: DeadlineKind) -> NaiveDate {
    world
        .case
        .running(kind)
        .unwrap_or_else(|| panic!("no running {kind:?}"))
        .due_on
}

/// Two weeks' notice of a grant ending: a breach of the three-month rule.
fn notice_breach() -> NewCase {
    NewCase {
        notice: Some(NoticeFacts {
            change_kind: ChangeKind::Cessation,
            instrument: Instrument::Grant,
            dates: NoticeDates {
                notified_on: d("2026-02-16"),
                effective_on: d("2026-03-02"),
                defined_end_on: None,
            },
        }),
        ..new_case()
    }
}

#[test]
fn a_notice_breach_is_urgent_and_halves_the_informal_deadlines() {
    let world = World::raised_with(notice_breach(), &CompactSettings::default());
    assert_eq!(world.case.priority, Priority::Urgent);
    let assessment = world.case.notice_assessment.as_ref().unwrap();
    assert!(!assessment.compliant);
    // 5 halved, rounded up: 3 working days after Monday 2 March.
    let ack = world.case.running(DeadlineKind::Acknowledgement).unwrap();
    assert_eq!((ack.working_days, ack.halved_from), (3, Some(5)));
    assert_eq!(ack.due_on, d("2026-03-05"));
    // 10 halved: 5 working days after the acknowledgement (Tuesday 3 March).
    let world = world.step(RespondentMember, A::Acknowledge);
    assert_eq!(
        due(&world, DeadlineKind::InformalResolution),
        d("2026-03-10")
    );
    // Formal deadlines are not halved.
    let world = world
        .step(RaiserMember, A::Escalate)
        .step(Chair, A::AcceptFormal);
    let decision = world.case.running(DeadlineKind::FormalDecision).unwrap();
    assert_eq!((decision.working_days, decision.halved_from), (20, None));
}

#[test]
fn compliant_notice_or_notice_outside_the_notice_principle_is_not_urgent() {
    let mut compliant = notice_breach();
    if let Some(notice) = compliant.notice.as_mut() {
        notice.dates.effective_on = d("2026-06-30");
    }
    let world = World::raised_with(compliant, &CompactSettings::default());
    assert_eq!(world.case.priority, Priority::Normal);
    assert!(world.case.notice_assessment.as_ref().unwrap().compliant);

    let mut other_principle = notice_breach();
    other_principle.principles = vec!["partnership".to_owned()];
    let world = World::raised_with(other_principle, &CompactSettings::default());
    assert_eq!(world.case.priority, Priority::Normal);
    assert_eq!(
        world
            .case
            .running(DeadlineKind::Acknowledgement)
            .unwrap()
            .working_days,
        5
    );
}

#[test]
fn every_stage_sets_its_deadlines_from_the_settings() {
    let mut settings = CompactSettings::default();
    settings.deadlines.acknowledge = 7;
    settings.deadlines.formal_acceptance = 4;
    let world = World::raised_with(new_case(), &settings);
    // Raised Monday 2 March: 7 working days is Wednesday 11 March.
    assert_eq!(due(&world, DeadlineKind::Acknowledgement), d("2026-03-11"));
    let world = world.step(RespondentMember, A::Acknowledge); // Tuesday 3 March
    assert_eq!(
        due(&world, DeadlineKind::InformalResolution),
        d("2026-03-17")
    );
    let world = world.step(RaiserMember, A::Escalate); // Wednesday 4 March
    assert_eq!(due(&world, DeadlineKind::FormalAcceptance), d("2026-03-10"));
    let world = world.step(Chair, A::AcceptFormal); // Thursday 5 March
    assert_eq!(due(&world, DeadlineKind::FormalDecision), d("2026-04-02"));
    let world = world.step(Chair, A::ConvenePanel); // Friday 6 March
    assert_eq!(due(&world, DeadlineKind::WrittenResponse), d("2026-03-20"));
    let world = world.step(PanelVcs, A::IssueDecision); // Saturday 7 March: counts as Friday
    assert_eq!(due(&world, DeadlineKind::AppealWindow), d("2026-04-07"));
    let world = world.step(RaiserMember, A::Appeal); // Sunday 8 March
    assert_eq!(due(&world, DeadlineKind::AppealPanel), d("2026-03-20"));
    let world = world.step(Chair, A::ConveneAppealPanel); // Monday 9 March
    assert_eq!(due(&world, DeadlineKind::AppealDecision), d("2026-04-08"));
    // Each stored with the calendar it was counted with.
    for deadline in &world.case.deadlines {
        assert_eq!(
            deadline.calendar_version.to_string(),
            format!("england_and_wales/{}", Release::CURRENT)
        );
    }
}

#[test]
fn deadlines_skip_bank_holidays_and_say_so() {
    // Thursday 2 April 2026: Good Friday and Easter Monday follow.
    let mut world = World::raised();
    world.now = "2026-04-02T08:00:00Z".parse().unwrap(); // 09:00 in London (BST)
    let world = world.later(-1).step(RespondentMember, A::Acknowledge);
    let deadline = world
        .case
        .running(DeadlineKind::InformalResolution)
        .unwrap();
    assert_eq!(deadline.started_on, d("2026-04-02"));
    assert_eq!(deadline.due_on, d("2026-04-20"));
    let skipped: Vec<&str> = deadline
        .holidays_skipped
        .iter()
        .map(|h| h.name.as_ref())
        .collect();
    assert_eq!(skipped, ["Good Friday", "Easter Monday"]);
}

#[test]
fn a_settings_change_never_moves_a_running_case() {
    let world = World::raised();
    let mut changed = CompactSettings::default();
    changed.deadlines.informal_resolution = 30;
    // The case keeps the terms it was raised under.
    assert_eq!(world.case.terms.deadlines.informal_resolution, 10);
    let world = world.step(RespondentMember, A::Acknowledge);
    assert_eq!(
        world
            .case
            .running(DeadlineKind::InformalResolution)
            .unwrap()
            .working_days,
        10
    );
}

#[test]
fn statuses_record_how_each_deadline_ended() {
    // Acknowledged on time: met.
    let world = World::raised().step(RespondentMember, A::Acknowledge);
    assert_eq!(world.case.deadlines[0].status, DeadlineStatus::Met);
    assert_eq!(world.case.deadlines[0].settled_on, Some(d("2026-03-03")));
    // Acknowledged late: late.
    let world = World::raised()
        .later(20)
        .step(RespondentMember, A::Acknowledge);
    assert_eq!(world.case.deadlines[0].status, DeadlineStatus::Late);
    // Withdrawn before the informal deadline: cancelled; closed cases run no deadlines.
    let world = World::raised()
        .step(RespondentMember, A::Acknowledge)
        .step(RaiserMember, A::Withdraw);
    assert_eq!(world.case.deadlines[1].status, DeadlineStatus::Cancelled);
    assert!(world.case.deadlines.iter().all(|d| !d.is_running()));
    // The appeal window closing unused: expired.
    let decided = super::cast::Fixture::DecidedWindowPassed.world();
    let world = decided.step(System, A::LapseAppealWindow);
    let window = world.last_deadline(DeadlineKind::AppealWindow);
    assert_eq!(window.status, DeadlineStatus::Expired);
    assert!(
        world
            .case
            .deadlines
            .iter()
            .filter(|d| !d.kind.is_window())
            .all(|d| {
                d.status != DeadlineStatus::Running && d.status != DeadlineStatus::Expired
            })
    );
}

#[test]
fn extensions_move_the_running_deadline_within_the_stages_allowance() {
    let world = World::raised().step(RespondentMember, A::Acknowledge); // Tuesday 3 March
    assert_eq!(
        due(&world, DeadlineKind::InformalResolution),
        d("2026-03-17")
    );
    let extend = |days| Action::ExtendDeadline {
        working_days: days,
        reason: text("Trustees meet next month."),
        deadline: None,
    };
    let world = world.act(Chair, extend(15));
    assert_eq!(
        due(&world, DeadlineKind::InformalResolution),
        d("2026-04-09")
    );
    assert_eq!(world.case.extension_left(Stage::Informal), 5);
    // Asking for more than is left: the fields are refused, and nothing changes.
    let too_many = world.try_act(Facilitator, extend(6)).unwrap_err();
    assert_eq!(too_many.kind(), RefusalKind::Invalid);
    assert!(
        too_many
            .to_string()
            .contains("only 5 working days of extension remain")
    );
    let world = world.act(Facilitator, extend(5));
    // Used up: no longer offered, and refused by the state.
    assert!(!world.allowed(Chair).contains(&A::ExtendDeadline));
    assert_eq!(
        world.try_act(Chair, extend(1)).unwrap_err().kind(),
        RefusalKind::State
    );
    let deadline = world
        .case
        .running(DeadlineKind::InformalResolution)
        .unwrap();
    assert_eq!(deadline.adjustments.len(), 2);
    let extended: Vec<(AdjustmentKind, u32)> = deadline
        .adjustments
        .iter()
        .map(|a| (a.kind, a.working_days))
        .collect();
    assert_eq!(
        extended,
        [
            (AdjustmentKind::Extension, 15),
            (AdjustmentKind::Extension, 5)
        ]
    );
    // A new stage brings a fresh allowance.
    let world = world.step(RaiserMember, A::Escalate);
    assert_eq!(world.case.extension_left(Stage::Formal), 20);
    assert!(world.allowed(Chair).contains(&A::ExtendDeadline));
}

#[test]
fn an_extension_may_name_one_of_several_running_deadlines() {
    let world = super::cast::Fixture::UnderReview.world();
    let response = due(&world, DeadlineKind::WrittenResponse);
    let decision = due(&world, DeadlineKind::FormalDecision);
    let world = world.act(
        Chair,
        Action::ExtendDeadline {
            working_days: 2,
            reason: text("The council's officer is on leave."),
            deadline: Some(DeadlineKind::WrittenResponse),
        },
    );
    assert!(due(&world, DeadlineKind::WrittenResponse) > response);
    assert_eq!(due(&world, DeadlineKind::FormalDecision), decision);
    let not_running = world.try_act(
        Chair,
        Action::ExtendDeadline {
            working_days: 2,
            reason: text("No."),
            deadline: Some(DeadlineKind::Acknowledgement),
        },
    );
    assert_eq!(not_running.unwrap_err().kind(), RefusalKind::Invalid);
}

#[test]
fn a_pause_stops_the_clock_and_resuming_moves_deadlines_on() {
    let world = World::raised().step(RespondentMember, A::Acknowledge); // Tuesday 3 March
    let before = due(&world, DeadlineKind::InformalResolution);
    assert_eq!(before, d("2026-03-17"));
    let world = world.step(Facilitator, A::Pause); // Wednesday 4 March
    assert_eq!(world.state(), "paused");
    assert_eq!(world.case.stage(), Stage::Informal);
    // Long past the old due date, nothing is overdue while paused.
    let world = world.later(20);
    assert!(
        world
            .case
            .overdue(world.case.terms.today(world.now))
            .is_empty()
    );
    let world = world.step(Chair, A::Resume); // Wednesday 25 March: 15 working days later
    assert_eq!(world.state(), "in_dialogue");
    let pause = &world.case.pauses[0];
    assert_eq!(pause.paused_on, d("2026-03-04"));
    assert_eq!(pause.ended_on, Some(d("2026-03-25")));
    assert_eq!(pause.working_days, Some(15));
    let deadline = world
        .case
        .running(DeadlineKind::InformalResolution)
        .unwrap();
    assert_eq!(deadline.due_on, d("2026-04-09"));
    let adjustment = &deadline.adjustments[0];
    assert_eq!(
        (
            adjustment.kind,
            adjustment.working_days,
            adjustment.from,
            adjustment.on,
            adjustment.due_on
        ),
        (
            AdjustmentKind::Pause,
            15,
            d("2026-03-17"),
            d("2026-03-25"),
            d("2026-04-09")
        )
    );
}

#[test]
fn a_pause_and_resume_on_the_same_day_moves_nothing() {
    let world = World::raised()
        .step(Facilitator, A::Pause)
        .later(-1)
        .step(Facilitator, A::Resume);
    assert_eq!(world.case.pauses[0].working_days, Some(0));
    assert!(world.case.deadlines[0].adjustments.is_empty());
}

#[test]
fn reminders_go_two_working_days_before_and_overdue_notices_the_day_after() {
    let world = World::raised().step(RespondentMember, A::Acknowledge);
    let deadline = world
        .case
        .running(DeadlineKind::InformalResolution)
        .unwrap();
    let before = world.case.terms.deadlines.reminder_before;
    // Due Tuesday 17 March: reminder Friday 13 March, overdue notice Wednesday 18 March.
    assert_eq!(deadline.reminder_on(before).unwrap(), d("2026-03-13"));
    assert_eq!(deadline.overdue_notice_on().unwrap(), d("2026-03-18"));
    // Overdue from the day after the due day.
    assert!(world.case.overdue(d("2026-03-17")).is_empty());
    assert_eq!(world.case.overdue(d("2026-03-18")).len(), 1);
}

#[test]
fn the_day_counts_in_the_compacts_time_zone() {
    // 23:30 UTC on Sunday 29 March 2026 is already Monday 30 March in London (BST).
    let mut world = World::raised();
    world.now = "2026-03-29T23:30:00Z".parse().unwrap();
    let world = world.later(-1).step(RespondentMember, A::Acknowledge);
    let deadline = world
        .case
        .running(DeadlineKind::InformalResolution)
        .unwrap();
    assert_eq!(deadline.started_on, d("2026-03-30"));
}
