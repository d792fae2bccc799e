//! Who may see a case, and its panel-only correspondence.
//!
//! Raising a disagreement must never count against the raiser, so a case is confidential:
//! it is visible to the members and champions of the two organisations, the subgroup chair,
//! the facilitator, and the members of a panel from the moment they are put on it. To anyone
//! else it does not exist. The store applies the same rule in SQL for lists; this is the
//! rule itself, for single cases and for tests of the SQL.
//!
//! A panel's deliberation is confidential to that panel: a message or file marked for the
//! panel belongs to the panel of the stage it was written in ([`PanelScope`]), and is read by
//! that panel, the subgroup chair and the facilitator. The appeal panel exists to be
//! independent of the formal one, so neither reads the other's notes unless a person sits
//! on both.

use serde::{Deserialize, Serialize};

use crate::actor::{Actor, Person, Role};
use crate::case::Case;
use crate::state::Stage;

/// Which panel a panel-only message or file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PanelScope {
    /// The formal panel (and, before it is convened, those who will choose it).
    Formal,
    /// The appeal panel.
    Appeal,
}

impl PanelScope {
    /// Both scopes.
    pub const ALL: [PanelScope; 2] = [PanelScope::Formal, PanelScope::Appeal];

    /// The scope as stored and as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            PanelScope::Formal => "formal",
            PanelScope::Appeal => "appeal",
        }
    }

    /// The scope a panel-only note written now belongs to: the appeal panel's once an
    /// appeal is lodged, the formal panel's before.
    pub fn for_writing(case: &Case) -> PanelScope {
        if case.furthest_stage() == Stage::Appeal {
            PanelScope::Appeal
        } else {
            PanelScope::Formal
        }
    }
}

/// Whether `person` may see `case` at all.
pub fn can_see(case: &Case, person: &Person) -> bool {
    oversees(person) || belongs_to_a_party(case, person) || sits_on_a_panel(case, person)
}

/// Whether `actor` may see `case`; the service itself sees every case.
pub fn actor_can_see(case: &Case, actor: &Actor) -> bool {
    actor.person().is_none_or(|person| can_see(case, person))
}

/// The panel scopes whose panel-only messages and files `person` may read: both for the
/// subgroup chair and the facilitator, a panel's own for its members, none for the parties.
pub fn panel_scopes(case: &Case, person: &Person) -> Vec<PanelScope> {
    PanelScope::ALL
        .into_iter()
        .filter(|scope| reads_panel_scope(case, person, *scope))
        .collect()
}

/// Whether `person` may read panel-only messages and files of `scope`.
pub fn reads_panel_scope(case: &Case, person: &Person, scope: PanelScope) -> bool {
    let panel = match scope {
        PanelScope::Formal => &case.panel,
        PanelScope::Appeal => &case.appeal_panel,
    };
    oversees(person) || panel.as_ref().is_some_and(|p| p.has_member(person.id))
}

/// Whether `person` may write panel-only messages and files now: those who will read them,
/// so that nobody writes a note they could not read back. Such a person must choose, each
/// time, whether what they write is for the panel or for everyone on the case.
pub fn can_write_panel_notes(case: &Case, person: &Person) -> bool {
    reads_panel_scope(case, person, PanelScope::for_writing(case))
}

fn oversees(person: &Person) -> bool {
    person.has(Role::Chair) || person.has(Role::Facilitator)
}

fn belongs_to_a_party(case: &Case, person: &Person) -> bool {
    (person.has(Role::Member) || person.has(Role::Champion))
        && [
            case.raising_organisation_id,
            case.respondent_organisation_id,
        ]
        .contains(&person.organisation_id)
}

fn sits_on_a_panel(case: &Case, person: &Person) -> bool {
    [&case.panel, &case.appeal_panel]
        .into_iter()
        .flatten()
        .any(|panel| panel.has_member(person.id))
}
