//! Who may see a case, and its panel-only correspondence.
//!
//! Raising a disagreement must never count against the raiser, so a case is confidential:
//! it is visible to the members and champions of the two organisations, the subgroup chair,
//! the facilitator, and the members of a panel from the moment they are put on it. To anyone
//! else it does not exist. The store applies the same rule in SQL for lists; this is the
//! rule itself, for single cases and for tests of the SQL.

use crate::actor::{Actor, Person, Role};
use crate::case::Case;

/// Whether `person` may see `case` at all.
pub fn can_see(case: &Case, person: &Person) -> bool {
    oversees(person) || belongs_to_a_party(case, person) || sits_on_a_panel(case, person)
}

/// Whether `actor` may see `case`; the service itself sees every case.
pub fn actor_can_see(case: &Case, actor: &Actor) -> bool {
    actor.person().is_none_or(|person| can_see(case, person))
}

/// Whether `person` may read messages marked for the panel: the panels, the subgroup chair
/// and the facilitator, but not the parties.
pub fn can_see_panel_messages(case: &Case, person: &Person) -> bool {
    oversees(person) || sits_on_a_panel(case, person)
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
