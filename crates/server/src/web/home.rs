//! The home page: what the signed-in person owes next and by when, overdue first; for the
//! subgroup chair and the facilitator, every overdue deadline in the Compact; and the open
//! cases they can see. Both lists are read from the deadlines the scheduler reminds from,
//! with the scheduler's rule of who owes what. Someone not signed in gets the start page.

use axum::extract::State;
use axum::response::Response;
use chrono::NaiveDate;
use disputes_store::{CaseFilter, OpenDeadline, PageRequest, Worklist};
use disputes_workflow::Role;
use disputes_workflow::deadline::is_overdue;
use serde::Serialize;

use super::chrome::Page;
use super::owing::{OwingWords, what_is_owed};
use super::start;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::use_cases::deadlines::owed_by;
use crate::use_cases::saved;
use crate::use_cases::views::CaseSummaryView;

/// A deadline on the home page.
#[derive(Debug, Serialize)]
struct Due {
    reference: String,
    title: String,
    /// What is to be done, in words.
    what: String,
    /// Who owes it, in words (for the Compact-wide list).
    who: String,
    due_on: NaiveDate,
    overdue: bool,
}

/// `GET /`.
pub(crate) async fn home(State(state): State<AppState>, page: Page) -> Result<Response, ApiError> {
    let Some(viewer) = &page.viewer else {
        return start::page(&state, &page);
    };
    let person = viewer.person();
    let today = state.settings.compact.today(state.clock.now());
    let due = |deadline: &OpenDeadline, who: String| Due {
        reference: deadline.reference.clone(),
        title: deadline.title.clone(),
        what: what_is_owed(&page.locale, deadline.kind, &deadline.owing),
        who,
        due_on: deadline.due_on,
        // The worklist holds no paused case.
        overdue: is_overdue(deadline.due_on, today, false),
    };
    let owed: Vec<Due> = owed_by(&state, person)
        .await?
        .iter()
        .map(|d| due(d, String::new()))
        .collect();
    let oversees = viewer.has_any(&[Role::Chair, Role::Facilitator]);
    let overdue: Vec<Due> = if oversees {
        let overdue = state.store.worklist(Worklist::OverdueOn(today)).await?;
        let words = OwingWords::of(&state, overdue.iter().map(|d| &d.owing)).await?;
        overdue
            .iter()
            .map(|d| due(d, words.who(&page.locale, &d.owing)))
            .collect()
    } else {
        Vec::new()
    };
    let filter = CaseFilter {
        open_only: true,
        ..CaseFilter::default()
    };
    let open = state
        .store
        .list_cases(person, &filter, PageRequest::new(1, 25))
        .await?;
    let (total, total_capped) = (open.total, open.total_capped);
    let cases: Vec<CaseSummaryView> = open
        .items
        .into_iter()
        .map(|s| CaseSummaryView::new(s, today))
        .collect();
    let saved = saved::views(&state, viewer).await?;
    page.ok(
        "home.html",
        page_context! {
            title => page.locale.t("home-title"),
            section => "home",
            saved,
            owed,
            overdue,
            oversees,
            cases,
            total,
            total_capped,
        },
    )
}
