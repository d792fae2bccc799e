//! The recommendations tracker, for champions, the subgroup chair and the facilitator: what
//! panels recommended in the cases one may see and what became of it, those still open after
//! their day first; narrowed by organisation, year and status, and downloadable as CSV.

use axum::extract::{RawQuery, State};
use axum::response::Response;
use disputes_workflow::{RecommendationStatus, Role};

use super::cases::Choice;
use super::chrome::Page;
use super::form::{Fields, Form, FormView};
use super::lists::{Pagination, download_link, recent_years};
use crate::problem::ApiError;
use crate::state::AppState;
use crate::use_cases::reports::{RecommendationQuery, recommendations, recommendations_csv};

/// The status filter's value for every status; the filter shows open ones when it is not
/// given.
const ANY_STATUS: &str = "any";

/// `GET /recommendations?organisation=&year=&status=&page=` (and `format=csv` for all of
/// them as CSV).
pub(crate) async fn tracker(
    State(state): State<AppState>,
    page: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    viewer.require(&[Role::Champion, Role::Chair, Role::Facilitator])?;
    let form = Form::parse(query.unwrap_or_default().as_bytes());
    let mut fields = Fields::new(&form);
    let status = match form.get("status").as_deref() {
        None => Some(RecommendationStatus::Open),
        Some(ANY_STATUS) => None,
        Some(_) => fields.choice("status", false),
    };
    let query = RecommendationQuery {
        status,
        organisation_id: fields.number("organisation", false),
        year: fields.number("year", false),
        page: fields.number("page", false),
        per_page: Some(25),
    };
    if !fields.errors.is_empty() {
        return Err(ApiError::invalid(fields.errors));
    }
    if form.get("format").as_deref() == Some("csv") {
        let body = recommendations_csv(&state, viewer, query, &page.locale).await?;
        return Ok(crate::csv::download(body, "recommendations.csv"));
    }
    let listed = recommendations(&state, viewer, &query).await?;
    let paging = Pagination::of("/recommendations", &form, &listed);
    let organisations = Choice::organisations(&state).await?;
    let years = recent_years(&state);
    let mut statuses = Choice::every::<RecommendationStatus>(&page.locale);
    statuses.push(Choice::labelled(
        ANY_STATUS,
        page.locale.t("recommendations-any-status"),
    ));
    page.ok(
        "recommendations.html",
        page_context! {
            title => page.locale.t("page-nav-recommendations"),
            section => "recommendations",
            form => FormView { values: form.values(), ..FormView::default() },
            organisations,
            years,
            statuses,
            recommendations => listed.items,
            total => listed.total,
            open_only => status == Some(RecommendationStatus::Open),
            csv => download_link("/recommendations", &form),
            paging,
        },
    )
}
