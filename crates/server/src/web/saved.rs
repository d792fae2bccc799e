//! Saving the list on the screen under a name, and deleting a saved list, from the pages.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use super::chrome::Page;
use super::form::Form;
use crate::extract::ApiPath;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::use_cases::saved::{NewViewRequest, delete, save};

/// `POST /views`: saves the list the form came from (its `query`) as `name`, and goes back
/// to it.
pub(crate) async fn save_view(
    State(state): State<AppState>,
    page: Page,
    form: Form,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    let request = NewViewRequest {
        name: form.get("name").unwrap_or_default(),
        query: form.get("query").unwrap_or_default(),
    };
    let view = save(&state, viewer, request).await?;
    let back = match view.query.as_str() {
        "" => "/cases?done=saved".to_owned(),
        query => format!("/cases?{query}&done=saved"),
    };
    Ok(Redirect::to(&back).into_response())
}

/// `POST /views/{id}/delete`: deletes one of the person's saved lists.
pub(crate) async fn delete_view(
    State(state): State<AppState>,
    page: Page,
    ApiPath(id): ApiPath<i64>,
    _form: Form,
) -> Result<Response, ApiError> {
    delete(&state, page.viewer()?, id).await?;
    Ok(Redirect::to("/#saved").into_response())
}
