//! Records over HTTP: decision letters (anyone who sees the case), and for the facilitator
//! everything held about a person and erasing a person.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use disputes_workflow::PersonId;

use crate::authz::{CaseAccess, Facilitator};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::use_cases::letters::LetterQuery;
use crate::use_cases::records::{
    self, ErasureRequest, ErasureView, ExportFormat, ExportQuery, PersonExportView,
};
use crate::use_cases::{bundle, letters};

/// Everything the service holds about a person, for a subject access request (the
/// facilitator): every row that names them, table by table, without secrets or files'
/// bytes; as JSON, or with `format=pdf` as a readable PDF.
#[utoipa::path(
    get,
    path = "/api/v1/users/{id}/export",
    tag = "records",
    params(("id" = i64, Path, description = "The person's id"), ExportQuery),
    responses(
        (status = 200, description = "JSON, or a PDF with format=pdf", content(
            (PersonExportView = "application/json"),
            (Vec<u8> = "application/pdf"),
        )),
        (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem),
    )
)]
pub async fn export_user(
    State(state): State<AppState>,
    Facilitator(viewer): Facilitator,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> Result<Response, ApiError> {
    let export = records::export(&state, &viewer, PersonId(id)).await?;
    records::download(&export, query.format.unwrap_or(ExportFormat::Json))
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

/// A decision letter as a PDF (anyone who sees the case): `informal` for terms agreed at the
/// informal stage, `formal` for the panel's decision, `appeal` for the appeal's, each
/// addressed to either party.
#[utoipa::path(
    get,
    path = "/api/v1/cases/{reference}/letters/{kind}",
    tag = "records",
    params(
        ("reference" = String, Path, description = "The case"),
        ("kind" = String, Path, description = "`informal`, `formal` or `appeal`"),
        LetterQuery,
    ),
    responses(
        (status = 200, description = "The letter", content_type = "application/pdf"),
        (status = 404, body = Problem), (status = 422, body = Problem),
    )
)]
pub async fn get_letter(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
    ApiPath((_, kind)): ApiPath<(String, String)>,
    ApiQuery(query): ApiQuery<LetterQuery>,
) -> Result<Response, ApiError> {
    letters::download(&state, &viewer, &case, &kind, query).await
}

/// The case's bundle (the facilitator and the two organisations): a ZIP of the case record as
/// the requester may see it (`record.pdf`), its files, its decision letters and its audit
/// trail with every hash (`audit/events.json`), with a manifest of digests.
/// `disputes audit verify-bundle FILE` checks it offline.
#[utoipa::path(
    get,
    path = "/api/v1/cases/{reference}/bundle",
    tag = "records",
    params(("reference" = String, Path, description = "The case"), bundle::BundleQuery),
    responses(
        (status = 200, description = "The bundle", content_type = "application/zip"),
        (status = 403, body = Problem), (status = 404, body = Problem),
    )
)]
pub async fn get_bundle(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
    ApiQuery(query): ApiQuery<bundle::BundleQuery>,
) -> Result<Response, ApiError> {
    bundle::download(&state, &viewer, &case, query).await
}
