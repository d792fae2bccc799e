//! Linking cases: the facilitator or the subgroup chair links a case to another (the same
//! decision caused both, or they bear on each other); each case then shows its links to
//! those who may see the linked case, and to no one else.

use disputes_store::StoredCase;
use disputes_workflow::{FieldError, LinkKind, Role};
use serde::Deserialize;
use utoipa::ToSchema;

use super::views::CaseLinkView;
use crate::auth::Viewer;
use crate::problem::ApiError;
use crate::state::AppState;

/// A link to make from a case.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkRequest {
    /// The case to link it to.
    pub reference: String,
    /// Why: `same_decision` or `related`.
    pub kind: LinkKind,
}

/// Who may link cases: those who oversee every case.
const LINKERS: [Role; 2] = [Role::Chair, Role::Facilitator];

/// Links `stored` to the case `request` names, as `viewer` (the chair or the facilitator);
/// gives the case's links as they see them.
pub async fn link(
    state: &AppState,
    viewer: &Viewer,
    stored: &StoredCase,
    request: LinkRequest,
) -> Result<Vec<CaseLinkView>, ApiError> {
    viewer.require(&LINKERS)?;
    let other = request.reference.trim();
    if other == stored.reference {
        return Err(ApiError::invalid(vec![FieldError::new(
            "reference",
            "is this case: link it to another",
        )]));
    }
    match state
        .store
        .link_cases(
            &stored.reference,
            other,
            request.kind,
            viewer.person().id,
            state.clock.now(),
        )
        .await
    {
        Err(disputes_store::StoreError::NotFound) => {
            return Err(ApiError::invalid_field(
                "reference",
                "there is no such case",
            ));
        }
        other => other?,
    }
    tracing::info!(case = %stored.reference, "cases linked");
    links(state, viewer, stored).await
}

/// Removes the link between `stored` and the case `other`, as the chair or the facilitator.
pub async fn unlink(
    state: &AppState,
    viewer: &Viewer,
    stored: &StoredCase,
    other: &str,
) -> Result<(), ApiError> {
    viewer.require(&LINKERS)?;
    state.store.unlink_cases(&stored.reference, other).await?;
    tracing::info!(case = %stored.reference, "cases unlinked");
    Ok(())
}

/// The cases linked to `stored` that `viewer` may see.
pub async fn links(
    state: &AppState,
    viewer: &Viewer,
    stored: &StoredCase,
) -> Result<Vec<CaseLinkView>, ApiError> {
    Ok(state
        .store
        .links_of(&stored.reference, viewer.person())
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}
