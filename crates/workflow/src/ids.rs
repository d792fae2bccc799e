//! Identifiers of the people and organisations a case refers to.
//!
//! The store assigns them; the workflow only compares them. Distinct types keep a person's id
//! from being passed where an organisation's is meant.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A person with an account: a member, champion, subgroup member, chair or facilitator.
    PersonId
);
id_type!(
    /// A signatory organisation of the Compact.
    OrganisationId
);
