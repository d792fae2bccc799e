//! Messages, attachments, and the email log of a case, over HTTP.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use disputes_store::{KeyedWrite, Shared};
use disputes_workflow::Role;
use serde::Serialize;
use utoipa::ToSchema;

use crate::authz::CaseAccess;
use crate::extract::{ApiJson, ApiPath};
use crate::problem::{ApiError, Problem, says};
use crate::state::AppState;
use crate::use_cases::correspondence::{
    MessageRequest, post_message, readable_scopes, receive_file, share,
};
use crate::use_cases::files;
use crate::use_cases::views::{AttachmentView, MessageView};

/// Adds a message to a case (anyone who can see it; `panel` messages only those who may
/// write for the panel).
#[utoipa::path(
    post,
    path = "/api/v1/cases/{reference}/messages",
    tag = "correspondence",
    params(("reference" = String, Path, description = "The case")),
    request_body = MessageRequest,
    responses(
        (status = 201, body = MessageView),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem),
    )
)]
pub async fn add_message(
    State(state): State<AppState>,
    CaseAccess {
        viewer,
        case: stored,
    }: CaseAccess,
    key: Option<Extension<KeyedWrite>>,
    ApiJson(request): ApiJson<MessageRequest>,
) -> Result<(StatusCode, Json<MessageView>), ApiError> {
    let message = post_message(&state, &viewer, &stored, request, key.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(message.into())))
}

/// The case's messages, oldest first (a panel's messages only for those who may read them).
#[utoipa::path(
    get,
    path = "/api/v1/cases/{reference}/messages",
    tag = "correspondence",
    params(("reference" = String, Path, description = "The case")),
    responses((status = 200, body = Vec<MessageView>), (status = 404, body = Problem))
)]
pub async fn list_messages(
    State(state): State<AppState>,
    CaseAccess {
        viewer,
        case: stored,
    }: CaseAccess,
) -> Result<Json<Vec<MessageView>>, ApiError> {
    let scopes = readable_scopes(&stored, &viewer);
    let messages = state.store.messages(&stored.reference, &scopes).await?;
    Ok(Json(messages.into_iter().map(Into::into).collect()))
}

/// Attaches a file (multipart: a field `file`, and `visibility` as for messages) to a case.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{reference}/attachments",
    tag = "correspondence",
    params(("reference" = String, Path, description = "The case")),
    request_body(content_type = "multipart/form-data", description = "A field `file` with the file, and a field `visibility` (`parties` or `panel`) as for messages"),
    responses(
        (status = 201, body = AttachmentView),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 413, body = Problem), (status = 422, body = Problem),
    )
)]
pub async fn add_attachment(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
    key: Option<Extension<KeyedWrite>>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<(StatusCode, Json<AttachmentView>), ApiError> {
    let multipart = multipart
        .map_err(|_| ApiError::unsupported_media_type(says("detail-file-multipart", Vec::new())))?;
    let added = receive_file(&state, &viewer, &case, multipart, None, key.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(added.into())))
}

/// The case's attachments (a panel's files only for those who may read them).
#[utoipa::path(
    get,
    path = "/api/v1/cases/{reference}/attachments",
    tag = "correspondence",
    params(("reference" = String, Path, description = "The case")),
    responses((status = 200, body = Vec<AttachmentView>), (status = 404, body = Problem))
)]
pub async fn list_attachments(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
) -> Result<Json<Vec<AttachmentView>>, ApiError> {
    let scopes = readable_scopes(&case, &viewer);
    let list = state.store.attachments(&case.reference, &scopes).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

/// Downloads an attachment: always as a download, never shown inline; a panel's file is
/// not found by anyone outside it.
#[utoipa::path(
    get,
    path = "/api/v1/cases/{reference}/attachments/{id}",
    tag = "correspondence",
    params(
        ("reference" = String, Path, description = "The case"),
        ("id" = i64, Path, description = "The attachment"),
    ),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 404, body = Problem))
)]
pub async fn get_attachment(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> Result<Response, ApiError> {
    let scopes = readable_scopes(&case, &viewer);
    let (info, bytes) = state.store.attachment(&case.reference, id, &scopes).await?;
    let mut response = bytes.into_response();
    files::download_headers(&info.file_name, response.headers_mut());
    Ok(response)
}

/// An email in the case's log.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationView {
    /// Its id.
    pub id: i64,
    /// What it is about.
    pub kind: String,
    /// The event it reports.
    pub event_seq: Option<u32>,
    /// Who it is for.
    pub recipient_id: Option<i64>,
    /// Where it goes.
    pub recipient_email: String,
    /// The email's Message-ID, the same at every attempt: the key to find it in a mail
    /// server's logs, and what a receiver uses to drop a repeat.
    pub message_id: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// Attempts so far.
    pub attempts: u32,
    /// When the next attempt is due.
    pub next_attempt_at: chrono::DateTime<chrono::Utc>,
    /// What went wrong last.
    pub last_error: Option<String>,
    /// When it was queued.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// When it went.
    pub sent_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The emails queued and sent for a case (facilitator).
#[utoipa::path(
    get,
    path = "/api/v1/cases/{reference}/notifications",
    tag = "correspondence",
    params(("reference" = String, Path, description = "The case")),
    responses((status = 200, body = Vec<NotificationView>), (status = 403, body = Problem), (status = 404, body = Problem))
)]
pub async fn notifications(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
) -> Result<Json<Vec<NotificationView>>, ApiError> {
    viewer.require(&[Role::Facilitator])?;
    let log = state.store.notifications(&case.reference).await?;
    let from: Option<lettre::message::Mailbox> = state.settings.email.from.parse().ok();
    Ok(Json(
        log.into_iter()
            .map(|n| NotificationView {
                message_id: from.as_ref().map_or_else(String::new, |from| {
                    disputes_notify::message::message_id(&n.message_key, from)
                }),
                id: n.id,
                kind: n.kind,
                event_seq: n.event_seq,
                recipient_id: n.recipient_id.map(|p| p.0),
                recipient_email: n.recipient_email,
                status: n.status,
                attempts: n.attempts,
                next_attempt_at: n.next_attempt_at,
                last_error: n.last_error,
                created_at: n.created_at,
                sent_at: n.sent_at,
            })
            .collect(),
    ))
}

/// Shares the author's own panel-only message with everyone on the case (how a reply by
/// email, recorded for the panel only, is widened). 404 unless it is theirs and for the
/// panel only.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{reference}/messages/{id}/share",
    tag = "correspondence",
    params(
        ("reference" = String, Path, description = "The case"),
        ("id" = i64, Path, description = "The message"),
    ),
    responses((status = 204, description = "Shared"), (status = 404, body = Problem))
)]
pub async fn share_message(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> Result<StatusCode, ApiError> {
    share(&state, &viewer, &case, Shared::Message(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Shares the uploader's own panel-only file with everyone on the case. 404 unless it is
/// theirs and for the panel only.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{reference}/attachments/{id}/share",
    tag = "correspondence",
    params(
        ("reference" = String, Path, description = "The case"),
        ("id" = i64, Path, description = "The file"),
    ),
    responses((status = 204, description = "Shared"), (status = 404, body = Problem))
)]
pub async fn share_file(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> Result<StatusCode, ApiError> {
    share(&state, &viewer, &case, Shared::File(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sends a failed email again (facilitator). Only a failed email may be: one delivered would
/// reach its receiver as a repeat.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{reference}/notifications/{id}/resend",
    tag = "correspondence",
    params(
        ("reference" = String, Path, description = "The case"),
        ("id" = i64, Path, description = "The email, from the case's notifications"),
    ),
    responses(
        (status = 202, description = "Queued to be sent again"),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem),
    )
)]
pub async fn resend(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> Result<StatusCode, ApiError> {
    viewer.require(&[Role::Facilitator])?;
    state
        .store
        .resend_email(&case.reference, id, state.clock.now())
        .await?;
    Ok(StatusCode::ACCEPTED)
}
