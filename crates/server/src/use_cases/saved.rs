//! Saved lists: a person names a search of the case list to come back to from their home
//! page; the facilitator may share one of theirs with everyone holding a role. A saved
//! list is only a query: each person who opens it sees the cases they may see, no more.

use chrono::{DateTime, Utc};
use disputes_store::SavedView;
use disputes_workflow::{FieldError, Role, TextError, Title};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::cases::{CaseListQuery, list};
use crate::auth::Viewer;
use crate::problem::{ApiError, field_problem};
use crate::state::AppState;

/// The most lists one person may save.
pub const MOST_SAVED: u64 = 50;

/// The longest query a saved list may hold.
pub const LONGEST_QUERY: usize = 2_000;

/// A list to save.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewViewRequest {
    /// What to call it: one line.
    pub name: String,
    /// The case list's query string, as `GET /api/v1/cases` takes it (`stage=formal&sort=due`);
    /// any `page` and `per_page` are left out.
    pub query: String,
}

/// Sharing a saved list (the facilitator's own).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareViewRequest {
    /// The role to share it with; `null` to share it with nobody.
    pub shared_with_role: Option<Role>,
}

/// A saved list as its users see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SavedViewView {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The case list's query string.
    pub query: String,
    /// The role it is shared with, if any.
    pub shared_with_role: Option<Role>,
    /// Whether the caller saved it (and so may share or delete it).
    pub mine: bool,
    /// When it was saved.
    pub created_at: DateTime<Utc>,
}

impl SavedViewView {
    fn new(view: SavedView, viewer: &Viewer) -> Self {
        SavedViewView {
            mine: view.owner_id == viewer.person().id,
            id: view.id,
            name: view.name,
            query: view.query,
            shared_with_role: view.shared_with,
            created_at: view.created_at,
        }
    }
}

/// The query `text` as a saved list keeps it: without a leading `?`, paging or a download's
/// `format`.
fn kept(text: &str) -> String {
    narrowing(form_urlencoded::parse(
        text.trim().trim_start_matches('?').as_bytes(),
    ))
}

/// A list's query string from its `pairs`, without its paging or a download's `format`: what
/// narrows and orders the list, and no more.
pub fn narrowing<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> String {
    let pairs = pairs
        .into_iter()
        .filter(|(name, _)| !matches!(name.as_ref(), "page" | "per_page" | "format"));
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// Saves a list for `viewer`, refusing a name or query that cannot be used (the query is
/// checked as the case list would check it), and more than [`MOST_SAVED`] lists.
pub async fn save(
    state: &AppState,
    viewer: &Viewer,
    request: NewViewRequest,
) -> Result<SavedViewView, ApiError> {
    let mut errors = Vec::new();
    let name = Title::parse(request.name)
        .map_err(|e| errors.push(e.on("name")))
        .ok();
    let query = kept(&request.query);
    if query.chars().count() > LONGEST_QUERY {
        errors.push(TextError::TooLong(LONGEST_QUERY).on("query"));
    } else {
        match serde_urlencoded::from_str::<CaseListQuery>(&query) {
            Err(error) => errors.push(FieldError::new("query", error.to_string())),
            Ok(parsed) => {
                if let Err(refused) = list(state, viewer, parsed).await {
                    for error in refused.field_errors() {
                        errors.push(FieldError {
                            field: format!("query.{}", error.field),
                            ..error.clone()
                        });
                    }
                }
            }
        }
    }
    let owner = viewer.person().id;
    if state.store.views_saved_by(owner).await? >= MOST_SAVED {
        errors.push(field_problem(
            "name",
            "field-saved-most",
            vec![("count", MOST_SAVED.into())],
        ));
    }
    let Some(name) = name.filter(|_| errors.is_empty()) else {
        return Err(ApiError::invalid(errors));
    };
    let view = state
        .store
        .save_view(owner, name.as_str(), &query, state.clock.now())
        .await?;
    Ok(SavedViewView::new(view, viewer))
}

/// The lists `viewer` may open: their own and those shared with a role they hold.
pub async fn views(state: &AppState, viewer: &Viewer) -> Result<Vec<SavedViewView>, ApiError> {
    Ok(state
        .store
        .views_for(viewer.person())
        .await?
        .into_iter()
        .map(|view| SavedViewView::new(view, viewer))
        .collect())
}

/// `viewer`'s own saved list `id`: 404 for any other, as if it did not exist.
async fn own(state: &AppState, viewer: &Viewer, id: i64) -> Result<SavedView, ApiError> {
    let view = state.store.saved_view(id).await?;
    if view.owner_id != viewer.person().id {
        return Err(ApiError::not_found());
    }
    Ok(view)
}

/// Shares `viewer`'s saved list `id` with a role, or with nobody.
pub async fn share(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    request: ShareViewRequest,
) -> Result<SavedViewView, ApiError> {
    own(state, viewer, id).await?;
    let view = state.store.share_view(id, request.shared_with_role).await?;
    Ok(SavedViewView::new(view, viewer))
}

/// Deletes `viewer`'s saved list `id`.
pub async fn delete(state: &AppState, viewer: &Viewer, id: i64) -> Result<(), ApiError> {
    own(state, viewer, id).await?;
    Ok(state.store.delete_view(id).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_query_keeps_its_filters_but_not_its_page() {
        assert_eq!(
            kept("?stage=formal&page=3&sort=due&per_page=10&format=csv"),
            "stage=formal&sort=due"
        );
        assert_eq!(kept(" q=rent+review "), "q=rent+review");
    }
}
