//! The home page: what the signed-in person owes next and by when, overdue first; for the
//! subgroup chair and the facilitator, every overdue deadline in the Compact; and the open
//! cases they can see. Both lists are read from the deadlines the scheduler reminds from,
//! with the scheduler's rule of who owes what. Someone not signed in gets the start page.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::Response;
use chrono::NaiveDate;
use disputes_store::{CaseFilter, OpenDeadline, PageRequest, Worklist};
use disputes_workflow::{Audience, DeadlineKind, OrganisationId, Owed, PersonId, Role};
use serde::Serialize;

use super::chrome::Page;
use super::start;
use crate::api::views::CaseSummaryView;
use crate::problem::ApiError;
use crate::state::AppState;

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

/// What is to be done for `deadline`: a panel's decision before the panel is convened is,
/// for now, the subgroup chair's to arrange by convening it.
fn what_is_owed(deadline: &OpenDeadline) -> String {
    match deadline.kind {
        DeadlineKind::FormalDecision if deadline.owing.awaits_panel() => {
            "convene the panel, which is to decide by this day".to_owned()
        }
        DeadlineKind::AppealDecision if deadline.owing.awaits_panel() => {
            "convene the appeal panel, which is to decide by this day".to_owned()
        }
        kind => kind.describe().to_owned(),
    }
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
        what: what_is_owed(deadline),
        who,
        due_on: deadline.due_on,
        overdue: deadline.due_on < today,
    };
    let owed: Vec<Due> = state
        .store
        .worklist(Worklist::Concerning(person))
        .await?
        .iter()
        .filter(|d| Audience::owing_by(&d.owing).includes(person))
        .map(|d| due(d, String::new()))
        .collect();
    let oversees = viewer.has_any(&[Role::Chair, Role::Facilitator]);
    let overdue: Vec<Due> = if oversees {
        let overdue = state.store.worklist(Worklist::OverdueOn(today)).await?;
        let names = Names::of(&state, &overdue).await?;
        overdue.iter().map(|d| due(d, names.owing(d))).collect()
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
    let total = open.total;
    let cases: Vec<CaseSummaryView> = open
        .items
        .into_iter()
        .map(|s| CaseSummaryView::new(s, today))
        .collect();
    page.ok(
        "home.html",
        page_context! {
            title => "Your cases",
            section => "home",
            owed,
            overdue,
            oversees,
            cases,
            total,
        },
    )
}

/// The names of the organisations and panel chairs a list of deadlines mentions.
struct Names {
    organisations: HashMap<OrganisationId, String>,
    people: HashMap<PersonId, String>,
}

impl Names {
    async fn of(state: &AppState, deadlines: &[OpenDeadline]) -> Result<Names, ApiError> {
        let mut organisations: Vec<OrganisationId> = deadlines
            .iter()
            .flat_map(|d| {
                [
                    d.owing.raising_organisation_id,
                    d.owing.respondent_organisation_id,
                ]
            })
            .collect();
        organisations.sort_unstable();
        organisations.dedup();
        let organisations = state.store.organisation_names(&organisations).await?;
        let mut people = HashMap::new();
        for chair in deadlines.iter().filter_map(|d| d.owing.panel_chair) {
            if let std::collections::hash_map::Entry::Vacant(entry) = people.entry(chair) {
                entry.insert(state.store.person(chair).await?.name);
            }
        }
        Ok(Names {
            organisations,
            people,
        })
    }

    /// Who owes `deadline`, in words.
    fn owing(&self, deadline: &OpenDeadline) -> String {
        let organisation = |id| self.organisations.get(&id).cloned().unwrap_or_default();
        let owing = &deadline.owing;
        match (owing.owed_by, owing.panel_chair) {
            (Owed::Respondent, _) => organisation(owing.respondent_organisation_id),
            (Owed::Parties, _) => format!(
                "{} and {}",
                organisation(owing.raising_organisation_id),
                organisation(owing.respondent_organisation_id)
            ),
            (Owed::PanelChair | Owed::AppealPanelChair, Some(chair)) => format!(
                "The panel's chair, {}",
                self.people.get(&chair).cloned().unwrap_or_default()
            ),
            (Owed::SubgroupChair | Owed::PanelChair | Owed::AppealPanelChair, _) => {
                "The subgroup chair".to_owned()
            }
        }
    }
}
