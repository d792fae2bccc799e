//! Messages, attachments, and the email log of a case.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use disputes_store::{Attachment, KeyedWrite, Message, NewAttachment, StoredCase, Visibility};
use disputes_workflow::visibility::{PanelScope, can_write_panel_notes, panel_scopes};
use disputes_workflow::{FieldError, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::files;
use super::views::{AttachmentView, MessageView};
use crate::auth::{Viewer, csrf};
use crate::authz::CaseAccess;
use crate::extract::{ApiJson, ApiPath};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;

/// Who a message or file is for, as its writer chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Everyone who can see the case.
    Parties,
    /// The panel of the case's current stage, the subgroup chair and the facilitator.
    Panel,
}

/// A message to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageRequest {
    /// What it says.
    pub body: String,
    /// `parties` (everyone who can see the case) or `panel` (the panel of the case's
    /// current stage, the subgroup chair and the facilitator). Whoever may write for the
    /// panel must choose, every time; for anyone else it can only be `parties`, the
    /// default.
    #[serde(default)]
    pub visibility: Option<Audience>,
}

/// What `viewer` wrote, for whom: 403 when they chose the panel and may not write for it;
/// the field's problem (to report with the others, as 422) when they may and did not say.
pub fn chosen_visibility(
    stored: &StoredCase,
    viewer: &Viewer,
    chosen: Option<Audience>,
) -> Result<Result<Visibility, FieldError>, ApiError> {
    let may_write_for_panel = can_write_panel_notes(&stored.case, viewer.person());
    Ok(match (chosen, may_write_for_panel) {
        (Some(Audience::Panel), false) => {
            return Err(ApiError::forbidden(
                "Only the panel of the case's stage, the subgroup chair and the facilitator \
                 may write for the panel.",
            ));
        }
        (Some(Audience::Panel), true) => {
            Ok(Visibility::Panel(PanelScope::for_writing(&stored.case)))
        }
        (Some(Audience::Parties), _) | (None, false) => Ok(Visibility::Parties),
        (None, true) => Err(FieldError::new(
            "visibility",
            "is required: choose parties (everyone on the case) or panel (the panel, the \
             subgroup chair and the facilitator only)",
        )),
    })
}

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

/// Adds `request` to `stored` as `viewer`: the API's way and the case page's. `key` is the
/// request's idempotency key, completed with the message.
pub async fn post_message(
    state: &AppState,
    viewer: &Viewer,
    stored: &StoredCase,
    request: MessageRequest,
    key: Option<&KeyedWrite>,
) -> Result<Message, ApiError> {
    let visibility = chosen_visibility(stored, viewer, request.visibility)?;
    let body = disputes_workflow::Text::parse(request.body)
        .map_err(|e| FieldError::new("body", e.to_string()));
    let (body, visibility) = match (body, visibility) {
        (Ok(body), Ok(visibility)) => (body, visibility),
        (body, visibility) => {
            let errors = [body.err(), visibility.err()].into_iter().flatten();
            return Err(ApiError::invalid(errors.collect()));
        }
    };
    Ok(state
        .store
        .add_message(
            stored,
            viewer.person().id,
            visibility,
            body,
            state.clock.now(),
            key,
        )
        .await?)
}

/// The panel scopes `viewer` reads on `stored`.
pub fn readable_scopes(stored: &StoredCase, viewer: &Viewer) -> Vec<PanelScope> {
    panel_scopes(&stored.case, viewer.person())
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
        .map_err(|_| ApiError::unsupported_media_type("Send the file as multipart/form-data."))?;
    let added = receive_file(&state, &viewer, &case, multipart, None, key.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(added.into())))
}

/// A file as sent, before it is checked.
struct Upload {
    name: String,
    content: Vec<u8>,
}

/// Reads the fields of `multipart` (`file`, `visibility`, and, with `token`, a field `csrf`
/// of that value: the case page's upload form) and attaches the file to `stored` for
/// `viewer`, checking its size, name and kind; `key`, the request's idempotency key, is
/// completed with it.
pub async fn receive_file(
    state: &AppState,
    viewer: &Viewer,
    stored: &StoredCase,
    mut multipart: Multipart,
    token: Option<&str>,
    key: Option<&KeyedWrite>,
) -> Result<Attachment, ApiError> {
    let limit = state.settings.server.attachment_limit_bytes;
    let too_large = || ApiError::too_large(format!("Attachments may be at most {limit} bytes."));
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            ApiError::bad_request(e.body_text())
        }
    };
    let mut token_seen = token.is_none();
    let mut upload = None;
    let mut chosen = None;
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name() {
            Some(csrf::TOKEN_FIELD) if token.is_some() => {
                let sent = field.text().await.map_err(unreadable)?;
                token_seen = token.is_some_and(|expected| csrf::same_token(expected, &sent));
            }
            // The page's form sends its token first: nothing else is read without it.
            _ if !token_seen => return Err(csrf::expired()),
            Some("visibility") => {
                let text = field.text().await.map_err(unreadable)?;
                chosen = Some(match text.trim() {
                    "parties" => Audience::Parties,
                    "panel" => Audience::Panel,
                    "" => continue,
                    _ => {
                        return Err(ApiError::invalid_field(
                            "visibility",
                            "must be parties or panel",
                        ));
                    }
                });
            }
            Some("file") if upload.is_none() => {
                let name = files::clean_name(field.file_name().unwrap_or("attachment"));
                let content = field.bytes().await.map_err(unreadable)?;
                if content.len() > limit {
                    return Err(too_large());
                }
                upload = Some(Upload {
                    name,
                    content: content.to_vec(),
                });
            }
            _ => {}
        }
    }
    if !token_seen {
        return Err(csrf::expired());
    }
    let visibility = chosen_visibility(stored, viewer, chosen)?;
    let mut errors = Vec::new();
    let file = match upload {
        None => {
            errors.push(FieldError::new("file", "is required"));
            None
        }
        Some(upload) if upload.content.is_empty() => {
            errors.push(FieldError::new("file", "is empty: choose a file"));
            None
        }
        Some(upload) => match files::check(&upload.name, &upload.content) {
            Ok(kind) => Some((upload, kind)),
            Err(error) => {
                errors.extend(error.field_errors().iter().cloned());
                None
            }
        },
    };
    let visibility = visibility.map_err(|e| errors.push(e)).ok();
    let (Some((upload, kind)), Some(visibility)) = (file, visibility) else {
        return Err(ApiError::invalid(errors));
    };
    Ok(state
        .store
        .add_attachment(
            stored,
            NewAttachment {
                uploaded_by: viewer.person().id,
                file_name: upload.name,
                content_type: kind.content_type.to_owned(),
                content: upload.content,
                visibility,
            },
            state.clock.now(),
            key,
        )
        .await?)
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
