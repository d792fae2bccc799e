//! The home page: what the signed-in person owes next and by when, overdue first, and the
//! open cases they can see. Someone not signed in gets the sign-in form.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use disputes_store::{CaseFilter, PageRequest};
use disputes_workflow::{Audience, DeadlineStatus};
use serde::Serialize;

use super::chrome::Page;
use super::form::FormView;
use super::login;
use crate::api::views::CaseSummaryView;
use crate::problem::ApiError;
use crate::state::AppState;

/// A step the person owes on a case.
#[derive(Debug, Serialize)]
struct Owed {
    reference: String,
    title: String,
    what: &'static str,
    due_on: NaiveDate,
    overdue: bool,
}

/// `GET /`.
pub(crate) async fn home(State(state): State<AppState>, page: Page) -> Result<Response, ApiError> {
    let Some(viewer) = &page.viewer else {
        return login::show(
            &page,
            StatusCode::OK,
            &FormView::default(),
            &login::Next::default(),
        );
    };
    let person = viewer.person();
    let today = state.settings.compact.today(state.clock.now());
    let filter = CaseFilter {
        open_only: true,
        ..CaseFilter::default()
    };
    let open = state
        .store
        .list_cases(
            person,
            &filter,
            PageRequest::new(1, PageRequest::MAX_PER_PAGE),
        )
        .await?;
    let mut owed = Vec::new();
    for summary in open.items.iter().filter(|s| s.state != "paused") {
        let stored = state.store.case(&summary.reference).await?;
        for deadline in &stored.case.deadlines {
            if deadline.status == DeadlineStatus::Running
                && Audience::owing(&stored.case, deadline.kind).includes(person)
            {
                owed.push(Owed {
                    reference: summary.reference.clone(),
                    title: summary.title.clone(),
                    what: deadline.kind.describe(),
                    due_on: deadline.due_on,
                    overdue: deadline.has_passed(today),
                });
            }
        }
    }
    owed.sort_by_key(|o| (!o.overdue, o.due_on));
    let total = open.total;
    let cases: Vec<CaseSummaryView> = open
        .items
        .into_iter()
        .map(|s| CaseSummaryView::new(s, today))
        .collect();
    page.ok(
        "home.html",
        page_context! { title => "Your cases", section => "home", owed, cases, total },
    )
}
