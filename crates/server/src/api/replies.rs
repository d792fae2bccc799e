//! Replies by email over HTTP: the facilitator's quarantine of refused emails, to release
//! onto their case or discard.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::authz::Facilitator;
use crate::extract::ApiPath;
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::use_cases::replies::{self, QuarantinedView};

/// The emails received and refused, newest first, waiting for the facilitator: who sent
/// each, to which case, and why it was not recorded.
#[utoipa::path(
    get,
    path = "/api/v1/quarantine",
    tag = "replies",
    responses((status = 200, body = Vec<QuarantinedView>), (status = 403, body = Problem))
)]
pub async fn list_quarantine(
    State(state): State<AppState>,
    Facilitator(_): Facilitator,
) -> Result<Json<Vec<QuarantinedView>>, ApiError> {
    Ok(Json(
        replies::quarantine(&state, disputes_i18n::Lang::En).await?,
    ))
}

/// What releasing an email recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct Released {
    /// The message it became on its case (none when it held only files).
    pub message_id: Option<i64>,
}

/// Records a quarantined email on its case after all (the facilitator, vouching for its
/// sender): 409 when it still may not be, saying why.
#[utoipa::path(
    post,
    path = "/api/v1/quarantine/{id}/release",
    tag = "replies",
    params(("id" = i64, Path, description = "The quarantined email")),
    responses(
        (status = 200, body = Released),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem),
    )
)]
pub async fn release(
    State(state): State<AppState>,
    Facilitator(viewer): Facilitator,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Released>, ApiError> {
    let message_id = replies::release(&state, &viewer, id).await?;
    Ok(Json(Released { message_id }))
}

/// Throws a quarantined email away (the facilitator).
#[utoipa::path(
    post,
    path = "/api/v1/quarantine/{id}/discard",
    tag = "replies",
    params(("id" = i64, Path, description = "The quarantined email")),
    responses(
        (status = 204, description = "Discarded"),
        (status = 403, body = Problem), (status = 404, body = Problem),
    )
)]
pub async fn discard(
    State(state): State<AppState>,
    Facilitator(viewer): Facilitator,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    replies::discard(&state, &viewer, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
