//! The rules a panel must keep, and the panels a case records.
//!
//! A panel has at least two members, all of the Dispute Resolution Subgroup, as many from
//! the voluntary and community sector as from public service agencies; none works for either
//! party; an appeal panel shares no one with the formal panel; its chair sits on it.
//! [`check_panel`] returns every rule a proposed panel breaks, each naming the member at
//! fault where there is one, so a refused panel can be explained in words.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::actor::{Role, Roles, Sector};
use crate::error::{Said, Word};
use crate::ids::{OrganisationId, PersonId};

/// Someone proposed for a panel, with what the rules need to know about them. The server
/// looks these up from the ids in the request, so the event records them as they were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelCandidate {
    /// Who.
    pub person_id: PersonId,
    /// Their organisation.
    pub organisation_id: OrganisationId,
    /// Their organisation's sector.
    pub sector: Sector,
    /// Their roles.
    pub roles: Roles,
}

/// A panel as the chair proposes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedPanel {
    /// The members.
    pub members: Vec<PanelCandidate>,
    /// The member who chairs it.
    pub chair_id: PersonId,
}

/// A seat on a convened panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelSeat {
    /// Who sits.
    pub person_id: PersonId,
    /// Their organisation when they were appointed.
    pub organisation_id: OrganisationId,
    /// Its sector.
    pub sector: Sector,
}

/// A convened panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Panel {
    /// Its members.
    pub members: Vec<PanelSeat>,
    /// The member who chairs it and issues its decision.
    pub chair_id: PersonId,
    /// The day it was convened.
    pub convened_on: NaiveDate,
}

impl Panel {
    /// Whether `person` sits on the panel.
    pub fn has_member(&self, person: PersonId) -> bool {
        self.members.iter().any(|m| m.person_id == person)
    }
}

/// A rule a proposed panel can break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PanelRule {
    /// Fewer than two members.
    TooFewMembers,
    /// The same person listed twice.
    DuplicateMember,
    /// A member without the subgroup role.
    NotSubgroupMember,
    /// Unequal numbers from the two sectors.
    UnbalancedSectors,
    /// A member who works for the raising or the respondent organisation.
    WorksForAParty,
    /// An appeal panel member who sat on the formal panel.
    SatOnFormalPanel,
    /// A chair who is not one of the members.
    ChairNotAMember,
}

impl PanelRule {
    /// The rule's code as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            PanelRule::TooFewMembers => "too_few_members",
            PanelRule::DuplicateMember => "duplicate_member",
            PanelRule::NotSubgroupMember => "not_subgroup_member",
            PanelRule::UnbalancedSectors => "unbalanced_sectors",
            PanelRule::WorksForAParty => "works_for_a_party",
            PanelRule::SatOnFormalPanel => "sat_on_formal_panel",
            PanelRule::ChairNotAMember => "chair_not_a_member",
        }
    }
}

/// One broken rule, with the member concerned and the reason in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PanelBreach {
    /// The rule broken.
    pub rule: PanelRule,
    /// The member at fault, where the rule concerns one member.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person_id: Option<PersonId>,
    /// The reason, for a person to read, naming the member by id.
    pub explanation: String,
    /// The catalogue entry (`panel-breach-...`) and values that say the reason in any
    /// language; a page adds the member's name as `name`.
    #[serde(skip)]
    #[cfg_attr(feature = "openapi", schema(ignore))]
    pub said: Said,
}

/// The parties and (for an appeal) the formal panel a proposed panel is checked against.
#[derive(Debug, Clone, Copy)]
pub struct PanelContext<'a> {
    /// The raising organisation.
    pub raiser: OrganisationId,
    /// The respondent organisation.
    pub respondent: OrganisationId,
    /// The formal panel, when an appeal panel is proposed.
    pub formal_panel: Option<&'a Panel>,
}

impl PanelBreach {
    /// A rule the panel as a whole breaks, in words, and as the catalogue's `key` says it
    /// with `args`.
    fn of_panel(
        rule: PanelRule,
        explanation: String,
        key: &'static str,
        args: Vec<(&'static str, Word)>,
    ) -> PanelBreach {
        PanelBreach {
            rule,
            person_id: None,
            explanation,
            said: Said { key, args },
        }
    }

    /// A rule member `id` breaks, in the words `before` and `after` their mention, and as
    /// the catalogue's `key` says it of a member called `name`.
    fn of_member(
        rule: PanelRule,
        id: PersonId,
        (before, after): (&str, &str),
        key: &'static str,
    ) -> PanelBreach {
        let who = if before.is_empty() {
            "Person"
        } else {
            "person"
        };
        PanelBreach {
            rule,
            person_id: Some(id),
            explanation: format!("{before}{who} {id}{after}"),
            said: Said {
                key,
                args: Vec::new(),
            },
        }
    }
}

/// Every rule `proposed` breaks; empty when the panel may be convened.
pub fn check_panel(proposed: &ProposedPanel, context: PanelContext<'_>) -> Vec<PanelBreach> {
    let mut breaches = Vec::new();
    let members = &proposed.members;
    if members.len() < 2 {
        breaches.push(PanelBreach::of_panel(
            PanelRule::TooFewMembers,
            format!(
                "A panel needs at least two members; this one has {}.",
                members.len()
            ),
            "panel-breach-too-few",
            vec![("count", members.len().into())],
        ));
    }
    for (i, member) in members.iter().enumerate() {
        let id = member.person_id;
        let mut breach = |rule, after: &str, key| {
            breaches.push(PanelBreach::of_member(rule, id, ("", after), key));
        };
        if members[..i].iter().any(|m| m.person_id == id) {
            breach(
                PanelRule::DuplicateMember,
                " is listed more than once.",
                "panel-breach-twice",
            );
            continue;
        }
        if !member.roles.contains(Role::Subgroup) {
            breach(
                PanelRule::NotSubgroupMember,
                " is not a member of the Dispute Resolution Subgroup.",
                "panel-breach-not-subgroup",
            );
        }
        if member.organisation_id == context.raiser {
            breach(
                PanelRule::WorksForAParty,
                " works for the raising organisation.",
                "panel-breach-works-for-raiser",
            );
        } else if member.organisation_id == context.respondent {
            breach(
                PanelRule::WorksForAParty,
                " works for the respondent organisation.",
                "panel-breach-works-for-respondent",
            );
        }
        if context.formal_panel.is_some_and(|p| p.has_member(id)) {
            breach(
                PanelRule::SatOnFormalPanel,
                " sat on the formal panel; an appeal needs a fresh panel.",
                "panel-breach-sat-before",
            );
        }
    }
    let vcs = distinct(members)
        .filter(|m| m.sector == Sector::Vcs)
        .count();
    let psa = distinct(members)
        .filter(|m| m.sector == Sector::Psa)
        .count();
    if vcs != psa {
        breaches.push(PanelBreach::of_panel(
            PanelRule::UnbalancedSectors,
            format!(
                "A panel needs as many members from the voluntary and community sector as from \
                 public service agencies; this one has {vcs} and {psa}."
            ),
            "panel-breach-unbalanced",
            vec![("vcs", vcs.into()), ("psa", psa.into())],
        ));
    }
    if !members.iter().any(|m| m.person_id == proposed.chair_id) {
        breaches.push(PanelBreach::of_member(
            PanelRule::ChairNotAMember,
            proposed.chair_id,
            ("The chair, ", ", must be one of the panel's members."),
            "panel-breach-chair",
        ));
    }
    breaches
}

/// Each member once, in order of first listing.
fn distinct(members: &[PanelCandidate]) -> impl Iterator<Item = &PanelCandidate> {
    members
        .iter()
        .enumerate()
        .filter(|(i, m)| !members[..*i].iter().any(|o| o.person_id == m.person_id))
        .map(|(_, m)| m)
}

impl ProposedPanel {
    /// The panel as convened on `on` (after [`check_panel`] found nothing).
    pub(crate) fn convene(&self, on: NaiveDate) -> Panel {
        Panel {
            members: self
                .members
                .iter()
                .map(|m| PanelSeat {
                    person_id: m.person_id,
                    organisation_id: m.organisation_id,
                    sector: m.sector,
                })
                .collect(),
            chair_id: self.chair_id,
            convened_on: on,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RAISER: OrganisationId = OrganisationId(1);
    const RESPONDENT: OrganisationId = OrganisationId(2);

    fn candidate(id: i64, org: i64, sector: Sector) -> PanelCandidate {
        PanelCandidate {
            person_id: PersonId(id),
            organisation_id: OrganisationId(org),
            sector,
            roles: Roles::from([Role::Subgroup]),
        }
    }

    fn context(formal_panel: Option<&Panel>) -> PanelContext<'_> {
        PanelContext {
            raiser: RAISER,
            respondent: RESPONDENT,
            formal_panel,
        }
    }

    fn rules(panel: &ProposedPanel, formal: Option<&Panel>) -> Vec<(PanelRule, Option<i64>)> {
        check_panel(panel, context(formal))
            .into_iter()
            .map(|b| (b.rule, b.person_id.map(|p| p.0)))
            .collect()
    }

    fn balanced() -> ProposedPanel {
        ProposedPanel {
            members: vec![candidate(10, 3, Sector::Vcs), candidate(11, 4, Sector::Psa)],
            chair_id: PersonId(10),
        }
    }

    #[test]
    fn a_balanced_panel_of_outsiders_is_accepted() {
        assert!(check_panel(&balanced(), context(None)).is_empty());
    }

    #[test]
    fn a_breach_reads_by_id_for_the_api_and_names_its_words_for_a_page() {
        let mut panel = balanced();
        panel.members[0].organisation_id = RAISER;
        panel.chair_id = PersonId(12);
        let breaches = check_panel(&panel, context(None));
        let words: Vec<(&str, &str)> = breaches
            .iter()
            .map(|b| (b.explanation.as_str(), b.said.key))
            .collect();
        assert_eq!(
            words,
            [
                (
                    "Person 10 works for the raising organisation.",
                    "panel-breach-works-for-raiser"
                ),
                (
                    "The chair, person 12, must be one of the panel's members.",
                    "panel-breach-chair"
                ),
            ]
        );
        let mut small = balanced();
        small.members.pop();
        let whole = &check_panel(&small, context(None))[0];
        assert_eq!(whole.said.key, "panel-breach-too-few");
        assert_eq!(whole.said.args, [("count", Word::Number(1))]);
    }

    #[test]
    fn one_member_is_too_few_and_unbalanced() {
        let mut panel = balanced();
        panel.members.pop();
        assert_eq!(
            rules(&panel, None),
            [
                (PanelRule::TooFewMembers, None),
                (PanelRule::UnbalancedSectors, None)
            ]
        );
    }

    #[test]
    fn party_staff_and_non_subgroup_members_are_named() {
        let mut panel = balanced();
        panel.members[0].organisation_id = RAISER;
        panel.members[1].roles = Roles::from([Role::Member]);
        assert_eq!(
            rules(&panel, None),
            [
                (PanelRule::WorksForAParty, Some(10)),
                (PanelRule::NotSubgroupMember, Some(11))
            ]
        );
        let breaches = check_panel(&panel, context(None));
        assert!(breaches[0].explanation.contains("raising organisation"));
    }

    #[test]
    fn the_chair_must_sit_on_the_panel() {
        let mut panel = balanced();
        panel.chair_id = PersonId(99);
        assert_eq!(
            rules(&panel, None),
            [(PanelRule::ChairNotAMember, Some(99))]
        );
    }

    #[test]
    fn an_appeal_panel_shares_no_one_with_the_formal_panel() {
        let formal = balanced().convene(NaiveDate::MIN);
        let appeal = ProposedPanel {
            members: vec![candidate(20, 5, Sector::Vcs), candidate(11, 4, Sector::Psa)],
            chair_id: PersonId(20),
        };
        assert_eq!(
            rules(&appeal, Some(&formal)),
            [(PanelRule::SatOnFormalPanel, Some(11))]
        );
    }

    #[test]
    fn a_duplicate_does_not_count_twice_towards_balance() {
        let panel = ProposedPanel {
            members: vec![
                candidate(10, 3, Sector::Vcs),
                candidate(10, 3, Sector::Vcs),
                candidate(11, 4, Sector::Psa),
            ],
            chair_id: PersonId(10),
        };
        assert_eq!(
            rules(&panel, None),
            [(PanelRule::DuplicateMember, Some(10))]
        );
    }
}
