//! Random stories: sequences of actions by random people at random times.
//!
//! Whatever happens, the machine never panics, a closed case stays closed, `allowed_actions`
//! agrees with what an attempt actually does, every accepted case survives the stored format,
//! and replaying the accepted events from the start rebuilds the final case exactly.

use std::collections::HashSet;

use chrono::Duration;
use disputes_workflow::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;

use super::cast::{Cast, World, appeal_panel, bad_panel, formal_panel, text, valid};

/// Actions with fields that are wrong somewhere or everywhere, beside the valid ones.
fn awkward_actions() -> Vec<Action> {
    vec![
        Action::Escalate { reason: None },
        Action::ConvenePanel {
            panel: appeal_panel(),
        },
        Action::ConvenePanel { panel: bad_panel() },
        Action::ConveneAppealPanel {
            panel: formal_panel(),
        },
        Action::ExtendDeadline {
            working_days: 1,
            reason: text("A day."),
            deadline: None,
        },
        Action::ExtendDeadline {
            working_days: 25,
            reason: text("Too long."),
            deadline: None,
        },
        Action::ExtendDeadline {
            working_days: 0,
            reason: text("Nothing."),
            deadline: None,
        },
        Action::ExtendDeadline {
            working_days: 2,
            reason: text("Response only."),
            deadline: Some(DeadlineKind::WrittenResponse),
        },
        Action::DecideAppeal {
            result: AppealResult::DecisionConfirmed,
            outcome: None,
            reasons: text("Confirmed."),
        },
        Action::DecideAppeal {
            result: AppealResult::DecisionOverturned,
            outcome: None,
            reasons: text("Missing its outcome."),
        },
        Action::IssueDecision {
            outcome: FormalOutcome::Upheld,
            findings: text("Upheld."),
            recommendations: vec![],
        },
        Action::IssueDecision {
            outcome: FormalOutcome::NotUpheld,
            findings: text("A recommendation already overdue."),
            recommendations: vec![RecommendationDraft {
                text: text("Too late."),
                owner_organisation_id: OrganisationId(20),
                due_on: "2020-01-01".parse().unwrap(),
            }],
        },
        Action::MarkRecommendation {
            recommendation: 3,
            status: RecommendationStatus::NotImplemented,
        },
        Action::MarkRecommendation {
            recommendation: 0,
            status: RecommendationStatus::Open,
        },
    ]
}

/// Actions that end or stall a case; a story that takes them whenever offered would rarely
/// reach the appeal stage.
const DETOURS: [ActionKind; 9] = [
    ActionKind::Withdraw,
    ActionKind::ReferExternally,
    ActionKind::DeclineFormal,
    ActionKind::ReturnToInformal,
    ActionKind::AcceptResolution,
    ActionKind::AcceptDecision,
    ActionKind::DismissAppeal,
    ActionKind::Pause,
    ActionKind::ExtendDeadline,
];

#[derive(Debug, Clone)]
struct Step {
    /// Below 192 of 256: take something someone may do now, mostly something that moves the
    /// case on; otherwise anything at all, by anyone.
    plausible: u8,
    choice: usize,
    actor: usize,
    days: i64,
    note: bool,
}

fn step() -> impl Strategy<Value = Step> {
    let days = prop_oneof![4 => 0i64..3, 1 => 0i64..30];
    (
        any::<u8>(),
        any::<usize>(),
        any::<usize>(),
        days,
        any::<bool>(),
    )
        .prop_map(|(plausible, choice, actor, days, note)| Step {
            plausible,
            choice,
            actor,
            days,
            note,
        })
}

fn check_invariants(case: &Case) {
    let mut running = HashSet::new();
    for deadline in case.deadlines.iter().filter(|d| d.is_running()) {
        assert!(
            running.insert(deadline.kind),
            "two running {:?} deadlines",
            deadline.kind
        );
    }
    assert_eq!(case.state.is_closed(), case.closed_at.is_some());
    if case.state.is_closed() {
        assert!(running.is_empty(), "a closed case has running deadlines");
    } else {
        assert!(
            !running.is_empty(),
            "an open case has no running deadline: {}",
            case.state
        );
    }
    let open_pauses = case.pauses.iter().filter(|p| p.ended_on.is_none()).count();
    assert_eq!(open_pauses, usize::from(case.state.is_paused()));
    for stage in [Stage::Informal, Stage::Formal, Stage::Appeal] {
        let used: u32 = case
            .extensions
            .iter()
            .filter(|e| e.stage == stage)
            .map(|e| e.working_days)
            .sum();
        assert!(used <= case.terms.deadlines.max_extension_per_stage);
    }
}

fn run_story(steps: &[Step]) -> World {
    let pool: Vec<Action> = ActionKind::ALL
        .iter()
        .map(|&k| valid(k))
        .chain(awkward_actions())
        .collect();
    let mut world = World::raised();
    for step in steps {
        world.now += Duration::days(step.days);
        let offers: Vec<(Cast, ActionKind)> = Cast::ALL
            .iter()
            .flat_map(|&who| world.allowed(who).into_iter().map(move |k| (who, k)))
            .collect();
        let onward: Vec<(Cast, ActionKind)> = offers
            .iter()
            .copied()
            .filter(|(_, kind)| !DETOURS.contains(kind))
            .collect();
        let (who, action) = if step.plausible < 192 && !offers.is_empty() {
            let choices = if step.plausible % 4 != 0 && !onward.is_empty() {
                &onward
            } else {
                &offers
            };
            let (who, kind) = choices[step.choice % choices.len()];
            (who, valid(kind))
        } else {
            (
                Cast::ALL[step.actor % Cast::ALL.len()],
                pool[step.choice % pool.len()].clone(),
            )
        };
        let kind = action.kind();
        let allowed = world.allowed(who).contains(&kind);
        let command = Command {
            actor: who.actor(),
            action,
            at: world.now,
            note: step.note.then(|| text("Discussed at the Tuesday meeting.")),
        };
        match world.case.decide(&command) {
            Ok(decided) => {
                assert!(allowed, "{who:?} did {kind} though it was not offered");
                if let Some(outcome) = world.case.state.outcome() {
                    assert_eq!(
                        decided.case.state.outcome(),
                        Some(outcome),
                        "left a closed case"
                    );
                }
                assert_eq!(decided.case.version, world.case.version + 1);
                assert_eq!(decided.event.seq, decided.case.version);
                assert_eq!(decided.event.from_state.as_ref(), Some(&world.case.state));
                assert_eq!(decided.event.to_state, decided.case.state);
                // The store writes and reads the case between actions.
                let stored = serde_json::to_string(&decided.case).unwrap();
                let case: Case = serde_json::from_str(&stored).unwrap();
                assert_eq!(case, decided.case);
                check_invariants(&case);
                world.case = case;
                world.events.push(decided.event);
            }
            Err(refusal) => {
                let offered_matches = match refusal.kind() {
                    RefusalKind::State | RefusalKind::Actor => !allowed,
                    RefusalKind::Invalid => allowed,
                };
                assert!(
                    offered_matches,
                    "{who:?} {kind}: offered = {allowed}, but refused: {refusal}"
                );
            }
        }
    }
    world
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_stories_keep_every_rule(steps in proptest::collection::vec(step(), 0..60)) {
        let world = run_story(&steps);
        // The trail survives its stored format and rebuilds the case exactly.
        let stored = serde_json::to_string(&world.events).unwrap();
        let events: Vec<CaseEvent> = serde_json::from_str(&stored).unwrap();
        prop_assert_eq!(&events, &world.events);
        let replayed = replay(&events).unwrap();
        prop_assert_eq!(replayed, world.case);
    }
}

#[test]
fn stories_reach_every_state() {
    // The plausible bias must carry random stories through the whole process, or the
    // property above would test only the informal stage.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = proptest::collection::vec(step(), 40..60);
    let mut seen = HashSet::new();
    for _ in 0..300 {
        let steps = strategy.new_tree(&mut runner).unwrap().current();
        let world = run_story(&steps);
        for event in &world.events {
            seen.insert(event.to_state.name());
        }
        seen.insert(world.case.state.name());
    }
    for state in OpenState::ALL
        .iter()
        .map(|s| s.as_str())
        .chain(["paused", "closed"])
    {
        assert!(
            seen.contains(state),
            "no story reached {state}; reached {seen:?}"
        );
    }
}

#[test]
fn a_tampered_trail_does_not_replay() {
    let world = super::cast::Fixture::Decided.world();
    assert_eq!(replay(&world.events).unwrap(), world.case);

    // An event whose recorded outcome was altered.
    let mut events = world.events.clone();
    let last = events.last_mut().unwrap();
    last.to_state = CaseState::Closed {
        outcome: Outcome::Upheld,
    };
    let error = replay(&events).unwrap_err();
    assert_eq!(error.seq, world.case.version);
    assert!(matches!(
        error.problem,
        disputes_workflow::event::ReplayProblem::Diverged { .. }
    ));

    // An action by someone who could not have taken it.
    let mut events = world.events.clone();
    events[1].actor = Cast::Stranger.actor();
    let error = replay(&events).unwrap_err();
    assert_eq!(error.seq, 2);
    assert!(matches!(
        error.problem,
        disputes_workflow::event::ReplayProblem::Refused(_)
    ));

    // A missing event.
    let mut events = world.events;
    events.remove(2);
    assert!(replay(&events).is_err());
    assert!(replay(&[]).is_err());
}
