//! A case is confidential: who sees it, and who reads the panel's correspondence.

use disputes_workflow::visibility::{
    PanelScope, actor_can_see, can_see, can_write_panel_notes, panel_scopes,
};

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
        // Each panel reads its own notes; the chair and the facilitator read both.
        let oversight = matches!(who, Cast::Chair | Cast::Facilitator);
        let expected: Vec<PanelScope> = match who {
            _ if oversight => vec![PanelScope::Formal, PanelScope::Appeal],
            Cast::PanelVcs | Cast::PanelPsa => vec![PanelScope::Formal],
            Cast::AppealVcs | Cast::AppealPsa => vec![PanelScope::Appeal],
            _ => Vec::new(),
        };
        assert_eq!(
            panel_scopes(&after_panels.case, &person),
            expected,
            "{who:?} panel notes"
        );
        // In the appeal stage, only the appeal panel and the overseers write panel notes:
        // the formal panel could not read back what it wrote.
        assert_eq!(
            can_write_panel_notes(&after_panels.case, &person),
            oversight || matches!(who, Cast::AppealVcs | Cast::AppealPsa),
            "{who:?} writes panel notes in the appeal stage"
        );
        assert_eq!(
            can_write_panel_notes(&before_panels.case, &person),
            oversight,
            "{who:?} writes panel notes before the panel sits"
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
