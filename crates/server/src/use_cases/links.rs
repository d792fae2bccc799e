//! Linking cases: the facilitator or the subgroup chair links a case to another (the same
//! decision caused both, or they bear on each other); each case then shows its links to
//! those who may see the linked case, and to no one else.

use disputes_store::StoredCase;
use disputes_workflow::panel::ProposedPanel;
use disputes_workflow::{Action, ActionKind, Actor, LinkKind, PersonId, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::cases::{Taken, apply};
use super::views::CaseLinkView;
use crate::auth::Viewer;
use crate::problem::{ApiError, says};
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
        return Err(ApiError::invalid_field(
            "reference",
            says("field-link-itself", Vec::new()),
        ));
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
                says("field-no-such-case", Vec::new()),
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

/// What convening a case's panel on the cases linked to it did.
#[derive(Debug, Serialize, ToSchema)]
pub struct LinkedPanels {
    /// The linked cases now heard by the same panel.
    pub convened: Vec<String>,
    /// The linked cases left as they were, each with why.
    pub left: Vec<LeftCase>,
}

/// A linked case the panel was not convened on.
#[derive(Debug, Serialize, ToSchema)]
pub struct LeftCase {
    /// Its reference.
    pub reference: String,
    /// Why: it has a panel already, is not at that step, or the panel's rules refuse it.
    pub reason: String,
}

/// Convenes the panel of `stored` on each case linked to it that is waiting for one, as the
/// subgroup chair: the dozen cases one budget decision caused are heard by one panel, with
/// one request. Each case is convened as the action would convene it alone (its own checks
/// of the panel's rules against its parties, its event, its emails); a case that cannot take
/// the panel is left, with the reason, and the others still take it.
pub async fn convene_on_linked(
    state: &AppState,
    viewer: &Viewer,
    stored: &StoredCase,
) -> Result<LinkedPanels, ApiError> {
    viewer.require(&[Role::Chair])?;
    let Some(panel) = stored.case.panel.as_ref() else {
        return Err(ApiError::conflict(says("detail-link-no-panel", Vec::new())));
    };
    let ids: Vec<PersonId> = panel.members.iter().map(|m| m.person_id).collect();
    let proposed = ProposedPanel {
        members: state.store.panel_candidates(&ids).await?,
        chair_id: panel.chair_id,
    };
    let actor = Actor::Person(viewer.person().clone());
    let mut done = LinkedPanels {
        convened: Vec::new(),
        left: Vec::new(),
    };
    for link in state
        .store
        .links_of(&stored.reference, viewer.person())
        .await?
    {
        let other = state.store.case(&link.reference).await?;
        let leave = |reason: String| LeftCase {
            reference: link.reference.clone(),
            reason,
        };
        if other.case.panel.is_some() {
            done.left.push(leave("it has a panel already".to_owned()));
            continue;
        }
        if let Err(refused) = other
            .case
            .may(ActionKind::ConvenePanel, &actor, state.clock.now())
        {
            done.left.push(leave(refused.to_string()));
            continue;
        }
        let taken = Taken {
            action: Action::ConvenePanel {
                panel: proposed.clone(),
            },
            note: None,
            expected: Some(other.case.version),
        };
        match apply(state, viewer, &other, taken, None).await {
            Ok(_) => done.convened.push(link.reference.clone()),
            Err(refused) if refused.status().is_client_error() => {
                done.left.push(leave(refused.detail().to_owned()));
            }
            Err(error) => return Err(error),
        }
    }
    tracing::info!(case = %stored.reference, convened = done.convened.len(), "panel convened on linked cases");
    Ok(done)
}
