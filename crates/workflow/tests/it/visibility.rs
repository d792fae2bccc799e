//! A case is confidential: who sees it, and who reads the panel's correspondence.

use disputes_workflow::visibility::{actor_can_see, can_see, can_see_panel_messages};

use super::cast::{Cast, Fixture};

#[test]
fn only_the_parties_the_chair_the_facilitator_and_the_panels_see_a_case() {
    let before_panels = Fixture::AwaitingPanel.world();
    let after_panels = Fixture::AppealUnderReview.world();
    for who in Cast::ALL {
        let Some(person) = who.person() else {
            assert!(actor_can_see(&before_panels.case, &who.actor()));
            continue;
        };
        let always = matches!(
            who,
            Cast::RaiserMember
                | Cast::RaiserChampion
                | Cast::RespondentMember
                | Cast::RespondentChampion
                | Cast::Chair
                | Cast::Facilitator
        );
        let panel = matches!(
            who,
            Cast::PanelVcs | Cast::PanelPsa | Cast::AppealVcs | Cast::AppealPsa
        );
        assert_eq!(
            can_see(&before_panels.case, &person),
            always,
            "{who:?} before panels"
        );
        assert_eq!(
            can_see(&after_panels.case, &person),
            always || panel,
            "{who:?} after panels"
        );
        let panel_messages = matches!(who, Cast::Chair | Cast::Facilitator) || panel;
        assert_eq!(
            can_see_panel_messages(&after_panels.case, &person),
            panel_messages,
            "{who:?} panel messages"
        );
    }
}

#[test]
fn every_allowed_action_belongs_to_someone_who_can_see_the_case() {
    for fixture in Fixture::ALL {
        let world = fixture.world();
        for who in Cast::ALL {
            if !world.allowed(who).is_empty() {
                assert!(
                    actor_can_see(&world.case, &who.actor()),
                    "{fixture:?} {who:?}"
                );
            }
        }
    }
}
