//! The Dispute Resolution Subgroup's queue: formal complaints and appeals waiting for the
//! chair, cases with a panel, and the panels the person sits on.

use axum::extract::State;
use axum::response::Response;
use disputes_store::{CaseFilter, PageRequest};
use disputes_workflow::{OpenState, Role, Stage, StateKind};

use super::chrome::Page;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::use_cases::views::CaseSummaryView;

/// `GET /subgroup` (the chair, subgroup members and the facilitator).
pub(crate) async fn queue(State(state): State<AppState>, page: Page) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    viewer.require(&[Role::Chair, Role::Subgroup, Role::Facilitator])?;
    let today = state.settings.compact.today(state.clock.now());
    let mut cases: Vec<CaseSummaryView> = Vec::new();
    for stage in [Stage::Formal, Stage::Appeal] {
        let filter = CaseFilter {
            stage: Some(stage),
            ..CaseFilter::default()
        };
        // Every open formal case fits on a few pages; the queue shows them all.
        let mut number = 1;
        loop {
            let found = state
                .store
                .list_cases(
                    viewer.person(),
                    &filter,
                    PageRequest::new(number, PageRequest::MAX_PER_PAGE),
                )
                .await?;
            let last = found.items.len() < usize::try_from(found.per_page).unwrap_or(0);
            cases.extend(
                found
                    .items
                    .into_iter()
                    .map(|s| CaseSummaryView::new(s, today)),
            );
            if last || number >= 20 {
                break;
            }
            number += 1;
        }
    }
    // Waiting for the subgroup: a complaint to accept, a panel or an appeal panel to convene.
    let waiting_states = [
        OpenState::Submitted,
        OpenState::AwaitingPanel,
        OpenState::AppealLodged,
    ]
    .map(StateKind::Open);
    let (waiting, with_panel): (Vec<_>, Vec<_>) = cases
        .into_iter()
        .partition(|c| waiting_states.contains(&c.state));
    let mut waiting = waiting;
    waiting.sort_by_key(|c| c.next_deadline.as_ref().map(|d| d.due_on));
    page.ok(
        "subgroup.html",
        page_context! {
            title => page.locale.t("subgroup-title"),
            section => "subgroup",
            waiting,
            with_panel,
            chair => viewer.has_any(&[Role::Chair]),
        },
    )
}
