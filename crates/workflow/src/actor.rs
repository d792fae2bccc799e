//! Who acts on a case: people with roles in their organisation, or the service itself.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::{OrganisationId, PersonId};

/// What a person may do in the Compact. A person may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    /// Acts for their own organisation: raises, responds, proposes, appeals.
    Member,
    /// Compact Champion of their organisation: follows its cases and the outcome reports.
    Champion,
    /// Member of the Dispute Resolution Subgroup: may sit on panels.
    Subgroup,
    /// Chairs the subgroup: accepts formal cases and convenes panels.
    Chair,
    /// The Compact's officer: runs the process, sees everything.
    Facilitator,
}

impl Role {
    /// Every role, in a stable order.
    pub const ALL: [Role; 5] = [
        Role::Member,
        Role::Champion,
        Role::Subgroup,
        Role::Chair,
        Role::Facilitator,
    ];

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The role's name as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Champion => "champion",
            Role::Subgroup => "subgroup",
            Role::Chair => "chair",
            Role::Facilitator => "facilitator",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of roles: small, copyable, and (de)serialised as a list of role names.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Roles(u8);

impl Roles {
    /// No roles at all.
    pub const NONE: Roles = Roles(0);

    /// Whether `role` is in the set.
    pub fn contains(self, role: Role) -> bool {
        self.0 & role.bit() != 0
    }

    /// The set with `role` added.
    #[must_use]
    pub fn with(self, role: Role) -> Roles {
        Roles(self.0 | role.bit())
    }

    /// The roles in the set, in [`Role::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::ALL.into_iter().filter(move |r| self.contains(*r))
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl FromIterator<Role> for Roles {
    fn from_iter<I: IntoIterator<Item = Role>>(iter: I) -> Self {
        iter.into_iter().fold(Roles::NONE, Roles::with)
    }
}

impl<const N: usize> From<[Role; N]> for Roles {
    fn from(roles: [Role; N]) -> Self {
        roles.into_iter().collect()
    }
}

impl fmt::Debug for Roles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl Serialize for Roles {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Roles {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Vec::<Role>::deserialize(deserializer)?
            .into_iter()
            .collect())
    }
}

/// Which side of the Compact an organisation belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Sector {
    /// The voluntary and community sector: charities, community groups, social enterprises.
    Vcs,
    /// A public service agency: councils, NHS bodies, police, fire and rescue.
    Psa,
}

impl Sector {
    /// Both sectors.
    pub const ALL: [Sector; 2] = [Sector::Vcs, Sector::Psa];

    /// The sector's name as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Sector::Vcs => "vcs",
            Sector::Psa => "psa",
        }
    }
}

/// A signed-in person, as far as the workflow needs to know them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Who they are.
    pub id: PersonId,
    /// The organisation they work for.
    pub organisation_id: OrganisationId,
    /// What they may do.
    pub roles: Roles,
}

impl Person {
    /// Whether they hold `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(role)
    }

    /// Whether they are a `member` of `organisation`, i.e. may act for it.
    pub fn acts_for(&self, organisation: OrganisationId) -> bool {
        self.has(Role::Member) && self.organisation_id == organisation
    }
}

/// Whoever takes an action: a person, or the service's own scheduler when a time limit runs
/// out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Actor {
    /// A signed-in person.
    Person(Person),
    /// The deadline scheduler, acting because time has passed.
    System,
}

impl Actor {
    /// The person acting, unless it is the service.
    pub fn person(&self) -> Option<&Person> {
        match self {
            Actor::Person(person) => Some(person),
            Actor::System => None,
        }
    }
}

impl From<Person> for Actor {
    fn from(person: Person) -> Self {
        Actor::Person(person)
    }
}

/// One of the two sides of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Party {
    /// The organisation that raised the disagreement.
    Raiser,
    /// The organisation the disagreement is with.
    Respondent,
}

impl Party {
    /// The other side.
    pub fn other(self) -> Party {
        match self {
            Party::Raiser => Party::Respondent,
            Party::Respondent => Party::Raiser,
        }
    }

    /// The party's name as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Raiser => "raiser",
            Party::Respondent => "respondent",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_as_a_list_of_names() {
        let roles = Roles::from([Role::Champion, Role::Member]);
        let json = serde_json::to_string(&roles).unwrap();
        assert_eq!(json, r#"["member","champion"]"#);
        assert_eq!(serde_json::from_str::<Roles>(&json).unwrap(), roles);
        assert!(serde_json::from_str::<Roles>(r#"["emperor"]"#).is_err());
    }

    #[test]
    fn acting_for_an_organisation_needs_the_member_role() {
        let champion = Person {
            id: PersonId(1),
            organisation_id: OrganisationId(7),
            roles: Roles::from([Role::Champion]),
        };
        assert!(!champion.acts_for(OrganisationId(7)));
        let member = Person {
            roles: Roles::from([Role::Member]),
            ..champion
        };
        assert!(member.acts_for(OrganisationId(7)));
        assert!(!member.acts_for(OrganisationId(8)));
    }
}
