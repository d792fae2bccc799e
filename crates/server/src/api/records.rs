//! Records management over HTTP (the facilitator): everything held about a person, and
//! erasing a person.

use axum::Json;
use axum::extract::State;
use disputes_workflow::PersonId;

use crate::authz::Facilitator;
use crate::extract::{ApiJson, ApiPath};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::use_cases::records::{self, ErasureRequest, ErasureView, PersonExportView};

/// Everything the service holds about a person, for a subject access request (the
/// facilitator): every row that names them, table by table, without secrets or files' bytes.
#[utoipa::path(
    get,
    path = "/api/v1/users/{id}/export",
    tag = "records",
    params(("id" = i64, Path, description = "The person's id")),
    responses(
        (status = 200, body = PersonExportView),
        (status = 403, body = Problem), (status = 404, body = Problem),
    )
)]
pub async fn export_user(
    State(state): State<AppState>,
    Facilitator(viewer): Facilitator,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PersonExportView>, ApiError> {
    Ok(Json(records::export(&state, &viewer, PersonId(id)).await?))
}

/// Erases a person (the facilitator), for the reason given: their sign-in goes, their name
/// and address become a tombstone everywhere, and, where `retention.erase_written_text` says
/// so, the text they wrote on cases is removed. Each case they took part in records the
/// erasure in its audit trail, which still verifies. It cannot be undone.
#[utoipa::path(
    post,
    path = "/api/v1/users/{id}/erase",
    tag = "records",
    params(("id" = i64, Path, description = "The person's id")),
    request_body = ErasureRequest,
    responses(
        (status = 200, body = ErasureView),
        (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem),
    )
)]
pub async fn erase_user(
    State(state): State<AppState>,
    Facilitator(viewer): Facilitator,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<ErasureRequest>,
) -> Result<Json<ErasureView>, ApiError> {
    Ok(Json(
        records::erase(&state, &viewer, PersonId(id), request).await?,
    ))
}
