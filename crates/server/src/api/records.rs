//! Records over HTTP: decision letters (anyone who sees the case), and for the facilitator
//! everything held about a person and erasing a person.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use disputes_notify::LetterKind;
use disputes_store::StoredCase;
use disputes_workflow::{Party, PersonId};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::Viewer;
use crate::authz::{CaseAccess, Facilitator};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::use_cases::records::{self, ErasureRequest, ErasureView, PersonExportView};
use crate::use_cases::{bundle, files, letters};

/// How an export is given.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// `json` (the default) or `pdf`, to read.
    #[param(value_type = Option<String>)]
    pub format: Option<ExportFormat>,
}

/// An export's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Every row as JSON.
    Json,
    /// The same, as a PDF a person reads.
    Pdf,
}

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
    export_response(&export, query.format.unwrap_or(ExportFormat::Json))
}

/// An export as a download: the API's answer and the page's alike.
pub(crate) fn export_response(
    export: &PersonExportView,
    format: ExportFormat,
) -> Result<Response, ApiError> {
    let day = export.exported_at.format("%Y-%m-%d");
    let (bytes, name) = match format {
        ExportFormat::Json => (
            serde_json::to_vec_pretty(export)
                .map_err(|e| ApiError::internal().with_detail(e.to_string()))?,
            format!("person-{}-{day}.json", export.person_id),
        ),
        ExportFormat::Pdf => (
            export.pdf()?,
            format!("person-{}-{day}.pdf", export.person_id),
        ),
    };
    let mut response = bytes.into_response();
    files::download_headers(&name, response.headers_mut());
    if format == ExportFormat::Json {
        response.headers_mut().insert(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        );
    }
    Ok(response)
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

/// To whom a decision letter is addressed.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct LetterQuery {
    /// `raiser` or `respondent`: the organisation the letter is addressed to (by default
    /// the viewer's own, or the raising organisation for those outside both).
    #[param(value_type = Option<String>)]
    pub to: Option<Party>,
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
    letter_response(&state, &viewer, &case, &kind, query.to).await
}

/// A letter as a download: the API's answer and the page's alike.
pub(crate) async fn letter_response(
    state: &AppState,
    viewer: &Viewer,
    case: &StoredCase,
    kind: &str,
    to: Option<Party>,
) -> Result<Response, ApiError> {
    let kind: LetterKind = kind.parse().map_err(|()| {
        ApiError::not_found().with_detail("a letter is `informal`, `formal` or `appeal`")
    })?;
    let to = to.unwrap_or_else(|| letters::default_party(&case.case, viewer));
    let letter = letters::letter(state, case, kind, to).await?;
    let mut response = letter.pdf.into_response();
    files::download_headers(&letter.file_name, response.headers_mut());
    Ok(response)
}

/// The case's bundle (the facilitator and the two organisations): a ZIP of the case record as
/// the requester may see it (`record.pdf`), its files, its decision letters and its audit
/// trail with every hash (`audit/events.json`), with a manifest of digests.
/// `disputes audit verify-bundle FILE` checks it offline.
#[utoipa::path(
    get,
    path = "/api/v1/cases/{reference}/bundle",
    tag = "records",
    params(("reference" = String, Path, description = "The case")),
    responses(
        (status = 200, description = "The bundle", content_type = "application/zip"),
        (status = 403, body = Problem), (status = 404, body = Problem),
    )
)]
pub async fn get_bundle(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
) -> Result<Response, ApiError> {
    bundle_response(&state, &viewer, &case).await
}

/// A bundle as a download: the API's answer and the page's alike.
pub(crate) async fn bundle_response(
    state: &AppState,
    viewer: &Viewer,
    case: &StoredCase,
) -> Result<Response, ApiError> {
    let bundle = bundle::bundle(state, viewer, case).await?;
    let mut response = bundle.zip.into_response();
    files::download_headers(&bundle.file_name, response.headers_mut());
    response.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/zip"),
    );
    Ok(response)
}
