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
    assert_eq!(heard.organisations, [VOLUNTEERS, COUNCIL]);
    assert!(!heard.oversight);
    assert!(heard.panel_members.is_empty());
    assert_eq!(
        heard.except,
        Some(Cast::RespondentMember.person().unwrap().id)
    );
}

#[test]
fn from_the_formal_stage_the_chair_facilitator_and_panels_hear_too() {
    let world = Fixture::AppealUnderReview.world();
    let heard = audience(&world);
    assert!(heard.oversight);
    let ids: Vec<i64> = heard.panel_members.iter().map(|p| p.0).collect();
    assert_eq!(ids, [7, 9, 8, 10]);
    // Closing after the formal stage still tells the subgroup.
    let closed = Fixture::ClosedWithRecommendations.world();
    assert!(audience(&closed).oversight);
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
