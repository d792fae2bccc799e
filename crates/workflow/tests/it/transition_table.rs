//! Every action, in every state, by everyone: the result against DOMAIN.md's tables.
//!
//! The table below is DOMAIN.md written as data. Someone who may never take an action on
//! the case, whatever its state, is refused as the wrong person (403) first. For each
//! situation and each action, the people listed may take it and it leads where the row
//! says; an action with no row in a situation is refused by the state (409) for those who
//! might take it another time. The same table must also be exactly what `allowed_actions`
//! reports to each person.

use std::collections::BTreeSet;

use disputes_workflow::*;

use super::cast::{Cast, Fixture, valid};
use ActionKind as A;
use Cast::*;

#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Moves to the named state.
    To(&'static str),
    /// Closes with this outcome.
    Closes(Outcome),
    /// Accepted; the state stays the same.
    Stays,
    /// The right person, but not now: refused by the state (409).
    NotYet,
}

use Expect::*;

const PARTIES: &[Cast] = &[RaiserMember, RespondentMember];
const CHAIR_OR_FACILITATOR: &[Cast] = &[Chair, Facilitator];
const CHAMPIONS_OR_FACILITATOR: &[Cast] = &[Facilitator, RaiserChampion, RespondentChampion];

/// Who may take `kind` on the fixture's case at all, whatever its state: DOMAIN.md's roles.
fn may_ever(fixture: Fixture, kind: ActionKind) -> &'static [Cast] {
    let panel_sits = matches!(
        fixture,
        Fixture::UnderReview
            | Fixture::Decided
            | Fixture::DecidedWindowPassed
            | Fixture::AppealLodged
            | Fixture::AppealUnderReview
            | Fixture::ClosedWithRecommendations
    );
    match kind {
        A::Acknowledge | A::SubmitResponse => &[RespondentMember],
        A::Escalate | A::Withdraw => &[RaiserMember],
        A::ProposeResolution | A::Appeal | A::AcceptDecision => PARTIES,
        // A proposal awaiting an answer is answered by the other party (here the raiser
        // proposed); with none, it is the state that refuses either party.
        A::AcceptResolution | A::RejectResolution => {
            if fixture == Fixture::ResolutionProposed {
                &[RespondentMember]
            } else {
                PARTIES
            }
        }
        A::AcceptFormal
        | A::ReturnToInformal
        | A::DeclineFormal
        | A::ConvenePanel
        | A::ConveneAppealPanel
        | A::DismissAppeal
        | A::ReferExternally => &[Chair],
        A::IssueDecision if panel_sits => &[PanelVcs],
        A::DecideAppeal if fixture == Fixture::AppealUnderReview => &[AppealVcs],
        A::IssueDecision | A::DecideAppeal => &[],
        A::LapseAppealWindow | A::SendReminder | A::SendOverdueNotice => &[System],
        A::Pause | A::Resume | A::ExtendDeadline => CHAIR_OR_FACILITATOR,
        A::RecordLessons | A::ReferCaseStudy => CHAMPIONS_OR_FACILITATOR,
        // Once the decision gives the council a recommendation, its own champion may not
        // certify it.
        A::MarkRecommendation if panel_sits && fixture != Fixture::UnderReview => {
            &[Facilitator, RaiserChampion]
        }
        A::MarkRecommendation => CHAMPIONS_OR_FACILITATOR,
    }
}

/// The rows for one situation, from DOMAIN.md.
fn rows(fixture: Fixture) -> Vec<(ActionKind, &'static [Cast], Expect)> {
    let mut rows = match fixture {
        Fixture::Raised => vec![
            (A::Acknowledge, &[RespondentMember][..], To("in_dialogue")),
            (A::Escalate, &[RaiserMember][..], NotYet),
        ],
        Fixture::RaisedOverdue => vec![
            (A::Acknowledge, &[RespondentMember][..], To("in_dialogue")),
            (A::Escalate, &[RaiserMember][..], To("submitted")),
        ],
        Fixture::InDialogue => vec![
            (A::ProposeResolution, PARTIES, To("resolution_proposed")),
            (A::Escalate, &[RaiserMember][..], To("submitted")),
        ],
        // The raiser proposed, so the respondent answers.
        Fixture::ResolutionProposed => vec![
            (
                A::AcceptResolution,
                &[RespondentMember][..],
                Closes(Outcome::ResolvedInformally),
            ),
            (
                A::RejectResolution,
                &[RespondentMember][..],
                To("in_dialogue"),
            ),
            (A::Escalate, &[RaiserMember][..], To("submitted")),
        ],
        Fixture::Submitted => vec![
            (A::AcceptFormal, &[Chair][..], To("awaiting_panel")),
            (A::ReturnToInformal, &[Chair][..], To("in_dialogue")),
            (A::DeclineFormal, &[Chair][..], Closes(Outcome::NotAccepted)),
        ],
        Fixture::AwaitingPanel => vec![(A::ConvenePanel, &[Chair][..], To("under_review"))],
        Fixture::UnderReview => vec![
            (A::SubmitResponse, &[RespondentMember][..], Stays),
            (A::IssueDecision, &[PanelVcs][..], To("decided")),
        ],
        Fixture::Decided => vec![
            (A::Appeal, PARTIES, To("appeal_lodged")),
            (A::AcceptDecision, PARTIES, Stays),
            (A::LapseAppealWindow, &[System][..], NotYet),
        ],
        Fixture::DecidedWindowPassed => vec![
            (A::Appeal, PARTIES, NotYet),
            (A::AcceptDecision, PARTIES, Stays),
            (
                A::LapseAppealWindow,
                &[System][..],
                Closes(Outcome::PartlyUpheld),
            ),
        ],
        Fixture::AppealLodged => vec![
            (
                A::ConveneAppealPanel,
                &[Chair][..],
                To("appeal_under_review"),
            ),
            (
                A::DismissAppeal,
                &[Chair][..],
                Closes(Outcome::PartlyUpheld),
            ),
        ],
        // The fixture's appeal varies the decision to `upheld`.
        Fixture::AppealUnderReview => {
            vec![(A::DecideAppeal, &[AppealVcs][..], Closes(Outcome::Upheld))]
        }
        Fixture::Paused => vec![(A::Resume, CHAIR_OR_FACILITATOR, To("in_dialogue"))],
        Fixture::ClosedWithdrawn => vec![
            (A::RecordLessons, CHAMPIONS_OR_FACILITATOR, Stays),
            (A::ReferCaseStudy, CHAMPIONS_OR_FACILITATOR, Stays),
            (A::MarkRecommendation, CHAMPIONS_OR_FACILITATOR, NotYet),
        ],
        Fixture::ClosedWithRecommendations => vec![
            (A::RecordLessons, CHAMPIONS_OR_FACILITATOR, Stays),
            (A::ReferCaseStudy, CHAMPIONS_OR_FACILITATOR, Stays),
            (
                A::MarkRecommendation,
                &[Facilitator, RaiserChampion][..],
                Stays,
            ),
        ],
    };
    // At any open state; withdrawal and referral also while paused.
    let open = !matches!(
        fixture,
        Fixture::Paused | Fixture::ClosedWithdrawn | Fixture::ClosedWithRecommendations
    );
    if open || fixture == Fixture::Paused {
        rows.push((A::Withdraw, &[RaiserMember][..], Closes(Outcome::Withdrawn)));
        rows.push((
            A::ReferExternally,
            &[Chair][..],
            Closes(Outcome::ReferredExternally),
        ));
    }
    if open {
        rows.push((A::Pause, CHAIR_OR_FACILITATOR, To("paused")));
        rows.push((A::ExtendDeadline, CHAIR_OR_FACILITATOR, Stays));
        // The scheduler's notices about the acknowledgement (the deadline the payloads of
        // the table name): its reminder is not yet due in any situation here, and its
        // overdue notice only once it has passed.
        rows.push((A::SendReminder, &[System][..], NotYet));
        let overdue = if fixture == Fixture::RaisedOverdue {
            Stays
        } else {
            NotYet
        };
        rows.push((A::SendOverdueNotice, &[System][..], overdue));
    }
    rows
}

#[test]
fn every_action_in_every_state_by_everyone() {
    let mut checked = 0;
    for fixture in Fixture::ALL {
        let world = fixture.world();
        let rows = rows(fixture);
        for &kind in ActionKind::ALL {
            let row = rows.iter().find(|(k, _, _)| *k == kind);
            let ever = may_ever(fixture, kind);
            if let Some((_, allowed, _)) = row {
                assert!(
                    allowed.iter().all(|who| ever.contains(who)),
                    "{fixture:?} {kind}: the row names someone who may never take it"
                );
            }
            for who in Cast::ALL {
                let result = world.try_act(who, valid(kind));
                let context = format!("{fixture:?}: {who:?} tries to {kind}");
                match row {
                    _ if !ever.contains(&who) => {
                        expect_refusal(&result, RefusalKind::Actor, &context);
                    }
                    None => expect_refusal(&result, RefusalKind::State, &context),
                    Some((_, allowed, _)) if !allowed.contains(&who) => {
                        expect_refusal(&result, RefusalKind::Actor, &context);
                    }
                    Some((_, _, NotYet)) => expect_refusal(&result, RefusalKind::State, &context),
                    Some((_, _, expect)) => {
                        let decided = result.unwrap_or_else(|r| panic!("{context}: refused: {r}"));
                        let before = world.case.state.name();
                        let after = &decided.case.state;
                        match *expect {
                            To(state) => assert_eq!(after.name(), state, "{context}"),
                            Closes(outcome) => {
                                assert_eq!(after.outcome(), Some(outcome), "{context}");
                            }
                            Stays => assert_eq!(after.name(), before, "{context}"),
                            NotYet => unreachable!(),
                        }
                        assert_eq!(decided.case.version, world.case.version + 1, "{context}");
                        assert_eq!(decided.event.seq, decided.case.version, "{context}");
                    }
                }
                checked += 1;
            }
        }
    }
    assert_eq!(
        checked,
        Fixture::ALL.len() * ActionKind::ALL.len() * Cast::ALL.len()
    );
}

#[track_caller]
fn expect_refusal(result: &Result<Decided, Refusal>, kind: RefusalKind, context: &str) {
    match result {
        Ok(decided) => panic!(
            "{context}: expected a {kind:?} refusal, but it went to {}",
            decided.case.state
        ),
        Err(refusal) => assert_eq!(refusal.kind(), kind, "{context}: {refusal}"),
    }
}

#[test]
fn allowed_actions_are_exactly_the_table() {
    for fixture in Fixture::ALL {
        let world = fixture.world();
        let rows = rows(fixture);
        for who in Cast::ALL {
            let expected: BTreeSet<ActionKind> = rows
                .iter()
                .filter(|(_, allowed, expect)| allowed.contains(&who) && !matches!(expect, NotYet))
                .map(|(kind, _, _)| *kind)
                .collect();
            let actual: BTreeSet<ActionKind> = world.allowed(who).into_iter().collect();
            assert_eq!(actual, expected, "{fixture:?}: allowed actions of {who:?}");
        }
    }
}

#[test]
fn a_decision_closes_when_both_parties_have_accepted_it_each_once() {
    let world = Fixture::Decided
        .world()
        .step(RaiserMember, A::AcceptDecision);
    assert_eq!(world.state(), "decided");
    let again = world
        .try_act(RaiserMember, Action::AcceptDecision)
        .unwrap_err();
    assert_eq!(again.kind(), RefusalKind::State);
    // Having accepted, the raiser may no longer appeal; the respondent still may.
    assert!(!world.allowed(RaiserMember).contains(&A::Appeal));
    assert!(world.allowed(RespondentMember).contains(&A::Appeal));
    let world = world.step(RespondentMember, A::AcceptDecision);
    assert_eq!(world.case.state.outcome(), Some(Outcome::PartlyUpheld));
    let window = world.last_deadline(DeadlineKind::AppealWindow);
    assert_eq!(window.status, DeadlineStatus::Cancelled);
}

#[test]
fn an_accepted_resolution_proposed_by_the_respondent_is_answered_by_the_raiser() {
    let world = Fixture::InDialogue
        .world()
        .step(RespondentMember, A::ProposeResolution);
    assert_eq!(
        world.allowed(RaiserMember),
        [
            A::Escalate,
            A::AcceptResolution,
            A::RejectResolution,
            A::Withdraw
        ]
    );
    assert!(world.allowed(RespondentMember).is_empty());
    let world = world.step(RaiserMember, A::AcceptResolution);
    assert_eq!(
        world.case.state.outcome(),
        Some(Outcome::ResolvedInformally)
    );
    assert_eq!(world.case.closed_at, Some(world.now));
}

#[test]
fn a_returned_case_starts_a_fresh_informal_deadline() {
    let world = Fixture::Submitted.world().step(Chair, A::ReturnToInformal);
    assert_eq!(world.state(), "in_dialogue");
    let running: Vec<_> = world
        .case
        .deadlines
        .iter()
        .filter(|d| d.is_running())
        .collect();
    assert_eq!(running.len(), 1);
    assert_eq!(running[0].kind, DeadlineKind::InformalResolution);
    assert_eq!(running[0].started_on, world.case.terms.today(world.now));
}

#[test]
fn a_refused_action_says_why_in_words() {
    let world = Fixture::Raised.world();
    let early = world.try_act(RaiserMember, valid(A::Escalate)).unwrap_err();
    assert_eq!(
        early.to_string(),
        "cannot escalate to the formal stage while the case is raised: the respondent has \
         until Monday 9 March 2026 to acknowledge; escalation is possible from the next day"
    );
    let wrong = world
        .try_act(RaiserMember, Action::Acknowledge)
        .unwrap_err();
    assert_eq!(
        wrong.to_string(),
        "only a member of the respondent organisation may acknowledge the disagreement"
    );
    let closed = Fixture::ClosedWithdrawn.world();
    let late = closed
        .try_act(RespondentMember, Action::Acknowledge)
        .unwrap_err();
    assert!(late.to_string().ends_with("the case is closed"), "{late}");
    let paused = Fixture::Paused.world();
    let waiting = paused
        .try_act(RaiserMember, valid(A::ProposeResolution))
        .unwrap_err();
    assert!(
        waiting.to_string().contains("must be resumed first"),
        "{waiting}"
    );
}

#[test]
fn escalating_from_dialogue_needs_a_reason() {
    let world = Fixture::InDialogue.world();
    let refusal = world
        .try_act(RaiserMember, Action::Escalate { reason: None })
        .unwrap_err();
    assert_eq!(refusal.kind(), RefusalKind::Invalid);
    // From `raised`, once overdue, the overdue acknowledgement is reason enough.
    let world = Fixture::RaisedOverdue.world();
    let decided = world
        .try_act(RaiserMember, Action::Escalate { reason: None })
        .unwrap();
    assert_eq!(decided.case.state.name(), "submitted");
    let ack = &decided.case.deadlines[0];
    assert_eq!(ack.status, DeadlineStatus::Missed);
}

#[test]
fn a_panel_that_breaks_the_rules_is_refused_naming_them() {
    let world = Fixture::AwaitingPanel.world();
    let refusal = world
        .try_act(
            Chair,
            Action::ConvenePanel {
                panel: super::cast::bad_panel(),
            },
        )
        .unwrap_err();
    assert_eq!(refusal.kind(), RefusalKind::Invalid);
    let Refusal::PanelRefused(breaches) = refusal else {
        panic!("expected a panel refusal, got {refusal:?}");
    };
    let rules: Vec<PanelRule> = breaches.iter().map(|b| b.rule).collect();
    assert_eq!(
        rules,
        [
            PanelRule::WorksForAParty,
            PanelRule::UnbalancedSectors,
            PanelRule::ChairNotAMember
        ]
    );
    // The appeal panel may not reuse the formal panel.
    let world = Fixture::AppealLodged.world();
    let refusal = world.try_act(Chair, valid(A::ConvenePanel)).unwrap_err();
    assert_eq!(refusal.kind(), RefusalKind::State);
    let refusal = world
        .try_act(
            Chair,
            Action::ConveneAppealPanel {
                panel: super::cast::formal_panel(),
            },
        )
        .unwrap_err();
    let Refusal::PanelRefused(breaches) = refusal else {
        panic!("expected a panel refusal");
    };
    assert!(
        breaches
            .iter()
            .all(|b| b.rule == PanelRule::SatOnFormalPanel)
    );
    assert_eq!(breaches.len(), 2);
}

#[test]
fn an_appeal_decision_carries_its_own_outcome_only_when_it_changes_the_decision() {
    let world = Fixture::AppealUnderReview.world();
    let missing = world.try_act(
        AppealVcs,
        Action::DecideAppeal {
            result: AppealResult::DecisionOverturned,
            outcome: None,
            reasons: super::cast::text("Wrong."),
        },
    );
    assert_eq!(missing.unwrap_err().kind(), RefusalKind::Invalid);
    let confirmed = world
        .try_act(
            AppealVcs,
            Action::DecideAppeal {
                result: AppealResult::DecisionConfirmed,
                outcome: None,
                reasons: super::cast::text("Right."),
            },
        )
        .unwrap();
    assert_eq!(confirmed.case.state.outcome(), Some(Outcome::PartlyUpheld));
    let decision = confirmed.case.appeal_decision.unwrap();
    assert_eq!(decision.result, AppealResult::DecisionConfirmed);
}

#[test]
fn recommendations_are_marked_once_each() {
    // The council owes the recommendation; its own champion may not mark it done.
    let closed = Fixture::ClosedWithRecommendations.world();
    assert!(
        !closed
            .allowed(RespondentChampion)
            .contains(&A::MarkRecommendation)
    );
    assert!(!closed.case.may_mark(&RespondentChampion.actor(), 0));
    let own = closed
        .try_act(RespondentChampion, valid(A::MarkRecommendation))
        .unwrap_err();
    assert_eq!(own.kind(), RefusalKind::Actor);
    assert!(closed.case.may_mark(&RaiserChampion.actor(), 0));
    let world = closed.step(RaiserChampion, A::MarkRecommendation);
    let decision = world.case.decision.as_ref().unwrap();
    assert_eq!(
        decision.recommendations[0].status,
        RecommendationStatus::Implemented
    );
    // None left open: no longer offered, and refused by the state.
    assert!(!world.allowed(Facilitator).contains(&A::MarkRecommendation));
    let again = world
        .try_act(Facilitator, valid(A::MarkRecommendation))
        .unwrap_err();
    assert_eq!(again.kind(), RefusalKind::State);
    let world = Fixture::ClosedWithRecommendations.world();
    let missing = world.try_act(
        Facilitator,
        Action::MarkRecommendation {
            recommendation: 7,
            status: RecommendationStatus::Implemented,
        },
    );
    assert_eq!(missing.unwrap_err().kind(), RefusalKind::Invalid);
}

#[test]
fn whether_one_may_act_is_answered_for_the_person_before_the_state() {
    let world = Fixture::Raised.world();
    let may = |who: Cast, kind| world.case.may(kind, &who.actor(), world.now);
    // The raiser may never accept a formal complaint: the person is refused, not the state.
    assert_eq!(
        may(RaiserMember, A::AcceptFormal).unwrap_err().kind(),
        RefusalKind::Actor
    );
    // The chair may, but not while the case is informal.
    assert_eq!(
        may(Chair, A::AcceptFormal).unwrap_err().kind(),
        RefusalKind::State
    );
    assert!(may(RespondentMember, A::Acknowledge).is_ok());
}

#[test]
fn a_chair_who_works_for_a_party_leaves_a_conflict_on_the_record() {
    let world = Fixture::Submitted.world();
    let mut chair = Chair.person().unwrap();
    chair.organisation_id = world.case.respondent_organisation_id;
    let decided = world
        .case
        .decide(&Command {
            actor: Actor::Person(chair.clone()),
            action: Action::AcceptFormal,
            at: world.now,
            note: None,
        })
        .unwrap();
    assert_eq!(
        decided.case.conflicts,
        [Conflict {
            person_id: chair.id,
            organisation_id: world.case.respondent_organisation_id,
            action: A::AcceptFormal,
            on: world.case.terms.today(world.now),
        }]
    );
    // The trail rebuilds it, and a chair of another organisation leaves none.
    let mut events = world.events.clone();
    events.push(decided.event);
    assert_eq!(replay(&events).unwrap(), decided.case);
    assert!(world.step(Chair, A::AcceptFormal).case.conflicts.is_empty());
}
