//! Who hears of an event: the rule of DOMAIN.md's "Notifications", as data the store turns
//! into recipients.
//!
//! Every event reaches every member and champion of both organisations; from the formal stage
//! on, also the subgroup chair, the facilitator and the panels. The person who acted is never
//! told of their own action. The record kept after closing (lessons, case studies,
//! recommendations marked) is bookkeeping and tells no one.

use crate::action::ActionKind;
use crate::actor::Actor;
use crate::case::Case;
use crate::event::{CaseEvent, EventBody};
use crate::ids::{OrganisationId, PersonId};
use crate::state::Stage;

/// The people an event concerns, by group.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Audience {
    /// Organisations whose `member`s and `champion`s are told.
    pub organisations: Vec<OrganisationId>,
    /// Whether the subgroup chair(s) and the facilitator(s) are told.
    pub oversight: bool,
    /// Panel members to tell, formal and appeal.
    pub panel_members: Vec<PersonId>,
    /// The person who acted, left out whatever group they are in.
    pub except: Option<PersonId>,
}

impl Audience {
    /// Who hears of `event`, given the case as it stands after it.
    pub fn of(case: &Case, event: &CaseEvent) -> Audience {
        if let EventBody::Acted { action, .. } = &event.body
            && matches!(
                action.kind(),
                ActionKind::RecordLessons
                    | ActionKind::ReferCaseStudy
                    | ActionKind::MarkRecommendation
            )
        {
            return Audience::default();
        }
        let oversight = case.furthest_stage() != Stage::Informal;
        let panel_members = if oversight {
            [&case.panel, &case.appeal_panel]
                .into_iter()
                .flatten()
                .flat_map(|p| p.members.iter().map(|m| m.person_id))
                .collect()
        } else {
            Vec::new()
        };
        Audience {
            organisations: vec![
                case.raising_organisation_id,
                case.respondent_organisation_id,
            ],
            oversight,
            panel_members,
            except: match &event.actor {
                Actor::Person(person) => Some(person.id),
                Actor::System => None,
            },
        }
    }

    /// Whether no one is told.
    pub fn is_empty(&self) -> bool {
        self.organisations.is_empty() && !self.oversight && self.panel_members.is_empty()
    }
}
