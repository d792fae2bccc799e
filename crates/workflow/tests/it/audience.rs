//! Who is emailed about each event.

use disputes_workflow::*;

use super::cast::{COUNCIL, Cast, Fixture, VOLUNTEERS};
use ActionKind as A;

fn audience(world: &super::cast::World) -> Audience {
    Audience::of(&world.case, world.events.last().unwrap())
}

#[test]
fn informal_events_reach_both_organisations_but_not_the_actor() {
    let world = Fixture::InDialogue.world();
    let heard = audience(&world);
    assert_eq!(heard.members_of, [VOLUNTEERS, COUNCIL]);
    assert_eq!(heard.champions_of, [VOLUNTEERS, COUNCIL]);
    assert!(!heard.chairs && !heard.facilitators);
    assert!(heard.people.is_empty());
    assert_eq!(
        heard.except,
        Some(Cast::RespondentMember.person().unwrap().id)
    );
}

#[test]
fn from_the_formal_stage_the_chair_facilitator_and_panels_hear_too() {
    let world = Fixture::AppealUnderReview.world();
    let heard = audience(&world);
    assert!(heard.chairs && heard.facilitators);
    let ids: Vec<i64> = heard.people.iter().map(|p| p.0).collect();
    assert_eq!(ids, [7, 9, 8, 10]);
    // Closing after the formal stage still tells the subgroup.
    let closed = Fixture::ClosedWithRecommendations.world();
    assert!(audience(&closed).chairs);
}

#[test]
fn the_scheduler_acting_leaves_no_one_out() {
    let world = Fixture::DecidedWindowPassed
        .world()
        .step(Cast::System, A::LapseAppealWindow);
    assert_eq!(audience(&world).except, None);
}

#[test]
fn bookkeeping_after_closing_tells_no_one() {
    let world = Fixture::ClosedWithRecommendations
        .world()
        .step(Cast::Facilitator, A::RecordLessons);
    assert!(audience(&world).is_empty());
    assert_eq!(world.case.furthest_stage(), Stage::Formal);
    let raised = Fixture::Raised.world();
    assert_eq!(raised.case.furthest_stage(), Stage::Informal);
    assert_eq!(
        Fixture::AppealLodged.world().case.furthest_stage(),
        Stage::Appeal
    );
}

#[test]
fn a_reminder_goes_to_whoever_owes_the_step_and_an_overdue_notice_to_the_subgroup_too() {
    // Raised on Monday 2 March; the acknowledgement is due Monday 9 March, so its reminder
    // is due from Thursday 5 March.
    let world = Fixture::Raised.world().later(3);
    let reminder = Action::SendReminder {
        deadline: DeadlineKind::Acknowledgement,
    };
    let world = world.act(Cast::System, reminder.clone());
    let heard = audience(&world);
    assert_eq!(heard.members_of, [COUNCIL]);
    assert!(heard.champions_of.is_empty() && !heard.chairs && !heard.facilitators);
    assert_eq!(heard.except, None);
    // Once per due day.
    assert_eq!(
        world.try_act(Cast::System, reminder).unwrap_err().kind(),
        RefusalKind::State
    );

    let world = world.later(4).act(
        Cast::System,
        Action::SendOverdueNotice {
            deadline: DeadlineKind::Acknowledgement,
        },
    );
    let heard = audience(&world);
    assert_eq!(heard.members_of, [COUNCIL]);
    assert!(heard.chairs && heard.facilitators);

    // The panel's decision is owed by its chair once it sits.
    let world = Fixture::UnderReview.world();
    let panel_chair = world.case.panel.as_ref().unwrap().chair_id;
    let due = world
        .case
        .running(DeadlineKind::FormalDecision)
        .unwrap()
        .due_on;
    let mut near = world;
    near.now =
        chrono::TimeZone::from_utc_datetime(&chrono::Utc, &due.and_hms_opt(9, 0, 0).unwrap());
    let near = near.later(-1).act(
        Cast::System,
        Action::SendReminder {
            deadline: DeadlineKind::FormalDecision,
        },
    );
    assert_eq!(audience(&near).people, [panel_chair]);
}

#[test]
fn a_deadline_is_on_the_list_of_exactly_those_who_owe_it() {
    let owes = |world: &super::cast::World, kind: DeadlineKind| -> Vec<Cast> {
        Cast::ALL
            .into_iter()
            .filter(|c| {
                c.person()
                    .is_some_and(|p| Audience::owing(&world.case, kind).includes(&p))
            })
            .collect()
    };
    let raised = Fixture::Raised.world();
    assert_eq!(
        owes(&raised, DeadlineKind::Acknowledgement),
        [Cast::RespondentMember]
    );
    let dialogue = Fixture::InDialogue.world();
    assert_eq!(
        owes(&dialogue, DeadlineKind::InformalResolution),
        [Cast::RaiserMember, Cast::RespondentMember]
    );
    let submitted = Fixture::Submitted.world();
    assert_eq!(
        owes(&submitted, DeadlineKind::FormalAcceptance),
        [Cast::Chair]
    );
    let review = Fixture::UnderReview.world();
    assert_eq!(
        owes(&review, DeadlineKind::FormalDecision),
        [Cast::PanelVcs]
    );
    // The person who acted is left out of what they are told, but a to-do list has no actor.
    let heard = audience(&dialogue);
    let respondent = Cast::RespondentMember.person().unwrap();
    assert!(!heard.includes(&respondent));
    assert!(heard.includes(&Cast::RaiserChampion.person().unwrap()));
    assert!(!heard.includes(&Cast::Stranger.person().unwrap()));
}
