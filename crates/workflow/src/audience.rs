//! Who hears of an event: the rule of DOMAIN.md's "Notifications", as data the store turns
//! into recipients.
//!
//! A transition reaches every member and champion of both organisations; from the formal
//! stage on, also the subgroup chair, the facilitator and the panels. A reminder goes to
//! whoever owes the next step; an overdue notice to them, the subgroup chair and the
//! facilitator. The person who acted is never told of their own action. The record kept
//! after closing (lessons, case studies, recommendations marked) tells no one.

use crate::action::{Action, ActionKind};
use crate::actor::{Actor, Person, Role};
use crate::case::Case;
use crate::deadline::{DeadlineKind, Owed};
use crate::event::{CaseEvent, EventBody};
use crate::ids::{OrganisationId, PersonId};
use crate::state::Stage;
use crate::visibility::PanelScope;

/// The people an event concerns, by group.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Audience {
    /// Organisations whose `member`s are told.
    pub members_of: Vec<OrganisationId>,
    /// Organisations whose `champion`s are told.
    pub champions_of: Vec<OrganisationId>,
    /// Whether the subgroup chair(s) are told.
    pub chairs: bool,
    /// Whether the facilitator(s) are told.
    pub facilitators: bool,
    /// Particular people to tell: panel members, or a panel's chair.
    pub people: Vec<PersonId>,
    /// The person who acted, left out whatever group they are in.
    pub except: Option<PersonId>,
}

impl Audience {
    /// Who hears of `event`, given the case as it stands after it.
    pub fn of(case: &Case, event: &CaseEvent) -> Audience {
        let action = match &event.body {
            EventBody::Acted { action, .. } => Some(action),
            EventBody::Raised { .. } => None,
            EventBody::Redacted { .. } => return Audience::default(),
        };
        let mut audience = match action {
            Some(
                Action::RecordLessons { .. }
                | Action::ReferCaseStudy
                | Action::MarkRecommendation { .. },
            ) => return Audience::default(),
            Some(Action::SendReminder { deadline }) => Audience::owing(case, *deadline),
            Some(Action::SendOverdueNotice { deadline }) => Audience {
                chairs: true,
                facilitators: true,
                ..Audience::owing(case, *deadline)
            },
            _ => Audience::transition(case),
        };
        audience.except = match &event.actor {
            Actor::Person(person) => Some(person.id),
            Actor::System => None,
        };
        audience
    }

    /// Who is told of a message or file `author` added to `case`: the people the case's
    /// other emails go to, for something everyone on the case may read; for a panel's
    /// notes (`panel`), that panel, the subgroup chair and the facilitator, who alone may
    /// read them.
    pub fn reading(case: &Case, panel: Option<PanelScope>, author: PersonId) -> Audience {
        let mut audience = match panel {
            None => Audience::transition(case),
            Some(scope) => {
                let panel = match scope {
                    PanelScope::Formal => &case.panel,
                    PanelScope::Appeal => &case.appeal_panel,
                };
                Audience {
                    chairs: true,
                    facilitators: true,
                    people: panel
                        .iter()
                        .flat_map(|p| p.members.iter().map(|m| m.person_id))
                        .collect(),
                    ..Audience::default()
                }
            }
        };
        audience.except = Some(author);
        audience
    }

    /// Everyone a transition concerns.
    fn transition(case: &Case) -> Audience {
        let parties = vec![
            case.raising_organisation_id,
            case.respondent_organisation_id,
        ];
        let oversight = case.furthest_stage() != Stage::Informal;
        let people = if oversight {
            [&case.panel, &case.appeal_panel]
                .into_iter()
                .flatten()
                .flat_map(|p| p.members.iter().map(|m| m.person_id))
                .collect()
        } else {
            Vec::new()
        };
        Audience {
            members_of: parties.clone(),
            champions_of: parties,
            chairs: oversight,
            facilitators: oversight,
            people,
            except: None,
        }
    }

    /// Whoever owes the deadline of `kind`: those reminded of it, and those whose to-do list
    /// it is on.
    pub fn owing(case: &Case, kind: DeadlineKind) -> Audience {
        Audience::owing_by(&Owing::of(case, kind))
    }

    /// Whoever owes a deadline, from the facts that decide it (which the store can read
    /// without the whole case).
    pub fn owing_by(owing: &Owing) -> Audience {
        let chairs = Audience {
            chairs: true,
            ..Audience::default()
        };
        match owing.owed_by {
            Owed::Respondent => Audience {
                members_of: vec![owing.respondent_organisation_id],
                ..Audience::default()
            },
            Owed::Parties => Audience {
                members_of: vec![
                    owing.raising_organisation_id,
                    owing.respondent_organisation_id,
                ],
                ..Audience::default()
            },
            Owed::SubgroupChair => chairs,
            // Before a panel sits, its decision is the subgroup's to arrange.
            Owed::PanelChair | Owed::AppealPanelChair => match owing.panel_chair {
                Some(chair) => Audience {
                    people: vec![chair],
                    ..Audience::default()
                },
                None => chairs,
            },
        }
    }

    /// Whether `person` is among them, as the store would find them by their roles.
    pub fn includes(&self, person: &Person) -> bool {
        if self.except == Some(person.id) {
            return false;
        }
        let of = |organisations: &[OrganisationId], role: Role| {
            person.has(role) && organisations.contains(&person.organisation_id)
        };
        of(&self.members_of, Role::Member)
            || of(&self.champions_of, Role::Champion)
            || (self.chairs && person.has(Role::Chair))
            || (self.facilitators && person.has(Role::Facilitator))
            || self.people.contains(&person.id)
    }

    /// Whether no one is told.
    pub fn is_empty(&self) -> bool {
        self.members_of.is_empty()
            && self.champions_of.is_empty()
            && !self.chairs
            && !self.facilitators
            && self.people.is_empty()
    }
}

/// What decides who owes a deadline: whom the Compact says owes it, the two organisations,
/// and the chair of the panel it is owed by, once that panel is convened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owing {
    /// Who owes it, by part.
    pub owed_by: Owed,
    /// The organisation that raised the case.
    pub raising_organisation_id: OrganisationId,
    /// The organisation it was raised with.
    pub respondent_organisation_id: OrganisationId,
    /// The chair of the panel a panel's deadline is owed by, when one sits.
    pub panel_chair: Option<PersonId>,
}

impl Owing {
    /// The facts for the deadline of `kind` on `case`.
    pub fn of(case: &Case, kind: DeadlineKind) -> Owing {
        let owed_by = kind.owed_by();
        let panel = match owed_by {
            Owed::PanelChair => case.panel.as_ref(),
            Owed::AppealPanelChair => case.appeal_panel.as_ref(),
            _ => None,
        };
        Owing {
            owed_by,
            raising_organisation_id: case.raising_organisation_id,
            respondent_organisation_id: case.respondent_organisation_id,
            panel_chair: panel.map(|p| p.chair_id),
        }
    }

    /// Whether a panel's decision is due before the panel is convened: the subgroup chair
    /// owes it, and what they owe is to convene the panel.
    pub fn awaits_panel(&self) -> bool {
        matches!(self.owed_by, Owed::PanelChair | Owed::AppealPanelChair)
            && self.panel_chair.is_none()
    }
}

/// Whether events of `kind` are about a deadline rather than a transition.
pub fn is_deadline_notice(kind: ActionKind) -> bool {
    matches!(
        kind,
        ActionKind::SendReminder | ActionKind::SendOverdueNotice
    )
}
