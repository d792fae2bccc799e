//! Why two cases are linked: the facilitator or the subgroup chair links the cases that one
//! decision caused, or that bear on each other, so that whoever reads one finds the others.

use serde::{Deserialize, Serialize};

/// Why two cases are linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum LinkKind {
    /// Both arise from the same decision (one budget cut, say).
    SameDecision,
    /// They bear on each other.
    Related,
}

impl LinkKind {
    /// Both kinds.
    pub const ALL: [LinkKind; 2] = [LinkKind::SameDecision, LinkKind::Related];
}
