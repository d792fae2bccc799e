//! Saved lists over HTTP: anyone signed in saves searches of the case list and finds them
//! again; the facilitator shares theirs with a role.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::auth::SignedIn;
use crate::authz::Facilitator;
use crate::extract::{ApiJson, ApiPath};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::use_cases::saved::{
    self, NewViewRequest, SavedViewView, ShareViewRequest, delete, save, share,
};

/// Saves a search of the case list under a name (at most 50 a person).
#[utoipa::path(
    post,
    path = "/api/v1/views",
    tag = "cases",
    request_body = NewViewRequest,
    responses((status = 201, body = SavedViewView), (status = 422, body = Problem))
)]
pub async fn create_view(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ApiJson(request): ApiJson<NewViewRequest>,
) -> Result<(StatusCode, Json<SavedViewView>), ApiError> {
    let view = save(&state, &viewer, request).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The caller's saved lists and those shared with a role they hold, by name.
#[utoipa::path(
    get,
    path = "/api/v1/views",
    tag = "cases",
    responses((status = 200, body = Vec<SavedViewView>))
)]
pub async fn list_views(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
) -> Result<Json<Vec<SavedViewView>>, ApiError> {
    Ok(Json(saved::views(&state, &viewer).await?))
}

/// Shares one of the facilitator's saved lists with everyone holding a role, or with nobody.
#[utoipa::path(
    patch,
    path = "/api/v1/views/{id}",
    tag = "cases",
    params(("id" = i64, Path, description = "The saved list")),
    request_body = ShareViewRequest,
    responses(
        (status = 200, body = SavedViewView),
        (status = 403, body = Problem), (status = 404, body = Problem),
    )
)]
pub async fn share_view(
    State(state): State<AppState>,
    Facilitator(viewer): Facilitator,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<ShareViewRequest>,
) -> Result<Json<SavedViewView>, ApiError> {
    Ok(Json(share(&state, &viewer, id, request).await?))
}

/// Deletes one of the caller's saved lists.
#[utoipa::path(
    delete,
    path = "/api/v1/views/{id}",
    tag = "cases",
    params(("id" = i64, Path, description = "The saved list")),
    responses((status = 204, description = "Deleted"), (status = 404, body = Problem))
)]
pub async fn delete_view(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    delete(&state, &viewer, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
