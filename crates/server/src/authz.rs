//! Who may reach what, in one place.
//!
//! Every route's rule is an extractor that runs before the request body is read, so that
//! someone who may not use a route learns nothing from it: a case outside their reach is
//! 404 (as if it did not exist), a route outside their role 403, and only then are the
//! fields they sent checked. What a person may do *to* a case is the workflow's decision.

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use disputes_store::StoredCase;
use disputes_workflow::Role;
use disputes_workflow::visibility::can_see;

use crate::auth::{SignedIn, Viewer};
use crate::problem::ApiError;
use crate::state::AppState;

macro_rules! role_gate {
    ($(#[$doc:meta])* $name:ident: $($role:ident)|+) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name(pub Viewer);

        impl<S: Send + Sync> FromRequestParts<S> for $name {
            type Rejection = ApiError;

            async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
                let SignedIn(viewer) = SignedIn::from_request_parts(parts, state).await?;
                viewer.require(&[$(Role::$role),+])?;
                Ok($name(viewer))
            }
        }
    };
}

role_gate!(
    /// The facilitator: manages organisations and people.
    Facilitator: Facilitator
);
role_gate!(
    /// A member of an organisation: may raise a disagreement for it.
    Member: Member
);
role_gate!(
    /// The facilitator or the subgroup chair: may list people (the chair chooses panels).
    Overseer: Facilitator | Chair
);
role_gate!(
    /// Those who follow outcomes: champions, the chair and the facilitator.
    OutcomeReader: Champion | Chair | Facilitator
);

/// A case the signed-in person may see, named by the route's `{reference}`; 404 for
/// anyone else, before anything else about the request is looked at.
#[derive(Debug, Clone)]
pub struct CaseAccess {
    /// Who is asking.
    pub viewer: Viewer,
    /// The case, as stored.
    pub case: StoredCase,
}

impl FromRequestParts<AppState> for CaseAccess {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let SignedIn(viewer) = SignedIn::from_request_parts(parts, state).await?;
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::not_found())?;
        let reference = params
            .iter()
            .find(|(name, _)| *name == "reference")
            .map(|(_, value)| value.to_owned())
            .ok_or_else(ApiError::not_found)?;
        let case = visible_case(state, &viewer, &reference).await?;
        Ok(CaseAccess { viewer, case })
    }
}

/// The case with `reference`, if `viewer` may see it; 404 otherwise, exactly as if it did
/// not exist.
pub async fn visible_case(
    state: &AppState,
    viewer: &Viewer,
    reference: &str,
) -> Result<StoredCase, ApiError> {
    // Anything not shaped like a reference names nothing and never reaches the database.
    if !disputes_store::is_reference_shaped(reference) {
        return Err(ApiError::not_found());
    }
    let stored = state.store.case(reference).await?;
    if can_see(&stored.case, viewer.person()) {
        Ok(stored)
    } else {
        Err(ApiError::not_found())
    }
}
